//! Turns the YAML parser's English error into a Chinese sentence with the
//! likely cause, at the offending character (`yaml-syntax`).
//!
//! The parser reports where *it* gave up, which is often the line after the
//! mistake: `total：125.8` typed with a Chinese input method is one plain
//! scalar, and the parser only complains at the next key. So we first scan the
//! raw text around and before the error position for what county staff
//! actually type wrong (full-width `：`, `，`, `－`, U+3000 spaces, tabs), and
//! only then read the parser's message. This module sees text and message
//! strings only; it never calls the YAML crate.

/// How many lines before the parser's position a cause is looked for. A
/// full-width colon is reported at most two lines late (the next sibling,
/// after a comment line); further back, a match would more likely be a guess.
const LOOK_BACK: usize = 3;

/// A syntax error explained: one sentence, a fix, and a 1-based line and column
/// (in characters) of the text that was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explained {
    pub(crate) message: String,
    pub(crate) help: String,
    pub(crate) at: Option<(u32, u32)>,
}

impl Explained {
    fn new(message: impl Into<String>, help: impl Into<String>, at: Option<(u32, u32)>) -> Self {
        Explained { message: message.into(), help: help.into(), at }
    }
}

/// Explains the parser's message `msg` (already stripped of its position),
/// reported at `at` (1-based line and column) in `text`.
pub(crate) fn explain(text: &str, msg: &str, at: Option<(u32, u32)>) -> Explained {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let Some((line, column)) = at else { return fallback(msg, at) };
    let line_index = (line as usize).saturating_sub(1).min(lines.len().saturating_sub(1));
    if let Some(found) = typed_with_chinese_ime(&lines, line_index) {
        return found;
    }
    if msg.contains("tab") {
        // A tab is reported at the end of the line before it, or where it stands.
        let window = line_index.saturating_sub(1)..(line_index + 2).min(lines.len());
        for i in window {
            if let Some(col) = indent_char(lines[i], '\t') {
                return Explained::new(
                    "缩进中用了制表符（Tab），YAML 的缩进只能用空格",
                    "把这一行开头的 Tab 换成空格，与同级的行对齐",
                    Some((i as u32 + 1, col)),
                );
            }
        }
    }
    if msg == "unclosed quote" {
        return Explained::new(
            "从这里开始的引号没有结束引号",
            "在这段文字末尾补上同样的引号（\" 或 '），引号要用英文半角",
            Some((line, column)),
        );
    }
    // Opened on an earlier line, or the parser itself says a flow collection is unfinished.
    if let Some((open, l, c)) = unclosed_bracket(&lines, line_index, column)
        && ((l as usize) <= line_index || msg.contains("flow") || msg.contains("unclosed bracket"))
    {
        let close = if open == '[' { ']' } else { '}' };
        return Explained::new(
            format!("这里的“{open}”没有对应的“{close}”"),
            format!("在这一项的末尾补上“{close}”；用方括号或花括号的列表须写在同一行内"),
            Some((l, c)),
        );
    }
    if let Some(found) = needs_quotes(&lines, line_index, column, msg) {
        return found;
    }
    if msg == "simple key expected ':'" || msg.contains("could not find expected ':'") {
        let col = first_char_column(lines[line_index]);
        return Explained::new(
            "这一行缺少键名后的英文冒号“:”",
            "在键名后写英文冒号和一个空格，如 total: 125.8；若是上一行文字的延续，请把它接到上一行",
            Some((line, col)),
        );
    }
    if msg.contains("did not find expected key")
        || msg.contains("did not find expected '-' indicator")
        || msg == "mapping values are not allowed in this context"
        || msg.contains("block collection")
        || msg.contains("block mapping")
    {
        let col = first_char_column(lines[line_index]);
        return Explained::new(
            "这一行的缩进与同一层级的键或“-”没有对齐",
            "同一层级的键和“-”须从同一列开始，下一层多缩进两个空格；缩进只用空格",
            Some((line, col)),
        );
    }
    if msg == "misplaced bracket" {
        return Explained::new("这里多了一个右括号", "删去多余的“]”或“}”，让左右括号一一成对", Some((line, column)));
    }
    fallback(msg, Some((line, column)))
}

fn fallback(msg: &str, at: Option<(u32, u32)>) -> Explained {
    Explained::new(format!("无法解析（{msg}）"), "检查缩进、冒号后的空格和引号是否成对", at)
}

