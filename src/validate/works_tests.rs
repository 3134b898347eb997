//! Tests of the works rules, at their boundaries.

use super::*;
use crate::diag::Severity;
use crate::domain::At;
use crate::domain::project::{Acceptance, AcceptanceResult, CompletionNotice, PhotoStage, SiteSign, TargetCategory};
use crate::domain::works::ImageFile;
use crate::testing::{ProjectBuilder, content, d, none, only, project};

const TODAY: &str = "2025-12-31";

fn run(p: &Project) -> Vec<Diagnostic> {
    check(&content([p.clone()]), &Rules::default(), d(TODAY))
}

fn at<T>(value: T, line: u32) -> At<T> {
    At::new(value, Pos::new(line, 5))
}

/// Approved on 2025-03-01, started on 2025-04-08 (a Tuesday).
fn started() -> ProjectBuilder {
    project("P-1").approval(d("2025-03-01")).event(EventType::Started, d("2025-04-08"))
}

fn indicator(actual: Option<&str>) -> Target {
    Target::Indicator {
        category: Some(TargetCategory::Quantity),
        indicator: "新建厂房".into(),
        value: "600".into(),
        unit: Some("平方米".into()),
        actual: actual.map(|a| at(a.to_owned(), 90)),
    }
}

fn sign(posted_on: &str) -> Option<At<SiteSign>> {
    Some(at(SiteSign { posted_on: at(d(posted_on), 80), place: "现场".into(), photos: Vec::new() }, 80))
}

fn completion_notice(start: &str, end: &str) -> Option<At<CompletionNotice>> {
    let notice = CompletionNotice {
        issuer: "村民委员会".into(),
        boards: vec!["公开栏".into()],
        start: at(d(start), 70),
        end: at(d(end), 71),
        photos: Vec::new(),
    };
    Some(at(notice, 70))
}

// --- actual-before-completion, actual-missing ---

#[test]
fn an_actual_value_needs_a_completion_on_or_before_today() {
    let mut p = started().build();
    p.site_sign = sign("2025-04-08");
    p.performance_targets = vec![indicator(Some("600"))];
    only(&run(&p), Code::ActualBeforeCompletion, Severity::Error, &p, Pos::new(90, 5));
    let mut completed = started().event(EventType::Completed, d(TODAY)).build();
    completed.site_sign = sign("2025-04-08");
    completed.performance_targets = vec![indicator(Some("600"))];
    assert_eq!(run(&completed), []);
    // Completed only after today: still no result to state.
    let mut later = started().event(EventType::Completed, d("2026-01-01")).build();
    later.performance_targets = vec![indicator(Some("600"))];
    none(&run(&later), Code::ActualMissing);
    assert!(run(&later).iter().any(|x| x.code == Code::ActualBeforeCompletion));
}

#[test]
fn an_evaluated_project_gives_every_indicator_its_actual_value_sentences_aside() {
    let mut p =
        started().event(EventType::Completed, d("2025-09-01")).event(EventType::Evaluated, d("2025-12-01")).build();
    p.site_sign = sign("2025-04-01");
    p.performance_targets = vec![indicator(Some("600")), indicator(None), Target::Text("带动增收".into())];
    let evaluated = p.events[2].date.pos;
    let found = run(&p);
    let diag = only(&found, Code::ActualMissing, Severity::Warning, &p, evaluated);
    assert!(diag.message.ends_with("以下指标没有实际完成值：新建厂房"), "{}", diag.message);
    p.performance_targets.truncate(1);
    assert_eq!(run(&p), []);
}

// --- lifecycle-conflict (acceptance) ---

#[test]
fn the_acceptance_is_dated_as_its_accepted_event() {
    let acceptance = |date: &str| {
        Some(at(
            Acceptance {
                date: at(d(date), 60),
                by: "县农业农村局".into(),
                result: AcceptanceResult::Passed,
                summary: None,
                doc_no: None,
            },
            60,
        ))
    };
    let mut p =
        started().event(EventType::Completed, d("2025-09-01")).event(EventType::Accepted, d("2025-09-10")).build();
    p.site_sign = sign("2025-04-08");
    p.completion_notice = completion_notice("2025-09-12", "2025-09-22");
    p.acceptance = acceptance("2025-09-10");
    assert_eq!(run(&p), []);
    p.acceptance = acceptance("2025-09-11");
    only(&run(&p), Code::LifecycleConflict, Severity::Error, &p, Pos::new(60, 5));
    // No accepted event at all.
    let mut bare = started().build();
    bare.site_sign = sign("2025-04-08");
    bare.acceptance = acceptance("2025-09-10");
    only(&run(&bare), Code::LifecycleConflict, Severity::Error, &bare, Pos::new(60, 5));
}

