//! The description of a project (`content/projects/**/*.yaml`).

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::{JsonSchema, Schema, json_schema};

use super::conditional;
use super::values::{Bool, Count, Date, Id, Kw, Money, Month, Text, Year};
use crate::domain::project::{
    AcceptanceResult, Channel, ConstructionNature, EventType, Finding, FundLevel, FundingSource, NotGiven, NoticeLevel,
    Origin, PhotoStage, TargetCategory,
};

/// 项目（content/projects/**/*.yaml）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = location_unless_county, transform = required_unless_not_given)]
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
    /// 建设性质（台账未公布时省略，并列入 not_given）
    construction_nature: Option<Kw<ConstructionNature>>,
    /// 谁提出，默认 village（须村级、乡镇级公示）
    origin: Option<Kw<Origin>>,
    /// 实施地点（origin 为 county、写了 place 或列入 not_given 时可省略）
    location: Option<Location>,
    /// 实施地点（原文）：台账写的地点与县文件中的乡镇、村对不上时照录，如“红水乡柳树村”
    place: Option<Text>,
    /// 建设内容及规模（台账未公布时省略，并列入 not_given）
    content: Option<Text>,
    /// 实施期限（年-月）（台账未公布时省略，并列入 not_given）
    implementation_period: Option<MonthPeriod>,
    /// 实施主体（台账未公布时省略，并列入 not_given）
    implementer: Option<Text>,
    /// 责任单位（台账未公布时省略，并列入 not_given）
    responsible_unit: Option<Text>,
    /// 责任人（台账未公布时省略，并列入 not_given）
    responsible_person: Option<Text>,
    /// 资金（万元）
    funding: Funding,
    /// 受益对象（三项户数、人数都未公布时可省略）
    beneficiaries: Option<Beneficiaries>,
    /// 联农带农机制（台账未公布时省略，并列入 not_given）
    linkage_mechanism: Option<Text>,
    /// 绩效目标：指标（指标、目标值、单位）或一句话目标（台账未公布时省略，并列入 not_given）
    #[schemars(length(min = 1))]
    performance_targets: Option<Vec<TargetItem>>,
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
    /// 撤回（批复前由申报村或乡镇撤回）
    withdrawn: Option<Closure>,
    /// 未通过（县级审定未通过）
    rejected: Option<Closure>,
    /// 入库后的变更，顺序不限
    changes: Option<Vec<Change>>,
    /// 资金支付（报账支付）记录，合计不超过总投资
    payments: Option<Vec<Payment>>,
    /// 未公布：来源台账没有给出的项（这些项不写，网页显示“未公布”，check 提示补录）
    #[schemars(example = Vec::<String>::new())]
    not_given: Option<Vec<Kw<NotGiven>>>,
    /// 竣工验收：日期须与 accepted 进展的日期相同
    acceptance: Option<Acceptance>,
    /// 项目公示牌（施工现场）：开工前设立
    site_sign: Option<SiteSign>,
    /// 竣工公告（村公开栏）：验收后张贴
    completion_notice: Option<CompletionNotice>,
    /// 是否形成资产，默认 true；不形成资产的项目（教育补助、公益性岗位、项目管理费等）写 false，不再检查资产确权移交
    forms_assets: Option<Bool>,
}

/// 竣工验收
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Acceptance {
    /// 验收日期
    date: Date,
    /// 验收单位
    by: Text,
    /// 验收结论：passed 验收合格、failed 验收不合格
    result: Kw<AcceptanceResult>,
    /// 验收意见
    summary: Option<Text>,
    /// 文号
    doc_no: Option<Text>,
}

/// 项目公示牌
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct SiteSign {
    /// 设立日期
    posted_on: Date,
    /// 设立地点，如：白岩村茶叶加工厂施工现场入口
    place: Text,
    /// 现场照片
    photos: Option<Vec<Photo>>,
}

/// 竣工公告
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct CompletionNotice {
    /// 发布单位
    issuer: Text,
    /// 公示地点（固定公开栏），可多个
    #[schemars(length(min = 1))]
    boards: Vec<Text>,
    /// 张贴日期
    start: Date,
    /// 结束日期
    end: Date,
    /// 现场照片
    photos: Option<Vec<Photo>>,
}

/// 现场照片
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Photo {
    /// 照片文件：content/static/ 下的路径，如 images/baiyan-before.jpg
    file: Text,
    /// 照片描述（供读屏软件朗读），如：白岩村茶叶加工厂房施工前场地
    alt: Text,
    /// 阶段：before 实施前、during 实施中、after 实施后
    stage: Kw<PhotoStage>,
    /// 拍摄日期
    taken_on: Option<Date>,
}

/// 撤回或未通过
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Closure {
    /// 日期
    date: Date,
    /// 决定单位：撤回的村、乡镇，或审定的单位
    by: Text,
    /// 原因
    reason: Text,
    /// 文号（如有）
    doc_no: Option<Text>,
}

/// 变更
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Change {
    /// 变更日期（批复日期）
    date: Date,
    /// 变更批复文号
    doc_no: Text,
    /// 变更内容（用文字说明改了什么）
    summary: Text,
    /// 变更前的值（至少一项）；项目的其他键写变更后的值
    previous: Previous,
}

