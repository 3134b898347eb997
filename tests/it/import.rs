//! `gongshi import`: the sample ledgers of `tests/fixtures/import/` round-trip
//! into project files that pass `check`, and each kind of bad row is reported.

use std::path::Path;
use std::process::Command;

use gongshi::diag::Severity;
use gongshi::import::{ImportOptions, Outcome, import};

use crate::support::{DEMO_TODAY, copy_dir, day, fixture, repo_root};

/// A copy of the demo site (content only) in a temporary folder.
fn demo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &tmp.path().join("content"));
    tmp
}

fn ledger(name: &str) -> std::path::PathBuf {
    fixture("import").join(name)
}

fn errors(root: &Path) -> Vec<String> {
    let checked = gongshi::pipeline::check(root, day(DEMO_TODAY)).unwrap();
    checked.diagnostics.iter().filter(|d| d.severity() == Severity::Error).map(|d| format!("{d:?}")).collect()
}

#[test]
fn the_sample_xlsx_ledger_round_trips_into_files_that_pass_check() {
    let site = demo();
    let report = import(site.path(), &ledger("ledger.xlsx"), &ImportOptions::default()).unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    let rows: Vec<_> = report.imported.iter().map(|i| (i.row, i.id.as_str(), i.path.as_str(), i.outcome)).collect();
    assert_eq!(
        rows,
        [
            (5, "QL-2027-0001", "content/projects/2027/QL-2027-0001.yaml", Outcome::New),
            (6, "QL-2027-0002", "content/projects/2027/QL-2027-0002.yaml", Outcome::New),
            (7, "QL-2027-0003", "content/projects/2027/QL-2027-0003.yaml", Outcome::New),
        ]
    );
    assert!(report.ignored_columns.is_empty(), "{:?}", report.ignored_columns);
    assert_eq!(errors(site.path()), Vec::<String>::new());
    let checked = gongshi::pipeline::check(site.path(), day(DEMO_TODAY)).unwrap();
    let p2 = checked.content.projects.iter().find(|p| p.id.value == "QL-2027-0002").unwrap();
    // The township came from a merged cell; the villages from a 、-separated list of names.
    let location = p2.location.as_ref().unwrap();
    assert_eq!(location.township.value, "shiqiao");
    assert_eq!(location.villages.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["longtan", "xinzhai"]);
    assert_eq!(p2.funding.as_ref().unwrap().total.value.wan_exact(), "96.5");
    assert_eq!(p2.implementation_period, Some(((2027, 4), (2027, 10))));
    assert_eq!(p2.notices.len(), 2);
    assert_eq!(p2.notices[0].boards, ["龙潭村村民活动广场公开栏", "新寨村党群服务中心公开栏"]);
    assert_eq!(p2.approval.as_ref().unwrap().value.date.value, day("2026-10-08"));
    let p1 = checked.content.projects.iter().find(|p| p.id.value == "QL-2027-0001").unwrap();
    // Excel dates (formatted 2026年9月14日) and text dates read alike.
    assert_eq!((p1.notices[1].start.value, p1.notices[1].end.value), (day("2026-09-14"), day("2026-09-24")));
}

#[test]
fn csv_with_and_without_bom_and_in_gbk_gives_the_same_files_as_xlsx() {
    let site = demo();
    import(site.path(), &ledger("ledger.xlsx"), &ImportOptions::default()).unwrap();
    for csv in ["ledger.csv", "ledger-gbk.csv"] {
        let report = import(site.path(), &ledger(csv), &ImportOptions::default()).unwrap();
        assert!(report.problems.is_empty(), "{csv}: {:#?}", report.problems);
        assert!(report.imported.iter().all(|i| i.outcome == Outcome::Unchanged), "{csv}: {:#?}", report.imported);
        assert_eq!(report.imported.len(), 3);
    }
}

