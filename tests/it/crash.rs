//! Crash safety: a build killed at any moment (SIGKILL) leaves the previous
//! output complete and unchanged, and the next build cleans up after it.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::support::{DEMO_TODAY, copy_dir, fixture, tree};

/// A site of `n` projects made from the minimal fixture's p2.
fn big_site(dir: &Path, n: usize, label: &str) {
    copy_dir(&fixture("valid/minimal"), dir);
    let p2 = std::fs::read_to_string(dir.join("content/projects/p2.yaml")).unwrap();
    for i in 0..n {
        let text = p2.replace("CS-2026-0002", &format!("BIG-{i:05}")).replace("道路硬化项目", label);
        std::fs::write(dir.join(format!("content/projects/big-{i:05}.yaml")), text).unwrap();
    }
}

fn build(root: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["--root", &root.to_string_lossy(), "build", "--quiet", "--today", DEMO_TODAY, "--output"])
        .arg(out)
        .spawn()
        .unwrap()
}

#[test]
fn sigkill_at_any_point_leaves_a_complete_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    big_site(&root, 500, "道路硬化项目（第一版）");
    let out = tmp.path().join("output");
    let started = Instant::now();
    assert!(build(&root, &out).wait().unwrap().success());
    let full = started.elapsed();
    let before = tree(&out);
    assert!(before.len() > 1000);

    // New content, so an interrupted build would differ from the old site.
    let projects = root.join("content/projects");
    for e in std::fs::read_dir(&projects).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text.replace("（第一版）", "（第二版）")).unwrap();
    }
    let mut seen = Vec::new();
    for fraction in [0.1, 0.4, 0.7, 0.9, 1.1] {
        let mut child = build(&root, &out);
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL on Unix
        child.wait().unwrap();
        seen.push(tree(&out));
    }
    // What a complete new build writes, for comparison.
    let fresh = tmp.path().join("fresh");
    assert!(build(&root, &fresh).wait().unwrap().success());
    let after = tree(&fresh);
    assert_ne!(before, after);
    for (i, t) in seen.iter().enumerate() {
        assert!(*t == before || *t == after, "kill point {i}: output is neither the old nor the new site");
    }
    // The next build finishes and leaves no staging folder behind.
    assert!(build(&root, &out).wait().unwrap().success());
    assert_eq!(tree(&out), after);
    let mut names: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    // The spare is the site the last build replaced, kept for the next one.
    // The render keys of the pages, the reusable groups of pages, the
    // parse cache and the trees' stamps (beside each output) are the next build's.
    assert_eq!(
        names,
        [
            ".gongshi-groups-fresh",
            ".gongshi-groups-output",
            ".gongshi-memos-fresh",
            ".gongshi-memos-output",
            ".gongshi-parsed-fresh",
            ".gongshi-parsed-output",
            ".gongshi-render-fresh",
            ".gongshi-render-output",
            ".gongshi-spare-output",
            ".gongshi-stamps-fresh",
            ".gongshi-stamps-output",
            "fresh",
            "output",
            "site"
        ]
    );
}
