//! The CLI contract of docs/cli.md: exit statuses and the JSON shape.

use std::process::Command;

use crate::support::{DEMO_TODAY, fixture, repo_root};

fn gongshi(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi")).args(args).output().expect("run gongshi")
}

fn root_arg(rel: &str) -> String {
    fixture(rel).to_string_lossy().into_owned()
}

#[test]
fn check_on_the_demo_exits_0_and_prints_no_diagnostics() {
    let out = gongshi(&["--root", &repo_root().to_string_lossy(), "check", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "未发现问题\n");
}

#[test]
fn content_error_exits_1_with_file_line_column() {
    let out = gongshi(&["--root", &root_arg("invalid/notice-too-short"), "check", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("content/projects/p2.yaml:26:"), "{err}");
    assert!(err.contains("error[notice-too-short]"), "{err}");
}

#[test]
fn warnings_exit_0_but_1_under_strict() {
    let root = root_arg("invalid/plan-late");
    let plain = gongshi(&["--root", &root, "check", "--today", DEMO_TODAY]);
    assert_eq!(plain.status.code(), Some(0));
    let strict = gongshi(&["--root", &root, "check", "--strict", "--today", DEMO_TODAY]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn json_format_has_the_spec_shape() {
    let out =
        gongshi(&["--root", &root_arg("invalid/unknown-field"), "check", "--format", "json", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["today"], DEMO_TODAY);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["warnings"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["file"], "content/projects/p1.yaml");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 1);
    assert_eq!(d["record"], "CS-2026-0001");
    assert!(d["message"].as_str().unwrap().contains("beizhu"));
}

#[test]
fn usage_and_environment_errors_exit_2() {
    let bad_day = gongshi(&["--root", &root_arg("valid/minimal"), "check", "--today", "2026-13-01"]);
    assert_eq!(bad_day.status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let no_content = gongshi(&["--root", &tmp.path().to_string_lossy(), "check", "--today", DEMO_TODAY]);
    assert_eq!(no_content.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_content.stderr).contains("content/"));
}

#[test]
fn missing_site_yaml_is_a_content_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    let out = gongshi(&["--root", &tmp.path().to_string_lossy(), "check", "--format", "json", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "missing-field");
    assert_eq!(v["diagnostics"][0]["file"], "content/site.yaml");
    assert!(v["diagnostics"][0]["line"].is_null());
}

/// Every spelling of a mobile number (space, hyphen, mixed, full-width) is a
/// `private-data` warning at the line and column of its value: `check` exits 0,
/// while `build` refuses to publish it and leaves the output folder alone.
#[test]
fn private_data_in_every_spelling_is_reported_and_never_built() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("private-data") {
            continue;
        }
        seen += 1;
        let expect = std::fs::read_to_string(dir.join("expect.txt")).unwrap();
        let parts: Vec<&str> = expect.split_whitespace().collect();
        let (file, line) = (parts[2], parts[3]);
        // The column of the value: where the scanned text starts on that line.
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let src_line = text.lines().nth(line.parse::<usize>().unwrap() - 1).unwrap();
        let root = dir.to_string_lossy().into_owned();
        let check = gongshi(&["--root", &root, "check", "--today", DEMO_TODAY]);
        assert_eq!(check.status.code(), Some(0), "{name}");
        let err = String::from_utf8_lossy(&check.stderr);
        let prefix = format!("{file}:{line}:");
        let diag_line = err.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("{name}: {err}"));
        assert!(diag_line.contains("warning[private-data]"), "{name}: {err}");
        let column: usize = diag_line[prefix.len()..].split(':').next().unwrap().parse().unwrap();
        let value = src_line.chars().skip(column - 1).collect::<String>();
        assert!(gongshi::privacy::find(&value).is_some(), "{name}: column {column} is not at the number: {src_line}");
        if name.contains("full-width") {
            assert!(diag_line.contains("全角"), "{name}: {diag_line}");
        }

        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let build = gongshi(&["--root", &root, "build", "--today", DEMO_TODAY, "--output", &out.to_string_lossy()]);
        assert_eq!(build.status.code(), Some(1), "{name}");
        assert!(String::from_utf8_lossy(&build.stderr).contains("未生成网站"), "{name}");
        assert!(!out.exists(), "{name}: build wrote {}", out.display());
    }
    assert!(seen >= 7, "only {seen} private-data fixtures");
}

/// Whether `text` has a CJK character: the help and the errors are written for county staff.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// clap's own English words, none of which may reach county staff.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "Print version",
    "error:",
    "unrecognized",
    "unexpected argument",
    "a value is required",
    "invalid value",
    "possible values",
    "[default:",
    "tip:",
    "For more information",
];

