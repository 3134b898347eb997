//! Reads the works keys of a project file (`acceptance`, `site_sign`,
//! `completion_notice`) and the `photos` lists they, events and notices
//! carry. Called by the project reader (`project.rs`).

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::Node;
use crate::domain::At;
use crate::domain::works::{Acceptance, CompletionNotice, Photo, SiteSign};
use crate::format::Shape;

/// `photos:` under a mapping, empty when absent.
pub(super) fn photos(ctx: &mut Ctx, node: Option<&Node>) -> Vec<Photo> {
    node.map(|n| ctx.list(n, photo)).unwrap_or_default()
}

fn photo(ctx: &mut Ctx, node: &Node) -> Option<Photo> {
    let mut m = ctx.map(node, Shape::Photo)?;
    let file = m.get(ctx, "file").and_then(|n| ctx.text_at(n));
    let alt = m.get(ctx, "alt").and_then(|n| ctx.text(n));
    let stage = m.get(ctx, "stage").and_then(|n| ctx.keyword(n));
    let taken_on = m.get(ctx, "taken_on").and_then(|n| ctx.date(n));
    m.finish(ctx);
    Some(Photo { file: file?, alt: alt?, stage: stage?.value, taken_on, pos: node.pos })
}

/// `acceptance:` (竣工验收).
pub(super) fn acceptance(ctx: &mut Ctx, node: &Node) -> Option<At<Acceptance>> {
    let mut m = ctx.map(node, Shape::Acceptance)?;
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let by = req_text(ctx, &mut m, "by");
    let result = m.get(ctx, "result").and_then(|n| ctx.keyword(n));
    let summary = opt_text(ctx, &mut m, "summary");
    let doc_no = opt_text(ctx, &mut m, "doc_no");
    m.finish(ctx);
    Some(At::new(Acceptance { date: date?, by, result: result?.value, summary, doc_no }, node.pos))
}

/// `site_sign:` (项目公示牌).
pub(super) fn site_sign(ctx: &mut Ctx, node: &Node) -> Option<At<SiteSign>> {
    let mut m = ctx.map(node, Shape::SiteSign)?;
    let posted_on = m.get(ctx, "posted_on").and_then(|n| ctx.date(n));
    let place = req_text(ctx, &mut m, "place");
    let photos_node = m.get(ctx, "photos");
    let photos = photos(ctx, photos_node);
    m.finish(ctx);
    Some(At::new(SiteSign { posted_on: posted_on?, place, photos }, node.pos))
}

/// `completion_notice:` (竣工公告).
pub(super) fn completion_notice(ctx: &mut Ctx, node: &Node) -> Option<At<CompletionNotice>> {
    let mut m = ctx.map(node, Shape::CompletionNotice)?;
    let issuer = req_text(ctx, &mut m, "issuer");
    let boards = m.get(ctx, "boards").map(|n| ctx.list(n, |c, b| c.text(b))).unwrap_or_default();
    let start = m.get(ctx, "start").and_then(|n| ctx.date(n));
    let end = m.get(ctx, "end").and_then(|n| ctx.date(n));
    let photos_node = m.get(ctx, "photos");
    let photos = photos(ctx, photos_node);
    m.finish(ctx);
    Some(At::new(CompletionNotice { issuer, boards, start: start?, end: end?, photos }, node.pos))
}
