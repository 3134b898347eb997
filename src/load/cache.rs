//! The parse cache (解析缓存): each record file's parsed YAML tree and lint
//! findings, kept between loads by the digest of the file's bytes.
//!
//! Parsing YAML is most of a load (about 0.9 s of CPU at 10,000 projects),
//! while the typed reading after it is cheap. A file whose bytes are the same
//! as last time gives the same tree, so its tree is taken from the cache and
//! only new or edited files are parsed. Every rule runs on every load as
//! before, so a cached tree cannot hide a diagnostic.
//!
//! `serve` keeps the cache in memory; `build` keeps it on disk beside the
//! output, as `.gongshi-parsed-<name>` (like the render keys, never inside
//! the published output).
//!
//! A project file's entry keeps its typed reading instead of the tree (the
//! project and the diagnostics reading it gave, [`Reading`]): at 10,000
//! projects, decoding each tree and reading it again was a fifth of a
//! one-file `build`'s CPU (0.37 s), for the same result every time. The
//! reading is a function of the file's bytes and name alone (nothing else
//! is read), so it is kept and trusted exactly as the tree is, by stamp or
//! by digest. A project that did not load keeps its tree, and is read from
//! it each time. The domain types' `Serialize` tells the cache (postcard,
//! not human-readable) from pages and open data: only the cache gets each
//! value's position and a keyword's index.
//!
//! Each entry also keeps the file's stamp (length, times, inode) when it was
//! read, if it was settled then ([`super::reads`]); a later `build` takes
//! the tree of a file whose stamp is the same without reading the file at
//! all, as `serve` does with its readings. At 10,000 projects opening,
//! reading and hashing every record file was 50,000 system calls of a
//! one-file rebuild. The file is only a shortcut: one written by
//! another program (the tree's form may differ), damaged, or unreadable is
//! ignored and every file is parsed, so the content is always what a
//! clean load reads.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::stamp::Stamp;
use super::yaml::{self, Node, SyntaxError};
use crate::diag::Diagnostic;
use crate::domain::Project;

/// The digest of a file's bytes.
pub(crate) type FileDigest = [u8; 32];

/// What parsing one file gave: its tree, or the syntax error; and the
/// valid-but-unintended spellings [`yaml::lint`] found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Parsed {
    pub(crate) tree: Result<Node, SyntaxError>,
    pub(crate) lint: Vec<SyntaxError>,
}

impl Parsed {
    /// Parses `text` afresh.
    pub(crate) fn of(text: &str) -> Parsed {
        match yaml::parse(text, 0) {
            Ok(tree) => Parsed { tree: Ok(tree), lint: yaml::lint(text, 0) },
            Err(e) => Parsed { tree: Err(e), lint: Vec::new() },
        }
    }
}

/// A project file's typed reading: the project and the diagnostics reading
/// it gave.
pub(crate) type Reading = (Arc<Project>, Vec<Diagnostic>);

/// What the cache knows of a file whose bytes it has seen.
pub(super) enum Known {
    /// Its typed reading (a project's).
    Reading(Reading),
    /// Its parse, still to be read.
    Tree(Arc<Parsed>),
}

/// One file's entry: the digest of the bytes it was parsed from, and the
/// result, as read back from disk (decoded only when asked for) and/or
/// decoded (kept in memory by `serve`).
#[derive(Debug)]
struct Entry {
    digest: FileDigest,
    /// The file's stamp when its bytes were read, if it was settled then:
    /// while it is the same, so are the bytes.
    stamp: Option<Stamp>,
    parsed: Option<Arc<Parsed>>,
    /// Its postcard bytes, so an unchanged entry is not encoded again.
    encoded: Option<Arc<[u8]>>,
    /// A project's [`Reading`] as postcard bytes; on disk it stands in for
    /// the tree.
    reading: Option<Arc<[u8]>>,
}

impl Entry {
    /// Its parse: kept decoded, or decoded now from the bytes read back
    /// (`None` when they do not decode).
    fn tree(&self) -> Option<Arc<Parsed>> {
        match (&self.parsed, &self.encoded) {
            (Some(p), _) => Some(Arc::clone(p)),
            (None, Some(bytes)) => Some(Arc::new(postcard::from_bytes::<Parsed>(bytes).ok()?)),
            (None, None) => None,
        }
    }

