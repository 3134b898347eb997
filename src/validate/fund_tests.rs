//! Tests of the money rules (funds, plans, payments).

use super::*;
use crate::diag::Severity;
use crate::domain::project::EventType;
use crate::domain::{At, Payment, PlanDoc, PlanKind, SourcePath};
use crate::testing::{ProjectBuilder, content, d, project, wan};

const TODAY: &str = "2025-12-31";

fn warehoused(id: &str, on: &str) -> ProjectBuilder {
    project(id)
        .village(d("2024-09-01"), d("2024-09-11"))
        .township(d("2024-09-13"), d("2024-09-23"))
        .approval(d(on))
        .funding("100", &[(FundingSource::BridgingFund, "60"), (FundingSource::SelfRaised, "40")])
}

fn at<T>(v: T, line: u32) -> At<T> {
    At::new(v, Pos::new(line, 1))
}

fn batch(id: &str, date: &str, total: &str, allocations: &[(&str, &str)]) -> FundBatch {
    FundBatch {
        path: SourcePath(format!("content/funds/{id}.yaml").into()),
        id: at(id.to_owned(), 1),
        county: at("qingling".to_owned(), 2),
        year: at(2025, 3),
        fund: at(FundingSource::BridgingFund, 4),
        level: Some(at(FundLevel::Central, 5)),
        name: None,
        doc_no: "黔财农〔2025〕1号".into(),
        issued_by: "省财政厅".into(),
        date: at(d(date), 6),
        total: at(wan(total), 7),
        allocations: allocations
            .iter()
            .enumerate()
            .map(|(i, (p, a))| {
                let line = 10 + i as u32;
                Allocation { project: at((*p).to_owned(), line), amount: at(wan(a), line), pos: Pos::new(line, 3) }
            })
            .collect(),
    }
}

fn doc(id: &str, kind: PlanKind, date: &str, projects: &[&str], batches: &[&str]) -> PlanDoc {
    let ids = |l: &[&str], from: u32| l.iter().enumerate().map(|(i, p)| at((*p).to_owned(), from + i as u32)).collect();
    PlanDoc {
        path: SourcePath(format!("content/plans/{id}.yaml").into()),
        id: at(id.to_owned(), 1),
        county: at("qingling".to_owned(), 2),
        year: at(2025, 3),
        kind: at(kind, 4),
        title: None,
        doc_no: None,
        date: at(d(date), 5),
        issuer: "县农业农村局".into(),
        index_no: None,
        preamble: None,
        projects: ids(projects, 10),
        moved_out: Vec::new(),
        changed: Vec::new(),
        batches: ids(batches, 30),
        objections_until: None,
    }
}

fn run(projects: Vec<crate::domain::Project>, funds: Vec<FundBatch>, plans: Vec<PlanDoc>) -> Vec<Diagnostic> {
    let mut c = content(projects);
    c.funds = funds;
    c.plans = plans;
    c.counties = vec![crate::testing::records::county("qingling"), crate::testing::records::county("baishui")];
    c.build_index();
    let rules = Rules::default();
    let mut out = check(&c, &rules, d(TODAY));
    out.extend(super::super::plan::check(&c, &rules, d(TODAY)));
    out
}

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

fn published(batches: &[&str]) -> PlanDoc {
    doc("FP", PlanKind::Allocation, "2025-03-20", &[], batches)
}

