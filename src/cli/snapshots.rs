//! The snapshot that makes the next command quick (see `store::snapshot`): commands open
//! from it, and when opening had to read many record files again, a new one is written
//! on another thread while the command does its work; the program waits for it before
//! it exits.

use std::sync::Mutex;
use std::thread::JoinHandle;

use crate::settings::Paths;
use crate::store::Catalogue;
use crate::store::snapshot::SnapshotKey;

static WRITERS: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());

/// The key that signs plain catalogues' snapshots for this user (made the first time);
/// without one (no data folder can be written) plain catalogues open without a snapshot.
pub(crate) fn key() -> Option<SnapshotKey> {
    SnapshotKey::in_folder(&Paths::from_env().data_dir).ok()
}

/// Starts writing the snapshot opening left, when it read enough files again to be worth
/// it (`snapshot::worth_writing`), or the whole log (which every command would read again).
pub(crate) fn write_behind(cat: &mut Catalogue) {
    let total = cat.records().len() + cat.trash().len();
    let Some(job) = cat.snapshot_job() else {
        return;
    };
    if !job.log_read_whole && !crate::store::snapshot::worth_writing(job.reread, total) {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("snapshot".into())
        .spawn(move || {
            // A snapshot that cannot be written costs only the next command's speed.
            let _ = job.write();
        });
    if let Ok(handle) = spawned {
        WRITERS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(handle);
    }
}

/// Waits for the snapshots being written.
pub(crate) fn finish() {
    let writers = std::mem::take(&mut *WRITERS.lock().unwrap_or_else(|e| e.into_inner()));
    for w in writers {
        let _ = w.join();
    }
}
