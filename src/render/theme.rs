//! Theme resolution: the built-in `themes/default/` is compiled into the
//! binary; a site's `themes/<name>/` overrides it file by file.
//!
//! Built-in templates are registered as `default/<file>` and found through
//! tera's fallback prefix, so a site template named `base.html` wins over the
//! built-in one everywhere (also where a built-in template extends it), and a
//! site template can still `{% extends "default/base.html" %}` to wrap it.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, DirEntry, include_dir};

use crate::Error;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The resolved theme: templates by name and static files by output path.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name → source. Built-ins are prefixed `default/`.
    pub templates: BTreeMap<String, String>,
    /// Output path (relative to the site root) → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the built-in theme, then the site's `themes/<name>/` over it.
    ///
    /// `name` of `None` or `default` means the built-in theme (a site's own
    /// `themes/default/`, if present, still overrides it file by file).
    pub fn load(root: &Path, name: Option<&str>) -> Result<Theme, Error> {
        let mut theme = Theme::default();
        let mut files = Vec::new();
        collect(&BUILTIN, &mut files);
        for (path, bytes) in files {
            theme.add(&path, bytes, "default/")?;
        }
        let name = name.unwrap_or("default");
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            let mut entries: Vec<_> = walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .collect();
            entries.sort_by(|a, b| a.path().cmp(b.path()));
            for e in entries {
                let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let bytes = std::fs::read(e.path()).map_err(|err| Error::io(e.path(), err))?;
                theme.add(&rel, bytes, "")?;
            }
        } else if name != "default" {
            return Err(Error::UnknownTheme { name: name.to_owned(), dir });
        }
        Ok(theme)
    }

    fn add(&mut self, rel: &str, bytes: Vec<u8>, prefix: &str) -> Result<(), Error> {
        if let Some(t) = rel.strip_prefix("templates/") {
            let text = String::from_utf8(bytes).map_err(|_| Error::TemplateNotText(rel.to_owned()))?;
            self.templates.insert(format!("{prefix}{t}"), text);
        } else if let Some(s) = rel.strip_prefix("static/") {
            self.statics.insert(s.to_owned(), bytes);
        }
        // README.md and other files at the theme root are documentation only.
        Ok(())
    }
}

fn collect(dir: &Dir<'static>, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => collect(d, out),
            DirEntry::File(f) => {
                let path = f.path().components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                out.push((path, f.contents().to_vec()));
            }
        }
    }
}
