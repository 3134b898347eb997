//! Watching `content/` and `themes/` for changes (notify, debounced).
//!
//! Editors save in bursts (a temporary file, a rename, a metadata change);
//! the debouncer folds one save into one batch, and [`start`] sends the paths
//! of each batch to the builder. Editor droppings (dotfiles, `~` backups,
//! swap files) do not trigger a rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the debouncer waits for a burst of events to end. Short: the
/// whole round trip from saving to reloading should stay under half a
/// second, and an editor's save (write, rename, chmod) is one burst of a
/// few milliseconds. A burst split in two costs only a second rebuild:
/// changes that arrive during a build go into the next one.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// How often the debouncer looks for bursts that have ended: a burst is
/// sent between [`DEBOUNCE`] and this much later after its last event (at
/// 25 ms, as the debounce, a save waited 25–50 ms, a tenth of a rebuild at
/// 10,000 projects). Waking every 5 ms costs nothing measurable.
const TICK: Duration = Duration::from_millis(5);

/// The running watcher; watching stops when it is dropped.
pub(super) type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// One burst of changes.
#[derive(Debug, Default)]
pub(super) struct Batch {
    /// The paths changed, as the watcher names them (below `root`).
    pub(super) paths: Vec<PathBuf>,
    /// Whether changes may have been missed (the system's event queue
    /// overflowed, or the watcher failed): then the next build looks at
    /// every file, as the first did.
    pub(super) lost: bool,
}

/// Watches `root/content` and, if present, `root/themes`, sending changed paths on `changes`.
pub(super) fn start(root: &Path, changes: Sender<Batch>) -> Result<Watcher, super::ServeError> {
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |result: DebounceEventResult| {
        let Ok(events) = result else {
            let _ = changes.send(Batch { paths: Vec::new(), lost: true });
            return;
        };
        let lost = events.iter().any(|e| e.need_rescan());
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths.iter())
            .filter(|p| is_relevant(p))
            .cloned()
            .collect();
        paths.dedup();
        if lost || !paths.is_empty() {
            let _ = changes.send(Batch { paths, lost });
        }
    })
    .map_err(|source| super::ServeError::Watch { path: root.to_path_buf(), source })?;
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|source| super::ServeError::Watch { path: path.clone(), source })?;
        }
    }
    Ok(debouncer)
}

/// Whether a change to `path` can change the site.
fn is_relevant(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let dropping = name.starts_with('.')
        || name.ends_with('~')
        || [".swp", ".swx", ".tmp", ".bak"].iter().any(|s| name.ends_with(s))
        || name == "4913";
    !dropping
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_droppings_are_ignored() {
        assert!(is_relevant(Path::new("content/projects/a.yaml")));
        assert!(!is_relevant(Path::new("content/projects/.a.yaml.swp")));
        assert!(!is_relevant(Path::new("content/projects/a.yaml~")));
        assert!(!is_relevant(Path::new("content/projects/4913")));
    }
}
