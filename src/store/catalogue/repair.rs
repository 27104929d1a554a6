//! What opening finds and repairs: every record file is compared with the audit log.
//!
//! A save that Dossier could not finish (it stopped between logging a change and writing
//! the file) is logged as a repair. Anything else that the log does not account for (a
//! file edited, added or put back outside Dossier, by a person, a script or a sync tool)
//! is an outside change: it is logged as such, any approval it carries is withdrawn, and
//! it is held back from sharing until a person accepts it for review or restores the
//! logged version (see `outside.rs`). A read-only opening logs nothing, but holds the same
//! records back in memory.

use std::collections::{HashMap, HashSet};
use std::fs;

use super::Catalogue;
use super::outside::{OUTSIDE_REASON, OutsideChange};
use crate::audit::{Action, AuditDraft, LastAppend, Loaded, RecordStates, Version};
use crate::durable::hash_bytes;
use crate::model::{RecordId, ReviewState, Sha256};
use crate::store::StoreError;
use crate::store::blobs::ATTACHMENTS_DIR;
use crate::store::fsx::{FsOp, WriteBatch};
use crate::store::layout::{RECORDS_DIR, RECOVERED_DIR, TRASH_DIR};

/// How a record file stands against the log.
enum FileState {
    /// The file is what the log last recorded.
    Logged,
    /// Dossier stopped between logging a change (entry `lost`) and writing the file,
    /// which is as of entry `as_of`.
    Unwritten { as_of: u64, lost: u64 },
    /// Changed, added or put back outside Dossier.
    Outside { previous: Option<(u64, Sha256)> },
}

/// What the snapshot an opening used knew of this desktop's log, for [`LastAppend`]:
/// how many entries it had at the snapshot's mark, for each record it names after the
/// mark its last own version up to the mark, and the last append as the snapshot kept it.
#[derive(Debug, Default)]
pub(super) struct SnapshotSaw {
    pub mark: u64,
    pub before: HashMap<RecordId, Option<Version>>,
    pub carried: Option<LastAppend>,
}

impl Catalogue {
    /// Compares every record file with the log (see the module's text). When `writable`,
    /// what it finds is logged and approvals are withdrawn on disk; otherwise only in
    /// memory. Lines for people describing it go to `opening_report`.
    /// `states` are the records' last logged states (see `load_logged_outside_changes`);
    /// `attachments_unchanged` says the originals' folder is as a snapshot found it with
    /// nothing unaccounted for, so it is not looked through again; `last`, what the last
    /// append to the log wrote (see [`Catalogue::last_append`]).
    pub(super) fn reconcile(
        &mut self,
        user: &str,
        loaded: &Loaded,
        writable: bool,
        (states, last): (RecordStates, Option<LastAppend>),
        (attachments_unchanged, unfiled): (bool, Option<&[RecordId]>),
    ) -> Result<(), StoreError> {
        let mut drafts = Vec::new();
        if writable && let Some(line) = loaded.torn_tail {
            let note = format!(
                "The entry on line {line} of audit.jsonl was cut short when Dossier stopped while writing it, and was removed; the change it described had not been saved"
            );
            self.opening_report.push(format!("{note}."));
            drafts.push(AuditDraft::new(user, Action::Repaired).note(note));
        }
        let last_append = self.audit.last_append_start().unwrap_or(0);
        for (id, file, state) in self.files_not_as_logged(&states, last.as_ref(), last_append) {
            match state {
                FileState::Logged => {}
                FileState::Unwritten { as_of, lost } => {
                    if writable {
                        let now = match as_of {
                            0 => "as another desktop's log has it".to_string(),
                            n => format!("as of entry {n}"),
                        };
                        let note = format!(
                            "The change logged at entry {lost} did not reach the disk (Dossier stopped before saving it); the record is {now}"
                        );
                        self.opening_report
                            .push(format!("{}: {note}.", self.relative_path(&id)));
                        drafts.push(
                            AuditDraft::new(user, Action::Repaired)
                                .record(id, Some(file))
                                .note(note),
                        );
                    }
                }
                FileState::Outside { previous } => {
                    let change = OutsideChange {
                        record: id,
                        logged_at: None,
                        found: file.clone(),
                        previous,
                    };
                    if writable {
                        drafts.push(change.draft(user, &self.relative_path(&id)));
                    }
                    self.opening_report
                        .push(change.found_text(&self.relative_path(&id), writable));
                    self.outside.insert(id, change);
                }
            }
        }
        let writes = self.withdraw_outside_approvals(user, writable, &mut drafts);
        if !writable {
            return Ok(());
        }
        let mut found = self.unwritten_creations(user, &states, unfiled);
        if !attachments_unchanged {
            found.extend(self.set_aside_unlogged_originals(user));
        }
        for d in &found {
            self.opening_report.push(format!("{}.", d.note));
        }
        drafts.extend(found);
        if !self.focused {
            self.remove_interrupted_temp_files();
        }
        self.log_what_opening_found(drafts, writes, last_append)
    }

