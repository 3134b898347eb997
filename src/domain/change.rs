//! A project's life after its notices, besides moving forward: it may end
//! before approval (撤回, 未通过), and once warehoused it may be changed (变更)
//! by a later approval. A change keeps the values it replaced, so every
//! earlier document can still be shown as it was on its date.

use chrono::NaiveDate;

use super::At;
use super::figures::{Funding, ProjectLocation};
use super::keyword::keyword;
use crate::diag::Pos;

/// How a project ended before approval: 撤回 or 未通过.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Closure {
    /// 日期.
    pub date: At<NaiveDate>,
    /// 决定单位 (who withdrew it, or who reviewed it).
    pub by: String,
    /// 原因.
    pub reason: String,
    /// 文号, where there is one.
    pub doc_no: Option<String>,
}

keyword! {
    /// What a change (变更) touched; the order is the 变更事项 order on pages.
    ChangeItem {
        Funding = "funding" / "资金规模",
        Content = "content" / "建设内容",
        Location = "location" / "实施地点",
        Implementer = "implementer" / "实施主体",
    }
}

/// 变更: a change approved after warehousing. The project's own fields hold
/// the values after it; `previous` those before, so every earlier document
/// (an announcement, a notice) can still be shown as it was.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// 变更日期 (批复日期).
    pub date: At<NaiveDate>,
    /// 变更批复文号.
    pub doc_no: String,
    /// 变更内容: what changed, in words.
    pub summary: String,
    /// The values before the change (at least one).
    pub previous: Previous,
    /// Where the change item starts.
    pub pos: Pos,
}

/// The values a change replaced.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Previous {
    /// 资金 before.
    pub funding: Option<Funding>,
    /// 建设内容 before.
    pub content: Option<String>,
    /// 实施地点 before.
    pub location: Option<ProjectLocation>,
    /// 实施主体 before.
    pub implementer: Option<String>,
}

impl Previous {
    /// What the change touched, in [`ChangeItem`] order.
    pub fn items(&self) -> Vec<ChangeItem> {
        let mut items = Vec::new();
        if self.funding.is_some() {
            items.push(ChangeItem::Funding);
        }
        if self.content.is_some() {
            items.push(ChangeItem::Content);
        }
        if self.location.is_some() {
            items.push(ChangeItem::Location);
        }
        if self.implementer.is_some() {
            items.push(ChangeItem::Implementer);
        }
        items
    }
}

keyword! {
    /// The two ways a project ends before approval.
    ClosureKind {
        Withdrawn = "withdrawn" / "撤回",
        Rejected = "rejected" / "未通过",
    }
}
