//! Description types: one Rust struct per mapping of `spec/content.md`, whose
//! doc comments become the Chinese `description`s of the JSON Schema.
//!
//! These types are never constructed: they exist only to be described by
//! schemars. A field that is not an `Option` is required; `length(min = 1)`
//! marks a required list (an empty list counts as absent). Rules that depend on
//! another key (a bridging fund's `level`, a need's `group` …) are added by the
//! `transform` functions at the bottom. The drift tests in `tests/it/schema.rs`
//! keep these types and the loader in `src/load/` in step.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::{Adcode, Bool, Count, Date, GovBadge, Id, Int, Kw, Money, Month, MonthDay, Text, Url, WebLink, Year};
use crate::domain::county::{LiaisonLevel, NeedStatus};
use crate::domain::group::{MeetingMode, MemberSource, PlanKind, Role};
use crate::domain::project::{
    Channel, ConstructionNature, EventType, Finding, FundLevel, FundingSource, NoticeLevel, Origin,
};
use crate::domain::site::{ConsultationRule, Counting};

/// 站点设置（content/site.yaml）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Site {
    /// 网站名称，如：青岭县乡村振兴项目公开平台
    title: Text,
    /// 网站地址：以 http:// 或 https:// 开头、以 / 结尾的完整地址
    base_url: Url,
    /// 网页语言，默认 zh-CN
    language: Option<Text>,
    /// 可选：单县网站写该县编号，首页即为该县门户
    county: Option<Id>,
    /// 列表每页条数，默认 20
    #[schemars(range(min = 1))]
    page_size: Option<Count>,
    /// 主题名称（themes/ 下的文件夹），默认使用内置主题
    theme: Option<Id>,
    /// 页面底部功能区（主办单位、网站标识码、备案号等）
    portal: Portal,
    /// 监督举报电话，须包含 12317
    #[schemars(length(min = 1))]
    supervision_phones: Vec<Phone>,
    /// 规则设置（均可选，省略时用默认值）
    rules: Option<Rules>,
}

/// 页头与页面底部功能区（政府名称、主办单位、网站标识码、备案号等）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Portal {
    /// 页头显示的政府名称，如：青岭县人民政府；省略时单县网站用“县名＋人民政府”
    government: Option<Text>,
    /// 县政府门户网站首页地址（页头政府名称链接到此），以 http:// 或 https:// 开头
    home_url: Option<WebLink>,
    /// 页头的政府标志图片：content/static/ 下的路径，如 images/logo.png
    logo: Option<Text>,
    /// 主办单位
    sponsor: Text,
    /// 承办单位
    organizer: Option<Text>,
    /// 联系方式
    contact: Option<Contact>,
    /// 网站标识码（加引号）
    site_code: Text,
    /// ICP 备案号
    icp_filing: Text,
    /// 公安备案号
    psb_filing: Option<Text>,
    /// 党政机关网站标识：false 不显示；获发的标识图片在 content/static/ 下的路径；true 用主题中的 gov-badge.svg（内置主题只有占位图，会提示 gov-badge-placeholder）
    gov_badge: Option<GovBadge>,
    /// “我为政府网站找错”链接（页面上自动加 ?sitecode=网站标识码）
    jiucuo_url: Option<WebLink>,
}

/// 联系方式
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Contact {
    /// 地址
    address: Option<Text>,
    /// 电话（加引号）
    phone: Option<Text>,
    /// 电子邮箱
    email: Option<Text>,
}

/// 监督举报电话
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Phone {
    /// 号码（加引号），如 "12317"
    number: Text,
    /// 说明，如：农业农村部监督举报电话
    label: Text,
}

/// 规则设置
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Rules {
    /// 公示最少天数，默认 10
    notice_min_days: Option<Count>,
    /// 公示天数计算方法，默认 civil
    counting: Option<Kw<Counting>>,
    /// 会商频次规则，默认 half_year
    consultation: Option<Kw<ConsultationRule>>,
    /// 工作计划截止月-日（加引号），默认 "03-31"
    plan_due: Option<MonthDay>,
    /// 工作总结受理起止月-日，如 ["11-15", "01-31"]
    #[schemars(length(min = 2, max = 2))]
    summary_window: Option<Vec<MonthDay>>,
    /// 项目管理费占衔接资金的最高百分比，默认 1
    management_fee_max_percent: Option<Money>,
}

