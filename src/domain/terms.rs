//! 名称 by year: the words of policy that change with the years (the
//! warehouse's, the fund's and the assets' names), set in `site.yaml`'s
//! `terms` and defaulting to each period's official wording.
//!
//! The transition period (过渡期, 2021–2025) named them after 巩固拓展脱贫攻坚成果;
//! from 2026 the policy moves to 常态化帮扶. A document keeps the words of its
//! own year: a 2025 announcement still says 巩固拓展脱贫攻坚成果和乡村振兴项目库
//! when the site is built in 2027.

/// The names in force for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearTerms {
    /// 项目库名称, e.g. 巩固拓展脱贫攻坚成果和乡村振兴项目库.
    pub warehouse: String,
    /// 资金全称 of the fund the `bridging_fund` source names.
    pub fund: String,
    /// 资金简称, after a level in funding lines (中央 + 衔接资金).
    pub fund_short: String,
    /// 资产名称, e.g. 扶贫项目资产 (its ledger is the <assets>台账).
    pub assets: String,
}

/// One `terms` item of `site.yaml`: the names from `from` on (until the next
/// item's year); a name left out keeps that year's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsFrom {
    /// 自该年度起.
    pub from: i32,
    /// 项目库名称.
    pub warehouse: Option<String>,
    /// 资金全称.
    pub fund: Option<String>,
    /// 资金简称.
    pub fund_short: Option<String>,
    /// 资产名称.
    pub assets: Option<String>,
}

/// No `terms` at all: every year's defaults.
pub static DEFAULT_TERMS: Terms = Terms { items: Vec::new() };

/// The site's names by year: its own items over the built-in defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    /// The `terms` items, in any order.
    pub items: Vec<TermsFrom>,
}

impl Terms {
    /// The names in force for `year`: the latest item from on or before it,
    /// each name it leaves out taken from the year's default.
    pub fn for_year(&self, year: i32) -> YearTerms {
        let mut t = YearTerms::default_for(year);
        if let Some(item) = self.items.iter().filter(|i| i.from <= year).max_by_key(|i| i.from) {
            let set = |slot: &mut String, v: &Option<String>| {
                if let Some(v) = v {
                    slot.clone_from(v);
                }
            };
            set(&mut t.warehouse, &item.warehouse);
            set(&mut t.fund, &item.fund);
            set(&mut t.fund_short, &item.fund_short);
            set(&mut t.assets, &item.assets);
        }
        t
    }
}

impl YearTerms {
    /// The official wording of each period: 脱贫攻坚 (to 2020), the transition
    /// period (2021–2025: 中发〔2020〕30号, 国办函〔2021〕51号 for the assets) and
    /// 常态化帮扶 (from 2026; the fund keeps its name until a new measure
    /// renames it, so a county that uses another writes it in `terms`).
    pub fn default_for(year: i32) -> Self {
        let (warehouse, fund, fund_short, assets) = if year <= 2020 {
            ("扶贫项目库", "财政专项扶贫资金", "专项扶贫资金", "扶贫项目资产")
        } else if year <= 2025 {
            ("巩固拓展脱贫攻坚成果和乡村振兴项目库", "财政衔接推进乡村振兴补助资金", "衔接资金", "扶贫项目资产")
        } else {
            ("常态化帮扶项目库", "财政衔接推进乡村振兴补助资金", "衔接资金", "帮扶项目资产")
        };
        Self { warehouse: warehouse.into(), fund: fund.into(), fund_short: fund_short.into(), assets: assets.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_periods() {
        let t = Terms::default();
        assert_eq!(t.for_year(2020).warehouse, "扶贫项目库");
        assert_eq!(t.for_year(2025).warehouse, "巩固拓展脱贫攻坚成果和乡村振兴项目库");
        assert_eq!(t.for_year(2026).warehouse, "常态化帮扶项目库");
        assert_eq!(t.for_year(2026).assets, "帮扶项目资产");
        assert_eq!(t.for_year(2021).assets, "扶贫项目资产");
    }

    #[test]
    fn the_latest_item_wins_and_unset_names_keep_the_default() {
        let t = Terms {
            items: vec![
                TermsFrom { from: 2027, warehouse: Some("乙".into()), ..TermsFrom::default() },
                TermsFrom {
                    from: 2024,
                    warehouse: Some("甲".into()),
                    fund_short: Some("帮扶资金".into()),
                    ..TermsFrom::default()
                },
            ],
        };
        assert_eq!(t.for_year(2023), YearTerms::default_for(2023));
        let y2025 = t.for_year(2025);
        assert_eq!((y2025.warehouse.as_str(), y2025.fund_short.as_str()), ("甲", "帮扶资金"));
        assert_eq!(y2025.fund, YearTerms::default_for(2025).fund);
        // 2026 takes 甲 (the item from 2024) over the 2026 default.
        assert_eq!(t.for_year(2026).warehouse, "甲");
        assert_eq!(t.for_year(2026).assets, "帮扶项目资产");
        let y2030 = t.for_year(2030);
        assert_eq!((y2030.warehouse.as_str(), y2030.fund_short.as_str()), ("乙", "衔接资金"));
    }
}
