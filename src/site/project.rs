//! The project disclosure (`/projects/<id>/`): the view its page and its
//! printable notices share (put together by `SiteModel::project_pages`, as
//! each project is rendered), and the one-line rows that lists show.
//! Everything is formatted here, so templates only print.

use serde::Serialize;

use super::display::{self, DateView};
use super::summary::NoticeState;
use super::{Link, Model, url};
use crate::domain::figures::FundingSource;
use crate::domain::project::{NotGiven, ProjectLocation, Target};
use crate::domain::{Content, Keyword, Money, Notice, Project, Status};

/// Everything public about one project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// Id.
    pub id: String,
    /// Page path.
    pub url: String,
    /// 项目名称.
    pub name: String,
    /// County name.
    pub county_name: String,
    /// 项目库 year.
    pub year: i32,
    /// Type key and name.
    pub type_key: String,
    /// 项目类型.
    pub type_name: String,
    /// 项目子类型.
    pub sub_type: Option<String>,
    /// 建设性质.
    pub nature: Option<&'static str>,
    /// 申报层级.
    pub origin: &'static str,
    /// 实施地点, as text.
    pub location: String,
    /// The township page.
    pub township: Option<Link>,
    /// 建设内容及规模.
    pub content: String,
    /// 实施期限.
    pub period: Option<String>,
    /// 实施主体.
    pub implementer: String,
    /// 责任单位.
    pub responsible_unit: String,
    /// 责任人.
    pub responsible_person: String,
    /// Funding table.
    pub funding: Option<FundingView>,
    /// 受益对象.
    pub beneficiaries: crate::domain::project::Beneficiaries,
    /// 联农带农机制.
    pub linkage_mechanism: String,
    /// 绩效目标, one line each (未公布 when not given).
    pub targets: Vec<String>,
    /// The serving group.
    pub group: Option<Link>,
    /// Typical cases naming this project.
    pub cases: Vec<Link>,
    /// Every notice, in date order.
    pub notices: Vec<NoticeView>,
    /// 批复.
    pub approval: Option<ApprovalView>,
    /// 入库日期.
    pub warehoused_on: Option<DateView>,
    /// Status key.
    pub status_key: &'static str,
    /// Status label.
    pub status: &'static str,
    /// Every dated step, oldest first.
    pub timeline: Vec<Step>,
    /// 撤回 or 未通过, once it has happened.
    pub closure: Option<super::history::ClosureView>,
    /// 变更 made by the build date, oldest first.
    pub changes: Vec<super::history::ChangeView>,
    /// The published 项目库公告 that list it (入库, 调出 or 变更), oldest first.
    pub announcements: Vec<AnnouncedIn>,
    /// 年度计划与资金: plan documents naming it, allocations, payments.
    pub money: Option<super::money::MoneyView>,
    /// The first screen: status in plain words, the notice, money, beneficiaries.
    pub summary: super::summary::Summary,
    /// 绩效目标表, 竣工验收, 项目公示牌, 竣工公告 and 现场照片.
    pub works: super::works::WorksView,
    /// 帮扶项目资产 it formed (as of the build day).
    pub assets: Vec<super::asset::AssetRow>,
    /// `false`: recorded as forming no asset (不形成资产).
    pub forms_assets: bool,
}

/// 资金 table; amounts in 万元 with two decimals.
#[derive(Debug, Clone, Serialize)]
pub struct FundingView {
    /// 资金总额.
    pub total: String,
    /// One row per source.
    pub rows: Vec<FundingRow>,
    /// The bridging fund's short name explained by its full name, in the
    /// project year's words (衔接资金即财政衔接推进乡村振兴补助资金), when a
    /// row names it: a villager reading the board sees the short name only.
    pub note: Option<String>,
}

/// One funding source.
#[derive(Debug, Clone, Serialize)]
pub struct FundingRow {
    /// Label (中央衔接资金 …).
    pub label: String,
    /// Amount.
    pub amount: String,
}

