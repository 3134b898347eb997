//! What a project record discloses, and what its source did not give.
//!
//! A county that starts from a published ledger often has no figure for
//! some keys (责任人, beneficiary counts …). The record then lists them under
//! `not_given` (未公布) instead of inventing a value: the key is left out,
//! `check` warns with what to fill, and pages print 未公布, never 0.

use serde::Serialize;

use super::keyword::keyword;

keyword! {
    /// A key a record may leave out because its source did not give it.
    NotGiven {
        ConstructionNature = "construction_nature" / "建设性质",
        Content = "content" / "建设内容",
        ImplementationPeriod = "implementation_period" / "实施期限",
        Implementer = "implementer" / "实施主体",
        ResponsibleUnit = "responsible_unit" / "责任单位",
        ResponsiblePerson = "responsible_person" / "责任人",
        HouseholdsLifted = "households_lifted" / "带动脱贫户数",
        PersonsLifted = "persons_lifted" / "带动脱贫人口数",
        HouseholdsMonitored = "households_monitored" / "带动监测对象户数",
        LinkageMechanism = "linkage_mechanism" / "联农带农机制",
        PerformanceTargets = "performance_targets" / "绩效目标",
        Notices = "notices" / "入库前的公示记录",
        Location = "location" / "实施地点",
    }
}

/// 受益对象 counts; `None` where the source did not give the figure.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Beneficiaries {
    /// 带动脱贫户 (households).
    pub households_lifted: Option<u64>,
    /// 带动脱贫人口.
    pub persons_lifted: Option<u64>,
    /// 监测对象户.
    pub households_monitored: Option<u64>,
    /// 受益户数: all households, where a ledger gives only a total.
    pub households: Option<u64>,
}

impl Beneficiaries {
    /// 受益对象 in one sentence, 未公布 for what is not given (never 0).
    pub fn sentence(&self) -> String {
        let given = [self.households_lifted, self.persons_lifted, self.households_monitored, self.households];
        if given.iter().all(Option::is_none) {
            return "未公布".to_owned();
        }
        let count = |n: Option<u64>, unit: &str| n.map_or_else(|| "未公布".to_owned(), |n| format!(" {n} {unit}"));
        let mut s = format!(
            "带动脱贫户{}、脱贫人口{}，监测对象{}",
            count(self.households_lifted, "户"),
            count(self.persons_lifted, "人"),
            count(self.households_monitored, "户"),
        );
        if let Some(all) = self.households {
            s = format!("受益 {all} 户；{s}");
        }
        s
    }
}

keyword! {
    /// 绩效指标 category (绩效目标表).
    TargetCategory {
        Output = "output" / "产出指标",
        Benefit = "benefit" / "效益指标",
        Satisfaction = "satisfaction" / "满意度指标",
        Quantity = "quantity" / "数量指标",
        Quality = "quality" / "质量指标",
        Timeliness = "timeliness" / "时效指标",
        Cost = "cost" / "成本指标",
        Economic = "economic" / "经济效益指标",
        Social = "social" / "社会效益指标",
        Ecological = "ecological" / "生态效益指标",
        Sustainable = "sustainable" / "可持续影响指标",
    }
}

impl TargetCategory {
    /// 一级指标: 产出指标, 效益指标 or 满意度指标.
    pub fn first_level(self) -> TargetCategory {
        use TargetCategory as C;
        match self {
            C::Output | C::Quantity | C::Quality | C::Timeliness | C::Cost => C::Output,
            C::Benefit | C::Economic | C::Social | C::Ecological | C::Sustainable => C::Benefit,
            C::Satisfaction => C::Satisfaction,
        }
    }

    /// 二级指标, where the category names one: `satisfaction` is both
    /// levels (满意度指标 / 服务对象满意度指标); `output` and `benefit` name
    /// only the first.
    pub fn second_level_label(self) -> Option<&'static str> {
        use TargetCategory as C;
        match self {
            C::Output | C::Benefit => None,
            C::Satisfaction => Some("服务对象满意度指标"),
            other => Some(super::Keyword::label(other)),
        }
    }
}

/// 绩效目标: an indicator with its value, or a target as a sentence, kept as written.
///
/// `Deserialize` reads back the parse cache's form (see `Serialize` below).
#[derive(Debug, Clone, serde::Deserialize)]
pub enum Target {
    /// 指标、目标值（原文，可含 ≥ ≤）、单位.
    Indicator {
        /// Category, where given.
        category: Option<TargetCategory>,
        /// Indicator.
        indicator: String,
        /// Value as written (exact text, comparators kept).
        value: String,
        /// Unit, where given.
        unit: Option<String>,
        /// 实际完成值 as written, where given (only once the works are completed).
        actual: Option<super::At<String>>,
    },
    /// A target written as a sentence.
    Text(String),
}

/// Open data and templates (human-readable) get the target untagged: an
/// indicator as its fields (`actual` only where given), a sentence as a
/// string. The parse cache (postcard, which cannot tell untagged forms
/// apart) gets the variant and every field, as the derived form would.
impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeStruct, SerializeStructVariant};
        match self {
            Target::Text(t) if s.is_human_readable() => s.serialize_str(t),
            Target::Text(t) => s.serialize_newtype_variant("Target", 1, "Text", t),
            Target::Indicator { category, indicator, value, unit, actual } if s.is_human_readable() => {
                let mut st = s.serialize_struct("Target", 4 + usize::from(actual.is_some()))?;
                st.serialize_field("category", category)?;
                st.serialize_field("indicator", indicator)?;
                st.serialize_field("value", value)?;
                st.serialize_field("unit", unit)?;
                match actual {
                    Some(a) => st.serialize_field("actual", a)?,
                    None => st.skip_field("actual")?,
                }
                st.end()
            }
            Target::Indicator { category, indicator, value, unit, actual } => {
                let mut st = s.serialize_struct_variant("Target", 0, "Indicator", 5)?;
                st.serialize_field("category", category)?;
                st.serialize_field("indicator", indicator)?;
                st.serialize_field("value", value)?;
                st.serialize_field("unit", unit)?;
                st.serialize_field("actual", actual)?;
                st.end()
            }
        }
    }
}

impl Target {
    /// The target in one line: 「指标 值单位」 or the sentence.
    pub fn text(&self) -> String {
        match self {
            Target::Indicator { indicator, value, unit, .. } => {
                format!("{indicator} {value}{}", unit.as_deref().unwrap_or(""))
            }
            Target::Text(t) => t.clone(),
        }
    }

    /// The 实际完成值 with its unit (`8200米`), where given.
    pub fn actual_text(&self) -> Option<String> {
        match self {
            Target::Indicator { actual: Some(a), unit, .. } => {
                Some(format!("{}{}", a.value, unit.as_deref().unwrap_or("")))
            }
            _ => None,
        }
    }
}
