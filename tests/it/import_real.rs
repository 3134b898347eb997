//! `gongshi import` on the ledgers counties really publish (`import_ledgers.rs`:
//! a 项目库 plan, a 衔接资金 allocation table, an implementation table, each as
//! CSV and as XLSX with merged cells): what each record says, what the report
//! warns, and that nothing the ledger did not give is invented.

use std::path::Path;

use gongshi::import::{ImportError, ImportOptions, ImportReport, Outcome, Stage, import};

use crate::import_ledgers::{Ledger, allocation, implementation, plan};
use crate::support::{copy_dir, day, repo_root};

pub fn demo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &tmp.path().join("content"));
    tmp
}

/// Imports the XLSX, then the CSV of the same sheet, which must give the same files.
pub fn run(site: &Path, ledger: &Ledger, name: &str, options: &ImportOptions) -> ImportReport {
    let [csv, xlsx] = ledger.write(site, name);
    let report = import(site, &xlsx, options).unwrap();
    assert!(report.problems.is_empty(), "{name}.xlsx: {:#?}", report.problems);
    let again = import(site, &csv, options).unwrap();
    assert!(again.problems.is_empty(), "{name}.csv: {:#?}", again.problems);
    let outcomes: Vec<_> = again.imported.iter().map(|i| (i.row, i.id.as_str(), i.outcome)).collect();
    let same: Vec<_> = report.imported.iter().map(|i| (i.row, i.id.as_str(), Outcome::Unchanged)).collect();
    assert_eq!(outcomes, same, "{name}.csv differs from {name}.xlsx");
    assert_eq!(again.notes.len(), report.notes.len());
    report
}

/// The file of `id` as import wrote it, after the comment and id lines.
fn record(site: &Path, report: &ImportReport, id: &str) -> String {
    let i = report.imported.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("{id}: {:#?}", report.imported));
    let text = std::fs::read_to_string(site.join(&i.path)).unwrap();
    let head = format!("# 由 gongshi import 从项目库台账导入；以后请直接修改本文件\nid: {id}\n");
    text.strip_prefix(&head).unwrap_or_else(|| panic!("{text}")).to_owned()
}

fn rows(report: &ImportReport) -> Vec<(usize, &str, &str, &str)> {
    report.imported.iter().map(|i| (i.row, i.id.as_str(), i.name.as_str(), i.path.as_str())).collect()
}

pub fn stage(stage: Stage, doc: &str, date: &str, on: &str) -> ImportOptions {
    ImportOptions {
        stage: Some(stage),
        approval_doc: Some(doc.into()),
        approval_date: Some(day(date)),
        stage_date: Some(day(on)),
        ..ImportOptions::default()
    }
}

