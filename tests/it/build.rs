//! `gongshi build` through the library API: output paths, key pages,
//! QR round trip, sanitizing, determinism, atomicity, feeds and sitemap.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gongshi::pipeline::{BuildOptions, BuildReport, build};
use sha2::Digest;

use crate::support::{copy_dir, tree};

const TODAY: &str = "2026-11-20";

/// A fixture site copied into a temp dir.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn demo() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo"), dir.path());
        Site { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn out(&self) -> PathBuf {
        self.root().join("output")
    }

    fn build_into(&self, out: &Path) -> Result<BuildReport, gongshi::Error> {
        let options = BuildOptions::new(NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap(), out);
        build(self.root(), &options)
    }

    fn build(&self) -> BuildReport {
        let report = self.build_into(&self.out()).unwrap();
        assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
        report
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap()
    }
}

#[test]
fn output_file_list() {
    let site = Site::demo();
    let report = site.build();
    let files: Vec<String> = tree(&site.out()).into_keys().collect();
    insta::assert_snapshot!(files.join("\n"));
    let w = report.written.unwrap();
    assert_eq!(w.files, files.len() - 1, "every file but the marker is counted");
}

#[test]
fn key_pages() {
    let site = Site::demo();
    site.build();
    insta::assert_snapshot!("project_page", site.read("projects/QL-2026-0001/index.html"));
    insta::assert_snapshot!("printable_notice", site.read("projects/QL-2026-0001/notice/township/index.html"));
    insta::assert_snapshot!("county_portal", site.read("counties/qingling/index.html"));
}

#[test]
fn every_page_has_the_basics() {
    let site = Site::demo();
    site.build();
    let mut titles = std::collections::BTreeSet::new();
    for (path, bytes) in tree(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("<html lang=\"zh-CN\">"), "{path}");
        assert!(html.contains("<link rel=\"canonical\" href=\"https://"), "{path}");
        assert!(html.contains("<meta name=\"description\""), "{path}");
        assert!(html.contains("12317") || path != "notices/index.html");
        let title = html.split("<title>").nth(1).unwrap().split("</title>").next().unwrap().to_owned();
        assert!(titles.insert(title.clone()), "duplicate title {title} on {path}");
        // Internal links are relative; only canonical, feeds and the QR are absolute.
        for attr in ["href=\"/", "src=\"/"] {
            assert!(!html.contains(attr) || path == "404.html", "root-absolute link in {path}");
        }
    }
}

#[test]
fn notice_qr_code_decodes_to_the_project_url() {
    let site = Site::demo();
    site.build();
    let html = site.read("projects/QL-2026-0001/notice/township/index.html");
    let svg = html.split("<svg class=\"qr\"").nth(1).unwrap().split("</svg>").next().unwrap();
    let size: usize = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let path = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut dark = vec![false; size * size];
    // A stroked path of horizontal runs through row middles: `M{x} {y}.5h{w}`
    // starts a row, `m{dx} 0h{w}` moves on from the last run's end.
    let (mut x, mut y) = (0usize, 0usize);
    let mut chars = path.chars().peekable();
    let number = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        let mut n = String::new();
        while let Some(c) = chars.next_if(|c| c.is_ascii_digit() || *c == '.') {
            n.push(c);
        }
        while chars.next_if(|c| *c == ' ').is_some() {}
        n.parse::<f64>().unwrap()
    };
    while let Some(cmd) = chars.next() {
        match cmd {
            'M' => {
                x = number(&mut chars) as usize;
                y = number(&mut chars).floor() as usize;
            }
            'm' => {
                x += number(&mut chars) as usize;
                assert_eq!(number(&mut chars), 0.0, "a relative move stays in its row");
            }
            'h' => {
                let w = number(&mut chars) as usize;
                for xx in x..x + w {
                    dark[y * size + xx] = true;
                }
                x += w;
            }
            other => panic!("unexpected path command {other:?} in {path}"),
        }
    }
    let scale = 4;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
        if dark[(y / scale) * size + x / scale] { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, text) = grids[0].decode().unwrap();
    assert_eq!(text, "https://www.qingling.gov.cn/xczx/projects/QL-2026-0001/");
}

