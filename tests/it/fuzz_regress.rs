//! Replays the saved fuzz inputs of `tests/fixtures/fuzz/` (CI runs these,
//! not the fuzzer; see `fuzz/README.md`).
//!
//! A `.bin` file is a `load_record` input: its first byte picks the path the
//! rest is checked as, exactly as in `fuzz/fuzz_targets/load_record.rs`. A
//! `.md` file under `markdown/` is a `markdown_body` input: a page body run
//! through every validation rule.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use gongshi::diag::Pos;
use gongshi::domain::story::Body;
use gongshi::domain::{At, Content, Page, SourcePath};

use crate::support::{DEMO_TODAY, day, fixture};

include!("../fixtures/fuzz/paths.rs");

/// The files of `dir` ending in `ext`, sorted.
fn inputs(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn saved_load_record_inputs_give_diagnostics_without_panicking() {
    let files = inputs("fuzz", "bin");
    assert!(files.len() >= 5, "expected the saved inputs in tests/fixtures/fuzz/");
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let Some((&selector, bytes)) = data.split_first() else {
            failures.push(format!("{}: empty (the first byte is the selector)", file.display()));
            continue;
        };
        let path = PATHS[usize::from(selector) % PATHS.len()];
        match catch_unwind(AssertUnwindSafe(|| gongshi::load::check_file(path, bytes))) {
            Ok(Some(_)) => {}
            Ok(None) => failures.push(format!("{}: {path} not checked as a record", file.display())),
            Err(_) => failures.push(format!("{}: panicked (checked as {path})", file.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn saved_markdown_bodies_validate_without_panicking() {
    let files = inputs("fuzz/markdown", "md");
    assert!(!files.is_empty(), "expected the saved inputs in tests/fixtures/fuzz/markdown/");
    let mut failures = Vec::new();
    for file in &files {
        let markdown = String::from_utf8(std::fs::read(file).unwrap()).unwrap();
        let page = Page {
            path: SourcePath("content/pages/fuzz.md".into()),
            id: At::new("fuzz".to_owned(), Pos::new(2, 5)),
            title: "fuzz".to_owned(),
            order: None,
            published_on: None,
            body: Body { markdown, first_line: 4 },
        };
        let content = Content { pages: vec![page], ..Content::default() };
        if catch_unwind(AssertUnwindSafe(|| gongshi::validate::check(&content, day(DEMO_TODAY)))).is_err() {
            failures.push(format!("{}: panicked", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
