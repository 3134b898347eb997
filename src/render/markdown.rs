//! Markdown for case stories and free pages: pulldown-cmark (tables,
//! footnotes, strikethrough), then ammonia, so scripts, event handlers,
//! `javascript:` URLs, iframes and styles never reach the output.
//!
//! A soft line break between two CJK characters is dropped: Chinese text
//! wrapped in the source must not gain a visible space (commonmark-spec#744).
//! Site-absolute links and images (`/images/x.png`) are made relative to the
//! page, so the output works under any sub-path.
//!
//! The body sits under the page's own `<h1>` (the title), so it must not
//! repeat it: a leading `# ` heading equal to the title is dropped, and when
//! the body still has a level-1 heading every body heading moves one level
//! down. An image standing alone in its paragraph becomes a `<figure>` whose
//! caption is its title, or else its alt text. Footnotes are numbered in the
//! order they are first cited and listed at the end under 注释, each with a
//! link back to where it was cited.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Prefix of every `id` in a body: ammonia puts it before each `id`
/// (footnotes' and any a writer types in raw HTML), so a body can never take
/// an id of the page around it (`main`, `header-q` …).
const ID_PREFIX: &str = "md-";

/// Renders `markdown` for a page whose root prefix is `root` (`../../`) and
/// whose `<h1>` is `title`.
pub fn to_html(markdown: &str, root: &str, title: &str) -> String {
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
    let kept = headings_below_title(kept, title);
    let kept = figures(kept);
    let (kept, notes) = footnotes(kept);
    let mut raw = String::new();
    html::push_html(&mut raw, kept.into_iter());
    raw.push_str(&notes);
    sanitize(&raw)
}

