//! Making the spare tree ahead of time (预备备用目录): a build into a
//! folder with no spare ([`super::recycle`]) makes every folder of the site
//! anew and links every unchanged file from the live output, which at
//! 10,000 projects took the first edit under `serve` 2.4 s (30,000
//! `mkdir`s) against 0.5 s for every later one, whose spare is the tree the
//! edit before replaced. `serve` has that time while the user reads the
//! first page: this makes the spare from the live output then, folders and
//! hard links, on a thread of its own, stopping as soon as an edit comes.
//!
//! A spare stopped halfway is still a spare: the files it holds are known
//! exactly, and a build keeps those it can and writes the rest, as with any
//! spare. Its files are links shared with the live output, which the spare's
//! rules already provide for: a file of the spare is never written in place.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use foldhash::{HashMap, HashMapExt as _};

use super::previous::Digest;
use super::recycle::spare_of;
use super::{MANIFEST, MARKER, MARKER_TEXT, Remembered, remove_ours, split};

/// The spare to make for a published output: its files and their digests.
#[derive(Debug)]
pub struct SparePlan {
    out: PathBuf,
    files: Vec<(String, Digest)>,
}

/// A spare made (whole or in part) by [`SparePlan::make`].
#[derive(Debug)]
pub struct MadeSpare {
    out: PathBuf,
    files: HashMap<String, Digest>,
}

impl Remembered {
    /// What to make into a spare, when the output has none.
    pub fn spare_plan(&self) -> Option<SparePlan> {
        if self.spare.is_some() {
            return None;
        }
        let files = self.published.iter().map(|(rel, digest)| (rel.clone(), *digest)).collect();
        Some(SparePlan { out: self.out.clone(), files })
    }

    /// Takes a spare made for this output as the next build's.
    pub fn take_spare(&mut self, made: MadeSpare) {
        if self.spare.is_none() && made.out == self.out {
            self.spare = Some(made.files);
            self.spare_folders = None;
        }
    }
}

impl SparePlan {
    /// Makes the spare, stopping early once `stop` is set. `None` when none
    /// could be made (a folder already in the spare's place, a file system
    /// without hard links, a file gone from the output): the next build then
    /// starts from an empty folder, as it would have.
    pub fn make(self, stop: &AtomicBool) -> Option<MadeSpare> {
        self.make_until(|_| stop.load(Ordering::Relaxed))
    }

    /// As [`SparePlan::make`], asking `stop` before each folder's files
    /// with the number of files linked so far.
    pub fn make_until(self, stop: impl Fn(usize) -> bool) -> Option<MadeSpare> {
        let (parent, name) = split(&self.out);
        let spare = spare_of(&parent, &name);
        if spare.exists() {
            return None;
        }
        // Named as a staging folder, so a process killed meanwhile leaves
        // what the next build removes ([`super::trash::recover`]).
        let making = parent.join(format!("{name}.tmp-{}-spare", std::process::id()));
        let made = self.fill(&making, &stop);
        match made.and_then(|files| fs::rename(&making, &spare).map(|()| files)) {
            Ok(files) => Some(MadeSpare { out: self.out, files }),
            Err(_) => {
                let _ = remove_ours(&making);
                None
            }
        }
    }

    /// Links the output's files into `making`, and its manifest when every
    /// file is there (a spare's manifest lists exactly what it holds; one
    /// stopped halfway gets an empty one, so a build reading it from disk
    /// trusts none of its files).
    ///
    /// A folder's files are linked together, and `stop` is asked before each
    /// folder: a spare stopped halfway has no folder made without a file in
    /// it, which the next build would not know to remove. One thread: the time
    /// is the file system's (`cp -al` of the 10k site takes as long) and two
    /// threads did not shorten it.
    fn fill(
        &self,
        making: &std::path::Path,
        stop: &impl Fn(usize) -> bool,
    ) -> std::io::Result<HashMap<String, Digest>> {
        fs::create_dir(making)?;
        fs::write(making.join(MARKER), MARKER_TEXT)?;
        let mut sorted: Vec<&(String, Digest)> = self.files.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let by_folder: Vec<&[&(String, Digest)]> = sorted.chunk_by(|a, b| folder_of(&a.0) == folder_of(&b.0)).collect();
        let mut files = HashMap::with_capacity(self.files.len());
        for folder_files in by_folder {
            if stop(files.len()) {
                break;
            }
            let folder = folder_of(&folder_files[0].0);
            if !folder.is_empty() {
                fs::create_dir_all(making.join(folder))?;
            }
            for (rel, digest) in folder_files.iter().copied() {
                // A file gone from the output fails it all: the next build
                // would not know its folder for one to remove.
                fs::hard_link(self.out.join(rel), making.join(rel))?;
                files.insert(rel.clone(), *digest);
            }
        }
        if files.len() == self.files.len() {
            fs::hard_link(self.out.join(MANIFEST), making.join(MANIFEST))?;
        } else {
            fs::write(making.join(MANIFEST), "")?;
        }
        Ok(files)
    }
}

