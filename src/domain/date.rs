//! Dates as Chinese notices and diagnostics write them.

use chrono::{Datelike, NaiveDate};

/// `2024年3月1日`: no leading zeros, as on a printed 公示.
pub fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_leading_zeros() {
        assert_eq!(zh(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()), "2024年3月1日");
        assert_eq!(zh(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()), "2026年11月20日");
    }
}
