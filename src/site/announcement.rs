//! A 项目库公告's permanent page (`/counties/<id>/warehouse/<year>/<announcement>/`).
//!
//! An announcement is a published document: once out, its text does not
//! change. So everything here is read from the announcement and the records
//! it covers, as they stood at the end of its date (`Project::as_of`): no
//! status, no `--today`, nothing from another record. A later build with
//! more projects or announcements gives the same `<main>` byte for byte
//! (tests/it/announcement.rs).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::detail::{self, DetailTable, RowKind};
use super::display::{self, DateView};
use super::portal::{ObjectionsView, PhoneLine};
use super::{Link, Model, Page, PageData, url};
use crate::domain::project::{Change, EventType};
use crate::domain::{Announcement, AnnouncementKind, Content, County, Keyword, Money, Project};

/// One announcement as published.
#[derive(Debug, Clone, Serialize)]
pub struct AnnouncementView {
    /// Id.
    pub id: String,
    /// Page path.
    pub url: String,
    /// 标题.
    pub heading: String,
    /// Kind key (`entry` …).
    pub kind_key: &'static str,
    /// 入库 / 调整 / 调出.
    pub kind: &'static str,
    /// 索引号: as recorded, else from `site.yaml`'s pattern; never invented.
    pub index_no: Option<String>,
    /// 发布机构.
    pub issuer: String,
    /// 发布日期.
    pub date: DateView,
    /// 文号, printed as written.
    pub doc_no: Option<String>,
    /// 正文 before the lists.
    pub preamble: Option<String>,
    /// 新增入库项目: count.
    pub entry_count: usize,
    /// 新增入库项目: total in 万元 as of the date.
    pub entry_total: String,
    /// 调出项目.
    pub moved_out: Vec<MovedOutRow>,
    /// 变更项目.
    pub changed: Vec<ChangedRow>,
    /// The 明细表 (page section and attachments).
    pub detail: DetailTable,
    /// 附件.
    pub attachments: Vec<Attachment>,
    /// Where objections go (受理单位 else the issuer).
    pub objections: ObjectionsView,
    /// 监督举报电话, 12317 first.
    pub phones: Vec<PhoneLine>,
    /// 异议截止日期.
    pub objections_until: DateView,
}

/// A project moved out (调出).
#[derive(Debug, Clone, Serialize)]
pub struct MovedOutRow {
    /// The project.
    pub project: Link,
    /// Id.
    pub id: String,
    /// 资金规模 as of the date, 万元.
    pub total: String,
    /// 调整出库 date.
    pub date: Option<DateView>,
    /// 调整出库 document.
    pub reference: Option<String>,
}

/// A changed project (变更).
#[derive(Debug, Clone, Serialize)]
pub struct ChangedRow {
    /// The project.
    pub project: Link,
    /// Id.
    pub id: String,
    /// Its changes dated on or before the announcement, oldest first.
    pub changes: Vec<ChangeView>,
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// 变更日期.
    pub date: DateView,
    /// 文号.
    pub doc_no: String,
    /// 变更内容.
    pub summary: String,
    /// What changed, before → after.
    pub items: Vec<ChangeItemView>,
}

/// One changed figure.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeItemView {
    /// 资金规模 …
    pub item: &'static str,
    /// 变更前.
    pub before: String,
    /// 变更后.
    pub after: String,
}

/// What an attachment is; the render stage writes its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentFormat {
    /// Excel workbook.
    Xlsx,
    /// CSV, UTF-8 with BOM.
    Csv,
}

/// One 附件.
#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    /// Site path.
    pub url: String,
    /// 附件名称.
    pub title: String,
    /// Format.
    pub format: AttachmentFormat,
    /// Format label.
    pub format_label: &'static str,
}

/// Every announcement's page, county by county.
pub(super) fn announcements(m: &Model<'_>, pages: &mut Vec<Page>) {
    for a in m.announcements() {
        let Some(c) = m.content.county(&a.county) else { continue };
        let view = view(m, c, a);
        let crumbs = vec![
            Link::new(&c.name, url::county(&c.id)),
            Link::new(&format!("{}年度项目库", *a.year), url::warehouse(&c.id, *a.year)),
        ];
        let (path, title) = (view.url.clone(), view.heading.clone());
        let mut page = m.page(&path, &title, crumbs, PageData::Announcement(Box::new(view)));
        page.description = format!("{}：{}", m.site.title, title);
        pages.push(page);
    }
}

