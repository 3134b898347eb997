//! How values read on a page: dates as `2024年3月1日` with an ISO twin for
//! `<time datetime>`, money as `120.00` 万元, day counts under the configured
//! counting rule. Pure functions; the templates only print these strings.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::Money;

/// A date ready for `<time datetime="{{ iso }}">{{ zh }}</time>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DateView {
    /// `2024-03-01`.
    pub iso: String,
    /// `2024年3月1日`.
    pub zh: String,
}

/// Formats a date both ways.
pub fn date(d: NaiveDate) -> DateView {
    DateView { iso: crate::domain::date::iso(d), zh: date_zh(d) }
}

/// `2024年3月1日` (one definition, shared with the diagnostics).
pub use crate::domain::date::zh as date_zh;

/// A month `(2024, 5)` as `2024年5月`.
pub fn month_zh((y, m): (i32, u32)) -> String {
    format!("{y}年{m}月")
}

/// What a page says for a value the source did not give (未公布), never 0.
pub const NOT_GIVEN: &str = "未公布";

/// `text`, or 未公布 when the source did not give it.
pub fn given(text: Option<&str>) -> String {
    text.unwrap_or(NOT_GIVEN).to_owned()
}

/// Money in 万元 with two decimals (`120.00`), or all of its decimals when it
/// has more (`85.123456`: a ledger's figure to the 分 is never rounded); the
/// unit is printed by the template.
pub fn money(m: Money) -> String {
    m.wan_at_least_2dp()
}

/// The number of days a notice ran, under the site's counting rule (one
/// definition, shared with the rules).
pub use crate::domain::date::notice_days;

/// An RFC 3339 timestamp at midnight China time, for Atom `updated`.
pub fn rfc3339(d: NaiveDate) -> String {
    format!("{}T00:00:00+08:00", crate::domain::date::iso(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::site::Counting;

    #[test]
    fn chinese_date_has_no_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(date(d).zh, "2024年3月1日");
        assert_eq!(date(d).iso, "2024-03-01");
    }

    #[test]
    fn counting_rules_differ_by_one() {
        let s = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let e = NaiveDate::from_ymd_opt(2024, 3, 11).unwrap();
        assert_eq!(notice_days(s, e, Counting::Civil), 10);
        assert_eq!(notice_days(s, e, Counting::Inclusive), 11);
    }
}
