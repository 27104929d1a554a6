//! Edits: a record added or replaced (one or many at once), moved through review,
//! relabelled, or written again after a failed save. Memory changes at once; the returned
//! `WriteBatch` logs the change first, then writes the file.

use jiff::Timestamp;

use super::*;
use crate::audit::{Action, AuditDraft};
use crate::durable::hash_bytes;
use crate::model::{Attachment, Label, Record, RecordId, ReviewAction, ReviewState};
use crate::store::StoreError;
use crate::store::fsx::{FsOp, WriteBatch};

impl Catalogue {
    /// Adds a new record or replaces the one with the same id, stamping who changed it and
    /// when. Memory changes now; the returned batch first logs what changed (entries naming
    /// the new file's SHA-256), then writes the file. When nothing but the stamps would
    /// change, nothing changes and the batch is empty.
    ///
    /// Saving a change to an approved record's content or label returns it to "in review":
    /// the approval covered the old content.
    pub fn put(&mut self, record: Record, actor: &str) -> Result<WriteBatch, StoreError> {
        let title = record.display_title().to_string();
        let mut batch = self.put_many(vec![record], actor)?;
        if !batch.is_empty() {
            batch.summary = format!("Saved '{title}'");
        }
        Ok(batch)
    }

    /// Adds or replaces many records in one batch: one append to the log for all of them,
    /// then the files (fsynced, the folder once). For bulk actions on thousands of records.
    pub fn put_many(
        &mut self,
        records: Vec<Record>,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        // A record a lazy opening left in the snapshot is replaced, not made anew.
        let ids: Vec<RecordId> = records.iter().map(|r| r.id).collect();
        self.load_also(&ids);
        self.ensure_writable()?;
        if let Some(r) = records.iter().find(|r| self.get_trashed(&r.id).is_some()) {
            return Err(StoreError::UnknownRecord(format!(
                "{} (it is in the trash; restore it first)",
                r.id
            )));
        }
        let mut expects = Vec::new();
        let mut all_drafts = Vec::new();
        let mut files = Vec::new();
        let mut saved = 0usize;
        for mut record in records {
            normalise(&mut record);
            record.modified = Timestamp::now();
            record.modified_by = actor.to_string();
            record.trashed = None;
            let existing = self.index.get(&record.id).copied();
            let old = existing.map(|i| &self.records[i]);
            let withdrawn = keep_stamps_and_review(old, &mut record, actor);
            let bytes = record.to_json();
            let sha = hash_bytes(&bytes);
            let old = existing.map(|i| &self.records[i]);
            let mut drafts = crate::audit::drafts_for_put(old, &record, actor, &sha);
            if drafts.is_empty() {
                continue;
            }
            if withdrawn {
                for d in drafts
                    .iter_mut()
                    .filter(|d| d.action == Action::ReviewChanged)
                {
                    d.note = "approval withdrawn: the content changed after it was approved".into();
                }
            }
            all_drafts.extend(drafts);
            let path = self.record_path(&record.id, false);
            if let Some(known) = self.file_hash(&record.id) {
                expects.push((path.clone(), known.clone()));
            }
            files.push((path, bytes));
            self.note_file(record.id, sha);
            saved += 1;
            match existing {
                Some(i) => Arc::make_mut(&mut self.records)[i] = record,
                None => {
                    self.index.insert(record.id, self.records.len());
                    Arc::make_mut(&mut self.records).push(record);
                }
            }
        }
        if saved == 0 {
            return Ok(WriteBatch::new(crate::t!("done-no-changes")));
        }
        self.generation += 1;
        let mut batch = self.saving_batch(saved, all_drafts, files);
        let checks = expects.into_iter().map(|(path, sha256)| FsOp::Expect {
            path,
            sha256,
            vault: self.vault.clone(),
        });
        batch.ops.splice(0..0, checks);
        Ok(batch)
    }

