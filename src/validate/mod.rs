//! Validation: every cross-record rule of `docs/cli.md`, as pure functions of
//! the loaded [`Content`] and `--today`.
//!
//! The loader already reported what one file alone can show (syntax, unknown
//! and missing keys, bad values and ids). Here come the rules that need dates,
//! other records or the whole corpus. Nothing here reads the clock or a file.

mod announcement;
mod asset;
mod county;
mod fund;
mod group;
mod lifecycle;
mod notice;
mod plan;
mod portal;
mod project;
mod published;
mod refs;
mod works;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Severity};
use crate::domain::{Content, Rules};

pub use published::{Published, PublishedFile, Removals, check as check_published};

/// What validation found.
#[derive(Debug, Default)]
pub struct Validation {
    /// Every diagnostic of the rules (unsorted).
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of projects with at least one error: they are never shown as warehoused.
    pub failing_projects: BTreeSet<String>,
}

/// Runs every rule over `content` as of `today`.
pub fn check(content: &Content, today: NaiveDate) -> Validation {
    let default_rules = Rules::default();
    let rules = content.site.as_ref().map_or(&default_rules, |s| &s.rules);
    // The families of rules on every thread, their findings in this order
    // (the same as one after the other): on one thread they were a fifth
    // of a rebuild's load-to-render time under `serve` at 50,000 projects.
    let families: [&(dyn Fn() -> Vec<Diagnostic> + Sync); 12] = [
        &|| refs::check(content),
        &|| notice::check(content, rules, today),
        &|| project::check(content, rules, today),
        &|| lifecycle::check(content, rules, today),
        &|| announcement::check(content, rules, today),
        &|| asset::check(content, rules, today),
        &|| fund::check(content, rules, today),
        &|| plan::check(content, rules, today),
        &|| county::check(content, today),
        &|| portal::check(content),
        &|| group::check(content, rules, today),
        &|| works::check(content, rules, today),
    ];
    let found: Vec<Vec<Diagnostic>> = families.par_iter().map(|family| family()).collect();
    let diagnostics = found.concat();
    let project_files: BTreeSet<&str> = content.projects.iter().map(|p| &*p.path.0).collect();
    let failing_projects = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error && project_files.contains(&*d.location.file))
        .filter_map(|d| d.record.clone())
        .collect();
    Validation { diagnostics, failing_projects }
}
