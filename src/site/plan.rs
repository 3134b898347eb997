//! A 年度计划与资金公告's permanent page
//! (`/counties/<id>/plan/<year>/<document>/`): the annual plan, its
//! adjustment, a fund allocation result or the year-end completion report.
//!
//! Like a 项目库公告 it is a published document: everything is read as of its
//! date (the projects' figures with `Project::as_of`, the allocations made and
//! the payments dated by then), so a later allocation or payment never
//! changes it (tests/it/plan.rs). The 明细表 of a plan and its adjustment are
//! the announcements' own rows; an allocation result and a completion report
//! have tables of their own, written as attachments the same way.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::detail::{self, Cell, DetailTable, RowKind, Sheet};
use super::display::{self, DateView};
use super::portal::{ObjectionsView, PhoneLine};
use super::{Attachment, AttachmentFormat, Link, Model, Page, PageData, url};
use crate::domain::project::EventType;
use crate::domain::{Content, County, FundBatch, Keyword, Money, PlanDoc, PlanKind, Project};

/// One plan document as published.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDocView {
    /// Id.
    pub id: String,
    /// Page path.
    pub url: String,
    /// 标题.
    pub heading: String,
    /// County name.
    pub county: String,
    /// 计划年度.
    pub year: i32,
    /// Kind key (`plan` …).
    pub kind_key: &'static str,
    /// 年度计划 …
    pub kind: &'static str,
    /// 索引号: as recorded, else from `site.yaml`'s pattern.
    pub index_no: Option<String>,
    /// 发布机构.
    pub issuer: String,
    /// 发布日期.
    pub date: DateView,
    /// 文号.
    pub doc_no: Option<String>,
    /// 正文 before the lists.
    pub preamble: Option<String>,
    /// What the document covers, in one sentence of counts and totals.
    pub summary: String,
    /// The 明细表 of a plan or plan adjustment.
    pub detail: Option<DetailTable>,
    /// The batches of an allocation result.
    pub batches: Vec<BatchView>,
    /// The rows of a completion report.
    pub completion: Vec<CompletionRow>,
    /// The table the attachments are written from.
    #[serde(skip)]
    pub sheet: Sheet,
    /// 附件.
    pub attachments: Vec<Attachment>,
    /// Where objections go.
    pub objections: ObjectionsView,
    /// 监督举报电话, 12317 first.
    pub phones: Vec<PhoneLine>,
    /// 异议截止日期.
    pub objections_until: DateView,
}

/// One fund batch of an allocation result.
#[derive(Debug, Clone, Serialize)]
pub struct BatchView {
    /// 资金名称.
    pub name: String,
    /// 下达文件文号.
    pub doc_no: String,
    /// 下达单位.
    pub issued_by: String,
    /// 下达日期.
    pub date: DateView,
    /// 资金规模, 万元.
    pub total: String,
    /// 分配到项目.
    pub rows: Vec<AllocationRow>,
}

/// One allocation to a project.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationRow {
    /// The project (its page), when it exists.
    pub project: Link,
    /// Id.
    pub id: String,
    /// 分配金额, 万元.
    pub amount: String,
}

/// One project of a completion report, as of its date.
#[derive(Debug, Clone, Serialize)]
pub struct CompletionRow {
    /// 序号.
    pub seq: usize,
    /// The project.
    pub project: Link,
    /// Id.
    pub id: String,
    /// 计划投资 (funding total), 万元.
    pub planned: String,
    /// 已分配, 万元.
    pub allocated: String,
    /// 已支付, 万元.
    pub paid: String,
    /// 支付进度 (`58.20%`), `—` without a planned total.
    pub progress: String,
    /// 开工 / 竣工 / 验收: 是 or 否.
    pub started: &'static str,
    /// 竣工.
    pub completed: &'static str,
    /// 验收.
    pub accepted: &'static str,
    /// 绩效目标完成情况: each indicator's 实际完成值 against its target, for a
    /// project completed by the report's date; `—` otherwise.
    pub results: String,
    /// 计划投资, 已分配, 已支付 as amounts (the attachments' numbers).
    #[serde(skip)]
    pub amounts: [Money; 3],
}

