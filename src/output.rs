//! Publishing: files are written as they are rendered into a staging folder
//! beside the output folder, which is swapped in only when everything is
//! written, so readers never see half a site and a failed or killed build
//! leaves the previous output untouched.
//!
//! Every folder written here carries a marker file, written first; a
//! non-empty folder without it was not made by gongshi and is never replaced
//! (zola#574). Pages are streamed to disk, not held in memory, so memory does
//! not grow with the size of the output. A file whose bytes the previous
//! build already published is linked from it, not written again
//! ([`previous`]). The swapped-out tree is kept as the next build's staging
//! folder ([`recycle`]), or, where that cannot be, removed after success is
//! reported ([`trash`]).

use std::fs;
use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::Error;

mod aside;
mod current;
mod groups;
mod last;
pub mod manifest;
mod memos;
mod open;
mod previous;
mod recycle;
mod remembered;
mod render_keys;
mod sink;
mod spare;
mod spill;
mod stamps;
mod trash;

pub use current::{Current, current};
pub use groups::file_of as groups_of;
pub use last::LastOutput;
pub use memos::dir_of as memos_of;
pub use previous::Changes;
use previous::{Digest as FileDigest, Previous};
use recycle::{clear, create_new};
pub use remembered::Remembered;
pub use render_keys::file_of as render_keys_of;
pub use spare::{MadeSpare, SparePlan};
#[cfg(test)]
use spill::SPILL_AT;
use spill::{Hashing, Spill};
pub use stamps::file_of as stamps_of;
pub use trash::Trash;
use trash::remove_ours;

/// The marker file left in every output folder gongshi writes.
pub const MARKER: &str = ".gongshi-output";

/// The manifest of every other file (docs/urls.md).
pub const MANIFEST: &str = "manifest.sha256";

const MARKER_TEXT: &str = "gongshi: this folder is generated; `gongshi build` replaces it whole.\n";

/// Fails with [`Error::ForeignOutput`] when `out` exists, is not empty and
/// lacks the marker (or is not a folder at all).
pub fn ensure_replaceable(out: &Path) -> Result<(), Error> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::ForeignOutput(out.to_path_buf()));
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    if entries.next().is_none() || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(Error::ForeignOutput(out.to_path_buf()))
    }
}

/// Files put in any staging folder by this process, for a progress counter
/// (进度) that cannot reach the staging folder inside a running build.
static FILES_DONE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many files this process has put in staging folders so far.
pub fn files_done() -> usize {
    FILES_DONE.load(std::sync::atomic::Ordering::Relaxed)
}

/// A staging folder being filled; dropped without [`Staging::commit`], it is removed.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// Every file put in the staging folder, with its digest and length.
    digests: Mutex<Vec<(String, [u8; 32], u64)>>,
    /// What the output being replaced holds, to link unchanged files from.
    previous: Previous,
    /// When the staging folder is the recycled spare: the files it holds,
    /// with their digests (see [`recycle`]); empty for a new folder.
    recycled: HashMap<String, FileDigest>,
    /// Whether the staging folder is the recycled spare.
    recycling: bool,
    /// Whether it holds exactly `recycled` (known from this process's last
    /// build, [`remembered`]): then no file of it is looked at before it is
    /// kept, and it is pruned without a walk.
    exact: bool,
    /// Keeping the state for the next build in memory, not beside the
    /// output ([`remembered`]): the memos, read and written.
    held: Option<remembered::Held>,
    /// The previous build's render keys, with each file's length
    /// ([`render_keys`]).
    prev_keys: HashMap<String, (crate::render::reuse::RenderKey, u64)>,
    /// Pages reused without rendering so far.
    unrendered: std::sync::atomic::AtomicUsize,
    /// This build's render keys, to keep for the next.
    keys: Mutex<Vec<(String, crate::render::reuse::RenderKey, u64)>>,
    /// The previous build's groups of pages, and this build's ([`groups`]).
    prev_groups: HashMap<String, groups::Group>,
    groups: Mutex<Vec<(String, groups::Group)>>,
    /// The memos this build read or wrote ([`memos`]).
    memos_used: Mutex<HashSet<String>>,
    /// Whether the last build's render was put in place whole.
    site_reused: std::sync::atomic::AtomicBool,
    /// Replaced files of the recycled spare ([`aside`]).
    aside: aside::Aside,
    /// The claimed spare's changed folders and the trees' stamps ([`stamps`]).
    trees: stamps::Trees,
    /// Folders made (or found in the recycled spare) so far, relative and
    /// `/`-separated, so a file whose folder is listed is created at once,
    /// without a failed open or mkdir first: at 50,000 projects those were
    /// 200,000 extra lookups in folders of 50,000 entries.
    dirs: Mutex<HashSet<String>>,
    committed: bool,
}