#[test]
fn a_project_warehouse_plan() {
    let site = demo();
    let report = run(site.path(), &plan(), "plan", &ImportOptions::default());
    // Ids continue after the demo's QL-2025-0009, in row order; 合计 and section rows are no projects.
    assert_eq!(
        rows(&report),
        [
            (7, "QL-2025-0010", "青岭县石桥镇白岩村2025年茶园提质改造项目", "content/projects/2025/QL-2025-0010.yaml"),
            (
                8,
                "QL-2025-0011",
                "青岭县石桥镇龙潭村、新寨村2025年茶叶冷链仓储项目",
                "content/projects/2025/QL-2025-0011.yaml"
            ),
            (10, "QL-2025-0012", "青岭县云雾镇茶坪村2025年通组路硬化项目", "content/projects/2025/QL-2025-0012.yaml"),
            (11, "QL-2025-0013", "青岭县东风镇红星村2025年人居环境整治项目", "content/projects/2025/QL-2025-0013.yaml"),
        ]
    );
    assert!(report.imported.iter().all(|i| i.is_id_generated && i.outcome == Outcome::New));
    assert_eq!(
        report.skipped,
        [(5, "合计/小计行".to_owned()), (6, "分类行“产业发展项目”".into()), (9, "分类行“乡村建设项目”".into())]
    );
    assert_eq!(
        report.derived,
        [
            "台账没有项目编号列：编号按县、年度和行序生成（见下面每行的编号），编号即网址，发布后不要再改",
            "年度取自标题“青岭县2025年巩固拓展脱贫攻坚成果和乡村振兴项目库”：2025",
            "实施主体取自「实施单位及责任人」列",
            "「实施单位及责任人」中单位后的人名记为责任人",
        ]
    );
    let notes: Vec<(usize, &str)> = report.notes.iter().map(|n| (n.row, n.message.as_str())).collect();
    assert_eq!(
        notes,
        [(
            11,
            "「实施地点」“东风镇红星村”无法对应到县文件的乡镇和村（“东风镇红星村”不是青岭县的乡镇），已原样写入 place"
        )]
    );
    assert!(report.ignored_columns.is_empty(), "{:?}", report.ignored_columns);
    assert_eq!(
        record(site.path(), &report, "QL-2025-0010"),
        r#"name: "青岭县石桥镇白岩村2025年茶园提质改造项目"
county: qingling
year: 2025
type: industry
construction_nature: new
origin: village
location: {township: shiqiao, villages: [baiyan]}
content: "改造低产茶园300亩，配套修建作业便道1.5公里"
implementation_period: {from: 2025-03, to: 2025-10}
implementer: "白岩村股份经济合作社"
responsible_person: "陈某某"
funding:
  total: 120.5
  sources:
    - {source: bridging_fund, level: central, amount: 120.5}
linkage_mechanism: "茶园由合作社统一管理，脱贫户按入股面积分红"
performance_targets:
  - {indicator: "改造低产茶园", value: 300, unit: "亩", category: output}
  - {indicator: "修建作业便道", value: 1.5, unit: "公里", category: output}
  - {indicator: "受益脱贫户数", value: "≥15", unit: "户", category: benefit}
  - {indicator: "受益群众满意度", value: "≥95", unit: "%", category: satisfaction}
not_given: [responsible_unit, households_lifted, persons_lifted, households_monitored]
"#
    );
    assert_eq!(
        record(site.path(), &report, "QL-2025-0011"),
        r#"name: "青岭县石桥镇龙潭村、新寨村2025年茶叶冷链仓储项目"
county: qingling
year: 2025
type: industry
construction_nature: renovation
origin: village
location: {township: shiqiao, villages: [longtan, xinzhai]}
content: "改建冷库2座"
implementation_period: {from: 2025-01, to: 2025-12}
implementer: "石桥镇人民政府"
responsible_person: "刘某某"
funding:
  total: 80.68
  sources:
    - {source: bridging_fund, level: local, amount: 80.68}
linkage_mechanism: "冷库租金收益的60%用于脱贫户分红"
performance_targets:
  - "通过项目实施，新增冷藏能力500吨，解决两村茶叶保鲜问题"
not_given: [responsible_unit, households_lifted, persons_lifted, households_monitored]
"#
    );
    assert_eq!(
        record(site.path(), &report, "QL-2025-0012"),
        r#"name: "青岭县云雾镇茶坪村2025年通组路硬化项目"
county: qingling
year: 2025
type: rural_construction
construction_nature: new
origin: village
location: {township: yunwu, villages: [chaping]}
content: "硬化通组路3.2公里"
implementation_period: {from: 2025-05, to: 2025-11}
implementer: "云雾镇人民政府"
funding:
  total: 60
  sources:
    - {source: balance_fund, amount: 60}
linkage_mechanism: "优先聘用脱贫劳动力务工"
performance_targets:
  - "通过项目实施，完成3200米道路建设任务，解决群众860人出行问题"
  - {indicator: "受益脱贫户数", value: "≥40", unit: "户", category: benefit}
not_given: [responsible_unit, responsible_person, households_lifted, persons_lifted, households_monitored]
"#
    );
    assert_eq!(
        record(site.path(), &report, "QL-2025-0013"),
        r#"name: "青岭县东风镇红星村2025年人居环境整治项目"
county: qingling
year: 2025
type: rural_construction
origin: village
place: "东风镇红星村"
content: "建设垃圾收集点6处"
implementer: "县住房和城乡建设局"
funding:
  total: 40
  sources:
    - {source: bridging_fund, level: provincial, amount: 40}
not_given: [construction_nature, implementation_period, responsible_unit, responsible_person, households_lifted, persons_lifted, households_monitored, linkage_mechanism, performance_targets]
"#
    );
    // Importing the same ledger again changes nothing: each project keeps its id.
    let again = import(site.path(), &plan().write(site.path(), "plan")[1], &ImportOptions::default()).unwrap();
    assert!(again.imported.iter().all(|i| i.outcome == Outcome::Unchanged), "{:#?}", again.imported);
}

