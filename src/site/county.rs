//! The county portal (`/counties/<id>/`) with its charts, the yearly 项目库公告
//! and township pages.
//!
//! Charts are inline SVG drawn here (pure string building, no JavaScript),
//! always next to a table with the same figures.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::display::{self, DateView};
use super::project::{ProjectRow, total_of};
use super::rows::{CaseRow, NoticeRow, case_rows, notice_row, notice_rows};
use super::{Link, Model, Page, PageData, url};
use crate::domain::{County, Keyword, Money, Project};

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

/// `/counties/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct CountyView {
    /// Id.
    pub id: String,
    /// Page path.
    pub url: String,
    /// The county's notices running today (shown first).
    pub running: Vec<NoticeRow>,
    /// Name.
    pub name: String,
    /// 省 + 市(州).
    pub region: String,
    /// 行政区划代码.
    pub adcode: String,
    /// 国家乡村振兴重点帮扶县.
    pub is_key_assistance_county: bool,
    /// 东西部协作.
    pub pairing: Option<String>,
    /// Current convener (name, post).
    pub convener: Option<(String, String)>,
    /// Current liaisons (level, name, org).
    pub liaisons: Vec<(&'static str, String, String)>,
    /// Warehoused projects and total.
    pub project_count: usize,
    /// Total in 万元.
    pub total: String,
    /// Charts: by year, type, township, funding source.
    pub charts: Vec<Chart>,
    /// 需求清单.
    pub needs: Vec<NeedRow>,
    /// Groups.
    pub groups: Vec<Link>,
    /// Cases.
    pub cases: Vec<CaseRow>,
    /// 项目库公告 by year.
    pub warehouse_years: Vec<Link>,
    /// Townships.
    pub townships: Vec<Link>,
}

/// One need.
#[derive(Debug, Clone, Serialize)]
pub struct NeedRow {
    /// 产业.
    pub industry: String,
    /// 需求.
    pub need: String,
    /// Submitted.
    pub submitted_on: DateView,
    /// State.
    pub status: &'static str,
    /// State key.
    pub status_key: &'static str,
    /// Group.
    pub group: Option<Link>,
}

/// `/counties/<id>/warehouse/<year>/`.
#[derive(Debug, Clone, Serialize)]
pub struct WarehouseView {
    /// Heading.
    pub heading: String,
    /// 索引号.
    pub index_no: String,
    /// 发布机构.
    pub publisher: String,
    /// 发布日期.
    pub published_on: Option<DateView>,
    /// Rows.
    pub projects: Vec<Arc<ProjectRow>>,
    /// Count.
    pub count: usize,
    /// Total.
    pub total: String,
    /// Charts of that year (by type, by funding source).
    pub charts: Vec<Chart>,
    /// Approval documents (文号, office, date).
    pub approvals: Vec<(String, String, DateView)>,
    /// Leading group.
    pub leading_group: String,
    /// 监督举报电话.
    pub phones: Vec<super::portal::PhoneLine>,
}

/// `/counties/<id>/townships/<tid>/`.
#[derive(Debug, Clone, Serialize)]
pub struct TownshipView {
    /// Name.
    pub name: String,
    /// County.
    pub county: Link,
    /// 公开栏.
    pub board: String,
    /// Villages (name, board).
    pub villages: Vec<(String, String)>,
    /// Every project located here (any status).
    pub projects: Vec<Arc<ProjectRow>>,
    /// Its notices, newest first.
    pub notices: Vec<NoticeRow>,
}

/// The portal view of `c` (also the home page of a one-county site).
pub(super) fn county_view(m: &Model<'_>, c: &County) -> CountyView {
    let projects = m.warehoused_in(&c.id);
    let mut years: Vec<i32> = projects.iter().map(|p| *p.year).collect();
    years.sort_unstable();
    years.dedup();
    let convener = c.convener.iter().rfind(|t| t.range.covers(m.today));
    CountyView {
        id: c.id.value.clone(),
        url: url::county(&c.id),
        running: notice_rows(m, |p| *p.county == *c.id).0,
        name: c.name.clone(),
        region: format!("{}{}", c.province, c.prefecture),
        adcode: c.adcode.clone(),
        is_key_assistance_county: c.is_key_assistance_county,
        pairing: c.east_west_pairing.as_ref().map(|p| format!("{}（{}年起）", p.partner, p.since)),
        convener: convener.map(|t| (t.name.clone(), t.post.clone())),
        liaisons: c
            .liaisons
            .iter()
            .filter(|l| l.range.covers(m.today))
            .map(|l| (l.level.label(), l.name.clone(), l.org.clone()))
            .collect(),
        project_count: projects.len(),
        total: display::money(projects.iter().map(|p| total_of(p)).sum()),
        charts: vec![
            chart(
                "入库项目按年度统计",
                projects,
                BarOrder::Listed(years.iter().map(|y| format!("{y}年")).collect()),
                |p| vec![(format!("{}年", p.year.value), total_of(p))],
            ),
            type_chart(m, projects),
            chart("入库项目按乡镇统计", projects, BarOrder::Amount, |p| {
                let t = p.township_id().and_then(|t| c.township(t)).map_or("县级统筹", |t| t.name.as_str());
                vec![(t.to_owned(), total_of(p))]
            }),
            source_chart(projects),
        ],
        needs: c
            .needs
            .iter()
            .map(|n| NeedRow {
                industry: n.industry.clone(),
                need: n.need.clone(),
                submitted_on: display::date(n.submitted_on),
                status: n.status.label(),
                status_key: n.status.key(),
                group: n.group.as_ref().and_then(|g| m.group(g)).map(|g| Link::new(&g.name, url::group(&g.id))),
            })
            .collect(),
        groups: m
            .sorted_groups()
            .into_iter()
            .filter(|g| *g.county == *c.id)
            .map(|g| Link::new(&g.name, url::group(&g.id)))
            .collect(),
        cases: case_rows(m, |k| *k.county == *c.id),
        warehouse_years: years
            .iter()
            .rev()
            .map(|y| Link::new(&format!("{}{y}年度项目库公告", c.name), url::warehouse(&c.id, *y)))
            .collect(),
        townships: c.townships.iter().map(|t| Link::new(&t.name, url::township(&c.id, &t.id))).collect(),
    }
}