/// Every published plan document's page.
pub(super) fn plan_docs(m: &Model<'_>, pages: &mut Vec<Page>) {
    for d in m.content.plans.iter().filter(|d| *d.date <= m.today) {
        let Some(c) = m.content.county(&d.county) else { continue };
        let view = view(m, c, d);
        let crumbs = vec![
            Link::new(&c.name, url::county(&c.id)),
            Link::new(&format!("{}年度计划与资金", *d.year), url::plan_year(&c.id, *d.year)),
        ];
        let (path, title) = (view.url.clone(), view.heading.clone());
        let mut page = m.page(&path, &title, crumbs, PageData::PlanDoc(Box::new(view)));
        page.description = format!("{}：{}", m.site.title, title);
        pages.push(page);
    }
}

/// The view of `d`, a document of `c`.
fn view(m: &Model<'_>, c: &County, d: &PlanDoc) -> PlanDocView {
    let date = *d.date;
    let heading = d.title(&c.name, m.content.terms());
    let (summary, detail, batches, completion, sheet) = match *d.kind {
        PlanKind::Plan | PlanKind::Adjustment => {
            let t = plan_table(m, c, d, &heading);
            (plan_summary(m.content, d), Some(t.clone()), Vec::new(), Vec::new(), t.sheet())
        }
        PlanKind::Allocation => {
            let batches: Vec<&FundBatch> = d.batches.iter().filter_map(|id| m.content.fund_batch(id)).collect();
            let total: Money = batches.iter().map(|b| *b.total).sum();
            let projects: std::collections::BTreeSet<&str> =
                batches.iter().flat_map(|b| b.allocations.iter().map(|a| a.project.as_str())).collect();
            let summary = format!(
                "本次公告资金 {} 批，合计 {} 万元，分配到 {} 个项目，明细如下。",
                batches.len(),
                display::money(total),
                projects.len()
            );
            let sheet = allocation_sheet(m.content, &batches, &heading, date);
            (summary, None, batches.iter().map(|b| batch_view(m.content, b)).collect(), Vec::new(), sheet)
        }
        PlanKind::Completion => {
            let projects = m.content.plan_projects(&c.id, *d.year, date);
            let rows: Vec<CompletionRow> =
                projects.iter().enumerate().map(|(i, p)| completion_row(m.content, p, *d.year, date, i + 1)).collect();
            let summary = completion_summary(m.content, &projects, *d.year, date);
            let sheet = completion_sheet(&rows, &heading, date);
            (summary, None, Vec::new(), rows, sheet)
        }
    };
    let base = url::plan_doc(&c.id, *d.year, &d.id);
    let title = format!("{heading}明细表");
    let attachment = |name: &str, format, format_label| Attachment {
        url: format!("{base}{name}"),
        title: title.clone(),
        format,
        format_label,
    };
    PlanDocView {
        id: d.id.value.clone(),
        url: base.clone(),
        heading,
        county: c.name.clone(),
        year: *d.year,
        kind_key: d.kind.key(),
        kind: d.kind.label(),
        index_no: d
            .index_no
            .clone()
            .or_else(|| m.site.announcements.index_no.as_ref().map(|p| p.render(&c.adcode, *d.year, &d.id, &c.id))),
        issuer: d.issuer.clone(),
        date: display::date(date),
        doc_no: d.doc_no.clone(),
        preamble: d.preamble.clone(),
        summary,
        detail,
        batches,
        completion,
        sheet,
        attachments: vec![
            attachment(url::DETAIL_XLSX, AttachmentFormat::Xlsx, "Excel 表格"),
            attachment(url::DETAIL_CSV, AttachmentFormat::Csv, "CSV，UTF-8"),
        ],
        objections: super::announcement::objections_to(m, &d.issuer),
        phones: super::portal::phones(m.site),
        objections_until: display::date(super::announcement::objection_deadline(
            m,
            date,
            d.objections_until.as_ref().map(|u| **u),
        )),
    }
}

