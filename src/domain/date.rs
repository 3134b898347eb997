//! Dates as Chinese notices and diagnostics write them.

use chrono::{Datelike, NaiveDate};

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
