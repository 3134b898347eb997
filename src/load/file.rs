//! Reading one record file (读取单个文件): its bytes, or the tree the parse
//! cache knew by its stamp, into its record and diagnostics. One file's
//! reading looks at nothing else, which is what lets `serve` keep readings
//! and the parse cache keep trees.

use std::path::Path;

use super::reader::Ctx;
use super::{FileKind, Record, cache, report_found_lint};
use super::{announcement, asset, calendar, county, fund, group, plan, project, site, story};
use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::{RecordId, SourcePath};

/// One file's YAML parse (its tree and lint findings), through the cache when there is one.
fn parse(rel: &str, text: &str, parser: Parser<'_>) -> std::sync::Arc<cache::Parsed> {
    match parser {
        Parser::Fresh => std::sync::Arc::new(cache::Parsed::of(text)),
        Parser::Cached(cache, fresh, digest, stamp) => cache.parse(rel, text, (digest, stamp), fresh),
    }
}

/// County and year of a project file that failed to load, from its raw
/// top-level `county:` and `year:` lines, when both are readable.
pub(super) fn salvage_county_year(text: &str) -> Option<(String, i32)> {
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']).to_owned())
    };
    let county = value("county:").filter(|c| RecordId::is_valid(c))?;
    Some((county, value("year:")?.parse().ok()?))
}

/// The ids a file that failed to load may have had: a top-level `id:` line
/// read from the raw text (the YAML did not parse), and for counties and
/// groups the file name, which must equal the id.
pub(super) fn salvage_ids(rel: &str, text: &str, kind: FileKind) -> Vec<String> {
    let mut ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("id:"))
        .map(|v| v.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']).to_owned())
        .take(1)
        // An unreadable id line tells nothing: any id may have been meant.
        .filter(|v| RecordId::is_valid(v))
        .collect();
    if matches!(kind, FileKind::County | FileKind::Group)
        && let Some(stem) = rel.rsplit('/').next().and_then(|n| n.rsplit_once('.')).map(|(s, _)| s.to_owned())
    {
        ids.push(stem);
    }
    ids
}

/// How [`read_file`] parses YAML: afresh, or through a parse cache.
#[derive(Clone, Copy)]
pub(super) enum Parser<'a> {
    Fresh,
    /// Through `cache`, for a file of this digest, read when its settled stamp was this.
    Cached(&'a cache::ParseCache, &'a cache::Fresh, [u8; 32], Option<super::stamp::Stamp>),
}

/// Parses and converts one file's bytes.
pub(super) fn read_file(
    rel: &str,
    bytes: &[u8],
    kind: FileKind,
    parser: Parser<'_>,
) -> (Option<Record>, Vec<Diagnostic>) {
    let mut ctx = Ctx::new(SourcePath(rel.into()));
    let Ok(text) = std::str::from_utf8(bytes) else {
        ctx.report(Code::YamlSyntax, Pos::new(1, 1), "文件不是 UTF-8 编码".into(), Some("用 UTF-8 编码另存此文件"));
        return (None, ctx.finish(None));
    };
    let record = match kind {
        FileKind::Case => story::read_case(&mut ctx, text).map(|c| Record::Case(Box::new(c))),
        FileKind::Page => story::read_page(&mut ctx, text).map(|p| Record::Page(Box::new(p))),
        _ => read_tree(&mut ctx, kind, &parse(rel, text, parser)),
    };
    finish_reading(ctx, rel, kind, record, || text.to_owned())
}

/// Converts the YAML file at `path` whose tree the parse cache knew by its
/// stamp, unread: its text is read only to salvage the ids of a record
/// that did not load.
pub(super) fn read_known(
    rel: &str,
    path: &Path,
    kind: FileKind,
    parsed: &cache::Parsed,
) -> (Option<Record>, Vec<Diagnostic>) {
    let mut ctx = Ctx::new(SourcePath(rel.into()));
    let record = read_tree(&mut ctx, kind, parsed);
    finish_reading(ctx, rel, kind, record, || std::fs::read_to_string(path).unwrap_or_default())
}

