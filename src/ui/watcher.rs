//! Record files changed outside the app while it has the catalogue open (a file-sync tool
//! such as Syncthing, a backup put back, a person): the folders are watched (`notify`,
//! debounced), and a file that is not what the app itself last wrote makes the app open
//! the catalogue again, so the change is found and logged as every opening does. An
//! edit in progress on a record that changed underneath is never written over it: it is
//! merged with the new version field by field, and what both changed becomes a conflict.

use std::path::Path;

use eframe::egui;

use super::app::DossierApp;
use super::folder_watch::Seen;
use crate::store::TRASH_DIR;

impl DossierApp {
    /// Looks at what the watch saw, once per frame: a record file that is not what the
    /// app last wrote (nor moved by it) opens the catalogue again.
    pub(super) fn poll_outside_changes(&mut self, ctx: &egui::Context) {
        let Some(watch) = &mut self.watch else { return };
        let seen = watch.seen();
        let files = match seen {
            Seen::Nothing => return,
            Seen::Rescan => Vec::new(),
            Seen::Files(files) => files,
        };
        if self.writer.pending() > 0 || self.work.opening.is_some() || self.work.syncing.is_some() {
            // Our own saves (or a sync, or an opening) are landing: look again after.
            watch.later(files);
            return;
        }
        let Some(s) = &self.session else { return };
        let changed = files.is_empty() || files.iter().any(|p| changed_outside(&s.cat, p));
        if !changed {
            return;
        }
        // An edit in progress is kept, to merge with what is now on disk: one still in
        // the editor (with the version it began from), or one whose save was refused
        // because the file changed underneath (its first version is not known then, so
        // every field that differs becomes a conflict).
        self.stale_edit = s
            .editor
            .as_ref()
            .filter(|e| e.changed_at.is_some())
            .and_then(|e| Some((Some(s.cat.get(&e.draft.id)?.clone()), e.draft.clone())))
            .or_else(|| {
                let id = s.unsaved.iter().next()?;
                Some((None, s.cat.get(id)?.clone()))
            });
        let (root, secret) = (s.cat.root().to_path_buf(), s.cat.secret_to_reopen());
        self.status.message = Some(crate::t!("outside-reloading"));
        self.start_open_with(root, secret, ctx);
    }

    /// After the catalogue opened again: the edit that was in progress, merged with the
    /// record as it now is (what both changed becomes a conflict), and saved.
    pub(super) fn merge_stale_edit(&mut self) {
        let Some((base, edited)) = self.stale_edit.take() else {
            return;
        };
        let actor = self.actor();
        let Some(s) = &mut self.session else { return };
        s.cat.load_also(&[edited.id]);
        let Some(now) = s.cat.get(&edited.id).cloned() else {
            return;
        };
        let id = edited.id;
        let record = match &base {
            Some(b) if !crate::audit::content_changed(b, &now) => edited,
            _ => crate::store::merge_record(base.as_ref(), &edited, &now).record,
        };
        let conflicts = !record.conflicts.is_empty();
        match s.cat.put(record, &actor) {
            Ok(batch) => {
                s.unsaved.remove(&id);
                self.writer.submit(batch, vec![id]);
                if conflicts {
                    self.status.message = Some(crate::t!("outside-edit-conflict"));
                }
            }
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }
}

/// True when `path` (a record file, or a sync tool's copy of one) is not what the app
/// last wrote there.
fn changed_outside(cat: &crate::store::Catalogue, path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name.contains(".sync-conflict-") {
        return true;
    }
    let Some(id) = name.strip_suffix(".json").and_then(|s| s.parse().ok()) else {
        return false;
    };
    let in_trash = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|d| d == TRASH_DIR);
    let ours = match in_trash {
        true => cat.get_trashed(&id).is_some(),
        // A record still left in the snapshot (the app opened lazily) is ours too.
        false => cat.get(&id).is_some() || cat.is_deferred(&id),
    };
    match (cat.vault().read(path), ours) {
        // Gone: ours too (moved to or from the trash by the app) is no change.
        (Err(_), false) => false,
        (Err(_), true) => true,
        (Ok(bytes), _) => Some(&crate::durable::hash_bytes(&bytes)) != cat.file_hash(&id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Record, RecordKind};
    use crate::store::{Catalogue, OpenOptions};

    /// A catalogue of `n` reports whose snapshot serves every file, opened lazily as the
    /// app opens it (its records left in the snapshot).
    fn lazy_catalogue(dir: &Path, n: usize) -> (Catalogue, Vec<crate::model::RecordId>) {
        let path = dir.join("cat");
        let mut cat = Catalogue::create(&path, "Watched", "Tester").unwrap();
        let ids = (0..n)
            .map(|i| {
                let r = Record::new(RecordKind::Report, format!("Report {i}"), "Tester");
                cat.save(r, "Tester").unwrap()
            })
            .collect();
        drop(cat);
        let open = |lazy| {
            let options = OpenOptions {
                user: "Tester".into(),
                read_only: true,
                snapshot: true,
                snapshot_key: Some(crate::store::snapshot::SnapshotKey::from_bytes([3; 32])),
                racy_margin_ns: Some(30_000_000),
                lazy,
                ..OpenOptions::default()
            };
            Catalogue::open(&path, options).unwrap()
        };
        std::thread::sleep(std::time::Duration::from_millis(40));
        if let Some(job) = open(false).snapshot_job() {
            job.write().unwrap();
        }
        (open(true), ids)
    }

    #[test]
    fn a_record_still_in_the_snapshot_is_watched_like_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let (cat, ids) = lazy_catalogue(dir.path(), 6);
        let file = |id| cat.root().join("records").join(format!("{id}.json"));
        assert!(cat.is_deferred(&ids[1]) && cat.is_deferred(&ids[2]));
        assert!(
            !changed_outside(&cat, &file(ids[1])),
            "as the snapshot knows it"
        );
        let text = std::fs::read_to_string(file(ids[1])).unwrap();
        std::fs::write(file(ids[1]), text.replace("Report 1", "Report X")).unwrap();
        assert!(changed_outside(&cat, &file(ids[1])), "edited outside");
        std::fs::remove_file(file(ids[2])).unwrap();
        assert!(changed_outside(&cat, &file(ids[2])), "deleted outside");
    }
}
