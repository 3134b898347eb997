//! Files of the recycled spare that a build replaces are moved aside, not
//! deleted: freeing tens of thousands of files' blocks is most of the time
//! a rebuild spends bringing a spare two builds old up to date (2.3 s at
//! 10,000 projects after a `--today` change), and the user need not wait
//! for it. They go into this process's trash folder beside the output,
//! which is removed after the success message ([`super::Trash`]), or by the
//! next build if this one is killed first.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::recycle::clear;
use super::{MARKER, MARKER_TEXT, Staging, Trash};

/// Folders the replaced files are spread over.
const SPREAD: usize = 64;

/// The trash folder of replaced files, made when the first one comes.
#[derive(Debug, Default)]
pub(super) struct Aside {
    dir: std::sync::OnceLock<Option<PathBuf>>,
    count: AtomicUsize,
}

impl Staging {
    /// Gets whatever is at `path` out of the way: a file is moved into the
    /// trash folder, anything else (or a file that cannot be moved) removed.
    pub(super) fn put_aside(&self, path: &Path) -> io::Result<()> {
        let is_file = fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        if is_file && let Some(dir) = self.aside_dir() {
            let n = self.aside.count.fetch_add(1, Ordering::Relaxed);
            // Spread over folders: renames into one folder of 40,000
            // entries queue on its lock.
            if fs::rename(path, dir.join((n % SPREAD).to_string()).join(n.to_string())).is_ok() {
                return Ok(());
            }
        }
        clear(path)
    }

    fn aside_dir(&self) -> Option<&Path> {
        self.aside
            .dir
            .get_or_init(|| {
                let (parent, name) = super::split(&self.out);
                let dir = parent.join(super::trash::name_of(&name));
                let made = fs::create_dir(&dir).is_ok()
                    && fs::write(dir.join(MARKER), MARKER_TEXT).is_ok()
                    && (0..SPREAD).all(|i| fs::create_dir(dir.join(i.to_string())).is_ok());
                made.then_some(dir)
            })
            .as_deref()
    }

    /// The trash folder, to remove once the user has been told.
    pub(super) fn aside_trash(&self) -> Option<Trash> {
        self.aside.dir.get().cloned().flatten().map(Trash::at)
    }
}
