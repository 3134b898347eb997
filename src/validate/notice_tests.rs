//! Tests of the notice rules.

use super::*;
use crate::diag::Severity;
use crate::testing::{
    ProjectBuilder, approval_at, approval_date_at, content, d, none, only, project, responded_at, warehoused_at,
};

const TODAY: &str = "2024-12-01";

fn run_with(rules: &Rules, p: &Project, today: &str) -> Vec<Diagnostic> {
    check(&content([p.clone()]), rules, d(today))
}

fn run(p: &Project) -> Vec<Diagnostic> {
    run_with(&Rules::default(), p, TODAY)
}

fn inclusive() -> Rules {
    Rules { counting: Counting::Inclusive, ..Rules::default() }
}

/// A village-origin project whose notices and approval all pass.
fn valid() -> ProjectBuilder {
    project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .approval(d("2024-03-29"))
}

/// One village notice from 2024-03-01 to `end` and no approval, so only the period rules apply.
fn one_notice(end: &str) -> Project {
    project("P-1").village(d("2024-03-01"), d(end)).build()
}

#[test]
fn valid_project_has_no_diagnostic() {
    assert_eq!(run(&valid().build()), []);
}

// --- day counting: civil (default) ---

#[test]
fn civil_11_and_10_days_pass() {
    assert_eq!(run(&one_notice("2024-03-12")), []);
    assert_eq!(run(&one_notice("2024-03-11")), []);
}

#[test]
fn civil_9_days_that_are_10_inclusive_only_warn() {
    let p = one_notice("2024-03-10");
    let diags = run(&p);
    let w = only(&diags, Code::NoticeInclusiveOnly, Severity::Warning, &p, p.notices[0].end.pos);
    assert!(w.message.contains("仅 9 天"), "{}", w.message);
    assert!(w.help.as_deref().is_some_and(|h| h.contains("2024-03-11")));
    none(&diags, Code::NoticeTooShort);
}

#[test]
fn civil_8_days_fail() {
    let p = one_notice("2024-03-09");
    let diags = run(&p);
    let e = only(&diags, Code::NoticeTooShort, Severity::Error, &p, p.notices[0].end.pos);
    assert_eq!(e.message, "村级公示仅 8 天（2024-03-01 至 2024-03-09），不少于 10 天");
    none(&diags, Code::NoticeInclusiveOnly);
}

#[test]
fn civil_one_day_notice_fails() {
    let p = one_notice("2024-03-01");
    only(&run(&p), Code::NoticeTooShort, Severity::Error, &p, p.notices[0].end.pos);
}

// --- day counting: inclusive ---

#[test]
fn inclusive_11_and_10_days_pass() {
    assert_eq!(run_with(&inclusive(), &one_notice("2024-03-11"), TODAY), []);
    assert_eq!(run_with(&inclusive(), &one_notice("2024-03-10"), TODAY), []);
}

#[test]
fn inclusive_9_days_fail_without_warning() {
    let p = one_notice("2024-03-09");
    let diags = run_with(&inclusive(), &p, TODAY);
    let e = only(&diags, Code::NoticeTooShort, Severity::Error, &p, p.notices[0].end.pos);
    assert!(e.message.contains("仅 9 天"), "{}", e.message);
    assert!(e.help.as_deref().is_some_and(|h| h.contains("2024-03-10")));
    none(&diags, Code::NoticeInclusiveOnly);
}

#[test]
fn configured_minimum_is_used() {
    let rules = Rules { notice_min_days: 15, ..Rules::default() };
    // 13 days civil, 14 inclusive: fails both counts.
    let p = one_notice("2024-03-14");
    only(&run_with(&rules, &p, TODAY), Code::NoticeTooShort, Severity::Error, &p, p.notices[0].end.pos);
    assert_eq!(run_with(&rules, &one_notice("2024-03-16"), TODAY), []);
}

#[test]
fn end_before_start_is_notice_dates_only() {
    let p = project("P-1").village(d("2024-03-11"), d("2024-03-10")).build();
    let diags = run(&p);
    only(&diags, Code::NoticeDates, Severity::Error, &p, p.notices[0].end.pos);
    none(&diags, Code::NoticeTooShort);
    none(&diags, Code::NoticeInclusiveOnly);
}

#[test]
fn superseded_and_running_notices_are_checked_too() {
    // The short first village notice is superseded by a later one, yet still reported.
    let p = valid().village(d("2024-02-01"), d("2024-02-05")).build();
    only(&run(&p), Code::NoticeTooShort, Severity::Error, &p, p.notices[2].end.pos);
    // A short notice still running today is reported as well.
    let p = one_notice("2024-03-05");
    only(
        &run_with(&Rules::default(), &p, "2024-03-03"),
        Code::NoticeTooShort,
        Severity::Error,
        &p,
        p.notices[0].end.pos,
    );
}

// --- notice-order ---

#[test]
fn township_starting_on_village_end_day_is_out_of_order() {
    let p = project("P-1").village(d("2024-03-01"), d("2024-03-11")).township(d("2024-03-11"), d("2024-03-21")).build();
    let diags = run(&p);
    let e = only(&diags, Code::NoticeOrder, Severity::Error, &p, p.notices[1].start.pos);
    assert!(e.help.as_deref().is_some_and(|h| h.contains("2024-03-12")));
}

