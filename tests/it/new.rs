//! `gongshi new`: every template points `check` at each placeholder, and
//! passes `check` once the placeholders are filled.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use gongshi::diag::Severity;
use gongshi::scaffold::{NewKind, new_record};

use crate::support::{DEMO_TODAY, copy_dir, day, fixture};

/// A kind, an id, the file `new` writes, and the value a county clerk types for each key.
type Case = (NewKind, &'static str, &'static str, Vec<(&'static str, &'static str)>);

fn cases() -> Vec<Case> {
    let text = |k| (k, "测试内容");
    vec![
        (
            NewKind::Project,
            "CS-2027-0003",
            "content/projects/2027/CS-2027-0003.yaml",
            vec![
                text("name"),
                ("type", "industry"),
                ("construction_nature", "new"),
                ("township", "dongxiang"),
                text("content"),
                ("from", "2027-01"),
                ("to", "2027-06"),
                text("implementer"),
                text("responsible_unit"),
                text("responsible_person"),
                ("total", "10"),
                ("level", "central"),
                ("amount", "10"),
                ("households_lifted", "1"),
                ("persons_lifted", "3"),
                ("households_monitored", "0"),
                text("linkage_mechanism"),
                text("indicator"),
                ("value", "1"),
                ("unit", "个"),
                text("issuer"),
                ("boards", "[上村公开栏]"),
                ("start", "2026-11-01"),
                ("end", "2026-11-12"),
            ],
        ),
        (
            NewKind::Asset,
            "CS-2027-ZC1",
            "content/assets/2027/CS-2027-ZC1.yaml",
            vec![
                ("project", "CS-2027-0003"),
                text("name"),
                ("class", "public_welfare"),
                ("value", "5"),
                text("owner"),
                text("keeper"),
            ],
        ),
        (
            NewKind::Group,
            "g2",
            "content/groups/g2.yaml",
            vec![
                text("name"),
                text("industry"),
                ("by", "[国家乡村振兴局]"),
                ("date", "2026-01-10"),
                text("ref"),
                ("id", "m1"),
                text("institution"),
                text("title"),
                text("field"),
                ("role", "leader"),
                ("source", "local"),
                text("appointment_letter_no"),
                ("from", "2026-01-10"),
            ],
        ),
        (
            NewKind::County,
            "x2",
            "content/counties/x2.yaml",
            vec![
                text("name"),
                ("adcode", "\"999998\""),
                text("province"),
                text("prefecture"),
                ("is_key_assistance_county", "false"),
                text("authority"),
                text("leading_group"),
                text("post"),
                text("org"),
                ("from", "2024-01-01"),
                ("id", "t1"),
                text("board"),
            ],
        ),
        (
            NewKind::Case,
            "c2",
            "content/cases/c2.md",
            vec![
                text("title"),
                ("county", "ceshi"),
                text("industry"),
                ("year", "2026"),
                text("indicator"),
                ("before", "1"),
                ("after", "2"),
                ("unit", "个"),
                text("source"),
                ("published_on", "2026-10-01"),
            ],
        ),
        (NewKind::Page, "p2", "content/pages/p2.md", vec![text("title")]),
        (
            NewKind::Fund,
            "CS-2026-ZJ9",
            "content/funds/2026/CS-2026-ZJ9.yaml",
            vec![
                text("doc_no"),
                text("issued_by"),
                ("date", "2026-11-02"),
                ("total", "10"),
                ("project", "CS-2026-0001"),
                ("amount", "10"),
            ],
        ),
        (
            NewKind::Plan,
            "CS-2026-JH9",
            "content/plans/2026/CS-2026-JH9.yaml",
            vec![("date", "2026-11-02"), text("issuer"), ("projects", "[CS-2026-0001]")],
        ),
    ]
}

/// Lines that are placeholders: a key with nothing, `待填写` or `[]` after it
/// (and a comment), which is not the parent of an indented block.
fn placeholders(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| {
        let t = l.trim_start();
        l.len() - t.len() + if t.starts_with("- ") { 2 } else { 0 }
    };
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let body = line.split(" #").next().unwrap_or("").trim();
        let body = body.strip_prefix("- ").unwrap_or(body);
        if line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = body.split_once(':') else { continue };
        let value = value.trim();
        if !(value.is_empty() || value == "待填写" || value == "[]") || key == "villages" {
            continue;
        }
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if value.is_empty() && next.is_some_and(|n| indent(n) > indent(line)) {
            continue;
        }
        found.push((i + 1, key.to_owned()));
    }
    found
}

