//! The command line as county staff see it: every flag, heading and example in
//! Chinese, and clap's usage errors rewritten in Chinese (see [`usage`]).
//!
//! clap writes its own English words ("Usage:", "Options:", "Print help") in
//! three places, and each is replaced here: the help page through a
//! `help_template` per command with literal Chinese headings, the help and
//! version flags by our own (clap's are disabled), and the usage line by
//! `override_usage`. Possible and default values are hidden from clap's
//! listing ("[possible values: …]", "[default: …]") and stated in the help text.

mod usage;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgAction, Parser, Subcommand, ValueEnum};

pub(crate) use usage::render_error;

use crate::cmd;

/// The help page of `gongshi` itself.
const TOP_TEMPLATE: &str = "\
{about}

用法：{usage}

命令：
{subcommands}

选项：
{options}{after-help}";

/// The help page of a command without positional arguments.
const COMMAND_TEMPLATE: &str = "\
{about}

用法：{usage}

选项：
{options}{after-help}";

/// The help page of a command with positional arguments (`new`, `import`).
const COMMAND_WITH_ARGS_TEMPLATE: &str = "\
{about}

用法：{usage}

参数：
{positionals}

选项：
{options}{after-help}";

const TOP_EXAMPLES: &str = "\
例子：
  gongshi check --today 2026-11-20      检查内容是否符合公示规则
  gongshi build --today 2026-11-20      检查后生成网站到 output/
  gongshi serve                         在浏览器中预览，修改后自动刷新
  gongshi new project QL-2027-0001      新建一个项目记录模板

查看某个命令的说明：gongshi <命令> --help，例如 gongshi build --help";

/// `gongshi`: parsed flags, before any file is read.
#[derive(Parser)]
#[command(
    name = "gongshi",
    version,
    about = "公示：检查项目库、产业顾问组和典型案例的记录，生成县级公开网站",
    override_usage = "gongshi [选项] <命令>",
    help_template = TOP_TEMPLATE,
    after_help = TOP_EXAMPLES,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    arg_required_else_help = true,
    subcommand_value_name = "命令"
)]
pub(crate) struct Cli {
    /// The site root.
    #[arg(
        long,
        global = true,
        display_order = 100,
        default_value = ".",
        hide_default_value = true,
        value_name = "目录",
        help = "站点目录（其中有 content/ 文件夹），默认是当前目录"
    )]
    pub(crate) root: PathBuf,
    /// The as-of day.
    #[arg(long, global = true, display_order = 101, value_parser = parse_day, value_name = "日期",
          help = "按哪一天的情况检查和生成，写成 YYYY-MM-DD，例如 2026-11-20；默认是北京时间的今天")]
    pub(crate) today: Option<NaiveDate>,
    #[arg(short = 'h', long = "help", global = true, display_order = 102, action = ArgAction::Help, help = "显示本说明")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", display_order = 103, action = ArgAction::Version, help = "显示版本号")]
    version: Option<bool>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// One command and its flags.
#[derive(Subcommand)]
pub(crate) enum Command {
    /// `gongshi build`
    #[command(
        about = "检查内容，没有错误时生成网站到输出目录（默认 output/）",
        override_usage = "gongshi build [选项]",
        help_template = COMMAND_TEMPLATE,
        after_help = "\
例子：
  gongshi build --today 2026-11-20
  gongshi build --today 2026-11-20 --output /srv/www/gongshi --base-url https://example.gov.cn/gongshi/
  gongshi build --strict --quiet        有警告也不生成；只显示错误
  gongshi build --allow-removal QL-2026-0009    误发布的记录：允许它的页面不再生成

有错误时不生成网站，输出目录保持原样。上次已发布的项目页和公示打印页不会被悄悄删除。"
    )]
    Build {
        #[arg(long, value_name = "目录", help = "输出目录，默认是站点目录下的 output/")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "网址", help = "网站的网址，代替 site.yaml 中的 base_url")]
        base_url: Option<String>,
        #[arg(long, help = "有警告也不生成网站（退出状态为 1）")]
        strict: bool,
        #[arg(long, help = "只显示错误，不显示生成结果")]
        quiet: bool,
        #[arg(long, value_name = "编号", action = ArgAction::Append, help = ALLOW_REMOVAL_HELP)]
        allow_removal: Vec<String>,
    },
    /// `gongshi check`
    #[command(
        about = "只检查内容，列出每一个错误和警告，不生成网站",
        override_usage = "gongshi check [选项]",
        help_template = COMMAND_TEMPLATE,
        after_help = "\
例子：
  gongshi check --today 2026-11-20
  gongshi check --today 2026-11-20 --format json     给编辑器和自动化流程使用

