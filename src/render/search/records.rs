//! The search records: every project, printable notice, advisory group and
//! case of the site model as one record of plain fields, built from the
//! model (not the rendered page, whose header, navigation and footer would
//! drown the matches).
//!
//! Record URLs are site-relative (`projects/QL-2026-0001/index.html`); the
//! search page prefixes them with its own `page.root`, so results link
//! correctly under any sub-path.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Parser, TagEnd};

use crate::site::asset::AssetRow;
use crate::site::project::ProjectView;
use crate::site::{CaseView, GroupView, Page, PageData, PlanDocView, PrintNoticeView, SiteModel};

/// A record as the index takes it. The primary records (projects, groups,
/// cases) come in their order and the secondary ones (printable notices) in
/// theirs, interleaved as the renderer makes them: the secondary ones are
/// numbered after every primary one, but indexed as they arrive, so none
/// waits for the rest of the site.
#[derive(serde::Serialize)]
pub enum Arrival {
    /// The next primary record.
    Primary(Record),
    /// The next secondary record.
    Secondary(Record),
}

/// The filters of the search page, in its order.
pub(super) const FILTERS: [&str; 6] = ["kind", "county", "township", "year", "type", "status"];

/// Every value of [`Record::kind`].
const KINDS: [&str; 6] = ["项目", "公示", "产业顾问组", "典型案例", "项目资产", "年度计划与资金公告"];

/// One searchable record (kept between builds with its project's pages,
/// see `render::reuse`).
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// Site-relative URL of the page the result links to.
    pub url: String,
    /// Result title (indexed with heading weight).
    pub title: String,
    /// Identifiers: project id, document numbers (indexed with extra weight).
    pub ids: Vec<String>,
    /// Body text, one entry per field or paragraph.
    pub text: Vec<String>,
    /// `kind` filter and meta: 项目, 公示, 产业顾问组, 典型案例, 项目资产, 年度计划与资金公告.
    pub kind: &'static str,
    /// County names.
    pub county: Vec<String>,
    /// Township names.
    pub township: Vec<String>,
    /// Years.
    pub year: Vec<String>,
    /// Project type names.
    pub kind_of_project: Option<String>,
    /// Status label (project status, or a notice's 公示中/已结束/未开始).
    pub status: Option<String>,
    /// The record repeats another one's facts (a notice repeats its
    /// project's): its words weigh less, so the project ranks first.
    pub secondary: bool,
}

/// A [`Record`] as read back, its kind a string to find among [`KINDS`].
#[derive(serde::Deserialize)]
#[serde(rename = "Record")]
struct Kept {
    url: String,
    title: String,
    ids: Vec<String>,
    text: Vec<String>,
    kind: String,
    county: Vec<String>,
    township: Vec<String>,
    year: Vec<String>,
    kind_of_project: Option<String>,
    status: Option<String>,
    secondary: bool,
}

// By hand: the derive would ask the input to outlive `'static` for `kind`.
impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Record, D::Error> {
        Record::try_from(Kept::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<Kept> for Record {
    type Error = &'static str;

    fn try_from(k: Kept) -> Result<Record, &'static str> {
        let kind = KINDS.into_iter().find(|name| *name == k.kind).ok_or("unknown kind")?;
        Ok(Record {
            url: k.url,
            title: k.title,
            ids: k.ids,
            text: k.text,
            kind,
            county: k.county,
            township: k.township,
            year: k.year,
            kind_of_project: k.kind_of_project,
            status: k.status,
            secondary: k.secondary,
        })
    }
}

/// The records of one project's pages, made from the views its pages were
/// rendered from: its own record, and its printable notices' (secondary
/// records, indexed after every other kind).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ProjectRecords {
    /// The project page's record.
    pub project: Option<Record>,
    /// The printable notices' records, in page order.
    pub notices: Vec<Record>,
}