    /// What it knows: the reading where it keeps one that decodes, else
    /// the tree.
    fn known(&self) -> Option<Known> {
        let reading = self.reading.as_ref().and_then(|bytes| postcard::from_bytes::<Reading>(bytes).ok());
        reading.map(Known::Reading).or_else(|| self.tree().map(Known::Tree))
    }

    /// The same entry, for the next load (what is decoded stays decoded).
    fn again(&self) -> Entry {
        Entry {
            digest: self.digest,
            stamp: self.stamp,
            parsed: self.parsed.clone(),
            encoded: self.encoded.clone(),
            reading: self.reading.clone(),
        }
    }
}

/// Parsed files by path (`content/…`), for one program.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: HashMap<String, Entry>,
    /// The program the trees were made by ([`crate::pipeline`]'s identity);
    /// empty when unknown, and then nothing is kept on disk.
    program: Vec<u8>,
}

/// What a load learned for the next: every file it read, with its result.
#[derive(Debug, Default)]
pub(crate) struct Fresh {
    found: Mutex<Vec<(String, Entry)>>,
    /// Project readings made this time, encoded, by file.
    readings: Mutex<Vec<(String, Arc<[u8]>)>>,
    /// Files parsed this time (not found in the cache).
    parsed: std::sync::atomic::AtomicUsize,
}

impl Fresh {
    /// How many files were parsed so far (not found in the cache).
    pub(crate) fn parsed(&self) -> usize {
        self.parsed.load(std::sync::atomic::Ordering::Relaxed)
    }
}

const MAGIC: &[u8; 16] = b"gongshi-parsed4\n";
const PREFIX: &str = ".gongshi-parsed-";

impl ParseCache {
    /// An empty cache for trees made by `program`.
    pub fn new(program: &[u8]) -> ParseCache {
        ParseCache { entries: HashMap::new(), program: program.to_vec() }
    }

    /// The digest of the file `rel` and what is known of it (its reading or
    /// its parse), unread, when its stamp is `stamp` as when it was last
    /// read (and settled then); `fresh` learns it.
    pub(super) fn unchanged(&self, rel: &str, stamp: Stamp, fresh: &Fresh) -> Option<(FileDigest, Known)> {
        let e = self.entries.get(rel).filter(|e| e.stamp == Some(stamp))?;
        let known = e.known()?;
        let mut entry = e.again();
        if let Known::Tree(parsed) = &known {
            entry.parsed = Some(Arc::clone(parsed));
        }
        if let Ok(mut found) = fresh.found.lock() {
            found.push((rel.to_owned(), entry));
        }
        Some((e.digest, known))
    }

    /// The reading kept for the file `rel` whose bytes, just read, have
    /// `digest` (and whose stamp, if settled, is `stamp`): a file written
    /// again with the same bytes, or checked out anew, is not parsed again.
    /// `fresh` learns it, with its new stamp.
    pub(super) fn reading_of(
        &self,
        rel: &str,
        (digest, stamp): (FileDigest, Option<Stamp>),
        fresh: &Fresh,
    ) -> Option<Reading> {
        let e = self.entries.get(rel).filter(|e| e.digest == digest)?;
        let reading = postcard::from_bytes::<Reading>(e.reading.as_ref()?).ok()?;
        let entry = Entry { stamp, ..e.again() };
        if let Ok(mut found) = fresh.found.lock() {
            found.push((rel.to_owned(), entry));
        }
        Some(reading)
    }

    /// Keeps the reading of the project file `rel` (whose bytes this load
    /// saw) for the next load.
    pub(crate) fn keep_reading(&self, rel: &str, project: &Arc<Project>, diags: &[Diagnostic], fresh: &Fresh) {
        if self.program.is_empty() {
            return;
        }
        // Encoding cannot fail for these types; a failure only loses the shortcut.
        let Ok(bytes) = postcard::to_stdvec(&(project, diags)) else { return };
        if let Ok(mut readings) = fresh.readings.lock() {
            readings.push((rel.to_owned(), bytes.into()));
        }
    }

