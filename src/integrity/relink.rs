//! "Locate missing originals": look through a folder (or a whole drive) for files whose
//! SHA-256 matches an original the catalogue is missing, and put them back. Only exact
//! bytes are accepted; a file that merely has the right name is refused. Each restore is
//! logged as it happens.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::audit::{Action, AuditDraft, AuditLog};
use crate::durable::hash_file;
use crate::model::Sha256;
use crate::store::{BlobStore, StoreError};

/// What a search for missing originals did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelinkReport {
    /// (sha256, the file it was restored from).
    pub restored: Vec<(Sha256, PathBuf)>,
    /// Files that looked like a missing original but were not: (file, why).
    pub refused: Vec<(PathBuf, String)>,
    /// Originals still missing: (sha256, name).
    pub still_missing: Vec<(Sha256, String)>,
    /// Files looked at in the folder.
    pub files_seen: usize,
}

/// Searches `folder` for the originals listed in `missing` (sha256 -> (name, size)),
/// restores each exact match into `blobs`, and appends a `relinked` entry to `log` for
/// each. Symbolic links are not followed. Calls `progress` with files seen so far.
pub fn relink(
    blobs: &BlobStore,
    log: &AuditLog,
    missing: &BTreeMap<Sha256, (String, u64)>,
    folder: &Path,
    actor: &str,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<RelinkReport, StoreError> {
    let meta =
        std::fs::symlink_metadata(folder).map_err(|e| StoreError::io("search", folder, e))?;
    if !meta.is_dir() {
        return Err(StoreError::CannotImport {
            path: folder.to_path_buf(),
            reason: "it is not a folder".into(),
        });
    }
    let mut report = RelinkReport::default();
    if missing.is_empty() {
        return Ok(report);
    }
    let mut wanted: BTreeMap<Sha256, (String, u64)> = missing.clone();
    let sizes: std::collections::HashSet<u64> = wanted.values().map(|(_, s)| *s).collect();
    let by_name: HashMap<&str, &Sha256> = missing
        .iter()
        .map(|(sha, (name, _))| (name.as_str(), sha))
        .collect();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(ft) = entry.file_type() else { continue };
            let path = entry.path();
            if ft.is_symlink() {
                continue;
            }
            if ft.is_dir() {
                stack.push(path);
                continue;
            }
            if !ft.is_file() || wanted.is_empty() {
                continue;
            }
            report.files_seen += 1;
            progress(report.files_seen);
            let size = entry.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
            let name = entry.file_name().to_string_lossy().into_owned();
            let same_name = by_name.get(name.as_str()).copied();
            if !sizes.contains(&size) && same_name.is_none() {
                continue;
            }
            let Ok(sha) = hash_file(&path) else { continue };
            if wanted.contains_key(&sha) {
                // Copy it in, hashing again as it is copied: the stored bytes must match.
                let ingested = blobs.ingest(&path, &mut |_| {})?;
                if ingested.sha256 != sha {
                    report.refused.push((
                        path.clone(),
                        "it changed while being copied; try again".into(),
                    ));
                    continue;
                }
                let (orig_name, _) = wanted.remove(&sha).unwrap_or_default();
                log.append(&[AuditDraft::new(actor, Action::Relinked)
                    .attachment(&sha)
                    .note(format!("restored '{orig_name}' from {}", path.display()))
                    .detail("source_path", path.to_string_lossy().into_owned())])?;
                report.restored.push((sha, path));
            } else if let Some(expected) = same_name
                && wanted.contains_key(expected)
            {
                report.refused.push((
                    path,
                    format!(
                        "it has the name of the missing original '{name}' but other contents (sha256 {sha}, expected {expected})"
                    ),
                ));
            }
        }
    }
    report.still_missing = wanted
        .into_iter()
        .map(|(sha, (name, _))| (sha, name))
        .collect();
    Ok(report)
}
