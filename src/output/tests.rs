//! Tests of the staging folder, its swap and the recovery after a killed build.

use super::*;

#[test]
fn unsafe_paths_are_refused() {
    for bad in ["../x", "a/../../x", "/etc/x", "a\\b", "a//b", "", "a/./b"] {
        assert!(!is_safe_relative(bad), "{bad}");
    }
    assert!(is_safe_relative("projects/QL-1/index.html"));
}

#[test]
fn a_streamed_file_is_written_and_listed_with_its_digest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let staging = Staging::begin(&out).unwrap();
    // Larger than the writer's buffer, in uneven pieces.
    let chunk: Vec<u8> = (0..=250u8).collect();
    staging
        .stream("data/big.csv", &mut |w| {
            for _ in 0..1000 {
                w.write_all(&chunk)?;
            }
            Ok(())
        })
        .unwrap();
    let failed = staging.stream("data/bad.json", &mut |_| Err(io::Error::other("serializer broke")));
    let message = crate::error::report(&failed.unwrap_err());
    assert!(message.contains("bad.json") && message.contains("serializer broke"), "{message}");
    staging.commit().unwrap();
    let bytes = fs::read(out.join("data/big.csv")).unwrap();
    assert_eq!(bytes, chunk.repeat(1000));
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    let want: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert!(manifest.contains(&format!("{want}  data/big.csv\n")), "{manifest}");
    assert!(!manifest.contains("bad.json"), "a failed file is not listed");
}

#[test]
fn files_in_shared_new_folders_are_written_from_many_threads() {
    use rayon::prelude::*;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let staging = Staging::begin(&out).unwrap();
    // Threads race to make the same folders; every file must land.
    let rels: Vec<String> =
        (0..400).map(|i| format!("projects/P{}/notice/{}/f{i}.html", i % 7, ["village", "township"][i % 2])).collect();
    rels.par_iter().for_each(|r| staging.write(r, r.as_bytes()).unwrap());
    staging.write("top.txt", b"top").unwrap();
    // A folder where a file already is fails and names the path.
    let err = staging.write("top.txt/x.html", b"x").unwrap_err().to_string();
    assert!(err.contains("top.txt"), "{err}");
    staging.commit().unwrap();
    for r in &rels {
        assert_eq!(fs::read(out.join(r)).unwrap(), r.as_bytes(), "{r}");
    }
    assert_eq!(fs::read(out.join("top.txt")).unwrap(), b"top");
}

#[test]
fn dropped_staging_is_removed_and_commit_swaps() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let s = Staging::begin(&out).unwrap();
    s.write("a/index.html", b"one").unwrap();
    drop(s);
    assert!(!out.exists());
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);

    let s = Staging::begin(&out).unwrap();
    s.write("a/index.html", b"two").unwrap();
    assert_eq!(s.commit().unwrap().files, 2);
    assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"two");
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert!(manifest.ends_with("  a/index.html\n"), "{manifest}");
    assert!(out.join(MARKER).is_file());
}

#[test]
fn a_build_killed_mid_swap_is_undone_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    // The dead build had moved the old site away and left its staging folder.
    for dir in ["output.old-999", "output.tmp-999"] {
        fs::create_dir_all(tmp.path().join(dir)).unwrap();
        fs::write(tmp.path().join(dir).join(MARKER), MARKER_TEXT).unwrap();
    }
    fs::write(tmp.path().join("output.old-999/index.html"), b"previous").unwrap();
    // A folder that is not ours is left alone; an empty unmarked one (killed
    // before its marker was written) is removed.
    fs::create_dir(tmp.path().join("output.tmp-mine")).unwrap();
    fs::write(tmp.path().join("output.tmp-mine/keep.txt"), b"not ours").unwrap();
    fs::create_dir(tmp.path().join("output.tmp-998")).unwrap();
    let s = Staging::begin(&out).unwrap();
    // Recovery put the previous site back before anything else.
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"previous");
    drop(s);
    let mut left: Vec<_> =
        fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(left, ["output", "output.tmp-mine"]);
}

