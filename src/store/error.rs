//! What can go wrong with a catalogue on disk, in words for the person using it.

use std::io;
use std::path::{Path, PathBuf};

use super::ReadOnlyReason;
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
        matches!(self, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::StorageFull)
    }
}

/// An I/O error in words, with what the person can do about it.
pub fn describe_io(err: &io::Error) -> String {
    use io::ErrorKind::*;
    match err.kind() {
        StorageFull => {
            "the disk is full. Free some space, then save again; nothing saved before was lost"
                .into()
        }
        PermissionDenied => "permission denied. Check that you may write to this folder".into(),
        ReadOnlyFilesystem => "the drive is read-only".into(),
        NotFound => "it does not exist (was it moved, deleted, or its drive unplugged?)".into(),
        QuotaExceeded => "your disk quota is used up. Free some space, then save again".into(),
        _ => err.to_string(),
    }
}
