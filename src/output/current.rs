//! An output that is already current (输出已是最新): when nothing a build is
//! made from changed since the build that made the output, the output is
//! left as it is, instead of a staging folder being filled with the same
//! files and swapped in.
//!
//! "Nothing changed" is the whole site's render key of the last build (kept
//! in its groups, [`super::groups`]), every file the manifest lists still
//! there with the length it was written with, the static files the same
//! bytes, and nothing else in the folder: a file added by hand is removed,
//! as a clean build would not have it.

use std::fs;
use std::path::{Path, PathBuf};

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::{HashMap, HashSet};

use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use super::previous::read_manifest;
use super::{Changes, Error, MANIFEST};
use crate::render::reuse::RenderKey;

/// What an output already current holds.
#[derive(Debug)]
pub struct Current {
    /// HTML pages.
    pub pages: usize,
    /// Files, the manifest included.
    pub files: usize,
    /// Nothing written, nothing removed.
    pub changes: Changes,
}

/// Whether `out` is exactly what a build of the whole site's inputs `key`
/// with the static files `statics` (output path, source file) would write;
/// then its stray files, if any, are removed and `Some` says what it holds.
pub fn current(out: &Path, key: &RenderKey, statics: &[(String, PathBuf)]) -> Result<Option<Current>, Error> {
    // The site's key first: after an edit it differs, and nothing more is read.
    if !super::groups::site_made_from(out, key) {
        return Ok(None);
    }
    let Some(site) = super::groups::load_site(out) else { return Ok(None) };
    let Some((files, lens, pages)) = site.site_files(key) else { return Ok(None) };
    let Some(listed) = read_manifest(&out.join(MANIFEST)) else { return Ok(None) };
    if listed.len() != files.len() + statics.len() {
        return Ok(None);
    }
    let rendered_ok = files.par_iter().zip(lens).all(|(rel, &len)| {
        listed.contains_key(rel) && fs::symlink_metadata(out.join(rel)).is_ok_and(|m| m.is_file() && m.len() == len)
    });
    if !rendered_ok || !statics_listed(&listed, statics, Some(out)) {
        return Ok(None);
    }
    let (parent, name) = super::split(out);
    super::trash::recover(&parent, &name, out)?;
    let mut kept: HashSet<&str> = listed.keys().map(String::as_str).collect();
    kept.insert(MANIFEST);
    let swept = super::stamps::prune_current(out, &kept);
    swept.unwrap_or_else(|| super::recycle::prune(out, &kept)).map_err(|e| Error::io(out, e))?;
    Ok(Some(unchanged(listed.len(), pages)))
}

/// An output already current whose manifest lists `listed` files, `pages`
/// of them HTML pages rendered by the build that made it.
pub(super) fn unchanged(listed: usize, pages: usize) -> Current {
    Current {
        pages,
        files: listed + 1,
        changes: Changes { written: 0, unchanged: listed, removed: 0, unrendered: pages },
    }
}

/// Whether every static file (output path, source file) has the bytes
/// `listed` gives it; with `out`, also the length there.
pub(super) fn statics_listed(
    listed: &HashMap<String, [u8; 32]>,
    statics: &[(String, PathBuf)],
    out: Option<&Path>,
) -> bool {
    statics.par_iter().all(|(rel, source)| {
        let Ok(bytes) = fs::read(source) else { return false };
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        listed.get(rel) == Some(&digest)
            && out.is_none_or(|out| {
                fs::symlink_metadata(out.join(rel)).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            })
    })
}
