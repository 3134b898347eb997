//! Incremental builds equal clean ones: starting from a copy of the demo, a
//! seeded random order of edits of every kind is applied, and after each the
//! site is built again into the same output folder (which links unchanged
//! files from the previous build) and clean into a new folder; both trees
//! must hold the same files with the same bytes. A build that refuses must
//! leave the previous output as it was. Set `INCREMENTAL_SEED` to replay a
//! failure (the seed is in every assertion message).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use gongshi::load::{ParseCache, Reads};
use gongshi::pipeline::{BuildOptions, BuildReport, Memory, build, build_remembering};

use crate::support::{DEMO_TODAY, copy_dir, day, repo_root, tree};

/// The kinds of edit, each applied once per run in a seeded order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    ProjectField,
    NoticeDate,
    Group,
    /// A non-project record a project's page shows: an asset's keeper, a
    /// fund batch's issuer, an announcement's or plan's issuer.
    Shown,
    CaseMarkdown,
    Page,
    Image,
    SiteYaml,
    ThemeOverride,
    Today,
    ProjectAdded,
    ProjectRemoved,
    /// A project file that does not parse: the build must refuse and touch nothing.
    Broken,
}

const EDITS: [Edit; 13] = [
    Edit::ProjectField,
    Edit::NoticeDate,
    Edit::Group,
    Edit::Shown,
    Edit::CaseMarkdown,
    Edit::Page,
    Edit::Image,
    Edit::SiteYaml,
    Edit::ThemeOverride,
    Edit::Today,
    Edit::ProjectAdded,
    Edit::ProjectRemoved,
    Edit::Broken,
];

/// xorshift64*: enough randomness for an order and a few picks, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The site being edited and what the edits need to remember.
struct Run {
    root: PathBuf,
    today: NaiveDate,
    rng: Rng,
    step: usize,
    /// Projects this run added (id, file), which are the ones it may remove.
    added: Vec<(String, PathBuf)>,
    /// Ids whose published pages the next build may drop.
    allow_removal: Vec<String>,
}