#[test]
fn an_allocation_table_with_the_fund_in_the_title_and_six_decimals() {
    let site = demo();
    let options = stage(Stage::Funded, "青农领办发〔2024〕3号", "2024-01-20", "2024-03-15");
    let report = run(site.path(), &allocation(), "allocation", &options);
    let ids: Vec<(usize, &str)> = report.imported.iter().map(|i| (i.row, i.id.as_str())).collect();
    assert_eq!(ids, [(4, "QL-2024-0001"), (5, "QL-2024-0002"), (6, "QL-2024-0003")]);
    assert_eq!(report.skipped, [(7, "合计/小计行".to_owned())]);
    assert!(report.notes.is_empty(), "{:#?}", report.notes);
    assert_eq!(
        report.derived[1..],
        [
            "年度取自标题“青岭县2024年中央财政衔接推进乡村振兴补助资金分配表（青财农〔2024〕12号）”：2024",
            "没有写明来源的金额按标题“青岭县2024年中央财政衔接推进乡村振兴补助资金分配表（青财农〔2024〕12号）”记为财政衔接推进乡村振兴补助资金（中央）",
            "实施主体取自「实施单位」列",
            "按 --stage，每个项目记为资金已下达（批复 青农领办发〔2024〕3号），入库前的公示未记录，列入 not_given",
        ]
    );
    let approved =
        "approval: {by: \"中共青岭县委农村工作领导小组办公室\", doc_no: \"青农领办发〔2024〕3号\", date: 2024-01-20}
events:
  - {type: funded, date: 2024-03-15, ref: \"青财农〔2024〕12号\"}
";
    assert_eq!(
        record(site.path(), &report, "QL-2024-0001"),
        format!(
            r#"name: "青岭县红水乡大湾村2024年蔬菜大棚建设项目"
county: qingling
year: 2024
type: industry
origin: village
location: {{township: hongshui, villages: [dawan]}}
content: "新建蔬菜大棚20亩"
implementer: "大湾村股份经济合作社"
funding:
  total: 85.123456
  sources:
    - {{source: bridging_fund, level: central, amount: 60.123456}}
    - {{source: bridging_fund, level: provincial, amount: 20}}
    - {{source: bridging_fund, level: local, amount: 5}}
linkage_mechanism: "大棚租赁给合作社经营，租金用于脱贫户分红"
performance_targets:
  - {{indicator: "新建蔬菜大棚", value: 20, unit: "亩"}}
  - {{indicator: "带动脱贫户增收", value: "≥500", unit: "元/户"}}
{approved}not_given: [construction_nature, implementation_period, responsible_unit, responsible_person, households_lifted, persons_lifted, households_monitored, notices]
"#
        )
    );
    // The 结余资金 row: its one amount is one balance_fund line, whatever the title says.
    assert_eq!(
        record(site.path(), &report, "QL-2024-0002"),
        format!(
            r#"name: "青岭县杉木镇金星村2024年产业路建设项目"
county: qingling
year: 2024
type: rural_construction
origin: village
location: {{township: shanmu, villages: [jinxing]}}
content: "硬化产业路2公里"
implementer: "杉木镇人民政府"
funding:
  total: 12.34
  sources:
    - {{source: balance_fund, amount: 12.34}}
linkage_mechanism: "方便群众生产出行"
performance_targets:
  - {{indicator: "硬化产业路", value: 2, unit: "公里"}}
{approved}not_given: [construction_nature, implementation_period, responsible_unit, responsible_person, households_lifted, persons_lifted, households_monitored, notices]
"#
        )
    );
    assert_eq!(
        record(site.path(), &report, "QL-2024-0003"),
        format!(
            r#"name: "青岭县2024年脱贫劳动力务工交通补助项目"
county: qingling
year: 2024
type: employment
origin: village
content: "对跨省务工脱贫劳动力发放一次性交通补助"
implementer: "县人力资源和社会保障局"
funding:
  total: 30.5
  sources:
    - {{source: bridging_fund, level: central, amount: 30.5}}
linkage_mechanism: "补助直接发放至脱贫劳动力"
performance_targets:
  - {{indicator: "补助脱贫劳动力", value: "≥600", unit: "人"}}
{approved}not_given: [construction_nature, implementation_period, responsible_unit, responsible_person, households_lifted, persons_lifted, households_monitored, notices, location]
"#
        )
    );
}

#[test]
fn an_implementation_table_with_progress_months_and_households() {
    let site = demo();
    let options = stage(Stage::Started, "青农领办发〔2023〕2号", "2023-02-10", "2023-04-01");
    let report = run(site.path(), &implementation(), "implementation", &options);
    let ids: Vec<(usize, &str)> = report.imported.iter().map(|i| (i.row, i.id.as_str())).collect();
    assert_eq!(ids, [(4, "QL-2023-0001"), (5, "QL-2023-0002"), (6, "QL-2023-0003")]);
    assert_eq!(report.skipped, [(3, "合计/小计行".to_owned())]);
    let notes: Vec<(usize, &str)> = report.notes.iter().map(|n| (n.row, n.message.as_str())).collect();
    assert_eq!(
        notes,
        [
            (6, "「项目地点」“青岭县”无法对应到县文件的乡镇和村（没有写乡镇），已原样写入 place"),
            (6, "「时间进度」“已完工”不是起止年月，未作为实施期限"),
            (6, "「实施期限(月)」只写了月数，实施期限从 2023 年 1 月起算"),
        ]
    );
    assert_eq!(report.ignored_columns, Vec::<String>::new());
    let started =
        "approval: {by: \"中共青岭县委农村工作领导小组办公室\", doc_no: \"青农领办发〔2023〕2号\", date: 2023-02-10}
events:
  - {type: funded, date: 2023-04-01}
  - {type: started, date: 2023-04-01}
";
    let not_given = "not_given: [construction_nature, responsible_unit, responsible_person, households_lifted, persons_lifted, households_monitored, linkage_mechanism, performance_targets, notices]\n";
    assert_eq!(
        record(site.path(), &report, "QL-2023-0001"),
        format!(
            r#"name: "青岭县红水乡柳树村2023年食用菌大棚项目"
county: qingling
year: 2023
type: industry
origin: village
location: {{township: hongshui, villages: [liushu]}}
content: "新建食用菌大棚10个"
implementation_period: {{from: 2023-04, to: 2023-09}}
implementer: "柳树村股份经济合作社"
funding:
  total: 45.5
  sources:
    - {{source: bridging_fund, amount: 45.5}}
beneficiaries: {{households: 56}}
{started}{not_given}"#
        )
    );
    assert_eq!(
        record(site.path(), &report, "QL-2023-0002"),
        format!(
            r#"name: "青岭县云雾镇高坡村、上坝村2023年饮水安全巩固提升项目"
county: qingling
year: 2023
type: rural_construction
origin: village
location: {{township: yunwu, villages: [gaopo, shangba]}}
content: "新建蓄水池2口，铺设管网3公里"
implementation_period: {{from: 2023-01, to: 2023-12}}
implementer: "云雾镇人民政府"
funding:
  total: 30
  sources:
    - {{source: bridging_fund, amount: 30}}
beneficiaries: {{households: 120}}
{started}{not_given}"#
        )
    );
    assert_eq!(
        record(site.path(), &report, "QL-2023-0003"),
        format!(
            r#"name: "青岭县2023年脱贫户小额信贷贴息项目"
county: qingling
year: 2023
type: industry
origin: village
place: "青岭县"
content: "对脱贫户小额信贷贴息"
implementation_period: {{from: 2023-01, to: 2023-06}}
implementer: "县农业农村局"
funding:
  total: 20
  sources:
    - {{source: bridging_fund, amount: 20}}
beneficiaries: {{households: 300}}
{started}{not_given}"#
        )
    );
}

#[test]
fn unmappable_columns_are_listed_with_the_nearest_known_header() {
    let site = demo();
    let ledger = Ledger {
        rows: vec![
            vec!["某县项目表", "", "", ""],
            vec!["序号", "项目名", "建设内容", "金额"],
            vec!["1", "白岩村茶园", "改造茶园", "10"],
        ],
        merges: vec![(0, 0, 0, 3)],
    };
    let [csv, _] = ledger.write(site.path(), "bad");
    let err = import(site.path(), &csv, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::Unmapped { .. }), "{err:?}");
    let message = err.to_string();
    for line in
        ["  序号 → 序号", "  项目名 → 未识别（是否应为“项目名称”？）", "  建设内容 → 建设内容", "  金额 → 未识别"]
    {
        assert!(message.lines().any(|l| l == line || l.starts_with(line)), "{line}\n{message}");
    }
    assert!(message.starts_with("台账缺少项目名称列和金额列"), "{message}");
    // --stage needs its approval; --fund must name a fund.
    let options = ImportOptions { stage: Some(Stage::Approved), ..ImportOptions::default() };
    assert!(matches!(import(site.path(), &csv, &options), Err(ImportError::StageNeedsApproval)));
    let options = ImportOptions { fund: Some("村集体".into()), ..ImportOptions::default() };
    assert!(matches!(import(site.path(), &csv, &options), Err(ImportError::UnknownFund(_))));
}

