//! "是否应为“…”？": the known name a mistyped one most likely meant.
//!
//! Used wherever a name is checked against a closed list: keys of a mapping
//! (`load/reader.rs`), vocabulary values, and reference ids
//! (`validate/refs.rs`). One rule for all, so a clerk sees the same kind of
//! hint for `responsible_persn`, `nwe` and `xinzai`.

/// The longest name (in characters) that gets only one edit of slack: in a
/// short name two edits change half of it (`new` → `old`), which is no longer
/// a typo of it.
const SHORT_NAME: usize = 4;

/// The candidate closest to `typed` by Damerau-Levenshtein distance (a swap
/// of two neighbours is one edit, so is a missing or extra pinyin letter),
/// if it is within 2 edits (1 for a candidate of at most [`SHORT_NAME`]
/// characters). Ties go to the earlier candidate; an exact match is no
/// suggestion. Letter case is ignored for the distance (`Qingling-tea`).
pub(crate) fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_folded = typed.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == typed {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&typed_folded, &candidate.to_lowercase());
        let limit = if candidate.chars().count() <= SHORT_NAME { 1 } else { 2 };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The help-line sentence for a suggestion.
pub(crate) fn did_you_mean(name: &str) -> String {
    format!("是否应为“{name}”？")
}

/// `help` prefixed with the suggestion for `typed` among `candidates`, if any.
/// A `，` in `typed` is two names joined by a Chinese comma (`[上村，下村]` is
/// one item to YAML), which no distance finds: that is said instead.
pub(crate) fn help_with<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>, help: &str) -> String {
    if typed.contains('，') {
        return format!("多项之间用了中文逗号“，”，请改成英文逗号“,”，如 [shangcun, xiacun]；{help}");
    }
    prefixed(closest(typed, candidates), help)
}

/// `help` prefixed with the question for `meant`, if there is one.
pub(crate) fn prefixed(meant: Option<&str>, help: &str) -> String {
    match meant {
        Some(name) => format!("{}{help}", did_you_mean(name)),
        None => help.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_two_edits_suggest_the_known_name() {
        let keys = ["responsible_unit", "responsible_person", "implementer"];
        assert_eq!(closest("responsible_persn", keys), Some("responsible_person"));
        assert_eq!(closest("responsilbe_person", keys), Some("responsible_person"), "a swap is one edit");
        assert_eq!(closest("implementr", keys), Some("implementer"));
        assert_eq!(closest("budget", keys), None);
    }

    #[test]
    fn pinyin_with_a_letter_missing_or_added() {
        let villages = ["shangcun", "xiacun", "xinzhai"];
        assert_eq!(closest("xinzai", villages), Some("xinzhai"));
        assert_eq!(closest("xinzhaii", villages), Some("xinzhai"));
        assert_eq!(closest("xiancun", villages), Some("xiacun"));
        assert_eq!(closest("dongzhai", villages), None);
    }

    #[test]
    fn short_names_allow_one_edit_only() {
        let natures = ["new", "continued", "renovation"];
        assert_eq!(closest("nwe", natures), Some("new"));
        assert_eq!(closest("ne", natures), Some("new"));
        assert_eq!(closest("nn", natures), None, "two edits from a three-letter name");
        assert_eq!(closest("vilage", ["village", "township", "county"]), Some("village"));
    }

    #[test]
    fn boundaries_of_the_distance() {
        // Five letters: two edits allowed, three not.
        assert_eq!(closest("abxyz", ["abcde"]), None);
        assert_eq!(closest("abcxy", ["abcde"]), Some("abcde"));
        // Four letters: one edit allowed, two not.
        assert_eq!(closest("abxd", ["abcd"]), Some("abcd"));
        assert_eq!(closest("abxy", ["abcd"]), None);
    }

    #[test]
    fn ties_go_to_the_first_candidate_and_exact_is_no_suggestion() {
        assert_eq!(closest("cat", ["bat", "hat"]), Some("bat"));
        assert_eq!(closest("cat", ["hat", "bat"]), Some("hat"));
        assert_eq!(closest("bat", ["bat"]), None);
        assert_eq!(closest("Qingling-tea", ["qingling-tea"]), Some("qingling-tea"));
        assert_eq!(closest("ab", ["aX"]), Some("aX"), "case folds for the distance, not the answer");
    }

    #[test]
    fn help_line_puts_the_question_first() {
        assert_eq!(help_with("nwe", ["new"], "可选值：new"), "是否应为“new”？可选值：new");
        assert_eq!(help_with("zzz", ["new"], "可选值：new"), "可选值：new");
        assert!(help_with("shangcun，xiacun", ["shangcun"], "x").starts_with("多项之间用了中文逗号"));
    }
}
