//! The county portal (`/counties/<id>/`) with its charts, the yearly 项目库公告
//! and township pages.
//!
//! Charts are inline SVG drawn here (pure string building, no JavaScript),
//! always next to a table with the same figures.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::display::{self, DateView};
use super::listing::{CaseRow, NoticeRow};
use super::project::{ProjectRow, total_of};
use super::{Link, Model, Page, PageData, Section, url};
use crate::domain::{County, Keyword, Money, Project};

/// A bar chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Caption (table caption and SVG title).
    pub caption: String,
    /// Rows.
    pub rows: Vec<ChartRow>,
    /// The inline SVG.
    pub svg: String,
}

/// One bar.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    /// Label.
    pub label: String,
    /// Number of projects.
    pub count: usize,
    /// Amount in 万元 (two decimals).
    pub amount: String,
    #[serde(skip)]
    value: Money,
}

/// `/counties/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct CountyView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// 省 + 市(州).
    pub region: String,
    /// 行政区划代码.
    pub adcode: String,
    /// 国家乡村振兴重点帮扶县.
    pub is_key_assistance_county: bool,
    /// 东西部协作.
    pub pairing: Option<String>,
    /// Current convener (name, post).
    pub convener: Option<(String, String)>,
    /// Current liaisons (level, name, org).
    pub liaisons: Vec<(&'static str, String, String)>,
    /// Warehoused projects and total.
    pub project_count: usize,
    /// Total in 万元.
    pub total: String,
    /// Charts: by year, type, township, funding source.
    pub charts: Vec<Chart>,
    /// 需求清单.
    pub needs: Vec<NeedRow>,
    /// Groups.
    pub groups: Vec<Link>,
    /// Cases.
    pub cases: Vec<CaseRow>,
    /// 项目库公告 by year.
    pub warehouse_years: Vec<Link>,
    /// Townships.
    pub townships: Vec<Link>,
}

/// One need.
#[derive(Debug, Clone, Serialize)]
pub struct NeedRow {
    /// 产业.
    pub industry: String,
    /// 需求.
    pub need: String,
    /// Submitted.
    pub submitted_on: DateView,
    /// State.
    pub status: &'static str,
    /// State key.
    pub status_key: &'static str,
    /// Group.
    pub group: Option<Link>,
}

/// `/counties/<id>/warehouse/<year>/`.
#[derive(Debug, Clone, Serialize)]
pub struct WarehouseView {
    /// Heading.
    pub heading: String,
    /// 索引号.
    pub index_no: String,
    /// 发布机构.
    pub publisher: String,
    /// 发布日期.
    pub published_on: Option<DateView>,
    /// Rows.
    pub projects: Vec<Arc<ProjectRow>>,
    /// Count.
    pub count: usize,
    /// Total.
    pub total: String,
    /// Charts of that year (by type, by funding source).
    pub charts: Vec<Chart>,
    /// Approval documents (文号, office, date).
    pub approvals: Vec<(String, String, DateView)>,
    /// Leading group.
    pub leading_group: String,
    /// 监督举报电话.
    pub phones: Vec<super::portal::PhoneLine>,
}

/// `/counties/<id>/townships/<tid>/`.
#[derive(Debug, Clone, Serialize)]
pub struct TownshipView {
    /// Name.
    pub name: String,
    /// County.
    pub county: Link,
    /// 公开栏.
    pub board: String,
    /// Villages (name, board).
    pub villages: Vec<(String, String)>,
    /// Every project located here (any status).
    pub projects: Vec<Arc<ProjectRow>>,
    /// Its notices, newest first.
    pub notices: Vec<NoticeRow>,
}

