//! Memos (备忘): what the renderer keeps between builds that is no file of
//! the output, each a pure function of its key (a batch's search index
//! fragment, [`crate::render::Sink::memo`]). They are kept beside the output
//! in `.gongshi-memos-<name>/`, one file per key named by it, so a build
//! reads only the memos it asks for and writes only new ones; those no
//! build asked for are removed when the build is published.
//!
//! Each file starts with the CRC-32 of the rest (little-endian): a damaged
//! memo is not used (the renderer then makes it again).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

// The output's sets are foldhash's (see `output.rs`).
use foldhash::HashSet;

use super::Staging;
use crate::render::reuse::RenderKey;

const PREFIX: &str = ".gongshi-memos-";

/// The memos folder of the output `out`.
pub fn dir_of(out: &Path) -> PathBuf {
    let (parent, name) = super::split(out);
    parent.join(format!("{PREFIX}{name}"))
}

fn name_of(key: &RenderKey) -> String {
    crate::hex::string(key)
}

impl Staging {
    /// The memo kept for `key`, if any and whole.
    pub(super) fn read_memo(&self, key: &RenderKey) -> Option<std::sync::Arc<Vec<u8>>> {
        if let Some(held) = &self.held {
            return held.read(key);
        }
        let name = name_of(key);
        let bytes = fs::read(dir_of(&self.out).join(&name)).ok()?;
        let (check, body) = bytes.split_first_chunk::<4>()?;
        if crc32fast::hash(body) != u32::from_le_bytes(*check) {
            return None;
        }
        if let Ok(mut used) = self.memos_used.lock() {
            used.insert(name);
        }
        Some(std::sync::Arc::new(body.to_vec()))
    }

    /// Keeps `memo` for `key`, replacing what was kept for it (a file
    /// written aside and renamed into place).
    pub(super) fn write_memo(&self, key: &RenderKey, memo: &[u8]) {
        if let Some(held) = &self.held {
            return held.write(key, memo);
        }
        let name = name_of(key);
        let dir = dir_of(&self.out);
        let file = dir.join(&name);
        let write = || -> io::Result<()> {
            fs::create_dir_all(&dir)?;
            let tmp = dir.join(format!("{name}.tmp-{}", std::process::id()));
            let mut bytes = crc32fast::hash(memo).to_le_bytes().to_vec();
            bytes.extend_from_slice(memo);
            fs::write(&tmp, bytes)?;
            fs::rename(&tmp, &file).inspect_err(|_| {
                let _ = fs::remove_file(&tmp);
            })
        };
        // Only a shortcut: a memo not kept is made again next time.
        if write().is_ok()
            && let Ok(mut used) = self.memos_used.lock()
        {
            used.insert(name);
        }
    }

    /// Removes the memos this build neither read nor wrote (and what a
    /// killed build left half-written).
    pub(super) fn prune_memos(&self) {
        let Ok(used) = self.memos_used.lock() else { return };
        prune(&dir_of(&self.out), &used);
    }
}

fn prune(dir: &Path, used: &HashSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_name().to_str().is_some_and(|n| used.contains(n)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_comes_back_as_kept_and_a_damaged_one_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let key: RenderKey = [3; 32];
        let s = Staging::begin(&out).unwrap();
        s.write_memo(&key, b"batch index");
        assert_eq!(s.read_memo(&key).as_deref().map(Vec::as_slice), Some(&b"batch index"[..]));
        drop(s);
        let file = dir_of(&out).join(name_of(&key));
        let mut bytes = fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&file, bytes).unwrap();
        let s = Staging::begin(&out).unwrap();
        assert_eq!(s.read_memo(&key), None, "a damaged memo was used");
        assert_eq!(s.read_memo(&[4; 32]), None);
    }
}
