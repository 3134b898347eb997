//! The typed readings (读取结果) of record files, kept in memory between
//! loads in one process (`serve`): a file whose bytes are those read last
//! time gives the same record and the same diagnostics, since reading one
//! file looks at nothing else. At 10,000 projects the typed reading was a
//! quarter of a one-file rebuild under `serve` once the parse cache had
//! removed the YAML parsing ([`super::cache`]).
//!
//! Not kept on disk: a reading is no smaller than its tree, and `build`
//! runs once. Every rule still runs on every load, over the whole content.
//!
//! A file is not even read again when its metadata ([`Stamp`]) is what it
//! was when it was read, as git's index assumes: at 10,000 projects reading
//! and hashing every file was most of a load under `serve`. Only a stamp
//! older than the load that took it by [`SETTLED`] is trusted, since a file
//! written again within the same tick of the file system's clock keeps its
//! times (and where lengths agree, looks unchanged).
//!
//! Nor is its metadata looked at, nor `content/` walked again, when a file
//! watcher told which paths changed since the last load began
//! ([`Reads::saw`], `serve`): a file it did not name is as that load read
//! it, as the watchers of Hugo and Zola assume. Anything the walk update
//! cannot account for (a folder added or removed, a link, a lost event)
//! means the whole walk and every file's metadata, as without a watcher.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::Record;
use super::cache::FileDigest;
pub(super) use super::stamp::{SETTLED, Stamp};
use crate::diag::Diagnostic;

/// One file's reading: its record (if any) and its diagnostics.
pub(super) type Reading = (Option<Record>, Vec<Diagnostic>);

/// A file's reading, with the digest of the bytes it was read from and
/// the file's stamp when they were (if it could be taken).
type Entry = (FileDigest, Option<Stamp>, Arc<Reading>);

/// The last load's readings, by path (`content/…`).
#[derive(Debug)]
pub struct Reads {
    entries: HashMap<String, Entry>,
    /// When the load that made them began.
    began: Option<SystemTime>,
    /// How much older than that a stamp must be to be trusted.
    settled: Duration,
    /// The walk of `content/` that load made.
    walked: Option<super::walk::Walked>,
    /// The paths a file watcher saw change since that load began; `None`
    /// when it is not known.
    seen: Option<Vec<PathBuf>>,
}

impl Default for Reads {
    fn default() -> Self {
        Reads { entries: HashMap::new(), began: None, settled: SETTLED, walked: None, seen: None }
    }
}

/// What a load reads, for the next.
#[derive(Debug)]
pub(super) struct Found {
    found: Mutex<Vec<(String, Entry)>>,
    began: SystemTime,
    settled: Duration,
}

impl Reads {
    /// No readings, trusting a stamp once it is older than a load by
    /// `settled` instead of [`SETTLED`]: for tests on one file system, whose
    /// clock tick is known to be shorter.
    pub fn settling_after(settled: Duration) -> Reads {
        Reads { settled, ..Reads::default() }
    }

    /// No readings, trusting stamps as these do: for the load after one
    /// that failed, which left none.
    pub fn emptied(&self) -> Reads {
        Reads::settling_after(self.settled)
    }

    /// Tells the next load which paths a file watcher saw change since
    /// the last load began (`None`: it cannot tell, as after a lost event):
    /// every other record file is taken as that load read it, unlooked at.
    pub fn saw(&mut self, paths: Option<Vec<PathBuf>>) {
        self.seen = paths;
    }

    /// The last walk and the paths seen changed since, when both are known.
    pub(super) fn take_seen(&mut self) -> Option<(super::walk::Walked, Vec<PathBuf>)> {
        Some((self.walked.take()?, self.seen.take()?))
    }

    /// The digest and reading of `rel` as the last load read it, unread
    /// (then `kept` is called), for a file a watcher saw no change to
    /// since; `found` learns it.
    pub(super) fn kept(
        &self,
        rel: &str,
        found: &Found,
        kept: impl FnOnce(FileDigest),
    ) -> Option<(FileDigest, Reading)> {
        let (digest, stamp, reading) = self.entries.get(rel)?;
        kept(*digest);
        found.note(rel, *digest, *stamp, Arc::clone(reading));
        Some((*digest, reading.as_ref().clone()))
    }

