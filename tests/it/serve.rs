//! `gongshi serve` end to end, on loopback: serve a copy of the minimal site,
//! edit a record and see the change, break it and see the overlay, fix it.
//! Every wait is bounded; the server is killed when the test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::support::{DEMO_TODAY, copy_dir, fixture};

/// Generous: a debug build on a busy two-core machine.
const STARTUP: Duration = Duration::from_secs(60);
const REBUILD: Duration = Duration::from_secs(30);

/// The server process, killed on drop.
struct Server {
    child: Child,
    port: u16,
    _stderr: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `gongshi serve`; its build folders go under `root/tmp`, which the test removes.
fn start(root: &Path, port: u16) -> (Child, Receiver<String>) {
    std::fs::create_dir_all(root.join("tmp")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .env("TMPDIR", root.join("tmp"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", &port.to_string(), "--today", DEMO_TODAY])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

fn serve(root: &Path) -> Server {
    let (child, lines) = start(root, 0);
    let deadline = Instant::now() + STARTUP;
    loop {
        let line = lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve announces its address");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            return Server { child, port, _stderr: lines };
        }
    }
}

/// A plain HTTP/1.1 GET: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// The live-reload event stream, read as a browser's EventSource would.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(REBUILD)).unwrap();
        write!(s, "GET /__gongshi/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        Events(BufReader::new(s))
    }

    /// The next `version` event's data.
    fn next_version(&mut self) -> u64 {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "event stream closed");
            if let Some(v) = line.trim_end().strip_prefix("data: ") {
                return v.parse().unwrap();
            }
        }
    }
}

#[test]
fn serve_rebuilds_on_change_and_shows_errors_until_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let record = tmp.path().join("content/projects/p1.yaml");
    let page = "/projects/CS-2026-0001/";
    let server = serve(tmp.path());

    let (status, body) = get(server.port, page);
    assert_eq!(status, 200);
    assert!(body.contains("测试县东乡镇上村2026年茶叶加工厂项目"));
    assert!(body.contains("<script src=\"/__gongshi/live.js\" data-version=\"1\"></script>"));
    assert!(!body.contains("gongshi-overlay"));
    let (status, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("/__gongshi/live.js"));
    let (status, script) = get(server.port, "/__gongshi/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource(\"/__gongshi/events\")"));

    let mut events = Events::open(server.port);
    assert_eq!(events.next_version(), 1);

    // While the first page is read, the first build's spare is made ahead
    // from the live site, so the first edit need not make every folder.
    let work = tmp.path().join(format!("tmp/gongshi-serve-{}", server.port));
    let deadline = Instant::now() + std::time::Duration::from_secs(30);
    while !work.join(".gongshi-spare-site").is_dir() {
        assert!(Instant::now() < deadline, "no spare was made after the first build");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(work.join(".gongshi-spare-site/projects/CS-2026-0001/index.html").is_file());

    // An edit: the reload is announced only once the new build is in place.
    let text = std::fs::read_to_string(&record).unwrap();
    let started = Instant::now();
    std::fs::write(&record, text.replace("测试县东乡镇上村2026年茶叶加工厂项目", "上村茶叶加工厂（已改名）")).unwrap();
    let v2 = events.next_version();
    assert!(v2 > 1);
    eprintln!("serve: edit to reload event in {} ms (debug build)", started.elapsed().as_millis());
    let (_, body) = get(server.port, page);
    assert!(body.contains("上村茶叶加工厂（已改名）"), "the page was announced before it was rebuilt");

    // A content error: the last good site stays, with the diagnostics on top.
    std::fs::write(&record, format!("{}beizhu: 备注\n", std::fs::read_to_string(&record).unwrap())).unwrap();
    let v3 = events.next_version();
    assert!(v3 > v2);
    let (status, body) = get(server.port, page);
    assert_eq!(status, 200);
    assert!(body.contains("id=\"gongshi-overlay\""), "{body}");
    assert!(body.contains("content/projects/p1.yaml:46:1"), "file and line in the overlay");
    assert!(body.contains("[unknown-field]") && body.contains("未定义的字段 beizhu"));
    assert!(body.contains("上村茶叶加工厂（已改名）"), "the last good build stays");
    assert!(body.contains("下面显示的是上一次成功生成的网站"));
    let (_, status) = get(server.port, "/__gongshi/status");
    assert!(status.contains("\"ok\":false"), "{status}");

    // Fixed: the overlay goes.
    let fixed = std::fs::read_to_string(&record).unwrap().replace("beizhu: 备注\n", "");
    std::fs::write(&record, fixed).unwrap();
    let v4 = events.next_version();
    assert!(v4 > v3);
    let (_, body) = get(server.port, page);
    assert!(!body.contains("gongshi-overlay"));
    assert!(body.contains(&format!("data-version=\"{v4}\"")));

    // A project added, then removed: the preview has published nothing, so
    // this is no `published-removed`; its page goes.
    let added = tmp.path().join("content/projects/p9.yaml");
    std::fs::write(&added, std::fs::read_to_string(&record).unwrap().replace("CS-2026-0001", "CS-2026-0009")).unwrap();
    let v5 = events.next_version();
    assert!(v5 > v4);
    assert_eq!(get(server.port, "/projects/CS-2026-0009/").0, 200);
    std::fs::remove_file(&added).unwrap();
    assert!(events.next_version() > v5);
    let (status, body) = get(server.port, "/projects/CS-2026-0009/");
    assert_eq!(status, 404);
    assert!(!body.contains("gongshi-overlay"), "{body}");

    // Every build went into one folder, the replaced site kept as the next
    // one's spare: nothing else piles up in the work folder. What a build
    // leaves for the next (render keys, groups, memos) stays in memory.
    let mut names: Vec<String> =
        std::fs::read_dir(&work).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, [".gongshi-spare-site", "pid", "site"]);
}

#[test]
fn a_taken_port_is_a_clear_error_with_exit_2() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let (mut child, lines) = start(tmp.path(), port);
    let deadline = Instant::now() + STARTUP;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve kept running on a taken port");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
    // The reader thread ends at the end of stderr, which closes the channel.
    let said: Vec<String> = std::iter::from_fn(|| lines.recv_timeout(Duration::from_secs(5)).ok()).collect();
    assert!(said.iter().any(|l| l.contains(&format!("端口 {port} 已被占用"))), "{said:?}");
}

#[test]
fn a_site_that_never_built_shows_the_errors_and_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/minimal"), tmp.path());
    let record = tmp.path().join("content/projects/p1.yaml");
    let good = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, good.replace("construction_nature: new", "construction_nature: brand_new")).unwrap();
    let server = serve(tmp.path());
    let (status, body) = get(server.port, "/");
    assert_eq!(status, 503);
    assert!(body.contains("content/projects/p1.yaml:6:22") && body.contains("[invalid-value]"), "{body}");
    assert!(body.contains("网站还没有成功生成过"));
    let mut events = Events::open(server.port);
    let first = events.next_version();
    std::fs::write(&record, good).unwrap();
    assert!(events.next_version() > first);
    let (status, body) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(!body.contains("gongshi-overlay"));
}
