//! What can go wrong with a catalogue on disk, in words for the person using it.

use std::io;
use std::path::{Path, PathBuf};

use std::fmt;

use super::layout::FORMAT_VERSION;
use super::lock::LockHolder;
use crate::audit::AuditError;
pub use crate::durable::describe_io;
use crate::model::RecordId;

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

    #[error("{0}")]
    Invalid(String),

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