impl Run {
    fn files(&self, dir: &str, ext: &str) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(self.root.join(dir))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
            .map(|e| e.into_path())
            .collect();
        files.sort();
        files
    }

    /// Replaces the first line starting with `prefix` (after indentation) in `file`.
    fn edit_line(&self, file: &Path, prefix: &str, change: impl Fn(&str) -> String) {
        let text = std::fs::read_to_string(file).unwrap();
        let mut done = false;
        let lines: Vec<String> = text
            .lines()
            .map(|l| {
                if !done && l.trim_start().starts_with(prefix) {
                    done = true;
                    change(l)
                } else {
                    l.to_owned()
                }
            })
            .collect();
        assert!(done, "no `{prefix}` line in {}", file.display());
        std::fs::write(file, lines.join("\n") + "\n").unwrap();
    }

    fn apply(&mut self, edit: Edit) {
        let n = self.step;
        match edit {
            Edit::ProjectField => {
                let file = self.rng.pick(&self.files("content/projects", "yaml")).clone();
                self.edit_line(&file, "implementer:", |l| format!("{l}（第{n}次修改）"));
            }
            Edit::NoticeDate => {
                let file = self.rng.pick(&self.files("content/projects", "yaml")).clone();
                if std::fs::read_to_string(&file).unwrap().contains("    end: ") {
                    self.edit_line(&file, "end: ", |l| {
                        let (head, date) = l.rsplit_once(' ').unwrap();
                        format!("{head} {}", day(date).checked_add_days(Days::new(1)).unwrap())
                    });
                }
            }
            Edit::Group => {
                // A plan's title (the group's page) or the group's name (the
                // pages of the projects it serves link it by name).
                let file = self.rng.pick(&self.files("content/groups", "yaml")).clone();
                let key = *self.rng.pick(&["title:", "name:"]);
                self.edit_line(&file, key, |l| format!("{l}（{n}）"));
            }
            Edit::Shown => {
                let (dir, key) = *self.rng.pick(&[
                    ("content/assets", "keeper:"),
                    ("content/funds", "issued_by:"),
                    ("content/announcements", "issuer:"),
                    ("content/plans", "issuer:"),
                ]);
                let file = self.rng.pick(&self.files(dir, "yaml")).clone();
                self.edit_line(&file, key, |l| format!("{l}（{n}）"));
            }
            Edit::CaseMarkdown => {
                // Its story, or its title (which its projects' pages show).
                let file = self.rng.pick(&self.files("content/cases", "md")).clone();
                if self.rng.below(2) == 0 {
                    append(&file, &format!("\n\n第{n}次补充：村民议事会通过了新的管护办法。\n"));
                } else {
                    self.edit_line(&file, "title:", |l| format!("{l}（{n}）"));
                }
            }
            Edit::Page => {
                let file = self.rng.pick(&self.files("content/pages", "md")).clone();
                append(&file, &format!("\n\n第{n}次更新：联系方式见页脚。\n"));
            }
            Edit::Image => {
                let images = self.files("content/static/images", "png");
                let (from, to) = (self.rng.pick(&images).clone(), self.rng.pick(&images).clone());
                let new = self.root.join(format!("content/static/images/added-{n}.png"));
                std::fs::copy(&from, &new).unwrap();
                if from != to {
                    std::fs::copy(&from, &to).unwrap();
                }
            }
            Edit::SiteYaml => {
                let size = *self.rng.pick(&[5, 7, 12]);
                self.edit_line(&self.root.join("content/site.yaml"), "page_size:", |_| format!("page_size: {size}"));
            }
            Edit::ThemeOverride => {
                let css = std::fs::read_to_string(repo_root().join("themes/default/static/site.css")).unwrap();
                let dir = self.root.join("themes/default/static");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join("site.css"), format!("{css}\n/* 第{n}次覆盖 */\n")).unwrap();
            }
            Edit::Today => self.today = self.today.checked_add_days(Days::new(1)).unwrap(),
            Edit::ProjectAdded => self.add_project(),
            Edit::ProjectRemoved => {
                let (id, file) = self.added.remove(self.rng.below(self.added.len()));
                std::fs::remove_file(file).unwrap();
                self.allow_removal.push(id);
            }
            Edit::Broken => {
                std::fs::write(self.root.join("content/projects/2026/broken.yaml"), "id: [QL-2026-9999\n").unwrap();
            }
        }
    }

    /// A copy of a project with nothing pointing at it, under a new id.
    fn add_project(&mut self) {
        let from = self.root.join("content/projects/2026/ql-2026-0009.yaml");
        let id = format!("QL-2026-{:04}", 9000 + self.step);
        let text = std::fs::read_to_string(&from).unwrap().replace("QL-2026-0009", &id);
        let file = self.root.join(format!("content/projects/2026/{}.yaml", id.to_lowercase()));
        std::fs::write(&file, text).unwrap();
        self.added.push((id, file));
    }

    fn options(&self, out: &Path) -> BuildOptions {
        BuildOptions { allow_removal: self.allow_removal.clone(), ..BuildOptions::new(self.today, out) }
    }

    fn build(&self, out: &Path) -> BuildReport {
        build(&self.root, &self.options(out)).unwrap()
    }

    /// A build as `serve` makes them, keeping what it knows in `memory`.
    fn preview(&self, out: &Path, memory: &mut Memory) -> BuildReport {
        build_remembering(&self.root, &self.options(out), memory).unwrap()
    }
}

fn append(file: &Path, text: &str) {
    let mut body = std::fs::read_to_string(file).unwrap();
    body.push_str(text);
    std::fs::write(file, body).unwrap();
}

