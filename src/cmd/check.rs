//! `gongshi check [--format human|json] [--strict]`: print every diagnostic.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use gongshi::diag;

use crate::cli::Format;

pub(crate) fn run(root: &Path, today: NaiveDate, format: Format, strict: bool) -> ExitCode {
    match gongshi::pipeline::check(root, today) {
        Ok(checked) => {
            match format {
                Format::Human => eprint!("{}", diag::render_human(&checked.diagnostics)),
                Format::Json => println!("{}", diag::render_json(&checked.diagnostics, today)),
            }
            super::content_status(&checked.diagnostics, strict)
        }
        Err(e) => super::fatal(&e),
    }
}
