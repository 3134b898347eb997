//! When each tree was last made whole (完成时刻), so that a later build can
//! tell which of its folders anyone has touched since without reading them.
//!
//! A build that recycles the spare, or finds its output current, must
//! remove whatever the tree holds beyond the build's own files, a file added
//! to the output by hand while it was live included. Reading every folder
//! for that ([`super::recycle::prune`]) was the largest single cost of a
//! one-file rebuild at 10,000 projects: 51,800 folders, five system calls
//! each (open, fstat, two reads of entries, close), 0.3 s of one core, most
//! of it ext4 hashing each small folder's names. A folder's change time
//! (ctime) moves whenever an entry is added to it, removed from it or
//! renamed in it, and no tool can set it back, so a folder whose ctime is
//! older than the moment its tree was last made whole holds what that build
//! left there: one `stat` tells it (0.07 s for the 51,800 on one core).
//! Only the folders changed since are read.
//!
//! The moment is the change time the tree's marker gets when the build
//! touches it after its last change to the tree's folders: the file
//! system's own clock, the one the folders' times come from, so a later
//! change is never older. A folder changed within the same tick of that
//! clock counts as changed. The moment is kept beside the output (not in
//! the tree, whose files are the site's), keyed by the tree's root folder
//! (its device and inode, which the renames between output, spare and
//! staging folder keep). A tree without an entry, a moment later than the
//! clock now (set back since), or a system without ctimes (not Unix): every
//! folder is read, as before.
//!
//! What it assumes is what git's index assumes of files: that the clock
//! does not go back between the build and the change. A file edited in
//! place changes no folder; such files are caught as before, by their
//! length (`Staging::keeps_recycled`, `current.rs`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashSet};
use rayon::prelude::*;

use super::MARKER;
use super::previous::Digest;
use super::recycle::{clear, prune_files, prune_in};

/// A tree made whole: its root folder, and the marker's change time then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    dev: u64,
    ino: u64,
    secs: i64,
    nanos: i64,
}

/// The file beside the output `out` that keeps its trees' stamps.
pub fn file_of(out: &Path) -> PathBuf {
    let (parent, name) = super::split(out);
    parent.join(format!(".gongshi-stamps-{name}"))
}

/// The stamps kept beside `out`; none when the file is missing or damaged.
fn read(out: &Path) -> Vec<Stamp> {
    let Ok(text) = fs::read_to_string(file_of(out)) else { return Vec::new() };
    let parse = |line: &str| -> Option<Stamp> {
        let mut f = line.split(' ').map(str::parse::<i128>);
        let mut next = || f.next()?.ok();
        let stamp = Stamp {
            dev: u64::try_from(next()?).ok()?,
            ino: u64::try_from(next()?).ok()?,
            secs: i64::try_from(next()?).ok()?,
            nanos: i64::try_from(next()?).ok()?,
        };
        next().is_none().then_some(stamp)
    };
    text.lines().map(parse).collect::<Option<Vec<Stamp>>>().unwrap_or_default()
}

/// Keeps `stamps` beside `out`, written aside and renamed into place. Only
/// a shortcut: when it cannot be written, the next build reads every folder.
fn write(out: &Path, stamps: &[Stamp]) {
    let to = file_of(out);
    let text: String = stamps.iter().map(|s| format!("{} {} {} {}\n", s.dev, s.ino, s.secs, s.nanos)).collect();
    let aside = to.with_extension(format!("tmp-{}", std::process::id()));
    if fs::write(&aside, text).and_then(|()| fs::rename(&aside, &to)).is_err() {
        let _ = fs::remove_file(&aside);
        let _ = fs::remove_file(&to);
    }
}

