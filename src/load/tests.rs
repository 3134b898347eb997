//! Tests of the loader's own functions.

use super::file::{salvage_county_year, salvage_ids};
use super::*;

#[test]
fn a_failed_file_keeps_the_ids_it_may_have_had() {
    let county = salvage_ids("content/counties/qingling.yaml", "id: qingling\nname: [x\n", FileKind::County);
    assert_eq!(county, ["qingling", "qingling"]);
    let project = salvage_ids("content/projects/a.yaml", "# c\nid: \"QL-1\" # note\nname: [\n", FileKind::Project);
    assert_eq!(project, ["QL-1"]);
    // A garbled id line tells nothing: the project may be any.
    assert!(salvage_ids("content/projects/a.yaml", "id: [QL-1\n", FileKind::Project).is_empty());
    let mut unloaded = Unloaded::default();
    note_failed(&mut unloaded, FileKind::Project, Vec::new(), salvage_county_year("county: ql\nyear: 2025\n"));
    assert!(unloaded.may_be_project("anything"));
    assert!(unloaded.may_lack_project_of("ql", 2025));
    assert!(!unloaded.may_lack_project_of("ql", 2026));
}

/// Copies the demo's `content/` into a new folder and returns it (the site root).
fn demo_site() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &tmp.path().join("content"));
    tmp
}

#[test]
fn under_a_watcher_only_the_paths_it_names_are_looked_at() {
    let site = demo_site();
    let root = std::path::absolute(site.path()).unwrap();
    let load = |reads: Reads| {
        let (content, _, reparsed) = load_cached(&root, ParseCache::default, Some(reads)).unwrap();
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
