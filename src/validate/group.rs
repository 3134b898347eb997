//! The 产业顾问组 ledger rules: `consultation-gap`, `plan-late` and `summary-late`
//! (cli.md "会商" and "Plans and summaries").
//!
//! Policy (方案 §六(三)): groups hold a 会商 "原则上每半年至少1次", and form a
//! 工作计划 at the start of each year and a 工作总结 at its end. The exact
//! thresholds (90 active days, 183-day gaps, 60 days after certification, the
//! summary window) are the spec's, configurable through `site.yaml` `rules`.
//! All day counts here are plain date differences, independent of
//! `rules.counting` (which is for notices only). Nothing is checked for a
//! period that has not yet ended on `--today`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};

use crate::diag::{Code, Diagnostic};
use crate::domain::group::{PlanDoc, PlanKind};
use crate::domain::site::ConsultationRule;
use crate::domain::{Content, Group, Rules, date};

/// Longest allowed gap between 会商 under `rules.consultation: rolling`, in days.
const ROLLING_MAX_GAP_DAYS: i64 = 183;
/// A half-year needs a 会商 only if the group was active this many days in it.
const HALF_YEAR_MIN_ACTIVE_DAYS: i64 = 90;
/// In its certification year a group's plan is due this many days after certification.
const FIRST_PLAN_DAYS: u64 = 60;

/// Runs the group rules as of `today`.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for g in &content.groups {
        // A 会商 or plan left out as invalid (already reported) may be the
        // very one a rule looks for: that rule stays silent.
        if !g.are_consultations_incomplete {
            match rules.consultation {
                ConsultationRule::HalfYear => half_year(g, today, &mut out),
                ConsultationRule::Rolling => rolling(g, today, &mut out),
            }
        }
        if !g.are_plans_incomplete {
            plans(g, rules, today, &mut out);
            summaries(g, rules, today, &mut out);
        }
    }
    out
}

/// The plain state of one group rule on the ledger page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerState {
    /// 合规: the rule holds so far.
    Compliant,
    /// 待办: something falls due later (not yet late).
    Pending,
    /// 缺失: the rule is broken (the same finding `check` warns about).
    Missing,
}

impl LedgerState {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            LedgerState::Compliant => "合规",
            LedgerState::Pending => "待办",
            LedgerState::Missing => "缺失",
        }
    }
}

/// One group rule's state with its reason, for the ledger (台账).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRule {
    /// The rule, in Chinese (会商, 工作计划, 工作总结).
    pub rule: &'static str,
    /// State.
    pub state: LedgerState,
    /// Why, in one Chinese sentence.
    pub reason: String,
}

/// The state of each group rule as of `today`. A rule is 缺失 exactly when
/// `check` warns about it (the same functions decide both), 待办 when its next
/// due date is still ahead and unmet, and 合规 otherwise.
pub fn ledger(g: &Group, rules: &Rules, today: NaiveDate) -> Vec<LedgerRule> {
    let mut found = Vec::new();
    match rules.consultation {
        ConsultationRule::HalfYear => half_year(g, today, &mut found),
        ConsultationRule::Rolling => rolling(g, today, &mut found),
    }
    let consultation = found.clone();
    found.clear();
    plans(g, rules, today, &mut found);
    let plan = found.clone();
    found.clear();
    summaries(g, rules, today, &mut found);
    let summary = found;

    let held = counted_consultations(g, today);
    let half_start = NaiveDate::from_ymd_opt(today.year(), if today.month() <= 6 { 1 } else { 7 }, 1);
    let meeting = if let Some(d) = consultation.first() {
        missing("会商", d, consultation.len())
    } else if today < g.certification.date {
        pending("会商", "顾问组尚未开始运行".into())
    } else if half_start.is_some_and(|h| !held.iter().any(|d| *d >= h)) {
        pending("会商", "本半年度尚未召开会商会议".into())
    } else {
        let last = held.last().map_or_else(String::new, |d| format!("最近一次会商于{}", date::zh(*d)));
        compliant("会商", last)
    };

    let year = today.year();
    let has = |kind: PlanKind, y: i32| earliest(g, kind).contains_key(&y);
    let plan_state = if let Some(d) = plan.first() {
        missing("工作计划", d, plan.len())
    } else if year >= g.certification.date.year() && !has(PlanKind::WorkPlan, year) {
        let due = plan_due(g, rules, year).map_or_else(String::new, |d| format!("，应于{}前提交", date::zh(d)));
        pending("工作计划", format!("{year}年工作计划尚未提交{due}"))
    } else {
        compliant("工作计划", format!("{year}年工作计划已提交"))
    };

    // The summary falling due next: last year's while its window is open, else this year's.
    let due_year = if summary_window(rules, year - 1).1 >= today { year - 1 } else { year };
    let summary_state = if let Some(d) = summary.first() {
        missing("工作总结", d, summary.len())
    } else if due_year >= g.certification.date.year() && !has(PlanKind::WorkSummary, due_year) {
        let (from, to) = summary_window(rules, due_year);
        pending("工作总结", format!("{due_year}年工作总结应在{}至{}之间提交", date::zh(from), date::zh(to)))
    } else {
        compliant("工作总结", "各年度工作总结均已按时提交".into())
    };
    vec![meeting, plan_state, summary_state]
}

