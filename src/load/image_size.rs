//! The byte size and pixel size of the PNG and JPEG files under
//! `content/static/`, read from their headers, so that `check` can flag a
//! photo too heavy for a phone (`photo-too-large`) and pages give every photo
//! its `width` and `height` (no layout shift while it loads).
//!
//! Only the header is parsed, never the image: a PNG says its size in its
//! first chunk (IHDR), a JPEG in its frame header (SOFn), which follows the
//! APPn segments (EXIF may take up to 64 KB), so at most [`HEAD_BYTES`] are read.

use std::io::Read;
use std::path::Path;

use crate::domain::works::ImageFile;

/// How much of a file is read to find its pixel size.
const HEAD_BYTES: u64 = 256 * 1024;

/// What `path` holds, when its name ends in `.png`, `.jpg` or `.jpeg`
/// (any case); `None` for other files or when it cannot be read (a file
/// that vanished while loading is reported by the step that needs it).
pub(super) fn read(path: &Path) -> Option<ImageFile> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") {
        return None;
    }
    let bytes = std::fs::metadata(path).ok()?.len();
    let mut head = Vec::new();
    std::fs::File::open(path).ok()?.take(HEAD_BYTES).read_to_end(&mut head).ok()?;
    Some(ImageFile { bytes, size: pixel_size(&head) })
}

/// Width and height from the start of a PNG or JPEG file.
pub(super) fn pixel_size(head: &[u8]) -> Option<(u32, u32)> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The signature, then IHDR: length (4), type (4), width (4), height (4).
        let be = |at: usize| head.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
        if head.get(12..16) != Some(b"IHDR") {
            return None;
        }
        return Some((be(16)?, be(20)?));
    }
    if head.starts_with(&[0xFF, 0xD8]) {
        return jpeg_size(head);
    }
    None
}

/// Walks the JPEG segments to the first frame header (SOF0–SOF15 except
/// DHT, JPG and DAC: C4, C8, CC).
fn jpeg_size(head: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while head.get(at) == Some(&0xFF) && head.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if *head.get(at)? != 0xFF {
            return None;
        }
        let marker = *head.get(at + 1)?;
        let len = usize::from(u16::from_be_bytes([*head.get(at + 2)?, *head.get(at + 3)?]));
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            // Length (2), precision (1), height (2), width (2).
            let h = u16::from_be_bytes([*head.get(at + 5)?, *head.get(at + 6)?]);
            let w = u16::from_be_bytes([*head.get(at + 7)?, *head.get(at + 8)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        if marker == 0xDA || len < 2 {
            // Start of scan before any frame header: not a file we can size.
            return None;
        }
        at += 2 + len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_says_its_size_in_ihdr() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(pixel_size(&png), Some((640, 480)));
        assert_eq!(pixel_size(&png[..20]), None, "cut short");
    }

    #[test]
    fn a_jpeg_says_its_size_in_the_frame_header_after_app_segments() {
        // SOI, APP0 (length 4: two bytes of data), SOF0: len 17, precision 8, h 300, w 400.
        let jpeg =
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x01, 0x90];
        assert_eq!(pixel_size(&jpeg), Some((400, 300)));
        assert_eq!(pixel_size(&[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), None, "scan before frame");
        assert_eq!(pixel_size(b"GIF89a"), None);
    }
}
