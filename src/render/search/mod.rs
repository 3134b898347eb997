//! The full-text search behind `/search/`: records from the site model
//! (`records`), an inverted index of them written as small script files
//! (`index`), and the theme's `search.js`, which loads only the files a
//! query needs and runs the search in the reader's browser.
//!
//! The index is written with the rest of the output, so it is listed in
//! `manifest.sha256` and byte-identical from run to run.

mod batch;
mod coding;
pub mod index;
mod memo;
pub mod records;
mod rows;
mod shards;

pub use index::DIR;
pub use index::Index;
pub use records::{Arrival, ProjectRecords, Record, plain_text};

use crate::Error;
use crate::render::Sink;
use crate::site::SiteModel;

/// Groups, cases and assets indexed at a time, each batch kept under the
/// digest of its records (`Index::add_keyed`).
const KEYED_BATCH: usize = 16;

/// The search index as the renderer feeds it: each project's records as its
/// pages are rendered, in page order, then the groups and cases.
pub struct Search<'m, 's> {
    model: &'m SiteModel<'m>,
    index: Index<'s>,
}

impl<'m, 's> Search<'m, 's> {
    /// An empty index of `model`'s records, to be written into `sink`;
    /// with a `seed` (the build's, [`crate::render::reuse::BuildKey::search_seed`]),
    /// what earlier builds kept is reused.
    pub fn new(model: &'m SiteModel<'m>, sink: &'s dyn Sink, seed: Option<crate::render::reuse::RenderKey>) -> Self {
        Search { model, index: Index::new(records::primaries(model), sink, seed) }
    }

    /// Indexes the records of the next projects, in page order; `kept` is
    /// what an earlier build kept under `key` for the same projects
    /// numbered from the same [`Search::next_numbers`] (see `batch`), and
    /// `projects` is called for their records only when that cannot be used.
    pub fn add_projects(
        &mut self,
        projects: impl FnOnce() -> Vec<ProjectRecords>,
        kept: Option<std::sync::Arc<Vec<u8>>>,
        key: Option<crate::render::reuse::RenderKey>,
    ) -> Result<(), Error> {
        self.index.add_all(|| Ok(projects().into_iter().flat_map(ProjectRecords::arrivals).collect()), kept, key)
    }

    /// The numbers the next primary and secondary records get.
    pub fn next_numbers(&self) -> [u32; 2] {
        self.index.next_numbers()
    }

    /// Indexes the groups and cases and writes the index files.
    pub fn finish(mut self) -> Result<(), Error> {
        // In small batches: a group's record lists its projects' names, so
        // a project edit changes one, and only its batch is indexed again.
        let mut records = records::groups_and_cases(self.model).map(Arrival::Primary).peekable();
        while records.peek().is_some() {
            self.index.add_keyed(records.by_ref().take(KEYED_BATCH).collect())?;
        }
        self.index.finish()
    }
}