#[test]
fn unknown_sub_headers_are_named_and_a_single_amount_needs_a_fund() {
    let site = demo();
    let ledger = Ledger {
        rows: vec![
            vec!["序号", "项目名称", "项目类型", "建设内容", "资金规模（万元）", "绩效目标", ""],
            vec!["", "", "", "", "", "产出指标", "社会影响"],
            vec!["1", "青岭县石桥镇白岩村2026年茶园项目", "产业发展", "改造茶园", "10", "改造茶园100亩", "带动就业"],
        ],
        merges: vec![(0, 5, 0, 6)],
    };
    let [csv, xlsx] = ledger.write(site.path(), "subs");
    for file in [csv, xlsx] {
        let dry = ImportOptions { dry_run: true, year: Some(2026), ..ImportOptions::default() };
        let report = import(site.path(), &file, &dry).unwrap();
        assert_eq!(report.ignored_columns, ["绩效目标/社会影响"]);
        let problems: Vec<(usize, Option<&str>, &str)> =
            report.problems.iter().map(|p| (p.row, p.column.as_deref(), p.message.as_str())).collect();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!((problems[0].0, problems[0].1), (3, Some("资金规模（万元）")));
        assert!(problems[0].2.starts_with("无法确定这笔资金的来源"), "{}", problems[0].2);
        let with_fund = ImportOptions { fund: Some("中央衔接资金".into()), ..dry.clone() };
        let report = import(site.path(), &file, &with_fund).unwrap();
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
        // The next number after the demo's own 2026 projects.
        let id = &report.imported[0].id;
        let demo_ids: Vec<String> = std::fs::read_dir(site.path().join("content/projects/2026"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".yaml").to_uppercase())
            .collect();
        let last = demo_ids.iter().max().unwrap();
        assert!(id.starts_with("QL-2026-") && id > last && !demo_ids.contains(id), "{id} after {last}");
    }
}