impl Model<'_> {
    /// The portal view of `c` (also the home page of a one-county site).
    pub(super) fn county_view(&self, c: &County) -> CountyView {
        let projects = self.warehoused_in(&c.id);
        let mut years: Vec<i32> = projects.iter().map(|p| *p.year).collect();
        years.sort_unstable();
        years.dedup();
        let convener = c.convener.iter().rfind(|t| t.range.covers(self.today));
        CountyView {
            id: c.id.value.clone(),
            name: c.name.clone(),
            region: format!("{}{}", c.province, c.prefecture),
            adcode: c.adcode.clone(),
            is_key_assistance_county: c.is_key_assistance_county,
            pairing: c.east_west_pairing.as_ref().map(|p| format!("{}（{}年起）", p.partner, p.since)),
            convener: convener.map(|t| (t.name.clone(), t.post.clone())),
            liaisons: c
                .liaisons
                .iter()
                .filter(|l| l.range.covers(self.today))
                .map(|l| (l.level.label(), l.name.clone(), l.org.clone()))
                .collect(),
            project_count: projects.len(),
            total: display::money(projects.iter().map(|p| total_of(p)).sum()),
            charts: vec![
                chart("入库项目按年度统计", projects, |p| vec![(format!("{}年", p.year.value), total_of(p))]),
                self.type_chart(projects),
                chart("入库项目按乡镇统计", projects, |p| {
                    let t = p.township_id().and_then(|t| c.township(t)).map_or("县级统筹", |t| t.name.as_str());
                    vec![(t.to_owned(), total_of(p))]
                }),
                source_chart(projects),
            ],
            needs: c
                .needs
                .iter()
                .map(|n| NeedRow {
                    industry: n.industry.clone(),
                    need: n.need.clone(),
                    submitted_on: display::date(n.submitted_on),
                    status: n.status.label(),
                    status_key: n.status.key(),
                    group: n.group.as_ref().and_then(|g| self.group(g)).map(|g| Link::new(&g.name, url::group(&g.id))),
                })
                .collect(),
            groups: self
                .sorted_groups()
                .into_iter()
                .filter(|g| *g.county == *c.id)
                .map(|g| Link::new(&g.name, url::group(&g.id)))
                .collect(),
            cases: self.case_rows(|k| *k.county == *c.id),
            warehouse_years: years
                .iter()
                .rev()
                .map(|y| Link::new(&format!("{}{y}年度项目库公告", c.name), url::warehouse(&c.id, *y)))
                .collect(),
            townships: c.townships.iter().map(|t| Link::new(&t.name, url::township(&c.id, &t.id))).collect(),
        }
    }

    fn type_chart(&self, projects: &[&Project]) -> Chart {
        chart("入库项目按类型统计", projects, |p| vec![(self.type_name(&p.project_type), total_of(p))])
    }

    pub(super) fn counties(&self, pages: &mut Vec<Page>) {
        // Counties are independent: their pages build in parallel.
        let built: Vec<Vec<Page>> = self
            .content
            .counties
            .par_iter()
            .map(|c| {
                let mut v = Vec::new();
                self.county_pages(c, &mut v);
                v
            })
            .collect();
        pages.extend(built.into_iter().flatten());
    }

    /// A county's portal, its yearly 项目库公告 and its township pages.
    fn county_pages(&self, c: &County, pages: &mut Vec<Page>) {
        let view = self.county_view(c);
        let portal = Link::new(&c.name, url::county(&c.id));
        pages.push(self.page(
            &url::county(&c.id),
            "county.html",
            &format!("{}乡村振兴项目库", c.name),
            Section::Projects,
            vec![],
            PageData::County(Box::new(view)),
        ));
        let projects = self.warehoused_in(&c.id);
        let mut by_year: BTreeMap<i32, Vec<&Project>> = BTreeMap::new();
        for p in projects {
            by_year.entry(*p.year).or_default().push(p);
        }
        for (year, list) in by_year {
            let mut approvals: Vec<(String, String, DateView)> = list
                .iter()
                .filter_map(|p| p.approval.as_ref())
                .map(|a| (a.doc_no.clone(), a.by.clone(), display::date(*a.date)))
                .collect();
            approvals.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
            approvals.dedup_by(|a, b| a.0 == b.0);
            let mut rows: Vec<&Project> = list.clone();
            rows.sort_by(|a, b| a.id.value.cmp(&b.id.value));
            let heading = format!("{}{year}年度巩固拓展脱贫攻坚成果和乡村振兴项目库公告", c.name);
            let view = WarehouseView {
                heading: heading.clone(),
                index_no: format!("{}-{year}-XMK", c.adcode),
                publisher: c.authority.clone(),
                published_on: list.iter().filter_map(|p| p.warehoused_date()).max().map(display::date),
                projects: rows.iter().map(|p| self.project_row(p)).collect(),
                count: list.len(),
                total: display::money(list.iter().map(|p| total_of(p)).sum()),
                charts: vec![self.type_chart(&list), source_chart(&list)],
                approvals,
                leading_group: c.leading_group.clone(),
                phones: super::portal::phones(self.site),
            };
            pages.push(self.page(
                &url::warehouse(&c.id, year),
                "warehouse.html",
                &format!("{}{year}年度项目库公告", c.name),
                Section::Projects,
                vec![portal.clone()],
                PageData::Warehouse(view),
            ));
        }
        for t in &c.townships {
            let here = self.located(&c.id, &t.id);
            let mut rows: Vec<Arc<ProjectRow>> = here.iter().map(|p| self.project_row(p)).collect();
            rows.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.id.cmp(&b.id)));
            let mut notices: Vec<NoticeRow> = here
                .iter()
                .flat_map(|p| {
                    // In the project page's order, which the sort below keeps for ties.
                    p.notices_by_date().into_iter().map(|n| self.notice_row(p, n))
                })
                .collect();
            notices.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.project.url.cmp(&b.project.url)));
            let view = TownshipView {
                name: t.name.clone(),
                county: portal.clone(),
                board: t.board.clone(),
                villages: t.villages.iter().map(|v| (v.name.clone(), v.board.clone())).collect(),
                projects: rows,
                notices,
            };
            pages.push(self.page(
                &url::township(&c.id, &t.id),
                "township.html",
                &format!("{}{}项目与公示", c.name, t.name),
                Section::Projects,
                vec![portal.clone()],
                PageData::Township(view),
            ));
        }
    }
}

