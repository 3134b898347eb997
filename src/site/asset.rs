//! The asset ledger (帮扶项目资产台账, `/counties/<id>/assets/`) and the
//! assets section of a project page.
//!
//! Everything is as of the build day: an asset whose `formed_on` is later is
//! not in the ledger yet, one handed over later reads 未移交, the income of a
//! year after the build day's is not shown, nor a disposal dated later
//! ([`Asset::is_handed_over`] and its siblings decide, once). The totals by
//! class and by township are sums of the very rows listed, so they agree.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::display::{self, DateView};
use super::{Link, Model, Page, PageData, url};
use crate::domain::asset::ledger_title;
use crate::domain::{Asset, AssetClass, Content, County, Keyword, Money};
use chrono::Datelike;

/// The assets of the content as of the build day, by project and by county
/// (each in id order), derived once for every page.
#[derive(Default)]
pub(crate) struct Ledger<'a> {
    by_project: HashMap<&'a str, Vec<&'a Asset>>,
    by_county: HashMap<&'a str, Vec<&'a Asset>>,
}

impl<'a> Ledger<'a> {
    /// The assets formed on or before `today` (an asset without `formed_on`
    /// counts as formed).
    pub(crate) fn of(content: &'a Content, today: NaiveDate) -> Ledger<'a> {
        let mut assets: Vec<&Asset> =
            content.assets.iter().filter(|a| a.formed_on.as_ref().is_none_or(|f| **f <= today)).collect();
        assets.sort_by(|a, b| a.id.value.cmp(&b.id.value));
        let mut ledger = Ledger::default();
        for a in assets {
            ledger.by_project.entry(a.project.as_str()).or_default().push(a);
            ledger.by_county.entry(a.county.as_str()).or_default().push(a);
        }
        ledger
    }

    /// The assets project `id` formed.
    pub(crate) fn of_project(&self, id: &str) -> &[&'a Asset] {
        self.by_project.get(id).map_or(&[], Vec::as_slice)
    }

    /// The assets of county `id`.
    pub(crate) fn of_county(&self, id: &str) -> &[&'a Asset] {
        self.by_county.get(id).map_or(&[], Vec::as_slice)
    }
}

/// `/counties/<id>/assets/`.
#[derive(Debug, Clone, Serialize)]
pub struct AssetsView {
    /// Heading.
    pub heading: String,
    /// The day the ledger is as of.
    pub as_of: DateView,
    /// Totals by class (经营性, 公益性, 到户类), in that order.
    pub by_class: Vec<Total>,
    /// Totals by township, in the county file's order (县级统筹 last).
    pub by_township: Vec<Total>,
    /// All assets.
    pub total: Total,
    /// Whether a listed asset was disposed of by the build day.
    pub has_disposed: bool,
    /// Every asset, by id.
    pub assets: Vec<AssetRow>,
}

/// One line of a totals table.
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    /// 类别 or 乡镇.
    pub label: String,
    /// 项数.
    pub count: usize,
    /// 资产价值合计, 万元.
    pub value: String,
}

/// One asset as the ledger and the project page show it.
#[derive(Debug, Clone, Serialize)]
pub struct AssetRow {
    /// Id (the row's anchor on the ledger page).
    pub id: String,
    /// 资产名称.
    pub name: String,
    /// The project that formed it.
    pub project: Link,
    /// Its id.
    pub project_id: String,
    /// 资产类别.
    pub class: &'static str,
    /// Class key (for styling).
    pub class_key: &'static str,
    /// 资产价值, 万元.
    pub value: String,
    /// 所在乡镇 (县级统筹 without one).
    pub township: String,
    /// 所在地 as text.
    pub place: String,
    /// 形成日期.
    pub formed_on: Option<DateView>,
    /// 产权归属.
    pub owner: String,
    /// 管护主体.
    pub keeper: String,
    /// 移交日期; `None`: 未移交 on the build day.
    pub handed_over_on: Option<DateView>,
    /// 移交文件, once handed over.
    pub handover_doc: Option<String>,
    /// 收益 of the years up to the build day's.
    pub income: Vec<IncomeView>,
    /// 处置, once it happened.
    pub disposal: Option<DisposalView>,
    /// The ledger page (the row's anchor there is `id`).
    pub ledger_url: String,
}

/// One year's income.
#[derive(Debug, Clone, Serialize)]
pub struct IncomeView {
    /// Year.
    pub year: i32,
    /// 万元.
    pub amount: String,
    /// 收益分配.
    pub sharing: Option<String>,
}

/// A disposal.
#[derive(Debug, Clone, Serialize)]
pub struct DisposalView {
    /// Date.
    pub date: DateView,
    /// 处置方式.
    pub way: String,
    /// 处置原因.
    pub reason: String,
    /// 文号.
    pub doc_no: Option<String>,
}

