//! Converts an advisory-group file (产业顾问组 and its 台账).

use super::county::{item_count, range, split_range};
use super::reader::{Ctx, req_text};
use super::yaml::{Kind, Node};
use crate::domain::group::{
    Agreement, Certification, Consultation, Evaluation, Member, PlanDoc, RemoteGuidance, ServiceVisit,
};
use crate::domain::{At, Group};
use crate::format::Shape;

/// Reads one group.
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<Group> {
    let mut m = ctx.map(root, Shape::Group)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let name = req_text(ctx, &mut m, "name");
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let industry = req_text(ctx, &mut m, "industry");
    let certification_pos = m.key_pos("certification");
    let certification = m.get(ctx, "certification").and_then(|n| certification(ctx, n));
    let members_node = m.get(ctx, "members");
    let members = members_node.map(|n| ctx.list(n, member)).unwrap_or_default();
    let invalid_members = members_node.map(|n| dropped_ids(n, &members)).unwrap_or_default();
    let agreement = m.get(ctx, "agreement").and_then(|n| agreement(ctx, n));
    let consultations_pos = m.key_pos("consultations");
    let consultations_node = m.get(ctx, "consultations");
    let consultations = consultations_node.map(|n| ctx.list(n, consultation)).unwrap_or_default();
    let are_consultations_incomplete = consultations_node.is_some_and(|n| consultations.len() < item_count(n));
    let service_log = m.get(ctx, "service_log").map(|n| ctx.list(n, visit)).unwrap_or_default();
    let remote_guidance = m.get(ctx, "remote_guidance").map(|n| ctx.list(n, remote)).unwrap_or_default();
    let plans_pos = m.key_pos("plans");
    let plans_node = m.get(ctx, "plans");
    let plans = plans_node.map(|n| ctx.list(n, plan)).unwrap_or_default();
    let are_plans_incomplete = plans_node.is_some_and(|n| plans.len() < item_count(n));
    let evaluations = m.get(ctx, "evaluations").map(|n| ctx.list(n, evaluation)).unwrap_or_default();
    m.finish(ctx);
    Some(Group {
        path: ctx.path.clone(),
        id: id?,
        name,
        county: county?,
        industry,
        // Without a certification date no ledger rule can be checked; the group is still a valid reference.
        certification: certification?,
        certification_pos,
        members,
        invalid_members,
        agreement,
        consultations,
        consultations_pos,
        are_consultations_incomplete,
        service_log,
        remote_guidance,
        plans,
        plans_pos,
        are_plans_incomplete,
        evaluations,
    })
}

/// The ids written in the member items that did not become a [`Member`];
/// an empty id for an item written without a usable one, which any
/// reference to an unknown member may mean.
fn dropped_ids(node: &Node, kept: &[Member]) -> Vec<At<String>> {
    let Kind::Seq(items) = &node.kind else { return Vec::new() };
    items
        .iter()
        .map(|item| {
            let id = match &item.kind {
                Kind::Map(entries) => entries.iter().find(|(k, _)| k.name == "id").map(|(_, v)| v),
                _ => None,
            };
            match id.map(|v| (&v.kind, v.pos)) {
                Some((Kind::Str { text, .. } | Kind::Number(text), pos)) => At::new(text.trim().to_owned(), pos),
                _ => At::new(String::new(), item.pos),
            }
        })
        .filter(|id| !kept.iter().any(|m| m.id.value == id.value) || id.value.is_empty())
        .collect()
}

fn certification(ctx: &mut Ctx, node: &Node) -> Option<Certification> {
    let mut m = ctx.map(node, Shape::Certification)?;
    let by = m.get(ctx, "by").map(|n| ctx.list(n, |c, b| c.text(b))).unwrap_or_default();
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let reference = req_text(ctx, &mut m, "ref");
    m.finish(ctx);
    Some(Certification { by, date: date?.value, reference })
}

