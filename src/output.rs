//! Publishing: write the rendered files into a staging folder beside the
//! output folder, then swap it in, so readers never see half a site and a
//! failed build leaves the old output untouched.
//!
//! Every folder written here carries a marker file; a non-empty folder
//! without it was not made by gongshi and is never replaced (zola#574).

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::render::OutputFile;

/// The marker file left in every output folder gongshi writes.
pub const MARKER: &str = ".gongshi-output";

/// Fails with [`Error::ForeignOutput`] when `out` exists, is not empty and
/// lacks the marker (or is not a folder at all).
pub fn ensure_replaceable(out: &Path) -> Result<(), Error> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::ForeignOutput(out.to_path_buf()));
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    if entries.next().is_none() || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(Error::ForeignOutput(out.to_path_buf()))
    }
}

/// Writes `files` to `out` atomically: staging folder, then rename swap.
pub fn publish(files: &[OutputFile], out: &Path) -> Result<(), Error> {
    ensure_replaceable(out)?;
    let name = out.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let pid = std::process::id();
    let staging = parent.join(format!("{name}.tmp-{pid}"));
    let old = parent.join(format!("{name}.old-{pid}"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(|e| Error::io(leftover, e))?;
        }
    }
    if let Err(e) = write_all(files, &staging) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        // Put the previous site back; the new one stays in staging for inspection.
        if had_old {
            let _ = fs::rename(&old, out);
        }
        return Err(Error::io(out, e));
    }
    if had_old {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(())
}

fn write_all(files: &[OutputFile], dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for f in files {
        let path = dir.join(&f.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
    }
    let marker = dir.join(MARKER);
    fs::write(&marker, "gongshi: this folder is generated; `gongshi build` replaces it whole.\n")
        .map_err(|e| Error::io(&marker, e))
}
