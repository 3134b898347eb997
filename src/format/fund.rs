//! The description of a 资金批次 (`content/funds/**/*.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::conditional;
use super::values::{Date, Id, Kw, Money, Text, Year};
use crate::domain::project::{FundLevel, FundingSource};

/// 资金批次（content/funds/**/*.yaml）：一份上级资金下达文件及其分配到项目的金额
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = level_only_for_bridging_fund)]
pub(super) struct Fund {
    /// 批次编号：永久不变，如 QL-2025-ZJ1
    id: Id,
    /// 所属县编号
    county: Id,
    /// 资金年度（所支持的项目库、年度计划年度）
    year: Year,
    /// 资金来源（与项目 funding.sources 的 source 相同）
    #[schemars(example = &"bridging_fund")]
    fund: Kw<FundingSource>,
    /// 衔接资金级次（仅 bridging_fund 填写）
    level: Option<Kw<FundLevel>>,
    /// 资金名称，省略时为“某年某级财政衔接推进乡村振兴补助资金”
    name: Option<Text>,
    /// 下达文件文号，按原样印出，如 黔财农〔2024〕120号
    doc_no: Text,
    /// 下达单位，如 贵州省财政厅
    issued_by: Text,
    /// 下达日期（分配期限由此起算）
    date: Date,
    /// 资金规模（万元），等于分配到各项目的金额之和
    total: Money,
    /// 分配到项目的金额
    #[schemars(length(min = 1))]
    allocations: Vec<Allocation>,
}

/// 分配到一个项目的资金
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Allocation {
    /// 项目编号
    project: Id,
    /// 金额（万元）
    amount: Money,
}

/// `level` only with 衔接资金, as on a project's funding line.
fn level_only_for_bridging_fund(schema: &mut Schema) {
    let condition = serde_json::json!({"properties": {"fund": {"const": "bridging_fund"}}, "required": ["fund"]});
    conditional(schema, condition, None, Some(json_schema!({"not": {"required": ["level"]}})));
}