/// Someone changes the published output by hand, deep in it: a file added
/// beside a project's page, a folder of files added, a page's folder
/// deleted. The builds after must still end as a clean build, though the
/// tree goes on as the spare and comes back as a staging folder two builds
/// later, where only the folders changed since it was made are read.
fn change_by_hand(out: &Path, rng: &mut Rng) -> String {
    let folders = |dir: &Path| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        found.sort();
        found
    };
    let project = rng.pick(&folders(&out.join("projects"))).clone();
    let inner = folders(&project);
    let deep = if inner.is_empty() { project.clone() } else { rng.pick(&inner).clone() };
    match rng.below(3) {
        0 => std::fs::write(deep.join("stray.html"), "手工添加").unwrap(),
        1 => {
            std::fs::create_dir_all(deep.join("stray/deeper")).unwrap();
            std::fs::write(deep.join("stray/deeper/index.html"), "手工添加").unwrap();
        }
        _ if deep != project => std::fs::remove_dir_all(&deep).unwrap(),
        _ => std::fs::remove_file(project.join("index.html")).unwrap(),
    }
    deep.strip_prefix(out).unwrap().to_string_lossy().into_owned()
}

/// The editable part of the site, to put back after an edit a build refused.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(root).into_iter().filter(|(rel, _)| rel.starts_with("content/") || rel.starts_with("themes/")).collect()
}

fn restore(root: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for dir in ["content", "themes"] {
        let _ = std::fs::remove_dir_all(root.join(dir));
    }
    for (rel, bytes) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// The paths a file watcher reports for the change from `before` to
/// `after` (below `root`): each file written, added or removed, and each
/// folder added or removed.
fn seen(root: &Path, before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<PathBuf> {
    let folders = |files: &BTreeMap<String, Vec<u8>>| -> BTreeSet<String> {
        files
            .keys()
            .flat_map(|rel| Path::new(rel).ancestors().skip(1).map(|a| a.to_string_lossy().into_owned()))
            .collect()
    };
    let (was, is) = (folders(before), folders(after));
    let files = differences(before, after);
    let dirs = was.symmetric_difference(&is).cloned();
    files.into_iter().chain(dirs).map(|rel| root.join(rel)).collect()
}

/// Every path whose bytes differ between two trees, or that is in one only, sorted.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys().chain(b.keys()).filter(|p| a.get(*p) != b.get(*p)).cloned().collect::<BTreeSet<_>>().into_iter().collect()
}

/// The first of them, for a failure message.
fn first_differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    differences(a, b).into_iter().take(10).collect()
}

