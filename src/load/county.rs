//! Converts a county file.

use super::reader::{Ctx, MapReader, req_text};
use super::yaml::{Kind, Node};
use crate::diag::Code;
use crate::domain::county::{EastWestPairing, Liaison, Need, NeedStatus, Term, Township, Village};
use crate::domain::{At, County, DateRange};
use crate::format::Shape;

/// Reads one county.
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<County> {
    let mut m = ctx.map(root, Shape::County)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let name = req_text(ctx, &mut m, "name");
    let adcode = m.get(ctx, "adcode").and_then(|n| adcode(ctx, n)).unwrap_or_default();
    let province = req_text(ctx, &mut m, "province");
    let prefecture = req_text(ctx, &mut m, "prefecture");
    let is_key_assistance_county = m.get(ctx, "is_key_assistance_county").and_then(|n| ctx.boolean(n)).unwrap_or(false);
    let authority = req_text(ctx, &mut m, "authority");
    let leading_group = req_text(ctx, &mut m, "leading_group");
    let convener_pos = m.key_pos("convener");
    let convener_node = m.get(ctx, "convener");
    let convener: Vec<Term> = convener_node
        .map(|n| match &n.kind {
            Kind::Seq(_) => ctx.list(n, term),
            _ => term(ctx, n).into_iter().collect(),
        })
        .unwrap_or_default();
    let is_convener_incomplete = convener_node.is_some_and(|n| convener.len() < item_count(n));
    let liaisons_pos = m.key_pos("liaisons");
    let liaisons_node = m.get(ctx, "liaisons");
    let liaisons = liaisons_node.map(|n| ctx.list(n, liaison)).unwrap_or_default();
    let are_liaisons_incomplete = liaisons_node.is_some_and(|n| liaisons.len() < item_count(n));
    let east_west_pairing = m.get(ctx, "east_west_pairing").and_then(|n| pairing(ctx, n));
    let needs = m.get(ctx, "needs").map(|n| ctx.list(n, need)).unwrap_or_default();
    let townships_node = m.get(ctx, "townships");
    let townships = townships_node.map(|n| ctx.list(n, township)).unwrap_or_default();
    let are_townships_incomplete = townships_node.is_some_and(|n| townships.len() < item_count(n));
    m.finish(ctx);
    Some(County {
        path: ctx.path.clone(),
        id: id?,
        name,
        adcode,
        province,
        prefecture,
        is_key_assistance_county,
        authority,
        leading_group,
        convener,
        convener_pos,
        liaisons,
        liaisons_pos,
        is_convener_incomplete,
        are_liaisons_incomplete,
        east_west_pairing,
        needs,
        townships,
        are_townships_incomplete,
    })
}

fn adcode(ctx: &mut Ctx, node: &Node) -> Option<String> {
    let t = ctx.text(node)?;
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        Some(t)
    } else {
        ctx.report(
            Code::InvalidValue,
            node.pos,
            format!("行政区划代码“{t}”应为 6 位数字"),
            Some("写成带引号的字符串，如 \"522799\""),
        );
        None
    }
}

/// Reads `from` and `to` (each required or not as the mapping's description
/// says), checking `from` ≤ `to`. An invalid `to`, or one before `from`, is
/// reported and gives `Err` with the range cut to `from`, so the item (a
/// member, a term) still exists while its term is unknown.
pub(crate) fn range(ctx: &mut Ctx, m: &mut MapReader<'_>) -> Option<Result<DateRange, DateRange>> {
    let from = m.get(ctx, "from").and_then(|n| ctx.date(n));
    let to_node = m.get(ctx, "to");
    let to = to_node.and_then(|n| ctx.date(n));
    let from = from?;
    // An invalid `to` (reported) must not read as "still running".
    if to_node.is_some() && to.is_none() {
        return Some(Err(DateRange { from, to: None }));
    }
    if let Some(t) = &to
        && t.value < from.value
    {
        ctx.report(Code::InvalidValue, t.pos, format!("结束日期 {} 早于开始日期 {}", t.value, from.value), None);
        return Some(Err(DateRange { from, to: None }));
    }
    Some(Ok(DateRange { from, to }))
}

