//! Opening a staging folder (暂存目录): recovering from a build that died,
//! claiming the spare or making a new folder, and taking what the last
//! build left (read here, or on a thread of its own, or kept in memory).

use std::fs;
use std::path::Path;
use std::sync::Mutex;

use foldhash::{HashSet, HashSetExt as _};

use super::{
    LastOutput, MARKER, MARKER_TEXT, Previous, Remembered, Staging, aside, ensure_replaceable, recycle, remembered,
    split, stamps, trash,
};
use crate::Error;

impl Staging {
    /// Begins a staging folder for `out`: with `remembering`, the state is
    /// kept in memory (`Some(None)` when there is none yet); else it is
    /// `read` already (a thread of `build`) or read here.
    pub(super) fn open(
        out: &Path,
        remembering: Option<Option<Remembered>>,
        read: Option<LastOutput>,
    ) -> Result<Staging, Error> {
        ensure_replaceable(out)?;
        let (parent, name) = split(out);
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        trash::recover(&parent, &name, out)?;
        let pid = std::process::id();
        let dir = parent.join(format!("{name}.tmp-{pid}"));
        let old = parent.join(format!("{name}.old-{pid}"));
        let held = remembering.as_ref().map(|_| remembered::Held::default());
        let mut last = remembering.flatten();
        let known = last.as_mut().and_then(|l| l.spare.take());
        let known_folders = last.as_mut().and_then(|l| l.spare_folders.take());
        let mut read = read;
        let exact = known.is_some() && recycle::claim_known(&parent, &name, &dir);
        // The spare read and swept ahead, when it is still there to claim.
        let ahead = read.as_mut().and_then(|r| r.spare.take()).filter(|_| !exact);
        let ahead = ahead.and_then(|a| a.claim(&parent, &name, &dir));
        let (recycled, ahead) = match ahead {
            _ if exact => (known, None),
            Some((digests, folders, trees)) => (Some(digests), Some((folders, trees))),
            None => (recycle::claim(&parent, &name, &dir), None),
        };
        let recycling = recycled.is_some();
        if !recycling {
            fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
            let marker = dir.join(MARKER);
            fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        }
        let recycled = recycled.unwrap_or_default();
        let (dirs, prev_keys, prev_groups, previous, held) = match last {
            Some(last) => (
                // Made ahead from the same files, when the spare taken is the one known.
                known_folders
                    .filter(|_| exact)
                    .unwrap_or_else(|| recycle::folders_of(recycled.keys().map(String::as_str))),
                last.keys,
                last.groups,
                Previous::known(out, last.published),
                Some(remembered::Held { last: last.memos, ..remembered::Held::default() }),
            ),
            None => {
                // What the last build left, read on every thread when not read already.
                let (dirs, last) = rayon::join(
                    || match &ahead {
                        Some(_) => HashSet::new(),
                        None => recycle::folders_of(recycled.keys().map(String::as_str)),
                    },
                    || read.unwrap_or_else(|| LastOutput::read(out)),
                );
                (dirs, last.keys, last.groups, last.previous, held)
            }
        };
        let (dirs, trees) = match ahead {
            Some(claimed) => claimed,
            None => {
                let mut dirs = dirs;
                let trees = stamps::Trees::open(out, &dir, recycling && !exact, &mut dirs);
                (dirs, trees)
            }
        };
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
            digests: Mutex::new(Vec::new()),
            previous,
            recycled,
            recycling,
            exact,
            held,
            prev_keys,
            unrendered: std::sync::atomic::AtomicUsize::new(0),
            keys: Mutex::new(Vec::new()),
            prev_groups,
            groups: Mutex::new(Vec::new()),
            memos_used: Mutex::new(HashSet::new()),
            site_reused: std::sync::atomic::AtomicBool::new(false),
            aside: aside::Aside::default(),
            trees,
            dirs: Mutex::new(dirs),
            committed: false,
        })
    }
}
