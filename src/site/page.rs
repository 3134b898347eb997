//! What a page is made of besides its data: links, the navigation item it
//! belongs to and the template it is rendered with.
//!
//! The template and the section are never named by a builder: both are
//! derived from the page's data (`PageData::template`, [`Template::section`]),
//! so a page cannot be given a template that does not read its data, nor a
//! navigation item its breadcrumb contradicts. Depends on no sibling, so
//! every page kind can use it.

use serde::Serialize;

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
/// per `PageData` variant. Serialized as its file name (`project.html`).
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
    /// `sign.html`.
    Sign,
    /// `completion.html`.
    Completion,
    /// `county.html`.
    County,
    /// `warehouse.html`.
    Warehouse,
    /// `announcement.html`.
    Announcement,
    /// `township.html`.
    Township,
    /// `assets.html`.
    Assets,
    /// `plan_year.html`.
    PlanYear,
    /// `plan.html`.
    PlanDoc,
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
    pub const ALL: [Template; 22] = [
        Template::Home,
        Template::Notices,
        Template::ProjectList,
        Template::Project,
        Template::PrintNotice,
        Template::Sign,
        Template::Completion,
        Template::County,
        Template::Warehouse,
        Template::Announcement,
        Template::Township,
        Template::Assets,
        Template::PlanYear,
        Template::PlanDoc,
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
            Template::Sign => "sign.html",
            Template::Completion => "completion.html",
            Template::County => "county.html",
            Template::Warehouse => "warehouse.html",
            Template::Announcement => "announcement.html",
            Template::Township => "township.html",
            Template::Assets => "assets.html",
            Template::PlanYear => "plan_year.html",
            Template::PlanDoc => "plan.html",
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
            | Template::Sign
            | Template::Completion
            | Template::County
            | Template::Warehouse
            | Template::Announcement
            | Template::Township
            | Template::Assets
            | Template::PlanYear
            | Template::PlanDoc
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_its_own_file() {
        let mut files: Vec<&str> = Template::ALL.iter().map(|t| t.file()).collect();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), Template::ALL.len());
        assert!(!files.contains(&"base.html"), "base.html is extended, never a page's own template");
    }

    #[test]
    fn a_template_serializes_as_its_file_name() {
        assert_eq!(serde_json::to_string(&Template::PrintNotice).unwrap(), "\"notice.html\"");
        assert_eq!(Template::NotFound.section(), Section::None);
        assert_eq!(Template::Data.section(), Section::Projects);
    }
}
