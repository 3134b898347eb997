//! Rendering: the site model through tera templates into files in memory.
//!
//! Templates are parsed once; pages render in parallel with rayon and the
//! results are sorted by path, so the output is byte-identical run to run.
//! Each page gets a typed context (`Context::from_serialize`) holding
//! references to the shared header/footer data and its own page data only.

pub mod feeds;
pub mod markdown;
pub mod opendata;
pub mod qr;
#[cfg(feature = "search")]
pub mod search;
pub mod theme;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::Error;
use crate::domain::Content;
use crate::site::{Page, PageData, SiteCommon, SiteModel};

pub use theme::Theme;

/// One file of the output, path relative to the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OutputFile {
    /// Relative path, e.g. `projects/QL-1/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What a template receives (see `themes/default/README.md`).
#[derive(Serialize)]
struct PageContext<'a> {
    site: &'a SiteCommon,
    page: &'a Page,
    data: &'a PageData,
    /// Sanitized HTML of a case or free page body.
    body_html: Option<String>,
    /// Inline SVG QR code of a printable notice.
    qr_svg: Option<String>,
}

/// Everything the renderer needs besides the model.
pub struct Inputs<'a> {
    /// The checked content.
    pub content: &'a Content,
    /// As-of day.
    pub today: NaiveDate,
    /// Projects with errors.
    pub failing: &'a BTreeSet<String>,
    /// The resolved theme.
    pub theme: &'a Theme,
}

/// Renders every page and every generated file, sorted by path.
/// Returns the files and the number of HTML pages among them.
pub fn render(model: &SiteModel, inputs: &Inputs<'_>) -> Result<(Vec<OutputFile>, usize), Error> {
    let tera = engine(inputs.theme)?;
    let mut all: Vec<&Page> = model.pages.iter().collect();
    all.push(&model.not_found);
    let mut files: Vec<OutputFile> = all
        .par_iter()
        .map(|page| {
            let html = render_page(&tera, &model.common, page)?;
            let path =
                if page.template == "404.html" { "404.html".to_owned() } else { format!("{}index.html", page.path) };
            Ok(OutputFile { path, bytes: html.into_bytes() })
        })
        .collect::<Result<_, Error>>()?;
    let pages = files.len();
    for (path, xml) in feeds::feeds(model, inputs.content, inputs.today) {
        files.push(OutputFile { path, bytes: xml.into_bytes() });
    }
    files.push(OutputFile { path: "sitemap.xml".into(), bytes: feeds::sitemap(model).into_bytes() });
    files.push(OutputFile { path: "robots.txt".into(), bytes: feeds::robots(model).into_bytes() });
    for (path, bytes) in opendata::files(inputs.content, inputs.today, inputs.failing)? {
        files.push(OutputFile { path, bytes });
    }
    for (path, bytes) in &inputs.theme.statics {
        files.push(OutputFile { path: format!("theme/{path}"), bytes: bytes.clone() });
    }
    #[cfg(feature = "search")]
    files.extend(search::index(model)?);
    files.sort();
    Ok((files, pages))
}

/// Parses every template once; a broken theme is an environment error.
fn engine(theme: &Theme) -> Result<tera::Tera, Error> {
    let mut tera = tera::Tera::new();
    tera.register_filter("href", |path: &str, _: tera::Kwargs, _: &tera::State<'_>| dir_index(path));
    tera.set_fallback_prefixes(["default/"]).map_err(|e| Error::Theme(format!("{e}")))?;
    tera.add_raw_templates(theme.templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| Error::Theme(chain(&e)))?;
    for t in REQUIRED {
        if !tera.contains_template(t) {
            return Err(Error::Theme(format!("缺少模板 {t}")));
        }
    }
    Ok(tera)
}

/// A site path as a link target: folders get `index.html`, so the output also
/// works opened straight from disk (spec/site.md), where no server maps a
/// folder to its index.
fn dir_index(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() }
}

/// Every template a page names; checked once before rendering.
const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "notices.html",
    "projects.html",
    "project.html",
    "notice.html",
    "county.html",
    "warehouse.html",
    "township.html",
    "groups.html",
    "group.html",
    "cases.html",
    "case.html",
    "page.html",
    "search.html",
    "404.html",
];

fn render_page(tera: &tera::Tera, site: &SiteCommon, page: &Page) -> Result<String, Error> {
    let body_html = match &page.data {
        PageData::Case(c) => Some(markdown::to_html(&c.markdown, &page.root)),
        PageData::FreePage(p) => Some(markdown::to_html(&p.markdown, &page.root)),
        _ => None,
    };
    let qr_svg = match &page.data {
        PageData::PrintNotice(n) => Some(qr::svg(&n.qr_url)?),
        _ => None,
    };
    let ctx = PageContext { site, page, data: &page.data, body_html, qr_svg };
    let err = |e: tera::Error| Error::Render { template: page.template.to_owned(), message: chain(&e) };
    let context = tera::Context::from_serialize(&ctx).map_err(err)?;
    tera.render(page.template, &context).map_err(err)
}

/// An error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push('：');
        s.push_str(&c.to_string());
        src = c.source();
    }
    s
}

/// Appends `manifest.sha256`: every other file with its SHA-256, in
/// `sha256sum -c` format, sorted by path.
pub fn add_manifest(files: &mut Vec<OutputFile>) {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    files.sort();
    let mut text = String::new();
    for f in files.iter() {
        let digest = Sha256::digest(&f.bytes);
        for b in digest.iter() {
            let _ = write!(text, "{b:02x}");
        }
        let _ = writeln!(text, "  {}", f.path);
    }
    files.push(OutputFile { path: "manifest.sha256".into(), bytes: text.into_bytes() });
    files.sort();
}
