//! The dependency rules of ARCHITECTURE.md, checked on the source: which
//! top-level module may use which, what rendering may not see, no import cycle
//! between files, and no source file over 500 lines apart from tests.
//!
//! The source is read with a small lexer (comments, strings and `#[cfg(test)]`
//! items removed) rather than a Rust parser: the rules concern `crate::…`,
//! `super::…` and `gongshi::…` paths only, which a lexer finds reliably.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each top-level module of the library may use (besides itself). The
/// pipeline reads down this table: load → validate / site → render → output,
/// with `pipeline` the one orchestrator and the commands on top.
const ALLOWED: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("escape", &[]),
    ("hex", &[]),
    ("privacy", &[]),
    ("suggest", &[]),
    ("diag", &["error"]),
    ("domain", &["diag", "error"]),
    ("format", &["domain"]),
    ("load", &["format", "domain", "diag", "error", "privacy", "suggest"]),
    ("agenda", &["domain"]),
    ("validate", &["domain", "diag", "suggest"]),
    ("schema", &["format", "domain", "load", "error"]),
    ("scaffold", &["domain", "load", "error"]),
    ("site", &["domain", "escape", "hex"]),
    ("render", &["site", "escape", "error"]),
    ("output", &["render", "error", "hex"]),
    ("pipeline", &["load", "validate", "site", "render", "output", "agenda", "domain", "diag", "error"]),
    ("serve", &["pipeline", "diag", "error", "escape"]),
    ("import", &["domain", "load", "scaffold", "diag", "error", "suggest"]),
    ("testing", &["domain", "diag", "load"]),
];

/// Record types and the content: what rendering must not read. It renders the
/// site model only; the domain's value types (money, dates, keywords) are fine.
const RECORDS: &[&str] =
    &["Content", "Project", "Group", "Case", "County", "Story", "Site", "FreePage", "Township", "Village", "Member"];

/// The largest source file allowed (whole file, tests included unless the
/// file is itself a test file).
const MAX_LINES: usize = 500;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, as a path relative to it.
fn sources() -> Vec<String> {
    let root = src();
    let mut files: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

/// Test-only files: their whole content is tests.
fn is_test_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "testing.rs" || rel.starts_with("testing/")
}

/// The module path of a file: `site/county.rs` → `site::county`, `site/mod.rs` → `site`.
fn module_of(rel: &str) -> String {
    let stem = rel.trim_end_matches(".rs");
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" || stem == "main" { String::new() } else { stem.replace('/', "::") }
}

