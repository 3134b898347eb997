//! What the project page shows of the works and their results: the
//! 绩效目标表 (targets by category, with the 实际完成值 once completed), the
//! 竣工验收, the 项目公示牌 and 竣工公告 with links to their printable pages,
//! and the 现场照片 grouped by stage. Worded here, so the template only prints.

use serde::Serialize;

use super::display::{self, DateView};
use super::{Model, url};
use crate::domain::Keyword;
use crate::domain::Status;
use crate::domain::project::{NotGiven, PhotoStage, Project, Target};

/// The works part of a project's page.
#[derive(Debug, Clone, Serialize)]
pub struct WorksView {
    /// 绩效目标表; `None` when the project has no indicator (only sentences,
    /// or 未公布), which the basic fields already list.
    pub targets: Option<TargetTable>,
    /// 竣工验收, once it took place.
    pub acceptance: Option<AcceptanceView>,
    /// 项目公示牌: where and since when, once set up.
    pub sign: Option<SignFacts>,
    /// 竣工公告 period and boards, once posted.
    pub completion_notice: Option<PostedView>,
    /// The printable 项目公示牌, for a project in the warehouse.
    pub sign_url: Option<String>,
    /// The printable 竣工公告, once accepted.
    pub completion_url: Option<String>,
    /// 现场照片 by stage (实施前, 实施中, 实施后), stages without photos left out.
    pub photos: Vec<PhotoGroup>,
}

/// 绩效目标表: one row per indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TargetTable {
    /// Whether any indicator has a category (else the 一级/二级 columns are left out).
    pub has_categories: bool,
    /// Whether the 实际完成值 column is shown (the works are completed).
    pub has_actual: bool,
    /// The rows, in file order.
    pub rows: Vec<TargetRow>,
    /// Targets written as a sentence, listed under the table.
    pub sentences: Vec<String>,
}

/// One indicator of the 绩效目标表.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    /// 一级指标 (未分类 without a category).
    pub first: &'static str,
    /// 二级指标 (— where the category names only the first level).
    pub second: &'static str,
    /// 指标.
    pub indicator: String,
    /// 目标值 with its unit.
    pub value: String,
    /// 实际完成值 with its unit; 未填报 when the works are completed but it is not given.
    pub actual: String,
}

/// 竣工验收.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptanceView {
    /// 验收日期.
    pub date: DateView,
    /// 验收单位.
    pub by: String,
    /// 验收合格 / 验收不合格.
    pub result: &'static str,
    /// `passed` / `failed`.
    pub result_key: &'static str,
    /// 验收意见.
    pub summary: Option<String>,
    /// 文号.
    pub doc_no: Option<String>,
}

/// 项目公示牌 as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct SignFacts {
    /// 设立日期.
    pub posted_on: DateView,
    /// 设立地点.
    pub place: String,
}

/// A posted paper's period and boards (the 竣工公告).
#[derive(Debug, Clone, Serialize)]
pub struct PostedView {
    /// 发布单位.
    pub issuer: String,
    /// 公开栏.
    pub boards: Vec<String>,
    /// First day.
    pub start: DateView,
    /// Last day.
    pub end: DateView,
    /// Days under the counting rule (the printable page words the rule).
    pub days: i64,
}

/// The photos of one stage.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoGroup {
    /// `before` …
    pub key: &'static str,
    /// 实施前 …
    pub stage: &'static str,
    /// The photos, by date taken (undated last), then in file order.
    pub photos: Vec<PhotoView>,
}

/// One 现场照片.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoView {
    /// Site-relative path of the file.
    pub src: String,
    /// 描述.
    pub alt: String,
    /// Pixel width and height, when the file says them.
    pub width: Option<u32>,
    /// Pixel height.
    pub height: Option<u32>,
    /// 拍摄日期.
    pub taken_on: Option<DateView>,
    /// What it shows the step of (开工, 项目公示牌, 竣工公告 …).
    pub of: &'static str,
}

/// The works view of `p`, whose status is `status`.
pub(super) fn works_view(m: &Model<'_>, p: &Project, status: Status) -> WorksView {
    let counting = m.site.rules.counting;
    WorksView {
        targets: target_table(p, p.is_completed_by(m.today)),
        acceptance: p.acceptance_by(m.today).map(|a| AcceptanceView {
            date: display::date(*a.date),
            by: a.by.clone(),
            result: a.result.label(),
            result_key: a.result.key(),
            summary: a.summary.clone(),
            doc_no: a.doc_no.clone(),
        }),
        sign: p
            .site_sign
            .as_ref()
            .filter(|s| *s.posted_on <= m.today)
            .map(|s| SignFacts { posted_on: display::date(*s.posted_on), place: s.place.clone() }),
        completion_notice: p.completion_notice.as_ref().filter(|c| *c.start <= m.today).map(|c| PostedView {
            issuer: c.issuer.clone(),
            boards: c.boards.clone(),
            start: display::date(*c.start),
            end: display::date(*c.end),
            days: display::notice_days(*c.start, *c.end, counting),
        }),
        sign_url: has_sign_page(status).then(|| url::sign(&p.id)),
        completion_url: has_completion_page(m, p).then(|| url::completion(&p.id)),
        photos: photo_groups(m, p),
    }
}

