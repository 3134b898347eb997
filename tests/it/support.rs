//! Shared helpers: fixture paths and the demo date.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// The date the README's examples use for the demo content.
pub const DEMO_TODAY: &str = "2026-11-20";

/// The repository root (the demo site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(rel)
}

/// Parses `YYYY-MM-DD`.
pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").expect("date")
}

/// The `today.txt` of a fixture, or the demo date.
pub fn fixture_today(dir: &Path) -> NaiveDate {
    std::fs::read_to_string(dir.join("today.txt")).map_or_else(|_| day(DEMO_TODAY), |s| day(&s))
}

/// Copies a fixture tree into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file below `dir`, by `/`-separated path relative to it.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}
