//! Tests of the project rules.

use super::*;
use crate::diag::Severity;
use crate::domain::project::EventType;
use crate::testing::{ProjectBuilder, content, d, none, only, project, sub_type_at, total_at};

const TODAY: &str = "2024-12-01";

fn run(projects: &[Project]) -> Vec<Diagnostic> {
    check(&content(projects.iter().cloned()), &Rules::default(), d(TODAY))
}

/// Approved and warehoused on 2024-03-29.
fn approved() -> ProjectBuilder {
    project("P-1").approval(d("2024-03-29"))
}

fn assert_all_are(diags: &[Diagnostic], code: Code) {
    assert!(diags.iter().all(|d| d.code == code), "{diags:#?}");
}

// --- funding-mismatch ---

#[test]
fn tenths_sum_exactly() {
    use FundingSource::{BridgingFund, SelfRaised};
    let p = project("P-1").funding("0.3", &[(BridgingFund, "0.1"), (SelfRaised, "0.2")]).build();
    assert_eq!(run(&[p]), []);
}

#[test]
fn one_yuan_off_is_a_mismatch() {
    use FundingSource::{BridgingFund, SelfRaised};
    let p = project("P-1").funding("0.3001", &[(BridgingFund, "0.1"), (SelfRaised, "0.2")]).build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::FundingMismatch, Severity::Error, &p, total_at(&p));
    assert!(e.message.contains("0.3 万元") && e.message.contains("0.3001 万元"), "{}", e.message);
}

// --- unknown-type / unknown-sub-type ---

#[test]
fn unknown_type_points_at_type() {
    let p = project("P-1").kind("industri").build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::UnknownType, Severity::Error, &p, p.project_type.pos);
    assert!(e.help.as_deref().is_some_and(|h| h.contains("industry（产业发展）")));
    assert!(e.help.as_deref().is_some_and(|h| h.starts_with("是否应为“industry”？")), "{:?}", e.help);
    assert_eq!(run(&[project("P-1").kind("industry").build()]), []);
}

#[test]
fn unknown_sub_type_warns_only_for_types_with_a_list() {
    let run_listed = |p: &Project| {
        let mut c = content([p.clone()]);
        c.taxonomy[0].sub_types = vec!["种植养殖加工服务".into()];
        check(&c, &Rules::default(), d(TODAY))
    };
    let p = project("P-1").sub_type("加工流通项目").build();
    // The built-in taxonomy has no sub-type lists: nothing to check.
    assert_eq!(run(std::slice::from_ref(&p)), []);
    let diags = run_listed(&p);
    let w = only(&diags, Code::UnknownSubType, Severity::Warning, &p, sub_type_at(&p));
    assert!(w.message.contains("加工流通项目"), "{}", w.message);
    assert!(w.help.as_deref().is_some_and(|h| h.contains("种植养殖加工服务")));
    assert_eq!(run_listed(&project("P-1").sub_type("种植养殖加工服务").build()), []);
    // A sub-type on a type without a list is not checked, even when other types have lists.
    assert_eq!(run_listed(&project("P-1").kind("employment").sub_type("加工流通项目").build()), []);
}

// --- event-order ---

#[test]
fn lifecycle_in_order_and_same_day_is_fine() {
    let p = approved()
        .event(EventType::Started, d("2024-05-06"))
        .event(EventType::Planned, d("2024-04-10"))
        .event(EventType::Funded, d("2024-04-10"))
        .event(EventType::Funded, d("2024-05-06"))
        .event(EventType::Completed, d("2024-11-30"))
        .build();
    assert_eq!(run(&[p]), []);
}

#[test]
fn backwards_event_is_reported_on_the_later_step() {
    let p = approved().event(EventType::Started, d("2024-05-05")).event(EventType::Funded, d("2024-05-06")).build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::EventOrder, Severity::Error, &p, p.events[0].date.pos);
    assert!(e.message.contains("开工") && e.message.contains("资金下达"), "{}", e.message);
}

#[test]
fn a_later_tranche_of_an_earlier_step_still_counts() {
    // Two `funded` events are not ordered among themselves, but `started` must not
    // precede either of them (the lifecycle order of cli.md, read literally).
    let p = approved()
        .event(EventType::Funded, d("2024-04-10"))
        .event(EventType::Started, d("2024-05-06"))
        .event(EventType::Funded, d("2024-06-01"))
        .build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::EventOrder, Severity::Error, &p, p.events[1].date.pos);
    assert!(e.message.contains("2024-06-01"), "{}", e.message);
}

