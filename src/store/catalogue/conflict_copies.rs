//! Copies a sync tool made of a record file two desktops changed (Syncthing keeps one
//! version as `<id>.json` and the other as `<id>.sync-conflict-<when>-<device>.json`).
//! Opening for writing merges each copy into its record, field by field as a sync does
//! (no common version is known, so every field that differs is a conflict for a person
//! to settle, the stricter label wins and lists are joined), logs it, and moves the copy
//! to `recovered/`: nothing is deleted.

use std::path::{Path, PathBuf};

use super::folder::CONFLICT_COPY;
use super::*;
use crate::audit::{Action, AuditDraft};
use crate::durable::hash_bytes;
use crate::model::{Record, RecordId};
use crate::store::layout::RECOVERED_DIR;

impl Catalogue {
    /// Takes in the sync tool's conflict copies found among the record files.
    pub(super) fn take_conflict_copies(
        &mut self,
        user: &str,
        copies: &[PathBuf],
    ) -> Result<(), StoreError> {
        if copies.is_empty() {
            return Ok(());
        }
        if !self.is_writable() {
            for copy in copies {
                self.notices.push(format!(
                    "{} is a sync tool's copy of a record two desktops changed: it is taken in as a conflict when the catalogue is next opened for writing.",
                    crate::text::one_line(&copy.display().to_string())
                ));
            }
            return Ok(());
        }
        for copy in copies {
            match self.read_conflict_copy(copy) {
                Ok(record) => self.take_copy(user, copy, record)?,
                Err(reason) => self.problems.push(Problem {
                    path: copy.clone(),
                    line: None,
                    reason,
                }),
            }
        }
        Ok(())
    }

    /// The record in a conflict copy (sealed, in an encrypted catalogue, as the file it
    /// is a copy of).
    fn read_conflict_copy(&self, copy: &Path) -> Result<Record, String> {
        let name = copy
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let stem = name.split(CONFLICT_COPY).next().unwrap_or_default();
        let id: RecordId = stem
            .parse()
            .map_err(|_| "a sync tool's conflict copy whose name holds no record id".to_string())?;
        let original = copy.with_file_name(format!("{id}.json"));
        let bytes = std::fs::read(copy).map_err(|e| crate::durable::describe_io(&e))?;
        let plain = self
            .vault
            .open_slice(&original, &bytes)
            .map_err(|e| e.to_string())?;
        let record = Record::from_json(&plain).map_err(|p| p.to_string())?;
        if record.id != id {
            return Err(format!(
                "named for record {id}, it holds record {}",
                record.id
            ));
        }
        if self.get(&id).is_none() && self.get_trashed(&id).is_none() {
            return Err(format!(
                "a conflict copy of record {id}, which this catalogue does not have"
            ));
        }
        Ok(record)
    }

    /// Merges one copy into its record, logs it, writes it, and sets the copy aside.
    fn take_copy(&mut self, user: &str, copy: &Path, theirs: Record) -> Result<(), StoreError> {
        let id = theirs.id;
        let ours = match self.get(&id) {
            Some(r) => r.clone(),
            None => self
                .get_trashed(&id)
                .cloned()
                .unwrap_or_else(|| theirs.clone()),
        };
        let merged = crate::store::merge_record(None, &ours, &theirs);
        let name = copy
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let record = merged.record;
        let bytes = record.to_json();
        let sha = hash_bytes(&bytes);
        let fields = merged.new_conflicts.join(", ");
        let mut note = format!(
            "{name}, a sync tool's copy of this record from another desktop, was merged in"
        );
        if !fields.is_empty() {
            note.push_str(&format!("; in conflict: {fields}"));
        }
        self.opening_report
            .push(format!("{note}; the copy was moved to {RECOVERED_DIR}/."));
        let draft = AuditDraft::new(user, Action::MergedBySync)
            .record(id, Some(sha.clone()))
            .note(note)
            .detail("conflict_copy", name.clone());
        let target = self.record_path(&id, record.trashed.is_some());
        let recovered = self.root.join(RECOVERED_DIR);
        std::fs::create_dir_all(&recovered).map_err(|e| StoreError::io("create", &recovered, e))?;
        let mut batch = self.log(vec![draft])?;
        batch.push(FsOp::Write {
            path: target.clone(),
            bytes,
            vault: self.vault.clone(),
        });
        let other = self.record_path(&id, record.trashed.is_none());
        if other != target && other.exists() {
            batch.push(FsOp::Remove { path: other });
        }
        batch.push(FsOp::Rename {
            from: copy.to_path_buf(),
            to: recovered.join(&name),
        });
        batch.apply()?;
        self.note_file(id, sha);
        self.replace_anywhere(record);
        self.generation += 1;
        Ok(())
    }
}
