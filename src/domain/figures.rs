//! The figures of a project that a later change (变更) may replace: where it
//! is and what it costs. [`Figures`] is their state on one day.

use super::keyword::keyword;
use super::{At, Money};

/// 实施地点.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ProjectLocation {
    /// Township id.
    pub township: At<String>,
    /// Village ids.
    pub villages: Vec<At<String>>,
}

/// 资金: total and per-source split, all in 万元.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Funding {
    /// Declared total.
    pub total: At<Money>,
    /// Sources.
    pub sources: Vec<FundingLine>,
}

/// One source line.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FundingLine {
    /// Source kind.
    pub source: FundingSource,
    /// 衔接资金 level (only for `bridging_fund`).
    pub level: Option<FundLevel>,
    /// Amount.
    pub amount: Money,
}

keyword! {
    /// 资金来源.
    FundingSource {
        BridgingFund = "bridging_fund" / "财政衔接推进乡村振兴补助资金",
        IntegratedAgriFund = "integrated_agri_fund" / "统筹整合财政涉农资金",
        EastWestFund = "east_west_fund" / "东西部协作资金",
        DesignatedAssistanceFund = "designated_assistance_fund" / "定点帮扶资金",
        WorkForRelief = "work_for_relief" / "以工代赈",
        LocalBond = "local_bond" / "地方政府债券",
        BankCredit = "bank_credit" / "金融信贷",
        SelfRaised = "self_raised" / "自筹",
        Donation = "donation" / "社会捐赠",
        BalanceFund = "balance_fund" / "结余资金",
        Other = "other" / "其他",
    }
}

keyword! {
    /// 衔接资金 level.
    FundLevel {
        Central = "central" / "中央",
        Provincial = "provincial" / "省级",
        Local = "local" / "市县",
    }
}

impl FundingLine {
    /// Chinese label, with the level for bridging funds (中央衔接资金).
    pub fn label(&self) -> String {
        self.label_as("衔接资金")
    }

    /// The label in a year's words: the bridging fund under the year's
    /// short name (中央 + `terms.fund_short`).
    pub fn label_in(&self, terms: &super::terms::YearTerms) -> String {
        self.label_as(&terms.fund_short)
    }

    fn label_as(&self, bridging: &str) -> String {
        use super::Keyword;
        match (self.source, self.level) {
            (FundingSource::BridgingFund, Some(l)) => format!("{}{bridging}", l.label()),
            // A ledger that does not say the level.
            (FundingSource::BridgingFund, None) => bridging.to_owned(),
            (s, _) => s.label().to_owned(),
        }
    }
}

/// The figures of a project that a change may replace, as they stood on one
/// day ([`Project::as_of`]).
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// 资金.
    pub funding: Option<&'a Funding>,
    /// 建设内容及规模.
    pub content: &'a str,
    /// 实施地点.
    pub location: Option<&'a ProjectLocation>,
    /// 实施主体 (`None`: not given).
    pub implementer: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use crate::domain::change::Previous;
    use crate::domain::project::FundingSource;
    use crate::testing::{d, project, wan};

    #[test]
    fn as_of_undoes_the_changes_made_after_the_day_latest_first() {
        let before = |content: &str| Previous { content: Some(content.into()), ..Previous::default() };
        let p = project("P-1")
            .funding("100", &[(FundingSource::SelfRaised, "100")])
            .change(d("2026-06-01"), before("第一版"))
            .change(d("2026-08-01"), before("第二版"))
            .build();
        assert_eq!(p.as_of(d("2026-05-31")).content, "第一版");
        assert_eq!(p.as_of(d("2026-06-01")).content, "第二版");
        assert_eq!(p.as_of(d("2026-07-31")).content, "第二版");
        assert_eq!(p.as_of(d("2026-08-01")).content, "建设内容");
        // Untouched figures stay as they are.
        assert_eq!(p.as_of(d("2026-01-01")).funding.map(|f| *f.total), Some(wan("100")));
    }
}
