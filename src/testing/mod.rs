//! Builders for rule tests: domain records without YAML.
//!
//! `project("P-1").village(d("2024-03-01"), d("2024-03-11")).approval(d("2024-03-20")).build()`
//! gives a [`Project`] whose every field has its own synthetic position (a fresh line per
//! field, in the order the builder creates them), so a test can assert which field a
//! diagnostic points at by comparing with that field's `pos`. [`content`] wraps projects in a
//! [`Content`] with a default `site.yaml` and the built-in taxonomy.

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Pos, Severity};
use crate::domain::content::builtin_taxonomy;
use crate::domain::project::{
    Approval, Beneficiaries, Channel, Event, EventType, Finding, FundLevel, Funding, FundingLine, FundingSource,
    Notice, NoticeLevel, Objection, Origin,
};
use crate::domain::site::{Phone, Portal};
use crate::domain::{At, Content, Money, Project, Rules, Site, SourcePath};

pub(crate) mod records;

/// A county record with every required field (see [`records::county`]).
pub(crate) use records::county;

/// Parses `YYYY-MM-DD`; test input only.
pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// Parses a 万元 literal such as `0.1` or `120`; test input only.
pub(crate) fn wan(s: &str) -> Money {
    Money::parse_wan(s).unwrap_or_else(|e| panic!("bad test amount {s}: {e:?}"))
}

/// Starts a project with id `id` in county `qingling`, year 2024, type `industry`,
/// `origin: village`, and no notices, approval, funding or events.
pub(crate) fn project(id: &str) -> ProjectBuilder {
    // Lines 1–4 hold the four fields set here; setters continue from line 5.
    let at = |line| Pos::new(line, 3);
    let project = Project {
        path: SourcePath(format!("content/projects/{id}.yaml").into()),
        id: At::new(id.to_owned(), at(1)),
        name: format!("{id} 测试项目"),
        county: At::new("qingling".to_owned(), at(2)),
        year: At::new(2024, at(3)),
        project_type: At::new("industry".to_owned(), at(4)),
        sub_type: None,
        construction_nature: None,
        origin: Origin::Village,
        location: None,
        content: "建设内容".into(),
        implementation_period: None,
        implementer: Some("实施主体".into()),
        responsible_unit: Some("责任单位".into()),
        responsible_person: Some("责任人".into()),
        funding: None,
        beneficiaries: Beneficiaries::default(),
        linkage_mechanism: Some("联农带农机制".into()),
        performance_targets: Vec::new(),
        advisory_group: None,
        notices: Vec::new(),
        approval: None,
        warehoused_on: None,
        events: Vec::new(),
        withdrawn: None,
        rejected: None,
        changes: Vec::new(),
        payments: Vec::new(),
        place: None,
        not_given: Vec::new(),
        forms_assets: true,
        gaps: Default::default(),
        acceptance: None,
        site_sign: None,
        completion_notice: None,
    };
    ProjectBuilder { next_line: 5, project }
}

/// A [`Content`] holding `projects`, a default site (default [`Rules`]) and the built-in taxonomy.
pub(crate) fn content(projects: impl IntoIterator<Item = Project>) -> Content {
    Content {
        site: Some(Site {
            path: crate::domain::SourcePath("content/site.yaml".into()),
            supervision_phones_pos: crate::diag::Pos::new(9, 1),
            title: "测试站点".into(),
            base_url: "https://example.gov.cn/".into(),
            language: "zh-CN".into(),
            county: None,
            page_size: 20,
            theme: None,
            portal: Portal::default(),
            supervision_phones: vec![Phone { number: "12317".into(), label: "监督举报电话".into() }],
            rules: Rules::default(),
            objections: Default::default(),
            announcements: Default::default(),
            terms: Default::default(),
        }),
        taxonomy: builtin_taxonomy(),
        projects: projects.into_iter().map(std::sync::Arc::new).collect(),
        ..Content::default()
    }
}

