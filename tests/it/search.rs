//! The search index (`search/data/`) as build output: present, listed in
//! the manifest, one record per project, notice, group and case, postings
//! that decode to the records' real text, and byte-identical across builds
//! and processes while still following the content. The queries themselves
//! run in a real browser: `tests/search/`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::support::{DEMO_TODAY, copy_dir, fixture, tree};

/// Every file under `dir/search/data/`, by path relative to `dir`.
fn index_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir).into_iter().filter(|(p, _)| p.starts_with("search/data/")).collect()
}

/// The JSON data of one index file, `gongshiSearch("<name>",<json>);`.
fn data(files: &BTreeMap<String, Vec<u8>>, name: &str) -> serde_json::Value {
    let text = std::str::from_utf8(&files[&format!("search/data/{name}.js")]).unwrap();
    let prefix = format!("gongshiSearch({},", serde_json::Value::from(name));
    let json =
        text.strip_prefix(&prefix).and_then(|t| t.strip_suffix(");\n")).unwrap_or_else(|| panic!("{name}: {text:.80}"));
    serde_json::from_str(json).unwrap()
}

fn varints(b64: &str) -> Vec<u64> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    let (mut out, mut v, mut shift) = (Vec::new(), 0u64, 0);
    for b in bytes {
        v |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b < 0x80 {
            out.push(v);
            (v, shift) = (0, 0);
        }
    }
    out
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
    let meta = data(&files, "meta");
    assert_eq!(meta["format"], 1);
    // One record per project, printable notice, group, case and plan document.
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
    let notices = pages(&|p| matches!(p, ["projects", _, "notice", _, "index.html"]));
    // One record per asset of the ledger (项目资产), linking to its row.
    let assets_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/assets.json")).unwrap()).unwrap();
    let assets = assets_json.as_array().unwrap().len();
    assert!(assets > 0, "the demo has assets");
    assert_eq!(meta["filters"]["kind"]["项目资产"], assets);
    let expected = pages(&|p| matches!(p, ["projects", _, "index.html"]))
        + notices
        + pages(&|p| matches!(p, ["groups", _, "index.html"]))
        + pages(&|p| matches!(p, ["cases", _, "index.html"]))
        + pages(&|p| matches!(p, ["counties", _, "plan", _, _, "index.html"]))
        + assets;
    assert!(expected > 50, "the demo has {expected} records");
    assert_eq!(meta["records"], expected, "{meta}");
    assert_eq!(meta["secondaryFrom"], expected - notices, "notices come last");
    assert_eq!(meta["filters"]["kind"]["公示"], notices);
    // Rows: every record's URL is a page of the site.
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    let mut rows = Vec::new();
    for n in 0..expected.div_ceil(chunk) {
        rows.extend(data(&files, &format!("r/{n}")).as_array().unwrap().clone());
    }
    assert_eq!(rows.len(), expected);
    for row in &rows {
        let url = row[0].as_str().unwrap();
        let file = url.split('#').next().unwrap();
        assert!(out.join(file).is_file(), "{url} is not a page");
    }
    // The postings of 茶叶 decode to exactly the records whose text has it.
    let shards = meta["shards"].as_u64().unwrap() as usize;
    let shard = gongshi::render::search::index::shard_of("茶叶", shards);
    let postings = data(&files, &format!("t/{shard:x}"))["茶叶"].as_str().unwrap().to_owned();
    let (mut found, mut coded, mut rec) = (Vec::new(), varints(&postings).into_iter(), -1i64);
    while let Some(delta) = coded.next() {
        rec += delta as i64;
        let n = coded.next().unwrap();
        coded.by_ref().take(n as usize).for_each(drop);
        found.push(rec as usize);
    }
    let has: Vec<usize> = (0..rows.len())
        .filter(|&i| [1, 5, 6].into_iter().any(|f| rows[i][f].as_str().is_some_and(|t| t.contains("茶叶"))))
        .collect();
    assert!(has.len() > 5, "{has:?}");
    assert_eq!(found, has);
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
    assert!(first.keys().any(|f| f.starts_with("search/data/t/")));
    assert_eq!(first, second, "two builds wrote different search indexes");
    // Not vacuous: a new word in a case changes the index.
    let case = site.path().join("content/cases/qingling-fungi-2026.md");
    let mut text = std::fs::read_to_string(&case).unwrap();
    text.push_str("\n猕猴桃示范园正在规划。\n");
    std::fs::write(&case, text).unwrap();
    build(site.path(), &c);
    assert_ne!(first, index_files(&c), "the index ignored a content change");
}