impl ProjectRecords {
    /// The records of `pages`, the pages of one project.
    pub fn of(pages: &[Page]) -> ProjectRecords {
        let mut out = ProjectRecords::default();
        for page in pages {
            match page.data {
                PageData::Project(_) => out.project = record(page),
                PageData::PrintNotice(_) => out.notices.extend(record(page)),
                _ => {}
            }
        }
        out
    }
}

/// The index numbers projects, groups, cases, then printable notices (the
/// secondary records), each kind in page order, and breaks ties in ranking
/// by that number, so a project comes before a group or case that matches
/// as well, and before its notices.
///
/// A project's records are made by the renderer from the views it renders
/// the project's pages with, so those are built once; its notices arrive
/// with it and are indexed at once under their later numbers
/// ([`Arrival::Secondary`]), so none waits for the rest of the site.
impl ProjectRecords {
    /// The project's records as the index takes them.
    pub fn arrivals(self) -> impl Iterator<Item = Arrival> {
        self.project.map(Arrival::Primary).into_iter().chain(self.notices.into_iter().map(Arrival::Secondary))
    }
}

/// The group, case and plan document pages, in page order: the primary
/// records after the projects.
fn group_and_case_pages<'m>(model: &'m SiteModel<'_>) -> impl Iterator<Item = &'m Page> + Clone {
    let of = |kind: fn(&Page) -> bool| model.pages.iter().filter(move |p| kind(p));
    of(|p| matches!(p.data, PageData::Group(_)))
        .chain(of(|p| matches!(p.data, PageData::Case(_))))
        .chain(of(|p| matches!(p.data, PageData::PlanDoc(_))))
}

/// How many primary records the site has: one per project, group, case
/// and asset.
pub fn primaries(model: &SiteModel<'_>) -> usize {
    model.projects().len() + group_and_case_pages(model).count() + assets(model).count()
}

/// The groups', cases' and assets' records, which follow the projects'.
pub fn groups_and_cases<'m>(model: &'m SiteModel<'_>) -> impl Iterator<Item = Record> + 'm {
    group_and_case_pages(model).filter_map(record).chain(assets(model))
}

/// One record per asset of each county's ledger page (帮扶项目资产台账),
/// linking to the asset's row there.
fn assets<'m>(model: &'m SiteModel<'_>) -> impl Iterator<Item = Record> + 'm {
    model.pages.iter().flat_map(|page| {
        let rows = match &page.data {
            PageData::Assets(v) => v.assets.as_slice(),
            _ => &[],
        };
        rows.iter().map(move |a| asset(page, a))
    })
}

fn asset(page: &Page, a: &AssetRow) -> Record {
    let mut text = vec![
        format!("{}资产，价值{}万元", a.class, a.value),
        format!("产权归属：{}", a.owner),
        format!("管护主体：{}", a.keeper),
        format!("形成项目：{}", a.project.title),
        format!("所在地：{}", a.place),
    ];
    text.extend(a.handover_doc.iter().map(|d| format!("移交文件：{d}")));
    Record {
        url: format!("{}index.html#{}", page.path, a.id),
        title: a.name.clone(),
        ids: vec![a.id.clone(), a.project_id.clone()],
        text,
        kind: "项目资产",
        // The ledger page's last crumb is its county.
        county: page.crumbs.last().map(|c| c.title.clone()).into_iter().collect(),
        township: vec![a.township.clone()],
        ..Record::default()
    }
}

fn record(page: &Page) -> Option<Record> {
    let url = format!("{}index.html", page.path);
    let mut r = match &page.data {
        PageData::Project(p) => project(p),
        PageData::PrintNotice(n) => notice(n, &page.title),
        PageData::Group(g) => group(g),
        PageData::Case(c) => case(c),
        PageData::PlanDoc(d) => plan_doc(d),
        _ => return None,
    };
    r.url = url;
    Some(r)
}

