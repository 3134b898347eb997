//! The full-text search index behind `/search/`: Pagefind, in process.
//!
//! Every project, printable notice, advisory group and case of the site model
//! becomes one search record: a small HTML document written here (not the
//! rendered page, whose header, navigation and footer would drown the
//! matches), with the title as `<h1>` so Pagefind ranks title matches first,
//! and the filters of the search page (`county`, `township`, `year`, `type`,
//! `status`, `kind`) and the result metadata as `data-pagefind-*` attributes.
//!
//! Pagefind's `extended` build segments Chinese with ICU4X's dictionary
//! segmenter; the browser segments the query with `Intl.Segmenter`, so 茶叶,
//! 道路硬化 or 白岩村 match as words, not as substrings. The index is written
//! under `pagefind/` with the rest of the output, so it is listed in
//! `manifest.sha256` and byte-identical from run to run. Pagefind's own UI
//! bundles are left out: the theme's `search.js` talks to `pagefind.js`.
//!
//! Record URLs are site-relative (`projects/QL-2026-0001/index.html`); the
//! search page prefixes them with its own `page.root`, so results link
//! correctly under any sub-path.

use std::collections::BTreeSet;
use std::fmt::Write;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use pulldown_cmark::{Event, Parser, TagEnd};

use crate::Error;
use crate::site::project::ProjectView;
use crate::site::{CaseView, GroupView, Page, PageData, PrintNoticeView, SiteModel};

/// Where the index lives in the output.
pub const DIR: &str = "pagefind/";

/// Pagefind's prebuilt UIs, which the theme does not use (it ships its own
/// accessible Chinese UI in `search.js`): left out of the output.
const UNUSED: &[&str] = &["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.js"];

/// One searchable record, before it becomes HTML for Pagefind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Record {
    /// Site-relative URL of the page the result links to.
    pub url: String,
    /// Result title (indexed with heading weight).
    pub title: String,
    /// Identifiers: project id, document numbers (indexed with extra weight).
    pub ids: Vec<String>,
    /// Body text, one entry per field or paragraph.
    pub text: Vec<String>,
    /// `kind` filter and meta: 项目, 公示, 产业顾问组, 典型案例.
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

/// Builds the search records of the site model, in page order.
pub fn records(model: &SiteModel) -> Vec<Record> {
    model.pages.iter().filter_map(record).collect()
}

