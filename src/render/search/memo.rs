//! A batch's memo (批次备忘): what the search index keeps of a batch of
//! projects between builds ([`super::batch`]), laid out as
//! `rows length (u64 LE) | rows | filters length (u64 LE) | filters |
//! primary piece length (u64 LE) | primary piece | secondary piece`:
//! - the batch's result rows, primary then secondary, each run a count
//!   (u32 LE) and each row its length (u32 LE) and JSON text, so a row is
//!   found without decoding any and its text is written as it is;
//! - its filter lists (postcard), by record number within the batch;
//! - its pieces of postings as [`super::shards::encode`] writes them (empty
//!   for a kind the batch has no records of).
//!
//! With the memo, a batch needs nothing of its records: neither its
//! projects' search records nor their rows are made or decoded. A memo is
//! kept once the shard count is known, since a piece is kept split by
//! shard.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::records::{FILTERS, Record, filter_values};
use super::shards::{Kept, Split, encode};
use crate::Error;
use crate::render::Sink;
use crate::render::reuse::RenderKey;

/// Filter value → record numbers within a batch, for each filter of the
/// search page, primary and secondary.
pub(super) type Filters = [[Vec<(String, Vec<u32>)>; FILTERS.len()]; 2];

/// What to keep of one batch once the shard count is known.
pub(super) struct Keep {
    key: RenderKey,
    /// Its rows and filters, encoded as the memo begins.
    head: Head,
    /// Its primary and secondary pieces' places among the index's pieces of
    /// their kind.
    pieces: [Option<usize>; 2],
    /// Whether it was indexed in this build (else it was kept, and is kept
    /// again only if its pieces were split anew).
    fresh: bool,
}

/// A batch's rows and filters, encoded: new, or where they are in the memo
/// used.
pub(super) enum Head {
    New(Vec<u8>),
    Kept(Arc<Vec<u8>>, Range<usize>),
}

impl Head {
    /// The head of a memo of these rows and filters.
    pub(super) fn new(rows: &[Vec<String>; 2], filters: &Filters) -> Head {
        let mut coded = Vec::new();
        for run in rows {
            coded.extend_from_slice(&(run.len() as u32).to_le_bytes());
            for row in run {
                coded.extend_from_slice(&(row.len() as u32).to_le_bytes());
                coded.extend_from_slice(row.as_bytes());
            }
        }
        let filters = postcard::to_stdvec(filters).unwrap_or_default();
        let mut head = Vec::with_capacity(16 + coded.len() + filters.len());
        head.extend_from_slice(&(coded.len() as u64).to_le_bytes());
        head.extend(coded);
        head.extend_from_slice(&(filters.len() as u64).to_le_bytes());
        head.extend(filters);
        Head::New(head)
    }
}

impl Keep {
    pub(super) fn new(key: RenderKey, head: Head, pieces: [Option<usize>; 2], fresh: bool) -> Keep {
        Keep { key, head, pieces, fresh }
    }

    /// Keeps the memo of the batch when it is new or its pieces were split
    /// again (`splits` are every piece's, the secondary ones from `firsts[1]`).
    pub(super) fn keep(
        self,
        sink: &dyn Sink,
        splits: &[Split],
        firsts: [usize; 2],
        shards: usize,
    ) -> Result<(), Error> {
        let split = |part: usize| self.pieces[part].map(|i| &splits[firsts[part] + i]);
        let resplit = (0..2).any(|part| split(part).is_some_and(|s| s.new));
        if !self.fresh && !resplit {
            return Ok(());
        }
        let head: &[u8] = match &self.head {
            Head::New(bytes) => bytes,
            Head::Kept(memo, range) => &memo[range.clone()],
        };
        let pieces = [split(0), split(1)].map(|s| s.map_or(Ok(Vec::new()), |s| encode(s, shards)));
        let [primary, secondary] = pieces;
        let (primary, secondary) = (primary?, secondary?);
        let mut memo = Vec::with_capacity(8 + head.len() + primary.len() + secondary.len());
        memo.extend_from_slice(head);
        memo.extend_from_slice(&(primary.len() as u64).to_le_bytes());
        memo.extend(primary);
        memo.extend(secondary);
        sink.keep_memo(&self.key, &memo);
        Ok(())
    }
}

/// A memo read back: where its rows are, its filters and its pieces,
/// checked to be whole.
pub(super) struct Memo {
    /// Each row's bytes in the memo, primary then secondary.
    pub(super) rows: [Vec<Range<usize>>; 2],
    pub(super) filters: Filters,
    /// Where its rows and filters are (see [`Head`]).
    pub(super) head: Range<usize>,
    pub(super) pieces: [Option<Kept>; 2],
}

impl Memo {
    pub(super) fn parse(memo: &Arc<Vec<u8>>) -> Option<Memo> {
        let u64_at = |at: usize| -> Option<usize> {
            usize::try_from(u64::from_le_bytes(*memo.get(at..at + 8)?.first_chunk::<8>()?)).ok()
        };
        let rows_at = 8..8usize.checked_add(u64_at(0)?)?;
        let rows = row_ranges(memo, rows_at.clone())?;
        let filters_at = rows_at.end + 8..(rows_at.end + 8).checked_add(u64_at(rows_at.end)?)?;
        let filters: Filters = postcard::from_bytes(memo.get(filters_at.clone())?).ok()?;
        let primary_at = filters_at.end + 8..(filters_at.end + 8).checked_add(u64_at(filters_at.end)?)?;
        let secondary_at = primary_at.end..memo.len();
        let mut pieces: [Option<Kept>; 2] = [None, None];
        for (part, range) in [primary_at.clone(), secondary_at].into_iter().enumerate() {
            if !rows[part].is_empty() {
                pieces[part] = Some(Kept::decode(memo, range)?);
            }
        }
        Some(Memo { rows, filters, head: 0..primary_at.start - 8, pieces })
    }
}

/// Where each row of the rows section `at` of `memo` is; `None` when a
/// row runs past it.
fn row_ranges(memo: &[u8], at: Range<usize>) -> Option<[Vec<Range<usize>>; 2]> {
    let u32_at = |at: usize| -> Option<usize> {
        usize::try_from(u32::from_le_bytes(*memo.get(at..at + 4)?.first_chunk::<4>()?)).ok()
    };
    let mut runs: [Vec<Range<usize>>; 2] = Default::default();
    let mut next = at.start;
    for run in &mut runs {
        let count = u32_at(next)?;
        next += 4;
        run.reserve(count.min(at.len() / 4));
        for _ in 0..count {
            let len = u32_at(next)?;
            let row = next + 4..(next + 4).checked_add(len)?;
            if row.end > at.end {
                return None;
            }
            next = row.end;
            run.push(row);
        }
    }
    (next == at.end).then_some(runs)
}

/// The filter lists of numbered records, by number from `first`.
pub(super) fn filters_of(parts: &[Vec<(u32, Record)>; 2], first: [u32; 2]) -> Filters {
    let mut filters: Filters = Default::default();
    for (part, records) in parts.iter().enumerate() {
        let mut lists: [BTreeMap<&str, Vec<u32>>; FILTERS.len()] = Default::default();
        for (id, r) in records {
            let local = id - first[part];
            for (values, members) in filter_values(r).into_iter().zip(&mut lists) {
                for v in values {
                    let ids = members.entry(v).or_default();
                    if ids.last() != Some(&local) {
                        ids.push(local);
                    }
                }
            }
        }
        for (into, list) in filters[part].iter_mut().zip(lists) {
            *into = list.into_iter().map(|(v, ids)| (v.to_owned(), ids)).collect();
        }
    }
    filters
}
