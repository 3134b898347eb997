//! The description of a 帮扶项目资产 (`content/assets/**/*.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::conditional;
use super::project::Location;
use super::values::{Date, Id, Kw, Money, Text, Year};
use crate::domain::AssetClass;

/// 帮扶项目资产（content/assets/**/*.yaml）：一个文件一项资产
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = income_only_if_operating)]
pub(super) struct Asset {
    /// 资产编号：永久不变，如 QL-2025-ZC1
    id: Id,
    /// 所属县编号
    county: Id,
    /// 形成该资产的项目编号
    project: Id,
    /// 资产名称，如：白岩村茶叶初制加工厂房及设备
    name: Text,
    /// 资产类别：operating 经营性、public_welfare 公益性、household 到户类
    #[schemars(example = &"operating")]
    class: Kw<AssetClass>,
    /// 资产价值（万元）
    value: Money,
    /// 形成日期（竣工或验收日期）
    formed_on: Option<Date>,
    /// 资产所在地，省略时为项目的实施地点
    location: Option<Location>,
    /// 产权归属（确权给谁），如：白岩村股份经济合作联合社
    owner: Text,
    /// 管护主体（负责日常管护的单位或个人）
    keeper: Text,
    /// 移交日期；尚未移交的省略
    handed_over_on: Option<Date>,
    /// 移交文件（文号或名称）
    handover_doc: Option<Text>,
    /// 资产收益，按年度（仅经营性资产）
    income: Option<Vec<Income>>,
    /// 资产处置（报废、拍卖、转让等）；不早于移交日期
    disposal: Option<Disposal>,
}

/// Only an operating asset (经营性) earns income; the loader says the same
/// (`load/asset.rs`).
fn income_only_if_operating(schema: &mut Schema) {
    let not_operating =
        serde_json::json!({"properties": {"class": {"not": {"const": "operating"}}}, "required": ["class"]});
    conditional(schema, not_operating, Some(json_schema!({"not": {"required": ["income"]}})), None);
}

/// 一个年度的资产收益
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Income {
    /// 收益年度
    year: Year,
    /// 收益金额（万元）
    amount: Money,
    /// 收益分配（如：收益的60%用于脱贫户和监测户分红，40%用于村级公益事业）
    sharing: Option<Text>,
}

/// 资产处置
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Disposal {
    /// 处置日期
    date: Date,
    /// 处置方式，如：报废、拍卖、转让
    way: Text,
    /// 处置原因
    reason: Text,
    /// 处置文件文号（如有）
    doc_no: Option<Text>,
}
