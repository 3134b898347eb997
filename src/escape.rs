//! Escaping text for HTML, SVG and XML written outside the templates
//! (tera escapes what the templates print): chart labels, feeds, search
//! records, the preview server's overlay. One function, so every hand-made
//! markup escapes the same five characters.

/// Escapes `& < > " '` for element content and double- or single-quoted attributes.
pub fn html(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    // Writing into a Vec cannot fail, and escaping keeps UTF-8 whole.
    let _ = html_to(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`html`] into a writer: the escape tera uses for every value a template
/// prints. Copies the runs between markup characters whole; tera's own
/// escape wrote byte by byte through `dyn Write`, a few percent of a build.
pub fn html_to(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
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
        assert_eq!(super::html("a&b<c>d\"e'f青"), "a&amp;b&lt;c&gt;d&quot;e&#39;f青");
        assert_eq!(super::html(""), "");
    }
}
