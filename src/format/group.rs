//! The description of an advisory group (`content/groups/<id>.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::JsonSchema;

use super::values::{Date, Id, Kw, Text, Year};
use crate::domain::group::{MeetingMode, MemberSource, PlanKind, Role};

/// 产业顾问组（content/groups/<id>.yaml）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Group {
    /// 顾问组编号，与文件名一致
    id: Id,
    /// 名称
    name: Text,
    /// 所属县编号
    county: Id,
    /// 产业
    industry: Text,
    /// 认定
    certification: Certification,
    /// 成员
    #[schemars(length(min = 1))]
    members: Vec<Member>,
    /// 合作协议
    agreement: Option<Agreement>,
    /// 会商
    consultations: Option<Vec<Consultation>>,
    /// 到岗服务
    service_log: Option<Vec<Visit>>,
    /// 远程指导
    remote_guidance: Option<Vec<Remote>>,
    /// 工作计划和工作总结
    plans: Option<Vec<Plan>>,
    /// 工作评价
    evaluations: Option<Vec<Evaluation>>,
}

/// 认定
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Certification {
    /// 认定单位
    #[schemars(length(min = 1))]
    by: Vec<Text>,
    /// 认定日期
    date: Date,
    /// 认定文件或名单
    #[schemars(rename = "ref")]
    reference: Text,
}

/// 成员
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Member {
    /// 成员编号（组内唯一）
    id: Id,
    /// 姓名
    name: Text,
    /// 派出单位
    institution: Text,
    /// 职称
    title: Text,
    /// 专业领域
    field: Text,
    /// 角色
    role: Kw<Role>,
    /// 来源
    source: Kw<MemberSource>,
    /// 聘书编号
    appointment_letter_no: Text,
    /// 加入日期
    from: Date,
    /// 离开日期
    to: Option<Date>,
    /// 联系方式：只留存，不公开
    contact_private: Option<Text>,
}

/// 合作协议
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Agreement {
    /// 签订日期
    signed_on: Date,
    /// 协议各方
    #[schemars(length(min = 1))]
    parties: Vec<Text>,
    /// 合作重点事项
    #[schemars(length(min = 1))]
    items: Vec<Text>,
}

/// 会商
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Consultation {
    /// 日期
    date: Date,
    /// 方式
    mode: Kw<MeetingMode>,
    /// 议题
    topics: Text,
}

/// 到岗服务（首尾两日均计入）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Visit {
    /// 成员编号
    member: Id,
    /// 开始日期
    from: Date,
    /// 结束日期
    to: Date,
    /// 地点
    place: Text,
    /// 服务内容
    activity: Text,
}

/// 远程指导
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Remote {
    /// 日期
    date: Date,
    /// 成员编号
    #[schemars(length(min = 1))]
    members: Vec<Id>,
    /// 主题
    topic: Text,
}

/// 工作计划或工作总结
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Plan {
    /// 年度
    year: Year,
    /// 种类
    kind: Kw<PlanKind>,
    /// 提交日期
    submitted_on: Date,
}

/// 工作评价
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Evaluation {
    /// 年度
    year: Year,
    /// 评价单位
    by: Text,
    /// 评价结果，如：优秀
    result: Text,
}
