//! Converts a project file's tree into a [`Project`].

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::{Kind, Node};
use crate::diag::Code;
use crate::domain::change::{Change, Closure, Previous};
use crate::domain::project::{
    Approval, Beneficiaries, ConstructionNature, Event, EventType, Funding, FundingLine, FundingSource, Gaps, NotGiven,
    Notice, NoticeLevel, Objection, Origin, Project, ProjectLocation, Target,
};
use crate::domain::{At, Keyword};
use crate::format::Shape;

/// Reads one project; `None` when the id or county is unusable (already reported).
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<Project> {
    let mut m = ctx.map(root, Shape::Project)?;
    // Read first: it decides which keys may be absent.
    let not_given_node = m.get(ctx, "not_given");
    let not_given: Vec<At<NotGiven>> = not_given_node.map(|n| ctx.list(n, |c, v| c.keyword(v))).unwrap_or_default();
    let listed = |what: NotGiven| not_given.iter().any(|n| n.value == what);
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let name = req_text(ctx, &mut m, "name");
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let project_type = m.get(ctx, "type").and_then(|n| ctx.text_at(n));
    let sub_type = m.get(ctx, "sub_type").and_then(|n| ctx.text_at(n));
    let construction_nature = m
        .req_if(ctx, "construction_nature", !listed(NotGiven::ConstructionNature))
        .and_then(|n| ctx.keyword::<ConstructionNature>(n))
        .map(|k| k.value);
    let origin = m.get(ctx, "origin").and_then(|n| ctx.keyword::<Origin>(n)).map_or(Origin::Village, |k| k.value);
    // `place` is read before `location`: with it (or for a county-level
    // project, or when not given) there may be no township to name.
    let place = opt_text(ctx, &mut m, "place");
    let needs_location = origin != Origin::County && place.is_none() && !listed(NotGiven::Location);
    let location = m.req_if(ctx, "location", needs_location).and_then(|n| location(ctx, n));
    // Empty when not given (listed in `not_given`; pages say 未公布).
    let content = m.req_if(ctx, "content", !listed(NotGiven::Content)).and_then(|n| ctx.text(n)).unwrap_or_default();
    let implementation_period =
        m.req_if(ctx, "implementation_period", !listed(NotGiven::ImplementationPeriod)).and_then(|n| period(ctx, n));
    let mut given_text =
        |ctx: &mut Ctx, key: &'static str, what: NotGiven| m.req_if(ctx, key, !listed(what)).and_then(|n| ctx.text(n));
    let implementer = given_text(ctx, "implementer", NotGiven::Implementer);
    let responsible_unit = given_text(ctx, "responsible_unit", NotGiven::ResponsibleUnit);
    let responsible_person = given_text(ctx, "responsible_person", NotGiven::ResponsiblePerson);
    let funding_node = m.get(ctx, "funding");
    let funding = funding_node.and_then(|n| funding(ctx, n));
    let counts = [NotGiven::HouseholdsLifted, NotGiven::PersonsLifted, NotGiven::HouseholdsMonitored];
    let beneficiaries = m
        .req_if(ctx, "beneficiaries", !counts.iter().all(|c| listed(*c)))
        .and_then(|n| beneficiaries(ctx, n, &listed))
        .unwrap_or_default();
    let linkage_mechanism =
        m.req_if(ctx, "linkage_mechanism", !listed(NotGiven::LinkageMechanism)).and_then(|n| ctx.text(n));
    let performance_targets = m
        .req_if(ctx, "performance_targets", !listed(NotGiven::PerformanceTargets))
        .map(|n| ctx.list(n, target))
        .unwrap_or_default();
    let advisory_group = m.get(ctx, "advisory_group").and_then(|n| ctx.text_at(n));
    let notices_node = m.get(ctx, "notices");
    let notices = notices_node.map(|n| ctx.list(n, notice)).unwrap_or_default();
    let approval_node = m.get(ctx, "approval");
    let approval = approval_node.and_then(|n| approval(ctx, n));
    let warehoused_node = m.get(ctx, "warehoused_on");
    let warehoused_on = warehoused_node.and_then(|n| ctx.date(n));
    let gaps = Gaps {
        notice_levels: notices_node.map(|n| dropped_notice_levels(n, &notices)).unwrap_or_default(),
        is_funding_incomplete: funding.as_ref().is_none_or(|f| f.sources.len() < funding_node.map_or(0, source_count)),
        is_approval_invalid: approval_node.is_some() && approval.is_none(),
        is_warehoused_on_invalid: warehoused_node.is_some() && warehoused_on.is_none(),
    };
    for n in &not_given {
        if let Some(pos) = written_at(root, n.value) {
            let key = n.key();
            ctx.report(
                Code::InvalidValue,
                n.pos,
                format!("not_given 列出了 {key}（{}），但文件中写了它（第 {} 行）", n.label(), pos.line),
                Some(&format!("已经知道的值就不是“未公布”：从 not_given 中删去 {key}")),
            );
        }
    }
    let events = m.get(ctx, "events").map(|n| ctx.list(n, event)).unwrap_or_default();
    let withdrawn = m.get(ctx, "withdrawn").and_then(|n| closure(ctx, n));
    let rejected = m.get(ctx, "rejected").and_then(|n| closure(ctx, n));
    let changes = m.get(ctx, "changes").map(|n| ctx.list(n, change)).unwrap_or_default();
    let acceptance = m.get(ctx, "acceptance").and_then(|n| super::works::acceptance(ctx, n));
    let site_sign = m.get(ctx, "site_sign").and_then(|n| super::works::site_sign(ctx, n));
    let completion_notice = m.get(ctx, "completion_notice").and_then(|n| super::works::completion_notice(ctx, n));
    let forms_assets = m.get(ctx, "forms_assets").and_then(|n| ctx.boolean(n)).unwrap_or(true);
    let payments = m.get(ctx, "payments").map(|n| super::fund::payments(ctx, n)).unwrap_or_default();
    m.finish(ctx);
    Some(Project {
        path: ctx.path.clone(),
        id: id?,
        name,
        county: county?,
        year: year.unwrap_or(At::new(0, root.pos)),
        project_type: project_type.unwrap_or(At::new(String::new(), root.pos)),
        sub_type,
        construction_nature,
        origin,
        location,
        place,
        content,
        implementation_period,
        implementer,
        responsible_unit,
        responsible_person,
        funding,
        beneficiaries,
        linkage_mechanism,
        performance_targets,
        advisory_group,
        notices,
        approval,
        warehoused_on,
        events,
        withdrawn,
        rejected,
        changes,
        payments,
        not_given,
        forms_assets,
        gaps,
        acceptance,
        site_sign,
        completion_notice,
    })
}

