//! 项目: one project of the county project warehouse (项目库), with its
//! notices (公示), objections (异议), approval (批复) and later events.

use chrono::NaiveDate;

use super::keyword::keyword;
use super::{At, SourcePath};

pub use super::change::{Change, Closure, ClosureKind};
pub use super::disclosure::{Beneficiaries, NotGiven, Target, TargetCategory};
pub use super::figures::{Figures, FundLevel, Funding, FundingLine, FundingSource, ProjectLocation};
pub use super::works::{Acceptance, AcceptanceResult, CompletionNotice, Photo, PhotoStage, SiteSign};
use crate::diag::Pos;

/// One project file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Project {
    /// Source file.
    pub path: SourcePath,
    /// Permanent id (URL segment, printed in QR codes).
    pub id: At<String>,
    /// 项目名称.
    pub name: String,
    /// County id.
    pub county: At<String>,
    /// 项目库 year.
    pub year: At<i32>,
    /// Type key in the taxonomy.
    pub project_type: At<String>,
    /// 项目子类型.
    pub sub_type: Option<At<String>>,
    /// 建设性质.
    pub construction_nature: Option<ConstructionNature>,
    /// Who proposed it.
    pub origin: Origin,
    /// 实施地点.
    pub location: Option<ProjectLocation>,
    /// 实施地点 as the ledger wrote it, where it names no township of the county file.
    pub place: Option<String>,
    /// 建设内容及规模.
    pub content: String,
    /// 实施期限, months (`YYYY-MM`) as `(year, month)`.
    pub implementation_period: Option<((i32, u32), (i32, u32))>,
    /// 实施主体 (`None`: not given, see `not_given`).
    pub implementer: Option<String>,
    /// 责任单位 (`None`: not given).
    pub responsible_unit: Option<String>,
    /// 责任人 (`None`: not given).
    pub responsible_person: Option<String>,
    /// 资金.
    pub funding: Option<Funding>,
    /// 受益对象.
    pub beneficiaries: Beneficiaries,
    /// 联农带农机制 (`None`: not given).
    pub linkage_mechanism: Option<String>,
    /// 绩效目标.
    pub performance_targets: Vec<Target>,
    /// The serving advisory group.
    pub advisory_group: Option<At<String>>,
    /// 公示, in file order.
    pub notices: Vec<Notice>,
    /// 批复.
    pub approval: Option<At<Approval>>,
    /// 入库 date as written.
    pub warehoused_on: Option<At<NaiveDate>>,
    /// Lifecycle events, in file order.
    pub events: Vec<Event>,
    /// 撤回: withdrawn before approval by the applicant or the township.
    pub withdrawn: Option<At<super::change::Closure>>,
    /// 未通过: not approved at the county review.
    pub rejected: Option<At<super::change::Closure>>,
    /// 变更 after warehousing, in file order.
    pub changes: Vec<super::change::Change>,
    /// 资金支付, in file order.
    pub payments: Vec<super::payment::Payment>,
    /// 未公布: what the source (a published ledger) did not give, so the
    /// record leaves it out and pages say 未公布.
    pub not_given: Vec<At<NotGiven>>,
    /// 形成资产: `false` (`forms_assets: false`) for a project that forms no
    /// asset (教育补助, 公益性岗位, 项目管理费 …); the hand-over rule then skips it.
    pub forms_assets: bool,
    /// What the loader left out as invalid (already reported).
    pub gaps: Gaps,
    /// 竣工验收.
    pub acceptance: Option<At<Acceptance>>,
    /// 项目公示牌.
    pub site_sign: Option<At<SiteSign>>,
    /// 竣工公告.
    pub completion_notice: Option<At<CompletionNotice>>,
}

