//! Typical cases (典型案例) and free pages: front matter between `---` lines,
//! then Markdown. Front-matter positions are lines of the whole file
//! (zola#1133 reported them relative to the block, which misleads editors).

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::{self, Node};
use crate::diag::{Code, Pos};
use crate::domain::story::{Body, CaseResult, Image};
use crate::domain::{Case, Page};
use crate::format::Shape;

/// A Markdown file split into its front matter and body.
pub(crate) struct Split<'a> {
    pub(crate) front: &'a str,
    /// Lines before the front matter's first line (the `---` line).
    pub(crate) front_offset: u32,
    pub(crate) body: &'a str,
    /// 1-based file line of the body's first line.
    pub(crate) body_line: u32,
}

/// Splits `text`; `None` when it does not open with a `---` line and close with another.
pub(crate) fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (i, line) in lines.enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + line.len();
            return Some(Split {
                front: &text[front_start..offset],
                front_offset: 1,
                body: &text[body_start..],
                body_line: i as u32 + 3,
            });
        }
        offset += line.len();
    }
    None
}

/// Parses the front matter, reporting a syntax problem; `None` when unusable.
pub(crate) fn front_matter<'a>(ctx: &mut Ctx, text: &'a str) -> Option<(Node, Split<'a>)> {
    let Some(parts) = split(text) else {
        ctx.report(
            Code::YamlSyntax,
            Pos::new(1, 1),
            "文件应以 --- 开头的 front matter 开始，并以另一行 --- 结束".into(),
            Some("第一行写 ---，字段写完后再写一行 ---，正文写在其后"),
        );
        return None;
    };
    match yaml::parse(parts.front, parts.front_offset) {
        Ok(node) => {
            super::report_lint(ctx, parts.front, parts.front_offset);
            Some((node, parts))
        }
        Err(e) => {
            ctx.report(
                Code::YamlSyntax,
                e.pos.unwrap_or(Pos::new(1, 1)),
                format!("front matter 不是合法的 YAML：{}", e.message),
                Some(&e.help),
            );
            None
        }
    }
}

/// Reads a case file.
pub(crate) fn read_case(ctx: &mut Ctx, text: &str) -> Option<Case> {
    let (root, parts) = front_matter(ctx, text)?;
    let mut m = ctx.map(&root, Shape::Case)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let title = req_text(ctx, &mut m, "title");
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let township = m.get(ctx, "township").and_then(|n| ctx.text_at(n));
    let industry = req_text(ctx, &mut m, "industry");
    let mode = opt_text(ctx, &mut m, "mode");
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let batch = opt_text(ctx, &mut m, "batch");
    let advisory_group = m.get(ctx, "advisory_group").and_then(|n| ctx.text_at(n));
    let related_projects = m.get(ctx, "related_projects").map(|n| ctx.list(n, |c, x| c.text_at(x))).unwrap_or_default();
    let results = m.get(ctx, "results").map(|n| ctx.list(n, result)).unwrap_or_default();
    let images = m.get(ctx, "images").map(|n| ctx.list(n, image)).unwrap_or_default();
    let source = req_text(ctx, &mut m, "source");
    let published_on = m.get(ctx, "published_on").and_then(|n| ctx.date(n));
    m.finish(ctx);
    let body = body(ctx, &parts);
    Some(Case {
        path: ctx.path.clone(),
        id: id?,
        title,
        county: county?,
        township,
        industry,
        mode,
        year: year.map_or(0, |y| y.value),
        batch,
        advisory_group,
        related_projects,
        results,
        images,
        source,
        published_on: published_on?.value,
        body,
    })
}

/// Reads a free page.
pub(crate) fn read_page(ctx: &mut Ctx, text: &str) -> Option<Page> {
    let (root, parts) = front_matter(ctx, text)?;
    let mut m = ctx.map(&root, Shape::Page)?;
    let id = m.get(ctx, "id").and_then(|n| ctx.record_id(n));
    let title = req_text(ctx, &mut m, "title");
    let order = m.get(ctx, "order").and_then(|n| ctx.int(n)).map(|o| o.value);
    let published_on = m.get(ctx, "published_on").and_then(|n| ctx.date(n)).map(|d| d.value);
    m.finish(ctx);
    let body = body(ctx, &parts);
    Some(Page { path: ctx.path.clone(), id: id?, title, order, published_on, body })
}

/// The body, scanned line by line for private data so the warning names the line.
fn body(ctx: &mut Ctx, parts: &Split<'_>) -> Body {
    for (i, line) in parts.body.lines().enumerate() {
        ctx.scan_private(line, Pos::new(parts.body_line + i as u32, 1));
    }
    Body { markdown: parts.body.to_owned(), first_line: parts.body_line }
}

fn result(ctx: &mut Ctx, node: &Node) -> Option<CaseResult> {
    let mut m = ctx.map(node, Shape::CaseResult)?;
    let indicator = m.get(ctx, "indicator").and_then(|n| ctx.text(n));
    let unit = m.get(ctx, "unit").and_then(|n| ctx.text(n));
    let value = m.get(ctx, "value").and_then(|n| ctx.text(n));
    let before = m.req_if(ctx, "before", value.is_none()).and_then(|n| ctx.text(n));
    let after = m.req_if(ctx, "after", value.is_none()).and_then(|n| ctx.text(n));
    m.finish(ctx);
    if value.is_none() && (before.is_none() || after.is_none()) {
        return None;
    }
    Some(CaseResult { indicator: indicator?, value, before, after, unit: unit? })
}

fn image(ctx: &mut Ctx, node: &Node) -> Option<Image> {
    let mut m = ctx.map(node, Shape::Image)?;
    let file = m.get(ctx, "file").and_then(|n| ctx.text_at(n));
    let alt = m.get(ctx, "alt").and_then(|n| ctx.text(n));
    let credit = opt_text(ctx, &mut m, "credit");
    m.finish(ctx);
    let file = file?;
    Some(Image { pos: file.pos, file: file.value, alt: alt?, credit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_file_lines() {
        let s = split("---\nid: a\ntitle: b\n---\n正文\n").unwrap();
        assert_eq!(s.front, "id: a\ntitle: b\n");
        assert_eq!(s.body, "正文\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn split_refuses_missing_delimiters() {
        assert!(split("id: a\n").is_none());
        assert!(split("---\nid: a\n").is_none());
    }

    #[test]
    fn front_matter_positions_are_file_lines() {
        let node = yaml::parse(split("---\nid: a\ntitle: b\n---\n").unwrap().front, 1).unwrap();
        let yaml::Kind::Map(m) = node.kind else { panic!("map") };
        assert_eq!(m[1].0.pos, Pos::new(3, 1));
    }
}
