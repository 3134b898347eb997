//! The records of `projects.json`, `groups.json` and `cases.json`: every
//! public field under its content key, never private contacts or objectors.
//! The render stage only serializes them.

use chrono::NaiveDate;
use serde::Serialize;

use super::ExportProject;
use crate::domain::Keyword;
use crate::domain::project::{Beneficiaries, Target};
use crate::domain::story::{CaseResult, Image};

/// One project in `projects.json`: every public field under its content
/// key, with the name or label each code stands for beside it
/// (`county` / `county_name`, `type` / `type_name` …).
#[derive(Serialize)]
pub struct ProjectRecord<'a> {
    id: &'a str,
    name: &'a str,
    county: &'a str,
    county_name: &'a str,
    year: i32,
    #[serde(rename = "type")]
    project_type: &'a str,
    type_name: &'a str,
    sub_type: Option<&'a str>,
    construction_nature: Option<&'static str>,
    construction_nature_label: Option<&'static str>,
    origin: &'static str,
    origin_label: &'static str,
    township: Option<&'a str>,
    township_name: Option<&'a str>,
    villages: Vec<&'a str>,
    village_names: Vec<&'a str>,
    content: &'a str,
    implementation_period: Option<(String, String)>,
    /// `null` where the source did not give it (see `not_given`).
    implementer: Option<&'a str>,
    responsible_unit: Option<&'a str>,
    responsible_person: Option<&'a str>,
    funding_total_wan: Option<String>,
    funding_sources: Vec<SourceRecord>,
    beneficiaries: &'a Beneficiaries,
    linkage_mechanism: Option<&'a str>,
    performance_targets: &'a [Target],
    /// 实施地点 as written, where the ledger's place names no township.
    place: Option<&'a str>,
    /// 未公布: the keys the source did not give.
    not_given: Vec<&'static str>,
    advisory_group: Option<&'a str>,
    advisory_group_name: Option<&'a str>,
    notices: Vec<NoticeRecord<'a>>,
    approval: Option<(&'a str, &'a str, NaiveDate)>,
    warehoused_on: Option<NaiveDate>,
    events: Vec<(&'static str, NaiveDate, Option<&'a str>)>,
    status: &'static str,
    status_label: &'static str,
}

/// One funding source of a project in `projects.json`.
#[derive(Serialize)]
pub struct SourceRecord {
    source: &'static str,
    level: Option<&'static str>,
    label: String,
    amount_wan: String,
}

/// One notice of a project in `projects.json`.
#[derive(Serialize)]
pub struct NoticeRecord<'a> {
    level: &'static str,
    level_label: &'static str,
    issuer: &'a str,
    boards: &'a [String],
    start: NaiveDate,
    end: NaiveDate,
    objections: Vec<ObjectionRecord<'a>>,
}

/// One objection to a notice, never who raised it.
#[derive(Serialize)]
pub struct ObjectionRecord<'a> {
    received_on: NaiveDate,
    channel: &'static str,
    summary: &'a str,
    finding: Option<&'static str>,
    response: Option<&'a str>,
    responded_on: Option<NaiveDate>,
}