退出状态：0 没有错误（可以有警告）；1 有错误，或 --strict 下有警告；2 命令或目录有误。"
    )]
    Check {
        #[arg(long, value_enum, default_value_t = Format::Human, hide_default_value = true,
              hide_possible_values = true, value_name = "格式",
              help = "human：在终端逐条显示（默认）；json：输出一个 JSON 对象")]
        format: Format,
        #[arg(long, help = "有警告时退出状态也为 1")]
        strict: bool,
        #[arg(
            long,
            value_name = "目录",
            help = "上次生成网站的输出目录，默认是站点目录下的 output/；检查其中已发布的项目页和公示打印页是否还会生成"
        )]
        output: Option<PathBuf>,
        #[arg(long, value_name = "编号", action = ArgAction::Append, help = ALLOW_REMOVAL_HELP)]
        allow_removal: Vec<String>,
    },
    /// `gongshi serve`
    #[command(
        about = "在本机预览网站：修改 content/ 或 themes/ 后自动重新生成并刷新浏览器",
        override_usage = "gongshi serve [选项]",
        help_template = COMMAND_TEMPLATE,
        after_help = "\
例子：
  gongshi serve --today 2026-11-20      然后在浏览器打开 http://127.0.0.1:1111/
  gongshi serve --port 1112             1111 端口被占用时换一个端口

按 Ctrl+C 退出。"
    )]
    Serve {
        #[arg(
            long,
            default_value_t = 1111,
            hide_default_value = true,
            value_name = "端口",
            help = "端口号，默认 1111；写 0 则自动选一个空闲端口"
        )]
        port: u16,
        #[arg(
            long,
            default_value = "127.0.0.1",
            hide_default_value = true,
            value_name = "地址",
            help = "监听的地址，默认 127.0.0.1（只有本机能访问）"
        )]
        bind: std::net::IpAddr,
    },
    /// `gongshi new`
    #[command(
        about = "新建一个带中文注释的记录模板，填写后即可通过检查",
        override_usage = "gongshi new <类型> <编号> [选项]",
        help_template = COMMAND_WITH_ARGS_TEMPLATE,
        after_help = "\
例子：
  gongshi new project QL-2027-0001      生成 content/projects/2027/QL-2027-0001.yaml
  gongshi new county qingling           生成 content/counties/qingling.yaml
  gongshi new case qingling-tea-2027    生成 content/cases/qingling-tea-2027.md

不会覆盖已有的文件。"
    )]
    New {
        #[arg(
            value_enum,
            hide_possible_values = true,
            value_name = "类型",
            help = "county（县）、project（项目）、announcement（项目库公告）、fund（资金批次）、plan（年度计划与资金公告）、group（产业顾问组）、case（典型案例）或 page（页面）"
        )]
        kind: cmd::new::Kind,
        #[arg(value_name = "编号", help = "记录的编号，例如 QL-2027-0001")]
        id: String,
    },
    /// `gongshi import`
    #[command(
        about = "把项目库台账（.xlsx、.xls、.ods、.csv）转换成项目记录文件",
        override_usage = "gongshi import <台账文件> --kind projects [选项]",
        help_template = COMMAND_WITH_ARGS_TEMPLATE,
        after_help = "\
例子：
  gongshi import 台账.xlsx --kind projects --dry-run    先看看结果，不写文件
  gongshi import 台账.xlsx --kind projects
  gongshi import 台账.csv --kind projects --force       覆盖已有的项目文件
  gongshi import 分配表.xlsx --kind projects --stage funded \
      --approval-doc 青农领办发〔2024〕3号 --approval-date 2024-01-20   已下达资金的往年项目

