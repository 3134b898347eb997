//! What the Atom feeds say: one feed each of notices, warehoused projects
//! and cases, every date from the content (or `--today` for an empty feed),
//! never from the clock. The render stage writes them as XML.
//!
//! A feed is for subscribers, who poll it for what is new: it lists the
//! newest [`FEED_ENTRIES`] entries, as a news feed does. Every page is in
//! the sitemap and every project in the open data; a feed of every notice
//! was 8.8 MB at 10,000 projects, fetched whole at every poll.

use chrono::NaiveDate;

use super::display::date_zh;
use super::{Model, url};
use crate::domain::{Case, Keyword, Notice, Project};

/// The most entries a feed lists: its newest.
pub const FEED_ENTRIES: usize = 100;

/// One Atom feed, its entries newest first.
pub struct Feed {
    /// Site path of the file (`feeds/notices.xml` …).
    pub path: &'static str,
    /// Absolute URL of the file (its Atom id and `self` link).
    pub url: String,
    /// Feed title: the site's name and the feed's.
    pub title: String,
    /// The newest entry's date, or `--today` when there is none.
    pub updated: NaiveDate,
    /// Newest first, ties by id; at most [`FEED_ENTRIES`].
    pub entries: Vec<Entry>,
}

/// One Atom entry.
pub struct Entry {
    /// Absolute URL of the page (its Atom id and link).
    pub id: String,
    /// Title.
    pub title: String,
    /// The day it last changed.
    pub updated: NaiveDate,
    /// One line of summary.
    pub summary: String,
}

/// What an entry is made from: chosen by date and id first, so only the
/// entries listed get their titles and summaries written.
struct Candidate<T> {
    updated: NaiveDate,
    id: String,
    of: T,
}

/// The three feeds, in file order.
pub(super) fn feeds(m: &Model<'_>) -> Vec<Feed> {
    let (base, today) = (&m.site.base_url, m.today);
    let mut notices: Vec<Candidate<(&Project, &Notice)>> = Vec::new();
    let mut projects: Vec<Candidate<&Project>> = Vec::new();
    for p in &m.content.projects {
        for n in &p.notices {
            let id = url::absolute(base, &url::notice(&p.id, n.level.key()));
            notices.push(Candidate { updated: *n.start, id, of: (p, n) });
        }
        if let Some(w) = p.warehoused_date().filter(|w| *w <= today) {
            let updated = p.events.iter().map(|e| *e.date).filter(|d| *d <= today).fold(w, NaiveDate::max);
            projects.push(Candidate { updated, id: url::absolute(base, &url::project(&p.id)), of: p });
        }
    }
    let cases: Vec<Candidate<&Case>> = m
        .content
        .cases
        .iter()
        .map(|c| Candidate { updated: c.published_on, id: url::absolute(base, &url::case(&c.id)), of: c })
        .collect();
    // Notice entries share a URL per level (the effective notice's page);
    // keep the latest only, so ids stay unique as Atom requires.
    notices.sort_by(|a, b| a.id.cmp(&b.id).then(b.updated.cmp(&a.updated)));
    notices.dedup_by(|a, b| a.id == b.id);
    let feed = |path: &'static str, name: &str, entries: Vec<Entry>| Feed {
        path,
        url: url::absolute(base, path),
        title: format!("{}：{name}", m.site.title),
        updated: entries.first().map_or(today, |e| e.updated),
        entries,
    };
    vec![
        feed(
            "feeds/cases.xml",
            "典型案例",
            entries(cases, |c| (c.title.clone(), format!("{}：{}", c.industry, c.source))),
        ),
        feed(
            "feeds/notices.xml",
            "公示公告",
            entries(notices, |(p, n)| {
                (
                    format!("{}（{}公示）", p.name, n.level.label()),
                    format!("公示期：{}至{}；发布单位：{}", date_zh(*n.start), date_zh(*n.end), n.issuer),
                )
            }),
        ),
        feed("feeds/projects.xml", "项目库", entries(projects, |p| (p.name.clone(), p.content.clone()))),
    ]
}

/// The newest [`FEED_ENTRIES`] of `candidates`, newest first and ties by
/// id, with the title and summary `words` gives each.
fn entries<T: Copy>(mut candidates: Vec<Candidate<T>>, words: impl Fn(T) -> (String, String)) -> Vec<Entry> {
    candidates.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    candidates.truncate(FEED_ENTRIES);
    candidates
        .into_iter()
        .map(|c| {
            let (title, summary) = words(c.of);
            Entry { id: c.id, title, updated: c.updated, summary }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(d))
    }

    #[test]
    fn a_feed_lists_its_newest_entries_newest_first_and_ties_by_id() {
        // Dates repeat so ties are many; more candidates than a feed lists.
        let candidates: Vec<Candidate<usize>> = (0..FEED_ENTRIES * 3)
            .map(|i| Candidate {
                updated: day((i % 37) as u32),
                id: format!("https://x/{:04}", (i * 7919) % 1000),
                of: i,
            })
            .collect();
        let mut want: Vec<(NaiveDate, String)> = candidates.iter().map(|c| (c.updated, c.id.clone())).collect();
        want.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        want.truncate(FEED_ENTRIES);
        let got = entries(candidates, |i| (format!("t{i}"), String::new()));
        assert_eq!(got.len(), FEED_ENTRIES);
        let listed: Vec<(NaiveDate, String)> = got.iter().map(|e| (e.updated, e.id.clone())).collect();
        assert_eq!(listed, want);
        // The words are those of the candidate listed, not of its place.
        assert!(got.iter().all(|e| e.title.starts_with('t')));
        assert_eq!(got[0].updated, day(36));
    }

    #[test]
    fn a_short_feed_lists_everything() {
        let candidates = vec![
            Candidate { updated: day(1), id: "b".into(), of: 1 },
            Candidate { updated: day(2), id: "a".into(), of: 2 },
        ];
        let got = entries(candidates, |i: i32| (i.to_string(), String::new()));
        assert_eq!(got.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["2", "1"]);
    }
}
