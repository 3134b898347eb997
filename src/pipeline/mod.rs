//! The one orchestrator: load → validate → (site → render → output).
//!
//! `check` stops after validation; `build` goes on only when there is no
//! error. Commands in `src/cmd/` are thin calls into these functions.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::Error;
use crate::diag::{self, Diagnostic};
use crate::domain::Content;
pub use crate::output::{MadeSpare, SparePlan};
use crate::validate::{self, Validation};

mod memory;
pub use memory::{Memory, program_identity};

/// The loaded, checked corpus.
#[derive(Debug)]
pub struct Checked {
    /// Every record that loaded.
    pub content: Content,
    /// Every diagnostic, sorted as the spec prints them.
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of projects with errors.
    pub failing_projects: std::collections::BTreeSet<String>,
    /// `--allow-removal` ids the last build published nothing of.
    pub never_published: Vec<String>,
}

/// What `check` compares the content with besides its own rules: the last
/// build's output, whose project pages and printable notices must not
/// disappear (`published-removed`).
#[derive(Debug, Clone, Default)]
pub struct LastBuild {
    /// The output folder of `build`; default `<root>/output`.
    pub output: Option<PathBuf>,
    /// Ids whose published pages may go (`--allow-removal`): records that
    /// were never meant to be public.
    pub allow_removal: Vec<String>,
}

/// Loads and checks the site at `root` as of `today`, against the last
/// build in `<root>/output` (see [`check_against`]).
pub fn check(root: &Path, today: NaiveDate) -> Result<Checked, Error> {
    check_against(root, today, &LastBuild::default())
}

/// Loads and checks the site at `root` as of `today`; a project page or
/// printable notice that `last`'s output lists and this content no longer
/// gives is an error. No marked output folder or no manifest there (a first
/// build) means nothing to compare.
pub fn check_against(root: &Path, today: NaiveDate, last: &LastBuild) -> Result<Checked, Error> {
    let mut timer = Timer::default();
    check_timed(root, today, last, &mut timer)
}

/// [`check_against`], timing its phases into `timer`.
fn check_timed(root: &Path, today: NaiveDate, last: &LastBuild, timer: &mut Timer) -> Result<Checked, Error> {
    check_with(root, today, last, timer, &mut Memory::default())
}

/// [`check_timed`], parsing through the cache in `memory` (or, when it has
/// none, the one kept beside the output) and leaving the updated cache there.
fn check_with(
    root: &Path,
    today: NaiveDate,
    last: &LastBuild,
    timer: &mut Timer,
    memory: &mut Memory,
) -> Result<Checked, Error> {
    let Loaded { content, mut diagnostics, listing } = load_with(root, last, timer, memory)?;
    let found = validate_with(root, today, last, &content, listing)?;
    timer.lap("validate");
    diagnostics.extend(found.diagnostics);
    diag::sort(&mut diagnostics);
    let (failing_projects, never_published) = (found.failing_projects, found.never_published);
    Ok(Checked { content, diagnostics, failing_projects, never_published })
}

/// The content as loaded, and the last manifest being read beside it.
struct Loaded {
    content: Content,
    /// The loader's diagnostics.
    diagnostics: Vec<Diagnostic>,
    listing: Listing,
}

/// The thread reading the last build's manifest, when the content is
/// checked against it.
type Listing = Option<std::thread::JoinHandle<Result<Option<Vec<crate::output::manifest::Listed>>, Error>>>;

