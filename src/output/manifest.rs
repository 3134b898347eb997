//! The manifest (`manifest.sha256`) that [`Staging::commit`](super::Staging::commit)
//! writes into the output folder, one `<sha256>  <path>` line per file, and
//! reading back what the last build published.
//!
//! `check` compares it with what this build would write, so that a page
//! whose QR code is on a village board never silently turns into a 404
//! (`published-removed`). The format is output's, so it is read here.

use std::fs;
use std::path::Path;

use super::{MANIFEST, MARKER};
use crate::Error;

/// One file the last build published, where the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The file's path in the output, `/`-separated (`projects/QL-2026-0009/index.html`).
    pub path: String,
    /// The 1-based line of the manifest that lists it.
    pub line: u32,
    /// The 1-based column (in characters) where the path starts on that line.
    pub column: u32,
}

/// The manifest listing `digests` (sorted by path), in `sha256sum -c`
/// format: made in memory, so that its own digest, which the render keys
/// and groups name, is known before it is written (4.6 MB at 10,000
/// projects), and the three are written side by side.
pub(super) fn text(digests: &[(String, [u8; 32], u64)]) -> Vec<u8> {
    let mut text = Vec::with_capacity(digests.iter().map(|(path, ..)| path.len() + 67).sum());
    for (path, digest, _) in digests {
        // Not format!: 32 of them per file were half a second at the
        // end of a 160,000-file build, on one thread.
        crate::hex::push(&mut text, digest);
        text.extend_from_slice(b"  ");
        text.extend_from_slice(path.as_bytes());
        text.push(b'\n');
    }
    text
}

/// The files the last build published into `out`, from its manifest.
///
/// `None` when there is nothing to compare with: `out` does not exist, is
/// not a gongshi output (no marker), or has no manifest (a first build).
/// A line that is not `<64 hex digits>  <path>` is skipped: the manifest is
/// ours and only a hand edit makes one.
pub fn read(out: &Path) -> Result<Option<Vec<Listed>>, Error> {
    let manifest = out.join(MANIFEST);
    if !out.join(MARKER).is_file() || !manifest.is_file() {
        return Ok(None);
    }
    let bytes = fs::read(&manifest).map_err(|e| Error::io(&manifest, e))?;
    Ok(Some(parse(&String::from_utf8_lossy(&bytes))))
}

/// The listed files of a manifest's text.
fn parse(text: &str) -> Vec<Listed> {
    text.lines()
        .zip(1u32..)
        .filter_map(|(l, line)| {
            let (digest, path) = l.split_once("  ")?;
            let well_formed = digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) && !path.is_empty();
            // The digest is ASCII: the path starts right after it and the two spaces.
            well_formed.then(|| Listed { path: path.to_owned(), line, column: 67 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Staging;

    #[test]
    fn the_manifest_a_build_wrote_is_read_back_with_its_lines() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        assert_eq!(read(&out).unwrap(), None, "no folder: a first build");
        let s = Staging::begin(&out).unwrap();
        s.write("projects/QL-2026-0009/index.html", b"page").unwrap();
        s.write("index.html", b"home").unwrap();
        s.write("projects/QL-2026-0009/notice/village/index.html", b"paper").unwrap();
        s.commit().unwrap();
        let listed = read(&out).unwrap().unwrap();
        let paths: Vec<(&str, u32)> = listed.iter().map(|l| (l.path.as_str(), l.line)).collect();
        assert_eq!(
            paths,
            [
                ("index.html", 1),
                ("projects/QL-2026-0009/index.html", 2),
                ("projects/QL-2026-0009/notice/village/index.html", 3)
            ]
        );
        let text = fs::read_to_string(out.join(MANIFEST)).unwrap();
        let second = text.lines().nth(1).unwrap();
        assert_eq!(second.chars().skip(66).collect::<String>(), "projects/QL-2026-0009/index.html");
        assert_eq!(listed[1].column, 67);
    }

    #[test]
    fn a_folder_without_marker_or_manifest_is_nothing_to_compare() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join(MANIFEST), format!("{}  a.html\n", "0".repeat(64))).unwrap();
        assert_eq!(read(tmp.path()).unwrap(), None, "no marker: not ours");
        fs::remove_file(tmp.path().join(MANIFEST)).unwrap();
        fs::write(tmp.path().join(MARKER), "").unwrap();
        assert_eq!(read(tmp.path()).unwrap(), None, "no manifest");
    }

    #[test]
    fn malformed_lines_are_skipped_and_lines_still_counted() {
        let text = format!("garbage\n{}  a b.html\n{}  \nxyz  c.html\n", "a".repeat(64), "b".repeat(64));
        assert_eq!(parse(&text), [Listed { path: "a b.html".into(), line: 2, column: 67 }]);
    }
}
