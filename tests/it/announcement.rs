//! 项目库公告 pages and their 明细表: a published announcement's page does not
//! change when later records are added; the `.xlsx` read back as a clerk's
//! spreadsheet program would (calamine) and the CSV match the records, row
//! by row; the attachments' bytes depend on nothing but the announcement.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use gongshi::domain::{Announcement, AnnouncementKind, Content, Money, Project};
use gongshi::pipeline::{BuildOptions, build};

use crate::support::{copy_dir, day};

/// The demo fixture copied into a temp dir (so it can be changed).
fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo"), dir.path());
    dir
}

/// Builds the site at `root` as of `today` into `root/<out>`.
fn build_at(root: &Path, today: &str, out: &str) -> PathBuf {
    let out = root.join(out);
    let options = BuildOptions::new(day(today), &out);
    let report = build(root, &options).unwrap();
    assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
    out
}

/// The folder of every announcement page below `out`, by site path.
fn announcement_dirs(out: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(out.join("counties"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "mingxibiao.xlsx")
        .map(|e| {
            let dir = e.path().parent().unwrap().to_path_buf();
            (dir.strip_prefix(out).unwrap().to_string_lossy().into_owned(), dir)
        })
        .collect()
}

/// The `<main>` element of a page: everything but the site furniture.
fn main_of(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    html[start..end].to_owned()
}

/// A new warehoused project (a copy of QL-2026-0004 under a new id and a
/// later approval) and the announcement that covers it.
fn add_later_project(root: &Path) {
    let source = std::fs::read_to_string(root.join("content/projects/2026/ql-2026-0004.yaml")).unwrap();
    let later = source
        .replace("QL-2026-0004", "QL-2026-0099")
        .replace("天麻林下仿野生种植示范项目", "天麻林下仿野生种植扩面项目")
        .replace("青农领办发〔2026〕9号", "青农领办发〔2026〕15号")
        .replace("date: 2026-06-29", "date: 2026-09-14")
        .replace("warehoused_on: 2026-06-30", "warehoused_on: 2026-09-15");
    assert_ne!(source, later);
    std::fs::write(root.join("content/projects/2026/ql-2026-0099.yaml"), later).unwrap();
    std::fs::write(
        root.join("content/announcements/2026/ql-2026-gg09.yaml"),
        "id: QL-2026-GG09\ncounty: qingling\nyear: 2026\nkind: entry\ndoc_no: 青农公告〔2026〕19号\n\
         date: 2026-09-16\nissuer: 青岭县农业农村局\nprojects: [QL-2026-0099]\n",
    )
    .unwrap();
    // A later change (变更) of an announced project: its amount grows by
    // 1 万元 after the announcement that listed it at 45 万元.
    let path = root.join("content/projects/2026/ql-2026-0004.yaml");
    let changed = source
        .replace("  total: 45\n", "  total: 46\n")
        .replace("    - {source: self_raised, amount: 15}\n", "    - {source: self_raised, amount: 16}\n")
        + "changes:\n  - date: 2026-10-12\n    doc_no: 青农领办发〔2026〕17号\n    summary: 村集体自筹资金增加1万元\n    \
         previous:\n      funding:\n        total: 45\n        sources:\n          \
         - {source: bridging_fund, level: central, amount: 30}\n          - {source: self_raised, amount: 15}\n";
    assert!(changed.contains("total: 46"));
    std::fs::write(path, changed).unwrap();
}

#[test]
fn a_published_announcement_does_not_change_when_later_records_are_added() {
    let site = demo_copy();
    let before = build_at(site.path(), "2026-11-20", "before");
    add_later_project(site.path());
    let after = build_at(site.path(), "2026-11-20", "after");
    let (old, new) = (announcement_dirs(&before), announcement_dirs(&after));
    assert!(old.len() >= 3, "the demo has its announcements: {old:?}");
    assert!(new.keys().any(|k| k.ends_with("QL-2026-GG09")), "the new announcement has its page: {new:?}");
    for (path, dir) in &old {
        let later = &new[path];
        assert_eq!(main_of(&dir.join("index.html")), main_of(&later.join("index.html")), "{path}: <main> changed");
        for file in ["mingxibiao.xlsx", "mingxibiao.csv"] {
            let (a, b) = (std::fs::read(dir.join(file)).unwrap(), std::fs::read(later.join(file)).unwrap());
            assert!(a == b, "{path}/{file} changed");
        }
    }
    // The announcement still shows the amount of its date; the project's page the one of today.
    let tz1 = main_of(&after.join("counties/qingling/warehouse/2026/QL-2026-TZ1/index.html"));
    assert!(tz1.contains("45.00") && !tz1.contains("46.00"), "{tz1}");
    let project = std::fs::read_to_string(after.join("projects/QL-2026-0004/index.html")).unwrap();
    assert!(project.contains("46.00"));
    // The year page, which is not a document, does show the new project.
    let year = std::fs::read_to_string(after.join("counties/qingling/warehouse/2026/index.html")).unwrap();
    assert!(year.contains("QL-2026-0099") && year.contains("QL-2026-GG09"));
}

#[test]
fn the_attachments_depend_on_the_announcement_only_not_on_the_build_day() {
    let site = demo_copy();
    let first = build_at(site.path(), "2026-11-20", "first");
    let again = build_at(site.path(), "2026-11-20", "again");
    let later = build_at(site.path(), "2027-03-02", "later");
    for (path, dir) in announcement_dirs(&first) {
        for file in ["mingxibiao.xlsx", "mingxibiao.csv"] {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            assert!(bytes == std::fs::read(again.join(&path).join(file)).unwrap(), "{path}/{file}: two builds differ");
            assert!(bytes == std::fs::read(later.join(&path).join(file)).unwrap(), "{path}/{file}: depends on --today");
        }
        assert_eq!(main_of(&dir.join("index.html")), main_of(&later.join(&path).join("index.html")), "{path}");
    }
}

/// The 标准目录's elements, each a column (资金规模和筹资方式 as two).
const COLUMNS: [&str; 14] = [
    "序号",
    "项目编号",
    "项目名称",
    "项目类别",
    "建设性质",
    "实施地点",
    "时间进度",
    "责任单位",
    "建设任务",
    "资金规模（万元）",
    "筹资方式（万元）",
    "受益对象",
    "绩效目标",
    "利益联结机制",
];

/// Every row of the workbook's one sheet, as text (numbers as written by Excel).
fn read_xlsx(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["明细表"], "one sheet");
    let range = book.worksheet_range(&names[0]).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
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

/// The projects an announcement covers, in 明细表 order.
fn covered<'c>(content: &'c Content, a: &Announcement) -> Vec<&'c Project> {
    let mut all = content.entries_of(a);
    all.extend(a.moved_out.iter().chain(&a.changed).filter_map(|id| content.project(id)));
    all
}

