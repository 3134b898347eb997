//! The site model: every page of `docs/urls.md`, its URL and its data.
//!
//! Pure: takes the checked [`Content`] and `--today`, returns a
//! [`SiteModel`] whose pages are sorted by path. No I/O, no templates; the
//! render stage turns each [`Page`] into HTML with the template its data
//! calls for, and writes the feeds, open data and search index from what the
//! model says of them: it never sees the content.
//!
//! What is derived from the content (statuses, rows, who serves what) is
//! derived once, in `facts`. Each kind of page has its own file and builder:
//! `home` (首页, 公示公告), `lists` (项目库), `project` and `notice_print`
//! (with `works` and `works_print`: the 绩效目标表, photos, 项目公示牌 and 竣工公告),
//! `county` (with `chart`), `warehouse` (a county's year), `announcement`
//! (项目库公告, with the 明细表 rows of `detail`), `asset` (资产台账), `group`, `stories` (cases,
//! free pages) and `opendata`; the rows several of them list are in `rows`. Sibling files never import each
//! other both ways.

mod announcement;
pub mod asset;
mod chart;
mod county;
mod detail;
pub mod display;
mod facts;
pub mod feed;
mod group;
pub mod history;
mod home;
mod inputs;
pub mod keyed;
mod lists;
mod money;
mod notice_print;
pub mod opendata;
pub mod page;
mod plan;
mod plan_year;
pub mod portal;
pub mod project;
mod rows;
mod stories;
pub mod summary;
pub mod url;
mod warehouse;
pub mod works;
pub mod works_print;

pub use inputs::InputKey;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::domain::site::Portal;
use crate::domain::{Case, Content, Group, Keyword, Project, Site, Status};

pub use announcement::{AnnouncementView, Attachment, AttachmentFormat};
pub use chart::{Chart, ChartRow};
pub use detail::{Cell, DetailTable, Sheet};
pub use group::GroupView;
pub use notice_print::PrintNoticeView;
pub use page::{Link, Section, Template};
pub use plan::PlanDocView;
pub use stories::CaseView;

/// What every page shares: header, navigation and footer.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCommon {
    /// 网站名称.
    pub title: String,
    /// `base_url`, ending in `/`.
    pub base_url: String,
    /// `lang` attribute.
    pub language: String,
    /// 页面底部功能区, as `site.yaml` writes it.
    pub portal: Portal,
    /// What the header and footer derive from it: government name, image
    /// paths, filing lookups (flattened: `site.government`, `site.icp_url` …).
    #[serde(flatten)]
    pub header_footer: portal::PortalView,
    /// 监督举报电话 to show: 12317 first, always ([`portal::phones`]).
    pub phones: Vec<portal::PhoneLine>,
    /// 异议受理 and the feedback channels besides the phones ([`portal::objections`]).
    pub objections: portal::ObjectionsView,
    /// Free pages, for the footer.
    pub pages: Vec<Link>,
    /// The as-of day.
    pub today: display::DateView,
}

/// One output page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Path relative to the site root, ending in `/` (empty for the home page).
    pub path: String,
    /// Relative prefix back to the site root.
    pub root: String,
    /// The template, which follows from `data`.
    pub template: Template,
    /// Unique `<title>` (without the site name).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Which navigation item is current; follows from the template.
    pub section: Section,
    /// Breadcrumb trail above the heading, after 首页 and excluding the page
    /// itself. Its first link is always the section's page (see [`Page::new`]).
    pub crumbs: Vec<Link>,
    /// The page's own data (given to templates as `data`, not under `page`).
    #[serde(skip)]
    pub data: PageData,
}

impl Page {
    /// The page at `path` of a site titled `site_title` at `base_url`.
    pub(crate) fn new(
        (site_title, base_url): (&str, &str),
        path: &str,
        title: &str,
        mut crumbs: Vec<Link>,
        data: PageData,
    ) -> Page {
        let template = data.template();
        let section = template.section();
        // The navigation marks the section and the breadcrumb starts with it,
        // so the two always agree: a page below a section's own page is
        // given that page as its first crumb here, not by each builder.
        if let Some((title, section_path)) = section.page()
            && path != section_path
            && !section_path.is_empty()
        {
            crumbs.insert(0, Link::new(title, section_path.to_owned()));
        }
        Page {
            path: path.to_owned(),
            root: url::root_of(path),
            template,
            title: title.to_owned(),
            description: format!("{site_title}：{title}"),
            canonical: url::absolute(base_url, path),
            section,
            crumbs,
            data,
        }
    }