/// The device, inode, change time and whether it is a folder, of `path`.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64, i64, i64, bool)> {
    use std::os::unix::fs::MetadataExt as _;
    let m = fs::symlink_metadata(path).ok()?;
    Some((m.dev(), m.ino(), m.ctime(), m.ctime_nsec(), m.is_dir()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64, i64, i64, bool)> {
    None
}

/// The stamp among `stamps` of the tree whose root is `dir`, unless it is
/// later than the clock now (the clock was set back since).
fn find(stamps: &[Stamp], dir: &Path) -> Option<Stamp> {
    let (dev, ino, ..) = identity(dir)?;
    let stamp = *stamps.iter().find(|s| s.dev == dev && s.ino == ino)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?;
    (i128::from(stamp.secs) <= i128::from(now.as_secs())).then_some(stamp)
}

/// Whether a folder changed at (`secs`, `nanos`) has not changed since `stamp`.
fn before(secs: i64, nanos: i64, stamp: Stamp) -> bool {
    (secs, nanos) < (stamp.secs, stamp.nanos)
}

/// The trees a build deals with: the spare it claimed (swept for changed
/// folders) and the output it replaces (whose stamp goes with it when it
/// becomes the spare).
#[derive(Debug, Default)]
pub(super) struct Trees {
    swept: Option<Swept>,
    live: Option<Stamp>,
    /// The staging folder's, once [`Trees::seal`]ed.
    sealed: Option<Stamp>,
}

/// The claimed spare's folders, as one `stat` each found them.
#[derive(Debug)]
struct Swept {
    /// Folders the spare's manifest implies that are there.
    present: HashSet<String>,
    /// Those changed since the spare was made whole, and the root (which
    /// every rename between output, spare and staging folder changes).
    changed: Vec<String>,
}

impl Trees {
    /// Looks the staging folder `dir` (claimed from the spare when
    /// `recycled`, whose manifest implies the folders `folders`) and the
    /// output `out` up among the stamps kept beside `out`. Folders of the
    /// spare that are gone are taken out of `folders`.
    pub(super) fn open(out: &Path, dir: &Path, recycled: bool, folders: &mut HashSet<String>) -> Trees {
        let stamps = read(out);
        let live = find(&stamps, out);
        let swept = recycled.then(|| find(&stamps, dir)).flatten().map(|stamp| sweep(dir, folders, stamp));
        if let Some(swept) = &swept {
            folders.retain(|f| swept.present.contains(f));
        }
        Trees { swept, live, sealed: None }
    }

    /// Removes from the claimed spare `dir` every file that is not one of
    /// `written` (nor the marker), and every folder none of them lies in,
    /// reading only the folders changed since it was made whole. `None`
    /// when it was not swept: then every folder must be read.
    ///
    /// `known` removes first the files the spare is known to hold and this
    /// build did not write, and the folders left without a written file
    /// (`remembered::prune_known`).
    pub(super) fn prune(
        &self,
        dir: &Path,
        written: &HashSet<&str>,
        known: impl FnOnce() -> io::Result<usize>,
    ) -> Option<io::Result<usize>> {
        Some(prune_changed(dir, self.swept.as_ref()?, written, known))
    }

    /// After the build's last change to the staging folder `dir` and before
    /// it is swapped in: marks it whole now.
    pub(super) fn seal(&mut self, dir: &Path) {
        self.sealed = seal(dir);
    }

    /// Keeps, beside the output `out`, the stamp of the tree now published
    /// and, when the replaced output was kept as the spare, its own.
    pub(super) fn record(&self, out: &Path, spare_kept: bool) {
        let stamps: Vec<Stamp> = self.sealed.into_iter().chain(self.live.filter(|_| spare_kept)).collect();
        write(out, &stamps);
    }
}

/// Touches the marker of the tree `dir`: its stamp now.
fn seal(dir: &Path) -> Option<Stamp> {
    let marker = dir.join(MARKER);
    // Setting a file's times sets its change time to the clock's now.
    fs::File::options().write(true).open(&marker).ok()?.set_modified(std::time::SystemTime::now()).ok()?;
    let (dev, ino, ..) = identity(dir)?;
    let (_, _, secs, nanos, _) = identity(&marker)?;
    Some(Stamp { dev, ino, secs, nanos })
}

/// Stats every folder of `folders` in `dir`, in parallel.
fn sweep(dir: &Path, folders: &HashSet<String>, stamp: Stamp) -> Swept {
    let seen: Vec<(&String, bool)> = folders
        .par_iter()
        .filter_map(|rel| {
            let (_, _, secs, nanos, folder) = identity(&dir.join(rel))?;
            folder.then(|| (rel, before(secs, nanos, stamp)))
        })
        .collect();
    let changed = std::iter::once(String::new())
        .chain(seen.iter().filter(|(_, unchanged)| !unchanged).map(|(rel, _)| (*rel).clone()))
        .collect();
    Swept { present: seen.into_iter().map(|(rel, _)| rel.clone()).collect(), changed }
}

/// Removes what the folders of `swept` hold beyond `written`: `known` first
/// removes the files the tree is known to hold and no longer needs (and the
/// folders left without a needed file); then each changed folder is read,
/// and whatever in it is neither written nor a folder a written file lies
/// in goes. A folder the tree did not have (added by hand) that this build
/// also needs is read whole.
fn prune_changed(
    dir: &Path,
    swept: &Swept,
    written: &HashSet<&str>,
    known: impl FnOnce() -> io::Result<usize>,
) -> io::Result<usize> {
    let removed = std::sync::atomic::AtomicUsize::new(known()?);
    let needed = super::recycle::folders_of(written.iter().copied());
    swept.changed.par_iter().try_for_each(|rel| -> io::Result<()> {
        let path = if rel.is_empty() { dir.to_path_buf() } else { dir.join(rel) };
        let folders = match prune_files(&path, rel, written, &removed) {
            Ok((_, folders)) => folders,
            // Removed above, with every file in it stale, or made a file by this build.
            Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => return Ok(()),
            Err(e) => return Err(e),
        };
        for (path, child) in folders {
            if swept.present.contains(&child) {
                // Swept itself: changed (read on its own) or as the build left it.
            } else if needed.contains(&child) {
                if !prune_in(&path, &child, written, &removed)? {
                    fs::remove_dir(&path)?;
                }
            } else {
                clear(&path)?;
            }
        }
        Ok(())
    })?;
    Ok(removed.into_inner())
}

/// For an output found current (`current.rs`): removes what `out`
/// holds beyond `kept`, reading only the folders changed since it was made
/// whole; `None` when it has no stamp (then every folder must be read).
pub(super) fn prune_current(out: &Path, kept: &HashSet<&str>) -> Option<io::Result<usize>> {
    let stamp = find(&read(out), out)?;
    let folders = super::recycle::folders_of(kept.iter().copied());
    let swept = sweep(out, &folders, stamp);
    Some(prune_changed(out, &swept, kept, || Ok(0)))
}

impl super::Staging {
    /// After the swap: keeps the trees' stamps beside the output, unless
    /// the state is kept in memory instead (`serve`, which reads no folder).
    pub(super) fn record_trees(&self, spare_kept: bool) {
        if self.held.is_none() {
            self.trees.record(&self.out, spare_kept);
        }
    }
}

/// The spare, read and swept before it is claimed: `build` does this on
/// the thread that reads the last output ([`super::LastOutput`]) while
/// validation and the site model run, instead of after them.
#[derive(Debug)]
pub(super) struct SpareAhead {
    /// The spare's root folder (device, inode) when it was read.
    root: (u64, u64),
    digests: HashMap<String, Digest>,
    folders: HashSet<String>,
    trees: Trees,
}

/// A claimed spare: its files' digests, its folders and the trees' stamps.
pub(super) type Claimed = (HashMap<String, Digest>, HashSet<String>, Trees);

impl SpareAhead {
    /// Reads the spare of the output `out` and sweeps its folders; `None`
    /// when there is no spare with a manifest and a stamp.
    pub(super) fn read(out: &Path) -> Option<SpareAhead> {
        let (parent, name) = super::split(out);
        let spare = super::recycle::spare_of(&parent, &name);
        let stamps = read(out);
        let stamp = find(&stamps, &spare)?;
        let (dev, ino, ..) = identity(&spare)?;
        if !spare.join(MARKER).is_file() {
            return None;
        }
        let digests = super::previous::read_manifest(&spare.join(super::MANIFEST))?;
        let mut folders = super::recycle::folders_of(digests.keys().map(String::as_str));
        let swept = sweep(&spare, &folders, stamp);
        folders.retain(|f| swept.present.contains(f));
        let trees = Trees { swept: Some(swept), live: find(&stamps, out), sealed: None };
        Some(SpareAhead { root: (dev, ino), digests, folders, trees })
    }

    /// Claims the spare beside `parent`/`name` as the staging folder
    /// `staging` ([`super::recycle::claim_known`]) when it is still the tree
    /// that was read; `None` (and nothing claimed) when another build took
    /// it or left another since.
    pub(super) fn claim(self, parent: &Path, name: &str, staging: &Path) -> Option<Claimed> {
        let (dev, ino, ..) = identity(&super::recycle::spare_of(parent, name))?;
        let same = (dev, ino) == self.root && super::recycle::claim_known(parent, name, staging);
        same.then_some((self.digests, self.folders, self.trees))
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use foldhash::HashSet;

    use super::{MARKER, Stamp, file_of, find, prune_changed, read, seal, sweep, write};

    fn set(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[cfg(unix)]
    #[test]
    fn only_folders_changed_since_the_seal_are_read_and_their_strays_go() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("tree");
        for rel in ["a/b/index.html", "a/index.html", "c/index.html", "index.html"] {
            fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
            fs::write(dir.join(rel), "x").unwrap();
        }
        fs::write(dir.join(MARKER), "").unwrap();
        // Past the file system clock's tick, so the folders are older than the seal.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let stamp = seal(&dir).unwrap();
        let folders = set(&["a", "a/b", "c"]);
        let swept = sweep(&dir, &folders, stamp);
        assert_eq!(swept.changed, [""], "the root only: nothing touched since");
        assert_eq!(swept.present, folders);

        // By hand, after the seal: a file deep in, a folder added, a folder deleted.
        fs::write(dir.join("a/b/stray.html"), "by hand").unwrap();
        fs::create_dir_all(dir.join("a/new/deeper")).unwrap();
        fs::write(dir.join("a/new/deeper/x.html"), "by hand").unwrap();
        fs::remove_dir_all(dir.join("c")).unwrap();
        let swept = sweep(&dir, &folders, stamp);
        let mut changed = swept.changed.clone();
        changed.sort();
        assert_eq!(changed, ["", "a", "a/b"], "the folders whose entries changed, the root always");
        assert_eq!(swept.present, set(&["a", "a/b"]), "a deleted folder is not there to put files in");
        let written: HashSet<&str> =
            ["a/b/index.html", "a/index.html", "c/index.html", "index.html"].into_iter().collect();
        let removed = prune_changed(&dir, &swept, &written, || Ok(0)).unwrap();
        assert_eq!(removed, 1);
        assert!(!dir.join("a/b/stray.html").exists() && !dir.join("a/new").exists());
        assert!(dir.join("a/b/index.html").is_file() && dir.join(MARKER).is_file());
    }

    #[test]
    fn a_tree_is_found_by_its_root_and_a_stamp_from_the_future_is_not_trusted() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        let Some(stamp) = seal(&out) else { return };
        write(&out, &[stamp]);
        assert_eq!(read(&out), [stamp]);
        assert_eq!(find(&read(&out), &out), Some(stamp));
        assert_eq!(find(&read(&out), tmp.path()), None, "another folder");
        let later = Stamp { secs: stamp.secs + 3600, ..stamp };
        assert_eq!(find(&[later], &out), None, "the clock was set back since");
        fs::write(file_of(&out), "1 2 x 4\n").unwrap();
        assert_eq!(read(&out), [], "damaged");
    }
}
