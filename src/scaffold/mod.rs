//! `gongshi new`: writes a commented template record for county staff to fill in.
//!
//! Each template holds every required key of `docs/content.md`, a Chinese
//! comment saying what the key means, and a placeholder that `check` rejects
//! at its own line: text keys are left empty (`missing-field`), and dates,
//! months, numbers and vocabulary keys say `待填写` (`invalid-value`, or
//! `unknown-type` for `type`). Optional keys appear as commented examples.
//! The templates live in `templates/` beside this file; a test fills every
//! placeholder and runs `check` on the result, so they cannot rot unnoticed.
//!
//! This module only writes a new file: it never overwrites one, and refuses an
//! id that a record of the same kind already uses (case-insensitively).

use std::path::{Path, PathBuf};

use crate::domain::RecordId;

/// The kind of record `gongshi new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// 县: `content/counties/<id>.yaml`.
    County,
    /// 项目: `content/projects/<year>/<id>.yaml`.
    Project,
    /// 项目库公告: `content/announcements/<year>/<id>.yaml`.
    Announcement,
    /// 帮扶项目资产: `content/assets/<year>/<id>.yaml`.
    Asset,
    /// 产业顾问组: `content/groups/<id>.yaml`.
    Group,
    /// 典型案例: `content/cases/<id>.md`.
    Case,
    /// 页面: `content/pages/<id>.md`.
    Page,
    /// 资金批次: `content/funds/<year>/<id>.yaml`.
    Fund,
    /// 年度计划与资金公告: `content/plans/<year>/<id>.yaml`.
    Plan,
}

/// Why no file was written (all are usage or environment errors, exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The site root has no `content/`.
    #[error("站点目录 {0} 下没有 content/ 文件夹；请在站点目录中运行，或用 --root 指定")]
    NoContent(PathBuf),
    /// The id does not match the id pattern.
    #[error("编号“{0}”不合规：{rule}（例如 QL-2027-0001）", rule = crate::domain::id::RULE_ZH)]
    BadId(String),
    /// The target file exists.
    #[error("文件 {0} 已存在，未作任何改动（gongshi new 不会覆盖已有文件）")]
    Exists(PathBuf),
    /// Another record of the same kind already has this id.
    #[error("编号“{id}”已被 {path} 使用（编号不区分大小写），未作任何改动")]
    Taken {
        /// The id asked for.
        id: String,
        /// The file that holds it.
        path: PathBuf,
    },
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] crate::Error),
}

/// Writes the template of `kind` for `id` under `root/content/`; returns the new file's path.
pub fn new_record(root: &Path, kind: NewKind, id: &str) -> Result<PathBuf, NewError> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(NewError::NoContent(root.to_path_buf()));
    }
    if !RecordId::is_valid(id) {
        return Err(NewError::BadId(id.to_owned()));
    }
    let year = year_in(id);
    let rel = match (kind, year) {
        (NewKind::County, _) => format!("counties/{id}.yaml"),
        (NewKind::Project, Some(y)) => format!("projects/{y}/{id}.yaml"),
        (NewKind::Project, None) => format!("projects/{id}.yaml"),
        (NewKind::Announcement, Some(y)) => format!("announcements/{y}/{id}.yaml"),
        (NewKind::Announcement, None) => format!("announcements/{id}.yaml"),
        (NewKind::Asset, Some(y)) => format!("assets/{y}/{id}.yaml"),
        (NewKind::Asset, None) => format!("assets/{id}.yaml"),
        (NewKind::Group, _) => format!("groups/{id}.yaml"),
        (NewKind::Case, _) => format!("cases/{id}.md"),
        (NewKind::Page, _) => format!("pages/{id}.md"),
        (NewKind::Fund, Some(y)) => format!("funds/{y}/{id}.yaml"),
        (NewKind::Fund, None) => format!("funds/{id}.yaml"),
        (NewKind::Plan, Some(y)) => format!("plans/{y}/{id}.yaml"),
        (NewKind::Plan, None) => format!("plans/{id}.yaml"),
    };
    let path = content.join(&rel);
    if path.exists() {
        return Err(NewError::Exists(path));
    }
    if let Some(taken) = id_taken(&content, kind, id)? {
        return Err(NewError::Taken { id: id.to_owned(), path: taken });
    }
    let county = only_county(&content).unwrap_or_default();
    let year_text = year.map(|y| y.to_string()).unwrap_or_default();
    let text = fill(template(kind), &[("{{id}}", id), ("{{county}}", &county), ("{{year}}", &year_text)]);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    }
    // `create_new` so that a file appearing meanwhile is still never overwritten.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            NewError::Exists(path.clone())
        } else {
            NewError::Io(crate::Error::io(&path, e))
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| crate::Error::io(&path, e))?;
    Ok(path)
}

/// The year written in an id such as `QL-2027-0001`: the first run of exactly
/// four digits between 1949 and 2200.
pub fn year_in(id: &str) -> Option<i32> {
    id.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .find(|y| crate::domain::date::YEARS.contains(y))
}

fn template(kind: NewKind) -> &'static str {
    match kind {
        NewKind::County => include_str!("templates/county.yaml"),
        NewKind::Project => include_str!("templates/project.yaml"),
        NewKind::Announcement => include_str!("templates/announcement.yaml"),
        NewKind::Asset => include_str!("templates/asset.yaml"),
        NewKind::Group => include_str!("templates/group.yaml"),
        NewKind::Case => include_str!("templates/case.md"),
        NewKind::Page => include_str!("templates/page.md"),
        NewKind::Fund => include_str!("templates/fund.yaml"),
        NewKind::Plan => include_str!("templates/plan.yaml"),
    }
}

