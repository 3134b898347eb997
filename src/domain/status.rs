//! 项目状态: derived from the dates as of `--today`, never typed by hand.

use chrono::NaiveDate;

use super::change::ClosureKind;
use super::keyword::keyword;
use super::project::{EventType, Notice, NoticeLevel, Project};

keyword! {
    /// The displayed status of a project.
    Status {
        Proposed = "proposed" / "拟申报",
        VillageNotice = "village_notice" / "村级公示中",
        TownshipReview = "township_review" / "乡镇审核",
        TownshipNotice = "township_notice" / "乡镇公示中",
        CountyNotice = "county_notice" / "县级公示中",
        CountyReview = "county_review" / "县级审定",
        Withdrawn = "withdrawn" / "已撤回",
        Rejected = "rejected" / "未通过",
        Warehoused = "warehoused" / "已入库",
        Planned = "planned" / "纳入年度计划",
        Funded = "funded" / "资金已下达",
        Started = "started" / "实施中",
        Completed = "completed" / "已竣工",
        Accepted = "accepted" / "已验收",
        Reimbursed = "reimbursed" / "已报账",
        Evaluated = "evaluated" / "绩效评价完成",
        AssetsTransferred = "assets_transferred" / "资产已确权移交",
        AdjustedOut = "adjusted_out" / "调整出库",
        Terminated = "terminated" / "终止",
    }
}

impl Status {
    /// Whether the project is in the warehouse (入库) or beyond.
    pub fn is_warehoused(self) -> bool {
        self >= Status::Warehoused
    }

    /// Whether the project counts in the warehouse today: warehoused or
    /// later, and not moved out (调整出库), which leaves the lists and totals.
    pub fn is_in_warehouse(self) -> bool {
        self.is_warehoused() && self != Status::AdjustedOut
    }

    /// Whether the project ended before approval (撤回, 未通过).
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Withdrawn | Status::Rejected)
    }

    fn of_event(e: EventType) -> Status {
        match e {
            EventType::Planned => Status::Planned,
            EventType::Funded => Status::Funded,
            EventType::Started => Status::Started,
            EventType::Completed => Status::Completed,
            EventType::Accepted => Status::Accepted,
            EventType::Reimbursed => Status::Reimbursed,
            EventType::Evaluated => Status::Evaluated,
            EventType::AssetsTransferred => Status::AssetsTransferred,
            EventType::AdjustedOut => Status::AdjustedOut,
            EventType::Terminated => Status::Terminated,
        }
    }
}

/// Where a notice stands on `today`: the three states every page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeState {
    /// `today` is before the first day.
    Upcoming,
    /// `today` is between the first and the last day, both included (the
    /// last day lasts until 24:00).
    Running,
    /// The last day has passed.
    Ended,
}

impl NoticeState {
    /// The state of a notice from `start` to `end` on `today`.
    pub fn on(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Self {
        if today < start {
            NoticeState::Upcoming
        } else if today <= end {
            NoticeState::Running
        } else {
            NoticeState::Ended
        }
    }

    /// The state of `notice` on `today`.
    pub fn of(notice: &Notice, today: NaiveDate) -> Self {
        Self::on(*notice.start, *notice.end, today)
    }

    /// 未开始 / 公示中 / 已结束.
    pub fn label(self) -> &'static str {
        match self {
            NoticeState::Upcoming => "未开始",
            NoticeState::Running => "公示中",
            NoticeState::Ended => "已结束",
        }
    }
}

/// Days a running notice still has, today included (1 on its last day;
/// the lists say 剩余天数含当日).
pub fn days_left(end: NaiveDate, today: NaiveDate) -> i64 {
    super::date::days_inclusive(today, end)
}

