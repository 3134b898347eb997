//! Hostile and broken input while loading: a clear diagnostic or a clear
//! exit-2 error, never a panic, a hang or a read outside the site root.

use std::path::Path;

use gongshi::diag::Code;
use gongshi::pipeline;

use crate::support::{DEMO_TODAY, copy_dir, day, fixture};

fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    tmp
}

fn codes(root: &Path) -> Vec<Code> {
    pipeline::check(root, day(DEMO_TODAY)).unwrap().diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn bom_and_crlf_line_ends_load_cleanly() {
    let tmp = site();
    let p = tmp.path().join("content/projects/p1.yaml");
    let text = std::fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
    std::fs::write(&p, format!("\u{feff}{text}")).unwrap();
    assert_eq!(codes(tmp.path()), []);
}

#[test]
fn invalid_utf8_is_a_syntax_diagnostic() {
    let tmp = site();
    std::fs::write(tmp.path().join("content/projects/bad.yaml"), b"id: \xff\xfe\n").unwrap();
    assert_eq!(codes(tmp.path()), [Code::YamlSyntax]);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let tmp = site();
    let mut s = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        s.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], vec![format!("*{}", w[0]); 9].join(",")));
    }
    std::fs::write(tmp.path().join("content/projects/bomb.yaml"), s).unwrap();
    // serde-saphyr's budget stops the expansion (9^9 nodes) instead of building it.
    assert_eq!(codes(tmp.path()), [Code::YamlSyntax]);
}

#[test]
fn oversized_record_is_refused_before_reading() {
    let tmp = site();
    let big = "# padding\n".repeat(500_000);
    std::fs::write(tmp.path().join("content/projects/big.yaml"), big).unwrap();
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(checked.diagnostics[0].code, Code::YamlSyntax);
    assert!(checked.diagnostics[0].message.contains("过大"));
}

#[test]
fn deeply_nested_yaml_is_a_diagnostic_not_a_stack_overflow() {
    let tmp = site();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(tmp.path().join("content/projects/deep.yaml"), deep).unwrap();
    assert_eq!(codes(tmp.path()), [Code::YamlSyntax]);
}

#[test]
fn chinese_and_spaced_file_names_load() {
    let tmp = site();
    let from = tmp.path().join("content/projects/p2.yaml");
    std::fs::rename(&from, tmp.path().join("content/projects/下村 道路.yaml")).unwrap();
    assert_eq!(codes(tmp.path()), []);
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_site_is_refused() {
    let tmp = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "id: SECRET\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.yaml"), tmp.path().join("content/projects/s.yaml")).unwrap();
    let err = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap_err();
    assert!(matches!(err, gongshi::Error::LinkOutside(_)), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_not_a_hang() {
    let tmp = site();
    std::os::unix::fs::symlink("..", tmp.path().join("content/projects/loop")).unwrap();
    let err = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap_err();
    assert!(matches!(err, gongshi::Error::LinkLoop(_)), "{err}");
}

#[test]
fn theme_names_cannot_be_paths() {
    for bad in ["../../etc", "/etc", "a\\\\b", "x/y"] {
        let tmp = site();
        let p = tmp.path().join("content/site.yaml");
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{text}theme: \"{bad}\"\n")).unwrap();
        assert_eq!(codes(tmp.path()), [Code::InvalidValue], "{bad}");
    }
}

#[test]
fn ten_thousand_files_in_one_folder_are_all_read() {
    let tmp = site();
    let dir = tmp.path().join("content/projects");
    let p2 = std::fs::read_to_string(dir.join("p2.yaml")).unwrap();
    for i in 0..10_000 {
        std::fs::write(dir.join(format!("x{i:05}.yaml")), p2.replace("CS-2026-0002", &format!("X-{i:05}"))).unwrap();
    }
    // One broken file among them is found, with its name.
    std::fs::write(dir.join("x05000.yaml"), "id: [\n").unwrap();
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    assert_eq!(checked.content.projects.len(), 2 + 9_999);
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(&*checked.diagnostics[0].location.file, "content/projects/x05000.yaml");
}
