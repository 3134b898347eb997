//! QR codes for printed notices: an inline SVG drawn at build time.
//!
//! Nayuki's qrcodegen (the reference implementation behind many ports)
//! encodes; the mask it would pick (the lowest penalty, as ISO/IEC 18004
//! asks) is found by `mask`, five times faster than letting qrcodegen try
//! all eight, which was a tenth of a 10k build's CPU.
//! The SVG is one stroked path of horizontal runs with relative moves, about
//! 2 KB, which matters when 20,000 notices are written.

use std::fmt::Write;

mod mask;

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

use crate::Error;

/// The quiet zone required around a QR code, in modules.
const QUIET: i32 = 4;

/// An inline `<svg>` encoding `url` at error-correction level M (15 %: enough
/// for a printed page behind glass), one user unit per module with the quiet
/// zone; CSS sets its printed size.
pub fn svg(url: &str) -> Result<String, Error> {
    let code = encode(url)?;
    let size = code.size();
    let full = size + 2 * QUIET;
    // One stroked path: each run of dark modules is a horizontal line one
    // module wide through the middle of its row; a row starts with an
    // absolute move, the runs after it move relative to the last one's end.
    let mut path = String::with_capacity(2048);
    for y in 0..size {
        let mut x = 0;
        let mut end = None;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let _ = match end {
                None => write!(path, "M{} {}.5h{}", start + QUIET, y + QUIET, x - start),
                Some(e) => write!(path, "m{} 0h{}", start - e, x - start),
            };
            end = Some(x);
        }
    }
    Ok(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"项目公开页面二维码\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// `url` as `QrCode::encode_text` encodes it (level M, boosted when it
/// fits), with the same mask, chosen faster.
fn encode(url: &str) -> Result<QrCode, Error> {
    let segments = QrSegment::make_segments(url);
    let with = |mask: Option<Mask>| {
        QrCode::encode_segments_advanced(&segments, QrCodeEcc::Medium, Version::MIN, Version::MAX, mask, true)
            .map_err(|e| Error::Render { template: "qr".into(), message: format!("无法生成二维码：{e}") })
    };
    let code0 = with(Some(Mask::new(0)))?;
    match mask::best(&code0) {
        Some(0) => Ok(code0),
        Some(m) => with(Some(Mask::new(m))),
        None => with(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_equal_qrcodegens_own() {
        for i in 0..200 {
            let url = format!("https://example.gov.cn/xczx/projects/QL-2026-{i:04}/{}", "a".repeat(i % 120));
            let ours = encode(&url).unwrap();
            let theirs = QrCode::encode_text(&url, QrCodeEcc::Medium).unwrap();
            assert_eq!(ours.mask().value(), theirs.mask().value(), "{url}");
            let same =
                (0..ours.size()).all(|y| (0..ours.size()).all(|x| ours.get_module(x, y) == theirs.get_module(x, y)));
            assert!(same && ours.size() == theirs.size(), "{url}");
        }
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let url = "https://example.gov.cn/xczx/projects/QL-2026-0001/";
        let svg = svg(url).unwrap();
        let code = QrCode::encode_text(url, QrCodeEcc::Medium).unwrap();
        let dark: i32 = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .count() as i32;
        // Sum of the run lengths written as `h<n>` equals the dark module count.
        let d = &svg[svg.find(" d=\"").unwrap() + 4..];
        let d = &d[..d.find('"').unwrap()];
        let covered: i32 = d
            .split('h')
            .skip(1)
            .map(|seg| seg.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse::<i32>().unwrap())
            .sum();
        assert_eq!(covered, dark);
        // Every row with a dark module starts with one absolute move.
        let rows = (0..code.size()).filter(|&y| (0..code.size()).any(|x| code.get_module(x, y))).count();
        assert_eq!(d.matches('M').count(), rows);
        assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", code.size() + 8)));
    }
}
