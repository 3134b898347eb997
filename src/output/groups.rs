//! Groups of pages reused whole (整组复用): a project's pages, which the
//! renderer puts in place without building their views when the project's
//! inputs are those the last build made them from
//! ([`crate::render::Sink::reuse_group`]). For each group the last build
//! kept its input key, its files and the renderer's memo (the project's
//! search records), beside the output as `.gongshi-groups-<name>`, naming the
//! manifest of the output it describes like the render keys do.
//!
//! A group is reused all or nothing: every file must still be in the last
//! output, the length it was written with, before any is put in place.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

// foldhash, not SipHash: these maps are keyed by the output's paths (40,000
// at 10,000 projects) and looked up several times per file on every build;
// nothing here needs SipHash's defence against crafted keys.
use foldhash::{HashMap, HashMapExt as _};

use sha2::{Digest as _, Sha256};

use super::recycle::clear;
use super::{Error, MANIFEST, Staging};
use crate::render::reuse::RenderKey;

const PREFIX: &str = ".gongshi-groups-";

/// What the last build kept of one group.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Group {
    key: RenderKey,
    // Shared, not copied, from the last build's groups to this one's and to
    // the renderer: a project's memo is about 1.5 KB, copied twice for each
    // of 10,000 projects at every rebuild.
    files: Arc<[String]>,
    #[serde(with = "raw_bytes")]
    memo: Arc<[u8]>,
    /// Each file's length, where the render keys do not give it (the
    /// whole site's group, [`SITE`]); empty for a project's.
    lens: Vec<u64>,
}

/// A memo as one run of bytes (`serde_bytes`), not a sequence of `u8`
/// (one serializer call per byte: 15 MB of memos at 10,000 projects,
/// encoded and decoded on every rebuild). The same bytes in postcard.
mod raw_bytes {
    use std::sync::Arc;

    pub(super) fn serialize<S: serde::Serializer>(bytes: &Arc<[u8]>, s: S) -> Result<S::Ok, S::Error> {
        serde_bytes::serialize(&bytes[..], s)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Arc<[u8]>, D::Error> {
        serde_bytes::deserialize::<&[u8], D>(d).map(Arc::from)
    }
}

/// The name of the group of every file a build's render wrote: reused whole
/// when nothing the site is made from changed.
pub(super) const SITE: &str = "";

impl Group {
    /// The files, their lengths and the page count of the whole site's
    /// group, when it was made from inputs with `key`.
    pub(super) fn site_files(&self, key: &RenderKey) -> Option<(&[String], &[u64], usize)> {
        let pages = postcard::from_bytes::<usize>(&self.memo).ok()?;
        (self.key == *key && self.lens.len() == self.files.len()).then_some((&self.files, &self.lens, pages))
    }
}

/// The groups file of the output `out`.
pub fn file_of(out: &Path) -> PathBuf {
    let (parent, name) = super::split(out);
    parent.join(format!("{PREFIX}{name}"))
}

/// The groups of the output `out`, by name; empty when there are none or
/// they describe another manifest than the one with digest `manifest`.
pub(super) fn load(out: &Path, manifest: &[u8; 32]) -> HashMap<String, Group> {
    let Ok(bytes) = fs::read(file_of(out)) else {
        return HashMap::new();
    };
    match postcard::from_bytes::<([u8; 32], Vec<(String, Group)>)>(&bytes) {
        Ok((of, groups)) if of == *manifest => groups.into_iter().collect(),
        _ => HashMap::new(),
    }
}

/// The whole site's group of the output `out` ([`SITE`]), read without
/// decoding the others (it sorts first): whether the output is current is
/// known from it alone, before anything else is read.
pub(super) fn load_site(out: &Path) -> Option<Group> {
    let (bytes, manifest) = (fs::read(file_of(out)).ok()?, fs::read(out.join(MANIFEST)).ok()?);
    let (of, rest) = postcard::take_from_bytes::<[u8; 32]>(&bytes).ok()?;
    if of.as_slice() != Sha256::digest(&manifest).as_slice() {
        return None;
    }
    let (count, rest) = postcard::take_from_bytes::<usize>(rest).ok()?;
    let (first, _) = postcard::take_from_bytes::<(String, Group)>(rest).ok()?;
    (count > 0 && first.0 == SITE).then_some(first.1)
}

/// Whether the whole site's group of the output `out` was made from
/// inputs with `key`, read from the groups file's first bytes only: after
/// an edit it was not, and the rest (29 MB at 10,000 projects) and the
/// manifest need not be read to know.
pub(super) fn site_made_from(out: &Path, key: &RenderKey) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(128);
    let read = fs::File::open(file_of(out)).and_then(|f| f.take(128).read_to_end(&mut head));
    // The manifest's digest, the count of groups, then the first group's
    // name and key (a group's first field).
    let first = || -> Option<(String, RenderKey)> {
        let (_, rest) = postcard::take_from_bytes::<[u8; 32]>(&head).ok()?;
        let (_, rest) = postcard::take_from_bytes::<usize>(rest).ok()?;
        Some(postcard::take_from_bytes::<(String, RenderKey)>(rest).ok()?.0)
    };
    read.is_ok() && first().is_some_and(|(name, k)| name == SITE && k == *key)
}

/// How one file of a reused group gets into the staging folder.
pub(super) enum Put {
    /// The recycled staging folder holds it already.
    Kept,
    /// Linked (or copied) from the last output.
    Linked(PathBuf),
}

