//! The `gongshi` command: parse flags, call one command, set the exit status.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use clap::error::ErrorKind;

use cli::{Cli, Command};

mod cli;
mod cmd;

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Today's date in China (UTC+8, no daylight saving since 1991): the only clock read.
fn china_today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        // Help and version are already in Chinese (our templates); print as clap does.
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // `gongshi` alone: the help, but as a usage error.
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            let args: Vec<_> = std::env::args_os().collect();
            eprint!("{}", cli::render_error(&e, &args));
            return ExitCode::from(2);
        }
    };
    let today = cli.today.unwrap_or_else(china_today);
    let root = &cli.root;
    match cli.command {
        Command::Build { output, base_url, strict, quiet, allow_removal } => {
            cmd::build::run(root, today, cmd::build::Flags { output, base_url, strict, quiet, allow_removal })
        }
        Command::Check { format, strict, output, allow_removal } => {
            let last = gongshi::pipeline::LastBuild { output, allow_removal };
            cmd::check::run(root, today, format, strict, &last)
        }
        Command::Serve { port, bind } => cmd::serve::run(root, today, bind, port),
        Command::New { kind, id } => cmd::new::run(root, kind, &id),
        Command::Import {
            file,
            kind,
            dry_run,
            force,
            stage,
            approval_doc,
            approval_date,
            stage_date,
            year,
            fund,
            id_prefix,
        } => {
            let options = gongshi::import::ImportOptions {
                dry_run,
                force,
                stage: stage.map(cmd::import::StageArg::stage),
                approval_doc,
                approval_date,
                stage_date,
                year,
                fund,
                id_prefix,
            };
            cmd::import::run(root, &file, kind, &options)
        }
        Command::Schema { out } => cmd::schema::run(root, out),
    }
}