#[test]
fn hostile_markdown_is_sanitized() {
    let site = Site::demo();
    let case = site.root().join("content/cases/qingling-fungi-2026.md");
    let mut text = std::fs::read_to_string(&case).unwrap();
    text.push_str(concat!(
        "\n<script>alert(1)</script>\n\n",
        "<img src=\"images/logo.png\" alt=\"x\" onerror=\"alert(2)\">\n\n",
        "[点我](javascript:alert(3))\n\n",
        "<a href=\"javascript:alert(4)\">链接</a>\n\n",
        "<iframe src=\"https://evil.example/\"></iframe>\n\n",
        "<style>body{display:none}</style>\n\n",
        "<p style=\"color:red\" onclick=\"alert(5)\">红字</p>\n",
    ));
    std::fs::write(&case, text).unwrap();
    site.build();
    let html = site.read("cases/qingling-fungi-2026/index.html");
    let body = html.split("<div class=\"story-body\">").nth(1).unwrap();
    for bad in ["<script", "onerror", "javascript:", "<iframe", "<style", "style=", "onclick", "alert("] {
        assert!(!body.contains(bad), "{bad} survived");
    }
    assert!(body.contains("红字"));
    // Chinese lines wrapped in the source do not gain a space.
    assert!(body.contains("但过去菌棒依赖外购、鲜菇没有冷链"), "soft break kept");
}

#[test]
fn builds_are_byte_identical() {
    let site = Site::demo();
    let a = site.root().join("out-a");
    let b = site.root().join("out-b");
    site.build_into(&a).unwrap().written.unwrap();
    site.build_into(&b).unwrap().written.unwrap();
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn failed_build_leaves_previous_output_alone() {
    let site = Site::demo();
    site.build();
    let before = tree(&site.out());
    std::fs::write(site.root().join("content/projects/2026/broken.yaml"), "id: [unclosed\n").unwrap();
    let report = site.build_into(&site.out()).unwrap();
    assert!(report.written.is_none());
    assert!(!report.diagnostics.is_empty());
    assert_eq!(tree(&site.out()), before);
}

#[test]
fn foreign_output_folder_is_refused() {
    let site = Site::demo();
    let foreign = site.root().join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.docx"), "precious").unwrap();
    let err = site.build_into(&foreign).unwrap_err();
    assert!(matches!(err, gongshi::Error::ForeignOutput(_)), "{err}");
    assert_eq!(std::fs::read_to_string(foreign.join("thesis.docx")).unwrap(), "precious");
    // An empty folder is fine, and a second build replaces our own output.
    let empty = site.root().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    site.build_into(&empty).unwrap().written.unwrap();
    site.build_into(&empty).unwrap().written.unwrap();
    assert!(empty.join(gongshi::output::MARKER).is_file());
}

#[test]
fn feeds_and_sitemap_are_xml() {
    let site = Site::demo();
    site.build();
    for f in ["feeds/notices.xml", "feeds/projects.xml", "feeds/cases.xml", "sitemap.xml"] {
        let text = site.read(f);
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut elements = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(_)) => elements += 1,
                Ok(_) => {}
                Err(e) => panic!("{f}: {e}"),
            }
        }
        assert!(elements > 3, "{f}");
        assert!(!text.contains("href=\"projects/"), "{f} has a relative link");
    }
    assert!(site.read("feeds/notices.xml").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
}

/// The sitemap is made from paths, not from the pages (project pages are
/// built only while rendering), so it must be checked against what was
/// written: every page once, in path order, the 404 page aside.
#[test]
fn the_sitemap_lists_every_written_page_once() {
    let site = Site::demo();
    site.build();
    let base = "https://www.qingling.gov.cn/xczx/";
    let mut written: Vec<String> = tree(&site.out())
        .into_keys()
        .filter_map(|f| f.strip_suffix("index.html").map(|dir| format!("{base}{dir}")))
        .collect();
    written.sort();
    let sitemap = site.read("sitemap.xml");
    let listed: Vec<String> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>")?.strip_suffix("</loc></url>").map(str::to_owned))
        .collect();
    assert!(written.iter().any(|p| p.contains("/notice/")), "the demo has printable notices");
    assert_eq!(listed, written);
}