/// The folder `rel` lies in; empty at the top.
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt as _;

    use super::super::Staging;
    use super::*;

    const FILES: [&str; 5] = ["index.html", "a/b/one.html", "a/b/two.html", "a/three.html", "c/four.html"];

    /// Publishes `FILES` in memory's way, as the first build of `serve` does,
    /// and gives its state, which has no spare.
    fn published(out: &std::path::Path) -> Remembered {
        let staging = Staging::begin_remembering(out, None).unwrap();
        for rel in FILES {
            staging.write(rel, rel.as_bytes()).unwrap();
        }
        staging.commit().unwrap().remembered.unwrap()
    }

    /// Every file under `dir` but the marker, sorted.
    fn files_in(dir: &std::path::Path) -> Vec<String> {
        super::super::tests::tree(dir).into_keys().collect()
    }

    #[test]
    fn a_spare_made_whole_links_every_file_and_the_manifest() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let mut state = published(&out);
        let plan = state.spare_plan().expect("the first build leaves no spare");
        let made = plan.make(&AtomicBool::new(false)).unwrap();
        let spare = tmp.path().join(".gongshi-spare-site");
        let mut want: Vec<String> = FILES.iter().map(|f| (*f).to_owned()).chain([MANIFEST.to_owned()]).collect();
        want.sort();
        assert_eq!(files_in(&spare), want);
        for rel in &want {
            let (live, kept) = (fs::metadata(out.join(rel)).unwrap(), fs::metadata(spare.join(rel)).unwrap());
            assert_eq!(live.ino(), kept.ino(), "{rel} is linked, not copied");
        }
        assert_eq!(made.files.len(), FILES.len());
        state.take_spare(made);
        assert!(state.spare_plan().is_none(), "a spare is made once");
        // Nothing of the making is left beside the output.
        let mut names: Vec<String> =
            fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, [".gongshi-spare-site", "site"]);
    }

    #[test]
    fn a_spare_stopped_halfway_holds_what_it_lists_and_no_manifest_lines() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let state = published(&out);
        let made = state.spare_plan().unwrap().make_until(|linked| linked == 2).unwrap();
        let spare = tmp.path().join(".gongshi-spare-site");
        let mut listed: Vec<String> = made.files.keys().cloned().collect();
        listed.sort();
        listed.push(MANIFEST.to_owned());
        listed.sort();
        assert_eq!(files_in(&spare), listed);
        assert!((2..FILES.len()).contains(&made.files.len()), "{listed:?}");
        assert_eq!(fs::read(spare.join(MANIFEST)).unwrap(), b"", "read from disk, it vouches for no file");
    }

    #[test]
    fn no_spare_is_made_over_a_folder_in_its_place_or_from_a_damaged_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let state = published(&out);
        let spare = tmp.path().join(".gongshi-spare-site");
        fs::create_dir(&spare).unwrap();
        fs::write(spare.join("mine.txt"), "not gongshi's").unwrap();
        assert!(state.spare_plan().unwrap().make(&AtomicBool::new(false)).is_none());
        assert_eq!(fs::read_to_string(spare.join("mine.txt")).unwrap(), "not gongshi's", "never touched");
        fs::remove_dir_all(&spare).unwrap();
        fs::remove_file(out.join("a/b/two.html")).unwrap();
        assert!(state.spare_plan().unwrap().make(&AtomicBool::new(false)).is_none());
        assert!(!spare.exists());
        let names: Vec<String> =
            fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["site"], "the half-made spare is removed");
    }
}