#[test]
fn backwards_is_measured_against_all_earlier_steps() {
    // `planned` is dated after both `funded` and `started`: both later steps are reported.
    let p = approved()
        .event(EventType::Planned, d("2024-06-01"))
        .event(EventType::Funded, d("2024-05-01"))
        .event(EventType::Started, d("2024-05-10"))
        .build();
    let diags = run(std::slice::from_ref(&p));
    assert_all_are(&diags, Code::EventOrder);
    let at: Vec<_> = diags.iter().map(|d| d.location.pos).collect();
    assert_eq!(at, [Some(p.events[1].date.pos), Some(p.events[2].date.pos)]);
}

#[test]
fn exit_events_are_outside_the_lifecycle_order() {
    let p = approved()
        .event(EventType::Started, d("2024-06-01"))
        .event(EventType::Terminated, d("2024-05-01"))
        .event(EventType::AdjustedOut, d("2024-04-01"))
        .build();
    assert_eq!(run(&[p]), []);
}

#[test]
fn event_after_today_is_an_error_and_on_today_is_fine() {
    let p = approved().event(EventType::Started, d("2024-12-02")).build();
    let diags = run(std::slice::from_ref(&p));
    only(&diags, Code::EventOrder, Severity::Error, &p, p.events[0].date.pos);
    assert_eq!(run(&[approved().event(EventType::Started, d(TODAY)).build()]), []);
}

#[test]
fn event_before_warehoused_on_is_an_error() {
    let p = approved().warehoused(d("2024-04-01")).event(EventType::Planned, d("2024-03-31")).build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::EventOrder, Severity::Error, &p, p.events[0].date.pos);
    assert!(e.message.contains("入库日期 2024-04-01"), "{}", e.message);
    let fine = approved().warehoused(d("2024-04-01")).event(EventType::Planned, d("2024-04-01")).build();
    assert_eq!(run(&[fine]), []);
}

#[test]
fn exit_event_before_approval_date_is_an_error() {
    // No `warehoused_on`: the approval date is the 入库 date.
    let p = approved().event(EventType::Terminated, d("2024-03-28")).build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::EventOrder, Severity::Error, &p, p.events[0].date.pos);
    assert!(e.message.contains("批复日期 2024-03-29"), "{}", e.message);
}

#[test]
fn events_without_approval_are_reported_once() {
    let p =
        project("P-1").event(EventType::Planned, d("2024-04-10")).event(EventType::Started, d("2024-05-06")).build();
    let diags = run(std::slice::from_ref(&p));
    let e = only(&diags, Code::EventOrder, Severity::Error, &p, p.events[0].date.pos);
    assert!(e.message.contains("没有批复"), "{}", e.message);
}

// --- management-fee ---

/// A project in `county`/`year` with `bridging` 万元 of bridging fund.
fn bridging(id: &str, county: &str, year: i32, bridging: &str) -> Project {
    project(id).in_county(county).year(year).funding(bridging, &[(FundingSource::BridgingFund, bridging)]).build()
}

/// A 项目管理费 project of `total` 万元 (self-raised, so it adds no bridging fund).
fn fee(id: &str, county: &str, year: i32, total: &str) -> Project {
    project(id)
        .in_county(county)
        .year(year)
        .kind(MANAGEMENT_FEE)
        .funding(total, &[(FundingSource::SelfRaised, total)])
        .build()
}

#[test]
fn management_fee_of_exactly_one_percent_is_fine() {
    let projects = [bridging("P-1", "qingling", 2024, "120"), fee("F-1", "qingling", 2024, "1.2")];
    assert_eq!(run(&projects), []);
}

#[test]
fn management_fee_one_yuan_over_warns_on_every_fee_project() {
    let projects = [
        fee("F-1", "qingling", 2024, "1"),
        bridging("P-1", "qingling", 2024, "120"),
        fee("F-2", "qingling", 2024, "0.2001"),
    ];
    let diags = run(&projects);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    for (p, d) in [(&projects[0], &diags[0..1]), (&projects[2], &diags[1..2])] {
        let w = only(d, Code::ManagementFee, Severity::Warning, p, total_at(p));
        assert!(w.message.contains("1.2001 万元") && w.message.contains("1%（1.2 万元）"), "{}", w.message);
    }
}

