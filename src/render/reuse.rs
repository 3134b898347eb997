//! Pages not rendered again (不重复渲染): a page's HTML is a function of its
//! view (the page and its data), the shared header/footer data, the theme's
//! templates and the program that renders them. The digest of all four is
//! the page's *render key*; when the previous build rendered the same path
//! from the same key, its file is reused as it is and the page is not
//! rendered (see [`crate::render::Sink::reuse`]).
//!
//! Hashing a view is a fraction of rendering it: the view is serialized once
//! straight into the hasher, where rendering serializes it into template
//! values and then runs the templates. The key is only a shortcut: a page
//! whose key cannot be made is rendered, and a key that misses renders too,
//! so the output is always what a clean build writes.

use std::io::{self, Write};

use sha2::{Digest, Sha256};

use super::Theme;
use crate::site::{Page, SiteCommon};

/// A SHA-256 render key.
pub type RenderKey = [u8; 32];

/// What every page of one build shares: the program, the templates and
/// the header/footer data, hashed once.
#[derive(Clone)]
pub struct BuildKey {
    hasher: Sha256,
}

impl BuildKey {
    /// The build-wide part of every key; `None` when the running `program`
    /// is not identified (empty; then nothing is reused): a rebuilt gongshi
    /// may render the same view otherwise.
    pub fn new(theme: &Theme, common: &SiteCommon, program: &[u8]) -> Option<BuildKey> {
        if program.is_empty() {
            return None;
        }
        let mut hasher = Sha256::new();
        hasher.update((program.len() as u64).to_le_bytes());
        hasher.update(program);
        for (name, text) in &theme.templates {
            for part in [name.as_bytes(), text.as_bytes()] {
                hasher.update((part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
        }
        serde_json::to_writer(Hashing(&mut hasher), common).ok()?;
        Some(BuildKey { hasher })
    }

    /// The key of a group of pages (a project's) made from inputs with
    /// digest `inputs` ([`crate::site::SiteModel::project_inputs`]).
    pub fn group(&self, inputs: &crate::site::InputKey) -> RenderKey {
        let mut hasher = self.hasher.clone();
        hasher.update(b"group");
        hasher.update(inputs);
        hasher.finalize().into()
    }

    /// The key of a batch of projects' search index fragment: their group
    /// keys and the record numbers the batch starts from.
    pub fn index_batch(&self, numbers: [u32; 2], groups: &[RenderKey]) -> RenderKey {
        let mut hasher = self.hasher.clone();
        hasher.update(b"search");
        hasher.update(numbers[0].to_le_bytes());
        hasher.update(numbers[1].to_le_bytes());
        for g in groups {
            hasher.update(g);
        }
        hasher.finalize().into()
    }

    /// The build's part of the keys of the search index's term shard files
    /// (`search::shards`).
    pub fn search_seed(&self) -> RenderKey {
        let mut hasher = self.hasher.clone();
        hasher.update(b"search shards");
        hasher.finalize().into()
    }

    /// The key of the part of the open-data file `file` that lists a batch
    /// of projects made from inputs with digests `inputs`.
    pub fn open_data_batch(&self, file: &str, inputs: &[crate::site::InputKey]) -> RenderKey {
        let mut hasher = self.hasher.clone();
        hasher.update(b"open data");
        hasher.update((file.len() as u64).to_le_bytes());
        hasher.update(file.as_bytes());
        for i in inputs {
            hasher.update(i);
        }
        hasher.finalize().into()
    }

    /// The key of everything a render writes, for a site made from inputs
    /// with digest `inputs` ([`crate::site::SiteModel::site_inputs`]) with
    /// `theme`, whose static files (`theme/…`) are copied as they are.
    pub fn site(&self, inputs: &crate::site::InputKey, theme: &Theme) -> RenderKey {
        let mut hasher = self.hasher.clone();
        hasher.update(b"site");
        hasher.update(inputs);
        for (path, bytes) in &theme.statics {
            for part in [path.as_bytes(), bytes.as_ref()] {
                hasher.update((part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
        }
        hasher.finalize().into()
    }

    /// The render key of `page`; `None` when its view cannot be serialized
    /// (it is then rendered, and the renderer reports why).
    pub fn page(&self, page: &Page) -> Option<RenderKey> {
        let mut hasher = self.hasher.clone();
        // Rows shared by many pages stand in as their digests (`site::keyed`).
        crate::site::keyed::keying(|| -> Option<()> {
            // The hasher sees blocks, not every small write of the serializer.
            let mut w = io::BufWriter::with_capacity(4096, Hashing(&mut hasher));
            serde_json::to_writer(&mut w, page).ok()?;
            // `data` is not part of the page's serialization (templates get
            // it apart); a separator keeps the two from running together.
            w.write_all(&[0xff]).ok()?;
            serde_json::to_writer(&mut w, &page.data).ok()?;
            w.flush().ok()
        })?;
        Some(hasher.finalize().into())
    }
}

/// Feeds what is written into a hasher.
pub(crate) struct Hashing<'a>(pub(crate) &'a mut Sha256);

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
