//! The only user of the YAML crate: parses text into a positioned [`Node`] tree.
//!
//! serde-saphyr was chosen over the archived serde_yaml because it gives the
//! position of every *valid* value (`Spanned<T>`), not only of syntax errors,
//! so rule violations can point at the offending key. We deserialize into a
//! small generic tree rather than straight into records: serde stops at the
//! first type error, and county staff need every problem of a file at once.
//! Plain numbers keep their source text, so money is parsed exactly, never
//! through a float.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Pos;

mod explain;
mod lint;

pub(crate) use lint::lint;

/// A YAML node with its position (kept in the parse cache, [`super::cache`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) pos: Pos,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Kind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false` (YAML 1.2 only: `yes` is a string).
    Bool(bool),
    /// A plain (unquoted) number, with its exact source text.
    Number(String),
    /// A string; `quoted` when written in quotes.
    Str { text: String, quoted: bool },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in file order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Key {
    pub(crate) name: String,
    pub(crate) pos: Pos,
}

/// A syntax error: a Chinese sentence naming the likely cause, the fix, and
/// the position of the offending character (not always where the parser stopped).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct SyntaxError {
    pub(crate) message: String,
    pub(crate) help: String,
    pub(crate) pos: Option<Pos>,
}

/// The deepest nesting of mappings and sequences read (aliases count as
/// expanded). The content format nests at most 5 levels. serde-saphyr's own
/// default of 64 lets deserialization recurse 64 levels: ~40 KB of stack each
/// in a debug build, which overflowed the 2 MB stack of a loader (rayon)
/// thread at about 48 levels, an abort instead of a diagnostic (a release
/// build needs ~8 KB a level, so it only had a thin margin).
const MAX_DEPTH: usize = 16;

/// The most parser events that aliases (`*name`) may replay in one file. A
/// record that reuses a board list a few times replays dozens; serde-saphyr's
/// default of 1,000,000 let a 280-byte alias bomb cost 0.3 s (20 s under the
/// fuzzer's sanitizer) before it was refused.
const MAX_ALIAS_REPLAY: usize = 10_000;

/// Parses `text`; positions are shifted down by `line_offset` lines (front matter).
pub(crate) fn parse(text: &str, line_offset: u32) -> Result<Node, SyntaxError> {
    let mut options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
    };
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_REPLAY;
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(raw) => Ok(convert(raw, text, line_offset)),
        Err(e) => {
            let at = e.location().map(|l| (l.line() as u32, l.column() as u32));
            let explained = match budget_message(&e.to_string()) {
                Ok((message, help)) => explain::Explained { message, help: help.to_owned(), at },
                Err(msg) => explain::explain(text, &msg, at),
            };
            let pos = explained.at.map(|(line, column)| Pos::new(line + line_offset, column));
            Err(SyntaxError { message: explained.message, help: explained.help, pos })
        }
    }
}

const BUDGET_HELP: &str = "检查缩进和括号是否成对；重复的内容请直接写出，少用别名（*名称）";

/// Says the crate's duplicate-key and input-budget errors in Chinese; any other
/// message comes back (`Err`) without the crate's `error: line X column Y:`
/// prefix, position suffix and snippet, for [`explain::explain`].
fn budget_message(full: &str) -> Result<(String, &'static str), String> {
    let first = full.lines().next().unwrap_or(full);
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let mut msg = match first.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => first,
    };
    if let Some(i) = msg.find(" at line ") {
        msg = &msg[..i];
    }
    let msg = msg.trim();
    if let Some(key) = msg.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return Ok((format!("同一层级中键 {key} 重复出现"), "删去重复的一行，或把两处的内容合并到一个键下"));
    }
    let zh = match msg {
        // Depth before the generic budget: "too large" would send the writer looking for size.
        m if m.starts_with("budget breached: Depth") || m == "recursion limit exceeded" => {
            return Ok((format!("嵌套层级过深（最多 {MAX_DEPTH} 层）"), BUDGET_HELP));
        }
        m if m.starts_with("budget breached") => "文件过大或别名展开过多，超出读取上限",
        m if m.starts_with("alias replay limit exceeded") => "别名（*名称）展开过多，超出读取上限",
        _ => return Err(msg.to_owned()),
    };
    Ok((zh.to_owned(), BUDGET_HELP))
}

/// The tree serde-saphyr hands us, before source text is attached.
enum Raw {
    Null,
    Bool(bool),
    Number,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Number)
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = a.next_key::<Spanned<KeyText>>()? {
            let v = a.next_value()?;
            entries.push((Spanned { value: k.value.0, referenced: k.referenced, defined: k.defined }, v));
        }
        Ok(Raw::Map(entries))
    }
}

