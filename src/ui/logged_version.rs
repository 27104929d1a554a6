//! "Restore from a copy...": looks through a folder (a backup, another desktop's
//! catalogue) for the version of a record that Dossier last logged, on a background
//! thread, so that searching a whole drive never stalls a frame. The restore itself is
//! an ordinary logged write.

use std::path::PathBuf;

use eframe::egui;

use super::task::{Task, TaskError};
use crate::model::{RecordId, Sha256};
use crate::store::find_logged_version;

/// The copy found: its file and bytes.
pub type Found = (PathBuf, Vec<u8>);

/// A search for one record's logged version.
pub struct FindVersion {
    pub record: RecordId,
    pub task: Task<Found>,
}

impl FindVersion {
    /// Starts looking in `from` for record `record` as it was logged (hash `expected`).
    pub fn spawn(
        record: RecordId,
        expected: Sha256,
        from: PathBuf,
        vault: crate::durable::vault::Vault,
        ctx: &egui::Context,
    ) -> FindVersion {
        let task = Task::spawn(
            crate::t!("task-finding-version"),
            "find-logged-version",
            ctx,
            move |_| match find_logged_version(&from, &record, &expected, &vault)? {
                Some(found) => Ok(found),
                None => Err(TaskError::Nothing(crate::t!(
                    "error-no-logged-copy",
                    sha = expected.short(16),
                    folder = from.display().to_string()
                ))),
            },
        );
        FindVersion { record, task }
    }
}
