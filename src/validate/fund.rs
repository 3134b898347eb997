//! The rules of the money: a fund batch adds up (`allocation-sum`), goes to
//! projects of its county that stand in the warehouse (`unknown-reference`,
//! `allocation-not-warehoused`) within what their funding sources give
//! (`allocation-exceeds-funding`), and is published within the working days
//! the county sets (`allocation-late`); a project is not paid more than it
//! costs (`payments-exceed-funding`), nor on a day still to come (`event-order`).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::project::{FundLevel, FundingSource};
use crate::domain::{Allocation, Content, FundBatch, Keyword, Money, Project, RecordId, Rules};

/// Runs the rules over every batch and every project's payments.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for b in &content.funds {
        check_batch(content, rules, today, b, &mut out);
    }
    for p in &content.projects {
        check_funding(content, p, &mut out);
        check_payments(p, today, &mut out);
    }
    out
}

fn at(b: &FundBatch, code: Code, pos: Pos, message: String, help: String) -> Diagnostic {
    Diagnostic::new(code, b.path.at(pos), message).help(help).record(Some(&b.id))
}

fn check_batch(content: &Content, rules: &Rules, today: NaiveDate, b: &FundBatch, out: &mut Vec<Diagnostic>) {
    if content.county(&b.county).is_none() && !content.unloaded.counties.contains(b.county.as_str()) {
        out.push(at(
            b,
            Code::UnknownReference,
            b.county.pos,
            format!("没有编号为“{}”的县", *b.county),
            "county 须是 content/counties/ 中某个县的 id".into(),
        ));
    }
    let allocated = b.allocated();
    if allocated != *b.total {
        out.push(at(
            b,
            Code::AllocationSum,
            b.total.pos,
            format!(
                "资金规模 {} 万元，分配到项目的金额合计 {} 万元，两者不等",
                b.total.wan_exact(),
                allocated.wan_exact()
            ),
            "核对下达文件：total 写文件中的资金规模，allocations 写分配到每个项目的金额，二者精确到分相等".into(),
        ));
    }
    let on = content.allocation_date(b);
    for a in &b.allocations {
        let Some(p) = project_of(content, b, a, out) else { continue };
        let unreadable = p.gaps.is_approval_invalid || p.gaps.is_warehoused_on_invalid;
        if !p.in_warehouse_on(on) && !unreadable && RecordId::is_valid(&p.id) {
            let why = match p.warehoused_date() {
                _ if p.closure().is_some_and(|(c, _)| *c.date <= on) => "已撤回或未通过",
                Some(w) if w <= on => "已调整出库",
                Some(_) => "尚未入库",
                None => "没有批复入库",
            };
            out.push(at(
                b,
                Code::AllocationNotWarehoused,
                a.project.pos,
                format!("资金于 {on} 分配给项目 {}，但该项目当天{why}", p.id.value),
                "衔接资金只能安排给已纳入项目库的项目：核对分配日期（分配结果公告的日期）、项目的批复入库，或改为分配给库内项目".into(),
            ));
        }
    }
    check_published(content, rules, today, b, out);
}

/// The project an allocation names, when it exists in the batch's county.
fn project_of<'c>(
    content: &'c Content,
    b: &FundBatch,
    a: &Allocation,
    out: &mut Vec<Diagnostic>,
) -> Option<&'c Project> {
    let Some(p) = content.project(&a.project) else {
        if !content.unloaded.may_be_project(&a.project) {
            out.push(at(
                b,
                Code::UnknownReference,
                a.project.pos,
                format!("分配资金的项目“{}”不存在", a.project.value),
                "核对项目编号；资金只能分配给 content/projects/ 中的项目".into(),
            ));
        }
        return None;
    };
    if *p.county != *b.county {
        out.push(at(
            b,
            Code::UnknownReference,
            a.project.pos,
            format!("项目 {} 属于 {}，不是本批资金的县 {}", p.id.value, p.county.value, b.county.value),
            "资金只分配给本县的项目".into(),
        ));
        return None;
    }
    Some(p)
}

