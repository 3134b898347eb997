//! The description of the front matter of cases (`content/cases/<id>.md`) and pages (`content/pages/<id>.md`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema};

use super::values::{Date, Id, Int, Text, Year};

/// 典型案例的 front matter（content/cases/<id>.md）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Case {
    /// 案例编号，与文件名一致
    id: Id,
    /// 标题
    title: Text,
    /// 所属县编号
    county: Id,
    /// 乡镇编号
    township: Option<Id>,
    /// 产业
    industry: Text,
    /// 模式分类，如：产业脱贫
    mode: Option<Text>,
    /// 年度
    year: Year,
    /// 批次，如：2024年第一批
    batch: Option<Text>,
    /// 产业顾问组编号
    advisory_group: Option<Id>,
    /// 相关项目编号
    related_projects: Option<Vec<Id>>,
    /// 成效，至少一项
    #[schemars(length(min = 1))]
    results: Vec<CaseResult>,
    /// 图片（放在 content/static/ 下）
    images: Option<Vec<Image>>,
    /// 来源单位
    source: Text,
    /// 发布日期
    published_on: Date,
}

/// 成效：写 value，或同时写 before 和 after
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = value_or_before_after)]
pub(super) struct CaseResult {
    /// 指标
    indicator: Text,
    /// 数值
    value: Option<Text>,
    /// 实施前
    before: Option<Text>,
    /// 实施后
    after: Option<Text>,
    /// 单位
    unit: Text,
}

/// 图片
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Image {
    /// 文件路径（相对 content/static/），如 images/tea-1.jpg
    file: Text,
    /// 替代文字：图片内容的文字说明
    alt: Text,
    /// 图片来源
    credit: Option<Text>,
}

/// 页面的 front matter（content/pages/<id>.md）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Page {
    /// 页面编号，与文件名一致
    id: Id,
    /// 标题
    title: Text,
    /// 在页面列表中的顺序
    order: Option<Int>,
    /// 发布日期
    published_on: Option<Date>,
}

/// A result has `value`, or both `before` and `after`.
fn value_or_before_after(schema: &mut Schema) {
    schema.insert("anyOf".into(), serde_json::json!([{"required": ["value"]}, {"required": ["before", "after"]}]));
}