fn missing(rule: &'static str, first: &Diagnostic, count: usize) -> LedgerRule {
    let more = if count > 1 { format!("（另有{}项）", count - 1) } else { String::new() };
    LedgerRule { rule, state: LedgerState::Missing, reason: format!("{}{more}", first.message) }
}

fn pending(rule: &'static str, reason: String) -> LedgerRule {
    LedgerRule { rule, state: LedgerState::Pending, reason }
}

fn compliant(rule: &'static str, reason: String) -> LedgerRule {
    LedgerRule { rule, state: LedgerState::Compliant, reason }
}

/// The 会商 dates that count: from certification to `today` (cli.md "会商"), sorted.
fn counted_consultations(g: &Group, today: NaiveDate) -> Vec<NaiveDate> {
    let cert = g.certification.date;
    let mut dates: Vec<NaiveDate> =
        g.consultations.iter().map(|c| c.date.value).filter(|d| cert <= *d && *d <= today).collect();
    dates.sort_unstable();
    dates
}

fn gap_warning(g: &Group, message: String) -> Diagnostic {
    Diagnostic::new(Code::ConsultationGap, g.path.at(g.consultations_pos), message)
        .help("产业顾问组原则上每半年至少召开1次会商会议；已召开的请在 consultations 中补录")
        .record(Some(&g.id))
}

/// `half_year`: every finished half-year (last day < `today`) in which the group
/// was active at least 90 days (`last − max(first, certification) + 1`) needs a 会商.
fn half_year(g: &Group, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let cert = g.certification.date;
    let held: BTreeSet<(i32, bool)> =
        counted_consultations(g, today).into_iter().map(|d| (d.year(), d.month() > 6)).collect();
    for year in cert.year()..=today.year() {
        for second in [false, true] {
            let (Some(first), Some(last)) = half_bounds(year, second) else { continue };
            if last >= today {
                continue; // not finished yet
            }
            let active = (last - first.max(cert)).num_days() + 1;
            if active >= HALF_YEAR_MIN_ACTIVE_DAYS && !held.contains(&(year, second)) {
                let period =
                    if second { "下半年（7月1日至12月31日）" } else { "上半年（1月1日至6月30日）" };
                out.push(gap_warning(g, format!("{year}年{period}没有会商记录")));
            }
        }
    }
}

/// First and last day of a half-year (Jan–Jun, or Jul–Dec when `second`).
fn half_bounds(year: i32, second: bool) -> (Option<NaiveDate>, Option<NaiveDate>) {
    if second {
        (NaiveDate::from_ymd_opt(year, 7, 1), NaiveDate::from_ymd_opt(year, 12, 31))
    } else {
        (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 6, 30))
    }
}

