//! What happened to a project besides moving forward, as its page shows it:
//! the end before approval (撤回, 未通过) and each change (变更) with what it
//! replaced. Only what has happened by the build date is shown.

use serde::Serialize;

use super::display::{self, DateView};
use super::{Model, detail};
use crate::domain::change::{Change, ChangeItem};
use crate::domain::project::Funding;
use crate::domain::{County, Keyword, Project};

/// 撤回 or 未通过.
#[derive(Debug, Clone, Serialize)]
pub struct ClosureView {
    /// `withdrawn` / `rejected`.
    pub key: &'static str,
    /// 撤回 / 未通过.
    pub kind: &'static str,
    /// Date.
    pub date: DateView,
    /// Who decided.
    pub by: String,
    /// Why.
    pub reason: String,
    /// 文号, where there is one.
    pub doc_no: Option<String>,
}

/// One change, with each item before and after.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// Date.
    pub date: DateView,
    /// 文号.
    pub doc_no: String,
    /// 变更内容.
    pub summary: String,
    /// (what, before, after).
    pub items: Vec<(&'static str, String, String)>,
}

/// The end of `p` before approval, once it has happened.
pub(super) fn closure(m: &Model<'_>, p: &Project) -> Option<ClosureView> {
    let (c, kind) = p.closure().filter(|(c, _)| *c.date <= m.today)?;
    Some(ClosureView {
        key: kind.key(),
        kind: kind.label(),
        date: display::date(*c.date),
        by: c.by.clone(),
        reason: c.reason.clone(),
        doc_no: c.doc_no.clone(),
    })
}

/// The changes of `p` made by the build date, oldest first.
pub(super) fn changes(m: &Model<'_>, p: &Project) -> Vec<ChangeView> {
    let mut made: Vec<&Change> = p.changes.iter().filter(|c| *c.date <= m.today).collect();
    made.sort_by_key(|c| *c.date);
    made.into_iter().map(|c| change_view(m, p, c)).collect()
}

fn change_view(m: &Model<'_>, p: &Project, c: &Change) -> ChangeView {
    let county = m.content.county(&p.county);
    let items = before_after(county, p, c).into_iter().map(|(item, b, a)| (item.label(), b, a)).collect();
    ChangeView { date: display::date(*c.date), doc_no: c.doc_no.clone(), summary: c.summary.clone(), items }
}

/// What change `c` of `p` touched, each as it was before (the values the
/// change recorded) and right after (the project as of the change's date):
/// the one wording of a change for the project page and the announcements.
pub(super) fn before_after(county: Option<&County>, p: &Project, c: &Change) -> Vec<(ChangeItem, String, String)> {
    let after = p.as_of(*c.date);
    let prev = &c.previous;
    let funding =
        |f: Option<&Funding>| f.map_or_else(|| "—".to_owned(), |f| format!("{} 万元", display::money(*f.total)));
    prev.items()
        .into_iter()
        .map(|item| {
            let (before, after) = match item {
                ChangeItem::Funding => (funding(prev.funding.as_ref()), funding(after.funding)),
                ChangeItem::Content => (prev.content.clone().unwrap_or_default(), after.content.to_owned()),
                ChangeItem::Location => {
                    (detail::place(county, prev.location.as_ref()), detail::place(county, after.location))
                }
                ChangeItem::Implementer => {
                    (display::given(prev.implementer.as_deref()), display::given(after.implementer))
                }
            };
            (item, before, after)
        })
        .collect()
}
