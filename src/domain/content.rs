//! The whole loaded corpus.

use std::collections::BTreeSet;

use super::{Case, County, Group, Page, Project, Site};

/// A project type of the taxonomy (built in, or from `project_types.yaml`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProjectType {
    /// URL-safe key.
    pub key: String,
    /// Chinese name.
    pub name: String,
    /// Known sub-types; empty means "not checked".
    pub sub_types: Vec<String>,
}

/// The built-in taxonomy of `spec/content.md`.
pub fn builtin_taxonomy() -> Vec<ProjectType> {
    [
        ("industry", "产业发展"),
        ("employment", "就业项目"),
        ("rural_construction", "乡村建设行动"),
        ("relocation_followup", "易地搬迁后扶"),
        ("three_guarantees", "巩固三保障成果"),
        ("governance_civility", "乡村治理和精神文明建设"),
        ("management_fee", "项目管理费"),
        ("other", "其他"),
    ]
    .into_iter()
    .map(|(key, name)| ProjectType { key: key.into(), name: name.into(), sub_types: Vec::new() })
    .collect()
}

/// Everything under `content/`, each kind sorted by source path.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// `site.yaml`, if it loaded.
    pub site: Option<Site>,
    /// Project taxonomy.
    pub taxonomy: Vec<ProjectType>,
    /// Counties.
    pub counties: Vec<County>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Advisory groups.
    pub groups: Vec<Group>,
    /// Typical cases.
    pub cases: Vec<Case>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Files under `content/static/`, relative to it, `/`-separated.
    pub static_files: BTreeSet<String>,
    /// Files under the site's own `themes/<theme>/static/` (which override the
    /// built-in theme's), relative to it, `/`-separated; empty without one.
    pub theme_static_files: BTreeSet<String>,
    /// Records whose file did not load (already reported).
    pub unloaded: Unloaded,
}

/// Records whose file did not load (a `yaml-syntax` error, or no usable
/// `id` or `county`), or loaded under a bad id (kept as written; the id
/// without its stray characters is noted here), already reported by the loader. A reference to one is
/// not reported again as `unknown-reference` (spec/cli.md, "No follow-on
/// diagnostics").
#[derive(Debug, Clone, Default)]
pub struct Unloaded {
    /// Ids the failed county files may have had.
    pub counties: BTreeSet<String>,
    /// Ids the failed group files may have had.
    pub groups: BTreeSet<String>,
    /// Ids the failed project files may have had.
    pub projects: BTreeSet<String>,
    /// A failed project file had no readable id: it may be any project.
    pub has_anonymous_project: bool,
    /// County and `year` of the failed project files, where both were
    /// readable: their county-year sums (management fee) are unknown.
    pub project_years: BTreeSet<(String, i32)>,
    /// A failed project file's county or year was unreadable: every
    /// county-year sum is unknown.
    pub has_project_of_unknown_year: bool,
}

impl Unloaded {
    /// Whether a project reference to `id` may name a file that did not load.
    pub fn may_be_project(&self, id: &str) -> bool {
        self.has_anonymous_project || self.projects.contains(id)
    }

    /// Whether a project of `county` and `year` may have failed to load.
    pub fn may_lack_project_of(&self, county: &str, year: i32) -> bool {
        self.has_project_of_unknown_year || self.project_years.contains(&(county.to_owned(), year))
    }
}

impl Content {
    /// The county with this id.
    pub fn county(&self, id: &str) -> Option<&County> {
        self.counties.iter().find(|c| *c.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| *g.id == id)
    }

    /// The taxonomy entry with this key.
    pub fn project_type(&self, key: &str) -> Option<&ProjectType> {
        self.taxonomy.iter().find(|t| t.key == key)
    }
}
