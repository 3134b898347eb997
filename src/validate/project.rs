//! Project rules of `docs/cli.md` beyond the notices: funding, taxonomy, lifecycle events
//! and the 项目管理费 cap.
//!
//! Codes: `funding-mismatch`, `unknown-type`, `unknown-sub-type`, `event-order` (one project
//! at a time) and `management-fee` (per county and year, over all projects). Money is
//! compared in exact whole yuan ([`Money::yuan`]), never as floats. The work is linear in
//! the number of projects apart from sorting each project's few events.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::Keyword;
use crate::domain::project::{Event, FundingSource};
use crate::domain::{Content, Money, Project, Rules};

/// The taxonomy key whose projects are 项目管理费 (spec: `type: management_fee`).
const MANAGEMENT_FEE: &str = "management_fee";

/// Runs the project rules over every project as of `today`.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for project in &content.projects {
        check_funding(project, &mut out);
        check_type(project, content, &mut out);
        check_events(project, today, &mut out);
    }
    check_management_fee(content, rules, &mut out);
    out
}

/// A diagnostic on `project` at `pos`.
fn diag(project: &Project, code: Code, pos: Pos, message: String, help: String) -> Diagnostic {
    Diagnostic::new(code, project.path.at(pos), message).help(help).record(Some(&project.id))
}

/// `funding-mismatch`: the sources must add up to `total`, to the yuan.
fn check_funding(project: &Project, out: &mut Vec<Diagnostic>) {
    let Some(funding) = &project.funding else { return };
    // A source left out as invalid (already reported) cannot be summed.
    if project.gaps.is_funding_incomplete {
        return;
    }
    // No sources at all is the loader's `missing-field`; a sum of nothing would only repeat it.
    if funding.sources.is_empty() {
        return;
    }
    let sum: Money = funding.sources.iter().map(|s| s.amount).sum();
    let total = *funding.total;
    if sum != total {
        out.push(diag(
            project,
            Code::FundingMismatch,
            funding.total.pos,
            format!("{} 项资金来源合计 {sum} 万元，与资金总额 {total} 万元不一致", funding.sources.len()),
            "核对各资金来源的金额或资金总额（单位：万元）".into(),
        ));
    }
}

/// `unknown-type` and `unknown-sub-type` (the latter only for a type with a sub-type list).
fn check_type(project: &Project, content: &Content, out: &mut Vec<Diagnostic>) {
    let key = project.project_type.as_str();
    // An empty value is the loader's `missing-field`.
    if key.is_empty() {
        return;
    }
    let Some(project_type) = content.project_type(key) else {
        let known: Vec<String> = content.taxonomy.iter().map(|t| format!("{}（{}）", t.key, t.name)).collect();
        out.push(diag(
            project,
            Code::UnknownType,
            project.project_type.pos,
            format!("项目类型 {key} 不在项目类型目录中"),
            crate::suggest::help_with(
                key,
                content.taxonomy.iter().map(|t| t.key.as_str()),
                &format!("改为以下类型之一：{}", known.join("、")),
            ),
        ));
        return;
    };
    let Some(sub_type) = &project.sub_type else { return };
    if project_type.sub_types.is_empty() || project_type.sub_types.iter().any(|s| s == sub_type.as_str()) {
        return;
    }
    out.push(diag(
        project,
        Code::UnknownSubType,
        sub_type.pos,
        format!("项目子类型“{}”不在“{}”的子类型目录中", sub_type.as_str(), project_type.name),
        format!("改为以下子类型之一：{}；或在 project_types.yaml 中补充该子类型", project_type.sub_types.join("、")),
    ));
}

/// `event-order`: events need an approval, may not precede 入库 (`warehoused_on`, or the
/// approval date) nor lie after `today`, and the linear lifecycle steps never go backwards.
/// `adjusted_out` and `terminated` may come at any point, so only the first two apply to them.
fn check_events(project: &Project, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(first) = project.events.first() else { return };
    if project.approval.is_none() && !project.gaps.is_approval_invalid {
        // Reported once, on the first event in the file: the fix is one approval, not one per event.
        out.push(diag(
            project,
            Code::EventOrder,
            first.date.pos,
            format!("项目没有批复，却登记了 {} 项实施环节", project.events.len()),
            "先补录批复（审定单位、文号、日期），再登记实施环节".into(),
        ));
    }
    // With an invalid approval or 入库 date the floor is unknown.
    let floor = project
        .warehoused_date()
        .filter(|_| !project.gaps.is_approval_invalid && !project.gaps.is_warehoused_on_invalid);
    let floor_name = if project.warehoused_on.is_some() { "入库日期" } else { "批复日期" };
    for event in &project.events {
        let (name, date) = (event.event_type.label(), *event.date);
        if let Some(floor) = floor
            && date < floor
        {
            out.push(diag(
                project,
                Code::EventOrder,
                event.date.pos,
                format!("{name}日期 {date} 早于{floor_name} {floor}"),
                format!("实施环节在入库之后，{name}日期最早为 {floor}；核对日期"),
            ));
        }
        if date > today {
            out.push(diag(
                project,
                Code::EventOrder,
                event.date.pos,
                format!("{name}日期 {date} 晚于今天（{today}）"),
                "只登记已经发生的环节；核对日期".into(),
            ));
        }
    }
    check_lifecycle(project, out);
}

