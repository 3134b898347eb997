//! [`super::recycle::prune`] on Linux: the same walk, each folder opened and
//! each stray file removed relative to its parent folder's descriptor
//! (`openat`, `unlinkat`), not by its path from the root. The walk opens
//! every folder of the site (41,000 at 10,000 projects), and resolving each
//! folder's path from the root again was most of its system time.

use std::ffi::CStr;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use foldhash::HashSet;
use rayon::prelude::*;
use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};

use super::MARKER;

/// See [`super::recycle::prune`].
pub(super) fn prune(dir: &Path, written: &HashSet<&str>) -> io::Result<usize> {
    let removed = AtomicUsize::new(0);
    prune_in(open(rustix::fs::CWD, dir)?, dir, "", written, &removed)?;
    Ok(removed.into_inner())
}

fn open<P: rustix::path::Arg>(parent: impl AsFd, name: P) -> io::Result<OwnedFd> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    Ok(rustix::fs::openat(parent, name, flags, Mode::empty())?)
}

/// Prunes the open folder `fd` (`rel` below the staging folder `root`);
/// whether anything in it is kept.
fn prune_in(fd: OwnedFd, root: &Path, rel: &str, written: &HashSet<&str>, removed: &AtomicUsize) -> io::Result<bool> {
    let mut kept = false;
    let mut folders = Vec::new();
    // Dir::new, not Dir::read_from: that opens the folder a second time.
    let mut entries = Dir::new(fd)?;
    while let Some(entry) = entries.read() {
        let entry = entry?;
        let name: &CStr = entry.file_name();
        if matches!(name.to_bytes(), b"." | b"..") {
            continue;
        }
        let kind = match entry.file_type() {
            // Not every file system tells the kind in the listing.
            FileType::Unknown => {
                FileType::from_raw_mode(rustix::fs::statat(entries.fd()?, name, AtFlags::SYMLINK_NOFOLLOW)?.st_mode)
            }
            known => known,
        };
        // A name that is not UTF-8 is no file of a build.
        let Ok(utf8) = name.to_str() else {
            use std::os::unix::ffi::OsStrExt as _;
            let path = root.join(rel).join(std::ffi::OsStr::from_bytes(name.to_bytes()));
            if kind == FileType::Directory {
                std::fs::remove_dir_all(&path)?
            } else {
                std::fs::remove_file(&path)?
            }
            continue;
        };
        let child = if rel.is_empty() { utf8.to_owned() } else { format!("{rel}/{utf8}") };
        if kind == FileType::Directory {
            folders.push((name.to_owned(), child));
        } else if (rel.is_empty() && utf8 == MARKER) || written.contains(child.as_str()) {
            kept = true;
        } else {
            rustix::fs::unlinkat(entries.fd()?, name, AtFlags::empty())?;
            removed.fetch_add(1, Ordering::Relaxed);
        }
    }
    let parent: BorrowedFd<'_> = entries.fd()?;
    let inner = folders
        .par_iter()
        .map(|(name, child)| {
            let keep = prune_in(open(parent, name.as_c_str())?, root, child, written, removed)?;
            if !keep {
                // Empty now: everything in it was stale.
                rustix::fs::unlinkat(parent, name.as_c_str(), AtFlags::REMOVEDIR)?;
            }
            Ok(keep)
        })
        .collect::<io::Result<Vec<bool>>>()?;
    Ok(kept || inner.contains(&true))
}