#[test]
fn dry_run_writes_nothing() {
    let site = demo();
    let report =
        import(site.path(), &ledger("ledger.xlsx"), &ImportOptions { dry_run: true, ..ImportOptions::default() })
            .unwrap();
    assert_eq!(report.imported.len(), 3);
    assert!(!site.path().join("content/projects/2027").exists());
}

#[test]
fn each_bad_row_gets_its_message_and_only_good_rows_are_written() {
    let site = demo();
    let before = std::fs::read(site.path().join("content/projects/2026/ql-2026-0001.yaml")).unwrap();
    let report = import(site.path(), &ledger("bad-rows.csv"), &ImportOptions::default()).unwrap();
    let got: Vec<(usize, Option<&str>, &str)> =
        report.problems.iter().map(|p| (p.row, p.column.as_deref(), p.message.as_str())).collect();
    let expect: [(usize, &str, &str); 11] = [
        (3, "项目名称", "项目名称为空"),
        (4, "村级公示时间", "2026年13月1日至2026年13月11日"),
        (5, "乡镇", "乡镇“东风镇”不在县文件的乡镇名单中"),
        (6, "合计", "总投资 160 万元与各来源之和 150 万元不符"),
        (7, "项目类型", "项目类型“旅游项目”不在类型表中"),
        (8, "自筹资金", "不能为负数"),
        (9, "村", "村“白石村”不是石桥镇的行政村"),
        (10, "建设性质", "建设性质“翻新”应为 新建、续建 或 改扩建"),
        (11, "计划开工时间", "月份无法识别“明年春天”"),
        (12, "项目编号", "与第 2 行重复"),
        (13, "项目编号", "已存在"),
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for ((row, column, message), (erow, ecol, emsg)) in got.iter().zip(expect) {
        assert_eq!((*row, *column), (erow, Some(ecol)), "{got:#?}");
        assert!(message.contains(emsg), "row {row}: {message}");
    }
    let written: Vec<_> = report.imported.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(written, ["QL-2027-0101"]);
    let dir: Vec<_> = std::fs::read_dir(site.path().join("content/projects/2027")).unwrap().collect();
    assert_eq!(dir.len(), 1);
    assert_eq!(std::fs::read(site.path().join("content/projects/2026/ql-2026-0001.yaml")).unwrap(), before);
    assert_eq!(errors(site.path()), Vec::<String>::new());
}

fn gongshi(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi")).arg("--root").arg(root).args(args).output().unwrap()
}

#[test]
fn exit_statuses_and_force() {
    let site = demo();
    let xlsx = ledger("ledger.xlsx");
    let xlsx = xlsx.to_str().unwrap();
    let ok = gongshi(site.path(), &["import", xlsx, "--kind", "projects"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("第 5 行 QL-2027-0001"));
    // Edited by hand after the import: a second import refuses, --force replaces.
    let path = site.path().join("content/projects/2027/QL-2027-0001.yaml");
    let edited = std::fs::read_to_string(&path).unwrap().replace("陈某某", "陈某");
    std::fs::write(&path, &edited).unwrap();
    let again = gongshi(site.path(), &["import", xlsx, "--kind", "projects"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let forced = gongshi(site.path(), &["import", xlsx, "--kind", "projects", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read_to_string(&path).unwrap().contains("陈某某"));

    let bad = gongshi(site.path(), &["import", ledger("bad-rows.csv").to_str().unwrap(), "--kind", "projects"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("第 5 行「乡镇」列"));
    let missing = gongshi(site.path(), &["import", "nope.xlsx", "--kind", "projects"]);
    assert_eq!(missing.status.code(), Some(2));
    let not_a_ledger = gongshi(site.path(), &["import", "content/site.yaml", "--kind", "projects"]);
    assert_eq!(not_a_ledger.status.code(), Some(2));
    let headerless = site.path().join("x.csv");
    std::fs::write(&headerless, "a,b,c\n1,2,3\n").unwrap();
    let no_header = gongshi(site.path(), &["import", headerless.to_str().unwrap(), "--kind", "projects"]);
    assert_eq!(no_header.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_header.stderr).contains("表头"));
}