impl Staging {
    /// See [`crate::render::Sink::reuse_group`].
    pub(super) fn reuse_group_files(
        &self,
        name: &str,
        key: &RenderKey,
        accept: &mut dyn FnMut(&Arc<[u8]>) -> bool,
    ) -> Result<bool, Error> {
        let Some(group) = self.prev_groups.get(name).filter(|g| g.key == *key) else { return Ok(false) };
        let mut plan = Vec::with_capacity(group.files.len());
        for rel in group.files.iter() {
            let (Some(&(page_key, len)), Some(digest)) = (self.prev_keys.get(rel), self.previous.digest_of(rel)) else {
                return Ok(false);
            };
            let path = self.target(rel)?;
            let Some(put) = self.put_of(rel, &path, &digest, len) else { return Ok(false) };
            plan.push((rel, path, put, page_key, len, digest));
        }
        if !accept(&group.memo) {
            return Ok(false);
        }
        for (rel, path, put, page_key, len, digest) in plan {
            self.put(rel, &path, put)?;
            self.record(rel, digest, len);
            self.remember_key(rel, page_key, len);
            self.unrendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if let Ok(mut g) = self.groups.lock() {
            g.push((name.to_owned(), group.clone()));
        }
        Ok(true)
    }

    /// Puts in place every file the last build's render wrote, when they
    /// were made from the inputs `key` (the whole site's, see
    /// `SiteModel::site_inputs`), with the page keys and groups that went
    /// with them: nothing is rendered. The number of pages it rendered, or
    /// `None` (nothing was put) when any file is no longer as written.
    pub fn reuse_site(&self, key: &RenderKey) -> Result<Option<usize>, Error> {
        use rayon::prelude::*;
        let Some(site) = self.prev_groups.get(SITE).filter(|g| g.key == *key && g.lens.len() == g.files.len()) else {
            return Ok(None);
        };
        let Ok(pages) = postcard::from_bytes::<usize>(&site.memo) else { return Ok(None) };
        let plan = site
            .files
            .par_iter()
            .zip(&site.lens)
            .map(|(rel, &len)| {
                let Some(digest) = self.previous.digest_of(rel) else { return Ok(None) };
                let path = self.target(rel)?;
                Ok(self.put_of(rel, &path, &digest, len).map(|put| (rel, path, put, len, digest)))
            })
            .collect::<Result<Option<Vec<_>>, Error>>()?;
        let Some(plan) = plan else { return Ok(None) };
        plan.into_par_iter().try_for_each(|(rel, path, put, len, digest)| {
            self.put(rel, &path, put)?;
            self.record(rel, digest, len);
            if let Some(&(page_key, _)) = self.prev_keys.get(rel) {
                self.remember_key(rel, page_key, len);
                self.unrendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok::<(), Error>(())
        })?;
        if let Ok(mut groups) = self.groups.lock() {
            groups.extend(self.prev_groups.iter().map(|(name, g)| (name.clone(), g.clone())));
        }
        self.site_reused.store(true, std::sync::atomic::Ordering::Relaxed);
        Ok(Some(pages))
    }

    /// Remembers every file put in the staging folder so far (the render's)
    /// as made from the whole site's inputs `key`, with `pages` HTML pages.
    pub fn remember_site(&self, key: RenderKey, pages: usize) {
        let Ok(memo) = postcard::to_stdvec(&pages) else { return };
        let (files, lens): (Vec<String>, Vec<u64>) = match self.digests.lock() {
            Ok(d) => d.iter().map(|(rel, _, len)| (rel.clone(), *len)).unzip(),
            Err(_) => return,
        };
        if let Ok(mut g) = self.groups.lock() {
            g.push((SITE.to_owned(), Group { key, files: files.into(), memo: memo.into(), lens }));
        }
    }

    /// How the last output's `rel` (`len` bytes, `digest`) gets to `path`
    /// in the staging folder; `None` when it is no longer as written. (For
    /// one reused page too, [`super::render_keys`].)
    pub(super) fn put_of(&self, rel: &str, path: &Path, digest: &super::FileDigest, len: u64) -> Option<Put> {
        if self.recycled.get(rel) == Some(digest)
            && (self.exact || fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == len))
        {
            return Some(Put::Kept);
        }
        let from = self.previous.path_of(rel);
        fs::symlink_metadata(&from).is_ok_and(|m| m.is_file() && m.len() == len).then_some(Put::Linked(from))
    }

    /// Puts a file as [`Staging::put_of`] planned.
    pub(super) fn put(&self, rel: &str, path: &Path, put: Put) -> Result<(), Error> {
        if let Put::Linked(from) = put {
            self.make_folders(rel)?;
            let _ = self.put_aside(path);
            // A link where the file system allows one, else a copy: a group
            // is promised whole once begun.
            if fs::hard_link(&from, path).is_err() {
                fs::copy(&from, path).map_err(|e| Error::io(path, e))?;
            }
        }
        Ok(())
    }

    /// See [`crate::render::Sink::remember_group`].
    pub(super) fn remember_group(&self, name: &str, key: RenderKey, files: Vec<String>, memo: Vec<u8>) {
        if let Ok(mut g) = self.groups.lock() {
            g.push((name.to_owned(), Group { key, files: files.into(), memo: memo.into(), lens: Vec::new() }));
        }
    }

    /// Writes the groups beside the output, naming the manifest by its digest `manifest`.
    pub(super) fn write_groups(&self, manifest: &[u8; 32]) -> io::Result<()> {
        let mut groups = self.groups.lock().map_err(|_| io::Error::other("a rendering thread panicked"))?;
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let file = file_of(&self.out);
        clear(&file)?;
        if groups.is_empty() {
            return Ok(());
        }
        let bytes = postcard::to_stdvec(&(manifest, &*groups)).map_err(io::Error::other)?;
        let mut w = io::BufWriter::new(fs::File::create(&file)?);
        w.write_all(&bytes)?;
        w.flush()
    }
}
