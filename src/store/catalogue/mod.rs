//! An open catalogue (see `store::layout` for the folder).
//!
//! `Catalogue` holds every record in memory. Edits change memory and return a `WriteBatch`
//! of file changes: the CLI applies it at once, the GUI hands it to its writer thread.
//! Every batch that changes a record starts with its audit entries (written ahead, each
//! naming the SHA-256 of the file to come); on open, record files are compared with the
//! log, and anything the log does not account for is logged (`repair.rs`, `outside.rs`).
//!
//! One file per concern: `open`, `meta`, `edit`, `trash`, `persons`, `named_lists`,
//! `repair`, `outside`, `warm` and `place` (what opening reads or takes from the snapshot).

mod completion;
mod conflict_copies;
mod conflicts;
mod convert;
mod convert_files;
mod edit;
mod files_only;
mod finish;
mod focus;
mod folder;
mod keys;
mod lazy;
mod listing;
mod meta;
mod named_lists;
mod open;
mod outside;
mod persons;
mod place;
mod places;
mod repair;
mod sealing;
mod snapshot_job;
mod trash;
mod warm;

pub use completion::{Completed, Completion};
pub use convert::{ShowRecoveryKey, decrypt, encrypt, rotate_key};
pub use files_only::CatalogueFiles;
pub use keys::KeyEntry;
pub use meta::{CatalogueMeta, Received};
pub use open::{MIN_PASSPHRASE, OpenOptions};
pub use outside::{OUTSIDE_REASON, OutsideChange, find_logged_version};
pub use sealing::{CIPHER, Encryption};
pub use snapshot_job::SnapshotJob;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::audit::{AuditDraft, AuditLog, ChainProblem};
use crate::durable::keyring::Secret;
use crate::durable::seal::CatalogueKey;
use crate::durable::vault::Vault;
use crate::model::{Recipient, Record, RecordId, Sha256};
use crate::search::SavedView;
use crate::store::blobs::BlobStore;
use crate::store::fsx::{FsOp, WriteBatch};
use crate::store::layout::{CACHE_DIR, RECORDS_DIR, TRASH_DIR};
use crate::store::lock::CatalogueLock;
use crate::store::{ReadOnlyReason, StoreError};

/// A file that could not be read; it is listed, and never overwritten or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file that could not be read.
    pub path: PathBuf,
    /// 1-based line of the problem in the file, when known.
    pub line: Option<usize>,
    /// Why, in words.
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

/// See `Catalogue::snapshot_parts`: the head, records and trash, the records as they
/// loaded where opening changed them since, how many files were read, and whether the log
/// was read whole (its mark could not serve).
type SnapshotParts = (
    crate::store::snapshot::SnapshotHead,
    Arc<Vec<Record>>,
    Arc<Vec<Record>>,
    HashMap<RecordId, Record>,
    usize,
    bool,
);

enum Access {
    Writable { _lock: Option<CatalogueLock> },
    ReadOnly(ReadOnlyReason),
}

/// A map keyed by record id, hashed with foldhash: an opening fills several of them with
/// every record (at 100,000 records, placing them took about 7 ms less than with the
/// default SipHash). Its seed is random in each process, as SipHash's is.
pub(crate) type IdMap<V> = HashMap<RecordId, V, foldhash::fast::RandomState>;

/// A set of record ids, hashed as [`IdMap`] is.
pub(crate) type IdSet = HashSet<RecordId, foldhash::fast::RandomState>;

