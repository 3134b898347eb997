//! Lists and simple pages: home, 公示公告, 项目库 (paginated, by year, by
//! type), project pages with their printable notices, cases and free pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::display::{self, DateView};
use super::project::ProjectRow;
use super::{Link, Model, Page, PageData, Section, url};
use crate::domain::status::NoticeState;
use crate::domain::story::{CaseResult, Image};
use crate::domain::{Case, Keyword, Notice, Project};

/// How long an ended notice stays on 公示公告 (spec/site.md: "ended in the last 90 days").
pub(crate) const ENDED_LISTED_DAYS: i64 = 90;

/// Rows of each short list on the home page.
const HOME_LIST_LEN: usize = 5;

/// `/`.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Notices running today.
    pub running: Vec<NoticeRow>,
    /// Newest warehoused projects.
    pub newest: Vec<Arc<ProjectRow>>,
    /// Newest cases.
    pub cases: Vec<CaseRow>,
    /// A one-county site's portal.
    pub county: Option<super::county::CountyView>,
}

/// A notice in a list.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeRow {
    /// The project.
    pub project: Link,
    /// The printable notice.
    pub print_url: String,
    /// 村级 …
    pub level: &'static str,
    /// Issuer.
    pub issuer: String,
    /// First day.
    pub start: DateView,
    /// Last day.
    pub end: DateView,
    /// Days left including today (running notices).
    pub days_left: i64,
    /// Days until it starts (upcoming notices).
    pub days_until: i64,
}

/// `/notices/`.
#[derive(Debug, Clone, Serialize)]
pub struct NoticesView {
    /// Running as of today.
    pub running: Vec<NoticeRow>,
    /// Starting later.
    pub upcoming: Vec<NoticeRow>,
    /// Ended in the last 90 days.
    pub ended: Vec<NoticeRow>,
}

/// A paginated project list.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectListView {
    /// Heading.
    pub heading: String,
    /// This page's rows.
    pub projects: Vec<Arc<ProjectRow>>,
    /// Number of projects in the whole list.
    pub count: usize,
    /// Pager.
    pub pager: Pager,
    /// Year filters.
    pub years: Vec<Link>,
    /// Type filters.
    pub types: Vec<Link>,
}

/// Page links of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// Current page, 1-based.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// The page links shown: the first, the last and those near the
    /// current one (see [`pager_window`]).
    pub pages: Vec<PagerItem>,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
}

/// One page link.
#[derive(Debug, Clone, Serialize)]
pub struct PagerItem {
    /// Number.
    pub number: usize,
    /// Path.
    pub url: String,
    /// Whether it is the current page.
    pub is_current: bool,
    /// Whether pages are left out before this one (printed as …).
    pub gap_before: bool,
}

/// Pages on each side of the current one that the pager links.
const PAGER_NEAR: usize = 2;

/// The page numbers a pager shows on page `current` of `total`: the first,
/// the last and [`PAGER_NEAR`] either side of the current one. Linking every
/// page made each list page grow with the list, so the lists as a whole grew
/// with its square (2,500 links on each of 2,500 pages at 50,000 projects),
/// and nobody can use a row of 2,500 numbers anyway.
pub(crate) fn pager_window(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(PAGER_NEAR).max(1)..=(current + PAGER_NEAR).min(total);
    let mut pages: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(total)).collect();
    pages.dedup();
    pages
}

