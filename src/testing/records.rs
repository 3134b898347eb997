//! Domain records for rule tests, each at a fixed file and fixed positions
//! (see each builder's doc), so a test can assert where a diagnostic points.

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Location, Pos, Severity};
use crate::domain::county::{EastWestPairing, LiaisonLevel, NeedStatus};
use crate::domain::group::{Certification, MemberSource, PlanDoc, PlanKind, Role};
use crate::domain::project::{Origin, ProjectLocation};
use crate::domain::story::{Body, Image};
use crate::domain::{
    At, Case, Consultation, County, DateRange, Group, Liaison, Member, Need, Page, Project, SourcePath, Term, Township,
    Village,
};

pub fn d(s: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(date) => date,
        Err(e) => panic!("test date {s}: {e}"),
    }
}

pub fn at<T>(value: T, line: u32, column: u32) -> At<T> {
    At::new(value, Pos::new(line, column))
}

pub fn s(value: &str, line: u32, column: u32) -> At<String> {
    at(value.to_owned(), line, column)
}

pub fn range(from: &str, to: Option<&str>) -> DateRange {
    DateRange { from: at(d(from), 1, 1), to: to.map(|t| at(d(t), 1, 1)) }
}

/// Asserts one diagnostic's code, severity, file and position.
pub fn assert_diag(diag: &Diagnostic, code: Code, file: &str, pos: Option<(u32, u32)>) {
    let expected = Location { file: file.into(), pos: pos.map(|(l, c)| Pos::new(l, c)) };
    assert_eq!((diag.code, &diag.location), (code, &expected), "{diag:?}");
    let severity = match code {
        Code::SupervisionPhone
        | Code::ConvenerCount
        | Code::LiaisonCount
        | Code::EastWestQuota
        | Code::ConsultationGap
        | Code::PlanLate
        | Code::SummaryLate => Severity::Warning,
        _ => Severity::Error,
    };
    assert_eq!(diag.severity(), severity, "{diag:?}");
}

/// County `id` at `content/counties/<id>.yaml`: id at 1:5, convener (from 2023-03-01) at 9:1,
/// liaisons (one per level from 2023-03-01) at 10:1, township `shiqiao` (20:9) with
/// village `baiyan` (22:13); not paired.
pub fn county(id: &str) -> County {
    let liaison = |level, line| Liaison {
        level,
        name: "李某".into(),
        org: "科协".into(),
        range: range("2023-03-01", None),
        is_range_invalid: false,
        pos: Pos::new(line, 5),
    };
    County {
        path: SourcePath(format!("content/counties/{id}.yaml").into()),
        id: s(id, 1, 5),
        name: "青岭县".into(),
        adcode: "522799".into(),
        province: "贵州省".into(),
        prefecture: "黔南州".into(),
        is_key_assistance_county: false,
        authority: "青岭县农业农村局".into(),
        leading_group: "领导小组".into(),
        convener: vec![term("2023-03-01", None)],
        convener_pos: Pos::new(9, 1),
        liaisons: vec![
            liaison(LiaisonLevel::Province, 11),
            liaison(LiaisonLevel::Prefecture, 12),
            liaison(LiaisonLevel::County, 13),
        ],
        liaisons_pos: Pos::new(10, 1),
        is_convener_incomplete: false,
        are_liaisons_incomplete: false,
        east_west_pairing: None,
        needs: Vec::new(),
        townships: vec![township("shiqiao", 20, &[("baiyan", 22)])],
        are_townships_incomplete: false,
    }
}

pub fn term(from: &str, to: Option<&str>) -> Term {
    Term {
        name: "王某某".into(),
        post: "县委副书记".into(),
        range: range(from, to),
        is_range_invalid: false,
        pos: Pos::new(9, 11),
    }
}

pub fn paired(mut c: County) -> County {
    c.east_west_pairing = Some(at(EastWestPairing { partner: "广州市某区".into(), since: 2021 }, 14, 20));
    c
}

pub fn township(id: &str, line: u32, villages: &[(&str, u32)]) -> Township {
    Township {
        id: s(id, line, 9),
        name: "石桥镇".into(),
        board: "公开栏".into(),
        villages: villages
            .iter()
            .map(|&(v, l)| Village { id: s(v, l, 13), name: "白岩村".into(), board: "公开栏".into() })
            .collect(),
        are_villages_incomplete: false,
    }
}

pub fn need(id: &str, line: u32, group: Option<&str>) -> Need {
    Need {
        id: s(id, line, 9),
        industry: "茶叶".into(),
        need: "技术".into(),
        submitted_on: d("2023-02-10"),
        status: NeedStatus::Matched,
        group: group.map(|g| s(g, line + 5, 12)),
    }
}

