//! The preview's HTTP side: the last good build served as it is, plus three
//! endpoints under `/__gongshi/` (the live-reload script, the event stream and
//! a status document). HTML pages get the reload script, and the error
//! overlay while the content has errors; nothing else is changed, so what is
//! previewed is what `build` publishes (search files included).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::{Problem, Shared};

/// The live-reload script. On a new version it reloads the page, or goes to
/// the home page if the page no longer exists, so a reload never lands on a 404.
const LIVE_JS: &str = r#"(function () {
  var me = document.currentScript;
  var version = me && me.getAttribute("data-version");
  function reload() {
    fetch(location.pathname, { method: "HEAD", cache: "no-store" }).then(function (r) {
      if (r.status === 404) { location.href = "/"; } else { location.reload(); }
    }, function () { location.reload(); });
  }
  var events = new EventSource("/__gongshi/events");
  events.addEventListener("version", function (e) {
    if (e.data !== version) { events.close(); reload(); }
  });
})();
"#;

/// Serves requests until the server stops, one thread per request (event streams stay open).
pub(super) fn run(server: &Server, shared: &Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || handle(request, &shared));
    }
}

fn handle(request: Request, shared: &Shared) {
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_owned();
    let is_head = *request.method() == tiny_http::Method::Head;
    if !is_head && *request.method() != tiny_http::Method::Get {
        let _ = request.respond(Response::from_string("只支持 GET").with_status_code(405));
        return;
    }
    let response = match path.as_str() {
        "/__gongshi/events" => return events(request, shared),
        "/__gongshi/live.js" => bytes(LIVE_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8", 200),
        "/__gongshi/status" => {
            let state = shared.read();
            let body = serde_json::json!({"version": state.version, "ok": state.problems.is_empty(), "problems": state.problems});
            bytes(body.to_string().into_bytes(), "application/json", 200)
        }
        _ => page(&path, shared),
    };
    let response = if is_head {
        Response::new(response.status_code(), response.headers().to_vec(), std::io::empty(), Some(0), None).boxed()
    } else {
        response.boxed()
    };
    let _ = request.respond(response);
}

type Body = Response<std::io::Cursor<Vec<u8>>>;

fn bytes(body: Vec<u8>, content_type: &str, status: u16) -> Body {
    let mut response = Response::from_data(body).with_status_code(status);
    for (name, value) in [("Content-Type", content_type), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}

/// A file of the current build; HTML gets the script (and the overlay).
fn page(url_path: &str, shared: &Shared) -> Body {
    let state = shared.read();
    let (version, problems) = (state.version, state.problems.clone());
    let Some(dir) = state.dir.clone() else {
        drop(state);
        let html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>网站未能生成</title></head><body><p>网站未能生成。</p></body></html>";
        return bytes(inject(html, version, &problems, false).into_bytes(), "text/html; charset=utf-8", 503);
    };
    drop(state);
    let (file, status) = match resolve(&dir, url_path) {
        Some(f) => (f, 200),
        None => (dir.join("404.html"), 404),
    };
    let Ok(data) = std::fs::read(&file) else {
        return bytes("404 未找到".as_bytes().to_vec(), "text/plain; charset=utf-8", 404);
    };
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&data);
        return bytes(inject(&html, version, &problems, true).into_bytes(), content_type, status);
    }
    bytes(data, content_type, status)
}

/// The file a URL path names inside `dir`: `..` never leaves it; folders mean their `index.html`.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path.trim_start_matches('/')).decode_utf8().ok()?;
    let rel = Path::new(&*decoded);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let path = dir.join(rel);
    let path = if path.is_dir() { path.join("index.html") } else { path };
    path.is_file().then_some(path)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "sha256" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script (and the overlay) before `</body>`; `has_site` when a good build is shown under it.
fn inject(html: &str, version: u64, problems: &[Problem], has_site: bool) -> String {
    let mut extra = format!("<script src=\"/__gongshi/live.js\" data-version=\"{version}\"></script>");
    if !problems.is_empty() {
        extra.insert_str(0, &overlay(problems, has_site));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

fn overlay(problems: &[Problem], has_site: bool) -> String {
    let mut items = String::new();
    for p in problems {
        let at = match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", p.file),
            _ => p.file.clone(),
        };
        let help = p
            .help
            .as_deref()
            .map(|h| format!("<br><small>提示：{}</small>", crate::escape::html(h)))
            .unwrap_or_default();
        items.push_str(&format!(
            "<li style=\"margin:0 0 .8em\"><code style=\"color:#ffd479\">{}</code> <strong>[{}]</strong><br>{}{help}</li>",
            crate::escape::html(&at),
            crate::escape::html(&p.code),
            crate::escape::html(&p.message)
        ));
    }
    format!(
        "<div id=\"gongshi-overlay\" role=\"alertdialog\" aria-labelledby=\"gongshi-overlay-title\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,24,.94);color:#fff;padding:2em;font:16px/1.6 'Noto Sans CJK SC',sans-serif;text-align:left\">\
<h2 id=\"gongshi-overlay-title\" style=\"color:#ff8080;margin-top:0\">内容有 {} 处错误，网站没有更新</h2>\
<p>改好并保存后，本页会自动刷新。{}</p><ol>{items}</ol>\
<button type=\"button\" onclick=\"this.parentNode.remove()\">暂时关闭提示</button></div>",
        problems.len(),
        if has_site {
            "下面显示的是上一次成功生成的网站。"
        } else {
            "网站还没有成功生成过。"
        }
    )
}

/// A server-sent event stream: the current version at once, then each new one.
fn events(request: Request, shared: &Shared) {
    let (tx, rx) = std::sync::mpsc::channel();
    let current = shared.read().version;
    shared.subscribers.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(tx);
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    let mut send = |text: String| out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_ok();
    if !send(format!("{head}event: version\ndata: {current}\n\n")) {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(v) => format!("event: version\ndata: {v}\n\n"),
            // A comment keeps proxies and the browser from closing an idle stream.
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_owned(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if !send(message) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_build_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("projects/a")).unwrap();
        std::fs::write(dir.path().join("projects/a/index.html"), "x").unwrap();
        assert_eq!(resolve(dir.path(), "/projects/a/"), Some(dir.path().join("projects/a/index.html")));
        assert_eq!(resolve(dir.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/projects/%2e%2e/%2e%2e/x"), None);
    }

    #[test]
    fn overlay_escapes_and_sits_before_body_end() {
        let p = Problem {
            file: "content/a.yaml".into(),
            line: Some(3),
            column: Some(1),
            code: "unknown-field".into(),
            message: "未定义的字段 <b>".into(),
            help: None,
        };
        let html = inject("<html><body><p>x</p></body></html>", 7, &[p], true);
        assert!(html.contains("content/a.yaml:3:1"));
        assert!(html.contains("&lt;b&gt;"));
        assert!(html.ends_with("data-version=\"7\"></script></body></html>"));
    }
}
