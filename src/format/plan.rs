//! The description of a 年度计划与资金公告 (`content/plans/**/*.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::values::{Date, Id, Kw, Text, Year};
use crate::domain::PlanKind;

/// 年度计划与资金公告（content/plans/**/*.yaml）：发布后不再改动的正式文件
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = lists_by_kind)]
pub(super) struct Plan {
    /// 公告编号：永久不变，是公告网页地址中的编号，如 QL-2025-JH01
    id: Id,
    /// 所属县编号
    county: Id,
    /// 计划年度
    year: Year,
    /// 公告类型：plan 年度计划、plan_adjustment 年度计划调整、allocation 资金分配结果、completion 年度计划完成情况
    #[schemars(example = &"plan_adjustment")]
    kind: Kw<PlanKind>,
    /// 标题，省略时按类型生成
    title: Option<Text>,
    /// 文号，按原样印出
    doc_no: Option<Text>,
    /// 发布日期
    date: Date,
    /// 发布机构（落款）
    issuer: Text,
    /// 索引号；省略时按 site.yaml 的 announcements.index_no 生成
    index_no: Option<Text>,
    /// 正文（列表之前的说明文字）
    preamble: Option<Text>,
    /// 列入（调入）年度计划的项目编号（plan、plan_adjustment）
    projects: Option<Vec<Id>>,
    /// 调出年度计划的项目编号（plan_adjustment）
    moved_out: Option<Vec<Id>>,
    /// 变更项目编号（plan_adjustment，须有 changes 记录）
    changed: Option<Vec<Id>>,
    /// 分配的资金批次编号（allocation）
    batches: Option<Vec<Id>>,
    /// 异议截止日期；省略时为发布日期后 rules.objection_working_days 个工作日
    objections_until: Option<Date>,
}

/// A plan lists `projects`; an adjustment at least one of its three lists;
/// an allocation result its `batches`; a completion report none.
fn lists_by_kind(schema: &mut Schema) {
    let kind = |k: &str| serde_json::json!({"properties": {"kind": {"const": k}}, "required": ["kind"]});
    let none_but = |keys: &[&str]| {
        let other: Vec<serde_json::Value> = ["projects", "moved_out", "changed", "batches"]
            .iter()
            .filter(|k| !keys.contains(k))
            .map(|k| serde_json::json!({"required": [k]}))
            .collect();
        serde_json::json!({"not": {"anyOf": other}})
    };
    let rules = json_schema!({"allOf": [
        {"if": kind("plan"), "then": {"required": ["projects"], "allOf": [none_but(&["projects"])]}},
        {"if": kind("plan_adjustment"), "then": {
            "anyOf": [{"required": ["projects"]}, {"required": ["moved_out"]}, {"required": ["changed"]}],
            "allOf": [none_but(&["projects", "moved_out", "changed"])]
        }},
        {"if": kind("allocation"), "then": {"required": ["batches"], "allOf": [none_but(&["batches"])]}},
        {"if": kind("completion"), "then": none_but(&[])}
    ]});
    if let Some(all) = rules.get("allOf") {
        schema.insert("allOf".into(), all.clone());
    }
}