/// Group `id` of `county` at `content/groups/<id>.yaml`, certified on `certified`:
/// id 1:5, county 3:9, certification 5:1, consultations key 20:1, plans key 30:1; no members.
pub fn group(id: &str, county: &str, certified: &str) -> Group {
    Group {
        path: SourcePath(format!("content/groups/{id}.yaml").into()),
        id: s(id, 1, 5),
        name: "茶产业产业顾问组".into(),
        county: s(county, 3, 9),
        industry: "茶叶".into(),
        certification: Certification {
            by: vec!["国家乡村振兴局".into()],
            date: d(certified),
            reference: "第二批".into(),
        },
        certification_pos: Pos::new(5, 1),
        members: Vec::new(),
        invalid_members: Vec::new(),
        agreement: None,
        consultations: Vec::new(),
        consultations_pos: Pos::new(20, 1),
        are_consultations_incomplete: false,
        service_log: Vec::new(),
        remote_guidance: Vec::new(),
        plans: Vec::new(),
        plans_pos: Pos::new(30, 1),
        are_plans_incomplete: false,
        evaluations: Vec::new(),
    }
}

pub fn member(id: &str, line: u32, source: MemberSource, from: &str, to: Option<&str>) -> Member {
    Member {
        id: s(id, line, 9),
        name: "刘某某".into(),
        institution: "某大学".into(),
        title: "教授".into(),
        field: "茶学".into(),
        role: Role::Member,
        source,
        appointment_letter_no: "CYGW-1".into(),
        range: range(from, to),
        is_range_invalid: false,
    }
}

/// A 会商 on `date`, written at line `line`.
pub fn consultation(date: &str, line: u32) -> Consultation {
    Consultation {
        date: at(d(date), line, 13),
        mode: Some(crate::domain::group::MeetingMode::Onsite),
        topics: "会商".into(),
    }
}

pub fn plan(year: i32, kind: PlanKind, submitted: &str, line: u32) -> PlanDoc {
    PlanDoc { year, kind, submitted_on: at(d(submitted), line, 40) }
}

/// Project `id` of `county` at `content/projects/<id>.yaml`: id 1:5, county 3:9,
/// no location, no group.
pub fn project(id: &str, county: &str) -> Project {
    Project {
        path: SourcePath(format!("content/projects/{id}.yaml").into()),
        id: s(id, 1, 5),
        name: "茶叶加工厂房".into(),
        county: s(county, 3, 9),
        year: at(2024, 4, 7),
        project_type: s("industry", 5, 7),
        sub_type: None,
        construction_nature: None,
        origin: Origin::Village,
        location: None,
        content: "建设".into(),
        implementation_period: None,
        implementer: Some("合作社".into()),
        responsible_unit: Some("镇政府".into()),
        responsible_person: Some("陈某某".into()),
        funding: None,
        beneficiaries: Default::default(),
        linkage_mechanism: Some("分红".into()),
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
    }
}

/// Locates a project: township at 8:23, villages at 8:45, 8:55 …
pub fn located(mut p: Project, township: &str, villages: &[&str]) -> Project {
    p.location = Some(ProjectLocation {
        township: s(township, 8, 23),
        villages: villages.iter().enumerate().map(|(i, v)| s(v, 8, 45 + 10 * i as u32)).collect(),
    });
    p
}

/// Case `id` of `county` at `content/cases/<id>.md`: id 2:5, county 4:9; body from line 20.
pub fn case(id: &str, county: &str) -> Case {
    Case {
        path: SourcePath(format!("content/cases/{id}.md").into()),
        id: s(id, 2, 5),
        title: "小茶叶撬动大产业".into(),
        county: s(county, 4, 9),
        township: None,
        industry: "茶叶".into(),
        mode: None,
        year: 2024,
        batch: None,
        advisory_group: None,
        related_projects: Vec::new(),
        results: Vec::new(),
        images: Vec::new(),
        source: "农业农村局".into(),
        published_on: d("2024-12-28"),
        body: Body { markdown: String::new(), first_line: 20 },
    }
}

pub fn image(file: &str) -> Image {
    Image { file: file.into(), alt: "茶园".into(), credit: None, pos: Pos::new(40, 9) }
}

/// Page `id` at `content/pages/<id>.md`, id 2:5, with `markdown` starting at line 6.
pub fn page(id: &str, markdown: &str) -> Page {
    Page {
        path: SourcePath(format!("content/pages/{id}.md").into()),
        id: s(id, 2, 5),
        title: "关于".into(),
        order: None,
        published_on: None,
        body: Body { markdown: markdown.into(), first_line: 6 },
    }
}