fn term(ctx: &mut Ctx, node: &Node) -> Option<Term> {
    let mut m = ctx.map(node, Shape::Term)?;
    let name = req_text(ctx, &mut m, "name");
    let post = req_text(ctx, &mut m, "post");
    let range = range(ctx, &mut m);
    m.finish(ctx);
    let (range, is_range_invalid) = split_range(range?);
    Some(Term { name, post, range, is_range_invalid, pos: node.pos })
}

fn liaison(ctx: &mut Ctx, node: &Node) -> Option<Liaison> {
    let mut m = ctx.map(node, Shape::Liaison)?;
    let level = m.get(ctx, "level").and_then(|n| ctx.keyword(n));
    let name = req_text(ctx, &mut m, "name");
    let org = req_text(ctx, &mut m, "org");
    let range = range(ctx, &mut m);
    m.finish(ctx);
    let (range, is_range_invalid) = split_range(range?);
    Some(Liaison { level: level?.value, name, org, range, is_range_invalid, pos: node.pos })
}

/// How many items `node` holds: those of a sequence, or one for a lone mapping.
pub(crate) fn item_count(node: &Node) -> usize {
    match &node.kind {
        Kind::Seq(items) => items.len(),
        Kind::Null => 0,
        _ => 1,
    }
}

/// A range as read by [`range`] and whether its `to` was invalid.
pub(crate) fn split_range(range: Result<DateRange, DateRange>) -> (DateRange, bool) {
    match range {
        Ok(r) => (r, false),
        Err(r) => (r, true),
    }
}

fn pairing(ctx: &mut Ctx, node: &Node) -> Option<At<EastWestPairing>> {
    let mut m = ctx.map(node, Shape::Pairing)?;
    let partner = m.get(ctx, "partner").and_then(|n| ctx.text(n));
    let since = m.get(ctx, "since").and_then(|n| ctx.year(n));
    m.finish(ctx);
    Some(At::new(EastWestPairing { partner: partner?, since: i64::from(since?.value) }, node.pos))
}

fn need(ctx: &mut Ctx, node: &Node) -> Option<Need> {
    let mut m = ctx.map(node, Shape::Need)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.id(n));
    let industry = req_text(ctx, &mut m, "industry");
    let need = req_text(ctx, &mut m, "need");
    let submitted_on = m.get(ctx, "submitted_on").and_then(|n| ctx.date(n));
    let status = m.get(ctx, "status").and_then(|n| ctx.keyword::<NeedStatus>(n));
    // The group is optional only while the need is still open.
    let is_matched = status.as_ref().is_some_and(|s| s.value != NeedStatus::Open);
    let group = m.req_if(ctx, "group", is_matched).and_then(|n| ctx.text_at(n));
    m.finish(ctx);
    Some(Need { id: id?, industry, need, submitted_on: submitted_on?.value, status: status?.value, group })
}

fn township(ctx: &mut Ctx, node: &Node) -> Option<Township> {
    let mut m = ctx.map(node, Shape::Township)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.id(n));
    // A township or village missing its name or board is reported and still
    // exists as an id for the records that name it.
    let name = req_text(ctx, &mut m, "name");
    let board = req_text(ctx, &mut m, "board");
    let villages_node = m.get(ctx, "villages");
    let villages = villages_node.map(|n| ctx.list(n, village)).unwrap_or_default();
    let are_villages_incomplete = villages_node.is_some_and(|n| villages.len() < item_count(n));
    m.finish(ctx);
    Some(Township { id: id?, name, board, villages, are_villages_incomplete })
}

fn village(ctx: &mut Ctx, node: &Node) -> Option<Village> {
    let mut m = ctx.map(node, Shape::Village)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.id(n));
    let name = req_text(ctx, &mut m, "name");
    let board = req_text(ctx, &mut m, "board");
    m.finish(ctx);
    Some(Village { id: id?, name, board })
}
