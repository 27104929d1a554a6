//! Why a sync could not be done, in the chosen language (the message files hold the
//! words; the command line's thread says them in English).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::store::StoreError;
use crate::t;

/// Why a sync could not be done.
#[derive(Debug)]
pub enum SyncError {
    /// `git` is not on this computer.
    NoGit,
    /// Git refused or failed; its own words.
    Git(String),
    /// The catalogue has not been set up for sync.
    NotSetUp(String),
    /// No remote of that name.
    NoSuchRemote(String),
    /// Other desktops kept pushing while this one tried to (its name).
    RemoteBusy(String),
    /// The remote holds another catalogue.
    Unrelated {
        /// The remote's name.
        remote: String,
        /// Its catalogue's id.
        theirs: String,
        /// This one's.
        ours: String,
    },
    /// Another copy writes this desktop's log: the folder was copied, not cloned.
    SharedLog {
        /// The log file.
        file: String,
    },
    /// An original from the remote is not what its name says.
    BadOriginal {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The catalogue refused.
    Store(StoreError),
}

impl SyncError {
    pub(super) fn io(path: &Path, source: std::io::Error) -> SyncError {
        SyncError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SyncError::NoGit => t!("sync-error-no-git"),
            SyncError::Git(said) => t!(
                "sync-error-git",
                said = crate::text::one_line(said).into_owned()
            ),
            SyncError::NotSetUp(path) => t!("sync-error-not-set-up", path = path.clone()),
            SyncError::RemoteBusy(name) => t!(
                "sync-error-busy",
                name = crate::text::one_line(name).into_owned()
            ),
            SyncError::NoSuchRemote(name) => t!(
                "sync-error-no-remote",
                name = crate::text::one_line(name).into_owned()
            ),
            SyncError::Unrelated {
                remote,
                theirs,
                ours,
            } => t!(
                "sync-error-unrelated",
                remote = remote.clone(),
                theirs = theirs.clone(),
                ours = ours.clone()
            ),
            SyncError::SharedLog { file } => t!("sync-error-shared-log", file = file.clone()),
            SyncError::BadOriginal { path, reason } => t!(
                "sync-error-bad-original",
                path = path.display().to_string(),
                reason = reason.clone()
            ),
            SyncError::Io { path, source } => crate::durable::could_not("use", path, source),
            SyncError::Store(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SyncError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SyncError::Io { source, .. } => Some(source),
            SyncError::Store(e) => Some(e),
            _ => None,
        }
    }
}
