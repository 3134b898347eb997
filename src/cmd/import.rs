//! `gongshi import <FILE> --kind projects [--dry-run] [--force] [--stage …]`:
//! report every row (with the generated id of each, since ids become URLs),
//! what was derived and what the ledger did not give, write the good rows,
//! exit 1 when any row was refused.

use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use gongshi::domain::Keyword;
use gongshi::import::{ImportOptions, Outcome, Stage};

/// What a ledger holds (only project ledgers for now).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Kind {
    /// 项目库台账
    Projects,
}

/// `--stage`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum StageArg {
    /// 已入库
    Approved,
    /// 资金已下达
    Funded,
    /// 已开工
    Started,
}

impl StageArg {
    pub(crate) fn stage(self) -> Stage {
        match self {
            StageArg::Approved => Stage::Approved,
            StageArg::Funded => Stage::Funded,
            StageArg::Started => Stage::Started,
        }
    }
}

pub(crate) fn run(root: &Path, file: &Path, kind: Kind, options: &ImportOptions) -> ExitCode {
    let Kind::Projects = kind;
    let report = match gongshi::import::import(root, file, options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：{}", gongshi::error::report(&e));
            return ExitCode::from(2);
        }
    };
    if !report.ignored_columns.is_empty() {
        eprintln!("提示：以下列未识别，已忽略：{}", report.ignored_columns.join("、"));
    }
    for d in &report.derived {
        eprintln!("提示：{d}");
    }
    for (row, what) in &report.skipped {
        eprintln!("第 {row} 行：{what}，不是项目，跳过");
    }
    let (verb_new, verb_replaced) =
        if options.dry_run { ("将新建", "将覆盖") } else { ("已新建", "已覆盖") };
    for i in &report.imported {
        let verb = match i.outcome {
            Outcome::New => verb_new,
            Outcome::Replaced => verb_replaced,
            Outcome::Unchanged => "内容相同，未改动",
        };
        let name = if i.is_id_generated { format!("（{}）", i.name) } else { String::new() };
        eprintln!("第 {} 行 {}{name}：{verb} {}", i.row, i.id, i.path);
        if !i.not_given.is_empty() {
            let labels: Vec<&str> = i.not_given.iter().map(|k| k.label()).collect();
            eprintln!("  台账未给出：{}（记入 not_given，页面显示“未公布”）", labels.join("、"));
        }
    }
    for n in &report.notes {
        eprintln!("第 {} 行：{}", n.row, n.message);
    }
    for p in &report.problems {
        match &p.column {
            Some(c) => eprintln!("第 {} 行「{c}」列：{}", p.row, p.message),
            None => eprintln!("第 {} 行：{}", p.row, p.message),
        }
    }
    let bad_rows: std::collections::BTreeSet<usize> = report.problems.iter().map(|p| p.row).collect();
    let dry = if options.dry_run { "（试运行，未写入任何文件）" } else { "" };
    eprintln!("{} 行可导入，{} 行有问题未导入{dry}", report.imported.len(), bad_rows.len());
    if !report.imported.is_empty() && !options.dry_run {
        eprintln!("请运行 gongshi check 检查导入的项目");
    }
    if bad_rows.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
