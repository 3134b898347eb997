//! A batch's memo (批次备忘): what the search index keeps of a batch of
//! projects between builds ([`super::batch`]), laid out as
//! `rows length (u64 LE) | rows | primary piece length (u64 LE) | primary
//! piece | secondary piece`: the batch's result rows (postcard), and its
//! pieces of postings as [`super::shards::encode`] writes them (empty for
//! a kind the batch has no records of). A memo is kept once the shard
//! count is known, since a piece is kept split by shard.

use std::ops::Range;
use std::sync::Arc;

use super::shards::{Kept, Split, encode};
use crate::Error;
use crate::render::Sink;
use crate::render::reuse::RenderKey;

/// What to keep of one batch once the shard count is known.
pub(super) struct Keep {
    key: RenderKey,
    /// Its rows, encoded.
    rows: Rows,
    /// Its primary and secondary pieces' places among the index's pieces of
    /// their kind.
    pieces: [Option<usize>; 2],
    /// Whether it was indexed in this build (else it was kept, and is kept
    /// again only if its pieces were split anew).
    fresh: bool,
}

/// A batch's rows, encoded: new, or where they are in the memo used.
pub(super) enum Rows {
    New(Vec<u8>),
    Kept(Arc<Vec<u8>>, Range<usize>),
}

impl Keep {
    pub(super) fn new(key: RenderKey, rows: Rows, pieces: [Option<usize>; 2], fresh: bool) -> Keep {
        Keep { key, rows, pieces, fresh }
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
        let rows: &[u8] = match &self.rows {
            Rows::New(bytes) => bytes,
            Rows::Kept(memo, range) => &memo[range.clone()],
        };
        let pieces = [split(0), split(1)].map(|s| s.map_or(Ok(Vec::new()), |s| encode(s, shards)));
        let [primary, secondary] = pieces;
        let (primary, secondary) = (primary?, secondary?);
        let mut memo = Vec::with_capacity(16 + rows.len() + primary.len() + secondary.len());
        memo.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        memo.extend_from_slice(rows);
        memo.extend_from_slice(&(primary.len() as u64).to_le_bytes());
        memo.extend(primary);
        memo.extend(secondary);
        sink.keep_memo(&self.key, &memo);
        Ok(())
    }
}

/// A memo read back: its rows and pieces, checked to be whole.
pub(super) struct Memo {
    pub(super) rows: [Vec<String>; 2],
    pub(super) rows_at: Range<usize>,
    pub(super) pieces: [Option<Kept>; 2],
}

impl Memo {
    pub(super) fn parse(memo: &Arc<Vec<u8>>, records: [usize; 2]) -> Option<Memo> {
        let len = |at: usize| -> Option<usize> {
            usize::try_from(u64::from_le_bytes(*memo.get(at..at + 8)?.first_chunk::<8>()?)).ok()
        };
        let rows_at = 8..8usize.checked_add(len(0)?)?;
        let rows: [Vec<String>; 2] = postcard::from_bytes(memo.get(rows_at.clone())?).ok()?;
        let primary_at = rows_at.end + 8..(rows_at.end + 8).checked_add(len(rows_at.end)?)?;
        let secondary_at = primary_at.end..memo.len();
        let mut pieces: [Option<Kept>; 2] = [None, None];
        for (part, range) in [primary_at, secondary_at].into_iter().enumerate() {
            if rows[part].len() != records[part] {
                return None;
            }
            if records[part] > 0 {
                pieces[part] = Some(Kept::decode(memo, range)?);
            }
        }
        Some(Memo { rows, rows_at, pieces })
    }
}
