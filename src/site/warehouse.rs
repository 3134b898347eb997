//! A county's year page (`/counties/<id>/warehouse/<year>/`): the index of
//! that 项目库 year. First the year's announcements (项目库公告), published
//! documents that never change, each with its own page; then the warehouse
//! as it stands on the build date, which changes as projects move on and
//! says so. The page is not itself a document: it has no 索引号 nor 发布日期.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use super::chart::{Chart, source_chart, type_chart};
use super::display::{self, DateView};
use super::keyed::Keyed;
use super::project::{ProjectRow, total_of};
use super::{Link, Model, Page, PageData, url};
use crate::domain::{County, Keyword, Project};

/// `/counties/<id>/warehouse/<year>/`.
#[derive(Debug, Clone, Serialize)]
pub struct WarehouseView {
    /// Heading.
    pub heading: String,
    /// Year.
    pub year: i32,
    /// The year's announcements, by date.
    pub announcements: Vec<AnnouncementLink>,
    /// The day the 现状 is as of (the build date).
    pub as_of: DateView,
    /// Warehoused projects of the year today.
    pub projects: Vec<Arc<Keyed<ProjectRow>>>,
    /// Count.
    pub count: usize,
    /// Total in 万元.
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

/// One announcement of the year.
#[derive(Debug, Clone, Serialize)]
pub struct AnnouncementLink {
    /// 标题.
    pub title: String,
    /// Its page.
    pub url: String,
    /// 文号, as written.
    pub doc_no: Option<String>,
    /// 发布日期.
    pub date: DateView,
    /// 入库 / 调整 / 调出.
    pub kind: &'static str,
}

/// The years with a page: each with a warehoused project or an announcement.
pub(super) fn years(m: &Model<'_>, c: &County) -> Vec<i32> {
    let warehoused = m.warehoused_in(&c.id).iter().map(|p| *p.year);
    let published = m.announcements();
    let announced = published.iter().filter(|a| *a.county == *c.id).map(|a| *a.year);
    warehoused.chain(announced).collect::<BTreeSet<i32>>().into_iter().collect()
}

/// The announcements of `c` (of `year` only, when given), oldest first.
pub(super) fn announcement_links(m: &Model<'_>, c: &County, year: Option<i32>) -> Vec<AnnouncementLink> {
    let mut links: Vec<AnnouncementLink> = m
        .announcements()
        .into_iter()
        .filter(|a| *a.county == *c.id && year.is_none_or(|y| *a.year == y))
        .map(|a| AnnouncementLink {
            title: a.title(&c.name, &m.site.terms),
            url: url::announcement(&c.id, *a.year, &a.id),
            doc_no: a.doc_no.clone(),
            date: display::date(*a.date),
            kind: a.kind.label(),
        })
        .collect();
    links.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.url.cmp(&b.url)));
    links
}

/// The year pages of `c`.
pub(super) fn year_pages(m: &Model<'_>, c: &County, portal: &Link, pages: &mut Vec<Page>) {
    for year in years(m, c) {
        let list: Vec<&Project> = m.warehoused_in(&c.id).iter().copied().filter(|p| *p.year == year).collect();
        let mut approvals: Vec<(String, String, DateView)> = list
            .iter()
            .filter_map(|p| p.approval.as_ref())
            .map(|a| (a.doc_no.clone(), a.by.clone(), display::date(*a.date)))
            .collect();
        approvals.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
        approvals.dedup_by(|a, b| a.0 == b.0);
        let mut rows: Vec<&Project> = list.clone();
        rows.sort_by(|a, b| a.id.value.cmp(&b.id.value));
        let announcements = announcement_links(m, c, Some(year));
        let view = WarehouseView {
            heading: format!("{}{year}年度{}", c.name, m.site.terms.for_year(year).warehouse),
            year,
            announcements,
            as_of: display::date(m.today),
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
            &format!("{}{year}年度项目库", c.name),
            vec![portal.clone()],
            PageData::Warehouse(view),
        ));
    }
}