impl Staging {
    /// Prepares `<out>.tmp-<pid>` beside `out`, after recovering from and
    /// cleaning up any build that died before (see [`recover`]). Unchanged
    /// files are linked from the output being replaced.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        Staging::open(out, None, None)
    }

    /// As [`Staging::begin`], with what the last build left beside `out`
    /// read already.
    pub fn begin_after(out: &Path, last: LastOutput) -> Result<Staging, Error> {
        Staging::open(out, None, Some(last))
    }

    /// As [`Staging::begin`], taking what the last build knew from `last`
    /// (when it describes `out`) instead of from disk, and giving the same
    /// for the next build on [`Staging::commit`] instead of writing it
    /// beside the output (`serve`, [`remembered`]).
    pub fn begin_remembering(out: &Path, last: Option<Remembered>) -> Result<Staging, Error> {
        Staging::open(out, Some(last.filter(|l| l.is_of(out))), None)
    }

    /// Writes one file (`rel` is `/`-separated) and records its SHA-256.
    /// Safe to call from many threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.target(rel)?;
        self.make_folders(rel)?;
        let digest = Sha256::digest(bytes).into();
        self.place(rel, &path, &digest, bytes)?;
        self.record(rel, digest, bytes.len() as u64);
        Ok(())
    }

    /// Puts the file `rel` with `bytes` (whose digest is `digest`) at `path`:
    /// a recycled file that holds them already is kept, the previous
    /// output's is linked, else the bytes are written. A file in the way is
    /// removed first, never written over: in a recycled folder it may be a
    /// hard link shared with the live output.
    fn place(&self, rel: &str, path: &Path, digest: &FileDigest, bytes: &[u8]) -> Result<(), Error> {
        let len = bytes.len() as u64;
        if self.keeps_recycled(rel, path, digest, len) {
            return Ok(());
        }
        let mut cleared = false;
        loop {
            if self.previous.link(rel, path, digest, len) {
                return Ok(());
            }
            match create_new(path).and_then(|mut f| f.write_all(bytes)) {
                Err(e) if e.kind() == ErrorKind::AlreadyExists && !cleared => {
                    // Something the recycled manifest did not list.
                    clear(path).map_err(|e| Error::io(path, e))?;
                    cleared = true;
                }
                // A recycled folder deleted by hand, found by no sweep ([`stamps`]).
                Err(e) if e.kind() == ErrorKind::NotFound && !cleared && self.recycling => {
                    path.parent().map_or(Ok(()), fs::create_dir_all).map_err(|e| Error::io(path, e))?;
                    cleared = true;
                }
                done => return done.map_err(|e| Error::io(path, e)),
            }
        }
    }

    /// Whether the recycled staging folder holds `rel` with these bytes
    /// already (it is kept); else any recycled file there is removed, so
    /// the new one is made, never written over.
    fn keeps_recycled(&self, rel: &str, path: &Path, digest: &FileDigest, len: u64) -> bool {
        let Some(had) = self.recycled.get(rel) else { return false };
        if had == digest && (self.exact || fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == len)) {
            return true;
        }
        // Not removable: the new file's creation then fails and says why.
        let _ = self.put_aside(path);
        false
    }

    /// Writes one file as `fill` produces it, hashing the bytes on their way
    /// to disk, so a large file is never held whole in memory: up to
    /// [`spill::SPILL_AT`] bytes are kept (and linked from the previous build when
    /// unchanged, as [`Staging::write`] does), beyond that they go to disk.
    pub fn stream(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
        let path = self.target(rel)?;
        self.make_folders(rel)?;
        let spill = Spill { path: &path, held: Some(Vec::new()), file: None };
        // The hasher sits under the buffer, so it sees 64 KiB blocks, not
        // every small write of the serializers.
        let mut w = BufWriter::with_capacity(1 << 16, Hashing { inner: spill, hasher: Sha256::new(), len: 0 });
        fill(&mut w).map_err(|e| Error::io(&path, e))?;
        let hashed = w.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        let (digest, len) = (hashed.hasher.finalize().into(), hashed.len);
        let spill = hashed.inner;
        if let Some(bytes) = spill.held {
            self.place(rel, &path, &digest, &bytes)?;
        }
        self.record(rel, digest, len);
        Ok(())
    }

    /// Where `rel` goes in the staging folder; a path that could leave it is refused.
    fn target(&self, rel: &str) -> Result<PathBuf, Error> {
        if !is_safe_relative(rel) {
            return Err(Error::UnsafeOutputPath(rel.into()));
        }
        Ok(self.dir.join(rel))
    }

    /// Makes the folders `rel` (a safe relative file path) lies in, top down,
    /// skipping those made before. Two threads may race to make one folder;
    /// the loser's `AlreadyExists` is success.
    fn make_folders(&self, rel: &str) -> Result<(), Error> {
        let Some((parent, _)) = rel.rsplit_once('/') else { return Ok(()) };
        let known = |p: &str| self.dirs.lock().is_ok_and(|d| d.contains(p));
        if known(parent) {
            return Ok(());
        }
        let ends = parent.match_indices('/').map(|(i, _)| i).chain([parent.len()]);
        for folder in ends.map(|end| &parent[..end]) {
            if known(folder) {
                continue;
            }
            let path = self.dir.join(folder);
            match fs::create_dir(&path) {
                // A file of the recycled tree where this build needs a folder.
                Err(e) if e.kind() == ErrorKind::AlreadyExists && self.recycling && !path.is_dir() => {
                    clear(&path).and_then(|()| fs::create_dir(&path)).map_err(|e| Error::io(&path, e))?;
                }
                Err(e) if e.kind() != ErrorKind::AlreadyExists => return Err(Error::io(&path, e)),
                _ => {}
            }
            if let Ok(mut d) = self.dirs.lock() {
                d.insert(folder.to_owned());
            }
        }
        Ok(())
    }

    /// Lists a written file (`len` bytes) for the manifest.
    fn record(&self, rel: &str, digest: [u8; 32], len: u64) {
        FILES_DONE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut d) = self.digests.lock() {
            d.push((rel.to_owned(), digest, len));
        }
    }

    /// Number of files written so far.
    pub fn files(&self) -> usize {
        self.digests.lock().map_or(0, |d| d.len())
    }

    /// Writes `manifest.sha256` (every file but itself and the marker, in
    /// `sha256sum -c` format, sorted by path) and swaps the staging folder in.
    /// The replaced tree comes back as [`Trash`], to remove once the user
    /// has been told.
    pub fn commit(mut self) -> Result<Published, Error> {
        let mut digests = std::mem::take(&mut *self.digests.lock().map_err(|_| poisoned(&self.dir))?);
        digests.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // The recycled folder is pruned while the manifest and what is kept
        // beside the output are written: the prune walks every folder of the
        // site and the writing is mostly one thread's encoding (together
        // 0.25 s of a one-file rebuild at 10,000 projects, one after the other).
        let prune = || -> Result<(), Error> {
            if self.recycling {
                let mut written: HashSet<&str> = digests.iter().map(|(rel, ..)| rel.as_str()).collect();
                // Written beside the prune, so it must not be taken for a stray file.
                written.insert(MANIFEST);
                if self.exact {
                    remembered::prune_known(&self.dir, &self.recycled, &written)
                } else {
                    let known = || remembered::prune_known(&self.dir, &self.recycled, &written);
                    let swept = self.trees.prune(&self.dir, &written, known);
                    swept.unwrap_or_else(|| recycle::prune(&self.dir, &written))
                }
                .map_err(|e| Error::io(&self.dir, e))?;
            }
            Ok(())
        };
        let write = || -> Result<(), Error> {
            let manifest = self.dir.join(MANIFEST);
            let text = manifest::text(&digests);
            let of: [u8; 32] = Sha256::digest(&text).into();
            let beside = || {
                if self.held.is_none() {
                    // A build without its keys only renders every page next time.
                    let _ = rayon::join(|| self.write_keys(&of), || self.write_groups(&of));
                    // A site put in place whole asked for no memo, and needs them all next time.
                    if !self.site_reused.load(std::sync::atomic::Ordering::Relaxed) {
                        self.prune_memos();
                    }
                }
            };
            rayon::join(|| fs::write(&manifest, &text), beside).0.map_err(|e| Error::io(&manifest, e))
        };
        let (pruned, wrote) = rayon::join(prune, write);
        pruned.and(wrote)?;
        if self.held.is_none() {
            self.trees.seal(&self.dir);
        }
        let mut changes = self.previous.changes(&digests);
        changes.unrendered = self.unrendered.load(std::sync::atomic::Ordering::Relaxed);
        let files = digests.len() + 1;
        let had_old = self.out.exists();
        // On Linux the two folders trade places in one atomic step, so there
        // is no instant without a complete site at `out`, even if the process
        // is killed; the old site is then in the staging folder, removed below
        // (or by the next build, if we die first).
        #[cfg(target_os = "linux")]
        if had_old && exchange(&self.dir, &self.out).is_ok() {
            self.committed = true;
            let (parent, name) = split(&self.out);
            let kept = recycle::keep(self.dir.clone(), &parent, &name);
            self.record_trees(kept.is_ok());
            let remembered = self.remembered(digests, kept.is_ok());
            let trash = kept.err().map(|old| Trash::set_aside(old, &parent, &name)).or_else(|| self.aside_trash());
            drop_later(self);
            return Ok(Published { files, changes, trash, remembered });
        }
        if had_old {
            fs::rename(&self.out, &self.old).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the previous site back.
            if had_old {
                let _ = fs::rename(&self.old, &self.out);
            }
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        let (parent, name) = split(&self.out);
        let kept = had_old.then(|| recycle::keep(self.old.clone(), &parent, &name));
        self.record_trees(matches!(kept, Some(Ok(()))));
        let remembered = self.remembered(digests, matches!(kept, Some(Ok(()))));
        let trash =
            kept.and_then(Result::err).map(|old| Trash::set_aside(old, &parent, &name)).or_else(|| self.aside_trash());
        drop_later(self);
        Ok(Published { files, changes, trash, remembered })
    }
}