    /// The file the page is written to, relative to the output folder:
    /// `<path>index.html`, but `404.html` for the 404 page, which servers
    /// look for there.
    pub fn file(&self) -> String {
        match self.data {
            PageData::NotFound => "404.html".to_owned(),
            _ => format!("{}index.html", self.path),
        }
    }
}

/// The data of one page, by kind. Serialized without a tag: a template sees
/// the fields of its own variant under `data`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PageData {
    /// `/`.
    Home(Box<home::HomeView>),
    /// `/notices/`.
    Notices(home::NoticesView),
    /// `/projects/…` lists.
    ProjectList(lists::ProjectListView),
    /// `/projects/<id>/` (the view is shared with its printable notices).
    Project(std::sync::Arc<project::ProjectView>),
    /// `/projects/<id>/notice/<level>/`.
    PrintNotice(Box<notice_print::PrintNoticeView>),
    /// `/projects/<id>/sign/`: the 项目公示牌.
    Sign(Box<works_print::SignView>),
    /// `/projects/<id>/completion/`: the 竣工公告.
    Completion(Box<works_print::CompletionView>),
    /// `/counties/<id>/`.
    County(Box<county::CountyView>),
    /// `/counties/<id>/warehouse/<year>/`.
    Warehouse(warehouse::WarehouseView),
    /// `/counties/<id>/warehouse/<year>/<announcement>/`.
    Announcement(Box<announcement::AnnouncementView>),
    /// `/counties/<id>/townships/<tid>/`.
    Township(county::TownshipView),
    /// `/counties/<id>/assets/`.
    Assets(Box<asset::AssetsView>),
    /// `/counties/<id>/plan/<year>/`.
    PlanYear(plan_year::PlanYearView),
    /// `/counties/<id>/plan/<year>/<document>/`.
    PlanDoc(Box<plan::PlanDocView>),
    /// `/groups/`.
    Groups(group::GroupsView),
    /// `/groups/<id>/`.
    Group(Box<group::GroupView>),
    /// `/cases/`.
    Cases(stories::CasesView),
    /// `/cases/<id>/` (Markdown rendered by the render stage).
    Case(Box<stories::CaseView>),
    /// `/pages/<id>/`.
    FreePage(stories::FreePageView),
    /// `/data/`: the open data and its dictionary (数据说明).
    Data(opendata::DataView),
    /// `/search/`: no data of its own.
    Search,
    /// `/404.html`: no data of its own.
    NotFound,
}

impl PageData {
    /// The template that reads this data.
    pub fn template(&self) -> Template {
        match self {
            PageData::Home(_) => Template::Home,
            PageData::Notices(_) => Template::Notices,
            PageData::ProjectList(_) => Template::ProjectList,
            PageData::Project(_) => Template::Project,
            PageData::PrintNotice(_) => Template::PrintNotice,
            PageData::Sign(_) => Template::Sign,
            PageData::Completion(_) => Template::Completion,
            PageData::County(_) => Template::County,
            PageData::Warehouse(_) => Template::Warehouse,
            PageData::Announcement(_) => Template::Announcement,
            PageData::Township(_) => Template::Township,
            PageData::Assets(_) => Template::Assets,
            PageData::PlanYear(_) => Template::PlanYear,
            PageData::PlanDoc(_) => Template::PlanDoc,
            PageData::Groups(_) => Template::Groups,
            PageData::Group(_) => Template::Group,
            PageData::Cases(_) => Template::Cases,
            PageData::Case(_) => Template::Case,
            PageData::FreePage(_) => Template::FreePage,
            PageData::Data(_) => Template::Data,
            PageData::Search => Template::Search,
            PageData::NotFound => Template::NotFound,
        }
    }
}

/// The whole site: the shared parts, every page but the projects' own, and
/// the projects, whose pages are built on demand.
///
/// A project's page and its printable notices are nineteen in twenty of a
/// site's pages. Held all at once they grew the model with the site (1.5 GB
/// at 50,000 projects); built per project as they are rendered, only the
/// pages being rendered are in memory.
pub struct SiteModel<'a> {
    /// Header and footer data.
    pub common: SiteCommon,
    /// Every page except the projects' pages and printable notices, sorted by path.
    pub pages: Vec<Page>,
    /// The 404 page (written as `/404.html`, not `<path>/index.html`).
    pub not_found: Page,
    model: Model<'a>,
    /// Every project, in the order of its page path.
    projects: Vec<ProjectHandle<'a>>,
    /// What the pages are made from ([`inputs`]).
    inputs: inputs::Inputs,
    /// Each project's input key, made once: the render, the whole site's
    /// key and the open data each ask for all of them. By the record's
    /// address, which is its identity while the content is borrowed.
    project_keys: foldhash::HashMap<usize, InputKey>,
}

