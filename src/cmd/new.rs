//! `gongshi new <kind> <ID>`: write a template record, say where, and what next.

use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use gongshi::scaffold::{self, NewKind};

/// The record kinds as typed on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Kind {
    /// 县
    County,
    /// 项目
    Project,
    /// 项目库公告
    Announcement,
    /// 帮扶项目资产
    Asset,
    /// 产业顾问组
    Group,
    /// 典型案例
    Case,
    /// 页面
    Page,
    /// 资金批次
    Fund,
    /// 年度计划与资金公告
    Plan,
}

pub(crate) fn run(root: &Path, kind: Kind, id: &str) -> ExitCode {
    let kind = match kind {
        Kind::County => NewKind::County,
        Kind::Project => NewKind::Project,
        Kind::Announcement => NewKind::Announcement,
        Kind::Asset => NewKind::Asset,
        Kind::Group => NewKind::Group,
        Kind::Case => NewKind::Case,
        Kind::Page => NewKind::Page,
        Kind::Fund => NewKind::Fund,
        Kind::Plan => NewKind::Plan,
    };
    match scaffold::new_record(root, kind, id) {
        Ok(path) => {
            let shown = path.strip_prefix(root).unwrap_or(&path);
            eprintln!("已生成 {}", shown.display());
            eprintln!("请填写其中空着的项和“待填写”的项，然后运行 gongshi check 检查");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}
