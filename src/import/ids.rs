//! Project ids for a ledger without 项目编号: `<prefix>-<year>-<4-digit seq>`
//! like the county's own ids (QL-2026-0007). Ids become permanent URLs, so
//! they are never reshuffled: a project already in the site under the same
//! year and name keeps its id (importing the ledger again changes nothing),
//! new ones continue after the highest number of their year.

use std::collections::BTreeMap;

use crate::domain::Project;

/// Hands out ids in row order.
pub(crate) struct IdMaker {
    prefix: String,
    /// (year, name) → id of the projects already in the site.
    known: BTreeMap<(i32, String), String>,
    /// The highest number used per year.
    last: BTreeMap<i32, u32>,
}

impl IdMaker {
    /// `prefix` is `--id-prefix`, else the prefix most of the county's
    /// projects use, else the county id in capitals.
    pub(crate) fn new(prefix: Option<&str>, county_id: &str, projects: &[std::sync::Arc<Project>]) -> Self {
        let ours: Vec<&Project> = projects.iter().map(|p| &**p).filter(|p| p.county.value == county_id).collect();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for p in &ours {
            if let Some((pre, _, _)) = parts(&p.id.value) {
                *counts.entry(pre.to_owned()).or_default() += 1;
            }
        }
        let usual = counts.iter().max_by_key(|(_, n)| **n).map(|(p, _)| p.clone());
        let prefix = prefix.map(str::to_owned).or(usual).unwrap_or_else(|| county_id.to_uppercase());
        let mut last: BTreeMap<i32, u32> = BTreeMap::new();
        let mut known = BTreeMap::new();
        for p in projects {
            if let Some((pre, year, seq)) = parts(&p.id.value)
                && pre.eq_ignore_ascii_case(&prefix)
            {
                let l = last.entry(year).or_default();
                *l = (*l).max(seq);
            }
            if p.county.value == county_id {
                known.insert((p.year.value, p.name.clone()), p.id.value.clone());
            }
        }
        IdMaker { prefix, known, last }
    }

    /// Keeps the numbers of an id the ledger itself gives from being handed out.
    pub(crate) fn reserve(&mut self, id: &str) {
        if let Some((pre, year, seq)) = parts(id)
            && pre.eq_ignore_ascii_case(&self.prefix)
        {
            let last = self.last.entry(year).or_default();
            *last = (*last).max(seq);
        }
    }

    /// The id of the project `name` of `year`: its existing id, or the next number.
    pub(crate) fn id(&mut self, year: i32, name: &str) -> String {
        if let Some(id) = self.known.get(&(year, name.to_owned())) {
            return id.clone();
        }
        let seq = self.last.entry(year).or_default();
        *seq += 1;
        let id = format!("{}-{year}-{:04}", self.prefix, seq);
        self.known.insert((year, name.to_owned()), id.clone());
        id
    }
}

/// `QL-2026-0007` → ("QL", 2026, 7).
fn parts(id: &str) -> Option<(&str, i32, u32)> {
    let (rest, seq) = id.rsplit_once('-')?;
    let (prefix, year) = rest.rsplit_once('-')?;
    let year: i32 = year.parse().ok().filter(|y| (1990..2100).contains(y))?;
    Some((prefix, year, seq.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split() {
        assert_eq!(parts("QL-2026-0007"), Some(("QL", 2026, 7)));
        assert_eq!(parts("ql-2026-0007"), Some(("ql", 2026, 7)));
        assert_eq!(parts("x"), None);
    }
}