/// One project of the site, to ask the model for its pages
/// ([`SiteModel::project_pages`]). Opaque: what is shown of a project is in
/// its pages' views, never read from its record outside `site`.
#[derive(Clone, Copy)]
pub struct ProjectHandle<'a>(&'a Project);

impl<'a> SiteModel<'a> {
    /// Every project, in the order of its page path.
    pub fn projects(&self) -> &[ProjectHandle<'a>] {
        &self.projects
    }

    /// The pages of project `p`, sorted by path: its page, then its
    /// printable notices, all sharing one view of the project.
    pub fn project_pages(&self, p: &ProjectHandle<'_>) -> Vec<Page> {
        let (m, ProjectHandle(p)) = (&self.model, *p);
        let view = std::sync::Arc::new(project::project_view(m, p));
        let mut pages = notice_print::print_notice_pages(m, p, &view);
        pages.extend(works_print::works_print_pages(m, p, &view));
        let (path, name) = (view.url.clone(), view.name.clone());
        let mut page = m.page(&path, &name, vec![], PageData::Project(view));
        page.description = format!("{}：{}的公开信息、公示和审定入库情况", m.site.title, p.name);
        pages.push(page);
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        pages
    }

    /// The digest of everything `p`'s pages and search records are made
    /// from (see [`inputs`]): equal keys, equal pages.
    pub fn project_inputs(&self, p: &ProjectHandle<'_>) -> InputKey {
        self.inputs_of(p.0)
    }

    /// The input key of `p`, one of the content's projects.
    fn inputs_of(&self, p: &Project) -> InputKey {
        match self.project_keys.get(&std::ptr::from_ref(p).addr()) {
            Some(key) => *key,
            None => self.inputs.project(self.model.content, p),
        }
    }

    /// The digest of everything the site is made from (see [`inputs`]).
    pub fn site_inputs(&self) -> InputKey {
        self.inputs.site(self.projects.iter().map(|p| self.inputs_of(p.0)))
    }

    /// The path of `p`'s page, which names the project's pages as a group.
    pub fn project_path(&self, p: &ProjectHandle<'_>) -> String {
        url::project(&p.0.id)
    }

    /// Every open-data record (see [`opendata::OpenData`]).
    pub fn open_data(&self) -> opendata::OpenData<'a> {
        opendata::open_data(&self.model)
    }

    /// The input digest of each of `data`'s projects, in its order (see
    /// [`SiteModel::project_inputs`]): a project's open-data record is made
    /// from what its pages are.
    pub fn open_data_inputs(&self, data: &opendata::OpenData<'_>) -> Vec<InputKey> {
        data.projects.iter().map(|e| self.inputs_of(e.project())).collect()
    }

    /// The Atom feeds, built when asked for: they choose among every project.
    pub fn feeds(&self) -> Vec<feed::Feed> {
        feed::feeds(&self.model)
    }

    /// The path of every page but the 404 page, sorted, without building
    /// the project pages.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.pages.iter().map(|p| p.path.clone()).collect();
        for &ProjectHandle(p) in &self.projects {
            paths.push(url::project(&p.id));
            paths.extend(p.printed_notices().map(|n| url::notice(&p.id, n.level.key())));
            paths.extend(works_print::paths(&self.model, p));
        }
        paths.par_sort_unstable();
        paths
    }
}

