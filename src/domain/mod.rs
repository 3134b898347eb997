//! The domain: typed records of the content format, with no I/O.
//!
//! Glossary (Chinese ↔ English identifiers):
//!
//! | 中文 | English |
//! |---|---|
//! | 脱贫县 | [`County`] |
//! | 乡镇 / 行政村 | [`Township`] / [`Village`] |
//! | 项目库 / 入库 | project warehouse / `warehoused_on` |
//! | 公示 | [`Notice`] |
//! | 村级 / 乡镇级 / 县级 | [`NoticeLevel`] |
//! | 异议 | [`Objection`] |
//! | 批复 (审定) | [`Approval`] |
//! | 项目库公告 | [`Announcement`] |
//! | 帮扶项目资产 / 确权 / 管护 / 移交 | [`Asset`] / owner / keeper / `handed_over_on` |
//! | 资金批次 / 资金分配 / 资金支付 | [`FundBatch`] / [`Allocation`] / [`Payment`] |
//! | 年度计划与资金公告 | [`PlanDoc`] |
//! | 撤回 / 未通过 / 变更 | withdrawn / rejected / [`Change`](project::Change) |
//! | 衔接资金 | `FundingSource::BridgingFund` |
//! | 产业顾问组 | [`Group`] |
//! | 会商 | [`Consultation`] |
//! | 到岗服务 | [`ServiceVisit`] |
//! | 召集人 / 联络员 | convener / liaison ([`Term`]) |
//! | 典型案例 | [`Case`] |
//! | 监督举报电话 | supervision phone |
//! | 工作日历 / 调休上班日 | [`Calendar`] / workday |
//! | 绩效目标 / 实际完成值 | [`Target`](project::Target) / `actual` |
//! | 竣工验收 / 项目公示牌 / 竣工公告 | [`Acceptance`](works::Acceptance) / [`SiteSign`](works::SiteSign) / [`CompletionNotice`](works::CompletionNotice) |
//! | 现场照片 | [`Photo`](works::Photo) |
//!
//! Every field a rule may point at is an [`At`]: the value and its position.

pub mod announcement;
pub mod asset;
pub mod calendar;
pub mod change;
pub mod content;
pub mod county;
pub mod date;
pub mod disclosure;
pub mod figures;
pub mod fund;
pub mod group;
pub mod group_rules;
pub mod id;
pub mod keyword;
pub mod money;
pub mod payment;
pub mod plan;
pub mod project;
pub mod site;
pub mod status;
pub mod story;
pub mod terms;
pub mod works;

use std::sync::Arc;

use crate::diag::{Location, Pos};

pub use announcement::{Announcement, AnnouncementKind};
pub use asset::{Asset, AssetClass};
pub use calendar::Calendar;
pub use content::Content;
pub use county::{County, Liaison, Need, Term, Township, Village};
pub use fund::{Allocation, FundBatch, Payment};
pub use group::{Consultation, Group, Member, ServiceVisit};
pub use id::RecordId;
pub use keyword::Keyword;
pub use money::Money;
pub use plan::{PlanDoc, PlanKind};
pub use project::{Approval, Event, Funding, Notice, NoticeLevel, Objection, Origin, Project};
pub use site::{Rules, Site};
pub use status::Status;
pub use story::{Case, Page};

/// A value with the position it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it stands in its file.
    pub pos: Pos,
}

impl<T> At<T> {
    /// Wraps `value` found at `pos`.
    pub const fn new(value: T, pos: Pos) -> Self {
        Self { value, pos }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Pages, open data and render keys (all human-readable) show the value
/// alone; the parse cache (postcard) keeps its position too, so a reading
/// read back says where each value stands, as a fresh one does.
impl<T: serde::Serialize> serde::Serialize for At<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() { self.value.serialize(s) } else { (&self.value, self.pos).serialize(s) }
    }
}

/// Reads back what the parse cache wrote: the value and its position.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for At<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (value, pos) = <(T, Pos)>::deserialize(d)?;
        Ok(At { value, pos })
    }
}

/// The source file of a record: its path relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct SourcePath(pub Arc<str>);

impl SourcePath {
    /// A location in this file.
    pub fn at(&self, pos: Pos) -> Location {
        Location { file: self.0.clone(), pos: Some(pos) }
    }

    /// The file itself, with no position.
    pub fn whole(&self) -> Location {
        Location { file: self.0.clone(), pos: None }
    }
}

/// A `from`/`to` pair of dates; `to` absent means "still running".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    /// First day (inclusive).
    pub from: At<chrono::NaiveDate>,
    /// Last day (inclusive), if ended.
    pub to: Option<At<chrono::NaiveDate>>,
}

impl DateRange {
    /// Whether `day` lies in the range, both ends inclusive.
    pub fn covers(&self, day: chrono::NaiveDate) -> bool {
        *self.from <= day && self.to.as_ref().is_none_or(|t| day <= **t)
    }
}