/// Full-width punctuation used as YAML syntax, or a full-width space or tab in
/// the indentation, on the error line or up to [`LOOK_BACK`] lines before it.
fn typed_with_chinese_ime(lines: &[&str], line_index: usize) -> Option<Explained> {
    let first = line_index.saturating_sub(LOOK_BACK);
    for i in (first..=line_index).rev() {
        let line = lines[i];
        let at = |col: u32| Some((i as u32 + 1, col));
        if let Some(col) = indent_char(line, '\u{3000}') {
            return Some(Explained::new(
                "缩进中用了全角空格（中文输入法下的空格），YAML 的缩进只能用半角空格",
                "删去这一行开头的全角空格，改用半角空格与同级的行对齐",
                at(col),
            ));
        }
        if let Some(col) = indent_char(line, '\t') {
            return Some(Explained::new(
                "缩进中用了制表符（Tab），YAML 的缩进只能用空格",
                "把这一行开头的 Tab 换成空格，与同级的行对齐",
                at(col),
            ));
        }
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if line[indent..].starts_with('－') {
            return Some(Explained::new(
                "列表项前用了全角的“－”，应为英文半角的“-”",
                "把“－”改成半角“-”，后面空一格，如 - 上村",
                at(indent as u32 + 1),
            ));
        }
        if let Some(col) = full_width_colon_after_key(line) {
            return Some(Explained::new(
                "键名后用了中文冒号“：”，应为英文冒号“:”",
                "把“：”改成英文冒号“:”，冒号后空一格，如 total: 125.8",
                at(col),
            ));
        }
        // `[上村，下村]` is valid YAML (one item), so a `，` is blamed only
        // where the parser stopped (`{a: 1，b: 2}` stops on that line).
        if let Some(col) = full_width_comma_in_flow(line).filter(|_| i == line_index) {
            return Some(Explained::new(
                "方括号或花括号中用了中文逗号“，”分隔，应为英文逗号“,”",
                "把“，”改成英文逗号“,”，如 [上村, 下村]",
                at(col),
            ));
        }
        if let Some(col) = colon_without_space(line) {
            return Some(Explained::new("键名后的冒号“:”后面缺少空格", "在冒号后空一格，如 total: 125.8", at(col)));
        }
    }
    None
}

/// The 1-based column of `wanted` within the leading whitespace of `line`.
fn indent_char(line: &str, wanted: char) -> Option<u32> {
    line.chars().take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}')).position(|c| c == wanted).map(|i| i as u32 + 1)
}

/// The 1-based column of the first character that is not a space.
fn first_char_column(line: &str) -> u32 {
    line.chars().take_while(|c| *c == ' ').count() as u32 + 1
}

/// `total：125.8`, `- level：village`, `{from：2024}`: a `：` right after what
/// can only be a key (keys are English snake_case, content.md), and no
/// ASCII `: ` before it on the line (a `：` inside a value is fine).
fn full_width_colon_after_key(line: &str) -> Option<u32> {
    let (byte, _) = line.char_indices().find(|(_, c)| *c == '：')?;
    let before = &line[..byte];
    if before.contains(": ") || before.contains('"') || before.contains('\'') || before.contains('#') {
        return None;
    }
    let key_start = before.rfind([' ', '{', ',', '[', '-']).map_or(0, |i| i + 1);
    let key = &before[key_start..];
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_key.then(|| line[..byte].chars().count() as u32 + 1)
}

/// `year:2026`: a line that starts with a key and a `:` glued to its value
/// (not `http://`), so YAML reads the whole line as one text.
fn colon_without_space(line: &str) -> Option<u32> {
    let indent = line.chars().take_while(|c| *c == ' ').count();
    let rest = &line[indent..];
    let item = rest.strip_prefix("- ").map_or(0, |_| 2);
    let (key, after) = rest[item..].split_once(':')?;
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let glued = after.chars().next().is_some_and(|c| !matches!(c, ' ' | '/'));
    (is_key && glued).then(|| (indent + item + key.len()) as u32 + 1)
}

/// A `，` after an opening `[` or `{` on the same line, outside quotes.
fn full_width_comma_in_flow(line: &str) -> Option<u32> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in line.chars().enumerate() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return None,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '，') if depth > 0 => return Some(i as u32 + 1),
            _ => {}
        }
    }
    None
}

