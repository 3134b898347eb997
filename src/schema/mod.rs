//! `gongshi schema`: JSON Schema (draft-07) for every record kind, so that an
//! editor (VS Code with the YAML extension, which supports draft-07) can
//! underline a misspelt key or a bad date while a clerk types.
//!
//! The content format is described once, in `src/format/` (see "Adding a
//! key" there). Two things follow from that description: the schemas written
//! here, and the loader's key handling (`unknown-field` with its suggestion,
//! `missing-field` of required keys), which `src/load/reader.rs` takes from
//! key tables read back from the same schemas.
//!
//! The loader does not deserialize through serde: its readers still turn each
//! value into the domain types. So the description's value types mirror the
//! loader's value readers (text, id, date, month, money, count, year,
//! boolean), its vocabularies come straight from the domain's `Keyword` enums
//! (the same lists the loader accepts), and a rule that depends on another key
//! is code on both sides (a `transform` of the description, `req_if` /
//! `forbid` in the reader). The drift tests of `tests/it/schema.rs` are the
//! proof that they agree: every demo and fixture record validates, and loads
//! under the readers' debug assertions (a reader asks only for described keys
//! and handles every one); every `unknown-field`, `missing-field` and
//! `invalid-value` fixture is rejected; every key the loader reads is in a
//! schema; and a record holding every key of a schema loads without
//! `unknown-field`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::format::RecordKind;

/// One schema file: the record kind, its file name and its content.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// Kind: `site`, `project_types`, `calendar`, `county`, `project`, `announcement`, `asset`, `group`, `case`, `page`.
    pub kind: &'static str,
    /// File name, e.g. `project.schema.json`.
    pub file_name: String,
    /// Where the files of this kind live, as a glob relative to the site root.
    pub applies_to: &'static str,
    /// The JSON Schema.
    pub schema: Value,
}

/// Every record kind's schema, in the order of `docs/content.md`.
pub fn schemas() -> Vec<SchemaFile> {
    RecordKind::ALL.iter().map(|&kind| file(kind)).collect()
}

fn file(kind: RecordKind) -> SchemaFile {
    let (applies_to, title) = match kind {
        RecordKind::Site => ("content/site.yaml", "站点设置"),
        RecordKind::ProjectTypes => ("content/project_types.yaml", "项目类型表"),
        RecordKind::Calendar => ("content/calendar.yaml", "工作日历（节假日安排）"),
        RecordKind::County => ("content/counties/*.yaml", "县"),
        RecordKind::Project => ("content/projects/**/*.yaml", "项目"),
        RecordKind::Announcement => ("content/announcements/**/*.yaml", "项目库公告"),
        RecordKind::Asset => ("content/assets/**/*.yaml", "帮扶项目资产"),
        RecordKind::Group => ("content/groups/*.yaml", "产业顾问组"),
        RecordKind::Case => ("content/cases/*.md", "典型案例（front matter）"),
        RecordKind::Page => ("content/pages/*.md", "页面（front matter）"),
        RecordKind::Fund => ("content/funds/**/*.yaml", "资金批次"),
        RecordKind::Plan => ("content/plans/**/*.yaml", "年度计划与资金公告"),
    };
    let mut schema = kind.describe();
    schema.insert("title".into(), format!("gongshi {title}").into());
    schema.insert("$comment".into(), format!("由 gongshi schema 生成，适用于 {applies_to}；内容格式第 1 版").into());
    let name = kind.name();
    SchemaFile { kind: name, file_name: format!("{name}.schema.json"), applies_to, schema: schema.to_value() }
}

/// Writes every schema into `out` (created if needed); returns the files written.
pub fn write(out: &Path) -> Result<Vec<PathBuf>, crate::Error> {
    std::fs::create_dir_all(out).map_err(|e| crate::Error::io(out, e))?;
    let mut written = Vec::new();
    for f in schemas() {
        let path = out.join(&f.file_name);
        let mut text = serde_json::to_string_pretty(&f.schema).unwrap_or_default();
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| crate::Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The kind of record a path relative to the site root holds, as [`schemas`] names it.
pub fn kind_of(rel: &str) -> Option<&'static str> {
    let parts: Vec<&str> = rel.strip_prefix("content/")?.split('/').collect();
    let yaml = |n: &str| n.ends_with(".yaml") || n.ends_with(".yml");
    Some(match parts.as_slice() {
        ["site.yaml" | "site.yml"] => "site",
        ["project_types.yaml" | "project_types.yml"] => "project_types",
        ["calendar.yaml" | "calendar.yml"] => "calendar",
        ["counties", n] if yaml(n) => "county",
        ["groups", n] if yaml(n) => "group",
        ["cases", n] if n.ends_with(".md") => "case",
        ["pages", n] if n.ends_with(".md") => "page",
        ["projects", .., n] if yaml(n) => "project",
        ["announcements", .., n] if yaml(n) => "announcement",
        ["assets", .., n] if yaml(n) => "asset",
        ["funds", .., n] if yaml(n) => "fund",
        ["plans", .., n] if yaml(n) => "plan",
        _ => return None,
    })
}

/// A record file as the JSON an editor's schema validator sees: the YAML of a
/// `.yaml` file or the front matter of a `.md` file, read as YAML 1.2 (dates
/// stay strings, `yes` is a string). `None` when it does not parse.
pub fn record_as_json(rel: &str, text: &str) -> Option<Value> {
    let yaml = if rel.ends_with(".md") { front_matter(text)? } else { text };
    crate::load::yaml::parse(yaml, 0).ok().map(|n| to_json(&n))
}

fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut end = 0;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some(&rest[..end]);
        }
        end += line.len();
    }
    None
}

fn to_json(node: &crate::load::yaml::Node) -> Value {
    use crate::load::yaml::Kind;
    match &node.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Number(t) => serde_json::from_str::<serde_json::Number>(t)
            .ok()
            .or_else(|| t.parse::<f64>().ok().and_then(serde_json::Number::from_f64))
            .map_or_else(|| Value::String(t.clone()), Value::Number),
        Kind::Str { text, .. } => Value::String(text.clone()),
        Kind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Kind::Map(entries) => Value::Object(entries.iter().map(|(k, v)| (k.name.clone(), to_json(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_draft07_schema_with_chinese_descriptions() {
        let all = schemas();
        assert_eq!(all.len(), RecordKind::ALL.len());
        for f in &all {
            assert_eq!(f.schema["$schema"], "http://json-schema.org/draft-07/schema#", "{}", f.kind);
            let text = f.schema.to_string();
            assert!(text.contains("description"), "{}", f.kind);
        }
        let project = &all.iter().find(|f| f.kind == "project").unwrap().schema;
        assert_eq!(
            project["properties"]["construction_nature"]["enum"],
            // Optional (a ledger may not give it), so null is allowed as for every optional key.
            serde_json::json!(["new", "continued", "renovation", null])
        );
        assert_eq!(project["additionalProperties"], false);
    }

    #[test]
    fn kinds_follow_the_folders() {
        assert_eq!(kind_of("content/projects/2026/x.yaml"), Some("project"));
        assert_eq!(kind_of("content/cases/a.md"), Some("case"));
        assert_eq!(kind_of("content/static/a.yaml"), None);
    }

    #[test]
    fn front_matter_is_read_as_yaml() {
        let v = record_as_json("content/pages/a.md", "---\nid: a\norder: 2\n---\n正文\n").unwrap();
        assert_eq!(v, serde_json::json!({"id": "a", "order": 2}));
    }
}