/// Builds the site model from checked content as of `today`: content
/// without errors, since a build goes on only then (the pipeline makes the
/// model while the rules run, and drops it when they find one).
pub fn build<'a>(content: &'a Content, site: &'a Site, today: NaiveDate) -> SiteModel<'a> {
    let inputs = inputs::Inputs::of(content, site, today);
    let model = Model {
        content,
        site,
        today,
        facts: facts::Facts::derive(content, &site.rules, today),
        assets: asset::Ledger::of(content, today),
    };
    // The builders are independent: each runs on its own rayon task.
    let builders: [&Builder; 11] = [
        &|m, v| home::home(m, v),
        &|m, v| home::notices(m, v),
        &|m, v| lists::project_lists(m, v),
        &|m, v| county::counties(m, v),
        &|m, v| announcement::announcements(m, v),
        &|m, v| plan::plan_docs(m, v),
        &|m, v| plan_year::plan_years(m, v),
        &|m, v| m.groups(v),
        &|m, v| stories::cases(m, v),
        &|m, v| stories::free_pages(m, v),
        &|m, v| opendata::data_page(m, v),
    ];
    let mut pages: Vec<Page> = builders
        .par_iter()
        .flat_map_iter(|build| {
            let mut v = Vec::new();
            build(&model, &mut v);
            v
        })
        .collect();
    pages.push(model.page("search/", "全文搜索", vec![], PageData::Search));
    pages.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut not_found = model.page("", "页面未找到", vec![], PageData::NotFound);
    // 404.html is served in place of any missing path, at any depth, so a
    // relative prefix cannot work there: it alone links through `base_url`.
    not_found.canonical = url::absolute(&site.base_url, "404.html");
    not_found.root = site.base_url.clone();
    let mut free: Vec<_> = content.pages.iter().collect();
    free.sort_by_key(|p| (p.order.unwrap_or(i64::MAX), p.id.value.clone()));
    let common = SiteCommon {
        title: site.title.clone(),
        base_url: site.base_url.clone(),
        language: site.language.clone(),
        portal: site.portal.clone(),
        header_footer: portal::view(site, content),
        phones: portal::phones(site),
        objections: portal::objections(site),
        pages: free.iter().map(|p| Link::new(&p.title, url::page(&p.id))).collect(),
        today: display::date(today),
    };
    let mut projects: Vec<ProjectHandle<'_>> = content.projects.iter().map(|p| ProjectHandle(p)).collect();
    projects.par_sort_by_cached_key(|p| url::project(&p.0.id));
    // By the address of the project itself (not of its `Arc` in the list),
    // which is what `inputs_of` is given.
    let project_keys =
        content.projects.par_iter().map(|p| (std::sync::Arc::as_ptr(p).addr(), inputs.project(content, p))).collect();
    SiteModel { common, pages, not_found, model, projects, inputs, project_keys }
}

/// One group of pages, added to the list.
type Builder = dyn Fn(&Model<'_>, &mut Vec<Page>) + Sync;

/// What every page builder reads: the content, the day and what is derived
/// from them once.
pub(crate) struct Model<'a> {
    pub(crate) content: &'a Content,
    pub(crate) site: &'a Site,
    pub(crate) today: NaiveDate,
    facts: facts::Facts<'a>,
    /// 帮扶项目资产 as of `today`, by project and county.
    pub(crate) assets: asset::Ledger<'a>,
}

impl Model<'_> {
    /// The derived status of `p`.
    pub(crate) fn status(&self, p: &Project) -> Status {
        self.facts.status(p)
    }

    /// The list row of `p`, made once per build and shared by every list
    /// that shows it.
    pub(crate) fn project_row(&self, p: &Project) -> std::sync::Arc<keyed::Keyed<project::ProjectRow>> {
        self.facts
            .row(p)
            .unwrap_or_else(|| std::sync::Arc::new(keyed::Keyed::new(project::row(self.content, p, self.status(p)))))
    }

    /// The Chinese name of a type key.
    pub(crate) fn type_name(&self, key: &str) -> String {
        project::type_name(self.content, key)
    }

    /// Warehoused-or-later projects, newest first (by 入库 date, then id).
    pub(crate) fn warehoused(&self) -> &[&Project] {
        &self.facts.warehoused
    }

    /// Warehoused-or-later projects of county `id`, in the same order.
    pub(crate) fn warehoused_in(&self, county: &str) -> &[&Project] {
        self.facts.warehoused_in(county)
    }

    /// The cases that name project `id`, in content order.
    pub(crate) fn cases_of(&self, id: &str) -> &[&Case] {
        self.facts.cases_of(id)
    }

    /// The announcements published by the build date, oldest first.
    pub(crate) fn announcements(&self) -> Vec<&crate::domain::Announcement> {
        facts::published(self.content, self.today)
    }

    /// The published announcements that list project `id`, oldest first.
    pub(crate) fn announcements_of(&self, id: &str) -> &[&crate::domain::Announcement] {
        self.facts.announcements_of(id)
    }

    /// The projects and the cases that name advisory group `id`, in content order.
    pub(crate) fn served_by(&self, id: &str) -> (&[&Project], &[&Case]) {
        self.facts.served_by(id)
    }

    /// The project with this id.
    pub(crate) fn project(&self, id: &str) -> Option<&Project> {
        self.content.project(id)
    }

    /// The group with this id.
    pub(crate) fn group(&self, id: &str) -> Option<&Group> {
        self.content.group(id)
    }

    /// The projects located in township `township` of `county`.
    pub(crate) fn located(&self, county: &str, township: &str) -> &[&Project] {
        self.facts.located(county, township)
    }

    /// A page of this site at `path` (see [`Page::new`]).
    pub(crate) fn page(&self, path: &str, title: &str, crumbs: Vec<Link>, data: PageData) -> Page {
        Page::new((&self.site.title, &self.site.base_url), path, title, crumbs, data)
    }
}