#[test]
fn the_detail_table_reads_back_as_the_records_one_row_a_project_and_is_in_the_manifest() {
    let site = demo_copy();
    let out = build_at(site.path(), "2026-11-20", "output");
    let (content, _) = gongshi::load::load(site.path()).unwrap();
    assert!(!content.announcements.is_empty());
    let manifest = std::fs::read_to_string(out.join("manifest.sha256")).unwrap();
    for a in &content.announcements {
        let rel = format!("counties/{}/warehouse/{}/{}", *a.county, *a.year, *a.id);
        for file in ["mingxibiao.xlsx", "mingxibiao.csv"] {
            assert!(manifest.contains(&format!("  {rel}/{file}\n")), "{rel}/{file} is not in the manifest");
        }
        let dir = out.join(&rel);
        let rows = read_xlsx(&dir.join("mingxibiao.xlsx"));
        let with_kind = *a.kind != AnnouncementKind::Entry;
        let header: Vec<String> = rows[1].iter().map(text).collect();
        let mut expected: Vec<&str> = if with_kind { vec!["调整类型"] } else { vec![] };
        expected.extend(COLUMNS);
        assert_eq!(header, expected, "{}: every element of the 标准目录 is a column", *a.id);
        assert!(text(&rows[0][0]).contains("明细表"), "a title row first");
        let projects = covered(&content, a);
        assert!(!projects.is_empty(), "{} covers projects", *a.id);
        let body = &rows[2..];
        assert_eq!(body.len(), projects.len(), "{}: one row a project", *a.id);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        for (i, (row, p)) in body.iter().zip(&projects).enumerate() {
            assert_eq!(row.len(), header.len());
            assert_eq!(row[col("序号")], Data::Float((i + 1) as f64));
            assert_eq!(text(&row[col("项目编号")]), *p.id);
            assert_eq!(text(&row[col("项目名称")]), p.name);
            let or_not_given = |v: &Option<String>| v.clone().unwrap_or_else(|| "未公布".to_owned());
            assert_eq!(text(&row[col("责任单位")]), or_not_given(&p.responsible_unit));
            assert_eq!(text(&row[col("利益联结机制")]), or_not_given(&p.linkage_mechanism));
            let figures = p.as_of(*a.date);
            assert_eq!(text(&row[col("建设任务")]), figures.content);
            let total = figures.funding.map_or(Money::ZERO, |f| *f.total);
            assert_eq!(row[col("资金规模（万元）")], Data::Float(total.fen() as f64 / 1_000_000.0), "{}", *p.id);
            let sources = text(&row[col("筹资方式（万元）")]);
            for s in figures.funding.iter().flat_map(|f| &f.sources) {
                assert!(sources.contains(&format!("{} {}", s.label(), s.amount.wan_exact())), "{sources}");
            }
            for t in &p.performance_targets {
                assert!(text(&row[col("绩效目标")]).contains(&t.text()));
            }
            for name in expected.iter().filter(|n| !matches!(**n, "建设性质" | "时间进度" | "筹资方式（万元）"))
            {
                assert!(!text(&row[col(name)]).is_empty(), "{} {}: {name} is empty", *a.id, *p.id);
            }
        }
        // The CSV has the same header and rows (amounts with four decimals).
        let bytes = std::fs::read(dir.join("mingxibiao.csv")).unwrap();
        let body_csv = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).expect("UTF-8 BOM, like /data/projects.csv");
        let mut r = csv::Reader::from_reader(body_csv);
        let csv_header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(csv_header, header);
        let csv_rows: Vec<Vec<String>> =
            r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect();
        assert_eq!(csv_rows.len(), body.len());
        for (c, x) in csv_rows.iter().zip(body) {
            for (i, (cell, data)) in c.iter().zip(x).enumerate() {
                match data {
                    Data::Float(f) if header[i] == "资金规模（万元）" => {
                        assert_eq!(cell.parse::<f64>().unwrap(), *f);
                        assert!(cell.split_once('.').is_some_and(|(_, d)| d.len() >= 4), "{cell}: four decimals");
                    }
                    _ => assert_eq!(cell, &text(data), "{}", header[i]),
                }
            }
        }
    }
}

