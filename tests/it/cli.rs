//! The CLI contract of spec/cli.md: exit statuses and the JSON shape.

use std::process::Command;

use crate::support::{DEMO_TODAY, fixture, repo_root};

fn gongshi(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi")).args(args).output().expect("run gongshi")
}

fn root_arg(rel: &str) -> String {
    fixture(rel).to_string_lossy().into_owned()
}

#[test]
fn check_on_the_demo_exits_0_and_prints_no_diagnostics() {
    let out = gongshi(&["--root", &repo_root().to_string_lossy(), "check", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "未发现问题\n");
}

#[test]
fn content_error_exits_1_with_file_line_column() {
    let out = gongshi(&["--root", &root_arg("invalid/notice-too-short"), "check", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("content/projects/p2.yaml:26:"), "{err}");
    assert!(err.contains("error[notice-too-short]"), "{err}");
}

#[test]
fn warnings_exit_0_but_1_under_strict() {
    let root = root_arg("invalid/plan-late");
    let plain = gongshi(&["--root", &root, "check", "--today", DEMO_TODAY]);
    assert_eq!(plain.status.code(), Some(0));
    let strict = gongshi(&["--root", &root, "check", "--strict", "--today", DEMO_TODAY]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn json_format_has_the_spec_shape() {
    let out =
        gongshi(&["--root", &root_arg("invalid/unknown-field"), "check", "--format", "json", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["today"], DEMO_TODAY);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["warnings"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["file"], "content/projects/p1.yaml");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 1);
    assert_eq!(d["record"], "CS-2026-0001");
    assert!(d["message"].as_str().unwrap().contains("beizhu"));
}

#[test]
fn usage_and_environment_errors_exit_2() {
    let bad_day = gongshi(&["--root", &root_arg("valid/minimal"), "check", "--today", "2026-13-01"]);
    assert_eq!(bad_day.status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let no_content = gongshi(&["--root", &tmp.path().to_string_lossy(), "check", "--today", DEMO_TODAY]);
    assert_eq!(no_content.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_content.stderr).contains("content/"));
}

#[test]
fn missing_site_yaml_is_a_content_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    let out = gongshi(&["--root", &tmp.path().to_string_lossy(), "check", "--format", "json", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "missing-field");
    assert_eq!(v["diagnostics"][0]["file"], "content/site.yaml");
    assert!(v["diagnostics"][0]["line"].is_null());
}

/// Every spelling of a mobile number (space, hyphen, mixed, full-width) is a
/// `private-data` warning at the line and column of its value: `check` exits 0,
/// while `build` refuses to publish it and leaves the output folder alone.
#[test]
fn private_data_in_every_spelling_is_reported_and_never_built() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("private-data") {
            continue;
        }
        seen += 1;
        let expect = std::fs::read_to_string(dir.join("expect.txt")).unwrap();
        let parts: Vec<&str> = expect.split_whitespace().collect();
        let (file, line) = (parts[2], parts[3]);
        // The column of the value: where the scanned text starts on that line.
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let src_line = text.lines().nth(line.parse::<usize>().unwrap() - 1).unwrap();
        let root = dir.to_string_lossy().into_owned();
        let check = gongshi(&["--root", &root, "check", "--today", DEMO_TODAY]);
        assert_eq!(check.status.code(), Some(0), "{name}");
        let err = String::from_utf8_lossy(&check.stderr);
        let prefix = format!("{file}:{line}:");
        let diag_line = err.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("{name}: {err}"));
        assert!(diag_line.contains("warning[private-data]"), "{name}: {err}");
        let column: usize = diag_line[prefix.len()..].split(':').next().unwrap().parse().unwrap();
        let value = src_line.chars().skip(column - 1).collect::<String>();
        assert!(gongshi::privacy::find(&value).is_some(), "{name}: column {column} is not at the number: {src_line}");
        if name.contains("full-width") {
            assert!(diag_line.contains("全角"), "{name}: {diag_line}");
        }

        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let build = gongshi(&["--root", &root, "build", "--today", DEMO_TODAY, "--output", &out.to_string_lossy()]);
        assert_eq!(build.status.code(), Some(1), "{name}");
        assert!(String::from_utf8_lossy(&build.stderr).contains("未生成网站"), "{name}");
        assert!(!out.exists(), "{name}: build wrote {}", out.display());
    }
    assert!(seen >= 7, "only {seen} private-data fixtures");
}