/// What a row says where an asset has no township of its own nor its project's.
const COUNTY_WIDE: &str = "县级统筹";

/// The path of county `c`'s ledger, when it has one (a county with assets).
pub(crate) fn ledger_link(m: &Model<'_>, c: &County) -> Option<Link> {
    (!m.assets.of_county(&c.id).is_empty())
        .then(|| Link::new(&ledger_title(&m.site.terms, m.today.year()), url::assets(&c.id)))
}

/// The ledger page of `c`, when it has assets.
pub(super) fn ledger_page(m: &Model<'_>, c: &County, portal: &Link, pages: &mut Vec<Page>) {
    let assets = m.assets.of_county(&c.id);
    if assets.is_empty() {
        return;
    }
    let rows: Vec<AssetRow> = assets.iter().map(|a| row(m, a)).collect();
    let total_of = |label: &str, pick: &dyn Fn(&&Asset) -> bool| {
        let chosen: Vec<&&Asset> = assets.iter().filter(|a| pick(a)).collect();
        let value: Money = chosen.iter().map(|a| *a.value).sum();
        Total { label: label.to_owned(), count: chosen.len(), value: display::money(value) }
    };
    let by_class = AssetClass::ALL.iter().map(|k| total_of(k.label(), &|a| *a.class == *k)).collect();
    let mut by_township: Vec<Total> = c
        .townships
        .iter()
        .map(|t| total_of(&t.name, &|a| township_id(m, a) == Some(t.id.as_str())))
        .filter(|t| t.count > 0)
        .collect();
    let elsewhere = total_of(COUNTY_WIDE, &|a| township_id(m, a).is_none_or(|t| c.township(t).is_none()));
    if elsewhere.count > 0 {
        by_township.push(elsewhere);
    }
    let view = AssetsView {
        heading: format!("{}{}", c.name, ledger_title(&m.site.terms, m.today.year())),
        as_of: display::date(m.today),
        by_class,
        by_township,
        total: total_of("合计", &|_| true),
        has_disposed: rows.iter().any(|r| r.disposal.is_some()),
        assets: rows,
    };
    pages.push(m.page(
        &url::assets(&c.id),
        &format!("{}{}", c.name, ledger_title(&m.site.terms, m.today.year())),
        vec![portal.clone()],
        PageData::Assets(Box::new(view)),
    ));
}

/// The assets project `id` formed, as its page lists them.
pub(crate) fn project_assets(m: &Model<'_>, id: &str) -> Vec<AssetRow> {
    m.assets.of_project(id).iter().map(|a| row(m, a)).collect()
}

/// The township of an asset: its own, else its project's.
fn township_id<'a>(m: &Model<'a>, a: &'a Asset) -> Option<&'a str> {
    a.township_id().or_else(|| m.content.project(&a.project).and_then(|p| p.township_id()))
}

fn row(m: &Model<'_>, a: &Asset) -> AssetRow {
    let county = m.content.county(&a.county);
    let project = m.content.project(&a.project);
    let location = a.location.as_ref().or_else(|| project.and_then(|p| p.location.as_ref()));
    let township = township_id(m, a).and_then(|t| county.and_then(|c| c.township(t)));
    let handed = a.is_handed_over(m.today);
    AssetRow {
        id: a.id.value.clone(),
        name: a.name.clone(),
        project: Link::new(project.map_or(a.project.as_str(), |p| p.name.as_str()), url::project(&a.project)),
        project_id: a.project.value.clone(),
        class: a.class.label(),
        class_key: a.class.key(),
        value: display::money(*a.value),
        township: township.map_or(COUNTY_WIDE, |t| t.name.as_str()).to_owned(),
        place: match location {
            Some(_) => super::detail::place(county, location),
            None => county.map_or_else(String::new, |c| format!("{}（全县）", c.name)),
        },
        formed_on: a.formed_on.as_ref().map(|d| display::date(**d)),
        owner: a.owner.clone(),
        keeper: a.keeper.clone(),
        handed_over_on: a.handed_over_on.as_ref().filter(|_| handed).map(|d| display::date(**d)),
        handover_doc: a.handover_doc.clone().filter(|_| handed),
        income: a
            .income_as_of(m.today)
            .into_iter()
            .map(|i| IncomeView { year: *i.year, amount: display::money(i.amount), sharing: i.sharing.clone() })
            .collect(),
        disposal: a.disposal_as_of(m.today).map(|d| DisposalView {
            date: display::date(*d.date),
            way: d.way.clone(),
            reason: d.reason.clone(),
            doc_no: d.doc_no.clone(),
        }),
        ledger_url: url::assets(&a.county),
    }
}