#[test]
fn a_county_without_townships_gets_places_as_written() {
    let site = tempfile::tempdir().unwrap();
    let minimal = crate::support::fixture("valid/minimal/content");
    let content = site.path().join("content");
    std::fs::create_dir_all(content.join("counties")).unwrap();
    std::fs::copy(minimal.join("site.yaml"), content.join("site.yaml")).unwrap();
    let county = std::fs::read_to_string(minimal.join("counties/ceshi.yaml")).unwrap();
    let county = county.split("\nneeds:").next().unwrap().to_owned() + "\n";
    std::fs::write(content.join("counties/ceshi.yaml"), county).unwrap();
    let report = run(site.path(), &implementation(), "implementation", &ImportOptions::default());
    let ids: Vec<&str> = report.imported.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["CESHI-2023-0001", "CESHI-2023-0002", "CESHI-2023-0003"]);
    assert!(
        report.derived.contains(&"测试县的县文件没有乡镇名单：「项目地点」按原文写入 place".to_owned()),
        "{:#?}",
        report.derived
    );
    let two = record(site.path(), &report, "CESHI-2023-0002");
    assert!(two.contains("\nplace: \"云雾镇高坡村、上坝村\"\n"), "{two}");
    assert!(!two.contains("location"), "{two}");
    let checked = gongshi::pipeline::check(site.path(), day("2026-11-20")).unwrap();
    let errors: Vec<_> =
        checked.diagnostics.iter().filter(|d| d.severity() == gongshi::diag::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn amounts_in_yuan_are_kept_to_the_fen() {
    let site = demo();
    let ledger = Ledger {
        rows: vec![
            vec!["青岭县2026年衔接资金项目计划表", "", "", "", ""],
            vec!["金额单位：元", "", "", "", ""],
            vec!["项目名称", "项目类型", "建设内容", "项目地点", "资金规模和筹资方式"],
            vec![
                "青岭县石桥镇白岩村2026年茶叶初制所改造项目",
                "产业发展",
                "改造初制所1座",
                "石桥镇白岩村、云雾镇茶坪村",
                "851234.56元，市级衔接资金",
            ],
        ],
        merges: vec![(0, 0, 0, 4), (1, 0, 1, 4)],
    };
    let report = run(site.path(), &ledger, "yuan", &ImportOptions::default());
    assert!(
        report.derived.contains(&"台账金额以元为单位，已换算为万元（精确到分）".to_owned()),
        "{:#?}",
        report.derived
    );
    let notes: Vec<&str> = report.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        ["「项目地点」“石桥镇白岩村、云雾镇茶坪村”无法对应到县文件的乡镇和村（写了多个乡镇），已原样写入 place"]
    );
    let id = report.imported[0].id.clone();
    let text = record(site.path(), &report, &id);
    assert!(text.contains("\nplace: \"石桥镇白岩村、云雾镇茶坪村\"\n"), "{text}");
    assert!(
        text.contains(
            "funding:\n  total: 85.123456\n  sources:\n    - {source: bridging_fund, level: local, amount: 85.123456}\n"
        ),
        "{text}"
    );
}