/// `rolling`: the gaps between certification, each counted 会商 and `today`
/// (plain differences `later − earlier`) must not exceed 183 days.
fn rolling(g: &Group, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let cert = g.certification.date;
    if cert > today {
        return; // not yet active: no gap can have opened
    }
    let mut points = vec![(cert, "认定")];
    points.extend(counted_consultations(g, today).into_iter().map(|d| (d, "会商")));
    points.push((today, "今天"));
    for pair in points.windows(2) {
        let [(from, from_what), (to, to_what)] = pair else { continue };
        let gap = (*to - *from).num_days();
        if gap > ROLLING_MAX_GAP_DAYS {
            out.push(gap_warning(
                g,
                format!(
                    "{}（{from_what}）至{}（{to_what}）相隔{gap}天没有会商，超过{ROLLING_MAX_GAP_DAYS}天",
                    date::zh(*from),
                    date::zh(*to)
                ),
            ));
        }
    }
}

/// The earliest document of `kind` per year: only it counts (cli.md).
fn earliest(g: &Group, kind: PlanKind) -> BTreeMap<i32, &PlanDoc> {
    let mut by_year: BTreeMap<i32, &PlanDoc> = BTreeMap::new();
    for doc in g.plans.iter().filter(|p| p.kind == kind) {
        let slot = by_year.entry(doc.year).or_insert(doc);
        if *doc.submitted_on < *slot.submitted_on {
            *slot = doc;
        }
    }
    by_year
}

/// `plan-late`: from the certification year on, each year's 工作计划 is due by
/// certification + 60 days (certification year, whatever `plan_due` says) or by
/// `plan_due` (later years); checked only once the due date has passed.
fn plans(g: &Group, rules: &Rules, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let cert = g.certification.date;
    let first = earliest(g, PlanKind::WorkPlan);
    for year in cert.year()..=today.year() {
        let Some(due) = plan_due(g, rules, year) else { continue };
        if due >= today {
            continue; // still time to submit
        }
        let (at, message) = match first.get(&year) {
            None => (g.plans_pos, format!("{year}年工作计划未提交（应于{}前提交）", date::zh(due))),
            Some(p) if *p.submitted_on > due => (
                p.submitted_on.pos,
                format!("{year}年工作计划于{}提交，晚于截止日{}", date::zh(*p.submitted_on), date::zh(due)),
            ),
            Some(_) => continue,
        };
        out.push(
            Diagnostic::new(Code::PlanLate, g.path.at(at), message)
                .help("每年年初形成工作计划；请在 plans 中登记 kind: work_plan 及实际提交日期")
                .record(Some(&g.id)),
        );
    }
}

/// The day a year's 工作计划 is due: certification + 60 days in the
/// certification year (whatever `plan_due` says), `plan_due` later.
fn plan_due(g: &Group, rules: &Rules, year: i32) -> Option<NaiveDate> {
    let cert = g.certification.date;
    if year == cert.year() {
        cert.checked_add_days(Days::new(FIRST_PLAN_DAYS))
    } else {
        Some(rules.plan_due.in_year(year))
    }
}

/// A year's 工作总结 window, its end in the next year when earlier in the calendar.
fn summary_window(rules: &Rules, year: i32) -> (NaiveDate, NaiveDate) {
    let (open, close) = rules.summary_window;
    (open.in_year(year), close.in_year(if close < open { year + 1 } else { year }))
}