#[test]
fn township_starting_day_after_village_end_is_in_order() {
    let p = project("P-1").village(d("2024-03-01"), d("2024-03-11")).township(d("2024-03-12"), d("2024-03-22")).build();
    assert_eq!(run(&p), []);
}

#[test]
fn notice_order_uses_effective_notices_and_only_village_origin() {
    // A re-notice of the village level (latest start) ends after the township notice starts.
    let p = valid().village(d("2024-03-05"), d("2024-03-15")).build();
    only(&run(&p), Code::NoticeOrder, Severity::Error, &p, p.notices[1].start.pos);
    // The same dates under `origin: township` need no village notice and have no order rule.
    let p = project("P-1")
        .origin(crate::domain::project::Origin::Township)
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-05"), d("2024-03-15"))
        .build();
    none(&run(&p), Code::NoticeOrder);
}

// --- notice-missing ---

#[test]
fn approval_without_required_notice_is_missing() {
    let p = project("P-1").village(d("2024-03-01"), d("2024-03-11")).approval(d("2024-03-29")).build();
    let diags = run(&p);
    let e = only(&diags, Code::NoticeMissing, Severity::Error, &p, approval_at(&p));
    assert!(e.message.contains("乡镇级"), "{}", e.message);
}

#[test]
fn county_origin_needs_a_county_notice() {
    use crate::domain::project::Origin;
    let p = project("P-1").origin(Origin::County).approval(d("2024-03-29")).build();
    let diags = run(&p);
    let e = only(&diags, Code::NoticeMissing, Severity::Error, &p, approval_at(&p));
    assert!(e.message.contains("县级"), "{}", e.message);
    let p = project("P-1")
        .origin(Origin::County)
        .county_notice(d("2024-03-01"), d("2024-03-11"))
        .approval(d("2024-03-12"))
        .build();
    assert_eq!(run(&p), []);
}

#[test]
fn no_approval_no_missing_notice() {
    let p = project("P-1").build();
    assert_eq!(run(&p), []);
}

// --- approval-too-early ---

#[test]
fn approval_on_township_end_day_is_too_early() {
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .approval(d("2024-03-23"))
        .build();
    let diags = run(&p);
    let e = only(&diags, Code::ApprovalTooEarly, Severity::Error, &p, approval_date_at(&p));
    assert!(e.message.contains("乡镇级"), "{}", e.message);
    assert!(e.help.as_deref().is_some_and(|h| h.contains("2024-03-24")));
}

#[test]
fn approval_on_day_after_township_end_is_fine() {
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .approval(d("2024-03-24"))
        .build();
    assert_eq!(run(&p), []);
}

#[test]
fn effective_notice_tie_goes_to_the_later_in_file() {
    // Two township notices start the same day; the later one in the file (ending
    // 03-23) is effective, so an approval on 03-24 is fine though the first ends 03-25.
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-25"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .approval(d("2024-03-24"))
        .build();
    none(&run(&p), Code::ApprovalTooEarly);
    // In the other file order the effective notice ends 03-25.
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .township(d("2024-03-13"), d("2024-03-25"))
        .approval(d("2024-03-24"))
        .build();
    only(&run(&p), Code::ApprovalTooEarly, Severity::Error, &p, approval_date_at(&p));
}

// --- warehoused-before-approval ---

#[test]
fn warehoused_day_before_approval_is_an_error() {
    let p = valid().warehoused(d("2024-03-28")).build();
    only(&run(&p), Code::WarehousedBeforeApproval, Severity::Error, &p, warehoused_at(&p));
}

#[test]
fn warehoused_on_approval_day_is_fine() {
    assert_eq!(run(&valid().warehoused(d("2024-03-29")).build()), []);
}

#[test]
fn warehoused_without_approval_is_an_error() {
    let p = project("P-1").warehoused(d("2024-03-29")).build();
    only(&run(&p), Code::WarehousedBeforeApproval, Severity::Error, &p, warehoused_at(&p));
}

// --- objection-unresolved ---

/// Village 03-01..03-11 with one objection, township from 03-13 (the next step).
fn with_village_objection(finding: Option<Finding>, responded_on: Option<&str>) -> ProjectBuilder {
    project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .objection(d("2024-03-05"), finding, responded_on.map(d))
        .township(d("2024-03-13"), d("2024-03-23"))
}

#[test]
fn open_objection_after_next_step_is_unresolved() {
    let p = with_village_objection(None, None).build();
    let diags = run(&p);
    let objection = &p.notices[0].objections[0];
    let e = only(&diags, Code::ObjectionUnresolved, Severity::Error, &p, objection.pos);
    assert!(e.message.contains("2024-03-13"), "{}", e.message);
}

#[test]
fn open_objection_points_at_responded_on_when_present() {
    let p = with_village_objection(None, Some("2024-03-10")).build();
    let responded = responded_at(&p, 0, 0);
    only(&run(&p), Code::ObjectionUnresolved, Severity::Error, &p, responded);
}