/// The parts of a project that were written but invalid, and so left out of
/// the record (each already reported as `missing-field` or `invalid-value`).
/// A rule that needs one of them stays silent; every other rule runs on the
/// rest (docs/cli.md, "No follow-on diagnostics").
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Gaps {
    /// Levels of the notices left out; `None` where the level itself was invalid.
    pub notice_levels: Vec<Option<NoticeLevel>>,
    /// `funding` is missing or invalid, or a source line was left out: the
    /// sources no longer tell the total, nor the bridging fund.
    pub is_funding_incomplete: bool,
    /// `approval` was written but is invalid (e.g. no valid date).
    pub is_approval_invalid: bool,
    /// `warehoused_on` was written but is not a valid date.
    pub is_warehoused_on_invalid: bool,
}

impl Gaps {
    /// Whether a notice of `level` may have been left out.
    pub fn may_lack_notice(&self, level: NoticeLevel) -> bool {
        self.notice_levels.iter().any(|l| l.is_none_or(|l| l == level))
    }

    /// Whether any notice was left out.
    pub fn has_notice_gap(&self) -> bool {
        !self.notice_levels.is_empty()
    }
}

keyword! {
    /// 建设性质.
    ConstructionNature {
        New = "new" / "新建",
        Continued = "continued" / "续建",
        Renovation = "renovation" / "改扩建",
    }
}

keyword! {
    /// Who proposed the project; decides which notices are required.
    Origin {
        Village = "village" / "村级申报",
        Township = "township" / "乡镇提出",
        County = "county" / "县级提出",
    }
}

impl Origin {
    /// The level of the first notice of a project of this origin.
    pub fn first_level(self) -> NoticeLevel {
        match self {
            Origin::Village => NoticeLevel::Village,
            Origin::Township => NoticeLevel::Township,
            Origin::County => NoticeLevel::County,
        }
    }

    /// The notice levels this origin requires, in procedural order: its own
    /// first level, then each level of `configured` (`rules.notice_levels`,
    /// 村、乡 by default; 三公示 adds the county) above it.
    pub fn required_levels(self, configured: &[NoticeLevel]) -> Vec<NoticeLevel> {
        let first = self.first_level();
        let mut levels: Vec<NoticeLevel> = configured.iter().copied().filter(|l| *l > first).collect();
        levels.push(first);
        levels.sort_unstable();
        levels.dedup();
        levels
    }
}

impl Project {
    /// The notice levels this project requires under `rules`, in procedural order.
    pub fn required_levels(&self, rules: &super::Rules) -> Vec<NoticeLevel> {
        self.origin.required_levels(&rules.notice_levels)
    }
}

keyword! {
    /// 公示 level.
    NoticeLevel {
        Village = "village" / "村级",
        Township = "township" / "乡镇级",
        County = "county" / "县级",
    }
}

/// 公示: one notice at one level, possibly on several boards (同步公示).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// Level.
    pub level: NoticeLevel,
    /// 发布单位 (落款).
    pub issuer: String,
    /// 公开栏.
    pub boards: Vec<String>,
    /// First day on the board.
    pub start: At<NaiveDate>,
    /// Last day on the board (lasts until 24:00).
    pub end: At<NaiveDate>,
    /// 异议.
    pub objections: Vec<Objection>,
    /// 现场照片 of the posted notice.
    pub photos: Vec<Photo>,
    /// Where the notice item starts.
    pub pos: Pos,
}

keyword! {
    /// How an objection came in.
    Channel {
        Phone = "phone" / "电话",
        Letter = "letter" / "书面",
        Visit = "visit" / "来访",
        Online = "online" / "网络",
    }
}

keyword! {
    /// 异议处理结论.
    Finding {
        Upheld = "upheld" / "异议成立",
        PartiallyUpheld = "partially_upheld" / "部分成立",
        NotUpheld = "not_upheld" / "异议不成立",
        Withdrawn = "withdrawn" / "已撤回",
    }
}

/// 异议: never with the objector's identity.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Objection {
    /// Received.
    pub received_on: At<NaiveDate>,
    /// Channel.
    pub channel: Channel,
    /// What was raised.
    pub summary: String,
    /// Finding, once decided.
    pub finding: Option<At<Finding>>,
    /// Response text.
    pub response: Option<String>,
    /// Answered (or withdrawn) on.
    pub responded_on: Option<At<NaiveDate>>,
    /// `finding` or `responded_on` was written but invalid (already
    /// reported): whether it was answered in time cannot be told.
    pub is_answer_invalid: bool,
    /// Where the objection item starts.
    pub pos: Pos,
}

