//! One mistake, exactly these diagnostics: no follow-on errors.
//!
//! Each test copies `tests/fixtures/valid/minimal` (which checks clean), makes
//! one mistake in one file and asserts the full list of diagnostics as
//! `(code, file, line)`. See docs/cli.md, "No follow-on diagnostics".

use gongshi::pipeline;

use crate::support::{DEMO_TODAY, copy_dir, day, fixture, repo_root};

/// Checks the minimal site after replacing `from` by `to` in `file`
/// (relative to `content/`); every diagnostic as `code file:line`.
fn mutate(file: &str, from: &str, to: &str) -> Vec<String> {
    mutate_all(&[(file, from, to)])
}

/// Like [`mutate`], with several edits (that together make one mistake).
fn mutate_all(edits: &[(&str, &str, &str)]) -> Vec<String> {
    mutate_site(&fixture("valid/minimal"), edits)
}

/// Like [`mutate_all`], on the demo site (the repository's own `content/`).
fn mutate_demo(edits: &[(&str, &str, &str)]) -> Vec<String> {
    mutate_site(&repo_root(), edits)
}

/// Copies `site`'s `content/` into a temporary folder, applies `edits` and
/// checks it as of the demo date.
fn mutate_site(site: &std::path::Path, edits: &[(&str, &str, &str)]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&site.join("content"), &tmp.path().join("content"));
    for (file, from, to) in edits {
        let path = tmp.path().join("content").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    let mut got: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {}:{}", d.code, d.location.file, d.location.pos.map_or(0, |p| p.line)))
        .collect();
    got.sort();
    got
}

// Case 1: a record that failed to load is not a missing reference.

#[test]
fn unparsable_project_is_not_reported_again_by_the_case_naming_it() {
    let got = mutate("projects/p1.yaml", "name: 测试县", "name: [测试县");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("yaml-syntax content/projects/p1.yaml:"), "{got:?}");
}

#[test]
fn unparsable_group_is_not_reported_again_by_its_project_case_or_need() {
    let got = mutate("groups/ceshi-tea.yaml", "name: 测试县", "name: [测试县");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("yaml-syntax content/groups/ceshi-tea.yaml:"), "{got:?}");
}

#[test]
fn unparsable_county_is_not_reported_again_by_its_records() {
    let got = mutate("counties/ceshi.yaml", "name: 测试县", "name: [测试县");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("yaml-syntax content/counties/ceshi.yaml:"), "{got:?}");
}

#[test]
fn unparsable_project_without_a_readable_id_is_not_reported_again() {
    let got = mutate("projects/p1.yaml", "id: CS-2026-0001\n", "id: [CS-2026-0001\n");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("yaml-syntax content/projects/p1.yaml:"), "{got:?}");
}

// Case 2: a rule that needs an invalid value does not run on it.

#[test]
fn bad_notice_date_is_one_invalid_value() {
    let got = mutate("projects/p1.yaml", "start: 2026-03-01", "start: 2026-13-01");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:27"]);
}

#[test]
fn bad_notice_end_is_one_invalid_value() {
    let got = mutate("projects/p1.yaml", "end: 2026-03-22", "end: 2026-02-30");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:33"]);
}

#[test]
fn notice_without_start_is_one_missing_field() {
    let got = mutate("projects/p1.yaml", "    start: 2026-03-01\n", "");
    assert_eq!(got, ["missing-field content/projects/p1.yaml:24"]);
}

#[test]
fn notice_with_bad_level_is_one_invalid_value() {
    let got = mutate("projects/p1.yaml", "level: village", "level: cun");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:24"]);
}

#[test]
fn approval_without_date_is_one_missing_field() {
    let got = mutate("projects/p1.yaml", ", date: 2026-03-23}", "}");
    assert_eq!(got, ["missing-field content/projects/p1.yaml:41"]);
}

#[test]
fn bad_approval_date_is_one_invalid_value() {
    let got = mutate("projects/p1.yaml", "date: 2026-03-23", "date: 2026-03-32");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:41"]);
}

#[test]
fn bad_event_date_is_one_invalid_value() {
    let got = mutate("projects/p1.yaml", "date: 2026-04-01", "date: 2026-04-31");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:43"]);
}

