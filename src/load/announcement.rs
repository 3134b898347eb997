//! Converts a 项目库公告 file into an [`Announcement`].

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::Node;
use crate::diag::Code;
use crate::domain::{Announcement, AnnouncementKind, At, Keyword};
use crate::format::Shape;

/// Reads one announcement; `None` when its id, county, year, kind or date is
/// unusable (already reported).
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<Announcement> {
    let mut m = ctx.map(root, Shape::Announcement)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let kind = m.get(ctx, "kind").and_then(|n| ctx.keyword::<AnnouncementKind>(n));
    let title = opt_text(ctx, &mut m, "title");
    let doc_no = opt_text(ctx, &mut m, "doc_no");
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let issuer = req_text(ctx, &mut m, "issuer");
    let index_no = opt_text(ctx, &mut m, "index_no");
    let preamble = opt_text(ctx, &mut m, "preamble");
    let approval_doc = m.get(ctx, "approval_doc").and_then(|n| ctx.text_at(n));
    let projects_node = m.get(ctx, "projects");
    let (has_projects, projects) = (projects_node.is_some(), ids(ctx, projects_node));
    let moved_out_node = m.get(ctx, "moved_out");
    let (has_moved_out, moved_out) = (moved_out_node.is_some(), ids(ctx, moved_out_node));
    let changed_node = m.get(ctx, "changed");
    let (has_changed, changed) = (changed_node.is_some(), ids(ctx, changed_node));
    let objections_until = m.get(ctx, "objections_until").and_then(|n| ctx.date(n));
    // What a kind may list (the description's `lists_by_kind` says the same).
    if let Some(k) = &kind {
        let has_entries = has_projects || approval_doc.is_some();
        let mut not_here = |key: &str, written: bool, why: &str| {
            if written {
                ctx.report(Code::InvalidValue, m.key_pos(key), format!("{}公告不列{why}", k.label()), Some(&help(key)));
            }
        };
        match k.value {
            AnnouncementKind::Entry => {
                not_here("moved_out", has_moved_out, "调出项目");
                not_here("changed", has_changed, "变更项目");
            }
            AnnouncementKind::Removal => {
                not_here("projects", has_projects, "新增入库项目");
                not_here("approval_doc", approval_doc.is_some(), "新增入库项目");
                not_here("changed", has_changed, "变更项目");
            }
            AnnouncementKind::Adjustment => {}
        }
        let lists_nothing = match k.value {
            AnnouncementKind::Entry => !has_entries,
            AnnouncementKind::Removal => !has_moved_out,
            AnnouncementKind::Adjustment => !(has_entries || has_moved_out || has_changed),
        };
        if lists_nothing {
            let (what, keys) = match k.value {
                AnnouncementKind::Entry => ("新增入库项目", "projects（项目编号）或 approval_doc（批复文号）"),
                AnnouncementKind::Removal => ("调出项目", "moved_out（项目编号）"),
                AnnouncementKind::Adjustment => ("任何项目", "projects、approval_doc、moved_out 或 changed"),
            };
            ctx.report(
                Code::MissingField,
                root.pos,
                format!("{}公告没有列出{what}", k.label()),
                Some(&format!("请填写 {keys}")),
            );
        }
    }
    m.finish(ctx);
    Some(Announcement {
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
        approval_doc,
        projects,
        moved_out,
        changed,
        objections_until,
    })
}

fn help(key: &str) -> String {
    match key {
        "moved_out" | "changed" => format!("调整公告（kind: adjustment）才同时列新增、调出和变更项目；或删去 {key}"),
        _ => format!("调出公告（kind: removal）只列 moved_out；新增项目请写在入库或调整公告中，或删去 {key}"),
    }
}

/// A list of project ids (references, checked by `validate`).
fn ids(ctx: &mut Ctx, node: Option<&Node>) -> Vec<At<String>> {
    node.map(|n| ctx.list(n, |c, v| c.text_at(v))).unwrap_or_default()
}
