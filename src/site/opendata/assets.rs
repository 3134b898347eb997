//! 开放数据 of the 帮扶项目资产: `assets.csv` (for Excel: names, not codes)
//! and `assets.json` (codes with their names beside them), one record per
//! asset of the ledger, as of the build day like the ledger page
//! (`site::asset`): 未移交 until the hand-over day, no income of a later
//! year, no disposal before its date.
//!
//! [`asset_columns`] is the one list of the CSV's columns: the render stage
//! writes the file from it and `/data/` lists it.

use serde::Serialize;

use super::{Column, DATE, Field, WAN, excel_letter, wan_cell};
use crate::domain::{Asset, Keyword, Money};
use crate::site::Model;

/// Site path of the asset table (CSV, UTF-8 with BOM).
pub const ASSETS_CSV: &str = "data/assets.csv";
/// Site path of the assets as JSON.
pub const ASSETS_JSON: &str = "data/assets.json";

/// The data files of the assets, for `/data/`.
pub(super) fn files() -> Vec<super::DataFile> {
    vec![
        super::DataFile {
            url: ASSETS_CSV,
            name: "assets.csv",
            format: "CSV（UTF-8，带 BOM）",
            description: "资产台账：每项资产一行，含类别、价值、确权、管护、移交、收益和处置；各列见下表",
        },
        super::DataFile {
            url: ASSETS_JSON,
            name: "assets.json",
            format: "JSON",
            description: "帮扶项目资产：代码（如 county、project、class）与名称并列，收益按年度列出",
        },
    ]
}

/// One asset as `assets.json` lists it (and `assets.csv` reads it).
#[derive(Debug, Clone, Serialize)]
pub struct AssetRecord<'a> {
    id: &'a str,
    name: &'a str,
    county: &'a str,
    county_name: &'a str,
    township: Option<&'a str>,
    township_name: Option<&'a str>,
    villages: Vec<&'a str>,
    village_names: Vec<&'a str>,
    project: &'a str,
    project_name: &'a str,
    class: &'static str,
    class_label: &'static str,
    value_wan: Money,
    formed_on: Option<String>,
    owner: &'a str,
    keeper: &'a str,
    /// `None`: not handed over on the build day (未移交).
    handed_over_on: Option<String>,
    handover_doc: Option<&'a str>,
    income: Vec<IncomeRecord<'a>>,
    disposal: Option<DisposalRecord<'a>>,
}

#[derive(Debug, Clone, Serialize)]
struct IncomeRecord<'a> {
    year: i32,
    amount_wan: Money,
    sharing: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
struct DisposalRecord<'a> {
    date: String,
    way: &'a str,
    reason: &'a str,
    doc_no: Option<&'a str>,
}

/// Every asset of the ledger, by id.
pub(crate) fn records<'a>(m: &Model<'a>) -> Vec<AssetRecord<'a>> {
    let content = m.content;
    let mut assets: Vec<&Asset> = content.counties.iter().flat_map(|c| m.assets.of_county(&c.id)).copied().collect();
    assets.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    assets.into_iter().map(|a| record(m, a)).collect()
}

fn record<'a>(m: &Model<'a>, a: &'a Asset) -> AssetRecord<'a> {
    let content = m.content;
    let iso = |d: chrono::NaiveDate| crate::domain::date::iso(d);
    let county = content.county(&a.county);
    let project = content.project(&a.project);
    let location = a.location.as_ref().or_else(|| project.and_then(|p| p.location.as_ref()));
    let township_id = location.map(|l| l.township.value.as_str());
    let township = county.zip(township_id).and_then(|(c, t)| c.township(t));
    let villages: Vec<&str> = location.iter().flat_map(|l| &l.villages).map(|v| v.value.as_str()).collect();
    let village_names =
        villages.iter().map(|v| township.and_then(|t| t.village(v)).map_or(*v, |v| v.name.as_str())).collect();
    let handed = a.is_handed_over(m.today);
    AssetRecord {
        id: &a.id,
        name: &a.name,
        county: &a.county,
        county_name: county.map_or(a.county.as_str(), |c| c.name.as_str()),
        township: township_id,
        township_name: township.map(|t| t.name.as_str()).or(township_id),
        villages,
        village_names,
        project: &a.project,
        project_name: project.map_or(a.project.as_str(), |p| p.name.as_str()),
        class: a.class.key(),
        class_label: a.class.label(),
        value_wan: *a.value,
        formed_on: a.formed_on.as_ref().map(|d| iso(**d)),
        owner: &a.owner,
        keeper: &a.keeper,
        handed_over_on: a.handed_over_on.as_ref().filter(|_| handed).map(|d| iso(**d)),
        handover_doc: a.handover_doc.as_deref().filter(|_| handed),
        income: a
            .income_as_of(m.today)
            .into_iter()
            .map(|i| IncomeRecord { year: *i.year, amount_wan: i.amount, sharing: i.sharing.as_deref() })
            .collect(),
        disposal: a.disposal_as_of(m.today).map(|d| DisposalRecord {
            date: iso(*d.date),
            way: &d.way,
            reason: &d.reason,
            doc_no: d.doc_no.as_deref(),
        }),
    }
}

