//! What can go wrong reading or appending to the log, in words for a person.

use std::io;
use std::path::{Path, PathBuf};

/// The log could not be read or added to; the message names the file.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::durable::could_not(.action, .path, .source))]
pub struct AuditError {
    /// What was being done ("append to", "read"...).
    pub action: &'static str,
    /// The file.
    pub path: PathBuf,
    /// The system's error.
    #[source]
    pub source: io::Error,
}

impl AuditError {
    /// A failed file operation: `action` as in "could not {action} {path}".
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        AuditError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// True when the disk had no room; nothing was written.
    pub fn is_disk_full(&self) -> bool {
        self.source.kind() == io::ErrorKind::StorageFull
    }
}
