//! 产业顾问组 pages: the list (outstanding groups first) and each group's
//! ledger (台账). Private contacts never reach this module's output: the
//! domain drops `contact_private` on load, and nothing here names objectors.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::display::{self, DateView};
use super::keyed::Keyed;
use super::project::ProjectRow;
use super::{Link, Model, Page, PageData, url};
use crate::domain::group_rules::{self, ConsultationPending, Standing};
use crate::domain::{Group, Keyword, Rules, date};

/// `/groups/`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupsView {
    /// Groups, outstanding first.
    pub groups: Vec<GroupRow>,
}

/// A group in the list.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Link.
    pub link: Link,
    /// 产业.
    pub industry: String,
    /// County name.
    pub county: String,
    /// Certified.
    pub certified_on: DateView,
    /// Members active today.
    pub active_members: usize,
    /// 优秀.
    pub is_outstanding: bool,
}

/// `/groups/<id>/`: the ledger.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// Name.
    pub name: String,
    /// 产业.
    pub industry: String,
    /// County.
    pub county: Option<Link>,
    /// 优秀.
    pub is_outstanding: bool,
    /// 认定单位.
    pub certified_by: String,
    /// 认定日期.
    pub certified_on: DateView,
    /// 认定文件.
    pub certification_ref: String,
    /// Members (no private contacts).
    pub members: Vec<MemberRow>,
    /// 合作协议.
    pub agreement: Option<AgreementView>,
    /// 会商.
    pub consultations: Vec<(DateView, &'static str, String)>,
    /// Years shown in the service-day table.
    pub service_years: Vec<i32>,
    /// 到岗服务 visits.
    pub visits: Vec<VisitRow>,
    /// 远程指导 (date, members, topic).
    pub remote: Vec<(DateView, String, String)>,
    /// 工作计划/总结 (year, kind, date).
    pub plans: Vec<(i32, &'static str, DateView)>,
    /// 工作评价 (year, by, result).
    pub evaluations: Vec<(i32, String, String)>,
    /// Served projects.
    pub projects: Vec<Arc<Keyed<ProjectRow>>>,
    /// Needs taken up (industry, need, state).
    pub needs: Vec<(String, String, &'static str)>,
    /// Cases.
    pub cases: Vec<Link>,
    /// Each group rule's plain state (合规 / 待办 / 缺失) with its reason.
    pub rule_states: Vec<RuleStateView>,
}

/// The plain state of one group rule on the ledger page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerState {
    /// 合规: the rule holds so far.
    Compliant,
    /// 待办: something falls due later (not yet late).
    Pending,
    /// 缺失: the rule is broken (the same finding `check` warns about).
    Missing,
}

impl LedgerState {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            LedgerState::Compliant => "合规",
            LedgerState::Pending => "待办",
            LedgerState::Missing => "缺失",
        }
    }
}

/// One row of the rule-state table.
#[derive(Debug, Clone, Serialize)]
pub struct RuleStateView {
    /// The rule (会商 …).
    pub rule: &'static str,
    /// `compliant`, `pending` or `missing` (for styling).
    pub state: LedgerState,
    /// 合规 / 待办 / 缺失.
    pub label: &'static str,
    /// Why.
    pub reason: String,
}

/// One member with service days per year.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    /// Name.
    pub name: String,
    /// 派出单位.
    pub institution: String,
    /// 职称.
    pub title: String,
    /// 专业领域.
    pub field: String,
    /// 组长/成员.
    pub role: &'static str,
    /// 来源.
    pub source: &'static str,
    /// 聘书编号.
    pub letter_no: String,
    /// 任职期间.
    pub term: String,
    /// Whether active today.
    pub is_active: bool,
    /// Days on site, one per `service_years` entry.
    pub days: Vec<i64>,
    /// Total days.
    pub total_days: i64,
}

/// 合作协议.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    /// Signed.
    pub signed_on: DateView,
    /// Parties.
    pub parties: String,
    /// 合作重点事项.
    pub items: Vec<String>,
}

/// One 到岗服务 visit.
#[derive(Debug, Clone, Serialize)]
pub struct VisitRow {
    /// Member name.
    pub member: String,
    /// First day.
    pub from: DateView,
    /// Last day.
    pub to: DateView,
    /// Days (inclusive).
    pub days: i64,
    /// Place.
    pub place: String,
    /// Activity.
    pub activity: String,
}

