//! Converts a 资金批次 file into a [`FundBatch`].

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::Node;
use crate::domain::project::{FundLevel, FundingSource};
use crate::domain::{Allocation, FundBatch};
use crate::format::Shape;

/// Reads one batch; `None` when its id, county, year, fund, date or total is
/// unusable (already reported).
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<FundBatch> {
    let mut m = ctx.map(root, Shape::Fund)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let fund = m.get(ctx, "fund").and_then(|n| ctx.keyword::<FundingSource>(n));
    // `level` only with 衔接资金, as on a project's funding line.
    let level = if fund.as_ref().is_some_and(|f| f.value == FundingSource::BridgingFund) {
        m.get(ctx, "level").and_then(|n| ctx.keyword::<FundLevel>(n))
    } else {
        if fund.is_none() {
            m.skip("level");
        } else {
            m.forbid("level");
        }
        None
    };
    let name = opt_text(ctx, &mut m, "name");
    let doc_no = req_text(ctx, &mut m, "doc_no");
    let issued_by = req_text(ctx, &mut m, "issued_by");
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let total = m.get(ctx, "total").and_then(|n| ctx.money(n));
    let allocations = m.get(ctx, "allocations").map(|n| ctx.list(n, allocation)).unwrap_or_default();
    m.finish(ctx);
    Some(FundBatch {
        path: ctx.path.clone(),
        id: id?,
        county: county?,
        year: year?,
        fund: fund?,
        level,
        name,
        doc_no,
        issued_by,
        date: date?,
        total: total?,
        allocations,
    })
}

fn allocation(ctx: &mut Ctx, node: &Node) -> Option<Allocation> {
    let mut m = ctx.map(node, Shape::Allocation)?;
    let project = m.get(ctx, "project").and_then(|n| ctx.text_at(n));
    let amount = m.get(ctx, "amount").and_then(|n| ctx.money(n));
    m.finish(ctx);
    Some(Allocation { project: project?, amount: amount?, pos: node.pos })
}

/// A project's `payments` list (资金支付).
pub(crate) fn payments(ctx: &mut Ctx, node: &Node) -> Vec<crate::domain::Payment> {
    ctx.list(node, |ctx, n| {
        let mut m = ctx.map(n, Shape::Payment)?;
        let date = m.get(ctx, "date").and_then(|v| ctx.date(v));
        let amount = m.get(ctx, "amount").and_then(|v| ctx.money(v));
        let reference = opt_text(ctx, &mut m, "ref");
        m.finish(ctx);
        Some(crate::domain::Payment { date: date?, amount: amount?, reference, pos: n.pos })
    })
}
