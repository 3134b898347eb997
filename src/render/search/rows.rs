//! The record files of the search index (`r/<n>.js`): what a result shows.
//!
//! A chunk of rows that all came from batches with keys (see
//! [`super::batch`]) is a function of those keys: its file is put in place
//! from the last build when they are the same, so its rows are neither
//! joined nor hashed again (an edit changes a few of the 300 files at
//! 10,000 projects), and the rows kept in a memo are not even decoded.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use sha2::{Digest as _, Sha256};

use crate::Error;
use crate::render::Sink;
use crate::render::reuse::RenderKey;

/// Where the index lives in the output.
pub const DIR: &str = "search/data/";

/// Records per record file.
pub const CHUNK: usize = 100;

/// One index file: a call of the page's loader with the file's name and data.
pub(super) fn script(name: &str, json: &str) -> Vec<u8> {
    let mut out = script_head(name).into_bytes();
    out.extend_from_slice(json.as_bytes());
    out.extend_from_slice(SCRIPT_TAIL);
    out
}

/// What an index file starts with: the loader's name and the file's.
pub(super) fn script_head(name: &str) -> String {
    format!("gongshiSearch({},", serde_json::Value::from(name))
}

/// What an index file ends with, after its data.
pub(super) const SCRIPT_TAIL: &[u8] = b");\n";

/// One result row, as JSON text.
pub(super) enum Row {
    /// Made in this build.
    Made(String),
    /// In a memo kept by an earlier build (checked whole when read, and
    /// written as text, so it is that text's bytes).
    Kept(Arc<Vec<u8>>, Range<usize>),
}

impl Row {
    fn bytes(&self) -> &[u8] {
        match self {
            Row::Made(json) => json.as_bytes(),
            Row::Kept(memo, range) => memo.get(range.clone()).unwrap_or_default(),
        }
    }
}

/// A chunk being filled.
struct Chunk {
    slots: Vec<Option<Row>>,
    filled: usize,
    /// The keys of the batches its rows came from, in order; `None` once
    /// a row came from no batch with a key.
    batches: Option<Vec<RenderKey>>,
}

/// The record files (`r/<n>.js`, [`CHUNK`] rows each), written as each
/// fills. Rows arrive in two runs (primary, secondary), each in order, so at
/// most a few chunks are open at a time.
pub(super) struct Rows<'s> {
    sink: &'s dyn Sink,
    /// Chunk number → its rows so far.
    open: BTreeMap<usize, Chunk>,
}

impl<'s> Rows<'s> {
    /// No rows yet, to be written into `sink`.
    pub(super) fn new(sink: &'s dyn Sink) -> Self {
        Rows { sink, open: BTreeMap::new() }
    }

    /// Puts the row of record `id`, from the batch with key `batch` if
    /// any; writes its chunk when that is full.
    pub(super) fn put(&mut self, id: usize, row: Row, batch: Option<&RenderKey>) -> Result<(), Error> {
        let number = id / CHUNK;
        let chunk = self.open.entry(number).or_insert_with(|| Chunk {
            slots: std::iter::repeat_with(|| None).take(CHUNK).collect(),
            filled: 0,
            batches: Some(Vec::new()),
        });
        chunk.slots[id % CHUNK] = Some(row);
        chunk.filled += 1;
        match (batch, &mut chunk.batches) {
            (Some(key), Some(keys)) if keys.last() != Some(key) => keys.push(*key),
            (Some(_), Some(_)) => {}
            (None, batches) => *batches = None,
            (Some(_), None) => {}
        }
        if chunk.filled == CHUNK
            && let Some(chunk) = self.open.remove(&number)
        {
            self.flush(number, chunk, CHUNK)?;
        }
        Ok(())
    }

    /// Writes the last, partly filled chunk of `count` records.
    pub(super) fn finish(mut self, count: usize) -> Result<(), Error> {
        if let Some(chunk) = self.open.remove(&(count / CHUNK)) {
            self.flush(count / CHUNK, chunk, count % CHUNK)?;
        }
        debug_assert!(self.open.is_empty(), "a chunk of search rows was left unfilled");
        Ok(())
    }

    /// Writes the first `len` rows of chunk `number`, or puts its file in
    /// place when its rows' batches are those it was written from.
    fn flush(&self, number: usize, chunk: Chunk, len: usize) -> Result<(), Error> {
        let path = format!("{DIR}r/{number}.js");
        let key = chunk.batches.map(|batches| {
            let mut hasher = Sha256::new();
            hasher.update(b"search rows");
            hasher.update((number as u64).to_le_bytes());
            hasher.update((len as u64).to_le_bytes());
            for b in &batches {
                hasher.update(b);
            }
            RenderKey::from(hasher.finalize())
        });
        if let Some(key) = &key
            && self.sink.reuse(&path, key)?
        {
            return Ok(());
        }
        let mut bytes = script_head(&format!("r/{number}")).into_bytes();
        bytes.push(b'[');
        for (i, row) in chunk.slots[..len].iter().enumerate() {
            if i > 0 {
                bytes.push(b',');
            }
            bytes.extend_from_slice(row.as_ref().map_or(&[][..], Row::bytes));
        }
        bytes.push(b']');
        bytes.extend_from_slice(SCRIPT_TAIL);
        self.sink.write(&path, &bytes)?;
        if let Some(key) = key {
            self.sink.remember(&path, key, bytes.len() as u64);
        }
        Ok(())
    }
}
