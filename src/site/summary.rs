//! The first screen of a project page: where the project stands today in
//! plain words, the notice that matters now, the money and who benefits.
//!
//! A villager who scans the QR code on a board reads this on a 360 px phone
//! before anything else, so every sentence here is worked out from the dates
//! as of `--today` and is true on that day.

use chrono::NaiveDate;
use serde::Serialize;

use super::display::{self, DateView};
use crate::domain::project::{EventType, NoticeLevel};
pub use crate::domain::status::NoticeState;
use crate::domain::{Keyword, Notice, Project, Status};

/// The summary box at the top of a project page and of its printable
/// notice's screen view.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Status in plain words (村级公示中，还剩 6 天).
    pub headline: String,
    /// Whether a notice is running today (the box then asks for objections).
    pub is_running: bool,
    /// The notice that matters now: the running one, else the next one, else
    /// the last one that ran.
    pub notice: Option<SummaryNotice>,
    /// 资金总额 in 万元, when the project has a funding block.
    pub total: Option<String>,
    /// 受益对象 in one sentence.
    pub beneficiaries: String,
}

/// A notice period as the summary shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryNotice {
    /// 村级 …
    pub level: &'static str,
    /// First day.
    pub start: DateView,
    /// Last day.
    pub end: DateView,
    /// 公示中 / 未开始 / 已结束.
    pub state: &'static str,
}

/// Days left of a running notice, today included (one definition, in the domain).
pub use crate::domain::status::days_left;

/// The sentence about objections under a notice, true on `today`: a running
/// notice cannot yet say that none were received during the notice.
pub fn objection_sentence(state: NoticeState, has_objections: bool, today: NaiveDate) -> String {
    match (state, has_objections) {
        (NoticeState::Upcoming, _) => "公示尚未开始。".to_owned(),
        (NoticeState::Running, false) => {
            format!("公示进行中，截至{}未收到异议。", display::date_zh(today))
        }
        (NoticeState::Running, true) => {
            format!("公示进行中，截至{}收到的异议及处理情况如下。", display::date_zh(today))
        }
        (NoticeState::Ended, false) => "公示期间未收到异议。".to_owned(),
        (NoticeState::Ended, true) => "公示期间收到的异议及处理情况如下。".to_owned(),
    }
}

/// The summary of `p` with status `status` on `today`.
pub fn summary(p: &Project, status: Status, today: NaiveDate) -> Summary {
    let effective: Vec<&Notice> = [NoticeLevel::Village, NoticeLevel::Township, NoticeLevel::County]
        .iter()
        .filter_map(|l| p.effective_notice(*l))
        .collect();
    let on = |n: &Notice| NoticeState::on(*n.start, *n.end, today);
    // A project that has ended has no running or coming notice, whatever
    // the dates of a notice that was taken down say.
    let ended = status.is_closed();
    let on = |n: &Notice| if ended && on(n) != NoticeState::Ended { NoticeState::Ended } else { on(n) };
    let effective: Vec<&Notice> = effective.into_iter().filter(|n| !ended || *n.start <= today).collect();
    // The running notice (the latest-starting one if two levels overlap),
    // else the next to start, else the last to end.
    let running = effective.iter().filter(|n| on(n) == NoticeState::Running).max_by_key(|n| (*n.start, n.level));
    let next = effective.iter().filter(|n| on(n) == NoticeState::Upcoming).min_by_key(|n| (*n.start, n.level));
    let last = effective.iter().filter(|n| on(n) == NoticeState::Ended).max_by_key(|n| (*n.end, n.level));
    let shown = running.or(next).or(last).copied();
    let headline = headline(p, status, running.copied(), next.copied(), today);
    Summary {
        headline,
        is_running: running.is_some(),
        notice: shown.map(|n| SummaryNotice {
            level: n.level.label(),
            start: display::date(*n.start),
            end: display::date(*n.end),
            state: on(n).label(),
        }),
        total: p.funding.as_ref().map(|f| display::money(*f.total)),
        beneficiaries: beneficiaries(p),
    }
}

