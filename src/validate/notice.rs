//! 公示 rules of `docs/cli.md`: notice periods, their order, the approval that follows
//! them, and the objections (异议) raised during them.
//!
//! Codes: `notice-dates`, `notice-too-short`, `notice-inclusive-only`, `notice-order`,
//! `notice-missing`, `approval-too-early`, `warehoused-before-approval`,
//! `objection-unresolved`, `objection-not-renoticed`. Each project is checked on its own;
//! only the "has happened" tests read `today`, which arrives as a parameter.
//!
//! Dates are whole calendar days (Asia/Shanghai) and a notice's end day lasts until 24:00
//! (民法典 Art. 203), so whatever follows a notice may happen on the day after `end` at the
//! earliest, never on `end` itself: every "after the notice" test below is `>`, not `>=`.

use chrono::{Days, NaiveDate};

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::Keyword;
use crate::domain::project::{Finding, NotGiven, Notice, NoticeLevel, Objection};
use crate::domain::site::Counting;
use crate::domain::{Content, Project, Rules, date};

/// Runs the notice rules over every project as of `today`.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for project in &content.projects {
        // Every notice is checked, also superseded and still running ones (cli.md).
        out.extend(project.notices.iter().filter_map(|n| check_period(project, n, rules)));
        check_order(project, rules, &mut out);
        check_approval(project, rules, &mut out);
        check_objections(project, today, &mut out);
    }
    out
}

/// A diagnostic on `project` at `pos`.
fn diag(project: &Project, code: Code, pos: Pos, message: String, help: String) -> Diagnostic {
    Diagnostic::new(code, project.path.at(pos), message).help(help).record(Some(&project.id))
}

/// `notice-dates`, `notice-too-short` and `notice-inclusive-only` for one notice.
///
/// "不少于10天" are calendar days (产业顾问组方案 §五, 指导意见). Under `civil` (民法典
/// Art. 201: the posting day is not counted) a notice passes when `end − start ≥ min`;
/// under `inclusive` (both ends counted) when `end − start + 1 ≥ min`. Under `civil`, a
/// notice that passes only the inclusive count is the warning, not the error.
fn check_period(project: &Project, notice: &Notice, rules: &Rules) -> Option<Diagnostic> {
    let level = notice.level.label();
    let (start, end) = (*notice.start, *notice.end);
    if end < start {
        // No day count is meaningful then, so no `notice-too-short` either (cli.md).
        return Some(diag(
            project,
            Code::NoticeDates,
            notice.end.pos,
            format!("{level}公示的结束日期 {end} 早于开始日期 {start}"),
            "更正公示的开始或结束日期".into(),
        ));
    }
    let min = rules.notice_min_days;
    let civil = date::notice_days(start, end, Counting::Civil);
    let inclusive = date::notice_days(start, end, Counting::Inclusive);
    let (counted, passes, earliest_end) = match rules.counting {
        Counting::Civil => (civil, civil >= min, add_days(start, min)),
        Counting::Inclusive => (inclusive, inclusive >= min, add_days(start, min - 1)),
    };
    if passes {
        return None;
    }
    let extend = earliest_end.map_or_else(|| "延长公示期".to_owned(), |e| format!("将公示期延长至 {e}"));
    if rules.counting == Counting::Civil && inclusive >= min {
        return Some(diag(
            project,
            Code::NoticeInclusiveOnly,
            notice.end.pos,
            format!("{level}公示按首日不计入仅 {civil} 天（{start} 至 {end}），首尾两日都计入才满 {min} 天"),
            format!("{extend}；如本县按首尾两日都计入，在 site.yaml 中设置 rules.counting: inclusive"),
        ));
    }
    let note = if rules.counting == Counting::Inclusive { "，首尾两日均计入" } else { "" };
    Some(diag(
        project,
        Code::NoticeTooShort,
        notice.end.pos,
        format!("{level}公示仅 {counted} 天（{start} 至 {end}{note}），不少于 {min} 天"),
        format!("{extend}，或更正日期"),
    ))
}

