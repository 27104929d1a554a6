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
    if missing.is_empty() {
        return Ok(RelinkReport::default());
    }
    let mut search = Search {
        blobs,
        log,
        actor,
        wanted: missing.clone(),
        report: RelinkReport::default(),
    };
    let sizes: std::collections::HashSet<u64> = missing.values().map(|(_, s)| *s).collect();
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
            if !ft.is_file() || search.wanted.is_empty() {
                continue;
            }
            search.report.files_seen += 1;
            progress(search.report.files_seen);
            let size = entry.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
            let name = entry.file_name().to_string_lossy().into_owned();
            let same_name = by_name.get(name.as_str()).copied();
            if !sizes.contains(&size) && same_name.is_none() {
                continue;
            }
            let Ok(sha) = hash_file(&path) else { continue };
            look_at(&mut search, path, sha, same_name)?;
        }
    }
    let mut report = search.report;
    report.still_missing = search
        .wanted
        .into_iter()
        .map(|(sha, (name, _))| (sha, name))
        .collect();
    Ok(report)
}

/// A search for missing originals under way.
struct Search<'a> {
    blobs: &'a BlobStore,
    log: &'a AuditLog,
    actor: &'a str,
    /// What is still missing: sha256 -> (name, size).
    wanted: BTreeMap<Sha256, (String, u64)>,
    report: RelinkReport,
}

/// A file whose hash is `sha`: restored when it is a missing original (copied in and
/// hashed again as it goes, the restore logged); refused, saying why, when it only has
/// the name of one (`same_name`, that original's hash).
fn look_at(
    search: &mut Search<'_>,
    path: PathBuf,
    sha: Sha256,
    same_name: Option<&Sha256>,
) -> Result<(), StoreError> {
    if search.wanted.contains_key(&sha) {
        let ingested = search.blobs.ingest(&path, &mut |_| {})?;
        if ingested.sha256 != sha {
            search
                .report
                .refused
                .push((path, "it changed while being copied; try again".into()));
            return Ok(());
        }
        let (orig_name, _) = search.wanted.remove(&sha).unwrap_or_default();
        search
            .log
            .append(&[AuditDraft::new(search.actor, Action::Relinked)
                .attachment(&sha)
                .note(format!("restored '{orig_name}' from {}", path.display()))
                .detail("source_path", path.to_string_lossy().into_owned())])?;
        search.report.restored.push((sha, path));
    } else if let Some(expected) = same_name
        && search.wanted.contains_key(expected)
    {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        search.report.refused.push((
            path,
            format!(
                "it has the name of the missing original '{name}' but other contents (sha256 {sha}, expected {expected})"
            ),
        ));
    }
    Ok(())
}