// Case 3: one invalid list item is reported once, its siblings still checked.

#[test]
fn village_without_name_still_exists_for_references() {
    let got = mutate("counties/ceshi.yaml", "{id: shangcun, name: 上村, ", "{id: shangcun, ");
    assert_eq!(got, ["missing-field content/counties/ceshi.yaml:21"]);
}

#[test]
fn township_without_board_still_exists_for_references() {
    let got = mutate("counties/ceshi.yaml", "    board: 东乡镇政府公开栏\n", "");
    assert_eq!(got, ["missing-field content/counties/ceshi.yaml:17"]);
}

#[test]
fn member_ending_before_start_is_one_invalid_value() {
    let got = mutate("groups/ceshi-tea.yaml", "from: 2026-01-10, contact", "from: 2026-01-10, to: 2026-01-01, contact");
    assert_eq!(got, ["invalid-value content/groups/ceshi-tea.yaml:7"]);
}

#[test]
fn phone_with_empty_label_still_counts_as_a_number() {
    let got = mutate("site.yaml", "label: 农业农村部监督举报电话", "label: \"\"");
    assert_eq!(got, ["missing-field content/site.yaml:10"]);
}

#[test]
fn quoted_amount_is_one_invalid_value_and_no_funding_mismatch() {
    let got = mutate("projects/p1.yaml", "amount: 10.2", "amount: \"10.2\"");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:17"]);
}

#[test]
fn real_funding_mismatch_is_found_beside_an_invalid_amount_elsewhere() {
    // The total is wrong and a performance target is invalid: the funding
    // rule still runs, because it does not need the target.
    let got = mutate_all(&[
        ("projects/p1.yaml", "total: 50.3", "total: 60.3"),
        ("projects/p1.yaml", "{indicator: 厂房面积, value: 300, unit: 平方米}", "{indicator: 厂房面积, unit: 平方米}"),
    ]);
    assert_eq!(got, ["funding-mismatch content/projects/p1.yaml:14", "missing-field content/projects/p1.yaml:21"]);
}

#[test]
fn consultation_with_bad_mode_still_counts_for_the_gap() {
    let got = mutate("groups/ceshi-tea.yaml", "mode: onsite", "mode: xianchang");
    assert_eq!(got, ["invalid-value content/groups/ceshi-tea.yaml:9"]);
}

#[test]
fn event_with_bad_type_does_not_break_the_others() {
    let got = mutate("projects/p1.yaml", "type: planned", "type: plan");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:43"]);
}

#[test]
fn objection_with_bad_channel_is_one_invalid_value() {
    let got = mutate("projects/p1.yaml", "channel: phone", "channel: fax");
    assert_eq!(got, ["invalid-value content/projects/p1.yaml:36"]);
}

// Case 4: a record with a bad id is still checked under the id as written.

#[test]
fn bad_project_id_still_runs_its_own_rules() {
    let got = mutate_all(&[
        ("projects/p1.yaml", "id: CS-2026-0001", "id: CS-2026-0001!"),
        ("projects/p1.yaml", "end: 2026-03-11", "end: 2026-03-05"),
    ]);
    assert_eq!(got, ["bad-id content/projects/p1.yaml:1", "notice-too-short content/projects/p1.yaml:28"]);
}

#[test]
fn bad_project_id_still_counts_in_the_management_fee_share() {
    // Raised to 4.0, the 2026 fee is within 1 % of all bridging funds only
    // while QL-2026-0001 (80 万元 of them) is counted.
    let fee = "content/projects/2026/ql-2026-0009.yaml";
    let fee = fee.strip_prefix("content/").unwrap();
    let got = mutate_demo(&[
        (fee, "total: 2.4", "total: 4.0"),
        (fee, "amount: 2.4", "amount: 4.0"),
        ("projects/2026/ql-2026-0001.yaml", "id: QL-2026-0001", "id: QL-2026-0001!"),
    ]);
    assert_eq!(got, ["bad-id content/projects/2026/ql-2026-0001.yaml:2"]);
}

