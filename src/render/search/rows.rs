//! The record files of the search index (`r/<n>.js`): what a result shows.

use std::collections::BTreeMap;

use crate::Error;
use crate::render::Sink;

/// Where the index lives in the output.
pub const DIR: &str = "search/data/";

/// Records per record file.
pub const CHUNK: usize = 100;

/// One index file: a call of the page's loader with the file's name and data.
pub(super) fn script(name: &str, json: &str) -> Vec<u8> {
    format!("gongshiSearch({},{json});\n", serde_json::Value::from(name)).into_bytes()
}

/// The record files (`r/<n>.js`, [`CHUNK`] rows each), written as each
/// fills. Rows arrive in two runs (primary, secondary), each in order, so at
/// most a few chunks are open at a time.
pub(super) struct Rows<'s> {
    sink: &'s dyn Sink,
    /// Chunk number → its rows so far (by slot) and how many are filled.
    open: BTreeMap<usize, (Vec<String>, usize)>,
}

impl<'s> Rows<'s> {
    /// No rows yet, to be written into `sink`.
    pub(super) fn new(sink: &'s dyn Sink) -> Self {
        Rows { sink, open: BTreeMap::new() }
    }

    /// Puts the row of record `id`; writes its chunk when that is full.
    pub(super) fn put(&mut self, id: usize, json: String) -> Result<(), Error> {
        let chunk = id / CHUNK;
        let (slots, filled) = self.open.entry(chunk).or_insert_with(|| (vec![String::new(); CHUNK], 0));
        slots[id % CHUNK] = json;
        *filled += 1;
        if *filled == CHUNK {
            let (slots, _) = self.open.remove(&chunk).unwrap_or_default();
            self.flush(chunk, &slots)?;
        }
        Ok(())
    }

    /// Writes the last, partly filled chunk of `count` records.
    pub(super) fn finish(mut self, count: usize) -> Result<(), Error> {
        if let Some((slots, _)) = self.open.remove(&(count / CHUNK)) {
            self.flush(count / CHUNK, &slots[..count % CHUNK])?;
        }
        debug_assert!(self.open.is_empty(), "a chunk of search rows was left unfilled");
        Ok(())
    }

    fn flush(&self, chunk: usize, rows: &[String]) -> Result<(), Error> {
        let json = format!("[{}]", rows.join(","));
        self.sink.write(&format!("{DIR}r/{chunk}.js"), &script(&format!("r/{chunk}"), &json))
    }
}