fn record(page: &Page) -> Option<Record> {
    let url = format!("{}index.html", page.path);
    let mut r = match &page.data {
        PageData::Project(p) => project(p),
        PageData::PrintNotice(n) => notice(n, &page.title),
        PageData::Group(g) => group(g),
        PageData::Case(c) => case(c),
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
        text.push(format!("绩效目标：{} {}{}", t.indicator, t.value, t.unit));
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
        format!("项目名称：{}", p.name),
        format!("实施地点：{}", p.location),
        format!("建设内容及规模：{}", p.content),
        format!("实施主体：{}", p.implementer),
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
    let mut ids = Vec::new();
    for p in &c.projects {
        text.push(format!("相关项目：{}", p.title));
        // Project links are `projects/<id>/`.
        if let Some(id) = p.url.strip_prefix("projects/").and_then(|s| s.strip_suffix('/')) {
            ids.push(id.to_owned());
        }
    }
    text.push(format!("来源：{}", c.source));
    Record {
        title: c.title.clone(),
        ids,
        text,
        kind: "典型案例",
        county: vec![c.county.clone()],
        township: c.township.iter().map(|t| t.title.clone()).collect(),
        year: vec![c.year.to_string()],
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

/// The HTML document Pagefind reads for one record.
pub fn record_html(r: &Record, lang: &str) -> String {
    let mut h = String::new();
    let _ = write!(h, "<!DOCTYPE html><html lang=\"{}\"><body>", crate::escape::html(lang));
    // Weights: a title counts like Pagefind's <h1> (7), ids 5, text 1; a
    // secondary record's title 2, ids 1 and text 0.5.
    let (title_w, ids_w, text_w) = if r.secondary { ("2", "1", "0.5") } else { ("7", "5", "1") };
    let _ = write!(h, "<h1 data-pagefind-weight=\"{title_w}\">{}</h1>", crate::escape::html(&r.title));
    if !r.ids.is_empty() {
        // Ids and document numbers: what people copy from a paper notice.
        let _ = write!(h, "<p data-pagefind-weight=\"{ids_w}\">{}</p>", crate::escape::html(&r.ids.join(" ")));
    }
    let _ = write!(h, "<div data-pagefind-weight=\"{text_w}\">");
    for t in &r.text {
        let _ = write!(h, "<p>{}</p>", crate::escape::html(t));
    }
    h.push_str("</div>");
    // Ids are also indexed without their dashes (QL-2026-0001 → ql20260001),
    // as one word: search.js asks for that form first, so an id finds its own
    // records, not every record with 2026 and 0001. They come last, where an
    // excerpt around other matches seldom reaches.
    let (with_compact, compact): (Vec<&str>, Vec<String>) =
        r.ids.iter().filter_map(|i| compact_id(i).map(|c| (i.as_str(), c))).unzip();
    if !compact.is_empty() {
        let _ = write!(h, "<p data-pagefind-weight=\"{ids_w}\">{}</p>", crate::escape::html(&compact.join(" ")));
    }
    let mut attr = |kind: &str, key: &str, value: &str| {
        let _ = write!(
            h,
            "<span data-pagefind-{kind}=\"{}:{}\"></span>",
            crate::escape::html(key),
            crate::escape::html(value)
        );
    };
    if !with_compact.is_empty() {
        // So search.js can show an excerpt's ql20260001 as QL-2026-0001.
        attr("meta", "ids", &with_compact.join(" "));
    }
    attr("meta", "kind", r.kind);
    attr("filter", "kind", r.kind);
    let lists: [(&str, &[String]); 3] = [("county", &r.county), ("township", &r.township), ("year", &r.year)];
    for (key, values) in lists {
        for v in values {
            attr("filter", key, v);
        }
    }
    if let Some(t) = &r.kind_of_project {
        attr("meta", "type", t);
        attr("filter", "type", t);
    }
    if let Some(s) = &r.status {
        attr("meta", "status", s);
        attr("filter", "status", s);
    }
    h.push_str("</body></html>");
    h
}

/// An id with letters and digits joined by `-` or `_` (QL-2026-0001), as
/// one lower-case word without the joiners (ql20260001); `None` for anything
/// else (document numbers, plain words). search.js applies the same rule to
/// the query.
pub fn compact_id(id: &str) -> Option<String> {
    let parts: Vec<&str> = id.split(['-', '_']).collect();
    let alnum = parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    let letters = id.chars().any(|c| c.is_ascii_alphabetic());
    let digits = id.chars().any(|c| c.is_ascii_digit());
    (parts.len() > 1 && alnum && letters && digits).then(|| parts.concat().to_ascii_lowercase())
}

/// Builds the Pagefind index of `model`: the files under [`DIR`], sorted.
pub fn index(model: &SiteModel) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let lang = model.common.language.to_lowercase();
    let docs: Vec<(String, String)> =
        records(model).iter().map(|r| (r.url.clone(), record_html(r, &model.common.language))).collect();
    // Pagefind's API is async (tokio); a current-thread runtime is enough and
    // starts no worker threads.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Error::Search(format!("无法启动索引运行时：{e}")))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder().keep_index_url(true).force_language(lang).build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| Error::Search(format!("{e:#}")))?;
        for (url, html) in docs {
            index
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| Error::Search(format!("{url}：{e:#}")))?;
        }
        index.get_files().await.map_err(|e| Error::Search(format!("{e:#}")))
    })?;
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|f| {
            let rel = f.filename.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let unused = UNUSED.iter().any(|u| rel.starts_with(u));
            (!unused).then(|| (format!("{DIR}{rel}"), f.contents))
        })
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_cjk_soft_breaks() {
        let md = "# 标题\n\n白岩村**茶叶**加工厂\n建成投产，带动 [农户](x.html) 增收。\nPhase two\nstarts.\n";
        assert_eq!(plain_text(md), "标题 白岩村茶叶加工厂建成投产，带动 农户 增收。 Phase two starts.");
    }

    #[test]
    fn compact_ids_are_single_words() {
        assert_eq!(compact_id("QL-2026-0001").as_deref(), Some("ql20260001"));
        assert_eq!(compact_id("ab_12-c").as_deref(), Some("ab12c"));
        for not_an_id in ["2025-2026", "qingling-tea", "QL2026", "青农领办发〔2026〕5号", "QL--1", "-QL-1"] {
            assert_eq!(compact_id(not_an_id), None, "{not_an_id}");
        }
    }

    #[test]
    fn record_html_escapes_and_carries_filters() {
        let r = Record {
            url: "projects/QL-1/index.html".into(),
            title: "A<b>&\"".into(),
            ids: vec!["QL-1".into(), "青农领办发〔2026〕5号".into()],
            text: vec!["x".into()],
            kind: "项目",
            county: vec!["青岭县".into()],
            township: vec!["石桥镇".into()],
            year: vec!["2026".into()],
            kind_of_project: Some("产业发展".into()),
            status: Some("已入库".into()),
            secondary: false,
        };
        let h = record_html(&r, "zh-CN");
        assert!(h.starts_with(
            "<!DOCTYPE html><html lang=\"zh-CN\"><body><h1 data-pagefind-weight=\"7\">A&lt;b&gt;&amp;&quot;</h1>"
        ));
        assert!(h.contains("<p data-pagefind-weight=\"5\">QL-1 青农领办发〔2026〕5号</p>"));
        assert!(h.contains("<p data-pagefind-weight=\"5\">ql1</p>"));
        for f in ["kind:项目", "county:青岭县", "township:石桥镇", "year:2026", "type:产业发展", "status:已入库"]
        {
            assert!(h.contains(&format!("data-pagefind-filter=\"{f}\"")), "{f}");
        }
        assert!(h.contains("data-pagefind-meta=\"status:已入库\""));
        assert!(h.contains("data-pagefind-meta=\"ids:QL-1\""));
    }
}