impl Model<'_> {
    /// Groups, outstanding first, then by id.
    pub(super) fn sorted_groups(&self) -> Vec<&Group> {
        let mut v: Vec<&Group> = self.content.groups.iter().collect();
        v.sort_by(|a, b| b.is_outstanding().cmp(&a.is_outstanding()).then_with(|| a.id.value.cmp(&b.id.value)));
        v
    }

    /// 先进团队 links.
    pub(super) fn outstanding_groups(&self) -> Vec<Link> {
        self.sorted_groups()
            .into_iter()
            .filter(|g| g.is_outstanding())
            .map(|g| Link::new(&g.name, url::group(&g.id)))
            .collect()
    }

    pub(super) fn groups(&self, pages: &mut Vec<Page>) {
        let rows = self
            .sorted_groups()
            .into_iter()
            .map(|g| GroupRow {
                link: Link::new(&g.name, url::group(&g.id)),
                industry: g.industry.clone(),
                county: self.content.county(&g.county).map_or_else(String::new, |c| c.name.clone()),
                certified_on: display::date(g.certification.date),
                active_members: g.members.iter().filter(|m| m.range.covers(self.today)).count(),
                is_outstanding: g.is_outstanding(),
            })
            .collect();
        let view = GroupsView { groups: rows };
        pages.push(self.page("groups/", "产业顾问组", vec![], PageData::Groups(view)));
        for g in &self.content.groups {
            let view = self.group_view(g);
            let title = format!("{}工作台账", g.name);
            pages.push(self.page(&url::group(&g.id), &title, vec![], PageData::Group(Box::new(view))));
        }
    }

    fn group_view(&self, g: &Group) -> GroupView {
        // Service days per member and year, counted inclusively and split at
        // year boundaries so a visit over New Year counts in both years.
        let mut days: BTreeMap<(String, i32), i64> = BTreeMap::new();
        for v in &g.service_log {
            let mut d = v.from;
            while d <= v.to {
                let year_end = NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d).min(v.to);
                *days.entry((v.member.value.clone(), d.year())).or_default() += date::days_inclusive(d, year_end);
                match year_end.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        let mut years: Vec<i32> = days.keys().map(|(_, y)| *y).collect();
        years.sort_unstable();
        years.dedup();
        let name_of =
            |id: &str| g.members.iter().find(|m| *m.id == id).map_or_else(|| id.to_owned(), |m| m.name.clone());
        let members = g
            .members
            .iter()
            .map(|m| {
                let per: Vec<i64> =
                    years.iter().map(|y| days.get(&(m.id.value.clone(), *y)).copied().unwrap_or(0)).collect();
                MemberRow {
                    name: m.name.clone(),
                    institution: m.institution.clone(),
                    title: m.title.clone(),
                    field: m.field.clone(),
                    role: m.role.label(),
                    source: m.source.label(),
                    letter_no: m.appointment_letter_no.clone(),
                    term: match &m.range.to {
                        Some(t) => format!("{}至{}", display::date_zh(*m.range.from), display::date_zh(**t)),
                        None => format!("{}起", display::date_zh(*m.range.from)),
                    },
                    is_active: m.range.covers(self.today),
                    total_days: per.iter().sum(),
                    days: per,
                }
            })
            .collect();
        let mut visits: Vec<VisitRow> = g
            .service_log
            .iter()
            .map(|v| VisitRow {
                member: name_of(&v.member),
                from: display::date(v.from),
                to: display::date(v.to),
                days: date::days_inclusive(v.from, v.to),
                place: v.place.clone(),
                activity: v.activity.clone(),
            })
            .collect();
        visits.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.member.cmp(&b.member)));
        let mut consultations: Vec<_> = g
            .consultations
            .iter()
            .map(|c| (display::date(*c.date), c.mode.map_or("", |m| m.label()), c.topics.clone()))
            .collect();
        consultations.sort();
        let mut remote: Vec<_> = g
            .remote_guidance
            .iter()
            .map(|r| {
                let names: Vec<String> = r.members.iter().map(|m| name_of(m)).collect();
                (display::date(r.date), names.join("、"), r.topic.clone())
            })
            .collect();
        remote.sort();
        let mut plans: Vec<_> =
            g.plans.iter().map(|p| (p.year, p.kind.label(), display::date(*p.submitted_on))).collect();
        plans.sort();
        let mut evaluations: Vec<_> = g.evaluations.iter().map(|e| (e.year, e.by.clone(), e.result.clone())).collect();
        evaluations.sort();
        let (served, cases) = self.served_by(&g.id);
        let mut projects: Vec<Arc<Keyed<ProjectRow>>> = served.iter().map(|p| self.project_row(p)).collect();
        projects.sort_by(|a, b| a.id.cmp(&b.id));
        let county = self.content.county(&g.county);
        let rule_states = rule_states(g, &self.site.rules, self.today);
        GroupView {
            rule_states,
            name: g.name.clone(),
            industry: g.industry.clone(),
            county: county.map(|c| Link::new(&c.name, url::county(&c.id))),
            is_outstanding: g.is_outstanding(),
            certified_by: g.certification.by.join("、"),
            certified_on: display::date(g.certification.date),
            certification_ref: g.certification.reference.clone(),
            members,
            agreement: g.agreement.as_ref().map(|a| AgreementView {
                signed_on: display::date(a.signed_on),
                parties: a.parties.join("、"),
                items: a.items.clone(),
            }),
            consultations,
            service_years: years,
            visits,
            remote,
            plans,
            evaluations,
            projects,
            needs: county
                .map(|c| {
                    c.needs
                        .iter()
                        .filter(|n| n.group.as_ref().is_some_and(|x| x.value == *g.id))
                        .map(|n| (n.industry.clone(), n.need.clone(), n.status.label()))
                        .collect()
                })
                .unwrap_or_default(),
            cases: cases.iter().map(|c| Link::new(&c.title, url::case(&c.id))).collect(),
        }
    }
}