/// Drops `value` on a thread of its own: what a build held of the last
/// output and of the content (maps of 40,000 paths, 10,000 records) took
/// 50 ms to free at 10,000 projects, after the site was in place and
/// before the command could say so; a process that ends first frees it
/// all at once.
pub fn drop_later<T: Send + 'static>(value: T) {
    // Where no thread can be made, the closure and the value are dropped here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// A staging folder swapped into place.
#[derive(Debug)]
pub struct Published {
    /// Files written, the manifest included (the marker is not counted).
    pub files: usize,
    /// What differs from the output it replaced.
    pub changes: Changes,
    /// The replaced output, to remove after success is reported, when it
    /// could not be kept as the next build's spare.
    pub trash: Option<Trash>,
    /// What the next build in this process takes instead of reading it
    /// back, when the staging folder was begun remembering.
    pub remembered: Option<Remembered>,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_ours(&self.dir);
        }
    }
}

/// Atomically exchanges two existing paths (renameat2 with RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    rustix::fs::renameat_with(rustix::fs::CWD, a, rustix::fs::CWD, b, rustix::fs::RenameFlags::EXCHANGE)
        .map_err(std::io::Error::from)
}

fn split(out: &Path) -> (PathBuf, String) {
    let name = out.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (parent, name)
}

fn poisoned(dir: &Path) -> Error {
    Error::io(dir, std::io::Error::other("a rendering thread panicked"))
}

/// A relative path with no `..`, no root, no backslash and no NUL: output
/// paths come from ids and static file names, and must stay in the folder.
fn is_safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && !rel.contains('\0')
        && rel.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

#[cfg(test)]
mod tests;
