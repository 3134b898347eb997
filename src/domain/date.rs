//! Dates: the years a record may name, how days are counted, and how
//! Chinese notices and diagnostics write a date.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use super::site::Counting;

/// The years a record may name (`year`, `since`, the year in an id).
pub const YEARS: RangeInclusive<i32> = 1949..=2200;

/// Whether `year` lies in [`YEARS`].
pub fn is_plausible_year(year: i64) -> bool {
    i32::try_from(year).is_ok_and(|y| YEARS.contains(&y))
}

/// Whole days from `from` to `to`: `to − from`, 0 on the same day, negative
/// when `to` is earlier. Every plain day count of the rules and pages is this.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Days from `from` to `to` with both ends counted (a visit, a period).
pub fn days_inclusive(from: NaiveDate, to: NaiveDate) -> i64 {
    days_between(from, to) + 1
}

/// The number of days a notice ran, under the site's counting rule
/// (`civil`: end − start, the posting day not counted, 民法典 Art. 201;
/// `inclusive`: both ends counted).
pub fn notice_days(start: NaiveDate, end: NaiveDate, counting: Counting) -> i64 {
    match counting {
        Counting::Civil => days_between(start, end),
        Counting::Inclusive => days_inclusive(start, end),
    }
}

/// `2024年3月1日`: no leading zeros, as on a printed 公示.
pub fn zh(d: NaiveDate) -> String {
    // Digits pushed by hand: pages show several dates per project, and
    // `format!` was a visible share of building the site model.
    let Ok(year) = u32::try_from(d.year()) else {
        return format!("{}年{}月{}日", d.year(), d.month(), d.day());
    };
    let mut s = String::with_capacity(20);
    for (n, unit) in [(year, '年'), (d.month(), '月'), (d.day(), '日')] {
        push_decimal(&mut s, n);
        s.push(unit);
    }
    s
}

/// `2024-03-01`, as chrono's `%Y-%m-%d` writes it, through chrono's
/// `Display` (which writes the digits directly instead of interpreting a
/// format string each time).
pub fn iso(d: NaiveDate) -> String {
    d.to_string()
}

fn push_decimal(s: &mut String, n: u32) {
    if n >= 10 {
        push_decimal(s, n / 10);
    }
    s.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_leading_zeros() {
        assert_eq!(zh(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()), "2024年3月1日");
        assert_eq!(zh(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()), "2026年11月20日");
    }

    #[test]
    fn counting_rules_differ_by_one() {
        let (s, e) = (NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2024, 3, 11).unwrap());
        assert_eq!(notice_days(s, e, Counting::Civil), 10);
        assert_eq!(notice_days(s, e, Counting::Inclusive), 11);
        assert_eq!(days_between(e, s), -10);
    }

    #[test]
    fn years_are_bounded_both_ways() {
        assert!(is_plausible_year(1949) && is_plausible_year(2200));
        assert!(!is_plausible_year(1948) && !is_plausible_year(2201) && !is_plausible_year(i64::MAX));
    }

    #[test]
    fn the_fast_forms_match_the_formatted_ones() {
        let years = [-44, 0, 7, 99, 1949, 2024, 9999, 10000, 262_000];
        for y in years {
            let mut d = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
            while d.year() == y {
                assert_eq!(zh(d), format!("{}年{}月{}日", d.year(), d.month(), d.day()));
                assert_eq!(iso(d), d.format("%Y-%m-%d").to_string());
                d = d.succ_opt().unwrap();
            }
        }
    }
}