#[test]
fn unchanged_files_are_linked_from_the_previous_build_and_changes_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let s = Staging::begin(&out).unwrap();
    s.write("same.html", b"same").unwrap();
    s.write("changes.html", b"one").unwrap();
    s.write("goes.html", b"gone soon").unwrap();
    s.stream("data/small.json", &mut |w| w.write_all(b"[]")).unwrap();
    let first = s.commit().unwrap();
    assert_eq!(first.changes, Changes { written: 4, unchanged: 0, removed: 0, unrendered: 0 });
    assert!(first.trash.is_none(), "nothing was replaced");

    // A file edited by hand since is not carried over, though the manifest lists it.
    fs::write(out.join("data/small.json"), b"[1]").unwrap();
    let s = Staging::begin(&out).unwrap();
    s.write("same.html", b"same").unwrap();
    s.write("changes.html", b"two").unwrap();
    s.write("new.html", b"new").unwrap();
    s.stream("data/small.json", &mut |w| w.write_all(b"[]")).unwrap();
    let second = s.commit().unwrap();
    assert_eq!(second.changes, Changes { written: 2, unchanged: 2, removed: 1, unrendered: 0 });
    assert!(second.trash.is_none(), "the replaced site is kept as the spare");
    let spare = recycle::spare_of(tmp.path(), "output");
    assert!(recycle::is_spare_of(&spare.file_name().unwrap().to_string_lossy(), "output"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&out.join("same.html")), ino(&spare.join("same.html")), "linked, not written");
        assert_ne!(ino(&out.join("changes.html")), ino(&spare.join("changes.html")));
    }
    assert_eq!(fs::read(spare.join("goes.html")).unwrap(), b"gone soon");
    assert_eq!(fs::read(out.join("same.html")).unwrap(), b"same");
    assert_eq!(fs::read(out.join("data/small.json")).unwrap(), b"[]");
    assert!(!out.join("goes.html").exists());
}

/// The files below `dir` (but the marker), with their bytes.
pub(super) fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

/// Builds `files` into `out` and returns the published result.
fn publish(out: &Path, files: &[(&str, &[u8])]) -> Published {
    let s = Staging::begin(out).unwrap();
    for (rel, bytes) in files {
        s.write(rel, bytes).unwrap();
    }
    s.commit().unwrap()
}

#[test]
fn the_spare_becomes_the_next_staging_folder_and_ends_up_as_a_clean_build_would() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let spare = recycle::spare_of(tmp.path(), "output");
    publish(
        &out,
        &[
            ("same.html", b"same"),
            ("edit.html", b"one"),
            ("goes.html", b"old"),
            ("x", b"a file"),
            ("y/index.html", b"y"),
        ],
    );
    publish(&out, &[("same.html", b"same"), ("edit.html", b"two"), ("second.html", b"2")]);
    // Things the spare holds that no build wrote: all go.
    fs::write(spare.join("stray.html"), b"by hand").unwrap();
    fs::create_dir_all(spare.join("olddir/deep")).unwrap();
    fs::write(spare.join("olddir/deep/x.html"), b"x").unwrap();
    let live_before = tree(&out);

    let s = Staging::begin(&out).unwrap();
    assert!(!spare.exists(), "claimed as the staging folder");
    // `same.html` is one file in the live output and the recycled tree: the
    // new bytes must not reach the live site before the swap.
    s.write("same.html", b"SAME").unwrap();
    s.write("edit.html", b"three").unwrap();
    // A folder where the recycled tree has a file, and the other way round.
    s.write("x/index.html", b"now a folder").unwrap();
    s.write("y", b"now a file").unwrap();
    s.stream("data/big.json", &mut |w| w.write_all(&vec![b'7'; SPILL_AT + 10])).unwrap();
    assert_eq!(tree(&out), live_before, "the live site is untouched while the spare is updated");
    let third = s.commit().unwrap();
    // What the build replaced in the spare was moved aside, to go after
    // the success message; the old tree itself is the spare again.
    let aside = third.trash.as_ref().and_then(|t| t.path()).map(Path::to_path_buf).expect("replaced files set aside");
    assert!(aside.is_dir() && !aside.starts_with(&spare));
    drop(third);
    assert!(!aside.exists(), "removed once the build is done");

    let mut want = std::collections::BTreeMap::new();
    for (rel, bytes) in
        [("same.html", &b"SAME"[..]), ("edit.html", b"three"), ("x/index.html", b"now a folder"), ("y", b"now a file")]
    {
        want.insert(rel.to_owned(), bytes.to_vec());
    }
    want.insert("data/big.json".to_owned(), vec![b'7'; SPILL_AT + 10]);
    let mut got = tree(&out);
    let manifest = got.remove(MANIFEST).unwrap();
    assert_eq!(got, want, "exactly this build's files");
    assert_eq!(String::from_utf8(manifest).unwrap().lines().count(), 5);
    assert!(!out.join("olddir").exists());
    // The second build's site is now the spare, whole.
    let spare_now = tree(&spare);
    assert_eq!(spare_now, live_before);
}

