//! What the pages are made from, as digests (输入指纹), for the renderer to
//! tell which pages the last build already made from the same inputs.
//!
//! A project's own pages (its page, printable notices, 公示牌 and 竣工公告)
//! and its search records are a function of that project's file, of its
//! advisory group's and related cases' files (its page links them by name
//! and title), and of every other input that is not a project: the
//! counties, announcements, plans, funds, assets and pages, `site.yaml`, the
//! calendar and taxonomy, the static files and the as-of day (a site with
//! errors is not built). No project's pages show another project, or a group
//! or case it is not linked to. So an edit to one project file changes only
//! that project's key, an edit to a group or case only its projects' keys;
//! an edit to any other input changes every project's key, and the renderer
//! falls back to its per-page keys. The randomized equivalence test
//! (tests/it/incremental.rs) holds this to a clean build.

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt as _};
use sha2::{Digest, Sha256};

use crate::domain::{Content, Project, Site};

/// A SHA-256 digest of inputs.
pub type InputKey = [u8; 32];

/// The inputs every project's pages share, hashed once.
#[derive(Debug, Clone)]
pub(crate) struct Inputs {
    shared: Sha256,
    /// The groups' and cases' files, which only the projects they name
    /// take into their keys; for the whole site's key.
    linked: InputKey,
    /// The files of the cases naming each project (by id), in content
    /// order: looked up, not searched for among all cases for every
    /// project, which was most of the keys' time at 10,000 projects.
    cases_of: HashMap<String, Vec<std::sync::Arc<str>>>,
}

/// Where project files live: their digests are each project's own input.
const PROJECTS: &str = "content/projects/";

/// Files a project's key takes only when it is linked to them.
const LINKED: [&str; 2] = ["content/groups/", "content/cases/"];

fn is_linked(path: &str) -> bool {
    LINKED.iter().any(|dir| path.starts_with(dir))
}

impl Inputs {
    /// The shared inputs of `content` published with `site` as of `today`.
    pub(crate) fn of(content: &Content, site: &Site, today: NaiveDate) -> Inputs {
        let mut h = Sha256::new();
        let text = |h: &mut Sha256, s: &str| {
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        text(&mut h, &today.to_string());
        // `--base-url` overrides site.yaml's, whose digest is below.
        text(&mut h, &site.base_url);
        let mut linked = Sha256::new();
        for (path, digest) in content.sources.iter().filter(|(p, _)| !p.starts_with(PROJECTS)) {
            let into = if is_linked(path) { &mut linked } else { &mut h };
            text(into, path);
            into.update(digest);
        }
        h.update([0xfe]);
        for path in &content.static_files {
            text(&mut h, path);
        }
        h.update([0xfe]);
        for (path, image) in &content.static_images {
            text(&mut h, path);
            h.update(image.bytes.to_le_bytes());
            let (w, ht) = image.size.unwrap_or((u32::MAX, u32::MAX));
            h.update(w.to_le_bytes());
            h.update(ht.to_le_bytes());
        }
        h.update([0xfe]);
        for path in &content.theme_static_files {
            text(&mut h, path);
        }
        let mut cases_of: HashMap<String, Vec<std::sync::Arc<str>>> = HashMap::new();
        for case in &content.cases {
            let mut named: Vec<&str> = case.related_projects.iter().map(|r| r.value.as_str()).collect();
            named.sort_unstable();
            named.dedup();
            for id in named {
                cases_of.entry(id.to_owned()).or_default().push(case.path.0.clone());
            }
        }
        Inputs { shared: h, linked: linked.finalize().into(), cases_of }
    }

    /// The inputs of the whole site: the shared ones and every project's
    /// ([`Inputs::project`]), in the order of the project pages' paths.
    /// Equal keys, equal sites.
    pub(crate) fn site(&self, project_keys: impl Iterator<Item = InputKey>) -> InputKey {
        let mut h = self.shared.clone();
        h.update(b"site");
        h.update(self.linked);
        for key in project_keys {
            h.update(key);
        }
        h.finalize().into()
    }

    /// The inputs of project `p`'s own pages and search records.
    pub(crate) fn project(&self, content: &Content, p: &Project) -> InputKey {
        let mut h = self.shared.clone();
        let path: &str = &p.path.0;
        h.update((path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        // A project without a digest (made in memory, as in tests) gets a
        // key no file has.
        h.update(content.sources.get(path).copied().unwrap_or([0xff; 32]));
        // Its group and cases, as `site::project` links them; a group it
        // names that does not exist is part of the key too (no digest).
        let file = |h: &mut Sha256, path: &str| {
            h.update((path.len() as u64).to_le_bytes());
            h.update(path.as_bytes());
            h.update(content.sources.get(path).copied().unwrap_or([0xff; 32]));
        };
        h.update(b"group");
        if let Some(group) = p.advisory_group.as_ref().and_then(|g| content.group(g)) {
            file(&mut h, &group.path.0);
        }
        h.update(b"cases");
        for path in self.cases_of.get(p.id.value.as_str()).into_iter().flatten() {
            file(&mut h, path);
        }
        h.finalize().into()
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{content, d, project};

    /// Each project's key is made once, with the model, and found by the
    /// address `project_inputs` looks it up by (the project's own, not its
    /// `Arc`'s in the content's list): a miss makes it again for every
    /// lookup, three times a build, with the same result.
    #[test]
    fn every_project_key_is_found_not_made_again() {
        let c = content([project("P-1").build(), project("P-2").build(), project("P-3").build()]);
        let site = c.site.clone().unwrap();
        let model = super::super::build(&c, &site, d("2024-06-01"));
        assert_eq!(model.projects.len(), 3);
        for p in &model.projects {
            let key = model.project_keys.get(&std::ptr::from_ref(p.0).addr());
            assert_eq!(key, Some(&model.inputs.project(&c, p.0)), "{}", p.0.id.value);
        }
    }
}