/// A mapping key as text, whatever scalar it was written as (`2024: x` is key "2024").
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a scalar key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

fn pos_of<T>(s: &Spanned<T>, line_offset: u32) -> Pos {
    Pos::new(s.referenced.line() as u32 + line_offset, s.referenced.column() as u32)
}

/// The source text of a scalar, taken from where it is *defined* (an alias points elsewhere).
fn source_text<'a, T>(s: &Spanned<T>, text: &'a str) -> &'a str {
    let span = s.defined.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(o), Some(l)) => text.get(o as usize..(o + l) as usize).unwrap_or(""),
        _ => "",
    }
}

fn convert(raw: Spanned<Raw>, text: &str, line_offset: u32) -> Node {
    let pos = pos_of(&raw, line_offset);
    let src = source_text(&raw, text);
    let kind = match raw.value {
        Raw::Null => Kind::Null,
        Raw::Bool(b) => Kind::Bool(b),
        Raw::Number => Kind::Number(src.trim().to_owned()),
        Raw::Str(s) => Kind::Str { quoted: src.starts_with('"') || src.starts_with('\''), text: s },
        Raw::Seq(items) => Kind::Seq(items.into_iter().map(|i| convert(i, text, line_offset)).collect()),
        Raw::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let kp = pos_of(&k, line_offset);
                    (Key { name: k.value, pos: kp }, convert(v, text, line_offset))
                })
                .collect(),
        ),
    };
    Node { kind, pos }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text_and_positions() {
        let n = parse("a: 120.50\nb: \"x\"\nc: yes\n", 0).unwrap();
        let Kind::Map(m) = n.kind else { panic!("map") };
        assert_eq!(m[0].1.kind, Kind::Number("120.50".into()));
        assert_eq!(m[0].1.pos, Pos::new(1, 4));
        assert_eq!(m[1].1.kind, Kind::Str { text: "x".into(), quoted: true });
        assert_eq!(m[2].1.kind, Kind::Str { text: "yes".into(), quoted: false });
        assert_eq!(m[2].0.pos, Pos::new(3, 1));
    }

    #[test]
    fn line_offset_shifts_positions() {
        let n = parse("a: 1\n", 5).unwrap();
        let Kind::Map(m) = n.kind else { panic!("map") };
        assert_eq!(m[0].0.pos, Pos::new(6, 1));
    }

    #[test]
    fn duplicate_key_is_a_syntax_error_with_position() {
        let e = parse("a: 1\nb: 2\na: 3\n", 0).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(3, 1)));
        assert!(e.message.contains("重复"), "{}", e.message);
    }

    #[test]
    fn the_deepest_accepted_nesting_fits_a_two_megabyte_stack() {
        // Runs on the test harness's 2 MB thread, in a debug build: the worst case.
        let nested = |d: usize| format!("a: {}{}\n", "[".repeat(d - 1), "]".repeat(d - 1));
        assert!(parse(&nested(MAX_DEPTH), 0).is_ok());
        let block: String = (0..MAX_DEPTH).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
        assert!(parse(&format!("{block}{}x\n", "  ".repeat(MAX_DEPTH)), 0).is_ok());
        assert!(parse(&nested(MAX_DEPTH + 1), 0).is_err());
    }

    #[test]
    fn deep_nesting_says_so_in_block_and_flow_style() {
        let block: String = (0..100).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
        let flow = format!("a: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        for text in [block, flow] {
            let e = parse(&text, 0).unwrap_err();
            assert!(e.message.contains("嵌套层级过深"), "{}", e.message);
        }
    }

    #[test]
    fn aliases_replay_a_bounded_number_of_events() {
        let list = format!("[{}]", vec!["x"; 99].join(","));
        let reuse = |n: usize| format!("a: &a {list}\nb: [{}]\n", vec!["*a"; n].join(","));
        // About 100 events a replay: half the budget reads, twice the budget is refused.
        assert!(parse(&reuse(MAX_ALIAS_REPLAY / 200), 0).is_ok());
        let e = parse(&reuse(MAX_ALIAS_REPLAY / 50), 0).unwrap_err();
        assert!(e.message.contains("别名"), "{}", e.message);
    }

    #[test]
    fn alias_bomb_is_refused_not_expanded() {
        let mut s = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (i, c) in ["b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
            let prev = ["a", "b", "c", "d", "e", "f", "g"][i];
            s.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
        }
        assert!(parse(&s, 0).is_err());
    }
}
