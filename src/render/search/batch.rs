//! Indexing a batch of projects' records (分批索引): on every thread, and
//! only once while the batch stays the same.
//!
//! Each run of records of one kind goes to its own [`Builder`] and the
//! builders are merged in order (a merge costs a lookup per term, against
//! one per term of every record to add). What a batch added — its result
//! rows, its filter lists and its primary and secondary pieces of postings,
//! split by shard ([`super::shards`]) — is kept as a memo under the batch's
//! key; given the same batch again (the same projects from the same inputs,
//! numbered from the same record numbers), the memo is used instead: the
//! records are not even asked for, its pieces' postings are decoded only
//! for the shards that are written, and its rows only for the record files
//! written ([`super::rows`]). At 10,000 projects indexing was most of a
//! rebuild after one edit.
//! The memo's layout is [`super::memo`]'s.

use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use super::index::{Builder, Fields, Index, row};
use super::memo::{Head, Keep, Memo, filters_of};
use super::records::{Arrival, Record};
use super::rows::Row;
use super::shards::Piece;
use crate::Error;
use crate::render::reuse::RenderKey;

impl Index<'_> {
    /// Indexes the next records, in order, as [`Index::add`] does one by
    /// one. `kept` is what an earlier build kept under `key` (the batch's:
    /// the same records numbered from the same [`Index::next_numbers`]);
    /// when it is whole it is used instead, and `records` is not called.
    /// With a `key`, what to keep is kept when the index is finished.
    pub fn add_all(
        &mut self,
        records: impl FnOnce() -> Result<Vec<Arrival>, Error>,
        kept: Option<Arc<Vec<u8>>>,
        key: Option<RenderKey>,
    ) -> Result<(), Error> {
        // Records added one by one before this batch come before it.
        self.close(0);
        self.close(1);
        let first = self.next;
        if let Some((memo, parsed)) = kept.and_then(|memo| Memo::parse(&memo).map(|m| (memo, m))) {
            let Memo { rows, filters, head, pieces } = parsed;
            let mut places = [None, None];
            for (part, piece) in pieces.into_iter().enumerate() {
                if let Some(piece) = piece {
                    self.pieces[part].push(Piece::Kept(piece));
                    places[part] = Some(self.pieces[part].len() - 1);
                }
            }
            for (part, run) in rows.into_iter().enumerate() {
                self.next[part] += run.len() as u32;
                for (i, range) in run.into_iter().enumerate() {
                    self.rows.put(
                        (first[part] + i as u32) as usize,
                        Row::Kept(Arc::clone(&memo), range),
                        key.as_ref(),
                    )?;
                }
            }
            self.add_filters(first, &filters);
            if let Some(key) = key {
                self.keeps.push(Keep::new(key, Head::Kept(memo, head), places, false));
            }
            return Ok(());
        }
        let mut parts: [Vec<(u32, Record)>; 2] = Default::default();
        for arrival in records()? {
            let (part, r) = match arrival {
                Arrival::Primary(r) => (0, r),
                Arrival::Secondary(r) => (1, r),
            };
            parts[part].push((self.next[part], r));
            self.next[part] += 1;
        }
        let (builders, rows) = built(&parts)?;
        let mut places = [None, None];
        for (part, builder) in builders.into_iter().enumerate() {
            if !parts[part].is_empty() {
                let (chars, terms) = builder.into_terms();
                self.pieces[part].push(Piece::Built(chars, terms));
                places[part] = Some(self.pieces[part].len() - 1);
            }
        }
        let filters = filters_of(&parts, first);
        self.add_filters(first, &filters);
        if let Some(key) = key {
            self.keeps.push(Keep::new(key, Head::new(&rows, &filters), places, true));
        }
        for (rows, records) in rows.into_iter().zip(&parts) {
            for (json, (id, _)) in rows.into_iter().zip(records) {
                self.rows.put(*id as usize, Row::Made(json), key.as_ref())?;
            }
        }
        Ok(())
    }

    /// Indexes `records` as a batch keyed by what they are: for the
    /// records that are not a batch of projects (groups, cases, assets),
    /// whose inputs no render key names. The key is the digest of the
    /// records with their first numbers and the build's seed, so it is
    /// kept only where the seed is (a rebuild).
    pub fn add_keyed(&mut self, records: Vec<Arrival>) -> Result<(), Error> {
        let key = self.seed.and_then(|seed| {
            let mut hasher = Sha256::new();
            hasher.update(seed);
            hasher.update(b"records");
            hasher.update(self.next[0].to_le_bytes());
            hasher.update(self.next[1].to_le_bytes());
            postcard::to_io(&records, crate::render::reuse::Hashing(&mut hasher)).ok()?;
            Some(RenderKey::from(hasher.finalize()))
        });
        let kept = key.as_ref().and_then(|k| self.sink.memo(k));
        self.add_all(|| Ok(records), kept, key)
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
