//! `gongshi serve [--port 1111] [--bind 127.0.0.1]`: preview with live reload.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use gongshi::diag;
use gongshi::serve::{ServeEvent, ServeOptions, serve};

pub(crate) fn run(root: &Path, today: NaiveDate, bind: IpAddr, port: u16) -> ExitCode {
    let options = ServeOptions { today, bind, port };
    let root_shown = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let result = serve(root, &options, move |event| match event {
        ServeEvent::Listening(url) => {
            eprintln!("预览地址：{url}（按 Ctrl+C 退出；修改 content/ 或 themes/ 后自动刷新）");
        }
        ServeEvent::Changed(paths) => {
            let shown: Vec<String> =
                paths.iter().map(|p| p.strip_prefix(&root_shown).unwrap_or(p).display().to_string()).take(3).collect();
            let more = if paths.len() > 3 { format!(" 等 {} 个文件", paths.len()) } else { String::new() };
            eprintln!("检测到修改：{}{more}，重新生成…", shown.join("、"));
        }
        ServeEvent::Built { pages, elapsed, warnings } => {
            if !warnings.is_empty() {
                eprint!("{}", diag::render_human(&warnings));
            }
            eprintln!("已生成 {pages} 个页面，用时 {:.2} 秒", elapsed.as_secs_f64());
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
