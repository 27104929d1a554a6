use std::io;
use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// What can go wrong making, checking or receiving a package, in words for a person.
// Each variant's message (in `error_text.rs`, from the message files) is its
// documentation: it is what a person reads.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    Store(#[from] StoreError),

    Audit(#[from] crate::audit::AuditError),

    UnknownRecipient(String),

    Exists(PathBuf),

    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    OriginalChanged {
        name: String,
        path: PathBuf,
        expected: Box<crate::model::Sha256>,
        found: Box<crate::model::Sha256>,
    },

    RecordChangedOnDisk {
        path: PathBuf,
        expected: Box<crate::model::Sha256>,
        found: Box<crate::model::Sha256>,
    },

    CannotStrip {
        name: String,
        reason: String,
    },

    RecipientRefused(String),

    Cancelled,

    NotAPackage {
        path: PathBuf,
        reason: String,
    },

    Unsafe {
        path: PathBuf,
        entry: String,
        reason: String,
    },

    TooLarge {
        path: PathBuf,
        what: String,
    },

    NoRoom {
        path: PathBuf,
        needed: u64,
        free: u64,
    },

    FailsVerification {
        path: PathBuf,
        problems: Vec<String>,
    },

    WrongPackagePassphrase(PathBuf),

    ShortPackagePassphrase(usize),
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
