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
use crate::domain::{Keyword, Notice, Project};

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
    let mut notices: Vec<(NaiveDate, (&Project, &Notice))> = Vec::new();
    let mut projects: Vec<(NaiveDate, &Project)> = Vec::new();
    for p in &m.content.projects {
        // Notice entries share a URL per level (the effective notice's
        // page): only the latest of a level is one, so ids stay unique as
        // Atom requires (the first of equally late ones).
        let mut latest: Vec<&Notice> = Vec::new();
        for n in &p.notices {
            match latest.iter_mut().find(|l| l.level.key() == n.level.key()) {
                Some(l) if *n.start > *l.start => *l = n,
                Some(_) => {}
                None => latest.push(n),
            }
        }
        notices.extend(latest.into_iter().map(|n| (*n.start, (&**p, n))));
        if let Some(w) = p.warehoused_date().filter(|w| *w <= today) {
            let updated = p.events.iter().map(|e| *e.date).filter(|d| *d <= today).fold(w, NaiveDate::max);
            projects.push((updated, p));
        }
    }
    let notices = candidates(notices, |(p, n)| url::absolute(base, &url::notice(&p.id, n.level.key())));
    let projects = candidates(projects, |p| url::absolute(base, &url::project(&p.id)));
    let cases = candidates(m.content.cases.iter().map(|c| (c.published_on, c)).collect(), |c| {
        url::absolute(base, &url::case(&c.id))
    });
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

/// The candidates among `dated` that may be among the newest
/// [`FEED_ENTRIES`] (those as new as the last of them, ties included),
/// with the id `id` gives each: at 50,000 projects a URL for every notice
/// and project, made and sorted to keep a hundred, was most of the feeds'
/// time.
fn candidates<T: Copy>(mut dated: Vec<(NaiveDate, T)>, id: impl Fn(T) -> String) -> Vec<Candidate<T>> {
    if dated.len() > FEED_ENTRIES {
        let (_, last, _) = dated.select_nth_unstable_by(FEED_ENTRIES - 1, |a, b| b.0.cmp(&a.0));
        let cutoff = last.0;
        dated.retain(|(updated, _)| *updated >= cutoff);
    }
    dated.into_iter().map(|(updated, of)| Candidate { updated, id: id(of), of }).collect()
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
    fn only_candidates_that_may_be_listed_get_an_id_and_the_feed_is_the_same() {
        for n in [FEED_ENTRIES - 1, FEED_ENTRIES, FEED_ENTRIES + 1, FEED_ENTRIES * 5] {
            // Few dates, so the hundredth newest shares its date with many.
            let dated: Vec<(NaiveDate, usize)> = (0..n).map(|i| (day(((i * 31) % 11) as u32), i)).collect();
            let id = |i: usize| format!("https://x/{:05}", (i * 7919) % 10007);
            let every: Vec<Candidate<usize>> =
                dated.iter().map(|&(updated, of)| Candidate { updated, id: id(of), of }).collect();
            let made = std::cell::Cell::new(0);
            let chosen = candidates(dated, |i| {
                made.set(made.get() + 1);
                id(i)
            });
            let words = |i: usize| (i.to_string(), String::new());
            let (want, got) = (entries(every, words), entries(chosen, words));
            let titles =
                |es: &[Entry]| es.iter().map(|e| (e.updated, e.id.clone(), e.title.clone())).collect::<Vec<_>>();
            assert_eq!(titles(&got), titles(&want), "{n} candidates");
            if n > FEED_ENTRIES * 2 {
                assert!(made.get() < n, "every candidate got an id");
            }
        }
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
