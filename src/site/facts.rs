//! The facts the site model derives from the content once, before any page
//! is built, and every page reads: each project's status, list row and
//! cases; each county's warehoused and located projects; what each advisory
//! group serves; the warehoused projects newest first.
//!
//! Each is looked up per project, county or group: scanning the content for
//! each page grew with the square of the site.

use std::sync::Arc;

use chrono::NaiveDate;
// Looked up by id for every row of every list: foldhash, not SipHash (no
// one can choose keys to collide here: they are the content's own ids).
use foldhash::{HashMap, HashMapExt as _};
use rayon::prelude::*;

use super::keyed::Keyed;
use super::project::{self, ProjectRow};
use crate::domain::{Announcement, Case, Content, Project, Rules, Status};

/// What the model knows beyond the content.
pub(super) struct Facts<'a> {
    /// Warehoused-or-later projects, newest first (by 入库 date, then id):
    /// sorted once, read by every list.
    pub(super) warehoused: Vec<&'a Project>,
    /// By project id.
    projects: HashMap<&'a str, ProjectFacts<'a>>,
    /// By county id.
    counties: HashMap<&'a str, CountyFacts<'a>>,
    /// The projects and the cases naming each advisory group, by group id,
    /// in content order.
    served_by: HashMap<&'a str, (Vec<&'a Project>, Vec<&'a Case>)>,
}

/// What is derived of one project.
struct ProjectFacts<'a> {
    /// Its status as of the build day.
    status: Status,
    /// Its list row, made once and shared by every list that shows it (all,
    /// by year, by type, the county's yearly 公告, its township, its group):
    /// six copies of each row cost about 100 MB and a third of the site
    /// model's time at 50k.
    row: Arc<Keyed<ProjectRow>>,
    /// The cases naming it, in content order.
    cases: Vec<&'a Case>,
    /// The published announcements that list it, oldest first.
    announcements: Vec<&'a Announcement>,
}

/// What is derived of one county.
#[derive(Default)]
struct CountyFacts<'a> {
    /// Its warehoused-or-later projects, in [`Facts::warehoused`]'s order.
    warehoused: Vec<&'a Project>,
    /// Its projects by township, in content order.
    located: HashMap<&'a str, Vec<&'a Project>>,
}

impl<'a> Facts<'a> {
    /// Derives the facts of `content` (without errors) as of `today`.
    pub(super) fn derive(content: &'a Content, rules: &Rules, today: NaiveDate) -> Facts<'a> {
        let mut projects: HashMap<&str, ProjectFacts<'_>> = content
            .projects
            .par_iter()
            .map(|p| {
                let status = crate::domain::status::derive(p, rules, today, true);
                let row = Arc::new(Keyed::new(project::row(content, p, status)));
                (p.id.value.as_str(), ProjectFacts { status, row, cases: Vec::new(), announcements: Vec::new() })
            })
            .collect();
        for c in &content.cases {
            for r in &c.related_projects {
                if let Some(list) = projects.get_mut(r.value.as_str()).map(|f| &mut f.cases) {
                    // A case naming a project twice is listed once.
                    if !list.last().is_some_and(|l| std::ptr::eq(*l, c)) {
                        list.push(c);
                    }
                }
            }
        }
        for a in published(content, today) {
            let listed = content.entries_of(a).into_iter().map(|p| p.id.value.as_str());
            let others = a.moved_out.iter().chain(&a.changed).map(|id| id.value.as_str());
            for id in listed.chain(others) {
                if let Some(list) = projects.get_mut(id).map(|f| &mut f.announcements)
                    && !list.last().is_some_and(|l| std::ptr::eq(*l, a))
                {
                    list.push(a);
                }
            }
        }
        let status = |p: &Project| projects.get(p.id.value.as_str()).map(|f| f.status);
        let mut warehoused: Vec<&Project> =
            content.projects.iter().map(|p| &**p).filter(|p| status(p).is_some_and(|s| s.is_in_warehouse())).collect();
        warehoused.par_sort_by(|a, b| {
            b.warehoused_date().cmp(&a.warehoused_date()).then_with(|| a.id.value.cmp(&b.id.value))
        });
        let mut counties: HashMap<&str, CountyFacts<'_>> = HashMap::new();
        for p in &warehoused {
            counties.entry(p.county.value.as_str()).or_default().warehoused.push(p);
        }
        for p in &content.projects {
            if let Some(t) = p.township_id() {
                counties.entry(p.county.value.as_str()).or_default().located.entry(t).or_default().push(p);
            }
        }
        let mut served_by: HashMap<&str, (Vec<&Project>, Vec<&Case>)> = HashMap::new();
        for p in &content.projects {
            if let Some(g) = &p.advisory_group {
                served_by.entry(g.value.as_str()).or_default().0.push(p);
            }
        }
        for c in &content.cases {
            if let Some(g) = &c.advisory_group {
                served_by.entry(g.value.as_str()).or_default().1.push(c);
            }
        }
        Facts { warehoused, projects, counties, served_by }
    }

    /// The status of `p`.
    pub(super) fn status(&self, p: &Project) -> Status {
        self.projects.get(p.id.value.as_str()).map_or(Status::Proposed, |f| f.status)
    }

    /// The list row of `p`.
    pub(super) fn row(&self, p: &Project) -> Option<Arc<Keyed<ProjectRow>>> {
        self.projects.get(p.id.value.as_str()).map(|f| f.row.clone())
    }

    /// The published announcements that list project `id`, oldest first.
    pub(super) fn announcements_of(&self, id: &str) -> &[&'a Announcement] {
        self.projects.get(id).map_or(&[], |f| f.announcements.as_slice())
    }

    /// The cases that name project `id`, in content order.
    pub(super) fn cases_of(&self, id: &str) -> &[&'a Case] {
        self.projects.get(id).map_or(&[], |f| f.cases.as_slice())
    }

    /// Warehoused-or-later projects of county `id`, newest first.
    pub(super) fn warehoused_in(&self, county: &str) -> &[&'a Project] {
        self.counties.get(county).map_or(&[], |c| c.warehoused.as_slice())
    }

    /// The projects located in township `township` of `county`.
    pub(super) fn located(&self, county: &str, township: &str) -> &[&'a Project] {
        self.counties.get(county).and_then(|c| c.located.get(township)).map_or(&[], Vec::as_slice)
    }

    /// The projects and the cases that name advisory group `id`.
    pub(super) fn served_by(&self, id: &str) -> (&[&'a Project], &[&'a Case]) {
        self.served_by.get(id).map_or((&[], &[]), |(p, c)| (p.as_slice(), c.as_slice()))
    }
}

/// The announcements published by `today` (dated on or before it), oldest
/// first: one prepared for a later day is not out yet, so no page shows it.
pub(super) fn published(content: &Content, today: NaiveDate) -> Vec<&Announcement> {
    let mut out: Vec<&Announcement> = content.announcements.iter().filter(|a| *a.date <= today).collect();
    out.sort_by(|a, b| a.date.value.cmp(&b.date.value).then_with(|| a.id.value.cmp(&b.id.value)));
    out
}
