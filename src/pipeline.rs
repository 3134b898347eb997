//! The one orchestrator: load → validate → (site → render → output).
//!
//! `check` stops after validation; `build` goes on only when there is no
//! error. Commands in `src/cmd/` are thin calls into these functions.

use std::path::Path;

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
}

/// Loads and checks the site at `root` as of `today`.
pub fn check(root: &Path, today: NaiveDate) -> Result<Checked, Error> {
    let (content, mut diagnostics) = crate::load::load(root)?;
    let Validation { diagnostics: more, failing_projects } = validate::check(&content, today);
    diagnostics.extend(more);
    diag::sort(&mut diagnostics);
    Ok(Checked { content, diagnostics, failing_projects })
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
}

/// A published site.
#[derive(Debug, Clone)]
pub struct Written {
    /// The output folder.
    pub output: std::path::PathBuf,
    /// HTML pages.
    pub pages: usize,
    /// All files (pages included, marker excluded).
    pub files: usize,
}

/// Checks, then renders the site and publishes it atomically.
///
/// Content errors (or warnings under `strict`, or a warning whose code
/// [`blocks_build`](diag::Code::blocks_build)) return a report with
/// `written: None` and touch nothing; environment problems are `Err`.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Error> {
    let checked = check(root, options.today)?;
    let agenda = crate::agenda::agenda(&checked.content, options.today);
    let verdict = diag::Verdict::of(&checked.diagnostics, options.strict, true);
    let site = match (&checked.content.site, verdict.passes()) {
        (Some(site), true) => site,
        _ => return Ok(BuildReport { diagnostics: checked.diagnostics, verdict, written: None, agenda }),
    };
    let out = options.output.clone().unwrap_or_else(|| root.join("output"));
    // Refuse a foreign folder before doing any work.
    crate::output::ensure_replaceable(&out)?;
    let mut site = site.clone();
    if let Some(base) = &options.base_url {
        site.base_url = if base.ends_with('/') { base.clone() } else { format!("{base}/") };
    }
    let theme = crate::render::Theme::load(root, site.theme.as_ref().map(|t| t.value.as_str()))?;
    let model = crate::site::build(&checked.content, &site, options.today, &checked.failing_projects);
    let staging = crate::output::Staging::begin(&out)?;
    let pages = crate::render::render(&model, &theme, &staging)?;
    let static_dir = root.join("content").join("static");
    checked.content.static_files.par_iter().try_for_each(|rel| {
        let path = static_dir.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        staging.write(rel, &bytes)
    })?;
    let files = staging.commit()?;
    let written = Some(Written { output: out, pages, files });
    Ok(BuildReport { diagnostics: checked.diagnostics, verdict, written, agenda })
}
