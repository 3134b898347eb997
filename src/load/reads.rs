//! The typed readings (读取结果) of record files, kept in memory between
//! loads in one process (`serve`): a file whose bytes are those read last
//! time gives the same record and the same diagnostics, since reading one
//! file looks at nothing else. At 10,000 projects the typed reading was a
//! quarter of a one-file rebuild under `serve` once the parse cache had
//! removed the YAML parsing ([`super::cache`]).
//!
//! Not kept on disk: a reading is no smaller than its tree, and `build`
//! runs once. Every rule still runs on every load, over the whole content.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Record;
use super::cache::FileDigest;
use crate::diag::Diagnostic;

/// One file's reading: its record (if any) and its diagnostics.
pub(super) type Reading = (Option<Record>, Vec<Diagnostic>);

/// A file's reading, with the digest of the bytes it was read from.
type Entry = (FileDigest, Arc<Reading>);

/// The last load's readings, by path (`content/…`).
#[derive(Debug, Default)]
pub struct Reads {
    entries: HashMap<String, Entry>,
}

/// What a load reads, for the next.
#[derive(Debug, Default)]
pub(super) struct Found {
    found: Mutex<Vec<(String, Entry)>>,
}

impl Reads {
    /// The reading of `rel` when it was read from bytes with `digest`.
    pub(super) fn get(&self, rel: &str, digest: &FileDigest) -> Option<&Arc<Reading>> {
        self.entries.get(rel).filter(|(d, _)| d == digest).map(|(_, r)| r)
    }

    /// The reading of `rel`, read from bytes with `digest`: the one kept
    /// (then `kept` is called) or what `read` gives; `found` learns it.
    pub(super) fn through(
        &self,
        rel: &str,
        digest: FileDigest,
        found: &Found,
        kept: impl FnOnce(),
        read: impl FnOnce() -> Reading,
    ) -> Reading {
        let reading = match self.get(rel, &digest) {
            Some(reading) => {
                kept();
                Arc::clone(reading)
            }
            None => Arc::new(read()),
        };
        found.note(rel, digest, Arc::clone(&reading));
        reading.as_ref().clone()
    }
}

impl Found {
    pub(super) fn note(&self, rel: &str, digest: FileDigest, reading: Arc<Reading>) {
        if let Ok(mut found) = self.found.lock() {
            found.push((rel.to_owned(), (digest, reading)));
        }
    }

    /// The readings for the next load: exactly the files this one read.
    pub(super) fn into_reads(self) -> Reads {
        Reads { entries: self.found.into_inner().unwrap_or_default().into_iter().collect() }
    }
}