/// The number of items written under `funding.sources` (`node` is `funding`).
fn source_count(node: &Node) -> usize {
    let sources = match &node.kind {
        Kind::Map(entries) => entries.iter().find(|(k, _)| k.name == "sources").map(|(_, n)| n),
        _ => None,
    };
    match sources.map(|n| &n.kind) {
        Some(Kind::Seq(items)) => items.len(),
        _ => 0,
    }
}

/// The levels of the notice items under `node` that did not become a
/// [`Notice`] (`None` where the level is unreadable too). Items are matched by
/// position, as [`Ctx::list`] keeps the order.
fn dropped_notice_levels(node: &Node, kept: &[Notice]) -> Vec<Option<NoticeLevel>> {
    let Kind::Seq(items) = &node.kind else { return Vec::new() };
    items
        .iter()
        .filter(|item| !kept.iter().any(|n| n.pos == item.pos))
        .map(|item| match &item.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k.name == "level").and_then(|(_, v)| match &v.kind {
                Kind::Str { text, .. } => NoticeLevel::from_key(text),
                _ => None,
            }),
            _ => None,
        })
        .collect()
}

pub(super) fn location(ctx: &mut Ctx, node: &Node) -> Option<ProjectLocation> {
    let mut m = ctx.map(node, Shape::Location)?;
    let township = m.get(ctx, "township").and_then(|n| ctx.text_at(n));
    let villages = m.get(ctx, "villages").map(|n| ctx.list(n, |c, v| c.text_at(v))).unwrap_or_default();
    m.finish(ctx);
    Some(ProjectLocation { township: township?, villages })
}

fn period(ctx: &mut Ctx, node: &Node) -> Option<((i32, u32), (i32, u32))> {
    let mut m = ctx.map(node, Shape::Period)?;
    let from = m.get(ctx, "from").and_then(|n| ctx.month(n));
    let to_node = m.get(ctx, "to");
    let to = to_node.and_then(|n| ctx.month(n));
    m.finish(ctx);
    let (from, to) = (from?, to?);
    if from > to {
        if let Some(n) = to_node {
            ctx.report(Code::InvalidValue, n.pos, "实施期限的结束月份早于开始月份".into(), None);
        }
        return None;
    }
    Some((from, to))
}

