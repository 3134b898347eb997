//! 年度计划与资金公告: a county's published documents of the annual plan
//! (年度计划, its adjustments), the fund allocation results (资金分配结果) and
//! the year-end completion report (年度计划完成情况). Like the warehouse
//! announcements they do not change once published, so their pages read
//! everything as of their date.

use chrono::NaiveDate;

use super::keyword::keyword;
use super::{At, Content, Project, SourcePath};

keyword! {
    /// What a plan document publishes.
    PlanKind {
        Plan = "plan" / "年度计划",
        Adjustment = "plan_adjustment" / "年度计划调整",
        Allocation = "allocation" / "资金分配结果",
        Completion = "completion" / "年度计划完成情况",
    }
}

/// One plan document file (`content/plans/**/*.yaml`).
#[derive(Debug, Clone)]
pub struct PlanDoc {
    /// Source file.
    pub path: SourcePath,
    /// Permanent id (URL segment).
    pub id: At<String>,
    /// County id.
    pub county: At<String>,
    /// 计划年度.
    pub year: At<i32>,
    /// 公告类型.
    pub kind: At<PlanKind>,
    /// 标题 as written.
    pub title: Option<String>,
    /// 文号.
    pub doc_no: Option<String>,
    /// 发布日期.
    pub date: At<NaiveDate>,
    /// 发布机构 (落款).
    pub issuer: String,
    /// 索引号 as the portal assigned it.
    pub index_no: Option<String>,
    /// 正文 before the lists.
    pub preamble: Option<String>,
    /// 列入（调入）年度计划的项目.
    pub projects: Vec<At<String>>,
    /// 调出年度计划的项目.
    pub moved_out: Vec<At<String>>,
    /// 变更项目.
    pub changed: Vec<At<String>>,
    /// 资金批次 of an allocation result.
    pub batches: Vec<At<String>>,
    /// 异议截止日期.
    pub objections_until: Option<At<NaiveDate>>,
}

impl PlanDoc {
    /// The title: as written, else 「<county><year>年度<fund>…<kind>公告」
    /// with the fund's name of the document's year (`site.yaml` terms), as
    /// counties title them (年度衔接资金项目计划).
    pub fn title(&self, county_name: &str, terms: &super::terms::Terms) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let y = *self.year;
        let fund = terms.for_year(y).fund;
        let what = match *self.kind {
            PlanKind::Plan => "项目计划公告",
            PlanKind::Adjustment => "项目计划调整公告",
            PlanKind::Allocation => "分配结果公告",
            PlanKind::Completion => "项目计划完成情况公告",
        };
        format!("{county_name}{y}年度{fund}{what}")
    }

    /// Whether the document lists projects into the plan.
    pub fn lists_plan(&self) -> bool {
        matches!(*self.kind, PlanKind::Plan | PlanKind::Adjustment)
    }
}

impl Content {
    /// The projects of the plan of `year` in `county` at the end of `date`:
    /// listed by that year's plan documents dated on or before it, minus those
    /// moved out later than they were listed, each once, by id. Unknown ids
    /// are left out (`validate` reports them).
    pub fn plan_projects(&self, county: &str, year: i32, date: NaiveDate) -> Vec<&Project> {
        let mut docs: Vec<&PlanDoc> = self
            .plans
            .iter()
            .filter(|d| d.lists_plan() && *d.county == county && *d.year == year && *d.date <= date)
            .collect();
        docs.sort_by(|a, b| (*a.date, &a.path).cmp(&(*b.date, &b.path)));
        let mut ids: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for d in docs {
            ids.extend(d.projects.iter().map(|id| id.as_str()));
            for o in &d.moved_out {
                ids.remove(o.as_str());
            }
        }
        let mut out: Vec<&Project> = ids.into_iter().filter_map(|id| self.project(id)).collect();
        out.sort_by(|a, b| a.id.value.cmp(&b.id.value));
        out
    }

    /// Whether project `id` is in the plan of `year` in `county` at the end
    /// of `date` (as [`Content::plan_projects`], for one project).
    pub fn in_plan(&self, id: &str, county: &str, year: i32, date: NaiveDate) -> bool {
        let mut docs: Vec<&PlanDoc> = self
            .plans
            .iter()
            .filter(|d| d.lists_plan() && *d.county == county && *d.year == year && *d.date <= date)
            .collect();
        docs.sort_by(|a, b| (*a.date, &a.path).cmp(&(*b.date, &b.path)));
        let mut inside = false;
        for d in docs {
            inside |= d.projects.iter().any(|p| **p == id);
            inside &= !d.moved_out.iter().any(|p| **p == id);
        }
        inside && self.project(id).is_some()
    }

    /// The plan documents of `county` dated on or before `date` (published).
    pub fn plan_docs_of(&self, county: &str, date: NaiveDate) -> Vec<&PlanDoc> {
        let mut docs: Vec<&PlanDoc> = self.plans.iter().filter(|d| *d.county == county && *d.date <= date).collect();
        docs.sort_by(|a, b| (*a.date, &a.path).cmp(&(*b.date, &b.path)));
        docs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::testing::{d, project};

    fn doc(id: &str, kind: PlanKind, date: &str, projects: &[&str], moved_out: &[&str]) -> PlanDoc {
        let at = |v: &str| At::new(v.to_owned(), Pos::new(1, 1));
        PlanDoc {
            path: SourcePath(format!("content/plans/{id}.yaml").into()),
            id: at(id),
            county: at("qingling"),
            year: At::new(2025, Pos::new(1, 1)),
            kind: At::new(kind, Pos::new(1, 1)),
            title: None,
            doc_no: None,
            date: At::new(d(date), Pos::new(1, 1)),
            issuer: "县农业农村局".into(),
            index_no: None,
            preamble: None,
            projects: projects.iter().map(|p| at(p)).collect(),
            moved_out: moved_out.iter().map(|p| at(p)).collect(),
            changed: Vec::new(),
            batches: Vec::new(),
            objections_until: None,
        }
    }

    #[test]
    fn the_plan_on_a_day_is_what_its_documents_listed_by_then_minus_moves_out() {
        let mut c = crate::testing::content(["P-1", "P-2", "P-3"].map(|id| project(id).build()));
        c.plans = vec![
            doc("JH", PlanKind::Plan, "2025-03-05", &["P-2", "P-1"], &[]),
            doc("TZ", PlanKind::Adjustment, "2025-07-01", &["P-3"], &["P-1"]),
        ];
        let ids = |day: &str| -> Vec<String> {
            c.plan_projects("qingling", 2025, d(day)).iter().map(|p| p.id.value.clone()).collect()
        };
        assert!(ids("2025-03-04").is_empty());
        assert_eq!(ids("2025-03-05"), ["P-1", "P-2"]);
        assert_eq!(ids("2025-07-01"), ["P-2", "P-3"]);
        assert!(c.in_plan("P-1", "qingling", 2025, d("2025-06-30")));
        assert!(!c.in_plan("P-1", "qingling", 2025, d("2025-07-01")));
        assert!(!c.in_plan("P-2", "qingling", 2026, d("2025-07-01")), "another year's plan");
    }
}
