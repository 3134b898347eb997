//! Atom 1.0 feeds, the sitemap and robots.txt, written from what the site
//! model says of them (`site::feed`, [`SiteModel::paths`]).

use std::io::{self, Write};

use crate::Error;
use crate::render::Sink;
use crate::site::display::rfc3339;
use crate::site::feed::Feed;
use crate::site::{SiteModel, url};

/// Writes the three feeds into `sink`.
pub fn write_feeds(model: &SiteModel<'_>, sink: &dyn Sink) -> Result<(), Error> {
    let base = &model.common.base_url;
    for feed in model.feeds() {
        sink.stream(feed.path, &mut |w| atom(w, base, &feed))?;
    }
    Ok(())
}

/// One feed.
fn atom(w: &mut dyn Write, base: &str, feed: &Feed) -> io::Result<()> {
    let self_url = crate::escape::html(&feed.url);
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n",
    )?;
    write!(
        w,
        "  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{}</updated>\n",
        crate::escape::html(&feed.title),
        self_url,
        self_url,
        crate::escape::html(base),
        rfc3339(feed.updated)
    )?;
    writeln!(w, "  <author><name>{}</name></author>", crate::escape::html(&feed.title))?;
    for e in &feed.entries {
        write!(
            w,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            crate::escape::html(&e.title),
            crate::escape::html(&e.id),
            crate::escape::html(&e.id),
            rfc3339(e.updated),
            crate::escape::html(&e.summary)
        )?;
    }
    w.write_all(b"</feed>\n")
}

/// The most URLs one sitemap file may list (sitemaps.org protocol; search
/// engines reject a longer file). A province-wide site passes it easily:
/// 50,000 projects make about 160,000 pages.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Writes the sitemap into `sink`: every page (but the 404 page),
/// absolute. Up to [`SITEMAP_MAX_URLS`] it is the one file `sitemap.xml`;
/// past that, `sitemap.xml` is a sitemap index of `sitemaps/<n>.xml`, so the
/// address in robots.txt and in search consoles stays the same as the site
/// grows.
pub fn write_sitemaps(model: &SiteModel<'_>, sink: &dyn Sink) -> Result<(), Error> {
    split_sitemap(&model.common.base_url, &model.paths(), SITEMAP_MAX_URLS, sink)
}

fn split_sitemap(base: &str, paths: &[String], per_file: usize, sink: &dyn Sink) -> Result<(), Error> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    // Escaping is per character, so the base is escaped once and each
    // line assembled in one buffer: 200,000 lines at 50,000 projects, with
    // two strings and a formatted write each, were a tenth of the feeds'
    // time.
    let base_escaped = crate::escape::html(base);
    let urlset = |path: &str, paths: &[String]| {
        sink.stream(path, &mut |w| {
            writeln!(w, "{HEAD}<urlset {NS}>")?;
            let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
            for path in paths {
                buf.extend_from_slice(b"  <url><loc>");
                buf.extend_from_slice(base_escaped.as_bytes());
                crate::escape::html_to(path, &mut buf)?;
                buf.extend_from_slice(b"</loc></url>\n");
                if buf.len() > 60 * 1024 {
                    w.write_all(&buf)?;
                    buf.clear();
                }
            }
            w.write_all(&buf)?;
            w.write_all(b"</urlset>\n")
        })
    };
    if paths.len() <= per_file {
        return urlset("sitemap.xml", paths);
    }
    let mut index = format!("{HEAD}<sitemapindex {NS}>\n");
    for (i, chunk) in paths.chunks(per_file).enumerate() {
        let path = format!("sitemaps/{}.xml", i + 1);
        let loc = crate::escape::html(&url::absolute(base, &path));
        index.push_str(&format!("  <sitemap><loc>{loc}</loc></sitemap>\n"));
        urlset(&path, chunk)?;
    }
    index.push_str("</sitemapindex>\n");
    sink.write("sitemap.xml", index.as_bytes())
}

/// `robots.txt`.
pub fn robots(model: &SiteModel<'_>) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", url::absolute(&model.common.base_url, "sitemap.xml"))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Files in the order they were finished.
    #[derive(Default)]
    struct Collect(Mutex<Vec<(String, String)>>);

    impl Sink for Collect {
        fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
            self.0.lock().unwrap().push((path.to_owned(), String::from_utf8(bytes.to_vec()).unwrap()));
            Ok(())
        }

        fn stream(&self, path: &str, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
            let mut bytes = Vec::new();
            fill(&mut bytes).unwrap();
            self.write(path, &bytes)
        }
    }

    fn sitemap_files(paths: &[String], per_file: usize) -> Vec<(String, String)> {
        let sink = Collect::default();
        split_sitemap("https://x.gov.cn/", paths, per_file, &sink).unwrap();
        let mut files = sink.0.into_inner().unwrap();
        files.sort();
        files
    }

    fn locs(xml: &str, tag: &str) -> Vec<String> {
        xml.lines()
            .filter_map(|l| l.trim().strip_prefix(&format!("<{tag}><loc>"))?.strip_suffix(&format!("</loc></{tag}>")))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_small_site_has_one_sitemap_file() {
        let paths: Vec<String> = ["", "projects/", "projects/a&b/"].map(String::from).to_vec();
        let files = sitemap_files(&paths, 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert!(files[0].1.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset "));
        assert!(files[0].1.ends_with("</url>\n</urlset>\n"));
        assert_eq!(
            locs(&files[0].1, "url"),
            ["https://x.gov.cn/", "https://x.gov.cn/projects/", "https://x.gov.cn/projects/a&amp;b/"]
        );
    }

    #[test]
    fn a_large_site_gets_an_index_of_full_files() {
        let paths: Vec<String> = (0..7).map(|i| format!("p/{i}/")).collect();
        let files = sitemap_files(&paths, 3);
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]);
        assert!(files[0].1.contains("<sitemapindex "));
        assert_eq!(
            locs(&files[0].1, "sitemap"),
            ["https://x.gov.cn/sitemaps/1.xml", "https://x.gov.cn/sitemaps/2.xml", "https://x.gov.cn/sitemaps/3.xml"]
        );
        let sizes: Vec<usize> = files[1..].iter().map(|f| locs(&f.1, "url").len()).collect();
        assert_eq!(sizes, [3, 3, 1]);
        // Every page once, in order, across the files.
        let all: Vec<String> = files[1..].iter().flat_map(|f| locs(&f.1, "url")).collect();
        let want: Vec<String> = paths.iter().map(|p| format!("https://x.gov.cn/{p}")).collect();
        assert_eq!(all, want);
    }
}
