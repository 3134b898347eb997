//! The search index (`pagefind/`) as build output: present, listed in the
//! manifest, one record per project, notice, group and case, free of
//! Pagefind's unused UI bundles, and byte-identical across builds and
//! processes while still following the content. The queries themselves run
//! in a real browser: `tests/search/`.
#![cfg(feature = "search")]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::support::{DEMO_TODAY, copy_dir, fixture, tree};

/// Every file under `dir/pagefind/`, by path relative to `dir`.
fn index_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir).into_iter().filter(|(p, _)| p.starts_with("pagefind/")).collect()
}

/// Builds the site at `root` into `out` with the gongshi binary (a process
/// of its own, so hash-map seeds and thread timing differ between builds).
fn build(root: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["build", "--today", DEMO_TODAY, "--output"])
        .arg(out)
        .current_dir(root)
        .output()
        .expect("run gongshi");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/demo"), dir.path());
    dir
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn index_is_written_listed_and_complete() {
    let site = demo();
    let out = site.path().join("out");
    build(site.path(), &out);
    let files = index_files(&out);
    for f in ["pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json"] {
        assert!(files.contains_key(f), "{f} missing");
    }
    // The theme ships its own UI: Pagefind's bundles stay out.
    for f in files.keys() {
        assert!(!f.contains("-ui.") && !f.contains("highlight"), "unused {f} shipped");
    }
    // One record per project, printable notice, group and case.
    let pages = |pattern: &dyn Fn(&[&str]) -> bool| {
        walkdir::WalkDir::new(&out)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_name() == "index.html")
            .filter(|e| {
                let rel = e.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
                pattern(&rel.split('/').collect::<Vec<_>>())
            })
            .count()
    };
    let expected = pages(&|p| matches!(p, ["projects", _, "index.html"]))
        + pages(&|p| matches!(p, ["projects", _, "notice", _, "index.html"]))
        + pages(&|p| matches!(p, ["groups", _, "index.html"]))
        + pages(&|p| matches!(p, ["cases", _, "index.html"]));
    let entry: serde_json::Value = serde_json::from_slice(&files["pagefind/pagefind-entry.json"]).unwrap();
    assert_eq!(entry["version"], "1.6.0");
    assert_eq!(entry["languages"]["zh-cn"]["page_count"], expected, "{entry}");
    assert!(expected > 50, "the demo has {expected} records");
    // Every index file is in manifest.sha256 with its digest.
    let manifest = std::fs::read_to_string(out.join("manifest.sha256")).unwrap();
    let listed: BTreeMap<&str, &str> =
        manifest.lines().map(|l| l.split_once("  ").map(|(h, p)| (p, h)).unwrap()).collect();
    for (path, bytes) in &files {
        assert_eq!(listed.get(path.as_str()).copied(), Some(sha256_hex(bytes).as_str()), "{path}");
    }
}

#[test]
fn index_is_byte_identical_across_processes_and_follows_content() {
    let site = demo();
    let (a, b, c) = (site.path().join("a"), site.path().join("b"), site.path().join("c"));
    build(site.path(), &a);
    build(site.path(), &b);
    let (first, second) = (index_files(&a), index_files(&b));
    assert!(first.keys().any(|f| f.ends_with(".pf_fragment")));
    assert_eq!(first, second, "two builds wrote different search indexes");
    // Not vacuous: a new word in a case changes the index.
    let case = site.path().join("content/cases/qingling-fungi-2026.md");
    let mut text = std::fs::read_to_string(&case).unwrap();
    text.push_str("\n猕猴桃示范园正在规划。\n");
    std::fs::write(&case, text).unwrap();
    build(site.path(), &c);
    assert_ne!(first, index_files(&c), "the index ignored a content change");
}
