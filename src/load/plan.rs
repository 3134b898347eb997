//! Converts a 年度计划与资金公告 file into a [`PlanDoc`].

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::Node;
use crate::diag::Code;
use crate::domain::{At, Keyword, PlanDoc, PlanKind};
use crate::format::Shape;

/// Reads one plan document; `None` when its id, county, year, kind or date
/// is unusable (already reported).
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<PlanDoc> {
    let mut m = ctx.map(root, Shape::PlanDoc)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let kind = m.get(ctx, "kind").and_then(|n| ctx.keyword::<PlanKind>(n));
    let title = opt_text(ctx, &mut m, "title");
    let doc_no = opt_text(ctx, &mut m, "doc_no");
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let issuer = req_text(ctx, &mut m, "issuer");
    let index_no = opt_text(ctx, &mut m, "index_no");
    let preamble = opt_text(ctx, &mut m, "preamble");
    let mut lists = Vec::new();
    for (key, node) in [
        ("projects", m.get(ctx, "projects")),
        ("moved_out", m.get(ctx, "moved_out")),
        ("changed", m.get(ctx, "changed")),
        ("batches", m.get(ctx, "batches")),
    ] {
        lists.push((key, node.is_some(), ids(ctx, node)));
    }
    let objections_until = m.get(ctx, "objections_until").and_then(|n| ctx.date(n));
    // What a kind lists (the description's `lists_by_kind` says the same).
    if let Some(k) = &kind {
        let allowed: &[&str] = match k.value {
            PlanKind::Plan => &["projects"],
            PlanKind::Adjustment => &["projects", "moved_out", "changed"],
            PlanKind::Allocation => &["batches"],
            PlanKind::Completion => &[],
        };
        for (key, written, _) in &lists {
            if *written && !allowed.contains(key) {
                let help = format!("{}公告只列 {}；或删去 {key}", k.label(), list_or_none(allowed));
                ctx.report(Code::InvalidValue, m.key_pos(key), format!("{}公告不列 {key}", k.label()), Some(&help));
            }
        }
        if !allowed.is_empty() && !lists.iter().any(|(key, written, _)| *written && allowed.contains(key)) {
            // At an allowed key written empty (a template's placeholder), else the file.
            let pos = allowed.iter().map(|k| m.key_pos(k)).find(|p| *p != root.pos).unwrap_or(root.pos);
            ctx.report(
                Code::MissingField,
                pos,
                format!(
                    "{}公告没有列出任何{}",
                    k.label(),
                    if k.value == PlanKind::Allocation { "资金批次" } else { "项目" }
                ),
                Some(&format!("请填写 {}", allowed.join("、"))),
            );
        }
    }
    m.finish(ctx);
    let mut take = |i: usize| std::mem::take(&mut lists[i].2);
    let (projects, moved_out, changed, batches) = (take(0), take(1), take(2), take(3));
    Some(PlanDoc {
        path: ctx.path.clone(),
        id: id?,
        county: county?,
        year: year?,
        kind: kind?,
        title,
        doc_no,
        date: date?,
        issuer,
        index_no,
        preamble,
        projects,
        moved_out,
        changed,
        batches,
        objections_until,
    })
}

fn list_or_none(keys: &[&str]) -> String {
    if keys.is_empty() { "不列项目（按年度计划汇总）".to_owned() } else { keys.join("、") }
}

/// A list of ids (references, checked by `validate`).
fn ids(ctx: &mut Ctx, node: Option<&Node>) -> Vec<At<String>> {
    node.map(|n| ctx.list(n, |c, v| c.text_at(v))).unwrap_or_default()
}
