//! `published-removed`: a page the last build published must not disappear.
//!
//! The project page (`projects/<id>/`) is what the QR code on every printed
//! notice opens, and a printable notice (`projects/<id>/notice/<level>/`) is
//! a document that was posted on a board: once out, neither may turn into a
//! 404 because a project file was deleted or a notice taken out of it. A
//! project that ends is recorded in its file (撤回, 未通过, 调出) and keeps
//! its page. The pipeline reads the last build's manifest (output's format)
//! and hands the listed files here as plain paths; which notices are printed
//! is the domain's fact ([`Project::printed_notices`]).
//!
//! [`Project::printed_notices`]: crate::domain::Project::printed_notices

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Location, Pos};
use crate::domain::project::NoticeLevel;
use crate::domain::{Content, Keyword};

/// What the last build published, as its manifest lists it.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// The manifest as the user opens it (`output/manifest.sha256`).
    pub manifest: Arc<str>,
    /// Every listed file.
    pub files: Vec<PublishedFile>,
}

/// One file of the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFile {
    /// Its path in the output, `/`-separated (`projects/QL-2026-0009/index.html`).
    pub path: String,
    /// Where the manifest lists it.
    pub pos: Pos,
}

/// What the rule found.
#[derive(Debug, Default)]
pub struct Removals {
    /// One error per project page or printable notice that would disappear.
    pub diagnostics: Vec<Diagnostic>,
    /// The `--allow-removal` ids the last build published nothing of: a
    /// typo, or an allowance left over; the command mentions them.
    pub never_published: Vec<String>,
}

/// A page this rule guards, parsed from its output path. The paths are those
/// of `site::url` (`project`, `notice`) with `index.html`; a build of the
/// demo checked against itself (tests/it/published.rs) keeps the two in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page<'a> {
    /// `projects/<id>/index.html`.
    Project(&'a str),
    /// `projects/<id>/notice/<level>/index.html`.
    Notice(&'a str, NoticeLevel),
}

fn page(path: &str) -> Option<Page<'_>> {
    let rest = path.strip_prefix("projects/")?.strip_suffix("/index.html")?;
    match rest.split('/').collect::<Vec<_>>()[..] {
        [id] => Some(Page::Project(id)),
        [id, "notice", level] => NoticeLevel::from_key(level).map(|l| Page::Notice(id, l)),
        _ => None,
    }
}

/// The guarded pages of one project id in the last build.
#[derive(Default)]
struct Listed {
    page: Option<Pos>,
    notices: Vec<(NoticeLevel, Pos)>,
}

/// Reports every project page and printable notice of `published` that
/// `content` no longer gives, except for the ids in `allow` and for ids a
/// project file that failed to load may have (that file's own error blocks
/// already; when a file failed before its id was read, that is every id).
pub fn check(content: &Content, published: &Published, allow: &BTreeSet<String>) -> Removals {
    let mut by_id: BTreeMap<&str, Listed> = BTreeMap::new();
    for f in &published.files {
        match page(&f.path) {
            Some(Page::Project(id)) => by_id.entry(id).or_default().page = Some(f.pos),
            Some(Page::Notice(id, level)) => by_id.entry(id).or_default().notices.push((level, f.pos)),
            None => {}
        }
    }
    let at = |pos: Pos| Location { file: published.manifest.clone(), pos: Some(pos) };
    let mut diagnostics = Vec::new();
    for (&id, listed) in &by_id {
        if allow.contains(id) || content.unloaded.may_be_project(id) {
            continue;
        }
        let Some(project) = content.project(id) else {
            // One report per project: its notices go with its page.
            let Some(pos) = listed.page.or_else(|| listed.notices.first().map(|n| n.1)) else { continue };
            diagnostics.push(project_gone(id, &listed.notices, at(pos)));
            continue;
        };
        for &(level, pos) in &listed.notices {
            if !project.printed_notices().any(|n| n.level == level) {
                diagnostics.push(notice_gone(id, level, at(pos)));
            }
        }
    }
    let never_published = allow.iter().filter(|id| !by_id.contains_key(id.as_str())).cloned().collect();
    Removals { diagnostics, never_published }
}

