//! The county portal (`/counties/<id>/`) with its charts (`chart.rs`), its
//! year pages (`warehouse.rs`) and township pages.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::chart::{BarOrder, Chart, chart, source_chart, type_chart};
use super::display::{self, DateView};
use super::keyed::Keyed;
use super::project::{ProjectRow, total_of};
use super::rows::{CaseRow, NoticeRow, case_rows, notice_row, notice_rows};
use super::{Link, Model, Page, PageData, url};
use crate::domain::{County, Keyword};

/// `/counties/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub struct CountyView {
    /// Id.
    pub id: String,
    /// Page path.
    pub url: String,
    /// The county's notices running today (shown first).
    pub running: Vec<NoticeRow>,
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
    /// 项目库公告, newest first.
    pub announcements: Vec<super::warehouse::AnnouncementLink>,
    /// 年度计划与资金 by year, newest first.
    pub plan_years: Vec<Link>,
    /// 年度计划与资金公告, newest first.
    pub plan_docs: Vec<super::plan_year::PlanDocLink>,
    /// Townships.
    pub townships: Vec<Link>,
    /// 帮扶项目资产台账, when the county has assets.
    pub assets: Option<Link>,
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
    pub projects: Vec<Arc<Keyed<ProjectRow>>>,
    /// Its notices, newest first.
    pub notices: Vec<NoticeRow>,
}

/// The portal view of `c` (also the home page of a one-county site).
pub(super) fn county_view(m: &Model<'_>, c: &County) -> CountyView {
    let projects = m.warehoused_in(&c.id);
    let mut years: Vec<i32> = projects.iter().map(|p| *p.year).collect();
    years.sort_unstable();
    years.dedup();
    let convener = c.convener.iter().rfind(|t| t.range.covers(m.today));
    CountyView {
        id: c.id.value.clone(),
        url: url::county(&c.id),
        running: notice_rows(m, |p| *p.county == *c.id).0,
        name: c.name.clone(),
        region: format!("{}{}", c.province, c.prefecture),
        adcode: c.adcode.clone(),
        is_key_assistance_county: c.is_key_assistance_county,
        pairing: c.east_west_pairing.as_ref().map(|p| format!("{}（{}年起）", p.partner, p.since)),
        convener: convener.map(|t| (t.name.clone(), t.post.clone())),
        liaisons: c
            .liaisons
            .iter()
            .filter(|l| l.range.covers(m.today))
            .map(|l| (l.level.label(), l.name.clone(), l.org.clone()))
            .collect(),
        project_count: projects.len(),
        total: display::money(projects.iter().map(|p| total_of(p)).sum()),
        charts: vec![
            chart(
                "入库项目按年度统计",
                projects,
                BarOrder::Listed(years.iter().map(|y| format!("{y}年")).collect()),
                |p| vec![(format!("{}年", p.year.value), total_of(p))],
            ),
            type_chart(m, projects),
            chart("入库项目按乡镇统计", projects, BarOrder::Amount, |p| {
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
                group: n.group.as_ref().and_then(|g| m.group(g)).map(|g| Link::new(&g.name, url::group(&g.id))),
            })
            .collect(),
        groups: m
            .sorted_groups()
            .into_iter()
            .filter(|g| *g.county == *c.id)
            .map(|g| Link::new(&g.name, url::group(&g.id)))
            .collect(),
        cases: case_rows(m, |k| *k.county == *c.id),
        announcements: {
            let mut links = super::warehouse::announcement_links(m, c, None);
            links.reverse();
            links
        },
        warehouse_years: super::warehouse::years(m, c)
            .into_iter()
            .rev()
            .map(|y| Link::new(&format!("{}{y}年度项目库公告与现状", c.name), url::warehouse(&c.id, y)))
            .collect(),
        townships: c.townships.iter().map(|t| Link::new(&t.name, url::township(&c.id, &t.id))).collect(),
        assets: super::asset::ledger_link(m, c),
        plan_years: super::plan_year::years(m, c)
            .into_iter()
            .rev()
            .map(|y| Link::new(&format!("{}{y}年度计划与资金", c.name), url::plan_year(&c.id, y)))
            .collect(),
        plan_docs: super::plan_year::doc_links(m, c, None),
    }
}

pub(super) fn counties(m: &Model<'_>, pages: &mut Vec<Page>) {
    // Counties are independent: their pages build in parallel.
    let built: Vec<Vec<Page>> = m
        .content
        .counties
        .par_iter()
        .map(|c| {
            let mut v = Vec::new();
            county_pages(m, c, &mut v);
            v
        })
        .collect();
    pages.extend(built.into_iter().flatten());
}

/// A county's portal, its year pages (项目库 of a year) and its township pages.
fn county_pages(m: &Model<'_>, c: &County, pages: &mut Vec<Page>) {
    let view = county_view(m, c);
    let portal = Link::new(&c.name, url::county(&c.id));
    pages.push(m.page(
        &url::county(&c.id),
        &format!("{}乡村振兴项目库", c.name),
        vec![],
        PageData::County(Box::new(view)),
    ));
    super::warehouse::year_pages(m, c, &portal, pages);
    super::asset::ledger_page(m, c, &portal, pages);
    for t in &c.townships {
        let here = m.located(&c.id, &t.id);
        let mut rows: Vec<Arc<Keyed<ProjectRow>>> = here.iter().map(|p| m.project_row(p)).collect();
        rows.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.id.cmp(&b.id)));
        let mut notices: Vec<NoticeRow> = here
            .iter()
            .flat_map(|p| {
                // In the project page's order, which the sort below keeps for ties.
                p.notices_by_date().into_iter().map(|n| notice_row(m, p, n))
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
        pages.push(m.page(
            &url::township(&c.id, &t.id),
            &format!("{}{}项目与公示", c.name, t.name),
            vec![portal.clone()],
            PageData::Township(view),
        ));
    }
}
