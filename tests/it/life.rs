//! A project's life with no dead ends, as the built site shows it: a
//! withdrawn, a rejected and a moved-out project keep their pages and
//! printable notices (the QR code on the board still opens), a withdrawn
//! project's notice stops running, a change shows before and after, and
//! what a ledger did not give is printed 未公布, never 0.

use std::path::{Path, PathBuf};

use gongshi::diag::Diagnostic;
use gongshi::pipeline::{BuildOptions, build};

use crate::support::{copy_dir, day, repo_root};

/// The demo's content (with `edits` applied) built as of `today`.
fn built(today: &str, edits: &[(&str, &str, &str)]) -> (tempfile::TempDir, PathBuf, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    for &(file, from, to) in edits {
        let path = dir.path().join("content").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    let out = dir.path().join("output");
    let options = BuildOptions::new(day(today), &out);
    let report = build(dir.path(), &options).unwrap();
    assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
    (dir, out, report.diagnostics)
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of `<main>`, tags dropped.
fn main_text(html: &str) -> String {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn withdrawn_rejected_and_moved_out_projects_keep_their_pages_and_printed_notices() {
    let (_dir, out, _) = built("2026-11-20", &[]);
    let withdrawn = main_text(&page(&out, "projects/QL-2026-0013/index.html"));
    assert!(withdrawn.contains("已撤回") && withdrawn.contains("部分农户不同意流转土地"), "{withdrawn}");
    let print = page(&out, "projects/QL-2026-0013/notice/village/index.html");
    assert!(print.contains("www.qingling.gov.cn/xczx/projects/QL-2026-0013/"), "the QR target is printed");
    let rejected = main_text(&page(&out, "projects/QL-2026-0014/index.html"));
    assert!(rejected.contains("未通过") && rejected.contains("青农领办发〔2026〕15号"), "{rejected}");
    for level in ["village", "township"] {
        assert!(out.join(format!("projects/QL-2026-0014/notice/{level}/index.html")).is_file());
    }
    let moved = main_text(&page(&out, "projects/QL-2026-0012/index.html"));
    assert!(moved.contains("调整出项目库"), "{moved}");
    // Out of the warehouse lists and totals, but not gone.
    let list = page(&out, "projects/index.html") + &page(&out, "projects/page/2/index.html");
    assert!(!list.contains("QL-2026-0012") && !list.contains("QL-2026-0013") && list.contains("QL-2026-0003"));
}

#[test]
fn a_notice_stops_running_the_day_its_project_is_withdrawn() {
    // The village notice runs 11-15 to 11-25; the project is withdrawn on 11-21, then on 11-20.
    let file = "projects/2026/ql-2026-0013.yaml";
    let notice = [(file, "start: 2026-08-03", "start: 2026-11-15"), (file, "end: 2026-08-13", "end: 2026-11-25")];
    let (_dir, before, _) =
        built("2026-11-20", &[notice[0], notice[1], (file, "  date: 2026-08-24", "  date: 2026-11-21")]);
    let running = |html: String| html[..html.find("<h2>即将公示</h2>").unwrap()].to_owned();
    assert!(running(page(&before, "notices/index.html")).contains("projects/QL-2026-0013/"));
    let (_dir, after, _) =
        built("2026-11-20", &[notice[0], notice[1], (file, "  date: 2026-08-24", "  date: 2026-11-20")]);
    let notices = page(&after, "notices/index.html");
    assert!(!notices.contains("projects/QL-2026-0013/"), "a withdrawn project's notice is neither running nor ended");
    let project = main_text(&page(&after, "projects/QL-2026-0013/index.html"));
    assert!(project.contains("已终止") && !project.contains("公示中"), "{project}");
}

#[test]
fn a_change_shows_before_and_after_and_its_new_notice_is_the_printed_one() {
    let (_dir, out, _) = built("2026-11-20", &[]);
    let text = main_text(&page(&out, "projects/QL-2026-0003/index.html"));
    assert!(
        text.contains("项目变更") && text.contains("变更前：50.00 万元") && text.contains("变更后：64.30 万元"),
        "{text}"
    );
    assert!(text.contains("项目变更前重新公示") && text.contains("入库前公示"), "{text}");
    let print = main_text(&page(&out, "projects/QL-2026-0003/notice/village/index.html"));
    assert!(print.contains("2026年6月1日"), "{print}");
}

#[test]
fn what_a_ledger_did_not_give_is_printed_as_not_given_never_as_zero() {
    // The counts line goes, and not_given says why.
    let counts = "beneficiaries: {households_lifted: 104, persons_lifted: 372, households_monitored: 9}";
    let not_given = "not_given: [households_lifted, persons_lifted, households_monitored]";
    let (_dir, out, diagnostics) = built("2026-11-20", &[("projects/2026/ql-2026-0002.yaml", counts, not_given)]);
    assert!(diagnostics.iter().any(|d| d.code == gongshi::diag::Code::NotGiven));
    let html = main_text(&page(&out, "projects/QL-2026-0002/index.html"));
    assert!(html.contains("受益对象未公布"), "{html}");
    assert!(!html.contains("带动脱贫户 0"), "{html}");
    let csv = page(&out, "data/projects.csv");
    let row = csv.lines().find(|l| l.starts_with("QL-2026-0002,")).unwrap();
    assert!(row.contains(",未公布,未公布,未公布,"), "{row}");
}

#[test]
fn an_announcement_dated_after_the_build_day_is_not_out_yet() {
    let edit = ("announcements/qingling-2026-tz1.yaml", "date: 2026-07-08", "date: 2026-11-21");
    let (_dir, out, _) = built("2026-11-20", &[edit]);
    assert!(!out.join("counties/qingling/warehouse/2026/QL-2026-TZ1").exists());
    assert!(!page(&out, "counties/qingling/warehouse/2026/index.html").contains("QL-2026-TZ1"));
    assert!(!page(&out, "projects/QL-2026-0003/index.html").contains("QL-2026-TZ1"));
    let (_dir, out, _) = built("2026-11-20", &[]);
    let project = page(&out, "projects/QL-2026-0003/index.html");
    assert!(project.contains("counties/qingling/warehouse/2026/QL-2026-TZ1/"), "the project links its announcements");
}

#[test]
fn two_announcements_under_one_id_are_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    let ann = dir.path().join("content/announcements");
    let text = std::fs::read_to_string(ann.join("qingling-2026-tz1.yaml")).unwrap();
    std::fs::write(ann.join("zz-copy.yaml"), text.replace("id: QL-2026-TZ1", "id: ql-2026-tz1")).unwrap();
    let checked = gongshi::pipeline::check(dir.path(), day("2026-11-20")).unwrap();
    let dup: Vec<_> = checked.diagnostics.iter().filter(|d| d.code == gongshi::diag::Code::DuplicateId).collect();
    assert_eq!(dup.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(&*dup[0].location.file, "content/announcements/zz-copy.yaml");
}
