//! One function per command: each takes its parsed flags, calls the library
//! and returns the exit status. Only this layer and `main.rs` print, and every
//! word they print is Chinese (codes and `--format json` keys stay English).
//!
//! Exit statuses (docs/cli.md): 0 success, warnings allowed; 1 content errors,
//! or warnings under `--strict`; 2 usage or environment errors ([`fatal`]).

use std::process::ExitCode;

use gongshi::diag::{Diagnostic, Verdict};

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod schema;
pub(crate) mod serve;

/// The exit status of `check`: 1 when the [`Verdict`] does not pass (an
/// error, or a warning under `strict`), else 0. `build` exits 1 exactly when
/// its own verdict stops it, so it exits 1 whenever it wrote nothing.
pub(crate) fn content_status(diags: &[Diagnostic], strict: bool) -> ExitCode {
    if Verdict::of(diags, strict, false).passes() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Prints an environment error (no `content/`, unreadable file, broken
/// theme, foreign output folder) and returns exit status 2.
pub(crate) fn fatal(e: &gongshi::Error) -> ExitCode {
    eprintln!("错误：{}", gongshi::error::report(e));
    ExitCode::from(2)
}

/// Notes each `--allow-removal` id the last build published nothing of: most
/// likely a mistyped id, whose real pages the rule then still guards.
pub(crate) fn never_published(ids: &[String]) {
    for id in ids {
        eprintln!("提示：--allow-removal {id} 没有作用：上次生成的网站中没有项目 {id} 的页面（编号是否写错？）");
    }
}
