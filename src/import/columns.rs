//! The ledger's columns, recognised by their Chinese headers and synonyms.
//!
//! Headers are compared after removing spaces and line breaks and turning
//! half-width brackets into full-width ones; a trailing unit such as `（万元）`
//! may be present or not. This table is what README's import section lists.

use crate::domain::project::{FundLevel, FundingSource};

/// The category of a performance target (绩效目标 sub-columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetCategory {
    /// 产出指标.
    Output,
    /// 效益指标.
    Benefit,
    /// 满意度指标.
    Satisfaction,
}

impl TargetCategory {
    /// The key the project format uses.
    pub(crate) fn key(self) -> &'static str {
        match self {
            TargetCategory::Output => "output",
            TargetCategory::Benefit => "benefit",
            TargetCategory::Satisfaction => "satisfaction",
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Seq,
    Id,
    Name,
    County,
    Year,
    Type,
    SubType,
    Nature,
    Origin,
    Township,
    Villages,
    /// 实施地点 in one cell: "X镇Y村", several villages or townships.
    Place,
    Content,
    Period,
    PeriodFrom,
    PeriodTo,
    /// 实施期限(月): a number of months.
    PeriodMonths,
    Implementer,
    /// 实施单位及责任人: a unit and a person in one cell.
    ImplementerAndPerson,
    ResponsibleUnit,
    ResponsiblePerson,
    Total,
    Source(FundingSource, Option<FundLevel>),
    /// 资金来源/资金性质 as text (中央衔接资金, 市级, 结余资金) naming the fund of the amount.
    FundText,
    /// 受益户数: households in all.
    Households,
    HouseholdsLifted,
    PersonsLifted,
    HouseholdsMonitored,
    Linkage,
    Targets,
    /// 产出指标 / 效益指标 / 满意度指标: targets of one category.
    TargetsOf(TargetCategory),
    TargetIndicator,
    TargetValue,
    TargetUnit,
    AdvisoryGroup,
    VillageNotice,
    VillageNoticeStart,
    VillageNoticeEnd,
    TownshipNotice,
    TownshipNoticeStart,
    TownshipNoticeEnd,
    ApprovalBy,
    ApprovalDocNo,
    ApprovalDate,
    WarehousedOn,
    Remark,
}

use Field as F;
use FundLevel as L;
use FundingSource as S;
use TargetCategory as C;

/// Every accepted header, the first of each field being its usual name.
pub(crate) const HEADERS: &[(&str, Field)] = &[
    ("序号", F::Seq),
    ("项目编号", F::Id),
    ("编号", F::Id),
    ("项目代码", F::Id),
    ("项目库编号", F::Id),
    ("项目名称", F::Name),
    ("名称", F::Name),
    ("所属县", F::County),
    ("县", F::County),
    ("县（市、区）", F::County),
    ("县市区", F::County),
    ("年度", F::Year),
    ("项目库年度", F::Year),
    ("入库年度", F::Year),
    ("项目类型", F::Type),
    ("项目类别", F::Type),
    ("类型", F::Type),
    ("项目子类型", F::SubType),
    ("子类型", F::SubType),
    ("建设性质", F::Nature),
    ("项目来源", F::Origin),
    ("申报层级", F::Origin),
    ("乡镇", F::Township),
    ("乡（镇）", F::Township),
    ("乡镇（街道）", F::Township),
    ("乡镇名", F::Township),
    ("乡镇名称", F::Township),
    ("实施地点（乡镇）", F::Township),
    ("村", F::Villages),
    ("行政村", F::Villages),
    ("村（社区）", F::Villages),
    ("实施地点（村）", F::Villages),
    ("村社区", F::Villages),
    ("村（居）", F::Villages),
    ("实施地点", F::Place),
    ("建设地点", F::Place),
    ("项目地点", F::Place),
    ("项目实施地点", F::Place),
    ("建设内容及规模", F::Content),
    ("建设内容", F::Content),
    ("建设任务", F::Content),
    ("实施期限", F::Period),
    ("建设期限", F::Period),
    ("时间进度", F::Period),
    ("实施期限（月）", F::PeriodMonths),
    ("建设期限（月）", F::PeriodMonths),
    ("计划开工时间", F::PeriodFrom),
    ("开工时间", F::PeriodFrom),
    ("计划开始时间", F::PeriodFrom),
    ("计划完工时间", F::PeriodTo),
    ("完工时间", F::PeriodTo),
    ("计划竣工时间", F::PeriodTo),
    ("实施主体", F::Implementer),
    ("项目实施单位", F::Implementer),
    ("实施单位", F::Implementer),
    ("实施单位及责任人", F::ImplementerAndPerson),
    ("实施单位及负责人", F::ImplementerAndPerson),
    ("责任单位", F::ResponsibleUnit),
    ("项目主管部门", F::ResponsibleUnit),
    ("责任人", F::ResponsiblePerson),
    ("项目负责人", F::ResponsiblePerson),
    ("总投资", F::Total),
    ("项目总投资", F::Total),
    ("资金规模", F::Total),
    ("投资概算", F::Total),
    ("投资规模", F::Total),
    ("本次分配金额", F::Total),
    ("分配金额", F::Total),
    ("资金规模和筹资方式", F::Total),
    ("合计", F::Total),
    ("小计", F::Total),
    ("资金来源", F::FundText),
    ("资金性质", F::FundText),
    ("资金类型", F::FundText),
    ("资金来源类型", F::FundText),
    ("中央衔接资金", F::Source(S::BridgingFund, Some(L::Central))),
    ("中央财政衔接资金", F::Source(S::BridgingFund, Some(L::Central))),
    ("省级衔接资金", F::Source(S::BridgingFund, Some(L::Provincial))),
    ("省级财政衔接资金", F::Source(S::BridgingFund, Some(L::Provincial))),
    ("市县衔接资金", F::Source(S::BridgingFund, Some(L::Local))),
    ("市县级衔接资金", F::Source(S::BridgingFund, Some(L::Local))),
    ("市县财政衔接资金", F::Source(S::BridgingFund, Some(L::Local))),
    ("统筹整合资金", F::Source(S::IntegratedAgriFund, None)),
    ("统筹整合财政涉农资金", F::Source(S::IntegratedAgriFund, None)),
    ("东西部协作资金", F::Source(S::EastWestFund, None)),
    ("定点帮扶资金", F::Source(S::DesignatedAssistanceFund, None)),
    ("以工代赈", F::Source(S::WorkForRelief, None)),
    ("以工代赈资金", F::Source(S::WorkForRelief, None)),
    ("地方政府债券", F::Source(S::LocalBond, None)),
    ("债券资金", F::Source(S::LocalBond, None)),
    ("金融信贷", F::Source(S::BankCredit, None)),
    ("信贷资金", F::Source(S::BankCredit, None)),
    ("自筹", F::Source(S::SelfRaised, None)),
    ("自筹资金", F::Source(S::SelfRaised, None)),
    ("社会捐赠", F::Source(S::Donation, None)),
    ("社会捐赠资金", F::Source(S::Donation, None)),
    ("其他资金", F::Source(S::Other, None)),
    ("受益户数", F::Households),
    ("受益总户数", F::Households),
    ("带动脱贫户数", F::HouseholdsLifted),
    ("受益脱贫户数", F::HouseholdsLifted),
    ("脱贫户", F::HouseholdsLifted),
    ("带动脱贫人口数", F::PersonsLifted),
    ("受益脱贫人口数", F::PersonsLifted),
    ("脱贫人口", F::PersonsLifted),
    ("带动监测户数", F::HouseholdsMonitored),
    ("受益监测户数", F::HouseholdsMonitored),
    ("监测户", F::HouseholdsMonitored),
    ("联农带农机制", F::Linkage),
    ("联农带农方式", F::Linkage),
    ("利益联结机制", F::Linkage),
    ("受益对象和联农带农机制", F::Linkage),
    ("带贫减贫机制", F::Linkage),
    ("绩效目标", F::Targets),
    ("预期绩效目标", F::Targets),
    ("产出指标", F::TargetsOf(C::Output)),
    ("效益指标", F::TargetsOf(C::Benefit)),
    ("满意度指标", F::TargetsOf(C::Satisfaction)),
    ("绩效指标", F::TargetIndicator),
    ("指标值", F::TargetValue),
    ("指标单位", F::TargetUnit),
    ("计量单位", F::TargetUnit),
    ("产业顾问组", F::AdvisoryGroup),
    ("村级公示时间", F::VillageNotice),
    ("村级公示", F::VillageNotice),
    ("村级公示开始", F::VillageNoticeStart),
    ("村级公示开始日期", F::VillageNoticeStart),
    ("村级公示结束", F::VillageNoticeEnd),
    ("村级公示结束日期", F::VillageNoticeEnd),
    ("乡镇公示时间", F::TownshipNotice),
    ("乡镇级公示时间", F::TownshipNotice),
    ("乡镇公示", F::TownshipNotice),
    ("乡镇公示开始", F::TownshipNoticeStart),
    ("乡镇级公示开始日期", F::TownshipNoticeStart),
    ("乡镇公示结束", F::TownshipNoticeEnd),
    ("乡镇级公示结束日期", F::TownshipNoticeEnd),
    ("批复单位", F::ApprovalBy),
    ("审定单位", F::ApprovalBy),
    ("批复文号", F::ApprovalDocNo),
    ("审定文号", F::ApprovalDocNo),
    ("批复日期", F::ApprovalDate),
    ("批复时间", F::ApprovalDate),
    ("审定日期", F::ApprovalDate),
    ("入库时间", F::WarehousedOn),
    ("入库日期", F::WarehousedOn),
    ("备注", F::Remark),
];

/// Units that may follow a header in brackets.
const UNITS: &[&str] = &["（万元）", "（元）", "（户）", "（人）", "（个）", "（年）", "（月）", "（日期）"];

/// The field a header names, if any.
pub(crate) fn field(header: &str) -> Option<Field> {
    let mut h: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let mut unit = None;
    for _ in 0..2 {
        if let Some((_, f)) = HEADERS.iter().find(|(name, _)| *name == h) {
            // 资金来源（万元） holds amounts, not the fund's name: a group header.
            return Some(*f).filter(|f| !(*f == F::FundText && unit == Some("（万元）")));
        }
        match UNITS.iter().find(|u| h.ends_with(*u)) {
            Some(u) => {
                h.truncate(h.len() - u.len());
                unit = Some(*u);
            }
            None => break,
        }
    }
    None
}

/// The field of a sub-header under a merged group header: a known header,
/// or a fund level (中央 / 省级 / 市县 under 资金来源及规模, read as the
/// bridging fund's levels).
pub(crate) fn sub_field(sub: &str) -> Option<Field> {
    if let Some(f) = field(sub) {
        return Some(f);
    }
    let s: String = sub.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_end_matches("（万元）").trim_end_matches("(万元)");
    let level = match s.trim_end_matches("资金").trim_end_matches("财政").trim_end_matches("级") {
        "中央" => L::Central,
        "省" => L::Provincial,
        "市县" | "市" | "县" | "市、县" | "州县" | "地方" => L::Local,
        _ => return None,
    };
    Some(F::Source(S::BridgingFund, Some(level)))
}

/// How the import report names a field: its usual header.
pub(crate) fn usual_name(f: Field) -> &'static str {
    HEADERS.iter().find(|(_, g)| *g == f).map_or("资金来源金额", |(name, _)| name)
}

