//! The previous tree after the swap (旧网站): moved aside beside the output
//! as `.gongshi-trash-<pid>-<name>` and removed only after the command has
//! reported success, so deleting tens of thousands of files does not stand
//! between the user and the new site. A process killed before removing it
//! leaves the folder for the next build, which removes it first
//! ([`is_trash_of`]). It is beside the output, never inside it, so it is
//! never published and never in the manifest.

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
        let trash = parent.join(format!("{PREFIX}{}-{name}", std::process::id()));
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
            Some(dir) => super::remove_ours(&dir),
            None => Ok(()),
        }
    }
}

impl Drop for Trash {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = super::remove_ours(&dir);
        }
    }
}

/// Whether the folder named `file_name` is a trash folder of the output `name`
/// (`.gongshi-trash-<digits>-<name>`, so `out` never matches `out-2`'s).
pub(super) fn is_trash_of(file_name: &str, name: &str) -> bool {
    file_name
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(pid, rest)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && rest == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trash_names_belong_to_one_output() {
        assert!(is_trash_of(".gongshi-trash-123-output", "output"));
        assert!(is_trash_of(".gongshi-trash-9-out-2", "out-2"));
        assert!(!is_trash_of(".gongshi-trash-9-out-2", "out"));
        assert!(!is_trash_of(".gongshi-trash--output", "output"));
        assert!(!is_trash_of("output.tmp-3", "output"));
    }
}
