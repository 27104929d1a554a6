//! Outside changes: record files changed, added or put back by something other than
//! Dossier (a person, a script, a sync tool), as opening finds them (`repair.rs`).
//!
//! An outside change never keeps an approval, and the record is held back from every
//! package until a person decides: accept the change for review (the record goes to the
//! review queue as it now is), or restore the version Dossier last logged, from a copy
//! (a backup, another desktop's folder) whose SHA-256 the log vouches for. Both are logged;
//! until then `verify` reports the change every time it runs.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Catalogue;
use crate::audit::{Action, AuditDraft, AuditEntry, Change};
use crate::durable::hash_bytes;
use crate::durable::vault::Vault;
use crate::model::{Record, RecordId, ReviewState, Sha256};
use crate::store::StoreError;
use crate::store::fsx::{FsOp, WriteBatch};
use crate::store::layout::RECORDS_DIR;

/// The reason given on the record and in the log.
pub const OUTSIDE_REASON: &str = "changed outside Dossier";

/// The largest record file a restore reads.
const MAX_RECORD_FILE: u64 = 64 << 20;

/// A record whose file was changed outside Dossier, not yet accepted or undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideChange {
    /// The record that changed.
    pub record: RecordId,
    /// The entry that logged it; `None` while the catalogue is open read-only (it is
    /// logged the next time it is opened for writing).
    pub logged_at: Option<u64>,
    /// The SHA-256 of the file as it was found.
    pub found: Sha256,
    /// The last version Dossier logged before the change (entry, SHA-256): what a restore
    /// brings back. `None` for a record the log never had.
    pub previous: Option<(u64, Sha256)>,
}

impl OutsideChange {
    /// Reads one back from its `changed-outside` entry.
    pub(super) fn from_entry(id: RecordId, e: &AuditEntry) -> OutsideChange {
        let previous = match (
            e.details.get("previous_entry").and_then(Value::as_u64),
            e.details
                .get("previous")
                .and_then(Value::as_str)
                .and_then(|s| Sha256::parse(s).ok()),
        ) {
            (Some(seq), Some(sha)) => Some((seq, sha)),
            _ => None,
        };
        OutsideChange {
            record: id,
            logged_at: Some(e.seq),
            found: e
                .record_sha256
                .clone()
                .unwrap_or_else(crate::audit::genesis),
            previous,
        }
    }

    /// The entry that logs it.
    pub fn draft(&self, user: &str, file: &str) -> AuditDraft {
        let mut d = AuditDraft::new(user, Action::ChangedOutside)
            .record(self.record, Some(self.found.clone()))
            .note(match &self.previous {
                Some((seq, _)) => format!(
                    "{file} differs from the version logged at entry {seq}: it was changed outside Dossier; held back from sharing until someone accepts the change for review or restores the logged version"
                ),
                None => format!(
                    "{file} was not in the audit log: it was added or put back outside Dossier; held back from sharing until someone accepts it for review"
                ),
            });
        if let Some((seq, sha)) = &self.previous {
            d = d
                .detail("previous_entry", *seq)
                .detail("previous", sha.to_string());
        }
        d
    }

    /// What opening found, in a line for people.
    pub(super) fn found_text(&self, file: &str, logged: bool) -> String {
        let what = match &self.previous {
            Some((seq, _)) => format!("{file} was changed outside Dossier after entry {seq}"),
            None => format!("{file} was added outside Dossier (the audit log never had it)"),
        };
        if logged {
            format!(
                "{what}: logged now; any approval it had is withdrawn, and it is held back from sharing until someone accepts the change for review or restores the logged version."
            )
        } else {
            format!(
                "{what}: it is held back from sharing, and is logged when the catalogue is next opened for writing."
            )
        }
    }

    /// What is still to be done, for Problems and `check`.
    pub fn describe(&self, file: &str) -> String {
        let when = match self.logged_at {
            // Fluent trims a message's leading space, so it is added here.
            Some(seq) => format!(" {}", crate::t!("outside-when", seq = seq.to_string())),
            None => String::new(),
        };
        match &self.previous {
            Some((seq, _)) => crate::t!(
                "outside-describe-changed",
                file = file,
                when = when,
                seq = seq.to_string()
            ),
            None => crate::t!("outside-describe-added", file = file, when = when),
        }
    }
}

impl Catalogue {
    /// Records changed outside Dossier that no one has accepted or undone yet, by id.
    pub fn outside_changes(&self) -> Vec<&OutsideChange> {
        let mut all: Vec<&OutsideChange> = self.outside.values().collect();
        all.sort_by_key(|c| c.record);
        all
    }

    /// The open outside change of this record, if it has one: it is then never shared.
    pub fn outside_change(&self, id: &RecordId) -> Option<&OutsideChange> {
        self.outside.get(id)
    }

    /// What opening found and logged (repairs and outside changes), a line each, for the
    /// command line's standard error and the app's Problems.
    pub fn opening_report(&self) -> &[String] {
        &self.opening_report
    }

