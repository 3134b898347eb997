//! The 产业顾问组 ledger rules as typed findings (cli.md "会商" and "Plans
//! and summaries"): `validate` words them as `consultation-gap`, `plan-late`
//! and `summary-late` diagnostics, the ledger page (台账) in its own words.
//!
//! Policy (方案 §六(三)): groups hold a 会商 "原则上每半年至少1次", and form a
//! 工作计划 at the start of each year and a 工作总结 at its end. The exact
//! thresholds (90 active days, 183-day gaps, 60 days after certification, the
//! summary window) are the spec's, configurable through `site.yaml` `rules`.
//! All day counts here are plain date differences, independent of
//! `rules.counting` (which is for notices only). Nothing is found for a
//! period that has not yet ended on `--today`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};

use super::group::{Group, PlanDoc, PlanKind};
use super::site::{ConsultationRule, Rules};
use super::{At, date};

/// Longest allowed gap between 会商 under `rules.consultation: rolling`, in days.
pub const ROLLING_MAX_GAP_DAYS: i64 = 183;
/// A half-year needs a 会商 only if the group was active this many days in it.
const HALF_YEAR_MIN_ACTIVE_DAYS: i64 = 90;
/// In its certification year a group's plan is due this many days after certification.
const FIRST_PLAN_DAYS: u64 = 60;

/// One half of a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// 1月1日至6月30日.
    First,
    /// 7月1日至12月31日.
    Second,
}

/// What bounds a gap between 会商 under the rolling rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapEnd {
    /// The certification date (认定).
    Certification,
    /// A counted 会商.
    Consultation,
    /// `--today`.
    Today,
}

/// One broken group rule, with the data its wording needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupFinding {
    /// `half_year`: a finished half-year the group was active in had no 会商.
    HalfYearWithout {
        /// The year.
        year: i32,
        /// Which half.
        half: Half,
    },
    /// `rolling`: more than [`ROLLING_MAX_GAP_DAYS`] between two points.
    LongGap {
        /// The earlier point.
        from: (NaiveDate, GapEnd),
        /// The later point.
        to: (NaiveDate, GapEnd),
        /// `to − from`, in days.
        days: i64,
    },
    /// A year's 工作计划 is missing after its due day.
    PlanMissing {
        /// The year.
        year: i32,
        /// The last day it was due.
        due: NaiveDate,
    },
    /// A year's (earliest) 工作计划 came after its due day.
    PlanLate {
        /// The year.
        year: i32,
        /// When it was submitted, and where that is written.
        submitted: At<NaiveDate>,
        /// The last day it was due.
        due: NaiveDate,
    },
    /// A year's 工作总结 is missing after its window closed.
    SummaryMissing {
        /// The year.
        year: i32,
        /// The window's first and last day.
        window: (NaiveDate, NaiveDate),
    },
    /// A year's (earliest) 工作总结 fell outside its window.
    SummaryOutside {
        /// The year.
        year: i32,
        /// When it was submitted, and where that is written.
        submitted: At<NaiveDate>,
        /// The window's first and last day.
        window: (NaiveDate, NaiveDate),
    },
}

/// One finding in one sentence, as both `gongshi check` (the warning) and
/// the group's ledger page (缺失) say it.
impl std::fmt::Display for GroupFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let zh = date::zh;
        match self {
            GroupFinding::HalfYearWithout { year, half } => {
                let period = match half {
                    Half::First => "上半年（1月1日至6月30日）",
                    Half::Second => "下半年（7月1日至12月31日）",
                };
                write!(f, "{year}年{period}没有会商记录")
            }
            GroupFinding::LongGap { from, to, days } => write!(
                f,
                "{}（{}）至{}（{}）相隔{days}天没有会商，超过{ROLLING_MAX_GAP_DAYS}天",
                zh(from.0),
                from.1.label(),
                zh(to.0),
                to.1.label()
            ),
            GroupFinding::PlanMissing { year, due } => write!(f, "{year}年工作计划未提交（应于{}前提交）", zh(*due)),
            GroupFinding::PlanLate { year, submitted, due } => {
                write!(f, "{year}年工作计划于{}提交，晚于截止日{}", zh(**submitted), zh(*due))
            }
            GroupFinding::SummaryMissing { year, window } => {
                write!(f, "{year}年工作总结未提交（应在{}至{}之间提交）", zh(window.0), zh(window.1))
            }
            GroupFinding::SummaryOutside { year, submitted, window } => write!(
                f,
                "{year}年工作总结于{}提交，不在规定时间（{}至{}）内",
                zh(**submitted),
                zh(window.0),
                zh(window.1)
            ),
        }
    }
}

