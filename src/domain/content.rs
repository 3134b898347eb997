//! The whole loaded corpus.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

// foldhash, not SipHash: every row of every page looks records up by id;
// the ids are our own content's, so SipHash's defence is not needed.
use foldhash::{HashMap, HashMapExt as _};

use super::{Announcement, Asset, Calendar, Case, County, Group, Page, Project, Site};

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

/// The built-in taxonomy of `docs/content.md`.
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
    /// Projects, shared with the readings `serve` keeps between builds.
    pub projects: Vec<Arc<Project>>,
    /// Advisory groups.
    pub groups: Vec<Group>,
    /// 项目库公告.
    pub announcements: Vec<Announcement>,
    /// 帮扶项目资产.
    pub assets: Vec<Asset>,
    /// 资金批次 (`content/funds/`).
    pub funds: Vec<super::FundBatch>,
    /// 年度计划与资金公告 (`content/plans/`).
    pub plans: Vec<super::PlanDoc>,
    /// Typical cases.
    pub cases: Vec<Case>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// 工作日历 from `calendar.yaml`; empty (weekends only) without one.
    pub calendar: Calendar,
    /// Files under `content/static/`, relative to it, `/`-separated.
    pub static_files: BTreeSet<String>,
    /// What the loader read of the images among them (PNG, JPEG), by the same path.
    pub static_images: std::collections::BTreeMap<String, super::works::ImageFile>,
    /// Files under the site's own `themes/<theme>/static/` (which override the
    /// built-in theme's), relative to it, `/`-separated; empty without one.
    pub theme_static_files: BTreeSet<String>,
    /// The SHA-256 of every record file read (`content/…`, as in
    /// diagnostics), loaded or not: what later stages key the work they
    /// keep between builds on (see `site::inputs`).
    pub sources: std::collections::BTreeMap<String, [u8; 32]>,
    /// Records whose file did not load (already reported).
    pub unloaded: Unloaded,
    /// The records by id, for [`Content::county`] and its siblings.
    pub index: Index,
    /// The fund batches and allocations by id ([`Content::allocations_to`]).
    pub money_index: super::fund::MoneyIndex,
}

/// Positions of the records by id (ids are case-sensitive, docs/content.md).
/// On a duplicate id the first record wins; the duplicate is reported by
/// `validate` anyway.
///
/// Built once when the content is assembled ([`Content::build_index`]); a
/// `Content` written out field by field (tests) builds it on the first lookup.
/// The record lists are not changed after that.
#[derive(Debug, Clone, Default)]
pub struct Index(OnceLock<Positions>);

#[derive(Debug, Clone, Default)]
struct Positions {
    counties: HashMap<String, usize>,
    projects: HashMap<String, usize>,
    groups: HashMap<String, usize>,
    project_types: HashMap<String, usize>,
}

impl Positions {
    fn of(content: &Content) -> Self {
        fn first_wins<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
            let mut map = HashMap::new();
            for (i, id) in ids.enumerate() {
                map.entry(id.to_owned()).or_insert(i);
            }
            map
        }
        Positions {
            counties: first_wins(content.counties.iter().map(|c| c.id.as_str())),
            projects: first_wins(content.projects.iter().map(|p| p.id.as_str())),
            groups: first_wins(content.groups.iter().map(|g| g.id.as_str())),
            project_types: first_wins(content.taxonomy.iter().map(|t| t.key.as_str())),
        }
    }
}

/// Records whose file did not load (a `yaml-syntax` error, or no usable
/// `id` or `county`), or loaded under a bad id (kept as written; the id
/// without its stray characters is noted here), already reported by the loader. A reference to one is
/// not reported again as `unknown-reference` (docs/cli.md, "No follow-on
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
    /// The site's names by year (`site.yaml` terms; the defaults without a site).
    pub fn terms(&self) -> &super::terms::Terms {
        self.site.as_ref().map_or(&super::terms::DEFAULT_TERMS, |s| &s.terms)
    }

    /// Indexes the records by id; call once the record lists are complete.
    pub fn build_index(&mut self) {
        self.index = Index(OnceLock::from(Positions::of(self)));
        self.money_index = super::fund::MoneyIndex::default();
    }

    fn positions(&self) -> &Positions {
        self.index.0.get_or_init(|| Positions::of(self))
    }

    /// The county with this id.
    pub fn county(&self, id: &str) -> Option<&County> {
        self.positions().counties.get(id).map(|&i| &self.counties[i])
    }

    /// The project with this id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.positions().projects.get(id).map(|&i| &*self.projects[i])
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.positions().groups.get(id).map(|&i| &self.groups[i])
    }

    /// The new entries (新增入库项目) an announcement covers: the projects it
    /// lists, then those of its county approved by its `approval_doc` (by id),
    /// each once. Unknown ids are left out (`validate` reports them).
    pub fn entries_of(&self, a: &Announcement) -> Vec<&Project> {
        let mut listed: Vec<&Project> = a.projects.iter().filter_map(|id| self.project(id)).collect();
        listed.extend(self.chosen_by_approval(a));
        let mut seen = std::collections::HashSet::new();
        listed.retain(|p| seen.insert(p.id.value.as_str()));
        listed
    }

    /// The projects an announcement chooses by its `approval_doc`: those of
    /// its county approved by exactly that document, by id (none without one).
    pub fn chosen_by_approval(&self, a: &Announcement) -> Vec<&Project> {
        let Some(doc) = &a.approval_doc else { return Vec::new() };
        let mut chosen: Vec<&Project> = self
            .projects
            .iter()
            .map(|p| &**p)
            .filter(|p| *p.county == *a.county && p.approval.as_ref().is_some_and(|ap| ap.doc_no == **doc))
            .collect();
        chosen.sort_by(|x, y| x.id.value.cmp(&y.id.value));
        chosen
    }

    /// The taxonomy entry with this key.
    pub fn project_type(&self, key: &str) -> Option<&ProjectType> {
        self.positions().project_types.get(key).map(|&i| &self.taxonomy[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::records::{county, group, project};

    #[test]
    fn lookups_find_the_first_record_of_an_id() {
        let mut second = county("qingling");
        second.name = "重复".into();
        let mut c = Content {
            counties: vec![county("qingling"), second, county("baishui")],
            projects: vec![project("P-1", "qingling").into()],
            groups: vec![group("qingling-tea", "qingling", "2024-01-01")],
            taxonomy: builtin_taxonomy(),
            ..Content::default()
        };
        c.build_index();
        assert_eq!(c.county("qingling").map(|c| c.name.as_str()), Some("青岭县"));
        assert_eq!(c.county("baishui").map(|c| c.id.as_str()), Some("baishui"));
        assert!(c.county("Qingling").is_none());
        assert_eq!(c.project("P-1").map(|p| p.id.as_str()), Some("P-1"));
        assert_eq!(c.group("qingling-tea").map(|g| g.id.as_str()), Some("qingling-tea"));
        assert_eq!(c.project_type("industry").map(|t| t.name.as_str()), Some("产业发展"));
    }

    #[test]
    fn content_written_field_by_field_indexes_itself() {
        let c = Content { projects: vec![project("P-1", "qingling").into()], ..Content::default() };
        assert!(c.project("P-1").is_some() && c.project("P-2").is_none());
    }
}
