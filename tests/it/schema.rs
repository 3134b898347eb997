//! The JSON Schemas of `gongshi schema` against the loader: drift tests.
//!
//! The content format is described once, by the types of
//! `src/format/`: the schemas are generated from them, and the
//! loader's key tables (which keys a mapping has, which are required) are read
//! from those schemas. The loader's hand-written converters still read each
//! value into the domain; these tests are the proof that the two agree:
//! - every record of the demo and of `tests/fixtures/valid/*` validates;
//! - every file that the loader rejects with `unknown-field`, `missing-field`
//!   or `invalid-value` (in any `tests/fixtures/invalid/*`) is rejected too;
//! - the key names the loader reads (`src/load/*.rs`) are exactly the
//!   property names of the schemas;
//! - every record of the demo and of every fixture loads under the readers'
//!   debug assertions (only described keys asked for, every one handled);
//! - a record holding every property of its schema (at every depth) loads
//!   without `unknown-field`, `missing-field` or `invalid-value`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gongshi::diag::Code;
use gongshi::schema::{kind_of, record_as_json, schemas};
use serde_json::Value;

use crate::support::{fixture, fixture_today, repo_root};

fn validators() -> BTreeMap<&'static str, jsonschema::Validator> {
    schemas()
        .into_iter()
        .map(|f| (f.kind, jsonschema::draft7::options().should_validate_formats(true).build(&f.schema).unwrap()))
        .collect()
}

/// Every record file under `site/content/`, as (path relative to the site, kind).
fn records(site: &Path) -> Vec<(String, &'static str)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(site.join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
        if let Some(kind) = kind_of(&rel) {
            found.push((rel, kind));
        }
    }
    found
}

fn errors_of(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn every_valid_record_validates() {
    let validators = validators();
    let mut sites = vec![repo_root()];
    for entry in std::fs::read_dir(fixture("valid")).unwrap() {
        sites.push(entry.unwrap().path());
    }
    let mut seen = BTreeSet::new();
    for site in &sites {
        for (rel, kind) in records(site) {
            let text = std::fs::read_to_string(site.join(&rel)).unwrap();
            let value = record_as_json(&rel, &text).unwrap_or_else(|| panic!("{rel} does not parse"));
            let errors = errors_of(&validators[kind], &value);
            assert!(errors.is_empty(), "{}/{rel} fails its {kind} schema: {errors:#?}", site.display());
            seen.insert(kind);
        }
    }
    // project_types.yaml has no valid fixture of its own; it is covered by the full-record test.
    assert_eq!(seen.len(), 11, "{seen:?}");
}

/// Every record of the demo and of every fixture site (valid and invalid), read
/// by the loader. In a debug build (as `cargo test` runs) the readers assert
/// that they ask only for keys their mapping's description has, and handle
/// every one of them: this is where a reader and its description that drift
/// apart panic.
#[test]
fn every_record_is_read_by_its_description() {
    let mut sites = vec![repo_root()];
    for group in ["valid", "invalid"] {
        sites.extend(std::fs::read_dir(fixture(group)).unwrap().map(|e| e.unwrap().path()));
    }
    let mut read = 0;
    for site in &sites {
        for (rel, _) in records(site) {
            let bytes = std::fs::read(site.join(&rel)).unwrap();
            assert!(gongshi::load::check_file(&rel, &bytes).is_some(), "{rel}");
            read += 1;
        }
    }
    assert!(read > 100, "only {read} records read");
}

#[test]
fn every_unknown_missing_or_invalid_fixture_is_rejected() {
    let validators = validators();
    let watched = [Code::UnknownField, Code::MissingField, Code::InvalidValue];
    let mut rejected = 0;
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let site = entry.unwrap().path();
        let checked = gongshi::pipeline::check(&site, fixture_today(&site)).unwrap();
        let files: BTreeSet<String> = checked
            .diagnostics
            .iter()
            .filter(|d| watched.contains(&d.code) && d.location.pos.is_some())
            .map(|d| d.location.file.to_string())
            .collect();
        for rel in files {
            let kind = kind_of(&rel).unwrap();
            let text = std::fs::read_to_string(site.join(&rel)).unwrap();
            let Some(value) = record_as_json(&rel, &text) else { continue };
            assert!(
                !validators[kind].is_valid(&value),
                "{}: {rel} is rejected by the loader but valid for the {kind} schema",
                site.display()
            );
            rejected += 1;
        }
    }
    assert!(rejected >= 3, "the unknown-field, missing-field and invalid-value fixtures at least");
}

#[test]
fn a_broken_record_does_not_validate() {
    let validators = validators();
    let text = std::fs::read_to_string(fixture("valid/minimal/content/projects/p1.yaml")).unwrap();
    let ok = record_as_json("content/projects/p1.yaml", &text).unwrap();
    assert!(validators["project"].is_valid(&ok));
    for (old, new) in [
        ("start: 2026-03-01", "start: 2026-02-30"),
        ("construction_nature: new", "construction_nature: 新建"),
        ("total: 50.3", "total: \"50.3\""),
        (
            "- {source: bridging_fund, level: central, amount: 40.1}",
            "- {source: bridging_fund, level: 中央, amount: 40.1}",
        ),
        ("- {source: self_raised, amount: 10.2}", "- {source: self_raised, level: local, amount: 10.2}"),
        ("responsible_person: 陈某\n", ""),
        ("name: ", "mingcheng: x\nname: "),
    ] {
        assert!(text.contains(old), "{old}");
        let bad = record_as_json("content/projects/p1.yaml", &text.replacen(old, new, 1)).unwrap();
        assert!(!validators["project"].is_valid(&bad), "{new} should be rejected");
    }
}

