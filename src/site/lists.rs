//! The 项目库 lists (`/projects/`, by year, by type), paginated.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::keyed::Keyed;
use super::project::ProjectRow;
use super::{Link, Model, Page, PageData, url};
use crate::domain::Project;

/// A paginated project list.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectListView {
    /// Heading.
    pub heading: String,
    /// This page's rows.
    pub projects: Vec<Arc<Keyed<ProjectRow>>>,
    /// Number of projects in the whole list.
    pub count: usize,
    /// Pager.
    pub pager: Pager,
    /// Year filters.
    pub years: Vec<Link>,
    /// Type filters.
    pub types: Vec<Link>,
}

/// Page links of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// Current page, 1-based.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// The page links shown: the first, the last and those near the
    /// current one (see [`pager_window`]).
    pub pages: Vec<PagerItem>,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
}

/// One page link.
#[derive(Debug, Clone, Serialize)]
pub struct PagerItem {
    /// Number.
    pub number: usize,
    /// Path.
    pub url: String,
    /// Whether it is the current page.
    pub is_current: bool,
    /// Whether pages are left out before this one (printed as …).
    pub gap_before: bool,
}

/// Pages on each side of the current one that the pager links.
const PAGER_NEAR: usize = 2;

/// The page numbers a pager shows on page `current` of `total`: the first,
/// the last and [`PAGER_NEAR`] either side of the current one. Linking every
/// page made each list page grow with the list, so the lists as a whole grew
/// with its square (2,500 links on each of 2,500 pages at 50,000 projects),
/// and nobody can use a row of 2,500 numbers anyway.
pub(crate) fn pager_window(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(PAGER_NEAR).max(1)..=(current + PAGER_NEAR).min(total);
    let mut pages: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(total)).collect();
    pages.dedup();
    pages
}

fn pager_items(base: &str, current: usize, total: usize) -> Vec<PagerItem> {
    let mut prev = 0;
    pager_window(current, total)
        .into_iter()
        .map(|i| {
            let gap_before = i > prev + 1;
            prev = i;
            PagerItem { number: i, url: url::list_page(base, i), is_current: i == current, gap_before }
        })
        .collect()
}

pub(super) fn project_lists(m: &Model<'_>, pages: &mut Vec<Page>) {
    let all = m.warehoused();
    let mut by_year: BTreeMap<i32, Vec<&Project>> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Vec<&Project>> = BTreeMap::new();
    for &p in all {
        by_year.entry(*p.year).or_default().push(p);
        by_type.entry(p.project_type.value.clone()).or_default().push(p);
    }
    let years: Vec<Link> =
        by_year.keys().rev().map(|y| Link::new(&format!("{y}年度"), format!("projects/year/{y}/"))).collect();
    let types: Vec<Link> = by_type.keys().map(|k| Link::new(&m.type_name(k), format!("projects/type/{k}/"))).collect();
    let filters = (&years, &types);
    paginate(m, pages, "projects/", "项目库", all, filters);
    for (y, list) in &by_year {
        paginate(m, pages, &format!("projects/year/{y}/"), &format!("{y}年度项目库"), list, filters);
    }
    for (k, list) in &by_type {
        let heading = format!("项目库：{}", m.type_name(k));
        paginate(m, pages, &format!("projects/type/{k}/"), &heading, list, filters);
    }
}

fn paginate(
    m: &Model<'_>,
    pages: &mut Vec<Page>,
    base: &str,
    heading: &str,
    list: &[&Project],
    f: (&Vec<Link>, &Vec<Link>),
) {
    let size = m.site.page_size.max(1);
    let total = list.len().div_ceil(size).max(1);
    // The lists hold every warehoused project three times (all, by year,
    // by type): the largest builder of the model, so its pages are made
    // in parallel.
    let made: Vec<Page> = (1..=total)
        .into_par_iter()
        .map(|n| {
            let path = url::list_page(base, n);
            let pager = Pager {
                current: n,
                total,
                pages: pager_items(base, n, total),
                prev: (n > 1).then(|| url::list_page(base, n - 1)),
                next: (n < total).then(|| url::list_page(base, n + 1)),
            };
            let rows = list.iter().skip((n - 1) * size).take(size).map(|p| m.project_row(p)).collect();
            let view = ProjectListView {
                heading: heading.to_owned(),
                projects: rows,
                count: list.len(),
                pager,
                years: f.0.clone(),
                types: f.1.clone(),
            };
            let title = if n == 1 { heading.to_owned() } else { format!("{heading}（第{n}页）") };
            m.page(&path, &title, vec![], PageData::ProjectList(view))
        })
        .collect();
    pages.extend(made);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_shows_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(pager_window(1, 1), vec![1]);
        assert_eq!(pager_window(1, 2), vec![1, 2]);
        assert_eq!(pager_window(3, 5), vec![1, 2, 3, 4, 5]);
        assert_eq!(pager_window(1, 2500), vec![1, 2, 3, 2500]);
        assert_eq!(pager_window(6, 2500), vec![1, 4, 5, 6, 7, 8, 2500]);
        assert_eq!(pager_window(2500, 2500), vec![1, 2498, 2499, 2500]);
        // At most 2 + 2 × PAGER_NEAR + 1 links, whatever the list's length.
        assert!((1..=2500).all(|n| pager_window(n, 2500).len() <= 7));
    }

    #[test]
    fn a_gap_is_marked_before_a_page_that_does_not_follow_the_last_one_shown() {
        let items = pager_items("projects/", 6, 20);
        let shown: Vec<(usize, bool, bool)> = items.iter().map(|i| (i.number, i.gap_before, i.is_current)).collect();
        assert_eq!(
            shown,
            vec![
                (1, false, false),
                (4, true, false),
                (5, false, false),
                (6, false, true),
                (7, false, false),
                (8, false, false),
                (20, true, false)
            ]
        );
        assert_eq!(items[1].url, "projects/page/4/");
    }
}