/// The view of `a`, an announcement of `c`.
fn view(m: &Model<'_>, c: &County, a: &Announcement) -> AnnouncementView {
    let date = *a.date;
    let entries = m.content.entries_of(a);
    let moved: Vec<&Project> = covered(m.content, &a.moved_out);
    let changed: Vec<&Project> = covered(m.content, &a.changed);
    let heading = a.title(&c.name, &m.site.terms);
    let mut rows = Vec::new();
    for (list, kind) in [(&entries, RowKind::Entry), (&moved, RowKind::MovedOut), (&changed, RowKind::Changed)] {
        for p in list {
            rows.push(detail::row(m, p, date, rows.len() + 1, kind));
        }
    }
    let entry_total: Money = entries.iter().map(|p| total_on(p, date)).sum();
    let objections = objections_to(m, &a.issuer);
    let base = url::announcement(&c.id, *a.year, &a.id);
    let attachment = |name: &str, format, format_label| Attachment {
        url: format!("{base}{name}"),
        title: format!("{heading}明细表"),
        format,
        format_label,
    };
    AnnouncementView {
        id: a.id.value.clone(),
        url: base.clone(),
        heading: heading.clone(),
        kind_key: a.kind.key(),
        kind: a.kind.label(),
        index_no: index_no(m, c, a),
        issuer: a.issuer.clone(),
        date: display::date(date),
        doc_no: a.doc_no.clone(),
        preamble: a.preamble.clone(),
        entry_count: entries.len(),
        entry_total: display::money(entry_total),
        moved_out: moved.iter().map(|p| moved_out_row(p, date)).collect(),
        changed: changed.iter().map(|p| changed_row(c, p, date)).collect(),
        detail: DetailTable {
            title: format!("{heading}明细表"),
            with_kind: *a.kind != AnnouncementKind::Entry,
            rows,
            date: (date.year(), date.month() as u8, date.day() as u8),
        },
        attachments: vec![
            attachment(url::DETAIL_XLSX, AttachmentFormat::Xlsx, "Excel 表格"),
            attachment(url::DETAIL_CSV, AttachmentFormat::Csv, "CSV，UTF-8"),
        ],
        objections,
        phones: super::portal::phones(m.site),
        objections_until: display::date(objections_until(m, a)),
    }
}

/// The projects of `ids` that exist (an unknown one is `validate`'s to report).
fn covered<'c>(content: &'c Content, ids: &[crate::domain::At<String>]) -> Vec<&'c Project> {
    ids.iter().filter_map(|id| content.project(id)).collect()
}

/// The declared total of `p` at the end of `date`.
fn total_on(p: &Project, date: NaiveDate) -> Money {
    p.as_of(date).funding.map_or(Money::ZERO, |f| *f.total)
}

fn moved_out_row(p: &Project, date: NaiveDate) -> MovedOutRow {
    // The 调整出库 the announcement reports: the latest on or before its date.
    let event =
        p.events.iter().filter(|e| e.event_type == EventType::AdjustedOut && *e.date <= date).max_by_key(|e| *e.date);
    MovedOutRow {
        project: Link::new(&p.name, url::project(&p.id)),
        id: p.id.value.clone(),
        total: display::money(total_on(p, date)),
        date: event.map(|e| display::date(*e.date)),
        reference: event.and_then(|e| e.reference.clone()),
    }
}

fn changed_row(c: &County, p: &Project, date: NaiveDate) -> ChangedRow {
    let mut changes: Vec<&Change> = p.changes.iter().filter(|ch| *ch.date <= date).collect();
    changes.sort_by_key(|ch| *ch.date);
    ChangedRow {
        project: Link::new(&p.name, url::project(&p.id)),
        id: p.id.value.clone(),
        changes: changes.into_iter().map(|ch| change_view(c, p, ch)).collect(),
    }
}

/// A change: what each touched figure was before it, and what it was
/// right after it (the project as of the change's date).
fn change_view(c: &County, p: &Project, ch: &Change) -> ChangeView {
    let items = super::history::before_after(Some(c), p, ch)
        .into_iter()
        .map(|(item, before, after)| ChangeItemView { item: item.label(), before, after })
        .collect();
    ChangeView { date: display::date(*ch.date), doc_no: ch.doc_no.clone(), summary: ch.summary.clone(), items }
}

/// 异议截止日期: as recorded, else `rules.objection_working_days` working
/// days after the date, by the content's working-day calendar.
fn objections_until(m: &Model<'_>, a: &Announcement) -> NaiveDate {
    objection_deadline(m, *a.date, a.objections_until.as_ref().map(|d| **d))
}

/// 异议截止日期 of a document dated `date`: `given`, else
/// `rules.objection_working_days` working days after the date (the
/// announcements' and the plan documents' rule).
pub(super) fn objection_deadline(m: &Model<'_>, date: NaiveDate, given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| m.content.calendar.add_working_days(date, m.site.rules.objection_working_days))
}

/// Where objections to a document go: the site's 受理单位, else its issuer.
pub(super) fn objections_to(m: &Model<'_>, issuer: &str) -> ObjectionsView {
    let mut objections = super::portal::objections(m.site);
    if objections.office.is_none() {
        objections.to = issuer.to_owned();
    }
    objections
}

/// 索引号: as recorded, else from `site.yaml`'s pattern; without either
/// there is none (never an invented one).
fn index_no(m: &Model<'_>, c: &County, a: &Announcement) -> Option<String> {
    a.index_no
        .clone()
        .or_else(|| m.site.announcements.index_no.as_ref().map(|p| p.render(&c.adcode, *a.year, &a.id, &c.id)))
}
