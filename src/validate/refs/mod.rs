//! Identity and references across records: `duplicate-id`, `unknown-reference`
//! and `image-missing` (plus `missing-field` for a Markdown image without alt
//! text), as `docs/content.md` "General rules" and "Images" define them.
//!
//! Every lookup goes through the content's own id index ([`Content::county`]
//! and its siblings), so checking 10,000 projects costs 10,000 map lookups,
//! never projects × groups. This module only reads the loaded [`Content`].
//! Duplicates are in `duplicates`, image paths in `images`, the references
//! between records here.

mod duplicates;
mod images;

use std::collections::HashSet;

use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::content::Unloaded;
use crate::domain::id::intended_id;
use crate::domain::{At, Content, County, SourcePath};
use crate::suggest;

/// Runs the three rules over the whole corpus.
pub(super) fn check(content: &Content) -> Vec<Diagnostic> {
    let index = Index::new(content);
    let mut out = Vec::new();
    duplicates::records(content, &mut out);
    duplicates::items(content, &mut out);
    project_refs(content, &index, &mut out);
    group_refs(content, &index, &mut out);
    case_refs(content, &index, &mut out);
    county_refs(content, &index, &mut out);
    site_refs(content, &index, &mut out);
    images::check(content, &mut out);
    out
}

/// Reference lookups: exact ids through the content's index (references are
/// case-sensitive, `docs/content.md`), and the candidates of a suggestion.
struct Index<'a> {
    content: &'a Content,
    /// Ids in content order, the candidates of a "是否应为" suggestion (ties go to the first).
    county_ids: Vec<&'a str>,
    group_ids: Vec<(&'a str, &'a str)>,
    project_ids: Vec<&'a str>,
    unloaded: &'a Unloaded,
}

impl<'a> Index<'a> {
    fn new(content: &'a Content) -> Self {
        Index {
            content,
            county_ids: content.counties.iter().map(|c| c.id.as_str()).collect(),
            group_ids: content.groups.iter().map(|g| (g.county.as_str(), g.id.as_str())).collect(),
            project_ids: content.projects.iter().map(|p| p.id.as_str()).collect(),
            unloaded: &content.unloaded,
        }
    }

    /// `help` with the county id `typed` most likely meant.
    fn county_help(&self, typed: &str, help: &str) -> String {
        suggest::help_with(typed, self.county_ids.iter().copied(), help)
    }

    /// `help` with the group id `group` most likely meant when it does not
    /// exist: among the groups of `county`, or all groups when the county is
    /// unknown (`county_known` false).
    fn group_help(&self, group: &str, county: &str, county_known: bool, help: &str) -> String {
        if self.content.group(group).is_some() {
            return help.to_owned();
        }
        let of_county = self.group_ids.iter().filter(|(c, _)| !county_known || *c == county);
        suggest::help_with(group, of_county.map(|(_, id)| *id), help)
    }

    /// Whether county `id` is missing without its file having failed to load
    /// (that failure is reported once, on the county file).
    fn is_unknown_county(&self, id: &str) -> bool {
        self.content.county(id).is_none() && !self.unloaded.counties.contains(id)
    }

    /// Why `group` may not be named by a record of county `county`, if it may not.
    /// `county_known` is false when the county itself is unknown (already reported),
    /// so only the group's existence is checked then.
    fn group_problem(&self, who: &str, group: &At<String>, county: &str, county_known: bool) -> Option<String> {
        match self.content.group(group) {
            // A group file that did not load is reported there, once.
            None if self.unloaded.groups.contains(group.as_str()) => None,
            None => Some(format!("{who}引用的产业顾问组“{}”不存在", group.value)),
            // content.md: an `advisory_group` / need `group` must be a group of the same county.
            // A county kept under a bad id (already `bad-id`) owns the groups naming the id it meant.
            Some(g) if county_known && g.county.value != county && g.county.value != intended_id(county) => {
                Some(format!(
                    "{who}引用的产业顾问组“{}”属于县“{}”，不是县“{county}”的产业顾问组",
                    group.value, g.county.value
                ))
            }
            Some(_) => None,
        }
    }
}

fn unknown(path: &SourcePath, pos: Pos, record: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::UnknownReference, path.at(pos), message).help(help).record(Some(record))
}

pub(super) use images::{image_message, image_problem};

// ---------------------------------------------------------- unknown-reference

