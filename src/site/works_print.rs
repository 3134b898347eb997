//! The works' printable pages: the 项目公示牌 (`/projects/<id>/sign/`, one A3
//! landscape sheet put up at the works before they start) and the 竣工公告
//! (`/projects/<id>/completion/`, one A4 page posted at the village once the
//! works are accepted). Like the printable notices (`notice_print`), each
//! carries a QR code of the project page; every sentence beyond the
//! project's fields is worded here.

use std::sync::Arc;

use serde::Serialize;

use super::display::{self, DateView};
use super::project::ProjectView;
use super::works::{self, AcceptanceView, PostedView};
use super::{Link, Model, Page, PageData, url};
use crate::domain::Project;
use crate::domain::project::Target;

/// `/projects/<id>/sign/`: the 项目公示牌.
#[derive(Debug, Clone, Serialize)]
pub struct SignView {
    /// The project (shared with its page).
    pub project: Arc<ProjectView>,
    /// 设立单位 (落款): the responsible unit.
    pub signer: String,
    /// 设立日期, once recorded.
    pub posted_on: Option<DateView>,
    /// The absolute project URL the QR code encodes.
    pub qr_url: String,
    /// `qr_url` without its scheme, printed under the code.
    pub short_url: String,
    /// 监督举报电话, 12317 first.
    pub phones: Vec<super::portal::PhoneLine>,
}

/// `/projects/<id>/completion/`: the 竣工公告.
#[derive(Debug, Clone, Serialize)]
pub struct CompletionView {
    /// 关于…竣工验收情况的公告.
    pub heading: String,
    /// The project (shared with its page).
    pub project: Arc<ProjectView>,
    /// 竣工验收.
    pub acceptance: AcceptanceView,
    /// 实施完成情况: each indicator with its target and 实际完成值.
    pub results: Vec<ResultRow>,
    /// 公示期 and boards, once the notice is recorded.
    pub posted: Option<PostedView>,
    /// The length of the 公示期 with the counting rule in plain words
    /// (`共 10 天（首日不计入）`, as on the printed notices).
    pub day_count: Option<String>,
    /// The issuers of the 落款, one per line (none until recorded: the
    /// clerk writes them in and stamps).
    pub signers: Vec<String>,
    /// The absolute project URL the QR code encodes.
    pub qr_url: String,
    /// `qr_url` without its scheme.
    pub short_url: String,
    /// 监督举报电话, 12317 first.
    pub phones: Vec<super::portal::PhoneLine>,
}

/// One indicator on the 竣工公告.
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    /// 指标.
    pub indicator: String,
    /// 目标值 with unit.
    pub value: String,
    /// 实际完成值 with unit, or 未填报.
    pub actual: String,
}

/// The printable works pages of `p`: its sign while it is in the warehouse,
/// its completion notice once accepted. `view` is its page's view.
pub(super) fn works_print_pages(m: &Model<'_>, p: &Project, view: &Arc<ProjectView>) -> Vec<Page> {
    let qr_url = url::absolute(&m.site.base_url, &view.url);
    let short_url = url::without_scheme(&qr_url).to_owned();
    let crumbs = vec![Link::new(&view.name, view.url.clone())];
    let mut pages = Vec::new();
    if view.works.sign_url.is_some() {
        let sign = SignView {
            project: view.clone(),
            signer: view.responsible_unit.clone(),
            posted_on: p.site_sign.as_ref().filter(|s| *s.posted_on <= m.today).map(|s| display::date(*s.posted_on)),
            qr_url: qr_url.clone(),
            short_url: short_url.clone(),
            phones: super::portal::phones(m.site),
        };
        let title = format!("{}（项目公示牌）", view.name);
        pages.push(m.page(&url::sign(&view.id), &title, crumbs.clone(), PageData::Sign(Box::new(sign))));
    }
    if let (Some(acceptance), true) = (&view.works.acceptance, works::has_completion_page(m, p)) {
        let notice = p.completion_notice.as_ref();
        let completion = CompletionView {
            heading: format!("关于{}竣工验收情况的公告", view.name),
            project: view.clone(),
            acceptance: acceptance.clone(),
            results: results(p),
            posted: view.works.completion_notice.clone(),
            day_count: view
                .works
                .completion_notice
                .as_ref()
                .map(|c| super::notice_print::day_count(c.days, m.site.rules.counting)),
            signers: notice.map(|c| super::notice_print::signers(&c.issuer)).unwrap_or_default(),
            qr_url,
            short_url,
            phones: super::portal::phones(m.site),
        };
        let title = format!("{}（竣工公告）", view.name);
        pages.push(m.page(&url::completion(&view.id), &title, crumbs, PageData::Completion(Box::new(completion))));
    }
    pages
}

/// The paths of `p`'s printable works pages, as [`works_print_pages`] makes them.
pub(super) fn paths(m: &Model<'_>, p: &Project) -> Vec<String> {
    let mut out = Vec::new();
    if works::has_sign_page(m.status(p)) {
        out.push(url::sign(&p.id));
    }
    if works::has_completion_page(m, p) {
        out.push(url::completion(&p.id));
    }
    out
}

/// The indicators with their results (the page is printed only after
/// acceptance, so after completion: every 实际完成值 may be stated).
fn results(p: &Project) -> Vec<ResultRow> {
    p.performance_targets
        .iter()
        .filter_map(|t| match t {
            Target::Indicator { indicator, value, unit, .. } => Some(ResultRow {
                indicator: indicator.clone(),
                value: format!("{value}{}", unit.as_deref().unwrap_or("")),
                actual: t.actual_text().unwrap_or_else(|| "未填报".to_owned()),
            }),
            Target::Text(_) => None,
        })
        .collect()
}
