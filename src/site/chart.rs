//! Bar charts of warehouse figures, drawn as inline SVG here (pure string
//! building, no JavaScript) and always shown next to a table with the same
//! figures: the county portal's and each year page's.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Model;
use super::display;
use super::project::total_of;
use crate::domain::{Money, Project};

/// A bar chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Caption (table caption and SVG title).
    pub caption: String,
    /// Rows.
    pub rows: Vec<ChartRow>,
    /// The inline SVG.
    pub svg: String,
}

/// One bar.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    /// Label.
    pub label: String,
    /// Number of projects.
    pub count: usize,
    /// Amount in 万元 (two decimals).
    pub amount: String,
    #[serde(skip)]
    value: Money,
}

pub(super) fn type_chart(m: &Model<'_>, projects: &[&Project]) -> Chart {
    let taxonomy = BarOrder::Listed(m.content.taxonomy.iter().map(|t| t.name.clone()).collect());
    chart("入库项目按类型统计", projects, taxonomy, |p| vec![(m.type_name(&p.project_type), total_of(p))])
}

/// The order of a chart's bars. Never the labels' code points: a reader
/// looks for the largest amount, or for the taxonomy's familiar order.
pub(super) enum BarOrder {
    /// Largest amount first (ties by label, so the output is deterministic).
    Amount,
    /// These labels in this order (years, the taxonomy's types); any other
    /// label after them, largest amount first.
    Listed(Vec<String>),
}

/// Sums `projects` into bars: each project gives (label, amount) pairs.
pub(super) fn chart(
    caption: &str,
    projects: &[&Project],
    order: BarOrder,
    split: impl Fn(&Project) -> Vec<(String, Money)>,
) -> Chart {
    let mut sums: BTreeMap<String, (usize, Money)> = BTreeMap::new();
    for p in projects {
        for (label, m) in split(p) {
            let e = sums.entry(label).or_insert((0, Money::ZERO));
            e.0 += 1;
            e.1 = e.1 + m;
        }
    }
    let mut rows: Vec<ChartRow> = sums
        .into_iter()
        .map(|(label, (count, value))| ChartRow { label, count, amount: display::money(value), value })
        .collect();
    order_rows(&mut rows, &order);
    let caption = format!("{caption}（单位：万元）");
    let svg = bar_svg(&caption, &rows);
    Chart { caption, rows, svg }
}

fn order_rows(rows: &mut [ChartRow], order: &BarOrder) {
    let by_amount = |a: &ChartRow, b: &ChartRow| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label));
    match order {
        BarOrder::Amount => rows.sort_by(by_amount),
        BarOrder::Listed(labels) => {
            let rank = |r: &ChartRow| labels.iter().position(|l| *l == r.label).unwrap_or(usize::MAX);
            rows.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| by_amount(a, b)));
        }
    }
}

pub(super) fn source_chart(projects: &[&Project]) -> Chart {
    chart("入库项目资金按来源统计", projects, BarOrder::Amount, |p| {
        p.funding.as_ref().map_or_else(Vec::new, |f| f.sources.iter().map(|s| (s.label(), s.amount)).collect())
    })
}

/// Width of the chart in SVG units. The SVG is drawn at this size in CSS
/// pixels and only shrinks below it, so its 14-unit text stays at least
/// 12 px on a 360 px phone (the chart is about 300 px wide there).
const CHART_WIDTH: i64 = 320;

/// A horizontal bar chart: each bar under its label, the amount after the
/// bar. Labels get the whole width, so a long fund name never runs into
/// the bar or the figure.
fn bar_svg(caption: &str, rows: &[ChartRow]) -> String {
    const VALUE: i64 = 80;
    const ROW: i64 = 46;
    let max = rows.iter().map(|r| r.value.fen()).max().unwrap_or(0).max(1);
    let h = ROW * rows.len() as i64 + 6;
    let mut s = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{CHART_WIDTH}\" height=\"{h}\" viewBox=\"0 0 {CHART_WIDTH} {h}\" role=\"img\" aria-label=\"{}\">",
        crate::escape::html(caption)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = ROW * i as i64;
        let bw = (r.value.fen() * (CHART_WIDTH - VALUE)) / max;
        s.push_str(&format!(
            "<text x=\"0\" y=\"{}\" class=\"chart-label\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{}\" height=\"14\" class=\"chart-bar\"/>\
             <text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            y + 16,
            crate::escape::html(&r.label),
            y + 24,
            bw.max(1),
            bw.max(1) + 6,
            y + 36,
            r.amount
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<ChartRow> {
        [("白岩村", 30), ("安居村", 120), ("石桥村", 80), ("草坪村", 80)]
            .into_iter()
            .map(|(label, yuan)| {
                let value = Money::from_yuan(yuan);
                ChartRow { label: label.into(), count: 1, amount: display::money(value), value }
            })
            .collect()
    }

    fn labels(order: BarOrder) -> Vec<String> {
        let mut r = rows();
        order_rows(&mut r, &order);
        r.into_iter().map(|r| r.label).collect()
    }

    #[test]
    fn bars_are_ordered_by_amount_or_by_the_listed_order_never_by_code_point() {
        assert_eq!(labels(BarOrder::Amount), ["安居村", "石桥村", "草坪村", "白岩村"]);
        let listed = BarOrder::Listed(vec!["石桥村".into(), "白岩村".into()]);
        assert_eq!(labels(listed), ["石桥村", "白岩村", "安居村", "草坪村"]);
    }

    #[test]
    fn the_chart_says_its_unit_and_draws_at_its_own_width() {
        let c = chart("入库项目按乡镇统计", &[], BarOrder::Amount, |_| Vec::new());
        assert_eq!(c.caption, "入库项目按乡镇统计（单位：万元）");
        assert!(c.svg.contains(&format!("width=\"{CHART_WIDTH}\"")), "{}", c.svg);
    }
}