/// 批复.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Approval {
    /// Approving office.
    pub by: String,
    /// 文号.
    pub doc_no: String,
    /// Date.
    pub date: At<NaiveDate>,
}

keyword! {
    /// Lifecycle events, in lifecycle order (adjusted_out and terminated at any point).
    EventType {
        Planned = "planned" / "纳入年度计划",
        Funded = "funded" / "资金下达",
        Started = "started" / "开工",
        Completed = "completed" / "竣工",
        Accepted = "accepted" / "验收",
        Reimbursed = "reimbursed" / "报账",
        Evaluated = "evaluated" / "绩效评价",
        AssetsTransferred = "assets_transferred" / "资产确权移交",
        AdjustedOut = "adjusted_out" / "调整出库",
        Terminated = "terminated" / "终止",
    }
}

impl EventType {
    /// Whether this event sits outside the linear lifecycle.
    pub fn is_exit(self) -> bool {
        matches!(self, EventType::AdjustedOut | EventType::Terminated)
    }
}

/// One lifecycle event.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Type.
    pub event_type: EventType,
    /// Date.
    pub date: At<NaiveDate>,
    /// Document or reference.
    pub reference: Option<String>,
    /// 现场照片 of this step.
    pub photos: Vec<Photo>,
    /// Where the event item starts.
    pub pos: Pos,
}

impl Project {
    /// Every notice, in the order pages, tables and open data list them:
    /// by first day, then by level.
    pub fn notices_by_date(&self) -> Vec<&Notice> {
        let mut notices: Vec<&Notice> = self.notices.iter().collect();
        notices.sort_by_key(|n| (*n.start, n.level));
        notices
    }

    /// Whether `n` is the effective notice of its level: the one printed
    /// for the board, with its own page.
    pub fn is_effective(&self, n: &Notice) -> bool {
        self.effective_notice(n.level).is_some_and(|e| std::ptr::eq(e, n))
    }

    /// The notices that get a printable page (the paper on the board whose
    /// QR code opens the project page), in date order: the effective notice
    /// of each level. The site prints them; `check` keeps them from
    /// disappearing once published (`published-removed`).
    pub fn printed_notices(&self) -> impl Iterator<Item = &Notice> {
        self.notices_by_date().into_iter().filter(|n| self.is_effective(n))
    }

    /// The effective notice of a level: latest `start`, ties to the later in the file.
    pub fn effective_notice(&self, level: NoticeLevel) -> Option<&Notice> {
        self.notices.iter().filter(|n| n.level == level).reduce(|a, b| if *b.start >= *a.start { b } else { a })
    }

    /// Whether `n` is a new notice for a change (变更): posted after the
    /// approval and before a recorded change, so not part of the procedure
    /// that led to the approval. (A notice after the approval with no change
    /// behind it stays a procedure notice, and the approval came too early.)
    pub fn is_change_notice(&self, n: &Notice) -> bool {
        self.approval.as_ref().is_some_and(|a| *n.start > *a.date) && self.changes.iter().any(|c| *c.date > *n.start)
    }

    /// The effective notice of `level` in the procedure before approval:
    /// as [`Project::effective_notice`], leaving out notices for changes.
    pub fn procedure_notice(&self, level: NoticeLevel) -> Option<&Notice> {
        self.notices
            .iter()
            .filter(|n| n.level == level && !self.is_change_notice(n))
            .reduce(|a, b| if *b.start >= *a.start { b } else { a })
    }

    /// The notice of `level` in force on `today`: the latest one already
    /// posted (on a tie of start days, the later in the file). A re-notice
    /// announced for later does not undo the one that ran.
    pub fn notice_in_force(&self, level: NoticeLevel, today: NaiveDate) -> Option<&Notice> {
        self.notices
            .iter()
            .filter(|n| n.level == level && *n.start <= today)
            .reduce(|a, b| if *b.start >= *a.start { b } else { a })
    }

