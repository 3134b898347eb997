//! The 明细表 of a 项目库公告: one row a project with every element the
//! 扶贫/乡村振兴领域基层政务公开标准目录 requires (名称、类别、建设性质、地点、
//! 时间进度、责任单位、建设任务、资金规模和筹资方式、受益对象、绩效目标、
//! 利益联结机制), as the project stood on the announcement's date.
//!
//! The rows are made once here; the page section prints their fields, and the
//! two attachments (`.xlsx`, `.csv`, written by `render::attachment`) take
//! [`DetailTable::header`] and [`DetailRow::cells`], so the three never
//! disagree on a column.

use chrono::NaiveDate;
use serde::Serialize;

use super::display;
use super::{Model, url};
use crate::domain::project::{NotGiven, ProjectLocation, Target};
use crate::domain::{County, Keyword, Money, Project};

/// 调整类型 of a row in an adjustment's 明细表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RowKind {
    /// 新增入库.
    #[serde(rename = "新增入库")]
    Entry,
    /// 调出.
    #[serde(rename = "调出")]
    MovedOut,
    /// 变更.
    #[serde(rename = "变更")]
    Changed,
    /// 调入 (a project entering the annual plan by an adjustment).
    #[serde(rename = "调入")]
    PlanIn,
}

impl RowKind {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            RowKind::Entry => "新增入库",
            RowKind::MovedOut => "调出",
            RowKind::Changed => "变更",
            RowKind::PlanIn => "调入",
        }
    }
}

/// The 明细表 of one announcement.
#[derive(Debug, Clone, Serialize)]
pub struct DetailTable {
    /// Title (the attachment's first row and the section's caption).
    pub title: String,
    /// Whether rows say their 调整类型 (an adjustment's table).
    pub with_kind: bool,
    /// One row a project.
    pub rows: Vec<DetailRow>,
    /// The announcement's date: the spreadsheet's creation date, so its
    /// bytes never depend on the day it is built.
    pub date: (i32, u8, u8),
}

/// One project in a 明细表.
#[derive(Debug, Clone, Serialize)]
pub struct DetailRow {
    /// 序号.
    pub seq: usize,
    /// 调整类型.
    pub kind: RowKind,
    /// 项目编号.
    pub id: String,
    /// The project's page.
    pub url: String,
    /// 项目名称.
    pub name: String,
    /// 项目类别: type name and 子类型.
    pub category: String,
    /// 建设性质.
    pub nature: String,
    /// 实施地点.
    pub location: String,
    /// 时间进度 (实施期限).
    pub period: String,
    /// 责任单位.
    pub responsible_unit: String,
    /// 建设任务 (建设内容及规模).
    pub content: String,
    /// 资金规模, 万元 with two decimals.
    pub total: String,
    /// 资金规模 in 万元 (the spreadsheet's number).
    pub total_wan: f64,
    /// 资金规模 in 万元, exact, at least four decimals (the CSV's text).
    pub total_exact: String,
    /// 筹资方式: each source with its amount.
    pub sources: Vec<SourceCell>,
    /// 受益对象.
    pub beneficiaries: String,
    /// 绩效目标.
    pub targets: String,
    /// 利益联结机制.
    pub linkage: String,
}

/// One funding source of a row.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCell {
    /// 中央衔接资金 …
    pub label: String,
    /// 万元, two decimals.
    pub amount: String,
    /// 万元, exactly as recorded (up to four decimals).
    pub exact: String,
}

/// One cell of an attachment.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// An amount in 万元: the number (to the 分, six decimals at most) and
    /// the same exactly as text with at least four decimals (`803.4000`).
    Wan(f64, String),
    /// A count (序号).
    Count(usize),
}

/// A table as its attachments (`.xlsx`, `.csv`) take it: the title (the
/// spreadsheet's first row), its date (the spreadsheet's creation date, so
/// its bytes never depend on the build day), the header and the cells. The
/// announcements' 明细表 and the plan documents' tables both become one.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// Title.
    pub title: String,
    /// The document's date.
    pub date: (i32, u8, u8),
    /// Column headers.
    pub header: Vec<&'static str>,
    /// One row of cells a line, in header order.
    pub rows: Vec<Vec<Cell>>,
}

impl DetailTable {
    /// The table as its attachments take it.
    pub fn sheet(&self) -> Sheet {
        Sheet { title: self.title.clone(), date: self.date, header: self.header(), rows: self.cells() }
    }

    /// The column headers, in the order of [`DetailRow::cells`].
    pub fn header(&self) -> Vec<&'static str> {
        let mut h = Vec::with_capacity(15);
        if self.with_kind {
            h.push("调整类型");
        }
        h.extend([
            "序号",
            "项目编号",
            "项目名称",
            "项目类别",
            "建设性质",
            "实施地点",
            "时间进度",
            "责任单位",
            "建设任务",
            "资金规模（万元）",
            "筹资方式（万元）",
            "受益对象",
            "绩效目标",
            "利益联结机制",
        ]);
        h
    }

    /// Every row's cells, in header order.
    pub fn cells(&self) -> Vec<Vec<Cell>> {
        self.rows.iter().map(|r| r.cells(self.with_kind)).collect()
    }
}

