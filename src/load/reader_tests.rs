//! Unit tests of the readers (`reader.rs`).

use super::*;
use crate::format::Keys;
use crate::load::yaml::parse;

fn ctx() -> Ctx {
    Ctx::new(SourcePath("t.yaml".into()))
}

/// A description whose keys are all optional.
fn optional() -> &'static Keys {
    Keys::made_up(&["a", "b", "c", "f", "l"], &[])
}

/// The value written under `key` of the mapping `node`.
fn value<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    let Kind::Map(entries) = &node.kind else { return None };
    entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
}

#[test]
fn unknown_and_missing_fields_are_all_reported() {
    let node = parse("a: 1\nbeizhu: x\nc:\n", 0).unwrap();
    let mut c = ctx();
    let keys = Keys::made_up(&["a", "b", "c"], &["a", "b", "c"]);
    let mut m = c.map_of(&node, keys).unwrap();
    m.get(&mut c, "a");
    m.get(&mut c, "b");
    m.get(&mut c, "c");
    m.finish(&mut c);
    let got: Vec<_> = c.diags.iter().map(|d| (d.code, d.location.pos.unwrap().line)).collect();
    assert_eq!(got, [(Code::MissingField, 1), (Code::MissingField, 3), (Code::UnknownField, 2)]);
}

#[test]
fn a_misspelt_required_key_is_one_unknown_field_with_a_suggestion() {
    let node = parse("name: x\nresponsible_persn: 陈某\n", 0).unwrap();
    let mut c = ctx();
    let keys = Keys::made_up(
        &["name", "responsible_unit", "responsible_person"],
        &["name", "responsible_unit", "responsible_person"],
    );
    let mut m = c.map_of(&node, keys).unwrap();
    m.get(&mut c, "name");
    m.get(&mut c, "responsible_unit");
    m.get(&mut c, "responsible_person");
    m.finish(&mut c);
    let got: Vec<_> = c.diags.iter().map(|d| (d.code, d.message.as_str())).collect();
    assert_eq!(
        got,
        [(Code::MissingField, "缺少必填项 responsible_unit"), (Code::UnknownField, "未定义的字段 responsible_persn")]
    );
    assert_eq!(c.diags[1].help.as_deref(), Some("是否应为“responsible_person”？检查拼写；可用字段见内容格式说明"));
}

#[test]
fn a_key_far_from_every_known_one_gets_no_suggestion() {
    let node = parse("a: 1\nbeizhu: x\n", 0).unwrap();
    let mut c = ctx();
    let keys = Keys::made_up(&["a", "name"], &["a", "name"]);
    let mut m = c.map_of(&node, keys).unwrap();
    m.get(&mut c, "a");
    m.get(&mut c, "name");
    m.finish(&mut c);
    assert_eq!(c.diags.len(), 2);
    assert_eq!(c.diags[1].help.as_deref(), Some("检查拼写；可用字段见内容格式说明"));
}

#[test]
fn a_key_behind_a_full_width_space_says_so() {
    let node = parse("a: 1\n\u{3000}\u{3000}b: 2\n", 0).unwrap();
    let mut c = ctx();
    let keys = Keys::made_up(&["a", "b"], &["a", "b"]);
    let mut m = c.map_of(&node, keys).unwrap();
    m.get(&mut c, "a");
    m.get(&mut c, "b");
    m.finish(&mut c);
    assert_eq!(c.diags.len(), 1, "{:?}", c.diags);
    assert!(c.diags[0].message.contains("全角空格"), "{}", c.diags[0].message);
}

#[test]
fn a_vocabulary_value_gets_a_suggestion() {
    use crate::domain::project::NoticeLevel;
    let node = parse("a: vilage\nb: zzz\n", 0).unwrap();
    let mut c = ctx();
    assert!(c.keyword::<NoticeLevel>(value(&node, "a").unwrap()).is_none());
    assert!(c.keyword::<NoticeLevel>(value(&node, "b").unwrap()).is_none());
    assert!(c.diags[0].help.as_deref().unwrap().starts_with("是否应为“village”？可选值："), "{:?}", c.diags[0]);
    assert!(c.diags[1].help.as_deref().unwrap().starts_with("可选值："), "{:?}", c.diags[1]);
}

