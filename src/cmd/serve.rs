//! `gongshi serve [--port 1111] [--bind 127.0.0.1]`: preview with live reload.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use gongshi::diag;
use gongshi::serve::{ServeEvent, ServeOptions, serve};

/// At most this many warnings are printed after a build; the rest are counted.
const SHOWN_WARNINGS: usize = 20;

pub(crate) fn run(root: &Path, today: NaiveDate, bind: IpAddr, port: u16) -> ExitCode {
    let options = ServeOptions { today, bind, port };
    // The warnings of the last build, as printed: a rebuild prints only the
    // new ones. A county's records may draw thousands (notices not yet
    // announced, signs not yet posted), and printing them all on every save
    // buried the line that says the page is ready.
    // Compared as diagnostics, not as printed text: rendering 28,000
    // warnings at 10,000 projects took 35 ms after every save, beside the
    // browser reloading the page.
    // foldhash, not SipHash: 28,000 warnings hashed after every save; they
    // are the county's own, nothing to defend against.
    let seen = std::sync::Mutex::new(foldhash::HashSet::<diag::Diagnostic>::default());
    let root_shown = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let result = serve(root, &options, move |event| match event {
        ServeEvent::Listening(url) => {
            eprintln!("预览地址：{url}（按 Ctrl+C 退出；修改 content/ 或 themes/ 后自动刷新）");
        }
        ServeEvent::Changed(paths) => {
            let shown: Vec<String> =
                paths.iter().map(|p| p.strip_prefix(&root_shown).unwrap_or(p).display().to_string()).take(3).collect();
            let more = if paths.len() > 3 { format!(" 等 {} 个文件", paths.len()) } else { String::new() };
            if shown.is_empty() {
                eprintln!("检测到修改，重新生成…");
            } else {
                eprintln!("检测到修改：{}{more}，重新生成…", shown.join("、"));
            }
        }
        ServeEvent::Built { pages, elapsed, warnings, phases } => {
            if std::env::var_os("GONGSHI_TIMINGS").is_some() {
                // For the benches: where a rebuild's time went (English, not for users).
                let took: Vec<String> =
                    phases.iter().map(|(phase, t)| format!("{phase} {:.3}", t.as_secs_f64())).collect();
                eprintln!("timing {}", took.join(", "));
            }
            let mut seen = seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let new: Vec<&diag::Diagnostic> = warnings.iter().filter(|w| !seen.contains(*w)).collect();
            for w in new.iter().take(SHOWN_WARNINGS) {
                eprint!("{}", diag::render_one(w));
            }
            if new.len() > SHOWN_WARNINGS {
                eprintln!(
                    "……另有 {} 个警告未显示，查看全部请运行：gongshi check --today {today}",
                    new.len() - SHOWN_WARNINGS
                );
            }
            let counted = match (warnings.len(), seen.is_empty()) {
                (0, _) => String::new(),
                (n, true) => format!("；有 {n} 个警告"),
                (n, false) => format!("；有 {n} 个警告（本次新增 {} 个）", new.len()),
            };
            eprintln!("已生成 {pages} 个页面，用时 {:.2} 秒{counted}", elapsed.as_secs_f64());
            drop(new);
            *seen = warnings.into_iter().collect();
        }
        ServeEvent::Failed(diagnostics) => {
            eprint!("{}", diag::render_human(&diagnostics));
            eprintln!("内容有错误，预览仍显示上一次成功生成的网站，并在页面上提示错误");
        }
        ServeEvent::Fatal(message) => eprintln!("错误：{message}"),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", gongshi::error::report(&e));
            ExitCode::from(2)
        }
    }
}
