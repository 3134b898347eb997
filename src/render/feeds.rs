//! Atom 1.0 feeds, the sitemap and robots.txt. Every date comes from the
//! content (or `--today` for an empty feed), never from the clock.

use chrono::NaiveDate;

use crate::domain::{Content, Keyword};
use crate::site::display::{date_zh, rfc3339};
use crate::site::{SiteModel, url};

/// One Atom entry.
struct Entry {
    id: String,
    title: String,
    updated: NaiveDate,
    summary: String,
}

/// `(path, xml)` for the three feeds.
pub fn feeds(model: &SiteModel<'_>, content: &Content, today: NaiveDate) -> Vec<(String, String)> {
    let base = &model.common.base_url;
    let mut notices = Vec::new();
    let mut projects = Vec::new();
    for p in &content.projects {
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
    let cases = content
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
    let title = &model.common.title;
    vec![
        ("feeds/cases.xml".into(), atom(base, "feeds/cases.xml", &format!("{title}：典型案例"), cases, today)),
        ("feeds/notices.xml".into(), atom(base, "feeds/notices.xml", &format!("{title}：公示公告"), notices, today)),
        ("feeds/projects.xml".into(), atom(base, "feeds/projects.xml", &format!("{title}：项目库"), projects, today)),
    ]
}

fn atom(base: &str, path: &str, title: &str, mut entries: Vec<Entry>, today: NaiveDate) -> String {
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(today);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n",
    );
    s.push_str(&format!(
        "  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{}</updated>\n",
        crate::escape::html(title),
        crate::escape::html(&url::absolute(base, path)),
        crate::escape::html(&url::absolute(base, path)),
        crate::escape::html(base),
        rfc3339(updated)
    ));
    s.push_str(&format!("  <author><name>{}</name></author>\n", crate::escape::html(title)));
    for e in entries {
        s.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            crate::escape::html(&e.title),
            crate::escape::html(&e.id),
            crate::escape::html(&e.id),
            rfc3339(e.updated),
            crate::escape::html(&e.summary)
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// `sitemap.xml`: every page (but the 404 page), absolute.
pub fn sitemap(model: &SiteModel<'_>) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in model.paths() {
        let loc = url::absolute(&model.common.base_url, &path);
        s.push_str(&format!("  <url><loc>{}</loc></url>\n", crate::escape::html(&loc)));
    }
    s.push_str("</urlset>\n");
    s
}

/// `robots.txt`.
pub fn robots(model: &SiteModel<'_>) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", url::absolute(&model.common.base_url, "sitemap.xml"))
}
