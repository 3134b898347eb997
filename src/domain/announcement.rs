//! 项目库公告: a county's warehouse announcement, an official document with a
//! date, a number and an issuer. Once published it does not change, so
//! everything its page shows is read as of its date (see
//! [`Project::as_of`](super::Project::as_of)).

use chrono::NaiveDate;

use super::keyword::keyword;
use super::{At, SourcePath};

keyword! {
    /// What an announcement announces.
    AnnouncementKind {
        Entry = "entry" / "入库",
        Adjustment = "adjustment" / "调整",
        Removal = "removal" / "调出",
    }
}

/// One announcement file (`content/announcements/**/*.yaml`).
#[derive(Debug, Clone)]
pub struct Announcement {
    /// Source file.
    pub path: SourcePath,
    /// Permanent id (URL segment).
    pub id: At<String>,
    /// County id.
    pub county: At<String>,
    /// 项目库 year.
    pub year: At<i32>,
    /// 公告类型.
    pub kind: At<AnnouncementKind>,
    /// 标题, when the county's own differs from the derived one.
    pub title: Option<String>,
    /// 文号, printed as written.
    pub doc_no: Option<String>,
    /// 发布日期 (成文日期).
    pub date: At<NaiveDate>,
    /// 发布机构 (落款).
    pub issuer: String,
    /// 索引号 as the portal assigned it; else from `site.yaml`'s pattern.
    pub index_no: Option<String>,
    /// 正文 before the list, as written.
    pub preamble: Option<String>,
    /// 新增入库项目 chosen by their approval document (批复文号).
    pub approval_doc: Option<At<String>>,
    /// 新增入库项目, listed.
    pub projects: Vec<At<String>>,
    /// 调出项目.
    pub moved_out: Vec<At<String>>,
    /// 变更项目.
    pub changed: Vec<At<String>>,
    /// 异议截止日期; else `rules.objection_working_days` after `date`.
    pub objections_until: Option<At<NaiveDate>>,
}

impl Announcement {
    /// The title: as written, else 「<county><year>年度<warehouse><kind>公告」
    /// with the warehouse's name of the announcement's year.
    pub fn title(&self, county_name: &str, terms: &super::terms::Terms) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let what = match *self.kind {
            AnnouncementKind::Entry => "入库项目",
            AnnouncementKind::Adjustment => "调整",
            AnnouncementKind::Removal => "调出项目",
        };
        let year = *self.year;
        format!("{county_name}{year}年度{}{what}公告", terms.for_year(year).warehouse)
    }
}
