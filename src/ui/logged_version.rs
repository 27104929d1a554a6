//! "Restore from a copy...": looks through a folder (a backup, another desktop's
//! catalogue) for the version of a record that Dossier last logged, on a background
//! thread, so that searching a whole drive never stalls a frame. The restore itself is
//! an ordinary logged write.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use eframe::egui;

use crate::model::{RecordId, Sha256};
use crate::store::find_logged_version;

/// What the search found: the copy's file and bytes, or why there is none.
pub type Found = Result<(PathBuf, Vec<u8>), String>;

pub struct FindVersionTask {
    pub record: RecordId,
    rx: Receiver<Found>,
}

impl FindVersionTask {
    pub fn spawn(
        record: RecordId,
        expected: Sha256,
        from: PathBuf,
        ctx: egui::Context,
    ) -> FindVersionTask {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("find-logged-version".into())
            .spawn(move || {
                let found = match find_logged_version(&from, &record, &expected) {
                    Ok(Some(found)) => Ok(found),
                    Ok(None) => Err(format!(
                        "No copy of this record as Dossier logged it (SHA-256 {}) was found in {}. Nothing was changed.",
                        expected.short(16),
                        from.display()
                    )),
                    Err(e) => Err(e.to_string()),
                };
                let _ = tx.send(found);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = channel();
            let _ = tx.send(Err(format!("Could not start the search: {e}")));
            return FindVersionTask { record, rx: rx2 };
        }
        FindVersionTask { record, rx }
    }

    pub fn poll(&self) -> Option<Found> {
        self.rx.try_recv().ok()
    }

    /// Blocks until done (tests only).
    pub fn wait(&self, timeout: Duration) -> Option<Found> {
        self.rx.recv_timeout(timeout).ok()
    }
}
