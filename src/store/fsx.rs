//! The only place where catalogue bytes are written.
//!
//! Every write is atomic: the bytes go to a temp file in the target's folder, are fsynced,
//! renamed over the target, and the folder is fsynced. A crash at any moment leaves the old
//! version or the new one, never a torn file. Temp files start with `.` and end in `.tmp`;
//! readers skip them.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::StoreError;
use crate::audit::{AuditDraft, AuditLog};

/// True for names this module uses for temp files; readers must skip them.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// A fresh temp path in `dir`, named after `hint`.
pub fn temp_path(dir: &Path, hint: &str) -> PathBuf {
    dir.join(format!(".{hint}.{}.tmp", uuid::Uuid::now_v7().simple()))
}

/// Writes `bytes` to `path` atomically (temp file, fsync, rename, fsync of the folder).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A bare file name ("list.csv") is in the current folder, whose name is "." not "".
    let dir = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "no parent folder",
            ));
        }
    };
    let hint = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = temp_path(dir, &hint);
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Makes a folder's entries (new names, renames) durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Writes each file atomically, fsyncing each folder once rather than once per file.
fn write_many(files: &[(PathBuf, Vec<u8>)]) -> Result<(), StoreError> {
    let mut dirs = std::collections::BTreeSet::new();
    for (path, bytes) in files {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let tmp = temp_path(dir, name);
        let written = (|| {
            let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            drop(file);
            fs::rename(&tmp, path)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(StoreError::io("save", path, e));
        }
        dirs.insert(dir.to_path_buf());
    }
    for dir in dirs {
        sync_dir(&dir).map_err(|e| StoreError::io("save", &dir, e))?;
    }
    Ok(())
}

/// Renames durably: both folders are fsynced afterwards.
pub fn rename_durable(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    if let Some(dir) = to.parent() {
        sync_dir(dir)?;
    }
    match (from.parent(), to.parent()) {
        (Some(a), Some(b)) if a != b => sync_dir(a),
        _ => Ok(()),
    }
}

/// One change to the catalogue's files.
#[derive(Debug, Clone, PartialEq)]
pub enum FsOp {
    Write {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    /// Many files in one go (bulk edits): each written to a temp file, fsynced and renamed
    /// into place; each folder fsynced once at the end.
    WriteMany {
        files: Vec<(PathBuf, Vec<u8>)>,
    },
    Rename {
        from: PathBuf,
        to: PathBuf,
    },
    Remove {
        path: PathBuf,
    },
    /// Append entries to the audit log (their place in the chain is fixed when applied).
    Audit {
        log: AuditLog,
        drafts: Vec<AuditDraft>,
    },
    /// Append the entry unless the log already ends with this record's hash (retries).
    AuditIfNeeded {
        log: AuditLog,
        draft: AuditDraft,
    },
}

impl FsOp {
    /// Carries the operation out, naming the file in any error.
    pub fn apply(&self) -> Result<(), StoreError> {
        match self {
            FsOp::Write { path, bytes } => {
                write_atomic(path, bytes).map_err(|e| StoreError::io("save", path, e))
            }
            FsOp::WriteMany { files } => write_many(files),
            FsOp::Rename { from, to } => {
                rename_durable(from, to).map_err(|e| StoreError::io("move", from, e))
            }
            FsOp::Audit { log, drafts } => log.append(drafts).map(|_| ()),
            FsOp::AuditIfNeeded { log, draft } => log.ensure_logged(draft),
            FsOp::Remove { path } => match fs::remove_file(path) {
                Ok(()) => path
                    .parent()
                    .map(sync_dir)
                    .transpose()
                    .map(|_| ())
                    .map_err(|e| StoreError::io("delete", path, e)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(StoreError::io("delete", path, e)),
            },
        }
    }
}

/// The file changes one edit makes, applied in order: the audit entries first, then the
/// files they describe. Built in memory by the catalogue, so the GUI can hand it to its
/// writer thread while the CLI applies it at once.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use = "a WriteBatch changes nothing until it is applied"]
pub struct WriteBatch {
    pub ops: Vec<FsOp>,
    /// What the edit was, for the status bar: "Saved 'Report 3'".
    pub summary: String,
}

impl WriteBatch {
    pub fn new(summary: impl Into<String>) -> Self {
        WriteBatch {
            ops: Vec::new(),
            summary: summary.into(),
        }
    }

    pub fn push(&mut self, op: FsOp) {
        self.ops.push(op);
    }

    pub fn extend(&mut self, other: WriteBatch) {
        self.ops.extend(other.ops);
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Applies every operation in order; stops at the first error and returns it.
    pub fn apply(&self) -> Result<(), StoreError> {
        self.ops.iter().try_for_each(FsOp::apply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new contents").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new contents");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_folder() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("dossier-bare-{}.csv", std::process::id());
        let here = std::env::current_dir().unwrap();
        // Tests share the process's current folder: write relative to it and clean up.
        write_atomic(Path::new(&name), b"a,b").unwrap();
        assert_eq!(fs::read(here.join(&name)).unwrap(), b"a,b");
        fs::remove_file(here.join(&name)).unwrap();
        drop(dir);
    }

    #[test]
    fn a_failed_write_keeps_the_old_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        // A folder where the file should be renamed to makes the rename fail.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), b"x").unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert!(
            fs::read_dir(dir.path())
                .unwrap()
                .all(|e| !is_temp_name(&e.unwrap().file_name().to_string_lossy()))
        );
    }
}
