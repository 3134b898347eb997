//! `gongshi check [--format human|json] [--strict] [--output 目录] [--allow-removal 编号]…`:
//! print every diagnostic.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use gongshi::diag;
use gongshi::pipeline::LastBuild;

use crate::cli::Format;

pub(crate) fn run(root: &Path, today: NaiveDate, format: Format, strict: bool, last: &LastBuild) -> ExitCode {
    match gongshi::pipeline::check_against(root, today, last) {
        Ok(checked) => {
            super::never_published(&checked.never_published);
            match format {
                Format::Human => eprint!("{}", diag::render_human(&checked.diagnostics)),
                Format::Json => println!("{}", diag::render_json(&checked.diagnostics, today)),
            }
            super::content_status(&checked.diagnostics, strict)
        }
        Err(e) => super::fatal(&e),
    }
}
