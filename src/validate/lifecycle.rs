//! A project's life besides moving forward: `lifecycle-conflict` (a project
//! that ended before approval cannot also be approved or go on) and
//! `change-needs-notice` (a change of content, place or of much of the money
//! goes through a new notice first). Changes are dated like events, so
//! `event-order` covers them too: after 入库, not after `--today`.

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::change::{Change, ChangeItem};
use crate::domain::{Content, Keyword, Money, Project, Rules};

/// Runs the rules over every project.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for project in &content.projects {
        check_not_given(project, &mut out);
        check_closure(project, &mut out);
        for change in &project.changes {
            check_change_dates(project, change, today, &mut out);
            check_change_notice(project, change, rules, &mut out);
        }
    }
    out
}

fn diag(project: &Project, code: Code, pos: Pos, message: String, help: String) -> Diagnostic {
    Diagnostic::new(code, project.path.at(pos), message).help(help).record(Some(&project.id))
}

/// `not-given`: what the source did not give, to be filled in once known.
fn check_not_given(project: &Project, out: &mut Vec<Diagnostic>) {
    let Some(first) = project.not_given.first() else { return };
    let what: Vec<&str> = project.not_given.iter().map(|n| n.label()).collect();
    out.push(diag(
        project,
        Code::NotGiven,
        first.pos,
        format!("项目 {} 的以下信息来源台账未公布：{}", project.id.value, what.join("、")),
        "网页上这些项显示为“未公布”；拿到后补录到项目文件，并从 not_given 中删去".into(),
    ));
}

/// A withdrawn or rejected project has no approval, no later life, and
/// only one way of ending.
fn check_closure(project: &Project, out: &mut Vec<Diagnostic>) {
    let (Some((closure, kind)), Some(at)) =
        (project.closure(), project.withdrawn.as_ref().or(project.rejected.as_ref()).map(|c| c.pos))
    else {
        return;
    };
    let what = kind.label();
    if project.withdrawn.is_some() && project.rejected.is_some() {
        out.push(diag(
            project,
            Code::LifecycleConflict,
            at,
            "项目同时写了撤回（withdrawn）和未通过（rejected）".into(),
            "项目只能以一种方式结束：批复前撤回的写 withdrawn，县级审定未通过的写 rejected".into(),
        ));
    }
    if let Some(approval) = &project.approval {
        out.push(diag(
            project,
            Code::LifecycleConflict,
            approval.pos,
            format!("项目已{what}（{}），不能同时有批复", *closure.date),
            format!("{what}的项目没有批复；若项目其实已批复入库，删去 {}", kind.key()),
        ));
    }
    if let Some(first) = project.events.first() {
        out.push(diag(
            project,
            Code::LifecycleConflict,
            first.date.pos,
            format!("项目已{what}，却登记了 {} 项实施环节", project.events.len()),
            format!("{what}的项目不再实施；删去 events，或删去 {}", kind.key()),
        ));
    }
    if let Some(first) = project.changes.first() {
        out.push(diag(
            project,
            Code::LifecycleConflict,
            first.pos,
            format!("项目已{what}，却登记了变更"),
            "变更只用于已入库的项目".into(),
        ));
    }
    let date = *closure.date;
    for n in project.notices.iter().filter(|n| *n.start > date) {
        out.push(diag(
            project,
            Code::LifecycleConflict,
            n.start.pos,
            format!("{}公示 {} 开始，晚于项目{what}的日期 {date}", n.level.label(), *n.start),
            format!("{what}后不再公示；核对{what}日期或公示日期"),
        ));
    }
}

/// A change is approved after 入库 and has happened by `--today`
/// (`event-order`, as the events).
fn check_change_dates(project: &Project, change: &Change, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let date = *change.date;
    match project.warehoused_date() {
        None if project.gaps.is_approval_invalid => {}
        None => out.push(diag(
            project,
            Code::EventOrder,
            change.date.pos,
            "项目没有批复入库，却登记了变更".into(),
            "先补录批复（审定单位、文号、日期），再登记变更".into(),
        )),
        Some(floor) if date < floor && !project.gaps.is_warehoused_on_invalid => out.push(diag(
            project,
            Code::EventOrder,
            change.date.pos,
            format!("变更日期 {date} 早于入库日期 {floor}"),
            "变更是入库之后的调整；入库前的修改直接写在项目中".into(),
        )),
        Some(_) => {}
    }
    if date > today {
        out.push(diag(
            project,
            Code::EventOrder,
            change.date.pos,
            format!("变更日期 {date} 晚于今天（{today}）"),
            "只登记已经批复的变更；核对日期".into(),
        ));
    }
}

/// Why a change needs a new notice, if it does: its content or place
/// changed, or its total moved by more than `rules.change_notice_percent`.
pub(crate) fn notice_reason(project: &Project, change: &Change, rules: &Rules) -> Option<String> {
    let items = change.previous.items();
    if let Some(item) = items.iter().find(|i| matches!(i, ChangeItem::Content | ChangeItem::Location)) {
        return Some(item.label().to_owned());
    }
    let before = change.previous.funding.as_ref().map(|f| *f.total)?;
    let after = after_total(project, change)?;
    rules.funding_change_needs_notice(before, after).then(|| {
        format!(
            "资金总额（由 {} 万元变为 {} 万元，变动超过 {}%）",
            before.wan_exact(),
            after.wan_exact(),
            Money::from_fen(rules.change_notice_bp * 100).wan_exact()
        )
    })
}

/// The total right after `change`: that of the next later change's
/// `previous`, else the project's own.
fn after_total(project: &Project, change: &Change) -> Option<Money> {
    let next = project
        .changes
        .iter()
        .filter(|c| *c.date > *change.date && c.previous.funding.is_some())
        .min_by_key(|c| *c.date);
    match next {
        Some(c) => c.previous.funding.as_ref().map(|f| *f.total),
        None => project.funding.as_ref().map(|f| *f.total),
    }
}

/// `change-needs-notice`: such a change needs a notice posted after the
/// approval that ended before the change was approved.
fn check_change_notice(project: &Project, change: &Change, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let Some(reason) = notice_reason(project, change, rules) else { return };
    let Some(approval) = &project.approval else { return };
    let (approved, date) = (*approval.date, *change.date);
    let noticed = project.notices.iter().any(|n| *n.start > approved && *n.end < date);
    if noticed || project.gaps.has_notice_gap() {
        return;
    }
    let level = project.required_levels(rules).first().map_or("村级", |l| l.label());
    out.push(diag(
        project,
        Code::ChangeNeedsNotice,
        change.pos,
        format!("{date} 的变更改动了{reason}，但此前没有重新公示"),
        format!(
            "这样的变更须重新公示：在 notices 中补录入库后、{date} 之前结束的公示（如{level}公示）；\
             只改实施主体或小额调整资金不需要"
        ),
    ));
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
