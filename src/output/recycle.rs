//! The spare tree (备用目录): the site a build replaced is kept beside the
//! output as `.gongshi-spare-<name>` and becomes the next build's staging
//! folder, updated in place, instead of being deleted and a new tree of tens
//! of thousands of folders made again. At 10,000 projects the new tree's
//! `mkdir`s and the old tree's `unlink`s were most of a rebuild's system
//! time (benches/README.md); with the spare a rebuild makes and removes only
//! what differs.
//!
//! Safety: the spare's files may be hard links shared with the live output
//! (unchanged files are linked, [`super::previous`]), so a file of the spare
//! is never written in place: it is kept when its manifest digest and
//! length match the new bytes, and otherwise removed before the new file is
//! made. Whatever the spare holds beyond this build's files (a file edited
//! or added by hand, a page the content no longer has) is removed before the
//! swap ([`prune`]), so the result is the same bytes as a clean build. The
//! spare's manifest is deleted when it is claimed: a build killed while
//! updating it leaves a staging folder the next build deletes, never a
//! spare whose manifest lies.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::{HashMap, HashSet, HashSetExt as _};

use super::previous::{self, Digest};
use super::{MANIFEST, MARKER};

const PREFIX: &str = ".gongshi-spare-";

/// The spare of the output `name` in `parent`.
pub(super) fn spare_of(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!("{PREFIX}{name}"))
}

/// Takes the spare of the output `name` as the staging folder `staging`
/// (renamed, so no other build can take it too), with the digests its
/// manifest gives its files. `None` when there is no usable spare: then
/// any spare left is removed and the build starts from an empty folder.
pub(super) fn claim(parent: &Path, name: &str, staging: &Path) -> Option<HashMap<String, Digest>> {
    let spare = spare_of(parent, name);
    if !spare.join(MARKER).is_file() {
        // Not ours (never touched), or nothing there.
        return None;
    }
    let digests = previous::read_manifest(&spare.join(MANIFEST));
    if digests.is_some() && claim_known(parent, name, staging) {
        digests
    } else {
        let _ = super::remove_ours(&spare);
        None
    }
}

/// Takes the spare of the output `name` as the staging folder `staging`
/// when its files are known already ([`super::remembered`]): its manifest
/// is removed (as [`claim`] does) and it is renamed. Whether it was taken.
pub(super) fn claim_known(parent: &Path, name: &str, staging: &Path) -> bool {
    let spare = spare_of(parent, name);
    spare.join(MARKER).is_file() && fs::remove_file(spare.join(MANIFEST)).is_ok() && fs::rename(&spare, staging).is_ok()
}

/// Keeps the replaced site `old` as the output's spare; `Err(old)` when it
/// cannot be moved there (then it is removed as trash).
pub(super) fn keep(old: PathBuf, parent: &Path, name: &str) -> Result<(), PathBuf> {
    let spare = spare_of(parent, name);
    // A folder of that name without the marker is not ours: never touched.
    if spare.exists() && (!spare.join(MARKER).is_file() || super::remove_ours(&spare).is_err()) {
        return Err(old);
    }
    fs::rename(&old, &spare).map_err(|_| old)
}

/// The folders the files `rels` lie in (every ancestor, `/`-separated).
pub(super) fn folders_of<'a>(rels: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut folders = HashSet::new();
    for rel in rels {
        let mut rest = rel;
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !folders.insert(parent.to_owned()) {
                break;
            }
            rest = parent;
        }
    }
    folders
}

/// Removes from the recycled staging folder `dir` every file that is not
/// one of this build's `written` files (nor the marker), and every folder
/// none of them lies in. Returns the files removed.
///
/// Each folder's subfolders are walked on every thread: the walk reads
/// every folder of the site (41,000 at 10,000 projects), and on one thread
/// it was a fifth of a rebuild with nothing changed. It is not skipped: a
/// file added to the output by hand must not outlive a clean build's result.
pub(super) fn prune(dir: &Path, written: &HashSet<&str>) -> io::Result<usize> {
    let removed = std::sync::atomic::AtomicUsize::new(0);
    prune_in(dir, "", written, &removed)?;
    Ok(removed.into_inner())
}

/// Prunes the folder `path` (`rel` below the staging folder, "" for it);
/// whether anything in it is kept.
pub(super) fn prune_in(
    path: &Path,
    rel: &str,
    written: &HashSet<&str>,
    removed: &std::sync::atomic::AtomicUsize,
) -> io::Result<bool> {
    use rayon::prelude::*;
    let (kept, folders) = prune_files(path, rel, written, removed)?;
    let inner = folders
        .par_iter()
        .map(|(path, rel)| {
            let keep = prune_in(path, rel, written, removed)?;
            if !keep {
                // Empty now: everything in it was stale.
                fs::remove_dir(path)?;
            }
            Ok(keep)
        })
        .collect::<io::Result<Vec<bool>>>()?;
    Ok(kept || inner.contains(&true))
}

/// Prunes the files of the folder `path` (`rel` below the staging folder,
/// "" for it): every file that is not one of `written` (nor the marker) is
/// removed and counted in `removed`, every name that is not UTF-8 cleared.
/// Whether a file is kept, and the subfolders (path, `rel`), left to the caller.
pub(super) fn prune_files(
    path: &Path,
    rel: &str,
    written: &HashSet<&str>,
    removed: &std::sync::atomic::AtomicUsize,
) -> io::Result<(bool, Vec<(PathBuf, String)>)> {
    let mut kept = false;
    let mut folders = Vec::new();
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name();
        // A name that is not UTF-8 is no file of a build.
        let Some(name) = name.to_str() else {
            clear(&entry.path())?;
            continue;
        };
        let child = if rel.is_empty() { name.to_owned() } else { format!("{rel}/{name}") };
        if entry.file_type()?.is_dir() {
            folders.push((entry.path(), child));
        } else if (rel.is_empty() && name == MARKER) || written.contains(child.as_str()) {
            kept = true;
        } else {
            fs::remove_file(entry.path())?;
            removed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
    Ok((kept, folders))
}

/// Opens a new file at `path`, failing when anything is there already.
pub(super) fn create_new(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new().write(true).create_new(true).open(path)
}

/// Removes whatever is at `path` (a file, or a folder with its contents);
/// nothing there is fine.
pub(super) fn clear(path: &Path) -> io::Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match removed {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Whether `file_name` is the spare of the output `name`.
#[cfg(test)]
pub(super) fn is_spare_of(file_name: &str, name: &str) -> bool {
    file_name.strip_prefix(PREFIX) == Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_every_ancestor() {
        let f = folders_of(["a/b/c.html", "a/d.html", "top.txt"].into_iter());
        let mut f: Vec<_> = f.into_iter().collect();
        f.sort();
        assert_eq!(f, ["a", "a/b"]);
        assert!(is_spare_of(".gongshi-spare-output", "output"));
        assert!(!is_spare_of(".gongshi-spare-output-2", "output"));
    }
}
