//! The Markdown pipeline: a page body through every validation rule (the
//! Markdown image scan of `validate::refs` parses it with pulldown-cmark and
//! maps byte offsets back to file positions).
#![no_main]

use gongshi::diag::Pos;
use gongshi::domain::story::Body;
use gongshi::domain::{At, Content, Page, SourcePath};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else { return };
    let page = Page {
        path: SourcePath("content/pages/fuzz.md".into()),
        id: At::new("fuzz".to_owned(), Pos::new(2, 5)),
        title: "fuzz".to_owned(),
        order: None,
        published_on: None,
        body: Body { markdown: markdown.to_owned(), first_line: 4 },
    };
    let content = Content { pages: vec![page], ..Content::default() };
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2026, 11, 20) else { return };
    let _ = gongshi::validate::check(&content, today);
});
