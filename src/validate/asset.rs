//! The rules of the 帮扶项目资产 (asset ledger):
//! - what an asset names must exist (`unknown-reference`): its county, its
//!   project (of the same county), its township and villages;
//! - the assets of a project are worth no more than the project's funding
//!   total (`asset-value-exceeds`): an asset is formed from the project's
//!   money, so a larger figure is a typing error or a double count;
//! - an accepted project that forms assets has one handed over (确权移交)
//!   within `rules.asset_handover_days` calendar days of acceptance
//!   (`asset-handover-late`; 《关于加强扶贫项目资产后续管理的指导意见》:
//!   assets are 确权 and handed over promptly once accepted). A project
//!   written `forms_assets: false` (教育补助, 公益性岗位, 管理费) is exempt.
//!
//! Income on a non-operating asset and a disposal before the hand-over are
//! one-file facts, reported by the loader (`load/asset.rs`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::project::EventType;
use crate::domain::{Asset, Content, Money, Project, Rules, date};

/// Runs the rules over every asset and every project.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Project id → its assets, in content (path) order.
    let mut of_project: BTreeMap<&str, Vec<&Asset>> = BTreeMap::new();
    for a in &content.assets {
        check_refs(content, a, &mut out);
        of_project.entry(a.project.as_str()).or_default().push(a);
    }
    for (id, assets) in &of_project {
        if let Some(p) = content.project(id) {
            check_value(p, assets, &mut out);
        }
    }
    for p in &content.projects {
        let assets = of_project.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
        check_handover(rules, today, p, assets, &mut out);
    }
    out
}

fn at(a: &Asset, code: Code, pos: Pos, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(code, a.path.at(pos), message).help(help).record(Some(&a.id))
}

fn check_refs(content: &Content, a: &Asset, out: &mut Vec<Diagnostic>) {
    let county = content.county(&a.county);
    if county.is_none() && !content.unloaded.counties.contains(a.county.as_str()) {
        let msg = format!("资产所属的县“{}”不存在", a.county.value);
        out.push(at(a, Code::UnknownReference, a.county.pos, msg, "county 须是 content/counties/ 中某个县的编号"));
    }
    match content.project(&a.project) {
        None if content.unloaded.may_be_project(&a.project) => {}
        None => {
            let msg = format!("形成资产的项目“{}”不存在", a.project.value);
            out.push(at(
                a,
                Code::UnknownReference,
                a.project.pos,
                msg,
                "project 须是 content/projects/ 中某个项目的编号",
            ));
        }
        Some(p) if *p.county != *a.county => {
            let msg = format!("项目 {} 属于县“{}”，不是资产所属的县“{}”", p.id.value, p.county.value, a.county.value);
            out.push(at(a, Code::UnknownReference, a.project.pos, msg, "资产只登记在形成它的项目所在的县"));
        }
        Some(_) => {}
    }
    let (Some(c), Some(loc)) = (county, &a.location) else { return };
    match c.township(&loc.township) {
        None if c.are_townships_incomplete => {}
        None => {
            let msg = format!("资产所在的乡镇“{}”不存在于县“{}”", loc.township.value, c.id.value);
            out.push(at(a, Code::UnknownReference, loc.township.pos, msg, "乡镇编号须是该县文件 townships 中的 id"));
        }
        Some(t) => {
            for v in loc.villages.iter().filter(|v| t.village(v).is_none() && !t.are_villages_incomplete) {
                let msg = format!("资产所在的村“{}”不是乡镇“{}”下的村", v.value, t.id.value);
                out.push(at(a, Code::UnknownReference, v.pos, msg, "村编号须是该乡镇 villages 中的 id"));
            }
        }
    }
}

/// `asset-value-exceeds`, on the value of the asset that takes the sum over
/// (in file order), compared exactly (to the 分). Silent when the funding is
/// missing or incomplete (already reported on the project).
fn check_value(p: &Project, assets: &[&Asset], out: &mut Vec<Diagnostic>) {
    let Some(funding) = p.funding.as_ref().filter(|_| !p.gaps.is_funding_incomplete) else { return };
    let total = *funding.total;
    let mut sum = Money::ZERO;
    for a in assets {
        let before = sum;
        sum = sum + *a.value;
        if sum > total && before <= total {
            let all: Money = assets.iter().map(|a| *a.value).sum();
            out.push(at(
                a,
                Code::AssetValueExceeds,
                a.value.pos,
                format!(
                    "项目 {} 的资产价值合计 {} 万元，超过项目资金总额 {} 万元",
                    p.id.value,
                    all.wan_exact(),
                    total.wan_exact()
                ),
                "资产由项目资金形成，价值合计不能超过项目资金总额：请核对各项资产的 value",
            ));
        }
    }
}

/// `asset-handover-late`, on the project's `accepted` event: accepted more
/// than `rules.asset_handover_days` calendar days before `today` (the day of
/// acceptance not counted: accepted on 1 March, 90 days run to 30 May), and
/// no asset handed over on or before `today`.
fn check_handover(rules: &Rules, today: NaiveDate, p: &Project, assets: &[&Asset], out: &mut Vec<Diagnostic>) {
    if !p.forms_assets || p.events.iter().any(|e| e.event_type.is_exit()) {
        return;
    }
    let Some(accepted) = p.events.iter().filter(|e| e.event_type == EventType::Accepted).min_by_key(|e| *e.date) else {
        return;
    };
    let days = (today - *accepted.date).num_days();
    if days <= i64::from(rules.asset_handover_days) || assets.iter().any(|a| a.is_handed_over(today)) {
        return;
    }
    let message = format!(
        "项目于{}验收，已过 {days} 天（超过 {} 天），仍没有已移交的帮扶项目资产",
        date::zh(*accepted.date),
        rules.asset_handover_days
    );
    let help = if assets.is_empty() {
        "在 content/assets/ 中登记项目形成的资产并填写移交日期 handed_over_on；不形成资产的项目写 forms_assets: false"
    } else {
        "资产确权移交后，填写资产的移交日期 handed_over_on"
    };
    out.push(
        Diagnostic::new(Code::AssetHandoverLate, p.path.at(accepted.date.pos), message).help(help).record(Some(&p.id)),
    );
}

#[cfg(test)]
#[path = "asset_tests.rs"]
mod tests;
