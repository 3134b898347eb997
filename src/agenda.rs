//! 公示日程: the notices on the boards on `--today` and those about to go up,
//! which `build` lists at its end so staff see what needs attention.
//!
//! Like the project status ([`crate::domain::status::derive`]), a level's
//! notice in force is the latest one already posted: a re-notice announced
//! for later does not take the running one off the board, and an earlier
//! notice that a re-notice replaced is no longer on it.

use chrono::{Duration, NaiveDate};

use crate::domain::project::{Notice, NoticeLevel, Project};
use crate::domain::status::NoticeState;
use crate::domain::{Content, date};

/// A running notice "ends soon" when its last day is at most this many days
/// after `--today` (0: today is the last day).
pub const ENDING_SOON_DAYS: i64 = 3;

/// Notices whose first day is 1 to this many days after `--today` are listed as upcoming.
pub const UPCOMING_DAYS: i64 = 7;

/// One notice, with the project it announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNotice {
    /// Project id.
    pub project_id: String,
    /// Project name.
    pub project_name: String,
    /// Level of the notice.
    pub level: NoticeLevel,
    /// First day on the board.
    pub start: NaiveDate,
    /// Last day on the board (lasts until 24:00).
    pub end: NaiveDate,
}

impl DueNotice {
    /// Days from `today` to the last day: 0 when today is the last day.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        date::days_between(today, self.end)
    }

    /// Whether the notice ends within [`ENDING_SOON_DAYS`] of `today`.
    pub fn ends_soon(&self, today: NaiveDate) -> bool {
        (0..=ENDING_SOON_DAYS).contains(&self.days_left(today))
    }

    /// Days from `today` to the first day.
    pub fn days_to_start(&self, today: NaiveDate) -> i64 {
        date::days_between(today, self.start)
    }
}

/// The notices that matter on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// Notices on the boards today, the soonest to end first.
    pub running: Vec<DueNotice>,
    /// Notices starting within [`UPCOMING_DAYS`] after today, the soonest first.
    pub upcoming: Vec<DueNotice>,
}

/// The agenda of `content` on `today`.
pub fn agenda(content: &Content, today: NaiveDate) -> Agenda {
    let horizon = today + Duration::days(UPCOMING_DAYS);
    let mut out = Agenda::default();
    // A withdrawn or rejected project's notices are taken down.
    for p in content.projects.iter().filter(|p| p.closure().is_none_or(|(c, _)| *c.date > today)) {
        for level in [NoticeLevel::Village, NoticeLevel::Township, NoticeLevel::County] {
            if let Some(n) = p.notice_in_force(level, today)
                && NoticeState::of(n, today) == NoticeState::Running
            {
                out.running.push(due(p, n));
            }
        }
        for n in &p.notices {
            if *n.start > today && *n.start <= horizon && *n.start <= *n.end {
                out.upcoming.push(due(p, n));
            }
        }
    }
    out.running.sort_by(|a, b| (a.end, &a.project_id, a.level).cmp(&(b.end, &b.project_id, b.level)));
    out.upcoming.sort_by(|a, b| (a.start, &a.project_id, a.level).cmp(&(b.start, &b.project_id, b.level)));
    out
}

fn due(p: &Project, n: &Notice) -> DueNotice {
    DueNotice {
        project_id: p.id.value.clone(),
        project_name: p.name.clone(),
        level: n.level,
        start: *n.start,
        end: *n.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{content, d, project};

    fn ids(list: &[DueNotice]) -> Vec<(&str, NoticeLevel)> {
        list.iter().map(|n| (n.project_id.as_str(), n.level)).collect()
    }

    #[test]
    fn running_includes_both_ends_and_sorts_by_end() {
        let c = content(vec![
            project("P-1").village(d("2026-11-10"), d("2026-11-26")).build(),
            project("P-2").village(d("2026-11-01"), d("2026-11-11")).township(d("2026-11-20"), d("2026-11-30")).build(),
            project("P-3").village(d("2026-11-05"), d("2026-11-20")).build(),
            project("P-4").village(d("2026-11-01"), d("2026-11-19")).build(),
        ]);
        let a = agenda(&c, d("2026-11-20"));
        assert_eq!(
            ids(&a.running),
            [("P-3", NoticeLevel::Village), ("P-1", NoticeLevel::Village), ("P-2", NoticeLevel::Township)]
        );
        assert_eq!(a.running[0].days_left(d("2026-11-20")), 0);
        assert!(a.running[0].ends_soon(d("2026-11-20")));
        assert!(!a.running[1].ends_soon(d("2026-11-20")));
    }

    #[test]
    fn ends_soon_is_at_most_three_days_ahead() {
        let n = |end| DueNotice {
            project_id: "P".into(),
            project_name: String::new(),
            level: NoticeLevel::Village,
            start: d("2026-11-01"),
            end: d(end),
        };
        assert!(n("2026-11-23").ends_soon(d("2026-11-20")));
        assert!(!n("2026-11-24").ends_soon(d("2026-11-20")));
    }

    #[test]
    fn upcoming_is_tomorrow_to_seven_days_ahead() {
        let c = content(vec![
            project("P-1").village(d("2026-11-21"), d("2026-12-01")).build(),
            project("P-2").village(d("2026-11-27"), d("2026-12-07")).build(),
            project("P-3").village(d("2026-11-28"), d("2026-12-08")).build(),
        ]);
        let a = agenda(&c, d("2026-11-20"));
        assert!(a.running.is_empty());
        assert_eq!(ids(&a.upcoming), [("P-1", NoticeLevel::Village), ("P-2", NoticeLevel::Village)]);
        assert_eq!(a.upcoming[1].days_to_start(d("2026-11-20")), 7);
    }

    #[test]
    fn a_started_renotice_replaces_the_earlier_notice() {
        let c = content(vec![
            project("P-1").village(d("2026-11-01"), d("2026-11-25")).village(d("2026-11-15"), d("2026-11-28")).build(),
        ]);
        let a = agenda(&c, d("2026-11-20"));
        assert_eq!(a.running.len(), 1);
        assert_eq!(a.running[0].start, d("2026-11-15"));
    }

    #[test]
    fn an_announced_renotice_does_not_take_the_running_one_down() {
        let c = content(vec![
            project("P-1").village(d("2026-11-10"), d("2026-11-22")).village(d("2026-11-24"), d("2026-12-04")).build(),
        ]);
        let a = agenda(&c, d("2026-11-20"));
        assert_eq!(a.running.len(), 1);
        assert_eq!(a.running[0].end, d("2026-11-22"));
        assert_eq!(a.upcoming.len(), 1);
        assert_eq!(a.upcoming[0].start, d("2026-11-24"));
    }
}
