//! A catalogue is a folder:
//!
//! ```text
//! dossier.json        format name and version, catalogue id, title, created
//! records/<id>.json   one pretty-printed file per record
//! trash/<id>.json     records moved to the trash (restorable until emptied)
//! attachments/<sha>   original bytes, named by SHA-256, read-only, never modified
//! cache/              thumbnails; may be deleted at any time
//! dossier.lock        held while a Dossier has the catalogue open for writing
//! audit.jsonl         the chain of custody: one hash-chained entry per action
//! ```
//!
//! `Catalogue` holds every record in memory. Edits change memory and return a `WriteBatch`
//! of file changes: the CLI applies it at once, the GUI hands it to its writer thread.
//! Every batch that changes a record starts with its audit entries (written ahead, each
//! naming the SHA-256 of the file to come); on open, record files are compared with the
//! log, and anything the log does not account for is logged as a repair.

mod named_lists;
mod outside;
mod repair;

pub use outside::{OUTSIDE_REASON, OutsideChange, find_logged_version};

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::blobs::{ATTACHMENTS_DIR, BlobStore};
use super::fsx::{self, FsOp, WriteBatch};
use super::lock::{self, CatalogueLock, LockHolder, LockOutcome};
use super::{StoreError, hash_bytes};
use crate::audit::{Action, AuditDraft, AuditLog, ChainProblem};
use crate::model::{
    Extra, Label, Recipient, Record, RecordId, ReviewAction, ReviewState, Sha256, Trashed,
};
use crate::search::SavedView;

pub const META_FILE: &str = "dossier.json";
pub const RECORDS_DIR: &str = "records";
pub const TRASH_DIR: &str = "trash";
pub const CACHE_DIR: &str = "cache";
/// Where opening sets aside originals that nothing accounts for (see `reconcile`).
pub const RECOVERED_DIR: &str = "recovered";
pub const RECIPIENTS_FILE: &str = "recipients.json";
/// Saved views (named lists) shown in the app's left panel.
pub const VIEWS_FILE: &str = "views.json";
pub const FORMAT_NAME: &str = "dossier-catalogue";
/// The newest format this version reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The contents of `dossier.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueMeta {
    pub format: String,
    pub version: u32,
    pub id: Uuid,
    pub title: String,
    pub created: Timestamp,
    #[serde(default)]
    pub created_by: String,
    /// The office packages are sent in the name of (empty: the title).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub office: String,
    /// Set when the catalogue was made from a share package received from another office:
    /// it then opens read-only, as the sender's record of what was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a received catalogue came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub package_id: String,
    /// The sending catalogue's id.
    pub catalogue_id: String,
    /// Whom the package was made for.
    pub recipient: String,
    /// Who made the package, as the package says.
    pub sent_by: String,
    pub sent_at: Timestamp,
    pub received_at: Timestamp,
    pub received_by: String,
    /// The sender's audit chain head when the package was made, as its manifest gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_head: Option<crate::audit::ChainHead>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Why a catalogue opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Opened read-only on purpose (the CLI's read commands, for instance).
    Requested,
    /// Written by a newer Dossier, whose format this version may not fully understand.
    NewerFormat { found: u32 },
    /// Another Dossier has it open for writing.
    OpenElsewhere(Option<LockHolder>),
    /// The folder cannot be written (read-only drive, or no permission).
    NotWritable(String),
    /// It holds a share package received from another office.
    Received { package_id: String, sent_by: String },
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::Requested => write!(f, "it was opened read-only"),
            ReadOnlyReason::NewerFormat { found } => write!(
                f,
                "it was written by a newer Dossier (format version {found}; this Dossier knows version {FORMAT_VERSION}), so it opens read-only to keep that version's data intact. Update Dossier to edit it"
            ),
            ReadOnlyReason::OpenElsewhere(Some(holder)) => write!(
                f,
                "it is open in another Dossier by {holder}. Close it there to edit it here"
            ),
            ReadOnlyReason::OpenElsewhere(None) => write!(
                f,
                "it is open in another Dossier. Close it there to edit it here"
            ),
            ReadOnlyReason::NotWritable(why) => {
                write!(f, "its folder cannot be written ({why})")
            }
            ReadOnlyReason::Received {
                package_id,
                sent_by,
            } => write!(
                f,
                "it holds share package {package_id} as received (made by {sent_by}), kept unchanged as the record of what was sent"
            ),
        }
    }
}

