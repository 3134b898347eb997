//! Reading one cell as the value a project key needs, the way county ledgers
//! write them: dates as Excel dates or `2026年3月1日`, `2026.3.1`,
//! `2026/3/1`, `2026-03-01`; months as `2026年5月`, `2026.05`, `2026-05`;
//! amounts in 万元 as numbers or text (`120`, `1,200.5`, `80万元`).
//! A cell that cannot be read is a [`CellError`], whose Chinese wording the
//! import report prefixes with the row and the column.

use chrono::{Datelike, NaiveDate};

use super::sheet::Cell;
use crate::domain::Money;
use crate::domain::money::MoneyError;

/// Why a cell cannot be read as the value its column needs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum CellError {
    /// Not a date in any spelling we read.
    #[error("日期无法识别“{0}”，应写成 2026-03-01 或 2026年3月1日")]
    Date(String),
    /// A date serial number out of the calendar.
    #[error("日期无法识别“{0}”")]
    DateSerial(f64),
    /// Not a month.
    #[error("月份无法识别“{0}”，应写成 2026-05 或 2026年5月")]
    Month(String),
    /// An amount finer than one fen.
    #[error("金额“{0}”超过 6 位小数（单位为万元，最多精确到分）")]
    MoneyTooPrecise(String),
    /// An amount in 元 finer than one fen.
    #[error("金额“{0}”超过 2 位小数（单位为元，最多精确到分）")]
    YuanTooPrecise(String),
    /// A negative amount.
    #[error("金额“{0}”不能为负数")]
    MoneyNegative(String),
    /// Not an amount.
    #[error("金额“{0}”不是数字（单位为万元）")]
    MoneyNotANumber(String),
    /// Not a whole number ≥ 0.
    #[error("“{0}”应为不小于 0 的整数")]
    Count(String),
    /// Not one of a vocabulary's Chinese words.
    #[error("{what}“{text}”应为 {choices}")]
    NotOneOf {
        /// The column's meaning (建设性质 …).
        what: &'static str,
        /// What the cell says.
        text: String,
        /// The words accepted, as the clerk would write them.
        choices: &'static str,
    },
    /// A project type the type table does not list.
    #[error("项目类型“{text}”不在类型表中，可用：{known}")]
    UnknownType {
        /// What the cell says.
        text: String,
        /// The types' names, joined for reading.
        known: String,
    },
    /// A township the county file does not list.
    #[error("乡镇“{0}”不在县文件的乡镇名单中")]
    UnknownTownship(String),
    /// A village not in the project's township.
    #[error("村“{village}”不是{township}的行政村")]
    UnknownVillage {
        /// The village as written.
        village: String,
        /// The township's name.
        township: String,
    },
}

/// The cell as text: numbers without a trailing `.0`, dates as `YYYY-MM-DD`.
pub(crate) fn text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) => Some(t.trim().to_owned()).filter(|t| !t.is_empty()),
        Cell::Number(n) => Some(number_text(*n)),
        Cell::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
    }
}

fn number_text(n: f64) -> String {
    // Six decimals is the precision of 万元 (one fen); trailing zeros go.
    let s = format!("{n:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

/// A calendar date.
pub(crate) fn date(cell: &Cell) -> Result<NaiveDate, CellError> {
    match cell {
        Cell::Date(d) => Ok(*d),
        // An Excel date serial in a cell formatted as a number (1955–2119).
        Cell::Number(n) if n.fract() == 0.0 && (20_000.0..80_000.0).contains(n) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| base.checked_add_signed(chrono::Duration::days(*n as i64)))
                .ok_or(CellError::DateSerial(*n))
        }
        _ => {
            let t = text(cell).unwrap_or_default();
            parse_date(&t).ok_or(CellError::Date(t))
        }
    }
}

/// Parses `2026年3月1日`, `2026-3-1`, `2026/3/1`, `2026.3.1` and `20260301`.
pub(crate) fn parse_date(t: &str) -> Option<NaiveDate> {
    let parts = numbers(t);
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(*y as i32, *m, *d).filter(|_| *y >= 1000),
        [ymd] if t.trim().len() == 8 => {
            NaiveDate::from_ymd_opt((ymd / 10_000) as i32, ymd / 100 % 100, ymd % 100).filter(|_| ymd / 10_000 >= 1000)
        }
        _ => None,
    }
}

/// A month `(year, month)`; a full date is read as its month.
pub(crate) fn month(cell: &Cell) -> Result<(i32, u32), CellError> {
    if let Cell::Date(d) = cell {
        return Ok((d.year(), d.month()));
    }
    let t = text(cell).unwrap_or_default();
    match numbers(&t).as_slice() {
        [y, m] | [y, m, _] if *y >= 1000 && (1..=12).contains(m) => Ok((*y as i32, *m)),
        _ => Err(CellError::Month(t)),
    }
}

