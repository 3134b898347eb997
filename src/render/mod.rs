//! Rendering: the site model through tera templates into files, streamed
//! to a sink as they are made. It reads the model only (never the content),
//! and the theme.
//!
//! Templates are parsed once; pages render in parallel with rayon. Every
//! file's bytes depend only on the model, so the output is byte-identical
//! run to run whatever the thread order.
//! Each page gets a typed context (`Context::from_serialize`) holding
//! references to the shared header/footer data and its own page data only.

pub mod attachment;
mod dates;
pub mod feeds;
pub mod markdown;
pub mod opendata;
pub mod qr;
pub mod reuse;
pub mod search;
pub mod theme;

use rayon::prelude::*;
use serde::Serialize;

use crate::Error;
use crate::site::{Page, PageData, ProjectHandle, SiteModel, Template};

use search::ProjectRecords;
pub use theme::Theme;

/// Where rendered files go, by `/`-separated path relative to the output
/// folder; called from many threads.
pub trait Sink: Sync {
    /// Writes one whole file.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error>;

    /// Writes one file as `fill` produces it. For the files that grow with
    /// the whole site (open data, sitemap), which are then never held
    /// whole in memory: at 50,000 projects they come to about 300 MB.
    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error>;

    /// Puts in place, unrendered, the file at `path` that the previous build
    /// rendered from inputs with the same `key` ([`reuse`]); `false` when
    /// there is none, and the page is rendered and written.
    fn reuse(&self, _path: &str, _key: &reuse::RenderKey) -> Result<bool, Error> {
        Ok(false)
    }

    /// Records the render key of the file just written at `path` (`len`
    /// bytes), for the next build.
    fn remember(&self, _path: &str, _key: reuse::RenderKey, _len: u64) {}

    /// Puts in place, unrendered, every file the previous build wrote for
    /// the group of pages `name` (a project's) made from inputs with `key`,
    /// once `accept` has taken what was kept with them (the group's
    /// `memo`); `false` when any of that cannot be, and nothing was put.
    fn reuse_group(
        &self,
        _name: &str,
        _key: &reuse::RenderKey,
        _accept: &mut dyn FnMut(&std::sync::Arc<[u8]>) -> bool,
    ) -> Result<bool, Error> {
        Ok(false)
    }

    /// Records that the files `files` of the group `name`, just written,
    /// were made from inputs with `key`, to keep `memo` with them.
    fn remember_group(&self, _name: &str, _key: reuse::RenderKey, _files: Vec<String>, _memo: Vec<u8>) {}

    /// Whether an earlier build's output is being replaced: a build into an
    /// empty folder keeps only the memos that cost less to keep than to
    /// make again at the next build.
    fn replaces_output(&self) -> bool {
        false
    }

    /// Whether a memo kept costs only memory (the sink keeps them for the
    /// next build in the same process), so even a first build keeps them.
    fn keeps_memos_in_memory(&self) -> bool {
        false
    }

    /// What an earlier build kept for `key` with [`Sink::keep_memo`].
    fn memo(&self, _key: &reuse::RenderKey) -> Option<std::sync::Arc<Vec<u8>>> {
        None
    }

    /// Keeps `memo` for `key`, for later builds, replacing what was kept
    /// for it: a memo is whatever the renderer can use when it meets `key`
    /// again, and it checks what it reads.
    fn keep_memo(&self, _key: &reuse::RenderKey, _memo: &[u8]) {}
}

/// What a template receives besides `site`, which is in tera's global
/// context, converted once for all pages (see `themes/default/README.md`).
#[derive(Serialize)]
struct PageContext<'a> {
    page: &'a Page,
    data: &'a PageData,
    /// Sanitized HTML of a case or free page body.
    body_html: Option<String>,
    /// Inline SVG QR code of a printable notice.
    qr_svg: Option<&'a str>,
    /// An announcement's 附件, written just before its page, with their sizes.
    attachments: Vec<attachment::Written>,
}

/// Projects rendered at a time: the index takes their records in page order
/// while the next batch renders. Large enough to keep every thread busy,
/// small enough that a batch's records are nothing beside the site.
const PROJECT_BATCH: usize = 256;