/// 项目类型表（content/project_types.yaml）中的一类
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct ProjectType {
    /// 类型键（用作网址），如 industry
    key: Id,
    /// 类型名称，如：产业发展
    name: Text,
    /// 可选：子类型名称列表
    sub_types: Option<Vec<Text>>,
}

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
    /// 乡镇
    #[schemars(length(min = 1))]
    townships: Vec<Township>,
}

/// 召集人任期：一任或多任
#[derive(JsonSchema)]
#[schemars(untagged)]
enum Convener {
    One(Term),
    Many(#[schemars(length(min = 1))] Vec<Term>),
}

/// 召集人任期
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Term {
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
struct Liaison {
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
struct Pairing {
    /// 结对地区，如：广东省广州市某区
    partner: Text,
    /// 结对起始年份
    since: Year,
}

/// 产业发展需求
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = need_group)]
struct Need {
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
struct Township {
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
struct Village {
    /// 村编号
    id: Id,
    /// 村名
    name: Text,
    /// 村固定公开栏
    board: Text,
}

/// 项目（content/projects/**/*.yaml）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = location_unless_county)]
pub(super) struct Project {
    /// 项目编号：永久不变，是网页地址和二维码中的编号，如 QL-2026-0007
    id: Id,
    /// 项目名称
    name: Text,
    /// 所属县编号
    county: Id,
    /// 项目库年度
    year: Year,
    /// 项目类型键（见项目类型表），如 industry
    #[schemars(rename = "type")]
    project_type: Text,
    /// 项目子类型
    sub_type: Option<Text>,
    /// 建设性质
    construction_nature: Kw<ConstructionNature>,
    /// 谁提出，默认 village（须村级、乡镇级公示）
    origin: Option<Kw<Origin>>,
    /// 实施地点（origin 为 county 时可省略）
    location: Option<Location>,
    /// 建设内容及规模
    content: Text,
    /// 实施期限（年-月）
    implementation_period: MonthPeriod,
    /// 实施主体
    implementer: Text,
    /// 责任单位
    responsible_unit: Text,
    /// 责任人
    responsible_person: Text,
    /// 资金（万元）
    funding: Funding,
    /// 受益对象
    beneficiaries: Beneficiaries,
    /// 联农带农机制
    linkage_mechanism: Text,
    /// 绩效目标
    #[schemars(length(min = 1))]
    performance_targets: Vec<Target>,
    /// 服务本项目的产业顾问组编号
    advisory_group: Option<Id>,
    /// 公示，顺序不限
    notices: Option<Vec<Notice>>,
    /// 县级审定（批复）
    approval: Option<Approval>,
    /// 入库日期，默认为批复日期
    warehoused_on: Option<Date>,
    /// 入库后的进展，顺序不限
    events: Option<Vec<Event>>,
}

/// 实施地点
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Location {
    /// 乡镇编号
    township: Id,
    /// 行政村编号
    villages: Option<Vec<Id>>,
}

/// 实施期限
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct MonthPeriod {
    /// 开始月份
    from: Month,
    /// 结束月份
    to: Month,
}

/// 资金
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Funding {
    /// 总投资（万元），等于各来源之和
    total: Money,
    /// 资金来源
    #[schemars(length(min = 1))]
    sources: Vec<FundingLine>,
}

/// 一项资金来源
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = level_only_for_bridging_fund)]
struct FundingLine {
    /// 来源
    source: Kw<FundingSource>,
    /// 衔接资金级次（仅 bridging_fund 填写，且必填）
    level: Option<Kw<FundLevel>>,
    /// 金额（万元）
    amount: Money,
}

/// 受益对象
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Beneficiaries {
    /// 带动脱贫户数（户）
    households_lifted: Count,
    /// 带动脱贫人口数（人）
    persons_lifted: Count,
    /// 带动监测对象户数（户）
    households_monitored: Count,
}

/// 绩效目标
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Target {
    /// 指标
    indicator: Text,
    /// 目标值
    value: Text,
    /// 单位
    unit: Text,
}

/// 公示
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Notice {
    /// 公示级别
    level: Kw<NoticeLevel>,
    /// 公示单位
    issuer: Text,
    /// 公示地点（固定公开栏），可多个
    #[schemars(length(min = 1))]
    boards: Vec<Text>,
    /// 张贴日期
    start: Date,
    /// 结束日期
    end: Date,
    /// 异议（不得含异议人个人信息）
    objections: Option<Vec<Objection>>,
}

/// 异议
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = response_with_finding)]
struct Objection {
    /// 收到日期
    received_on: Date,
    /// 渠道
    channel: Kw<Channel>,
    /// 异议内容摘要
    summary: Text,
    /// 核实结论
    finding: Option<Kw<Finding>>,
    /// 答复内容（写了 finding 时必填）
    response: Option<Text>,
    /// 答复（或撤回）日期
    responded_on: Option<Date>,
}

