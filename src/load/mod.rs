//! Loading: walk `content/`, parse every record file, convert to typed records.
//!
//! Each file is parsed on its own (in parallel), so one broken file hides
//! nothing else; every problem becomes a diagnostic. Records come back sorted
//! by path so everything downstream is deterministic.

mod announcement;
mod asset;
pub mod cache;
mod calendar;
mod county;
mod file;
mod fund;
mod group;
mod image_size;
mod plan;
mod project;
pub(crate) mod reader;
mod reads;
mod site;
mod stamp;
mod story;
mod walk;
mod works;
pub(crate) mod yaml;

use std::path::Path;

use rayon::prelude::*;
use sha2::Digest as _;
use walkdir::WalkDir;

use crate::Error;
use crate::diag::{Code, Diagnostic, Location, Pos};
use crate::domain::content::Unloaded;
use crate::domain::content::builtin_taxonomy;
use crate::domain::{Content, RecordId};
pub use cache::ParseCache;
use reader::Ctx;
pub use reads::Reads;

/// The largest record file read: a real record is a few kilobytes, and a
/// runaway file must not exhaust memory on an office PC.
const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// The diagnostic for a record file over [`MAX_RECORD_BYTES`].
fn too_large(rel: &str, size: u64) -> (Option<Record>, Vec<Diagnostic>) {
    let d = Diagnostic::new(
        Code::YamlSyntax,
        Location { file: rel.into(), pos: None },
        format!("文件过大（{:.1} MB），单个记录文件不能超过 4 MB", size as f64 / 1_048_576.0),
    )
    .help("一个文件只写一条记录；图片等大文件放在 content/static/ 下");
    (None, vec![d])
}

/// What one file turned into.
#[derive(Debug, Clone)]
enum Record {
    Site(Box<crate::domain::Site>),
    Taxonomy(Vec<crate::domain::content::ProjectType>),
    Calendar(crate::domain::Calendar),
    County(Box<crate::domain::County>),
    /// Shared, not boxed: `serve` keeps each reading for the next build,
    /// and 50,000 projects deep-copied from it and freed again were 0.2 s
    /// of every rebuild's CPU.
    Project(std::sync::Arc<crate::domain::Project>),
    Announcement(Box<crate::domain::Announcement>),
    Asset(Box<crate::domain::Asset>),
    Fund(Box<crate::domain::FundBatch>),
    Plan(Box<crate::domain::PlanDoc>),
    Group(Box<crate::domain::Group>),
    Case(Box<crate::domain::Case>),
    Page(Box<crate::domain::Page>),
    /// A county, group or project file that did not load (already reported),
    /// with the ids it may have had and, for a project, its county and year.
    Failed(FileKind, Vec<String>, Option<(String, i32)>),
}

/// The kind of record a path holds, decided by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Site,
    Taxonomy,
    Calendar,
    County,
    Project,
    Announcement,
    Asset,
    Group,
    Case,
    Page,
    Fund,
    Plan,
}

impl FileKind {
    /// Whether files of this kind are YAML (parsed through the parse cache).
    fn is_yaml(self) -> bool {
        !matches!(self, FileKind::Case | FileKind::Page)
    }
}

/// Loads `root/content/`. Fatal only when `content/` is missing or a file cannot be read.
pub fn load(root: &Path) -> Result<(Content, Vec<Diagnostic>), Error> {
    load_cached(root, ParseCache::default, None).map(|(content, diags, _)| (content, diags))
}

/// What [`load_cached`] gives besides the content: the parse cache for the
/// next load, and whether it differs from the one given (worth saving).
#[derive(Debug)]
pub struct Reparsed {
    /// Every record file read this time, parsed.
    pub cache: ParseCache,
    /// Whether any file was parsed or went away.
    pub changed: bool,
    /// Every record file's reading, when the load was given the last ones.
    pub reads: Option<Reads>,
    /// YAML files whose tree was taken from the cache by their stamp, unread.
    pub unread: usize,
    /// YAML files parsed this time: neither their tree nor their reading
    /// was in the cache for their bytes.
    pub parsed: usize,
}

