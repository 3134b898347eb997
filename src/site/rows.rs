//! The rows that lists on several kinds of page share: a notice (home,
//! 公示公告, county and township pages) and a case (home, 典型案例, county
//! pages), with the selections those pages make of them.

use serde::Serialize;

use super::display::{self, DateView};
use super::{Link, Model, url};
use crate::domain::status::NoticeState;
use crate::domain::{Case, Keyword, Notice, Project, date};

/// How long an ended notice stays on 公示公告 (docs/urls.md: "ended in the last 90 days").
pub(crate) const ENDED_LISTED_DAYS: i64 = 90;

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

/// ended in the last [`ENDED_LISTED_DAYS`] days).
pub(super) fn notice_rows(
    m: &Model<'_>,
    keep: impl Fn(&Project) -> bool,
) -> (Vec<NoticeRow>, Vec<NoticeRow>, Vec<NoticeRow>) {
    let (mut running, mut upcoming, mut ended) = (Vec::new(), Vec::new(), Vec::new());
    for p in m.content.projects.iter().filter(|p| keep(p)) {
        // A withdrawn or rejected project's notice no longer runs, nor will.
        let is_closed = p.closure().is_some_and(|(c, _)| *c.date <= m.today);
        for n in &p.notices {
            let row = || notice_row(m, p, n);
            match NoticeState::on(*n.start, *n.end, m.today) {
                NoticeState::Upcoming | NoticeState::Running if is_closed => {}
                NoticeState::Upcoming => upcoming.push(row()),
                NoticeState::Running => running.push(row()),
                NoticeState::Ended if date::days_between(*n.end, m.today) <= ENDED_LISTED_DAYS => ended.push(row()),
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
pub(super) fn notice_row(m: &Model<'_>, p: &Project, n: &Notice) -> NoticeRow {
    NoticeRow {
        project: Link::new(&p.name, url::project(&p.id)),
        print_url: url::notice(&p.id, n.level.key()),
        level: n.level.label(),
        issuer: n.issuer.clone(),
        start: display::date(*n.start),
        end: display::date(*n.end),
        days_left: super::summary::days_left(*n.end, m.today),
        days_until: date::days_between(m.today, *n.start),
    }
}

/// The rows of the cases `keep` accepts, newest first.
pub(super) fn case_rows(m: &Model<'_>, keep: impl Fn(&Case) -> bool) -> Vec<CaseRow> {
    let mut cases: Vec<_> = m.content.cases.iter().filter(|c| keep(c)).collect();
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