/// The ledger's rows: each group rule's [`Standing`] in the page's words. A
/// missing rule shows its first finding as `check` words it, and how many more.
fn rule_states(g: &Group, rules: &Rules, today: NaiveDate) -> Vec<RuleStateView> {
    let ledger = group_rules::ledger(g, rules, today);
    let consultation = row(
        "会商",
        ledger.consultation,
        |p| match p {
            ConsultationPending::NotStarted => "顾问组尚未开始运行".into(),
            ConsultationPending::NoneThisHalf => "本半年度尚未召开会商会议".into(),
        },
        |last| last.map_or_else(String::new, |d| format!("最近一次会商于{}", display::date_zh(d))),
    );
    let plan = row(
        "工作计划",
        ledger.plan,
        |(year, due)| {
            let due = due.map_or_else(String::new, |d| format!("，应于{}前提交", display::date_zh(d)));
            format!("{year}年工作计划尚未提交{due}")
        },
        |year| format!("{year}年工作计划已提交"),
    );
    let summary = row(
        "工作总结",
        ledger.summary,
        |(year, (from, to))| {
            format!("{year}年工作总结应在{}至{}之间提交", display::date_zh(from), display::date_zh(to))
        },
        |()| "各年度工作总结均已按时提交".into(),
    );
    vec![consultation, plan, summary]
}

fn row<P, C>(
    rule: &'static str,
    standing: Standing<P, C>,
    pending: impl FnOnce(P) -> String,
    compliant: impl FnOnce(C) -> String,
) -> RuleStateView {
    let (state, reason) = match standing {
        Standing::Missing(found) => {
            let first = found.first().map_or_else(String::new, ToString::to_string);
            let more = if found.len() > 1 { format!("（另有{}项）", found.len() - 1) } else { String::new() };
            (LedgerState::Missing, format!("{first}{more}"))
        }
        Standing::Pending(p) => (LedgerState::Pending, pending(p)),
        Standing::Compliant(c) => (LedgerState::Compliant, compliant(c)),
    };
    RuleStateView { rule, state, label: state.label(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::domain::At;
    use crate::domain::group::{PlanDoc, PlanKind};
    use crate::testing::records::{consultation, d, group};

    fn with_consultations(cert: &str, dates: &[&str]) -> Group {
        let mut g = group("qingling-tea", "qingling", cert);
        g.consultations = dates.iter().enumerate().map(|(i, x)| consultation(x, 21 + i as u32)).collect();
        g
    }

    #[test]
    fn ledger_states_follow_the_rules() {
        let rules = Rules::default();
        // Certified 2026-01-10, 会商 in both half-years, plan on time, no summary yet.
        let mut g = with_consultations("2026-01-10", &["2026-03-05", "2026-09-05"]);
        g.plans.push(PlanDoc {
            year: 2026,
            kind: PlanKind::WorkPlan,
            submitted_on: At::new(d("2026-02-20"), Pos::new(30, 1)),
        });
        let states = rule_states(&g, &rules, d("2026-11-20"));
        let got: Vec<_> = states.iter().map(|r| (r.rule, r.state, r.reason.as_str())).collect();
        assert_eq!(
            got,
            [
                ("会商", LedgerState::Compliant, "最近一次会商于2026年9月5日"),
                ("工作计划", LedgerState::Compliant, "2026年工作计划已提交"),
                ("工作总结", LedgerState::Pending, "2026年工作总结应在2026年11月15日至2027年1月31日之间提交"),
            ]
        );

        // After the summary window closes with no summary: 缺失, with check's own message.
        let late = rule_states(&g, &rules, d("2027-02-01"));
        assert_eq!(late[2].state, LedgerState::Missing);
        assert_eq!(late[2].reason, "2026年工作总结未提交（应在2026年11月15日至2027年1月31日之间提交）");
        // A new half-year without a 会商 yet is only 待办.
        assert_eq!((late[0].state, late[0].reason.as_str()), (LedgerState::Pending, "本半年度尚未召开会商会议"));
        assert_eq!(late[1].reason, "2027年工作计划尚未提交，应于2027年3月31日前提交");
    }

    #[test]
    fn ledger_missing_consultation_matches_the_warning_and_counts_the_rest() {
        let g = with_consultations("2025-01-10", &["2026-09-05"]);
        let states = rule_states(&g, &Rules::default(), d("2026-11-20"));
        assert_eq!(states[0].state, LedgerState::Missing);
        assert_eq!(states[0].reason, "2025年上半年（1月1日至6月30日）没有会商记录（另有2项）");
    }
}