/// As [`load`], taking each unchanged file's parse from `cache` (see
/// [`cache`]), and its whole reading from `reads` when given (see
/// [`reads`]): the same content and diagnostics, sooner.
pub fn load_cached(
    root: &Path,
    cache: impl FnOnce() -> ParseCache + Send,
    reads: Option<Reads>,
) -> Result<(Content, Vec<Diagnostic>, Reparsed), Error> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Error::NoContent(root.to_path_buf()));
    }
    let mut reads = reads;
    let seen = reads.as_mut().and_then(Reads::take_seen);
    // The parse cache is read while the folder is walked: each is one thread's work.
    let (cache, walked) =
        rayon::join(cache, || match seen.and_then(|(last, seen)| walk::update(&content_dir, last, &seen)) {
            Some((walked, dirty)) => Ok((walked, Some(dirty))),
            None => walk::record_files(root, &content_dir).map(|walked| (walked, None)),
        });
    let (walked, dirty) = walked?;
    let files = &walked.files;

    let fresh = cache::Fresh::default();
    let found = reads.as_ref().map(Reads::found);
    // Before any file's stamp is taken: see `stamp::Stamp::settled_before`.
    let began = std::time::SystemTime::now();
    let unread = std::sync::atomic::AtomicUsize::new(0);
    // A project read by `build` is kept typed for the next one (`serve`
    // keeps its readings in memory instead).
    let keep_reading = |rel: &str, reading: (Option<Record>, Vec<Diagnostic>)| {
        if let (Some(Record::Project(project)), None) = (&reading.0, &reads) {
            cache.keep_reading(rel, project, &reading.1, &fresh);
        }
        reading
    };
    let results = files
        .par_iter()
        .map(|(rel, path, kind)| {
            // Not named by the watcher: as the last load read it, unlooked at.
            if let (Some(dirty), Some(reads), Some(found)) = (&dirty, &reads, &found)
                && !dirty.contains(rel)
                && let Some(kept) = reads.kept(rel, found, |digest| cache.carry(rel, digest, &fresh))
            {
                return Ok(kept);
            }
            let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
            let size = meta.len();
            if size > MAX_RECORD_BYTES {
                // Never read: its digest says only that it was too large.
                return Ok(([0; 32], too_large(rel, size)));
            }
            let stamp = stamp::Stamp::of(&meta);
            // A reading taken whole keeps its tree in the parse cache too.
            if let (Some(reads), Some(found), Some(stamp)) = (&reads, &found, stamp)
                && let Some(kept) = reads.unchanged(rel, stamp, found, |digest| cache.carry(rel, digest, &fresh))
            {
                return Ok(kept);
            }
            // Without readings (`build`), the reading or tree of a YAML file
            // unchanged since it was read, without reading it.
            if reads.is_none()
                && kind.is_yaml()
                && let Some(stamp) = stamp
                && let Some((digest, known)) = cache.unchanged(rel, stamp, &fresh)
            {
                unread.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let reading = match known {
                    cache::Known::Reading((project, diags)) => (Some(Record::Project(project)), diags),
                    cache::Known::Tree(parsed) => keep_reading(rel, file::read_known(rel, path, *kind, &parsed)),
                };
                return Ok((digest, reading));
            }
            let settled = stamp.filter(|s| s.settled_before(began, stamp::SETTLED));
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let digest: [u8; 32] = sha2::Sha256::digest(&bytes).into();
            if reads.is_none()
                && let Some((project, diags)) = cache.reading_of(rel, (digest, settled), &fresh)
            {
                return Ok((digest, (Some(Record::Project(project)), diags)));
            }
            let read = || file::read_file(rel, &bytes, *kind, file::Parser::Cached(&cache, &fresh, digest, settled));
            Ok((
                digest,
                match (&reads, &found) {
                    (Some(reads), Some(found)) => {
                        reads.through(rel, (digest, stamp), found, || cache.carry(rel, digest, &fresh), read)
                    }
                    _ => keep_reading(rel, read()),
                },
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut sources = std::collections::BTreeMap::new();
    let results: Vec<(Option<Record>, Vec<Diagnostic>)> = files
        .iter()
        .zip(results)
        .map(|((rel, ..), (digest, result))| {
            sources.insert(rel.clone(), digest);
            result
        })
        .collect();
    let parsed = fresh.parsed();
    let (cache, changed) = cache.updated(fresh);
    let mut content = Content {
        taxonomy: builtin_taxonomy(),
        static_files: walked.static_files.clone(),
        static_images: walked.static_images.clone(),
        sources,
        ..Content::default()
    };
    let mut diags = Vec::new();
    let mut has_site = false;
    for (record, d) in results {
        diags.extend(d);
        match record {
            Some(Record::Site(s)) => {
                has_site = true;
                content.site = Some(*s);
            }
            Some(Record::Taxonomy(t)) => content.taxonomy = t,
            Some(Record::Calendar(c)) => content.calendar = c,
            Some(Record::County(c)) => {
                note_bad_id(&mut content.unloaded.counties, &c.id);
                content.counties.push(*c);
            }
            Some(Record::Project(p)) => {
                note_bad_id(&mut content.unloaded.projects, &p.id);
                content.projects.push(p);
            }
            Some(Record::Announcement(a)) => content.announcements.push(*a),
            Some(Record::Asset(a)) => content.assets.push(*a),
            Some(Record::Fund(b)) => content.funds.push(*b),
            Some(Record::Plan(d)) => content.plans.push(*d),
            Some(Record::Group(g)) => {
                note_bad_id(&mut content.unloaded.groups, &g.id);
                content.groups.push(*g);
            }
            Some(Record::Case(c)) => content.cases.push(*c),
            Some(Record::Page(p)) => content.pages.push(*p),
            Some(Record::Failed(kind, ids, county_year)) => {
                note_failed(&mut content.unloaded, kind, ids, county_year);
            }
            None => {}
        }
    }
    let theme = content.site.as_ref().and_then(|s| s.theme.as_ref()).map_or("default", |t| t.value.as_str());
    content.theme_static_files = theme_static_files(root, theme);
    content.build_index();
    if !has_site && !files.iter().any(|f| f.2 == FileKind::Site) {
        diags.push(
            Diagnostic::new(
                Code::MissingField,
                Location { file: "content/site.yaml".into(), pos: None },
                "缺少站点设置文件 content/site.yaml",
            )
            .help("新建 content/site.yaml，至少填写 title、base_url、portal 和 supervision_phones"),
        );
    }
    let reads = found.map(|found| found.into_reads(walked));
    Ok((content, diags, Reparsed { cache, changed, reads, unread: unread.into_inner(), parsed }))
}

/// Remembers a record that failed to load, so that references to it are not
/// reported again (docs/cli.md, "No follow-on diagnostics").
fn note_failed(unloaded: &mut Unloaded, kind: FileKind, ids: Vec<String>, county_year: Option<(String, i32)>) {
    if kind == FileKind::Project {
        match county_year {
            Some(cy) => {
                unloaded.project_years.insert(cy);
            }
            None => unloaded.has_project_of_unknown_year = true,
        }
    }
    match kind {
        FileKind::County => unloaded.counties.extend(ids),
        FileKind::Group => unloaded.groups.extend(ids),
        // Project files are named freely: without a readable `id:` line any
        // project reference may have meant this one.
        FileKind::Project if ids.is_empty() => unloaded.has_anonymous_project = true,
        FileKind::Project => unloaded.projects.extend(ids),
        _ => {}
    }
}

/// A record kept under a bad id (already `bad-id`) was most likely meant to
/// carry that id without its stray characters; references to that are not
/// reported again.
fn note_bad_id(ids: &mut std::collections::BTreeSet<String>, id: &str) {
    if !RecordId::is_valid(id) {
        ids.insert(crate::domain::id::intended_id(id));
    }
}

/// The files of the site's own `themes/<theme>/static/`, so that rules can
/// tell a built-in placeholder from the site's override (`gov-badge-placeholder`).
/// `theme` is an id (the loader refuses anything else), never a path. An
/// unreadable theme folder is the build's fatal error to report, not check's.
fn theme_static_files(root: &Path, theme: &str) -> std::collections::BTreeSet<String> {
    let dir = root.join("themes").join(theme).join("static");
    WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        })
        .collect()
}

/// Routes a path below `content/` to its record kind; `None` for files that are not records.
fn classify(parts: &[String]) -> Option<FileKind> {
    let is_yaml = |n: &str| n.ends_with(".yaml") || n.ends_with(".yml");
    match parts {
        [name] if name == "site.yaml" || name == "site.yml" => Some(FileKind::Site),
        [name] if name == "project_types.yaml" || name == "project_types.yml" => Some(FileKind::Taxonomy),
        [name] if name == "calendar.yaml" || name == "calendar.yml" => Some(FileKind::Calendar),
        [dir, name] if dir == "counties" && is_yaml(name) => Some(FileKind::County),
        [dir, name] if dir == "groups" && is_yaml(name) => Some(FileKind::Group),
        [dir, name] if dir == "cases" && name.ends_with(".md") => Some(FileKind::Case),
        [dir, name] if dir == "pages" && name.ends_with(".md") => Some(FileKind::Page),
        [dir, .., name] if dir == "projects" && is_yaml(name) => Some(FileKind::Project),
        [dir, .., name] if dir == "announcements" && is_yaml(name) => Some(FileKind::Announcement),
        [dir, .., name] if dir == "assets" && is_yaml(name) => Some(FileKind::Asset),
        [dir, .., name] if dir == "funds" && is_yaml(name) => Some(FileKind::Fund),
        [dir, .., name] if dir == "plans" && is_yaml(name) => Some(FileKind::Plan),
        _ => None,
    }
}

/// Checks one file's bytes as the loader would, as if found at `rel` (e.g.
/// `content/projects/x.yaml`): the diagnostics a single file can show on its
/// own. For fuzzing and editor integrations; `None` when `rel` is no record path.
pub fn check_file(rel: &str, bytes: &[u8]) -> Option<Vec<Diagnostic>> {
    let parts: Vec<String> = rel.strip_prefix("content/")?.split('/').map(str::to_owned).collect();
    let kind = classify(&parts)?;
    Some(file::read_file(rel, bytes, kind, file::Parser::Fresh).1)
}

/// Reports the valid-but-unintended spellings of [`yaml::lint`] in `text`
/// (as `yaml-syntax`: the file loads, but part of a value was lost).
pub(crate) fn report_lint(ctx: &mut Ctx, text: &str, line_offset: u32) {
    report_found_lint(ctx, &yaml::lint(text, line_offset));
}

/// Reports lint findings already made (see [`report_lint`]).
fn report_found_lint(ctx: &mut Ctx, found: &[yaml::SyntaxError]) {
    for e in found {
        ctx.report(
            Code::YamlSyntax,
            e.pos.unwrap_or(Pos::new(1, 1)),
            format!("YAML 格式问题：{}", e.message),
            Some(&e.help),
        );
    }
}

#[cfg(test)]
mod tests;