#[test]
fn bad_county_id_keeps_its_groups_and_needs() {
    let got = mutate_demo(&[("counties/qingling.yaml", "id: qingling\n", "id: qingling!\n")]);
    assert_eq!(got, ["bad-id content/counties/qingling.yaml:2"]);
}

#[test]
fn invalid_term_end_does_not_make_the_term_run_on() {
    let got = mutate_demo(&[("counties/qingling.yaml", "to: 2025-06-30}", "to: 2025-06-31}")]);
    assert_eq!(got, ["invalid-value content/counties/qingling.yaml:13"]);
}

#[test]
fn invalid_member_end_does_not_change_the_east_west_count() {
    let got = mutate_demo(&[("groups/qingling-tea.yaml", "    to: 2025-06-30\n", "    to: 2025-06-31\n")]);
    assert_eq!(got, ["invalid-value content/groups/qingling-tea.yaml:27"]);
}

#[test]
fn member_with_bad_role_is_still_a_member_for_the_ledger() {
    let got = mutate_demo(&[("groups/qingling-tea.yaml", "role: leader", "role: zuzhang")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("invalid-value content/groups/qingling-tea.yaml:"), "{got:?}");
}

#[test]
fn bad_answer_date_is_not_an_unanswered_objection() {
    let got =
        mutate_demo(&[("projects/2026/ql-2026-0008.yaml", "responded_on: 2025-11-14", "responded_on: 2025-11-31")]);
    assert_eq!(got, ["invalid-value content/projects/2026/ql-2026-0008.yaml:38"]);
}

#[test]
fn bad_funding_source_does_not_make_its_level_unknown() {
    let got = mutate_demo(&[(
        "projects/2026/ql-2026-0001.yaml",
        "source: bridging_fund, level: central",
        "source: bridging, level: central",
    )]);
    assert_eq!(got, ["invalid-value content/projects/2026/ql-2026-0001.yaml:19"]);
}

#[test]
fn consultation_with_bad_date_is_one_invalid_value() {
    let got = mutate("groups/ceshi-tea.yaml", "date: 2026-03-05", "date: 2026-03-35");
    assert_eq!(got, ["invalid-value content/groups/ceshi-tea.yaml:9"]);
}

#[test]
fn plan_with_bad_date_is_one_invalid_value() {
    let got = mutate("groups/ceshi-tea.yaml", "submitted_on: 2026-02-20", "submitted_on: 2026-02-30");
    assert_eq!(got, ["invalid-value content/groups/ceshi-tea.yaml:14"]);
}

#[test]
fn unparsable_project_does_not_shrink_the_management_fee_share() {
    // QL-2025-0001's bridging fund keeps the 2025 fee within its share.
    let got = mutate_demo(&[("projects/2025/ql-2025-0001.yaml", "name: ", "name: [")]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("yaml-syntax content/projects/2025/ql-2025-0001.yaml:"), "{got:?}");
}

// A list item without a usable id: references to an unknown id of that list
// may mean it, and are not reported again.

#[test]
fn a_village_without_an_id_is_reported_once_not_again_by_the_project_naming_it() {
    let village = "{id: shangcun, name: 上村, board: 上村公开栏}";
    for (to, code) in [
        ("{name: 上村, board: 上村公开栏}", "missing-field"),
        ("{id: \"\", name: 上村, board: 上村公开栏}", "missing-field"),
        ("{id: 上村, name: 上村, board: 上村公开栏}", "bad-id"),
    ] {
        let got = mutate("counties/ceshi.yaml", village, to);
        assert_eq!(got, [format!("{code} content/counties/ceshi.yaml:21")], "{to}");
    }
}

#[test]
fn a_township_without_an_id_is_reported_once_not_again_by_the_project_naming_it() {
    let got = mutate("counties/ceshi.yaml", "- id: dongxiang", "- id: \"\"");
    assert_eq!(got, ["missing-field content/counties/ceshi.yaml:17"], "{got:?}");
}

#[test]
fn a_member_without_an_id_is_reported_once_not_again_by_the_service_log() {
    let got = mutate("groups/ceshi-tea.yaml", "- {id: m1, name: 刘某某", "- {name: 刘某某");
    assert_eq!(got, ["missing-field content/groups/ceshi-tea.yaml:7"], "{got:?}");
}
