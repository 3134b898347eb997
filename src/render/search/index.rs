//! The inverted index over the search records, and the files it is written
//! as.
//!
//! Terms are single characters and pairs of adjacent characters (bigrams) of
//! the normalized text, so a query is matched as a phrase: 茶叶 needs the
//! pair 茶叶, 白岩村 the pairs 白岩 and 岩村 at adjacent positions. That
//! needs no word dictionary (the browser and the index can never disagree
//! about where a Chinese word ends) and finds ids and document numbers
//! (`ql-2026-0004`, `青农领办发〔2026〕9号`) as they are printed.
//!
//! Postings are varint-coded (LEB128):
//! - a bigram: per record, the record number as a delta from the previous
//!   one (the first from −1), the number of positions, then the positions
//!   (first absolute, then deltas);
//! - a single character: per record, the delta, then a byte of the fields it
//!   occurs in (1 title, 2 ids, 4 body), which is all ranking needs.
//!
//! Positions are field base + character index: the title starts at 0, the
//! ids at [`IDS_BASE`], the body at [`BODY_BASE`], so a position tells the
//! field and so the weight of a match.
//!
//! Every file is a small script, `gongshiSearch("<name>", <json>);`, which
//! the search page loads with `<script>`: that works over HTTP and from a
//! folder opened from disk alike. Terms are spread over 2^k shard files by a
//! hash of their characters (FNV-1a over code points, as `search.js`
//! computes it), sized so one shard is a few tens of kilobytes; a query
//! loads only the shards of its terms.

use std::collections::{BTreeMap, HashMap};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

pub use super::coding::shard_of;
use super::coding::{append, json_str, varint};
use super::memo::Keep;
use super::records::{Arrival, FILTERS, Record};
use super::rows::{Rows, script};
use super::shards::{Piece, Term};
use crate::Error;
use crate::render::Sink;
use crate::render::reuse::RenderKey;

pub use super::rows::DIR;
/// Format version, checked by `search.js`.
pub const FORMAT: u32 = 1;
/// First position of the ids field.
pub const IDS_BASE: u32 = 1 << 20;
/// First position of the body field.
pub const BODY_BASE: u32 = 1 << 21;
pub use super::rows::CHUNK;

/// The character as indexed and as searched: ASCII letters in lower case,
/// full-width ASCII as ASCII, the ideographic space as a space. One
/// character in, one out, so positions in the normalized text are positions
/// in the original (`search.js` has the same function).
pub fn normalize(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Characters that separate terms: no bigram spans them.
pub fn is_gap(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// The postings of one term while the index is built.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Postings {
    /// Record number + 1 of the last record appended (0: none yet).
    next: u32,
    bytes: Vec<u8>,
}

impl Postings {
    fn record(&mut self, id: u32) -> &mut Vec<u8> {
        varint(&mut self.bytes, id + 1 - self.next);
        self.next = id + 1;
        &mut self.bytes
    }
}

/// The fields of a record as indexed and as stored for excerpts.
pub struct Fields<'a> {
    /// Title.
    pub title: &'a str,
    /// Ids and document numbers, joined by spaces.
    pub ids: String,
    /// Body text, joined by spaces.
    pub body: String,
}

impl<'a> Fields<'a> {
    /// The fields of `r`.
    pub fn of(r: &'a Record) -> Self {
        Fields { title: &r.title, ids: r.ids.join(" "), body: r.text.join(" ") }
    }
}

/// A fast, fixed hasher for terms: SipHash was a tenth of the index's time,
/// and nothing here needs its defence against crafted keys (the terms come
/// from our own content, and their order never reaches the output).
type Terms<K> = HashMap<K, Postings, foldhash::fast::FixedState>;

/// Builds the postings of all terms, record by record, in record order.
/// Kept between builds per batch of projects ([`super::batch`]).
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Builder {
    pairs: Terms<(char, char)>,
    singles: Terms<char>,
    /// Scratch: (pair, position) and (character, field bit) of one record.
    #[serde(skip)]
    pair_hits: Vec<((char, char), u32)>,
    #[serde(skip)]
    single_hits: Vec<(char, u8)>,
    records: u32,
    /// Characters indexed: what the shard count follows from
    /// ([`super::shards`]), the same however the records are batched.
    pub(super) chars: u64,
}

impl Builder {
    /// A builder whose first record is numbered `first`: the secondary
    /// records, indexed beside the primary ones as they arrive and
    /// [merged](Builder::merge) after them.
    pub fn starting_at(first: u32) -> Self {
        Builder { records: first, ..Builder::default() }
    }

    /// Appends `later`'s postings, whose records all come after this one's.
    /// Each of `later`'s lists starts from record −1, so only its first
    /// record number is coded again, as a delta from this list's last.
    pub fn merge(mut self, later: Builder) -> Builder {
        fn append_all<K: std::hash::Hash + Eq>(into: &mut Terms<K>, from: Terms<K>) {
            for (term, p) in from {
                let into = into.entry(term).or_default();
                append(&mut into.next, &mut into.bytes, p.next, &p.bytes);
            }
        }
        append_all(&mut self.pairs, later.pairs);
        append_all(&mut self.singles, later.singles);
        self.records = later.records;
        self.chars += later.chars;
        self
    }