/// The runs of digits in `t` (at most three are meaningful for a date).
fn numbers(t: &str) -> Vec<u32> {
    let t = t.trim();
    let allowed = |c: char| c.is_ascii_digit() || "年月日号-/.． ".contains(c);
    if t.is_empty() || !t.chars().all(allowed) {
        return Vec::new();
    }
    t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

/// Splits a period written in one cell (`2026.3.1-2026.3.11`, `2026年3月1日至2026年3月11日`).
pub(crate) fn split_range(t: &str) -> Option<(String, String)> {
    for sep in ["至", "~", "～", "—", "–", "－", "到"] {
        if let Some((a, b)) = t.split_once(sep) {
            return Some((a.trim().to_owned(), b.trim().to_owned()));
        }
    }
    // With `-` as the separator, the dates may contain `-` themselves: split in the middle.
    let dashes: Vec<usize> = t.match_indices('-').map(|(i, _)| i).collect();
    if dashes.len() % 2 == 1 {
        let i = dashes[dashes.len() / 2];
        return Some((t[..i].trim().to_owned(), t[i + 1..].trim().to_owned()));
    }
    None
}

/// An amount in 万元: not negative, at most 6 decimals (the ledger's precision is kept).
pub(crate) fn money(cell: &Cell) -> Result<Money, CellError> {
    let t = match cell {
        Cell::Number(n) => {
            if (n * 1_000_000.0 - (n * 1_000_000.0).round()).abs() > 1e-3 {
                return Err(CellError::MoneyTooPrecise(n.to_string()));
            }
            number_text(*n)
        }
        _ => text(cell).unwrap_or_default(),
    };
    let cleaned: String = t
        .trim_end_matches("万元")
        .trim_end_matches('万')
        .chars()
        .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
        .collect();
    Money::parse_wan(&cleaned).map_err(|e| match e {
        MoneyError::Negative => CellError::MoneyNegative(t),
        MoneyError::TooPrecise => CellError::MoneyTooPrecise(t),
        MoneyError::NotANumber | MoneyError::TooLarge => CellError::MoneyNotANumber(t),
    })
}

/// An amount in 元 (a column headed `（元）`, or a ledger whose unit line says
/// 单位：元), kept exactly: at most two decimals (the 分).
pub(crate) fn money_yuan(cell: &Cell) -> Result<Money, CellError> {
    let t = text(cell).unwrap_or_default();
    let cleaned: String =
        t.trim_end_matches('元').chars().filter(|c| *c != ',' && *c != '，' && !c.is_whitespace()).collect();
    let as_wan = Money::parse_wan(&cleaned).map_err(|e| match e {
        MoneyError::Negative => CellError::MoneyNegative(t.clone()),
        MoneyError::TooPrecise => CellError::MoneyTooPrecise(t.clone()),
        MoneyError::NotANumber | MoneyError::TooLarge => CellError::MoneyNotANumber(t.clone()),
    })?;
    // `cleaned` read as 万元 is 10,000 times the amount; a whole number of 分 divides evenly.
    if as_wan.fen() % 10_000 != 0 {
        return Err(CellError::YuanTooPrecise(t));
    }
    Ok(Money::from_fen(as_wan.fen() / 10_000))
}

/// A whole number ≥ 0 (`86`, `86户`, `312人`).
pub(crate) fn count(cell: &Cell) -> Result<u64, CellError> {
    let t = text(cell).unwrap_or_default();
    let digits = t.trim_end_matches(['户', '人', '个']).trim();
    digits.parse::<u64>().map_err(|_| CellError::Count(t.clone()))
}

/// A decimal number as written (a performance target's value).
pub(crate) fn is_number(t: &str) -> bool {
    !t.is_empty() && t.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn dates_as_counties_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for s in ["2026年3月1日", "2026-03-01", "2026/3/1", "2026.3.1", "20260301", "2026年03月01日"] {
            assert_eq!(date(&t(s)), Ok(d), "{s}");
        }
        assert_eq!(date(&Cell::Number(46082.0)), Ok(d));
        assert!(date(&t("2026年2月30日")).is_err());
        assert!(date(&t("三月一日")).is_err());
    }

    #[test]
    fn months_and_ranges() {
        assert_eq!(month(&t("2026年5月")), Ok((2026, 5)));
        assert_eq!(month(&t("2026.05")), Ok((2026, 5)));
        assert!(month(&t("2026年13月")).is_err());
        assert_eq!(split_range("2026.3.1-2026.3.11"), Some(("2026.3.1".into(), "2026.3.11".into())));
        assert_eq!(split_range("2026-03-01-2026-03-11"), Some(("2026-03-01".into(), "2026-03-11".into())));
        assert_eq!(split_range("2026年3月1日至2026年3月11日").unwrap().1, "2026年3月11日");
    }

    #[test]
    fn money_in_wan() {
        assert_eq!(money(&Cell::Number(40.1)), Ok(Money::from_yuan(401_000)));
        assert_eq!(money(&t("1,200.5")), Ok(Money::from_yuan(12_005_000)));
        assert_eq!(money(&t("80万元")), Ok(Money::from_yuan(800_000)));
        assert!(money(&t("-3")).is_err());
        assert!(money(&Cell::Number(1.0000005)).is_err());
        assert!(money(&t("八十")).is_err());
        assert_eq!(money_yuan(&t("851,234.56")), Ok(Money::from_fen(85_123_456)));
        assert_eq!(money_yuan(&Cell::Number(1200.0)), Ok(Money::from_yuan(1200)));
        assert_eq!(money_yuan(&t("12.345")), Err(CellError::YuanTooPrecise("12.345".into())));
    }
}
