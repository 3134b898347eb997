//! `gongshi build`: check, publish, and end with what county staff need next:
//! where the site is, which notices are on the boards or about to go up, and
//! how many warnings wait in `gongshi check`.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gongshi::agenda::{Agenda, DueNotice, UPCOMING_DAYS};
use gongshi::diag::{self, Severity, Verdict};
use gongshi::domain::date;
use gongshi::domain::keyword::Keyword;
use gongshi::output::Changes;
use gongshi::pipeline::{BuildOptions, BuildReport, Written};

/// The flags of `gongshi build`.
pub(crate) struct Flags {
    pub(crate) output: Option<PathBuf>,
    pub(crate) base_url: Option<String>,
    pub(crate) strict: bool,
    /// Print only errors.
    pub(crate) quiet: bool,
    /// Ids whose published pages may go.
    pub(crate) allow_removal: Vec<String>,
}

/// At most this many notices per list; a county posting more at once reads them on the site.
const LIST_LIMIT: usize = 20;

pub(crate) fn run(root: &Path, today: NaiveDate, flags: Flags) -> ExitCode {
    let started = Instant::now();
    let options = BuildOptions {
        today,
        output: flags.output,
        base_url: flags.base_url,
        strict: flags.strict,
        allow_removal: flags.allow_removal,
    };
    let progress = (!flags.quiet && std::io::stderr().is_terminal()).then(Progress::start);
    let report = gongshi::pipeline::build(root, &options);
    let built = started.elapsed();
    if let Some(p) = progress {
        p.stop();
    }
    let report = match report {
        Ok(r) => r,
        Err(e) => return super::fatal(&e),
    };
    super::never_published(&report.never_published);
    if std::env::var_os("GONGSHI_TIMINGS").is_some() {
        // For the benches: where a build's time went (English, not for users).
        for (phase, took) in &report.phases {
            eprintln!("timing {phase}: {:.3} s", took.as_secs_f64());
        }
        eprintln!("timing the build call in all: {:.3} s", built.as_secs_f64());
    }
    let Some(written) = &report.written else {
        let shown: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| !flags.quiet || d.severity() == Severity::Error || d.code.blocks_build())
            .cloned()
            .collect();
        eprint!("{}", diag::render_human(&shown));
        eprintln!(
            "{}",
            match report.verdict {
                Verdict::Blocked => "公开内容中疑似含有个人手机号或身份证号，未生成网站，输出目录保持不变",
                Verdict::StrictWarnings => "使用了 --strict，有警告时不生成网站；输出目录保持不变",
                Verdict::Errors | Verdict::Clean => "存在内容错误，未生成网站，输出目录保持不变",
            }
        );
        return ExitCode::from(1);
    };
    if !flags.quiet {
        let check = check_command(root, today);
        eprint!("{}", summary(&report, written, today, started.elapsed(), &check));
    }
    // Only now, with the user told, does the replaced site go.
    if let Some(trash) = report.written.and_then(|w| w.trash) {
        let shown = trash.path().map(|p| p.display().to_string()).unwrap_or_default();
        if let Err(e) = trash.empty() {
            eprintln!("提示：旧网站未能删除（{shown}）：{}；下次生成时会再删除", gongshi::error::report(&e));
        }
    }
    if std::env::var_os("GONGSHI_TIMINGS").is_some() {
        eprintln!("timing the command in all: {:.3} s", started.elapsed().as_secs_f64());
    }
    ExitCode::SUCCESS
}

/// The stage of the build and a counter of the files written, redrawn on one line of a terminal's
/// stderr while a build runs, and erased when it ends.
struct Progress {
    done: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Progress {
    fn start() -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let thread = std::thread::spawn(move || {
            let mut shown = false;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let n = gongshi::output::files_done();
                let line = match gongshi::pipeline::stage() {
                    Some(stage) if n > 0 => format!("{stage}：已写入 {n} 个文件…"),
                    Some(stage) => format!("{stage}…"),
                    None => continue,
                };
                // Cleared first: a shorter line must not leave the end of a longer one.
                eprint!("\r\x1b[K{line}");
                shown = true;
            }
            if shown {
                // Back to the start of the line and clear it.
                eprint!("\r\x1b[K");
            }
        });
        Progress { done, thread }
    }

    fn stop(self) {
        self.done.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
    }
}

/// The closing summary of a successful build.
fn summary(report: &BuildReport, written: &Written, today: NaiveDate, took: Duration, check: &str) -> String {
    let mut out = String::new();
    let folder = std::fs::canonicalize(&written.output)
        .or_else(|_| std::path::absolute(&written.output))
        .unwrap_or_else(|_| written.output.clone());
    let _ = writeln!(out, "已生成网站：{}", folder.display());
    let _ = writeln!(out, "  共 {} 个页面、{} 个文件，用时 {:.2} 秒", written.pages, written.files, took.as_secs_f64());
    out.push_str(&changes_line(&written.changes));
    out.push_str(&agenda_lines(&report.agenda, today));
    let warnings = diag::count(&report.diagnostics).warnings;
    if warnings > 0 {
        let _ = writeln!(out, "有 {warnings} 个警告（不影响生成），查看请运行：{check}");
    }
    out
}