/// A file that could not be read; it is listed, and never overwritten or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line of the problem in the file, when known.
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::one_line;
        let path = self.path.display().to_string();
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", one_line(&path), one_line(&self.reason)),
            None => write!(f, "{}: {}", one_line(&path), one_line(&self.reason)),
        }
    }
}

/// How to open a catalogue.
#[derive(Default)]
pub struct OpenOptions<'a> {
    pub read_only: bool,
    /// The name of the person opening it, written into the lock.
    pub user: String,
    /// Called with (files read, files in all) while records load.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

enum Access {
    Writable { _lock: Option<CatalogueLock> },
    ReadOnly(ReadOnlyReason),
}

/// An open catalogue: its metadata, every record, and the problems found opening it.
pub struct Catalogue {
    root: PathBuf,
    meta: CatalogueMeta,
    records: Vec<Record>,
    index: HashMap<RecordId, usize>,
    trash: Vec<Record>,
    problems: Vec<Problem>,
    notices: Vec<String>,
    access: Access,
    generation: u64,
    audit: AuditLog,
    audit_problems: Vec<ChainProblem>,
    /// SHA-256 of each record file as it is on disk (after our own writes).
    file_hashes: HashMap<RecordId, Sha256>,
    /// Ids of record files that could not be read (from their file names).
    quarantined: HashSet<RecordId>,
    recipients: Vec<Recipient>,
    /// `recipients.json` exists but could not be read: it is never overwritten then.
    recipients_unreadable: bool,
    views: Vec<SavedView>,
    /// `views.json` exists but could not be read: it is never overwritten then.
    views_unreadable: bool,
    /// Records changed outside Dossier that no one has accepted or undone yet.
    outside: HashMap<RecordId, OutsideChange>,
    /// What opening found and logged, a line each (see `repair.rs`).
    opening_report: Vec<String>,
    /// Recipients that may receive nothing, and why, by lower-case name.
    recipient_problems: HashMap<String, String>,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue")
            .field("root", &self.root)
            .field("records", &self.records.len())
            .field("trash", &self.trash.len())
            .field("problems", &self.problems.len())
            .finish()
    }
}

impl Catalogue {
    /// Makes a new, empty catalogue in `root` (which must not exist, or be an empty folder)
    /// and opens it for writing.
    pub fn create(root: &Path, title: &str, user: &str) -> Result<Catalogue, StoreError> {
        let cannot = |reason: String| StoreError::CannotCreate {
            path: root.to_path_buf(),
            reason,
        };
        if root.exists() {
            if !root.is_dir() {
                return Err(cannot("a file with that name exists".into()));
            }
            let mut entries = fs::read_dir(root).map_err(|e| StoreError::io("read", root, e))?;
            if entries.next().is_some() {
                return Err(cannot(
                    "the folder is not empty; choose a new or empty folder".into(),
                ));
            }
        }
        for dir in [RECORDS_DIR, TRASH_DIR, ATTACHMENTS_DIR, CACHE_DIR] {
            let path = root.join(dir);
            fs::create_dir_all(&path).map_err(|e| StoreError::io("create", &path, e))?;
        }
        let meta = CatalogueMeta {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            id: Uuid::now_v7(),
            title: title.trim().to_string(),
            created: Timestamp::now(),
            created_by: user.to_string(),
            office: String::new(),
            received: None,
            extra: Extra::new(),
        };
        let path = root.join(META_FILE);
        fsx::write_atomic(&path, &meta_json(&meta))
            .map_err(|e| StoreError::io("save", &path, e))?;
        let cat = Catalogue::open(
            root,
            OpenOptions {
                user: user.to_string(),
                ..OpenOptions::default()
            },
        )?;
        cat.audit
            .append(&[AuditDraft::new(user, Action::CatalogueCreated)
                .note(format!("'{}'", meta.title))
                .detail("catalogue", meta.id.to_string())])?;
        Ok(cat)
    }

