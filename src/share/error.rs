use std::io;
use std::path::{Path, PathBuf};

use crate::store::{StoreError, describe_io};

/// What can go wrong making, checking or receiving a package, in words for a person.
// Each variant's `#[error]` message is its documentation: it is what a person reads.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error(transparent)]
    Store(#[from] StoreError),

    #[error(transparent)]
    Audit(#[from] crate::audit::AuditError),

    #[error(
        "There is no recipient named '{0}'. Add it first (dossier recipients PATH add NAME --kind K --max-label L)."
    )]
    UnknownRecipient(String),

    #[error("{} already exists. Choose a new name: a package never overwrites anything.", .0.display())]
    Exists(PathBuf),

    #[error("Could not {action} {}: {}", path.display(), describe_io(source))]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("The original {name} ({}) no longer matches its SHA-256 (expected {expected}, found {found}). Nothing was exported; run Verify.", path.display())]
    OriginalChanged {
        name: String,
        path: PathBuf,
        expected: crate::model::Sha256,
        found: crate::model::Sha256,
    },

    #[error("{} changed on disk after the package was planned (SHA-256 {found}, planned {expected}): it was changed outside Dossier and has not been reviewed in that form. Nothing was written; open the catalogue again so that the change is logged and held back.", path.display())]
    RecordChangedOnDisk {
        path: PathBuf,
        expected: crate::model::Sha256,
        found: crate::model::Sha256,
    },

    #[error(
        "{name} could not be copied without its embedded metadata ({reason}). Nothing was written; keep its metadata deliberately to send it as it is, or leave it out."
    )]
    CannotStrip { name: String, reason: String },

    #[error("Nothing was shared: {0}")]
    RecipientRefused(String),

    #[error("The export was cancelled; nothing was written and nothing was logged.")]
    Cancelled,

    #[error("{} is not a Dossier share package: {reason}", path.display())]
    NotAPackage { path: PathBuf, reason: String },

    #[error("{} was refused: entry '{entry}' {reason}. Nothing was unpacked.", path.display())]
    Unsafe {
        path: PathBuf,
        entry: String,
        reason: String,
    },

    #[error("{} is larger than Dossier receives: {what}. Nothing was received.", path.display())]
    TooLarge { path: PathBuf, what: String },

    #[error("There is not enough room on the disk of {} to receive this package: it needs {}, and {} is free. Free some space, or receive it into a catalogue on another drive; nothing was received.", path.display(), crate::media::human_size(*needed), crate::media::human_size(*free))]
    NoRoom {
        path: PathBuf,
        needed: u64,
        free: u64,
    },

    #[error("{} fails verification, so it was not received:\n{}", path.display(), problems.join("\n"))]
    FailsVerification {
        path: PathBuf,
        problems: Vec<String>,
    },
}

impl ShareError {
    /// A failed file operation: `action` as in "could not {action} {path}".
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        ShareError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}