/// Cleans HTML: the ammonia defaults (no script, style, iframe, event
/// handlers or unsafe URL schemes) plus what figures and footnotes need.
pub fn sanitize(raw: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_tags(["section"])
        .add_tag_attributes("section", ["class", "aria-labelledby"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("a", ["class", "aria-label"])
        .add_tag_attributes("figure", ["class"])
        .id_prefix(Some(ID_PREFIX))
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b.clean(raw).to_string()
}

/// Drops a leading level-1 heading that repeats `title`; then, if a level-1
/// heading is left, moves every heading one level down (h6 stays h6), so the
/// page keeps one `<h1>` and the body's own outline.
fn headings_below_title<'a>(mut events: Vec<Event<'a>>, title: &str) -> Vec<Event<'a>> {
    if let Some(Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })) = events.first() {
        let end = events.iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_))));
        if let Some(end) = end {
            let text: String = events[1..end].iter().filter_map(plain_text).collect();
            if squash(&text) == squash(title) {
                events.drain(..=end);
            }
        }
    }
    let has_h1 = events.iter().any(|e| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })));
    if !has_h1 {
        return events;
    }
    events
        .into_iter()
        .map(|e| match e {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                Event::Start(Tag::Heading { level: lower(level), id, classes, attrs })
            }
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
            other => other,
        })
        .collect()
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Text without white space, for comparing a heading with the title.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn plain_text<'e>(e: &'e Event<'_>) -> Option<&'e str> {
    match e {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

/// An image alone in its paragraph becomes a figure captioned by its title
/// or its alt text (which the reader otherwise never sees).
fn figures(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Some((end, caption)) = lone_image(&events, i) {
            out.push(Event::Html(r#"<figure class="story-image">"#.into()));
            out.extend(events[i + 1..end].iter().cloned());
            out.push(Event::Html("<figcaption>".into()));
            out.push(Event::Text(caption.into()));
            out.push(Event::Html("</figcaption></figure>\n".into()));
            i = end + 1;
        } else {
            out.push(events[i].clone());
            i += 1;
        }
    }
    out
}

/// At `i`, a paragraph holding one image and nothing else: the index of the
/// paragraph's end and the caption.
fn lone_image(events: &[Event<'_>], i: usize) -> Option<(usize, String)> {
    let (Event::Start(Tag::Paragraph), Some(Event::Start(Tag::Image { title, .. }))) = (&events[i], events.get(i + 1))
    else {
        return None;
    };
    let close = i + 1 + events[i + 1..].iter().position(|e| matches!(e, Event::End(TagEnd::Image)))?;
    if !matches!(events.get(close + 1), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let alt: String = events[i + 2..close].iter().filter_map(plain_text).collect();
    let caption = if title.trim().is_empty() { alt } else { title.to_string() };
    Some((close + 1, caption))
}

/// Replaces footnote references by numbered links and takes the definitions
/// out of the flow; returns the events and the HTML of the notes section
/// (empty when nothing is cited).
fn footnotes(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, String) {
    // Numbers in the order of first citation; a definition never cited is dropped.
    let mut order: Vec<String> = Vec::new();
    let mut cited: Vec<usize> = Vec::new();
    let mut defs: Vec<(String, Vec<Event<'_>>)> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    let mut inside: Option<(String, Vec<Event<'_>>)> = None;
    for e in events {
        match e {
            Event::Start(Tag::FootnoteDefinition(label)) => inside = Some((label.to_string(), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => defs.extend(inside.take()),
            Event::FootnoteReference(label) => {
                let n = match order.iter().position(|l| *l == *label) {
                    Some(p) => p + 1,
                    None => {
                        order.push(label.to_string());
                        cited.push(0);
                        order.len()
                    }
                };
                cited[n - 1] += 1;
                let suffix = if cited[n - 1] == 1 { String::new() } else { format!("-{}", cited[n - 1]) };
                let sup = format!(
                    r##"<sup class="footnote-ref" id="fnref-{n}{suffix}"><a href="#{ID_PREFIX}fn-{n}">[{n}]</a></sup>"##
                );
                push(&mut inside, &mut out, Event::InlineHtml(CowStr::from(sup)));
            }
            other => push(&mut inside, &mut out, other),
        }
    }
    if order.is_empty() {
        return (out, String::new());
    }
    let mut notes = format!(
        "<section class=\"footnotes\" aria-labelledby=\"{ID_PREFIX}footnotes-h\">\n<h2 id=\"footnotes-h\">注释</h2>\n<ol>\n",
    );
    for (i, label) in order.iter().enumerate() {
        let n = i + 1;
        let body = defs.iter().find(|(l, _)| l == label).map(|(_, evs)| evs.clone()).unwrap_or_default();
        let mut inner = String::new();
        html::push_html(&mut inner, body.into_iter());
        let back = format!(
            r##" <a class="footnote-back" href="#{ID_PREFIX}fnref-{n}" aria-label="返回注释 {n} 的引用处">↩</a>"##
        );
        // The link back goes at the end of the note's last paragraph, not on a line of its own.
        match inner.trim_end().strip_suffix("</p>") {
            Some(head) => inner = format!("{head}{back}</p>\n"),
            None => inner.push_str(&back),
        }
        notes.push_str(&format!("<li id=\"fn-{n}\">{inner}</li>\n"));
    }
    notes.push_str("</ol>\n</section>\n");
    (out, notes)
}

fn push<'a>(inside: &mut Option<(String, Vec<Event<'a>>)>, out: &mut Vec<Event<'a>>, e: Event<'a>) {
    match inside {
        Some((_, evs)) => evs.push(e),
        None => out.push(e),
    }
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
        assert_eq!(to_html("带动\n农户", "./", "标题"), "<p>带动农户</p>\n");
        assert_eq!(to_html("word\nword", "./", "标题"), "<p>word\nword</p>\n");
    }

    #[test]
    fn root_images_become_relative() {
        let h = to_html("![图](/images/a.png)", "../../", "标题");
        assert!(h.contains("src=\"../../images/a.png\""), "{h}");
    }

    #[test]
    fn a_leading_h1_equal_to_the_title_is_dropped() {
        let h = to_html("# 小茶叶 撬动大产业\n\n## 导语\n\n正文", "./", "小茶叶撬动大产业");
        assert_eq!(h, "<h2>导语</h2>\n<p>正文</p>\n");
    }

    #[test]
    fn another_h1_moves_every_heading_one_level_down() {
        let h = to_html("# 背景\n\n## 做法\n\n###### 细节", "./", "标题");
        assert_eq!(h, "<h2>背景</h2>\n<h3>做法</h3>\n<h6>细节</h6>\n");
        // Not at the start: kept (and moved down), since it is not the page's title heading.
        let h = to_html("导语\n\n# 标题", "./", "标题");
        assert_eq!(h, "<p>导语</p>\n<h2>标题</h2>\n");
        // Without an h1 the levels stay.
        assert_eq!(to_html("## 导语", "./", "标题"), "<h2>导语</h2>\n");
    }

    #[test]
    fn a_lone_image_becomes_a_captioned_figure() {
        let h = to_html("![白岩村茶园](/images/a.png)", "../", "标题");
        assert_eq!(
            h,
            "<figure class=\"story-image\"><img src=\"../images/a.png\" alt=\"白岩村茶园\"><figcaption>白岩村茶园</figcaption></figure>\n"
        );
        // The title, when given, is the caption; markup in it is text.
        let h = to_html("![茶园](a.png \"2025年<b>春</b>茶\")", "./", "标题");
        assert!(h.contains("<figcaption>2025年&lt;b&gt;春&lt;/b&gt;茶</figcaption>"), "{h}");
        // An image inside running text stays inline.
        let h = to_html("见图![茶园](a.png)所示", "./", "标题");
        assert!(h.starts_with("<p>见图<img") && !h.contains("figure"), "{h}");
    }

    #[test]
    fn footnotes_are_numbered_linked_both_ways_and_listed_at_the_end() {
        let md = "正文[^b]，又见[^a]，再见[^b]。\n\n[^a]: 注释甲。\n[^b]: 注释乙。\n[^unused]: 不引用。\n\n末段。";
        let h = to_html(md, "./", "标题");
        let expected = concat!(
            "<p>正文<sup class=\"footnote-ref\" id=\"md-fnref-1\"><a href=\"#md-fn-1\" rel=\"noopener noreferrer\">[1]</a></sup>，",
            "又见<sup class=\"footnote-ref\" id=\"md-fnref-2\"><a href=\"#md-fn-2\" rel=\"noopener noreferrer\">[2]</a></sup>，",
            "再见<sup class=\"footnote-ref\" id=\"md-fnref-1-2\"><a href=\"#md-fn-1\" rel=\"noopener noreferrer\">[1]</a></sup>。</p>\n",
            "<p>末段。</p>\n",
            "<section class=\"footnotes\" aria-labelledby=\"md-footnotes-h\">\n<h2 id=\"md-footnotes-h\">注释</h2>\n<ol>\n",
            "<li id=\"md-fn-1\"><p>注释乙。 <a class=\"footnote-back\" href=\"#md-fnref-1\" aria-label=\"返回注释 1 的引用处\" rel=\"noopener noreferrer\">↩</a></p>\n</li>\n",
            "<li id=\"md-fn-2\"><p>注释甲。 <a class=\"footnote-back\" href=\"#md-fnref-2\" aria-label=\"返回注释 2 的引用处\" rel=\"noopener noreferrer\">↩</a></p>\n</li>\n",
            "</ol>\n</section>\n",
        );
        assert_eq!(h, expected);
        assert!(!h.contains("不引用"));
    }

    #[test]
    fn raw_html_ids_are_prefixed_and_unsafe_markup_removed() {
        let h = to_html("<sup id=\"main\" onclick=\"x()\">a</sup>\n\n<script>alert(1)</script>", "./", "标题");
        assert!(h.contains("id=\"md-main\"") && !h.contains("onclick") && !h.contains("script"), "{h}");
    }
}
