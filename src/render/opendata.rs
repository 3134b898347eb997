//! Open data: `/data/projects.csv` (UTF-8 with BOM, so Excel opens it),
//! `/data/projects.json`, `/data/groups.json`, `/data/cases.json`. All public
//! fields plus the derived status; never private contacts or objectors.

use std::collections::BTreeSet;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::Error;
use crate::domain::project::{Beneficiaries, Target};
use crate::domain::story::{CaseResult, Image};
use crate::domain::{Content, Keyword, Project, status};
use crate::render::Sink;

#[derive(Serialize)]
struct ProjectRecord<'a> {
    id: &'a str,
    name: &'a str,
    county: &'a str,
    year: i32,
    #[serde(rename = "type")]
    project_type: &'a str,
    sub_type: Option<&'a str>,
    construction_nature: Option<&'static str>,
    origin: &'static str,
    township: Option<&'a str>,
    villages: Vec<&'a str>,
    content: &'a str,
    implementation_period: Option<(String, String)>,
    implementer: &'a str,
    responsible_unit: &'a str,
    responsible_person: &'a str,
    funding_total_wan: Option<String>,
    funding_sources: Vec<SourceRecord>,
    beneficiaries: &'a Beneficiaries,
    linkage_mechanism: &'a str,
    performance_targets: &'a [Target],
    advisory_group: Option<&'a str>,
    notices: Vec<NoticeRecord<'a>>,
    approval: Option<(&'a str, &'a str, NaiveDate)>,
    warehoused_on: Option<NaiveDate>,
    events: Vec<(&'static str, NaiveDate, Option<&'a str>)>,
    status: &'static str,
    status_label: &'static str,
}

#[derive(Serialize)]
struct SourceRecord {
    source: &'static str,
    level: Option<&'static str>,
    label: String,
    amount_wan: String,
}

#[derive(Serialize)]
struct NoticeRecord<'a> {
    level: &'static str,
    issuer: &'a str,
    boards: &'a [String],
    start: NaiveDate,
    end: NaiveDate,
    objections: Vec<ObjectionRecord<'a>>,
}

#[derive(Serialize)]
struct ObjectionRecord<'a> {
    received_on: NaiveDate,
    channel: &'static str,
    summary: &'a str,
    finding: Option<&'static str>,
    response: Option<&'a str>,
    responded_on: Option<NaiveDate>,
}

fn record<'a>(p: &'a Project, today: NaiveDate, failing: &BTreeSet<String>) -> ProjectRecord<'a> {
    let s = status::derive(p, today, !failing.contains(&*p.id));
    let notices = p.notices_by_date();
    let mut events: Vec<_> = p.events.iter().collect();
    events.sort_by_key(|e| (*e.date, e.event_type));
    ProjectRecord {
        id: &p.id,
        name: &p.name,
        county: &p.county,
        year: *p.year,
        project_type: &p.project_type,
        sub_type: p.sub_type.as_ref().map(|s| s.value.as_str()),
        construction_nature: p.construction_nature.map(Keyword::key),
        origin: p.origin.key(),
        township: p.township_id(),
        villages: p
            .location
            .as_ref()
            .map(|l| l.villages.iter().map(|v| v.value.as_str()).collect())
            .unwrap_or_default(),
        content: &p.content,
        implementation_period: p
            .implementation_period
            .map(|((a, b), (c, d))| (format!("{a:04}-{b:02}"), format!("{c:04}-{d:02}"))),
        implementer: &p.implementer,
        responsible_unit: &p.responsible_unit,
        responsible_person: &p.responsible_person,
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
        linkage_mechanism: &p.linkage_mechanism,
        performance_targets: &p.performance_targets,
        advisory_group: p.advisory_group.as_ref().map(|g| g.value.as_str()),
        notices: notices
            .into_iter()
            .map(|n| NoticeRecord {
                level: n.level.key(),
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
        status: s.key(),
        status_label: s.label(),
    }
}

fn sorted_projects(content: &Content) -> Vec<&Project> {
    let mut v: Vec<&Project> = content.projects.iter().collect();
    v.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    v
}

/// Writes every open-data file into `sink`, each serialized straight into
/// its file: `projects.json` alone is about 150 MB at 50,000 projects.
pub fn write(content: &Content, today: NaiveDate, failing: &BTreeSet<String>, sink: &dyn Sink) -> Result<(), Error> {
    let projects: Vec<ProjectRecord<'_>> =
        sorted_projects(content).into_iter().map(|p| record(p, today, failing)).collect();
    sink.stream("data/cases.json", &mut |w| pretty(w, &cases(content)))?;
    sink.stream("data/groups.json", &mut |w| pretty(w, &groups(content)))?;
    sink.stream("data/projects.csv", &mut |w| csv(w, &projects))?;
    sink.stream("data/projects.json", &mut |w| pretty(w, &projects))
}

fn pretty<T: Serialize>(w: &mut dyn Write, v: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, v)?;
    w.write_all(b"\n")
}

