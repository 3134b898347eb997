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
use crate::validate::{self, Validation};

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
    let (content, mut diagnostics) = crate::load::load(root)?;
    let Validation { diagnostics: more, failing_projects } = validate::check(&content, today);
    diagnostics.extend(more);
    let out = output_folder(root, last.output.as_deref());
    let published = match crate::output::manifest::read(&out)? {
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
    let removals = validate::check_published(&content, &published, &allow);
    diagnostics.extend(removals.diagnostics);
    diag::sort(&mut diagnostics);
    Ok(Checked { content, diagnostics, failing_projects, never_published: removals.never_published })
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
/// what it keeps beside it (its render keys), e.g. an old `serve` build.
pub fn discard_output(dir: &Path) {
    let _ = std::fs::remove_file(crate::output::render_keys_of(dir));
    let _ = std::fs::remove_dir_all(dir);
}

/// Checks, then renders the site and publishes it atomically.
///
/// Content errors (or warnings under `strict`, or a warning whose code
/// [`blocks_build`](diag::Code::blocks_build)) return a report with
/// `written: None` and touch nothing; environment problems are `Err`.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Error> {
    build_reusing(root, options, None)
}

/// As [`build`], but files that did not change are linked from the gongshi
/// output `previous` rather than from the output folder (`serve` builds
/// into a new folder each time and reuses the one it serves).
pub fn build_reusing(root: &Path, options: &BuildOptions, previous: Option<&Path>) -> Result<BuildReport, Error> {
    let last = LastBuild { output: options.output.clone(), allow_removal: options.allow_removal.clone() };
    let checked = check_against(root, options.today, &last)?;
    let never_published = checked.never_published.clone();
    let agenda = crate::agenda::agenda(&checked.content, options.today);
    let verdict = diag::Verdict::of(&checked.diagnostics, options.strict, true);
    let site = match (&checked.content.site, verdict.passes()) {
        (Some(site), true) => site,
        _ => {
            return Ok(BuildReport {
                diagnostics: checked.diagnostics,
                verdict,
                written: None,
                agenda,
                never_published,
            });
        }
    };
    let out = output_folder(root, options.output.as_deref());
    // Refuse a foreign folder before doing any work.
    crate::output::ensure_replaceable(&out)?;
    let mut site = site.clone();
    if let Some(base) = &options.base_url {
        site.base_url = if base.ends_with('/') { base.clone() } else { format!("{base}/") };
    }
    let theme = crate::render::Theme::load(root, site.theme.as_ref().map(|t| t.value.as_str()))?;
    let model = crate::site::build(&checked.content, &site, options.today, &checked.failing_projects);
    let staging = crate::output::Staging::begin_reusing(&out, previous.unwrap_or(&out))?;
    let pages = crate::render::render(&model, &theme, &staging)?;
    let static_dir = root.join("content").join("static");
    checked.content.static_files.par_iter().try_for_each(|rel| {
        let path = static_dir.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        staging.write(rel, &bytes)
    })?;
    let published = staging.commit()?;
    let written = Some(Written {
        output: out,
        pages,
        files: published.files,
        changes: published.changes,
        trash: published.trash,
    });
    Ok(BuildReport { diagnostics: checked.diagnostics, verdict, written, agenda, never_published })
}
