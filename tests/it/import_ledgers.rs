//! Real-shaped ledgers for the import tests, written as CSV (merged regions
//! hold their value in the first cell, as Excel exports them) and as XLSX
//! with real merged cells (rust_xlsxwriter). Shaped after tables that county
//! portals publish: a 项目库 plan, a 衔接资金 allocation table and an
//! implementation table, for the demo county 青岭县.

use std::path::{Path, PathBuf};

/// A sheet: rows of cells (a number is written as a number in XLSX when it
/// parses as one) and merged regions `(first row, first col, last row, last col)`,
/// 0-based, whose value is their first cell.
pub struct Ledger {
    pub rows: Vec<Vec<&'static str>>,
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl Ledger {
    /// Writes `<name>.csv` and `<name>.xlsx` into `dir`; returns both paths.
    pub fn write(&self, dir: &Path, name: &str) -> [PathBuf; 2] {
        let csv = dir.join(format!("{name}.csv"));
        let mut text = String::new();
        for row in &self.rows {
            let cells: Vec<String> =
                row.iter()
                    .map(|c| {
                        if c.contains([',', '"', '\n']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            (*c).into()
                        }
                    })
                    .collect();
            text += &cells.join(",");
            text += "\r\n";
        }
        std::fs::write(&csv, text).unwrap();
        let xlsx = dir.join(format!("{name}.xlsx"));
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let plain = rust_xlsxwriter::Format::new();
        let inside = |r: u32, c: u16| {
            self.merges.iter().any(|&(r0, c0, r1, c1)| (r0..=r1).contains(&r) && (c0..=c1).contains(&c))
        };
        for (r, row) in self.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if v.is_empty() || inside(r, c) {
                    continue;
                }
                match v.parse::<f64>() {
                    Ok(n) => sheet.write_number(r, c, n).unwrap(),
                    Err(_) => sheet.write_string(r, c, *v).unwrap(),
                };
            }
        }
        for &(r0, c0, r1, c1) in &self.merges {
            sheet.merge_range(r0, c0, r1, c1, self.rows[r0 as usize][c0 as usize], &plain).unwrap();
        }
        book.save(&xlsx).unwrap();
        [csv, xlsx]
    }
}

/// Vertical merges over two header rows for every column but `except`.
fn header_merges(row: u32, width: u16, except: std::ops::RangeInclusive<u16>) -> Vec<(u32, u16, u32, u16)> {
    (0..width).filter(|c| !except.contains(c)).map(|c| (row, c, row + 1, c)).collect()
}

/// A 项目库 plan: title and unit line, two header rows (绩效目标 merged over
/// 产出指标/效益指标/满意度指标), a merged 合计 row directly under the header
/// ("合计" over two columns, "4个" over three), section rows, the place as
/// "X镇Y村", one money column with the fund in a text column (中央衔接资金,
/// 市级, 结余资金, 省级衔接资金), targets as sentences and with ≥, and
/// 实施单位及责任人 in one cell.
pub fn plan() -> Ledger {
    let w = 13;
    let mut merges = vec![(0, 0, 0, w - 1), (1, 0, 1, w - 1), (2, 9, 2, 11), (4, 0, 4, 1), (4, 2, 4, 4)];
    merges.extend(header_merges(2, w, 9..=11));
    merges.extend([(5, 0, 5, w - 1), (8, 0, 8, w - 1)]);
    Ledger {
        rows: vec![
            vec!["青岭县2025年巩固拓展脱贫攻坚成果和乡村振兴项目库", "", "", "", "", "", "", "", "", "", "", "", ""],
            vec!["单位：万元", "", "", "", "", "", "", "", "", "", "", "", ""],
            vec![
                "序号",
                "项目名称",
                "建设性质",
                "实施地点",
                "建设内容及规模",
                "资金规模（万元）",
                "资金来源",
                "实施期限",
                "实施单位及责任人",
                "绩效目标",
                "",
                "",
                "带贫减贫机制",
            ],
            vec!["", "", "", "", "", "", "", "", "", "产出指标", "效益指标", "满意度指标", ""],
            vec!["合计", "", "4个", "", "", "301.18", "", "", "", "", "", "", ""],
            vec!["一、产业发展项目", "", "", "", "", "", "", "", "", "", "", "", ""],
            vec![
                "1",
                "青岭县石桥镇白岩村2025年茶园提质改造项目",
                "新建",
                "石桥镇白岩村",
                "改造低产茶园300亩，配套修建作业便道1.5公里",
                "120.5",
                "中央衔接资金",
                "2025年3月-2025年10月",
                "白岩村股份经济合作社 陈某某",
                "改造低产茶园300亩；修建作业便道1.5公里",
                "受益脱贫户数≥15户",
                "受益群众满意度≥95%",
                "茶园由合作社统一管理，脱贫户按入股面积分红",
            ],
            vec![
                "2",
                "青岭县石桥镇龙潭村、新寨村2025年茶叶冷链仓储项目",
                "改扩建",
                "石桥镇龙潭村、新寨村",
                "改建冷库2座",
                "80.68",
                "市级",
                "2025年",
                "石桥镇人民政府（刘某某）",
                "通过项目实施，新增冷藏能力500吨，解决两村茶叶保鲜问题",
                "",
                "",
                "冷库租金收益的60%用于脱贫户分红",
            ],
            vec!["二、乡村建设项目", "", "", "", "", "", "", "", "", "", "", "", ""],
            vec![
                "3",
                "青岭县云雾镇茶坪村2025年通组路硬化项目",
                "新建",
                "云雾镇茶坪村",
                "硬化通组路3.2公里",
                "60",
                "结余资金",
                "2025年5月-11月",
                "云雾镇人民政府",
                "通过项目实施，完成3200米道路建设任务，解决群众860人出行问题",
                "受益脱贫户数≥40户",
                "",
                "优先聘用脱贫劳动力务工",
            ],
            vec![
                "4",
                "青岭县东风镇红星村2025年人居环境整治项目",
                "",
                "东风镇红星村",
                "建设垃圾收集点6处",
                "40",
                "省级衔接资金",
                "",
                "县住房和城乡建设局",
                "",
                "",
                "",
                "",
            ],
        ],
        merges,
    }
}