impl GapEnd {
    /// What the day of a gap's end was: 认定, 会商 or 今天.
    pub fn label(self) -> &'static str {
        match self {
            GapEnd::Certification => "认定",
            GapEnd::Consultation => "会商",
            GapEnd::Today => "今天",
        }
    }
}

/// The 会商 findings under the site's consultation rule.
pub fn consultations(g: &Group, rules: &Rules, today: NaiveDate) -> Vec<GroupFinding> {
    match rules.consultation {
        ConsultationRule::HalfYear => half_year(g, today),
        ConsultationRule::Rolling => rolling(g, today),
    }
}

/// The 会商 dates that count: from certification to `today` (cli.md "会商"), sorted.
pub fn counted_consultations(g: &Group, today: NaiveDate) -> Vec<NaiveDate> {
    let cert = g.certification.date;
    let mut dates: Vec<NaiveDate> =
        g.consultations.iter().map(|c| c.date.value).filter(|d| cert <= *d && *d <= today).collect();
    dates.sort_unstable();
    dates
}

/// `half_year`: every finished half-year (last day < `today`) in which the group
/// was active at least 90 days (`last − max(first, certification) + 1`) needs a 会商.
fn half_year(g: &Group, today: NaiveDate) -> Vec<GroupFinding> {
    let cert = g.certification.date;
    let held: BTreeSet<(i32, bool)> =
        counted_consultations(g, today).into_iter().map(|d| (d.year(), d.month() > 6)).collect();
    let mut out = Vec::new();
    for year in cert.year()..=today.year() {
        for half in [Half::First, Half::Second] {
            let (Some(first), Some(last)) = half_bounds(year, half) else { continue };
            if last >= today {
                continue; // not finished yet
            }
            let active = date::days_inclusive(first.max(cert), last);
            if active >= HALF_YEAR_MIN_ACTIVE_DAYS && !held.contains(&(year, half == Half::Second)) {
                out.push(GroupFinding::HalfYearWithout { year, half });
            }
        }
    }
    out
}

/// First and last day of a half-year.
fn half_bounds(year: i32, half: Half) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match half {
        Half::First => (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 6, 30)),
        Half::Second => (NaiveDate::from_ymd_opt(year, 7, 1), NaiveDate::from_ymd_opt(year, 12, 31)),
    }
}

/// `rolling`: the gaps between certification, each counted 会商 and `today`
/// (plain differences `later − earlier`) must not exceed 183 days.
fn rolling(g: &Group, today: NaiveDate) -> Vec<GroupFinding> {
    let cert = g.certification.date;
    if cert > today {
        return Vec::new(); // not yet active: no gap can have opened
    }
    let mut points = vec![(cert, GapEnd::Certification)];
    points.extend(counted_consultations(g, today).into_iter().map(|d| (d, GapEnd::Consultation)));
    points.push((today, GapEnd::Today));
    points
        .windows(2)
        .filter_map(|pair| {
            let [from, to] = pair else { return None };
            let days = date::days_between(from.0, to.0);
            (days > ROLLING_MAX_GAP_DAYS).then_some(GroupFinding::LongGap { from: *from, to: *to, days })
        })
        .collect()
}

/// The earliest document of `kind` per year: only it counts (cli.md).
fn earliest(g: &Group, kind: PlanKind) -> BTreeMap<i32, &PlanDoc> {
    let mut by_year: BTreeMap<i32, &PlanDoc> = BTreeMap::new();
    for doc in g.plans.iter().filter(|p| p.kind == kind) {
        let slot = by_year.entry(doc.year).or_insert(doc);
        if *doc.submitted_on < *slot.submitted_on {
            *slot = doc;
        }
    }
    by_year
}

/// `plan-late`: from the certification year on, each year's 工作计划 is due by
/// certification + 60 days (certification year, whatever `plan_due` says) or by
/// `plan_due` (later years); checked only once the due date has passed.
pub fn plans(g: &Group, rules: &Rules, today: NaiveDate) -> Vec<GroupFinding> {
    let cert = g.certification.date;
    let first = earliest(g, PlanKind::WorkPlan);
    let mut out = Vec::new();
    for year in cert.year()..=today.year() {
        let Some(due) = plan_due(g, rules, year) else { continue };
        if due >= today {
            continue; // still time to submit
        }
        match first.get(&year) {
            None => out.push(GroupFinding::PlanMissing { year, due }),
            Some(p) if *p.submitted_on > due => {
                out.push(GroupFinding::PlanLate { year, submitted: p.submitted_on.clone(), due });
            }
            Some(_) => {}
        }
    }
    out
}