/// `allocation-late`: an allocation result names the batch within the working days.
fn check_published(content: &Content, rules: &Rules, today: NaiveDate, b: &FundBatch, out: &mut Vec<Diagnostic>) {
    let days = rules.allocation_within_working_days;
    let due = content.calendar.add_working_days(*b.date, days);
    let message = match content.allocation_document(b) {
        Some(d) if *d.date > due => {
            format!(
                "资金批次 {} 于 {} 下达，{} 才由公告 {} 公布分配结果，晚于期限 {due}",
                b.id.value, *b.date, *d.date, d.id.value
            )
        }
        None if due < today => {
            format!("资金批次 {} 于 {} 下达，已过公告期限 {due}，仍没有资金分配结果公告列出它", b.id.value, *b.date)
        }
        _ => return,
    };
    out.push(at(
        b,
        Code::AllocationLate,
        b.date.pos,
        message,
        format!("资金分配结果须在资金下达后 {days} 个工作日内公开：在 content/plans/ 中的资金分配结果公告（kind: allocation）的 batches 里列出它"),
    ));
}

/// The cap of an allocation of `fund` at `level` from the project's lines:
/// the lines of that fund, of that level where both say one.
fn cap(p: &Project, fund: FundingSource, level: Option<FundLevel>) -> Money {
    p.funding.as_ref().map_or(Money::ZERO, |f| {
        f.sources
            .iter()
            .filter(|l| l.source == fund && (level.is_none() || l.level.is_none() || l.level == level))
            .map(|l| l.amount)
            .sum()
    })
}

/// `allocation-exceeds-funding`: the allocations to `p` from the batches of
/// one fund (and level) stay within what its funding sources give.
fn check_funding(content: &Content, p: &Project, out: &mut Vec<Diagnostic>) {
    if p.gaps.is_funding_incomplete || !RecordId::is_valid(&p.id) {
        return;
    }
    let mut sums: BTreeMap<(FundingSource, Option<FundLevel>), Money> = BTreeMap::new();
    let mut reported: HashSet<FundingSource> = HashSet::new();
    for (b, a) in content.allocations_to(&p.id) {
        if *b.county != *p.county {
            continue;
        }
        let level = b.level.as_ref().map(|l| l.value);
        // The fund as a whole (every level), then the batch's level.
        let mut keys = vec![(*b.fund, None)];
        keys.extend(level.map(|l| (*b.fund, Some(l))));
        let mut over = None;
        for key in keys {
            let sum = sums.entry(key).or_insert(Money::ZERO);
            *sum = *sum + *a.amount;
            let limit = cap(p, key.0, key.1);
            if *sum > limit && over.is_none() {
                over = Some((key, *sum, limit));
            }
        }
        if let Some(((fund, lv), sum, limit)) = over
            && reported.insert(fund)
        {
            let what = match lv {
                Some(l) => format!("{}{}", l.label(), fund.label()),
                None => fund.label().to_owned(),
            };
            out.push(at(
                b,
                Code::AllocationExceedsFunding,
                a.pos,
                format!("分配给项目 {} 的{what}累计 {} 万元，超过项目资金来源中的 {} 万元", p.id.value, sum.wan_exact(), limit.wan_exact()),
                "核对分配金额和项目的 funding.sources：分配不能超过项目批复的该来源资金；项目资金有变更的，先在项目中登记变更".into(),
            ));
        }
    }
}

/// `payments-exceed-funding` and payments still to come (`event-order`).
fn check_payments(p: &Project, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let diag = |code, pos, message: String, help: &str| {
        Diagnostic::new(code, p.path.at(pos), message).help(help).record(Some(&p.id))
    };
    let total = p.funding.as_ref().map(|f| *f.total);
    let mut paid = Money::ZERO;
    let mut over = false;
    for pay in &p.payments {
        paid = paid + *pay.amount;
        if let Some(total) = total
            && paid > total
            && !over
            && !p.gaps.is_funding_incomplete
        {
            over = true;
            out.push(diag(
                Code::PaymentsExceedFunding,
                pay.amount.pos,
                format!("支付累计 {} 万元，超过项目总投资 {} 万元", paid.wan_exact(), total.wan_exact()),
                "核对支付金额：项目的支付合计不能超过其资金总额；资金有变更的先登记变更",
            ));
        }
        if *pay.date > today {
            out.push(diag(
                Code::EventOrder,
                pay.date.pos,
                format!("支付日期 {} 晚于今天（{today}）", *pay.date),
                "只登记已经支付的款项；核对日期",
            ));
        }
    }
}

#[cfg(test)]
#[path = "fund_tests.rs"]
mod tests;
