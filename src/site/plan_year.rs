//! A county's 年度计划与资金 page (`/counties/<id>/plan/<year>/`): the index
//! of that plan year. First the year's documents (the plan, its adjustments,
//! the allocation results, the completion report), newest first, each with
//! its own permanent page; then the year's fund batches as they stand on the
//! build date, with what has been allocated from each. Like the warehouse
//! year page it is not itself a document.

use std::collections::BTreeSet;

use serde::Serialize;

use super::display::{self, DateView};
use super::{Link, Model, Page, PageData, url};
use crate::domain::{County, FundBatch, Keyword, Money};

/// `/counties/<id>/plan/<year>/`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanYearView {
    /// Heading.
    pub heading: String,
    /// Year.
    pub year: i32,
    /// The year's documents, newest first.
    pub documents: Vec<PlanDocLink>,
    /// The day the batches are as of (the build date).
    pub as_of: DateView,
    /// The year's fund batches, by date.
    pub batches: Vec<BatchRow>,
    /// 资金规模 of every batch, 万元.
    pub total: String,
    /// 已分配 of every batch, 万元.
    pub allocated: String,
}

/// One published plan document.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDocLink {
    /// 标题.
    pub title: String,
    /// Its page.
    pub url: String,
    /// 年度计划 …
    pub kind: &'static str,
    /// 文号.
    pub doc_no: Option<String>,
    /// 发布日期.
    pub date: DateView,
}

/// One fund batch of the year.
#[derive(Debug, Clone, Serialize)]
pub struct BatchRow {
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
    /// 已分配 by the build date, 万元.
    pub allocated: String,
    /// Its allocation result, once published.
    pub result: Option<Link>,
}

/// The plan years of `c` with a page: each with a published plan document or
/// a fund batch issued by the build date.
pub(super) fn years(m: &Model<'_>, c: &County) -> Vec<i32> {
    let docs = m.content.plan_docs_of(&c.id, m.today).into_iter().map(|d| *d.year);
    let batches = batches_of(m, c, None).into_iter().map(|b| *b.year);
    docs.chain(batches).collect::<BTreeSet<i32>>().into_iter().collect()
}

/// The batches of `c` (of `year` only, when given) issued by the build date, by date.
fn batches_of<'c>(m: &Model<'c>, c: &County, year: Option<i32>) -> Vec<&'c FundBatch> {
    let mut out: Vec<&FundBatch> = m
        .content
        .funds
        .iter()
        .filter(|b| *b.county == *c.id && *b.date <= m.today && year.is_none_or(|y| *b.year == y))
        .collect();
    out.sort_by(|a, b| (*a.date, &a.id.value).cmp(&(*b.date, &b.id.value)));
    out
}

/// The published documents of `c` (of `year` only, when given), newest first.
pub(super) fn doc_links(m: &Model<'_>, c: &County, year: Option<i32>) -> Vec<PlanDocLink> {
    let mut links: Vec<PlanDocLink> = m
        .content
        .plan_docs_of(&c.id, m.today)
        .into_iter()
        .filter(|d| year.is_none_or(|y| *d.year == y))
        .map(|d| PlanDocLink {
            title: d.title(&c.name, m.content.terms()),
            url: url::plan_doc(&c.id, *d.year, &d.id),
            kind: d.kind.label(),
            doc_no: d.doc_no.clone(),
            date: display::date(*d.date),
        })
        .collect();
    links.reverse();
    links
}

/// Every county's plan year pages.
pub(super) fn plan_years(m: &Model<'_>, pages: &mut Vec<Page>) {
    for c in &m.content.counties {
        for year in years(m, c) {
            let batches = batches_of(m, c, Some(year));
            // A batch counts as allocated once its allocation date has come.
            let allocated_by_now = |b: &FundBatch| {
                if m.content.allocation_date(b) <= m.today { b.allocated() } else { Money::ZERO }
            };
            let rows: Vec<BatchRow> =
                batches
                    .iter()
                    .map(|b| BatchRow {
                        name: b.name(m.content.terms()),
                        doc_no: b.doc_no.clone(),
                        issued_by: b.issued_by.clone(),
                        date: display::date(*b.date),
                        total: display::money(*b.total),
                        allocated: display::money(allocated_by_now(b)),
                        result: m.content.allocation_document(b).filter(|d| *d.date <= m.today).map(|d| {
                            Link::new(&d.title(&c.name, m.content.terms()), url::plan_doc(&c.id, *d.year, &d.id))
                        }),
                    })
                    .collect();
            let heading = format!("{}{year}年度计划与资金", c.name);
            let view = PlanYearView {
                heading: heading.clone(),
                year,
                documents: doc_links(m, c, Some(year)),
                as_of: display::date(m.today),
                total: display::money(batches.iter().map(|b| *b.total).sum()),
                allocated: display::money(batches.iter().map(|b| allocated_by_now(b)).sum()),
                batches: rows,
            };
            let crumbs = vec![Link::new(&c.name, url::county(&c.id))];
            let mut page = m.page(&url::plan_year(&c.id, year), &heading, crumbs, PageData::PlanYear(view));
            page.description = format!("{}：{heading}：年度计划、资金分配结果和完成情况公告", m.site.title);
            pages.push(page);
        }
    }
}