/// The innermost `[` / `{` still open at the error position, with its 1-based
/// line and column. Quotes and comments are skipped; a bracket opens a flow
/// collection only at the start of a value (or inside another one), so
/// `name: 茶[1]` is text.
fn unclosed_bracket(lines: &[&str], line_index: usize, column: u32) -> Option<(char, u32, u32)> {
    let mut stack: Vec<(char, u32, u32)> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(line_index + 1) {
        let mut quote = None;
        // The last character that is not a space, and the one just before `c`.
        let (mut prev, mut last) = (None, None);
        for (j, c) in line.chars().enumerate() {
            if i == line_index && j as u32 + 1 >= column {
                break;
            }
            match (quote, c) {
                (Some(q), _) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if !stack.is_empty() || matches!(prev, None | Some(':' | '-' | ',')) => {
                    quote = Some(c);
                }
                (None, '#') if matches!(last, None | Some(' ')) => break,
                (None, '[' | '{') if !stack.is_empty() || matches!(prev, None | Some(':' | '-')) => {
                    stack.push((c, i as u32 + 1, j as u32 + 1));
                }
                (None, ']' | '}') if !stack.is_empty() => {
                    stack.pop();
                }
                _ => {}
            }
            if c != ' ' {
                prev = Some(c);
            }
            last = Some(c);
        }
    }
    stack.pop()
}

/// A value the parser cannot read plain: it starts with `@`, `` ` ``, `%`,
/// names an alias that was never defined (`*` or `&` meant as text), or holds
/// a `: ` of its own, or text after a closing quote.
fn needs_quotes(lines: &[&str], line_index: usize, column: u32, msg: &str) -> Option<Explained> {
    let line = lines[line_index];
    let help = "给整个值加上英文双引号，如 name: \"@某某合作社\"";
    let at = |col: u32| Some((line_index as u32 + 1, col));
    if let Some(rest) = msg.strip_prefix("unexpected character: `") {
        let c = rest.chars().next().unwrap_or('?');
        return Some(Explained::new(format!("这个值需要加引号（值不能以“{c}”开头）"), help, at(column)));
    }
    if msg.contains("unknown anchor") {
        return Some(Explained::new(
            "这个值需要加引号（以“*”开头会被当作别名，而这里没有同名的锚点）",
            help,
            at(column),
        ));
    }
    if msg.contains("trailing content after") {
        return Some(Explained::new(
            "这个值需要加引号（现在的引号只包住了这个值的一部分）",
            help,
            at(value_column(line)?),
        ));
    }
    if msg == "mapping values are not allowed in this context" {
        // `purpose: 用途: 加工` — a second `: ` after the key's own on the error line.
        let value = value_column(line)?;
        if column > value {
            return Some(Explained::new(
                "这个值需要加引号（值中含有“: ”，会被当作又一个键）",
                "给整个值加上英文双引号，或把值中的冒号改成中文冒号“：”",
                at(value),
            ));
        }
    }
    None
}

/// The 1-based column where the value after the line's first `key: ` starts.
fn value_column(line: &str) -> Option<u32> {
    let byte = line.find(": ")?;
    let after = &line[byte + 2..];
    let spaces = after.chars().take_while(|c| *c == ' ').count();
    Some((line[..byte].chars().count() + 2 + spaces) as u32 + 1)
}

#[cfg(test)]
mod tests {
    use crate::diag::Pos;
    use crate::load::yaml::parse;

    /// The message, help and position `parse` reports for `text`.
    fn err(text: &str) -> (String, String, Pos) {
        let e = parse(text, 0).unwrap_err();
        (e.message, e.help, e.pos.unwrap())
    }

    #[track_caller]
    fn assert_err(text: &str, says: &str, line: u32, column: u32) {
        let (message, help, pos) = err(text);
        assert!(message.contains(says), "{text:?}: {message}");
        assert!(!help.is_empty() && !help.is_ascii(), "{text:?}: {help}");
        assert_eq!(pos, Pos::new(line, column), "{text:?}: {message}");
    }

    #[test]
    fn full_width_colon_is_reported_on_its_own_line() {
        // Top level: the parser stops on the same line; nested: on the next.
        assert_err("a: 1\ntotal：125.8\nb: 2\n", "中文冒号", 2, 6);
        assert_err("a: 1\nf:\n  total：125.8\n  b: 2\n", "中文冒号", 3, 8);
        assert_err("a: 1\nf:\n  total：125.8\n  # 注释\n  b: 2\n", "中文冒号", 3, 8);
    }

