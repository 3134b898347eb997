//! Indexing a batch of projects' records (分批索引): on every thread, and
//! only once while the batch stays the same.
//!
//! Each run of records of one kind goes to its own [`Builder`] and the
//! builders are merged in order (a merge costs a lookup per term, against
//! one per term of every record to add). What a batch added — its builders
//! and its result rows — is handed back as a *fragment* for the renderer to
//! keep; given the same batch again (the same projects from the same
//! inputs, numbered from the same record numbers), the fragment is merged
//! instead of indexing the records again. At 10,000 projects indexing was
//! most of a rebuild after one edit.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::index::{Builder, Fields, Index, row};
use super::records::{Arrival, Record};
use crate::Error;

/// What one batch added to the index.
#[derive(Default, Serialize, Deserialize)]
struct Fragment {
    /// Primary and secondary postings of the batch's records.
    builders: [Builder; 2],
    /// Their result rows, in record order.
    rows: [Vec<String>; 2],
}

impl Index<'_> {
    /// Indexes the next records, in order, as [`Index::add`] does one by
    /// one. `kept` is what an earlier build kept for these same records
    /// numbered from the same [`Index::next_numbers`]; it is used instead
    /// of indexing them when it fits. Returns what to keep for them, or
    /// `None` when `kept` was used.
    pub fn add_all(&mut self, arrivals: Vec<Arrival>, kept: Option<&[u8]>) -> Result<Option<Vec<u8>>, Error> {
        let mut parts: [Vec<(u32, Record)>; 2] = Default::default();
        for arrival in arrivals {
            let (part, r) = match arrival {
                Arrival::Primary(r) => (0, r),
                Arrival::Secondary(r) => (1, r),
            };
            parts[part].push((self.next[part], r));
            self.next[part] += 1;
        }
        let reused = kept
            .and_then(|bytes| postcard::from_bytes::<Fragment>(bytes).ok())
            .filter(|f| f.rows.iter().zip(&parts).all(|(rows, records)| rows.len() == records.len()));
        let (fragment, keep) = match reused {
            Some(f) => (f, None),
            None => {
                let f = Fragment::of(&parts)?;
                let bytes = postcard::to_stdvec(&f).ok();
                (f, bytes)
            }
        };
        let Fragment { builders, rows } = fragment;
        for (part, ((builder, rows), records)) in builders.into_iter().zip(rows).zip(&parts).enumerate() {
            if records.is_empty() {
                continue;
            }
            self.builders[part] = std::mem::take(&mut self.builders[part]).merge(builder);
            for (json, (id, r)) in rows.into_iter().zip(records) {
                self.filter(part, *id, r);
                self.rows.put(*id as usize, json)?;
            }
        }
        Ok(keep)
    }

    /// The numbers the next primary and secondary records get: part of
    /// what identifies a batch's fragment.
    pub fn next_numbers(&self) -> [u32; 2] {
        self.next
    }
}

impl Fragment {
    /// Indexes numbered records of both kinds on every thread.
    fn of(parts: &[Vec<(u32, Record)>; 2]) -> Result<Fragment, Error> {
        let mut fragment = Fragment::default();
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
                fragment.builders[part] = std::mem::take(&mut fragment.builders[part]).merge(builder);
                fragment.rows[part].extend(rows);
            }
        }
        Ok(fragment)
    }
}
