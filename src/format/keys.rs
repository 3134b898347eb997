//! The loader's key tables, read once from the schemas that the description
//! types generate: the one place where the loader learns which keys a mapping
//! has and which of them are required.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde_json::Value;

use schemars::JsonSchema;

use super::{RecordKind, asset, calendar, county, fund, group, project, site, story};

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
    Objections,
    FeedbackChannel,
    AnnouncementSettings,
    TermsFrom,
    ProjectType,
    CalendarYear,
    Holiday,
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
    Closure,
    Change,
    Previous,
    Announcement,
    Asset,
    AssetIncome,
    AssetDisposal,
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
    Acceptance,
    SiteSign,
    CompletionNotice,
    Photo,
    Fund,
    Allocation,
    PlanDoc,
    Payment,
}

impl Shape {
    /// Every shape, in declaration order (the index of a shape's table).
    const ALL: [Shape; 58] = [
        Shape::Site,
        Shape::Portal,
        Shape::Contact,
        Shape::Phone,
        Shape::Rules,
        Shape::Objections,
        Shape::FeedbackChannel,
        Shape::AnnouncementSettings,
        Shape::TermsFrom,
        Shape::ProjectType,
        Shape::CalendarYear,
        Shape::Holiday,
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
        Shape::Closure,
        Shape::Change,
        Shape::Previous,
        Shape::Announcement,
        Shape::Asset,
        Shape::AssetIncome,
        Shape::AssetDisposal,
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
        Shape::Acceptance,
        Shape::SiteSign,
        Shape::CompletionNotice,
        Shape::Photo,
        Shape::Fund,
        Shape::Allocation,
        Shape::PlanDoc,
        Shape::Payment,
    ];

    /// The record kind describing this mapping, and its definition there
    /// (`None`: the schema's root).
    fn source(self) -> (RecordKind, Option<Cow<'static, str>>) {
        match self {
            Shape::Site => (RecordKind::Site, None),
            Shape::Portal => (RecordKind::Site, def::<site::Portal>()),
            Shape::Contact => (RecordKind::Site, def::<site::Contact>()),
            Shape::Phone => (RecordKind::Site, def::<site::Phone>()),
            Shape::Rules => (RecordKind::Site, def::<site::Rules>()),
            Shape::Objections => (RecordKind::Site, def::<site::Objections>()),
            Shape::FeedbackChannel => (RecordKind::Site, def::<site::FeedbackChannel>()),
            Shape::AnnouncementSettings => (RecordKind::Site, def::<site::AnnouncementSettings>()),
            Shape::TermsFrom => (RecordKind::Site, def::<site::TermsFrom>()),
            Shape::ProjectType => (RecordKind::ProjectTypes, def::<site::ProjectType>()),
            Shape::CalendarYear => (RecordKind::Calendar, def::<calendar::CalendarYear>()),
            Shape::Holiday => (RecordKind::Calendar, def::<calendar::Holiday>()),
            Shape::County => (RecordKind::County, None),
            Shape::Term => (RecordKind::County, def::<county::Term>()),
            Shape::Liaison => (RecordKind::County, def::<county::Liaison>()),
            Shape::Pairing => (RecordKind::County, def::<county::Pairing>()),
            Shape::Need => (RecordKind::County, def::<county::Need>()),
            Shape::Township => (RecordKind::County, def::<county::Township>()),
            Shape::Village => (RecordKind::County, def::<county::Village>()),
            Shape::Project => (RecordKind::Project, None),
            Shape::Location => (RecordKind::Project, def::<project::Location>()),
            Shape::Period => (RecordKind::Project, def::<project::MonthPeriod>()),
            Shape::Funding => (RecordKind::Project, def::<project::Funding>()),
            Shape::FundingLine => (RecordKind::Project, def::<project::FundingLine>()),
            Shape::Beneficiaries => (RecordKind::Project, def::<project::Beneficiaries>()),
            Shape::Target => (RecordKind::Project, def::<project::Target>()),
            Shape::Notice => (RecordKind::Project, def::<project::Notice>()),
            Shape::Objection => (RecordKind::Project, def::<project::Objection>()),
            Shape::Approval => (RecordKind::Project, def::<project::Approval>()),
            Shape::Event => (RecordKind::Project, def::<project::Event>()),
            Shape::Closure => (RecordKind::Project, def::<project::Closure>()),
            Shape::Change => (RecordKind::Project, def::<project::Change>()),
            Shape::Previous => (RecordKind::Project, def::<project::Previous>()),
            Shape::Announcement => (RecordKind::Announcement, None),
            Shape::Asset => (RecordKind::Asset, None),
            Shape::AssetIncome => (RecordKind::Asset, def::<asset::Income>()),
            Shape::AssetDisposal => (RecordKind::Asset, def::<asset::Disposal>()),
            Shape::Group => (RecordKind::Group, None),
            Shape::Certification => (RecordKind::Group, def::<group::Certification>()),
            Shape::Member => (RecordKind::Group, def::<group::Member>()),
            Shape::Agreement => (RecordKind::Group, def::<group::Agreement>()),
            Shape::Consultation => (RecordKind::Group, def::<group::Consultation>()),
            Shape::Visit => (RecordKind::Group, def::<group::Visit>()),
            Shape::Remote => (RecordKind::Group, def::<group::Remote>()),
            Shape::Plan => (RecordKind::Group, def::<group::Plan>()),
            Shape::Evaluation => (RecordKind::Group, def::<group::Evaluation>()),
            Shape::Case => (RecordKind::Case, None),
            Shape::CaseResult => (RecordKind::Case, def::<story::CaseResult>()),
            Shape::Image => (RecordKind::Case, def::<story::Image>()),
            Shape::Page => (RecordKind::Page, None),
            Shape::Acceptance => (RecordKind::Project, def::<project::Acceptance>()),
            Shape::SiteSign => (RecordKind::Project, def::<project::SiteSign>()),
            Shape::CompletionNotice => (RecordKind::Project, def::<project::CompletionNotice>()),
            Shape::Photo => (RecordKind::Project, def::<project::Photo>()),
            Shape::Fund => (RecordKind::Fund, None),
            Shape::Allocation => (RecordKind::Fund, def::<fund::Allocation>()),
            Shape::PlanDoc => (RecordKind::Plan, None),
            Shape::Payment => (RecordKind::Project, def::<project::Payment>()),
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

/// The name of `T`'s definition in its record kind's schema.
fn def<T: JsonSchema>() -> Option<Cow<'static, str>> {
    Some(T::schema_name())
}

/// Every shape's table, in the order of [`Shape::ALL`].
fn tables() -> Vec<Keys> {
    let schemas: Vec<(RecordKind, Value)> = RecordKind::ALL.iter().map(|&k| (k, k.describe().to_value())).collect();
    Shape::ALL
        .iter()
        .map(|shape| {
            let (kind, definition) = shape.source();
            let root = schemas.iter().find(|(k, _)| *k == kind).map_or(&Value::Null, |(_, s)| s);
            let schema = definition.map_or(root, |d| &root["definitions"][d.as_ref()]);
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
