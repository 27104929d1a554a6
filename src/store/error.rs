//! What can go wrong with a catalogue on disk, in words for the person using it.

use std::io;
use std::path::{Path, PathBuf};

use std::fmt;

use super::layout::FORMAT_VERSION;
use super::lock::LockHolder;
use crate::audit::AuditError;
pub use crate::durable::describe_io;
use crate::model::{RecordId, Sha256};

// Each variant's `#[error]` message is its documentation: it is what a person reads.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("The folder {} does not exist. Was it moved or renamed, or is its drive unplugged?", .0.display())]
    FolderMissing(PathBuf),

    #[error("{} is not a Dossier catalogue: {reason}", path.display())]
    NotACatalogue { path: PathBuf, reason: String },

    #[error("Cannot create a catalogue in {}: {reason}", path.display())]
    CannotCreate { path: PathBuf, reason: String },

    #[error("This catalogue is read-only: {0}. Nothing was changed.")]
    ReadOnly(ReadOnlyReason),

    #[error("There is no record {0} in this catalogue.")]
    UnknownRecord(String),

    #[error("'{prefix}' matches {count} records; give more of the id.")]
    AmbiguousId { prefix: String, count: usize },

    #[error("There is no record {0} in the trash.")]
    NotInTrash(RecordId),

    #[error("A record cannot be merged with itself.")]
    MergeWithItself,

    #[error("A person cannot be marked as different from themselves: give two different records.")]
    DistinctFromItself,

    #[error("'{title}' is a {kind}, not a person; only persons can be merged or told apart.")]
    NotAPerson { title: String, kind: &'static str },

    #[error(
        "'{0}' was changed outside Dossier, and no one has accepted that change yet. Accept it for review (or restore the logged version) first; nothing was approved."
    )]
    ApproveOutsideChange(String),

    #[error(
        "You submitted '{0}' for review (or changed it since), so another person must approve it: this catalogue asks for two people for every approval. A single-person office can turn that off (dossier catalogue PATH --two-people off, or Preferences in the app)."
    )]
    OwnSubmission(String),

    #[error(
        "Record {0} was changed outside Dossier since; that change waits for a person to accept or restore it, so Undo left it alone."
    )]
    UndoOverOutsideChange(RecordId),

    #[error("Record {0} has no change from outside Dossier waiting for a decision.")]
    NoOutsideChange(RecordId),

    #[error(
        "Record {0} was added outside Dossier, so there is no logged version to restore. Accept it for review, or move it to the trash."
    )]
    NoLoggedVersion(RecordId),

    #[error(
        "{file} is not the version logged at entry {seq}: its SHA-256 is {found}, the log has {expected}. Nothing was changed."
    )]
    NotTheLoggedVersion {
        file: String,
        seq: u64,
        found: Sha256,
        expected: Sha256,
    },

    #[error("{file} cannot be read as a record: {problem}")]
    NotARecord { file: String, problem: String },

    #[error("{file} holds record {found}, not {wanted}. Nothing was changed.")]
    OtherRecord {
        file: String,
        found: RecordId,
        wanted: RecordId,
    },

    #[error("A catalogue needs a title.")]
    NoTitle,

    #[error("{0}")]
    BadRecipient(String),

    #[error("{} could not be read, so it is not overwritten. Fix or move it, then open the catalogue again.", .0.display())]
    UnreadableList(PathBuf),

    #[error("A {0} needs a name.")]
    NoName(&'static str),

    #[error("There is already a {what} named '{name}'.")]
    NameTaken { what: &'static str, name: String },

    #[error("Cannot import {}: {reason}", path.display())]
    CannotImport { path: PathBuf, reason: String },

    #[error(transparent)]
    Audit(#[from] AuditError),

    #[error("Could not {action} {}: {}", path.display(), describe_io(source))]
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