    /// Adds the next record (numbered in call order).
    pub fn add(&mut self, fields: &Fields<'_>) {
        let id = self.records;
        self.records += 1;
        self.pair_hits.clear();
        self.single_hits.clear();
        let parts = [
            (0, IDS_BASE, 1u8, fields.title),
            (IDS_BASE, BODY_BASE, 2, &fields.ids),
            (BODY_BASE, u32::MAX, 4, &fields.body),
        ];
        for (base, end, bit, text) in parts {
            let mut prev: Option<char> = None;
            for (i, c) in text.chars().enumerate() {
                let pos = match u32::try_from(i).ok().and_then(|i| base.checked_add(i)) {
                    Some(p) if p < end => p,
                    // A field longer than its position range: the rest is not indexed.
                    _ => break,
                };
                self.chars += 1;
                let c = normalize(c);
                if is_gap(c) {
                    prev = None;
                    continue;
                }
                self.single_hits.push((c, bit));
                if let Some(p) = prev {
                    self.pair_hits.push(((p, c), pos - 1));
                }
                prev = Some(c);
            }
        }
        self.pair_hits.sort_unstable();
        for group in self.pair_hits.chunk_by(|a, b| a.0 == b.0) {
            let out = self.pairs.entry(group[0].0).or_default().record(id);
            varint(out, group.len() as u32);
            let mut last = 0;
            for (i, &(_, pos)) in group.iter().enumerate() {
                varint(out, if i == 0 { pos } else { pos - last });
                last = pos;
            }
        }
        self.single_hits.sort_unstable();
        for group in self.single_hits.chunk_by(|a, b| a.0 == b.0) {
            let fields = group.iter().fold(0, |m, &(_, bit)| m | bit);
            self.singles.entry(group[0].0).or_default().record(id).push(fields);
        }
    }

    /// The terms with their next record numbers and postings, in no order.
    pub(super) fn into_terms(self) -> (u64, Vec<Term>) {
        let chars = self.chars;
        let mut terms: Vec<Term> = Vec::with_capacity(self.pairs.len() + self.singles.len());
        terms.extend(self.pairs.into_iter().map(|((a, b), p)| (String::from_iter([a, b]), p.next, p.bytes)));
        terms.extend(self.singles.into_iter().map(|(c, p)| (c.to_string(), p.next, p.bytes)));
        (chars, terms)
    }

    /// Whether no record was added.
    pub(super) fn is_empty(&self) -> bool {
        self.pairs.is_empty() && self.singles.is_empty()
    }

    /// The terms with their postings, each with its shard of `shards`,
    /// sorted by shard then term.
    #[cfg(test)]
    fn into_shards(self, shards: usize) -> Vec<(usize, String, Vec<u8>)> {
        let mut out: Vec<(usize, String, Vec<u8>)> =
            self.into_terms().1.into_iter().map(|(t, _, p)| (shard_of(&t, shards), t, p)).collect();
        out.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        out
    }
}

/// The index being built: records are added as they arrive, then
/// [`Index::finish`] writes every index file under [`DIR`]. The output
/// depends only on the records and their numbers. Records stream through:
/// only the postings, the filter lists and the unfinished chunks of rows are
/// held.
pub struct Index<'s> {
    pub(super) sink: &'s dyn Sink,
    /// The number of primary records: the secondary ones are numbered from it.
    primaries: u32,
    /// Primary and secondary postings: the pieces so far, in record
    /// order, and the records being added one by one after them.
    pub(super) pieces: [Vec<Piece>; 2],
    open: [Option<Builder>; 2],
    /// What to keep of the batches added, once the shard count is known.
    pub(super) keeps: Vec<Keep>,
    /// The build's part of the shard files' keys ([`super::shards`]).
    pub(super) seed: Option<RenderKey>,
    /// Filter value → record numbers, primary and secondary.
    filters: [[BTreeMap<String, Vec<u32>>; FILTERS.len()]; 2],
    pub(super) rows: Rows<'s>,
    /// The next primary and secondary record numbers.
    pub(super) next: [u32; 2],
}

impl<'s> Index<'s> {
    /// An empty index of `primaries` primary records and any number of
    /// secondary ones, written into `sink`; with a `seed` (the build's),
    /// what is kept of its batches and shard files is reused.
    pub fn new(primaries: usize, sink: &'s dyn Sink, seed: Option<RenderKey>) -> Self {
        let base = u32::try_from(primaries).unwrap_or(u32::MAX);
        Index {
            sink,
            primaries: base,
            pieces: Default::default(),
            open: Default::default(),
            keeps: Vec::new(),
            seed,
            filters: Default::default(),
            rows: Rows::new(sink),
            next: [0, base],
        }
    }

