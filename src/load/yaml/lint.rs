//! Spellings that are valid YAML but not what a clerk meant: the file parses,
//! and part of a value silently disappears.
//!
//! - A ` #` inside an unquoted value starts a comment: `name: 白岩村 #3 厂房`
//!   reads as `白岩村`. Only a `#` followed directly by text is reported, so
//!   the comments that `gongshi new` writes (`id: x   # 项目编号…`) pass.
//! - A value starting with `&` is an anchor name, not text:
//!   `implementer: &A 合作社` reads as `合作社`. An anchor that an alias
//!   (`*name`) uses is deliberate and passes.
//!
//! The parser does not expose comments or anchors, so this reads the text
//! line by line; block scalars (`|`, `>`) are skipped, their lines are text.

use super::SyntaxError;
use crate::diag::Pos;

/// Every such spelling in `text`, whose first line is file line `line_offset + 1`.
pub(crate) fn lint(text: &str, line_offset: u32) -> Vec<SyntaxError> {
    let mut found = Vec::new();
    // The indentation of the key that opened a block scalar, while in it.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" {
            continue;
        }
        let comment = comment_start(line);
        let code = comment.map_or(line, |i| &line[..i]);
        if opens_block_scalar(code) {
            block = Some(indent);
        }
        let at = |column: usize| Some(Pos::new(line_offset + i as u32 + 1, column as u32 + 1));
        if let Some(hash) = comment {
            let after = line[hash + 1..].chars().next();
            let before = line[..hash].trim_end();
            let has_value = !(before.ends_with(':') || before.ends_with('-') || before.is_empty());
            if has_value && after.is_some_and(|c| !c.is_whitespace() && c != '#') {
                let lost = line[hash..].trim_end();
                found.push(SyntaxError {
                    message: format!("“{lost}”前有空格，被 YAML 当作注释，没有读入这个值"),
                    help: "如果 # 是内容的一部分，请给整个值加引号，如 name: \"白岩村 #3 厂房\"；如果是说明，请在 # 后加一个空格"
                        .to_owned(),
                    pos: at(line[..hash].chars().count()),
                });
            }
        }
        if let Some(amp) = anchor_start(code) {
            let name: String = code[amp + 1..].chars().take_while(|c| !c.is_whitespace()).collect();
            if !name.is_empty() && !text.contains(&format!("*{name}")) {
                found.push(SyntaxError {
                    message: format!("值开头的“&{name}”被 YAML 当作锚点名，没有读入这个值"),
                    help: "如果 & 是内容的一部分，请给整个值加引号，如 implementer: \"&A 合作社\"".to_owned(),
                    pos: at(line[..amp].chars().count()),
                });
            }
        }
    }
    found
}

/// The byte index of the `#` that starts a comment on `line`: outside quotes
/// and after a space or tab.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            // A quote opens a quoted scalar only at the start of a value.
            (None, '"' | '\'') if prev.is_whitespace() || matches!(prev, ':' | '[' | '{' | ',' | '-') => {
                quote = Some(c);
            }
            (None, '#') if prev.is_whitespace() => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

/// The byte index of an `&` that starts a block-style value: after `key: `
/// or `- ` (flow collections are left to the parser).
fn anchor_start(code: &str) -> Option<usize> {
    let rest = code.trim_start();
    let start = code.len() - rest.len();
    let mut value = rest;
    let mut offset = start;
    while let Some(r) = value.strip_prefix("- ") {
        let r2 = r.trim_start();
        offset += value.len() - r2.len();
        value = r2;
    }
    if let Some(colon) = key_colon(value) {
        let r = &value[colon + 1..];
        let r2 = r.trim_start();
        offset += colon + 1 + (r.len() - r2.len());
        value = r2;
    }
    value.starts_with('&').then_some(offset)
}

/// The byte index of the `: ` (or final `:`) that ends a plain key.
fn key_colon(s: &str) -> Option<usize> {
    if s.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    s.char_indices()
        .find(|&(i, c)| c == ':' && s[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map(|(i, _)| i)
}

/// Whether `code` ends with a block scalar indicator (`key: |`, `- >-` …).
fn opens_block_scalar(code: &str) -> bool {
    let t = code.trim_end();
    let last = t.rsplit([' ', '\t']).next().unwrap_or(t);
    (last.starts_with('|') || last.starts_with('>'))
        && last[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9'))
        && t.len() > last.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u32, u32)> {
        lint(text, 0).iter().map(|e| e.pos.map(|p| (p.line, p.column)).unwrap()).collect()
    }

    #[test]
    fn a_hash_glued_to_text_inside_a_value_is_reported_where_it_is() {
        assert_eq!(lines("name: 白岩村 #3 厂房\n"), [(1, 11)]);
        assert_eq!(lines("items:\n  - 茶叶 #二组\n"), [(2, 8)]);
    }

    #[test]
    fn comments_quotes_urls_and_block_text_pass() {
        let ok = "# 说明 #1\nid: QL-1        # 项目编号\nname: \"白岩村 #3\"\nurl: https://x.cn/#a\n\
                  key: # 说明\nbody: |\n  第 #3 段\n  继续 #4\nnext: 1\n";
        assert_eq!(lines(ok), []);
    }

    #[test]
    fn an_anchor_no_alias_uses_is_reported() {
        assert_eq!(lines("implementer: &A 合作社\n"), [(1, 14)]);
        assert_eq!(lines("list:\n  - &x 1\n"), [(2, 5)]);
        assert_eq!(lines("a: &base 1\nb: *base\n"), []);
        assert_eq!(lines("a: \"&A 合作社\"\n"), []);
    }
}