impl DetailRow {
    /// The row's cells in [`DetailTable::header`] order.
    pub fn cells(&self, with_kind: bool) -> Vec<Cell> {
        let t = |s: &str| Cell::Text(s.to_owned());
        let mut c = Vec::with_capacity(15);
        if with_kind {
            c.push(t(self.kind.label()));
        }
        let sources: Vec<String> = self.sources.iter().map(|s| format!("{} {}", s.label, s.exact)).collect();
        c.extend([
            Cell::Count(self.seq),
            t(&self.id),
            t(&self.name),
            t(&self.category),
            t(&self.nature),
            t(&self.location),
            t(&self.period),
            t(&self.responsible_unit),
            t(&self.content),
            Cell::Wan(self.total_wan, self.total_exact.clone()),
            Cell::Text(sources.join("；")),
            t(&self.beneficiaries),
            t(&self.targets),
            t(&self.linkage),
        ]);
        c
    }
}

/// The row of `p` as it stood at the end of `date` (`seq` is its 序号).
pub(super) fn row(m: &Model<'_>, p: &Project, date: NaiveDate, seq: usize, kind: RowKind) -> DetailRow {
    let f = p.as_of(date);
    let county = m.content.county(&p.county);
    let total = f.funding.map_or(Money::ZERO, |f| *f.total);
    let terms = m.site.terms.for_year(*p.year);
    let category = match &p.sub_type {
        Some(s) => format!("{}（{}）", m.type_name(&p.project_type), s.value),
        None => m.type_name(&p.project_type),
    };
    DetailRow {
        seq,
        kind,
        id: p.id.value.clone(),
        url: url::project(&p.id),
        name: p.name.clone(),
        category,
        nature: given(p, NotGiven::ConstructionNature, p.construction_nature.map(|n| n.label().to_owned())),
        location: location(county, p, f.location),
        period: given(
            p,
            NotGiven::ImplementationPeriod,
            p.implementation_period.map(|(a, b)| format!("{}至{}", display::month_zh(a), display::month_zh(b))),
        ),
        responsible_unit: display::given(p.responsible_unit.as_deref()),
        content: if f.content.is_empty() && p.is_not_given(NotGiven::Content) {
            display::NOT_GIVEN.to_owned()
        } else {
            f.content.to_owned()
        },
        total: display::money(total),
        total_wan: wan(total),
        total_exact: wan_text(total),
        sources: f.funding.map_or_else(Vec::new, |f| {
            f.sources
                .iter()
                .map(|s| SourceCell {
                    label: s.label_in(&terms),
                    amount: display::money(s.amount),
                    exact: s.amount.wan_exact(),
                })
                .collect()
        }),
        beneficiaries: super::summary::beneficiaries(p),
        targets: if p.is_not_given(NotGiven::PerformanceTargets) {
            display::NOT_GIVEN.to_owned()
        } else {
            p.performance_targets.iter().map(Target::text).collect::<Vec<_>>().join("；")
        },
        linkage: display::given(p.linkage_mechanism.as_deref()),
    }
}

/// A value, 未公布 when the record lists its key under `not_given`, else
/// empty (a key that is optional and simply absent).
fn given(p: &Project, what: NotGiven, value: Option<String>) -> String {
    value.unwrap_or_else(|| if p.is_not_given(what) { display::NOT_GIVEN.to_owned() } else { String::new() })
}

/// 实施地点 of `p` with its `location` as of a date: the place as written
/// when the record has only that, 未公布 when it was not given, else
/// [`place`].
fn location(county: Option<&County>, p: &Project, location: Option<&ProjectLocation>) -> String {
    match (&p.place, location) {
        (Some(written), None) => written.clone(),
        (None, None) if p.is_not_given(NotGiven::Location) => display::NOT_GIVEN.to_owned(),
        _ => place(county, location),
    }
}

/// 实施地点 in words: the township and its villages, or 县级统筹 for a
/// project of the whole county.
pub(super) fn place(county: Option<&County>, location: Option<&ProjectLocation>) -> String {
    let Some(l) = location else { return "县级统筹".to_owned() };
    let Some(t) = county.and_then(|c| c.township(&l.township)) else { return l.township.value.clone() };
    let villages: Vec<&str> =
        l.villages.iter().map(|v| t.village(v).map_or(v.value.as_str(), |v| v.name.as_str())).collect();
    if villages.is_empty() { t.name.clone() } else { format!("{}{}", t.name, villages.join("、")) }
}

/// An amount in 万元 as a spreadsheet number. An amount is whole 分 (six
/// decimals of 万元), which an `f64` holds to the 分 for any county's sums.
pub(super) fn wan(m: Money) -> f64 {
    m.fen() as f64 / 1_000_000.0
}

/// An amount in 万元 exactly, with at least four decimals (`803.4000`,
/// `0.000001`), as accounts write 万元 figures.
pub(super) fn wan_text(m: Money) -> String {
    let exact = m.wan_exact();
    let (whole, decimals) = exact.split_once('.').unwrap_or((&exact, ""));
    format!("{whole}.{decimals:0<4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_in_wan_keeps_its_decimals() {
        assert_eq!(wan(Money::parse_wan("120.0125").unwrap()), 120.0125);
        assert_eq!(wan(Money::parse_wan("0.000001").unwrap()), 0.000001);
        assert_eq!(wan(Money::ZERO), 0.0);
        assert_eq!(wan_text(Money::parse_wan("803.4").unwrap()), "803.4000");
        assert_eq!(wan_text(Money::parse_wan("0.000001").unwrap()), "0.000001");
        assert_eq!(wan_text(Money::parse_wan("120").unwrap()), "120.0000");
    }
}
