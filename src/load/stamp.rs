//! A record file's stamp (戳记): what its metadata says of its bytes
//! without reading them, for the readings `serve` keeps ([`super::reads`])
//! and the trees the parse cache keeps ([`super::cache`]).
//!
//! Only a stamp older than the load that took it by [`SETTLED`] is
//! trusted, since a file written again within the same tick of the file
//! system's clock keeps its times (and where lengths agree, looks unchanged).

use std::fs::Metadata;
use std::time::{Duration, SystemTime};

/// How much older than a load a file's times must be for its stamp to be
/// trusted: more than any file system's clock tick (FAT's is 2 s) and the
/// lag of its clock behind the system's.
pub(super) const SETTLED: Duration = Duration::from_secs(3);

/// What a file's metadata says of its bytes without reading them: its
/// length, its modification time and, on Unix, the time its inode last
/// changed (which no tool sets back) and the inode itself (an editor that
/// saves by renaming makes a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: SystemTime,
    #[cfg(unix)]
    pub(super) changed: (i64, i64),
    #[cfg(unix)]
    pub(super) inode: (u64, u64),
}

impl Stamp {
    /// The stamp of a file with metadata `m`, when its times are known.
    pub(super) fn of(m: &Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt as _;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok()?,
            #[cfg(unix)]
            changed: (m.ctime(), m.ctime_nsec()),
            #[cfg(unix)]
            inode: (m.dev(), m.ino()),
        })
    }

    /// Whether the file's times are older than `load` by `settled`.
    pub(super) fn settled_before(&self, load: SystemTime, settled: Duration) -> bool {
        let latest = self.modified;
        #[cfg(unix)]
        let latest = {
            let changed = u64::try_from(self.changed.0).ok().and_then(|secs| {
                let nanos = u32::try_from(self.changed.1).ok()?;
                SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
            });
            match changed {
                Some(c) => latest.max(c),
                // Before 1970: not a time any file here was written at.
                None => return false,
            }
        };
        latest.checked_add(settled).is_some_and(|t| t < load)
    }
}