    /// The record files that are not as the log last recorded them, in id order, and what
    /// each is. Most files are as logged: only the others are gathered and sorted.
    fn files_not_as_logged(
        &self,
        states: &RecordStates,
        last: Option<&LastAppend>,
        last_append: u64,
    ) -> Vec<(RecordId, Sha256, FileState)> {
        let mut files: Vec<(RecordId, Sha256, FileState)> = self
            .file_hashes
            .iter()
            .filter_map(
                |(id, sha)| match self.file_state(id, sha, (states, last), last_append) {
                    FileState::Logged => None,
                    state => Some((*id, sha.clone(), state)),
                },
            )
            .collect();
        files.sort_unstable_by_key(|(id, ..)| *id);
        files
    }

    /// Appends what opening found to the log and writes the files whose approval it
    /// withdrew; each outside change then knows its entry.
    fn log_what_opening_found(
        &mut self,
        drafts: Vec<AuditDraft>,
        writes: Vec<(std::path::PathBuf, Vec<u8>)>,
        last_append: u64,
    ) -> Result<(), StoreError> {
        if drafts.is_empty() && writes.is_empty() {
            return Ok(());
        }
        let mut batch = WriteBatch::new(crate::t!("done-logged-opening"));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        if !writes.is_empty() {
            batch.push(FsOp::WriteMany {
                files: writes,
                vault: self.vault.clone(),
            });
        }
        batch.apply()?;
        // Each outside change now has its entry.
        self.audit.with_entries_from(last_append, |entries| {
            for e in entries.iter().rev().take_while(|e| e.seq >= last_append) {
                if e.action == Action::ChangedOutside
                    && let Some(change) = e.record.and_then(|id| self.outside.get_mut(&id))
                    && change.logged_at.is_none()
                {
                    change.logged_at = Some(e.seq);
                }
            }
        });
        Ok(())
    }

    /// Says, when the log read has problems, how many (verify lists them).
    pub(super) fn say_log_problems(&mut self, loaded: &Loaded) {
        if !loaded.problems.is_empty() {
            self.notices.push(format!(
                "The audit log has {} problem{}: entries were altered, removed or reordered. Verify the catalogue to see them.",
                loaded.problems.len(),
                if loaded.problems.len() == 1 { "" } else { "s" }
            ));
        }
    }

    /// The outside changes the log holds that no one has resolved yet.
    /// Takes up the outside changes the log holds and no one has settled: those in
    /// `known` (a snapshot's) as they are, the others read from their entries.
    pub(super) fn load_logged_outside_changes(
        &mut self,
        states: &RecordStates,
        known: &[OutsideChange],
    ) {
        for (id, state) in states {
            let Some(seq) = state.outside else { continue };
            if let Some(change) = known
                .iter()
                .find(|c| c.record == *id && c.logged_at == Some(seq))
            {
                self.outside.insert(*id, change.clone());
            } else if let Some(entry) = self.audit.entry(seq) {
                self.outside
                    .insert(*id, OutsideChange::from_entry(*id, &entry));
            }
        }
    }

    fn file_state(
        &self,
        id: &RecordId,
        file: &Sha256,
        (states, last): (&RecordStates, Option<&LastAppend>),
        last_append: u64,
    ) -> FileState {
        let Some(state) = states.get(id) else {
            return FileState::Outside { previous: None };
        };
        if state.sha256.as_ref() == Some(file) {
            return FileState::Logged;
        }
        if !state.own {
            // Another desktop's log vouches for another version than the file.
            return FileState::Outside {
                previous: state.sha256.clone().map(|sha| (state.seq, sha)),
            };
        }
        // What "restore the logged version" brings back: the last version Dossier itself
        // logged (an earlier outside change that is still open keeps the one before it).
        let previous = match self.outside.get(id) {
            Some(open) => open.previous.clone(),
            None => state.sha256.clone().map(|sha| (state.seq, sha)),
        };
        // A save (or sync) cut short leaves the record's last entry in the last append to
        // the log: any other record is changed outside, without reading the log's history.
        if state.seq < last_append {
            return FileState::Outside { previous };
        }
        // A save cut short leaves the file as it was before the save's entries, and those
        // entries all in the last append to the log.
        let entries = self.own_versions(id, last, last_append);
        let earlier = entries
            .iter()
            .find(|(seq, sha)| *seq < state.seq && sha.as_ref() == Some(file));
        if let Some((as_of, _)) = earlier
            && entries
                .iter()
                .filter(|(seq, _)| seq > as_of)
                .all(|(seq, _)| *seq >= last_append)
        {
            return FileState::Unwritten {
                as_of: *as_of,
                lost: state.seq,
            };
        }
        // A sync cut short: it logged taking another desktop's version, and the file is
        // still the version this desktop had from the others (a clone's, never its own).
        if earlier.is_none()
            && entries.iter().all(|(seq, _)| *seq >= last_append)
            && self.audit.vouched_by_others(id, file)
        {
            return FileState::Unwritten {
                as_of: 0,
                lost: state.seq,
            };
        }
        FileState::Outside { previous }
    }

