//! The walk of `content/`: which files are records (and of what kind),
//! which are static files, and the size of each static image.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{FileKind, classify, image_size};
use crate::Error;

/// What a walk of `content/` found.
#[derive(Debug, Clone, Default)]
pub(super) struct Walked {
    /// Each record file: its path as diagnostics name it (`content/…`), on
    /// disk, and its kind; sorted by the first.
    pub(super) files: Vec<(String, PathBuf, FileKind)>,
    /// The files below `content/static/`, relative to it.
    pub(super) static_files: BTreeSet<String>,
    /// The width and height of each static image among them.
    pub(super) static_images: BTreeMap<String, crate::domain::works::ImageFile>,
    /// Whether it followed a symbolic link: a file reached through one may
    /// change where no watcher of `content/` sees it.
    pub(super) links: bool,
}

/// Walks `content_dir` (the `content/` of `root`). Fatal only when a folder
/// cannot be read, a link leads outside the site root, or links loop.
pub(super) fn record_files(root: &Path, content_dir: &Path) -> Result<Walked, Error> {
    let mut files: Vec<(String, PathBuf, FileKind)> = Vec::new();
    let mut static_files = BTreeSet::new();
    let mut static_images = BTreeMap::new();
    let mut links = false;
    // Links are followed only while they stay inside the site root: a record
    // must never be read from elsewhere on the office PC (and a loop must end).
    let real_root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    // Not sorted by walkdir: its comparison parses each entry's path for
    // its name (0.05 s of each rebuild at 50,000 projects, on one thread
    // before the files are read on every thread), and every list
    // made here is sorted anyway (`files` below, the static files by their
    // maps).
    for entry in WalkDir::new(content_dir).follow_links(true) {
        let entry = entry.map_err(walk_error)?;
        if entry.path_is_symlink() {
            links = true;
            let target = entry.path().canonicalize().map_err(|e| Error::io(entry.path(), e))?;
            if !target.starts_with(&real_root) {
                return Err(Error::LinkOutside(entry.path().to_path_buf()));
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else { continue };
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        if parts.first().map(String::as_str) == Some("static") {
            let rel = parts[1..].join("/");
            if let Some(image) = image_size::read(entry.path()) {
                static_images.insert(rel.clone(), image);
            }
            static_files.insert(rel);
            continue;
        }
        if let Some(kind) = classify(&parts) {
            files.push((format!("content/{}", parts.join("/")), entry.path().to_path_buf(), kind));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Walked { files, static_files, static_images, links })
}

/// The walk `last` brought up to date with the paths a file watcher saw
/// change since it was made (`seen`, as the watcher names them, below
/// `content_dir`), and the record files among them (by their `content/…`
/// path, to be read again); `None` when only a new walk can tell (a
/// folder added, moved or removed, a static file, a link, a path named
/// otherwise than the walk names them). At 50,000 projects the walk and
/// the metadata of every file were a quarter of a one-file rebuild under
/// `serve`.
pub(super) fn update(content_dir: &Path, mut last: Walked, seen: &[PathBuf]) -> Option<(Walked, HashSet<String>)> {
    if last.links {
        return None;
    }
    let mut dirty = HashSet::new();
    for path in seen {
        let Ok(rel) = path.strip_prefix(content_dir) else {
            // A theme's file is no part of the walk; a path named otherwise
            // than the walk names them cannot be placed.
            match content_dir.parent() {
                Some(root) if path.starts_with(root) => continue,
                _ => return None,
            }
        };
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if parts.is_empty() || parts.first().map(String::as_str) == Some("static") {
            return None;
        }
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        let name = format!("content/{}", parts.join("/"));
        let at = last.files.binary_search_by(|f| f.0.as_str().cmp(&name));
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => {
                let Some(kind) = classify(&parts) else { continue };
                if let Err(at) = at {
                    last.files.insert(at, (name.clone(), path.clone(), kind));
                }
                dirty.insert(name);
            }
            Ok(_) => return None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Ok(at) = at {
                    last.files.remove(at);
                } else if last.files.iter().any(|f| f.0.starts_with(&format!("{name}/"))) {
                    // A folder of records gone: walked again, to be sure of the rest.
                    return None;
                }
            }
            Err(_) => return None,
        }
    }
    Some((last, dirty))
}

/// A walk failure as a fatal error that names the path (a link loop included).
fn walk_error(e: walkdir::Error) -> Error {
    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
    if e.loop_ancestor().is_some() {
        return Error::LinkLoop(path);
    }
    Error::io(path, e.into_io_error().unwrap_or_else(|| std::io::Error::other("walk failed")))
}
