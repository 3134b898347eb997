//! Escaping text for HTML, SVG and XML written outside the templates
//! (tera escapes what the templates print): chart labels, feeds, search
//! records, the preview server's overlay. One function, so every hand-made
//! markup escapes the same five characters.

/// Escapes `& < > " '` for element content and double- or single-quoted attributes.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_markup_characters() {
        assert_eq!(
            super::html(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(super::html("青岭县"), "青岭县");
    }
}