/// One notice as printed on the page.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    /// Level key.
    pub level_key: &'static str,
    /// 村级 …
    pub level: &'static str,
    /// 发布单位.
    pub issuer: String,
    /// 公开栏.
    pub boards: Vec<String>,
    /// First day.
    pub start: DateView,
    /// Last day.
    pub end: DateView,
    /// Days under the counting rule.
    pub days: i64,
    /// Whether it is the effective notice of its level.
    pub is_effective: bool,
    /// What the heading adds: 变更后重新公示, 已被后续同级公示替代 …
    pub note: Option<&'static str>,
    /// 公示中 / 已结束 / 未开始.
    pub state: &'static str,
    /// The sentence about objections, true on the build date.
    pub objection_note: String,
    /// The printable notice, for the effective one.
    pub print_url: Option<String>,
    /// 异议 (never who raised them).
    pub objections: Vec<ObjectionView>,
}

/// 异议 and how it was handled.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectionView {
    /// Received.
    pub received_on: DateView,
    /// Channel.
    pub channel: &'static str,
    /// What was raised.
    pub summary: String,
    /// 处理结论.
    pub finding: Option<&'static str>,
    /// 答复.
    pub response: Option<String>,
    /// Answered.
    pub responded_on: Option<DateView>,
}

/// 批复.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalView {
    /// Approving office.
    pub by: String,
    /// 文号.
    pub doc_no: String,
    /// Date.
    pub date: DateView,
}

/// A 项目库公告 that lists the project.
#[derive(Debug, Clone, Serialize)]
pub struct AnnouncedIn {
    /// The announcement's page and title.
    pub link: Link,
    /// 文号.
    pub doc_no: Option<String>,
    /// 发布日期.
    pub date: DateView,
    /// What it says of this project: 入库, 调出 or 变更.
    pub role: &'static str,
}

/// A dated step of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Date.
    pub date: DateView,
    /// What happened.
    pub label: String,
    /// Document or reference.
    pub reference: Option<String>,
}

/// A project in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow {
    /// Id.
    pub id: String,
    /// Page path.
    pub url: String,
    /// Name.
    pub name: String,
    /// Year.
    pub year: i32,
    /// Type name.
    pub type_name: String,
    /// Township name.
    pub township: String,
    /// Total in 万元.
    pub total: String,
    /// Status label.
    pub status: &'static str,
    /// 入库日期.
    pub warehoused_on: Option<DateView>,
}

