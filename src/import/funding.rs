//! 资金 of a ledger row: one amount column per source (中央衔接资金, 自筹资金,
//! or 中央/省级/市县 under 资金来源及规模), or a single money column that is
//! the total and the only line, its fund named by a text column (资金来源:
//! 中央衔接资金, 市级, 结余资金), by the amount cell itself ("50万元，中央衔接
//! 资金"), by the title, or by `--fund`. Amounts keep the ledger's precision.

use super::columns::Field;
use super::row::Row;
use super::sheet::Cell;
use super::title;
use super::value;
use crate::domain::Money;
use crate::domain::project::{FundLevel, FundingSource};

/// One funding line.
pub(crate) type Line = (FundingSource, Option<FundLevel>, Money);

/// A fund named by the title or an option, with what named it (for the report).
pub(crate) type Fund = (FundingSource, Option<FundLevel>);

/// The total and the lines, or `None` (problems reported) when the row gives
/// no amount. Amounts are in 万元, or in 元 under a header that says `（元）`
/// or in a ledger whose unit line says 单位：元 (`yuan`).
pub(crate) fn read(row: &mut Row<'_>, default_fund: Option<Fund>, yuan: bool) -> Option<(Money, Vec<Line>)> {
    let before = row.problems.len();
    let money = |h: &str, c: &Cell| {
        let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
        let in_yuan = h.ends_with("（元）") || h.ends_with("(元)") || (yuan && !h.contains("万元"));
        if in_yuan { value::money_yuan(c) } else { value::money(c) }
    };
    let mut lines: Vec<Line> = Vec::new();
    let columns: Vec<(Field, &str, &Cell)> = row.cells.clone();
    for (f, h, c) in columns {
        if let Field::Source(s, level) = f
            && !c.is_empty()
        {
            match money(h, c) {
                Ok(m) if m == Money::ZERO => {}
                Ok(m) => lines.push((s, level, m)),
                Err(e) => row.problem(Some(h), e.to_string()),
            }
        }
    }
    let (total, words) = match row.find(Field::Total) {
        Some((h, c)) => match amount_and_words(c, |c| money(h, c)) {
            Ok((m, w)) => (Some(m), w),
            Err(e) => {
                row.problem(Some(h), e.to_string());
                (None, None)
            }
        },
        None => (None, None),
    };
    let named = match row.find(Field::FundText) {
        Some((h, c)) => {
            let t = value::text(c).unwrap_or_default();
            let f = title::fund(&t);
            if f.is_none() {
                row.problem(
                    Some(h),
                    format!("资金来源“{t}”无法识别，应写成 中央衔接资金、省级衔接资金、市级、结余资金 等"),
                );
            }
            f
        }
        None => words.as_deref().and_then(title::fund),
    };
    if row.problems.len() > before {
        return None;
    }
    let sum = lines.iter().fold(Money::ZERO, |a, (_, _, m)| a + *m);
    if lines.is_empty() {
        let Some(total) = total else {
            row.problem(None, "没有填写金额（总投资或各资金来源金额）".into());
            return None;
        };
        let Some((source, level)) = named.or(default_fund) else {
            let h = row.header(Field::Total).map(str::to_owned);
            row.problem(
                h.as_deref(),
                "无法确定这笔资金的来源：请在台账中加“资金来源”列，或在标题中写明资金名称，或用 --fund 指定（如 --fund 中央衔接资金）".into(),
            );
            return None;
        };
        return Some((total, vec![(source, level, total)]));
    }
    if let Some(t) = total
        && t != sum
    {
        let h = row.header(Field::Total).map(str::to_owned);
        row.problem(h.as_deref(), format!("总投资 {} 万元与各来源之和 {} 万元不符", t.wan_exact(), sum.wan_exact()));
        return None;
    }
    // A row whose 资金来源 says another fund (结余资金) has its level columns in that fund.
    if let Some((source, level)) = named.filter(|(s, _)| *s != FundingSource::BridgingFund)
        && lines.iter().all(|(s, _, _)| *s == FundingSource::BridgingFund)
    {
        return Some((sum, vec![(source, level, sum)]));
    }
    Some((sum, lines))
}

/// An amount cell: a number in 万元, or an amount followed by the fund's name
/// (资金规模和筹资方式: "50万元，中央衔接资金"), whose words are returned.
fn amount_and_words(
    c: &Cell,
    money: impl Fn(&Cell) -> Result<Money, value::CellError>,
) -> Result<(Money, Option<String>), value::CellError> {
    let first = money(c);
    let Ok(m) = first else {
        let t = value::text(c).unwrap_or_default();
        let start = t.find(|c: char| c.is_ascii_digit()).unwrap_or(t.len());
        let end =
            t[start..].find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).map_or(t.len(), |e| start + e);
        let words = format!("{}{}", &t[..start], &t[end..]);
        let words = words.trim_start_matches("万元").trim_start_matches('万');
        if start == end || words.is_ascii() {
            return first.map(|m| (m, None));
        }
        let m = money(&Cell::Text(t[start..end].to_owned()))?;
        return Ok((m, Some(words.to_owned())));
    };
    Ok((m, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_with_its_fund_in_one_cell() {
        let wan = |c: &Cell| value::money(c);
        let (m, w) = amount_and_words(&Cell::Text("50.5万元，中央衔接资金".into()), wan).unwrap();
        assert_eq!((m.wan_exact(), w.as_deref()), ("50.5".into(), Some("，中央衔接资金")));
        assert_eq!(amount_and_words(&Cell::Number(12.0), wan).unwrap().1, None);
        assert!(amount_and_words(&Cell::Text("待定".into()), wan).is_err());
    }
}
