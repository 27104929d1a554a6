//! The watch on an open catalogue's record folders (`notify`, debounced): which files
//! changed since it was last asked. What the app does about it is `watcher.rs`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use eframe::egui;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::store::{RECORDS_DIR, TRASH_DIR};

/// How long the folders must be quiet before a change is looked at.
const QUIET: Duration = Duration::from_millis(400);

/// The watch on one catalogue's record folders.
pub struct FolderWatch {
    _debouncer: Debouncer<RecommendedWatcher>,
    events: Receiver<DebounceEventResult>,
    /// Paths reported while the app's own saves were still landing, to look at again.
    waiting: Vec<PathBuf>,
}

/// What the watch saw since it was last asked.
#[derive(Debug, Default, PartialEq)]
pub enum Seen {
    #[default]
    Nothing,
    /// These files changed (or appeared, or went).
    Files(Vec<PathBuf>),
    /// The watcher lost track (an overflow, an error): look at everything.
    Rescan,
}

impl FolderWatch {
    /// Watches `root`'s record folders; `None` when the system cannot watch them (the
    /// app then notices outside changes only when the catalogue is opened).
    pub fn start(root: &Path, ctx: &egui::Context) -> Option<FolderWatch> {
        let (tx, events) = channel();
        let ctx = ctx.clone();
        let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
            let _ = tx.send(result);
            ctx.request_repaint();
        })
        .ok()?;
        for dir in [RECORDS_DIR, TRASH_DIR] {
            let path = root.join(dir);
            if path.is_dir() {
                debouncer
                    .watcher()
                    .watch(&path, RecursiveMode::NonRecursive)
                    .ok()?;
            }
        }
        Some(FolderWatch {
            _debouncer: debouncer,
            events,
            waiting: Vec::new(),
        })
    }

    /// What changed since the last call (without waiting).
    pub fn seen(&mut self) -> Seen {
        let mut files = std::mem::take(&mut self.waiting);
        for result in self.events.try_iter() {
            match result {
                Ok(events) => files.extend(events.into_iter().map(|e| e.path)),
                Err(_) => return Seen::Rescan,
            }
        }
        files.retain(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".json") && !crate::durable::is_temp_name(name)
        });
        files.sort();
        files.dedup();
        match files.is_empty() {
            true => Seen::Nothing,
            false => Seen::Files(files),
        }
    }

    /// Keeps `files` to look at once the app's own saves have landed.
    pub fn later(&mut self, files: Vec<PathBuf>) {
        self.waiting.extend(files);
    }
}
