//! The real-shaped ledgers end to end through the command line: `import`
//! prints each generated id with its row and name and what the ledger did not
//! give, `check` accepts the records (warnings only), `build` succeeds, and the
//! pages print 未公布 where the ledger gave nothing and the amounts to the 分.

use std::path::Path;
use std::process::{Command, Output};

use crate::import_ledgers::{allocation, implementation, plan};
use crate::import_real::demo;
use crate::support::DEMO_TODAY;

fn gongshi(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi")).arg("--root").arg(root).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn imported_ledgers_pass_check_build_and_print_what_was_not_given() {
    let site = demo();
    let root = site.path();
    let [plan_csv, _] = plan().write(root, "plan");
    let [_, allocation_xlsx] = allocation().write(root, "allocation");
    let [implementation_csv, _] = implementation().write(root, "implementation");
    let path = |p: &Path| p.to_string_lossy().into_owned();

    let out = gongshi(root, &["import", &path(&plan_csv), "--kind", "projects"]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("第 7 行 QL-2025-0010（青岭县石桥镇白岩村2025年茶园提质改造项目）：已新建 content/projects/2025/QL-2025-0010.yaml"), "{text}");
    assert!(text.contains("  台账未给出：建设性质、实施期限、责任单位、责任人、带动脱贫户数"), "{text}");
    assert!(text.contains("第 5 行：合计/小计行，不是项目，跳过"), "{text}");
    assert!(text.contains("提示：台账没有项目编号列"), "{text}");

    let funded = ["--stage", "funded", "--approval-doc", "青农领办发〔2024〕3号", "--approval-date", "2024-01-20"];
    let out = gongshi(root, &[&["import", &path(&allocation_xlsx), "--kind", "projects"][..], &funded].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let started = ["--stage", "started", "--approval-doc", "青农领办发〔2023〕2号", "--approval-date", "2023-02-10"];
    let out = gongshi(root, &[&["import", &path(&implementation_csv), "--kind", "projects"][..], &started].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let check = gongshi(root, &["check", "--today", DEMO_TODAY]);
    let text = format!("{}{}", String::from_utf8_lossy(&check.stdout), stderr(&check));
    assert_eq!(check.status.code(), Some(0), "{text}");
    assert!(text.contains("not-given"), "{text}");

    let out_dir = root.join("output");
    let build = gongshi(root, &["build", "--today", DEMO_TODAY, "--output", &path(&out_dir)]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let page = |id: &str| {
        let found = walkdir::WalkDir::new(&out_dir)
            .into_iter()
            .filter_map(Result::ok)
            // The project's own page, not one of its printables below it.
            .find(|e| e.path().ends_with(format!("projects/{id}/index.html")))
            .unwrap_or_else(|| panic!("no page for {id}"));
        std::fs::read_to_string(found.path()).unwrap()
    };
    // Nothing but name, place, content, amount, unit: the rest is 未公布, never 0.
    let bare = page("QL-2025-0013");
    assert!(bare.contains("未公布"), "{bare}");
    assert!(bare.contains("东风镇红星村"), "{bare}");
    assert!(!bare.contains("0 户") && !bare.contains("0户"), "{bare}");
    // The allocation's stage (not 拟申报); the page and the open data keep the
    // ledger's amounts to the 分 (never rounded).
    let alloc = page("QL-2024-0001");
    assert!(alloc.contains("status-funded\">资金已下达"), "{alloc}");
    assert!(alloc.contains("<dt>资金总额</dt><dd>85.123456 万元</dd>"), "{alloc}");
    assert!(!alloc.contains("拟申报"), "{alloc}");
    assert!(page("QL-2023-0003").contains("status-started\">实施中"));
    let data: String = walkdir::WalkDir::new(out_dir.join("data"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let line = data.lines().find(|l| l.contains("QL-2024-0001")).unwrap_or_else(|| panic!("{data}"));
    assert!(line.contains("85.123456") && line.contains("60.123456"), "{line}");
}