    /// Accepts the outside changes of `ids` for review: each record goes to "in review" as
    /// it now is (a reviewer must approve it before it is shared), and the decision is
    /// logged under `actor`.
    pub fn accept_outside_changes(
        &mut self,
        ids: &[RecordId],
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let mut drafts = Vec::new();
        let mut files = Vec::new();
        for id in ids {
            let change = self
                .outside
                .get(id)
                .cloned()
                .ok_or(StoreError::NoOutsideChange(*id))?;
            let in_trash = self.get(id).is_none();
            let path = self.record_path(id, in_trash);
            let file = self.relative_path(id);
            let Some(record) = self.record_mut_anywhere(id) else {
                return Err(StoreError::UnknownRecord(id.to_string()));
            };
            let before = record.review;
            record.review = ReviewState::InReview;
            record.review_comment = format!("{OUTSIDE_REASON}; accepted for review by {actor}");
            // Whoever vouches for the change may not also approve it.
            record.submitted_by = actor.to_string();
            let bytes = record.to_json();
            let sha = hash_bytes(&bytes);
            if change.logged_at.is_none() {
                drafts.push(change.draft(actor, &file));
            }
            if before != ReviewState::InReview {
                drafts.push(
                    AuditDraft::new(actor, Action::ReviewChanged)
                        .record(*id, Some(sha.clone()))
                        .change(Change {
                            from: Some(serde_json::json!(before)),
                            to: Some(serde_json::json!(ReviewState::InReview)),
                            ..Change::field("review")
                        })
                        .note("the change made outside Dossier was accepted for review"),
                );
            }
            drafts.push(
                AuditDraft::new(actor, Action::OutsideChangeAccepted)
                    .record(*id, Some(sha.clone()))
                    .note(format!(
                        "the change to {file} made outside Dossier was accepted for review; it is shared only once a reviewer approves it"
                    )),
            );
            self.note_file(*id, sha);
            self.outside.remove(id);
            files.push((path, bytes));
        }
        let count = files.len();
        let mut batch = WriteBatch::new(crate::t!("done-accepted-outside", count = count));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        batch.push(FsOp::WriteMany {
            files,
            vault: self.vault.clone(),
        });
        self.generation += 1;
        Ok(batch)
    }

    /// Undoes the outside change of record `id` by putting back the version Dossier last
    /// logged: `bytes` (read from `source`, for the log) must be exactly that version, as
    /// the log's SHA-256 vouches. See [`find_logged_version`] for finding it in a backup.
    pub fn restore_logged_version(
        &mut self,
        id: &RecordId,
        bytes: &[u8],
        source: &str,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.load_also(std::slice::from_ref(id));
        self.ensure_writable()?;
        let change = self
            .outside
            .get(id)
            .cloned()
            .ok_or(StoreError::NoOutsideChange(*id))?;
        let Some((seq, expected)) = change.previous.clone() else {
            return Err(StoreError::NoLoggedVersion(*id));
        };
        let found = hash_bytes(bytes);
        if found != expected {
            return Err(StoreError::NotTheLoggedVersion {
                file: source.to_string(),
                seq,
                found: Box::new(found),
                expected: Box::new(expected),
            });
        }
        let record = Record::from_json(bytes).map_err(|p| StoreError::NotARecord {
            file: source.to_string(),
            problem: p.to_string(),
        })?;
        if record.id != *id {
            return Err(StoreError::OtherRecord {
                file: source.to_string(),
                found: record.id,
                wanted: *id,
            });
        }
        let was_in_trash = self.get(id).is_none();
        let in_trash = record.trashed.is_some();
        let mut batch = WriteBatch::new(crate::t!(
            "done-restored-logged",
            title = record.display_title()
        ));
        let mut drafts = Vec::new();
        if change.logged_at.is_none() {
            drafts.push(change.draft(actor, &self.relative_path(id)));
        }
        drafts.push(
            AuditDraft::new(actor, Action::LoggedVersionRestored)
                .record(*id, Some(expected.clone()))
                .note(format!(
                    "the change made outside Dossier was undone: the version logged at entry {seq} was restored from {source}"
                ))
                .detail("source", source.to_string()),
        );
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        batch.push(FsOp::Write {
            path: self.record_path(id, in_trash),
            bytes: bytes.to_vec(),
            vault: self.vault.clone(),
        });
        if was_in_trash != in_trash {
            batch.push(FsOp::Remove {
                path: self.record_path(id, was_in_trash),
            });
        }
        self.replace_anywhere(record);
        self.note_file(*id, expected);
        self.outside.remove(id);
        self.generation += 1;
        Ok(batch)
    }
}

/// Looks for the version of record `id` whose SHA-256 is `expected`: `place` is that file
/// itself, or a folder (a backup, another desktop's catalogue) searched for files named
/// after the record (`<id>.json`, and copies such as `<id>~20240101.json`). Links are not
/// followed. Returns the file and its plain bytes: a copy sealed under `vault`'s keys (a
/// backup of an encrypted catalogue) is opened as the record's file; the expected hash
/// vouches for what either kind holds.
pub fn find_logged_version(
    place: &Path,
    id: &RecordId,
    expected: &Sha256,
    vault: &Vault,
) -> Result<Option<(PathBuf, Vec<u8>)>, StoreError> {
    let as_record = vault.root().join(RECORDS_DIR).join(format!("{id}.json"));
    let read_small = |path: &Path| -> Result<Vec<u8>, StoreError> {
        let bytes = read_small(path)?;
        if !crate::durable::seal::is_sealed(&bytes) {
            return Ok(bytes);
        }
        vault
            .open(&as_record, bytes)
            .map_err(|e| StoreError::io("read", path, e))
    };
    let meta = fs::symlink_metadata(place).map_err(|e| StoreError::io("read", place, e))?;
    if meta.is_file() {
        let bytes = read_small(place)?;
        return Ok(Some((place.to_path_buf(), bytes)));
    }
    let name = id.to_string();
    let mut stack = vec![place.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if !kind.is_file() || !file_name.starts_with(&name) || !file_name.ends_with(".json") {
                continue;
            }
            let Ok(bytes) = read_small(&path) else {
                continue;
            };
            if hash_bytes(&bytes) == *expected {
                return Ok(Some((path, bytes)));
            }
        }
    }
    Ok(None)
}

fn read_small(path: &Path) -> Result<Vec<u8>, StoreError> {
    let file = fs::File::open(path).map_err(|e| StoreError::io("read", path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_RECORD_FILE)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", path, e))?;
    Ok(bytes)
}