fn project_gone(id: &str, notices: &[(NoticeLevel, Pos)], location: Location) -> Diagnostic {
    let mut levels: Vec<NoticeLevel> = notices.iter().map(|n| n.0).collect();
    levels.sort_unstable();
    let papers = if levels.is_empty() {
        String::new()
    } else {
        format!(" 及其{}公示打印页", levels.iter().map(|l| l.label()).collect::<Vec<_>>().join("、"))
    };
    Diagnostic::new(
        Code::PublishedRemoved,
        location,
        format!("上次构建已发布项目 {id} 的页面 projects/{id}/{papers}，本次将不再生成：已张贴的二维码会打不开"),
    )
    .record(Some(id))
    .help(format!(
        "不要删除已公开项目的文件，而是在文件中记下它的结局：审批前撤回的写 withdrawn: {{date, by, reason}}（撤回），\
         未通过的写 rejected: {{date, by, reason}}（未通过），入库后调出的写一条 adjusted_out 事件（调出）；\
         如果这条记录本来就不该公开，运行 build 和 check 时加上 --allow-removal {id}"
    ))
}

fn notice_gone(id: &str, level: NoticeLevel, location: Location) -> Diagnostic {
    let (label, key) = (level.label(), level.key());
    Diagnostic::new(
        Code::PublishedRemoved,
        location,
        format!(
            "上次构建已发布项目 {id} 的{label}公示打印页 projects/{id}/notice/{key}/，本次将不再生成：已张贴的公示在网上查不到了"
        ),
    )
    .record(Some(id))
    .help(format!(
        "已张贴的{label}公示不要从项目文件中删除；公示有误需重新公示的，在 notices 中再写一条{label}公示（以开始日期最晚的一条为准）；\
         如果这条记录本来就不该公开，运行 build 和 check 时加上 --allow-removal {id}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{content, d, project};

    fn last_build(paths: &[&str]) -> Published {
        let files =
            paths.iter().zip(1u32..).map(|(p, line)| PublishedFile { path: (*p).into(), pos: Pos::new(line, 67) });
        Published { manifest: "output/manifest.sha256".into(), files: files.collect() }
    }

    #[test]
    fn gone_pages_are_reported_at_their_manifest_line_unless_allowed() {
        let p1 = project("P-1").village(d("2026-03-01"), d("2026-03-11")).build();
        let c = content([p1]);
        let last = last_build(&[
            "index.html",
            "projects/P-1/index.html",
            "projects/P-1/notice/township/index.html",
            "projects/P-1/notice/village/index.html",
            "projects/P-2/index.html",
            "projects/P-2/notice/village/index.html",
        ]);
        let found = check(&c, &last, &BTreeSet::new());
        let at: Vec<(u32, Option<&str>)> =
            found.diagnostics.iter().map(|d| (d.location.pos.unwrap().line, d.record.as_deref())).collect();
        assert_eq!(at, [(3, Some("P-1")), (5, Some("P-2"))], "the township paper of P-1, and P-2 with its paper");
        assert!(found.diagnostics[0].message.contains("乡镇级公示打印页"), "{}", found.diagnostics[0].message);
        assert!(found.diagnostics[1].message.contains("及其村级公示打印页"), "{}", found.diagnostics[1].message);

        let allow: BTreeSet<String> = ["P-2".into(), "P-9".into()].into();
        let found = check(&c, &last, &allow);
        assert_eq!(found.diagnostics.len(), 1);
        assert_eq!(found.never_published, ["P-9"]);
    }

    #[test]
    fn a_project_file_that_failed_to_load_hides_its_pages() {
        let mut c = content([]);
        let last = last_build(&["projects/P-1/index.html", "projects/P-2/index.html"]);
        c.unloaded.projects.insert("P-1".into());
        let ids: Vec<_> = check(&c, &last, &BTreeSet::new()).diagnostics.into_iter().map(|d| d.record).collect();
        assert_eq!(ids, [Some("P-2".to_owned())]);
        c.unloaded.has_anonymous_project = true;
        assert!(check(&c, &last, &BTreeSet::new()).diagnostics.is_empty());
    }

    #[test]
    fn only_project_pages_and_printable_notices_are_guarded() {
        assert_eq!(page("projects/QL-2026-0009/index.html"), Some(Page::Project("QL-2026-0009")));
        assert_eq!(
            page("projects/QL-2026-0009/notice/township/index.html"),
            Some(Page::Notice("QL-2026-0009", NoticeLevel::Township))
        );
        for other in [
            "projects/index.html",
            "projects/page/2/index.html",
            "projects/year/2026/index.html",
            "projects/type/industry/page/2/index.html",
            "projects/QL-2026-0009/notice/city/index.html",
            "projects/QL-2026-0009/qr.svg",
            "counties/qingling/index.html",
        ] {
            assert_eq!(page(other), None, "{other}");
        }
    }
}