/// Loads the content (see [`check_with`]).
fn load_with(root: &Path, last: &LastBuild, timer: &mut Timer, memory: &mut Memory) -> Result<Loaded, Error> {
    set_stage(1);
    let out = output_folder(root, last.output.as_deref());
    let kept = memory.parsed.take();
    let program = &memory.program;
    let cache = || kept.unwrap_or_else(|| crate::load::ParseCache::read(&out, program));
    // The last manifest (4.6 MB at 10,000 projects) is read while the
    // content loads, and the pages it lists checked while the rules run:
    // one after the other they were 0.08 s between the rules and the model.
    let listing = memory.check_published.then(|| {
        let out = out.clone();
        std::thread::spawn(move || crate::output::manifest::read(&out))
    });
    // A load that fails (an unreadable file, a link leading outside the
    // site) leaves no readings: the next starts from none, not without.
    let emptied = memory.reads.as_ref().map(crate::load::Reads::emptied);
    let (content, diagnostics, reparsed) =
        crate::load::load_cached(root, cache, memory.reads.take()).inspect_err(|_| memory.reads = emptied)?;
    memory.reads = reparsed.reads;
    match memory.on_disk.clone() {
        // `build`: the cache is written, and the last build's state read
        // (output::LastOutput), on threads of their own while validation
        // and the site model run (together 0.3 s at 10,000 projects). The
        // writing is joined before the build returns.
        Some(out) => {
            // With no record file changed the output is most likely current
            // (unless the theme or the day moved): then nothing of the last
            // build is needed beyond what that check reads, and reading it
            // here would only slow validation and the model down. Otherwise
            // the staging folder reads it after the model.
            if reparsed.changed {
                let cache = reparsed.cache;
                let to = out.clone();
                memory.parsed_writing = Some(std::thread::spawn(move || {
                    // Only a shortcut: without it the next build parses every file.
                    let _ = cache.write(&to);
                }));
                memory.last_output = Some(std::thread::spawn(move || crate::output::LastOutput::read(&out)));
            }
        }
        None => memory.parsed = Some(reparsed.cache),
    }
    timer.lap("load");
    set_stage(2);
    Ok(Loaded { content, diagnostics, listing })
}

/// What the rules found in the content, the removals from the last
/// build's output included (`listing`, its manifest being read).
struct Found {
    diagnostics: Vec<Diagnostic>,
    failing_projects: BTreeSet<String>,
    never_published: Vec<String>,
}

/// Runs every rule over `content` (see [`check_with`]).
fn validate_with(
    root: &Path,
    today: NaiveDate,
    last: &LastBuild,
    content: &Content,
    listing: Listing,
) -> Result<Found, Error> {
    let out = output_folder(root, last.output.as_deref());
    let published = || -> Result<validate::Removals, Error> {
        let listed = match listing {
            // A panic while reading only means nothing to compare with.
            Some(reading) => reading.join().unwrap_or(Ok(None))?,
            None => None,
        };
        let published = match listed {
            Some(listed) => validate::Published {
                manifest: shown(root, &out.join(crate::output::MANIFEST)).into(),
                files: listed
                    .into_iter()
                    .map(|l| validate::PublishedFile { path: l.path, pos: diag::Pos::new(l.line, l.column) })
                    .collect(),
            },
            None => validate::Published::default(),
        };
        let allow: BTreeSet<String> = last.allow_removal.iter().cloned().collect();
        Ok(validate::check_published(content, &published, &allow))
    };
    let (Validation { mut diagnostics, failing_projects }, removals) =
        rayon::join(|| validate::check(content, today), published);
    let removals = removals?;
    diagnostics.extend(removals.diagnostics);
    Ok(Found { diagnostics, failing_projects, never_published: removals.never_published })
}

/// The output folder: `--output`, or `output/` in the site root.
fn output_folder(root: &Path, output: Option<&Path>) -> PathBuf {
    output.map_or_else(|| root.join("output"), Path::to_path_buf)
}

/// `path` as diagnostics name files: relative to the site root when inside
/// it (`output/manifest.sha256`), `/`-separated.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Options of `gongshi build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The as-of day.
    pub today: NaiveDate,
    /// Output folder; default `<root>/output`.
    pub output: Option<std::path::PathBuf>,
    /// Overrides `site.yaml`'s `base_url`.
    pub base_url: Option<String>,
    /// Warnings stop the build too.
    pub strict: bool,
    /// Ids whose published pages may go (`--allow-removal`, see [`LastBuild`]).
    pub allow_removal: Vec<String>,
}