    /// The batch that writes `files` (one record, or many in one go) after logging `drafts`.
    pub(super) fn saving_batch(
        &self,
        saved: usize,
        drafts: Vec<AuditDraft>,
        files: Vec<(PathBuf, Vec<u8>)>,
    ) -> WriteBatch {
        let mut batch = WriteBatch::new(crate::t!("done-saved-many", count = saved));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        match <[_; 1]>::try_from(files) {
            Ok([(path, bytes)]) => batch.push(FsOp::Write {
                path,
                bytes,
                vault: self.vault.clone(),
            }),
            Err(files) => batch.push(FsOp::WriteMany {
                files,
                vault: self.vault.clone(),
            }),
        }
        batch
    }

    /// Moves records through the review workflow: submit (to "in review"), approve, or
    /// request changes, with the reviewer's comment. Each change is logged with the
    /// comment and the reviewer's name. Records already in the target state are left alone.
    pub fn review(
        &mut self,
        ids: &[RecordId],
        action: ReviewAction,
        comment: &str,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.load_also(ids);
        self.ensure_writable()?;
        let target = action.target();
        let mut changed = Vec::new();
        // Records this person submitted, when two people must approve.
        let mut own = Vec::new();
        for id in ids {
            let record = self
                .get(id)
                .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
            if action == ReviewAction::Approve && self.outside.contains_key(id) {
                return Err(StoreError::ApproveOutsideChange(
                    record.display_title().to_string(),
                ));
            }
            if record.review == target {
                continue;
            }
            if action == ReviewAction::Approve && !self.may_approve(record, actor) {
                own.push(record.display_title().to_string());
                continue;
            }
            let mut record = record.clone();
            record.review = target;
            record.review_comment = comment.trim().to_string();
            changed.push(record);
        }
        if changed.is_empty()
            && let Some(title) = own.first()
        {
            return Err(StoreError::OwnSubmission(title.clone()));
        }
        let count = changed.len();
        let mut batch = self.put_many(changed, actor)?;
        let logged = batch.ops.iter_mut().find_map(|op| match op {
            FsOp::Audit { drafts, .. } => Some(drafts),
            _ => None,
        });
        if let Some(drafts) = logged {
            for d in drafts
                .iter_mut()
                .filter(|d| d.action == Action::ReviewChanged)
            {
                d.note = comment.trim().to_string();
            }
        }
        batch.summary = match count {
            0 => "No changes".to_string(),
            1 => format!("{} 1 record", action.past_tense()),
            n => format!("{} {n} records", action.past_tense()),
        };
        match own.len() {
            0 => {}
            1 => batch.summary += "; 1 you submitted waits for another person",
            n => batch.summary += &format!("; {n} you submitted wait for another person"),
        }
        Ok(batch)
    }

    /// Whether `actor` may approve `record`: not when the catalogue asks for two people
    /// and `actor` submitted it (or changed it while in review), nor, for a record not in
    /// review (or submitted before Dossier kept the name), when `actor` changed it last.
    pub fn may_approve(&self, record: &Record, actor: &str) -> bool {
        if !self.meta.two_people_approve || record.submitted_by == actor {
            return !self.meta.two_people_approve;
        }
        let named = record.review == ReviewState::InReview && !record.submitted_by.is_empty();
        named || record.modified_by != actor
    }