/// What this build changed in the output (the manifest is not counted).
fn changes_line(c: &Changes) -> String {
    let unrendered = if c.unrendered > 0 {
        format!("（其中 {} 个页面无需重新生成）", c.unrendered)
    } else {
        String::new()
    };
    format!(
        "  本次写入 {} 个新的或有变化的文件，{} 个未变{unrendered}，删除 {} 个\n",
        c.written, c.unchanged, c.removed
    )
}

/// The running and upcoming notices, one line each.
fn agenda_lines(agenda: &Agenda, today: NaiveDate) -> String {
    let mut out = String::new();
    if agenda.running.is_empty() {
        let _ = writeln!(out, "{}没有正在公示的项目", date::zh(today));
    } else {
        let _ = writeln!(out, "{}正在公示 {} 项：", date::zh(today), agenda.running.len());
        list(&mut out, &agenda.running, |n| {
            let when = match n.days_left(today) {
                0 => "今天结束".to_owned(),
                1 => "明天结束".to_owned(),
                d if n.ends_soon(today) => format!("{d} 天后结束"),
                _ => format!("{}结束", date::zh(n.end)),
            };
            format!("{}公示，{when}", n.level.label())
        });
    }
    if !agenda.upcoming.is_empty() {
        let _ = writeln!(out, "{UPCOMING_DAYS} 天内将开始公示 {} 项：", agenda.upcoming.len());
        list(&mut out, &agenda.upcoming, |n| {
            let when = match n.days_to_start(today) {
                1 => "明天".to_owned(),
                d => format!("{d} 天后（{}）", date::zh(n.start)),
            };
            format!("{}公示，{when}开始，{}结束", n.level.label(), date::zh(n.end))
        });
    }
    out
}

fn list(out: &mut String, notices: &[DueNotice], when: impl Fn(&DueNotice) -> String) {
    for n in notices.iter().take(LIST_LIMIT) {
        let _ = writeln!(out, "  · {}：{}（{}）", when(n), n.project_name, n.project_id);
    }
    if notices.len() > LIST_LIMIT {
        let _ = writeln!(out, "  ……另有 {} 项，见网站", notices.len() - LIST_LIMIT);
    }
}

/// The `check` command that shows this build's warnings.
fn check_command(root: &Path, today: NaiveDate) -> String {
    let mut cmd = format!("gongshi check --today {today}");
    if root != Path::new(".") {
        let root = root.display().to_string();
        if root.contains(char::is_whitespace) {
            let _ = write!(cmd, " --root \"{root}\"");
        } else {
            let _ = write!(cmd, " --root {root}");
        }
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongshi::domain::project::NoticeLevel;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn notice(id: &str, level: NoticeLevel, start: &str, end: &str) -> DueNotice {
        DueNotice {
            project_id: id.into(), project_name: format!("{id} 项目"), level, start: day(start), end: day(end)
        }
    }

    #[test]
    fn running_notices_say_when_they_end() {
        let agenda = Agenda {
            running: vec![
                notice("P-1", NoticeLevel::Township, "2026-11-12", "2026-11-20"),
                notice("P-2", NoticeLevel::Village, "2026-11-12", "2026-11-22"),
                notice("P-3", NoticeLevel::Village, "2026-11-16", "2026-11-26"),
            ],
            upcoming: vec![notice("P-4", NoticeLevel::County, "2026-11-21", "2026-12-01")],
        };
        assert_eq!(
            agenda_lines(&agenda, day("2026-11-20")),
            "2026年11月20日正在公示 3 项：\n\
             \x20 · 乡镇级公示，今天结束：P-1 项目（P-1）\n\
             \x20 · 村级公示，2 天后结束：P-2 项目（P-2）\n\
             \x20 · 村级公示，2026年11月26日结束：P-3 项目（P-3）\n\
             7 天内将开始公示 1 项：\n\
             \x20 · 县级公示，明天开始，2026年12月1日结束：P-4 项目（P-4）\n"
        );
    }

    #[test]
    fn the_changes_are_counted_in_one_line() {
        let mut c = Changes { written: 3, unchanged: 31_000, removed: 1, unrendered: 0 };
        assert_eq!(changes_line(&c), "  本次写入 3 个新的或有变化的文件，31000 个未变，删除 1 个\n");
        c.unrendered = 30_000;
        assert_eq!(
            changes_line(&c),
            "  本次写入 3 个新的或有变化的文件，31000 个未变（其中 30000 个页面无需重新生成），删除 1 个\n"
        );
    }

    #[test]
    fn no_notice_is_said_too() {
        assert_eq!(agenda_lines(&Agenda::default(), day("2026-11-20")), "2026年11月20日没有正在公示的项目\n");
    }

    #[test]
    fn long_lists_are_cut() {
        let running = (0..25).map(|i| notice(&format!("P-{i}"), NoticeLevel::Village, "2026-11-01", "2026-11-30"));
        let text = agenda_lines(&Agenda { running: running.collect(), upcoming: Vec::new() }, day("2026-11-20"));
        assert_eq!(text.lines().count(), 1 + LIST_LIMIT + 1);
        assert!(text.ends_with("  ……另有 5 项，见网站\n"), "{text}");
    }

    #[test]
    fn the_check_command_names_the_root_when_not_here() {
        assert_eq!(check_command(Path::new("."), day("2026-11-20")), "gongshi check --today 2026-11-20");
        assert_eq!(
            check_command(Path::new("/srv/县 站点"), day("2026-11-20")),
            "gongshi check --today 2026-11-20 --root \"/srv/县 站点\""
        );
    }
}
