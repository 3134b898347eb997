//! The rules of the 项目库公告: what an announcement names must exist and
//! be approved by its date (`unknown-reference`, `announcement-premature`),
//! no project enters the warehouse twice (`announced-twice`), and every
//! warehoused project is announced within the working days the county sets
//! (`announcement-late`, 政府信息公开条例 Art. 26).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::project::EventType;
use crate::domain::{Announcement, At, Content, Keyword, Project, RecordId, Rules};

/// Runs the rules over every announcement and warehoused project.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Project id → the first entry announcement naming it (by date, then file).
    let mut entered: HashMap<&str, (&Announcement, Pos)> = HashMap::new();
    let mut moved: HashMap<&str, (&Announcement, Pos)> = HashMap::new();
    let mut announcements: Vec<&Announcement> = content.announcements.iter().collect();
    announcements.sort_by(|a, b| a.date.value.cmp(&b.date.value).then_with(|| a.path.0.cmp(&b.path.0)));
    for a in announcements {
        check_county(content, a, &mut out);
        let by_doc = a.approval_doc.as_ref().map(|doc| (doc, content.chosen_by_approval(a)));
        if let Some((doc, chosen)) = &by_doc
            && chosen.is_empty()
        {
            out.push(at(
                a,
                Code::UnknownReference,
                doc.pos,
                format!("没有项目的批复文号是“{}”", doc.value),
                "核对批复文号，须与项目 approval.doc_no 一字不差".into(),
            ));
        }
        let chosen = by_doc.map(|(doc, c)| c.into_iter().map(move |p| (p, doc.pos))).into_iter().flatten();
        let listed = a.projects.iter().filter_map(|id| known(content, a, id, &mut out).map(|p| (p, id.pos)));
        for (p, pos) in listed.collect::<Vec<_>>().into_iter().chain(chosen) {
            check_entry(a, p, pos, &mut out);
            twice(&mut entered, a, p, pos, "入库", &mut out);
        }
        for id in &a.moved_out {
            if let Some(p) = known(content, a, id, &mut out) {
                check_moved_out(a, p, id.pos, &mut out);
                twice(&mut moved, a, p, id.pos, "调出", &mut out);
            }
        }
        for id in &a.changed {
            if let Some(p) = known(content, a, id, &mut out) {
                check_changed(a, p, id.pos, &mut out);
            }
        }
    }
    for p in &content.projects {
        check_announced(content, rules, today, p, entered.get(p.id.as_str()).map(|e| e.0), &mut out);
        check_moved_out_announced(content, rules, today, p, moved.get(p.id.as_str()).map(|e| e.0), &mut out);
    }
    out
}

fn at(a: &Announcement, code: Code, pos: Pos, message: String, help: String) -> Diagnostic {
    Diagnostic::new(code, a.path.at(pos), message).help(help).record(Some(&a.id))
}

fn check_county(content: &Content, a: &Announcement, out: &mut Vec<Diagnostic>) {
    if content.county(&a.county).is_none() && !content.unloaded.counties.contains(a.county.as_str()) {
        out.push(at(
            a,
            Code::UnknownReference,
            a.county.pos,
            format!("没有编号为“{}”的县", *a.county),
            "county 须是 content/counties/ 中某个县的 id".into(),
        ));
    }
}

/// The project `id` names, when it exists and is of the announcement's county.
fn known<'c>(
    content: &'c Content,
    a: &Announcement,
    id: &At<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<&'c Project> {
    let Some(p) = content.project(id) else {
        if !content.unloaded.may_be_project(id) {
            out.push(at(
                a,
                Code::UnknownReference,
                id.pos,
                format!("公告列出的项目“{}”不存在", id.value),
                "核对项目编号；公告只能列出 content/projects/ 中的项目".into(),
            ));
        }
        return None;
    };
    if *p.county != *a.county {
        out.push(at(
            a,
            Code::UnknownReference,
            id.pos,
            format!("项目 {} 属于 {}，不是本公告的县 {}", p.id.value, p.county.value, a.county.value),
            "公告只列出本县的项目".into(),
        ));
        return None;
    }
    Some(p)
}

/// A new entry must be approved (and not have ended) by the announcement's date.
fn check_entry(a: &Announcement, p: &Project, pos: Pos, out: &mut Vec<Diagnostic>) {
    let date = *a.date;
    let problem = match (&p.approval, p.closure()) {
        (_, Some((c, kind))) if *c.date <= date => Some(format!("已于 {} {}", *c.date, kind.label())),
        (None, _) if p.gaps.is_approval_invalid => None,
        (None, _) => Some("没有批复".to_owned()),
        (Some(ap), _) if *ap.date > date => Some(format!("于 {} 才批复", *ap.date)),
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(at(
            a,
            Code::AnnouncementPremature,
            pos,
            format!("{date} 的公告列出项目 {} 入库，但该项目{problem}", p.id.value),
            "公告只列出发布日已经批复入库的项目；核对公告日期、项目的批复，或从公告中删去该项目".into(),
        ));
    }
}