fn headline(p: &Project, status: Status, running: Option<&Notice>, next: Option<&Notice>, today: NaiveDate) -> String {
    if let Some(n) = running {
        let left = days_left(*n.end, today);
        return if left <= 1 {
            format!("{}公示中，今天是最后一天", n.level.label())
        } else {
            // The end date stands in the notice period just below.
            format!("{}公示中，还剩 {left} 天", n.level.label())
        };
    }
    let upcoming = next.map(|n| format!("{}公示将于{}开始", n.level.label(), display::date_zh(*n.start)));
    match status {
        Status::Proposed => upcoming.map_or_else(|| "拟申报，尚未公示".to_owned(), |u| format!("拟申报，{u}")),
        Status::TownshipReview => match upcoming {
            Some(u) => format!("村级公示已结束，{u}"),
            None => "村级公示已结束，乡镇审核中".to_owned(),
        },
        Status::CountyReview => match upcoming {
            Some(u) => format!("公示已结束，{u}"),
            None => "公示已结束，县级审定中".to_owned(),
        },
        Status::Withdrawn | Status::Rejected => match p.closure() {
            Some((c, _)) if status == Status::Withdrawn => {
                format!("已于{}撤回，不再申报（{}）", display::date_zh(*c.date), c.by)
            }
            Some((c, _)) => format!("县级审定未通过（{}，{}）", display::date_zh(*c.date), c.by),
            None => status.label().to_owned(),
        },
        Status::AdjustedOut => {
            let out = p.events.iter().filter(|e| e.event_type == EventType::AdjustedOut).map(|e| *e.date).min();
            out.map_or_else(|| status.label().to_owned(), |d| format!("已于{}调整出项目库", display::date_zh(d)))
        }
        Status::Warehoused => match p.warehoused_date() {
            Some(d) => format!("已于{}纳入项目库", display::date_zh(d)),
            None => status.label().to_owned(),
        },
        _ => status.label().to_owned(),
    }
}

/// 带动脱贫户 … in one sentence.
pub fn beneficiaries(p: &Project) -> String {
    p.beneficiaries.sentence()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{d, project};

    fn p() -> Project {
        project("P-1")
            .village(d("2026-03-01"), d("2026-03-11"))
            .township(d("2026-03-13"), d("2026-03-23"))
            .approval(d("2026-03-25"))
            .build()
    }

    fn at(day: &str) -> Summary {
        let p = p();
        let status = crate::domain::status::derive(&p, &crate::domain::Rules::default(), d(day), true);
        summary(&p, status, d(day))
    }

    #[test]
    fn the_headline_follows_the_notices_day_by_day() {
        assert_eq!(at("2026-02-20").headline, "拟申报，村级公示将于2026年3月1日开始");
        assert_eq!(at("2026-03-01").headline, "村级公示中，还剩 11 天");
        assert_eq!(at("2026-03-06").headline, "村级公示中，还剩 6 天");
        assert_eq!(at("2026-03-11").headline, "村级公示中，今天是最后一天");
        assert_eq!(at("2026-03-12").headline, "村级公示已结束，乡镇级公示将于2026年3月13日开始");
        assert_eq!(at("2026-03-13").headline, "乡镇级公示中，还剩 11 天");
        assert_eq!(at("2026-03-24").headline, "公示已结束，县级审定中");
        assert_eq!(at("2026-03-25").headline, "已于2026年3月25日纳入项目库");
    }

    #[test]
    fn the_summary_shows_the_running_notice_else_the_next_else_the_last() {
        let s = at("2026-03-06");
        assert!(s.is_running);
        assert_eq!(s.notice.as_ref().map(|n| (n.level, n.state)), Some(("村级", "公示中")));
        let s = at("2026-03-12");
        assert!(!s.is_running);
        assert_eq!(s.notice.as_ref().map(|n| (n.level, n.state)), Some(("乡镇级", "未开始")));
        let s = at("2026-05-01");
        assert_eq!(s.notice.as_ref().map(|n| (n.level, n.state)), Some(("乡镇级", "已结束")));
    }

    #[test]
    fn a_running_notice_never_says_none_were_received_during_the_notice() {
        let today = d("2026-03-06");
        let s = |from: &str, to: &str, has| objection_sentence(NoticeState::on(d(from), d(to), today), has, today);
        assert_eq!(s("2026-03-01", "2026-03-11", false), "公示进行中，截至2026年3月6日未收到异议。");
        assert_eq!(s("2026-03-01", "2026-03-06", false), "公示进行中，截至2026年3月6日未收到异议。");
        assert_eq!(s("2026-03-01", "2026-03-11", true), "公示进行中，截至2026年3月6日收到的异议及处理情况如下。");
        assert_eq!(s("2026-02-20", "2026-03-05", false), "公示期间未收到异议。");
        assert_eq!(s("2026-02-20", "2026-03-05", true), "公示期间收到的异议及处理情况如下。");
        assert_eq!(s("2026-03-07", "2026-03-17", false), "公示尚未开始。");
    }

    #[test]
    fn days_left_counts_today() {
        assert_eq!(days_left(d("2026-03-11"), d("2026-03-11")), 1);
        assert_eq!(days_left(d("2026-03-11"), d("2026-03-06")), 6);
    }
}