    /// Opens the catalogue at `root`. Files that cannot be read are listed in `problems()`;
    /// everything else opens. It opens read-only, saying why, when it is open elsewhere, was
    /// written by a newer Dossier, or cannot be written.
    pub fn open(root: &Path, options: OpenOptions<'_>) -> Result<Catalogue, StoreError> {
        let meta = read_meta(root)?;
        let mut notices = Vec::new();
        let access = if options.read_only {
            Access::ReadOnly(ReadOnlyReason::Requested)
        } else if let Some(received) = &meta.received {
            Access::ReadOnly(ReadOnlyReason::Received {
                package_id: received.package_id.clone(),
                sent_by: received.sent_by.clone(),
            })
        } else if meta.version > FORMAT_VERSION {
            Access::ReadOnly(ReadOnlyReason::NewerFormat {
                found: meta.version,
            })
        } else {
            match lock::try_lock(root, &options.user) {
                Ok(LockOutcome::Acquired(lock)) => Access::Writable { _lock: Some(lock) },
                Ok(LockOutcome::HeldElsewhere(holder)) => {
                    Access::ReadOnly(ReadOnlyReason::OpenElsewhere(holder))
                }
                Ok(LockOutcome::Unsupported) => {
                    notices.push(
                        "This drive cannot lock files: do not open this catalogue in two Dossiers at once."
                            .to_string(),
                    );
                    Access::Writable { _lock: None }
                }
                Err(e) => Access::ReadOnly(ReadOnlyReason::NotWritable(super::describe_io(&e))),
            }
        };
        let writable = matches!(access, Access::Writable { .. });
        let (audit, loaded) = AuditLog::load(root, writable)?;
        let mut cat = Catalogue {
            root: root.to_path_buf(),
            meta,
            records: Vec::new(),
            index: HashMap::new(),
            trash: Vec::new(),
            problems: Vec::new(),
            notices,
            access,
            generation: 0,
            audit,
            audit_problems: Vec::new(),
            file_hashes: HashMap::new(),
            quarantined: HashSet::new(),
            recipients: Vec::new(),
            recipients_unreadable: false,
            views: Vec::new(),
            views_unreadable: false,
            outside: HashMap::new(),
            opening_report: Vec::new(),
            recipient_problems: HashMap::new(),
        };
        if let Access::ReadOnly(reason) = &cat.access
            && *reason != ReadOnlyReason::Requested
        {
            cat.notices.push(format!("Read-only: {reason}."));
        }
        cat.load_records(options.progress)?;
        cat.load_recipients();
        cat.load_views();
        if !loaded.problems.is_empty() {
            cat.notices.push(format!(
                "The audit log has {} problem{}: entries were altered, removed or reordered. Verify the catalogue to see them.",
                loaded.problems.len(),
                if loaded.problems.len() == 1 { "" } else { "s" }
            ));
        }
        if let Err(e) = cat.reconcile(&options.user, &loaded, writable) {
            // A full disk must not lock people out of what they saved: open, and log the
            // repairs the next time there is room.
            cat.notices.push(format!(
                "What was found on opening could not be written to the audit log ({e}); it will be logged the next time the catalogue opens."
            ));
        }
        cat.audit_problems = loaded.problems;
        Ok(cat)
    }

