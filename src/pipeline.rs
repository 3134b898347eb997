//! The one orchestrator: load → validate → (site → render → output).
//!
//! `check` stops after validation; `build` goes on only when there is no
//! error. Commands in `main.rs` are thin calls into these functions.

use std::path::Path;

use chrono::NaiveDate;

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
