//! The content format, described once: one Rust struct per mapping of
//! `docs/content.md` (in `site.rs`, `calendar.rs`, `county.rs`, `project.rs`, `announcement.rs`, `asset.rs`, `group.rs`,
//! `story.rs`, `fund.rs`, `plan.rs`), whose doc comments are the Chinese `description`s of its keys.
//!
//! These types are never constructed: they exist only to be described by
//! schemars. Both users of the content format follow from that description:
//! - `gongshi schema` writes the JSON Schemas generated from it
//!   ([`RecordKind::describe`], `src/schema/`);
//! - the loader's key handling ([`keys`]): which keys a mapping has (anything
//!   else is `unknown-field`, with a suggestion among these keys) and which
//!   are required (absent or empty: `missing-field`). A reader names the
//!   mapping it reads with a [`Shape`] (`ctx.map(node, Shape::Portal)`).
//!
//! A field that is not an `Option` is required; `length(min = 1)` marks a
//! required list (an empty list counts as absent). A rule that depends on
//! another key (a bridging fund's `level`, a need's `group` …) is code, not a
//! key table, and so is written on both sides on purpose: a `transform`
//! function adds it to the schema, and the reader applies it with
//! `MapReader::req_if` / `MapReader::forbid`.
//!
//! # Adding a key
//!
//! 1. Add the field to the struct of its mapping, with its Chinese doc comment
//!    (the schema's `description`) and its value type ([`values`]: `Text`,
//!    `Date`, `Kw<…>` …); `Option<…>` unless it is always required. A key
//!    spelt unlike a Rust field gets `#[schemars(rename = "…")]`.
//! 2. Read its value in the reader of that mapping (`src/load/*.rs`) with
//!    `m.get(ctx, "key")` (or `req_text` / `opt_text`), in the order of the
//!    struct's fields: the order of asking breaks ties between equally close
//!    suggestions. `get` itself reports a missing required key. A
//!    conditional rule is `req_if` in the reader plus a `transform` here.
//! 3. Tests: a unit test or fixture for the new value. The drift tests of
//!    `tests/it/schema.rs` then check the rest: the key is read, and the demo,
//!    every fixture and a record holding every key agree with the schema. In
//!    debug builds a reader panics when it asks for a key its description
//!    lacks or never handles one the description has.

mod announcement;
mod asset;
mod calendar;
mod county;
mod fund;
mod group;
mod keys;
mod plan;
mod project;
mod site;
mod story;
mod values;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

pub(crate) use keys::{Keys, Shape};

/// A kind of record file, described by the root type of its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordKind {
    Site,
    ProjectTypes,
    Calendar,
    County,
    Project,
    Announcement,
    Asset,
    Group,
    Case,
    Page,
    Fund,
    Plan,
}

impl RecordKind {
    /// Every kind, in the order of `docs/content.md`.
    pub(crate) const ALL: [RecordKind; 12] = [
        RecordKind::Site,
        RecordKind::ProjectTypes,
        RecordKind::Calendar,
        RecordKind::County,
        RecordKind::Project,
        RecordKind::Announcement,
        RecordKind::Asset,
        RecordKind::Group,
        RecordKind::Case,
        RecordKind::Page,
        RecordKind::Fund,
        RecordKind::Plan,
    ];

    /// The kind's name, as `gongshi schema` names its file.
    pub(crate) fn name(self) -> &'static str {
        match self {
            RecordKind::Site => "site",
            RecordKind::ProjectTypes => "project_types",
            RecordKind::Calendar => "calendar",
            RecordKind::County => "county",
            RecordKind::Project => "project",
            RecordKind::Announcement => "announcement",
            RecordKind::Asset => "asset",
            RecordKind::Group => "group",
            RecordKind::Case => "case",
            RecordKind::Page => "page",
            RecordKind::Fund => "fund",
            RecordKind::Plan => "plan",
        }
    }

    /// The kind's JSON Schema (draft-07), generated from its description.
    pub(crate) fn describe(self) -> Schema {
        match self {
            RecordKind::Site => root::<site::Site>(),
            RecordKind::ProjectTypes => root::<Vec<site::ProjectType>>(),
            RecordKind::Calendar => root::<Vec<calendar::CalendarYear>>(),
            RecordKind::County => root::<county::County>(),
            RecordKind::Project => root::<project::Project>(),
            RecordKind::Announcement => root::<announcement::Announcement>(),
            RecordKind::Asset => root::<asset::Asset>(),
            RecordKind::Group => root::<group::Group>(),
            RecordKind::Case => root::<story::Case>(),
            RecordKind::Page => root::<story::Page>(),
            RecordKind::Fund => root::<fund::Fund>(),
            RecordKind::Plan => root::<plan::Plan>(),
        }
    }
}

fn root<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07().into_generator().into_root_schema_for::<T>()
}

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
