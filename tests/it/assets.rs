//! 帮扶项目资产台账: the ledger page's totals by class and by township are
//! the records' sums; every figure is as of `--today` (an asset handed over
//! later reads 未移交, a later year's income and a later disposal are not
//! shown); `assets.csv` and `assets.json` hold the records, cell by cell.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gongshi::domain::{Asset, AssetClass, Content, Keyword, Money};
use gongshi::pipeline::{BuildOptions, build};

use crate::support::{DEMO_TODAY, copy_dir, day, fixture};

/// The demo with one asset handed over after the build day, a later year's
/// income and a disposal after the build day, built as of the demo's day.
fn built() -> (tempfile::TempDir, PathBuf, Content) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid/demo"), dir.path());
    let assets = dir.path().join("content/assets/2025");
    std::fs::write(
        assets.join("ql-2025-zc6.yaml"),
        "id: QL-2025-ZC6\ncounty: qingling\nproject: QL-2025-0003\nname: 大湾村菌种培育室\nclass: public_welfare\n\
         value: 6\nformed_on: 2025-09-25\nlocation: {township: hongshui, villages: [dawan]}\nowner: 大湾村股份经济合作社\n\
         keeper: 大湾村村民委员会\nhanded_over_on: 2026-12-15\nhandover_doc: 红水乡移交书\n",
    )
    .unwrap();
    // Formed after the build day: not in the ledger yet.
    std::fs::write(
        assets.join("ql-2025-zc7.yaml"),
        "id: QL-2025-ZC7\ncounty: qingling\nproject: QL-2025-0005\nname: 幸福社区车间配电设施\nclass: operating\n\
         value: 5\nformed_on: 2026-12-10\nowner: 杉木镇幸福社区股份经济合作社\nkeeper: 杉木镇幸福社区居民委员会\n",
    )
    .unwrap();
    let zc1 = assets.join("ql-2025-zc1.yaml");
    let text = std::fs::read_to_string(&zc1).unwrap();
    std::fs::write(&zc1, format!("{text}  - {{year: 2027, amount: 7.5, sharing: 下一年度的分红}}\n")).unwrap();
    let zc2 = assets.join("ql-2025-zc2.yaml");
    let text = std::fs::read_to_string(&zc2).unwrap();
    std::fs::write(&zc2, format!("{text}disposal: {{date: 2026-10-01, way: 核销, reason: 洪灾毁损}}\n")).unwrap();
    let zc4 = assets.join("ql-2025-zc4.yaml");
    let text = std::fs::read_to_string(&zc4).unwrap();
    std::fs::write(&zc4, format!("{text}disposal: {{date: 2026-12-01, way: 拆除, reason: 道路改线}}\n")).unwrap();
    let out = dir.path().join("out");
    let options = BuildOptions::new(day(DEMO_TODAY), &out);
    let report = build(dir.path(), &options).unwrap();
    assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
    let (mut content, _) = gongshi::load::load(dir.path()).unwrap();
    assert!(content.assets.iter().any(|a| a.id.as_str() == "QL-2025-ZC7"));
    // What the ledger lists on the build day: the assets formed by then.
    content.assets.retain(|a| a.formed_on.as_ref().is_none_or(|f| **f <= day(DEMO_TODAY)));
    (dir, out, content)
}

/// The rows of the table in the section labelled `id`: each row's cells as text.
fn table_rows(html: &str, id: &str) -> Vec<Vec<String>> {
    let start = html.find(&format!("aria-labelledby=\"{id}\"")).expect("section");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    let body = &section[section.find("<tbody>").unwrap()..];
    body.split("<tr")
        .skip(1)
        .map(|row| row.replace("</th>", "</td>").split("</td>").filter_map(cell_text).collect())
        .collect()
}

/// The text of one `<th …>…` or `<td …>…` fragment, tags stripped.
fn cell_text(fragment: &str) -> Option<String> {
    let open = fragment.rfind("<td").or_else(|| fragment.rfind("<th"))?;
    let inner = &fragment[open..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text)
}

