//! The rules of the works and their results: the 绩效目标表's 实际完成值
//! (`actual-before-completion`, `actual-missing`), 竣工验收 against the
//! `accepted` event (`lifecycle-conflict`), the 项目公示牌 before the start
//! (`sign-late`), the 竣工公告 after acceptance (`completion-notice-late`,
//! and its period as a notice's: `notice-dates`, `notice-too-short`), and the
//! 现场照片 (`image-missing`, `photo-too-large`).
//!
//! Dates are whole days; "on or before today" is `<=`. Working days come
//! from the county's 工作日历 (`domain::calendar`), as for
//! `announcement-late`.

use chrono::NaiveDate;

use super::refs::{image_message, image_problem};
use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::project::{EventType, Target};
use crate::domain::site::Counting;
use crate::domain::works::Photo;
use crate::domain::{Content, Project, Rules, date};

/// Runs the works rules over every project as of `today`.
pub(super) fn check(content: &Content, rules: &Rules, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &content.projects {
        check_actuals(p, today, &mut out);
        check_acceptance(p, &mut out);
        check_sign(p, today, &mut out);
        check_completion_notice(content, rules, p, today, &mut out);
        for (_, photo) in p.photos() {
            check_photo(content, rules, p, photo, &mut out);
        }
    }
    out
}

fn diag(p: &Project, code: Code, pos: Pos, message: String, help: String) -> Diagnostic {
    Diagnostic::new(code, p.path.at(pos), message).help(help).record(Some(&p.id))
}

/// `actual-before-completion` and `actual-missing`: a 实际完成值 exists
/// only once the works are completed (a page would otherwise state a result
/// that does not exist yet), and once the 绩效评价 is done every indicator
/// has one.
fn check_actuals(p: &Project, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let completed = p.is_completed_by(today);
    let mut lacking: Vec<&str> = Vec::new();
    for t in &p.performance_targets {
        let Target::Indicator { indicator, actual, .. } = t else { continue };
        match actual {
            Some(a) if !completed => out.push(diag(
                p,
                Code::ActualBeforeCompletion,
                a.pos,
                format!("项目尚未竣工（没有 {today} 或之前的 completed 进展），指标“{indicator}”却写了实际完成值"),
                "实际完成值在竣工后才有：删去 actual，或补录竣工（completed）进展".into(),
            )),
            None => lacking.push(indicator),
            Some(_) => {}
        }
    }
    let Some(evaluated) =
        p.events.iter().filter(|e| e.event_type == EventType::Evaluated && *e.date <= today).min_by_key(|e| *e.date)
    else {
        return;
    };
    if !lacking.is_empty() {
        out.push(diag(
            p,
            Code::ActualMissing,
            evaluated.date.pos,
            format!("项目已于 {} 完成绩效评价，以下指标没有实际完成值：{}", *evaluated.date, lacking.join("、")),
            "在 performance_targets 的每项指标下写 actual（实际完成值，照绩效评价结果录入）".into(),
        ));
    }
}

/// `lifecycle-conflict`: the 验收日期 is the date of an `accepted` event.
fn check_acceptance(p: &Project, out: &mut Vec<Diagnostic>) {
    let Some(a) = &p.acceptance else { return };
    let accepted: Vec<NaiveDate> =
        p.events.iter().filter(|e| e.event_type == EventType::Accepted).map(|e| *e.date).collect();
    if accepted.contains(&*a.date) {
        return;
    }
    let message = match accepted.first() {
        Some(d) => format!("验收日期 {} 与验收（accepted）进展的日期 {d} 不一致", *a.date),
        None => format!("写了竣工验收（{}），却没有验收（accepted）进展", *a.date),
    };
    out.push(diag(
        p,
        Code::LifecycleConflict,
        a.date.pos,
        message,
        "acceptance.date 须与 events 中 type: accepted 的日期相同；核对两处日期".into(),
    ));
}