fn assert_no_clap_english(text: &str) {
    for word in CLAP_ENGLISH {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

#[test]
fn help_of_gongshi_and_of_every_command_is_chinese() {
    let top = gongshi(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    let text = String::from_utf8_lossy(&top.stdout);
    for word in ["用法：gongshi [选项] <命令>", "命令：", "选项：", "显示本说明", "例子：", "--today <日期>"]
    {
        assert!(text.contains(word), "{word} missing:\n{text}");
    }
    assert_no_clap_english(&text);
    for command in ["build", "check", "serve", "new", "import", "schema"] {
        for flag in ["--help", "-h"] {
            let out = gongshi(&[command, flag]);
            assert_eq!(out.status.code(), Some(0), "{command} {flag}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains(&format!("用法：gongshi {command}")), "{command}:\n{text}");
            assert!(text.contains("选项：") && text.contains("例子："), "{command}:\n{text}");
            assert_no_clap_english(&text);
        }
    }
    let build = String::from_utf8_lossy(&gongshi(&["build", "--help"]).stdout).into_owned();
    assert!(build.contains("gongshi build --today 2026-11-20"), "{build}");
    assert!(build.contains("--output <目录>") && build.contains("--quiet"), "{build}");
}

#[test]
fn gongshi_alone_shows_the_chinese_help_as_a_usage_error() {
    let out = gongshi(&[]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("命令：") && text.contains("build"), "{text}");
    assert_no_clap_english(&text);
}

#[test]
fn a_misspelt_command_is_answered_in_chinese_with_a_suggestion() {
    let out = gongshi(&["biuld", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("没有“biuld”这个命令"), "{text}");
    assert!(text.contains("是否想输入 `build`？"), "{text}");
    assert!(text.contains("用法：gongshi [选项] <命令>"), "{text}");
    assert_no_clap_english(&text);
}

#[test]
fn a_misspelt_option_is_answered_in_chinese_with_a_suggestion() {
    let out = gongshi(&["build", "--todya", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("没有“--todya”这个选项"), "{text}");
    assert!(text.contains("是否想输入 `--today`？"), "{text}");
    assert!(text.contains("用法：gongshi build [选项]") && text.contains("gongshi build --help"), "{text}");
    assert_no_clap_english(&text);
}

#[test]
fn other_usage_errors_are_chinese_and_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--today"], "--today 后面缺少要填写的值"),
        (&["check", "--format", "jsno"], "是否想输入 `json`？"),
        (&["check", "surplus"], "多余的参数“surplus”"),
        (&["help"], "是否想输入 `gongshi --help`？"),
        (&["new", "cuonty", "x"], "是否想输入 `county`？"),
        (&["new"], "缺少 <类型>、<编号>"),
        (&["serve", "--port", "port"], "端口须为 0 到 65535 之间的整数"),
    ];
    for (args, expect) in cases {
        let out = gongshi(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(text.starts_with("错误：") && text.contains(expect), "{args:?}:\n{text}");
        assert_no_clap_english(&text);
    }
}

#[test]
fn today_must_be_exactly_yyyy_mm_dd() {
    let root = root_arg("valid/minimal");
    for bad in ["2026-11-5", "+2026-11-20", " 2026-11-20", "2026-1-05", "2026/11/20", "2026-13-01"] {
        let out = gongshi(&["--root", &root, "check", "--today", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(text.contains(&format!("--today 的值“{bad}”不对")), "{bad:?}:\n{text}");
        assert!(text.contains("日期须为 YYYY-MM-DD，例如 2026-11-20"), "{bad:?}:\n{text}");
        assert!(out.stdout.is_empty(), "{bad:?}");
    }
    let good = gongshi(&["--root", &root, "check", "--today", DEMO_TODAY]);
    assert_eq!(good.status.code(), Some(0));
}

#[test]
fn check_ends_with_a_chinese_count() {
    let out = gongshi(&["--root", &root_arg("invalid/plan-late"), "check", "--today", DEMO_TODAY]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(text.lines().last(), Some("共 1 个警告"), "{text}");
    let out = gongshi(&["--root", &root_arg("invalid/notice-too-short"), "check", "--today", DEMO_TODAY]);
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().last(), Some("共 1 个错误"));
}

#[test]
fn build_ends_with_the_folder_and_the_running_notices() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let root = repo_root().to_string_lossy().into_owned();
    let out = gongshi(&["--root", &root, "build", "--today", DEMO_TODAY, "--output", &out_dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stderr);
    let folder = out_dir.canonicalize().unwrap();
    assert!(text.starts_with(&format!("已生成网站：{}\n", folder.display())), "{text}");
    assert!(text.contains("2026年11月20日正在公示 2 项："), "{text}");
    // The township notice of QL-2026-0006 runs 2026-11-12 to 11-22: two days left.
    assert!(
        text.contains("乡镇级公示，2 天后结束：青岭县红水乡大湾村2026年食用菌基地产业路建设项目（QL-2026-0006）"),
        "{text}"
    );
    assert!(text.contains("（QL-2026-0007）"), "{text}");
    assert!(!text.contains("error") && !text.contains("warning"), "{text}");

    let quiet =
        gongshi(&["--root", &root, "build", "--quiet", "--today", DEMO_TODAY, "--output", &out_dir.to_string_lossy()]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn build_counts_warnings_and_names_the_check_command() {
    let tmp = tempfile::tempdir().unwrap();
    let root = root_arg("invalid/plan-late");
    let out_dir = tmp.path().join("out");
    let out = gongshi(&["--root", &root, "build", "--today", DEMO_TODAY, "--output", &out_dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stderr);
    let expect = format!("有 1 个警告（不影响生成），查看请运行：gongshi check --today {DEMO_TODAY} --root {root}");
    assert!(text.contains(&expect), "{text}");
}

#[test]
fn a_missing_file_is_reported_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    let out = gongshi(&["--root", &tmp.path().to_string_lossy(), "import", "无此台账.xlsx", "--kind", "projects"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.starts_with("错误：") && has_chinese(&text), "{text}");
    assert!(text.contains("文件或文件夹不存在") && !text.contains("No such file"), "{text}");
}