#[test]
fn incremental_builds_equal_clean_builds_after_random_edits() {
    let seed = std::env::var("INCREMENTAL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    }) | 1;
    eprintln!("incremental: INCREMENTAL_SEED={seed}");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo_root().join("content"), &root.join("content"));
    let out = tmp.path().join("output");
    let mut run =
        Run { root, today: day(DEMO_TODAY), rng: Rng(seed), step: 0, added: Vec::new(), allow_removal: Vec::new() };
    // Published first, so there is always a project to remove.
    run.add_project();
    assert!(run.build(&out).written.is_some(), "seed {seed}: the demo does not build");
    // Beside it, the same edits built as `serve` builds them: the last
    // build's state in memory, not read back from beside the output.
    let preview = tmp.path().join("preview");
    // Files are trusted unread by their metadata once 200 ms old, not 3 s
    // (the clock tick of any file system): the test's files are.
    let mut memory = Memory::for_preview_settling_after(std::time::Duration::from_millis(200));
    assert!(run.preview(&preview, &mut memory).written.is_some(), "seed {seed}: the demo does not build");
    // What the content was at the last preview, to tell the next what a
    // file watcher would have seen change since.
    let mut previewed_from = snapshot(&run.root);
    // `serve` makes the first build's spare while the user reads; an edit
    // stops it halfway, anywhere, and the next build takes what it made.
    let plan = memory.spare_plan().expect("the first preview leaves no spare");
    let stop_at = run.rng.below(tree(&preview).len() + 1);
    let made = plan.make_until(|linked| linked >= stop_at).expect("a spare is made");
    memory.take_spare(made);
    assert!(memory.spare_plan().is_none(), "seed {seed}: the spare made was not taken");
    // Nothing changed: every page is put in place from the last build, none rendered.
    let again = run.build(&out).written.expect("the same content builds again");
    assert_eq!((again.changes.written, again.changes.removed), (0, 0), "seed {seed}");
    assert_eq!(again.changes.unrendered, again.pages, "seed {seed}: a page was rendered again with nothing changed");
    drop(again);

    let mut order = EDITS.to_vec();
    for i in (1..order.len()).rev() {
        order.swap(i, run.rng.below(i + 1));
    }
    for (step, edit) in order.into_iter().enumerate() {
        run.step = step + 1;
        if run.rng.below(2) == 0 {
            let at = change_by_hand(&out, &mut run.rng);
            eprintln!("incremental: step {} output changed by hand at {at}", run.step);
        }
        let before = tree(&out);
        let saved = snapshot(&run.root);
        run.apply(edit);
        let report = run.build(&out);
        let Some(written) = report.written else {
            eprintln!("incremental: step {step} ({edit:?}) refused; put back");
            assert!(matches!(edit, Edit::Broken | Edit::NoticeDate), "seed {seed}, step {step} ({edit:?}) refused");
            assert_eq!(tree(&out), before, "seed {seed}, step {step} ({edit:?}): a refused build changed the output");
            restore(&run.root, &saved);
            continue;
        };
        run.allow_removal.clear();
        eprintln!("incremental: step {step} ({edit:?}): {:?}", written.changes);
        // The replaced tree is kept as the next build's staging folder
        // (the trash, if any, holds only files the update replaced).
        assert!(tmp.path().join(".gongshi-spare-output").is_dir(), "seed {seed}, step {step}: no spare kept");
        let (changes, pages) = (written.changes, written.pages);
        drop(written);
        let fresh = tmp.path().join(format!("fresh-{step}"));
        assert!(run.build(&fresh).written.is_some(), "seed {seed}, step {step} ({edit:?}): the clean build refused");
        // As `serve`'s watcher names them; now and then it loses track,
        // and the build looks at every file.
        let now = snapshot(&run.root);
        memory.saw((run.rng.below(4) > 0).then(|| seen(&run.root, &previewed_from, &now)));
        previewed_from = now;
        let previewed = run.preview(&preview, &mut memory).written.expect("what builds previews");
        drop(previewed);
        // `serve` makes the spare's folders ahead after most reloads (not
        // when the next edit came first).
        if run.rng.below(4) > 0 {
            memory.prepare();
        }
        let (incremental, clean) = (tree(&out), tree(&fresh));
        assert!(
            incremental == clean,
            "seed {seed}, step {step} ({edit:?}): the incremental output differs from a clean build in {:?}",
            first_differences(&incremental, &clean)
        );
        let previewed = tree(&preview);
        assert!(
            previewed == clean,
            "seed {seed}, step {step} ({edit:?}): the preview differs from a clean build in {:?}",
            first_differences(&previewed, &clean)
        );
        std::fs::remove_dir_all(&fresh).unwrap();
        gongshi::pipeline::discard_output(&fresh);
        if edit == Edit::ProjectField {
            // One project edited: most pages are not rendered again.
            assert!(changes.unrendered * 2 > pages, "seed {seed}, step {step}: {changes:?}");
        }
        // Only the output, its spare and the site are left: no staging or trash folder.
        let mut names: Vec<String> =
            std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                ".gongshi-groups-output",
                ".gongshi-memos-output",
                ".gongshi-parsed-output",
                ".gongshi-render-output",
                ".gongshi-spare-output",
                ".gongshi-spare-preview",
                ".gongshi-stamps-output",
                "output",
                "preview",
                "site"
            ],
            "seed {seed}, step {step}"
        );
    }
}

