//! 首页 (`/`) and 公示公告 (`/notices/`): the notices running, starting and
//! lately ended, the newest projects and cases.

use std::sync::Arc;

use serde::Serialize;

use super::county::{CountyView, county_view};
use super::keyed::Keyed;
use super::project::ProjectRow;
use super::rows::{CaseRow, NoticeRow, case_rows, notice_rows};
use super::{Model, Page, PageData};

/// Rows of each short list on the home page.
const HOME_LIST_LEN: usize = 5;

/// `/`.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Notices running today.
    pub running: Vec<NoticeRow>,
    /// Newest warehoused projects.
    pub newest: Vec<Arc<Keyed<ProjectRow>>>,
    /// Newest cases.
    pub cases: Vec<CaseRow>,
    /// A one-county site's portal.
    pub county: Option<CountyView>,
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

pub(super) fn home(m: &Model<'_>, pages: &mut Vec<Page>) {
    let county = m.site.county.as_ref().and_then(|c| m.content.county(c)).map(|c| county_view(m, c));
    let view = HomeView {
        running: notice_rows(m, |_| true).0,
        // Short lists, each with a link to the rest: the home page on a
        // phone is a few screens, not thirty.
        newest: m.warehoused().iter().take(HOME_LIST_LEN).map(|p| m.project_row(p)).collect(),
        cases: case_rows(m, |_| true).into_iter().take(HOME_LIST_LEN).collect(),
        county,
    };
    pages.push(m.page("", "首页", vec![], PageData::Home(Box::new(view))));
}

/// The notices of the projects `keep` accepts: (running, upcoming,
pub(super) fn notices(m: &Model<'_>, pages: &mut Vec<Page>) {
    let (running, upcoming, ended) = notice_rows(m, |_| true);
    let view = NoticesView { running, upcoming, ended };
    pages.push(m.page("notices/", "公示公告", vec![], PageData::Notices(view)));
}
