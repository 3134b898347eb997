//! Record ids: the one place that knows the id pattern
//! `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$` (docs/content.md). An id is also a
//! file name and a URL segment, so the pattern keeps it a plain path segment.

use std::fmt;

/// The longest id, in bytes (all ASCII).
pub const MAX_LEN: usize = 64;

/// The pattern in the words of a `bad-id` message.
pub const RULE_ZH: &str = "只能用字母、数字、- 和 _，以字母或数字开头，最长 64 位";

/// An id that matches the id pattern: 1 to 64 ASCII letters, digits, `-`
/// and `_`, starting with a letter or a digit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct RecordId(String);

impl RecordId {
    /// `text` as an id, if it matches the pattern.
    pub fn parse(text: &str) -> Option<Self> {
        Self::is_valid(text).then(|| Self(text.to_owned()))
    }

    /// Whether `text` matches `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`.
    pub fn is_valid(text: &str) -> bool {
        let b = text.as_bytes();
        !b.is_empty()
            && b.len() <= MAX_LEN
            && b[0].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RecordId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id a bad id (already `bad-id`) most likely meant: the id without the
/// characters the id pattern does not allow. Records naming that are not
/// reported again, and a record kept under its bad id still meets them.
pub fn intended_id(id: &str) -> String {
    id.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        assert!(RecordId::is_valid("QL-2024-0007"));
        assert!(RecordId::is_valid(&"a".repeat(64)));
        assert!(!RecordId::is_valid(&"a".repeat(65)));
        assert!(!RecordId::is_valid("-x"));
        assert!(!RecordId::is_valid("../etc"));
        assert!(!RecordId::is_valid("项目1"));
        assert!(!RecordId::is_valid(""));
    }

    #[test]
    fn parse_keeps_the_text_and_refuses_the_rest() {
        assert_eq!(RecordId::parse("qingling").map(|i| i.to_string()), Some("qingling".into()));
        assert_eq!(RecordId::parse("青岭"), None);
    }

    #[test]
    fn intended_id_drops_what_the_pattern_does_not_allow() {
        assert_eq!(intended_id("QL 2024/0007"), "QL20240007");
        assert_eq!(intended_id("ql-tea_1"), "ql-tea_1");
    }
}
