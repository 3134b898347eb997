//! Personal-data scan (`private-data`): mobile numbers and resident ID numbers.
//!
//! Public officials' office phones are normal in notices; what must not be
//! published are personal mobiles (11 digits starting with 1, optionally split
//! 3-4-4 by one space or hyphen) and 身份证号 (17 digits and a digit or X).
//! A match must not touch another digit; letters and Chinese around it do not
//! matter (spec/cli.md, "Private data").

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

/// A match: its kind and the matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Kind.
    pub kind: PrivateKind,
    /// The matched characters.
    pub text: String,
}

impl Found {
    /// The match with its middle hidden, so the diagnostic itself leaks nothing.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let n = chars.len();
        chars.iter().enumerate().map(|(i, c)| if i < 3 || i + 2 >= n { *c } else { '*' }).collect()
    }
}

/// The first mobile or resident-ID number in `text`, if any.
pub fn find(text: &str) -> Option<Found> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    for start in 0..chars.len() {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            continue;
        }
        // Resident ID: 17 digits and a digit or X, nothing numeric either side.
        if (start..start + 17).all(digit)
            && chars.get(start + 17).is_some_and(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x')
            && !digit(start + 18)
        {
            return Some(Found { kind: PrivateKind::ResidentId, text: chars[start..start + 18].iter().collect() });
        }
        if chars[start] != '1' {
            continue;
        }
        // Mobile: 11 digits, or 3-4-4 split by one space or hyphen (the same separator twice).
        if (start..start + 11).all(digit) && !digit(start + 11) {
            return Some(Found { kind: PrivateKind::Mobile, text: chars[start..start + 11].iter().collect() });
        }
        let sep = chars.get(start + 3).copied();
        if matches!(sep, Some(' ' | '-'))
            && (start..start + 3).all(digit)
            && (start + 4..start + 8).all(digit)
            && chars.get(start + 8).copied() == sep
            && (start + 9..start + 13).all(digit)
            && !digit(start + 13)
        {
            return Some(Found { kind: PrivateKind::Mobile, text: chars[start..start + 13].iter().collect() });
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
    }

    #[test]
    fn ignores_numbers_that_touch_other_digits_or_office_phones() {
        assert_eq!(kind("0139123456789"), None);
        assert_eq!(kind("139123456789"), None);
        assert_eq!(kind("0854-8220001"), None);
        assert_eq!(kind("12317"), None);
        assert_eq!(kind("139-1234 5678"), None);
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
