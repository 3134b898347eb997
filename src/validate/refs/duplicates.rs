//! `duplicate-id`: two records of a kind, or two items of a list, under one
//! id (ids compare case-insensitively here, since they become URLs and file
//! names on case-insensitive disks).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Location};
use crate::domain::{At, Content, SourcePath};

/// The optional taxonomy file (its entries keep no positions).
const TAXONOMY_FILE: &str = "content/project_types.yaml";

/// Uniqueness is case-insensitive (output must work on case-insensitive disks).
fn fold(id: &str) -> String {
    id.to_lowercase()
}

/// A record's file and id.
type Keyed<'a> = (&'a SourcePath, &'a At<String>);

/// Records of each kind, then taxonomy keys.
pub(super) fn records(content: &Content, out: &mut Vec<Diagnostic>) {
    duplicates_of("县", content.counties.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("项目", content.projects.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("项目库公告", content.announcements.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("帮扶项目资产", content.assets.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("产业顾问组", content.groups.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("典型案例", content.cases.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("页面", content.pages.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("资金批次", content.funds.iter().map(|r| (&r.path, &r.id)).collect(), out);
    duplicates_of("年度计划与资金公告", content.plans.iter().map(|r| (&r.path, &r.id)).collect(), out);
    // Taxonomy keys carry no position: report on the taxonomy file itself.
    let mut keys: HashMap<String, &str> = HashMap::new();
    for t in &content.taxonomy {
        match keys.entry(fold(&t.key)) {
            Entry::Vacant(e) => {
                e.insert(&t.key);
            }
            Entry::Occupied(e) => out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    Location { file: Arc::from(TAXONOMY_FILE), pos: None },
                    format!("项目类型键“{}”与前面的类型键“{}”重复（不区分大小写）", t.key, e.get()),
                )
                .help("每个项目类型的 key 须唯一")
                .record(Some(&t.key)),
            ),
        }
    }
}

/// Every record after the first (byte order of path) is reported, naming the
/// first file (cli.md "Positions").
fn duplicates_of(kind: &str, mut records: Vec<Keyed<'_>>, out: &mut Vec<Diagnostic>) {
    // Content is sorted by path already; a stable sort keeps that promise local.
    records.sort_by(|a, b| a.0.cmp(b.0));
    let mut first: HashMap<String, Keyed<'_>> = HashMap::new();
    for (path, id) in records {
        match first.entry(fold(id)) {
            Entry::Vacant(e) => {
                e.insert((path, id));
            }
            Entry::Occupied(e) => {
                let (first_path, first_id) = e.get();
                out.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        path.at(id.pos),
                        format!(
                            "{kind}编号“{}”与 {} 中的编号“{}”重复（编号不区分大小写）",
                            id.value, first_path.0, first_id.value
                        ),
                    )
                    .help("编号是永久网址的一部分，须唯一；请改用另一个编号")
                    .record(Some(id)),
                );
            }
        }
    }
}

/// Items unique within their record: members in a group, needs, townships and
/// villages in a county (a township and a village may share an id).
pub(super) fn items(content: &Content, out: &mut Vec<Diagnostic>) {
    for g in &content.groups {
        let ids = g.members.iter().map(|m| &m.id);
        duplicates_in(&g.path, &g.id, "成员", ids, out);
    }
    for c in &content.counties {
        duplicates_in(&c.path, &c.id, "需求", c.needs.iter().map(|n| &n.id), out);
        duplicates_in(&c.path, &c.id, "乡镇", c.townships.iter().map(|t| &t.id), out);
        let villages = c.townships.iter().flat_map(|t| t.villages.iter().map(|v| &v.id));
        duplicates_in(&c.path, &c.id, "村", villages, out);
    }
}

fn duplicates_in<'a>(
    path: &SourcePath,
    record: &At<String>,
    kind: &str,
    ids: impl Iterator<Item = &'a At<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<String, &At<String>> = HashMap::new();
    for id in ids {
        match first.entry(fold(id)) {
            Entry::Vacant(e) => {
                e.insert(id);
            }
            Entry::Occupied(e) => out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    path.at(id.pos),
                    format!(
                        "{kind}编号“{}”与第{}行的{kind}编号“{}”重复（编号不区分大小写）",
                        id.value,
                        e.get().pos.line,
                        e.get().value
                    ),
                )
                .help(format!("同一文件中每个{kind}的编号须唯一"))
                .record(Some(record)),
            ),
        }
    }
}
