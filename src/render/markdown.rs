//! Markdown for case stories and free pages: pulldown-cmark (tables,
//! footnotes, strikethrough), then ammonia, so scripts, event handlers,
//! `javascript:` URLs, iframes and styles never reach the output.
//!
//! A soft line break between two CJK characters is dropped: Chinese text
//! wrapped in the source must not gain a visible space (commonmark-spec#744).
//! Site-absolute links and images (`/images/x.png`) are made relative to the
//! page, so the output works under any sub-path.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, html};

/// Renders `markdown` for a page whose root prefix is `root` (`../../`).
pub fn to_html(markdown: &str, root: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, opts).collect();
    let mut kept = Vec::with_capacity(events.len());
    for (i, ev) in events.iter().enumerate() {
        if matches!(ev, Event::SoftBreak) && i > 0 {
            let before = last_char(&events[i - 1]);
            let after = events.get(i + 1).and_then(first_char);
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                continue;
            }
        }
        kept.push(relative(ev.clone(), root));
    }
    let mut raw = String::new();
    html::push_html(&mut raw, kept.into_iter());
    sanitize(&raw)
}

/// Cleans HTML: the ammonia defaults (no script, style, iframe, event
/// handlers or unsafe URL schemes) plus the ids and classes footnotes need.
pub fn sanitize(raw: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b.clean(raw).to_string()
}

fn relative<'a>(ev: Event<'a>, root: &str) -> Event<'a> {
    let fix = |u: &str| match u.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => Some(format!("{root}{rest}")),
        _ => None,
    };
    match ev {
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = fix(&dest_url).map_or(dest_url, Into::into);
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = fix(&dest_url).map_or(dest_url, Into::into);
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        other => other,
    }
}

fn last_char(ev: &Event<'_>) -> Option<char> {
    match ev {
        Event::Text(t) | Event::Code(t) => t.chars().next_back(),
        _ => None,
    }
}

fn first_char(ev: &Event<'_>) -> Option<char> {
    match ev {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    }
}

/// CJK ideographs, punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_soft_break_disappears() {
        assert_eq!(to_html("带动\n农户", "./"), "<p>带动农户</p>\n");
        assert_eq!(to_html("word\nword", "./"), "<p>word\nword</p>\n");
    }

    #[test]
    fn root_images_become_relative() {
        let h = to_html("![图](/images/a.png)", "../../");
        assert!(h.contains("src=\"../../images/a.png\""), "{h}");
    }
}