    /// The versions of record `id` (whose last entry is in the last append) that this
    /// desktop's own log wrote, newest first, as far as `file_state` needs them: those in
    /// the last append and the one before, from `last` when it is of this append;
    /// otherwise every one, read from the whole log.
    fn own_versions(
        &self,
        id: &RecordId,
        last: Option<&LastAppend>,
        last_append: u64,
    ) -> Vec<Version> {
        let known = last.filter(|l| l.start == last_append);
        if let Some(versions) = known.and_then(|l| l.versions.get(id)) {
            return versions.clone();
        }
        let version = |e: crate::audit::AuditEntry| (e.seq, e.record_sha256);
        self.audit
            .own_for_record(id)
            .into_iter()
            .map(version)
            .collect()
    }

    /// What the last append to this desktop's log wrote of each record, and the version
    /// before (see [`LastAppend`]): from the log when it is whole; from the entries since
    /// the snapshot's mark and its states when the append began after the mark; otherwise
    /// as the snapshot kept it. Taken before opening appends anything.
    pub(super) fn last_append(&self, saw: Option<&SnapshotSaw>) -> Option<LastAppend> {
        let start = self.audit.last_append_start()?;
        if self.audit.is_whole() {
            return self
                .audit
                .with_entries(|e| LastAppend::of(start, e, |_| None));
        }
        let saw = saw?;
        if start > saw.mark {
            let before = |id: &RecordId| saw.before.get(id).cloned().flatten();
            let from = saw.mark.saturating_add(1);
            return self
                .audit
                .with_entries_from(from, |e| LastAppend::of(start, e, before));
        }
        saw.carried.clone().filter(|c| c.start == start)
    }

