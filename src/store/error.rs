//! What can go wrong with a catalogue on disk, in words for the person using it.

use std::io;
use std::path::{Path, PathBuf};

use super::lock::LockHolder;
use crate::audit::AuditError;
pub use crate::durable::describe_io;
use crate::model::{RecordId, Sha256};

// Each variant's message (in `error_text.rs`, from the message files) is its
// documentation: it is what a person reads.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    FolderMissing(PathBuf),

    NotACatalogue {
        path: PathBuf,
        reason: String,
    },

    CannotCreate {
        path: PathBuf,
        reason: String,
    },

    ReadOnly(ReadOnlyReason),

    UnknownRecord(String),

    AmbiguousId {
        prefix: String,
        count: usize,
    },

    NotInTrash(RecordId),

    MergeWithItself,

    DistinctFromItself,

    NotAPerson {
        title: String,
        kind: &'static str,
    },

    ApproveOutsideChange(String),

    OwnSubmission(String),

    UndoOverOutsideChange(RecordId),

    NoOutsideChange(RecordId),

    NoLoggedVersion(RecordId),

    NotTheLoggedVersion {
        file: String,
        seq: u64,
        found: Box<Sha256>,
        expected: Box<Sha256>,
    },

    NotARecord {
        file: String,
        problem: String,
    },

    OtherRecord {
        file: String,
        found: RecordId,
        wanted: RecordId,
    },

    NoTitle,

    BadRecipient(String),

    UnreadableList(PathBuf),

    NoName(&'static str),

    NameTaken {
        what: &'static str,
        name: String,
    },

    CannotImport {
        path: PathBuf,
        reason: String,
    },

    Locked(PathBuf),

    WrongSecret {
        path: PathBuf,
        recovery: bool,
    },

    ShortPassphrase(usize),

    LastPassphrase,

    ConversionInterrupted {
        path: PathBuf,
        encrypting: bool,
    },

    ConvertingFailed {
        path: PathBuf,
        reason: String,
    },

    NotEncrypted(PathBuf),

    NoSuchPassphrase(String),

    Audit(#[from] AuditError),

    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    /// A failed file operation: `action` as in "could not {action} {path}".
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// True when the disk had no room; nothing was written and nothing was lost.
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Io { source, .. } => source.kind() == io::ErrorKind::StorageFull,
            StoreError::Audit(e) => e.is_disk_full(),
            _ => false,
        }
    }
}

/// Why a catalogue opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Opened read-only on purpose (the CLI's read commands, for instance).
    Requested,
    /// Written by a newer Dossier, whose format this version may not fully understand.
    NewerFormat {
        /// The format version found in `dossier.json`.
        found: u32,
    },
    /// Another Dossier has it open for writing.
    OpenElsewhere(Option<LockHolder>),
    /// The folder cannot be written (read-only drive, or no permission).
    NotWritable(String),
    /// It holds a share package received from another office.
    Received {
        /// The package's id.
        package_id: String,
        /// Who sent it, as the package says.
        sent_by: String,
    },
}
