//! Open data read back as a clerk's spreadsheet and a program would: the
//! demo's `projects.csv` through the `csv` crate, checked against the YAML
//! records; `projects.json` for codes with their names; the data dictionary
//! page (`/data/`) against the CSV header.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use gongshi::domain::project::{FundLevel, FundingSource};
use gongshi::domain::{Content, Keyword, Money, NoticeLevel};
use gongshi::pipeline::{BuildOptions, build};

use crate::support::copy_dir;

/// The demo built as of 2026-11-20, and its records as loaded.
struct Built {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
    content: Content,
}

fn demo() -> Built {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo"), dir.path());
    let out = dir.path().join("output");
    let options = BuildOptions::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), &out);
    let report = build(dir.path(), &options).unwrap();
    assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
    let (content, _) = gongshi::load::load(dir.path()).unwrap();
    Built { _dir: dir, out, content }
}

/// The header and every row of `projects.csv`, each row keyed by header.
fn read_csv(out: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = std::fs::read(out.join("data/projects.csv")).unwrap();
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).expect("the CSV starts with a UTF-8 BOM, for Excel");
    let mut r = csv::Reader::from_reader(body);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), header.len(), "every row has a cell per column");
            header.iter().cloned().zip(rec.iter().map(str::to_owned)).collect()
        })
        .collect();
    (header, rows)
}

/// The contract, stated here on its own: the column each source (and 衔接资金
/// level) of the content format goes to.
fn funding_header(source: FundingSource, level: Option<FundLevel>) -> String {
    let name = match (source, level) {
        (FundingSource::BridgingFund, Some(FundLevel::Central)) => "中央衔接资金",
        (FundingSource::BridgingFund, Some(FundLevel::Provincial)) => "省级衔接资金",
        (FundingSource::BridgingFund, Some(FundLevel::Local)) => "市县衔接资金",
        (FundingSource::BridgingFund, None) => "衔接资金",
        (FundingSource::IntegratedAgriFund, _) => "统筹整合资金",
        (FundingSource::EastWestFund, _) => "东西部协作资金",
        (FundingSource::DesignatedAssistanceFund, _) => "定点帮扶资金",
        (FundingSource::WorkForRelief, _) => "以工代赈资金",
        (FundingSource::LocalBond, _) => "地方政府债券",
        (FundingSource::BankCredit, _) => "金融信贷",
        (FundingSource::SelfRaised, _) => "自筹资金",
        (FundingSource::Donation, _) => "社会捐赠",
        (FundingSource::BalanceFund, _) => "结余资金",
        (FundingSource::Other, _) => "其他资金",
    };
    format!("{name}（万元）")
}

/// Every source/level of the vocabulary, in its order.
fn all_funding_headers() -> Vec<String> {
    let mut v = Vec::new();
    for &s in FundingSource::ALL {
        if s == FundingSource::BridgingFund {
            v.extend(FundLevel::ALL.iter().map(|&l| funding_header(s, Some(l))));
            // 衔接资金 whose level the ledger did not give.
            v.push(funding_header(s, None));
        } else {
            v.push(funding_header(s, None));
        }
    }
    v
}

fn money(cell: &str) -> Money {
    Money::parse_wan(cell).unwrap_or_else(|e| panic!("{cell:?} is not a plain amount: {e:?}"))
}

#[test]
fn the_csv_has_one_funding_column_per_source_and_level_in_vocabulary_order() {
    let site = demo();
    let (header, _) = read_csv(&site.out);
    let funding: Vec<String> =
        header.iter().filter(|h| h.ends_with("（万元）") && *h != "资金总额（万元）").cloned().collect();
    assert_eq!(funding, all_funding_headers());
    assert_eq!(funding.len(), FundLevel::ALL.len() + FundingSource::ALL.len());
    assert!(header.contains(&"资金总额（万元）".to_owned()));
    // The packed cell of old ("中央衔接资金:80;自筹:40") is gone.
    assert!(!header.contains(&"资金来源（万元）".to_owned()));
}