/// With nothing changed the output is left as it is, but only when it is
/// exactly what the build would write: a file added by hand goes, one
/// edited by hand is written again, as a clean build would have it.
#[test]
fn an_unchanged_output_is_kept_only_as_a_clean_build_would_be() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo_root().join("content"), &root.join("content"));
    let options = |out: &Path| BuildOptions::new(day(DEMO_TODAY), out);
    let (out, fresh) = (tmp.path().join("output"), tmp.path().join("fresh"));
    assert!(build(&root, &options(&out)).unwrap().written.is_some());
    assert!(build(&root, &options(&fresh)).unwrap().written.is_some());
    let clean = tree(&fresh);
    // Nothing changed: nothing is written, every page counts as unrendered.
    let again = build(&root, &options(&out)).unwrap().written.unwrap();
    assert_eq!((again.changes.written, again.changes.removed, again.changes.unrendered), (0, 0, again.pages));
    assert!(tree(&out) == clean);
    // A stray file and folder added by hand go.
    std::fs::write(out.join("stray.html"), "x").unwrap();
    std::fs::create_dir_all(out.join("projects/stray")).unwrap();
    std::fs::write(out.join("projects/stray/index.html"), "x").unwrap();
    build(&root, &options(&out)).unwrap().written.unwrap();
    assert!(!out.join("projects/stray").exists());
    assert!(tree(&out) == clean, "{:?}", first_differences(&tree(&out), &clean));
    // A page edited by hand is made again.
    let home = out.join("index.html");
    let mut text = std::fs::read_to_string(&home).unwrap();
    text.push_str("<!-- 手工修改 -->");
    std::fs::write(&home, text).unwrap();
    let report = build(&root, &options(&out)).unwrap().written.unwrap();
    assert_eq!(report.changes.written, 0, "the home page's bytes are the last manifest's again");
    assert!(tree(&out) == clean, "{:?}", first_differences(&tree(&out), &clean));
}

/// A `build` takes a settled YAML file's tree (a project's typed reading)
/// from the parse cache on disk by its stamp, without reading the file, and
/// a project's reading by its bytes' digest when only its stamp changed:
/// the content and diagnostics are those of a load that reads and parses
/// every file, a file that does not parse (whose ids are salvaged from its
/// text) included. The randomized test above edits files within a second
/// of each build, so it never gets this far.
#[test]
fn record_files_taken_unread_load_as_read_ones() {
    use gongshi::load::{ParseCache, load, load_cached};
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo_root().join("content"), &root.join("content"));
    std::fs::write(
        root.join("content/projects/2026/ql-2026-0901.yaml"),
        "id: \"QL-2026-0901\"\ncounty: qingling\nyear: 2026\nname: [\n",
    )
    .unwrap();
    // A stamp is trusted only once the file is 3 s older than the load that took it.
    std::thread::sleep(std::time::Duration::from_millis(3300));
    let (_, _, first) = load_cached(&root, || ParseCache::new(b"test"), None).unwrap();
    assert_eq!(first.unread, 0);
    let out = tmp.path().join("out");
    first.cache.write(&out).unwrap();
    let edited = root.join("content/projects/2026/ql-2026-0001.yaml");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replacen("\nname: ", "\nname: （改）", 1)).unwrap();
    // The same bytes written again: a new stamp, the same reading.
    let touched = root.join("content/projects/2026/ql-2026-0002.yaml");
    std::fs::write(&touched, std::fs::read(&touched).unwrap()).unwrap();
    let (content, diagnostics, second) = load_cached(&root, || ParseCache::read(&out, b"test"), None).unwrap();
    let yaml = yaml_count(&root.join("content"));
    assert_eq!(second.unread, yaml - 2, "every YAML file but the edited and the touched one is taken unread");
    assert_eq!(
        second.parsed, 1,
        "the touched file's reading is taken by its bytes' digest, only the edited one is parsed"
    );
    let (fresh, fresh_diagnostics) = load(&root).unwrap();
    assert!(format!("{:?}", content.projects).contains("（改）"));
    // Every record and what did not load (the index maps are left out: a
    // HashMap's Debug order is not stable).
    let records = |c: &gongshi::domain::Content| {
        format!(
            "{:?} {:?}",
            (&c.site, &c.counties, &c.projects, &c.groups, &c.announcements, &c.assets),
            (&c.funds, &c.plans, &c.cases, &c.pages, &c.calendar, &c.sources, &c.unloaded),
        )
    };
    assert_eq!(records(&content), records(&fresh));
    assert_eq!(diagnostics, fresh_diagnostics);
    assert!(diagnostics.iter().any(|d| d.location.file.to_string().ends_with("ql-2026-0901.yaml")));
}

/// The YAML files below `dir`.
fn yaml_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                yaml_count(&p)
            } else {
                usize::from(p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            }
        })
        .sum()
}