    fn load_records(
        &mut self,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    ) -> Result<(), StoreError> {
        let writable = self.is_writable();
        let live = list_record_files(&self.root.join(RECORDS_DIR), writable)?;
        let trashed = list_record_files(&self.root.join(TRASH_DIR), writable)?;
        let total = live.len() + trashed.len();
        let files: Vec<(PathBuf, bool)> = live
            .into_iter()
            .map(|p| (p, false))
            .chain(trashed.into_iter().map(|p| (p, true)))
            .collect();
        let read = read_record_files(&files, progress);
        let mut moves = Vec::new();
        let mut trashed_ids = HashSet::new();
        self.records.reserve(total);
        self.index.reserve(total);
        self.file_hashes.reserve(total);
        for ((path, in_trash), result) in files.iter().zip(read) {
            let (path, in_trash) = (path.clone(), *in_trash);
            let (record, sha) = match result {
                Ok(read) => read,
                Err(problem) => {
                    if let Some(id) = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .and_then(|s| s.parse::<RecordId>().ok())
                    {
                        self.quarantined.insert(id);
                    }
                    self.problems.push(problem);
                    continue;
                }
            };
            if self.index.contains_key(&record.id) || trashed_ids.contains(&record.id) {
                self.problems.push(Problem {
                    path,
                    line: None,
                    reason: format!(
                        "another file holds a record with the same id {}; this copy was not opened",
                        record.id
                    ),
                });
                continue;
            }
            // Where a record belongs is decided by its `trashed` field; a file left in the
            // other folder by an interrupted move is finished below.
            let belongs_in_trash = record.trashed.is_some();
            if belongs_in_trash != in_trash {
                moves.push((path, self.record_path(&record.id, belongs_in_trash)));
            }
            self.file_hashes.insert(record.id, sha);
            if belongs_in_trash {
                trashed_ids.insert(record.id);
                self.trash.push(record);
            } else {
                self.index.insert(record.id, self.records.len());
                self.records.push(record);
            }
        }
        if writable {
            for (from, to) in moves {
                // Finishing an interrupted move is a courtesy: if it fails, memory is right
                // and the next save of the record puts it in place.
                let _ = fsx::rename_durable(&from, &to);
            }
        }
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn meta(&self) -> &CatalogueMeta {
        &self.meta
    }

    pub fn title(&self) -> &str {
        &self.meta.title
    }

    /// The name packages go out under when they do not name the person who made them: the
    /// office's, or the catalogue's title when no office is set.
    pub fn office_name(&self) -> &str {
        if self.meta.office.trim().is_empty() {
            &self.meta.title
        } else {
            &self.meta.office
        }
    }

    /// Changes the catalogue's title and the office it sends packages in the name of
    /// (`None` leaves one as it is), logged.
    pub fn set_details(
        &mut self,
        title: Option<&str>,
        office: Option<&str>,
        actor: &str,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut meta = self.meta.clone();
        let mut changes = Vec::new();
        if let Some(t) = title.map(str::trim) {
            if t.is_empty() {
                return Err(StoreError::Invalid("A catalogue needs a title.".into()));
            }
            if t != meta.title {
                changes.push(format!("title '{}' -> '{t}'", meta.title));
                meta.title = t.to_string();
            }
        }
        if let Some(o) = office.map(str::trim)
            && o != meta.office
        {
            changes.push(format!("office '{}' -> '{o}'", meta.office));
            meta.office = o.to_string();
        }
        if changes.is_empty() {
            return Ok(());
        }
        self.audit
            .append(&[AuditDraft::new(actor, Action::CatalogueChanged).note(changes.join("; "))])?;
        let path = self.root.join(META_FILE);
        fsx::write_atomic(&path, &meta_json(&meta))
            .map_err(|e| StoreError::io("save", &path, e))?;
        self.meta = meta;
        Ok(())
    }

    /// Live records (not in the trash), in no particular order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn trash(&self) -> &[Record] {
        &self.trash
    }

    pub fn get(&self, id: &RecordId) -> Option<&Record> {
        self.index.get(id).map(|&i| &self.records[i])
    }

    pub fn get_trashed(&self, id: &RecordId) -> Option<&Record> {
        self.trash.iter().find(|r| r.id == *id)
    }

