//! The previous tree after the swap (旧网站): moved aside beside the output
//! as `.gongshi-trash-<pid>-<name>` and removed only after the command has
//! reported success, so deleting tens of thousands of files does not stand
//! between the user and the new site. A process killed before removing it
//! leaves the folder for the next build, which removes it first
//! ([`is_trash_of`]). It is beside the output, never inside it, so it is
//! never published and never in the manifest.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

const PREFIX: &str = ".gongshi-trash-";

/// A swapped-out tree waiting to be removed; removed when dropped, or
/// earlier with [`Trash::empty`] to learn whether that worked.
#[derive(Debug)]
pub struct Trash {
    dir: Option<PathBuf>,
}

impl Trash {
    /// Moves the old tree at `old` aside as this process's trash folder
    /// beside the output named `name`; where that rename fails it stays
    /// where it is (a staging name the next build also cleans up).
    pub(super) fn set_aside(old: PathBuf, parent: &Path, name: &str) -> Trash {
        let trash = parent.join(name_of(name));
        let dir = if std::fs::rename(&old, &trash).is_ok() { trash } else { old };
        Trash { dir: Some(dir) }
    }

    /// The trash folder `dir`, already in place.
    pub(super) fn at(dir: PathBuf) -> Trash {
        Trash { dir: Some(dir) }
    }

    /// The folder to remove, while it is there.
    pub fn path(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Removes the old tree now.
    pub fn empty(mut self) -> Result<(), Error> {
        match self.dir.take() {
            Some(dir) => remove_ours(&dir),
            None => Ok(()),
        }
    }
}

impl Drop for Trash {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = remove_ours(&dir);
        }
    }
}

/// A new trash folder name for the output `name`:
/// `.gongshi-trash-<pid>.<n>-<name>`, `n` counting this process's trash
/// folders. One process (`serve`) builds many times, and a build's trash
/// may still be being removed on another thread when the next begins.
pub(super) fn name_of(name: &str) -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{PREFIX}{}.{n}-{name}", std::process::id())
}

/// The process that made the trash folder named `file_name` of the output
/// `name`, when it is one (`.gongshi-trash-<pid>[.<n>]-<name>`, so `out`
/// never matches `out-2`'s).
pub(super) fn trash_of(file_name: &str, name: &str) -> Option<u32> {
    let (tag, rest) = file_name.strip_prefix(PREFIX)?.split_once('-')?;
    let (pid, n) = tag.split_once('.').unwrap_or((tag, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(n) && rest == name).then(|| pid.parse().ok()).flatten()
}

/// Whether the folder named `file_name` is a trash folder of the output
/// `name` left by another process: one of this process's is being removed
/// by it (see [`name_of`]).
pub(super) fn is_trash_of(file_name: &str, name: &str) -> bool {
    trash_of(file_name, name).is_some_and(|pid| pid != std::process::id())
}

/// Undoes what a killed build left beside `out`: if it died between moving
/// the old site away and moving the new one in, the old one is put back;
/// then every leftover staging, old or trash folder of ours (it has the
/// marker) is removed. Folders without the marker are never touched.
pub(super) fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    let ours = |p: &Path| {
        let n = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        n.starts_with(&format!("{name}.tmp-")) || n.starts_with(&format!("{name}.old-")) || is_trash_of(&n, name)
    };
    let mut leftovers = Vec::new();
    for p in entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| ours(p)) {
        if p.join(super::MARKER).is_file() {
            leftovers.push(p);
        } else {
            // A build killed between creating its staging folder and writing the
            // marker leaves it empty; `remove_dir` removes only an empty folder.
            let _ = fs::remove_dir(&p);
        }
    }
    leftovers.sort();
    if !out.exists()
        && let Some(i) = leftovers.iter().position(|p| p.to_string_lossy().contains(&format!("{name}.old-")))
    {
        let old = leftovers.remove(i);
        fs::rename(&old, out).map_err(|e| Error::io(&old, e))?;
    }
    for dir in leftovers {
        remove_ours(&dir)?;
    }
    Ok(())
}

/// Removes a folder of ours with its marker last, so a build killed while
/// deleting leaves a folder the next build still recognizes and removes.
pub(super) fn remove_ours(dir: &Path) -> Result<(), Error> {
    use rayon::prelude::*;
    let io = |e| Error::io(dir, e);
    let entries: Vec<PathBuf> =
        fs::read_dir(dir).map_err(io)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(io)?;
    // On every thread: freeing tens of thousands of files is most of the
    // time it takes, and it runs after the success message, while the user
    // waits for the prompt.
    entries.par_iter().filter(|path| path.file_name().is_none_or(|n| n != super::MARKER)).try_for_each(|path| {
        if path.is_dir() { fs::remove_dir_all(path) } else { fs::remove_file(path) }.map_err(|e| Error::io(path, e))
    })?;
    let _ = fs::remove_file(dir.join(super::MARKER));
    fs::remove_dir(dir).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trash_names_belong_to_one_output() {
        assert_eq!(trash_of(".gongshi-trash-123-output", "output"), Some(123));
        assert_eq!(trash_of(".gongshi-trash-123.4-output", "output"), Some(123));
        assert_eq!(trash_of(".gongshi-trash-9-out-2", "out-2"), Some(9));
        assert_eq!(trash_of(".gongshi-trash-9-out-2", "out"), None);
        assert_eq!(trash_of(".gongshi-trash--output", "output"), None);
        assert_eq!(trash_of(".gongshi-trash-1.-output", "output"), None);
        assert_eq!(trash_of("output.tmp-3", "output"), None);
        // This process's own are being removed by it, not left over.
        let own = name_of("output");
        assert_eq!(trash_of(&own, "output"), Some(std::process::id()));
        assert!(!is_trash_of(&own, "output"));
        assert_ne!(own, name_of("output"));
    }
}
