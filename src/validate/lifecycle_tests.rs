//! Tests of `lifecycle-conflict`, `change-needs-notice` and the change dates.

use super::*;
use crate::diag::Severity;
use crate::domain::change::Previous;
use crate::domain::project::{EventType, Funding, FundingSource};
use crate::testing::{ProjectBuilder, content, d, none, only, project, wan};

const TODAY: &str = "2024-12-01";

fn run(p: &Project) -> Vec<Diagnostic> {
    check(&content([p.clone()]), &Rules::default(), d(TODAY))
}

/// Noticed in March, approved on 2024-03-29, 100 万元.
fn warehoused() -> ProjectBuilder {
    project("P-1")
        .village(d("2024-03-01"), d("2024-03-11"))
        .township(d("2024-03-13"), d("2024-03-23"))
        .approval(d("2024-03-29"))
        .funding("100", &[(FundingSource::SelfRaised, "100")])
}

fn funding(total: &str) -> Previous {
    let f = Funding {
        total: crate::domain::At::new(wan(total), Pos::new(1, 1)),
        sources: vec![crate::domain::project::FundingLine {
            source: FundingSource::SelfRaised,
            level: None,
            amount: wan(total),
        }],
    };
    Previous { funding: Some(f), ..Previous::default() }
}

#[test]
fn a_change_of_the_money_within_the_share_needs_no_notice() {
    // 95 → 100 is 5.3 %, under the default 10 %.
    let p = warehoused().change(d("2024-06-01"), funding("95")).build();
    assert_eq!(run(&p), []);
}

#[test]
fn a_change_of_the_money_beyond_the_share_needs_a_notice_before_it() {
    // 80 → 100 is 25 %.
    let p = warehoused().change(d("2024-06-01"), funding("80")).build();
    let diags = run(&p);
    let e = only(&diags, Code::ChangeNeedsNotice, Severity::Error, &p, p.changes[0].pos);
    assert!(e.message.contains("80 万元") && e.message.contains("100 万元"), "{}", e.message);
    // With a new notice after the approval that ended before the change, it passes.
    let renoticed =
        warehoused().village(d("2024-05-10"), d("2024-05-20")).change(d("2024-06-01"), funding("80")).build();
    assert_eq!(run(&renoticed), []);
}

#[test]
fn a_change_of_content_always_needs_a_notice_and_one_ending_on_its_day_is_too_late() {
    let previous = Previous { content: Some("旧内容".into()), ..Previous::default() };
    let p = warehoused().village(d("2024-05-22"), d("2024-06-01")).change(d("2024-06-01"), previous).build();
    only(&run(&p), Code::ChangeNeedsNotice, Severity::Error, &p, p.changes[0].pos);
}

#[test]
fn a_new_notice_for_a_change_is_not_part_of_the_procedure_before_approval() {
    // The re-notice runs after the approval: no approval-too-early, no notice-order.
    let previous = Previous { content: Some("旧内容".into()), ..Previous::default() };
    let p = warehoused().village(d("2024-05-10"), d("2024-05-20")).change(d("2024-06-01"), previous).build();
    let all = crate::validate::check(&content([p.clone()]), d(TODAY)).diagnostics;
    let procedure = [Code::NoticeOrder, Code::ApprovalTooEarly, Code::NoticeMissing, Code::ChangeNeedsNotice];
    assert!(all.iter().all(|d| !procedure.contains(&d.code)), "{all:#?}");
    assert!(p.is_change_notice(&p.notices[2]) && !p.is_change_notice(&p.notices[0]));
}

#[test]
fn a_change_before_warehousing_or_after_today_is_out_of_order() {
    let before = warehoused().change(d("2024-03-20"), funding("95")).build();
    only(&run(&before), Code::EventOrder, Severity::Error, &before, before.changes[0].date.pos);
    let later = warehoused().change(d("2024-12-02"), funding("95")).build();
    only(&run(&later), Code::EventOrder, Severity::Error, &later, later.changes[0].date.pos);
    let unapproved = project("P-1").change(d("2024-06-01"), funding("95")).build();
    only(&run(&unapproved), Code::EventOrder, Severity::Error, &unapproved, unapproved.changes[0].date.pos);
}

#[test]
fn a_withdrawn_project_cannot_be_approved_or_go_on() {
    let p = warehoused().event(EventType::Planned, d("2024-04-10")).closed(d("2024-03-25"), false).build();
    let diags = run(&p);
    assert_eq!(diags.iter().filter(|d| d.code == Code::LifecycleConflict).count(), 2, "{diags:#?}");
    let clean = project("P-1").village(d("2024-03-01"), d("2024-03-11")).closed(d("2024-03-15"), false).build();
    none(&run(&clean), Code::LifecycleConflict);
    let renoticed = project("P-1").village(d("2024-03-20"), d("2024-03-30")).closed(d("2024-03-15"), true).build();
    only(&run(&renoticed), Code::LifecycleConflict, Severity::Error, &renoticed, renoticed.notices[0].start.pos);
}