/// Replaces the `{{…}}` tokens, keeping the comments of the changed lines in their column.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    for line in template.split_inclusive('\n') {
        if !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        // The column of the comment's `#`, counted in characters.
        let comment_col = line.find("  #").map(|i| line[..i].chars().count() + 2);
        let mut filled = line.to_owned();
        for (token, value) in values {
            filled = filled.replace(token, value);
        }
        match (comment_col, filled.find("  #")) {
            (Some(col), Some(i)) => {
                let head = filled[..i].trim_end();
                let pad = col.saturating_sub(head.chars().count()).max(1);
                out.push_str(&format!("{head}{}{}", " ".repeat(pad), filled[i..].trim_start()));
            }
            _ => out.push_str(&filled),
        }
    }
    out
}

/// The county to prefill `county:` with: `site.yaml`'s `county`, else the
/// stem of the only county file.
fn only_county(content: &Path) -> Option<String> {
    use crate::load::yaml::{Kind, parse};
    let site = std::fs::read_to_string(content.join("site.yaml")).ok().and_then(|t| parse(&t, 0).ok());
    if let Some(Kind::Map(entries)) = site.map(|n| n.kind)
        && let Some((_, node)) = entries.into_iter().find(|(k, _)| k.name == "county")
        && let Kind::Str { text, .. } = node.kind
        && RecordId::is_valid(&text)
    {
        return Some(text);
    }
    let entries = std::fs::read_dir(content.join("counties")).ok()?;
    let mut stems = entries.filter_map(Result::ok).filter_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?;
        (!stem.starts_with('.') && RecordId::is_valid(stem)).then(|| stem.to_owned())
    });
    let first = stems.next()?;
    stems.next().is_none().then_some(first)
}

/// The file of an existing record of `kind` whose id equals `id` case-insensitively.
///
/// Counties, groups, cases and pages are named by their id, so their file
/// names tell; projects may be named freely, so their files are read.
fn id_taken(content: &Path, kind: NewKind, id: &str) -> Result<Option<PathBuf>, crate::Error> {
    let (dir, exts): (&str, &[&str]) = match kind {
        NewKind::County => ("counties", &["yaml", "yml"]),
        NewKind::Group => ("groups", &["yaml", "yml"]),
        NewKind::Case => ("cases", &["md"]),
        NewKind::Page => ("pages", &["md"]),
        NewKind::Project => return project_with_id(content, id),
        NewKind::Announcement | NewKind::Fund | NewKind::Plan => {
            let dir = match kind {
                NewKind::Fund => "funds",
                NewKind::Plan => "plans",
                _ => "announcements",
            };
            let ids = record_ids(&content.join(dir))?;
            return Ok(ids.into_iter().find(|(other, _)| other.eq_ignore_ascii_case(id)).map(|(_, p)| p));
        }
        NewKind::Asset => {
            let ids = record_ids(&content.join("assets"))?;
            return Ok(ids.into_iter().find(|(other, _)| other.eq_ignore_ascii_case(id)).map(|(_, p)| p));
        }
    };
    let Ok(entries) = std::fs::read_dir(content.join(dir)) else { return Ok(None) };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let matches = path.extension().is_some_and(|e| exts.iter().any(|x| e == *x))
            && path.file_stem().is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(id));
        if matches {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// The project file whose `id` equals `id` case-insensitively, if any.
pub(crate) fn project_with_id(content: &Path, id: &str) -> Result<Option<PathBuf>, crate::Error> {
    Ok(project_ids(content)?.into_iter().find(|(other, _)| other.eq_ignore_ascii_case(id)).map(|(_, p)| p))
}

/// Every project id under `content/projects/` with its file (files that do not parse are skipped).
pub(crate) fn project_ids(content: &Path) -> Result<Vec<(String, PathBuf)>, crate::Error> {
    record_ids(&content.join("projects"))
}

/// Every record id of the YAML files under `dir`, at any depth, with its file.
fn record_ids(dir: &Path) -> Result<Vec<(String, PathBuf)>, crate::Error> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !entry.file_type().is_file() || !is_yaml {
            continue;
        }
        let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
        if let Some(id) = record_id(&text) {
            found.push((id, path.to_path_buf()));
        }
    }
    Ok(found)
}

/// The top-level `id` of a YAML record, if it parses and has one.
fn record_id(text: &str) -> Option<String> {
    use crate::load::yaml::{Kind, parse};
    let Kind::Map(entries) = parse(text, 0).ok()?.kind else { return None };
    entries.into_iter().find(|(k, _)| k.name == "id").and_then(|(_, v)| match v.kind {
        Kind::Str { text, .. } | Kind::Number(text) => Some(text),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_is_read_from_the_id() {
        assert_eq!(year_in("QL-2027-0001"), Some(2027));
        assert_eq!(year_in("ql2027"), Some(2027));
        assert_eq!(year_in("QL2027001"), None);
        assert_eq!(year_in("QL-0001"), None);
        assert_eq!(year_in("A-1234-2026"), Some(2026));
    }

    #[test]
    fn fill_keeps_comment_columns() {
        let t = "county: {{county}}          # 县\n";
        assert_eq!(fill(t, &[("{{county}}", "qingling")]), "county: qingling            # 县\n");
        assert_eq!(fill(t, &[("{{county}}", "")]), "county:                     # 县\n");
    }
}
