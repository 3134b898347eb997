//! Indexing a batch of projects' records (分批索引): on every thread, and
//! only once while the batch stays the same.
//!
//! Each run of records of one kind goes to its own [`Builder`] and the
//! builders are merged in order (a merge costs a lookup per term, against
//! one per term of every record to add). What a batch added — its result
//! rows and its primary and secondary pieces of postings, split by shard
//! ([`super::shards`]) — is kept as a memo under the batch's key; given the
//! same batch again (the same projects from the same inputs, numbered from
//! the same record numbers), the memo is used instead of indexing the
//! records again, and its pieces' postings are decoded only for the shards
//! that are written. At 10,000 projects indexing was most of a rebuild
//! after one edit.
//! The memo's layout is [`super::memo`]'s.

use std::sync::Arc;

use rayon::prelude::*;

use super::index::{Builder, Fields, Index, row};
use super::memo::{Keep, Memo, Rows};
use super::records::{Arrival, Record};
use super::shards::Piece;
use crate::Error;
use crate::render::reuse::RenderKey;

impl Index<'_> {
    /// Indexes the next records, in order, as [`Index::add`] does one by
    /// one. `kept` is what an earlier build kept under `key` (the batch's:
    /// the same records numbered from the same [`Index::next_numbers`]); it
    /// is used instead of indexing them when it fits. With a `key`, what to
    /// keep is kept when the index is finished.
    pub fn add_all(
        &mut self,
        arrivals: Vec<Arrival>,
        kept: Option<Arc<Vec<u8>>>,
        key: Option<RenderKey>,
    ) -> Result<(), Error> {
        let mut parts: [Vec<(u32, Record)>; 2] = Default::default();
        for arrival in arrivals {
            let (part, r) = match arrival {
                Arrival::Primary(r) => (0, r),
                Arrival::Secondary(r) => (1, r),
            };
            parts[part].push((self.next[part], r));
            self.next[part] += 1;
        }
        // Records added one by one before this batch come before it.
        self.close(0);
        self.close(1);
        let records = [parts[0].len(), parts[1].len()];
        let reused = kept.as_ref().and_then(|memo| Memo::parse(memo, records).map(|m| (Arc::clone(memo), m)));
        let (rows, keep_rows, fresh) = match reused {
            Some((memo, Memo { rows, rows_at, pieces })) => {
                for (part, piece) in pieces.into_iter().enumerate() {
                    if let Some(piece) = piece {
                        self.pieces[part].push(Piece::Kept(piece));
                    }
                }
                (rows, Rows::Kept(memo, rows_at), false)
            }
            None => {
                let (builders, rows) = built(&parts)?;
                for (part, builder) in builders.into_iter().enumerate() {
                    if records[part] > 0 {
                        let (chars, terms) = builder.into_terms();
                        self.pieces[part].push(Piece::Built(chars, terms));
                    }
                }
                let encoded = if key.is_some() { postcard::to_stdvec(&rows).unwrap_or_default() } else { Vec::new() };
                (rows, Rows::New(encoded), true)
            }
        };
        if let Some(key) = key {
            let pieces = [0, 1].map(|part| (records[part] > 0).then(|| self.pieces[part].len() - 1));
            self.keeps.push(Keep::new(key, keep_rows, pieces, fresh));
        }
        for (part, (rows, records)) in rows.into_iter().zip(&parts).enumerate() {
            for (json, (id, r)) in rows.into_iter().zip(records) {
                self.filter(part, *id, r);
                self.rows.put(*id as usize, json)?;
            }
        }
        Ok(())
    }

    /// The numbers the next primary and secondary records get: part of
    /// what identifies a batch's memo.
    pub fn next_numbers(&self) -> [u32; 2] {
        self.next
    }
}

/// Indexes numbered records of both kinds on every thread: their builders
/// and result rows.
fn built(parts: &[Vec<(u32, Record)>; 2]) -> Result<([Builder; 2], [Vec<String>; 2]), Error> {
    let mut builders: [Builder; 2] = Default::default();
    let mut all_rows: [Vec<String>; 2] = Default::default();
    for (part, records) in parts.iter().enumerate() {
        let per = records.len().div_ceil(rayon::current_num_threads()).max(1);
        let built = records
            .par_chunks(per)
            .map(|chunk| {
                let mut builder = Builder::starting_at(chunk[0].0);
                let rows = chunk
                    .iter()
                    .map(|(_, r)| {
                        let fields = Fields::of(r);
                        builder.add(&fields);
                        row(r, &fields)
                    })
                    .collect::<Result<Vec<String>, Error>>()?;
                Ok((builder, rows))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        for (builder, rows) in built {
            builders[part] = std::mem::take(&mut builders[part]).merge(builder);
            all_rows[part].extend(rows);
        }
    }
    Ok((builders, all_rows))
}