/// Sums `projects` into bars: each project gives (label, amount) pairs.
fn chart(caption: &str, projects: &[&Project], split: impl Fn(&Project) -> Vec<(String, Money)>) -> Chart {
    let mut sums: BTreeMap<String, (usize, Money)> = BTreeMap::new();
    for p in projects {
        for (label, m) in split(p) {
            let e = sums.entry(label).or_insert((0, Money::ZERO));
            e.0 += 1;
            e.1 = e.1 + m;
        }
    }
    let rows: Vec<ChartRow> = sums
        .into_iter()
        .map(|(label, (count, value))| ChartRow { label, count, amount: display::money(value), value })
        .collect();
    let svg = bar_svg(caption, &rows);
    Chart { caption: caption.to_owned(), rows, svg }
}

fn source_chart(projects: &[&Project]) -> Chart {
    chart("入库项目资金按来源统计", projects, |p| {
        p.funding.as_ref().map_or_else(Vec::new, |f| f.sources.iter().map(|s| (s.label(), s.amount)).collect())
    })
}

/// A horizontal bar chart: one row per bar, label left, value right.
fn bar_svg(caption: &str, rows: &[ChartRow]) -> String {
    const W: i64 = 560;
    const LABEL: i64 = 170;
    const VALUE: i64 = 110;
    const ROW: i64 = 30;
    let max = rows.iter().map(|r| r.value.yuan()).max().unwrap_or(0).max(1);
    let h = ROW * rows.len() as i64 + 10;
    let mut s = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"{}（单位：万元）\">",
        crate::escape::html(caption)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = 5 + ROW * i as i64;
        let bw = (r.value.yuan() * (W - LABEL - VALUE)) / max;
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"chart-label\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{}\" width=\"{}\" height=\"18\" class=\"chart-bar\"/>\
             <text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            LABEL - 8,
            y + 14,
            crate::escape::html(&r.label),
            y + 1,
            bw.max(1),
            LABEL + bw + 6,
            y + 14,
            r.amount
        ));
    }
    s.push_str("</svg>");
    s
}