/// A moved-out project has its `adjusted_out` event by the announcement's date.
fn check_moved_out(a: &Announcement, p: &Project, pos: Pos, out: &mut Vec<Diagnostic>) {
    let date = *a.date;
    let out_on = p.events.iter().filter(|e| e.event_type == EventType::AdjustedOut).map(|e| *e.date).min();
    if out_on.is_none_or(|d| d > date) {
        let what =
            out_on.map_or("没有调整出库（adjusted_out）的进展".to_owned(), |d| format!("{d} 才调整出库"));
        out.push(at(
            a,
            Code::AnnouncementPremature,
            pos,
            format!("{date} 的公告列出项目 {} 调出，但该项目{what}", p.id.value),
            "在项目的 events 中登记 adjusted_out（日期不晚于公告日期），再在公告中列出".into(),
        ));
    }
}

/// A changed project has a change dated on or before the announcement.
fn check_changed(a: &Announcement, p: &Project, pos: Pos, out: &mut Vec<Diagnostic>) {
    let date = *a.date;
    if !p.changes.iter().any(|c| *c.date <= date) {
        out.push(at(
            a,
            Code::AnnouncementPremature,
            pos,
            format!("{date} 的公告列出项目 {} 变更，但该项目没有 {date} 或之前的变更记录", p.id.value),
            "在项目的 changes 中登记变更（日期、文号、变更内容、变更前的值），再在公告中列出".into(),
        ));
    }
}

/// `announced-twice`: a project enters (or leaves) the warehouse once.
fn twice<'c>(
    seen: &mut HashMap<&'c str, (&'c Announcement, Pos)>,
    a: &'c Announcement,
    p: &'c Project,
    pos: Pos,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some((first, first_pos)) = seen.get(p.id.as_str()) {
        let same = std::ptr::eq(*first, a);
        if same && *first_pos == pos {
            return;
        }
        let where_ = if same {
            "本公告中已经列过".to_owned()
        } else {
            format!("已由公告 {} 公告{what}", first.id.value)
        };
        out.push(at(
            a,
            Code::AnnouncedTwice,
            pos,
            format!("项目 {} {where_}", p.id.value),
            format!("一个项目只公告一次{what}；删去重复的一处（项目的变化用调整公告的 changed 列出）"),
        ));
        return;
    }
    seen.insert(p.id.as_str(), (a, pos));
}

/// The last day to announce a project approved on `approved`.
fn deadline(content: &Content, rules: &Rules, approved: NaiveDate) -> NaiveDate {
    content.calendar.add_working_days(approved, rules.announce_within_working_days)
}

/// `announcement-late`: a warehoused project is announced within the
/// county's working days of its approval.
fn check_announced(
    content: &Content,
    rules: &Rules,
    today: NaiveDate,
    p: &Project,
    entered: Option<&Announcement>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(approval) = &p.approval else { return };
    // A project under a bad id (reported) may be listed under the id it was meant to have.
    if p.closure().is_some() || !RecordId::is_valid(&p.id) {
        return;
    }
    let approved = *approval.date;
    let due = deadline(content, rules, approved);
    let message = match entered {
        Some(a) if *a.date > due => {
            format!("项目 {} 于 {approved} 批复，{} 才由公告 {} 公告，晚于期限 {due}", p.id.value, *a.date, a.id.value)
        }
        None if due < today => format!("项目 {} 于 {approved} 批复，已过公告期限 {due}，仍没有公告列出它", p.id.value),
        _ => return,
    };
    let days = rules.announce_within_working_days;
    let mut help = format!(
        "项目库信息须在批复后 {days} 个工作日内公开：在 content/announcements/ 中的入库或调整公告里列出它（projects 或 approval_doc）"
    );
    let uncovered: Vec<String> =
        (approved.year()..=due.year()).filter(|y| !content.calendar.covers(*y)).map(|y| format!("{y}年")).collect();
    if !uncovered.is_empty() {
        help.push_str(&format!("；{}未提供节假日安排（content/calendar.yaml），只按周末计算", uncovered.join("、")));
    }
    out.push(
        Diagnostic::new(Code::AnnouncementLate, p.path.at(approval.date.pos), message).help(help).record(Some(&p.id)),
    );
}

/// `announcement-late` for a move out: the project leaves the warehouse by
/// an adjustment or removal announcement within the same working days of
/// its `adjusted_out` event (信息形成（变更）20 个工作日内).
fn check_moved_out_announced(
    content: &Content,
    rules: &Rules,
    today: NaiveDate,
    p: &Project,
    listed: Option<&Announcement>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(event) = p.events.iter().filter(|e| e.event_type == EventType::AdjustedOut).min_by_key(|e| *e.date) else {
        return;
    };
    if !RecordId::is_valid(&p.id) {
        return;
    }
    let on = *event.date;
    let due = deadline(content, rules, on);
    let message = match listed {
        Some(a) if *a.date > due => {
            format!("项目 {} 于 {on} 调整出库，{} 才由公告 {} 公告，晚于期限 {due}", p.id.value, *a.date, a.id.value)
        }
        None if due < today => format!("项目 {} 于 {on} 调整出库，已过公告期限 {due}，仍没有公告列出它", p.id.value),
        _ => return,
    };
    let days = rules.announce_within_working_days;
    out.push(
        Diagnostic::new(Code::AnnouncementLate, p.path.at(event.date.pos), message)
            .help(format!("调出项目库也须在 {days} 个工作日内公开：在调整或调出公告的 moved_out 中列出它"))
            .record(Some(&p.id)),
    );
}

#[cfg(test)]
#[path = "announcement_tests.rs"]
mod tests;