/// The 明细表 of a plan (every listed project) or an adjustment (调入, 调出, 变更).
fn plan_table(m: &Model<'_>, c: &County, d: &PlanDoc, heading: &str) -> DetailTable {
    let date = *d.date;
    let mut rows = Vec::new();
    let kinds = [(&d.projects, RowKind::PlanIn), (&d.moved_out, RowKind::MovedOut), (&d.changed, RowKind::Changed)];
    for (ids, kind) in kinds {
        for p in ids.iter().filter_map(|id| m.content.project(id)).filter(|p| *p.county == *c.id) {
            rows.push(detail::row(m, p, date, rows.len() + 1, kind));
        }
    }
    DetailTable {
        title: format!("{heading}明细表"),
        with_kind: *d.kind == PlanKind::Adjustment,
        rows,
        date: (date.year(), date.month() as u8, date.day() as u8),
    }
}

/// The declared total of `p` at the end of `date`.
fn total_on(p: &Project, date: NaiveDate) -> Money {
    p.as_of(date).funding.map_or(Money::ZERO, |f| *f.total)
}

fn plan_summary(content: &Content, d: &PlanDoc) -> String {
    let date = *d.date;
    let plan = content.plan_projects(&d.county, *d.year, date);
    let total: Money = plan.iter().map(|p| total_on(p, date)).sum();
    let after = format!("{}年度计划项目 {} 个，资金规模合计 {} 万元", *d.year, plan.len(), display::money(total));
    match *d.kind {
        PlanKind::Adjustment => format!(
            "本次调入 {} 个、调出 {} 个、变更 {} 个项目；调整后{after}。明细如下。",
            d.projects.len(),
            d.moved_out.len(),
            d.changed.len()
        ),
        _ => format!("列入{after}，明细如下。"),
    }
}

fn batch_view(content: &Content, b: &FundBatch) -> BatchView {
    BatchView {
        name: b.name(content.terms()),
        doc_no: b.doc_no.clone(),
        issued_by: b.issued_by.clone(),
        date: display::date(*b.date),
        total: display::money(*b.total),
        rows: b
            .allocations
            .iter()
            .map(|a| AllocationRow {
                project: content.project(&a.project).map_or_else(
                    || Link::new(&a.project, url::project(&a.project)),
                    |p| Link::new(&p.name, url::project(&p.id)),
                ),
                id: a.project.value.clone(),
                amount: display::money(*a.amount),
            })
            .collect(),
    }
}

fn sheet_date(date: NaiveDate) -> (i32, u8, u8) {
    (date.year(), date.month() as u8, date.day() as u8)
}

fn allocation_sheet(content: &Content, batches: &[&FundBatch], heading: &str, date: NaiveDate) -> Sheet {
    let mut rows = Vec::new();
    for b in batches {
        for a in &b.allocations {
            let name = content.project(&a.project).map_or("", |p| p.name.as_str());
            rows.push(vec![
                Cell::Count(rows.len() + 1),
                Cell::Text(b.name(content.terms())),
                Cell::Text(b.doc_no.clone()),
                Cell::Text(a.project.value.clone()),
                Cell::Text(name.to_owned()),
                Cell::Wan(detail::wan(*a.amount), detail::wan_text(*a.amount)),
            ]);
        }
    }
    Sheet {
        title: format!("{heading}明细表"),
        date: sheet_date(date),
        header: vec!["序号", "资金名称", "下达文件文号", "项目编号", "项目名称", "分配金额（万元）"],
        rows,
    }
}