    #[test]
    fn a_full_width_colon_inside_a_value_is_not_blamed() {
        let (message, _, pos) = err("a: 说明：好\n  b: 2\n");
        assert!(!message.contains("中文冒号"), "{message}");
        assert_eq!(pos.line, 2);
    }

    #[test]
    fn full_width_comma_dash_and_space() {
        assert_err("a: 1\nv: {x: 1，y: 2}\nb: 2\n", "中文逗号", 2, 9);
        assert_err("a: 1\nv:\n  - x\n  － y\nb: 2\n", "全角的“－”", 4, 3);
        assert_err("v:\n  - x\n\u{3000}\u{3000}- y\n", "全角空格", 3, 1);
    }

    #[test]
    fn a_full_width_comma_above_the_error_is_not_blamed() {
        assert_err("a: [上村，下村]\nb: 1\n c: 2\n", "缩进", 3, 2);
    }

    #[test]
    fn tab_in_indentation() {
        assert_err("a: 1\nv:\n\tx: 1\nb: 2\n", "制表符", 3, 1);
        assert_err("a: 1\nv:\n  x: 1\n\ty: 1\nb: 2\n", "制表符", 4, 1);
    }

    #[test]
    fn wrong_indentation_points_at_the_line() {
        assert_err("a: 1\nv:\n  x: 1\n   y: 1\nb: 2\n", "缩进", 4, 4);
        assert_err("a: 1\nv:\n  x: 1\n y: 1\nb: 2\n", "缩进", 4, 2);
        assert_err("a: 1\n b: 2\nc: 3\n", "缩进", 2, 2);
        assert_err("a: 1\nv:\n  - x: 1\n    y: 2\n   z: 3\nb: 2\n", "缩进", 5, 4);
        assert_err("a: 1\nv:\n  - x\n - y\nb: 2\n", "缩进", 4, 2);
    }

    #[test]
    fn unclosed_quotes_and_brackets_point_where_they_open() {
        assert_err("a: \"abc\nb: 2\nc: 3\n", "引号", 1, 4);
        assert_err("a: 'abc\nb: 2\nc: 3\n", "引号", 1, 4);
        assert_err("a: [x, y\nb: 2\nc: 3\n", "“[”没有对应的“]”", 1, 4);
        assert_err("a: 1\nb: {x: 1\nc: 3\n", "“{”没有对应的“}”", 2, 4);
    }

    #[test]
    fn values_that_need_quotes() {
        for text in ["a: @abc\n", "a: `abc\n", "a: %abc\n", "a: *abc\n"] {
            assert_err(text, "这个值需要加引号", 1, 4);
        }
        assert_err("a: 1\npurpose: 用途: 加工\n", "这个值需要加引号", 2, 10);
        assert_err("a: \"x\" y\n", "这个值需要加引号", 1, 4);
    }

    #[test]
    fn a_long_line_is_scanned_in_linear_time() {
        // A 4 MB record is allowed; the bracket scan must not be quadratic in a line.
        let text = format!("a: [x\nb: {}\n", "y#".repeat(1_000_000));
        let started = std::time::Instant::now();
        assert!(parse(&text, 0).is_err());
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn a_comment_does_not_open_a_bracket() {
        assert_err("a: 1 # [注释\nb:\n  c: 1\n d: 2\n", "缩进", 4, 2);
    }

    #[test]
    fn a_key_without_colon_or_without_space() {
        assert_err("a: 1\ntotal 125.8\nb: 2\n", "缺少键名后的英文冒号", 2, 1);
        assert_err("a: 1\nyear:2026\nb: 2\n", "缺少空格", 2, 5);
        assert_err("f:\n  total:30\n  b: 2\n", "缺少空格", 2, 8);
    }

    #[test]
    fn an_extra_closing_bracket() {
        assert_err("a: [x, y]]\n", "多了一个右括号", 1, 10);
    }

    #[test]
    fn an_unexplained_error_keeps_the_parser_words_after_chinese() {
        let e = super::explain("a\n", "something new", Some((1, 1)));
        assert_eq!(e.message, "无法解析（something new）");
        assert!(!e.help.is_ascii());
    }

    #[test]
    fn front_matter_offset_moves_the_found_line() {
        let e = parse("a: 1\ntotal：125.8\nb: 2\n", 1).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(3, 6)));
    }
}
