//! A catalogue's changes as values: a `WriteBatch` of file operations (audit entries first,
//! then the files they describe), built in memory by the catalogue and applied in order by
//! the CLI at once or by the app's writer thread. Every byte goes through `durable`.

use std::path::PathBuf;

use super::StoreError;
use crate::audit::{AuditDraft, AuditLog};
use crate::durable;
use crate::durable::vault::Vault;

/// One change to the catalogue's files.
#[derive(Debug, Clone, PartialEq)]
pub enum FsOp {
    /// Write one file atomically (temp file, fsync, rename, fsync of its folder), sealed
    /// first when the vault is an encrypted catalogue's.
    Write {
        /// Where.
        path: PathBuf,
        /// What (plain: the vault seals it).
        bytes: Vec<u8>,
        /// The catalogue's way to its files.
        vault: Vault,
    },
    /// Many files in one go (bulk edits): each sealed when the vault says so, written to a
    /// temp file, fsynced and renamed into place; each folder fsynced once at the end.
    WriteMany {
        /// The files and their new contents (plain).
        files: Vec<(PathBuf, Vec<u8>)>,
        /// The catalogue's way to its files.
        vault: Vault,
    },
    /// Move a file (durably).
    Rename {
        /// From.
        from: PathBuf,
        /// To.
        to: PathBuf,
    },
    /// Remove a file (durably).
    Remove {
        /// The file.
        path: PathBuf,
    },
    /// Append entries to the audit log (their place in the chain is fixed when applied).
    Audit {
        /// The catalogue's log.
        log: AuditLog,
        /// The entries to append.
        drafts: Vec<AuditDraft>,
    },
    /// Check that a record file is still the version this save was made from (its
    /// SHA-256, as the catalogue last read or wrote it): a file another program or desktop
    /// changed meanwhile is never written over. Comes first in a batch, so a failure
    /// leaves everything as it was.
    Expect {
        /// The record file.
        path: PathBuf,
        /// The SHA-256 of its plain bytes as the catalogue knows them.
        sha256: crate::model::Sha256,
        /// The catalogue's way to its files.
        vault: Vault,
    },
    /// Append the entry unless the log already ends with this record's hash (retries).
    AuditIfNeeded {
        /// The catalogue's log.
        log: AuditLog,
        /// The entry to append.
        draft: AuditDraft,
    },
}

impl FsOp {
    /// Carries the operation out, naming the file in any error.
    pub fn apply(&self) -> Result<(), StoreError> {
        match self {
            FsOp::Write { path, bytes, vault } => vault
                .write_atomic(path, bytes.clone())
                .map_err(|e| StoreError::io("save", path, e)),
            FsOp::WriteMany { files, vault } => {
                let sealed = files
                    .iter()
                    .map(|(path, bytes)| {
                        let sealed = vault.seal(path, bytes.clone());
                        sealed
                            .map(|b| (path.clone(), b))
                            .map_err(|e| (path.clone(), e))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|(path, e)| StoreError::io("save", &path, e))?;
                durable::write_many(&sealed).map_err(|(path, e)| StoreError::io("save", &path, e))
            }
            FsOp::Rename { from, to } => {
                durable::rename_durable(from, to).map_err(|e| StoreError::io("move", from, e))
            }
            FsOp::Audit { log, drafts } => Ok(log.append(drafts).map(|_| ())?),
            FsOp::Expect {
                path,
                sha256,
                vault,
            } => {
                let changed = || std::io::Error::other(crate::t!("error-changed-underneath"));
                match vault.read(path) {
                    Ok(bytes) if durable::hash_bytes(&bytes) == *sha256 => Ok(()),
                    Ok(_) => Err(StoreError::io("save", path, changed())),
                    // Unreadable as the catalogue seals it: changed too.
                    Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                        Err(StoreError::io("save", path, changed()))
                    }
                    // Gone, or not allowed: said as it is (a drive unplugged...).
                    Err(e) => Err(StoreError::io("save", path, e)),
                }
            }
            FsOp::AuditIfNeeded { log, draft } => Ok(log.ensure_logged(draft)?),
            FsOp::Remove { path } => {
                durable::remove_durable(path).map_err(|e| StoreError::io("delete", path, e))
            }
        }
    }
}

/// The file changes one edit makes, applied in order: the audit entries first, then the
/// files they describe. Built in memory by the catalogue, so the GUI can hand it to its
/// writer thread while the CLI applies it at once.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use = "a WriteBatch changes nothing until it is applied"]
pub struct WriteBatch {
    /// The changes, applied in order.
    pub ops: Vec<FsOp>,
    /// What the edit was, for the status bar: "Saved 'Report 3'".
    pub summary: String,
}

impl WriteBatch {
    /// An empty batch; `summary` says what it does (for the status line and errors).
    pub fn new(summary: impl Into<String>) -> Self {
        WriteBatch {
            ops: Vec::new(),
            summary: summary.into(),
        }
    }

    /// Adds a change.
    pub fn push(&mut self, op: FsOp) {
        self.ops.push(op);
    }

    /// Adds every change of another batch, after this one's.
    pub fn extend(&mut self, other: WriteBatch) {
        self.ops.extend(other.ops);
    }

    /// Whether the batch changes nothing.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Applies every operation in order; stops at the first error and returns it.
    pub fn apply(&self) -> Result<(), StoreError> {
        self.ops.iter().try_for_each(FsOp::apply)
    }
}
