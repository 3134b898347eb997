//! The 产业顾问组 ledger rules as diagnostics: `consultation-gap`, `plan-late`
//! and `summary-late` (cli.md "会商" and "Plans and summaries"). The rules
//! themselves, and why, are in [`crate::domain::group_rules`]; this module
//! only words their findings and says where they point.

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic};
use crate::domain::group_rules::{self, GroupFinding};
use crate::domain::{Content, Group, Rules};

/// Runs the group rules as of `today`.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for g in &content.groups {
        // A 会商 or plan left out as invalid (already reported) may be the
        // very one a rule looks for: that rule stays silent.
        let mut found = Vec::new();
        if !g.are_consultations_incomplete {
            found.extend(group_rules::consultations(g, rules, today));
        }
        if !g.are_plans_incomplete {
            found.extend(group_rules::plans(g, rules, today));
            found.extend(group_rules::summaries(g, rules, today));
        }
        out.extend(found.iter().map(|f| diagnostic(g, f)));
    }
    out
}

/// The warning for one finding on group `g`.
fn diagnostic(g: &Group, finding: &GroupFinding) -> Diagnostic {
    let (code, pos, help) = match finding {
        GroupFinding::HalfYearWithout { .. } | GroupFinding::LongGap { .. } => (
            Code::ConsultationGap,
            g.consultations_pos,
            "产业顾问组原则上每半年至少召开1次会商会议；已召开的请在 consultations 中补录",
        ),
        GroupFinding::PlanMissing { .. } | GroupFinding::PlanLate { .. } => (
            Code::PlanLate,
            at_or(finding, g.plans_pos),
            "每年年初形成工作计划；请在 plans 中登记 kind: work_plan 及实际提交日期",
        ),
        GroupFinding::SummaryMissing { .. } | GroupFinding::SummaryOutside { .. } => (
            Code::SummaryLate,
            at_or(finding, g.plans_pos),
            "每年年底形成工作总结；请在 plans 中登记 kind: work_summary 及实际提交日期",
        ),
    };
    Diagnostic::new(code, g.path.at(pos), finding.to_string()).help(help).record(Some(&g.id))
}

/// A late document points at its date; a missing one at `plans`.
fn at_or(finding: &GroupFinding, plans_pos: crate::diag::Pos) -> crate::diag::Pos {
    match finding {
        GroupFinding::PlanLate { submitted, .. } | GroupFinding::SummaryOutside { submitted, .. } => submitted.pos,
        _ => plans_pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::PlanKind;
    use crate::domain::site::{ConsultationRule, MonthDay};
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
}
