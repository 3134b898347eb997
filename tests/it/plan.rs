//! 年度计划与资金公告 pages and their attachments: a completion report shows
//! the plan as of its date (a later payment or allocation leaves its page
//! unchanged), and its `.xlsx` (read back with calamine) and CSV agree with
//! the records row by row; an allocation result lists every allocation of
//! its batches.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use gongshi::domain::{Keyword, Money, PlanKind};
use gongshi::pipeline::{BuildOptions, build};

use crate::support::{copy_dir, day};

fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo"), dir.path());
    dir
}

fn build_at(root: &Path, out: &str) -> PathBuf {
    let out = root.join(out);
    let options = BuildOptions::new(day("2026-11-20"), &out);
    let report = build(root, &options).unwrap();
    assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
    out
}

fn main_of(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    html[html.find("<main").unwrap()..html.find("</main>").unwrap()].to_owned()
}

fn read_xlsx(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["明细表"], "one sheet");
    book.worksheet_range(&names[0]).unwrap().rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => panic!("unexpected cell {other:?}"),
    }
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
    r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect()
}

fn wan(m: Money) -> f64 {
    m.fen() as f64 / 1_000_000.0
}

const WC: &str = "counties/qingling/plan/2025/QL-2025-WC01";

/// Adds, after the completion report's date, a payment to QL-2025-0009 and a
/// 以工代赈 batch allocated to QL-2025-0004 with its allocation result.
fn add_later_money(root: &Path) {
    let p = root.join("content/projects/2025/ql-2025-0009.yaml");
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str("payments:\n  - {date: 2026-03-02, amount: 5}\n");
    std::fs::write(&p, text).unwrap();
    std::fs::write(
        root.join("content/funds/2025/ql-2025-zj9.yaml"),
        "id: QL-2025-ZJ9\ncounty: qingling\nyear: 2025\nfund: work_for_relief\ndoc_no: 黔发改〔2026〕3号\n\
         issued_by: 贵州省发展和改革委员会\ndate: 2026-02-02\ntotal: 30\nallocations:\n  - {project: QL-2025-0004, amount: 30}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/plans/2025/ql-2025-fp09.yaml"),
        "id: QL-2025-FP09\ncounty: qingling\nyear: 2025\nkind: allocation\ntitle: 以工代赈资金分配结果公告\n\
         date: 2026-02-10\nissuer: 青岭县发展和改革局\nbatches: [QL-2025-ZJ9]\n",
    )
    .unwrap();
}

#[test]
fn the_completion_report_stays_as_of_its_date_when_money_comes_later() {
    let site = demo_copy();
    let before = build_at(site.path(), "before");
    add_later_money(site.path());
    let after = build_at(site.path(), "after");
    let page = |out: &Path| main_of(&out.join(WC).join("index.html"));
    assert_eq!(page(&before), page(&after), "a published report does not change");
    for f in ["mingxibiao.xlsx", "mingxibiao.csv"] {
        let read = |out: &Path| std::fs::read(out.join(WC).join(f)).unwrap();
        assert_eq!(read(&before), read(&after), "{f} does not change");
    }
    // The year page and the project pages show the later money.
    let year = main_of(&after.join("counties/qingling/plan/2025/index.html"));
    assert!(year.contains("以工代赈") && year.contains("以工代赈资金分配结果公告"), "{year}");
    let p9 = main_of(&after.join("projects/QL-2025-0009/index.html"));
    assert!(p9.contains("已支付 5.00 万元"), "{p9}");
    // As of 2026-01-15: QL-2025-0007 had been paid 9 (18 more came on 2026-02-10).
    let report = page(&after);
    let row = &report[report.find("QL-2025-0007").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(">27.00<") && row.contains(">18.00<") && row.contains(">9.00<"), "{row}");
    assert!(row.contains("33.33%"), "{row}");
    // 绩效目标完成情况: the actual values of a project completed by then.
    let row = &report[report.find("QL-2025-0001").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("新建加工厂房面积：实际600平方米（目标600平方米）"), "{row}");
}

