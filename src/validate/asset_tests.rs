//! Tests of the asset rules, at their boundaries.

use super::*;
use crate::diag::Severity;
use crate::domain::asset::AssetClass;
use crate::domain::project::FundingSource;
use crate::domain::{At, SourcePath};
use crate::testing::{d, none, project, wan};

const TODAY: &str = "2026-11-20";

fn asset(id: &str, project: &str, value: &str, handed: Option<&str>) -> Asset {
    let at = |v: &str, line| At::new(v.to_owned(), Pos::new(line, 1));
    Asset {
        path: SourcePath(format!("content/assets/{id}.yaml").into()),
        id: at(id, 1),
        county: at("qingling", 2),
        project: at(project, 3),
        name: "资产".into(),
        class: At::new(AssetClass::PublicWelfare, Pos::new(4, 1)),
        value: At::new(wan(value), Pos::new(5, 1)),
        formed_on: None,
        location: None,
        owner: "村集体".into(),
        keeper: "村委会".into(),
        handed_over_on: handed.map(|h| At::new(d(h), Pos::new(6, 1))),
        handover_doc: None,
        income: Vec::new(),
        disposal: None,
    }
}

/// A project of 100 万元 accepted on `accepted`.
fn accepted(id: &str, accepted: &str) -> Project {
    project(id).funding("100", &[(FundingSource::SelfRaised, "100")]).event(EventType::Accepted, d(accepted)).build()
}

fn run(projects: Vec<Project>, assets: Vec<Asset>) -> Vec<Diagnostic> {
    let mut c = crate::testing::content(projects);
    c.counties = vec![crate::testing::records::county("qingling")];
    c.assets = assets;
    check(&c, &Rules::default(), d(TODAY))
}

fn of(diags: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    diags.iter().filter(|x| x.code == code).collect()
}

#[test]
fn assets_may_sum_to_the_project_total_exactly() {
    let p = accepted("P-1", "2026-10-01");
    let diags = run(vec![p], vec![asset("A1", "P-1", "60", None), asset("A2", "P-1", "40", None)]);
    none(&diags, Code::AssetValueExceeds);
}

#[test]
fn one_fen_above_the_total_is_an_error_on_the_asset_that_tips_it() {
    let p = accepted("P-1", "2026-10-01");
    let assets =
        vec![asset("A1", "P-1", "60", None), asset("A2", "P-1", "40.0001", None), asset("A3", "P-1", "1", None)];
    let diags = run(vec![p], assets);
    let found = of(&diags, Code::AssetValueExceeds);
    assert_eq!(found.len(), 1, "{diags:#?}");
    assert_eq!(found[0].severity(), Severity::Error);
    assert_eq!(found[0].location.file.as_ref(), "content/assets/A2.yaml");
    assert!(found[0].message.contains("101.0001"), "{}", found[0].message);
}

#[test]
fn hand_over_is_late_only_after_the_configured_days() {
    // Accepted 2026-08-22: 90 days before 2026-11-20, still in time.
    let in_time = run(vec![accepted("P-1", "2026-08-22")], vec![]);
    none(&in_time, Code::AssetHandoverLate);
    // One day more: late, on the accepted event.
    let p = accepted("P-1", "2026-08-21");
    let pos = p.events[0].date.pos;
    let late = run(vec![p.clone()], vec![]);
    crate::testing::only(&late, Code::AssetHandoverLate, Severity::Warning, &p, pos);
}

#[test]
fn a_hand_over_on_or_before_today_answers_it_a_later_one_does_not() {
    let p = || accepted("P-1", "2026-01-01");
    none(&run(vec![p()], vec![asset("A1", "P-1", "10", Some(TODAY))]), Code::AssetHandoverLate);
    let after = run(vec![p()], vec![asset("A1", "P-1", "10", Some("2026-11-21"))]);
    assert_eq!(of(&after, Code::AssetHandoverLate).len(), 1);
    let never = run(vec![p()], vec![asset("A1", "P-1", "10", None)]);
    assert_eq!(of(&never, Code::AssetHandoverLate).len(), 1);
}

#[test]
fn a_project_forming_no_assets_is_exempt() {
    let mut p = accepted("P-1", "2025-01-01");
    p.forms_assets = false;
    none(&run(vec![p], vec![]), Code::AssetHandoverLate);
}

#[test]
fn unknown_project_and_county_are_reported() {
    let mut a = asset("A1", "P-9", "10", None);
    a.county = At::new("nowhere".into(), Pos::new(2, 1));
    let diags = run(vec![accepted("P-1", "2026-11-01")], vec![a]);
    let found = of(&diags, Code::UnknownReference);
    assert_eq!(found.len(), 2, "{diags:#?}");
    let other_county = {
        let mut p = accepted("P-1", "2026-11-01");
        p.county = At::new("baishui".into(), Pos::new(2, 1));
        run(vec![p], vec![asset("A1", "P-1", "10", None)])
    };
    assert!(other_county.iter().any(|x| x.code == Code::UnknownReference && x.message.contains("baishui")));
}
