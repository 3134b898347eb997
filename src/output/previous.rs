//! The previous build (前一次生成) as a source of files: a file whose bytes
//! this build would write again is hard-linked from the published output
//! instead, so a second build writes only what changed and the old tree,
//! once swapped out, frees almost nothing when it is removed.
//!
//! Reuse is only an optimisation: when the previous output or its manifest
//! cannot be read, or a link fails (another device, a file system without
//! hard links), the file is written as on a first build. The result is the
//! same bytes either way, so a reused output equals a clean build.

use std::fs;
use std::path::{Path, PathBuf};

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::HashMap;

use super::MARKER;

/// A SHA-256 digest.
pub(super) type Digest = [u8; 32];

/// The files the previous build published, with their digests.
#[derive(Debug, Default)]
pub(super) struct Previous {
    /// The published output folder.
    dir: PathBuf,
    digests: HashMap<String, Digest>,
}

/// What a build changed compared with the previous output (本次变化).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files that are new or whose bytes changed.
    pub written: usize,
    /// Files whose bytes did not change.
    pub unchanged: usize,
    /// Files the previous build published and this one does not.
    pub removed: usize,
    /// Pages put in place from the previous build without being rendered
    /// again (their inputs did not change; among `unchanged`).
    pub unrendered: usize,
}

impl Previous {
    /// The output `out` whose manifest holds `manifest` (as read); nothing
    /// to reuse when `out` is not a marked output with a manifest (a first
    /// build) or it cannot be read.
    pub(super) fn of_manifest(out: &Path, manifest: Option<&[u8]>) -> Previous {
        let Some(manifest) = manifest.filter(|_| out.join(MARKER).is_file()) else { return Previous::default() };
        Previous { dir: out.to_path_buf(), digests: parse_manifest(manifest) }
    }

    /// The output `out` whose files are known to be `digests` (kept in
    /// memory from the build that wrote it, [`super::remembered`]).
    pub(super) fn known(out: &Path, digests: HashMap<String, Digest>) -> Previous {
        Previous { dir: out.to_path_buf(), digests }
    }

    /// Every file it lists, with its digest.
    pub(super) fn into_digests(self) -> HashMap<String, Digest> {
        self.digests
    }

    /// Hard-links the previous `rel` to `to` when it holds the bytes of
    /// `digest` (`len` bytes long); `false` when the file must be written.
    ///
    /// The length is checked against the file itself, so a published file
    /// truncated or replaced by hand since (the manifest no longer tells its
    /// bytes) is written anew rather than carried over.
    pub(super) fn link(&self, rel: &str, to: &Path, digest: &Digest, len: u64) -> bool {
        if self.digests.get(rel) != Some(digest) {
            return false;
        }
        let from = self.dir.join(rel);
        match fs::symlink_metadata(&from) {
            Ok(m) if m.is_file() && m.len() == len => fs::hard_link(&from, to).is_ok(),
            _ => false,
        }
    }

    /// Whether there is a previous output with files.
    pub(super) fn has_files(&self) -> bool {
        !self.digests.is_empty()
    }

    /// The digest the previous build listed for `rel`.
    pub(super) fn digest_of(&self, rel: &str) -> Option<Digest> {
        self.digests.get(rel).copied()
    }

    /// Where the previous build's `rel` is.
    pub(super) fn path_of(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Compares this build's files (sorted by path, each once) with the previous ones.
    pub(super) fn changes(&self, files: &[(String, Digest, u64)]) -> Changes {
        let unchanged = files.iter().filter(|(rel, d, _)| self.digests.get(rel) == Some(d)).count();
        let kept = files.iter().filter(|(rel, ..)| self.digests.contains_key(rel)).count();
        Changes { written: files.len() - unchanged, unchanged, removed: self.digests.len() - kept, unrendered: 0 }
    }
}

/// The files a `manifest.sha256` lists, with their digests; `None` when it
/// cannot be read.
pub(super) fn read_manifest(manifest: &Path) -> Option<HashMap<String, Digest>> {
    Some(parse_manifest(&fs::read(manifest).ok()?))
}

/// The digests a manifest's bytes list.
fn parse_manifest(bytes: &[u8]) -> HashMap<String, Digest> {
    String::from_utf8_lossy(bytes).lines().filter_map(parse_line).collect()
}

/// One `<64 hex digits>  <path>` line of a manifest.
fn parse_line(line: &str) -> Option<(String, Digest)> {
    let (hex, path) = line.split_once("  ")?;
    if hex.len() != 64 || path.is_empty() {
        return None;
    }
    let mut digest = [0u8; 32];
    for (i, byte) in digest.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some((path.to_owned(), digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_parse_to_digests() {
        let line = format!("{}  a/b.html", "0f".repeat(32));
        assert_eq!(parse_line(&line), Some(("a/b.html".into(), [0x0f; 32])));
        assert_eq!(parse_line(&format!("{}  a", "zz".repeat(32))), None);
        assert_eq!(parse_line("short  a"), None);
    }
}