/// The disclosure view of `p`.
pub(super) fn project_view(m: &Model<'_>, p: &Project) -> ProjectView {
    let county = m.content.county(&p.county);
    let township = county.zip(p.township_id()).and_then(|(c, t)| c.township(t));
    let location = match (&p.place, &p.location) {
        (Some(written), None) => written.clone(),
        (None, None) if p.is_not_given(NotGiven::Location) => display::NOT_GIVEN.to_owned(),
        _ => place(m, &p.county, p.location.as_ref()),
    };
    let notices = p.notices_by_date();
    let status = m.status(p);
    let mut timeline: Vec<Step> = Vec::new();
    for n in &notices {
        timeline.push(Step {
            date: display::date(*n.start),
            label: format!("{}公示开始（至{}）", n.level.label(), display::date_zh(*n.end)),
            reference: None,
        });
    }
    if let Some(a) = &p.approval {
        timeline.push(Step {
            date: display::date(*a.date),
            label: format!("县级审定批复（{}）", a.by),
            reference: Some(a.doc_no.clone()),
        });
    }
    if let Some(w) = p.warehoused_date() {
        timeline.push(Step { date: display::date(w), label: "入库".into(), reference: None });
    }
    let closure = super::history::closure(m, p);
    if let Some(c) = &closure {
        let label = if c.key == "withdrawn" {
            format!("撤回（{}）", c.by)
        } else {
            format!("县级审定未通过（{}）", c.by)
        };
        timeline.push(Step { date: c.date.clone(), label, reference: c.doc_no.clone() });
    }
    let changes = super::history::changes(m, p);
    for c in &changes {
        timeline.push(Step { date: c.date.clone(), label: "项目变更".into(), reference: Some(c.doc_no.clone()) });
    }
    let mut events: Vec<_> = p.events.iter().collect();
    events.sort_by_key(|e| (*e.date, e.event_type));
    for e in events {
        timeline.push(Step {
            date: display::date(*e.date),
            label: e.event_type.label().into(),
            reference: e.reference.clone(),
        });
    }
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    let terms = m.site.terms.for_year(*p.year);
    ProjectView {
        id: p.id.value.clone(),
        url: url::project(&p.id),
        name: p.name.clone(),
        county_name: county.map_or_else(String::new, |c| c.name.clone()),
        year: *p.year,
        type_key: p.project_type.value.clone(),
        type_name: m.type_name(&p.project_type),
        sub_type: p.sub_type.as_ref().map(|s| s.value.clone()),
        nature: match p.construction_nature {
            Some(n) => Some(n.label()),
            None if p.is_not_given(NotGiven::ConstructionNature) => Some(display::NOT_GIVEN),
            None => None,
        },
        origin: p.origin.label(),
        location,
        township: county.zip(township).map(|(c, t)| Link::new(&t.name, url::township(&c.id, &t.id))),
        content: if p.is_not_given(NotGiven::Content) { display::NOT_GIVEN.to_owned() } else { p.content.clone() },
        period: match p.implementation_period {
            Some((a, b)) => Some(format!("{}至{}", display::month_zh(a), display::month_zh(b))),
            None if p.is_not_given(NotGiven::ImplementationPeriod) => Some(display::NOT_GIVEN.to_owned()),
            None => None,
        },
        implementer: display::given(p.implementer.as_deref()),
        responsible_unit: display::given(p.responsible_unit.as_deref()),
        responsible_person: display::given(p.responsible_person.as_deref()),
        funding: p.funding.as_ref().map(|f| FundingView {
            total: display::money(*f.total),
            rows: f
                .sources
                .iter()
                .map(|s| FundingRow { label: s.label_in(&terms), amount: display::money(s.amount) })
                .collect(),
            note: f
                .sources
                .iter()
                .any(|s| s.source == FundingSource::BridgingFund)
                .then(|| format!("{}即{}", terms.fund_short, terms.fund)),
        }),
        beneficiaries: p.beneficiaries.clone(),
        linkage_mechanism: display::given(p.linkage_mechanism.as_deref()),
        targets: if p.is_not_given(NotGiven::PerformanceTargets) {
            vec![display::NOT_GIVEN.to_owned()]
        } else {
            p.performance_targets.iter().map(Target::text).collect()
        },
        group: p.advisory_group.as_ref().and_then(|g| m.group(g)).map(|g| Link::new(&g.name, url::group(&g.id))),
        cases: m.cases_of(&p.id).iter().map(|c| Link::new(&c.title, url::case(&c.id))).collect(),
        notices: notices.iter().map(|n| notice_view(m, p, n)).collect(),
        approval: p.approval.as_ref().map(|a| ApprovalView {
            by: a.by.clone(),
            doc_no: a.doc_no.clone(),
            date: display::date(*a.date),
        }),
        warehoused_on: p.warehoused_date().map(display::date),
        status_key: status.key(),
        status: status.label(),
        timeline,
        closure,
        changes,
        money: super::money::money(m, p),
        announcements: m
            .announcements_of(&p.id)
            .iter()
            .map(|a| {
                let county = m.content.county(&a.county).map_or("", |c| c.name.as_str());
                let role = if a.moved_out.iter().any(|id| id.value == p.id.value) {
                    "调出"
                } else if a.changed.iter().any(|id| id.value == p.id.value) {
                    "变更"
                } else {
                    "入库"
                };
                AnnouncedIn {
                    link: Link::new(&a.title(county, &m.site.terms), url::announcement(&a.county, *a.year, &a.id)),
                    doc_no: a.doc_no.clone(),
                    date: display::date(*a.date),
                    role,
                }
            })
            .collect(),
        summary: super::summary::summary(p, status, m.today),
        works: super::works::works_view(m, p, status),
        assets: super::asset::project_assets(m, &p.id),
        forms_assets: p.forms_assets,
    }
}

