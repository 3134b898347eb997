//! What the last build left beside its output (上次生成的留存), read from
//! disk: the manifest's digests, the pages' render keys, the groups of
//! pages, and the spare with its folders swept ([`SpareAhead`]). `build` reads them on a thread of its own while validation and
//! the site model run (mostly one thread's work), instead of after them:
//! at 10,000 projects they are 35 MB and took 0.12 s before anything was
//! rendered.
//!
//! Reading them early is safe: only a build writes them, and a build
//! finds them exactly as the last one left them (a folder being recovered
//! from a killed build has no manifest, and then nothing is reused).

use std::path::Path;

use foldhash::HashMap;
use sha2::{Digest as _, Sha256};

use super::groups::{self, Group};
use super::previous::Previous;
use super::render_keys;
use super::stamps::SpareAhead;
use crate::render::reuse::RenderKey;

/// The last build's state, as read from beside the output.
#[derive(Debug)]
pub struct LastOutput {
    pub(super) keys: HashMap<String, (RenderKey, u64)>,
    pub(super) groups: HashMap<String, Group>,
    pub(super) previous: Previous,
    /// The spare, read and swept ahead of its claim.
    pub(super) spare: Option<SpareAhead>,
}

impl LastOutput {
    /// Reads what the last build left for the output `out`; each part is
    /// empty when it is missing, damaged or describes another manifest.
    pub fn read(out: &Path) -> LastOutput {
        let (spare, (keys, (groups, previous))) = rayon::join(
            || SpareAhead::read(out),
            || {
                // Read and hashed once for all three (the keys and groups name
                // the manifest they describe by its digest).
                let manifest = std::fs::read(out.join(super::MANIFEST)).ok();
                let digest: Option<[u8; 32]> = manifest.as_deref().map(|m| Sha256::digest(m).into());
                rayon::join(
                    || digest.map(|d| render_keys::load(out, &d)).unwrap_or_default(),
                    || {
                        rayon::join(
                            || digest.map(|d| groups::load(out, &d)).unwrap_or_default(),
                            || Previous::of_manifest(out, manifest.as_deref()),
                        )
                    },
                )
            },
        );
        LastOutput { keys, groups, previous, spare }
    }
}