/// `summary-late`: from the certification year on, each year's 工作总结 must fall
/// in the summary window (its end in the next year when earlier in the calendar);
/// checked only once that window has closed.
fn summaries(g: &Group, rules: &Rules, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let cert = g.certification.date;
    let first = earliest(g, PlanKind::WorkSummary);
    for year in cert.year()..=today.year() {
        let (start, end) = summary_window(rules, year);
        if end >= today {
            continue; // the window is still open (or not yet open)
        }
        let window = format!("{}至{}", date::zh(start), date::zh(end));
        let (at, message) = match first.get(&year) {
            None => (g.plans_pos, format!("{year}年工作总结未提交（应在{window}之间提交）")),
            Some(p) if *p.submitted_on < start || *p.submitted_on > end => (
                p.submitted_on.pos,
                format!("{year}年工作总结于{}提交，不在规定时间（{window}）内", date::zh(*p.submitted_on)),
            ),
            Some(_) => continue,
        };
        out.push(
            Diagnostic::new(Code::SummaryLate, g.path.at(at), message)
                .help("每年年底形成工作总结；请在 plans 中登记 kind: work_summary 及实际提交日期")
                .record(Some(&g.id)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::site::MonthDay;
    use crate::testing::records::*;

    const FILE: &str = "content/groups/qingling-tea.yaml";

    fn run(g: Group, rules: &Rules, today: &str) -> Vec<Diagnostic> {
        let mut d = check(&Content { groups: vec![g], ..Content::default() }, rules, d(today));
        crate::diag::sort(&mut d);
        d
    }

    fn of(diags: &[Diagnostic], code: Code) -> Vec<Diagnostic> {
        diags.iter().filter(|d| d.code == code).cloned().collect()
    }

    /// A group certified on `cert` with 会商 on `dates` (written at lines 21, 22 …).
    fn with_consultations(cert: &str, dates: &[&str]) -> Group {
        let mut g = group("qingling-tea", "qingling", cert);
        g.consultations = dates.iter().enumerate().map(|(i, x)| consultation(x, 21 + i as u32)).collect();
        g
    }

    fn gaps(g: Group, rules: &Rules, today: &str) -> Vec<Diagnostic> {
        of(&run(g, rules, today), Code::ConsultationGap)
    }

    #[test]
    fn half_year_is_checked_only_once_its_last_day_has_passed() {
        let rules = Rules::default();
        assert_eq!(gaps(with_consultations("2024-12-01", &[]), &rules, "2025-06-30"), []);
        let d1 = gaps(with_consultations("2024-12-01", &[]), &rules, "2025-07-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::ConsultationGap, FILE, Some((20, 1)));
        assert_eq!(d1[0].message, "2025年上半年（1月1日至6月30日）没有会商记录");
        assert_eq!(d1[0].record.as_deref(), Some("qingling-tea"));
        // A 会商 on the last day of the half-year covers it.
        assert_eq!(gaps(with_consultations("2024-12-01", &["2025-06-30"]), &rules, "2025-07-01"), []);
        // One on the next day belongs to the next half-year.
        assert_eq!(gaps(with_consultations("2024-12-01", &["2025-07-01"]), &rules, "2025-07-02").len(), 1);
    }

    #[test]
    fn half_year_needs_ninety_active_days() {
        let rules = Rules::default();
        // 2025-10-04..12-31 is 89 days inclusive; 10-03 gives 90.
        assert_eq!(gaps(with_consultations("2025-10-04", &[]), &rules, "2026-01-01"), []);
        let d1 = gaps(with_consultations("2025-10-03", &[]), &rules, "2026-01-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::ConsultationGap, FILE, Some((20, 1)));
        assert_eq!(d1[0].message, "2025年下半年（7月1日至12月31日）没有会商记录");
    }

    #[test]
    fn half_year_warns_once_per_missing_half_year() {
        let rules = Rules::default();
        // Certified before 2024; 会商 only in 2024 H2: 2024 H1 and 2025 H1 lack one.
        let g = with_consultations("2023-12-31", &["2023-06-01", "2024-09-01"]);
        let d1 = gaps(g, &rules, "2025-12-31");
        let msgs: Vec<_> = d1.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            msgs,
            ["2024年上半年（1月1日至6月30日）没有会商记录", "2025年上半年（1月1日至6月30日）没有会商记录"]
        );
    }

    #[test]
    fn consultations_before_certification_or_after_today_do_not_count() {
        let rules = Rules::default();
        // 2025 H1: active 03-01..06-30 (122 days); the 02-28 会商 predates certification.
        let g = with_consultations("2025-03-01", &["2025-02-28", "2025-07-15"]);
        assert_eq!(gaps(g, &rules, "2025-07-01").len(), 1);
        let rolling = Rules { consultation: ConsultationRule::Rolling, ..Rules::default() };
        // 03-01 → 09-01 is 184 days; a 会商 dated after today does not close the gap.
        let g = with_consultations("2025-03-01", &["2025-09-02"]);
        let d1 = gaps(g, &rolling, "2025-09-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_eq!(d1[0].message, "2025年3月1日（认定）至2025年9月1日（今天）相隔184天没有会商，超过183天");
    }

    #[test]
    fn rolling_allows_183_days_and_warns_at_184() {
        let rules = Rules { consultation: ConsultationRule::Rolling, ..Rules::default() };
        // 2024-01-01 + 183 days = 2024-07-02 (leap year).
        assert_eq!(gaps(with_consultations("2024-01-01", &["2024-07-02"]), &rules, "2024-07-02"), []);
        let d1 = gaps(with_consultations("2024-01-01", &["2024-07-03"]), &rules, "2024-07-03");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::ConsultationGap, FILE, Some((20, 1)));
        assert_eq!(d1[0].message, "2024年1月1日（认定）至2024年7月3日（会商）相隔184天没有会商，超过183天");
    }

    #[test]
    fn rolling_gap_until_today_and_between_meetings() {
        let rules = Rules { consultation: ConsultationRule::Rolling, ..Rules::default() };
        let g = with_consultations("2024-01-01", &["2024-12-01", "2024-03-01"]);
        // 03-01 → 12-01 is 275 days; 12-01 → today: 183 days on 2025-06-02, 184 on 06-03.
        let d1 = gaps(g.clone(), &rules, "2025-06-02");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert!(d1[0].message.starts_with("2024年3月1日（会商）至2024年12月1日（会商）相隔275天"));
        let d2 = gaps(g, &rules, "2025-06-03");
        assert_eq!(d2.len(), 2, "{d2:?}");
        assert!(d2.iter().any(|x| x.message.contains("2025年6月3日（今天）相隔184天")), "{d2:?}");
    }

    #[test]
    fn rolling_is_silent_before_certification() {
        let rules = Rules { consultation: ConsultationRule::Rolling, ..Rules::default() };
        assert_eq!(run(with_consultations("2026-01-01", &[]), &rules, "2025-01-01"), []);
    }

    fn plan_group(cert: &str, docs: &[(i32, PlanKind, &str)]) -> Group {
        let mut g = group("qingling-tea", "qingling", cert);
        g.plans = docs.iter().enumerate().map(|(i, &(y, k, s))| plan(y, k, s, 31 + i as u32)).collect();
        g
    }

    fn plan_late(g: Group, rules: &Rules, today: &str) -> Vec<Diagnostic> {
        of(&run(g, rules, today), Code::PlanLate)
    }

    #[test]
    fn first_year_plan_is_due_sixty_days_after_certification() {
        let rules = Rules::default();
        // Certified 2025-05-10: due 2025-07-09 (later than plan_due 03-31).
        let on_due = plan_group("2025-05-10", &[(2025, PlanKind::WorkPlan, "2025-07-09")]);
        assert_eq!(plan_late(on_due, &rules, "2025-12-31"), []);
        let late = plan_group("2025-05-10", &[(2025, PlanKind::WorkPlan, "2025-07-10")]);
        let d1 = plan_late(late, &rules, "2025-12-31");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::PlanLate, FILE, Some((31, 40)));
        assert_eq!(d1[0].message, "2025年工作计划于2025年7月10日提交，晚于截止日2025年7月9日");
        // Missing: not reported on the due day, reported the day after, at `plans`.
        assert_eq!(plan_late(plan_group("2025-05-10", &[]), &rules, "2025-07-09"), []);
        let d2 = plan_late(plan_group("2025-05-10", &[]), &rules, "2025-07-10");
        assert_eq!(d2.len(), 1, "{d2:?}");
        assert_diag(&d2[0], Code::PlanLate, FILE, Some((30, 1)));
        assert_eq!(d2[0].message, "2025年工作计划未提交（应于2025年7月9日前提交）");
    }

    #[test]
    fn first_year_due_is_sixty_days_even_when_plan_due_is_later() {
        // Certified 01-05: due 03-06 although plan_due is 03-31.
        let g = plan_group("2025-01-05", &[(2025, PlanKind::WorkPlan, "2025-03-07")]);
        assert_eq!(plan_late(g, &Rules::default(), "2025-03-08").len(), 1);
    }

    #[test]
    fn later_years_use_plan_due_and_the_earliest_plan_counts() {
        let rules = Rules::default();
        let docs = [
            (2023, PlanKind::WorkPlan, "2023-06-01"), // before certification: never checked
            (2024, PlanKind::WorkPlan, "2024-03-15"), // certification + 60 days: on time
            (2025, PlanKind::WorkPlan, "2025-04-01"),
            (2025, PlanKind::WorkPlan, "2025-03-31"), // the earliest of 2025: on time
            (2026, PlanKind::WorkPlan, "2026-03-31"),
            (2026, PlanKind::WorkPlan, "2026-04-01"),
        ];
        let d1 = plan_late(plan_group("2024-01-15", &docs), &rules, "2026-04-01");
        assert_eq!(d1.len(), 0, "{d1:?}");
        // 2027: missing; only once 03-31 has passed.
        assert_eq!(plan_late(plan_group("2024-01-15", &docs), &rules, "2027-03-31"), []);
        let d2 = plan_late(plan_group("2024-01-15", &docs), &rules, "2027-04-01");
        assert_eq!(d2.len(), 1, "{d2:?}");
        assert_diag(&d2[0], Code::PlanLate, FILE, Some((30, 1)));
        assert!(d2[0].message.starts_with("2027年"), "{}", d2[0].message);
    }

    #[test]
    fn plan_due_feb_29_means_feb_28_in_a_common_year() {
        let rules = Rules { plan_due: MonthDay { month: 2, day: 29 }, ..Rules::default() };
        let docs = |y2026: &'static str| [(2025, PlanKind::WorkPlan, "2025-01-10"), (2026, PlanKind::WorkPlan, y2026)];
        assert_eq!(plan_late(plan_group("2025-01-01", &docs("2026-02-28")), &rules, "2026-12-31"), []);
        let d1 = plan_late(plan_group("2025-01-01", &docs("2026-03-01")), &rules, "2026-12-31");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::PlanLate, FILE, Some((32, 40)));
        assert_eq!(d1[0].message, "2026年工作计划于2026年3月1日提交，晚于截止日2026年2月28日");
        // In a leap year it is 02-29 itself.
        let leap = |y2028: &'static str| [(2027, PlanKind::WorkPlan, "2027-01-10"), (2028, PlanKind::WorkPlan, y2028)];
        assert_eq!(plan_late(plan_group("2027-01-01", &leap("2028-02-29")), &rules, "2028-12-31"), []);
        let d2 = plan_late(plan_group("2027-01-01", &leap("2028-03-01")), &rules, "2028-12-31");
        assert_eq!(d2.len(), 1, "{d2:?}");
        assert!(d2[0].message.contains("截止日2028年2月29日"), "{}", d2[0].message);
    }

    fn summary_late(g: Group, rules: &Rules, today: &str) -> Vec<Diagnostic> {
        of(&run(g, rules, today), Code::SummaryLate)
    }

    fn summary(submitted: &str) -> Group {
        plan_group("2025-01-15", &[(2025, PlanKind::WorkSummary, submitted)])
    }

    #[test]
    fn summary_window_edges() {
        let rules = Rules::default();
        for ok in ["2025-11-15", "2026-01-31"] {
            assert_eq!(summary_late(summary(ok), &rules, "2026-02-01"), [], "{ok}");
        }
        for late in ["2025-11-14", "2026-02-01"] {
            let d1 = summary_late(summary(late), &rules, "2026-02-02");
            assert_eq!(d1.len(), 1, "{late}: {d1:?}");
            assert_diag(&d1[0], Code::SummaryLate, FILE, Some((31, 40)));
            assert!(d1[0].message.contains("（2025年11月15日至2026年1月31日）"), "{}", d1[0].message);
        }
    }

    #[test]
    fn summary_is_not_checked_before_the_window_closes() {
        let rules = Rules::default();
        // Missing: silent on the window's last day, reported the day after, at `plans`.
        assert_eq!(summary_late(plan_group("2025-01-15", &[]), &rules, "2026-01-31"), []);
        let d1 = summary_late(plan_group("2025-01-15", &[]), &rules, "2026-02-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::SummaryLate, FILE, Some((30, 1)));
        assert_eq!(d1[0].message, "2025年工作总结未提交（应在2025年11月15日至2026年1月31日之间提交）");
        // An early summary is not judged while the window is open either.
        assert_eq!(summary_late(summary("2025-11-14"), &rules, "2026-01-31"), []);
    }

    #[test]
    fn summary_window_within_one_year_and_earliest_summary_counts() {
        let rules = Rules {
            summary_window: (MonthDay { month: 12, day: 1 }, MonthDay { month: 12, day: 31 }),
            ..Rules::default()
        };
        // The earliest summary (11-30) is outside, though a later one is inside.
        let g = plan_group(
            "2025-01-15",
            &[(2025, PlanKind::WorkSummary, "2025-12-10"), (2025, PlanKind::WorkSummary, "2025-11-30")],
        );
        assert_eq!(summary_late(g.clone(), &rules, "2025-12-31"), []);
        let d1 = summary_late(g, &rules, "2026-01-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::SummaryLate, FILE, Some((32, 40)));
    }

    #[test]
    fn years_before_certification_are_never_checked() {
        let g = plan_group("2025-12-20", &[(2025, PlanKind::WorkSummary, "2025-12-25")]);
        // 2024 has neither plan nor summary, and is not reported; 2025's plan is due 2026-02-18.
        assert_eq!(run(g.clone(), &Rules::default(), "2026-02-18"), []);
        let d1 = run(g, &Rules::default(), "2026-02-19");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::PlanLate, FILE, Some((30, 1)));
        assert!(d1[0].message.contains("应于2026年2月18日前提交"), "{}", d1[0].message);
    }

    #[test]
    fn ledger_states_follow_the_rules() {
        let rules = Rules::default();
        // Certified 2026-01-10, 会商 in both half-years, plan on time, no summary yet.
        let mut g = with_consultations("2026-01-10", &["2026-03-05", "2026-09-05"]);
        g.plans.push(PlanDoc {
            year: 2026,
            kind: PlanKind::WorkPlan,
            submitted_on: crate::domain::At::new(d("2026-02-20"), crate::diag::Pos::new(30, 1)),
        });
        let states = ledger(&g, &rules, d("2026-11-20"));
        let got: Vec<_> = states.iter().map(|r| (r.rule, r.state)).collect();
        assert_eq!(
            got,
            [
                ("会商", LedgerState::Compliant),
                ("工作计划", LedgerState::Compliant),
                ("工作总结", LedgerState::Pending)
            ]
        );
        assert!(states[2].reason.contains("2026年11月15日至2027年1月31日"), "{}", states[2].reason);

        // After the summary window closes with no summary: 缺失, with check's own message.
        let late = ledger(&g, &rules, d("2027-02-01"));
        assert_eq!(late[2].state, LedgerState::Missing);
        assert!(late[2].reason.contains("2026年工作总结未提交"), "{}", late[2].reason);
        // A new half-year without a 会商 yet is only 待办.
        assert_eq!(late[0].state, LedgerState::Pending);
    }

    #[test]
    fn ledger_missing_consultation_matches_the_warning() {
        let g = with_consultations("2026-01-10", &["2026-09-05"]);
        let states = ledger(&g, &Rules::default(), d("2026-11-20"));
        assert_eq!(states[0].state, LedgerState::Missing);
        assert!(states[0].reason.contains("2026年上半年"), "{}", states[0].reason);
    }
}