#[test]
fn open_objection_before_next_step_is_fine() {
    let p = with_village_objection(None, None).build();
    // The township notice starts 03-13: on 03-12 it has not happened; on 03-13 it has.
    assert_eq!(run_with(&Rules::default(), &p, "2024-03-12"), []);
    let diags = run_with(&Rules::default(), &p, "2024-03-13");
    only(&diags, Code::ObjectionUnresolved, Severity::Error, &p, p.notices[0].objections[0].pos);
}

#[test]
fn objection_answered_on_next_step_day_is_unresolved() {
    let p = with_village_objection(Some(Finding::NotUpheld), Some("2024-03-13")).build();
    let responded = responded_at(&p, 0, 0);
    let diags = run(&p);
    let e = only(&diags, Code::ObjectionUnresolved, Severity::Error, &p, responded);
    assert!(e.help.as_deref().is_some_and(|h| h.contains("2024-03-12")));
}

#[test]
fn objection_answered_day_before_next_step_is_fine() {
    let p = with_village_objection(Some(Finding::NotUpheld), Some("2024-03-12")).build();
    assert_eq!(run(&p), []);
}

#[test]
fn objection_received_after_the_next_step_did_not_hold_it_up() {
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .objection(d("2024-03-14"), Some(Finding::NotUpheld), Some(d("2024-03-20")))
        .township(d("2024-03-13"), d("2024-03-23"))
        .build();
    assert_eq!(run(&p), []);
}

#[test]
fn approval_is_the_next_step_when_earlier_than_higher_notices() {
    // A township objection answered on the approval day: with no county notice, the
    // approval is the township notice's next step.
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .objection(d("2024-03-20"), Some(Finding::NotUpheld), Some(d("2024-03-29")))
        .approval(d("2024-03-29"))
        .build();
    let responded = responded_at(&p, 1, 0);
    let diags = run(&p);
    let e = only(&diags, Code::ObjectionUnresolved, Severity::Error, &p, responded);
    assert!(e.message.contains("2024-03-29 批复"), "{}", e.message);
    // A county notice starting later than the approval does not move the next step.
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .objection(d("2024-03-20"), Some(Finding::NotUpheld), Some(d("2024-03-29")))
        .county_notice(d("2024-04-01"), d("2024-04-11"))
        .approval(d("2024-03-29"))
        .build();
    let diags = run(&p);
    let e = only(&diags, Code::ObjectionUnresolved, Severity::Error, &p, responded);
    assert!(e.message.contains("批复"), "{}", e.message);
}

#[test]
fn higher_notice_is_the_next_step_when_earlier_than_approval() {
    // A village objection answered on the county notice's first day, before the
    // township notice and the approval: the county notice is the next step.
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .objection(d("2024-03-05"), Some(Finding::NotUpheld), Some(d("2024-03-12")))
        .county_notice(d("2024-03-12"), d("2024-03-22"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .approval(d("2024-03-29"))
        .build();
    let responded = responded_at(&p, 0, 0);
    let diags = run(&p);
    let e = only(&diags, Code::ObjectionUnresolved, Severity::Error, &p, responded);
    assert!(e.message.contains("县级公示 2024-03-12 开始"), "{}", e.message);
}

// --- objection-not-renoticed ---

#[test]
fn upheld_objection_without_renotice_is_an_error() {
    let p = with_village_objection(Some(Finding::Upheld), Some("2024-03-10")).build();
    let responded = responded_at(&p, 0, 0);
    let diags = run(&p);
    let e = only(&diags, Code::ObjectionNotRenoticed, Severity::Error, &p, responded);
    assert!(e.message.contains("成立"), "{}", e.message);
    none(&diags, Code::ObjectionUnresolved);
}

#[test]
fn upheld_objection_with_renotice_after_answer_is_fine() {
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .objection(d("2024-03-05"), Some(Finding::Upheld), Some(d("2024-03-10")))
        .village(d("2024-03-11"), d("2024-03-21"))
        .township(d("2024-03-23"), d("2024-04-02"))
        .approval(d("2024-04-08"))
        .build();
    assert_eq!(run(&p), []);
}

#[test]
fn renotice_starting_on_the_answer_day_does_not_count() {
    let p = project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .objection(d("2024-03-05"), Some(Finding::PartiallyUpheld), Some(d("2024-03-10")))
        .village(d("2024-03-10"), d("2024-03-20"))
        .township(d("2024-03-23"), d("2024-04-02"))
        .build();
    let responded = responded_at(&p, 0, 0);
    only(&run(&p), Code::ObjectionNotRenoticed, Severity::Error, &p, responded);
}

#[test]
fn upheld_objection_before_next_step_happened_is_not_yet_reported() {
    let p = with_village_objection(Some(Finding::Upheld), Some("2024-03-10")).build();
    assert_eq!(run_with(&Rules::default(), &p, "2024-03-12"), []);
}

#[test]
fn withdrawn_objection_needs_no_renotice() {
    let p = with_village_objection(Some(Finding::Withdrawn), Some("2024-03-10")).build();
    assert_eq!(run(&p), []);
}
