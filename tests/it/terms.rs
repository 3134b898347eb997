//! 各年度名称 (`site.yaml` `terms`): the warehouse's and the fund's names
//! follow each document's year, by default and as a site sets them.

use std::path::Path;

use gongshi::pipeline::{BuildOptions, build};

use crate::support::{copy_dir, day};

/// Builds a copy of the demo, with `extra` appended to its `site.yaml`,
/// and returns a reader of its pages by site path.
fn demo_built(extra: &str) -> (tempfile::TempDir, impl Fn(&str) -> String) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo"), dir.path());
    let site = dir.path().join("content/site.yaml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str(extra);
    std::fs::write(&site, text).unwrap();
    let out = dir.path().join("out");
    let options = BuildOptions::new(day("2026-11-20"), &out);
    let report = build(dir.path(), &options).unwrap();
    assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
    (dir, move |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

#[test]
fn each_year_keeps_its_own_words_by_default() {
    let (_dir, page) = demo_built("");
    let y2025 = page("counties/qingling/warehouse/2025/index.html");
    assert!(y2025.contains("青岭县2025年度巩固拓展脱贫攻坚成果和乡村振兴项目库"), "2025 heading");
    let y2026 = page("counties/qingling/warehouse/2026/index.html");
    assert!(y2026.contains("青岭县2026年度常态化帮扶项目库"), "2026 heading");
    assert!(!y2026.contains("2026年度巩固拓展"), "2026 must not use the transition period's name");
    // A 2025 notice cites the 2025 warehouse's rules.
    let notice = page("projects/QL-2025-0001/notice/village/index.html");
    assert!(notice.contains("根据巩固拓展脱贫攻坚成果和乡村振兴项目库建设管理有关规定"));
    assert!(page("projects/QL-2026-0001/index.html").contains("中央衔接资金"));
}

#[test]
fn a_site_sets_the_names_from_a_year_on() {
    let (_dir, page) = demo_built(
        "terms:\n  - {from: 2026, warehouse: 乡村振兴帮扶项目库, fund: 常态化帮扶补助资金, fund_short: 帮扶资金, assets: 乡村帮扶资产}\n",
    );
    let y2026 = page("counties/qingling/warehouse/2026/index.html");
    assert!(y2026.contains("青岭县2026年度乡村振兴帮扶项目库"));
    // The adjustment announcement has no title of its own: its default follows.
    assert!(y2026.contains("青岭县2026年度乡村振兴帮扶项目库调整公告"), "default announcement title");
    let p2026 = page("projects/QL-2026-0001/index.html");
    assert!(p2026.contains("中央帮扶资金") && !p2026.contains("中央衔接资金"), "2026 funding label");
    assert!(p2026.contains("注：帮扶资金即常态化帮扶补助资金。"), "the short name explained");
    // Earlier years keep their words.
    let p2025 = page("projects/QL-2025-0001/index.html");
    assert!(p2025.contains("中央衔接资金") && p2025.contains("注：衔接资金即财政衔接推进乡村振兴补助资金。"));
    assert!(
        page("counties/qingling/warehouse/2025/index.html").contains("2025年度巩固拓展脱贫攻坚成果和乡村振兴项目库")
    );
    let notice = page("projects/QL-2026-0001/notice/village/index.html");
    assert!(notice.contains("根据乡村振兴帮扶项目库建设管理有关规定"));
    // Plan documents without a title of their own, and the asset ledger (as of 2026).
    assert!(
        page("counties/qingling/plan/2026/QL-2026-JH01/index.html")
            .contains("青岭县2026年度常态化帮扶补助资金项目计划公告")
    );
    assert!(
        page("counties/qingling/plan/2025/QL-2025-JH01/index.html")
            .contains("青岭县2025年度财政衔接推进乡村振兴补助资金项目计划公告")
    );
    assert!(page("counties/qingling/assets/index.html").contains("青岭县乡村帮扶资产台账"));
}

#[test]
fn a_terms_item_needs_its_year() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo"), dir.path());
    let site = dir.path().join("content/site.yaml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str("terms:\n  - {warehouse: 某项目库, colour: red}\n");
    std::fs::write(&site, text).unwrap();
    let report = gongshi::pipeline::check(dir.path(), day("2026-11-20")).unwrap();
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"missing-field"), "{codes:?}");
    assert!(codes.contains(&"unknown-field"), "{codes:?}");
}
