//! Personal-data scan (`private-data`): mobile numbers and resident ID numbers.
//!
//! Public officials' office phones are normal in notices; what must not be
//! published are personal mobiles (11 digits starting with 1, optionally split
//! 3-4-4, each split by one space or one hyphen, mixed or not) and 身份证号 (17
//! digits and a digit or X). A match must not touch another digit; letters and
//! Chinese around it do not matter (docs/cli.md, `private-data`). Full-width
//! digits and separators, as Chinese input methods type them, are the same
//! number to a reader, so they count as digits and separators here too.

/// What kind of personal data was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateKind {
    /// 手机号.
    Mobile,
    /// 身份证号.
    ResidentId,
}

impl PrivateKind {
    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            PrivateKind::Mobile => "手机号",
            PrivateKind::ResidentId => "身份证号",
        }
    }
}

/// A match: its kind, the matched text, and whether it was written with
/// full-width characters (so the message can say why it matched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Kind.
    pub kind: PrivateKind,
    /// The matched characters, as written.
    pub text: String,
    /// Some digit or separator was full-width (１３９, －, U+3000).
    pub full_width: bool,
}

impl Found {
    /// The match with its middle hidden, so the diagnostic itself leaks nothing.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let n = chars.len();
        chars.iter().enumerate().map(|(i, c)| if i < 3 || i + 2 >= n { *c } else { '*' }).collect()
    }
}

/// A digit as a number, ASCII or full-width: Chinese input methods often type
/// numbers in full width (１３９…), and a reader sees the same number.
/// The digits of a mobile number, the shorter of the two kinds.
const MOBILE_DIGITS: usize = 11;

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// One separator of a 3-4-4 split: a space or a hyphen, in any width. The
/// dashes an input method offers for "-" (‐ ‑ ‒ – — −) count as hyphens.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{3000}' | '-' | '\u{FF0D}' | '\u{2010}'..='\u{2014}' | '\u{2212}')
}

fn is_full_width(c: char) -> bool {
    matches!(c, '０'..='９' | '\u{3000}' | '\u{FF0D}' | 'Ｘ' | 'ｘ')
}

/// The first mobile or resident-ID number in `text`, if any.
pub fn find(text: &str) -> Option<Found> {
    // Every number looked for has at least 11 digits: a text with fewer is
    // passed without the per-character copy below (most of them; every
    // published text of every record is scanned on every load).
    if text.chars().filter(|c| digit_value(*c).is_some()).take(MOBILE_DIGITS).count() < MOBILE_DIGITS {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| digit_value(*c).is_some());
    let found = |kind, range: std::ops::Range<usize>| {
        let matched = &chars[range];
        Some(Found { kind, text: matched.iter().collect(), full_width: matched.iter().any(|c| is_full_width(*c)) })
    };
    for start in 0..chars.len() {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            continue;
        }
        // Resident ID: 17 digits and a digit or X, nothing numeric either side.
        if (start..start + 17).all(digit)
            && chars.get(start + 17).is_some_and(|c| digit_value(*c).is_some() || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ'))
            && !digit(start + 18)
        {
            return found(PrivateKind::ResidentId, start..start + 18);
        }
        if digit_value(chars[start]) != Some(1) {
            continue;
        }
        // Mobile: 11 digits, or split 3-4-4 by one separator at each split,
        // the two alike or not (`139 1234-5678` counts: docs/cli.md).
        if (start..start + 11).all(digit) && !digit(start + 11) {
            return found(PrivateKind::Mobile, start..start + 11);
        }
        let sep = |i: usize| chars.get(i).is_some_and(|c| is_separator(*c));
        if (start..start + 3).all(digit)
            && sep(start + 3)
            && (start + 4..start + 8).all(digit)
            && sep(start + 8)
            && (start + 9..start + 13).all(digit)
            && !digit(start + 13)
        {
            return found(PrivateKind::Mobile, start..start + 13);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<PrivateKind> {
        find(s).map(|f| f.kind)
    }

    #[test]
    fn finds_mobiles_in_all_spellings() {
        assert_eq!(kind("联系人13912345678"), Some(PrivateKind::Mobile));
        assert_eq!(kind("电话 139 1234 5678 。"), Some(PrivateKind::Mobile));
        assert_eq!(kind("tel:139-1234-5678"), Some(PrivateKind::Mobile));
        assert_eq!(kind("电话139 1234-5678"), Some(PrivateKind::Mobile));
        assert_eq!(kind("电话139-1234 5678"), Some(PrivateKind::Mobile));
    }

    #[test]
    fn finds_full_width_digits_and_separators() {
        for text in [
            "１３９１２３４５６７８",
            "１３９　１２３４－５６７８",
            "139－1234－5678",
            "139\u{3000}1234 5678",
            "139–1234—5678",
        ] {
            let f = find(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(f.kind, PrivateKind::Mobile, "{text}");
        }
        assert!(find("１３９１２３４５６７８").unwrap().full_width);
        assert!(find("139－1234－5678").unwrap().full_width);
        assert!(!find("139-1234-5678").unwrap().full_width);
        assert_eq!(kind("身份证５２２７０１１９８００１０１１２３Ｘ"), Some(PrivateKind::ResidentId));
    }

    #[test]
    fn a_full_width_digit_touching_the_number_still_counts_as_a_digit() {
        assert_eq!(kind("０13912345678"), None);
        assert_eq!(kind("13912345678９"), None);
        assert_eq!(kind("139 1234-5678９"), None);
    }

    #[test]
    fn one_separator_at_each_split_only() {
        assert_eq!(kind("139  1234 5678"), None);
        assert_eq!(kind("139 1234--5678"), None);
        assert_eq!(kind("1391 234 5678"), None);
        assert_eq!(kind("139.1234.5678"), None);
    }

    #[test]
    fn ignores_numbers_that_touch_other_digits_or_office_phones() {
        assert_eq!(kind("0139123456789"), None);
        assert_eq!(kind("139123456789"), None);
        assert_eq!(kind("0854-8220001"), None);
        assert_eq!(kind("12317"), None);
        assert_eq!(kind("5227990001"), None);
    }

    #[test]
    fn finds_resident_ids() {
        assert_eq!(kind("身份证52270119800101123X号"), Some(PrivateKind::ResidentId));
        assert_eq!(kind("522701198001011234"), Some(PrivateKind::ResidentId));
        assert_eq!(kind("5227011980010112345"), None);
    }

    #[test]
    fn masks_the_middle() {
        assert_eq!(find("13912345678").unwrap().masked(), "139******78");
    }
}