fn project(p: &ProjectView) -> Record {
    let mut ids = vec![p.id.clone()];
    if let Some(a) = &p.approval {
        ids.push(a.doc_no.clone());
    }
    let mut text = vec![
        format!("{}年度 {} 项目", p.year, p.type_name),
        format!("状态：{}", p.status),
        format!("实施地点：{}", p.location),
        format!("建设内容及规模：{}", p.content),
    ];
    if let Some(s) = &p.sub_type {
        text.push(format!("项目子类型：{s}"));
    }
    if let Some(period) = &p.period {
        text.push(format!("实施期限：{period}"));
    }
    text.push(format!("实施主体：{}", p.implementer));
    text.push(format!("责任单位：{}", p.responsible_unit));
    if let Some(f) = &p.funding {
        let rows: Vec<String> = f.rows.iter().map(|r| format!("{} {} 万元", r.label, r.amount)).collect();
        text.push(format!("资金总额 {} 万元：{}", f.total, rows.join("，")));
    }
    text.push(format!("联农带农机制：{}", p.linkage_mechanism));
    for t in &p.targets {
        text.push(format!("绩效目标：{t}"));
    }
    for n in &p.notices {
        text.push(format!("{}公示：{}，{}，{}至{}", n.level, n.issuer, n.boards.join("、"), n.start.zh, n.end.zh));
    }
    if let Some(a) = &p.approval {
        text.push(format!("批复：{} {} {}", a.by, a.doc_no, a.date.zh));
    }
    if let Some(g) = &p.group {
        text.push(format!("产业顾问组：{}", g.title));
    }
    for c in &p.cases {
        text.push(format!("典型案例：{}", c.title));
    }
    Record {
        title: p.name.clone(),
        ids,
        text,
        kind: "项目",
        county: vec![p.county_name.clone()],
        township: p.township.iter().map(|t| t.title.clone()).collect(),
        year: vec![p.year.to_string()],
        kind_of_project: Some(p.type_name.clone()),
        status: Some(p.status.to_owned()),
        ..Record::default()
    }
}

fn notice(v: &PrintNoticeView, title: &str) -> Record {
    let (p, n) = (&v.project, &v.notice);
    let mut ids = vec![p.id.clone()];
    if let Some(a) = &p.approval {
        ids.push(a.doc_no.clone());
    }
    let text = vec![
        format!("{}公示 {}", n.level, n.state),
        format!("公示期：{}至{}（{}天）", n.start.zh, n.end.zh, n.days),
        format!("发布单位：{}", n.issuer),
        format!("公示地点：{}", n.boards.join("、")),
        // The project's other facts are on its own record, which ranks
        // first; repeating them here would double the index for nothing.
        format!("实施地点：{}", p.location),
    ];
    Record {
        title: title.to_owned(),
        ids,
        text,
        kind: "公示",
        secondary: true,
        county: vec![p.county_name.clone()],
        township: p.township.iter().map(|t| t.title.clone()).collect(),
        year: vec![p.year.to_string()],
        kind_of_project: Some(p.type_name.clone()),
        status: Some(n.state.to_owned()),
        ..Record::default()
    }
}

fn group(g: &GroupView) -> Record {
    let mut text = vec![
        format!("产业：{}", g.industry),
        format!("认定：{} {} {}", g.certified_by, g.certified_on.zh, g.certification_ref),
    ];
    if g.is_outstanding {
        text.push("优秀产业顾问组".to_owned());
    }
    for m in &g.members {
        text.push(format!("{}（{}）{} {} {}", m.name, m.role, m.institution, m.title, m.field));
    }
    if let Some(a) = &g.agreement {
        text.push(format!("合作协议：{} {}", a.parties, a.items.join("；")));
    }
    for (date, kind, summary) in &g.consultations {
        text.push(format!("{}{}：{}", date.zh, kind, summary));
    }
    for v in &g.visits {
        text.push(format!("{} {} {}", v.member, v.place, v.activity));
    }
    for (_, who, topic) in &g.remote {
        text.push(format!("远程指导：{who} {topic}"));
    }
    for (year, by, result) in &g.evaluations {
        text.push(format!("{year}年度工作评价：{by} {result}"));
    }
    for (industry, need, state) in &g.needs {
        text.push(format!("产业发展需求：{need}（{industry}，{state}）"));
    }
    let mut ids = Vec::new();
    let mut townships = BTreeSet::new();
    for p in &g.projects {
        text.push(format!("服务项目：{} {}", p.id, p.name));
        ids.push(p.id.clone());
        if !p.township.is_empty() {
            townships.insert(p.township.clone());
        }
    }
    for c in &g.cases {
        text.push(format!("典型案例：{}", c.title));
    }
    Record {
        title: g.name.clone(),
        ids,
        text,
        kind: "产业顾问组",
        county: g.county.iter().map(|c| c.title.clone()).collect(),
        township: townships.into_iter().collect(),
        year: g.service_years.iter().map(i32::to_string).collect(),
        ..Record::default()
    }
}