    /// The parse of the file `rel` whose bytes are `text` (with SHA-256
    /// `digest`, read when the file's settled stamp was `stamp`): from the
    /// cache when its digest is the same, else parsed now. Either way
    /// `fresh` learns it.
    pub(super) fn parse(
        &self,
        rel: &str,
        text: &str,
        (digest, stamp): (FileDigest, Option<Stamp>),
        fresh: &Fresh,
    ) -> Arc<Parsed> {
        let cached = self.entries.get(rel).filter(|e| e.digest == digest).and_then(|e| {
            let parsed = e.tree()?;
            Some((parsed, e.encoded.clone()))
        });
        let (parsed, encoded) = cached.unwrap_or_else(|| {
            fresh.parsed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (Arc::new(Parsed::of(text)), None)
        });
        let entry = Entry { digest, stamp, parsed: Some(Arc::clone(&parsed)), encoded, reading: None };
        if let Ok(mut found) = fresh.found.lock() {
            found.push((rel.to_owned(), entry));
        }
        parsed
    }

    /// Keeps the entry of `rel` for the next load when it is for bytes with
    /// `digest`: the file's reading was taken whole ([`super::reads`]), so
    /// its tree was not asked for.
    pub(crate) fn carry(&self, rel: &str, digest: FileDigest, fresh: &Fresh) {
        let Some(e) = self.entries.get(rel).filter(|e| e.digest == digest) else { return };
        let entry = e.again();
        if let Ok(mut found) = fresh.found.lock() {
            found.push((rel.to_owned(), entry));
        }
    }

    /// The cache after a load: exactly the files it read (a removed file's
    /// entry goes), and whether it differs from `self` (worth saving).
    pub(crate) fn updated(self, fresh: Fresh) -> (ParseCache, bool) {
        let found = fresh.found.into_inner().unwrap_or_default();
        let readings = fresh.readings.into_inner().unwrap_or_default();
        let changed = fresh.parsed.into_inner() > 0 || !readings.is_empty() || found.len() != self.entries.len();
        let mut entries: HashMap<String, Entry> = found.into_iter().collect();
        for (rel, reading) in readings {
            if let Some(e) = entries.get_mut(&rel) {
                e.reading = Some(reading);
            }
        }
        (ParseCache { entries, program: self.program }, changed)
    }

    /// Number of files cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cache kept beside the output `out` for `program`; empty when
    /// there is none, or it is another program's, or damaged.
    pub fn read(out: &Path, program: &[u8]) -> ParseCache {
        let empty = ParseCache::new(program);
        if program.is_empty() {
            return empty;
        }
        // What a build killed while writing the cache left.
        let _ = fs::remove_file(tmp_of(out));
        let Ok(bytes) = fs::read(file_of(out)) else { return empty };
        decode(&bytes, program).map_or(empty, |entries| ParseCache { entries, program: program.to_vec() })
    }

    /// Keeps the cache beside the output `out` (written aside, then renamed
    /// over the old one, so a killed build leaves the old file or the new).
    pub fn write(&self, out: &Path) -> io::Result<()> {
        if self.program.is_empty() {
            return Ok(());
        }
        let mut files: Vec<(&String, &Entry)> = self.entries.iter().collect();
        files.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut body = Vec::new();
        for (rel, entry) in files {
            let stored = match (&entry.reading, &entry.encoded, &entry.parsed) {
                (Some(bytes), ..) => Stored::Reading(std::borrow::Cow::Borrowed(&bytes[..])),
                (None, Some(bytes), _) => Stored::Tree(std::borrow::Cow::Borrowed(&bytes[..])),
                (None, None, Some(p)) => {
                    Stored::Tree(postcard::to_stdvec(p.as_ref()).map_err(io::Error::other)?.into())
                }
                (None, None, None) => continue,
            };
            let record = postcard::to_stdvec(&(rel, entry.digest, entry.stamp, stored)).map_err(io::Error::other)?;
            body.extend_from_slice(&(record.len() as u64).to_le_bytes());
            body.extend_from_slice(&record);
        }
        let (file, tmp) = (file_of(out), tmp_of(out));
        let mut w = io::BufWriter::new(fs::File::create(&tmp)?);
        w.write_all(MAGIC)?;
        w.write_all(&(self.program.len() as u64).to_le_bytes())?;
        w.write_all(&self.program)?;
        w.write_all(&crc32fast::hash(&body).to_le_bytes())?;
        w.write_all(&body)?;
        w.into_inner().map_err(io::IntoInnerError::into_error)?;
        fs::rename(&tmp, &file).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }
}