    /// Indexes the next record of its kind.
    pub fn add(&mut self, arrival: Arrival) -> Result<(), Error> {
        let (part, r) = match arrival {
            Arrival::Primary(r) => (0, r),
            Arrival::Secondary(r) => (1, r),
        };
        let id = self.next[part];
        self.next[part] += 1;
        let fields = Fields::of(&r);
        self.open[part].get_or_insert_with(|| Builder::starting_at(id)).add(&fields);
        let json = row(&r, &fields)?;
        // Its filter lists as a batch of one: one way to list a record.
        let mut one: [Vec<(u32, Record)>; 2] = Default::default();
        one[part].push((id, r));
        let first = [id; 2];
        self.add_filters(first, &super::memo::filters_of(&one, first));
        self.rows.put(id as usize, super::rows::Row::Made(json), None)
    }

    /// Lists a batch's records under their filter values: `filters` are
    /// numbered within the batch, whose first records are `first`.
    pub(super) fn add_filters(&mut self, first: [u32; 2], filters: &super::memo::Filters) {
        for (part, lists) in filters.iter().enumerate() {
            for (list, members) in lists.iter().zip(self.filters[part].iter_mut()) {
                for (value, ids) in list {
                    let ids = ids.iter().map(|i| i + first[part]);
                    match members.get_mut(value.as_str()) {
                        Some(into) => into.extend(ids),
                        None => {
                            members.insert(value.clone(), ids.collect());
                        }
                    }
                }
            }
        }
    }

    /// Ends the run of records added one by one in `part`, as a piece
    /// before the next batch's.
    pub(super) fn close(&mut self, part: usize) {
        if let Some(b) = self.open[part].take().filter(|b| !b.is_empty()) {
            let (chars, terms) = b.into_terms();
            self.pieces[part].push(Piece::Built(chars, terms));
        }
    }

    /// Writes the index files.
    pub fn finish(mut self) -> Result<(), Error> {
        self.close(0);
        self.close(1);
        let Index { sink, primaries, pieces, filters, rows, next, keeps, seed, .. } = self;
        // Fewer primary records than announced would number the secondary
        // ones wrongly; the caller counts them from the same model.
        debug_assert_eq!(next[0], primaries, "primary records announced and given differ");
        let count = next[1] as usize;
        rows.finish(count)?;
        let secondary_from = (primaries as usize).min(count);
        let [mut filters, secondary_filters] = filters;
        for (into, from) in filters.iter_mut().zip(secondary_filters) {
            for (value, ids) in from {
                into.entry(value).or_default().extend(ids);
            }
        }
        let [primary, secondary] = pieces;
        let firsts = [0, primary.len()];
        let (shards, splits) =
            super::shards::write(sink, seed.as_ref(), primary.into_iter().chain(secondary).collect())?;
        // Both at the end of the render's critical path, and independent.
        let (kept, written) = rayon::join(
            || keeps.into_iter().try_for_each(|keep| keep.keep(sink, &splits, firsts, shards)),
            || write_files(sink, count, secondary_from, &filters, shards),
        );
        kept.and(written)
    }
}

/// Writes the filter and meta files of a finished index.
fn write_files(
    sink: &dyn Sink,
    count: usize,
    secondary_from: usize,
    filters: &[BTreeMap<String, Vec<u32>>; FILTERS.len()],
    shards: usize,
) -> Result<(), Error> {
    let mut counts = serde_json::Map::new();
    for (key, values) in FILTERS.iter().zip(filters) {
        let mut coded = String::from("{");
        let mut count = serde_json::Map::new();
        for (n, (value, ids)) in values.iter().enumerate() {
            let mut bytes = Vec::with_capacity(ids.len());
            let mut next = 0;
            for &id in ids {
                varint(&mut bytes, id + 1 - next);
                next = id + 1;
            }
            if n > 0 {
                coded.push(',');
            }
            coded.push_str(&json_str(value));
            coded.push(':');
            coded.push_str(&json_str(&B64.encode(&bytes)));
            count.insert((*value).to_owned(), ids.len().into());
        }
        coded.push('}');
        sink.write(&format!("{DIR}f/{key}.js"), &script(&format!("f/{key}"), &coded))?;
        counts.insert((*key).to_owned(), count.into());
    }
    let meta = serde_json::json!({
        "format": FORMAT,
        "records": count,
        "secondaryFrom": secondary_from,
        "chunk": CHUNK,
        "shards": shards,
        "idsBase": IDS_BASE,
        "bodyBase": BODY_BASE,
        "filters": counts,
    });
    sink.write(&format!("{DIR}meta.js"), &script("meta", &meta.to_string()))
}

/// A record's row of the `r/<n>.js` files: what a result shows.
pub(super) fn row(r: &Record, fields: &Fields<'_>) -> Result<String, Error> {
    let row = (&r.url, fields.title, r.kind, &r.kind_of_project, &r.status, &fields.ids, &fields.body);
    serde_json::to_string(&row).map_err(|source| Error::Serialize { path: DIR.into(), source })
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