impl BuildOptions {
    /// A plain build as of `today` into `output`: the site's own
    /// `base_url`, warnings not stopping it, no removal allowed.
    pub fn new(today: NaiveDate, output: &Path) -> BuildOptions {
        BuildOptions {
            today,
            output: Some(output.to_path_buf()),
            base_url: None,
            strict: false,
            allow_removal: Vec::new(),
        }
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether they let the build publish.
    pub verdict: diag::Verdict,
    /// `None` when content problems stopped the build (nothing written).
    pub written: Option<Written>,
    /// The notices running and about to start on the as-of day.
    pub agenda: crate::agenda::Agenda,
    /// `--allow-removal` ids the last build published nothing of.
    pub never_published: Vec<String>,
    /// How long each phase took, in order (`GONGSHI_TIMINGS`, the benches).
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

/// What the build in this process is doing, for a progress line (进度)
/// that cannot reach inside a running build: 0 nothing yet, 1 reading
/// the records, 2 checking them, 3 writing the site.
static STAGE: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// The stage of the running build (see [`STAGE`]), as a Chinese phrase;
/// `None` before it starts.
pub fn stage() -> Option<&'static str> {
    match STAGE.load(std::sync::atomic::Ordering::Relaxed) {
        1 => Some("正在读取记录"),
        2 => Some("正在检查记录"),
        3 => Some("正在生成网站"),
        _ => None,
    }
}

fn set_stage(stage: u8) {
    STAGE.store(stage, std::sync::atomic::Ordering::Relaxed);
}

/// Wall time per phase of one build. Only reported, never written into the
/// output, which stays a function of the content and `--today`.
#[derive(Debug)]
struct Timer {
    last: std::time::Instant,
    phases: Vec<(&'static str, std::time::Duration)>,
}

impl Default for Timer {
    fn default() -> Timer {
        Timer { last: std::time::Instant::now(), phases: Vec::new() }
    }
}

impl Timer {
    /// Ends the phase `name`, which began at the last lap.
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
}

/// A published site.
#[derive(Debug)]
pub struct Written {
    /// The output folder.
    pub output: std::path::PathBuf,
    /// HTML pages.
    pub pages: usize,
    /// All files (pages included, marker excluded).
    pub files: usize,
    /// What differs from the output this one replaced.
    pub changes: crate::output::Changes,
    /// The replaced output, removed when dropped: keep it until success
    /// has been reported, so removing it does not delay the message.
    pub trash: Option<crate::output::Trash>,
}

/// Removes a gongshi output folder `dir` that is no longer needed, with
/// what it keeps beside it (render keys, groups, stamps, memos, parse cache), e.g. a
/// clean build made only to compare with.
pub fn discard_output(dir: &Path) {
    let _ = std::fs::remove_file(crate::output::render_keys_of(dir));
    let _ = std::fs::remove_file(crate::output::groups_of(dir));
    let _ = std::fs::remove_file(crate::output::stamps_of(dir));
    let _ = std::fs::remove_dir_all(crate::output::memos_of(dir));
    let _ = std::fs::remove_file(crate::load::cache::file_of(dir));
    let _ = std::fs::remove_dir_all(dir);
}

/// Checks, then renders the site and publishes it atomically.
///
/// Content errors (or warnings under `strict`, or a warning whose code
/// [`blocks_build`](diag::Code::blocks_build)) return a report with
/// `written: None` and touch nothing; environment problems are `Err`.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Error> {
    // For the next process: the parse cache beside the output.
    let mut memory = Memory { on_disk: Some(output_folder(root, options.output.as_deref())), ..Memory::default() };
    let report = build_remembering(root, options, &mut memory);
    if let Some(writing) = memory.parsed_writing.take() {
        // A panic there only loses the shortcut.
        let _ = writing.join();
    }
    // Not asked for when the content stopped the build: the thread is left
    // to end by itself, rather than the errors waiting for it (0.5 s at
    // 50,000 projects); it only reads.
    drop(memory.last_output.take());
    report
}

/// As [`build`], keeping what the next build in this process can use in
/// `memory` instead of on disk (`serve`).
pub fn build_remembering(root: &Path, options: &BuildOptions, memory: &mut Memory) -> Result<BuildReport, Error> {
    let last = LastBuild { output: options.output.clone(), allow_removal: options.allow_removal.clone() };
    let mut timer = Timer::default();
    let Loaded { content, mut diagnostics, listing } = load_with(root, &last, &mut timer, memory)?;
    let site = content.site.as_ref().map(|site| {
        let mut site = site.clone();
        if let Some(base) = &options.base_url {
            site.base_url = if base.ends_with('/') { base.clone() } else { format!("{base}/") };
        }
        site
    });
    // The site model is made while the rules run (each leaves a core idle
    // much of the time: 0.13 and 0.35 s at 50,000 projects under `serve`),
    // and dropped unused when they find an error: the model is of content
    // without errors, the only content that is built.
    let (found, model) = rayon::join(
        || validate_with(root, options.today, &last, &content, listing),
        || site.as_ref().map(|site| crate::site::build(&content, site, options.today)),
    );
    let found = found?;
    timer.lap("validate and site model");
    diagnostics.extend(found.diagnostics);
    diag::sort(&mut diagnostics);
    let never_published = found.never_published;
    let agenda = crate::agenda::agenda(&content, options.today);
    let verdict = diag::Verdict::of(&diagnostics, options.strict, true);
    let (Some(site), Some(model), true) = (&site, model, verdict.passes()) else {
        return Ok(BuildReport { diagnostics, verdict, written: None, agenda, never_published, phases: timer.phases });
    };
    let out = output_folder(root, options.output.as_deref());
    // Refuse a foreign folder before writing anything.
    crate::output::ensure_replaceable(&out)?;
    set_stage(3);
    let theme = crate::render::Theme::load(root, site.theme.as_ref().map(|t| t.value.as_str()))?;
    // The whole site's render key: equal to the last build's, nothing the
    // site is made from changed.
    let build_key = crate::render::reuse::BuildKey::new(&theme, &model.common, &memory.program);
    let site_key = build_key.as_ref().map(|b| b.site(&model.site_inputs(), &theme));
    let static_dir = root.join("content").join("static");
    // Nothing changed since the output was made: it is left as it is.
    if let Some(key) = &site_key {
        let statics: Vec<(String, PathBuf)> =
            content.static_files.iter().map(|rel| (rel.clone(), static_dir.join(rel))).collect();
        let now = match (&memory.output, memory.keeps_output) {
            (Some(kept), true) => kept.current(&out, key, &statics),
            (None, true) => None,
            (_, false) => crate::output::current(&out, key, &statics)?,
        };
        if let Some(now) = now {
            timer.lap("unchanged");
            let written =
                Some(Written { output: out, pages: now.pages, files: now.files, changes: now.changes, trash: None });
            return Ok(BuildReport { diagnostics, verdict, written, agenda, never_published, phases: timer.phases });
        }
    }
    let staging = if memory.keeps_output {
        crate::output::Staging::begin_remembering(&out, memory.output.take())?
    } else {
        // A panic while reading only means it is read again.
        match memory.last_output.take().and_then(|reading| reading.join().ok()) {
            Some(last) => crate::output::Staging::begin_after(&out, last)?,
            None => crate::output::Staging::begin(&out)?,
        }
    };
    timer.lap("staging");
    // Nothing the site is made from changed, but the output is not as the
    // last build left it: the last build's files are put in place from it
    // and nothing is rendered.
    let pages = match site_key {
        Some(key) => match staging.reuse_site(&key)? {
            Some(pages) => pages,
            None => {
                let pages = crate::render::render(&model, &theme, &staging, build_key.as_ref())?;
                staging.remember_site(key, pages);
                pages
            }
        },
        None => crate::render::render(&model, &theme, &staging, None)?,
    };
    timer.lap("render");
    content.static_files.par_iter().try_for_each(|rel| {
        let path = static_dir.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        staging.write(rel, &bytes)
    })?;
    timer.lap("static files");
    let published = staging.commit()?;
    memory.output = published.remembered;
    timer.lap("commit");
    let written = Some(Written {
        output: out,
        pages,
        files: published.files,
        changes: published.changes,
        trash: published.trash,
    });
    // The model borrows the content, so it is freed here.
    drop(model);
    crate::output::drop_later((content, theme));
    Ok(BuildReport { diagnostics, verdict, written, agenda, never_published, phases: timer.phases })
}