/// An open catalogue: its metadata, every record, and the problems found opening it.
pub struct Catalogue {
    root: PathBuf,
    meta: CatalogueMeta,
    /// How files are read and written: plain, or sealed under the catalogue's keys.
    vault: Vault,
    /// How it is encrypted (the public part of `dossier.json`); `None` when plain.
    encryption: Option<Encryption>,
    /// The catalogue key, while the catalogue is open (wiped when it is dropped).
    key: Option<CatalogueKey>,
    // Shared, so a background task can read a snapshot while the app goes on: a write
    // while one is held copies the list first (`Arc::make_mut`).
    records: Arc<Vec<Record>>,
    index: IdMap<usize>,
    trash: Arc<Vec<Record>>,
    problems: Vec<Problem>,
    notices: Vec<String>,
    access: Access,
    generation: u64,
    audit: AuditLog,
    audit_problems: Vec<ChainProblem>,
    /// SHA-256 of each record file as it is on disk (after our own writes).
    file_hashes: IdMap<Sha256>,
    /// The stat of each record file as it was read, while it can vouch for the content
    /// in memory (see `durable::stat`), for the next snapshot.
    file_stats: IdMap<crate::durable::stat::FileStat>,
    /// Signs a plain catalogue's snapshots on this computer.
    snapshot_key: Option<crate::store::snapshot::SnapshotKey>,
    /// The snapshot's generation (which names its index file) and the records whose
    /// entries in that index opening found out of date.
    snapshot_index: Option<([u8; 16], HashSet<RecordId>)>,
    /// What the next snapshot holds, taken when the records loaded (with the record lists
    /// as they were then, and how many files opening read), until it is written.
    snapshot_parts: Option<SnapshotParts>,
    /// While opening compares the files with the log: the records it changes (an approval
    /// withdrawn), as they loaded, for the next snapshot (which holds the files as read).
    loaded_as: Option<HashMap<RecordId, Record>>,
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
    /// Opened for a few records only (see `OpenOptions::only` and `lazy`).
    focused: bool,
    /// The records a lazy opening left in the snapshot, until asked for.
    deferred: Option<warm::Deferred>,
    /// Their files' hashes once they are all in (`take_completed`): for the live records
    /// not written since (`file_hash` looks in `file_hashes` first). Kept as the lazy
    /// opening made them, since moving a million into `file_hashes` took the UI thread 0.6 s.
    kept_hashes: places::Places,
    /// The snapshot's index being read while the records load (`OpenOptions::index_ahead`).
    index_ahead: Option<snapshot_job::IndexAhead>,
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
    /// The catalogue's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Live records (not in the trash), in no particular order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The records in the trash.
    pub fn trash(&self) -> &[Record] {
        &self.trash
    }

    /// The live records and the trash as they are now, for work on another thread: a
    /// snapshot that costs nothing to take (the catalogue copies its list only if it
    /// changes while the snapshot is held).
    pub fn snapshot(&self) -> (Arc<Vec<Record>>, Arc<Vec<Record>>) {
        (self.records.clone(), self.trash.clone())
    }

    /// A live record by id.
    pub fn get(&self, id: &RecordId) -> Option<&Record> {
        self.index.get(id).map(|&i| &self.records[i])
    }

    /// A record in the trash by id.
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

    /// True when the catalogue was opened for writing.
    pub fn is_writable(&self) -> bool {
        matches!(self.access, Access::Writable { .. })
    }

    /// Why the catalogue is read-only, if it is.
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
        let deferred = || Some(self.deferred.as_ref()?.places.get(id)?.1);
        // A live record swapped in by `take_completed` and not written since.
        let kept = || match self.index.contains_key(id) {
            true => Some(self.kept_hashes.get(id)?.1),
            false => None,
        };
        self.file_hashes.get(id).or_else(deferred).or_else(kept)
    }

    /// Originals the records (and the trash) refer to that are not in `attachments/`:
    /// sha256 -> (name, size).
    pub fn missing_originals(&self) -> std::collections::BTreeMap<Sha256, (String, u64)> {
        let blobs = self.blobs();
        let mut missing = std::collections::BTreeMap::new();
        for r in self.records.iter().chain(self.trash.iter()) {
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
        let mut batch = WriteBatch::new(crate::t!("done-logged"));
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
        BlobStore::new(&self.vault)
    }

    /// How the catalogue's files are read and written (plain, or sealed).
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Whether the catalogue is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.encryption.is_some()
    }

    /// How it is encrypted: the public part of `dossier.json` (`None` when plain).
    pub fn encryption(&self) -> Option<&Encryption> {
        self.encryption.as_ref()
    }

    /// What opens this catalogue again without asking (its key, while it is open):
    /// `None` for a plain catalogue.
    pub fn secret_to_reopen(&self) -> Option<Secret> {
        self.key.clone().map(Secret::Key)
    }

    /// Where thumbnails are kept.
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
            && (self.index.contains_key(&id) || self.is_deferred(&id))
        {
            return Ok(id);
        }
        let wanted = text.trim().to_ascii_lowercase().replace('-', "");
        if wanted.len() < 4 {
            return Err(StoreError::UnknownRecord(text.to_string()));
        }
        let deferred = self
            .deferred
            .as_ref()
            .map(|d| d.places.iter().map(|(id, ..)| id));
        let matches: Vec<RecordId> = (self.records.iter().map(|r| r.id))
            .chain(deferred.into_iter().flatten())
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
}