    /// Adds a tag to many records at once (those that have it already are left alone).
    pub fn add_tag(
        &mut self,
        ids: &[RecordId],
        tag: &str,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.load_also(ids);
        let tag = tag.trim();
        let mut changed = Vec::new();
        for id in ids {
            let record = self
                .get(id)
                .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
            if !tag.is_empty() && !record.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                let mut record = record.clone();
                record.tags.push(tag.to_string());
                changed.push(record);
            }
        }
        let count = changed.len();
        let mut batch = self.put_many(changed, actor)?;
        batch.summary = match count {
            0 => format!("Every chosen record has the tag '{tag}' already"),
            1 => format!("Tagged 1 record '{tag}'"),
            n => format!("Tagged {n} records '{tag}'"),
        };
        Ok(batch)
    }

    /// Sets the label of many records at once (approved ones return to "in review").
    pub fn set_label(
        &mut self,
        ids: &[RecordId],
        label: Label,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.load_also(ids);
        let mut changed = Vec::new();
        for id in ids {
            let record = self
                .get(id)
                .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
            if record.label != label {
                let mut record = record.clone();
                record.label = label;
                changed.push(record);
            }
        }
        let count = changed.len();
        let mut batch = self.put_many(changed, actor)?;
        if count > 0 {
            batch.summary = format!("Labelled {count} records {}", label.as_str());
        }
        Ok(batch)
    }

    /// The record an imported file belongs in, ready to `put`: record `into` with the file
    /// attached (unless the same bytes already are), or a new Media record of its own
    /// labelled `label`. The one import rule, for the CLI and the app alike.
    pub fn record_for_import(
        &self,
        into: Option<RecordId>,
        attachment: Attachment,
        label: Label,
        actor: &str,
    ) -> Result<Record, StoreError> {
        match into {
            Some(id) => {
                let mut record = self
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
                record.attach(attachment);
                Ok(record)
            }
            None => Ok(Record::for_imported_file(attachment, label, actor)),
        }
    }

    /// Adds or replaces a record and writes it at once (for the CLI and tests).
    pub fn save(&mut self, record: Record, actor: &str) -> Result<RecordId, StoreError> {
        let id = record.id;
        self.put(record, actor)?.apply()?;
        Ok(id)
    }

    /// A batch that makes the files of record `id` match memory again: used to retry after
    /// a failed write. The log gets an entry for the file unless the failed attempt already
    /// logged it; the record goes where its `trashed` field says, and any copy in the other
    /// folder is removed.
    pub fn rewrite(&self, id: &RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let (record, in_trash) = match (self.get(id), self.get_trashed(id)) {
            (Some(r), _) => (r, false),
            (None, Some(r)) => (r, true),
            (None, None) => return Err(StoreError::UnknownRecord(id.to_string())),
        };
        let bytes = record.to_json();
        let draft = AuditDraft::new(actor, Action::Edited)
            .record(*id, Some(hash_bytes(&bytes)))
            .note("saved again after a failed write");
        let mut batch = WriteBatch::new(format!("Saved '{}'", record.display_title()));
        batch.push(FsOp::AuditIfNeeded {
            log: self.audit.clone(),
            draft,
        });
        batch.push(FsOp::Write {
            path: self.record_path(id, in_trash),
            bytes,
            vault: self.vault.clone(),
        });
        batch.push(FsOp::Remove {
            path: self.record_path(id, !in_trash),
        });
        Ok(batch)
    }
}

/// Trims what people type, so files stay clean and search finds what it should.
pub(super) fn normalise(record: &mut Record) {
    if let Some(p) = record.person.as_mut() {
        p.sort_timeline();
        // A person's title is their primary name: one source of truth.
        match p.primary_name() {
            Some(name) if !name.text.trim().is_empty() => record.title = name.text.clone(),
            _ => p.set_primary_name(&record.title),
        }
    }
    let mut seen = std::collections::HashSet::new();
    record.tags = record
        .tags
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && seen.insert(t.to_lowercase()))
        .collect();
}

/// What a save keeps of the version it replaces (`old`, `None` for a new record): who
/// made it and when; and the review: a change to an approved record's content returns it
/// to review (true is returned then), and whoever put it into review, or changed it while
/// it was there, is the one person who may not approve it.
fn keep_stamps_and_review(old: Option<&Record>, record: &mut Record, actor: &str) -> bool {
    let Some(old) = old else {
        if record.review == ReviewState::InReview {
            record.submitted_by = actor.to_string();
        }
        return false;
    };
    record.created = old.created;
    record.created_by = old.created_by.clone();
    let changed = crate::audit::content_changed(old, record);
    let mut withdrawn = false;
    if old.review == ReviewState::Approved && record.review == ReviewState::Approved && changed {
        record.review = ReviewState::InReview;
        withdrawn = true;
    }
    if record.review == ReviewState::InReview && (old.review != ReviewState::InReview || changed) {
        record.submitted_by = actor.to_string();
    } else {
        record.submitted_by = old.submitted_by.clone();
    }
    withdrawn
}
