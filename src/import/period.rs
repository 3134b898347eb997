//! 实施期限 as ledgers write it: "2026年5月-2026年11月", "2026年5月-11月",
//! "2026.5-2026.11", a whole year "2026年", or a number of months
//! (实施期限(月)) counted from a start month.

use super::sheet::Cell;
use super::value;

/// A month `(year, month)`.
pub(crate) type Month = (i32, u32);

/// Reads a period written in one cell; `None` when it is not one of the forms above.
pub(crate) fn parse(t: &str) -> Option<(Month, Month)> {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(y) = whole_year(&t) {
        return Some(((y, 1), (y, 12)));
    }
    let (a, b) = value::split_range(&t)?;
    let from = value::month(&Cell::Text(a.clone())).ok().or_else(|| whole_year(&a).map(|y| (y, 1)))?;
    let to = value::month(&Cell::Text(b.clone()))
        .ok()
        .or_else(|| whole_year(&b).map(|y| (y, 12)))
        .or_else(|| month_only(&b).map(|m| (from.0, m)))?;
    Some((from, to))
}

/// `2026年` / `2026` / `2026年度` / `2026年全年`.
fn whole_year(t: &str) -> Option<i32> {
    let digits = t.trim_end_matches("全年").trim_end_matches("年度").trim_end_matches('年');
    (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
}

/// `11月` / `11` (the second half of "2026年5月-11月").
fn month_only(t: &str) -> Option<u32> {
    let digits = t.trim_end_matches("月份").trim_end_matches('月');
    digits.parse().ok().filter(|m| (1..=12).contains(m))
}

/// `months` months from `from`, both ends included.
pub(crate) fn from_months(from: Month, months: u32) -> Option<(Month, Month)> {
    if months == 0 || months > 120 {
        return None;
    }
    let index = from.0 * 12 + from.1 as i32 - 1 + months as i32 - 1;
    Some((from, (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_written() {
        assert_eq!(parse("2026年"), Some(((2026, 1), (2026, 12))));
        assert_eq!(parse("2026年5月-11月"), Some(((2026, 5), (2026, 11))));
        assert_eq!(parse("2026年5月至2027年3月"), Some(((2026, 5), (2027, 3))));
        assert_eq!(parse("2026.5-2026.11"), Some(((2026, 5), (2026, 11))));
        assert_eq!(parse("2024年12月底前完工"), None);
        assert_eq!(from_months((2026, 5), 8), Some(((2026, 5), (2026, 12))));
        assert_eq!(from_months((2026, 11), 3), Some(((2026, 11), (2027, 1))));
        assert_eq!(from_months((2026, 1), 0), None);
    }
}
