//! What `gongshi import` says: the options it takes, what happened to each
//! row, and why a ledger could not be read at all.

use std::path::PathBuf;

use chrono::NaiveDate;

pub use super::procedure::Stage;
pub use super::sheet::SheetError;

/// Options of `gongshi import`.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Report what would be written, write nothing.
    pub dry_run: bool,
    /// Replace existing project files of the same id.
    pub force: bool,
    /// The stage every project of the ledger has reached (`--stage`).
    pub stage: Option<Stage>,
    /// The approval's 文号 for `--stage` (`--approval-doc`).
    pub approval_doc: Option<String>,
    /// The approval's date for `--stage` (`--approval-date`).
    pub approval_date: Option<NaiveDate>,
    /// The day funds were allocated / work started (`--stage-date`; the approval's day if absent).
    pub stage_date: Option<NaiveDate>,
    /// The year when no column, id or title gives it (`--year`).
    pub year: Option<i32>,
    /// The fund of a single money column when no cell names it (`--fund 中央衔接资金`).
    pub fund: Option<String>,
    /// The prefix of generated ids (`--id-prefix QL`).
    pub id_prefix: Option<String>,
}

/// What happened to one good row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new file was written (or would be, under `dry_run`).
    New,
    /// An existing file was replaced (or would be), under `force`.
    Replaced,
    /// The existing file already holds exactly this.
    Unchanged,
}

/// One imported row.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Spreadsheet row number (1-based, as Excel shows it).
    pub row: usize,
    /// Project id.
    pub id: String,
    /// Whether the id was generated (the ledger has no 项目编号).
    pub is_id_generated: bool,
    /// 项目名称.
    pub name: String,
    /// The file, relative to the site root.
    pub path: String,
    /// What happened.
    pub outcome: Outcome,
    /// The project keys the ledger did not give (written as `not_given`).
    pub not_given: Vec<crate::domain::disclosure::NotGiven>,
}

/// One problem of one row; nothing was written for that row.
#[derive(Debug, Clone)]
pub struct RowProblem {
    /// Spreadsheet row number.
    pub row: usize,
    /// The column header as written in the ledger, when one column is at fault.
    pub column: Option<String>,
    /// Chinese message.
    pub message: String,
}

/// Something derived or read loosely in one row (the row was written).
#[derive(Debug, Clone)]
pub struct RowNote {
    /// Spreadsheet row number.
    pub row: usize,
    /// Chinese message.
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Good rows.
    pub imported: Vec<Imported>,
    /// Problems of bad rows, in row order.
    pub problems: Vec<RowProblem>,
    /// Notes on good rows, in row order.
    pub notes: Vec<RowNote>,
    /// What was derived for the whole ledger (ids, year, fund, 实施主体), in Chinese.
    pub derived: Vec<String>,
    /// Rows that are not projects (合计, 小计, section rows): row number and what it is.
    pub skipped: Vec<(usize, String)>,
    /// Headers that name no known column (ignored); sub-headers as `group/sub`.
    pub ignored_columns: Vec<String>,
}

/// Why nothing could be imported (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The site root has no `content/`.
    #[error("站点目录 {0} 下没有 content/ 文件夹")]
    NoContent(PathBuf),
    /// The ledger could not be read.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// No row looks like a header row.
    #[error("台账前 20 行中找不到表头行（要有“项目名称”列和金额列；可用的列名见 README 的“导入台账”一节）")]
    NoHeader,
    /// No name column or no amount column: each header with how it was read.
    #[error(
        "台账缺少{}，无法导入。表头各列的识别结果：\n{}\n（可用的列名见 README 的“导入台账”一节）",
        .missing.join("和"),
        .read.iter().map(|r| format!("  {r}")).collect::<Vec<_>>().join("\n")
    )]
    Unmapped {
        /// What is missing (项目名称列, 金额列).
        missing: Vec<&'static str>,
        /// `header → field` or `header → 未识别（是否应为“…”？）`, one per column.
        read: Vec<String>,
    },
    /// `--stage` without the approval it needs.
    #[error("--stage 需要同时给出 --approval-doc（项目库审定批复文号）和 --approval-date（批复日期）")]
    StageNeedsApproval,
    /// `--fund` names no known fund.
    #[error("--fund “{0}”无法识别，应写成 中央衔接资金、省级衔接资金、市级、结余资金、东西部协作资金 等")]
    UnknownFund(String),
    /// The site has no county the projects could belong to.
    #[error("无法确定项目所属的县：请在 content/site.yaml 中写 county，或只保留一个县文件")]
    NoCounty,
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] crate::Error),
}
