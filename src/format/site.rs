//! The description of `content/site.yaml` and `content/project_types.yaml`.

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::JsonSchema;

use super::values::{Count, GovBadge, Id, Kw, Money, MonthDay, Text, Url, WebLink, Year};
use crate::domain::NoticeLevel;
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
    /// 异议受理：受理单位、地址和电话之外的反馈渠道（均可选），印在公示和项目页上
    objections: Option<Objections>,
    /// 项目库公告设置（均可选）
    announcements: Option<AnnouncementSettings>,
    /// 各年度名称：自某年度起的项目库、资金和资产名称（省略的沿用该年度默认名称）
    terms: Option<Vec<TermsFrom>>,
}

/// 自某年度起使用的名称
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct TermsFrom {
    /// 自该年度起使用（直到下一项的年度）
    from: Year,
    /// 项目库名称，如：常态化帮扶项目库；默认 2021—2025 年为“巩固拓展脱贫攻坚成果和乡村振兴项目库”，2026 年起为“常态化帮扶项目库”
    warehouse: Option<Text>,
    /// 衔接资金（bridging_fund）的全称，默认“财政衔接推进乡村振兴补助资金”
    fund: Option<Text>,
    /// 衔接资金的简称，用在级次之后（中央＋简称），默认“衔接资金”
    fund_short: Option<Text>,
    /// 资产名称（台账名称为“资产名称＋台账”），默认 2021—2025 年为“扶贫项目资产”，2026 年起为“帮扶项目资产”
    assets: Option<Text>,
}

/// 项目库公告设置
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct AnnouncementSettings {
    /// 公告索引号格式，可用 {adcode}（县行政区划代码）、{year}（年度）、{id}（公告编号）、{county}（县编号），如 "{adcode}-{year}-{id}"；不写则不显示索引号
    index_no: Option<Text>,
}

/// 页头与页面底部功能区（政府名称、主办单位、网站标识码、备案号等）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Portal {
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
pub(super) struct Contact {
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
pub(super) struct Phone {
    /// 号码（加引号），如 "12317"
    number: Text,
    /// 说明，如：农业农村部监督举报电话
    label: Text,
}

/// 异议受理
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Objections {
    /// 受理单位，如：青岭县乡村振兴局；省略时为各公示的发布单位（村民委员会、乡镇人民政府）
    office: Option<Text>,
    /// 受理地址，如：青岭县人民路 8 号县政府 3 楼
    address: Option<Text>,
    /// 电话之外的反馈渠道，如电子邮箱、12345 热线、网上留言
    channels: Option<Vec<FeedbackChannel>>,
}

/// 一个反馈渠道
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct FeedbackChannel {
    /// 渠道名称，如：电子邮箱、网上留言
    label: Text,
    /// 联系方式，如：xczx@qingling.gov.cn、“县长信箱”栏目
    value: Text,
    /// 可选：网上留言等的网址，以 http:// 或 https:// 开头
    url: Option<WebLink>,
}

/// 规则设置
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Rules {
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
    /// 村级申报项目须经的公示层级，默认 [village, township]（村、乡两级公示）；实行“三公示一公告”的写 [village, township, county]。乡镇、县级提出的项目从本级开始
    #[schemars(length(min = 1))]
    notice_levels: Option<Vec<Kw<NoticeLevel>>>,
    /// 资金变更需重新公示的比例（百分比，0–100，最多两位小数），默认 10：项目资金总额的变动超过原总额的这一比例时须重新公示
    #[schemars(range(max = 100))]
    change_notice_percent: Option<Money>,
    /// 项目库公告时限（工作日），默认 20：项目批复入库后须在这些工作日内由公告公开
    announce_within_working_days: Option<Count>,
    /// 公告异议期（工作日），默认 10：公告未写异议截止日期时，按公告日期后这些工作日计算
    objection_working_days: Option<Count>,
    /// 竣工公告时限（工作日），默认 20：项目验收后须在这些工作日内张贴竣工公告
    completion_notice_working_days: Option<Count>,
    /// 现场照片大小上限（KB），默认 500：超过时提示压缩，手机流量有限
    photo_max_kb: Option<Count>,
    /// 资产移交时限（日历天数），默认 90：项目验收后这些天内须有帮扶项目资产确权移交（不形成资产的项目写 forms_assets: false）
    asset_handover_days: Option<Count>,
    /// 资金分配结果公告时限（工作日），默认 15：资金批次下达后须在这些工作日内由资金分配结果公告公开
    allocation_within_working_days: Option<Count>,
    /// 年度计划公告时限（工作日），默认 20：项目纳入年度计划（planned）后须在这些工作日内由年度计划或计划调整公告列出
    plan_within_working_days: Option<Count>,
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