/// Whether `p`'s 项目公示牌 is printed: while it is in the warehouse and
/// not ended (moved out or terminated: there are no works to sign).
pub(super) fn has_sign_page(status: Status) -> bool {
    status.is_in_warehouse() && status != Status::Terminated
}

/// Whether `p`'s 竣工公告 is printed: once accepted (竣工验收 dated by today).
pub(super) fn has_completion_page(m: &Model<'_>, p: &Project) -> bool {
    p.acceptance_by(m.today).is_some()
}

/// The 绩效目标表 of `p`; the 实际完成值 column only once `completed`.
pub(super) fn target_table(p: &Project, completed: bool) -> Option<TargetTable> {
    if p.is_not_given(NotGiven::PerformanceTargets) {
        return None;
    }
    let mut rows = Vec::new();
    let mut sentences = Vec::new();
    let mut has_categories = false;
    for t in &p.performance_targets {
        match t {
            Target::Indicator { category, indicator, value, unit, .. } => {
                has_categories |= category.is_some();
                rows.push(TargetRow {
                    first: category.map_or("未分类", |c| c.first_level().label()),
                    second: category.and_then(|c| c.second_level_label()).unwrap_or("—"),
                    indicator: indicator.clone(),
                    value: format!("{value}{}", unit.as_deref().unwrap_or("")),
                    actual: t.actual_text().unwrap_or_else(|| "未填报".to_owned()),
                });
            }
            Target::Text(s) => sentences.push(s.clone()),
        }
    }
    (!rows.is_empty()).then_some(TargetTable { has_categories, has_actual: completed, rows, sentences })
}

/// The photos of `p` by stage.
fn photo_groups(m: &Model<'_>, p: &Project) -> Vec<PhotoGroup> {
    let all = p.photos();
    PhotoStage::ALL
        .iter()
        .filter_map(|&stage| {
            let mut photos: Vec<(Option<chrono::NaiveDate>, PhotoView)> = all
                .iter()
                .filter(|(_, ph)| ph.stage == stage)
                .map(|(of, ph)| {
                    let src = ph.file.value.trim().trim_start_matches('/').to_owned();
                    let size = m.content.static_images.get(&src).and_then(|i| i.size);
                    let view = PhotoView {
                        width: size.map(|s| s.0),
                        height: size.map(|s| s.1),
                        src,
                        alt: ph.alt.clone(),
                        taken_on: ph.taken_on.as_ref().map(|d| display::date(**d)),
                        of,
                    };
                    (ph.taken_on.as_ref().map(|d| **d), view)
                })
                .collect();
            // Dated photos first, oldest first; stable, so file order breaks ties.
            photos.sort_by_key(|(d, _)| (d.is_none(), *d));
            (!photos.is_empty()).then(|| PhotoGroup {
                key: stage.key(),
                stage: stage.label(),
                photos: photos.into_iter().map(|(_, v)| v).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::domain::At;
    use crate::domain::project::TargetCategory;
    use crate::testing::project;

    fn indicator(category: Option<TargetCategory>, actual: Option<&str>) -> Target {
        Target::Indicator {
            category,
            indicator: "新建厂房".into(),
            value: "600".into(),
            unit: Some("平方米".into()),
            actual: actual.map(|a| At::new(a.to_owned(), Pos::new(1, 1))),
        }
    }

    #[test]
    fn the_table_names_both_levels_and_says_what_is_not_categorized() {
        let mut p = project("P-1").build();
        p.performance_targets = vec![
            indicator(Some(TargetCategory::Quantity), Some("610")),
            indicator(Some(TargetCategory::Satisfaction), None),
            indicator(None, None),
            Target::Text("带动增收".into()),
        ];
        let t = target_table(&p, true).unwrap();
        assert!(t.has_categories && t.has_actual);
        let cells: Vec<_> = t.rows.iter().map(|r| (r.first, r.second, r.actual.as_str())).collect();
        assert_eq!(
            cells,
            [
                ("产出指标", "数量指标", "610平方米"),
                ("满意度指标", "服务对象满意度指标", "未填报"),
                ("未分类", "—", "未填报")
            ]
        );
        assert_eq!(t.sentences, ["带动增收"]);
    }

    #[test]
    fn a_plain_list_keeps_its_table_without_categories_and_sentences_alone_make_none() {
        let mut p = project("P-1").build();
        p.performance_targets = vec![indicator(None, None)];
        let t = target_table(&p, false).unwrap();
        assert!(!t.has_categories && !t.has_actual);
        p.performance_targets = vec![Target::Text("带动增收".into())];
        assert!(target_table(&p, false).is_none());
    }
}