/// A 衔接资金 allocation table: the fund and the allocating document in the
/// title, 本次分配金额 with 中央/省级/市县 under a merged 资金来源及规模,
/// a 结余资金 row, amounts to six decimals, 县(市、区), 乡镇名, 村社区, and a
/// merged "青岭县合计" row at the end.
pub fn allocation() -> Ledger {
    let w = 15;
    let mut merges = vec![(0, 0, 0, w - 1), (1, 8, 1, 10), (6, 0, 6, 6)];
    merges.extend(header_merges(1, w, 8..=10));
    Ledger {
        rows: vec![
            vec![
                "青岭县2024年中央财政衔接推进乡村振兴补助资金分配表（青财农〔2024〕12号）",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            vec![
                "序号",
                "县(市、区)",
                "项目名称",
                "项目类型",
                "建设内容",
                "乡镇名",
                "村社区",
                "本次分配金额（万元）",
                "资金来源及规模",
                "",
                "",
                "资金性质",
                "实施单位",
                "预期绩效目标",
                "受益对象和联农带农机制",
            ],
            vec!["", "", "", "", "", "", "", "", "中央", "省级", "市县", "", "", "", ""],
            vec![
                "1",
                "青岭县",
                "青岭县红水乡大湾村2024年蔬菜大棚建设项目",
                "产业发展",
                "新建蔬菜大棚20亩",
                "红水乡",
                "大湾村",
                "85.123456",
                "60.123456",
                "20",
                "5",
                "衔接资金",
                "大湾村股份经济合作社",
                "新建蔬菜大棚20亩；带动脱贫户增收≥500元/户",
                "大棚租赁给合作社经营，租金用于脱贫户分红",
            ],
            vec![
                "2",
                "青岭县",
                "青岭县杉木镇金星村2024年产业路建设项目",
                "乡村建设行动",
                "硬化产业路2公里",
                "杉木镇",
                "金星村",
                "12.34",
                "",
                "",
                "",
                "结余资金",
                "杉木镇人民政府",
                "硬化产业路2公里",
                "方便群众生产出行",
            ],
            vec![
                "3",
                "青岭县",
                "青岭县2024年脱贫劳动力务工交通补助项目",
                "就业项目",
                "对跨省务工脱贫劳动力发放一次性交通补助",
                "",
                "",
                "30.5",
                "30.5",
                "",
                "",
                "衔接资金",
                "县人力资源和社会保障局",
                "补助脱贫劳动力≥600人",
                "补助直接发放至脱贫劳动力",
            ],
            vec!["青岭县合计", "", "", "", "", "", "", "127.963456", "90.623456", "20", "5", "", "", "", ""],
        ],
        merges,
    }
}

/// An implementation table: one header row with a merged 合计 row directly under it,
/// 项目地点 (one village, two villages, the county), 时间进度 as a period or
/// as prose, 实施期限(月), and only 受益户数 among the beneficiaries; the
/// fund (衔接资金, no level) named by the title.
pub fn implementation() -> Ledger {
    Ledger {
        rows: vec![
            vec!["青岭县2023年衔接资金项目实施进度表", "", "", "", "", "", "", "", "", "", ""],
            vec![
                "序号",
                "项目名称",
                "项目类别",
                "项目地点",
                "建设内容",
                "资金规模（万元）",
                "时间进度",
                "实施期限(月)",
                "受益户数",
                "实施单位",
                "备注",
            ],
            vec!["合计", "3个", "", "", "", "95.5", "", "", "476", "", ""],
            vec![
                "1",
                "青岭县红水乡柳树村2023年食用菌大棚项目",
                "产业发展",
                "红水乡柳树村",
                "新建食用菌大棚10个",
                "45.5",
                "2023年4月-2023年9月",
                "6",
                "56户",
                "柳树村股份经济合作社",
                "已完工",
            ],
            vec![
                "2",
                "青岭县云雾镇高坡村、上坝村2023年饮水安全巩固提升项目",
                "乡村建设行动",
                "云雾镇高坡村、上坝村",
                "新建蓄水池2口，铺设管网3公里",
                "30",
                "2023年",
                "",
                "120",
                "云雾镇人民政府",
                "",
            ],
            vec![
                "3",
                "青岭县2023年脱贫户小额信贷贴息项目",
                "产业发展",
                "青岭县",
                "对脱贫户小额信贷贴息",
                "20",
                "已完工",
                "6",
                "300",
                "县农业农村局",
                "",
            ],
        ],
        // The title, and "3个" merged over four columns of the 合计 row under the header.
        merges: vec![(0, 0, 0, 10), (2, 1, 2, 4)],
    }
}