fn yes(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

/// 支付进度 as `58.20%`, `—` without a base.
pub(super) fn progress(paid: Money, of: Money) -> String {
    paid.percent_of(of).map_or_else(|| "—".to_owned(), |bp| format!("{}.{:02}%", bp / 100, bp % 100))
}

fn completion_row(content: &Content, p: &Project, year: i32, date: NaiveDate, seq: usize) -> CompletionRow {
    let planned = total_on(p, date);
    let paid = p.paid_by(date);
    let allocated = content.allocated_by(&p.id, year, date);
    CompletionRow {
        seq,
        project: Link::new(&p.name, url::project(&p.id)),
        id: p.id.value.clone(),
        planned: display::money(planned),
        allocated: display::money(allocated),
        paid: display::money(paid),
        progress: progress(paid, planned),
        started: yes(p.reached_by(EventType::Started, date)),
        completed: yes(p.reached_by(EventType::Completed, date)),
        accepted: yes(p.reached_by(EventType::Accepted, date)),
        results: results_by(p, date),
        amounts: [planned, allocated, paid],
    }
}

/// 「指标：实际 值单位（目标 值单位）」 for each indicator with an actual value,
/// once the works were completed by `date` (an actual value exists only
/// then: `actual-before-completion`).
fn results_by(p: &Project, date: NaiveDate) -> String {
    use crate::domain::project::Target;
    if !p.reached_by(EventType::Completed, date) {
        return "—".to_owned();
    }
    let lines: Vec<String> = p
        .performance_targets
        .iter()
        .filter_map(|t| match t {
            Target::Indicator { indicator, value, unit, actual: Some(actual), .. } => {
                let unit = unit.as_deref().unwrap_or("");
                Some(format!("{indicator}：实际{}{unit}（目标{value}{unit}）", actual.value))
            }
            _ => None,
        })
        .collect();
    if lines.is_empty() { "—".to_owned() } else { lines.join("；") }
}

fn completion_summary(content: &Content, projects: &[&Project], year: i32, date: NaiveDate) -> String {
    let planned: Money = projects.iter().map(|p| total_on(p, date)).sum();
    let allocated: Money = projects.iter().map(|p| content.allocated_by(&p.id, year, date)).sum();
    let paid: Money = projects.iter().map(|p| p.paid_by(date)).sum();
    let count = |e| projects.iter().filter(|p| p.reached_by(e, date)).count();
    format!(
        "截至{}，{year}年度计划项目 {} 个，计划投资 {} 万元，已分配资金 {} 万元，已支付 {} 万元（支付进度 {}）；已开工 {} 个，已竣工 {} 个，已验收 {} 个。明细如下。",
        display::date_zh(date),
        projects.len(),
        display::money(planned),
        display::money(allocated),
        display::money(paid),
        progress(paid, planned),
        count(EventType::Started),
        count(EventType::Completed),
        count(EventType::Accepted),
    )
}

fn completion_sheet(rows: &[CompletionRow], heading: &str, date: NaiveDate) -> Sheet {
    let wan = |m: Money| Cell::Wan(detail::wan(m), detail::wan_text(m));
    Sheet {
        title: format!("{heading}明细表"),
        date: sheet_date(date),
        header: vec![
            "序号",
            "项目编号",
            "项目名称",
            "计划投资（万元）",
            "已分配（万元）",
            "已支付（万元）",
            "支付进度",
            "开工",
            "竣工",
            "验收",
            "绩效目标完成情况",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Count(r.seq),
                    Cell::Text(r.id.clone()),
                    Cell::Text(r.project.title.clone()),
                    wan(r.amounts[0]),
                    wan(r.amounts[1]),
                    wan(r.amounts[2]),
                    Cell::Text(r.progress.clone()),
                    Cell::Text(r.started.to_owned()),
                    Cell::Text(r.completed.to_owned()),
                    Cell::Text(r.accepted.to_owned()),
                    Cell::Text(r.results.clone()),
                ]
            })
            .collect(),
    }
}
