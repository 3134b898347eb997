//! `published-removed`: a project page or printable notice the last build
//! published must not disappear (a QR code on a village board must never
//! lead to a 404), through the binary as county staff run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{DEMO_TODAY, copy_dir, fixture, tree};

/// The demo copied into a temp dir.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn demo() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture("valid/demo"), dir.path());
        Site { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn project(&self, id: &str) -> PathBuf {
        let year = &id[3..7];
        self.root().join(format!("content/projects/{year}/{}.yaml", id.to_lowercase()))
    }

    /// `gongshi --root <site> <args> --today <demo day>`.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .args(["--today", DEMO_TODAY])
            .output()
            .expect("run gongshi")
    }

    fn build_ok(&self, args: &[&str]) {
        let out = self.run(&[&["build"], args].concat());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }

    /// The manifest line (1-based) listing `path` in `output`.
    fn manifest_line(&self, output: &str, path: &str) -> usize {
        let manifest = std::fs::read_to_string(self.root().join(output).join("manifest.sha256")).unwrap();
        manifest.lines().position(|l| l.ends_with(&format!("  {path}"))).expect("listed") + 1
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_build_checked_against_itself_is_clean() {
    let site = Site::demo();
    site.build_ok(&[]);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "未发现问题\n");
}

#[test]
fn a_deleted_project_file_is_an_error_and_the_build_keeps_the_old_output() {
    let site = Site::demo();
    site.build_ok(&[]);
    let line = site.manifest_line("output", "projects/QL-2026-0007/index.html");
    std::fs::remove_file(site.project("QL-2026-0007")).unwrap();

    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "output/manifest.sha256:{line}:67: error[published-removed]: 上次构建已发布项目 QL-2026-0007 的页面 projects/QL-2026-0007/"
        )),
        "{err}"
    );
    assert!(err.contains("公示打印页"), "its printable notice goes with it: {err}");
    for hint in ["withdrawn:", "rejected:", "adjusted_out", "--allow-removal QL-2026-0007"] {
        assert!(err.contains(hint), "{hint}: {err}");
    }
    assert_eq!(err.matches("published-removed").count(), 1, "one report per project: {err}");

    let before = tree(&site.root().join("output"));
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[published-removed]"), "{}", stderr(&out));
    assert!(tree(&site.root().join("output")) == before, "a refused build leaves the output as it was");

    let out = site.run(&["check", "--allow-removal", "QL-2026-0007"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    site.build_ok(&["--allow-removal", "QL-2026-0007"]);
    assert!(!site.root().join("output/projects/QL-2026-0007").exists());
    // Published no more: the next build has nothing to guard for it.
    assert_eq!(site.run(&["check"]).status.code(), Some(0));
}

#[test]
fn an_allowance_for_an_id_never_published_is_noted() {
    let site = Site::demo();
    site.build_ok(&[]);
    let out = site.run(&["check", "--allow-removal", "QL-2026-0100", "--allow-removal", "QL-2026-0007"]);
    assert_eq!(out.status.code(), Some(0), "a note, not a diagnostic");
    let err = stderr(&out);
    assert!(err.contains("提示：--allow-removal QL-2026-0100 没有作用"), "{err}");
    assert!(!err.contains("QL-2026-0007 没有作用"), "it was published: {err}");
}

#[test]
fn a_printable_notice_that_would_disappear_names_its_level() {
    let site = Site::demo();
    site.build_ok(&[]);
    let line = site.manifest_line("output", "projects/QL-2026-0011/notice/village/index.html");
    let file = site.project("QL-2026-0011");
    let text = std::fs::read_to_string(&file).unwrap();
    // Its only notice, the village one, which ran in November.
    std::fs::write(&file, &text[..text.find("notices:\n").unwrap()]).unwrap();

    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "output/manifest.sha256:{line}:67: error[published-removed]: 上次构建已发布项目 QL-2026-0011 的村级公示打印页 projects/QL-2026-0011/notice/village/"
        )),
        "{err}"
    );
    assert!(err.contains("--allow-removal QL-2026-0011"), "{err}");
    assert_eq!(err.matches("published-removed").count(), 1, "{err}");
}

#[test]
fn without_a_previous_output_there_is_nothing_to_compare() {
    let site = Site::demo();
    std::fs::remove_file(site.project("QL-2026-0007")).unwrap();
    assert_eq!(site.run(&["check"]).status.code(), Some(0));
    // A folder that is not gongshi's output is no previous build either.
    std::fs::create_dir(site.root().join("output")).unwrap();
    std::fs::write(
        site.root().join("output/manifest.sha256"),
        format!("{}  projects/QL-2026-0001/index.html\n", "0".repeat(64)),
    )
    .unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn check_compares_with_the_output_folder_it_is_given() {
    let site = Site::demo();
    let www = site.root().join("www");
    site.build_ok(&["--output", www.to_str().unwrap()]);
    std::fs::remove_file(site.project("QL-2026-0007")).unwrap();
    assert_eq!(site.run(&["check"]).status.code(), Some(0), "nothing in the default output/");
    let out = site.run(&["check", "--output", www.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("www/manifest.sha256:"), "{}", stderr(&out));
}

#[test]
fn a_project_file_that_failed_to_load_is_not_reported_as_removed() {
    let site = Site::demo();
    site.build_ok(&[]);
    let file = site.project("QL-2026-0007");
    let text = std::fs::read_to_string(&file).unwrap();
    // A syntax error after the id: the id is still known to be a broken file's.
    std::fs::write(&file, text.replace("  total:", "  total：")).unwrap();
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("error[yaml-syntax]") && !err.contains("published-removed"), "{err}");
    // One before it: any published project may be this file's.
    std::fs::write(&file, format!("名称: [\n{text}")).unwrap();
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("error[yaml-syntax]") && !err.contains("published-removed"), "{err}");
}
