//! 帮扶项目资产: one asset a project formed (扶贫项目资产 / 衔接资金项目资产),
//! with its 确权 (owner), 管护 (keeper), hand-over (移交), income (收益) and
//! disposal (处置). One record per file under `content/assets/`.
//!
//! What a page may say of an asset on a day is decided here once
//! ([`Asset::is_handed_over`], [`Asset::income_as_of`]): an asset handed
//! over after the build day is 未移交 there, and a year's income after the
//! build day's year is not shown yet.

use chrono::{Datelike, NaiveDate};

use super::keyword::keyword;
use super::{At, Money, SourcePath};

keyword! {
    /// 资产类别 (the three classes of 帮扶项目资产).
    AssetClass {
        Operating = "operating" / "经营性",
        PublicWelfare = "public_welfare" / "公益性",
        Household = "household" / "到户类",
    }
}

/// One asset file (`content/assets/**/*.yaml`).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Source file.
    pub path: SourcePath,
    /// Permanent id.
    pub id: At<String>,
    /// County id.
    pub county: At<String>,
    /// The project that formed it (reference).
    pub project: At<String>,
    /// 资产名称.
    pub name: String,
    /// 资产类别.
    pub class: At<AssetClass>,
    /// 资产价值, 万元.
    pub value: At<Money>,
    /// 形成日期.
    pub formed_on: Option<At<NaiveDate>>,
    /// 所在地 (township, villages); `None`: the project's.
    pub location: Option<super::project::ProjectLocation>,
    /// 产权归属 (确权).
    pub owner: String,
    /// 管护主体.
    pub keeper: String,
    /// 移交日期; `None`: not handed over yet.
    pub handed_over_on: Option<At<NaiveDate>>,
    /// 移交文件.
    pub handover_doc: Option<String>,
    /// 收益, by year (operating assets only).
    pub income: Vec<Income>,
    /// 处置.
    pub disposal: Option<Disposal>,
}

/// 资产收益 of one year, and how it was shared (收益分配).
#[derive(Debug, Clone)]
pub struct Income {
    /// Year.
    pub year: At<i32>,
    /// 收益金额, 万元.
    pub amount: Money,
    /// 收益分配, as written.
    pub sharing: Option<String>,
}

/// 资产处置 (报废、拍卖、转让 …).
#[derive(Debug, Clone)]
pub struct Disposal {
    /// 处置日期.
    pub date: At<NaiveDate>,
    /// 处置方式, as written.
    pub way: String,
    /// 处置原因.
    pub reason: String,
    /// 文号.
    pub doc_no: Option<String>,
}

impl Asset {
    /// Whether the asset had been handed over by the end of `today`.
    pub fn is_handed_over(&self, today: NaiveDate) -> bool {
        self.handed_over_on.as_ref().is_some_and(|d| **d <= today)
    }

    /// The income of the years up to `today`'s year, in year order: a later
    /// year's figure is not a fact yet on `today`.
    pub fn income_as_of(&self, today: NaiveDate) -> Vec<&Income> {
        let mut v: Vec<&Income> = self.income.iter().filter(|i| *i.year <= today.year()).collect();
        v.sort_by_key(|i| *i.year);
        v
    }

    /// The disposal, when it happened on or before `today`.
    pub fn disposal_as_of(&self, today: NaiveDate) -> Option<&Disposal> {
        self.disposal.as_ref().filter(|d| *d.date <= today)
    }

    /// The township id: the asset's own, else `None` (the caller falls back
    /// on the project's).
    pub fn township_id(&self) -> Option<&str> {
        self.location.as_ref().map(|l| l.township.value.as_str())
    }
}

/// The title of the asset ledger page (资产台账) in the words of `year`
/// (`site.yaml` terms): the ledger is kept as of the build day, so the
/// caller passes that day's year.
pub fn ledger_title(terms: &super::terms::Terms, year: i32) -> String {
    format!("{}台账", terms.for_year(year).assets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::testing::{d, wan};

    fn asset(handed: Option<&str>) -> Asset {
        let at = |v| At::new(v, Pos::new(1, 1));
        Asset {
            path: SourcePath("content/assets/a.yaml".into()),
            id: at("A1".to_owned()),
            county: at("qingling".to_owned()),
            project: at("P-1".to_owned()),
            name: "厂房".into(),
            class: At::new(AssetClass::Operating, Pos::new(1, 1)),
            value: At::new(wan("10"), Pos::new(1, 1)),
            formed_on: None,
            location: None,
            owner: "合作社".into(),
            keeper: "合作社".into(),
            handed_over_on: handed.map(|h| At::new(d(h), Pos::new(1, 1))),
            handover_doc: None,
            income: [2027, 2025, 2026]
                .into_iter()
                .map(|y| Income { year: At::new(y, Pos::new(1, 1)), amount: wan("1"), sharing: None })
                .collect(),
            disposal: None,
        }
    }

    #[test]
    fn handed_over_only_from_its_day() {
        let a = asset(Some("2026-04-28"));
        assert!(!a.is_handed_over(d("2026-04-27")));
        assert!(a.is_handed_over(d("2026-04-28")));
        assert!(!asset(None).is_handed_over(d("2030-01-01")));
    }

    #[test]
    fn income_of_later_years_is_not_shown_yet() {
        let years: Vec<i32> = asset(None).income_as_of(d("2026-11-20")).iter().map(|i| *i.year).collect();
        assert_eq!(years, [2025, 2026]);
    }
}
