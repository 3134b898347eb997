//! The 年度计划与资金 section of a project page: the published plan documents
//! that name the project, the money allocated to it from each fund batch,
//! and what has been paid out (已支付, 支付进度), all as of the build date.

use serde::Serialize;

use super::display::{self, DateView};
use super::{Link, Model, url};
use crate::domain::{Content, Money, PlanDoc, PlanKind, Project};

/// The section; absent when there is nothing to show.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyView {
    /// The published plan documents naming the project, oldest first.
    pub documents: Vec<NamedIn>,
    /// 资金分配, by batch date.
    pub allocations: Vec<AllocationLine>,
    /// 已分配 in all, 万元.
    pub allocated: String,
    /// 资金支付, by date.
    pub payments: Vec<PaymentLine>,
    /// 已支付, 万元.
    pub paid: String,
    /// 支付进度 against the funding total.
    pub progress: String,
}

/// A document naming the project.
#[derive(Debug, Clone, Serialize)]
pub struct NamedIn {
    /// The document's page.
    pub link: Link,
    /// 列入计划, 调入, 资金分配 …
    pub role: &'static str,
    /// 文号.
    pub doc_no: Option<String>,
    /// 发布日期.
    pub date: DateView,
}

/// One allocation to the project.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationLine {
    /// 资金名称.
    pub name: String,
    /// 下达文件文号.
    pub doc_no: String,
    /// 分配日期.
    pub date: DateView,
    /// 金额, 万元.
    pub amount: String,
}

/// One payment.
#[derive(Debug, Clone, Serialize)]
pub struct PaymentLine {
    /// 支付日期.
    pub date: DateView,
    /// 金额, 万元.
    pub amount: String,
    /// 支付凭证号.
    pub reference: Option<String>,
}

/// The section of `p` on the build date, `None` when it has nothing.
pub(super) fn money(m: &Model<'_>, p: &Project) -> Option<MoneyView> {
    let content = m.content;
    let county = content.county(&p.county).map_or("", |c| c.name.as_str());
    let documents: Vec<NamedIn> = content
        .plan_docs_of(&p.county, m.today)
        .into_iter()
        .filter_map(|d| {
            role(content, d, p).map(|role| NamedIn {
                link: Link::new(&d.title(county, m.content.terms()), url::plan_doc(&d.county, *d.year, &d.id)),
                role,
                doc_no: d.doc_no.clone(),
                date: display::date(*d.date),
            })
        })
        .collect();
    let allocations: Vec<(Money, AllocationLine)> = content
        .allocations_to(&p.id)
        .into_iter()
        .filter(|(b, _)| *b.county == *p.county)
        .filter_map(|(b, a)| {
            let on = content.allocation_date(b);
            (on <= m.today).then(|| {
                let line = AllocationLine {
                    name: b.name(m.content.terms()),
                    doc_no: b.doc_no.clone(),
                    date: display::date(on),
                    amount: display::money(*a.amount),
                };
                (*a.amount, line)
            })
        })
        .collect();
    let mut payments: Vec<_> = p.payments.iter().filter(|pay| *pay.date <= m.today).collect();
    payments.sort_by_key(|pay| *pay.date);
    if documents.is_empty() && allocations.is_empty() && payments.is_empty() {
        return None;
    }
    let paid = p.paid_by(m.today);
    let total = p.funding.as_ref().map_or(Money::ZERO, |f| *f.total);
    Some(MoneyView {
        documents,
        allocated: display::money(allocations.iter().map(|(a, _)| *a).sum()),
        allocations: allocations.into_iter().map(|(_, l)| l).collect(),
        payments: payments
            .into_iter()
            .map(|pay| PaymentLine {
                date: display::date(*pay.date),
                amount: display::money(*pay.amount),
                reference: pay.reference.clone(),
            })
            .collect(),
        paid: display::money(paid),
        progress: super::plan::progress(paid, total),
    })
}

/// How document `d` names `p`, if it does.
fn role(content: &Content, d: &PlanDoc, p: &Project) -> Option<&'static str> {
    let listed = |ids: &[crate::domain::At<String>]| ids.iter().any(|id| **id == *p.id);
    match *d.kind {
        PlanKind::Plan if listed(&d.projects) => Some("列入年度计划"),
        PlanKind::Adjustment if listed(&d.projects) => Some("调入年度计划"),
        PlanKind::Adjustment if listed(&d.moved_out) => Some("调出年度计划"),
        PlanKind::Adjustment if listed(&d.changed) => Some("变更"),
        PlanKind::Allocation => {
            let allocates = d
                .batches
                .iter()
                .filter_map(|id| content.fund_batch(id))
                .any(|b| b.allocations.iter().any(|a| *a.project == *p.id));
            allocates.then_some("资金分配")
        }
        PlanKind::Completion => content.in_plan(&p.id, &d.county, *d.year, *d.date).then_some("年度计划完成情况"),
        _ => None,
    }
}