fn funding(ctx: &mut Ctx, node: &Node) -> Option<Funding> {
    let mut m = ctx.map(node, Shape::Funding)?;
    let total = m.get(ctx, "total").and_then(|n| ctx.money(n));
    let sources = m.get(ctx, "sources").map(|n| ctx.list(n, funding_line));
    m.finish(ctx);
    Some(Funding { total: total?, sources: sources? })
}

fn funding_line(ctx: &mut Ctx, node: &Node) -> Option<FundingLine> {
    let mut m = ctx.map(node, Shape::FundingLine)?;
    let source = m.get(ctx, "source").and_then(|n| ctx.keyword::<FundingSource>(n));
    let level = if source.as_ref().is_some_and(|s| s.value == FundingSource::BridgingFund) {
        // Optional: published ledgers often do not say the level.
        m.get(ctx, "level").and_then(|n| ctx.keyword(n)).map(|k| k.value)
    } else {
        if source.is_none() {
            // The source itself is invalid (reported): its `level` may be right.
            m.skip("level");
        } else {
            // `level` exists only for 衔接资金; elsewhere it is an unknown field.
            m.forbid("level");
        }
        None
    };
    let amount = m.get(ctx, "amount").and_then(|n| ctx.money(n));
    m.finish(ctx);
    Some(FundingLine { source: source?.value, level, amount: amount?.value })
}

/// The counts; each is required unless `not_given` lists it.
fn beneficiaries(ctx: &mut Ctx, node: &Node, listed: &dyn Fn(NotGiven) -> bool) -> Option<Beneficiaries> {
    let mut m = ctx.map(node, Shape::Beneficiaries)?;
    let mut count =
        |ctx: &mut Ctx, key: &'static str, what: NotGiven| m.req_if(ctx, key, !listed(what)).and_then(|n| ctx.count(n));
    let households_lifted = count(ctx, "households_lifted", NotGiven::HouseholdsLifted);
    let persons_lifted = count(ctx, "persons_lifted", NotGiven::PersonsLifted);
    let households_monitored = count(ctx, "households_monitored", NotGiven::HouseholdsMonitored);
    let households = m.get(ctx, "households").and_then(|n| ctx.count(n));
    m.finish(ctx);
    Some(Beneficiaries { households_lifted, persons_lifted, households_monitored, households })
}

/// A target: an indicator mapping, or a sentence kept as written.
fn target(ctx: &mut Ctx, node: &Node) -> Option<Target> {
    if !matches!(node.kind, Kind::Map(_)) {
        return ctx.text(node).map(Target::Text);
    }
    let mut m = ctx.map(node, Shape::Target)?;
    let category = m.get(ctx, "category").and_then(|n| ctx.keyword(n)).map(|k| k.value);
    let indicator = m.get(ctx, "indicator").and_then(|n| ctx.text(n));
    let value = m.get(ctx, "value").and_then(|n| ctx.text(n));
    let unit = m.get(ctx, "unit").and_then(|n| ctx.text(n));
    let actual = m.get(ctx, "actual").and_then(|n| ctx.text(n).map(|t| At::new(t, n.pos)));
    m.finish(ctx);
    Some(Target::Indicator { category, indicator: indicator?, value: value?, unit, actual })
}

fn notice(ctx: &mut Ctx, node: &Node) -> Option<Notice> {
    let mut m = ctx.map(node, Shape::Notice)?;
    let level = m.get(ctx, "level").and_then(|n| ctx.keyword::<NoticeLevel>(n));
    let issuer = req_text(ctx, &mut m, "issuer");
    let boards = m.get(ctx, "boards").map(|n| ctx.list(n, |c, b| c.text(b))).unwrap_or_default();
    let start = m.get(ctx, "start").and_then(|n| ctx.date(n));
    let end = m.get(ctx, "end").and_then(|n| ctx.date(n));
    let objections = m.get(ctx, "objections").map(|n| ctx.list(n, objection)).unwrap_or_default();
    let photos_node = m.get(ctx, "photos");
    let photos = super::works::photos(ctx, photos_node);
    m.finish(ctx);
    Some(Notice { level: level?.value, issuer, boards, start: start?, end: end?, objections, photos, pos: node.pos })
}