#[test]
fn a_batch_that_adds_up_and_goes_to_warehoused_projects_is_clean() {
    let b = batch("ZJ1", "2025-03-10", "60", &[("P-1", "60")]);
    let diags = run(vec![warehoused("P-1", "2024-12-16").build()], vec![b], vec![published(&["ZJ1"])]);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn allocations_that_miss_the_total_by_a_fen_are_an_error_at_the_total() {
    let b = batch("ZJ1", "2025-03-10", "60.0001", &[("P-1", "60")]);
    let diags = run(vec![warehoused("P-1", "2024-12-16").build()], vec![b], vec![published(&["ZJ1"])]);
    assert_eq!(codes(&diags), [Code::AllocationSum]);
    assert_eq!(diags[0].location.pos, Some(Pos::new(7, 1)));
    assert_eq!(diags[0].severity(), Severity::Error);
}

#[test]
fn allocations_of_one_fund_from_several_batches_stay_within_the_source() {
    let b1 = batch("ZJ1", "2025-03-10", "40", &[("P-1", "40")]);
    let b2 = batch("ZJ2", "2025-03-11", "30", &[("P-1", "30")]);
    let diags = run(vec![warehoused("P-1", "2024-12-16").build()], vec![b1, b2], vec![published(&["ZJ1", "ZJ2"])]);
    assert_eq!(codes(&diags), [Code::AllocationExceedsFunding]);
    assert_eq!(diags[0].location.file.as_ref(), "content/funds/ZJ2.yaml");
    assert!(diags[0].message.contains("70") && diags[0].message.contains("60"), "{}", diags[0].message);
}

#[test]
fn a_batch_of_another_level_finds_no_line_to_fund() {
    let mut b = batch("ZJ1", "2025-03-10", "10", &[("P-1", "10")]);
    b.level = Some(at(FundLevel::Provincial, 5));
    let diags = run(vec![warehoused("P-1", "2024-12-16").build()], vec![b], vec![published(&["ZJ1"])]);
    assert_eq!(codes(&diags), [Code::AllocationExceedsFunding]);
}

#[test]
fn money_allocated_before_warehousing_or_after_a_move_out_is_an_error() {
    let late = warehoused("P-1", "2025-04-01").build();
    let moved = warehoused("P-2", "2024-12-16").event(EventType::AdjustedOut, d("2025-03-15")).build();
    let b = batch("ZJ1", "2025-03-10", "20", &[("P-1", "10"), ("P-2", "10")]);
    let diags = run(vec![late, moved], vec![b], vec![published(&["ZJ1"])]);
    assert_eq!(codes(&diags), [Code::AllocationNotWarehoused, Code::AllocationNotWarehoused]);
    assert!(diags[0].message.contains("尚未入库") && diags[1].message.contains("已调整出库"), "{diags:#?}");
}

#[test]
fn the_allocation_date_is_the_result_document_s_else_the_batch_s() {
    // Warehoused on 2025-03-15: after the batch, before its allocation result.
    let p = warehoused("P-1", "2025-03-15").build();
    let b = batch("ZJ1", "2025-03-10", "10", &[("P-1", "10")]);
    assert!(run(vec![p.clone()], vec![b.clone()], vec![published(&["ZJ1"])]).is_empty());
    let diags = run(vec![p], vec![b], vec![]);
    assert!(codes(&diags).contains(&Code::AllocationNotWarehoused), "{diags:#?}");
}

#[test]
fn unknown_and_foreign_projects_are_unknown_references() {
    let other = warehoused("P-2", "2024-12-16").in_county("baishui").build();
    let b = batch("ZJ1", "2025-03-10", "20", &[("P-9", "10"), ("P-2", "10")]);
    let diags = run(vec![other], vec![b], vec![published(&["ZJ1", "ZJ9"])]);
    assert_eq!(codes(&diags).iter().filter(|c| **c == Code::UnknownReference).count(), 3, "{diags:#?}");
}

#[test]
fn a_batch_not_published_within_the_working_days_is_late() {
    let p = warehoused("P-1", "2024-12-16").build();
    let b = batch("ZJ1", "2025-03-10", "10", &[("P-1", "10")]);
    // 15 working days after Monday 2025-03-10 is Monday 2025-03-31.
    let on_time = doc("FP", PlanKind::Allocation, "2025-03-31", &[], &["ZJ1"]);
    assert!(run(vec![p.clone()], vec![b.clone()], vec![on_time]).is_empty());
    let late = doc("FP", PlanKind::Allocation, "2025-04-01", &[], &["ZJ1"]);
    let diags = run(vec![p.clone()], vec![b.clone()], vec![late]);
    assert_eq!(codes(&diags), [Code::AllocationLate]);
    assert_eq!(diags[0].severity(), Severity::Warning);
    let diags = run(vec![p], vec![b], vec![]);
    assert_eq!(codes(&diags), [Code::AllocationLate]);
    assert!(diags[0].message.contains("仍没有"), "{}", diags[0].message);
}

#[test]
fn a_planned_project_is_listed_by_a_plan_within_the_working_days() {
    let p = warehoused("P-1", "2024-12-16").event(EventType::Planned, d("2025-02-26")).build();
    // 20 working days after Wednesday 2025-02-26 is Wednesday 2025-03-26.
    let plan = |date| doc("JH", PlanKind::Plan, date, &["P-1"], &[]);
    assert!(run(vec![p.clone()], vec![], vec![plan("2025-03-26")]).is_empty());
    let diags = run(vec![p.clone()], vec![], vec![plan("2025-03-27")]);
    assert_eq!(codes(&diags), [Code::AnnualPlanLate]);
    assert_eq!(diags[0].record.as_deref(), Some("P-1"));
    let diags = run(vec![p], vec![], vec![]);
    assert_eq!(codes(&diags), [Code::AnnualPlanLate]);
}

#[test]
fn a_plan_lists_only_projects_in_the_warehouse_on_its_date() {
    let p = warehoused("P-1", "2025-04-01").build();
    let diags = run(vec![p], vec![], vec![doc("JH", PlanKind::Plan, "2025-03-05", &["P-1"], &[])]);
    assert_eq!(codes(&diags), [Code::AnnouncementPremature]);
}

#[test]
fn payments_above_the_total_and_payments_to_come_are_errors() {
    let mut p = warehoused("P-1", "2024-12-16").build();
    let pay = |date: &str, amount: &str, line| Payment {
        date: at(d(date), line),
        amount: at(wan(amount), line),
        reference: None,
        pos: Pos::new(line, 3),
    };
    p.payments = vec![pay("2025-05-01", "60", 40), pay("2025-09-01", "40", 41)];
    assert!(run(vec![p.clone()], vec![], vec![]).is_empty());
    p.payments.push(pay("2026-01-05", "0.01", 42));
    let diags = run(vec![p], vec![], vec![]);
    assert_eq!(codes(&diags), [Code::PaymentsExceedFunding, Code::EventOrder]);
    assert_eq!(diags[0].location.pos, Some(Pos::new(42, 1)));
}