/// Renders every page and every generated file into `sink` as it goes, in
/// parallel, with the templates of `theme`; nothing is held once written.
/// A project's pages are built only when they are rendered, and its search
/// records are made from those same pages, so memory stays flat however
/// many pages there are. Returns the number of HTML pages.
/// `build_key` is the build-wide part of the render keys ([`reuse`]);
/// without one, every page is rendered.
pub fn render<'m>(
    model: &'m SiteModel<'m>,
    theme: &Theme,
    sink: &dyn Sink,
    build_key: Option<&reuse::BuildKey>,
) -> Result<usize, Error> {
    let mut tera = engine(theme)?;
    tera.global_context().insert("site", &model.common);
    let tera = tera;
    let write = |page: &Page, qr: Option<&LazyQr<'_>>| -> Result<(), Error> {
        // An announcement lists its attachments with their sizes: they are
        // written first, from the same view, and always (they are files of
        // their own, so never reused with the page).
        let attachments = match &page.data {
            PageData::Announcement(a) => attachment::write(&a.attachments, &a.detail.sheet(), sink)?,
            PageData::PlanDoc(d) => attachment::write(&d.attachments, &d.sheet, sink)?,
            _ => Vec::new(),
        };
        let path = page.file();
        let key = build_key.and_then(|b| b.page(page));
        if let Some(key) = &key
            && sink.reuse(&path, key)?
        {
            return Ok(());
        }
        let qr_svg = qr.map(LazyQr::svg).transpose()?;
        let html = render_page(&tera, page, qr_svg, attachments)?;
        sink.write(&path, &html)?;
        if let Some(key) = key {
            sink.remember(&path, key, html.len() as u64);
        }
        Ok(())
    };
    let others = || -> Result<usize, Error> {
        let all: Vec<&Page> = model.pages.iter().chain([&model.not_found]).collect();
        all.par_iter().try_for_each(|page| write(page, None)).map(|()| all.len())
    };
    // One project: its pages, written, and their search records. When its
    // inputs are those the last build made its pages from, they are put in
    // place as they are and its records are those kept with them, left
    // encoded until the index asks (it does not when its batch is kept
    // too): its views are not even built.
    let project = |p: &'m ProjectHandle<'m>| -> Result<(usize, Found<'m>, Option<reuse::RenderKey>), Error> {
        let group = build_key.map(|b| (model.project_path(p), b.group(&model.project_inputs(p))));
        if let Some((name, key)) = &group {
            let mut kept = None;
            let mut accept = |memo: &std::sync::Arc<[u8]>| {
                kept = postcard::take_from_bytes::<usize>(memo).ok().map(|(count, _)| (count, memo.clone()));
                kept.is_some()
            };
            if sink.reuse_group(name, key, &mut accept)?
                && let Some((count, memo)) = kept
            {
                return Ok((count, Found::Kept(p, memo), Some(*key)));
            }
        }
        let pages = model.project_pages(p);
        // Each printable of a project shows the same code, drawn only if
        // one of them is rendered.
        let qr = pages.iter().find_map(|page| {
            let url = match &page.data {
                PageData::PrintNotice(n) => &n.qr_url,
                PageData::Sign(s) => &s.qr_url,
                PageData::Completion(c) => &c.qr_url,
                _ => return None,
            };
            Some(LazyQr { url, svg: std::cell::OnceCell::new() })
        });
        for page in &pages {
            write(page, qr.as_ref())?;
        }
        let records = ProjectRecords::of(&pages);
        let key = group.map(|(name, key)| {
            if let Ok(memo) = postcard::to_stdvec(&(pages.len(), &records)) {
                sink.remember_group(&name, key, pages.iter().map(Page::file).collect(), memo);
            }
            key
        });
        Ok((pages.len(), Found::Made(Box::new(records)), key))
    };
    // The index takes each batch's records while the next batch renders:
    // both are rayon jobs, so no thread waits on another and the index's
    // share of the work fills whatever a batch leaves idle.
    // A batch's index fragment is kept under the keys of its projects and
    // the record numbers it starts from (see `search::batch`).
    let index = |search: &mut search::Search<'_, '_>, batch: Vec<(Found<'m>, Option<reuse::RenderKey>)>| {
        let key = build_key.and_then(|b| {
            let groups: Option<Vec<reuse::RenderKey>> = batch.iter().map(|(_, k)| *k).collect();
            Some(b.index_batch(search.next_numbers(), &groups?))
        });
        let kept = key.as_ref().and_then(|k| sink.memo(k));
        search.add_projects(|| batch.into_iter().map(|(r, _)| r.records(model)).collect(), kept, key)
    };
    let projects = || -> Result<usize, Error> {
        let mut search = search::Search::new(model, sink, build_key.map(reuse::BuildKey::search_seed));
        let mut count = 0;
        let mut rendered = Vec::new();
        for (n, batch) in model.projects().chunks(PROJECT_BATCH).enumerate() {
            let (indexed, done) = rayon::join(
                || if n > 0 { index(&mut search, std::mem::take(&mut rendered)) } else { Ok(()) },
                || batch.par_iter().map(&project).collect::<Result<Vec<_>, Error>>(),
            );
            indexed?;
            rendered = done?
                .into_iter()
                .map(|(pages, records, key)| {
                    count += pages;
                    (records, key)
                })
                .collect();
        }
        if !model.projects().is_empty() {
            index(&mut search, rendered)?;
        }
        search.finish()?;
        Ok(count)
    };
    let feeds = || -> Result<(), Error> {
        feeds::write_feeds(model, sink)?;
        feeds::write_sitemaps(model, sink)?;
        sink.write("robots.txt", feeds::robots(model).as_bytes())
    };
    let open_data = || -> Result<(), Error> {
        opendata::write(model, sink, build_key)?;
        for (path, bytes) in &theme.statics {
            sink.write(&format!("theme/{path}"), bytes)?;
        }
        Ok(())
    };
    // The single-threaded files (feeds, open data) are made beside the page
    // threads instead of after them.
    let ((others, projects), (feeds, open_data)) =
        rayon::join(|| rayon::join(others, projects), || rayon::join(feeds, open_data));
    let pages = others? + projects?;
    feeds.and(open_data)?;
    Ok(pages)
}