/// A preview build whose load fails (a link leading outside the site)
/// keeps what `serve` knows for the next: after the link is gone, a file
/// the watcher does not name is taken as read, unlooked at.
#[cfg(unix)]
#[test]
fn a_failed_load_under_serve_leaves_readings_for_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo_root().join("content"), &root.join("content"));
    let out = tmp.path().join("preview");
    let options = BuildOptions::new(day(DEMO_TODAY), &out);
    let mut memory = Memory::for_preview();
    assert!(build_remembering(&root, &options, &mut memory).unwrap().written.is_some());
    let link = root.join("content/projects/outside.yaml");
    std::os::unix::fs::symlink(tmp.path().join("elsewhere.yaml"), &link).unwrap();
    std::fs::write(tmp.path().join("elsewhere.yaml"), "id: X\n").unwrap();
    memory.saw(Some(vec![link.clone()]));
    assert!(build_remembering(&root, &options, &mut memory).is_err(), "a link outside the site loaded");
    std::fs::remove_file(&link).unwrap();
    memory.saw(None);
    assert!(build_remembering(&root, &options, &mut memory).unwrap().written.is_some());
    // Renamed unseen: the readings kept say otherwise, and are believed.
    let project = std::fs::read_dir(root.join("content/projects/2026"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "yaml"))
        .unwrap();
    let text = std::fs::read_to_string(&project).unwrap();
    let renamed = text.replacen("\nname: ", "\nname: 未告知的改名", 1);
    assert_ne!(renamed, text, "no name line in {}", project.display());
    std::fs::write(&project, renamed).unwrap();
    memory.saw(Some(Vec::new()));
    assert!(build_remembering(&root, &options, &mut memory).unwrap().written.is_some());
    let pages = tree(&out);
    assert!(
        !pages.values().any(|bytes| String::from_utf8_lossy(bytes).contains("未告知的改名")),
        "the file was looked at: the failed load left no readings"
    );
}

/// Under `serve`, a load is told which paths the watcher saw change: only
/// those are looked at, and a new folder or a lost event means every file.
#[test]
fn under_a_watcher_only_the_paths_it_names_are_looked_at() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &site.path().join("content"));
    let root = std::path::absolute(site.path()).unwrap();
    let load = |reads: Reads| {
        let (content, _, reparsed) = gongshi::load::load_cached(&root, ParseCache::default, Some(reads)).unwrap();
        (content.sources, reparsed.reads.unwrap())
    };
    let (first, mut reads) = load(Reads::default());
    let projects: Vec<&String> = first.keys().filter(|rel| rel.starts_with("content/projects/")).collect();
    let [named, unnamed, removed, ..] = projects[..] else { panic!("the demo has too few projects") };
    let path = |rel: &str| root.join(rel);
    let added = "content/projects/added.yaml";
    for rel in [named, unnamed] {
        let mut text = std::fs::read_to_string(path(rel)).unwrap();
        text.push_str("# 已修改\n");
        std::fs::write(path(rel), text).unwrap();
    }
    std::fs::remove_file(path(removed)).unwrap();
    std::fs::copy(path(named), path(added)).unwrap();

    // The watcher names three of the four changes: the fourth goes unseen.
    reads.saw(Some([named, removed, added].map(&path).to_vec()));
    let (second, mut reads) = load(reads);
    assert_ne!(second[named], first[named], "a file named was not read again");
    assert_eq!(second[unnamed], first[unnamed], "a file not named was looked at");
    assert!(!second.contains_key(removed) && second.contains_key(added), "the walk was not brought up to date");

    // A folder added: only a new walk can tell what is in it, and then
    // every file is looked at.
    std::fs::create_dir_all(path("content/projects/2099")).unwrap();
    std::fs::copy(path(named), path("content/projects/2099/new.yaml")).unwrap();
    reads.saw(Some(vec![path("content/projects/2099")]));
    let (third, mut reads) = load(reads);
    assert!(third.contains_key("content/projects/2099/new.yaml"));
    assert_ne!(third[unnamed], first[unnamed], "the unseen change was not found by the new walk");

    // Without word from the watcher (a lost event), every file is looked at.
    std::fs::remove_file(path(added)).unwrap();
    reads.saw(None);
    assert!(!load(reads).0.contains_key(added));
}