fn case(c: &CaseView) -> Record {
    let mut text = vec![format!("产业：{}", c.industry)];
    if let Some(m) = &c.mode {
        text.push(format!("模式：{m}"));
    }
    if let Some(b) = &c.batch {
        text.push(format!("批次：{b}"));
    }
    for r in &c.results {
        let figures = match (&r.before, &r.after, &r.value) {
            (Some(b), Some(a), _) => format!("由{b}到{a}"),
            (_, _, Some(v)) => v.clone(),
            _ => String::new(),
        };
        text.push(format!("{} {}{}", r.indicator, figures, r.unit));
    }
    text.push(plain_text(&c.markdown));
    if let Some(g) = &c.group {
        text.push(format!("产业顾问组：{}", g.title));
    }
    for p in &c.projects {
        text.push(format!("相关项目：{}", p.title));
    }
    text.push(format!("来源：{}", c.source));
    Record {
        title: c.title.clone(),
        ids: c.project_ids.clone(),
        text,
        kind: "典型案例",
        county: vec![c.county.clone()],
        township: c.township.iter().map(|t| t.title.clone()).collect(),
        year: vec![c.year.to_string()],
        ..Record::default()
    }
}

/// A 年度计划与资金公告: findable by its title and 文号.
fn plan_doc(d: &PlanDocView) -> Record {
    let mut text = vec![format!("{}：{}", d.kind, d.date.zh), d.summary.clone()];
    text.extend(d.preamble.clone());
    text.push(format!("发布机构：{}", d.issuer));
    Record {
        title: d.heading.clone(),
        ids: std::iter::once(d.id.clone()).chain(d.doc_no.clone()).collect(),
        text,
        kind: "年度计划与资金公告",
        county: vec![d.county.clone()],
        year: vec![d.year.to_string()],
        ..Record::default()
    }
}

/// The text of a Markdown story: paragraphs and headings, no markup; a soft
/// break between two CJK characters adds nothing (as on the page).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut soft_break = false;
    for ev in Parser::new(markdown) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                if soft_break {
                    let joins_cjk = out.chars().last().is_some_and(is_cjk) && t.chars().next().is_some_and(is_cjk);
                    if !joins_cjk {
                        out.push(' ');
                    }
                    soft_break = false;
                }
                out.push_str(&t);
            }
            Event::SoftBreak => soft_break = true,
            Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                soft_break = false;
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// The filter values of a record, in the order of [`FILTERS`].
pub(super) fn filter_values(r: &Record) -> [Vec<&str>; FILTERS.len()] {
    fn list(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    [
        vec![r.kind],
        list(&r.county),
        list(&r.township),
        list(&r.year),
        r.kind_of_project.as_deref().into_iter().collect(),
        r.status.as_deref().into_iter().collect(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_cjk_soft_breaks() {
        let md = "# 标题\n\n白岩村**茶叶**加工厂\n建成投产，带动 [农户](x.html) 增收。\nPhase two\nstarts.\n";
        assert_eq!(plain_text(md), "标题 白岩村茶叶加工厂建成投产，带动 农户 增收。 Phase two starts.");
    }
}