#[test]
fn each_row_matches_its_record_in_names_money_and_dates() {
    let site = demo();
    let (_, rows) = read_csv(&site.out);
    assert_eq!(rows.len(), site.content.projects.len(), "one row per project");
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> = rows.iter().map(|r| (r["项目编号"].as_str(), r)).collect();
    for p in &site.content.projects {
        let row = by_id[p.id.value.as_str()];
        let id = &p.id.value;

        // Money: each source column equals the record's lines of that
        // source, empty when it has none, and the columns sum to the total.
        let funding = p.funding.as_ref().unwrap();
        let mut want: BTreeMap<String, Money> = BTreeMap::new();
        for line in &funding.sources {
            let m = want.entry(funding_header(line.source, line.level)).or_insert(Money::ZERO);
            *m = *m + line.amount;
        }
        let mut sum = Money::ZERO;
        for h in all_funding_headers() {
            let cell = &row[&h];
            match want.get(&h) {
                Some(&m) => assert_eq!(money(cell), m, "{id} {h}"),
                None => assert_eq!(cell, "", "{id} {h}: empty where the project has no such source"),
            }
            if !cell.is_empty() {
                assert!(cell.split_once('.').is_some_and(|(_, f)| f.len() >= 2), "{id} {h} = {cell}: two decimals");
                sum = sum + money(cell);
            }
        }
        assert_eq!(money(&row["资金总额（万元）"]), funding.total.value, "{id}");
        assert_eq!(sum, funding.total.value, "{id}: the source columns sum to 资金总额");

        // Names, not codes.
        let county = site.content.county(&p.county).unwrap();
        assert_eq!(row["县"], county.name, "{id}");
        if let Some(l) = &p.location {
            let t = county.township(&l.township).unwrap();
            assert_eq!(row["乡镇"], t.name, "{id}");
            let villages: Vec<&str> = l.villages.iter().map(|v| t.village(v).unwrap().name.as_str()).collect();
            assert_eq!(row["村"], villages.join("、"), "{id}");
        }
        assert_eq!(row["项目类型"], site.content.project_type(&p.project_type).unwrap().name, "{id}");
        assert_eq!(row["申报层级"], p.origin.label(), "{id}");
        assert_eq!(row["建设性质"], p.construction_nature.map(Keyword::label).unwrap_or_default(), "{id}");
        for col in ["县", "乡镇", "村", "项目类型", "建设性质", "申报层级", "产业顾问组", "状态"]
        {
            assert!(!row[col].chars().any(|c| c.is_ascii_alphabetic()), "{id} {col} = {:?}: a code", row[col]);
        }

        // Notice periods: the effective notice of each level, as YYYY-MM-DD.
        for &level in NoticeLevel::ALL {
            let name = level.label();
            let (start, end) = (&row[&format!("{name}公示开始")], &row[&format!("{name}公示结束")]);
            match p.effective_notice(level) {
                Some(n) => {
                    assert_eq!(*start, n.start.format("%Y-%m-%d").to_string(), "{id} {name}");
                    assert_eq!(*end, n.end.format("%Y-%m-%d").to_string(), "{id} {name}");
                }
                None => assert_eq!((start.as_str(), end.as_str()), ("", ""), "{id} {name}"),
            }
        }
        let approval = p.approval.as_ref();
        assert_eq!(row["批复单位"], approval.map(|a| a.by.as_str()).unwrap_or_default(), "{id}");
        assert_eq!(row["批复文号"], approval.map(|a| a.doc_no.as_str()).unwrap_or_default(), "{id}");
        assert_eq!(row["批复日期"], approval.map(|a| a.date.to_string()).unwrap_or_default(), "{id}");
        assert_eq!(row["入库日期"], p.warehoused_date().map(|d| d.to_string()).unwrap_or_default(), "{id}");
    }
    // The demo spans the shapes that matter: a village, a township and a
    // county notice, and several sources in one project.
    assert!(rows.iter().any(|r| !r["县级公示开始"].is_empty()));
    assert!(rows.iter().any(|r| r["村"].contains('、')));
}

