//! Hostile content never reaches the output as active content, and nothing
//! private reaches it at all.
//!
//! Every text field of a small site gets an XSS payload appended (script
//! tags, attribute-breaking quotes, event handlers, `javascript:` URLs, SVG
//! with script, iframes, styles); the built HTML and XML must carry them only
//! as inert text.

use std::path::Path;

use gongshi::pipeline::{BuildOptions, build};

use crate::support::{DEMO_TODAY, copy_dir, day, fixture, repo_root};

const PAYLOADS: &[&str] = &[
    r#"<script>alert("xss1")</script>"#,
    r#""><img src=x onerror=alert(2)>"#,
    r#"' onmouseover='alert(3)"#,
    r#"<svg onload=alert(4)><script>alert(4)</script></svg>"#,
    r#"javascript:alert(5)"#,
    r#"<iframe src="javascript:alert(6)"></iframe>"#,
    r#"</title><script>alert(7)</script>"#,
    r#"<style>body{display:none}</style>"#,
];

/// Raw forms that would be active if they appeared unescaped.
const ACTIVE: &[&str] = &[
    "<script>alert",
    "<img src=x onerror",
    "onmouseover='alert",
    "<svg onload",
    "<iframe",
    "<style>body{display:none}",
    "href=\"javascript:",
    "src=\"javascript:",
    "href=\"data:",
];

/// Keys whose values are free text (not ids, dates, numbers, enums or references).
const TEXT_KEYS: &[&str] = &[
    "title",
    "name",
    "content",
    "implementer",
    "responsible_unit",
    "responsible_person",
    "linkage_mechanism",
    "issuer",
    "summary",
    "response",
    "by",
    "doc_no",
    "ref",
    "industry",
    "institution",
    "field",
    "topics",
    "place",
    "activity",
    "indicator",
    "unit",
    "alt",
    "credit",
    "sponsor",
    "icp_filing",
    "label",
    "authority",
    "leading_group",
    "province",
    "prefecture",
    "post",
    "org",
    "need",
    "board",
    "topic",
    "result",
    "batch",
    "site_code",
];

/// Keys that are free text in case front matter but closed vocabularies elsewhere.
const CASE_TEXT_KEYS: &[&str] = &["source", "mode"];

fn build_into(root: &Path, out: &Path) {
    let options = BuildOptions::new(day(DEMO_TODAY), out);
    let report = build(root, &options).unwrap();
    assert!(
        report.written.is_some(),
        "hostile site did not build:\n{}",
        gongshi::diag::render_human(&report.diagnostics)
    );
}

/// Appends a payload to every `key: value` of a text key, in block or flow style.
fn poison(text: &str, is_case: bool, counter: &mut usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut l = line.to_owned();
        let extra: &[&str] = if is_case { CASE_TEXT_KEYS } else { &[] };
        for key in TEXT_KEYS.iter().chain(extra) {
            let needle = format!("{key}: ");
            let mut from = 0;
            while let Some(i) = l[from..].find(&needle).map(|i| i + from) {
                let before = l[..i].chars().last();
                if !matches!(before, None | Some(' ' | '{' | '-')) {
                    from = i + needle.len();
                    continue;
                }
                let start = i + needle.len();
                let rest = &l[start..];
                let flow = l.trim_start().trim_start_matches("- ").starts_with('{') || l.contains(": {");
                let end = if flow { rest.find([',', '}']).map_or(l.len(), |e| start + e) } else { l.len() };
                let value = l[start..end].trim();
                if value.is_empty() || value.starts_with(['[', '{', '\'', '"']) {
                    from = end;
                    continue;
                }
                let payload = PAYLOADS[*counter % PAYLOADS.len()];
                *counter += 1;
                let quoted = format!("'{}{}'", value, payload.replace('\'', "''"));
                l = format!("{}{}{}", &l[..start], quoted, &l[end..]);
                from = start + quoted.len();
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[test]
fn xss_payloads_in_every_text_field_stay_inert() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let mut counter = 0;
    for entry in walkdir::WalkDir::new(tmp.path().join("content")) {
        let entry = entry.unwrap();
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "yaml" || e == "md") {
            let text = std::fs::read_to_string(p).unwrap();
            std::fs::write(p, poison(&text, p.extension().is_some_and(|e| e == "md"), &mut counter)).unwrap();
        }
    }
    // The Markdown body gets link and raw-HTML attacks too.
    let case = tmp.path().join("content/cases/ceshi-tea-2026.md");
    let mut body = std::fs::read_to_string(&case).unwrap();
    body.push_str("\n[点我](javascript:alert(9)) <a href=\"data:text/html,<script>alert(10)</script>\">x</a>\n\n<script>alert(11)</script>\n");
    std::fs::write(&case, body).unwrap();
    assert!(counter > 60, "only {counter} fields poisoned: the test would prove little");

    let out = tmp.path().join("out");
    build_into(tmp.path(), &out);
    let mut seen_payload_text = false;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let p = entry.path();
        if !p.extension().is_some_and(|e| e == "html" || e == "xml") {
            continue;
        }
        let text = std::fs::read_to_string(p).unwrap();
        for bad in ACTIVE {
            assert!(!text.contains(bad), "{} contains active `{bad}`", p.display());
        }
        seen_payload_text |= text.contains("alert(");
    }
    // The payloads were published as text (escaped), not silently dropped.
    assert!(seen_payload_text);
}

#[test]
fn javascript_footer_link_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replace("  icp_filing:", "  jiucuo_url: javascript:alert(1)\n  icp_filing:")).unwrap();
    let checked = gongshi::pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(checked.diagnostics[0].code, gongshi::diag::Code::InvalidValue);
    assert_eq!(checked.diagnostics[0].location.pos.map(|p| p.line), Some(8));
}

#[test]
fn nothing_private_reaches_the_demo_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(&repo_root(), &out);
    // Every contact_private value of the demo content.
    let mut private = Vec::new();
    for entry in walkdir::WalkDir::new(repo_root().join("content/groups")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            for line in std::fs::read_to_string(entry.path()).unwrap().lines() {
                if let Some((_, v)) = line.split_once("contact_private: ") {
                    private.push(v.trim_matches(|c| c == '"' || c == '}' || c == ' ').to_owned());
                }
            }
        }
    }
    assert!(!private.is_empty(), "the demo should exercise contact_private");
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        // Hashes are hex digits, not published text.
        if entry.file_name() == "manifest.sha256" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        assert!(!text.contains("contact_private"), "{}", entry.path().display());
        for v in &private {
            assert!(!text.contains(v.as_str()), "{} leaks {v}", entry.path().display());
        }
        if let Some(found) = gongshi::privacy::find(&text) {
            panic!("{} holds a {}: {}", entry.path().display(), found.kind.label(), found.masked());
        }
    }
}
