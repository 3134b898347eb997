//! Converts a 帮扶项目资产 file into an [`Asset`].
//!
//! What one file alone shows is reported here: income on an asset that is
//! not operating (only 经营性资产 earn 收益), and a disposal dated before the
//! hand-over (an asset is disposed of by its owner, after 确权移交). Both are
//! `invalid-value`. The references and the project's funding are `validate`'s.

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::Node;
use crate::diag::Code;
use crate::domain::asset::{Asset, AssetClass, Disposal, Income};
use crate::domain::{Keyword, date};
use crate::format::Shape;

/// Reads one asset; `None` when its id, county, project, class or value is
/// unusable (already reported).
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<Asset> {
    let mut m = ctx.map(root, Shape::Asset)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let project = m.get(ctx, "project").and_then(|n| ctx.text_at(n));
    let name = req_text(ctx, &mut m, "name");
    let class = m.get(ctx, "class").and_then(|n| ctx.keyword::<AssetClass>(n));
    let value = m.get(ctx, "value").and_then(|n| ctx.money(n));
    let formed_on = m.get(ctx, "formed_on").and_then(|n| ctx.date(n));
    let location = m.get(ctx, "location").and_then(|n| super::project::location(ctx, n));
    let owner = req_text(ctx, &mut m, "owner");
    let keeper = req_text(ctx, &mut m, "keeper");
    let handed_over_on = m.get(ctx, "handed_over_on").and_then(|n| ctx.date(n));
    let handover_doc = opt_text(ctx, &mut m, "handover_doc");
    let income_node = m.get(ctx, "income");
    let income = income_node.map(|n| ctx.list(n, income)).unwrap_or_default();
    let disposal = m.get(ctx, "disposal").and_then(|n| disposal(ctx, n));
    if let Some(c) = &class
        && income_node.is_some()
        && c.value != AssetClass::Operating
    {
        ctx.report(
            Code::InvalidValue,
            m.key_pos("income"),
            format!("{}资产没有收益，只有经营性资产登记 income", c.label()),
            Some("删去 income，或把 class 改为 operating（经营性）"),
        );
    }
    if let Some(d) = &disposal {
        match &handed_over_on {
            Some(h) if *d.date < **h => ctx.report(
                Code::InvalidValue,
                d.date.pos,
                format!("处置日期{}早于移交日期{}", date::zh(*d.date), date::zh(**h)),
                Some("资产确权移交后才由产权所有者处置：请核对两个日期"),
            ),
            None => ctx.report(
                Code::InvalidValue,
                d.date.pos,
                "资产尚未移交（没有 handed_over_on），不能登记处置".into(),
                Some("先填写移交日期 handed_over_on，或删去 disposal"),
            ),
            Some(_) => {}
        }
    }
    m.finish(ctx);
    Some(Asset {
        path: ctx.path.clone(),
        id: id?,
        county: county?,
        project: project?,
        name,
        class: class?,
        value: value?,
        formed_on,
        location,
        owner,
        keeper,
        handed_over_on,
        handover_doc,
        income,
        disposal,
    })
}

fn income(ctx: &mut Ctx, node: &Node) -> Option<Income> {
    let mut m = ctx.map(node, Shape::AssetIncome)?;
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let amount = m.get(ctx, "amount").and_then(|n| ctx.money(n));
    let sharing = opt_text(ctx, &mut m, "sharing");
    m.finish(ctx);
    Some(Income { year: year?, amount: amount?.value, sharing })
}

fn disposal(ctx: &mut Ctx, node: &Node) -> Option<Disposal> {
    let mut m = ctx.map(node, Shape::AssetDisposal)?;
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let way = req_text(ctx, &mut m, "way");
    let reason = req_text(ctx, &mut m, "reason");
    let doc_no = opt_text(ctx, &mut m, "doc_no");
    m.finish(ctx);
    Some(Disposal { date: date?, way, reason, doc_no })
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;

    fn codes(text: &str) -> Vec<(Code, u32)> {
        let d = crate::load::check_file("content/assets/A1.yaml", text.as_bytes()).unwrap();
        d.iter().map(|d| (d.code, d.location.pos.map_or(0, |p| p.line))).collect()
    }

    const BASE: &str = "id: A1\ncounty: qingling\nproject: P-1\nname: 厂房\nvalue: 10\nowner: 合作社\nkeeper: 合作社\n";

    #[test]
    fn a_complete_operating_asset_loads_cleanly() {
        let text = format!(
            "{BASE}class: operating\nhanded_over_on: 2026-04-28\nincome:\n  - {{year: 2026, amount: 6.2, sharing: 分红}}\ndisposal: {{date: 2026-05-01, way: 报废, reason: 损毁}}\n"
        );
        assert_eq!(codes(&text), []);
    }

    #[test]
    fn income_only_on_operating_assets() {
        let text = format!("{BASE}class: public_welfare\nincome:\n  - {{year: 2026, amount: 1}}\n");
        assert_eq!(codes(&text), [(Code::InvalidValue, 9)]);
    }

    #[test]
    fn disposal_not_before_hand_over() {
        let before = format!(
            "{BASE}class: household\nhanded_over_on: 2026-04-28\ndisposal: {{date: 2026-04-27, way: 报废, reason: 损毁}}\n"
        );
        assert_eq!(codes(&before), [(Code::InvalidValue, 10)]);
        let never = format!("{BASE}class: household\ndisposal: {{date: 2026-04-27, way: 报废, reason: 损毁}}\n");
        assert_eq!(codes(&never), [(Code::InvalidValue, 9)]);
    }
}
