//! 资金批次: one upstream fund document (下达文件) of a county and what the
//! county allocated from it to its projects (分配到项目), and 资金支付: money
//! paid out to a project (报账支付).
//!
//! The money facts the pages, the open data and the rules share live here,
//! computed once: a batch's allocation date, what a project was allocated and
//! paid by a day, and whether a project stood in the warehouse on a day.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

pub use super::payment::Payment;
use super::project::{EventType, FundLevel, FundingSource, Project};
use super::{At, Content, Keyword, Money, SourcePath};
use crate::diag::Pos;

/// One fund batch file (`content/funds/**/*.yaml`).
#[derive(Debug, Clone)]
pub struct FundBatch {
    /// Source file.
    pub path: SourcePath,
    /// Permanent id.
    pub id: At<String>,
    /// County id.
    pub county: At<String>,
    /// 资金年度 (the warehouse/plan year it funds).
    pub year: At<i32>,
    /// 资金来源 (the project `sources[].source` vocabulary).
    pub fund: At<FundingSource>,
    /// 衔接资金 level (only with `bridging_fund`).
    pub level: Option<At<FundLevel>>,
    /// 资金名称 as written.
    pub name: Option<String>,
    /// 下达文件文号.
    pub doc_no: String,
    /// 下达单位.
    pub issued_by: String,
    /// 下达日期.
    pub date: At<NaiveDate>,
    /// 资金规模 (万元).
    pub total: At<Money>,
    /// 分配到项目, in file order.
    pub allocations: Vec<Allocation>,
}

/// One allocation of a batch to a project.
#[derive(Debug, Clone)]
pub struct Allocation {
    /// Project id (a reference, checked by `validate`).
    pub project: At<String>,
    /// Amount (万元).
    pub amount: At<Money>,
    /// Where the item starts.
    pub pos: Pos,
}

impl FundBatch {
    /// 资金名称: as written, else 「<year>年<level><fund>」 with the fund's
    /// name of that year (`site.yaml` terms).
    pub fn name(&self, terms: &super::terms::Terms) -> String {
        if let Some(n) = &self.name {
            return n.clone();
        }
        let fund = match (*self.fund, &self.level) {
            (FundingSource::BridgingFund, l) => {
                format!("{}{}", l.as_ref().map_or("", |l| l.label()), terms.for_year(*self.year).fund)
            }
            (f, _) => f.label().to_owned(),
        };
        format!("{}年{fund}", *self.year)
    }

    /// Sum of the allocations.
    pub fn allocated(&self) -> Money {
        self.allocations.iter().map(|a| *a.amount).sum()
    }
}

impl Project {
    /// Whether the project stood in the warehouse at the end of `date`:
    /// warehoused by then, not ended before approval, not moved out.
    pub fn in_warehouse_on(&self, date: NaiveDate) -> bool {
        self.warehoused_date().is_some_and(|w| w <= date)
            && self.closure().is_none_or(|(c, _)| *c.date > date)
            && !self.events.iter().any(|e| e.event_type == EventType::AdjustedOut && *e.date <= date)
    }

    /// 已支付: the payments dated on or before `date`.
    pub fn paid_by(&self, date: NaiveDate) -> Money {
        self.payments.iter().filter(|p| *p.date <= date).map(|p| *p.amount).sum()
    }

    /// Whether an event of `kind` happened on or before `date`.
    pub fn reached_by(&self, kind: EventType, date: NaiveDate) -> bool {
        self.events.iter().any(|e| e.event_type == kind && *e.date <= date)
    }
}

/// Positions of the batches by id, of the allocations by project and of
/// each batch's first allocation result, built on the first lookup: a
/// project page asks for its allocations, and a site may have 50,000.
#[derive(Debug, Clone, Default)]
pub struct MoneyIndex(OnceLock<MoneyPositions>);

#[derive(Debug, Clone, Default)]
struct MoneyPositions {
    batches: HashMap<String, usize>,
    /// Project id → (batch, allocation) positions, in batch order.
    allocations: HashMap<String, Vec<(usize, usize)>>,
    /// Batch position → the first allocation result naming it (by date, then file).
    results: HashMap<usize, usize>,
}

impl MoneyPositions {
    fn of(content: &Content) -> Self {
        let mut batches = HashMap::new();
        for (i, b) in content.funds.iter().enumerate() {
            batches.entry(b.id.value.clone()).or_insert(i);
        }
        let mut order: Vec<usize> = (0..content.funds.len()).collect();
        order.sort_by(|&x, &y| {
            let (a, b) = (&content.funds[x], &content.funds[y]);
            (*a.date, &a.path).cmp(&(*b.date, &b.path))
        });
        let mut allocations: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for i in order {
            for (j, a) in content.funds[i].allocations.iter().enumerate() {
                allocations.entry(a.project.value.clone()).or_default().push((i, j));
            }
        }
        let mut docs: Vec<usize> =
            (0..content.plans.len()).filter(|&i| *content.plans[i].kind == super::PlanKind::Allocation).collect();
        docs.sort_by(|&x, &y| {
            let (a, b) = (&content.plans[x], &content.plans[y]);
            (*a.date, &a.path).cmp(&(*b.date, &b.path))
        });
        let mut results = HashMap::new();
        for d in docs {
            let doc = &content.plans[d];
            for id in &doc.batches {
                // Only a batch of the document's own county is its to allocate.
                if let Some(&b) = batches.get(id.as_str())
                    && *content.funds[b].county == *doc.county
                {
                    results.entry(b).or_insert(d);
                }
            }
        }
        MoneyPositions { batches, allocations, results }
    }
}

impl Content {
    fn money(&self) -> &MoneyPositions {
        self.money_index.0.get_or_init(|| MoneyPositions::of(self))
    }

    /// The batch with this id (the first, on a duplicate).
    pub fn fund_batch(&self, id: &str) -> Option<&FundBatch> {
        self.money().batches.get(id).map(|&i| &self.funds[i])
    }

    /// The day a batch was allocated to the projects: the date of the first
    /// 资金分配结果公告 naming it, else the batch's own date.
    pub fn allocation_date(&self, b: &FundBatch) -> NaiveDate {
        self.allocation_document(b).map_or(*b.date, |d| *d.date)
    }

    /// The first (by date) allocation document of the batch's county naming it.
    pub fn allocation_document(&self, b: &FundBatch) -> Option<&super::PlanDoc> {
        let i = self.funds.iter().position(|x| std::ptr::eq(x, b))?;
        self.money().results.get(&i).map(|&d| &self.plans[d])
    }

    /// The allocations to project `id`, with their batch, in batch order.
    pub fn allocations_to<'c>(&'c self, id: &str) -> Vec<(&'c FundBatch, &'c Allocation)> {
        self.money().allocations.get(id).map_or_else(Vec::new, |list| {
            list.iter().map(|&(b, a)| (&self.funds[b], &self.funds[b].allocations[a])).collect()
        })
    }

    /// 已分配: what the batches of `year` allocated to project `id` by the
    /// end of `date` (each batch counted from its allocation date).
    pub fn allocated_by(&self, id: &str, year: i32, date: NaiveDate) -> Money {
        self.allocations_to(id)
            .into_iter()
            .filter(|(b, _)| *b.year == year && self.allocation_date(b) <= date)
            .map(|(_, a)| *a.amount)
            .sum()
    }
}
