//! What happened to a project besides moving forward, as its page shows it:
//! the end before approval (撤回, 未通过) and each change (变更) with what it
//! replaced. Only what has happened by the build date is shown.

use serde::Serialize;

use super::display::{self, DateView};
use super::{Model, place};
use crate::domain::change::{Change, ChangeItem};
use crate::domain::{Keyword, Project};

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
    // Before: as it stood the day before; after: as it stood at the end of that day.
    let before = p.as_of(c.date.pred_opt().unwrap_or(*c.date));
    let after = p.as_of(*c.date);
    let items = c
        .previous
        .items()
        .into_iter()
        .map(|item| {
            let (b, a) = match item {
                ChangeItem::Funding => (
                    before.funding.map_or_else(String::new, |f| format!("{} 万元", display::money(*f.total))),
                    after.funding.map_or_else(String::new, |f| format!("{} 万元", display::money(*f.total))),
                ),
                ChangeItem::Content => (before.content.to_owned(), after.content.to_owned()),
                ChangeItem::Location => (place(m, &p.county, before.location), place(m, &p.county, after.location)),
                ChangeItem::Implementer => (display::given(before.implementer), display::given(after.implementer)),
            };
            (item.label(), b, a)
        })
        .collect();
    ChangeView { date: display::date(*c.date), doc_no: c.doc_no.clone(), summary: c.summary.clone(), items }
}