#[test]
fn a_number_in_the_id_column_is_a_row_count_not_an_id() {
    let site = demo();
    let ledger = Ledger {
        rows: vec![
            vec!["编号", "项目名称", "项目类型", "建设内容", "总投资", "资金来源", "年度"],
            vec!["1", "青岭县石桥镇白岩村2027年茶园项目", "产业发展", "改造茶园", "10", "中央衔接资金", "2027"],
            vec![
                "QL-2027-0200",
                "青岭县石桥镇龙潭村2027年茶园项目",
                "产业发展",
                "改造茶园",
                "20",
                "中央衔接资金",
                "2027",
            ],
            vec!["", "青岭县石桥镇新寨村2027年茶园项目", "产业发展", "改造茶园", "30", "中央衔接资金", "2027"],
        ],
        merges: Vec::new(),
    };
    let report = run(site.path(), &ledger, "ids", &ImportOptions::default());
    let ids: Vec<(&str, bool)> = report.imported.iter().map(|i| (i.id.as_str(), i.is_id_generated)).collect();
    assert_eq!(ids, [("QL-2027-0201", true), ("QL-2027-0200", false), ("QL-2027-0202", true)]);
    let notes: Vec<(usize, &str)> = report.notes.iter().map(|n| (n.row, n.message.as_str())).collect();
    assert_eq!(
        notes,
        [(2, "「编号」“1”只是序号，编号按县、年度和行序生成"), (4, "「编号」为空，编号按县、年度和行序生成")]
    );
}

#[test]
fn a_ledger_without_content_imports_with_content_not_given() {
    let site = demo();
    let csv = site.path().join("bare.csv");
    std::fs::write(
        &csv,
        "青岭县2025年中央财政衔接推进乡村振兴补助资金分配表\n序号,项目名称,项目类别,本次分配金额（万元）\n1,红水乡大湾村产业路硬化项目,乡村建设行动,30.5\n",
    )
    .unwrap();
    let report = import(site.path(), &csv, &ImportOptions::default()).unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    let id = &report.imported[0].id;
    let text = record(site.path(), &report, id);
    assert!(!text.contains("\ncontent:"), "{text}");
    let not_given = text.lines().find(|l| l.starts_with("not_given:")).unwrap_or_else(|| panic!("{text}"));
    assert!(not_given.contains("content"), "{not_given}");
    let checked = gongshi::pipeline::check(site.path(), day("2026-11-20")).unwrap();
    let mine: Vec<_> = checked.diagnostics.iter().filter(|d| d.record.as_deref() == Some(id.as_str())).collect();
    assert!(mine.iter().all(|d| d.severity() == gongshi::diag::Severity::Warning), "{mine:#?}");
    assert!(
        mine.iter().any(|d| d.code == gongshi::diag::Code::NotGiven && d.message.contains("建设内容")),
        "{mine:#?}"
    );
}