/// Every column of `assets.csv`, in file order.
pub fn asset_columns() -> Vec<Column> {
    use AssetField as F;
    let list: [(&str, &str, &'static str, AssetField); 19] = [
        ("资产编号", "资产的永久编号", "", F::Id),
        ("资产名称", "资产名称", "", F::Name),
        ("县", "资产所在县（名称）", "", F::County),
        ("乡镇", "资产所在乡镇（名称），未另写时为形成项目的实施地点", "", F::Township),
        ("村", "资产所在行政村（名称），多个村以顿号“、”分隔", "", F::Villages),
        ("项目编号", "形成该资产的项目编号，与 projects.csv 的项目编号相同", "", F::Project),
        ("项目名称", "形成该资产的项目名称", "", F::ProjectName),
        ("资产类别", "经营性、公益性或到户类", "", F::Class),
        ("资产价值（万元）", "资产价值；同一项目的资产价值合计不超过项目资金总额", WAN, F::Value),
        ("形成日期", "资产形成（竣工或验收）的日期", DATE, F::FormedOn),
        ("产权归属", "资产确权给谁（产权所有者）", "", F::Owner),
        ("管护主体", "负责资产日常管护的单位或个人", "", F::Keeper),
        ("移交日期", "资产确权移交的日期；数据生成日尚未移交的为空", DATE, F::HandedOverOn),
        ("移交文件", "移交文件的文号或名称", "", F::HandoverDoc),
        (
            "收益合计（万元）",
            "截至数据生成日各年度登记的资产收益之和；仅经营性资产有收益，无收益的为空",
            WAN,
            F::IncomeTotal,
        ),
        ("收益及分配", "每年度为“年度：金额万元（分配方式）”，多个年度以分号“；”分隔", "", F::Income),
        ("处置日期", "资产处置（报废、拍卖、转让等）的日期；未处置的为空", DATE, F::DisposedOn),
        ("处置方式", "处置方式及原因", "", F::Disposal),
        ("处置文号", "处置文件的文号", "", F::DisposalDoc),
    ];
    list.into_iter()
        .enumerate()
        .map(|(i, (header, meaning, unit, field))| Column {
            header: header.to_owned(),
            letter: excel_letter(i),
            meaning: meaning.to_owned(),
            unit,
            field: Field::Asset(field),
        })
        .collect()
}

/// Where a column of `assets.csv` comes from.
#[derive(Debug, Clone, Copy)]
pub(super) enum AssetField {
    Id,
    Name,
    County,
    Township,
    Villages,
    Project,
    ProjectName,
    Class,
    Value,
    FormedOn,
    Owner,
    Keeper,
    HandedOverOn,
    HandoverDoc,
    IncomeTotal,
    Income,
    DisposedOn,
    Disposal,
    DisposalDoc,
}

impl Column {
    /// This column's cell for one asset (a column of `assets.csv` only;
    /// empty for a project column).
    pub fn asset_cell(&self, r: &AssetRecord<'_>) -> String {
        let Field::Asset(field) = self.field else { return String::new() };
        let text = |s: Option<&str>| s.unwrap_or_default().to_owned();
        match field {
            AssetField::Id => r.id.to_owned(),
            AssetField::Name => r.name.to_owned(),
            AssetField::County => r.county_name.to_owned(),
            AssetField::Township => text(r.township_name),
            AssetField::Villages => r.village_names.join("、"),
            AssetField::Project => r.project.to_owned(),
            AssetField::ProjectName => r.project_name.to_owned(),
            AssetField::Class => r.class_label.to_owned(),
            AssetField::Value => wan_cell(r.value_wan),
            AssetField::FormedOn => r.formed_on.clone().unwrap_or_default(),
            AssetField::Owner => r.owner.to_owned(),
            AssetField::Keeper => r.keeper.to_owned(),
            AssetField::HandedOverOn => r.handed_over_on.clone().unwrap_or_default(),
            AssetField::HandoverDoc => text(r.handover_doc),
            AssetField::IncomeTotal if r.income.is_empty() => String::new(),
            AssetField::IncomeTotal => wan_cell(r.income.iter().map(|i| i.amount_wan).sum()),
            AssetField::Income => r
                .income
                .iter()
                .map(|i| {
                    let sharing = i.sharing.map(|s| format!("（{s}）")).unwrap_or_default();
                    format!("{}年：{}万元{sharing}", i.year, wan_cell(i.amount_wan))
                })
                .collect::<Vec<_>>()
                .join("；"),
            AssetField::DisposedOn => r.disposal.as_ref().map(|d| d.date.clone()).unwrap_or_default(),
            AssetField::Disposal => r.disposal.as_ref().map(|d| format!("{}：{}", d.way, d.reason)).unwrap_or_default(),
            AssetField::DisposalDoc => r.disposal.as_ref().and_then(|d| d.doc_no).unwrap_or_default().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_headers_are_unique() {
        let mut headers: Vec<String> = asset_columns().into_iter().map(|c| c.header).collect();
        let n = headers.len();
        headers.sort();
        headers.dedup();
        assert_eq!(headers.len(), n);
    }
}
