//! The documentation in `docs/` against what the code does: a maintainer
//! reads the codes, commands and URLs there, so a code, command or path kind
//! that the code has and the docs lack (or the other way round) fails here.

use std::collections::BTreeMap;
use std::process::Command;

use gongshi::diag::{Code, Severity};

use crate::support::repo_root;

fn read_doc(name: &str) -> String {
    let path = repo_root().join("docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The cells of each Markdown table row of `text` (a line starting with `|`),
/// trimmed, without the header separator rows.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
        .collect()
}

/// The text between the first pair of backticks of `cell`, if the cell is
/// exactly one code span.
fn code_span(cell: &str) -> Option<&str> {
    cell.strip_prefix('`')?.strip_suffix('`').filter(|c| !c.contains('`'))
}

/// `(code, severity)` of every row of the table under `## Codes` in cli.md.
fn documented_codes() -> BTreeMap<String, String> {
    let cli = read_doc("cli.md");
    let section = cli.split("\n## Codes\n").nth(1).expect("cli.md has a `## Codes` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut codes = BTreeMap::new();
    for row in table_rows(section) {
        let (Some(code), Some(severity)) = (row.first().and_then(|c| code_span(c)), row.get(1)) else { continue };
        let before = codes.insert(code.to_owned(), severity.clone());
        assert!(before.is_none(), "cli.md lists `{code}` twice");
    }
    codes
}

#[test]
fn every_diagnostic_code_is_documented_with_its_severity() {
    let documented = documented_codes();
    let actual: BTreeMap<String, String> = Code::ALL
        .iter()
        .map(|c| {
            let sev = match c.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            (c.as_str().to_owned(), sev.to_owned())
        })
        .collect();
    let missing: Vec<&String> = actual.keys().filter(|c| !documented.contains_key(*c)).collect();
    let extra: Vec<&String> = documented.keys().filter(|c| !actual.contains_key(*c)).collect();
    let wrong: Vec<String> = actual
        .iter()
        .filter_map(|(c, s)| documented.get(c).filter(|d| *d != s).map(|d| format!("{c}: docs say {d}, code says {s}")))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && wrong.is_empty(),
        "docs/cli.md and gongshi::diag::Code differ:\n  codes missing from the docs: {missing:?}\n  \
         codes the code does not have: {extra:?}\n  severities that differ: {wrong:?}"
    );
}

#[test]
fn every_code_has_its_own_section_of_precise_meaning() {
    let cli = read_doc("cli.md");
    let missing: Vec<&str> =
        Code::ALL.iter().map(|c| c.as_str()).filter(|c| !cli.contains(&format!("\n### `{c}` ("))).collect();
    assert!(missing.is_empty(), "docs/cli.md has no `### `code` (…)` section for {missing:?}");
}

#[test]
fn every_command_of_the_help_is_documented() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongshi")).arg("--help").output().expect("run gongshi --help");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).expect("UTF-8 help");
    // The lines under `命令：` up to the next blank line: `  build   检查内容…`.
    let commands: Vec<&str> = help
        .split("命令：\n")
        .nth(1)
        .expect("the help lists 命令：")
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(commands.len() >= 6, "too few commands read from the help: {commands:?}");
    let cli = read_doc("cli.md");
    let missing: Vec<&&str> = commands
        .iter()
        .filter(|c| !cli.contains(&format!("### `{c}`")) || !cli.contains(&format!("`gongshi {c}")))
        .collect();
    assert!(missing.is_empty(), "docs/cli.md lacks a `### `command`` section or usage line for {missing:?}");
}

/// One segment: literal text around at most one `<name>`, which stands for
/// one or more characters (`<n>.js` matches `0.js`).
fn segment_matches(pattern: &str, segment: &str) -> bool {
    let Some((prefix, rest)) = pattern.split_once('<') else { return pattern == segment };
    let Some((_, suffix)) = rest.split_once('>') else { return pattern == segment };
    segment.len() > prefix.len() + suffix.len() && segment.starts_with(prefix) && segment.ends_with(suffix)
}

/// A path pattern of urls.md as a matcher: `<path>` stands for any depth,
/// any other `<name>` for part of one segment.
fn matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    fn go(pat: &[&str], segs: &[&str]) -> bool {
        match (pat.first(), segs.first()) {
            (None, None) => true,
            (Some(&"<path>"), _) => (1..=segs.len()).any(|n| go(&pat[1..], &segs[n..])),
            (Some(p), Some(s)) => segment_matches(p, s) && go(&pat[1..], &segs[1..]),
            _ => false,
        }
    }
    go(&pat, &segs)
}

#[test]
fn the_url_patterns_cover_every_file_of_the_demo_build() {
    let urls = read_doc("urls.md");
    let patterns: Vec<String> = table_rows(&urls)
        .iter()
        .filter_map(|row| row.first().and_then(|c| code_span(c)).map(str::to_owned))
        .filter(|p| p.starts_with('/'))
        .collect();
    // The files of content/static/ are published at their own paths: the
    // catch-all row covers them and nothing else, so that every generated
    // page and file kind needs a row of its own.
    const STATIC: &str = "/<path>";
    assert!(patterns.iter().any(|p| p == STATIC), "docs/urls.md has no `{STATIC}` row for content/static/");
    let statics = crate::support::tree(&repo_root().join("content/static"));
    let snap = repo_root().join("tests/it/snapshots/it__build__output_file_list.snap");
    let list = std::fs::read_to_string(&snap).expect("the output file list snapshot");
    let files = list.split("\n---\n").nth(1).expect("a snapshot body");
    let mut unmatched = Vec::new();
    for file in files.lines().filter(|l| !l.trim().is_empty()) {
        if statics.contains_key(file) {
            continue;
        }
        let path = match file.strip_suffix("index.html") {
            Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
            _ => format!("/{file}"),
        };
        if !patterns.iter().any(|p| p != STATIC && matches(p, &path)) {
            unmatched.push(path);
        }
    }
    assert!(unmatched.is_empty(), "docs/urls.md has no pattern for these files of the demo build: {unmatched:?}");
}

#[test]
fn the_pattern_matcher_reads_segments_and_paths() {
    assert!(matches("/projects/<id>/", "/projects/QL-1/"));
    assert!(!matches("/projects/<id>/", "/projects/QL-1/notice/village/"));
    assert!(matches("/theme/<path>", "/theme/site.css"));
    assert!(matches("/<path>", "/images/a/b.png"));
    assert!(matches("/search/data/t/<n>.js", "/search/data/t/a.js"));
    assert!(!matches("/search/data/t/<n>.js", "/search/data/t/.js"));
    assert!(matches("/", "/"));
    assert!(!matches("/", "/x/"));
}
