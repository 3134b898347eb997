//! Tests of the announcement rules.

use super::*;
use crate::diag::Severity;
use crate::domain::Content;
use crate::domain::project::EventType;
use crate::domain::{AnnouncementKind, SourcePath};
use crate::testing::{ProjectBuilder, content, d, project};

const TODAY: &str = "2024-12-01";

fn approved(id: &str, on: &str) -> ProjectBuilder {
    project(id).village(d("2024-03-01"), d("2024-03-11")).township(d("2024-03-13"), d("2024-03-23")).approval(d(on))
}

fn announcement(id: &str, date: &str, projects: &[&str]) -> Announcement {
    let at = |v: &str, line| At::new(v.to_owned(), Pos::new(line, 1));
    Announcement {
        path: SourcePath(format!("content/announcements/{id}.yaml").into()),
        id: at(id, 1),
        county: at("qingling", 2),
        year: At::new(2024, Pos::new(3, 1)),
        kind: At::new(AnnouncementKind::Adjustment, Pos::new(4, 1)),
        title: None,
        doc_no: None,
        date: At::new(d(date), Pos::new(5, 1)),
        issuer: "县农业农村局".into(),
        index_no: None,
        preamble: None,
        approval_doc: None,
        projects: projects.iter().enumerate().map(|(i, p)| at(p, 10 + i as u32)).collect(),
        moved_out: Vec::new(),
        changed: Vec::new(),
        objections_until: None,
    }
}

/// The content of `projects` in county `qingling`.
fn county_content(projects: impl IntoIterator<Item = Project>) -> Content {
    let mut c = content(projects);
    c.counties = vec![crate::testing::records::county("qingling")];
    c
}

fn run(projects: Vec<Project>, announcements: Vec<Announcement>) -> Vec<Diagnostic> {
    let mut c = county_content(projects);
    c.announcements = announcements;
    check(&c, &Rules::default(), d(TODAY))
}

fn codes(diags: &[Diagnostic]) -> Vec<(Code, String)> {
    diags
        .iter()
        .map(|d| {
            let pos = d.location.pos.map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
            (d.code, format!("{}{pos}", d.location.file))
        })
        .collect()
}

#[test]
fn an_approved_project_announced_in_time_passes() {
    // 2024-03-29 (Friday) + 20 working days = 2024-04-26.
    let diags = run(vec![approved("P-1", "2024-03-29").build()], vec![announcement("A-1", "2024-04-26", &["P-1"])]);
    assert_eq!(diags, []);
}

#[test]
fn an_announcement_a_working_day_late_or_none_at_all_is_a_warning() {
    let late = run(vec![approved("P-1", "2024-03-29").build()], vec![announcement("A-1", "2024-04-29", &["P-1"])]);
    assert_eq!(late.len(), 1, "{late:#?}");
    assert_eq!((late[0].code, late[0].severity()), (Code::AnnouncementLate, Severity::Warning));
    assert!(late[0].message.contains("2024-04-26"), "{}", late[0].message);
    let none = run(vec![approved("P-1", "2024-03-29").build()], vec![]);
    assert_eq!(codes(&none).len(), 1);
    // Before the deadline has passed nothing is late yet.
    let mut c = county_content([approved("P-1", "2024-11-28").build()]);
    c.announcements = Vec::new();
    assert_eq!(check(&c, &Rules::default(), d(TODAY)), []);
}

#[test]
fn approval_doc_chooses_the_county_projects_approved_by_it_and_twice_is_an_error() {
    let mut a = announcement("A-1", "2024-04-10", &[]);
    a.approval_doc = Some(At::new("测试〔2024〕1号".into(), Pos::new(9, 1)));
    let c = {
        let mut c = county_content([approved("P-1", "2024-03-29").build(), approved("P-2", "2024-03-29").build()]);
        c.announcements = vec![a.clone()];
        c
    };
    assert_eq!(c.entries_of(&a).len(), 2);
    assert_eq!(check(&c, &Rules::default(), d(TODAY)), []);
    let b = announcement("A-2", "2024-04-12", &["P-2"]);
    let diags = run(vec![approved("P-1", "2024-03-29").build(), approved("P-2", "2024-03-29").build()], vec![a, b]);
    assert_eq!(codes(&diags), [(Code::AnnouncedTwice, "content/announcements/A-2.yaml:10:1".to_owned())]);
}

#[test]
fn an_announcement_names_only_approved_moved_out_or_changed_projects_of_its_county() {
    let mut a = announcement("A-1", "2024-04-10", &["P-1", "NOPE"]);
    a.moved_out = vec![At::new("P-2".into(), Pos::new(20, 1))];
    a.changed = vec![At::new("P-2".into(), Pos::new(21, 1))];
    let p2 = approved("P-2", "2024-03-29").event(EventType::AdjustedOut, d("2024-04-11")).build();
    let diags = run(vec![approved("P-1", "2024-04-11").build(), p2], vec![a]);
    let mut found: Vec<(Code, String)> =
        codes(&diags).into_iter().filter(|(c, _)| *c != Code::AnnouncementLate).collect();
    found.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(
        found,
        [
            (Code::AnnouncementPremature, "content/announcements/A-1.yaml:10:1".to_owned()),
            (Code::UnknownReference, "content/announcements/A-1.yaml:11:1".to_owned()),
            (Code::AnnouncementPremature, "content/announcements/A-1.yaml:20:1".to_owned()),
            (Code::AnnouncementPremature, "content/announcements/A-1.yaml:21:1".to_owned()),
        ]
    );
}

#[test]
fn a_move_out_is_announced_within_the_working_days_too() {
    // Moved out on 2024-06-03 (Monday): due 20 working days later, 2024-07-01.
    let p = || approved("P-1", "2024-03-29").event(EventType::AdjustedOut, d("2024-06-03")).build();
    let mut a = announcement("A-1", "2024-04-10", &["P-1"]);
    let mut removal = announcement("A-2", "2024-07-01", &[]);
    removal.moved_out = vec![At::new("P-1".into(), Pos::new(20, 1))];
    assert_eq!(run(vec![p()], vec![a.clone(), removal.clone()]), []);
    removal.date = At::new(d("2024-07-02"), Pos::new(5, 1));
    let late = run(vec![p()], vec![a.clone(), removal]);
    assert_eq!(late.len(), 1, "{late:#?}");
    assert!(late[0].code == Code::AnnouncementLate && late[0].message.contains("调整出库"), "{late:#?}");
    a.date = At::new(d("2024-04-10"), Pos::new(5, 1));
    let never = run(vec![p()], vec![a]);
    assert_eq!(codes(&never).len(), 1, "{never:#?}");
}