/// Project `e` as `projects.json` lists it.
pub(super) fn project<'a>(e: &ExportProject<'a>) -> ProjectRecord<'a> {
    let p = e.project;
    let notices = p.notices_by_date();
    let mut events: Vec<_> = p.events.iter().collect();
    events.sort_by_key(|e| (*e.date, e.event_type));
    ProjectRecord {
        id: &p.id,
        name: &p.name,
        county: &p.county,
        county_name: e.names.county,
        year: *p.year,
        project_type: &p.project_type,
        type_name: e.names.project_type,
        sub_type: p.sub_type.as_ref().map(|s| s.value.as_str()),
        construction_nature: p.construction_nature.map(Keyword::key),
        construction_nature_label: p.construction_nature.map(Keyword::label),
        origin: p.origin.key(),
        origin_label: p.origin.label(),
        township: p.township_id(),
        township_name: e.names.township,
        villages: p
            .location
            .as_ref()
            .map(|l| l.villages.iter().map(|v| v.value.as_str()).collect())
            .unwrap_or_default(),
        village_names: e.names.villages.clone(),
        content: &p.content,
        implementation_period: p
            .implementation_period
            .map(|((a, b), (c, d))| (format!("{a:04}-{b:02}"), format!("{c:04}-{d:02}"))),
        implementer: p.implementer.as_deref(),
        responsible_unit: p.responsible_unit.as_deref(),
        responsible_person: p.responsible_person.as_deref(),
        funding_total_wan: p.funding.as_ref().map(|f| f.total.wan_exact()),
        funding_sources: p
            .funding
            .as_ref()
            .map(|f| {
                f.sources
                    .iter()
                    .map(|s| SourceRecord {
                        source: s.source.key(),
                        level: s.level.map(Keyword::key),
                        label: s.label(),
                        amount_wan: s.amount.wan_exact(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        beneficiaries: &p.beneficiaries,
        linkage_mechanism: p.linkage_mechanism.as_deref(),
        performance_targets: &p.performance_targets,
        place: p.place.as_deref(),
        not_given: p.not_given.iter().map(|n| n.key()).collect(),
        advisory_group: p.advisory_group.as_ref().map(|g| g.value.as_str()),
        advisory_group_name: e.names.advisory_group,
        notices: notices
            .into_iter()
            .map(|n| NoticeRecord {
                level: n.level.key(),
                level_label: n.level.label(),
                issuer: &n.issuer,
                boards: &n.boards,
                start: *n.start,
                end: *n.end,
                objections: n
                    .objections
                    .iter()
                    .map(|o| ObjectionRecord {
                        received_on: *o.received_on,
                        channel: o.channel.key(),
                        summary: &o.summary,
                        finding: o.finding.as_ref().map(|f| f.key()),
                        response: o.response.as_deref(),
                        responded_on: o.responded_on.as_ref().map(|d| **d),
                    })
                    .collect(),
            })
            .collect(),
        approval: p.approval.as_ref().map(|a| (a.by.as_str(), a.doc_no.as_str(), *a.date)),
        warehoused_on: p.warehoused_date(),
        events: events.into_iter().map(|e| (e.event_type.key(), *e.date, e.reference.as_deref())).collect(),
        status: e.status.key(),
        status_label: e.status.label(),
    }
}

/// One advisory group in `groups.json`.
#[derive(Serialize)]
pub struct GroupRecord<'a> {
    id: &'a str,
    name: &'a str,
    county: &'a str,
    industry: &'a str,
    certified_by: &'a [String],
    certified_on: NaiveDate,
    certification_ref: &'a str,
    is_outstanding: bool,
    members: Vec<MemberRecord<'a>>,
    consultations: Vec<(NaiveDate, &'static str, &'a str)>,
    service_log: Vec<(&'a str, NaiveDate, NaiveDate, &'a str, &'a str)>,
    plans: Vec<(i32, &'static str, NaiveDate)>,
    evaluations: Vec<(i32, &'a str, &'a str)>,
}

/// One member of a group, without private contacts.
#[derive(Serialize)]
pub struct MemberRecord<'a> {
    id: &'a str,
    name: &'a str,
    institution: &'a str,
    title: &'a str,
    field: &'a str,
    role: &'static str,
    source: &'static str,
    appointment_letter_no: &'a str,
    from: NaiveDate,
    to: Option<NaiveDate>,
}

/// Every group, by id.
pub(super) fn groups(groups: &[crate::domain::Group]) -> Vec<GroupRecord<'_>> {
    let mut v: Vec<_> = groups
        .iter()
        .map(|g| GroupRecord {
            id: &g.id,
            name: &g.name,
            county: &g.county,
            industry: &g.industry,
            certified_by: &g.certification.by,
            certified_on: g.certification.date,
            certification_ref: &g.certification.reference,
            is_outstanding: g.is_outstanding(),
            members: g
                .members
                .iter()
                .map(|m| MemberRecord {
                    id: &m.id,
                    name: &m.name,
                    institution: &m.institution,
                    title: &m.title,
                    field: &m.field,
                    role: m.role.key(),
                    source: m.source.key(),
                    appointment_letter_no: &m.appointment_letter_no,
                    from: *m.range.from,
                    to: m.range.to.as_ref().map(|t| **t),
                })
                .collect(),
            consultations: g
                .consultations
                .iter()
                .map(|c| (*c.date, c.mode.map_or("", |m| m.key()), c.topics.as_str()))
                .collect(),
            service_log: g
                .service_log
                .iter()
                .map(|s| (s.member.value.as_str(), s.from, s.to, s.place.as_str(), s.activity.as_str()))
                .collect(),
            plans: g.plans.iter().map(|p| (p.year, p.kind.key(), *p.submitted_on)).collect(),
            evaluations: g.evaluations.iter().map(|e| (e.year, e.by.as_str(), e.result.as_str())).collect(),
        })
        .collect();
    v.sort_by(|a, b| a.id.cmp(b.id));
    v
}

/// One typical case in `cases.json`.
#[derive(Serialize)]
pub struct CaseRecord<'a> {
    id: &'a str,
    title: &'a str,
    county: &'a str,
    township: Option<&'a str>,
    industry: &'a str,
    mode: Option<&'a str>,
    year: i32,
    batch: Option<&'a str>,
    advisory_group: Option<&'a str>,
    related_projects: Vec<&'a str>,
    results: &'a [CaseResult],
    images: &'a [Image],
    source: &'a str,
    published_on: NaiveDate,
}

/// Every case, by id.
pub(super) fn cases(cases: &[crate::domain::Case]) -> Vec<CaseRecord<'_>> {
    let mut v: Vec<_> = cases
        .iter()
        .map(|c| CaseRecord {
            id: &c.id,
            title: &c.title,
            county: &c.county,
            township: c.township.as_ref().map(|t| t.value.as_str()),
            industry: &c.industry,
            mode: c.mode.as_deref(),
            year: c.year,
            batch: c.batch.as_deref(),
            advisory_group: c.advisory_group.as_ref().map(|g| g.value.as_str()),
            related_projects: c.related_projects.iter().map(|r| r.value.as_str()).collect(),
            results: &c.results,
            images: &c.images,
            source: &c.source,
            published_on: c.published_on,
        })
        .collect();
    v.sort_by(|a, b| a.id.cmp(b.id));
    v
}
