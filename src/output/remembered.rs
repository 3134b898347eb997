//! What a build leaves for the next build in the same process (留存状态):
//! `serve` rebuilds into its own folder after every save, and reading back
//! what the last build wrote beside it (the manifest, render keys, groups
//! and memos, the spare's manifest), writing them again and walking the
//! spare for stray files were 0.4 s of a one-file rebuild at 10,000
//! projects. Only the serving process writes in its folder, so what the
//! last build wrote is what is there: the next build takes it from memory
//! ([`super::Staging::begin_remembering`]) and prunes the spare by what it
//! is known to hold instead of walking it ([`prune_known`]).
//!
//! It is only a shortcut: a build given none, or one for another folder,
//! reads everything from disk as `build` does; a failed build leaves none.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::{HashMap, HashSet};

use super::groups::{Group, SITE};
use super::previous::Digest;
use super::recycle::{clear, folders_of};
use super::{Current, MANIFEST, Staging};
use crate::render::reuse::RenderKey;

/// The state a published build leaves for the next one in this process.
#[derive(Debug)]
pub struct Remembered {
    /// The output folder it describes.
    pub(super) out: PathBuf,
    /// Every file of the output, as its manifest lists them.
    pub(super) published: HashMap<String, Digest>,
    /// Every file of the spare (the output it replaced), when it was kept.
    pub(super) spare: Option<HashMap<String, Digest>>,
    /// The folders those files lie in, once made ([`Remembered::prepare`]).
    pub(super) spare_folders: Option<HashSet<String>>,
    /// The render keys of the output's pages, with their lengths.
    pub(super) keys: HashMap<String, (RenderKey, u64)>,
    /// The output's groups of pages ([`super::groups`]).
    pub(super) groups: HashMap<String, Group>,
    /// The memos the build read or wrote ([`super::memos`]).
    pub(super) memos: HashMap<RenderKey, Arc<Vec<u8>>>,
}

/// The memos of a build that keeps its state in memory.
#[derive(Debug, Default)]
pub(super) struct Held {
    /// The last build's.
    pub(super) last: HashMap<RenderKey, Arc<Vec<u8>>>,
    /// This build's: those it read or wrote.
    pub(super) used: Mutex<HashMap<RenderKey, Arc<Vec<u8>>>>,
}

impl Held {
    pub(super) fn read(&self, key: &RenderKey) -> Option<Arc<Vec<u8>>> {
        let memo = self.last.get(key)?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(*key, Arc::clone(memo));
        }
        // Shared, not copied: a batch's memo is megabytes.
        Some(Arc::clone(memo))
    }

    pub(super) fn write(&self, key: &RenderKey, memo: &[u8]) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(*key, Arc::new(memo.to_vec()));
        }
    }
}

impl Remembered {
    /// Whether it describes the output folder `out`.
    /// Makes ahead what the next build would make first from this state:
    /// the folders of the spare's files, which it needs before it puts a
    /// file in the spare (41,000 paths at 10,000 projects, 15 ms; 70 ms at
    /// 50,000). `serve` calls it after the reload, while the user reads.
    /// (Only a shortcut: a folder missing from the set is made when a file
    /// needs it.)
    pub fn prepare(&mut self) {
        if self.spare_folders.is_none()
            && let Some(spare) = &self.spare
        {
            self.spare_folders = Some(folders_of(spare.keys().map(String::as_str)));
        }
    }

    pub(super) fn is_of(&self, out: &Path) -> bool {
        self.out == out
    }

    /// Whether the output it describes is exactly what a build of the whole
    /// site's inputs `key` with the static files `statics` (output path,
    /// source file) would write (see [`super::current`], which reads the
    /// same from disk); then what it holds.
    pub fn current(&self, out: &Path, key: &RenderKey, statics: &[(String, PathBuf)]) -> Option<Current> {
        let (files, _, pages) = self.groups.get(SITE)?.site_files(key)?;
        // A folder removed behind the server's back is no longer current.
        if !self.is_of(out) || self.published.len() != files.len() + statics.len() || !out.join(MANIFEST).is_file() {
            return None;
        }
        super::current::statics_listed(&self.published, statics, None)
            .then(|| super::current::unchanged(self.published.len(), pages))
    }
}