#[test]
fn the_page_dates_its_objection_deadline_by_working_days_and_numbers_itself_by_the_pattern() {
    let site = demo_copy();
    let out = build_at(site.path(), "2026-11-20", "output");
    let page = |rel: &str| std::fs::read_to_string(out.join(rel).join("index.html")).unwrap();
    // 2024-12-18 + 10 working days: weekends and 元旦 2025-01-01 are rest days.
    let gg = page("counties/qingling/warehouse/2025/QL-2025-GG01");
    assert!(gg.contains("公告期间（至<time datetime=\"2025-01-02\">2025年1月2日</time>）"), "{gg}");
    // 2025-12-24 + 10: 元旦 2026-01-01..03 off, Sunday 2026-01-04 a make-up working day.
    let gg = page("counties/qingling/warehouse/2026/QL-2026-GG01");
    assert!(gg.contains("<time datetime=\"2026-01-08\">2026年1月8日</time>"));
    // 索引号 from site.yaml's pattern; 文号 as written, never in 书名号.
    assert!(gg.contains("<th scope=\"row\">索引号</th><td>522799/XCZX-QL-2026-GG01</td>"), "{gg}");
    assert!(gg.contains("青农公告〔2025〕15号") && !gg.contains("《青农公告"));
    // An adjustment: the change before → after as of its date, the moved-out project with its 调整出库.
    let tz = page("counties/qingling/warehouse/2026/QL-2026-TZ1");
    assert!(tz.contains("<strong>资金规模</strong>：50.00 万元 → 64.30 万元"), "{tz}");
    assert!(tz.contains("QL-2026-0012") && tz.contains("青农领办发〔2026〕8号"));
    assert!(tz.contains("<th scope=\"col\" class=\"c-kind\">调整类型</th>"));
    // The year page is not a document: no 索引号, and it says what its 现状 is.
    let year = page("counties/qingling/warehouse/2026");
    assert!(!year.contains("索引号") && !year.contains("XMK"), "{year}");
    assert!(year.contains("随项目进展更新，不是公告原文") && year.contains("发布后内容不再改动"));
    // Without the pattern there is no 索引号 at all.
    let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    let cut = yaml.find("announcements:").unwrap();
    std::fs::write(site.path().join("content/site.yaml"), &yaml[..cut]).unwrap();
    let bare = build_at(site.path(), "2026-11-20", "bare");
    let gg = std::fs::read_to_string(bare.join("counties/qingling/warehouse/2026/QL-2026-GG01/index.html")).unwrap();
    assert!(!gg.contains("索引号"), "an invented 索引号");
}