/// The backwards part of `event-order`: sorted by lifecycle step, each event is compared with
/// the latest-dated event of all strictly earlier steps. Events of one step (two `funded`
/// tranches, say) are not ordered among themselves.
fn check_lifecycle(project: &Project, out: &mut Vec<Diagnostic>) {
    let mut linear: Vec<&Event> = project.events.iter().filter(|e| !e.event_type.is_exit()).collect();
    linear.sort_by_key(|e| e.event_type);
    let mut latest_earlier: Option<&Event> = None;
    for step in linear.chunk_by(|a, b| a.event_type == b.event_type) {
        if let Some(earlier) = latest_earlier {
            for &event in step.iter().filter(|e| *e.date < *earlier.date) {
                let (name, date) = (event.event_type.label(), *event.date);
                let (earlier_name, earlier_date) = (earlier.event_type.label(), *earlier.date);
                out.push(diag(
                    project,
                    Code::EventOrder,
                    event.date.pos,
                    format!("{name}日期 {date} 早于前一环节{earlier_name}的日期 {earlier_date}"),
                    format!("实施环节不能倒序：{name}应不早于{earlier_name}；核对两个日期"),
                ));
            }
        }
        // Ties keep the earlier-sorted event; either gives the same date in messages.
        for &event in step {
            if latest_earlier.is_none_or(|e| *event.date > *e.date) {
                latest_earlier = Some(event);
            }
        }
    }
}

/// Per county and year: 项目管理费 totals and 衔接资金 (bridging fund) totals, in yuan.
#[derive(Default)]
struct Tally {
    fee: i128,
    bridging: i128,
    /// A project's funding was left out as invalid (already reported).
    is_incomplete: bool,
}

/// `management-fee`: per county and `year`, the `funding.total` of `management_fee` projects
/// may not exceed `management_fee_max_bp` basis points of the sum of every project's
/// `bridging_fund` lines (fee projects included, whatever their state). Rates are
/// provincial practice (1 % in most sources, domain.md §1.6), hence configurable.
fn check_management_fee(content: &Content, rules: &Rules, out: &mut Vec<Diagnostic>) {
    // One pass to tally, one to report: linear in the number of projects.
    let mut tallies: HashMap<(&str, i32), Tally> = HashMap::new();
    for project in &content.projects {
        let tally = tallies.entry((project.county.as_str(), *project.year)).or_default();
        // One project's funding left out as invalid (already reported) makes
        // the county-year's sums unknown: no warning from them.
        tally.is_incomplete |= project.gaps.is_funding_incomplete;
        let Some(funding) = &project.funding else { continue };
        tally.bridging += funding
            .sources
            .iter()
            .filter(|s| s.source == FundingSource::BridgingFund)
            .map(|s| i128::from(s.amount.fen()))
            .sum::<i128>();
        if *project.project_type == MANAGEMENT_FEE {
            tally.fee += i128::from(funding.total.fen());
        }
    }
    let bp = i128::from(rules.management_fee_max_bp);
    for project in content.projects.iter().filter(|p| *p.project_type == MANAGEMENT_FEE) {
        let Some(tally) = tallies.get(&(project.county.as_str(), *project.year)) else { continue };
        // fee ≤ bridging × bp / 10 000, multiplied out so no division rounds; a fee with
        // no bridging fund at all is over any cap.
        let is_unknown = content.unloaded.may_lack_project_of(&project.county, *project.year);
        if tally.is_incomplete || is_unknown || tally.fee * 10_000 <= tally.bridging * bp {
            continue;
        }
        let county = content.county(&project.county).map_or(project.county.as_str(), |c| c.name.as_str());
        let year = *project.year;
        let (fee, bridging) = (fen_to_money(tally.fee), fen_to_money(tally.bridging));
        // Display only: the cap rounded down to the yuan.
        let cap = fen_to_money(tally.bridging * bp / 10_000);
        let percent = percent_text(rules.management_fee_max_bp);
        let pos = project.funding.as_ref().map_or(project.project_type.pos, |f| f.total.pos);
        out.push(diag(
            project,
            Code::ManagementFee,
            pos,
            format!(
                "{county}{year} 年项目管理费合计 {fee} 万元，超过当年衔接资金 {bridging} 万元的 {percent}%（{cap} 万元）"
            ),
            format!("项目管理费不得超过当年衔接资金的 {percent}%；核减管理费，或核对各项目的衔接资金"),
        ));
    }
}

/// Fen as [`Money`], saturating far beyond any real budget.
fn fen_to_money(fen: i128) -> Money {
    Money::from_fen(i64::try_from(fen).unwrap_or(i64::MAX))
}

/// Basis points as a percent without trailing zeros: 100 → `1`, 150 → `1.5`, 5 → `0.05`.
fn percent_text(bp: i64) -> String {
    let (whole, frac) = (bp / 100, (bp % 100).abs());
    if frac == 0 { whole.to_string() } else { format!("{whole}.{}", format!("{frac:02}").trim_end_matches('0')) }
}

#[cfg(test)]
#[path = "project_tests.rs"]
mod tests;
