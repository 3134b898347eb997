//! The description of a 项目库公告 (`content/announcements/**/*.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::conditional;
use super::values::{Date, Id, Kw, Text, Year};
use crate::domain::AnnouncementKind;

/// 项目库公告（content/announcements/**/*.yaml）：发布后不再改动的正式文件
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = lists_by_kind)]
pub(super) struct Announcement {
    /// 公告编号：永久不变，是公告网页地址中的编号，如 QL-2026-GG01
    id: Id,
    /// 所属县编号
    county: Id,
    /// 项目库年度
    year: Year,
    /// 公告类型：entry 入库、adjustment 调整、removal 调出
    #[schemars(example = &"adjustment")]
    kind: Kw<AnnouncementKind>,
    /// 标题，省略时为“某县某年度巩固拓展脱贫攻坚成果和乡村振兴项目库…公告”
    title: Option<Text>,
    /// 文号，按原样印出，如 青农领办发〔2026〕3号
    doc_no: Option<Text>,
    /// 发布日期
    date: Date,
    /// 发布机构（落款）
    issuer: Text,
    /// 索引号；省略时按 site.yaml 的 announcements.index_no 生成
    index_no: Option<Text>,
    /// 正文（列表之前的说明文字）
    preamble: Option<Text>,
    /// 按批复文号选取新增入库项目：该县批复文号相同的项目
    approval_doc: Option<Text>,
    /// 新增入库项目编号
    projects: Option<Vec<Id>>,
    /// 调出项目编号（须有 adjusted_out 进展）
    moved_out: Option<Vec<Id>>,
    /// 变更项目编号（须有 changes 记录）
    changed: Option<Vec<Id>>,
    /// 异议截止日期；省略时为发布日期后 rules.objection_working_days 个工作日
    objections_until: Option<Date>,
}

/// An 入库 announcement lists new projects (by id or approval document) and
/// nothing else; a 调出 one lists moved-out projects only; an adjustment
/// lists at least one of the three.
fn lists_by_kind(schema: &mut Schema) {
    let entry = serde_json::json!({"properties": {"kind": {"const": "entry"}}, "required": ["kind"]});
    let then = json_schema!({
        "anyOf": [{"required": ["projects"]}, {"required": ["approval_doc"]}],
        "not": {"anyOf": [{"required": ["moved_out"]}, {"required": ["changed"]}]}
    });
    let removal = json_schema!({
        "if": {"properties": {"kind": {"const": "removal"}}, "required": ["kind"]},
        "then": {
            "required": ["moved_out"],
            "not": {"anyOf": [{"required": ["projects"]}, {"required": ["approval_doc"]}, {"required": ["changed"]}]}
        },
        "else": {"anyOf": [
            {"required": ["projects"]}, {"required": ["approval_doc"]},
            {"required": ["moved_out"]}, {"required": ["changed"]}
        ]}
    });
    conditional(schema, entry, Some(then), Some(removal));
}