    /// Files that could not be read when the catalogue opened.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Things the person should know about this catalogue (read-only, no locking...).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn is_writable(&self) -> bool {
        matches!(self.access, Access::Writable { .. })
    }

    pub fn read_only_reason(&self) -> Option<&ReadOnlyReason> {
        match &self.access {
            Access::ReadOnly(reason) => Some(reason),
            Access::Writable { .. } => None,
        }
    }

    /// The catalogue's chain of custody.
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    /// Problems found in the audit log when the catalogue opened.
    pub fn audit_problems(&self) -> &[ChainProblem] {
        &self.audit_problems
    }

    /// SHA-256 of a record's file as Dossier last read or wrote it.
    pub fn file_hash(&self, id: &RecordId) -> Option<&Sha256> {
        self.file_hashes.get(id)
    }

    /// Originals the records (and the trash) refer to that are not in `attachments/`:
    /// sha256 -> (name, size).
    pub fn missing_originals(&self) -> std::collections::BTreeMap<Sha256, (String, u64)> {
        let blobs = self.blobs();
        let mut missing = std::collections::BTreeMap::new();
        for r in self.records.iter().chain(&self.trash) {
            for a in &r.attachments {
                if !blobs.contains(&a.sha256) {
                    missing.insert(a.sha256.clone(), (a.name.clone(), a.size));
                }
            }
        }
        missing
    }

    /// Ids of record files that could not be read.
    pub fn quarantined_ids(&self) -> &HashSet<RecordId> {
        &self.quarantined
    }

    /// A batch that only appends entries to the log (results of verify, disclosures...).
    pub fn log(&self, drafts: Vec<AuditDraft>) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let mut batch = WriteBatch::new("Logged");
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        Ok(batch)
    }

    /// Changes each time a record is added, changed, trashed or restored.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The original attachment bytes, for importing and reading.
    pub fn blobs(&self) -> BlobStore {
        BlobStore::new(&self.root)
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(CACHE_DIR)
    }

    /// Fails, saying why in words, when the catalogue is read-only.
    pub fn ensure_writable(&self) -> Result<(), StoreError> {
        match &self.access {
            Access::Writable { .. } => Ok(()),
            Access::ReadOnly(reason) => Err(StoreError::ReadOnly(reason.clone())),
        }
    }

    fn record_path(&self, id: &RecordId, in_trash: bool) -> PathBuf {
        let dir = if in_trash { TRASH_DIR } else { RECORDS_DIR };
        self.root.join(dir).join(format!("{id}.json"))
    }

    /// Finds a live record by its full id or a unique beginning of it (as `git` does).
    pub fn resolve(&self, text: &str) -> Result<RecordId, StoreError> {
        if let Ok(id) = text.parse::<RecordId>()
            && self.index.contains_key(&id)
        {
            return Ok(id);
        }
        let wanted = text.trim().to_ascii_lowercase().replace('-', "");
        if wanted.len() < 4 {
            return Err(StoreError::UnknownRecord(text.to_string()));
        }
        let matches: Vec<RecordId> = self
            .records
            .iter()
            .map(|r| r.id)
            .filter(|id| id.0.simple().to_string().starts_with(&wanted))
            .collect();
        match matches.len() {
            1 => Ok(matches[0]),
            0 => Err(StoreError::UnknownRecord(text.to_string())),
            count => Err(StoreError::AmbiguousId {
                prefix: text.to_string(),
                count,
            }),
        }
    }

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
        self.ensure_writable()?;
        if let Some(r) = records.iter().find(|r| self.get_trashed(&r.id).is_some()) {
            return Err(StoreError::UnknownRecord(format!(
                "{} (it is in the trash; restore it first)",
                r.id
            )));
        }
        let mut all_drafts = Vec::new();
        let mut files = Vec::new();
        let mut saved = 0usize;
        for mut record in records {
            normalise(&mut record);
            record.modified = Timestamp::now();
            record.modified_by = actor.to_string();
            record.trashed = None;
            let existing = self.index.get(&record.id).copied();
            let mut withdrawn = false;
            if let Some(i) = existing {
                let old = &self.records[i];
                // Who created a record, and when, never changes.
                record.created = old.created;
                record.created_by = old.created_by.clone();
                if old.review == ReviewState::Approved
                    && record.review == ReviewState::Approved
                    && crate::audit::content_changed(old, &record)
                {
                    record.review = ReviewState::InReview;
                    withdrawn = true;
                }
            }
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
            files.push((self.record_path(&record.id, false), bytes));
            self.file_hashes.insert(record.id, sha);
            saved += 1;
            match existing {
                Some(i) => self.records[i] = record,
                None => {
                    self.index.insert(record.id, self.records.len());
                    self.records.push(record);
                }
            }
        }
        if saved == 0 {
            return Ok(WriteBatch::new("No changes"));
        }
        let mut batch = WriteBatch::new(format!("Saved {saved} records"));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts: all_drafts,
        });
        if files.len() == 1 {
            let (path, bytes) = files.pop().expect("one file");
            batch.push(FsOp::Write { path, bytes });
        } else {
            batch.push(FsOp::WriteMany { files });
        }
        self.generation += 1;
        Ok(batch)
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
        self.ensure_writable()?;
        let target = action.target();
        let mut changed = Vec::new();
        for id in ids {
            let record = self
                .get(id)
                .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
            if action == ReviewAction::Approve && self.outside.contains_key(id) {
                return Err(StoreError::Invalid(format!(
                    "'{}' was changed outside Dossier, and no one has accepted that change yet. Accept it for review (or restore the logged version) first; nothing was approved.",
                    record.display_title()
                )));
            }
            if record.review == target {
                continue;
            }
            let mut record = record.clone();
            record.review = target;
            record.review_comment = comment.trim().to_string();
            changed.push(record);
        }
        let count = changed.len();
        let mut batch = self.put_many(changed, actor)?;
        if let Some(FsOp::Audit { drafts, .. }) = batch.ops.first_mut() {
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
        Ok(batch)
    }

    /// Sets the label of many records at once (approved ones return to "in review").
    pub fn set_label(
        &mut self,
        ids: &[RecordId],
        label: Label,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
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

    /// Marks this catalogue as a received share package: from now on it opens read-only.
    pub fn mark_received(&mut self, received: Received, actor: &str) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut meta = self.meta.clone();
        meta.received = Some(received.clone());
        self.audit
            .append(&[AuditDraft::new(actor, Action::PackageReceived)
                .note(format!(
                    "package {} for '{}', made by {}",
                    received.package_id, received.recipient, received.sent_by
                ))
                .detail("package", received.package_id.clone())
                .detail("from_catalogue", received.catalogue_id.clone())])?;
        let path = self.root.join(META_FILE);
        fsx::write_atomic(&path, &meta_json(&meta))
            .map_err(|e| StoreError::io("save", &path, e))?;
        self.meta = meta;
        Ok(())
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
        });
        batch.push(FsOp::Remove {
            path: self.record_path(id, !in_trash),
        });
        Ok(batch)
    }

    /// Merges the duplicate person `other` into `keep`: `keep` gains everything `other`
    /// knew (names, timeline, details, links, attachments), records that pointed at
    /// `other` point at `keep`, and `other` goes to the trash marked as merged, its own
    /// history intact. Both records get a `merged` log entry naming the other.
    pub fn merge_persons(
        &mut self,
        keep: &RecordId,
        other: &RecordId,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        if keep == other {
            return Err(StoreError::Invalid(
                "A record cannot be merged with itself.".into(),
            ));
        }
        let kept = self
            .get(keep)
            .cloned()
            .ok_or_else(|| StoreError::UnknownRecord(keep.to_string()))?;
        let gone = self
            .get(other)
            .cloned()
            .ok_or_else(|| StoreError::UnknownRecord(other.to_string()))?;
        for r in [&kept, &gone] {
            if r.person.is_none() {
                return Err(StoreError::Invalid(format!(
                    "'{}' is a {}, not a person; only persons can be merged.",
                    r.display_title(),
                    r.kind.key()
                )));
            }
        }
        let mut merged = kept.clone();
        crate::model::merge_person(&mut merged, &gone);
        let mut changed = vec![merged];
        for r in &self.records {
            if r.id == *keep || r.id == *other {
                continue;
            }
            let mut r = r.clone();
            if crate::model::retarget(&mut r, *other, *keep) {
                changed.push(r);
            }
        }
        let mut marked = gone.clone();
        if let Some(p) = marked.person.as_mut() {
            p.merged_into = Some(*keep);
        }
        changed.push(marked);
        let mut batch = WriteBatch::new(format!(
            "Merged '{}' into '{}'",
            gone.display_title(),
            kept.display_title()
        ));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts: vec![
                AuditDraft::new(actor, Action::Merged)
                    .record(*keep, None)
                    .note(format!(
                        "'{}' ({other}) merged into this record",
                        gone.display_title()
                    ))
                    .detail("merged", other.to_string()),
                AuditDraft::new(actor, Action::Merged)
                    .record(*other, None)
                    .note(format!(
                        "merged into '{}' ({keep}); moved to the trash",
                        kept.display_title()
                    ))
                    .detail("into", keep.to_string()),
            ],
        });
        batch.extend(self.put_many(changed, actor)?);
        batch.extend(self.trash_record(other, actor)?);
        Ok(batch)
    }

    /// Marks two persons as different people, so they are not suggested as duplicates again.
    pub fn mark_distinct(
        &mut self,
        a: &RecordId,
        b: &RecordId,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        if a == b {
            return Err(StoreError::Invalid(
                "A person cannot be marked as different from themselves: give two different records."
                    .into(),
            ));
        }
        if self.get(b).is_none() {
            return Err(StoreError::UnknownRecord(b.to_string()));
        }
        let mut record = self
            .get(a)
            .cloned()
            .ok_or_else(|| StoreError::UnknownRecord(a.to_string()))?;
        let Some(p) = record.person.as_mut() else {
            return Err(StoreError::Invalid(format!(
                "'{}' is not a person.",
                record.display_title()
            )));
        };
        if !p.distinct_from.contains(b) {
            p.distinct_from.push(*b);
        }
        self.put(record, actor)
    }

    /// Moves a record to the trash. Links to it from other records are kept, so a restore
    /// brings everything back.
    pub fn trash_record(&mut self, id: &RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let i = *self
            .index
            .get(id)
            .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
        let mut record = self.remove_live(i);
        record.trashed = Some(Trashed {
            at: Timestamp::now(),
            by: actor.to_string(),
        });
        let bytes = record.to_json();
        let sha = hash_bytes(&bytes);
        let mut batch = WriteBatch::new(format!("Moved '{}' to the trash", record.display_title()));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts: vec![AuditDraft::new(actor, Action::Trashed).record(*id, Some(sha.clone()))],
        });
        let from = self.record_path(id, false);
        // First mark it trashed where it is, then move it: a crash between the two leaves a
        // file whose `trashed` field says where it belongs.
        batch.push(FsOp::Write {
            path: from.clone(),
            bytes,
        });
        batch.push(FsOp::Rename {
            from,
            to: self.record_path(id, true),
        });
        self.file_hashes.insert(*id, sha);
        self.trash.push(record);
        self.generation += 1;
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
        let mut record = self.trash.remove(pos);
        record.trashed = None;
        record.modified = Timestamp::now();
        record.modified_by = actor.to_string();
        let bytes = record.to_json();
        let sha = hash_bytes(&bytes);
        let mut batch = WriteBatch::new(format!("Restored '{}'", record.display_title()));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts: vec![AuditDraft::new(actor, Action::Restored).record(*id, Some(sha.clone()))],
        });
        let from = self.record_path(id, true);
        batch.push(FsOp::Write {
            path: from.clone(),
            bytes,
        });
        batch.push(FsOp::Rename {
            from,
            to: self.record_path(id, false),
        });
        self.file_hashes.insert(*id, sha);
        self.index.insert(record.id, self.records.len());
        self.records.push(record);
        self.generation += 1;
        Ok(batch)
    }

    /// Deletes every record in the trash for good (each deletion logged). Attachment
    /// originals stay in `attachments/`: they may be evidence another record or a package
    /// still refers to.
    pub fn empty_trash(&mut self, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let mut batch =
            WriteBatch::new(format!("Emptied the trash ({} records)", self.trash.len()));
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
        for record in self.trash.drain(..) {
            self.file_hashes.remove(&record.id);
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
    fn record_mut_anywhere(&mut self, id: &RecordId) -> Option<&mut Record> {
        match self.index.get(id) {
            Some(&i) => self.records.get_mut(i),
            None => self.trash.iter_mut().find(|r| r.id == *id),
        }
    }

    /// Puts `record` in memory where its `trashed` field says, replacing any version of
    /// it live or in the trash.
    fn replace_anywhere(&mut self, record: Record) {
        if let Some(&i) = self.index.get(&record.id) {
            self.remove_live(i);
        }
        self.trash.retain(|r| r.id != record.id);
        if record.trashed.is_some() {
            self.trash.push(record);
        } else {
            self.index.insert(record.id, self.records.len());
            self.records.push(record);
        }
    }

    fn remove_live(&mut self, i: usize) -> Record {
        let record = self.records.swap_remove(i);
        self.index.remove(&record.id);
        if let Some(moved) = self.records.get(i) {
            self.index.insert(moved.id, i);
        }
        record
    }
}

/// Trims what people type, so files stay clean and search finds what it should.
fn normalise(record: &mut Record) {
    if let Some(p) = record.person.as_mut() {
        p.sort_timeline();
    }
    let mut seen = std::collections::HashSet::new();
    record.tags = record
        .tags
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && seen.insert(t.to_lowercase()))
        .collect();
}

