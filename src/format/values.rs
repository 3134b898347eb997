//! The value types of the description: each says in JSON Schema what the
//! loader's value reader of the same name (`src/load/reader.rs`) accepts.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::domain::Keyword;

/// Declares a value type the way the loader's reader of the same name reads it.
macro_rules! value_type {
    ($(#[$doc:meta])* $name:ident => $schema:tt) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

value_type!(
    /// `Ctx::text`: any non-null, non-blank scalar.
    Text => {"type": ["string", "number", "boolean"], "pattern": "\\S", "examples": ["示例文字"]}
);
value_type!(
    /// `Ctx::id`: the id pattern of `docs/content.md`.
    Id => {"type": ["string", "integer"], "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", "minimum": 0, "examples": ["a1"]}
);
value_type!(
    /// `Ctx::date`: `YYYY-MM-DD`, a real calendar day.
    Date => {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "examples": ["2026-03-01"]}
);
value_type!(
    /// `Ctx::month`: `YYYY-MM`.
    Month => {"type": "string", "pattern": "^[1-9][0-9]{3}-(0[1-9]|1[0-2])$", "examples": ["2026-05"]}
);
value_type!(
    /// A `MM-DD` day of the year, quoted (`plan_due`, `summary_window`).
    MonthDay => {"type": "string", "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", "examples": ["03-31"]}
);
value_type!(
    /// `Ctx::money`: 万元, not negative, at most 6 decimals (to the 分).
    Money => {"type": "number", "minimum": 0, "description": "万元，不加引号的数字，最多 4 位小数", "examples": [12.5]}
);
value_type!(
    /// `Ctx::count`: a whole number ≥ 0.
    Count => {"type": "integer", "minimum": 0, "examples": [1]}
);
value_type!(
    /// `Ctx::int`: a whole number.
    Int => {"type": "integer", "examples": [1]}
);
value_type!(
    /// `Ctx::year`: the domain's plausible years ([`crate::domain::date::YEARS`]).
    Year => {"type": "integer", "minimum": (*crate::domain::date::YEARS.start()), "maximum": (*crate::domain::date::YEARS.end()), "examples": [2026]}
);
value_type!(
    /// `Ctx::boolean`: `true` or `false` only.
    Bool => {"type": "boolean", "examples": [false]}
);
value_type!(
    /// `adcode`: exactly six digits.
    Adcode => {"type": ["string", "integer"], "pattern": "^[0-9]{6}$", "minimum": 100000, "maximum": 999999, "examples": ["522799"]}
);
value_type!(
    /// `base_url`: absolute http(s) URL ending in `/`.
    Url => {"type": "string", "pattern": "^https?://[^/\\s][^\\s]*/$", "examples": ["https://www.example.gov.cn/xczx/"]}
);
value_type!(
    /// `jiucuo_url`: an http(s) link (never `javascript:` or `data:`).
    WebLink => {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s\"<>]+$", "examples": ["https://zfwzzc.www.gov.cn/"]}
);

value_type!(
    /// `gov_badge`: `true`/`false`, or the path of the site's own badge under `content/static/`.
    GovBadge => {
        "type": ["boolean", "string"],
        // A YAML 1.1 boolean spelled as a string (`yes`, `on` …) is refused, as the loader does.
        "pattern": "^(?!([Yy]([Ee][Ss])?|[Nn][Oo]?|[Oo][Nn]|[Oo][Ff][Ff]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$)[\\s\\S]*\\S",
        "examples": [false, "images/gov-badge.png"]
    }
);

/// `Ctx::keyword`: one value of a domain vocabulary, with its Chinese labels.
pub(crate) struct Kw<K>(PhantomData<K>);

impl<K: Keyword> JsonSchema for Kw<K> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        std::any::type_name::<K>().rsplit("::").next().unwrap_or("Keyword").to_owned().into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let keys: Vec<&str> = K::ALL.iter().map(|k| k.key()).collect();
        let labels: Vec<&str> = K::ALL.iter().map(|k| k.label()).collect();
        let choices: Vec<String> = K::ALL.iter().map(|k| format!("{} {}", k.key(), k.label())).collect();
        json_schema!({
            "type": "string",
            "enum": keys,
            "enumDescriptions": labels,
            "markdownDescription": format!("可选值：{}", choices.join(" | ")),
            "examples": [keys.first()],
        })
    }
}
