//! The loader's key tables, read once from the schemas that the description
//! types of [`super::records`] generate: the one place where the loader learns
//! which keys a mapping has and which of them are required.

use std::sync::OnceLock;

use serde_json::Value;

/// A mapping of the content format. A reader names the one it reads
/// (`ctx.map(node, Shape::Portal)`), and the mapping's keys come from its
/// description type (named in [`Shape::source`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Site,
    Portal,
    Contact,
    Phone,
    Rules,
    ProjectType,
    County,
    Term,
    Liaison,
    Pairing,
    Need,
    Township,
    Village,
    Project,
    Location,
    Period,
    Funding,
    FundingLine,
    Beneficiaries,
    Target,
    Notice,
    Objection,
    Approval,
    Event,
    Group,
    Certification,
    Member,
    Agreement,
    Consultation,
    Visit,
    Remote,
    Plan,
    Evaluation,
    Case,
    CaseResult,
    Image,
    Page,
}

impl Shape {
    /// Every shape, in declaration order (the index of a shape's table).
    const ALL: [Shape; 37] = [
        Shape::Site,
        Shape::Portal,
        Shape::Contact,
        Shape::Phone,
        Shape::Rules,
        Shape::ProjectType,
        Shape::County,
        Shape::Term,
        Shape::Liaison,
        Shape::Pairing,
        Shape::Need,
        Shape::Township,
        Shape::Village,
        Shape::Project,
        Shape::Location,
        Shape::Period,
        Shape::Funding,
        Shape::FundingLine,
        Shape::Beneficiaries,
        Shape::Target,
        Shape::Notice,
        Shape::Objection,
        Shape::Approval,
        Shape::Event,
        Shape::Group,
        Shape::Certification,
        Shape::Member,
        Shape::Agreement,
        Shape::Consultation,
        Shape::Visit,
        Shape::Remote,
        Shape::Plan,
        Shape::Evaluation,
        Shape::Case,
        Shape::CaseResult,
        Shape::Image,
        Shape::Page,
    ];

    /// The schema kind describing this mapping, and its definition there
    /// (`None`: the schema's root).
    fn source(self) -> (&'static str, Option<&'static str>) {
        match self {
            Shape::Site => ("site", None),
            Shape::Portal => ("site", Some("Portal")),
            Shape::Contact => ("site", Some("Contact")),
            Shape::Phone => ("site", Some("Phone")),
            Shape::Rules => ("site", Some("Rules")),
            Shape::ProjectType => ("project_types", Some("ProjectType")),
            Shape::County => ("county", None),
            Shape::Term => ("county", Some("Term")),
            Shape::Liaison => ("county", Some("Liaison")),
            Shape::Pairing => ("county", Some("Pairing")),
            Shape::Need => ("county", Some("Need")),
            Shape::Township => ("county", Some("Township")),
            Shape::Village => ("county", Some("Village")),
            Shape::Project => ("project", None),
            Shape::Location => ("project", Some("Location")),
            Shape::Period => ("project", Some("MonthPeriod")),
            Shape::Funding => ("project", Some("Funding")),
            Shape::FundingLine => ("project", Some("FundingLine")),
            Shape::Beneficiaries => ("project", Some("Beneficiaries")),
            Shape::Target => ("project", Some("Target")),
            Shape::Notice => ("project", Some("Notice")),
            Shape::Objection => ("project", Some("Objection")),
            Shape::Approval => ("project", Some("Approval")),
            Shape::Event => ("project", Some("Event")),
            Shape::Group => ("group", None),
            Shape::Certification => ("group", Some("Certification")),
            Shape::Member => ("group", Some("Member")),
            Shape::Agreement => ("group", Some("Agreement")),
            Shape::Consultation => ("group", Some("Consultation")),
            Shape::Visit => ("group", Some("Visit")),
            Shape::Remote => ("group", Some("Remote")),
            Shape::Plan => ("group", Some("Plan")),
            Shape::Evaluation => ("group", Some("Evaluation")),
            Shape::Case => ("case", None),
            Shape::CaseResult => ("case", Some("CaseResult")),
            Shape::Image => ("case", Some("Image")),
            Shape::Page => ("page", None),
        }
    }

    /// This mapping's keys.
    pub(crate) fn keys(self) -> &'static Keys {
        static TABLES: OnceLock<Vec<Keys>> = OnceLock::new();
        &TABLES.get_or_init(tables)[self as usize]
    }
}

/// One mapping's keys, as its description has them.
#[derive(Debug)]
pub(crate) struct Keys {
    /// What the table describes, for the reader's debug assertions.
    pub(crate) name: String,
    /// Every key (in the schema's order, which is alphabetical).
    names: Vec<String>,
    /// The keys required whatever else the mapping holds (in field order).
    required: Vec<String>,
}

impl Keys {
    /// Whether `key` is a key of this mapping.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.names.iter().any(|k| k == key)
    }

    /// Whether `key` is required unconditionally.
    pub(crate) fn is_required(&self, key: &str) -> bool {
        self.required.iter().any(|k| k == key)
    }

    /// Every key of this mapping.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// The keys of an object schema: its `properties` and its `required`.
    fn from_schema(name: String, schema: &Value) -> Keys {
        let names = schema["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default();
        let required = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        Keys { name, names, required }
    }

    /// A made-up table for the reader's unit tests.
    #[cfg(test)]
    pub(crate) fn made_up(known: &[&str], required: &[&str]) -> &'static Keys {
        let owned = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect();
        Box::leak(Box::new(Keys { name: "test".into(), names: owned(known), required: owned(required) }))
    }
}

/// Every shape's table, in the order of [`Shape::ALL`].
fn tables() -> Vec<Keys> {
    let schemas = super::schemas();
    Shape::ALL
        .iter()
        .map(|shape| {
            let (kind, definition) = shape.source();
            let root = schemas.iter().find(|f| f.kind == kind).map_or(&Value::Null, |f| &f.schema);
            let schema = definition.map_or(root, |d| &root["definitions"][d]);
            Keys::from_schema(format!("{shape:?}"), schema)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_has_its_own_table() {
        for (i, shape) in Shape::ALL.iter().enumerate() {
            assert_eq!(*shape as usize, i, "{shape:?} is out of order in Shape::ALL");
            let keys = shape.keys();
            assert_eq!(keys.name, format!("{shape:?}"));
            assert!(keys.names().count() > 0, "{shape:?} has no keys: is {:?} its description?", shape.source());
        }
    }

    #[test]
    fn required_keys_and_conditional_ones() {
        let line = Shape::FundingLine.keys();
        assert!(line.has("level") && !line.is_required("level"), "level is a conditional rule");
        assert!(line.is_required("source") && line.is_required("amount"));
        assert!(Shape::Visit.keys().is_required("to") && !Shape::Term.keys().is_required("to"));
        assert!(Shape::Event.keys().has("type") && Shape::Event.keys().has("ref"));
    }
}