fn meta_json(meta: &CatalogueMeta) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(meta).expect("metadata always serialises");
    bytes.push(b'\n');
    bytes
}

fn read_meta(root: &Path) -> Result<CatalogueMeta, StoreError> {
    match fs::metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::FolderMissing(root.to_path_buf()));
        }
        Err(e) => return Err(StoreError::io("open", root, e)),
        Ok(m) if !m.is_dir() => {
            return Err(StoreError::NotACatalogue {
                path: root.to_path_buf(),
                reason: "it is a file, not a folder".into(),
            });
        }
        Ok(_) => {}
    }
    let path = root.join(META_FILE);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::NotACatalogue {
                path: root.to_path_buf(),
                reason: format!("it has no {META_FILE}"),
            });
        }
        Err(e) => return Err(StoreError::io("read", &path, e)),
    };
    let meta: CatalogueMeta =
        serde_json::from_slice(&bytes).map_err(|e| StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!("{META_FILE} cannot be read: {e}"),
        })?;
    if meta.format != FORMAT_NAME {
        return Err(StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!(
                "{META_FILE} says its format is '{}', not '{FORMAT_NAME}'",
                meta.format
            ),
        });
    }
    Ok(meta)
}

/// The `.json` files of a records folder, sorted; leftover temp files are skipped (and
/// removed when the catalogue is ours to write).
fn list_record_files(dir: &Path, writable: bool) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io("read", dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io("read", dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if fsx::is_temp_name(&name) {
            if writable {
                let _ = fs::remove_file(entry.path());
            }
            continue;
        }
        if name.starts_with('.') || !name.ends_with(".json") {
            continue;
        }
        files.push(entry.path());
    }
    files.sort();
    Ok(files)
}