fn type_chart(m: &Model<'_>, projects: &[&Project]) -> Chart {
    let taxonomy = BarOrder::Listed(m.content.taxonomy.iter().map(|t| t.name.clone()).collect());
    chart("入库项目按类型统计", projects, taxonomy, |p| vec![(m.type_name(&p.project_type), total_of(p))])
}

pub(super) fn counties(m: &Model<'_>, pages: &mut Vec<Page>) {
    // Counties are independent: their pages build in parallel.
    let built: Vec<Vec<Page>> = m
        .content
        .counties
        .par_iter()
        .map(|c| {
            let mut v = Vec::new();
            county_pages(m, c, &mut v);
            v
        })
        .collect();
    pages.extend(built.into_iter().flatten());
}

/// A county's portal, its yearly 项目库公告 and its township pages.
fn county_pages(m: &Model<'_>, c: &County, pages: &mut Vec<Page>) {
    let view = county_view(m, c);
    let portal = Link::new(&c.name, url::county(&c.id));
    pages.push(m.page(
        &url::county(&c.id),
        &format!("{}乡村振兴项目库", c.name),
        vec![],
        PageData::County(Box::new(view)),
    ));
    let projects = m.warehoused_in(&c.id);
    let mut by_year: BTreeMap<i32, Vec<&Project>> = BTreeMap::new();
    for p in projects {
        by_year.entry(*p.year).or_default().push(p);
    }
    for (year, list) in by_year {
        let mut approvals: Vec<(String, String, DateView)> = list
            .iter()
            .filter_map(|p| p.approval.as_ref())
            .map(|a| (a.doc_no.clone(), a.by.clone(), display::date(*a.date)))
            .collect();
        approvals.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
        approvals.dedup_by(|a, b| a.0 == b.0);
        let mut rows: Vec<&Project> = list.clone();
        rows.sort_by(|a, b| a.id.value.cmp(&b.id.value));
        let heading = format!("{}{year}年度巩固拓展脱贫攻坚成果和乡村振兴项目库公告", c.name);
        let view = WarehouseView {
            heading: heading.clone(),
            index_no: format!("{}-{year}-XMK", c.adcode),
            publisher: c.authority.clone(),
            published_on: list.iter().filter_map(|p| p.warehoused_date()).max().map(display::date),
            projects: rows.iter().map(|p| m.project_row(p)).collect(),
            count: list.len(),
            total: display::money(list.iter().map(|p| total_of(p)).sum()),
            charts: vec![type_chart(m, &list), source_chart(&list)],
            approvals,
            leading_group: c.leading_group.clone(),
            phones: super::portal::phones(m.site),
        };
        pages.push(m.page(
            &url::warehouse(&c.id, year),
            &format!("{}{year}年度项目库公告", c.name),
            vec![portal.clone()],
            PageData::Warehouse(view),
        ));
    }
    for t in &c.townships {
        let here = m.located(&c.id, &t.id);
        let mut rows: Vec<Arc<ProjectRow>> = here.iter().map(|p| m.project_row(p)).collect();
        rows.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.id.cmp(&b.id)));
        let mut notices: Vec<NoticeRow> = here
            .iter()
            .flat_map(|p| {
                // In the project page's order, which the sort below keeps for ties.
                p.notices_by_date().into_iter().map(|n| notice_row(m, p, n))
            })
            .collect();
        notices.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.project.url.cmp(&b.project.url)));
        let view = TownshipView {
            name: t.name.clone(),
            county: portal.clone(),
            board: t.board.clone(),
            villages: t.villages.iter().map(|v| (v.name.clone(), v.board.clone())).collect(),
            projects: rows,
            notices,
        };
        pages.push(m.page(
            &url::township(&c.id, &t.id),
            &format!("{}{}项目与公示", c.name, t.name),
            vec![portal.clone()],
            PageData::Township(view),
        ));
    }
}

/// The order of a chart's bars. Never the labels' code points: a reader
/// looks for the largest amount, or for the taxonomy's familiar order.
enum BarOrder {
    /// Largest amount first (ties by label, so the output is deterministic).
    Amount,
    /// These labels in this order (years, the taxonomy's types); any other
    /// label after them, largest amount first.
    Listed(Vec<String>),
}

/// Sums `projects` into bars: each project gives (label, amount) pairs.
fn chart(
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

fn source_chart(projects: &[&Project]) -> Chart {
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