/// The status is the one the pages show: `projects.json`, the CSV and the
/// project page agree.
#[test]
fn the_status_is_the_pages_status() {
    let site = demo();
    let (_, rows) = read_csv(&site.out);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.out.join("data/projects.json")).unwrap()).unwrap();
    for (row, p) in rows.iter().zip(json.as_array().unwrap()) {
        assert_eq!(row["项目编号"], p["id"].as_str().unwrap());
        assert_eq!(row["状态"], p["status_label"].as_str().unwrap());
        assert_eq!(row["状态代码"], p["status"].as_str().unwrap());
        let page = std::fs::read_to_string(site.out.join(format!("projects/{}/index.html", row["项目编号"]))).unwrap();
        assert!(page.contains(&row["状态"]), "{}: page shows {}", row["项目编号"], row["状态"]);
    }
}

#[test]
fn projects_json_keeps_its_codes_and_adds_names() {
    let site = demo();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.out.join("data/projects.json")).unwrap()).unwrap();
    let projects = json.as_array().unwrap();
    assert_eq!(projects.len(), site.content.projects.len());
    for p in projects {
        assert_eq!(p["county"], "qingling");
        assert_eq!(p["county_name"], "青岭县");
        let key = p["type"].as_str().unwrap();
        assert_eq!(p["type_name"], site.content.project_type(key).unwrap().name.as_str());
        assert!(p["origin"].is_string() && p["origin_label"].is_string());
        if let Some(nature) = p["construction_nature"].as_str() {
            let label = p["construction_nature_label"].as_str().unwrap();
            assert!(["new", "continued", "renovation"].contains(&nature) && !label.is_ascii(), "{label}");
        }
        assert_eq!(p["villages"].as_array().unwrap().len(), p["village_names"].as_array().unwrap().len());
        if p["township"].is_string() {
            assert!(!p["township_name"].as_str().unwrap().is_ascii());
        }
        for n in p["notices"].as_array().unwrap() {
            assert!(n["level"].is_string() && n["level_label"].is_string());
        }
    }
    let p = projects.iter().find(|p| p["id"] == "QL-2025-0001").unwrap();
    assert_eq!(p["township"], "shiqiao");
    assert_eq!(p["township_name"], "石桥镇");
    assert_eq!(p["type"], "industry");
    assert_eq!(p["type_name"], "产业发展");
    assert_eq!(p["construction_nature"], "new");
    assert_eq!(p["construction_nature_label"], "新建");
    assert_eq!(p["advisory_group_name"], "青岭县茶产业产业顾问组");
}

/// `/data/` lists exactly the CSV's columns, in order, and links every file.
#[test]
fn the_data_dictionary_lists_exactly_the_csv_header() {
    let site = demo();
    let (header, _) = read_csv(&site.out);
    let html = std::fs::read_to_string(site.out.join("data/index.html")).unwrap();
    let table = html.split("<table class=\"cards\" id=\"csv-columns\">").nth(1).unwrap();
    let table = table.split("</table>").next().unwrap();
    let listed: Vec<&str> =
        table.split("<th scope=\"row\">").skip(1).map(|s| s.split("</th>").next().unwrap()).collect();
    assert_eq!(listed, header);
    for file in ["projects.csv", "projects.json", "groups.json", "cases.json"] {
        assert!(html.contains(&format!("href=\"../data/{file}\"")), "links {file}");
    }
    // Reached from every page's footer and from the project list.
    let home = std::fs::read_to_string(site.out.join("index.html")).unwrap();
    assert!(home.contains("<a href=\"./data/index.html\">开放数据</a>"));
    let list = std::fs::read_to_string(site.out.join("projects/index.html")).unwrap();
    assert!(list.contains("href=\"../data/index.html\">数据说明</a>"));
    let sitemap = std::fs::read_to_string(site.out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/data/</loc>"));
}
