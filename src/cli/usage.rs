//! clap's usage errors in Chinese.
//!
//! clap builds each error from structured context (the bad argument, the
//! rejected value, the suggestion) and only then words it in English; the
//! context is read here and worded again. Every error ends with the usage line
//! of the command it concerns and where to find its help.

use std::fmt::Write as _;

use std::ffi::OsString;

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Cli;

/// The Chinese text for a clap error that is not help or version output;
/// `args` is the command line as given, to find the command it concerns
/// when clap's error does not say.
pub(crate) fn render_error(err: &clap::Error, args: &[OsString]) -> String {
    let arg = string(err, ContextKind::InvalidArg).unwrap_or_default();
    // "--today <日期>" → "--today": the flag as typed; a positional keeps its "<类型>".
    let flag = if arg.starts_with('-') { arg.split_whitespace().next().unwrap_or_default() } else { &arg };
    let value = string(err, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("错误：");
    match err.kind() {
        ErrorKind::InvalidSubcommand => {
            let sub = string(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let _ = write!(out, "没有“{sub}”这个命令");
            let suggested = strings(err, ContextKind::SuggestedSubcommand);
            if sub == "help" {
                // clap's `help` command is disabled (its words are English).
                out.push_str("\n  是否想输入 `gongshi --help`？");
            } else if let Some(s) = suggested.first() {
                let _ = write!(out, "\n  是否想输入 `{s}`？");
            } else {
                out.push_str("\n  可用的命令：build、check、serve、new、import、schema");
            }
        }
        ErrorKind::UnknownArgument if !arg.starts_with('-') => {
            let _ = write!(out, "多余的参数“{arg}”");
        }
        ErrorKind::UnknownArgument => {
            let _ = write!(out, "没有“{arg}”这个选项");
            if let Some(s) = string(err, ContextKind::SuggestedArg) {
                let _ = write!(out, "\n  是否想输入 `{s}`？");
            }
            for hint in strings(err, ContextKind::Suggested) {
                // clap: "'check --strict' exists" (the flag belongs to another
                // command) or "to pass '-x' as a value, use '-- -x'".
                if let Some(exists) = hint.strip_suffix(" exists") {
                    let _ =
                        write!(out, "\n  这个选项属于另一个命令：是否想输入 `gongshi {}`？", exists.trim_matches('\''));
                } else if hint.starts_with("to pass") {
                    let _ = write!(out, "\n  如果“{arg}”是要填写的值，请在它前面写 -- ，例如 -- {arg}");
                }
            }
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            let _ = write!(out, "{flag} 后面缺少要填写的值，应写成 {arg}");
            if flag == "--today" {
                out.push_str("，例如 --today 2026-11-20");
            }
        }
        ErrorKind::InvalidValue => {
            let _ = write!(out, "{flag} 不能是“{value}”");
            let valid = strings(err, ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(out, "；可以是：{}", valid.join("、"));
            }
            if let Some(s) = string(err, ContextKind::SuggestedValue) {
                let _ = write!(out, "\n  是否想输入 `{s}`？");
            }
        }
        ErrorKind::ValueValidation => {
            // Our own parsers' reasons are Chinese; std's (a port, an
            // address) are not, so those get a Chinese reason by flag.
            let reason = match flag {
                "--today" => std::error::Error::source(err).map(ToString::to_string).unwrap_or_default(),
                "--port" => "端口须为 0 到 65535 之间的整数".to_owned(),
                "--bind" => "地址须为 IP 地址，例如 127.0.0.1".to_owned(),
                _ => "格式不对".to_owned(),
            };
            let _ = write!(out, "{flag} 的值“{value}”不对：{reason}");
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(err, ContextKind::InvalidArg);
            let _ = write!(out, "缺少 {}", missing.join("、"));
        }
        ErrorKind::TooManyValues => {
            let _ = write!(out, "多了一个值“{value}”（{arg} 只要一个值）");
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(err, ContextKind::PriorArg);
            if prior.is_empty() || prior.contains(&arg) {
                let _ = write!(out, "{flag} 只能写一次");
            } else {
                let _ = write!(out, "{flag} 不能和 {} 同时使用", prior.join("、"));
            }
        }
        ErrorKind::NoEquals => {
            let _ = write!(out, "{flag} 的值要用等号连接，例如 {flag}=…");
        }
        ErrorKind::InvalidUtf8 => out.push_str("参数中有无法识别的字符（不是 UTF-8 编码）"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            out.push_str("缺少命令；可用的命令：build、check、serve、new、import、schema");
        }
        _ => out.push_str("命令行有误"),
    }
    // clap words the usage "Usage: gongshi build [选项]"; only the heading is English.
    // Value errors carry none: take the usage of the command named on the line.
    let usage = string(err, ContextKind::Usage).or_else(|| usage_of_named_command(args)).unwrap_or_default();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        let _ = write!(out, "\n\n用法：{usage}");
    }
    let _ = write!(out, "\n查看说明：{} --help\n", command_of(usage));
    out
}

/// The usage line of the first command named in `args`, if any.
fn usage_of_named_command(args: &[OsString]) -> Option<String> {
    let mut cli = Cli::command();
    cli.build();
    let name = args.iter().skip(1).find_map(|a| {
        let a = a.to_str()?;
        cli.get_subcommands().any(|c| c.get_name() == a).then(|| a.to_owned())
    })?;
    Some(cli.find_subcommand_mut(name)?.render_usage().to_string())
}

/// `gongshi build` from `gongshi build [选项]`: the words before the first placeholder.
fn command_of(usage: &str) -> String {
    let words: Vec<&str> = usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect();
    if words.is_empty() { "gongshi".to_owned() } else { words.join(" ") }
}

/// A context value as one string (a list is joined).
fn string(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A context value as a list.
fn strings(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}
