//! The printable notice (`/projects/<id>/notice/<level>/`): the A4 page a
//! county clerk prints and posts on the board (固定公开栏), then stamps with
//! the seal over the issuer and date (落款).
//!
//! Every sentence the paper says beyond the project's fields is worded
//! here (the heading with its level, the day count in plain words, the
//! village notice a township notice follows, the short URL under the QR
//! code), so the template only places them. Pure, like the rest of `site`.

use std::sync::Arc;

use serde::Serialize;

use super::display;
use super::project::{NoticeView, ProjectView, notice_view};
use super::{Link, Model, Page, PageData, url};
use crate::domain::project::NoticeLevel;
use crate::domain::site::Counting;
use crate::domain::{Keyword, Notice, Project};

/// `/projects/<id>/notice/<level>/`: what the board shows.
#[derive(Debug, Clone, Serialize)]
pub struct PrintNoticeView {
    /// Heading naming the level (关于…的村级公示), so the village and the
    /// township notice of one project never read alike on the board.
    pub heading: String,
    /// The project (shared with its page and its other notices).
    pub project: Arc<ProjectView>,
    /// The notice.
    pub notice: NoticeView,
    /// The length of the 公示期 with the counting rule in plain words
    /// (`共 10 天（首日不计入）`), see `day_count`.
    pub day_count: String,
    /// On a township notice, the sentence saying the village notice ran and
    /// ended (see `village_notice_ran`); `None` on other levels or when
    /// the project has no village notice that ended before this one began.
    pub earlier_notice: Option<String>,
    /// The issuers of the 落款, one per line: a joint notice (联合公示)
    /// written `甲村村民委员会、乙村村民委员会` lists each on its own line.
    pub signers: Vec<String>,
    /// The absolute project URL the QR code encodes.
    pub qr_url: String,
    /// `qr_url` without its scheme, printed under the code on one line.
    pub short_url: String,
    /// 监督举报电话.
    pub phones: Vec<super::portal::PhoneLine>,
    /// The warehouse's name in the project's year (the notice's rules are
    /// that warehouse's).
    pub warehouse: String,
}

/// The printable notices of `p`: one per level, for the effective notice
/// of that level (a notice re-run after an upheld objection replaces the
/// first). `view` is the project's page view, shared with them.
pub(super) fn print_notice_pages(m: &Model<'_>, p: &Project, view: &Arc<ProjectView>) -> Vec<Page> {
    let qr_url = url::absolute(&m.site.base_url, &view.url);
    let short_url = url::without_scheme(&qr_url).to_owned();
    // Under its project, as its path is: 首页 › 项目库 (added by the page
    // builder for the section) › the project.
    let crumbs = vec![Link::new(&view.name, view.url.clone())];
    p.printed_notices()
        .map(|n| {
            let notice = notice_view(m, p, n);
            // The village notice this one followed: the latest that ended
            // before it began (a later one, e.g. for a change, is not it).
            let village = p
                .notices
                .iter()
                .filter(|v| v.level == NoticeLevel::Village && *v.end < *n.start)
                .max_by_key(|v| *v.start);
            let earlier_notice = match (n.level, village) {
                (NoticeLevel::Township, Some(v)) => village_notice_ran(v, n),
                _ => None,
            };
            let print = PrintNoticeView {
                heading: format!("关于{}的{}公示", view.name, n.level.label()),
                project: view.clone(),
                day_count: day_count(notice.days, m.site.rules.counting),
                notice,
                earlier_notice,
                signers: signers(&n.issuer),
                qr_url: qr_url.clone(),
                short_url: short_url.clone(),
                phones: super::portal::phones(m.site),
                warehouse: m.site.terms.for_year(*p.year).warehouse,
            };
            m.page(
                &url::notice(&view.id, n.level.key()),
                &format!("{}（{}公示）", view.name, n.level.label()),
                crumbs.clone(),
                PageData::PrintNotice(Box::new(print)),
            )
        })
        .collect()
}

/// `共 10 天（首日不计入）`: the days a notice ran, already counted under
/// `counting` (see [`display::notice_days`]), and how they were counted, in
/// words a villager reading the board understands rather than the rule's
/// name: under `civil` the posting day is not counted (民法典 Art. 201),
/// under `inclusive` both the first and the last day are.
pub fn day_count(days: i64, counting: Counting) -> String {
    let how = match counting {
        Counting::Civil => "首日不计入",
        Counting::Inclusive => "首尾两日均计入",
    };
    format!("共 {days} 天（{how}）")
}

/// The issuers named in `issuer`, split at the enumeration comma (、) that
/// joins those of a joint notice.
pub fn signers(issuer: &str) -> Vec<String> {
    issuer.split('、').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The sentence a township notice opens its case with: the village notice
/// `village` ran on its boards and its period ended
/// (`该项目已于2026年3月1日至2026年3月11日在白岩村村务公开栏进行村级公示，公示期满。`).
///
/// `None` unless `village` ended before `township` began: the village step
/// must be over before the township one starts (rule N-03, which `check`
/// reports), and the paper must not claim a period ended that had not.
pub fn village_notice_ran(village: &Notice, township: &Notice) -> Option<String> {
    if *village.end >= *township.start {
        return None;
    }
    let place = if village.boards.is_empty() { String::new() } else { format!("在{}", village.boards.join("、")) };
    Some(format!(
        "该项目已于{}至{}{place}进行村级公示，公示期满。",
        display::date_zh(*village.start),
        display::date_zh(*village.end),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{d, project};

    #[test]
    fn the_day_count_says_how_the_days_were_counted() {
        // 2026-03-01 to 2026-03-11: ten days after the posting day, eleven
        // counting both ends.
        let (s, e) = (d("2026-03-01"), d("2026-03-11"));
        let civil = day_count(display::notice_days(s, e, Counting::Civil), Counting::Civil);
        let inclusive = day_count(display::notice_days(s, e, Counting::Inclusive), Counting::Inclusive);
        assert_eq!(civil, "共 10 天（首日不计入）");
        assert_eq!(inclusive, "共 11 天（首尾两日均计入）");
    }

    #[test]
    fn a_joint_notice_is_signed_by_each_issuer_on_a_line() {
        assert_eq!(signers("青山村村民委员会"), vec!["青山村村民委员会"]);
        assert_eq!(signers("茶坪村村民委员会、雾里村村民委员会"), vec!["茶坪村村民委员会", "雾里村村民委员会"]);
    }

    #[test]
    fn a_township_notice_says_when_and_where_the_village_notice_ran() {
        let mut p =
            project("P-1").village(d("2026-03-01"), d("2026-03-11")).township(d("2026-03-12"), d("2026-03-22")).build();
        let said = |p: &Project| village_notice_ran(&p.notices[0], &p.notices[1]);
        assert_eq!(said(&p).as_deref(), Some("该项目已于2026年3月1日至2026年3月11日在公开栏进行村级公示，公示期满。"));
        p.notices[0].boards = vec!["白岩村村务公开栏".into(), "白岩村二组公开栏".into()];
        assert_eq!(
            said(&p).as_deref(),
            Some("该项目已于2026年3月1日至2026年3月11日在白岩村村务公开栏、白岩村二组公开栏进行村级公示，公示期满。")
        );
        // A village notice still running when the township one starts has not
        // ended: the paper says nothing rather than something untrue.
        p.notices[0].end.value = d("2026-03-12");
        assert_eq!(said(&p), None);
    }
}
