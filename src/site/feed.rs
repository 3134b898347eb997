//! What the Atom feeds say: one feed each of notices, warehoused projects
//! and cases, every date from the content (or `--today` for an empty feed),
//! never from the clock. The render stage writes them as XML.

use chrono::NaiveDate;

use super::display::date_zh;
use super::{Model, url};
use crate::domain::Keyword;

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
    /// Newest first, ties by id.
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

/// The three feeds, in file order.
pub(super) fn feeds(m: &Model<'_>) -> Vec<Feed> {
    let (base, today) = (&m.site.base_url, m.today);
    let mut notices = Vec::new();
    let mut projects = Vec::new();
    for p in &m.content.projects {
        for n in &p.notices {
            notices.push(Entry {
                id: url::absolute(base, &url::notice(&p.id, n.level.key())),
                title: format!("{}（{}公示）", p.name, n.level.label()),
                updated: *n.start,
                summary: format!("公示期：{}至{}；发布单位：{}", date_zh(*n.start), date_zh(*n.end), n.issuer),
            });
        }
        if let Some(w) = p.warehoused_date().filter(|w| *w <= today) {
            let updated = p.events.iter().map(|e| *e.date).filter(|d| *d <= today).fold(w, NaiveDate::max);
            projects.push(Entry {
                id: url::absolute(base, &url::project(&p.id)),
                title: p.name.clone(),
                updated,
                summary: p.content.clone(),
            });
        }
    }
    let cases = m
        .content
        .cases
        .iter()
        .map(|c| Entry {
            id: url::absolute(base, &url::case(&c.id)),
            title: c.title.clone(),
            updated: c.published_on,
            summary: format!("{}：{}", c.industry, c.source),
        })
        .collect();
    // Notice entries share a URL per level (the effective notice's page);
    // keep the latest only, so ids stay unique as Atom requires.
    notices.sort_by(|a, b| a.id.cmp(&b.id).then(b.updated.cmp(&a.updated)));
    notices.dedup_by(|a, b| a.id == b.id);
    [
        ("feeds/cases.xml", "典型案例", cases),
        ("feeds/notices.xml", "公示公告", notices),
        ("feeds/projects.xml", "项目库", projects),
    ]
    .into_iter()
    .map(|(path, name, mut entries)| {
        entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
        Feed {
            path,
            url: url::absolute(base, path),
            title: format!("{}：{name}", m.site.title),
            updated: entries.iter().map(|e| e.updated).max().unwrap_or(today),
            entries,
        }
    })
    .collect()
}
