//! The description of a county (`content/counties/<id>.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::conditional;
use super::values::{Adcode, Bool, Date, Id, Kw, Text, Year};
use crate::domain::county::{LiaisonLevel, NeedStatus};

/// 县（content/counties/<id>.yaml）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct County {
    /// 县编号，与文件名一致
    id: Id,
    /// 县名，如：青岭县
    name: Text,
    /// 6 位行政区划代码（加引号），如 "522799"
    adcode: Adcode,
    /// 所属省份
    province: Text,
    /// 所属市（州）
    prefecture: Text,
    /// 是否国家乡村振兴重点帮扶县
    is_key_assistance_county: Bool,
    /// 发布项目库公告的单位，如：青岭县农业农村局
    authority: Text,
    /// 审定项目的领导小组
    leading_group: Text,
    /// 召集人：一任写成映射，有历任时写成列表
    convener: Convener,
    /// 联络员：省、市（州）、县级各一名在任
    #[schemars(length(min = 1))]
    liaisons: Vec<Liaison>,
    /// 东西部协作结对（未结对则省略）
    east_west_pairing: Option<Pairing>,
    /// 产业发展需求清单
    needs: Option<Vec<Need>>,
    /// 乡镇（只有县级项目清单时可省略；项目的地点这时写 place）
    #[schemars(length(min = 1))]
    townships: Option<Vec<Township>>,
}

/// 召集人任期：一任或多任
#[derive(JsonSchema)]
#[schemars(untagged)]
pub(super) enum Convener {
    One(Term),
    Many(#[schemars(length(min = 1))] Vec<Term>),
}

/// 召集人任期
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Term {
    /// 姓名
    name: Text,
    /// 职务，如：县委副书记
    post: Text,
    /// 任职开始日期
    from: Date,
    /// 任职结束日期（在任则省略）
    to: Option<Date>,
}

/// 联络员
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Liaison {
    /// 级别
    level: Kw<LiaisonLevel>,
    /// 姓名
    name: Text,
    /// 单位
    org: Text,
    /// 开始日期
    from: Date,
    /// 结束日期（在任则省略）
    to: Option<Date>,
}

/// 东西部协作结对
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Pairing {
    /// 结对地区，如：广东省广州市某区
    partner: Text,
    /// 结对起始年份
    since: Year,
}

/// 产业发展需求
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = need_group)]
pub(super) struct Need {
    /// 需求编号（县内唯一）
    id: Id,
    /// 产业，如：茶叶
    industry: Text,
    /// 需求内容
    need: Text,
    /// 提出日期
    submitted_on: Date,
    /// 状态
    status: Kw<NeedStatus>,
    /// 承接的产业顾问组编号（已对接、已解决时必填）
    group: Option<Id>,
}

/// 乡镇
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Township {
    /// 乡镇编号
    id: Id,
    /// 乡镇名称
    name: Text,
    /// 乡镇固定公开栏
    board: Text,
    /// 行政村
    #[schemars(length(min = 1))]
    villages: Vec<Village>,
}

/// 行政村
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Village {
    /// 村编号
    id: Id,
    /// 村名
    name: Text,
    /// 村固定公开栏
    board: Text,
}

/// A need's `group` is optional only while `status: open`.
fn need_group(schema: &mut Schema) {
    let condition =
        serde_json::json!({"properties": {"status": {"enum": ["matched", "resolved"]}}, "required": ["status"]});
    conditional(schema, condition, Some(json_schema!({"required": ["group"]})), None);
}