/// Every key literal the converters of `src/load/` ask a mapping for.
fn loader_keys() -> BTreeSet<String> {
    // The ways a converter names a key; a new helper that takes a key must be added here.
    let readers = [
        ".get(ctx, \"",
        "req_if(ctx, \"",
        "&mut m, \"",
        ".skip(\"",
        ".forbid(\"",
        "key_pos(\"",
        "count(ctx, \"",
        "given_text(ctx, \"",
    ];
    let mut keys = BTreeSet::new();
    let files = walkdir::WalkDir::new(repo_root().join("src/load")).into_iter().map(Result::unwrap);
    for entry in files.filter(|e| e.file_type().is_file()) {
        let source = std::fs::read_to_string(entry.path()).unwrap();
        // Unit tests below `#[cfg(test)]` read made-up keys.
        let source = source.split("#[cfg(test)]").next().unwrap();
        for reader in readers {
            for (i, _) in source.match_indices(reader) {
                let rest = &source[i + reader.len()..];
                let key = &rest[..rest.find('"').unwrap()];
                keys.insert(key.to_owned());
            }
        }
    }
    keys
}

/// Every property name of `schema`, at any depth.
fn property_names(schema: &Value, into: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                // `if` conditions repeat property names; only declared ones count, and they are all here.
                into.extend(props.keys().cloned());
            }
            map.values().for_each(|v| property_names(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| property_names(v, into)),
        _ => {}
    }
}

#[test]
fn the_loader_reads_exactly_the_keys_the_schemas_declare() {
    let mut declared = BTreeSet::new();
    for f in schemas() {
        property_names(&f.schema, &mut declared);
    }
    let read = loader_keys();
    let only_loader: Vec<_> = read.difference(&declared).collect();
    let only_schema: Vec<_> = declared.difference(&read).collect();
    assert!(only_loader.is_empty(), "keys the loader reads but no schema declares: {only_loader:?}");
    assert!(only_schema.is_empty(), "keys a schema declares but the loader never reads: {only_schema:?}");
}

/// A value for `schema` holding every property, taking `examples`, enums and the first non-null branch.
fn full_example(schema: &Value, root: &Value) -> Value {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        return full_example(&root["definitions"][name], root);
    }
    if let Some(x) = schema.get("examples").and_then(|e| e.get(0)) {
        return x.clone();
    }
    if let Some(x) = schema.get("enum").and_then(|e| e.get(0)) {
        return x.clone();
    }
    if let Some(Value::Object(props)) = schema.get("properties") {
        return Value::Object(props.iter().map(|(k, v)| (k.clone(), full_example(v, root))).collect());
    }
    if let Some(items) = schema.get("items") {
        let n = schema.get("minItems").and_then(Value::as_u64).unwrap_or(1).max(1);
        return Value::Array((0..n).map(|_| full_example(items, root)).collect());
    }
    for branch in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = schema.get(branch) {
            let chosen = options.iter().find(|o| o.get("type") != Some(&Value::from("null"))).unwrap();
            return full_example(chosen, root);
        }
    }
    panic!("no example for {schema}");
}

#[test]
fn a_record_with_every_schema_key_loads_cleanly() {
    let validators = validators();
    let paths = [
        ("site", "content/site.yaml"),
        ("project_types", "content/project_types.yaml"),
        ("calendar", "content/calendar.yaml"),
        ("county", "content/counties/a1.yaml"),
        ("project", "content/projects/a1.yaml"),
        ("announcement", "content/announcements/a1.yaml"),
        ("asset", "content/assets/a1.yaml"),
        ("group", "content/groups/a1.yaml"),
        ("case", "content/cases/a1.md"),
        ("page", "content/pages/a1.md"),
        ("fund", "content/funds/a1.yaml"),
        ("plan", "content/plans/a1.yaml"),
    ];
    for f in schemas() {
        let mut example = full_example(&f.schema, &f.schema);
        if f.kind == "plan" {
            // A plan document lists what its kind lists: no kind lists both projects and
            // fund batches, so the example (a plan adjustment) leaves the batches out.
            example.as_object_mut().unwrap().remove("batches");
        }
        let errors = errors_of(&validators[f.kind], &example);
        assert!(errors.is_empty(), "{}: the full example fails its own schema: {errors:#?}\n{example:#}", f.kind);
        let rel = paths.iter().find(|(k, _)| *k == f.kind).unwrap().1;
        // JSON is YAML (flow style), so the example goes to the loader as it is.
        let json = serde_json::to_string(&example).unwrap();
        let text = if rel.ends_with(".md") { format!("---\n{json}\n---\n正文\n") } else { json };
        let diags = gongshi::load::check_file(rel, text.as_bytes()).unwrap();
        let structural: Vec<_> = diags
            .iter()
            .filter(|d| {
                matches!(d.code, Code::UnknownField | Code::MissingField | Code::InvalidValue | Code::YamlSyntax)
            })
            .collect();
        assert!(structural.is_empty(), "{}: {structural:#?}\n{text}", f.kind);
    }
}

#[test]
fn schema_command_writes_one_file_per_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["--root", &tmp.path().to_string_lossy(), "schema", "--out", &out.to_string_lossy()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let settings: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(settings["yaml.schemas"]["./s/project.schema.json"], "content/projects/**/*.yaml");
    for kind in ["site", "project_types", "calendar", "county", "project", "group", "case", "page"] {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(format!("{kind}.schema.json"))).unwrap()).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    }
}