    /// Every record with an open outside change loses its approval: in memory, and when
    /// `writable` on disk too (the entries join `drafts`; the files to write are returned).
    fn withdraw_outside_approvals(
        &mut self,
        user: &str,
        writable: bool,
        drafts: &mut Vec<AuditDraft>,
    ) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut ids: Vec<RecordId> = self.outside.keys().copied().collect();
        ids.sort();
        let mut writes = Vec::new();
        for id in ids {
            let in_trash = self.get(&id).is_none();
            let path = self.record_path(&id, in_trash);
            // Kept as it loaded for the next snapshot (which holds the files as they were
            // read) before it is changed: only then may opening change it in memory.
            let approved = |r: &crate::model::Record| r.review == ReviewState::Approved;
            let Some(loaded) = self.get(&id).or_else(|| self.get_trashed(&id)) else {
                continue;
            };
            if !approved(loaded) {
                continue;
            }
            if self.loaded_as.is_some() {
                let loaded = loaded.clone();
                if let Some(kept) = self.loaded_as.as_mut() {
                    kept.insert(id, loaded);
                }
            }
            let Some(record) = self.record_mut_anywhere(&id) else {
                continue;
            };
            record.review = ReviewState::InReview;
            record.review_comment = OUTSIDE_REASON.to_string();
            if !writable {
                continue;
            }
            let bytes = record.to_json();
            let sha = hash_bytes(&bytes);
            drafts.push(
                AuditDraft::new(user, Action::ReviewChanged)
                    .record(id, Some(sha.clone()))
                    .change(crate::audit::Change {
                        from: Some(serde_json::json!(ReviewState::Approved)),
                        to: Some(serde_json::json!(ReviewState::InReview)),
                        ..crate::audit::Change::field("review")
                    })
                    .note(format!("approval withdrawn: {OUTSIDE_REASON}")),
            );
            self.note_file(id, sha);
            writes.push((path, bytes));
        }
        writes
    }

    /// `records/<id>.json` or `trash/<id>.json`, as people read it.
    pub(super) fn relative_path(&self, id: &RecordId) -> String {
        let dir = if self.get(id).is_some() {
            RECORDS_DIR
        } else {
            TRASH_DIR
        };
        format!("{dir}/{id}.json")
    }

    /// Records whose creation was logged but whose file never reached the disk: Dossier
    /// stopped between writing the log entry and the record (the entry is written first).
    /// Only records whose entries are the very last in the log qualify, as a crash leaves
    /// them; a record file that went missing at any other time stays a problem for verify.
    ///
    /// `unfiled`, when given, are the only records that can be such (see
    /// `finish::Candidates`): the others are not looked at (0.2 s at a million records).
    fn unwritten_creations(
        &self,
        user: &str,
        states: &RecordStates,
        unfiled: Option<&[RecordId]>,
    ) -> Vec<AuditDraft> {
        let present = |id: &RecordId| {
            self.file_hashes.contains_key(id)
                || self.quarantined.contains(id)
                || self.is_deferred(id)
        };
        let lacks_file = |id: &RecordId, state: &crate::audit::RecordState| {
            state.own && !state.leaves_no_file() && !present(id)
        };
        let missing: HashSet<RecordId> = match unfiled {
            Some(ids) => (ids.iter())
                .filter(|id| states.get(id).is_some_and(|s| lacks_file(id, s)))
                .copied()
                .collect(),
            None => (states.iter())
                .filter(|(id, state)| lacks_file(id, state))
                .map(|(id, _)| *id)
                .collect(),
        };
        if missing.is_empty() {
            return Vec::new();
        }
        let first = missing.iter().map(|id| states[id].seq).min().unwrap_or(0);
        let all_at_the_end = self.audit.with_entries(|entries| {
            entries
                .iter()
                .filter(|e| e.seq >= first)
                .all(|e| e.record.is_some_and(|id| missing.contains(&id)))
        });
        if !all_at_the_end {
            return Vec::new();
        }
        let mut ids: Vec<_> = missing.into_iter().collect();
        ids.sort_by_key(|id| states[id].seq);
        ids.into_iter()
            .map(|id| {
                AuditDraft::new(user, Action::Repaired).record(id, None).note(format!(
                    "The change logged at entry {} did not reach the disk (Dossier stopped before saving it): records/{id}.json was never written, so the record is not in the catalogue",
                    states[&id].seq
                ))
            })
            .collect()
    }

    /// Originals in `attachments/` that no record refers to and the log never saw: an
    /// import stopped after copying the file and before logging it (or a file put there
    /// outside Dossier). Each is moved to `recovered/`, nothing deleted, and the move is
    /// logged, so the folder of originals holds only what the log accounts for.
    fn set_aside_unlogged_originals(&self, user: &str) -> Vec<AuditDraft> {
        let dir = self.root.join(ATTACHMENTS_DIR);
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        // Names of originals stored by their hash (in an encrypted catalogue, a keyed one).
        let mut candidates: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| Sha256::parse(name).is_ok())
            .collect();
        if candidates.is_empty() {
            return Vec::new();
        }
        let blobs = self.blobs();
        let known = self.audit.known_attachments();
        let accounted = blobs.names(
            self.records
                .iter()
                .chain(self.trash.iter())
                .flat_map(|r| r.attachments.iter().map(|a| &a.sha256))
                .chain(&known),
        );
        candidates.retain(|name| !accounted.contains_key(name));
        let mut drafts = Vec::new();
        let recovered = self.root.join(RECOVERED_DIR);
        for name in candidates {
            let from = dir.join(&name);
            // A sealed original's plain hash is known only by reading it.
            let sha = match blobs.is_sealed() {
                true => blobs.hash_stored(&from).ok(),
                false => Sha256::parse(&name).ok(),
            };
            let to = recovered.join(&name);
            let moved = fs::create_dir_all(&recovered)
                .and_then(|()| crate::durable::rename_durable(&from, &to));
            if moved.is_ok() {
                let mut draft = AuditDraft::new(user, Action::Repaired).note(format!(
                    "attachments/{name} was not referred to by any record nor logged (an import stopped before it was saved, or a file put there outside Dossier); moved to {RECOVERED_DIR}/{name}"
                ));
                if let Some(sha) = &sha {
                    draft = draft.attachment(sha);
                }
                drafts.push(draft);
            }
        }
        drafts
    }

    /// Temp files are written and renamed into place within one save; any found on
    /// opening (the catalogue is locked, so no one else is writing) were left by a save
    /// that was cut short, and hold nothing that was reported saved. Those among the
    /// record files were removed when they were listed (`Listing::remove_temps`): at
    /// 100,000 records, listing them again took 40 ms of every opening.
    fn remove_interrupted_temp_files(&self) {
        for sub in [ATTACHMENTS_DIR, crate::audit::DEVICE_LOGS_DIR, ""] {
            let Ok(entries) = fs::read_dir(self.root.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                if e.file_name()
                    .to_str()
                    .is_some_and(crate::durable::is_temp_name)
                    && e.file_type().is_ok_and(|t| t.is_file())
                {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }
}