    /// What the load beginning now finds, for the next.
    pub(super) fn found(&self) -> Found {
        Found { found: Mutex::default(), began: SystemTime::now(), settled: self.settled }
    }

    /// The reading of `rel` when it was read from bytes with `digest`.
    pub(super) fn get(&self, rel: &str, digest: &FileDigest) -> Option<&Arc<Reading>> {
        self.entries.get(rel).filter(|(d, ..)| d == digest).map(|(.., r)| r)
    }

    /// The digest and reading of `rel` when its stamp is `stamp` and was
    /// settled when it was taken, unread (then `kept` is called); `found`
    /// learns it.
    pub(super) fn unchanged(
        &self,
        rel: &str,
        stamp: Stamp,
        found: &Found,
        kept: impl FnOnce(FileDigest),
    ) -> Option<(FileDigest, Reading)> {
        let began = self.began?;
        let (_, was, _) = self.entries.get(rel)?;
        if *was != Some(stamp) || !stamp.settled_before(began, self.settled) {
            return None;
        }
        self.kept(rel, found, kept)
    }

    /// The reading of `rel`, read from bytes with `digest` when its stamp
    /// was `stamp`: the one kept (then `kept` is called) or
    /// what `read` gives; `found` learns it.
    pub(super) fn through(
        &self,
        rel: &str,
        (digest, stamp): (FileDigest, Option<Stamp>),
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
        found.note(rel, digest, stamp, Arc::clone(&reading));
        reading.as_ref().clone()
    }
}

impl Found {
    pub(super) fn note(&self, rel: &str, digest: FileDigest, stamp: Option<Stamp>, reading: Arc<Reading>) {
        if let Ok(mut found) = self.found.lock() {
            found.push((rel.to_owned(), (digest, stamp, reading)));
        }
    }

    /// The readings for the next load: exactly the files this one read,
    /// from the walk `walked`.
    pub(super) fn into_reads(self, walked: super::walk::Walked) -> Reads {
        Reads {
            entries: self.found.into_inner().unwrap_or_default().into_iter().collect(),
            began: Some(self.began),
            settled: self.settled,
            walked: Some(walked),
            seen: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Readings of one file as a load that began at `began` left them.
    fn reads_of(rel: &str, stamp: Stamp, began: SystemTime) -> Reads {
        let reading = Arc::new((None, Vec::new()));
        let entries = HashMap::from([(rel.to_owned(), ([7; 32], Some(stamp), reading))]);
        Reads { entries, began: Some(began), settled: SETTLED, ..Reads::default() }
    }

    fn stamp_of(path: &std::path::Path) -> Stamp {
        Stamp::of(&std::fs::metadata(path).unwrap()).unwrap()
    }

    #[test]
    fn a_file_is_taken_unread_only_with_its_stamp_and_once_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "id: QL-1\n").unwrap();
        let stamp = stamp_of(&path);
        let later = SystemTime::now() + SETTLED + Duration::from_secs(1);
        let found = Reads::default().found();
        let mut carried = None;
        let kept = reads_of("content/a.yaml", stamp, later).unchanged("content/a.yaml", stamp, &found, |d| {
            carried = Some(d);
        });
        assert_eq!(kept.map(|(d, _)| d), Some([7; 32]));
        assert_eq!(carried, Some([7; 32]), "the parse cache was not told");
        assert_eq!(found.into_reads(Default::default()).entries.len(), 1, "the next load would not know the file");
        // Stamped by a load that began as the file was written: it may
        // change again within the same tick, so it is read.
        let now = reads_of("content/a.yaml", stamp, SystemTime::now());
        assert!(now.unchanged("content/a.yaml", stamp, &Reads::default().found(), |_| {}).is_none());
        // Another file, or this one with other bytes, is read.
        let reads = reads_of("content/a.yaml", stamp, later);
        assert!(reads.unchanged("content/b.yaml", stamp, &Reads::default().found(), |_| {}).is_none());
        std::fs::write(&path, "id: QL-2\n").unwrap();
        // Even written back to the same length and modification time.
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(stamp.modified).unwrap();
        drop(file);
        let again = stamp_of(&path);
        assert_eq!((again.len, again.modified), (stamp.len, stamp.modified));
        if cfg!(unix) {
            assert!(reads.unchanged("content/a.yaml", again, &Reads::default().found(), |_| {}).is_none());
        }
    }
}