impl Staging {
    /// The state this build leaves, once published from `digests` (every
    /// file, sorted), with the output it replaced kept as the spare or not;
    /// `None` when it was not begun remembering.
    pub(super) fn remembered(&mut self, digests: Vec<(String, Digest, u64)>, spare_kept: bool) -> Option<Remembered> {
        let held = self.held.take()?;
        fn take<T>(m: &mut Mutex<Vec<T>>) -> Vec<T> {
            std::mem::take(m.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner))
        }
        let (keys, groups) = (take(&mut self.keys), take(&mut self.groups));
        // The three maps side by side, not one after the other on one
        // thread: at 50,000 projects they hold 208,000 paths, and they are
        // made after the new site is in place, before the page is told to
        // reload.
        let ((keys, groups), published) = rayon::join(
            || {
                rayon::join(
                    || keys.into_iter().map(|(rel, key, len)| (rel, (key, len))).collect(),
                    || groups.into_iter().collect(),
                )
            },
            || digests.into_iter().map(|(rel, digest, _)| (rel, digest)).collect(),
        );
        let replaced = std::mem::take(&mut self.previous).into_digests();
        Some(Remembered {
            out: self.out.clone(),
            published,
            spare: spare_kept.then_some(replaced),
            spare_folders: None,
            keys,
            groups,
            // A site put in place whole asked for no memo, and needs them all next time.
            memos: if self.site_reused.load(std::sync::atomic::Ordering::Relaxed) {
                held.last
            } else {
                held.used.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
            },
        })
    }
}

/// Removes from the recycled staging folder `dir`, which holds exactly the
/// files `held`, every one that is not among `written`, and every folder
/// that none of `written` lies in. Returns the files removed.
pub(super) fn prune_known(dir: &Path, held: &HashMap<String, Digest>, written: &HashSet<&str>) -> io::Result<usize> {
    let stale: Vec<&str> = held.keys().map(String::as_str).filter(|rel| !written.contains(rel)).collect();
    let mut removed = 0;
    for rel in &stale {
        match fs::remove_file(dir.join(rel)) {
            Ok(()) => removed += 1,
            // Replaced by a folder of this build, or gone with one removed.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::IsADirectory | io::ErrorKind::NotADirectory
                ) => {}
            Err(e) => return Err(e),
        }
    }
    if stale.is_empty() {
        return Ok(removed);
    }
    let needed = folders_of(written.iter().copied());
    let mut gone: Vec<String> = folders_of(stale.iter().copied())
        .into_iter()
        .filter(|f| !needed.contains(f) && !written.contains(f.as_str()))
        .collect();
    // Parents first, so a folder inside one already removed is skipped.
    gone.sort();
    let mut removed_folders: Vec<&str> = Vec::new();
    for folder in &gone {
        if removed_folders.iter().any(|r| folder.strip_prefix(r).is_some_and(|rest| rest.starts_with('/'))) {
            continue;
        }
        clear(&dir.join(folder))?;
        removed_folders.push(folder);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_a_known_spare_removes_what_was_not_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for rel in ["a/b/old.html", "a/keep.html", "c/d/e.html", "top.txt", "f/gone.html"] {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, rel).unwrap();
        }
        // This build made a file where the spare had a folder.
        fs::remove_dir_all(dir.join("f")).unwrap();
        fs::write(dir.join("f"), "now a file").unwrap();
        let held: HashMap<String, Digest> = ["a/b/old.html", "a/keep.html", "c/d/e.html", "top.txt", "f/gone.html"]
            .into_iter()
            .map(|r| (r.to_owned(), [0; 32]))
            .collect();
        let written: HashSet<&str> = ["a/keep.html", "top.txt", "f"].into_iter().collect();
        let removed = prune_known(dir, &held, &written).unwrap();
        assert_eq!(removed, 2);
        let mut left: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "a/keep.html", "f", "top.txt"]);
        assert_eq!(fs::read_to_string(dir.join("f")).unwrap(), "now a file");
    }
}