fn money(text: &str) -> Money {
    Money::parse_wan(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// The township of an asset as the ledger names it: its own, else its project's.
fn township_name(content: &Content, a: &Asset) -> String {
    let t =
        a.location.as_ref().map(|l| l.township.value.clone()).or_else(|| {
            content.project(&a.project).and_then(|p| p.location.as_ref()).map(|l| l.township.value.clone())
        });
    let county = content.county(&a.county).unwrap();
    county.township(t.as_deref().unwrap()).unwrap().name.clone()
}

#[test]
fn the_ledger_totals_are_the_records_sums_and_every_figure_is_as_of_today() {
    let (_dir, out, content) = built();
    let html = std::fs::read_to_string(out.join("counties/qingling/assets/index.html")).unwrap();
    assert!(content.assets.len() >= 6);

    let by_class = table_rows(&html, "by-class-h");
    for k in AssetClass::ALL {
        let of: Vec<&Asset> = content.assets.iter().filter(|a| *a.class == *k).collect();
        let row = by_class.iter().find(|r| r[0] == format!("{}资产", k.label())).unwrap();
        assert_eq!(row[1], of.len().to_string(), "{row:?}");
        assert_eq!(money(&row[2]), of.iter().map(|a| *a.value).sum::<Money>(), "{row:?}");
    }
    let total = by_class.last().unwrap();
    assert_eq!((total[0].as_str(), total[1].clone()), ("合计", content.assets.len().to_string()));
    assert_eq!(money(&total[2]), content.assets.iter().map(|a| *a.value).sum::<Money>());

    let mut expected: BTreeMap<String, (usize, Money)> = BTreeMap::new();
    for a in &content.assets {
        let e = expected.entry(township_name(&content, a)).or_insert((0, Money::ZERO));
        *e = (e.0 + 1, e.1 + *a.value);
    }
    let by_township: BTreeMap<String, (usize, Money)> = table_rows(&html, "by-township-h")
        .into_iter()
        .map(|r| (r[0].clone(), (r[1].parse().unwrap(), money(&r[2]))))
        .collect();
    assert_eq!(by_township, expected);

    let rows = table_rows(&html, "list-h");
    let row = |id: &str| rows.iter().find(|r| r[0].contains(id)).unwrap_or_else(|| panic!("{id} not listed"));
    // Handed over after --today: 未移交, its hand-over document not yet shown.
    let later = row("QL-2025-ZC6");
    assert_eq!(later[7], "未移交");
    assert!(!html.contains("红水乡移交书"));
    assert!(!html.contains("QL-2025-ZC7"), "formed after --today");
    assert!(row("QL-2025-ZC1")[7].starts_with("2026年4月28日移交"));
    // The 2027 income and the December disposal are not facts on 2026-11-20.
    assert!(row("QL-2025-ZC1")[8].starts_with("2026年 6.20 万元"));
    assert!(!html.contains("2027年") && !html.contains("下一年度的分红"));
    assert_eq!(row("QL-2025-ZC4")[9], "—");
    assert_eq!(row("QL-2025-ZC2")[9], "2026年10月1日核销：洪灾毁损");
    assert!(html.contains("（含已处置的资产）"));

    // The county portal links the ledger; the project page lists its assets.
    let county = std::fs::read_to_string(out.join("counties/qingling/index.html")).unwrap();
    assert!(county.contains("assets/index.html\">帮扶项目资产台账</a>"));
    let project = std::fs::read_to_string(out.join("projects/QL-2025-0003/index.html")).unwrap();
    assert!(project.contains("#QL-2025-ZC3\">大湾村食用菌种植大棚及配套设施</a>"));
    assert!(project.contains("大湾村菌种培育室</a>：公益性资产，价值 6.00 万元，产权归属大湾村股份经济合作社，未移交"));
    let no_assets = std::fs::read_to_string(out.join("projects/QL-2025-0006/index.html")).unwrap();
    assert!(no_assets.contains("<p>本项目不形成资产。</p>"));
}

#[test]
fn assets_csv_and_json_hold_the_records() {
    let (_dir, out, content) = built();
    let bytes = std::fs::read(out.join("data/assets.csv")).unwrap();
    let text = std::str::from_utf8(bytes.strip_prefix("\u{feff}".as_bytes()).expect("UTF-8 BOM")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let documented: Vec<String> = gongshi::site::opendata::asset_columns().into_iter().map(|c| c.header).collect();
    assert_eq!(headers, documented);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), content.assets.len());
    for a in &content.assets {
        let r = rows.iter().find(|r| &r[col("资产编号")] == a.id.as_str()).unwrap();
        assert_eq!(&r[col("资产名称")], a.name);
        assert_eq!(&r[col("县")], "青岭县");
        assert_eq!(&r[col("乡镇")], township_name(&content, a));
        assert_eq!(&r[col("项目编号")], a.project.as_str());
        assert_eq!(&r[col("资产类别")], a.class.label());
        assert_eq!(money(&r[col("资产价值（万元）")]), *a.value);
        assert_eq!(&r[col("产权归属")], a.owner);
        assert_eq!(&r[col("管护主体")], a.keeper);
    }
    let zc6 = rows.iter().find(|r| &r[col("资产编号")] == "QL-2025-ZC6").unwrap();
    assert_eq!(&zc6[col("移交日期")], "", "handed over after --today");
    let zc1 = rows.iter().find(|r| &r[col("资产编号")] == "QL-2025-ZC1").unwrap();
    assert_eq!((&zc1[col("移交日期")], &zc1[col("收益合计（万元）")]), ("2026-04-28", "6.20"));
    assert_eq!(&zc1[col("资产价值（万元）")], "155.00");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/assets.json")).unwrap()).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), content.assets.len());
    let zc1 = list.iter().find(|a| a["id"] == "QL-2025-ZC1").unwrap();
    assert_eq!(zc1["class"], "operating");
    assert_eq!(zc1["class_label"], "经营性");
    assert_eq!(zc1["value_wan"], "155");
    assert_eq!(zc1["township_name"], "石桥镇");
    assert_eq!(zc1["income"].as_array().unwrap().len(), 1, "no 2027 income on 2026-11-20");
    let zc6 = list.iter().find(|a| a["id"] == "QL-2025-ZC6").unwrap();
    assert!(zc6["handed_over_on"].is_null() && zc6["handover_doc"].is_null());
    let zc4 = list.iter().find(|a| a["id"] == "QL-2025-ZC4").unwrap();
    assert!(zc4["disposal"].is_null());
    // The data dictionary lists the columns.
    let data = std::fs::read_to_string(out.join("data/index.html")).unwrap();
    assert!(data.contains("id=\"assets-columns\"") && data.contains("收益合计（万元）"));
}
