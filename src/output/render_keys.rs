//! Render keys (渲染指纹) kept between builds: for every page the renderer
//! wrote, the digest of the inputs it was rendered from
//! ([`crate::render::reuse`]) and its length. The next build reuses the
//! page's file without rendering it when its key is the same.
//!
//! They are kept beside the output, as `.gongshi-render-<name>`, not in it:
//! a key depends on the gongshi binary, and the output must be the same
//! bytes whichever binary of a version made it (and nothing is published
//! that a reader has no use for). The file names the manifest of the output
//! it describes by its digest; keys of any other output (a build that died
//! before its swap, a hand-made change to the manifest) are not used.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::{HashMap, HashMapExt as _};

use super::recycle::clear;
use super::{Error, Staging};
use crate::render::reuse::RenderKey;

const PREFIX: &str = ".gongshi-render-";

/// The render-keys file of the output `out`.
pub fn file_of(out: &Path) -> PathBuf {
    let (parent, name) = super::split(out);
    parent.join(format!("{PREFIX}{name}"))
}

/// The keys of the output `out`, by path, with each file's length; empty
/// when there are none or they describe another manifest than the one with
/// digest `manifest`.
pub(super) fn load(out: &Path, manifest: &[u8; 32]) -> HashMap<String, (RenderKey, u64)> {
    let Ok(text) = fs::read_to_string(file_of(out)) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(crate::hex::string(manifest).as_str()) {
        return HashMap::new();
    }
    lines.filter_map(parse_line).collect()
}

/// `<key hex> <length> <path>`.
fn parse_line(line: &str) -> Option<(String, (RenderKey, u64))> {
    let mut parts = line.splitn(3, ' ');
    let (key, len, path) = (parts.next()?, parts.next()?, parts.next()?);
    let mut digest = [0u8; 32];
    if key.len() != 64 || path.is_empty() {
        return None;
    }
    for (i, byte) in digest.iter_mut().enumerate() {
        *byte = u8::from_str_radix(key.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some((path.to_owned(), (digest, len.parse().ok()?)))
}

impl Staging {
    /// Puts the previous build's `rel` in place when it was rendered from
    /// `key` and is still the length it was written with (a file changed by
    /// hand since is rendered again). Never an error of the build: anything
    /// that prevents reuse means the page is rendered.
    pub(super) fn reuse_rendered(&self, rel: &str, key: &RenderKey) -> Result<bool, Error> {
        let Some(&(_, len)) = self.prev_keys.get(rel).filter(|(k, _)| k == key) else { return Ok(false) };
        let Some(digest) = self.previous.digest_of(rel) else { return Ok(false) };
        let path = self.target(rel)?;
        let Some(put) = self.put_of(rel, &path, &digest, len) else { return Ok(false) };
        self.put(rel, &path, put)?;
        self.record(rel, digest, len);
        self.remember_key(rel, *key, len);
        self.unrendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(true)
    }

    /// Notes the key `rel` was rendered from, for the next build.
    pub(super) fn remember_key(&self, rel: &str, key: RenderKey, len: u64) {
        if let Ok(mut k) = self.keys.lock() {
            k.push((rel.to_owned(), key, len));
        }
    }

    /// Writes the keys beside the output, naming the manifest by its digest `manifest`.
    pub(super) fn write_keys(&self, manifest: &[u8; 32]) -> io::Result<()> {
        let mut keys = self.keys.lock().map_err(|_| io::Error::other("a rendering thread panicked"))?;
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let file = file_of(&self.out);
        clear(&file)?;
        if keys.is_empty() {
            return Ok(());
        }
        let mut w = BufWriter::with_capacity(1 << 16, fs::File::create(&file)?);
        writeln!(w, "{}", crate::hex::string(manifest))?;
        for (rel, key, len) in keys.iter() {
            writeln!(w, "{} {len} {rel}", crate::hex::string(key))?;
        }
        w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_parse() {
        let line = format!("{} 123 projects/QL 1/index.html", "ab".repeat(32));
        assert_eq!(parse_line(&line), Some(("projects/QL 1/index.html".into(), ([0xab; 32], 123))));
        assert_eq!(parse_line("zz 1 a"), None);
        assert_eq!(parse_line(&format!("{} x a", "ab".repeat(32))), None);
    }
}