/// `notice-order`: each required notice after the first must start after
/// the effective notice of the level below has ended ("公示无异议后报送上一级").
fn check_order(project: &Project, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let levels = project.required_levels(rules);
    for pair in levels.windows(2) {
        let (lower, upper) = (pair[0], pair[1]);
        let (Some(before), Some(after)) = (project.procedure_notice(lower), project.procedure_notice(upper)) else {
            continue;
        };
        // A notice left out as invalid may be the effective one of its level.
        if project.gaps.may_lack_notice(lower) || project.gaps.may_lack_notice(upper) {
            continue;
        }
        let (end, start) = (*before.end, *after.start);
        if start <= end {
            let earliest = next_day(end);
            let (lower, upper) = (lower.label(), upper.label());
            out.push(diag(
                project,
                Code::NoticeOrder,
                after.start.pos,
                format!("{upper}公示 {start} 开始，未晚于{lower}公示的结束日 {end}"),
                format!("{lower}公示结束日到 24 时止，{upper}公示最早于 {earliest} 开始"),
            ));
        }
    }
}

/// `notice-missing`, `approval-too-early` and `warehoused-before-approval`.
fn check_approval(project: &Project, rules: &Rules, out: &mut Vec<Diagnostic>) {
    // Notices held but not recorded (an imported ledger): `not-given` says so.
    let is_recorded = !project.is_not_given(NotGiven::Notices);
    if let Some(approval) = project.approval.as_ref().filter(|_| is_recorded) {
        let required = project.required_levels(rules);
        let date = *approval.date;
        for &level in &required {
            // A notice left out as invalid (already reported) may be this
            // level's effective one: neither missing nor comparable.
            if project.gaps.may_lack_notice(level) {
                continue;
            }
            let label = level.label();
            match project.procedure_notice(level) {
                None => {
                    let all: Vec<&str> = required.iter().map(|l| l.label()).collect();
                    out.push(diag(
                        project,
                        Code::NoticeMissing,
                        approval.pos,
                        format!("项目已批复，但没有{label}公示"),
                        format!("补录{label}公示；{}的项目须经{}公示", project.origin.label(), all.join("、")),
                    ));
                }
                // The approval may come on the day after the end day at the earliest.
                Some(notice) if date <= *notice.end => {
                    let end = *notice.end;
                    out.push(diag(
                        project,
                        Code::ApprovalTooEarly,
                        approval.date.pos,
                        format!("批复日期 {date} 未晚于{label}公示的结束日 {end}"),
                        format!("公示结束日到 24 时止，批复最早在 {}；核对批复日期", next_day(end)),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    if let Some(warehoused) = &project.warehoused_on {
        let on = **warehoused;
        match &project.approval {
            // An invalid approval is reported where it is written.
            None if project.gaps.is_approval_invalid => {}
            None => out.push(diag(
                project,
                Code::WarehousedBeforeApproval,
                warehoused.pos,
                format!("项目有入库日期 {on}，但没有批复"),
                "补录批复（审定单位、文号、日期），或删去入库日期".into(),
            )),
            Some(approval) if on < *approval.date => {
                let date = *approval.date;
                out.push(diag(
                    project,
                    Code::WarehousedBeforeApproval,
                    warehoused.pos,
                    format!("入库日期 {on} 早于批复日期 {date}"),
                    format!("项目批复后才能入库，入库日期最早为 {date}"),
                ));
            }
            Some(_) => {}
        }
    }
}

/// The step that follows a notice: the earliest start of a notice at a higher level, or
/// the approval date if earlier (cli.md, "Next step").
struct NextStep {
    date: NaiveDate,
    /// Chinese description with its date, for messages.
    what: String,
}

fn next_step(project: &Project, level: NoticeLevel) -> Option<NextStep> {
    let higher = project.notices.iter().filter(|n| n.level > level).min_by_key(|n| *n.start);
    let approval = project.approval.as_ref().map(|a| *a.date);
    match (higher, approval) {
        // The approval wins only when strictly earlier; on a tie either reading gives the same date.
        (Some(n), Some(a)) if a < *n.start => Some(approval_step(a)),
        (Some(n), _) => {
            let start = *n.start;
            Some(NextStep { date: start, what: format!("{}公示 {start} 开始", n.level.label()) })
        }
        (None, Some(a)) => Some(approval_step(a)),
        (None, None) => None,
    }
}

fn approval_step(date: NaiveDate) -> NextStep {
    NextStep { date, what: format!("{date} 批复") }
}

/// `objection-unresolved` and `objection-not-renoticed` ("公示无异议后报送").
fn check_objections(project: &Project, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    // The next step is a higher notice or the approval: with one of them left
    // out as invalid, it cannot be told.
    if project.gaps.has_notice_gap() || project.gaps.is_approval_invalid {
        return;
    }
    // A notice for a change comes after the approval: its next step is the
    // change, which these rules do not model (docs/cli.md).
    for notice in project.notices.iter().filter(|n| !n.objections.is_empty() && !project.is_change_notice(n)) {
        let Some(step) = next_step(project, notice.level) else { continue };
        let happened = step.date <= today;
        // An objection whose answer is invalid (already reported) cannot be judged.
        for objection in notice.objections.iter().filter(|o| !o.is_answer_invalid) {
            if let Some(d) = check_resolved(project, notice, objection, &step, happened) {
                out.push(d);
            }
            if happened && let Some(d) = check_renoticed(project, notice, objection, &step) {
                out.push(d);
            }
        }
    }
}

/// Where objection rules point: the answer date if there is one, else the objection item.
fn objection_pos(objection: &Objection) -> Pos {
    objection.responded_on.as_ref().map_or(objection.pos, |r| r.pos)
}

fn check_resolved(
    project: &Project,
    notice: &Notice,
    objection: &Objection,
    step: &NextStep,
    happened: bool,
) -> Option<Diagnostic> {
    let level = notice.level.label();
    let received = *objection.received_on;
    let missing = match (&objection.finding, &objection.responded_on) {
        (None, None) => Some("处理结论和答复日期"),
        (None, Some(_)) => Some("处理结论"),
        (Some(_), None) => Some("答复日期"),
        (Some(_), Some(_)) => None,
    };
    if let Some(missing) = missing {
        // An open objection only blocks once the next step has been taken.
        return happened.then(|| {
            diag(
                project,
                Code::ObjectionUnresolved,
                objection_pos(objection),
                format!("{received} 收到的{level}公示异议没有{missing}，而下一环节（{}）已经发生", step.what),
                "补录异议的处理结论、答复和答复日期；异议办结前不得进入下一环节".into(),
            )
        });
    }
    // Both dates are recorded, so the conflict shows whatever `today` is: the step was
    // taken while this objection was still open. One received on or after the step did
    // not hold it up.
    let responded = objection.responded_on.as_ref().map(|r| r.value)?;
    (received < step.date && responded >= step.date).then(|| {
        diag(
            project,
            Code::ObjectionUnresolved,
            objection_pos(objection),
            format!("{received} 收到的{level}公示异议 {responded} 才办结，未早于下一环节（{}）", step.what),
            format!("异议须在下一环节之前办结，答复日期最晚为 {}；核对答复日期", previous_day(step.date)),
        )
    })
}

/// An upheld (or partly upheld) objection needs a new notice at the same level that starts
/// after the answer (a new full period, domain.md §1.5); a withdrawn one does not.
fn check_renoticed(project: &Project, notice: &Notice, objection: &Objection, step: &NextStep) -> Option<Diagnostic> {
    let finding = objection.finding.as_ref()?;
    if !matches!(**finding, Finding::Upheld | Finding::PartiallyUpheld) {
        return None;
    }
    // Without an answer date `objection-unresolved` has already spoken.
    let responded = objection.responded_on.as_ref().map(|r| r.value)?;
    let renoticed = project.notices.iter().any(|n| n.level == notice.level && *n.start > responded);
    if renoticed {
        return None;
    }
    let level = notice.level.label();
    let received = *objection.received_on;
    let upheld = if **finding == Finding::Upheld { "成立" } else { "部分成立" };
    Some(diag(
        project,
        Code::ObjectionNotRenoticed,
        objection_pos(objection),
        format!(
            "{received} 收到的{level}公示异议{upheld}（{responded} 答复），此后没有重新进行{level}公示，而下一环节（{}）已经发生",
            step.what
        ),
        format!("按处理结果修改项目后重新进行{level}公示，开始日期须晚于 {responded}"),
    ))
}

/// `day + n` days, `None` when `n` is negative or the date overflows.
fn add_days(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    u64::try_from(n).ok().and_then(|n| day.checked_add_days(Days::new(n)))
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

fn previous_day(day: NaiveDate) -> NaiveDate {
    day.pred_opt().unwrap_or(day)
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
