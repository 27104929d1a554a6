//! The trash: a record moved there keeps its file (in `trash/`, marked with who and when)
//! and its links, so restoring brings everything back; emptying deletes for good, logged.

use jiff::Timestamp;

use super::*;
use crate::audit::{Action, AuditDraft};
use crate::durable::hash_bytes;
use crate::model::{Record, RecordId, Trashed};
use crate::store::StoreError;
use crate::store::fsx::{FsOp, WriteBatch};
use crate::store::layout::*;

impl Catalogue {
    /// Moves a record to the trash. Links to it from other records are kept, so a restore
    /// brings everything back.
    pub fn trash_record(&mut self, id: &RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let i = *self
            .index
            .get(id)
            .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
        let mut record = self.remove_live(i);
        record.trashed = Some(Box::new(Trashed {
            at: Timestamp::now(),
            by: actor.to_string(),
        }));
        let summary = format!("Moved '{}' to the trash", record.display_title());
        Ok(self.move_record(record, Action::Trashed, summary, actor))
    }

    /// Moves many records to the trash in one batch: one append to the log for all of them
    /// (a bulk action on thousands of records). Every id is checked before any is moved.
    pub fn trash_records(
        &mut self,
        ids: &[RecordId],
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.load_also(ids);
        self.ensure_writable()?;
        if let Some(id) = ids.iter().find(|id| !self.index.contains_key(id)) {
            return Err(StoreError::UnknownRecord(id.to_string()));
        }
        let mut drafts = Vec::new();
        let mut files = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for id in ids.iter().filter(|id| seen.insert(**id)) {
            for op in self.trash_record(id, actor)?.ops {
                match op {
                    FsOp::Audit { drafts: d, .. } => drafts.extend(d),
                    other => files.push(other),
                }
            }
        }
        let summary = match seen.len() {
            1 => "Moved 1 record to the trash".to_string(),
            n => format!("Moved {n} records to the trash"),
        };
        let mut batch = WriteBatch::new(summary);
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        for op in files {
            batch.push(op);
        }
        Ok(batch)
    }

    /// Brings a record back from the trash.
    pub fn restore_record(&mut self, id: &RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let pos = self
            .trash
            .iter()
            .position(|r| r.id == *id)
            .ok_or(StoreError::NotInTrash(*id))?;
        let mut record = Arc::make_mut(&mut self.trash).remove(pos);
        record.trashed = None;
        record.modified = Timestamp::now();
        record.modified_by = actor.to_string();
        let summary = format!("Restored '{}'", record.display_title());
        Ok(self.move_record(record, Action::Restored, summary, actor))
    }

    /// Logs `action` for `record` (already taken out of where it was, its `trashed` field
    /// saying where it goes), writes it where it is, then moves it: a crash between the
    /// two leaves a file whose `trashed` field says where it belongs, and opening finishes
    /// the move. Memory gets the record in its new place.
    fn move_record(
        &mut self,
        record: Record,
        action: Action,
        summary: String,
        actor: &str,
    ) -> WriteBatch {
        let id = record.id;
        let to_trash = record.trashed.is_some();
        let bytes = record.to_json();
        let sha = hash_bytes(&bytes);
        let mut batch = WriteBatch::new(summary);
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts: vec![AuditDraft::new(actor, action).record(id, Some(sha.clone()))],
        });
        let from = self.record_path(&id, !to_trash);
        batch.push(FsOp::Write {
            path: from.clone(),
            bytes,
            vault: self.vault.clone(),
        });
        batch.push(FsOp::Rename {
            from,
            to: self.record_path(&id, to_trash),
        });
        self.note_file(id, sha);
        if to_trash {
            Arc::make_mut(&mut self.trash).push(record);
        } else {
            self.index.insert(id, self.records.len());
            Arc::make_mut(&mut self.records).push(record);
        }
        self.generation += 1;
        batch
    }

    /// Deletes every record in the trash for good (each deletion logged). Attachment
    /// originals stay in `attachments/`: they may be evidence another record or a package
    /// still refers to.
    pub fn empty_trash(&mut self, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let mut batch = WriteBatch::new(crate::t!("done-emptied-trash", count = self.trash.len()));
        let drafts = self
            .trash
            .iter()
            .map(|r| {
                AuditDraft::new(actor, Action::Deleted)
                    .record(r.id, None)
                    .note(format!("'{}' deleted for good", r.display_title()))
            })
            .collect();
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        for record in Arc::make_mut(&mut self.trash).drain(..) {
            self.file_hashes.remove(&record.id);
            self.file_stats.remove(&record.id);
            batch.push(FsOp::Remove {
                path: self
                    .root
                    .join(TRASH_DIR)
                    .join(format!("{}.json", record.id)),
            });
        }
        self.generation += 1;
        Ok(batch)
    }

    /// The record with this id, live or in the trash, to change in memory.
    pub(super) fn record_mut_anywhere(&mut self, id: &RecordId) -> Option<&mut Record> {
        match self.index.get(id) {
            Some(&i) => Arc::make_mut(&mut self.records).get_mut(i),
            None => Arc::make_mut(&mut self.trash)
                .iter_mut()
                .find(|r| r.id == *id),
        }
    }

    /// Puts `record` in memory where its `trashed` field says, replacing any version of
    /// it live or in the trash.
    pub(super) fn replace_anywhere(&mut self, record: Record) {
        if let Some(&i) = self.index.get(&record.id) {
            self.remove_live(i);
        }
        Arc::make_mut(&mut self.trash).retain(|r| r.id != record.id);
        if record.trashed.is_some() {
            Arc::make_mut(&mut self.trash).push(record);
        } else {
            self.index.insert(record.id, self.records.len());
            Arc::make_mut(&mut self.records).push(record);
        }
    }

    pub(super) fn remove_live(&mut self, i: usize) -> Record {
        let record = Arc::make_mut(&mut self.records).swap_remove(i);
        self.index.remove(&record.id);
        if let Some(moved) = self.records.get(i) {
            self.index.insert(moved.id, i);
        }
        record
    }
}