fn pager_items(base: &str, current: usize, total: usize) -> Vec<PagerItem> {
    let mut prev = 0;
    pager_window(current, total)
        .into_iter()
        .map(|i| {
            let gap_before = i > prev + 1;
            prev = i;
            PagerItem { number: i, url: url::list_page(base, i), is_current: i == current, gap_before }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_shows_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(pager_window(1, 1), vec![1]);
        assert_eq!(pager_window(1, 2), vec![1, 2]);
        assert_eq!(pager_window(3, 5), vec![1, 2, 3, 4, 5]);
        assert_eq!(pager_window(1, 2500), vec![1, 2, 3, 2500]);
        assert_eq!(pager_window(6, 2500), vec![1, 4, 5, 6, 7, 8, 2500]);
        assert_eq!(pager_window(2500, 2500), vec![1, 2498, 2499, 2500]);
        // At most 2 + 2 × PAGER_NEAR + 1 links, whatever the list's length.
        assert!((1..=2500).all(|n| pager_window(n, 2500).len() <= 7));
    }

    #[test]
    fn a_gap_is_marked_before_a_page_that_does_not_follow_the_last_one_shown() {
        let items = pager_items("projects/", 6, 20);
        let shown: Vec<(usize, bool, bool)> = items.iter().map(|i| (i.number, i.gap_before, i.is_current)).collect();
        assert_eq!(
            shown,
            vec![
                (1, false, false),
                (4, true, false),
                (5, false, false),
                (6, false, true),
                (7, false, false),
                (8, false, false),
                (20, true, false)
            ]
        );
        assert_eq!(items[1].url, "projects/page/4/");
    }
}

/// A case in a list.
#[derive(Debug, Clone, Serialize)]
pub struct CaseRow {
    /// Link.
    pub link: Link,
    /// Year.
    pub year: i32,
    /// 产业.
    pub industry: String,
    /// 模式.
    pub mode: Option<String>,
    /// Published.
    pub published_on: DateView,
}

/// `/cases/`.
#[derive(Debug, Clone, Serialize)]
pub struct CasesView {
    /// By year, newest first; in a year by industry.
    pub years: Vec<CaseYear>,
    /// 先进团队 (outstanding groups).
    pub outstanding: Vec<Link>,
}

/// The cases of one year.
#[derive(Debug, Clone, Serialize)]
pub struct CaseYear {
    /// Year.
    pub year: i32,
    /// Cases.
    pub cases: Vec<CaseRow>,
}

/// `/cases/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    /// Title.
    pub title: String,
    /// County name.
    pub county: String,
    /// Township.
    pub township: Option<Link>,
    /// 产业.
    pub industry: String,
    /// 模式.
    pub mode: Option<String>,
    /// Year.
    pub year: i32,
    /// 批次.
    pub batch: Option<String>,
    /// Group.
    pub group: Option<Link>,
    /// Related projects.
    pub projects: Vec<Link>,
    /// 成效.
    pub results: Vec<CaseResult>,
    /// Images (paths relative to the site root).
    pub images: Vec<Image>,
    /// 来源.
    pub source: String,
    /// Published.
    pub published_on: DateView,
    /// Markdown source of the body (rendered and sanitized later).
    pub markdown: String,
}

/// `/pages/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct FreePageView {
    /// Title.
    pub title: String,
    /// Published.
    pub published_on: Option<DateView>,
    /// Markdown source.
    pub markdown: String,
}