/// The day a year's 工作计划 is due: certification + 60 days in the
/// certification year (whatever `plan_due` says), `plan_due` later.
pub fn plan_due(g: &Group, rules: &Rules, year: i32) -> Option<NaiveDate> {
    let cert = g.certification.date;
    if year == cert.year() {
        cert.checked_add_days(Days::new(FIRST_PLAN_DAYS))
    } else {
        Some(rules.plan_due.in_year(year))
    }
}

/// A year's 工作总结 window, its end in the next year when earlier in the calendar.
pub fn summary_window(rules: &Rules, year: i32) -> (NaiveDate, NaiveDate) {
    let (open, close) = rules.summary_window;
    (open.in_year(year), close.in_year(if close < open { year + 1 } else { year }))
}

/// `summary-late`: from the certification year on, each year's 工作总结 must fall
/// in the summary window (its end in the next year when earlier in the calendar);
/// checked only once that window has closed.
pub fn summaries(g: &Group, rules: &Rules, today: NaiveDate) -> Vec<GroupFinding> {
    let cert = g.certification.date;
    let first = earliest(g, PlanKind::WorkSummary);
    let mut out = Vec::new();
    for year in cert.year()..=today.year() {
        let window = summary_window(rules, year);
        if window.1 >= today {
            continue; // the window is still open (or not yet open)
        }
        match first.get(&year) {
            None => out.push(GroupFinding::SummaryMissing { year, window }),
            Some(p) if *p.submitted_on < window.0 || *p.submitted_on > window.1 => {
                out.push(GroupFinding::SummaryOutside { year, submitted: p.submitted_on.clone(), window });
            }
            Some(_) => {}
        }
    }
    out
}

/// Where one group rule stands on `today`, for the ledger (台账).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing<P, C> {
    /// 缺失: the rule is broken (the same findings `validate` warns about; never empty).
    Missing(Vec<GroupFinding>),
    /// 待办: something falls due later (not yet late).
    Pending(P),
    /// 合规: the rule holds so far.
    Compliant(C),
}

/// Why the 会商 rule is pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsultationPending {
    /// The group is not certified yet.
    NotStarted,
    /// No 会商 yet in the current half-year.
    NoneThisHalf,
}

/// The three group rules on `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// 会商; when compliant, the last counted 会商 (if any).
    pub consultation: Standing<ConsultationPending, Option<NaiveDate>>,
    /// 工作计划; pending: this year's plan with its due day, compliant: this year.
    pub plan: Standing<(i32, Option<NaiveDate>), i32>,
    /// 工作总结; pending: the year due next and its window.
    pub summary: Standing<(i32, (NaiveDate, NaiveDate)), ()>,
}

/// The standing of each group rule as of `today`. A rule is missing exactly
/// when it has findings (the same functions decide both), pending when its
/// next due date is still ahead and unmet, and compliant otherwise. Unlike
/// `validate`, the ledger judges even a group with invalid entries left out.
pub fn ledger(g: &Group, rules: &Rules, today: NaiveDate) -> Ledger {
    let cert = g.certification.date;
    let found = consultations(g, rules, today);
    let held = counted_consultations(g, today);
    let half_start = NaiveDate::from_ymd_opt(today.year(), if today.month() <= 6 { 1 } else { 7 }, 1);
    let consultation = if !found.is_empty() {
        Standing::Missing(found)
    } else if today < cert {
        Standing::Pending(ConsultationPending::NotStarted)
    } else if half_start.is_some_and(|h| !held.iter().any(|d| *d >= h)) {
        Standing::Pending(ConsultationPending::NoneThisHalf)
    } else {
        Standing::Compliant(held.last().copied())
    };

    let year = today.year();
    let has = |kind: PlanKind, y: i32| earliest(g, kind).contains_key(&y);
    let found = plans(g, rules, today);
    let plan = if !found.is_empty() {
        Standing::Missing(found)
    } else if year >= cert.year() && !has(PlanKind::WorkPlan, year) {
        Standing::Pending((year, plan_due(g, rules, year)))
    } else {
        Standing::Compliant(year)
    };

    // The summary falling due next: last year's while its window is open, else this year's.
    let due_year = if summary_window(rules, year - 1).1 >= today { year - 1 } else { year };
    let found = summaries(g, rules, today);
    let summary = if !found.is_empty() {
        Standing::Missing(found)
    } else if due_year >= cert.year() && !has(PlanKind::WorkSummary, due_year) {
        Standing::Pending((due_year, summary_window(rules, due_year)))
    } else {
        Standing::Compliant(())
    };
    Ledger { consultation, plan, summary }
}