#[test]
fn a_build_that_fails_while_updating_the_spare_leaves_the_site_and_the_next_build_starts_afresh() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let spare = recycle::spare_of(tmp.path(), "output");
    publish(&out, &[("a.html", b"1")]);
    publish(&out, &[("a.html", b"2")]);
    assert!(spare.is_dir());
    let s = Staging::begin(&out).unwrap();
    s.write("a.html", b"3").unwrap();
    drop(s);
    assert!(!spare.exists(), "a half-updated spare is not kept");
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"2");
    // A spare without its manifest is not trusted either.
    publish(&out, &[("a.html", b"4")]);
    fs::remove_file(spare.join(MANIFEST)).unwrap();
    fs::write(spare.join("left.html"), b"?").unwrap();
    publish(&out, &[("a.html", b"5")]);
    let mut got = tree(&out);
    got.remove(MANIFEST);
    assert_eq!(got.into_keys().collect::<Vec<_>>(), ["a.html"]);
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"5");
    // A folder of that name that is not ours is never touched.
    let tmp2 = tempfile::tempdir().unwrap();
    let out2 = tmp2.path().join("output");
    let foreign = recycle::spare_of(tmp2.path(), "output");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("mine.txt"), b"mine").unwrap();
    publish(&out2, &[("a.html", b"1")]);
    let second = publish(&out2, &[("a.html", b"2")]);
    assert_eq!(fs::read(out2.join("a.html")).unwrap(), b"2");
    assert_eq!(fs::read(foreign.join("mine.txt")).unwrap(), b"mine");
    // The replaced site is then removed as trash instead.
    second.trash.unwrap().empty().unwrap();
    assert_eq!(fs::read(foreign.join("mine.txt")).unwrap(), b"mine");
}

#[test]
fn a_trash_folder_left_by_a_killed_build_is_removed_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let s = Staging::begin(&out).unwrap();
    s.write("index.html", b"home").unwrap();
    s.commit().unwrap();
    let left = tmp.path().join(".gongshi-trash-999-output");
    fs::create_dir_all(left.join("projects")).unwrap();
    fs::write(left.join(MARKER), MARKER_TEXT).unwrap();
    fs::write(left.join("projects/old.html"), b"old").unwrap();
    // Another output's trash is not this one's to remove.
    let other = tmp.path().join(".gongshi-trash-999-output-2");
    fs::create_dir(&other).unwrap();
    fs::write(other.join(MARKER), MARKER_TEXT).unwrap();
    let s = Staging::begin(&out).unwrap();
    assert!(!left.exists(), "removed before the build writes anything");
    s.write("index.html", b"home").unwrap();
    drop(s.commit().unwrap());
    let mut names: Vec<_> =
        fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, [".gongshi-spare-output", ".gongshi-stamps-output", ".gongshi-trash-999-output-2", "output"]);
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert_eq!(manifest.lines().count(), 1, "{manifest}");
}

#[test]
fn whether_the_site_was_made_from_a_key_is_read_from_the_groups_file_head() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    assert!(!groups::site_made_from(&out, &[1; 32]), "no groups file");
    let s = Staging::begin(&out).unwrap();
    s.write("index.html", b"home").unwrap();
    s.remember_group("projects/QL-1", [7; 32], vec!["projects/QL-1/index.html".into()], vec![0; 4096]);
    s.remember_site([1; 32], 1);
    s.commit().unwrap();
    assert!(groups::site_made_from(&out, &[1; 32]));
    assert!(!groups::site_made_from(&out, &[2; 32]), "another site key");
    assert!(!groups::site_made_from(&out, &[7; 32]), "a project's key is not the site's");
    assert!(groups::load_site(&out).is_some_and(|g| g.site_files(&[1; 32]).is_some()), "the same group read whole");
}
