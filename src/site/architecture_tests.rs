//! The shape issue 20 gave `site` and `render`, kept by tests: rendering
//! sees only the site model, and no two files of `site` import each other
//! (a parent and its child may).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its text up to its unit tests.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().ends_with("_tests.rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
            out.push((path, code));
        }
    }
    out
}

fn src(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)
}

#[test]
fn render_reads_no_content() {
    for (path, code) in sources(&src("render")) {
        for banned in ["crate::domain", "Content", "crate::validate", "crate::load"] {
            assert!(!code.contains(banned), "{} names {banned}: render sees only the site model", path.display());
        }
    }
}

#[test]
fn no_two_files_of_site_import_each_other() {
    let site = src("site");
    // Module name → the sibling modules its code names through `super::`.
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, code) in sources(&site) {
        let rel = path.strip_prefix(&site).unwrap();
        // A file directly in `site/` or a folder module's `mod.rs`; files
        // deeper down are their folder's children.
        let name = match rel.components().count() {
            1 => rel.file_stem().unwrap().to_string_lossy().into_owned(),
            2 if rel.ends_with("mod.rs") => rel.parent().unwrap().to_string_lossy().into_owned(),
            _ => continue,
        };
        if name == "mod" {
            continue;
        }
        let mut named = BTreeSet::new();
        for part in code.split("super::").skip(1) {
            if let Some(group) = part.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or_default();
                named.extend(group.split(',').map(|s| s.trim().split("::").next().unwrap_or_default().to_owned()));
            } else {
                named.insert(
                    part.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or_default().to_owned(),
                );
            }
        }
        uses.insert(name, named);
    }
    assert!(uses.contains_key("county") && uses.contains_key("opendata"), "{:?}", uses.keys());
    for (a, named) in &uses {
        for b in named.iter().filter(|b| *b != a) {
            if uses.get(b).is_some_and(|theirs| theirs.contains(a)) {
                panic!("site/{a} and site/{b} import each other");
            }
        }
    }
}