/// What a cache file keeps of one file: a project's reading, or else the tree.
#[derive(Serialize, Deserialize)]
enum Stored<'a> {
    Tree(#[serde(borrow, with = "serde_bytes")] std::borrow::Cow<'a, [u8]>),
    Reading(#[serde(borrow, with = "serde_bytes")] std::borrow::Cow<'a, [u8]>),
}

/// The parse-cache file of the output `out`.
pub fn file_of(out: &Path) -> PathBuf {
    let parent = out.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = out.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    parent.join(format!("{PREFIX}{name}"))
}

/// Where the cache of `out` is written before it is renamed into place.
fn tmp_of(out: &Path) -> PathBuf {
    let mut name = file_of(out).into_os_string();
    name.push(".tmp");
    PathBuf::from(name)
}

/// The entries of a cache file, if it is whole and `program`'s. The body's
/// CRC-32 is checked before anything is decoded: a damaged file must not
/// feed the loader a wrong tree. (A check against damage, not a digest of
/// content: the file is written aside and renamed into place, only this
/// program reads it, and SHA-256 over its 23 MB at 10,000 projects cost
/// more than the rest of reading it.)
fn decode(bytes: &[u8], program: &[u8]) -> Option<HashMap<String, Entry>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    let (theirs, rest) = rest.split_at_checked(len)?;
    if theirs != program {
        return None;
    }
    let (check, mut body) = rest.split_first_chunk::<4>()?;
    if crc32fast::hash(body) != u32::from_le_bytes(*check) {
        return None;
    }
    let mut entries = HashMap::new();
    while !body.is_empty() {
        let (len, rest) = body.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (record, rest) = rest.split_at_checked(len)?;
        let (rel, digest, stamp, stored): (String, FileDigest, Option<Stamp>, Stored<'_>) =
            postcard::from_bytes(record).ok()?;
        let (encoded, reading) = match stored {
            Stored::Tree(bytes) => (Some(Arc::from(bytes.as_ref())), None),
            Stored::Reading(bytes) => (None, Some(Arc::from(bytes.as_ref()))),
        };
        entries.insert(rel, Entry { digest, stamp, parsed: None, encoded, reading });
        body = rest;
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use sha2::{Digest as _, Sha256};

    use super::*;

    fn digest(text: &str) -> FileDigest {
        Sha256::digest(text.as_bytes()).into()
    }

    fn load_one(cache: ParseCache, rel: &str, text: &str) -> (ParseCache, bool, Arc<Parsed>) {
        let fresh = Fresh::default();
        let parsed = cache.parse(rel, text, (digest(text), None), &fresh);
        let (cache, changed) = cache.updated(fresh);
        (cache, changed, parsed)
    }

    #[test]
    fn a_file_is_parsed_again_only_when_its_bytes_change() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let (cache, changed, first) = load_one(ParseCache::new(b"p1"), "content/a.yaml", "id: A\nname: x\n");
        assert!(changed);
        cache.write(&out).unwrap();
        // Read back: the same bytes give the same tree, and nothing to save.
        let again = ParseCache::read(&out, b"p1");
        assert_eq!(again.len(), 1);
        let fresh = Fresh::default();
        let parsed = again.parse("content/a.yaml", "id: A\nname: x\n", (digest("id: A\nname: x\n"), None), &fresh);
        assert_eq!(fresh.parsed(), 0);
        assert_eq!(parsed.tree.as_ref().ok(), first.tree.as_ref().ok());
        // Edited bytes are parsed, and the tree is the new one.
        let (_, changed, edited) = load_one(again, "content/a.yaml", "id: A\nname: y\n");
        assert!(changed);
        assert_ne!(edited.tree.as_ref().ok(), first.tree.as_ref().ok());
    }

    #[test]
    fn a_file_is_taken_unread_only_while_its_stamp_is_the_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        fs::write(&a, "id: A\n").unwrap();
        fs::write(&b, "id: B\n").unwrap();
        let stamp = |p: &Path| Stamp::of(&fs::metadata(p).unwrap()).unwrap();
        let cache = ParseCache::new(b"p");
        let fresh = Fresh::default();
        // `a` was settled when read; `b` was not, so it keeps no stamp.
        cache.parse("content/a.yaml", "id: A\n", (digest("id: A\n"), Some(stamp(&a))), &fresh);
        cache.parse("content/b.yaml", "id: B\n", (digest("id: B\n"), None), &fresh);
        cache.updated(fresh).0.write(&out).unwrap();
        let back = ParseCache::read(&out, b"p");
        let fresh = Fresh::default();
        let (kept, known) = back.unchanged("content/a.yaml", stamp(&a), &fresh).expect("taken unread");
        assert_eq!(kept, digest("id: A\n"));
        let Known::Tree(parsed) = known else { panic!("no reading was kept, yet one came back") };
        assert_eq!(parsed.tree.as_ref().ok(), Parsed::of("id: A\n").tree.as_ref().ok());
        assert!(back.unchanged("content/b.yaml", stamp(&b), &fresh).is_none(), "no stamp, yet trusted");
        // The next cache keeps it, stamp and all.
        let (next, _) = back.updated(fresh);
        assert_eq!(next.len(), 1);
        assert!(next.unchanged("content/a.yaml", stamp(&a), &Fresh::default()).is_some());
        // Written again (the inode's change time moves): read as before.
        fs::write(&a, "id: A\n").unwrap();
        assert!(next.unchanged("content/a.yaml", stamp(&a), &Fresh::default()).is_none());
    }

    #[test]
    fn a_tree_is_written_as_one_run_of_the_bytes_a_vec_would_give() {
        let bytes = [1u8, 2, 200, 0];
        let written = postcard::to_stdvec(&serde_bytes::Bytes::new(&bytes)).unwrap();
        assert_eq!(written, postcard::to_stdvec(&bytes.to_vec()).unwrap());
        let back: &serde_bytes::Bytes = postcard::from_bytes(&written).unwrap();
        assert_eq!(back.as_ref(), bytes);
    }

    #[test]
    fn another_programs_or_a_damaged_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let (cache, _, _) = load_one(ParseCache::new(b"p1"), "content/a.yaml", "id: A\n");
        cache.write(&out).unwrap();
        assert!(ParseCache::read(&out, b"p2").is_empty());
        let file = file_of(&out);
        let mut bytes = fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&file, bytes).unwrap();
        assert!(ParseCache::read(&out, b"p1").is_empty());
        // A removed file leaves the cache.
        let (cache, changed) = ParseCache::new(b"p1").updated(Fresh::default());
        assert!(cache.is_empty() && !changed);
    }

    #[test]
    fn syntax_errors_and_lint_findings_are_kept_too() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let (bad, linted) = ("name: [x\n", "name: 白岩村 #3 厂房\n");
        let cache = ParseCache::new(b"p");
        let fresh = Fresh::default();
        cache.parse("content/bad.yaml", bad, (digest(bad), None), &fresh);
        cache.parse("content/lint.yaml", linted, (digest(linted), None), &fresh);
        cache.updated(fresh).0.write(&out).unwrap();
        let back = ParseCache::read(&out, b"p");
        assert_eq!(back.len(), 2);
        let fresh = Fresh::default();
        let bad_back = back.parse("content/bad.yaml", bad, (digest(bad), None), &fresh);
        let lint_back = back.parse("content/lint.yaml", linted, (digest(linted), None), &fresh);
        assert_eq!(fresh.parsed(), 0);
        let message = |p: &Parsed| p.tree.as_ref().err().map(|e| e.message.clone());
        assert!(message(&bad_back).is_some());
        assert_eq!(message(&bad_back), message(&Parsed::of(bad)));
        assert_eq!(lint_back.lint.len(), 1);
        assert_eq!(lint_back.lint[0].pos, Parsed::of(linted).lint[0].pos);
    }
}