fn member(ctx: &mut Ctx, node: &Node) -> Option<Member> {
    let mut m = ctx.map(node, Shape::Member)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.id(n));
    let name = req_text(ctx, &mut m, "name");
    let institution = req_text(ctx, &mut m, "institution");
    let title = req_text(ctx, &mut m, "title");
    let field = req_text(ctx, &mut m, "field");
    let role = m.get(ctx, "role").and_then(|n| ctx.keyword(n));
    let source = m.get(ctx, "source").and_then(|n| ctx.keyword(n));
    let appointment_letter_no = req_text(ctx, &mut m, "appointment_letter_no");
    let range = range(ctx, &mut m);
    // Private contacts are accepted so offices can keep one ledger, and never read.
    m.skip("contact_private");
    m.finish(ctx);
    let (range, is_range_invalid) = split_range(range?);
    Some(Member {
        id: id?,
        name,
        institution,
        title,
        field,
        role: role?.value,
        source: source?.value,
        appointment_letter_no,
        range,
        is_range_invalid,
    })
}

fn agreement(ctx: &mut Ctx, node: &Node) -> Option<Agreement> {
    let mut m = ctx.map(node, Shape::Agreement)?;
    let signed_on = m.get(ctx, "signed_on").and_then(|n| ctx.date(n));
    let parties = m.get(ctx, "parties").map(|n| ctx.list(n, |c, b| c.text(b))).unwrap_or_default();
    let items = m.get(ctx, "items").map(|n| ctx.list(n, |c, b| c.text(b))).unwrap_or_default();
    m.finish(ctx);
    Some(Agreement { signed_on: signed_on?.value, parties, items })
}

fn consultation(ctx: &mut Ctx, node: &Node) -> Option<Consultation> {
    let mut m = ctx.map(node, Shape::Consultation)?;
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let mode = m.get(ctx, "mode").and_then(|n| ctx.keyword(n));
    let topics = req_text(ctx, &mut m, "topics");
    m.finish(ctx);
    // A 会商 with a bad mode (reported) still was held on its date.
    Some(Consultation { date: date?, mode: mode.map(|k| k.value), topics })
}

fn visit(ctx: &mut Ctx, node: &Node) -> Option<ServiceVisit> {
    let mut m = ctx.map(node, Shape::Visit)?;
    let member = m.get(ctx, "member").and_then(|n| ctx.text_at(n));
    let range = range(ctx, &mut m);
    let place = req_text(ctx, &mut m, "place");
    let activity = req_text(ctx, &mut m, "activity");
    m.finish(ctx);
    let range = range?.ok()?;
    Some(ServiceVisit { member: member?, from: range.from.value, to: range.to?.value, place, activity })
}

fn remote(ctx: &mut Ctx, node: &Node) -> Option<RemoteGuidance> {
    let mut m = ctx.map(node, Shape::Remote)?;
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let members = m.get(ctx, "members").map(|n| ctx.list(n, |c, x| c.text_at(x))).unwrap_or_default();
    let topic = req_text(ctx, &mut m, "topic");
    m.finish(ctx);
    Some(RemoteGuidance { date: date?.value, members, topic })
}

fn plan(ctx: &mut Ctx, node: &Node) -> Option<PlanDoc> {
    let mut m = ctx.map(node, Shape::Plan)?;
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let kind = m.get(ctx, "kind").and_then(|n| ctx.keyword(n));
    let submitted_on = m.get(ctx, "submitted_on").and_then(|n| ctx.date(n));
    m.finish(ctx);
    Some(PlanDoc { year: year?.value, kind: kind?.value, submitted_on: submitted_on? })
}

fn evaluation(ctx: &mut Ctx, node: &Node) -> Option<Evaluation> {
    let mut m = ctx.map(node, Shape::Evaluation)?;
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let by = m.get(ctx, "by").and_then(|n| ctx.text(n));
    let result = m.get(ctx, "result").and_then(|n| ctx.text(n));
    m.finish(ctx);
    Some(Evaluation { year: year?.value, by: by?, result: result? })
}
