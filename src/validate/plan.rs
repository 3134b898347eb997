//! The rules of the 年度计划与资金公告: what a document names exists in its
//! county (`unknown-reference`), a project enters the plan only while it
//! stands in the warehouse (`announcement-premature`), and a project
//! planned (`planned` event) is listed by a plan document within the working
//! days the county sets (`annual-plan-late`).

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::project::EventType;
use crate::domain::{At, Content, PlanDoc, RecordId, Rules};

/// Runs the rules over every plan document and planned project.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &content.plans {
        check_doc(content, d, &mut out);
    }
    check_planned(content, rules, today, &mut out);
    out
}

fn at(d: &PlanDoc, code: Code, pos: Pos, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(code, d.path.at(pos), message).help(help).record(Some(&d.id))
}

fn check_doc(content: &Content, d: &PlanDoc, out: &mut Vec<Diagnostic>) {
    if content.county(&d.county).is_none() && !content.unloaded.counties.contains(d.county.as_str()) {
        let help = "county 须是 content/counties/ 中某个县的 id";
        out.push(at(d, Code::UnknownReference, d.county.pos, format!("没有编号为“{}”的县", *d.county), help));
    }
    for id in d.projects.iter().chain(&d.moved_out).chain(&d.changed) {
        check_project(content, d, id, out);
    }
    for id in &d.batches {
        match content.fund_batch(id) {
            None => out.push(at(
                d,
                Code::UnknownReference,
                id.pos,
                format!("公告列出的资金批次“{}”不存在", id.value),
                "核对批次编号；只能列出 content/funds/ 中的资金批次",
            )),
            Some(b) if *b.county != *d.county => out.push(at(
                d,
                Code::UnknownReference,
                id.pos,
                format!("资金批次 {} 属于 {}，不是本公告的县 {}", b.id.value, b.county.value, d.county.value),
                "公告只列出本县的资金批次",
            )),
            Some(_) => {}
        }
    }
}

fn check_project(content: &Content, d: &PlanDoc, id: &At<String>, out: &mut Vec<Diagnostic>) {
    let Some(p) = content.project(id) else {
        if !content.unloaded.may_be_project(id) {
            out.push(at(
                d,
                Code::UnknownReference,
                id.pos,
                format!("公告列出的项目“{}”不存在", id.value),
                "核对项目编号；公告只能列出 content/projects/ 中的项目",
            ));
        }
        return;
    };
    if *p.county != *d.county {
        out.push(at(
            d,
            Code::UnknownReference,
            id.pos,
            format!("项目 {} 属于 {}，不是本公告的县 {}", p.id.value, p.county.value, d.county.value),
            "公告只列出本县的项目",
        ));
        return;
    }
    // A project whose approval or 入库 date could not be read (reported) may have been in.
    let unreadable = p.gaps.is_approval_invalid || p.gaps.is_warehoused_on_invalid;
    if d.projects.iter().any(|x| std::ptr::eq(x, id))
        && !p.in_warehouse_on(*d.date)
        && !unreadable
        && RecordId::is_valid(&p.id)
    {
        out.push(at(
            d,
            Code::AnnouncementPremature,
            id.pos,
            format!("{} 的公告把项目 {} 列入年度计划，但该项目当天不在项目库中", *d.date, p.id.value),
            "年度计划只从项目库中选取项目：核对公告日期和项目的批复入库，或从公告中删去该项目",
        ));
    }
}

/// `annual-plan-late`: a planned project is listed by a plan or plan
/// adjustment within `rules.plan_within_working_days` of its `planned` event.
fn check_planned(content: &Content, rules: &Rules, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let days = rules.plan_within_working_days;
    for p in &content.projects {
        let Some(event) = p.events.iter().filter(|e| e.event_type == EventType::Planned).min_by_key(|e| *e.date) else {
            continue;
        };
        if !RecordId::is_valid(&p.id) {
            continue;
        }
        let on = *event.date;
        let due = content.calendar.add_working_days(on, days);
        let listed = content
            .plans
            .iter()
            .filter(|d| d.lists_plan() && *d.county == *p.county && d.projects.iter().any(|id| **id == *p.id))
            .min_by_key(|d| (*d.date, d.path.clone()));
        let message = match listed {
            Some(d) if *d.date > due => {
                format!(
                    "项目 {} 于 {on} 纳入年度计划，{} 才由公告 {} 公告，晚于期限 {due}",
                    p.id.value, *d.date, d.id.value
                )
            }
            None if due < today => {
                format!("项目 {} 于 {on} 纳入年度计划，已过公告期限 {due}，仍没有年度计划公告列出它", p.id.value)
            }
            _ => continue,
        };
        out.push(
            Diagnostic::new(Code::AnnualPlanLate, p.path.at(event.date.pos), message)
                .help(format!(
                    "年度计划须在确定后 {days} 个工作日内公开：在 content/plans/ 中的年度计划（kind: plan）或计划调整公告的 projects 里列出它"
                ))
                .record(Some(&p.id)),
        );
    }
}
