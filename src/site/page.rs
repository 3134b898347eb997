//! One output page: its path, head and breadcrumb, its data by kind, and
//! the template and navigation item that follow from the kind.
//!
//! The template and the section are never named by a builder: both are
//! derived from the [`PageData`] variant ([`PageData::template`],
//! [`Template::section`]), so a page cannot be given a template that does
//! not read its data, nor a navigation item its breadcrumb contradicts.

use serde::Serialize;

use super::{county, group, home, lists, notice_print, opendata, project, stories, url};

/// A titled link to another page (path relative to the site root).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Link {
    /// Text.
    pub title: String,
    /// Site-relative path.
    pub url: String,
}

impl Link {
    /// A link to `url` reading `title`.
    pub fn new(title: &str, url: String) -> Self {
        Link { title: title.to_owned(), url }
    }
}

/// The navigation item a page belongs to (marked `aria-current` in the
/// header). Serialized as its key: `home`, `notices`, `projects`, `groups`,
/// `cases`, `search`, or `none` for pages outside the navigation (free pages,
/// the 404 page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// 首页.
    Home,
    /// 公示公告.
    Notices,
    /// 项目库: the lists, projects, their printable notices and the county pages.
    Projects,
    /// 产业顾问组.
    Groups,
    /// 典型案例.
    Cases,
    /// 搜索.
    Search,
    /// Not in the navigation.
    None,
}

impl Section {
    /// The navigation item's text and the path of its page; `None` outside the navigation.
    pub fn page(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Section::Home => ("首页", ""),
            Section::Notices => ("公示公告", "notices/"),
            Section::Projects => ("项目库", "projects/"),
            Section::Groups => ("产业顾问组", "groups/"),
            Section::Cases => ("典型案例", "cases/"),
            Section::Search => ("搜索", "search/"),
            Section::None => return None,
        })
    }
}

/// A theme template a page is rendered with: one per kind of page, so one
/// per [`PageData`] variant. Serialized as its file name (`project.html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Template {
    /// `index.html`.
    Home,
    /// `notices.html`.
    Notices,
    /// `projects.html`.
    ProjectList,
    /// `project.html`.
    Project,
    /// `notice.html`.
    PrintNotice,
    /// `county.html`.
    County,
    /// `warehouse.html`.
    Warehouse,
    /// `township.html`.
    Township,
    /// `groups.html`.
    Groups,
    /// `group.html`.
    Group,
    /// `cases.html`.
    Cases,
    /// `case.html`.
    Case,
    /// `page.html`.
    FreePage,
    /// `data.html`.
    Data,
    /// `search.html`.
    Search,
    /// `404.html`.
    NotFound,
}

impl Template {
    /// Every template a page can name, so a theme is checked for all of
    /// them before anything renders.
    pub const ALL: [Template; 16] = [
        Template::Home,
        Template::Notices,
        Template::ProjectList,
        Template::Project,
        Template::PrintNotice,
        Template::County,
        Template::Warehouse,
        Template::Township,
        Template::Groups,
        Template::Group,
        Template::Cases,
        Template::Case,
        Template::FreePage,
        Template::Data,
        Template::Search,
        Template::NotFound,
    ];

    /// The file name in the theme's `templates/`.
    pub fn file(self) -> &'static str {
        match self {
            Template::Home => "index.html",
            Template::Notices => "notices.html",
            Template::ProjectList => "projects.html",
            Template::Project => "project.html",
            Template::PrintNotice => "notice.html",
            Template::County => "county.html",
            Template::Warehouse => "warehouse.html",
            Template::Township => "township.html",
            Template::Groups => "groups.html",
            Template::Group => "group.html",
            Template::Cases => "cases.html",
            Template::Case => "case.html",
            Template::FreePage => "page.html",
            Template::Data => "data.html",
            Template::Search => "search.html",
            Template::NotFound => "404.html",
        }
    }

    /// The navigation item of the pages of this kind. 开放数据 publishes the
    /// project warehouse, so it sits under 项目库 with the county pages.
    pub fn section(self) -> Section {
        match self {
            Template::Home => Section::Home,
            Template::Notices => Section::Notices,
            Template::ProjectList
            | Template::Project
            | Template::PrintNotice
            | Template::County
            | Template::Warehouse
            | Template::Township
            | Template::Data => Section::Projects,
            Template::Groups | Template::Group => Section::Groups,
            Template::Cases | Template::Case => Section::Cases,
            Template::Search => Section::Search,
            Template::FreePage | Template::NotFound => Section::None,
        }
    }
}

impl Serialize for Template {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.file())
    }
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
    /// `/counties/<id>/`.
    County(Box<county::CountyView>),
    /// `/counties/<id>/warehouse/<year>/`.
    Warehouse(county::WarehouseView),
    /// `/counties/<id>/townships/<tid>/`.
    Township(county::TownshipView),
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
            PageData::County(_) => Template::County,
            PageData::Warehouse(_) => Template::Warehouse,
            PageData::Township(_) => Template::Township,
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