#[test]
fn the_completion_report_attachments_are_the_records_row_by_row() {
    let site = demo_copy();
    let out = build_at(site.path(), "output");
    let (content, _) = gongshi::load::load(site.path()).unwrap();
    let doc = content.plans.iter().find(|d| *d.kind == PlanKind::Completion).unwrap();
    let date = *doc.date;
    let projects = content.plan_projects(&doc.county, *doc.year, date);
    assert_eq!(projects.len(), 9, "every project of the 2025 plan");
    let rows = read_xlsx(&out.join(WC).join("mingxibiao.xlsx"));
    let csv = read_csv(&out.join(WC).join("mingxibiao.csv"));
    let header: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(header, csv[0]);
    assert_eq!(rows.len() - 2, projects.len());
    assert_eq!(csv.len() - 1, projects.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for ((p, x), c) in projects.iter().zip(&rows[2..]).zip(&csv[1..]) {
        assert_eq!(text(&x[col("项目编号")]), *p.id);
        assert_eq!(c[col("项目编号")], *p.id);
        let planned = p.as_of(date).funding.map_or(Money::ZERO, |f| *f.total);
        let paid: Money = p.payments.iter().filter(|pay| *pay.date <= date).map(|pay| *pay.amount).sum();
        let allocated: Money = content
            .funds
            .iter()
            .filter(|b| *b.year == *doc.year && content.allocation_date(b) <= date)
            .flat_map(|b| &b.allocations)
            .filter(|a| *a.project == *p.id)
            .map(|a| *a.amount)
            .sum();
        for (name, m) in [("计划投资（万元）", planned), ("已分配（万元）", allocated), ("已支付（万元）", paid)]
        {
            assert_eq!(x[col(name)], Data::Float(wan(m)), "{} {name}", *p.id);
            assert_eq!(c[col(name)].parse::<f64>().unwrap(), wan(m), "{} {name}", *p.id);
        }
        let started = p.events.iter().any(|e| e.event_type.key() == "started" && *e.date <= date);
        assert_eq!(c[col("开工")], if started { "是" } else { "否" });
    }
}

#[test]
fn an_allocation_result_lists_every_allocation_of_its_batches() {
    let site = demo_copy();
    let out = build_at(site.path(), "output");
    let (content, _) = gongshi::load::load(site.path()).unwrap();
    let results: Vec<_> = content.plans.iter().filter(|d| *d.kind == PlanKind::Allocation).collect();
    assert!(results.len() >= 3);
    for d in results {
        let dir = out.join(format!("counties/{}/plan/{}/{}", *d.county, *d.year, *d.id));
        let rows = read_xlsx(&dir.join("mingxibiao.xlsx"));
        let expected: Vec<(String, f64)> = d
            .batches
            .iter()
            .filter_map(|id| content.fund_batch(id))
            .flat_map(|b| b.allocations.iter().map(|a| (a.project.value.clone(), wan(*a.amount))))
            .collect();
        let got: Vec<(String, f64)> = rows[2..]
            .iter()
            .map(|r| {
                let Data::Float(x) = r[5] else { panic!("an amount is a number: {r:?}") };
                (text(&r[3]), x)
            })
            .collect();
        assert_eq!(got, expected, "{}", *d.id);
        let page = main_of(&dir.join("index.html"));
        for (id, _) in &expected {
            assert!(page.contains(id.as_str()), "{} lists {id}", *d.id);
        }
    }
}

#[test]
fn plan_documents_are_found_by_their_document_number_and_funds_are_open_data() {
    let site = demo_copy();
    let out = build_at(site.path(), "output");
    let records: String = walkdir::WalkDir::new(out.join("search/data/r"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(records.contains("counties/qingling/plan/2025/QL-2025-JH01/index.html"), "a plan document is a record");
    let funds: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/funds.json")).unwrap()).unwrap();
    let zj1 = funds.as_array().unwrap().iter().find(|b| b["id"] == "QL-2025-ZJ1").unwrap();
    assert_eq!(zj1["total"], "263.55");
    assert_eq!(zj1["allocation_document"], "QL-2025-FP01");
    assert_eq!(zj1["allocations"][0]["project"], "QL-2025-0001");
    assert_eq!(zj1["allocations"][0]["amount"], "110");
    let data = main_of(&out.join("data/index.html"));
    assert!(data.contains("funds.json"), "/data/ lists it");
}
