//! What a ledger's title says: "青岭县2024年中央财政衔接推进乡村振兴补助资金分配表
//! （青财农〔2024〕12号）" names the county, the year, the fund of every amount
//! and the document that allocated it.

use crate::domain::project::{FundLevel, FundingSource};

/// The facts read from the rows above the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Title {
    /// The first line with text, as written.
    pub(crate) text: String,
    /// The first `YYYY年` of the title.
    pub(crate) year: Option<i32>,
    /// The fund the title names (中央财政衔接… → bridging fund, central).
    pub(crate) fund: Option<(FundingSource, Option<FundLevel>)>,
    /// A document number in the title (青财农〔2024〕12号).
    pub(crate) doc_no: Option<String>,
    /// The unit line says the amounts are in 元 (单位：元).
    pub(crate) amounts_in_yuan: bool,
}

/// Reads the rows above the header (title first).
pub(crate) fn read(above: &[String]) -> Title {
    let text = above.first().cloned().unwrap_or_default();
    let all = above.join(" ");
    let compact: String = all.chars().filter(|c| !c.is_whitespace()).collect();
    let amounts_in_yuan = ["单位：元", "单位:元", "金额单位：元", "（单位：元）"].iter().any(|u| compact.contains(u));
    Title { year: year(&text), fund: fund(&text), doc_no: doc_no(&all), amounts_in_yuan, text }
}

/// The first four-digit year followed by 年.
pub(crate) fn year(t: &str) -> Option<i32> {
    let chars: Vec<char> = t.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        (before_ok && chars[i + 4] == '年' && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|y| (1990..2100).contains(y))
    })
}

/// The fund a text names (a title, or a 资金来源 cell such as 中央衔接资金,
/// 市级, 结余资金), with its level when said.
pub(crate) fn fund(t: &str) -> Option<(FundingSource, Option<FundLevel>)> {
    use FundingSource as S;
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let named = [
        ("结余", S::BalanceFund),
        ("东西部", S::EastWestFund),
        ("东西协作", S::EastWestFund),
        ("定点帮扶", S::DesignatedAssistanceFund),
        ("以工代赈", S::WorkForRelief),
        ("债券", S::LocalBond),
        ("信贷", S::BankCredit),
        ("贷款", S::BankCredit),
        ("自筹", S::SelfRaised),
        ("捐赠", S::Donation),
        ("统筹整合", S::IntegratedAgriFund),
        ("整合", S::IntegratedAgriFund),
    ];
    if let Some((_, s)) = named.iter().find(|(w, _)| t.contains(w)) {
        return Some((*s, None));
    }
    let level = if t.contains("中央") {
        Some(FundLevel::Central)
    } else if t.contains("省级") || t.starts_with('省') {
        Some(FundLevel::Provincial)
    } else if ["市县", "市级", "县级", "州级", "市本级", "县本级"].iter().any(|w| t.contains(w))
        || t == "市"
        || t == "县"
    {
        Some(FundLevel::Local)
    } else {
        None
    };
    if t.contains("衔接") || level.is_some() {
        return Some((S::BridgingFund, level));
    }
    None
}

/// `青财农〔2024〕12号` in a text: the run before a 〔year〕 and up to 号.
fn doc_no(t: &str) -> Option<String> {
    let open = t.find(['〔', '[', '［'])?;
    let close = open + t[open..].find('号')? + '号'.len_utf8();
    let start = t[..open]
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace() && !"（(：:，,".contains(*c))
        .last()
        .map_or(open, |(i, _)| i);
    let doc = &t[start..close];
    (doc.chars().count() <= 30 && start < open).then(|| doc.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use FundingSource as S;

    #[test]
    fn a_title_names_year_fund_and_document() {
        let t = read(&["青岭县2024年中央财政衔接推进乡村振兴补助资金分配表（青财农〔2024〕12号）".into()]);
        assert_eq!(t.year, Some(2024));
        assert_eq!(t.fund, Some((S::BridgingFund, Some(FundLevel::Central))));
        assert_eq!(t.doc_no.as_deref(), Some("青财农〔2024〕12号"));
        let plain = read(&["青岭县2025年巩固拓展脱贫攻坚成果和乡村振兴项目库".into(), "单位：万元".into()]);
        assert_eq!((plain.year, plain.fund, plain.doc_no, plain.amounts_in_yuan), (Some(2025), None, None, false));
        assert!(read(&["某县项目表".into(), "金额单位：元".into()]).amounts_in_yuan);
    }

    #[test]
    fn fund_cells() {
        assert_eq!(fund("中央衔接资金"), Some((S::BridgingFund, Some(FundLevel::Central))));
        assert_eq!(fund("市级"), Some((S::BridgingFund, Some(FundLevel::Local))));
        assert_eq!(fund("结余资金"), Some((S::BalanceFund, None)));
        assert_eq!(fund("衔接资金"), Some((S::BridgingFund, None)));
        assert_eq!(fund("东西部协作资金"), Some((S::EastWestFund, None)));
        assert_eq!(fund("村集体"), None);
    }
}
