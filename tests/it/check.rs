//! Every diagnostic code has a fixture site that triggers it, and only it.
//!
//! `tests/fixtures/invalid/<code>/expect.txt` names the code, severity, file
//! and line (found from an anchor text by `make_invalid.py`, not by running
//! gongshi). The human output of each is also kept as an insta snapshot.

use gongshi::diag::{self, Code, Severity};
use gongshi::pipeline;

use crate::support::{DEMO_TODAY, copy_dir, day, fixture, fixture_today, repo_root};

#[test]
fn every_code_has_an_invalid_fixture() {
    for code in Code::ALL {
        let dir = fixture(&format!("invalid/{}", code.as_str()));
        assert!(dir.join("expect.txt").is_file(), "no fixture for {code}");
    }
}

#[test]
fn each_invalid_fixture_triggers_exactly_its_code_at_the_expected_place() {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let dir = entry.unwrap().path();
        let expect = std::fs::read_to_string(dir.join("expect.txt")).unwrap();
        let parts: Vec<&str> = expect.split_whitespace().collect();
        let [code, severity, file, line] = parts[..] else { panic!("bad expect.txt in {}", dir.display()) };
        let line: u32 = line.parse().unwrap();
        let checked = pipeline::check(&dir, fixture_today(&dir)).unwrap();
        let found = checked.diagnostics.iter().any(|d| {
            d.code.as_str() == code
                && &*d.location.file == file
                && d.location.pos.map(|p| p.line) == Some(line)
                && match d.severity() {
                    Severity::Error => severity == "error",
                    Severity::Warning => severity == "warning",
                }
        });
        let others: Vec<_> = checked.diagnostics.iter().filter(|d| d.code.as_str() != code).collect();
        if !found || !others.is_empty() {
            failures.push(format!(
                "{code}: expected {severity} at {file}:{line}, got:\n{}",
                diag::render_human(&checked.diagnostics)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_fixture_messages_snapshot() {
    insta::glob!("../fixtures", "invalid/*/expect.txt", |path| {
        let dir = path.parent().unwrap();
        let checked = pipeline::check(dir, fixture_today(dir)).unwrap();
        insta::assert_snapshot!(diag::render_human(&checked.diagnostics));
    });
}

#[test]
fn valid_minimal_fixture_has_no_diagnostics() {
    let checked = pipeline::check(&fixture("valid/minimal"), day(DEMO_TODAY)).unwrap();
    assert_eq!(diag::render_human(&checked.diagnostics), "未发现问题\n");
}

#[test]
fn demo_content_has_no_diagnostics_on_the_readme_date() {
    let checked = pipeline::check(&repo_root(), day(DEMO_TODAY)).unwrap();
    assert_eq!(diag::render_human(&checked.diagnostics), "未发现问题\n");
    assert!(checked.content.projects.len() >= 15);
}

#[test]
fn one_broken_file_hides_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let content = tmp.path().join("content");
    std::fs::write(content.join("projects/broken.yaml"), "id: X\n  bad: [\n").unwrap();
    let p1 = std::fs::read_to_string(content.join("projects/p1.yaml")).unwrap();
    std::fs::write(content.join("projects/p1.yaml"), p1.replace("total: 50.3", "total: 50.4")).unwrap();
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    let codes: Vec<_> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::YamlSyntax, Code::FundingMismatch]);
}

#[test]
fn all_problems_of_one_file_are_reported_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let p = tmp.path().join("content/projects/p1.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    let text = text
        .replace("construction_nature: new", "construction_nature: brand_new\nbeizhu: x")
        .replace("implementer: 上村股份经济合作社\n", "")
        .replace("end: 2026-03-11", "end: 2026-03-05");
    std::fs::write(&p, text).unwrap();
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    let mut codes: Vec<_> = checked.diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["invalid-value", "missing-field", "notice-too-short", "unknown-field"]);
}
