//! The `gongshi` command: parse flags, call the library, print, set the exit status.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use gongshi::diag::{self, Severity};

mod cmd;

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// 公示: build and check the disclosure site of a county project warehouse.
#[derive(Parser)]
#[command(name = "gongshi", version)]
struct Cli {
    /// The site root (the folder holding content/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// The day the site is "as of" (YYYY-MM-DD); default today in Asia/Shanghai.
    #[arg(long, global = true, value_parser = parse_day)]
    today: Option<NaiveDate>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check, then render the site into the output folder.
    Build {
        /// Output folder (default <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Warnings stop the build too.
        #[arg(long)]
        strict: bool,
        /// Print only errors.
        #[arg(long)]
        quiet: bool,
    },
    /// Load and check only; print every diagnostic.
    Check {
        /// human (stderr) or json (stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Warnings make the exit status 1.
        #[arg(long)]
        strict: bool,
    },
    /// Build into a temporary folder, serve it, rebuild on change, reload open pages.
    Serve {
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Write a commented template record (county, project, group, case, page) to fill in.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: cmd::new::Kind,
        /// Its id, e.g. QL-2027-0001.
        id: String,
    },
    /// Turn a ledger spreadsheet (.xlsx, .xls, .ods, .csv) into project files.
    Import {
        /// The ledger file.
        file: PathBuf,
        /// What the ledger holds.
        #[arg(long, value_enum)]
        kind: cmd::import::Kind,
        /// Report what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace existing project files with the ledger's rows.
        #[arg(long)]
        force: bool,
    },
    /// Write a JSON Schema (draft-07) per record kind, for editors that validate YAML.
    Schema {
        /// Output folder (default <root>/schemas).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("日期应为 YYYY-MM-DD：{s}"))
}

/// Today's date in China (UTC+8, no daylight saving since 1991): the only clock read.
fn china_today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let today = cli.today.unwrap_or_else(china_today);
    match cli.command {
        Command::Build { output, base_url, strict, quiet } => {
            let started = std::time::Instant::now();
            let options = gongshi::pipeline::BuildOptions { today, output, base_url, strict };
            match gongshi::pipeline::build(&cli.root, &options) {
                Ok(report) => {
                    let shown: Vec<_> = if quiet {
                        report
                            .diagnostics
                            .iter()
                            .filter(|d| d.severity() == Severity::Error || d.code.blocks_build())
                            .cloned()
                            .collect()
                    } else {
                        report.diagnostics.clone()
                    };
                    if !shown.is_empty() || report.written.is_none() {
                        eprint!("{}", diag::render_human(&shown));
                    }
                    match report.written {
                        Some(w) => {
                            if !quiet {
                                let secs = started.elapsed().as_secs_f64();
                                eprintln!("已生成 {} 个页面、{} 个文件，用时 {secs:.2} 秒", w.pages, w.files);
                            }
                            ExitCode::SUCCESS
                        }
                        None if diag::count(&report.diagnostics).errors == 0
                            && report.diagnostics.iter().any(|d| d.code.blocks_build()) =>
                        {
                            eprintln!("公开内容中疑似含有个人手机号或身份证号，未生成网站，输出目录保持不变");
                            ExitCode::from(1)
                        }
                        None => {
                            eprintln!("存在内容错误，未生成网站，输出目录保持不变");
                            ExitCode::from(1)
                        }
                    }
                }
                Err(e) => fatal(&e),
            }
        }
        Command::Check { format, strict } => match gongshi::pipeline::check(&cli.root, today) {
            Ok(checked) => {
                match format {
                    Format::Human => eprint!("{}", diag::render_human(&checked.diagnostics)),
                    Format::Json => println!("{}", diag::render_json(&checked.diagnostics, today)),
                }
                exit_for(&checked.diagnostics, strict)
            }
            Err(e) => fatal(&e),
        },
        Command::Serve { port, bind } => cmd::serve::run(&cli.root, today, bind, port),
        Command::New { kind, id } => cmd::new::run(&cli.root, kind, &id),
        Command::Import { file, kind, dry_run, force } => {
            cmd::import::run(&cli.root, &file, kind, gongshi::import::ImportOptions { dry_run, force })
        }
        Command::Schema { out } => cmd::schema::run(&cli.root, out),
    }
}

fn exit_for(diags: &[diag::Diagnostic], strict: bool) -> ExitCode {
    let c = diag::count(diags);
    if c.errors > 0 || (strict && diags.iter().any(|d| d.severity() == Severity::Warning)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fatal(e: &gongshi::Error) -> ExitCode {
    let mut msg = format!("错误：{e}");
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!("：{s}"));
        src = s.source();
    }
    eprintln!("{msg}");
    ExitCode::from(2)
}