// --- sign-late ---

#[test]
fn the_sign_stands_by_the_start_day() {
    let mut p = started().build();
    let event = p.events[0].date.pos;
    only(&run(&p), Code::SignLate, Severity::Warning, &p, event);
    p.site_sign = sign("2025-04-08");
    assert_eq!(run(&p), [], "on the start day itself");
    p.site_sign = sign("2025-04-09");
    only(&run(&p), Code::SignLate, Severity::Warning, &p, Pos::new(80, 5));
    // Not started by today: nothing is due yet.
    let later = project("P-1").approval(d("2025-03-01")).event(EventType::Started, d("2026-01-05")).build();
    none(&run(&later), Code::SignLate);
}

// --- completion-notice-late, and its period ---

#[test]
fn the_completion_notice_starts_within_twenty_working_days_of_the_acceptance() {
    // Accepted Monday 2025-09-01: the 20th working day after it (weekends only,
    // the day itself not counted) is Monday 2025-09-29.
    let mut p =
        started().event(EventType::Completed, d("2025-08-20")).event(EventType::Accepted, d("2025-09-01")).build();
    p.site_sign = sign("2025-04-08");
    let accepted = p.events[2].date.pos;
    only(&run(&p), Code::CompletionNoticeLate, Severity::Warning, &p, accepted);
    p.completion_notice = completion_notice("2025-09-29", "2025-10-09");
    assert_eq!(run(&p), []);
    p.completion_notice = completion_notice("2025-09-30", "2025-10-10");
    only(&run(&p), Code::CompletionNoticeLate, Severity::Warning, &p, Pos::new(70, 5));
    // Not yet due on today: no warning without a notice.
    let today = d(TODAY);
    let mut recent = started().event(EventType::Accepted, today).build();
    recent.site_sign = sign("2025-04-08");
    none(&run(&recent), Code::CompletionNoticeLate);
}

#[test]
fn the_completion_notice_runs_the_notice_minimum() {
    let mut p = started().build();
    p.site_sign = sign("2025-04-08");
    p.completion_notice = completion_notice("2025-09-12", "2025-09-22");
    assert_eq!(run(&p), [], "ten days after the posting day");
    p.completion_notice = completion_notice("2025-09-12", "2025-09-21");
    only(&run(&p), Code::NoticeTooShort, Severity::Error, &p, Pos::new(71, 5));
    p.completion_notice = completion_notice("2025-09-12", "2025-09-11");
    only(&run(&p), Code::NoticeDates, Severity::Error, &p, Pos::new(71, 5));
}

// --- image-missing, photo-too-large ---

#[test]
fn a_photo_is_a_static_file_within_the_size_cap() {
    let mut p = started().build();
    let photo = Photo {
        file: at("images/site.jpg".to_owned(), 50),
        alt: "现场".into(),
        stage: PhotoStage::During,
        taken_on: None,
        pos: Pos::new(50, 3),
    };
    p.site_sign = sign("2025-04-08");
    if let Some(s) = p.site_sign.as_mut() {
        s.value.photos.push(photo);
    }
    let mut c = content([p.clone()]);
    let found = check(&c, &Rules::default(), d(TODAY));
    only(&found, Code::ImageMissing, Severity::Error, &p, Pos::new(50, 5));
    c.static_files.insert("images/site.jpg".into());
    c.static_images.insert("images/site.jpg".into(), ImageFile { bytes: 500 * 1024, size: Some((800, 600)) });
    assert_eq!(check(&c, &Rules::default(), d(TODAY)), [], "500 KB is within the cap");
    c.static_images.insert("images/site.jpg".into(), ImageFile { bytes: 500 * 1024 + 1, size: None });
    let found = check(&c, &Rules::default(), d(TODAY));
    only(&found, Code::PhotoTooLarge, Severity::Warning, &p, Pos::new(50, 5));
}