/// `sign-late`: the 项目公示牌 is set up at the works by the day they start.
fn check_sign(p: &Project, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(started) =
        p.events.iter().filter(|e| e.event_type == EventType::Started && *e.date <= today).min_by_key(|e| *e.date)
    else {
        return;
    };
    let start = *started.date;
    let message = match &p.site_sign {
        None => format!("项目已于 {start} 开工，没有登记项目公示牌（site_sign）"),
        Some(s) if *s.posted_on > start => format!("项目公示牌 {} 才设立，晚于开工日期 {start}", *s.posted_on),
        Some(_) => return,
    };
    let pos = p.site_sign.as_ref().map_or(started.date.pos, |s| s.posted_on.pos);
    out.push(diag(
        p,
        Code::SignLate,
        pos,
        message,
        "开工前须在施工现场设立项目公示牌：在项目中写 site_sign（posted_on 设立日期、place 地点），网站生成可打印的公示牌".into(),
    ));
}

/// `completion-notice-late`, and the 竣工公告's period checked as a notice's
/// (`notice-dates`, `notice-too-short` under `rules.notice_min_days` and
/// `rules.counting`).
fn check_completion_notice(content: &Content, rules: &Rules, p: &Project, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    if let Some(c) = &p.completion_notice {
        let (start, end) = (*c.start, *c.end);
        let days = date::notice_days(start, end, rules.counting);
        if end < start {
            out.push(diag(
                p,
                Code::NoticeDates,
                c.end.pos,
                format!("竣工公告的结束日期 {end} 早于开始日期 {start}"),
                "更正竣工公告的开始或结束日期".into(),
            ));
        } else if days < rules.notice_min_days {
            let note = if rules.counting == Counting::Inclusive { "首尾两日均计入" } else { "首日不计入" };
            out.push(diag(
                p,
                Code::NoticeTooShort,
                c.end.pos,
                format!("竣工公告仅 {days} 天（{start} 至 {end}，{note}），不少于 {} 天", rules.notice_min_days),
                "延长竣工公告的公示期，或更正日期".into(),
            ));
        }
    }
    let Some(accepted) =
        p.events.iter().filter(|e| e.event_type == EventType::Accepted && *e.date <= today).min_by_key(|e| *e.date)
    else {
        return;
    };
    let on = *accepted.date;
    let n = rules.completion_notice_working_days;
    let due = content.calendar.add_working_days(on, n);
    let (message, pos) = match &p.completion_notice {
        Some(c) if *c.start > due => {
            (format!("项目于 {on} 验收，竣工公告 {} 才张贴，晚于期限 {due}", *c.start), c.start.pos)
        }
        None if due < today => {
            (format!("项目于 {on} 验收，已过竣工公告期限 {due}，仍没有登记竣工公告"), accepted.date.pos)
        }
        _ => return,
    };
    out.push(diag(
        p,
        Code::CompletionNoticeLate,
        pos,
        message,
        format!(
            "验收后 {n} 个工作日内须在村公开栏张贴竣工公告：在项目中写 completion_notice（发布单位、公开栏、起止日期）"
        ),
    ));
}

/// `image-missing` and `photo-too-large` for one 现场照片.
fn check_photo(content: &Content, rules: &Rules, p: &Project, photo: &Photo, out: &mut Vec<Diagnostic>) {
    let file = photo.file.value.as_str();
    if let Some(problem) = image_problem(file, &content.static_files) {
        let (msg, help) = image_message(problem, file);
        out.push(diag(p, Code::ImageMissing, photo.file.pos, format!("现场照片：{msg}"), help.into()));
        return;
    }
    let rel = file.trim().trim_start_matches('/');
    let Some(image) = content.static_images.get(rel) else { return };
    let kb = image.bytes.div_ceil(1024);
    if kb > rules.photo_max_kb {
        out.push(diag(
            p,
            Code::PhotoTooLarge,
            photo.file.pos,
            format!("现场照片“{file}”有 {kb} KB，超过 {} KB", rules.photo_max_kb),
            "压缩照片（如长边 1600 像素、JPEG 质量 80）再放入 content/static/；手机读者的流量有限".into(),
        ));
    }
}

#[cfg(test)]
#[path = "works_tests.rs"]
mod tests;
