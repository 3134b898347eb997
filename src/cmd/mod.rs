//! One function per command: each takes its parsed flags, calls the library
//! and returns the exit status. Only this layer and `main.rs` print, and every
//! word they print is Chinese (codes and `--format json` keys stay English).
//!
//! Exit statuses (spec/cli.md): 0 success, warnings allowed; 1 content errors,
//! or warnings under `--strict`; 2 usage or environment errors ([`fatal`]).

use std::process::ExitCode;

use gongshi::diag::{self, Diagnostic, Severity};

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod schema;
pub(crate) mod serve;

/// The status for content diagnostics: 1 on an error, or on a warning under
/// `strict`; else 0. `build` refuses to publish in exactly these cases (and on
/// a [`blocks_build`](diag::Code::blocks_build) warning), so it exits 1
/// whenever it wrote nothing.
pub(crate) fn content_status(diags: &[Diagnostic], strict: bool) -> ExitCode {
    let failed = diag::count(diags).errors > 0 || (strict && diags.iter().any(|d| d.severity() == Severity::Warning));
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints an environment error (no `content/`, unreadable file, broken
/// theme, foreign output folder) and returns exit status 2.
pub(crate) fn fatal(e: &gongshi::Error) -> ExitCode {
    // The message already holds its cause (an I/O error's reason in Chinese).
    eprintln!("错误：{e}");
    ExitCode::from(2)
}