/// Source text without comments, string and char literals (emptied) and
/// `#[cfg(test)]` items.
fn code_of(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            'r' if (c.get(i + 1) == Some(&'"') || c.get(i + 1) == Some(&'#'))
                && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if c.get(j) != Some(&'"') {
                    out.push(c[i]);
                    i += 1;
                    continue;
                }
                j += 1;
                loop {
                    if j >= c.len() {
                        break;
                    }
                    if c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
            }
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    if c[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            // A char literal ('x', '\n', '"'); a lifetime ('a) is kept.
            '\'' if c.get(i + 2) == Some(&'\'') || c.get(i + 1) == Some(&'\\') => {
                i += 1;
                while i < c.len() && c[i] != '\'' {
                    if c[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    strip_test_items(&out)
}

/// Removes every `#[cfg(test)]` item: a `mod x;` line or a braced block.
fn strip_test_items(code: &str) -> String {
    let mut out = code.to_owned();
    while let Some(at) = out.find("#[cfg(test)]") {
        let rest = &out[at..];
        let end = match (rest.find(';'), rest.find('{')) {
            (Some(semi), Some(brace)) if semi < brace => at + semi + 1,
            (_, Some(brace)) => {
                let mut depth = 0;
                let mut end = out.len();
                for (k, ch) in rest[brace..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = at + brace + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (Some(semi), None) => at + semi + 1,
            (None, None) => out.len(),
        };
        out.replace_range(at..end, "");
    }
    out
}

/// Every path written after `crate::`, `super::` (resolved) or `gongshi::`,
/// as module-path segments; brace groups are expanded one level deep.
fn paths_in(code: &str, module: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (start, prefix) in [("crate::", ""), ("gongshi::", ""), ("super::", "super")] {
        let mut from = 0;
        while let Some(k) = code[from..].find(start) {
            let at = from + k;
            from = at + start.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|b| b.is_alphanumeric() || b == '_' || b == ':') {
                continue;
            }
            let base: Vec<String> = if prefix == "super" {
                let mut parts: Vec<String> = module.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
                parts.pop();
                // `super::super::x`
                let mut rest = &code[from..];
                while let Some(r) = rest.strip_prefix("super::") {
                    parts.pop();
                    rest = r;
                    from += "super::".len();
                }
                parts
            } else {
                Vec::new()
            };
            for tail in tails(&code[from..]) {
                let mut p = base.clone();
                p.extend(tail);
                found.push(p);
            }
        }
    }
    found
}

/// The segments after a prefix: `a::b::C` → `[a, b, C]`; `{a::x, b}` → `[a, x]`, `[b]`.
fn tails(rest: &str) -> Vec<Vec<String>> {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut items = Vec::new();
        let mut cur = String::new();
        for ch in group.chars() {
            match ch {
                '{' => {
                    depth += 1;
                    cur.push(ch);
                }
                '}' if depth == 0 => break,
                '}' => {
                    depth -= 1;
                    cur.push(ch);
                }
                ',' if depth == 0 => items.push(std::mem::take(&mut cur)),
                _ => cur.push(ch),
            }
        }
        items.push(cur);
        return items.iter().flat_map(|i| tails(i.trim())).filter(|t| !t.is_empty()).collect();
    }
    let mut segs = Vec::new();
    let mut rest = rest;
    loop {
        let n = rest.find(|ch: char| !(ch.is_alphanumeric() || ch == '_')).unwrap_or(rest.len());
        if n == 0 {
            break;
        }
        segs.push(rest[..n].to_owned());
        match rest[n..].strip_prefix("::") {
            Some(r) if r.starts_with('{') => {
                let more = tails(r);
                return more
                    .into_iter()
                    .map(|m| {
                        let mut s = segs.clone();
                        s.extend(m);
                        s
                    })
                    .collect();
            }
            Some(r) => rest = r,
            None => break,
        }
    }
    vec![segs]
}

struct Crate {
    /// Module path → file.
    files: BTreeMap<String, String>,
    /// File → the paths it names (test code removed).
    uses: BTreeMap<String, Vec<Vec<String>>>,
}

fn read_crate() -> Crate {
    let mut files = BTreeMap::new();
    let mut uses = BTreeMap::new();
    for rel in sources() {
        if is_test_file(&rel) {
            continue;
        }
        let module = module_of(&rel);
        let text = std::fs::read_to_string(src().join(&rel)).unwrap();
        uses.insert(rel.clone(), paths_in(&code_of(&text), &module));
        if rel != "main.rs" {
            files.insert(module, rel);
        }
    }
    Crate { files, uses }
}

impl Crate {
    /// The file of the longest module prefix of `path`.
    fn resolve(&self, path: &[String]) -> Option<&String> {
        (1..=path.len()).rev().find_map(|n| self.files.get(&path[..n].join("::")))
    }
}

/// The top-level module of a file (`site/county.rs` → `site`); `None` for the crate roots.
fn top_of(rel: &str) -> Option<&str> {
    let first = rel.split('/').next()?.trim_end_matches(".rs");
    (!matches!(first, "lib" | "main" | "cmd" | "cli")).then_some(first)
}

#[test]
fn each_module_uses_only_what_architecture_md_allows() {
    let krate = read_crate();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = BTreeSet::new();
    for (rel, paths) in &krate.uses {
        let Some(top) = top_of(rel) else { continue };
        let Some(may) = allowed.get(top) else {
            wrong.insert(format!(
                "{rel}: module `{top}` is not in ARCHITECTURE.md's table (tests/it/architecture.rs ALLOWED)"
            ));
            continue;
        };
        for p in paths {
            let Some(target) = p.first() else { continue };
            // `crate::Error` is `error::Error`, re-exported at the root.
            let target = if target == "Error" { "error" } else { target.as_str() };
            if target != top && !may.contains(&target) && krate.files.contains_key(target) {
                wrong.insert(format!("{rel}: `{top}` uses `{}`", p.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies against ARCHITECTURE.md:\n{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn rendering_sees_the_site_model_not_the_records() {
    let krate = read_crate();
    let mut wrong = BTreeSet::new();
    for (rel, paths) in &krate.uses {
        if top_of(rel) != Some("render") {
            continue;
        }
        for p in paths {
            if p.first().is_some_and(|t| t == "domain" || t == "load" || t == "validate")
                && p.iter().any(|s| RECORDS.contains(&s.as_str()) || s == "load" || s == "validate")
            {
                wrong.insert(format!("{rel}: `{}`", p.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "render reads records:\n{}", wrong.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn no_import_cycle_between_files() {
    let krate = read_crate();
    // Edges between files, leaving out a parent module and its own
    // descendants: `mod.rs` declares its children and they use what it
    // re-exports, which is how Rust modules are built, not a cycle.
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let module_of_file: BTreeMap<&str, &str> = krate.files.iter().map(|(m, f)| (f.as_str(), m.as_str())).collect();
    for (rel, paths) in &krate.uses {
        let Some(from_mod) = module_of_file.get(rel.as_str()) else { continue };
        for p in paths {
            let Some(to) = krate.resolve(p) else { continue };
            let to_mod = module_of_file[to.as_str()];
            let related = |a: &str, b: &str| a.is_empty() || b.starts_with(&format!("{a}::"));
            if to != rel && !related(from_mod, to_mod) && !related(to_mod, from_mod) {
                edges.entry(rel.as_str()).or_default().insert(to.as_str());
            }
        }
    }
    let mut cycles = Vec::new();
    for (&a, outs) in &edges {
        for &b in outs {
            if a < b && reaches(&edges, b, a) {
                cycles.push(format!("{a} ↔ {b}"));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

fn reaches(edges: &BTreeMap<&str, BTreeSet<&str>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            stack.extend(edges.get(n).into_iter().flatten().copied());
        }
    }
    false
}

#[test]
fn no_source_file_is_over_500_lines_apart_from_tests() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|rel| !is_test_file(rel))
        .filter_map(|rel| {
            let n = std::fs::read_to_string(src().join(&rel)).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{rel}: {n} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (move tests to a sibling tests file, or split by responsibility):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_lexer_finds_paths_and_ignores_comments_strings_and_tests() {
    let code = code_of(
        "use crate::{site::{Page, url}, domain::Money};\n// crate::validate::x\nlet s = \"crate::load\";\n\
         let t = r#\"crate::load\"#;\nfn f() { super::county::y(); }\n#[cfg(test)]\nmod tests { use crate::validate::testing; }\n",
    );
    let paths = paths_in(&code, "site::listing");
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(shown, ["site::Page", "site::url", "domain::Money", "site::county::y"]);
}

/// The backticked names of a Markdown table cell.
fn names(cell: &str) -> BTreeSet<String> {
    cell.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn architecture_md_states_the_rules_this_test_checks() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let allowed: BTreeMap<&str, BTreeSet<String>> =
        ALLOWED.iter().map(|(m, may)| (*m, may.iter().map(|s| (*s).to_owned()).collect())).collect();
    let mut documented = BTreeSet::new();
    for row in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').collect();
        let (modules, may) = (names(cells[0]), cells[cells.len() - 1]);
        for m in &modules {
            documented.insert(m.clone());
            let Some(want) = allowed.get(m.as_str()) else { panic!("ARCHITECTURE.md lists `{m}`, the test does not") };
            // `pipeline` is the orchestrator: "all of the above".
            if m != "pipeline" {
                assert_eq!(&names(may), want, "ARCHITECTURE.md's row of `{m}` differs from ALLOWED");
            }
        }
    }
    let missing: Vec<_> = allowed.keys().filter(|m| !documented.contains(**m)).collect();
    assert!(missing.is_empty(), "modules in ALLOWED but not in ARCHITECTURE.md: {missing:?}");
}
