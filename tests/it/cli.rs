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
    assert_eq!(String::from_utf8_lossy(&out.stderr), "0 errors, 0 warnings\n");
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