/// 变更前的值
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Previous {
    /// 变更前的资金
    funding: Option<Funding>,
    /// 变更前的建设内容及规模
    content: Option<Text>,
    /// 变更前的实施地点
    location: Option<Location>,
    /// 变更前的实施主体
    implementer: Option<Text>,
}

/// 实施地点
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Location {
    /// 乡镇编号
    township: Id,
    /// 行政村编号
    villages: Option<Vec<Id>>,
}

/// 实施期限
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct MonthPeriod {
    /// 开始月份
    from: Month,
    /// 结束月份
    to: Month,
}

/// 资金
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Funding {
    /// 总投资（万元），等于各来源之和
    total: Money,
    /// 资金来源
    #[schemars(length(min = 1))]
    sources: Vec<FundingLine>,
}

/// 一项资金来源
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = level_only_for_bridging_fund)]
pub(super) struct FundingLine {
    /// 来源
    source: Kw<FundingSource>,
    /// 衔接资金级次（仅 bridging_fund 填写；台账未公布级次时省略）
    level: Option<Kw<FundLevel>>,
    /// 金额（万元）
    amount: Money,
}

/// 受益对象（未公布的项省略，并列入项目的 not_given）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Beneficiaries {
    /// 带动脱贫户数（户）
    households_lifted: Option<Count>,
    /// 带动脱贫人口数（人）
    persons_lifted: Option<Count>,
    /// 带动监测对象户数（户）
    households_monitored: Option<Count>,
    /// 受益户数（户）：台账只给总户数时填写
    households: Option<Count>,
}

/// 一项绩效目标：指标，或一句话
#[derive(JsonSchema)]
#[serde(untagged)]
pub(super) enum TargetItem {
    /// 指标
    Indicator(Target),
    /// 一句话目标，照录原文，如“完成8000米道路建设，解决2200人出行问题”
    Text(Text),
}

/// 绩效指标
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Target {
    /// 指标类别：一级 output 产出指标、benefit 效益指标、satisfaction 满意度指标，或二级 quantity 数量、quality 质量、timeliness 时效、cost 成本（属产出指标），economic 经济效益、social 社会效益、ecological 生态效益、sustainable 可持续影响（属效益指标）
    category: Option<Kw<TargetCategory>>,
    /// 指标
    indicator: Text,
    /// 目标值（照录，可含 ≥ ≤）
    value: Text,
    /// 单位
    unit: Option<Text>,
    /// 实际完成值（照录；项目竣工后才填写）
    actual: Option<Text>,
}

/// 公示
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Notice {
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
    /// 现场照片（张贴的公示）
    photos: Option<Vec<Photo>>,
}

/// 异议
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = response_with_finding)]
pub(super) struct Objection {
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
pub(super) struct Approval {
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
pub(super) struct Event {
    /// 进展类型
    #[schemars(rename = "type")]
    event_type: Kw<EventType>,
    /// 日期
    date: Date,
    /// 依据文件
    #[schemars(rename = "ref")]
    reference: Option<Text>,
    /// 现场照片
    photos: Option<Vec<Photo>>,
}

/// 一笔资金支付
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Payment {
    /// 支付日期
    date: Date,
    /// 金额（万元）
    amount: Money,
    /// 支付凭证号
    #[schemars(rename = "ref")]
    reference: Option<Text>,
}

/// `level` is allowed on 衔接资金 only (where it may be left out when the
/// ledger does not say it).
fn level_only_for_bridging_fund(schema: &mut Schema) {
    let condition = serde_json::json!({"properties": {"source": {"const": "bridging_fund"}}, "required": ["source"]});
    let otherwise = json_schema!({"not": {"required": ["level"]}});
    conditional(schema, condition, None, Some(otherwise));
}

/// `location` may be omitted only for `origin: county`, with `place`, or
/// when it is not given.
fn location_unless_county(schema: &mut Schema) {
    let condition = serde_json::json!({"anyOf": [
        {"properties": {"origin": {"const": "county"}}, "required": ["origin"]},
        {"required": ["place"]},
        not_given(&["location"]),
    ]});
    conditional(schema, condition, None, Some(json_schema!({"required": ["location"]})));
}

/// The condition "`not_given` lists every one of `keys`".
fn not_given(keys: &[&str]) -> serde_json::Value {
    let all: Vec<serde_json::Value> = keys.iter().map(|k| serde_json::json!({"contains": {"const": k}})).collect();
    serde_json::json!({"properties": {"not_given": {"allOf": all}}, "required": ["not_given"]})
}

/// The keys a published ledger may lack are required unless `not_given`
/// lists them (`beneficiaries` unless all three of its counts).
fn required_unless_not_given(schema: &mut Schema) {
    let mut rules: Vec<serde_json::Value> = [
        "construction_nature",
        "content",
        "implementation_period",
        "implementer",
        "responsible_unit",
        "responsible_person",
        "linkage_mechanism",
        "performance_targets",
    ]
    .iter()
    .map(|k| serde_json::json!({"if": not_given(&[k]), "else": {"required": [k]}}))
    .collect();
    let counts = not_given(&["households_lifted", "persons_lifted", "households_monitored"]);
    rules.push(serde_json::json!({"if": counts, "else": {"required": ["beneficiaries"]}}));
    schema.insert("allOf".into(), rules.into());
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
