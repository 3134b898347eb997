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
    let mut diagnostics = Vec::new();
    diagnostics.extend(refs::check(content));
    diagnostics.extend(notice::check(content, rules, today));
    diagnostics.extend(project::check(content, rules, today));
    diagnostics.extend(lifecycle::check(content, rules, today));
    diagnostics.extend(announcement::check(content, rules, today));
    diagnostics.extend(asset::check(content, rules, today));
    diagnostics.extend(fund::check(content, rules, today));
    diagnostics.extend(plan::check(content, rules, today));
    diagnostics.extend(county::check(content, today));
    diagnostics.extend(portal::check(content));
    diagnostics.extend(group::check(content, rules, today));
    diagnostics.extend(works::check(content, rules, today));
    let project_files: BTreeSet<&str> = content.projects.iter().map(|p| &*p.path.0).collect();
    let failing_projects = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error && project_files.contains(&*d.location.file))
        .filter_map(|d| d.record.clone())
        .collect();
    Validation { diagnostics, failing_projects }
}