/// The status of `project` on `today`.
///
/// `rules_pass` says whether every rule on the project holds; when it does not,
/// the project can at most be in county review, so a page can never call a
/// project 已入库 while a notice rule fails.
pub fn derive(project: &Project, rules: &super::Rules, today: NaiveDate, rules_pass: bool) -> Status {
    // A project that ended before approval stays ended, whatever its notices say.
    if let Some((_, kind)) = project.closure().filter(|(c, _)| *c.date <= today) {
        return match kind {
            ClosureKind::Withdrawn => Status::Withdrawn,
            ClosureKind::Rejected => Status::Rejected,
        };
    }
    if rules_pass && project.warehoused_date().is_some_and(|d| d <= today) {
        // The latest event by date wins; on one day, the later lifecycle step.
        return project
            .events
            .iter()
            .filter(|e| *e.date <= today)
            .max_by_key(|e| (*e.date, e.event_type))
            .map_or(Status::Warehoused, |e| Status::of_event(e.event_type));
    }
    let mut reached = Status::Proposed;
    for level in project.required_levels(rules) {
        let Some(n) = project.notice_in_force(level, today) else {
            return reached;
        };
        if today <= *n.end {
            return match level {
                NoticeLevel::Village => Status::VillageNotice,
                NoticeLevel::Township => Status::TownshipNotice,
                NoticeLevel::County => Status::CountyNotice,
            };
        }
        reached = match level {
            NoticeLevel::Village => Status::TownshipReview,
            NoticeLevel::Township | NoticeLevel::County => Status::CountyReview,
        };
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::Origin;
    use crate::domain::{NoticeLevel, Rules};
    use crate::testing::{d, project};

    fn at(p: &Project, day: &str) -> Status {
        derive(p, &Rules::default(), d(day), true)
    }

    #[test]
    fn a_withdrawn_or_rejected_project_ends_on_its_day_and_never_enters_the_warehouse() {
        let withdrawn = project("P-1").village(d("2026-03-01"), d("2026-03-11")).closed(d("2026-03-05"), false).build();
        assert_eq!(at(&withdrawn, "2026-03-04"), Status::VillageNotice);
        assert_eq!(at(&withdrawn, "2026-03-05"), Status::Withdrawn);
        assert!(!Status::Withdrawn.is_warehoused() && Status::Withdrawn.is_closed());
        let rejected = project("P-1")
            .village(d("2026-03-01"), d("2026-03-11"))
            .township(d("2026-03-13"), d("2026-03-23"))
            .closed(d("2026-04-01"), true)
            .build();
        assert_eq!(at(&rejected, "2026-03-31"), Status::CountyReview);
        assert_eq!(at(&rejected, "2026-04-01"), Status::Rejected);
        assert!(Status::AdjustedOut.is_warehoused() && !Status::AdjustedOut.is_in_warehouse());
    }

    #[test]
    fn walks_through_the_notice_steps_day_by_day() {
        let p = project("P-1")
            .village(d("2026-03-01"), d("2026-03-11"))
            .township(d("2026-03-13"), d("2026-03-23"))
            .approval(d("2026-03-25"))
            .build();
        assert_eq!(at(&p, "2026-02-28"), Status::Proposed);
        assert_eq!(at(&p, "2026-03-01"), Status::VillageNotice);
        // The end day lasts until 24:00.
        assert_eq!(at(&p, "2026-03-11"), Status::VillageNotice);
        assert_eq!(at(&p, "2026-03-12"), Status::TownshipReview);
        assert_eq!(at(&p, "2026-03-23"), Status::TownshipNotice);
        assert_eq!(at(&p, "2026-03-24"), Status::CountyReview);
        assert_eq!(at(&p, "2026-03-25"), Status::Warehoused);
    }

    #[test]
    fn three_notices_put_the_county_notice_after_the_township_one() {
        use NoticeLevel::{County, Township, Village};
        let three = Rules { notice_levels: vec![Village, Township, County], ..Rules::default() };
        assert_eq!(Origin::Village.required_levels(&three.notice_levels), [Village, Township, County]);
        assert_eq!(Origin::Township.required_levels(&three.notice_levels), [Township, County]);
        assert_eq!(Origin::County.required_levels(&three.notice_levels), [County]);
        let two = Rules::default();
        assert_eq!(Origin::Village.required_levels(&two.notice_levels), [Village, Township]);
        assert_eq!(Origin::Township.required_levels(&two.notice_levels), [Township]);
        let p = project("P-1")
            .village(d("2026-03-01"), d("2026-03-11"))
            .township(d("2026-03-13"), d("2026-03-23"))
            .county_notice(d("2026-03-25"), d("2026-04-04"))
            .build();
        let on = |rules: &Rules, day: &str| derive(&p, rules, d(day), true);
        assert_eq!(on(&three, "2026-03-24"), Status::CountyReview);
        assert_eq!(on(&three, "2026-03-30"), Status::CountyNotice);
        assert_eq!(on(&three, "2026-04-05"), Status::CountyReview);
        // Under 两公示 a county notice is not a step of a village project.
        assert_eq!(on(&two, "2026-03-30"), Status::CountyReview);
    }

    #[test]
    fn never_warehoused_while_a_rule_fails() {
        let p = project("P-1")
            .village(d("2026-03-01"), d("2026-03-11"))
            .township(d("2026-03-13"), d("2026-03-23"))
            .approval(d("2026-03-25"))
            .event(EventType::Started, d("2026-04-01"))
            .build();
        assert_eq!(derive(&p, &Rules::default(), d("2026-05-01"), false), Status::CountyReview);
        assert_eq!(derive(&p, &Rules::default(), d("2026-05-01"), true), Status::Started);
    }

    #[test]
    fn latest_event_on_or_before_today_wins() {
        let p = project("P-1")
            .village(d("2026-03-01"), d("2026-03-11"))
            .township(d("2026-03-13"), d("2026-03-23"))
            .approval(d("2026-03-25"))
            .event(EventType::Completed, d("2026-09-01"))
            .event(EventType::Planned, d("2026-04-01"))
            .event(EventType::Started, d("2026-05-01"))
            .build();
        assert_eq!(at(&p, "2026-04-30"), Status::Planned);
        assert_eq!(at(&p, "2026-08-31"), Status::Started);
        assert_eq!(at(&p, "2026-09-01"), Status::Completed);
    }

    #[test]
    fn township_origin_needs_only_the_township_notice() {
        let p = project("P-2").origin(Origin::Township).township(d("2026-03-13"), d("2026-03-23")).build();
        assert_eq!(at(&p, "2026-03-12"), Status::Proposed);
        assert_eq!(at(&p, "2026-03-20"), Status::TownshipNotice);
        assert_eq!(at(&p, "2026-03-24"), Status::CountyReview);
    }

    #[test]
    fn a_renotice_restarts_the_notice_state() {
        let p =
            project("P-3").village(d("2026-03-01"), d("2026-03-11")).village(d("2026-03-20"), d("2026-03-30")).build();
        assert_eq!(at(&p, "2026-03-15"), Status::TownshipReview);
        // Once the re-notice has started it is the effective one.
        assert_eq!(at(&p, "2026-03-25"), Status::VillageNotice);
    }
}