impl Model<'_> {
    pub(super) fn home(&self, pages: &mut Vec<Page>) {
        let county = self.site.county.as_ref().and_then(|c| self.content.county(c)).map(|c| self.county_view(c));
        let view = HomeView {
            running: self.notice_rows(|_| true).0,
            // Short lists, each with a link to the rest: the home page on a
            // phone is a few screens, not thirty.
            newest: self.warehoused().iter().take(HOME_LIST_LEN).map(|p| self.project_row(p)).collect(),
            cases: self.case_rows(|_| true).into_iter().take(HOME_LIST_LEN).collect(),
            county,
        };
        pages.push(self.page("", "index.html", "首页", Section::Home, vec![], PageData::Home(Box::new(view))));
    }

    /// The notices of the projects `keep` accepts: (running, upcoming,
    /// ended in the last [`ENDED_LISTED_DAYS`] days).
    pub(super) fn notice_rows(
        &self,
        keep: impl Fn(&Project) -> bool,
    ) -> (Vec<NoticeRow>, Vec<NoticeRow>, Vec<NoticeRow>) {
        let (mut running, mut upcoming, mut ended) = (Vec::new(), Vec::new(), Vec::new());
        for p in self.content.projects.iter().filter(|p| keep(p)) {
            for n in &p.notices {
                let row = || self.notice_row(p, n);
                match NoticeState::on(*n.start, *n.end, self.today) {
                    NoticeState::Upcoming => upcoming.push(row()),
                    NoticeState::Running => running.push(row()),
                    NoticeState::Ended if (self.today - *n.end).num_days() <= ENDED_LISTED_DAYS => ended.push(row()),
                    NoticeState::Ended => {}
                }
            }
        }
        let key = |r: &NoticeRow| (r.start.iso.clone(), r.project.url.clone(), r.level);
        running.sort_by_key(|r| (r.end.iso.clone(), r.project.url.clone(), r.level));
        upcoming.sort_by_key(key);
        ended.sort_by_key(|r| std::cmp::Reverse(key(r)));
        (running, upcoming, ended)
    }

    /// The list row of notice `n` of `p`.
    pub(super) fn notice_row(&self, p: &Project, n: &Notice) -> NoticeRow {
        NoticeRow {
            project: Link::new(&p.name, url::project(&p.id)),
            print_url: url::notice(&p.id, n.level.key()),
            level: n.level.label(),
            issuer: n.issuer.clone(),
            start: display::date(*n.start),
            end: display::date(*n.end),
            days_left: super::summary::days_left(*n.end, self.today),
            days_until: (*n.start - self.today).num_days(),
        }
    }

    pub(super) fn notices(&self, pages: &mut Vec<Page>) {
        let (running, upcoming, ended) = self.notice_rows(|_| true);
        let view = NoticesView { running, upcoming, ended };
        pages.push(self.page(
            "notices/",
            "notices.html",
            "公示公告",
            Section::Notices,
            vec![],
            PageData::Notices(view),
        ));
    }

    pub(super) fn project_lists(&self, pages: &mut Vec<Page>) {
        let all = self.warehoused();
        let mut by_year: BTreeMap<i32, Vec<&Project>> = BTreeMap::new();
        let mut by_type: BTreeMap<String, Vec<&Project>> = BTreeMap::new();
        for &p in all {
            by_year.entry(*p.year).or_default().push(p);
            by_type.entry(p.project_type.value.clone()).or_default().push(p);
        }
        let years: Vec<Link> =
            by_year.keys().rev().map(|y| Link::new(&format!("{y}年度"), format!("projects/year/{y}/"))).collect();
        let types: Vec<Link> =
            by_type.keys().map(|k| Link::new(&self.type_name(k), format!("projects/type/{k}/"))).collect();
        let filters = (&years, &types);
        self.paginate(pages, "projects/", "项目库", all, filters);
        for (y, list) in &by_year {
            self.paginate(pages, &format!("projects/year/{y}/"), &format!("{y}年度项目库"), list, filters);
        }
        for (k, list) in &by_type {
            let heading = format!("项目库：{}", self.type_name(k));
            self.paginate(pages, &format!("projects/type/{k}/"), &heading, list, filters);
        }
    }

    fn paginate(
        &self,
        pages: &mut Vec<Page>,
        base: &str,
        heading: &str,
        list: &[&Project],
        f: (&Vec<Link>, &Vec<Link>),
    ) {
        let size = self.site.page_size.max(1);
        let total = list.len().div_ceil(size).max(1);
        // The lists hold every warehoused project three times (all, by year,
        // by type): the largest builder of the model, so its pages are made
        // in parallel.
        let made: Vec<Page> = (1..=total)
            .into_par_iter()
            .map(|n| {
                let path = url::list_page(base, n);
                let pager = Pager {
                    current: n,
                    total,
                    pages: pager_items(base, n, total),
                    prev: (n > 1).then(|| url::list_page(base, n - 1)),
                    next: (n < total).then(|| url::list_page(base, n + 1)),
                };
                let rows = list.iter().skip((n - 1) * size).take(size).map(|p| self.project_row(p)).collect();
                let view = ProjectListView {
                    heading: heading.to_owned(),
                    projects: rows,
                    count: list.len(),
                    pager,
                    years: f.0.clone(),
                    types: f.1.clone(),
                };
                let title = if n == 1 { heading.to_owned() } else { format!("{heading}（第{n}页）") };
                self.page(&path, "projects.html", &title, Section::Projects, vec![], PageData::ProjectList(view))
            })
            .collect();
        pages.extend(made);
    }

    /// A project's page and its printable notices.
    pub(super) fn project_pages(&self, p: &Project) -> Vec<Page> {
        let view = std::sync::Arc::new(self.project_view(p));
        let mut pages = self.print_notice_pages(p, &view);
        let (path, name) = (view.url.clone(), view.name.clone());
        let mut page = self.page(&path, "project.html", &name, Section::Projects, vec![], PageData::Project(view));
        page.description = format!("{}：{}的公开信息、公示和审定入库情况", self.site.title, p.name);
        pages.push(page);
        pages
    }

    /// The rows of the cases `keep` accepts, newest first.
    pub(super) fn case_rows(&self, keep: impl Fn(&Case) -> bool) -> Vec<CaseRow> {
        let mut cases: Vec<_> = self.content.cases.iter().filter(|c| keep(c)).collect();
        cases.sort_by(|a, b| b.published_on.cmp(&a.published_on).then_with(|| a.id.value.cmp(&b.id.value)));
        cases
            .iter()
            .map(|c| CaseRow {
                link: Link::new(&c.title, url::case(&c.id)),
                year: c.year,
                industry: c.industry.clone(),
                mode: c.mode.clone(),
                published_on: display::date(c.published_on),
            })
            .collect()
    }

    pub(super) fn cases(&self, pages: &mut Vec<Page>) {
        let mut years: BTreeMap<i32, Vec<CaseRow>> = BTreeMap::new();
        for r in self.case_rows(|_| true) {
            years.entry(r.year).or_default().push(r);
        }
        let years = years
            .into_iter()
            .rev()
            .map(|(year, mut cases)| {
                cases.sort_by(|a, b| a.industry.cmp(&b.industry).then_with(|| a.link.cmp(&b.link)));
                CaseYear { year, cases }
            })
            .collect();
        let outstanding = self.outstanding_groups();
        let view = CasesView { years, outstanding };
        pages.push(self.page("cases/", "cases.html", "典型案例", Section::Cases, vec![], PageData::Cases(view)));
        for c in &self.content.cases {
            let county = self.content.county(&c.county);
            let view = CaseView {
                title: c.title.clone(),
                county: county.map_or_else(String::new, |x| x.name.clone()),
                township: county
                    .zip(c.township.as_ref())
                    .and_then(|(x, t)| x.township(t).map(|t| Link::new(&t.name, url::township(&x.id, &t.id)))),
                industry: c.industry.clone(),
                mode: c.mode.clone(),
                year: c.year,
                batch: c.batch.clone(),
                group: c
                    .advisory_group
                    .as_ref()
                    .and_then(|g| self.group(g))
                    .map(|g| Link::new(&g.name, url::group(&g.id))),
                projects: c
                    .related_projects
                    .iter()
                    .filter_map(|id| self.project(id))
                    .map(|p| Link::new(&p.name, url::project(&p.id)))
                    .collect(),
                results: c.results.clone(),
                images: c.images.clone(),
                source: c.source.clone(),
                published_on: display::date(c.published_on),
                markdown: c.body.markdown.clone(),
            };
            pages.push(self.page(
                &url::case(&c.id),
                "case.html",
                &c.title,
                Section::Cases,
                vec![],
                PageData::Case(Box::new(view)),
            ));
        }
    }

    pub(super) fn free_pages(&self, pages: &mut Vec<Page>) {
        for p in &self.content.pages {
            let view = FreePageView {
                title: p.title.clone(),
                published_on: p.published_on.map(display::date),
                markdown: p.body.markdown.clone(),
            };
            pages.push(self.page(
                &url::page(&p.id),
                "page.html",
                &p.title,
                Section::None,
                vec![],
                PageData::FreePage(view),
            ));
        }
    }
}