/// Converts one YAML file's parse into its record.
fn read_tree(ctx: &mut Ctx, kind: FileKind, parsed: &cache::Parsed) -> Option<Record> {
    match parsed {
        cache::Parsed { tree: Err(e), .. } => {
            ctx.report(
                Code::YamlSyntax,
                e.pos.unwrap_or(Pos::new(1, 1)),
                format!("YAML 格式错误：{}", e.message),
                Some(&e.help),
            );
            None
        }
        cache::Parsed { tree: Ok(root), lint } => {
            report_found_lint(ctx, lint);
            match kind {
                FileKind::Site => site::read(ctx, root).map(|s| Record::Site(Box::new(s))),
                FileKind::Taxonomy => Some(Record::Taxonomy(site::taxonomy(ctx, root))),
                FileKind::Calendar => Some(Record::Calendar(calendar::read(ctx, root))),
                FileKind::County => county::read(ctx, root).map(|c| Record::County(Box::new(c))),
                FileKind::Project => project::read(ctx, root).map(|p| Record::Project(std::sync::Arc::new(p))),
                FileKind::Announcement => announcement::read(ctx, root).map(|a| Record::Announcement(Box::new(a))),
                FileKind::Asset => asset::read(ctx, root).map(|a| Record::Asset(Box::new(a))),
                FileKind::Group => group::read(ctx, root).map(|g| Record::Group(Box::new(g))),
                FileKind::Fund => fund::read(ctx, root).map(|b| Record::Fund(Box::new(b))),
                FileKind::Plan => plan::read(ctx, root).map(|d| Record::Plan(Box::new(d))),
                FileKind::Case | FileKind::Page => None,
            }
        }
    }
}

/// The reading of one file from its `record`: what a county, group or
/// project that did not load may have been (from its `text`, asked for only
/// then), and the check that its id and file name agree.
fn finish_reading(
    mut ctx: Ctx,
    rel: &str,
    kind: FileKind,
    record: Option<Record>,
    text: impl FnOnce() -> String,
) -> (Option<Record>, Vec<Diagnostic>) {
    let record = match record {
        None if matches!(kind, FileKind::County | FileKind::Group | FileKind::Project) => {
            let text = text();
            Some(Record::Failed(kind, salvage_ids(rel, &text, kind), salvage_county_year(&text)))
        }
        r => r,
    };
    let id = match &record {
        Some(Record::County(c)) => Some(c.id.clone()),
        Some(Record::Group(g)) => Some(g.id.clone()),
        Some(Record::Case(c)) => Some(c.id.clone()),
        Some(Record::Page(p)) => Some(p.id.clone()),
        Some(Record::Project(p)) => {
            let id = p.id.value.clone();
            return (record, ctx.finish(Some(&id)));
        }
        Some(Record::Announcement(a)) => {
            let id = a.id.value.clone();
            return (record, ctx.finish(Some(&id)));
        }
        Some(Record::Asset(a)) => {
            let id = a.id.value.clone();
            return (record, ctx.finish(Some(&id)));
        }
        // Named freely like projects and announcements (ids are upper case).
        Some(Record::Fund(b)) => {
            let id = b.id.value.clone();
            return (record, ctx.finish(Some(&id)));
        }
        Some(Record::Plan(d)) => {
            let id = d.id.value.clone();
            return (record, ctx.finish(Some(&id)));
        }
        _ => None,
    };
    // Where both exist, the file name and the id must agree: the id is the URL.
    // A bad id is already `bad-id`; its file name cannot match it too.
    if let Some(id) = id.as_ref().filter(|i| RecordId::is_valid(i)) {
        let stem = rel.rsplit('/').next().and_then(|n| n.rsplit_once('.')).map_or("", |(s, _)| s);
        if stem != id.value {
            ctx.report(
                Code::IdMismatch,
                id.pos,
                format!("编号“{}”与文件名“{stem}”不一致", id.value),
                Some(&format!("把文件改名为 {}.{}，或更正 id", id.value, rel.rsplit('.').next().unwrap_or("yaml"))),
            );
        }
    }
    let id_text = id.map(|i| i.value);
    (record, ctx.finish(id_text.as_deref()))
}
