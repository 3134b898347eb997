//! 绩效目标 as ledgers write them: structured ("新建厂房面积600平方米",
//! "受益脱贫户数≥15户"), or a sentence ("通过项目实施，完成8000米道路建设任务，
//! 解决群众2200人出行问题") kept as written; 产出/效益/满意度 sub-columns give
//! their category.

use super::columns::{Field, TargetCategory};
use super::row::{Row, q};
use super::value;

/// One target as the project file will hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Indicator, value as written (comparators kept), unit, category.
    Structured { indicator: String, value: String, unit: Option<String>, category: Option<TargetCategory> },
    /// A sentence, kept as written.
    Prose(String),
}

impl Target {
    /// The YAML list item (without the leading `  - `).
    pub(crate) fn yaml(&self) -> String {
        match self {
            Target::Prose(t) => q(t),
            Target::Structured { indicator, value: v, unit, category } => {
                let v = if value::is_number(v) { v.clone() } else { q(v) };
                let unit = unit.as_ref().map(|u| format!(", unit: {}", q(u))).unwrap_or_default();
                let category = category.map(|c| format!(", category: {}", c.key())).unwrap_or_default();
                format!("{{indicator: {}, value: {v}{unit}{category}}}", q(indicator))
            }
        }
    }
}

/// Every target of the row; empty when the ledger gives none.
pub(crate) fn read(row: &mut Row<'_>) -> Vec<Target> {
    let mut out = Vec::new();
    if let Some(indicator) = row.opt_text(Field::TargetIndicator) {
        let v = row.opt_text(Field::TargetValue).unwrap_or_default();
        if !v.chars().any(|c| c.is_ascii_digit()) {
            let h = row.header(Field::TargetValue).or(row.header(Field::TargetIndicator)).map(str::to_owned);
            row.problem(h.as_deref(), format!("指标值“{v}”应为数字（可带 ≥、≤）"));
        }
        let unit = row.opt_text(Field::TargetUnit);
        out.push(Target::Structured { indicator, value: v, unit, category: None });
    }
    let cells: Vec<(Field, String)> = row.cells.iter().filter_map(|(f, _, c)| Some((*f, value::text(c)?))).collect();
    for (f, text) in cells {
        let category = match f {
            Field::Targets => None,
            Field::TargetsOf(c) => Some(c),
            _ => continue,
        };
        for item in text.split(['；', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
            out.push(split(without_numbering(item), category));
        }
    }
    out
}

/// `1.新建…`, `2、…`, `（3）…` → the item without its list number.
fn without_numbering(item: &str) -> &str {
    let rest = item.trim_start_matches(['（', '(']);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let after = &rest[digits..];
    match after.chars().next() {
        Some(c) if (1..=2).contains(&digits) && "、.．)）".contains(c) => after[c.len_utf8()..].trim(),
        _ => item,
    }
}

/// Comparators kept in front of a value.
const COMPARATORS: &str = "≥≤><=＞＜≧≦";

/// `新建厂房面积600平方米` → indicator 新建厂房面积, value 600, unit 平方米: the
/// last number splits the text. A sentence (punctuation in the indicator, a
/// long or empty indicator) stays prose.
pub(crate) fn split(item: &str, category: Option<TargetCategory>) -> Target {
    let prose = || Target::Prose(item.to_owned());
    let chars: Vec<char> = item.chars().collect();
    let Some(last) = chars.iter().rposition(|c| c.is_ascii_digit()) else { return prose() };
    let end = last + 1;
    let mut start = end;
    while start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '.') {
        start -= 1;
    }
    while start > 0 && COMPARATORS.contains(chars[start - 1]) {
        start -= 1;
    }
    let indicator: String = chars[..start].iter().collect::<String>().trim_end_matches(['：', ':', ' ']).to_owned();
    let number: String = chars[start..end].iter().collect();
    let unit: String = chars[end..].iter().collect::<String>().trim().to_owned();
    let punctuated = |s: &str| s.chars().any(|c| "，。,；;、（）()".contains(c));
    let is_sentence = indicator.is_empty()
        || indicator.chars().count() > 20
        || punctuated(&indicator)
        || unit.chars().count() > 6
        || punctuated(&unit)
        || unit.chars().any(|c| c.is_ascii_digit());
    if is_sentence {
        return prose();
    }
    let unit = Some(unit).filter(|u| !u.is_empty());
    Target::Structured { indicator, value: number, unit, category }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(indicator: &str, value: &str, unit: Option<&str>) -> Target {
        Target::Structured {
            indicator: indicator.into(),
            value: value.into(),
            unit: unit.map(Into::into),
            category: None,
        }
    }

    #[test]
    fn targets_split_at_the_last_number_or_stay_prose() {
        assert_eq!(split("新建厂房面积600平方米", None), s("新建厂房面积", "600", Some("平方米")));
        assert_eq!(split("硬化道路：1.2公里", None), s("硬化道路", "1.2", Some("公里")));
        assert_eq!(split("受益脱贫户数≥15户", None), s("受益脱贫户数", "≥15", Some("户")));
        assert_eq!(split("群众满意度≥95%", None), s("群众满意度", "≥95", Some("%")));
        assert_eq!(split("带动增收", None), Target::Prose("带动增收".into()));
        assert_eq!(without_numbering("1.新建茶园500亩"), "新建茶园500亩");
        assert_eq!(without_numbering("（2）修建便道"), "修建便道");
        assert_eq!(without_numbering("800亩茶园提质"), "800亩茶园提质");
        let sentence = "通过项目实施，完成8000米道路建设任务，解决群众2200人出行问题";
        assert_eq!(split(sentence, None), Target::Prose(sentence.into()));
        assert_eq!(
            s("受益脱贫户数", "≥15", Some("户")).yaml(),
            r#"{indicator: "受益脱贫户数", value: "≥15", unit: "户"}"#
        );
    }
}