    /// The 入库 date: `warehoused_on`, or the approval date.
    pub fn warehoused_date(&self) -> Option<NaiveDate> {
        self.warehoused_on.as_ref().map(|w| w.value).or(self.approval.as_ref().map(|a| *a.date))
    }

    /// Township id, if located.
    pub fn township_id(&self) -> Option<&str> {
        self.location.as_ref().map(|l| l.township.value.as_str())
    }
}

impl Project {
    /// The figures as they stood at the end of `date`: the current fields,
    /// with every change dated after `date` undone, latest first.
    pub fn as_of(&self, date: NaiveDate) -> Figures<'_> {
        let mut f = Figures {
            funding: self.funding.as_ref(),
            content: &self.content,
            location: self.location.as_ref(),
            implementer: self.implementer.as_deref(),
        };
        let mut later: Vec<&Change> = self.changes.iter().filter(|c| *c.date > date).collect();
        later.sort_by_key(|c| std::cmp::Reverse(*c.date));
        for c in later {
            let p = &c.previous;
            if let Some(funding) = &p.funding {
                f.funding = Some(funding);
            }
            if let Some(content) = &p.content {
                f.content = content;
            }
            if let Some(location) = &p.location {
                f.location = Some(location);
            }
            if let Some(implementer) = &p.implementer {
                f.implementer = Some(implementer);
            }
        }
        f
    }

    /// The day the project ended before approval (撤回 or 未通过), if it did.
    pub fn closure(&self) -> Option<(&Closure, ClosureKind)> {
        self.withdrawn
            .as_ref()
            .map(|c| (&c.value, ClosureKind::Withdrawn))
            .or(self.rejected.as_ref().map(|c| (&c.value, ClosureKind::Rejected)))
    }
}

impl Project {
    /// Whether the record says `what` was not given by its source.
    pub fn is_not_given(&self, what: NotGiven) -> bool {
        self.not_given.iter().any(|n| n.value == what)
    }
}

impl Project {
    /// The first event of `kind` on or before `today`, if any.
    pub fn first_event_by(&self, kind: EventType, today: NaiveDate) -> Option<NaiveDate> {
        self.events.iter().filter(|e| e.event_type == kind && *e.date <= today).map(|e| *e.date).min()
    }

    /// Whether the works were completed (竣工) by `today`: only then may a
    /// page state a 实际完成值.
    pub fn is_completed_by(&self, today: NaiveDate) -> bool {
        self.first_event_by(EventType::Completed, today).is_some()
    }

    /// The acceptance when it took place on or before `today`: the
    /// 竣工公告 is printed only then.
    pub fn acceptance_by(&self, today: NaiveDate) -> Option<&Acceptance> {
        self.acceptance.as_ref().map(|a| &a.value).filter(|a| *a.date <= today)
    }

    /// Every photo of the project with the record it sits on (标牌, 竣工公告,
    /// an event's label, a notice's level), in file order.
    pub fn photos(&self) -> Vec<(&'static str, &Photo)> {
        let mut out: Vec<(&'static str, &Photo)> = Vec::new();
        for n in &self.notices {
            out.extend(n.photos.iter().map(|p| (n.level.label_notice(), p)));
        }
        if let Some(s) = &self.site_sign {
            out.extend(s.photos.iter().map(|p| ("项目公示牌", p)));
        }
        for e in &self.events {
            out.extend(e.photos.iter().map(|p| (super::Keyword::label(e.event_type), p)));
        }
        if let Some(c) = &self.completion_notice {
            out.extend(c.photos.iter().map(|p| ("竣工公告", p)));
        }
        out
    }
}

impl NoticeLevel {
    /// `村级公示` …: what a photo of this notice shows.
    pub fn label_notice(self) -> &'static str {
        match self {
            NoticeLevel::Village => "村级公示",
            NoticeLevel::Township => "乡镇级公示",
            NoticeLevel::County => "县级公示",
        }
    }
}
