//! 项目状态: derived from the dates as of `--today`, never typed by hand.

use chrono::NaiveDate;

use super::keyword::keyword;
use super::project::{EventType, NoticeLevel, Project};

keyword! {
    /// The displayed status of a project.
    Status {
        Proposed = "proposed" / "拟申报",
        VillageNotice = "village_notice" / "村级公示中",
        TownshipReview = "township_review" / "乡镇审核",
        TownshipNotice = "township_notice" / "乡镇公示中",
        CountyNotice = "county_notice" / "县级公示中",
        CountyReview = "county_review" / "县级审定",
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

/// The status of `project` on `today`.
///
/// `rules_pass` says whether every rule on the project holds; when it does not,
/// the project can at most be in county review, so a page can never call a
/// project 已入库 while a notice rule fails.
pub fn derive(project: &Project, today: NaiveDate, rules_pass: bool) -> Status {
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
    for &level in project.origin.required_levels() {
        let Some(n) = project.effective_notice(level) else { return reached };
        if today < *n.start {
            return reached;
        }
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
