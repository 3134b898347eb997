//! 典型案例 and free pages: front matter plus a Markdown body.

use chrono::NaiveDate;

use super::{At, SourcePath};

/// 典型案例.
#[derive(Debug, Clone)]
pub struct Case {
    /// Source file.
    pub path: SourcePath,
    /// Id.
    pub id: At<String>,
    /// Title.
    pub title: String,
    /// County id.
    pub county: At<String>,
    /// Township id.
    pub township: Option<At<String>>,
    /// 产业.
    pub industry: String,
    /// 模式.
    pub mode: Option<String>,
    /// Year.
    pub year: i32,
    /// 批次.
    pub batch: Option<String>,
    /// Group id.
    pub advisory_group: Option<At<String>>,
    /// Project ids.
    pub related_projects: Vec<At<String>>,
    /// 成效.
    pub results: Vec<CaseResult>,
    /// Images.
    pub images: Vec<Image>,
    /// 来源.
    pub source: String,
    /// Published.
    pub published_on: NaiveDate,
    /// The Markdown body.
    pub body: Body,
}

/// Markdown text and the file line it starts on, so body positions are file lines.
#[derive(Debug, Clone)]
pub struct Body {
    /// Markdown source.
    pub markdown: String,
    /// 1-based line of the whole file where the body begins.
    pub first_line: u32,
}

/// 成效: a single figure or a before/after pair.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseResult {
    /// Indicator.
    pub indicator: String,
    /// Single value (exact text).
    pub value: Option<String>,
    /// Before (exact text).
    pub before: Option<String>,
    /// After (exact text).
    pub after: Option<String>,
    /// Unit.
    pub unit: String,
}

/// An image from `content/static/`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Image {
    /// Path relative to `content/static/`, without a leading `/`.
    pub file: String,
    /// Alt text.
    pub alt: String,
    /// Credit.
    pub credit: Option<String>,
    /// Where `file` is written.
    #[serde(skip)]
    pub pos: crate::diag::Pos,
}

/// A free page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source file.
    pub path: SourcePath,
    /// Id.
    pub id: At<String>,
    /// Title.
    pub title: String,
    /// Order in navigation lists.
    pub order: Option<i64>,
    /// Published.
    pub published_on: Option<NaiveDate>,
    /// Body.
    pub body: Body,
}
