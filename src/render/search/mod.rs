//! The full-text search behind `/search/`: records from the site model
//! (`records`), an inverted index of them written as small script files
//! (`index`), and the theme's `search.js`, which loads only the files a
//! query needs and runs the search in the reader's browser.
//!
//! The index is written with the rest of the output, so it is listed in
//! `manifest.sha256` and byte-identical from run to run.

pub mod index;
pub mod records;

pub use index::DIR;
pub use records::{ProjectRecords, Record, plain_text, records};

use crate::Error;
use crate::render::Sink;
use crate::site::SiteModel;

/// Writes the search index of `model` into `sink`; `projects` are the
/// records of each project, in page order (see [`records`]).
pub fn write(
    model: &SiteModel<'_>,
    projects: impl Iterator<Item = ProjectRecords>,
    sink: &dyn Sink,
) -> Result<(), Error> {
    index::write(records(model, projects), sink)
}