/// The known header closest to `header` (a typo such as 项目名 for 项目名称).
pub(crate) fn nearest(header: &str) -> Option<&'static str> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    // A suggestion sharing no character with the header is no typo of it ("a" → 县).
    crate::suggest::closest(&h, HEADERS.iter().map(|(name, _)| *name)).filter(|n| n.chars().any(|c| h.contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_with_units_spaces_and_brackets() {
        assert_eq!(field("项目名称"), Some(F::Name));
        assert_eq!(field("总投资\n（万元）"), Some(F::Total));
        assert_eq!(field("中央衔接资金(万元)"), Some(F::Source(S::BridgingFund, Some(L::Central))));
        assert_eq!(field("实施地点(乡镇)"), Some(F::Township));
        assert_eq!(field("资金来源（万元）"), None);
        assert_eq!(field("资金来源"), Some(F::FundText));
        assert_eq!(field("实施期限(月)"), Some(F::PeriodMonths));
        assert_eq!(field("县(市、区)"), Some(F::County));
        assert_eq!(sub_field("中央"), Some(F::Source(S::BridgingFund, Some(L::Central))));
        assert_eq!(sub_field("市县级资金"), Some(F::Source(S::BridgingFund, Some(L::Local))));
        assert_eq!(sub_field("产出指标"), Some(F::TargetsOf(C::Output)));
        assert_eq!(nearest("项目名"), Some("项目名称"));
        assert_eq!(nearest("a"), None);
    }
}