只有“项目名称”列和一个金额列是必需的；台账没有给出的内容不会编造，
记入 not_given（页面显示“未公布”）。有问题的行会逐行列出，不会写入；
其他行照常导入。"
    )]
    Import {
        #[arg(value_name = "台账文件", help = "台账文件：.xlsx、.xls、.ods 或 .csv")]
        file: PathBuf,
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            value_name = "种类",
            help = "台账的种类，目前只有 projects（项目库台账）"
        )]
        kind: cmd::import::Kind,
        #[arg(long, help = "只报告将会写入什么，不写任何文件")]
        dry_run: bool,
        #[arg(long, help = "用台账中的内容覆盖已有的项目文件")]
        force: bool,
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            value_name = "阶段",
            help = "台账中的项目都已到达的阶段：approved（已入库）、funded（资金已下达）或 started（已开工）；\
                    需同时给出 --approval-doc 和 --approval-date"
        )]
        stage: Option<cmd::import::StageArg>,
        #[arg(long, value_name = "文号", help = "项目库审定批复的文号（与 --stage 一起用）")]
        approval_doc: Option<String>,
        #[arg(long, value_parser = parse_day, value_name = "日期", help = "批复日期，如 2024-01-20（与 --stage 一起用）")]
        approval_date: Option<NaiveDate>,
        #[arg(
            long,
            value_parser = parse_day,
            value_name = "日期",
            help = "资金下达或开工的日期（与 --stage funded/started 一起用），默认同批复日期"
        )]
        stage_date: Option<NaiveDate>,
        #[arg(
            long,
            value_name = "年度",
            help = "项目库年度：台账没有年度列、编号中也没有年份时用（优先于标题中的年份）"
        )]
        year: Option<i32>,
        #[arg(long, value_name = "资金", help = "只有一个金额列且没有写明资金来源时，这笔资金的来源，如 中央衔接资金")]
        fund: Option<String>,
        #[arg(long, value_name = "前缀", help = "台账没有项目编号时，生成编号的前缀，默认同本县已有项目（如 QL）")]
        id_prefix: Option<String>,
    },
    /// `gongshi schema`
    #[command(
        about = "为每种记录写一个 JSON Schema，供编辑器边写边检查 YAML",
        override_usage = "gongshi schema [选项]",
        help_template = COMMAND_TEMPLATE,
        after_help = "\
例子：
  gongshi schema                        写到站点目录下的 schemas/
  gongshi schema --out .vscode/schemas"
    )]
    Schema {
        #[arg(long, value_name = "目录", help = "输出目录，默认是站点目录下的 schemas/")]
        out: Option<PathBuf>,
    },
}

/// `--allow-removal` of `build` and `check`.
const ALLOW_REMOVAL_HELP: &str =
    "允许这个项目已发布的页面不再生成（只用于本来就不该公开的记录）；可以写多次，每次一个项目编号";

/// How `check` prints its diagnostics.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// Lines on stderr.
    Human,
    /// One JSON object on stdout.
    Json,
}

/// The one message for every malformed `--today`.
const DAY_FORMAT: &str = "日期须为 YYYY-MM-DD，例如 2026-11-20";

/// Parses `--today`: exactly four digits, two, two, joined by `-`, as dates
/// inside records must be written.
///
/// chrono's `%Y-%m-%d` alone is lenient: it takes `2026-11-5`, `2026-1-05`,
/// a sign (`+2026-11-20`) and leading spaces, so the shape is checked first.
fn parse_day(s: &str) -> Result<NaiveDate, String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(DAY_FORMAT.to_owned());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("没有这一天；{DAY_FORMAT}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn today_takes_exactly_yyyy_mm_dd() {
        assert_eq!(parse_day("2026-11-20"), Ok(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()));
        assert_eq!(parse_day("2024-02-29"), Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()));
    }

    #[test]
    fn today_rejects_every_lenient_form() {
        for bad in [
            "2026-11-5",
            "+2026-11-20",
            " 2026-11-20",
            "2026-11-20 ",
            "2026-1-05",
            "2026-1-105",
            "2026/11/20",
            "20261120",
            "2026-11-２0",
            "",
        ] {
            assert_eq!(parse_day(bad), Err(DAY_FORMAT.to_owned()), "{bad:?}");
        }
    }

    #[test]
    fn today_rejects_a_day_that_does_not_exist() {
        for bad in ["2026-02-29", "2026-13-01", "2026-11-31", "2026-00-10"] {
            let err = parse_day(bad).unwrap_err();
            assert!(err.starts_with("没有这一天") && err.contains(DAY_FORMAT), "{bad}: {err}");
        }
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