/// A project's search records as its pages left them.
enum Found<'m> {
    /// Made from the views its pages were rendered from.
    Made(Box<ProjectRecords>),
    /// Kept with its pages by the last build (the group's memo), still
    /// encoded.
    Kept(&'m ProjectHandle<'m>, std::sync::Arc<[u8]>),
}

impl<'m> Found<'m> {
    /// The records. Kept ones that no longer decode (a damaged groups file
    /// is still whole as a file) are made again from the project's views,
    /// which are what they were kept from.
    fn records(self, model: &SiteModel<'_>) -> ProjectRecords {
        match self {
            Found::Made(records) => *records,
            Found::Kept(p, memo) => match postcard::from_bytes::<(usize, ProjectRecords)>(&memo) {
                Ok((_, records)) => records,
                Err(_) => ProjectRecords::of(&model.project_pages(p)),
            },
        }
    }
}

/// A project's QR code, drawn the first time a page needs it.
struct LazyQr<'a> {
    url: &'a str,
    svg: std::cell::OnceCell<String>,
}

impl LazyQr<'_> {
    fn svg(&self) -> Result<&str, Error> {
        if self.svg.get().is_none() {
            let _ = self.svg.set(qr::svg(self.url)?);
        }
        Ok(self.svg.get().map_or("", String::as_str))
    }
}

/// Parses every template once; a broken theme is an environment error.
fn engine(theme: &Theme) -> Result<tera::Tera, Error> {
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(crate::escape::html_to);
    tera.register_filter("href", |path: &str, _: tera::Kwargs, _: &tera::State<'_>| dir_index(path));
    tera.register_filter("dates", |text: &str, _: tera::Kwargs, _: &tera::State<'_>| {
        tera::Value::safe_string(&dates::mark(text))
    });
    tera.set_fallback_prefixes(["default/"]).map_err(Error::Templates)?;
    tera.add_raw_templates(theme.templates.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(Error::Templates)?;
    for t in std::iter::once(BASE).chain(Template::ALL.map(Template::file)) {
        if !tera.contains_template(t) {
            return Err(Error::MissingTemplate(t.to_owned()));
        }
    }
    Ok(tera)
}

/// A site path as a link target: folders get `index.html`, so the output also
/// works opened straight from disk (docs/urls.md), where no server maps a
/// folder to its index.
fn dir_index(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() }
}

/// The template every page template extends; checked with them before
/// rendering.
const BASE: &str = "base.html";

fn render_page(
    tera: &tera::Tera,
    page: &Page,
    qr_svg: Option<&str>,
    attachments: Vec<attachment::Written>,
) -> Result<Vec<u8>, Error> {
    let body_html = match &page.data {
        PageData::Case(c) => Some(markdown::to_html(&c.markdown, &page.root, &c.title)),
        PageData::FreePage(p) => Some(markdown::to_html(&p.markdown, &page.root, &p.title)),
        _ => None,
    };
    let qr_svg = match &page.data {
        PageData::PrintNotice(_) | PageData::Sign(_) | PageData::Completion(_) => qr_svg,
        _ => None,
    };
    let ctx = PageContext { page, data: &page.data, body_html, qr_svg, attachments };
    let err = |source: tera::Error| Error::Render { template: page.template.file().to_owned(), source };
    let context = tera::Context::from_serialize(&ctx).map_err(err)?;
    // Straight into bytes: no UTF-8 check of the finished page, no copy.
    let mut html = Vec::with_capacity(16 * 1024);
    tera.render_to(page.template.file(), &context, &mut html).map_err(err)?;
    Ok(html)
}