fn csv(out: &mut dyn Write, projects: &[ProjectRecord<'_>]) -> io::Result<()> {
    // UTF-8 with a byte-order mark, so Excel opens it as UTF-8.
    out.write_all(&[0xEF, 0xBB, 0xBF])?;
    let err = io::Error::other;
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "项目编号",
        "项目名称",
        "县",
        "年度",
        "项目类型",
        "子类型",
        "建设性质",
        "申报层级",
        "乡镇",
        "村",
        "建设内容及规模",
        "实施期限起",
        "实施期限止",
        "实施主体",
        "责任单位",
        "责任人",
        "资金总额（万元）",
        "资金来源（万元）",
        "带动脱贫户",
        "带动脱贫人口",
        "监测对象户",
        "联农带农机制",
        "绩效目标",
        "产业顾问组",
        "批复单位",
        "批复文号",
        "批复日期",
        "入库日期",
        "状态代码",
        "状态",
    ])
    .map_err(err)?;
    for p in projects {
        let (pf, pt) = p.implementation_period.clone().unwrap_or_default();
        let sources: Vec<String> = p.funding_sources.iter().map(|s| format!("{}:{}", s.label, s.amount_wan)).collect();
        let targets: Vec<String> =
            p.performance_targets.iter().map(|t| format!("{}:{}{}", t.indicator, t.value, t.unit)).collect();
        let (ab, an, ad) = p.approval.map(|(b, n, d)| (b.to_owned(), n.to_owned(), d.to_string())).unwrap_or_default();
        w.write_record([
            p.id.to_owned(),
            p.name.to_owned(),
            p.county.to_owned(),
            p.year.to_string(),
            p.project_type.to_owned(),
            p.sub_type.unwrap_or_default().to_owned(),
            p.construction_nature.unwrap_or_default().to_owned(),
            p.origin.to_owned(),
            p.township.unwrap_or_default().to_owned(),
            p.villages.join(";"),
            p.content.to_owned(),
            pf,
            pt,
            p.implementer.to_owned(),
            p.responsible_unit.to_owned(),
            p.responsible_person.to_owned(),
            p.funding_total_wan.clone().unwrap_or_default(),
            sources.join(";"),
            p.beneficiaries.households_lifted.to_string(),
            p.beneficiaries.persons_lifted.to_string(),
            p.beneficiaries.households_monitored.to_string(),
            p.linkage_mechanism.to_owned(),
            targets.join(";"),
            p.advisory_group.unwrap_or_default().to_owned(),
            ab,
            an,
            ad,
            p.warehoused_on.map(|d| d.to_string()).unwrap_or_default(),
            p.status.to_owned(),
            p.status_label.to_owned(),
        ])
        .map_err(err)?;
    }
    w.flush()
}

#[derive(Serialize)]
struct GroupRecord<'a> {
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

#[derive(Serialize)]
struct MemberRecord<'a> {
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

fn groups(content: &Content) -> Vec<GroupRecord<'_>> {
    let mut v: Vec<_> = content
        .groups
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

#[derive(Serialize)]
struct CaseRecord<'a> {
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

fn cases(content: &Content) -> Vec<CaseRecord<'_>> {
    let mut v: Vec<_> = content
        .cases
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