#[test]
fn full_width_colon_and_dash_that_parse_as_text_are_named() {
    let node = parse("f: total：30\nl: －上村\n", 0).unwrap();
    let mut c = ctx();
    assert!(c.map_of(value(&node, "f").unwrap(), optional()).is_none());
    assert!(c.list(value(&node, "l").unwrap(), |_, n| Some(n)).is_empty());
    assert!(c.diags[0].help.as_deref().unwrap().contains("中文冒号"), "{:?}", c.diags[0]);
    assert!(c.diags[1].help.as_deref().unwrap().contains("“－”"), "{:?}", c.diags[1]);
    let node = parse("f: total:30\n", 0).unwrap();
    assert!(c.map_of(value(&node, "f").unwrap(), optional()).is_none());
    assert!(c.diags[2].help.as_deref().unwrap().contains("后面要空一格"), "{:?}", c.diags[2]);
}

#[test]
fn yes_is_not_a_boolean_and_quoted_number_is_not_money() {
    let node = parse("a: yes\nb: \"12\"\nc: 12.5\n", 0).unwrap();
    let mut c = ctx();
    let a = value(&node, "a").unwrap();
    assert_eq!(c.boolean(a), None);
    let b = value(&node, "b").unwrap();
    assert!(c.money(b).is_none());
    let cc = value(&node, "c").unwrap();
    assert_eq!(c.money(cc).unwrap().value, Money::from_yuan(125_000));
    assert_eq!(c.diags.len(), 2);
    assert!(c.diags.iter().all(|d| d.code == Code::InvalidValue));
}

#[test]
fn bidi_overrides_are_refused() {
    let node = parse("a: \"文号\u{202E}5号\"\n", 0).unwrap();
    let mut c = ctx();
    assert_eq!(c.text(value(&node, "a").unwrap()), None);
    assert_eq!(c.diags[0].code, Code::InvalidValue);
    assert_eq!(c.diags[0].location.pos, Some(Pos::new(1, 4)));
}

#[test]
fn dates_must_be_real() {
    let node = parse("a: 2025-02-30\nb: 2024-02-29\n", 0).unwrap();
    let mut c = ctx();
    assert!(c.date(value(&node, "a").unwrap()).is_none());
    assert!(c.date(value(&node, "b").unwrap()).is_some());
}

#[test]
fn the_description_decides_what_is_required() {
    let node = parse("a: 1\n", 0).unwrap();
    let mut c = ctx();
    let keys = Keys::made_up(&["a", "b", "c", "d"], &["b"]);
    let mut m = c.map_of(&node, keys).unwrap();
    m.get(&mut c, "a");
    m.get(&mut c, "b");
    m.get(&mut c, "c");
    m.req_if(&mut c, "d", true);
    m.finish(&mut c);
    let got: Vec<_> = c.diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(got, ["缺少必填项 b", "缺少必填项 d"]);
}

#[test]
fn a_forbidden_key_is_unknown_and_never_suggested() {
    let node = parse("source: x\nlevel: central\nlevl: y\n", 0).unwrap();
    let mut c = ctx();
    let keys = Keys::made_up(&["source", "level"], &["source"]);
    let mut m = c.map_of(&node, keys).unwrap();
    m.get(&mut c, "source");
    m.forbid("level");
    m.finish(&mut c);
    let got: Vec<_> = c.diags.iter().map(|d| (d.code, d.message.as_str(), d.help.as_deref())).collect();
    let help = Some("检查拼写；可用字段见内容格式说明");
    assert_eq!(
        got,
        [(Code::UnknownField, "未定义的字段 level", help), (Code::UnknownField, "未定义的字段 levl", help)]
    );
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "is not a key of test")]
fn asking_for_an_undescribed_key_is_a_bug() {
    let node = parse("a: 1\n", 0).unwrap();
    let mut c = ctx();
    let mut m = c.map_of(&node, optional()).unwrap();
    m.get(&mut c, "zzz");
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "never handles")]
fn leaving_a_described_key_unread_is_a_bug() {
    let node = parse("a: 1\n", 0).unwrap();
    let mut c = ctx();
    let mut m = c.map_of(&node, optional()).unwrap();
    m.get(&mut c, "a");
    m.finish(&mut c);
}

#[test]
fn iso_dates_read_as_chrono_reads_them_and_nothing_looser() {
    for text in ["2024-03-01", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "9999-12-31"] {
        assert_eq!(iso_date(text), NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(), "{text}");
    }
    for text in ["2024-3-01", "2024/03/01", "２０２４-03-01", "2024-03-1 ", "+999-01-01", "2024-03-011", ""] {
        assert_eq!(iso_date(text), None, "{text}");
    }
}