/// A record file read and parsed, with the SHA-256 of its bytes; or why it could not be.
type ReadRecord = Result<(Record, Sha256), Problem>;

/// Reads, parses and hashes record files on every core; results in the order of `files`.
fn read_record_files<'a>(
    files: &'a [(PathBuf, bool)],
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> impl Iterator<Item = ReadRecord> + 'a {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = files.len();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    // Small pieces handed out in turn keep every core busy to the end.
    const PIECE: usize = 256;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let pieces: Vec<(usize, Vec<ReadRecord>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let start = next.fetch_add(PIECE, Ordering::Relaxed);
                        if start >= total {
                            break;
                        }
                        let end = (start + PIECE).min(total);
                        let read: Vec<_> = files[start..end]
                            .iter()
                            .map(|(path, _)| read_record_file(path))
                            .collect();
                        let now = done.fetch_add(end - start, Ordering::Relaxed) + end - start;
                        if let Some(report) = progress {
                            report(now, total);
                        }
                        mine.push((start, read));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            // A reader thread only panics on a bug; its files are then read again here.
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    // Handed out in order, a piece at a time, each piece freed once taken: at 100,000
    // records a second array of them would cost another 80 MB at the peak.
    let mut pieces = pieces;
    pieces.sort_unstable_by_key(|(start, _)| *start);
    let mut pieces = pieces.into_iter().peekable();
    let mut current = Vec::new().into_iter();
    let mut next = 0;
    std::iter::from_fn(move || {
        while next < total {
            if let Some(read) = current.next() {
                next += 1;
                return Some(read);
            }
            match pieces.next_if(|(start, _)| *start == next) {
                Some((_, piece)) => current = piece.into_iter(),
                None => {
                    // Should a reader have stopped early (only a bug could), its files are
                    // read here.
                    let read = read_record_file(&files[next].0);
                    next += 1;
                    return Some(read);
                }
            }
        }
        None
    })
}

/// A record file's record and the SHA-256 of its bytes.
fn read_record_file(path: &Path) -> Result<(Record, Sha256), Problem> {
    let bytes = fs::read(path).map_err(|e| Problem {
        path: path.to_path_buf(),
        line: None,
        reason: format!("cannot be read: {}", super::describe_io(&e)),
    })?;
    let record = Record::from_json(&bytes).map_err(|p| Problem {
        path: path.to_path_buf(),
        line: (p.line > 0).then_some(p.line),
        reason: p.to_string(),
    })?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != record.id.to_string() {
        return Err(Problem {
            path: path.to_path_buf(),
            line: None,
            reason: format!(
                "the file is named {stem}.json but the record inside has id {}",
                record.id
            ),
        });
    }
    Ok((record, hash_bytes(&bytes)))
}