/// Replaces every placeholder value with the clerk's value for its key.
fn fill(text: &str, values: &BTreeMap<&str, &str>) -> String {
    let spots: BTreeMap<usize, String> = placeholders(text).into_iter().collect();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        match spots.get(&(i + 1)) {
            Some(key) => {
                let value = values.get(key.as_str()).unwrap_or_else(|| panic!("no test value for {key}"));
                let at = line.find(&format!("{key}:")).unwrap() + key.len() + 1;
                out.push_str(&format!("{} {value}\n", &line[..at]));
            }
            None => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

#[test]
fn each_template_flags_every_placeholder_and_passes_check_once_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&fixture("valid/minimal"), root);
    let today = day(DEMO_TODAY);
    for (kind, id, rel, values) in cases() {
        let path = new_record(root, kind, id).unwrap();
        assert_eq!(path, root.join(rel));
        let text = std::fs::read_to_string(&path).unwrap();
        let spots = placeholders(&text);
        assert!(!spots.is_empty(), "{rel} has no placeholder");

        // Unfilled: `check` reports an error on every placeholder line.
        let checked = gongshi::pipeline::check(root, today).unwrap();
        for (line, key) in &spots {
            let hit = checked.diagnostics.iter().any(|d| {
                d.severity() == Severity::Error
                    && &*d.location.file == rel
                    && d.location.pos.is_some_and(|p| p.line as usize == *line)
            });
            assert!(hit, "{rel}:{line} ({key}) is a placeholder that check does not point at");
        }

        // Filled: no error left anywhere in the site.
        let values: BTreeMap<_, _> = values.into_iter().collect();
        std::fs::write(&path, fill(&text, &values)).unwrap();
        let checked = gongshi::pipeline::check(root, today).unwrap();
        let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.severity() == Severity::Error).collect();
        assert!(errors.is_empty(), "{rel} filled in still fails check: {errors:#?}\n{}", fill(&text, &values));
    }
}

#[test]
fn templates_explain_every_key_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    for (kind, id, _, _) in cases() {
        let text = std::fs::read_to_string(new_record(tmp.path(), kind, id).unwrap()).unwrap();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with('#')) {
            let is_key = line.contains(':') && line != "---";
            if is_key {
                let comment = line.split_once(" #").map(|(_, c)| c).unwrap_or("");
                let is_repeat = !comment.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                // Repeated liaison entries share the first entry's comments.
                assert!(!is_repeat || id == "x2", "{id} line {}: no Chinese comment: {line}", n + 1);
            }
        }
    }
}

fn gongshi(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi")).arg("--root").arg(root).args(args).output().unwrap()
}

#[test]
fn new_refuses_to_overwrite_and_bad_ids_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let first = gongshi(tmp.path(), &["new", "project", "CS-2027-0009"]);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stderr).contains("content/projects/2027/CS-2027-0009.yaml"));
    let before = std::fs::read(tmp.path().join("content/projects/2027/CS-2027-0009.yaml")).unwrap();
    let again = gongshi(tmp.path(), &["new", "project", "CS-2027-0009"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在"));
    assert_eq!(std::fs::read(tmp.path().join("content/projects/2027/CS-2027-0009.yaml")).unwrap(), before);
    // An id another project already uses (case-insensitively) would be a duplicate-id.
    let taken = gongshi(tmp.path(), &["new", "project", "cs-2026-0001"]);
    assert_eq!(taken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("p1.yaml"));
    let no_year = gongshi(tmp.path(), &["new", "project", "QL-0001"]);
    assert_eq!(no_year.status.code(), Some(0));
    assert!(tmp.path().join("content/projects/QL-0001.yaml").is_file());
    assert_eq!(gongshi(tmp.path(), &["new", "page", "../escape"]).status.code(), Some(2));
    assert_eq!(gongshi(tmp.path(), &["new", "county", "ceshi"]).status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(gongshi(empty.path(), &["new", "page", "about"]).status.code(), Some(2));
}