fn project_refs(content: &Content, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for p in &content.projects {
        let county = content.county(&p.county);
        if index.is_unknown_county(&p.county) {
            let msg = format!("项目所属的县“{}”不存在", p.county.value);
            let help = index.county_help(&p.county, "county 须是 content/counties/ 中某个县的编号");
            out.push(unknown(&p.path, p.county.pos, &p.id, msg, &help));
        }
        if let (Some(c), Some(loc)) = (county, &p.location) {
            match c.township(&loc.township) {
                None if c.are_townships_incomplete => {}
                None => {
                    let msg = format!("项目引用的乡镇“{}”不存在于县“{}”", loc.township.value, c.id.value);
                    let help = township_help(c, &loc.township);
                    out.push(unknown(&p.path, loc.township.pos, &p.id, msg, &help));
                }
                // content.md: each village must be a village *of location.township*.
                Some(t) => {
                    for v in loc.villages.iter().filter(|v| t.village(v).is_none() && !t.are_villages_incomplete) {
                        let msg = format!("项目引用的村“{}”不是乡镇“{}”下的村", v.value, t.id.value);
                        let villages = t.villages.iter().map(|v| v.id.as_str());
                        let help = suggest::help_with(v, villages, "村编号须是该乡镇 villages 中的 id");
                        out.push(unknown(&p.path, v.pos, &p.id, msg, &help));
                    }
                }
            }
        }
        if let Some(g) = &p.advisory_group
            && let Some(msg) = index.group_problem("项目", g, &p.county, county.is_some())
        {
            let help = index.group_help(g, &p.county, county.is_some(), "advisory_group 须是同一县的产业顾问组编号");
            out.push(unknown(&p.path, g.pos, &p.id, msg, &help));
        }
    }
}

/// The help of an unknown township of county `c`, with the id it most likely meant.
fn township_help(c: &County, typed: &str) -> String {
    suggest::help_with(typed, c.townships.iter().map(|t| t.id.as_str()), "乡镇编号须是该县文件 townships 中的 id")
}

fn group_refs(content: &Content, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for g in &content.groups {
        if index.is_unknown_county(&g.county) {
            let msg = format!("产业顾问组所属的县“{}”不存在", g.county.value);
            let help = index.county_help(&g.county, "county 须是 content/counties/ 中某个县的编号");
            out.push(unknown(&g.path, g.county.pos, &g.id, msg, &help));
        }
        let members: HashSet<&str> =
            g.members.iter().map(|m| m.id.as_str()).chain(g.invalid_members.iter().map(|m| m.as_str())).collect();
        // A member item written without a usable id may be the one meant.
        let any_unnamed = members.contains("");
        let named = g.service_log.iter().map(|s| &s.member).chain(g.remote_guidance.iter().flat_map(|r| &r.members));
        for m in named.filter(|m| !members.contains(m.as_str()) && !any_unnamed) {
            let msg = format!("台账引用的成员“{}”不是产业顾问组“{}”的成员", m.value, g.id.value);
            let ids = g.members.iter().map(|m| m.id.as_str());
            let help = suggest::help_with(m, ids, "成员编号须是本组 members 中的 id");
            out.push(unknown(&g.path, m.pos, &g.id, msg, &help));
        }
    }
}

fn case_refs(content: &Content, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for c in &content.cases {
        let county = content.county(&c.county);
        if index.is_unknown_county(&c.county) {
            let msg = format!("案例所属的县“{}”不存在", c.county.value);
            let help = index.county_help(&c.county, "county 须是 content/counties/ 中某个县的编号");
            out.push(unknown(&c.path, c.county.pos, &c.id, msg, &help));
        }
        if let (Some(county), Some(t)) = (county, &c.township)
            && county.township(t).is_none()
            && !county.are_townships_incomplete
        {
            let msg = format!("案例引用的乡镇“{}”不存在于县“{}”", t.value, county.id.value);
            out.push(unknown(&c.path, t.pos, &c.id, msg, &township_help(county, t)));
        }
        if let Some(g) = &c.advisory_group
            && let Some(msg) = index.group_problem("案例", g, &c.county, county.is_some())
        {
            let help = index.group_help(g, &c.county, county.is_some(), "advisory_group 须是同一县的产业顾问组编号");
            out.push(unknown(&c.path, g.pos, &c.id, msg, &help));
        }
        let is_unknown = |p: &&At<String>| content.project(p).is_none() && !index.unloaded.may_be_project(p);
        for p in c.related_projects.iter().filter(is_unknown) {
            let msg = format!("案例关联的项目“{}”不存在", p.value);
            let ids = index.project_ids.iter().copied();
            let help = suggest::help_with(p, ids, "related_projects 须是已有项目的编号（区分大小写）");
            out.push(unknown(&c.path, p.pos, &c.id, msg, &help));
        }
    }
}

fn county_refs(content: &Content, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for c in &content.counties {
        for need in &c.needs {
            if let Some(g) = &need.group
                && let Some(msg) = index.group_problem(&format!("需求“{}”", need.id.value), g, &c.id, true)
            {
                let help = index.group_help(g, &c.id, true, "需求的 group 须是本县的产业顾问组编号");
                out.push(unknown(&c.path, g.pos, &c.id, msg, &help));
            }
        }
    }
}

fn site_refs(content: &Content, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(site) = &content.site
        && let Some(county) = &site.county
        && index.is_unknown_county(county)
    {
        out.push(
            Diagnostic::new(
                Code::UnknownReference,
                site.path.at(county.pos),
                format!("站点设置的县“{}”不存在", county.value),
            )
            .help(index.county_help(county, "county 须是 content/counties/ 中某个县的编号，或删去此项")),
        );
    }
}

#[cfg(test)]
mod tests;