#[test]
fn open_data_and_manifest() {
    let site = Site::demo();
    site.build();
    let csv = std::fs::read(site.out().join("data/projects.csv")).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "CSV needs a BOM for Excel");
    let json: serde_json::Value = serde_json::from_str(&site.read("data/projects.json")).unwrap();
    assert!(json.as_array().unwrap().iter().all(|p| p["status"].is_string()));
    assert!(!site.read("data/groups.json").contains("contact_private"));
    assert!(!site.read("data/groups.json").contains("139xxxxxxxx"));
    let manifest = site.read("manifest.sha256");
    let listed: Vec<&str> = manifest.lines().map(|l| l.split_once("  ").unwrap().1).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted);
    let all: Vec<String> = tree(&site.out()).into_keys().collect();
    assert_eq!(listed.len(), all.len() - 2, "all but the manifest and the marker");
    // Each line is `sha256sum` output: the file's digest in lower-case hex.
    for line in manifest.lines().take(50) {
        let (digest, path) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(site.out().join(path)).unwrap();
        let expected: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(digest, expected, "{path}");
    }
}

/// Every internal `href` and `src` of every HTML page points at a file of the
/// output, and every `#fragment` at an `id` in its target page.
#[test]
fn every_internal_link_and_image_resolves() {
    let site = Site::demo();
    site.build();
    let out = site.out();
    let files = tree(&out);
    let mut broken = Vec::new();
    let mut checked = 0;
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for target in attr_values(&html, &["href", "src"]) {
            let external = ["http://", "https://", "mailto:", "tel:"];
            if external.iter().any(|s| target.starts_with(s)) {
                continue;
            }
            let (path, fragment) = target.split_once('#').map_or((target.as_str(), None), |(p, f)| (p, Some(f)));
            checked += 1;
            let resolved = if path.is_empty() { rel.clone() } else { resolve(rel, path) };
            let Some(page) = files.get(&resolved) else {
                broken.push(format!("{rel}: {target} → {resolved} (missing)"));
                continue;
            };
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let ids = attr_values(&String::from_utf8_lossy(page), &["id"]);
                if !ids.iter().any(|i| i == f) {
                    broken.push(format!("{rel}: {target} (no id {f})"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // The demo has hundreds of links; a parser that found none would pass vacuously.
    assert!(checked > 1000, "only {checked} links found");
}

/// The values of the named attributes (double-quoted, as the theme writes them).
fn attr_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    found
}

/// Resolves a relative link from the page at `from` (a path in the output).
fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The sentences that depend on the date are true on the build date, at the
/// boundaries of a notice: the day before it starts, its last day (the end
/// day lasts until 24:00) and the day after. QL-2026-0007's village notice
/// runs from 2026-11-16 to 2026-11-26 and has no objections.
#[test]
fn project_page_sentences_are_true_on_the_build_date() {
    let site = Site::demo();
    let page_on = |today: &str| {
        let out = site.root().join(format!("out-{today}"));
        let options = BuildOptions::new(NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap(), &out);
        let report = build(site.root(), &options).unwrap();
        assert!(report.written.is_some(), "{today}: {:#?}", report.diagnostics);
        std::fs::read_to_string(out.join("projects/QL-2026-0007/index.html")).unwrap()
    };
    let before = page_on("2026-11-15");
    // The dates inside the sentences are marked up, to stay on one line.
    assert!(
        before.contains(">拟申报，村级公示将于<time datetime=\"2026-11-16\">2026年11月16日</time>开始</h2>"),
        "{before}"
    );
    assert!(before.contains("公示尚未开始。"));
    assert!(!before.contains("未收到异议"));

    let first = page_on("2026-11-16");
    assert!(first.contains(">村级公示中，还剩 11 天</h2>"));
    assert!(first.contains("公示进行中，截至<time datetime=\"2026-11-16\">2026年11月16日</time>未收到异议。"));

    let last = page_on("2026-11-26");
    assert!(last.contains(">村级公示中，今天是最后一天</h2>"));
    assert!(last.contains("公示进行中，截至<time datetime=\"2026-11-26\">2026年11月26日</time>未收到异议。"));
    assert!(!last.contains("公示期间未收到异议"), "a running notice must not claim the whole period");
    assert!(last.contains("对公示内容有异议，请拨打："));

    let after = page_on("2026-11-27");
    assert!(after.contains(">村级公示已结束，乡镇审核中</h2>"), "{after}");
    assert!(after.contains("公示期间未收到异议。"));
    assert!(!after.contains("公示进行中"));
    assert!(after.contains("监督举报电话："));
}
