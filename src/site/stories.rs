//! 典型案例 (`/cases/`, `/cases/<id>/`) and the free pages (`/pages/<id>/`):
//! the pages whose body is Markdown, rendered by the render stage.

use std::collections::BTreeMap;

use serde::Serialize;

use super::display::{self, DateView};
use super::rows::{CaseRow, case_rows};
use super::{Link, Model, Page, PageData, url};
use crate::domain::story::{CaseResult, Image};

/// `/cases/`.
#[derive(Debug, Clone, Serialize)]
pub struct CasesView {
    /// By year, newest first; in a year by industry.
    pub years: Vec<CaseYear>,
    /// 先进团队 (outstanding groups).
    pub outstanding: Vec<Link>,
}

/// The cases of one year.
#[derive(Debug, Clone, Serialize)]
pub struct CaseYear {
    /// Year.
    pub year: i32,
    /// Cases.
    pub cases: Vec<CaseRow>,
}

/// `/cases/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    /// Title.
    pub title: String,
    /// County name.
    pub county: String,
    /// Township.
    pub township: Option<Link>,
    /// 产业.
    pub industry: String,
    /// 模式.
    pub mode: Option<String>,
    /// Year.
    pub year: i32,
    /// 批次.
    pub batch: Option<String>,
    /// Group.
    pub group: Option<Link>,
    /// Related projects.
    pub projects: Vec<Link>,
    /// The ids of `projects`, in the same order (the search index finds a
    /// case by them); not for templates.
    #[serde(skip)]
    pub project_ids: Vec<String>,
    /// 成效.
    pub results: Vec<CaseResult>,
    /// Images (paths relative to the site root).
    pub images: Vec<Image>,
    /// 来源.
    pub source: String,
    /// Published.
    pub published_on: DateView,
    /// Markdown source of the body (rendered and sanitized later).
    pub markdown: String,
}

/// `/pages/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct FreePageView {
    /// Title.
    pub title: String,
    /// Published.
    pub published_on: Option<DateView>,
    /// Markdown source.
    pub markdown: String,
}

pub(super) fn cases(m: &Model<'_>, pages: &mut Vec<Page>) {
    let mut years: BTreeMap<i32, Vec<CaseRow>> = BTreeMap::new();
    for r in case_rows(m, |_| true) {
        years.entry(r.year).or_default().push(r);
    }
    let years = years
        .into_iter()
        .rev()
        .map(|(year, mut cases)| {
            cases.sort_by(|a, b| a.industry.cmp(&b.industry).then_with(|| a.link.cmp(&b.link)));
            CaseYear { year, cases }
        })
        .collect();
    let outstanding = m.outstanding_groups();
    let view = CasesView { years, outstanding };
    pages.push(m.page("cases/", "典型案例", vec![], PageData::Cases(view)));
    for c in &m.content.cases {
        let related: Vec<_> = c.related_projects.iter().filter_map(|id| m.project(id)).collect();
        let county = m.content.county(&c.county);
        let view = CaseView {
            title: c.title.clone(),
            county: county.map_or_else(String::new, |x| x.name.clone()),
            township: county
                .zip(c.township.as_ref())
                .and_then(|(x, t)| x.township(t).map(|t| Link::new(&t.name, url::township(&x.id, &t.id)))),
            industry: c.industry.clone(),
            mode: c.mode.clone(),
            year: c.year,
            batch: c.batch.clone(),
            group: c.advisory_group.as_ref().and_then(|g| m.group(g)).map(|g| Link::new(&g.name, url::group(&g.id))),
            projects: related.iter().map(|p| Link::new(&p.name, url::project(&p.id))).collect(),
            project_ids: related.iter().map(|p| p.id.value.clone()).collect(),
            results: c.results.clone(),
            images: c.images.clone(),
            source: c.source.clone(),
            published_on: display::date(c.published_on),
            markdown: c.body.markdown.clone(),
        };
        pages.push(m.page(&url::case(&c.id), &c.title, vec![], PageData::Case(Box::new(view))));
    }
}

pub(super) fn free_pages(m: &Model<'_>, pages: &mut Vec<Page>) {
    for p in &m.content.pages {
        let view = FreePageView {
            title: p.title.clone(),
            published_on: p.published_on.map(display::date),
            markdown: p.body.markdown.clone(),
        };
        pages.push(m.page(&url::page(&p.id), &p.title, vec![], PageData::FreePage(view)));
    }
}