fn objection(ctx: &mut Ctx, node: &Node) -> Option<Objection> {
    let mut m = ctx.map(node, Shape::Objection)?;
    let received_on = m.get(ctx, "received_on").and_then(|n| ctx.date(n));
    let channel = m.get(ctx, "channel").and_then(|n| ctx.keyword(n));
    let summary = req_text(ctx, &mut m, "summary");
    let finding_node = m.get(ctx, "finding");
    let finding = finding_node.and_then(|n| ctx.keyword(n));
    let response = m.req_if(ctx, "response", finding.is_some()).and_then(|n| ctx.text(n));
    let responded_node = m.get(ctx, "responded_on");
    let responded_on = responded_node.and_then(|n| ctx.date(n));
    let is_answer_invalid =
        (finding_node.is_some() && finding.is_none()) || (responded_node.is_some() && responded_on.is_none());
    m.finish(ctx);
    Some(Objection {
        received_on: received_on?,
        channel: channel?.value,
        summary,
        finding,
        response,
        responded_on,
        is_answer_invalid,
        pos: node.pos,
    })
}

fn approval(ctx: &mut Ctx, node: &Node) -> Option<At<Approval>> {
    let mut m = ctx.map(node, Shape::Approval)?;
    let by = req_text(ctx, &mut m, "by");
    let doc_no = req_text(ctx, &mut m, "doc_no");
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    m.finish(ctx);
    Some(At::new(Approval { by, doc_no, date: date? }, node.pos))
}

fn event(ctx: &mut Ctx, node: &Node) -> Option<Event> {
    let mut m = ctx.map(node, Shape::Event)?;
    let event_type = m.get(ctx, "type").and_then(|n| ctx.keyword::<EventType>(n));
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let reference = opt_text(ctx, &mut m, "ref");
    let photos_node = m.get(ctx, "photos");
    let photos = super::works::photos(ctx, photos_node);
    m.finish(ctx);
    Some(Event { event_type: event_type?.value, date: date?, reference, photos, pos: node.pos })
}

fn closure(ctx: &mut Ctx, node: &Node) -> Option<At<Closure>> {
    let mut m = ctx.map(node, Shape::Closure)?;
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let by = req_text(ctx, &mut m, "by");
    let reason = req_text(ctx, &mut m, "reason");
    let doc_no = opt_text(ctx, &mut m, "doc_no");
    m.finish(ctx);
    Some(At::new(Closure { date: date?, by, reason, doc_no }, node.pos))
}

fn change(ctx: &mut Ctx, node: &Node) -> Option<Change> {
    let mut m = ctx.map(node, Shape::Change)?;
    let date = m.get(ctx, "date").and_then(|n| ctx.date(n));
    let doc_no = req_text(ctx, &mut m, "doc_no");
    let summary = req_text(ctx, &mut m, "summary");
    let previous = m.get(ctx, "previous").and_then(|n| previous(ctx, n));
    m.finish(ctx);
    Some(Change { date: date?, doc_no, summary, previous: previous?, pos: node.pos })
}

/// The values before a change; `None` when none of them is readable (a
/// `previous` that names nothing is reported: it would be no change).
fn previous(ctx: &mut Ctx, node: &Node) -> Option<Previous> {
    let mut m = ctx.map(node, Shape::Previous)?;
    let funding_node = m.get(ctx, "funding");
    let funding = funding_node.and_then(|n| funding(ctx, n));
    let content = opt_text(ctx, &mut m, "content");
    let location_node = m.get(ctx, "location");
    let location = location_node.and_then(|n| location(ctx, n));
    let implementer = opt_text(ctx, &mut m, "implementer");
    m.finish(ctx);
    let p = Previous { funding, content, location, implementer };
    let written = funding_node.is_some() || location_node.is_some() || !p.items().is_empty();
    if !written {
        ctx.report(
            Code::MissingField,
            node.pos,
            "变更没有写变更前的值".into(),
            Some("在 previous 下写变更前的 funding、content、location 或 implementer（至少一项）"),
        );
    }
    if p.items().is_empty() { None } else { Some(p) }
}

/// Where the value that `what` says is not given is written after all, if it is.
fn written_at(root: &Node, what: NotGiven) -> Option<crate::diag::Pos> {
    fn find<'n>(node: &'n Node, key: &str) -> Option<(crate::diag::Pos, &'n Node)> {
        match &node.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(k, v)| (k.pos, v)),
            _ => None,
        }
    }
    let (pos, value) = match what {
        NotGiven::HouseholdsLifted | NotGiven::PersonsLifted | NotGiven::HouseholdsMonitored => {
            find(root, "beneficiaries").and_then(|(_, b)| find(b, what.key()))?
        }
        _ => find(root, what.key())?,
    };
    let is_empty = match &value.kind {
        Kind::Null => true,
        Kind::Str { text, .. } => text.is_empty(),
        Kind::Seq(items) => items.is_empty(),
        Kind::Map(entries) => entries.is_empty(),
        _ => false,
    };
    (!is_empty).then_some(pos)
}
