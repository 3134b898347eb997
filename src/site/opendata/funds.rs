//! The records of `funds.json`: every fund batch (资金批次) issued by the
//! build date with its allocations to projects, the names beside the codes,
//! and the day it was allocated (the allocation result's date, once that is
//! published). Amounts are exact 万元 texts, as in `projects.json`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Content, FundBatch, Keyword};

/// One batch in `funds.json`.
#[derive(Serialize)]
pub struct FundRecord<'a> {
    id: &'a str,
    county: &'a str,
    county_name: &'a str,
    year: i32,
    fund: &'static str,
    fund_label: &'static str,
    level: Option<&'static str>,
    level_label: Option<&'static str>,
    name: String,
    doc_no: &'a str,
    issued_by: &'a str,
    date: String,
    total: String,
    /// The allocation result's id and date, once published.
    allocation_document: Option<&'a str>,
    allocated_on: Option<String>,
    allocations: Vec<AllocationRecord<'a>>,
}

/// One allocation of a batch.
#[derive(Serialize)]
pub struct AllocationRecord<'a> {
    project: &'a str,
    project_name: Option<&'a str>,
    amount: String,
}

/// The batches issued by `today`, by id.
pub(super) fn funds(content: &Content, today: NaiveDate) -> Vec<FundRecord<'_>> {
    let mut batches: Vec<&FundBatch> = content.funds.iter().filter(|b| *b.date <= today).collect();
    batches.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    batches
        .into_iter()
        .map(|b| {
            let result = content.allocation_document(b).filter(|d| *d.date <= today);
            FundRecord {
                id: &b.id,
                county: &b.county,
                county_name: content.county(&b.county).map_or(b.county.as_str(), |c| c.name.as_str()),
                year: *b.year,
                fund: b.fund.key(),
                fund_label: b.fund.label(),
                level: b.level.as_ref().map(|l| l.key()),
                level_label: b.level.as_ref().map(|l| l.label()),
                name: b.name(content.terms()),
                doc_no: &b.doc_no,
                issued_by: &b.issued_by,
                date: crate::domain::date::iso(*b.date),
                total: b.total.wan_exact(),
                allocation_document: result.map(|d| d.id.as_str()),
                allocated_on: result.map(|d| crate::domain::date::iso(*d.date)),
                allocations: b
                    .allocations
                    .iter()
                    .map(|a| AllocationRecord {
                        project: &a.project,
                        project_name: content.project(&a.project).map(|p| p.name.as_str()),
                        amount: a.amount.wan_exact(),
                    })
                    .collect(),
            }
        })
        .collect()
}