/// One notice of `p`.
pub(super) fn notice_view(m: &Model<'_>, p: &Project, n: &Notice) -> NoticeView {
    let is_effective = p.is_effective(n);
    let state = NoticeState::on(*n.start, *n.end, m.today);
    // A withdrawn or rejected project's notice was taken down: it neither
    // runs nor will run, whatever its end date says.
    let taken_down = state != NoticeState::Ended && p.closure().is_some_and(|(c, _)| *c.date <= m.today);
    NoticeView {
        level_key: n.level.key(),
        level: n.level.label(),
        issuer: n.issuer.clone(),
        boards: n.boards.clone(),
        start: display::date(*n.start),
        end: display::date(*n.end),
        days: display::notice_days(*n.start, *n.end, m.site.rules.counting),
        is_effective,
        note: if p.is_change_notice(n) {
            Some("项目变更前重新公示")
        } else if !is_effective && p.effective_notice(n.level).is_some_and(|e| p.is_change_notice(e)) {
            Some("入库前公示")
        } else if !is_effective {
            Some("已被后续同级公示替代")
        } else {
            None
        },
        state: if taken_down { "已终止" } else { state.label() },
        objection_note: if taken_down {
            "项目已结束申报，本次公示随之终止。".to_owned()
        } else {
            super::summary::objection_sentence(state, !n.objections.is_empty(), m.today)
        },
        print_url: is_effective.then(|| url::notice(&p.id, n.level.key())),
        objections: n
            .objections
            .iter()
            .map(|o| ObjectionView {
                received_on: display::date(*o.received_on),
                channel: o.channel.label(),
                summary: o.summary.clone(),
                finding: o.finding.as_ref().map(|f| f.label()),
                response: o.response.clone(),
                responded_on: o.responded_on.as_ref().map(|d| display::date(**d)),
            })
            .collect(),
    }
}

/// The list row of `p`, whose status is `status`.
pub(super) fn row(content: &Content, p: &Project, status: Status) -> ProjectRow {
    let township = content
        .county(&p.county)
        .zip(p.township_id())
        .and_then(|(c, t)| c.township(t))
        .map_or_else(|| "县级".to_owned(), |t| t.name.clone());
    ProjectRow {
        id: p.id.value.clone(),
        url: url::project(&p.id),
        name: p.name.clone(),
        year: *p.year,
        type_name: type_name(content, &p.project_type),
        township,
        total: display::money(total_of(p)),
        status: status.label(),
        warehoused_on: p.warehoused_date().map(display::date),
    }
}

/// The Chinese name of project type `key` (the key itself when the
/// taxonomy lacks it, which only content that failed its checks can do).
pub(super) fn type_name(content: &Content, key: &str) -> String {
    content.project_type(key).map_or_else(|| key.to_owned(), |t| t.name.clone())
}

/// The declared total of a project (zero when it has no funding block).
pub fn total_of(p: &Project) -> Money {
    p.funding.as_ref().map_or(Money::ZERO, |f| *f.total)
}

/// 实施地点 as text: the township and its villages by name
/// ([`detail::place`](super::detail::place)), or the county as a whole
/// (<县名>（全县）) for a project with no one place.
pub(super) fn place(m: &Model<'_>, county_id: &str, location: Option<&ProjectLocation>) -> String {
    let county = m.content.county(county_id);
    match location {
        Some(_) => super::detail::place(county, location),
        None => county.map_or_else(String::new, |c| format!("{}（全县）", c.name)),
    }
}