/// The diagnostics of `code`; asserts there is exactly one and that it has `severity`
/// and points at `pos` of `project`'s file, then returns it.
#[track_caller]
pub(crate) fn only<'a>(
    diags: &'a [Diagnostic],
    code: Code,
    severity: Severity,
    project: &Project,
    pos: Pos,
) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected exactly one {code}, got {diags:#?}");
    let diag = found[0];
    assert_eq!(diag.severity(), severity, "{diag:#?}");
    assert_eq!(diag.location, project.path.at(pos), "{code} points elsewhere: {diag:#?}");
    assert_eq!(diag.record.as_deref(), Some(project.id.as_str()));
    diag
}

/// Asserts that no diagnostic has `code`.
#[track_caller]
pub(crate) fn none(diags: &[Diagnostic], code: Code) {
    assert!(diags.iter().all(|d| d.code != code), "unexpected {code}: {diags:#?}");
}

/// Position of the `approval` item.
pub(crate) fn approval_at(p: &Project) -> Pos {
    let Some(approval) = &p.approval else { panic!("{} has no approval", *p.id) };
    approval.pos
}

/// Position of `approval.date`.
pub(crate) fn approval_date_at(p: &Project) -> Pos {
    let Some(approval) = &p.approval else { panic!("{} has no approval", *p.id) };
    approval.date.pos
}

/// Position of `warehoused_on`.
pub(crate) fn warehoused_at(p: &Project) -> Pos {
    let Some(on) = &p.warehoused_on else { panic!("{} has no warehoused_on", *p.id) };
    on.pos
}

/// Position of `funding.total`.
pub(crate) fn total_at(p: &Project) -> Pos {
    let Some(funding) = &p.funding else { panic!("{} has no funding", *p.id) };
    funding.total.pos
}

/// Position of `sub_type`.
pub(crate) fn sub_type_at(p: &Project) -> Pos {
    let Some(sub_type) = &p.sub_type else { panic!("{} has no sub_type", *p.id) };
    sub_type.pos
}

/// Position of `responded_on` of objection `objection` of notice `notice` (file order).
pub(crate) fn responded_at(p: &Project, notice: usize, objection: usize) -> Pos {
    let Some(on) = &p.notices[notice].objections[objection].responded_on else { panic!("no responded_on") };
    on.pos
}

/// A [`Project`] under construction; each setter gives its field a new position.
pub(crate) struct ProjectBuilder {
    next_line: u32,
    project: Project,
}

impl ProjectBuilder {
    /// The finished project.
    pub(crate) fn build(self) -> Project {
        self.project
    }

    /// Sets `origin`.
    pub(crate) fn origin(mut self, origin: Origin) -> Self {
        self.project.origin = origin;
        self
    }

    /// Sets `county`.
    pub(crate) fn in_county(mut self, county: &str) -> Self {
        let at = self.at(county.to_owned());
        self.project.county = at;
        self
    }

    /// Sets `year`.
    pub(crate) fn year(mut self, year: i32) -> Self {
        let at = self.at(year);
        self.project.year = at;
        self
    }

    /// Sets `type`.
    pub(crate) fn kind(mut self, key: &str) -> Self {
        let at = self.at(key.to_owned());
        self.project.project_type = at;
        self
    }

    /// Sets `sub_type`.
    pub(crate) fn sub_type(mut self, sub_type: &str) -> Self {
        let at = self.at(sub_type.to_owned());
        self.project.sub_type = Some(at);
        self
    }

    /// Adds a village notice.
    pub(crate) fn village(self, start: NaiveDate, end: NaiveDate) -> Self {
        self.notice(NoticeLevel::Village, start, end)
    }

    /// Adds a township notice.
    pub(crate) fn township(self, start: NaiveDate, end: NaiveDate) -> Self {
        self.notice(NoticeLevel::Township, start, end)
    }

    /// Adds a county notice.
    pub(crate) fn county_notice(self, start: NaiveDate, end: NaiveDate) -> Self {
        self.notice(NoticeLevel::County, start, end)
    }

