//! QR codes for printed notices: an inline SVG drawn at build time.
//!
//! Nayuki's qrcodegen (the reference implementation behind many ports)
//! encodes, once, with mask 0; `mask` finds the mask qrcodegen would pick
//! (the lowest penalty, as ISO/IEC 18004 asks) on bit rows and hands back
//! that mask's matrix, which is drawn as is. Letting qrcodegen try all eight
//! masks, or encoding a second time with the winner, was a tenth of a
//! build's CPU. The codes are module for module qrcodegen's (tested).
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
    let rows = encode(url)?;
    let size = rows.len() as i32;
    let full = size + 2 * QUIET;
    // One stroked path: each run of dark modules is a horizontal line one
    // module wide through the middle of its row; a row starts with an
    // absolute move, the runs after it move relative to the last one's end.
    let mut path = String::with_capacity(2048);
    for (y, row) in rows.iter().enumerate() {
        let mut end = None;
        for (start, len) in runs(row) {
            let _ = match end {
                None => write!(path, "M{} {}.5h{len}", start + QUIET, y as i32 + QUIET),
                Some(e) => write!(path, "m{} 0h{len}", start - e),
            };
            end = Some(start + len);
        }
    }
    Ok(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"项目公开页面二维码\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// One row of modules: bit x of word x / 64 set when module x is dark.
/// Codes up to [`mask::MAX_SIZE`] fit one word; larger ones take several.
type Row = Vec<u64>;

/// The runs of dark modules in `row`, as (first module, length), found a
/// word at a time.
fn runs(row: &Row) -> impl Iterator<Item = (i32, i32)> + '_ {
    let size = row.len() * 64;
    // The bits from module x on, as far as the word holding x goes.
    let from = move |x: usize| row[x / 64] >> (x % 64);
    let mut x = 0;
    std::iter::from_fn(move || {
        // Skip light modules, then count dark ones, across word boundaries.
        while x < size {
            let skip = (from(x).trailing_zeros() as usize).min(64 - x % 64);
            if skip == 0 {
                break;
            }
            x += skip;
        }
        if x >= size {
            return None;
        }
        let start = x;
        while x < size {
            let dark = (from(x).trailing_ones() as usize).min(64 - x % 64);
            x += dark;
            if dark == 0 || x % 64 != 0 {
                break;
            }
        }
        Some((start as i32, (x - start) as i32))
    })
}

/// The modules of `url` as `QrCode::encode_text` draws them (level M,
/// boosted when it fits, the mask qrcodegen picks), one row per line.
/// Encoded once with mask 0; [`mask::choose`] finds qrcodegen's mask and
/// returns its matrix. Codes too large for that are left to qrcodegen.
fn encode(url: &str) -> Result<Vec<Row>, Error> {
    let segments = QrSegment::make_segments(url);
    let with = |mask: Option<Mask>| {
        QrCode::encode_segments_advanced(&segments, QrCodeEcc::Medium, Version::MIN, Version::MAX, mask, true)
            .map_err(|source| Error::Qr { url: url.to_owned(), source })
    };
    let code0 = with(Some(Mask::new(0)))?;
    if let Some((_, rows)) = mask::choose(&code0) {
        return Ok(rows.into_iter().map(|r| vec![r]).collect());
    }
    let code = with(None)?;
    let size = code.size();
    Ok((0..size)
        .map(|y| {
            let mut row = vec![0u64; (size as usize).div_ceil(64)];
            for x in (0..size).filter(|&x| code.get_module(x, y)) {
                row[x as usize / 64] |= 1 << (x % 64);
            }
            row
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_equal_qrcodegens_own() {
        let mut large = 0;
        for i in 0..220 {
            // Up to version 11 through `mask::choose`; the last twenty are
            // too large for it and go through qrcodegen's own mask choice.
            let tail = if i < 200 { "a".repeat(i % 120) } else { "b".repeat(300 + i) };
            let url = format!("https://example.gov.cn/xczx/projects/QL-2026-{i:04}/{tail}");
            let ours = encode(&url).unwrap();
            let theirs = QrCode::encode_text(&url, QrCodeEcc::Medium).unwrap();
            assert_eq!(ours.len() as i32, theirs.size(), "{url}");
            large += usize::from(theirs.size() > mask::MAX_SIZE);
            let dark = |x: i32, y: i32| ours[y as usize][x as usize / 64] >> (x % 64) & 1 == 1;
            let same = (0..theirs.size()).all(|y| (0..theirs.size()).all(|x| dark(x, y) == theirs.get_module(x, y)));
            assert!(same, "{url}");
        }
        assert_eq!(large, 20);
    }

    #[test]
    fn runs_are_found_within_and_across_words() {
        let found = |row: Vec<u64>| runs(&row).collect::<Vec<_>>();
        assert_eq!(found(vec![0b1011_0110]), vec![(1, 2), (4, 2), (7, 1)]);
        assert_eq!(found(vec![0]), vec![]);
        assert_eq!(found(vec![u64::MAX]), vec![(0, 64)]);
        assert_eq!(found(vec![u64::MAX << 60, 0b111]), vec![(60, 7)]);
        assert_eq!(found(vec![1 << 63, 0, 1]), vec![(63, 1), (128, 1)]);
        assert_eq!(found(vec![u64::MAX, u64::MAX, 1]), vec![(0, 129)]);
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