#[test]
fn management_fee_cap_below_one_yuan_is_not_rounded() {
    // 1 % of 150 yuan is 1.5 yuan: a 1-yuan fee fits, a 2-yuan fee does not.
    let base = bridging("P-1", "qingling", 2024, "0.015");
    assert_eq!(run(&[base.clone(), fee("F-1", "qingling", 2024, "0.0001")]), []);
    let over = fee("F-1", "qingling", 2024, "0.0002");
    let diags = run(&[base, over.clone()]);
    only(&diags, Code::ManagementFee, Severity::Warning, &over, total_at(&over));
}

#[test]
fn fee_project_without_funding_is_warned_at_its_type() {
    let no_funding = project("F-1").kind(MANAGEMENT_FEE).build();
    let projects = [fee("F-2", "qingling", 2024, "1"), no_funding.clone()];
    let diags = run(&projects);
    only(&diags[1..], Code::ManagementFee, Severity::Warning, &no_funding, no_funding.project_type.pos);
}

#[test]
fn management_fee_counts_its_own_bridging_fund() {
    use FundingSource::{BridgingFund, SelfRaised};
    let p = project("F-1").kind(MANAGEMENT_FEE).funding("50.5", &[(BridgingFund, "50"), (SelfRaised, "0.5")]);
    let p = p.build();
    // Alone, its fee (its whole total, 50.5 万元) is far over 1 % of its own 50 万元.
    let diags = run(std::slice::from_ref(&p));
    only(&diags, Code::ManagementFee, Severity::Warning, &p, total_at(&p));
    // With 5000 more the base is 5050 and 50.5 is exactly 1 %; without the fee's own
    // line it would be 1 % of 5000 = 50 and warn.
    let projects = [p, bridging("P-1", "qingling", 2024, "5000")];
    assert_eq!(run(&projects), []);
}

#[test]
fn management_fee_is_grouped_by_county_and_year() {
    let projects = [
        bridging("P-1", "qingling", 2024, "120"),
        // Another year and another county have no bridging fund: any fee is over the cap.
        fee("F-1", "qingling", 2025, "0.0001"),
        fee("F-2", "other", 2024, "0.0001"),
    ];
    let diags = run(&projects);
    assert_all_are(&diags, Code::ManagementFee);
    let records: Vec<_> = diags.iter().map(|d| d.record.as_deref()).collect();
    assert_eq!(records, [Some("F-1"), Some("F-2")]);
}

#[test]
fn management_fee_cap_is_configurable() {
    let projects = [bridging("P-1", "qingling", 2024, "100"), fee("F-1", "qingling", 2024, "1.5")];
    let rules = Rules { management_fee_max_bp: 150, ..Rules::default() };
    assert_eq!(check(&content(projects.iter().cloned()), &rules, d(TODAY)), []);
    let diags = run(&projects);
    let w = only(&diags, Code::ManagementFee, Severity::Warning, &projects[1], total_at(&projects[1]));
    assert!(w.message.contains("1%（1 万元）"), "{}", w.message);
    assert_eq!(percent_text(150), "1.5");
    assert_eq!(percent_text(5), "0.05");
}

#[test]
fn management_fee_scales_to_ten_thousand_projects() {
    // 100 county-years of 100 projects each; every fifth county-year's fee is 1 yuan over.
    let mut projects = Vec::with_capacity(10_000);
    for group in 0..100 {
        let county = format!("c{}", group % 10);
        let year = 2020 + group / 10;
        for i in 0..99 {
            projects.push(bridging(&format!("P-{group}-{i}"), &county, year, "1"));
        }
        let total = if group % 5 == 0 { "0.9901" } else { "0.99" };
        projects.push(fee(&format!("F-{group}"), &county, year, total));
    }
    let diags = check(&content(projects), &Rules::default(), d(TODAY));
    assert_all_are(&diags, Code::ManagementFee);
    assert_eq!(diags.len(), 20);
    none(&diags, Code::FundingMismatch);
}