/// 批复
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Approval {
    /// 审定单位
    by: Text,
    /// 文号
    doc_no: Text,
    /// 批复日期
    date: Date,
}

/// 进展
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Event {
    /// 进展类型
    #[schemars(rename = "type")]
    event_type: Kw<EventType>,
    /// 日期
    date: Date,
    /// 依据文件
    #[schemars(rename = "ref")]
    reference: Option<Text>,
}

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
struct Certification {
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
struct Member {
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
struct Agreement {
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
struct Consultation {
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
struct Visit {
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
struct Remote {
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
struct Plan {
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
struct Evaluation {
    /// 年度
    year: Year,
    /// 评价单位
    by: Text,
    /// 评价结果，如：优秀
    result: Text,
}

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
struct CaseResult {
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
struct Image {
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

/// Adds `then` (or `else`) requirements under an `if`.
fn conditional(schema: &mut Schema, condition: serde_json::Value, then: Option<Schema>, otherwise: Option<Schema>) {
    schema.insert("if".into(), condition);
    if let Some(t) = then {
        schema.insert("then".into(), t.into());
    }
    if let Some(e) = otherwise {
        schema.insert("else".into(), e.into());
    }
}

/// `level` is required for 衔接资金 and not allowed on any other source.
fn level_only_for_bridging_fund(schema: &mut Schema) {
    let condition = serde_json::json!({"properties": {"source": {"const": "bridging_fund"}}, "required": ["source"]});
    let then = json_schema!({"required": ["level"]});
    let otherwise = json_schema!({"not": {"required": ["level"]}});
    conditional(schema, condition, Some(then), Some(otherwise));
}

/// A need's `group` is optional only while `status: open`.
fn need_group(schema: &mut Schema) {
    let condition =
        serde_json::json!({"properties": {"status": {"enum": ["matched", "resolved"]}}, "required": ["status"]});
    conditional(schema, condition, Some(json_schema!({"required": ["group"]})), None);
}

/// `location` may be omitted only for `origin: county`.
fn location_unless_county(schema: &mut Schema) {
    let condition = serde_json::json!({"properties": {"origin": {"const": "county"}}, "required": ["origin"]});
    conditional(schema, condition, None, Some(json_schema!({"required": ["location"]})));
}

/// Once `finding` is set, `response` is required.
fn response_with_finding(schema: &mut Schema) {
    conditional(
        schema,
        serde_json::json!({"required": ["finding"]}),
        Some(json_schema!({"required": ["response"]})),
        None,
    );
}

/// A result has `value`, or both `before` and `after`.
fn value_or_before_after(schema: &mut Schema) {
    schema.insert("anyOf".into(), serde_json::json!([{"required": ["value"]}, {"required": ["before", "after"]}]));
}
