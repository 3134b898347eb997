//! The content format, described once: one Rust struct per mapping of
//! `spec/content.md`, whose doc comments become the Chinese `description`s of
//! the JSON Schema.
//!
//! These types are never constructed: they exist only to be described by
//! schemars. Both users of the content format follow from them:
//! - `gongshi schema` writes the schemas generated from them ([`super::schemas`]);
//! - the loader's key handling comes from the same schemas ([`super::keys`]):
//!   which keys a mapping has (anything else is `unknown-field`, with a
//!   suggestion among these keys), and which are required (absent or empty:
//!   `missing-field`). Each reader names its mapping with a [`super::Shape`].
//!
//! A field that is not an `Option` is required; `length(min = 1)` marks a
//! required list (an empty list counts as absent). Rules that depend on
//! another key (a bridging fund's `level`, a need's `group` …) are written
//! twice on purpose, as they are code, not keys: the `transform` functions add
//! them to the schema, and the reader applies them with `MapReader::req_if` /
//! `MapReader::forbid`.
//!
//! # Adding a key
//!
//! 1. Add the field to the struct of its mapping below, with its Chinese doc
//!    comment (the schema's `description`) and its value type (`Text`, `Date`,
//!    `Kw<…>` …; `Option<…>` unless it is always required). A key spelt
//!    differently from a Rust field gets `#[schemars(rename = "…")]`.
//! 2. Read it in the reader of that mapping (`src/load/*.rs`) with
//!    `m.get(ctx, "key")` in the order of the struct's fields (the order
//!    breaks ties between equally close suggestions); a missing required key
//!    is reported by `get` itself. A conditional rule is code: `req_if` in the
//!    reader plus a `transform` here.
//! 3. Tests: a fixture or unit test for the new value; the drift tests of
//!    `tests/it/schema.rs` then check that the key is read and that the demo,
//!    the fixtures and a record holding every key still agree with the schema.
//!    In debug builds the reader asserts that it asks only for described keys
//!    and that it handles every one of them.
#![allow(dead_code)]

mod county;
mod group;
mod project;
mod site;
mod story;

use schemars::Schema;

pub(super) use county::County;
pub(super) use group::Group;
pub(super) use project::Project;
pub(super) use site::{ProjectType, Site};
pub(super) use story::{Case, Page};

/// Adds `then` (or `else`) requirements under an `if`.
fn conditional(schema: &mut Schema, condition: serde_json::Value, then: Option<Schema>, otherwise: Option<Schema>) {
    schema.insert("if".into(), condition);
    if let Some(t) = then {
        schema.insert("then".into(), t.into());
    }
    if let Some(e) = otherwise {
        schema.insert("else".into(), e.into());
    }
}