    /// Adds a notice at `level`.
    pub(crate) fn notice(mut self, level: NoticeLevel, start: NaiveDate, end: NaiveDate) -> Self {
        let pos = self.pos();
        let start = self.at(start);
        let end = self.at(end);
        self.project.notices.push(Notice {
            level,
            issuer: "发布单位".into(),
            boards: vec!["公开栏".into()],
            start,
            end,
            objections: Vec::new(),
            photos: Vec::new(),
            pos,
        });
        self
    }

    /// Adds an objection to the notice added last.
    pub(crate) fn objection(
        mut self,
        received_on: NaiveDate,
        finding: Option<Finding>,
        responded_on: Option<NaiveDate>,
    ) -> Self {
        let pos = self.pos();
        let received_on = self.at(received_on);
        let finding = finding.map(|f| self.at(f));
        let responded_on = responded_on.map(|r| self.at(r));
        let response = finding.as_ref().map(|_| "答复".to_owned());
        let objection = Objection {
            received_on,
            channel: Channel::Phone,
            summary: "异议内容".into(),
            finding,
            response,
            responded_on,
            is_answer_invalid: false,
            pos,
        };
        let Some(notice) = self.project.notices.last_mut() else { panic!("objection() needs a notice before it") };
        notice.objections.push(objection);
        self
    }

    /// Sets `approval` dated `date`.
    pub(crate) fn approval(mut self, date: NaiveDate) -> Self {
        let pos = self.pos();
        let date = self.at(date);
        let approval = Approval { by: "县领导小组办公室".into(), doc_no: "测试〔2024〕1号".into(), date };
        self.project.approval = Some(At::new(approval, pos));
        self
    }

    /// Sets `warehoused_on`.
    pub(crate) fn warehoused(mut self, date: NaiveDate) -> Self {
        let at = self.at(date);
        self.project.warehoused_on = Some(at);
        self
    }

    /// Adds an event.
    pub(crate) fn event(mut self, event_type: EventType, date: NaiveDate) -> Self {
        let pos = self.pos();
        let date = self.at(date);
        self.project.events.push(Event { event_type, date, reference: None, photos: Vec::new(), pos });
        self
    }

    /// Sets `funding`: `total` and `(source, amount)` lines, amounts in 万元 text.
    /// Bridging-fund lines get `level: central`.
    pub(crate) fn funding(mut self, total: &str, sources: &[(FundingSource, &str)]) -> Self {
        let total = self.at(wan(total));
        let sources = sources
            .iter()
            .map(|&(source, amount)| FundingLine {
                source,
                level: (source == FundingSource::BridgingFund).then_some(FundLevel::Central),
                amount: wan(amount),
            })
            .collect();
        self.project.funding = Some(Funding { total, sources });
        self
    }

    /// Sets `withdrawn` (or, with `rejected`, `rejected`) dated `date`.
    pub(crate) fn closed(mut self, date: NaiveDate, rejected: bool) -> Self {
        let pos = self.pos();
        let date = self.at(date);
        let closure =
            crate::domain::change::Closure {
                date, by: "镇人民政府".into(), reason: "原因".into(), doc_no: None
            };
        if rejected {
            self.project.rejected = Some(At::new(closure, pos));
        } else {
            self.project.withdrawn = Some(At::new(closure, pos));
        }
        self
    }

    /// Adds a change dated `date` whose `previous` is `previous`.
    pub(crate) fn change(mut self, date: NaiveDate, previous: crate::domain::change::Previous) -> Self {
        let pos = self.pos();
        let date = self.at(date);
        let change = crate::domain::change::Change {
            date,
            doc_no: "变更〔2024〕1号".into(),
            summary: "变更".into(),
            previous,
            pos,
        };
        self.project.changes.push(change);
        self
    }

    fn pos(&mut self) -> Pos {
        let pos = Pos::new(self.next_line, 3);
        self.next_line += 1;
        pos
    }

    fn at<T>(&mut self, value: T) -> At<T> {
        At::new(value, self.pos())
    }
}
