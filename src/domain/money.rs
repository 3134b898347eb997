//! 金额: exact money in 万元 (10,000 yuan), held as whole 分 (fen, 0.01 yuan).
//!
//! The format allows at most six decimal places of 万元, i.e. the 分 that
//! published allocation tables carry, so an `i64` count of fen is exact and
//! sums never drift (`0.1 + 0.2 == 0.3`).

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

/// 分 in one 万元.
const FEN_PER_WAN: i64 = 1_000_000;

/// An exact amount of money, stored as whole fen (0.000001 万元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Why a money literal was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not a plain decimal number.
    NotANumber,
    /// More than six significant decimal places (finer than one 分).
    TooPrecise,
    /// Below zero.
    Negative,
    /// Too large to hold.
    TooLarge,
}

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// From whole yuan.
    pub const fn from_yuan(yuan: i64) -> Self {
        Money(yuan * 100)
    }

    /// From whole fen (分).
    pub const fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    /// Whole fen (分): the exact amount.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Parses a YAML number literal in 万元, such as `120`, `35.5` or `1.50000`.
    pub fn parse_wan(text: &str) -> Result<Money, MoneyError> {
        let t = text.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::NotANumber);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 6 {
            return Err(MoneyError::TooPrecise);
        }
        let int_value: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| MoneyError::TooLarge)? };
        let mut frac_value: i64 = 0;
        for (i, b) in frac.bytes().enumerate() {
            frac_value += i64::from(b - b'0') * 10i64.pow(5 - i as u32);
        }
        let fen =
            int_value.checked_mul(FEN_PER_WAN).and_then(|v| v.checked_add(frac_value)).ok_or(MoneyError::TooLarge)?;
        if neg && fen != 0 {
            return Err(MoneyError::Negative);
        }
        Ok(Money(fen))
    }

    /// `self / base * 100`, rounded down to 0.01 %, as basis points; `None` when `base` is zero.
    pub fn percent_of(self, base: Money) -> Option<i64> {
        if base.0 == 0 { None } else { Some(((i128::from(self.0) * 10_000) / i128::from(base.0)) as i64) }
    }

    /// Formats exactly with at least two decimals (`120.00`, `35.50`,
    /// `0.0389`): what pages and tables print, never rounded.
    pub fn wan_at_least_2dp(self) -> String {
        let exact = self.wan_exact();
        match exact.split_once('.') {
            None => format!("{exact}.00"),
            Some((_, frac)) if frac.len() == 1 => format!("{exact}0"),
            Some(_) => exact,
        }
    }

    /// Formats exactly, trimming trailing zeros (`35.5`, `120`).
    pub fn wan_exact(self) -> String {
        let int = self.0 / FEN_PER_WAN;
        let frac = self.0 % FEN_PER_WAN;
        if frac == 0 {
            int.to_string()
        } else {
            let f = format!("{frac:06}");
            format!("{int}.{}", f.trim_end_matches('0'))
        }
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wan_exact())
    }
}

impl serde::Serialize for Money {
    /// Open data carries the exact 万元 figure as a string so no float ever
    /// touches it; the parse cache (not human-readable) keeps the 分.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() { s.serialize_str(&self.wan_exact()) } else { s.serialize_i64(self.0) }
    }
}

/// Reads back what the parse cache (not human-readable) wrote: the 分.
impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(Money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse_wan(s).unwrap()
    }

    #[test]
    fn sums_exactly() {
        assert_eq!(m("0.1") + m("0.2"), m("0.3"));
        assert_eq!([m("35.5"), m("12.25"), m("0.0001")].into_iter().sum::<Money>(), m("47.7501"));
        assert_eq!(m("0.000001") + m("0.000002"), m("0.000003"));
    }

    #[test]
    fn six_decimals_allowed_seven_refused() {
        assert_eq!(m("1.50000"), Money::from_yuan(15_000));
        assert_eq!(m("1.0001"), Money::from_yuan(10_001));
        // To the 分, as allocation tables publish it.
        assert_eq!(m("12.345678"), Money::from_fen(12_345_678));
        assert_eq!(m("12.345678").wan_exact(), "12.345678");
        assert_eq!(Money::parse_wan("1.0000005"), Err(MoneyError::TooPrecise));
    }

    #[test]
    fn refuses_negative_and_junk() {
        assert_eq!(Money::parse_wan("-3"), Err(MoneyError::Negative));
        assert_eq!(Money::parse_wan("1e3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse_wan(".inf"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse_wan("99999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(m("-0"), Money::ZERO);
    }

    #[test]
    fn formats() {
        assert_eq!(m("120").wan_at_least_2dp(), "120.00");
        assert_eq!(m("35.5").wan_at_least_2dp(), "35.50");
        assert_eq!(m("85.123456").wan_at_least_2dp(), "85.123456");
        assert_eq!(m("35.5").wan_exact(), "35.5");
        assert_eq!(m("1.2").percent_of(m("120")), Some(100));
    }
}
