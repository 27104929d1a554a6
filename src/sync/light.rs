//! A sync from the command line without the whole catalogue open: its lock, keys and
//! this desktop's log are enough when every record file changed since the last sync is
//! the version this desktop's log says it wrote or took. Anything else (a file changed
//! outside Dossier, a save cut short, a move between `records/` and `trash/` not
//! finished, a file git does not expect, originals a sync could not fetch) and the sync
//! opens the whole catalogue, which finds, logs and repairs it as every opening does.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::git::{Engine, SystemGit};
use super::run::MISSING_KEY;
use super::target::{SyncTarget, record_id};
use super::{SyncError, SyncSummary, repo_of};
use crate::durable::hash_bytes;
use crate::model::{RecordId, Sha256};
use crate::store::{CatalogueFiles, RECORDS_DIR, TRASH_DIR};

/// Syncs the catalogue `files` opened, when they are enough; `None` (and nothing done,
/// the lock given back) when the whole catalogue must be opened first.
pub fn sync_files_only(
    files: CatalogueFiles,
    remote: Option<&str>,
    actor: &str,
    progress: &mut dyn FnMut(&str),
) -> Result<Option<SyncSummary>, SyncError> {
    let target = SyncTarget::files_only(Arc::new(files));
    let (git, _) = repo_of(target.root())?;
    let Some(tree) = enough(&git, &target)? else {
        return Ok(None);
    };
    super::run::sync_from(&target, remote, actor, progress, Some(tree)).map(Some)
}

/// Whether what changed since the last sync is all this desktop's own, logged work: the
/// folder's tree when it is, `None` when the whole catalogue must be opened.
fn enough(git: &SystemGit, cat: &SyncTarget) -> Result<Option<String>, SyncError> {
    if git.config(MISSING_KEY)?.is_some_and(|n| n.trim() != "0") {
        return Ok(None);
    }
    let Some(head) = git.head()? else {
        return Ok(None);
    };
    let tree = git.snapshot_tree()?;
    let mut ids = BTreeSet::new();
    for path in git.changed_paths(Some(&head), &tree)? {
        match record_id(&path) {
            Some(id) => {
                ids.insert(id);
            }
            None if expected(&path) => {}
            None => return Ok(None),
        }
    }
    // A save cut short leaves its entries at the end of the log, its files maybe unwritten.
    let audit = cat.audit();
    if let Some(start) = audit.last_append_start() {
        audit.with_entries(|entries| {
            ids.extend(
                entries
                    .iter()
                    .filter(|e| e.seq >= start)
                    .filter_map(|e| e.record),
            );
        });
    }
    let states = audit.record_states();
    for id in ids {
        let Some(want) = states
            .get(&id)
            .filter(|s| s.own)
            .and_then(|s| s.sha256.clone())
        else {
            return Ok(None);
        };
        if file_sha(cat, &id) != Some(want) {
            return Ok(None);
        }
    }
    Ok(Some(tree))
}

/// Files other than records that only Dossier writes there.
fn expected(path: &str) -> bool {
    matches!(
        path,
        "dossier.json" | "audit.jsonl" | "recipients.json" | "views.json"
    ) || (path.starts_with("audit/") && path.ends_with(".jsonl"))
}

/// The SHA-256 of the record's plain file, when exactly one of its two places holds it.
fn file_sha(cat: &SyncTarget, id: &RecordId) -> Option<Sha256> {
    let [live, trashed] = [RECORDS_DIR, TRASH_DIR].map(|d| {
        let path = cat.root().join(d).join(format!("{id}.json"));
        cat.vault().read(&path).ok()
    });
    match (live, trashed) {
        (Some(plain), None) | (None, Some(plain)) => Some(hash_bytes(&plain)),
        _ => None,
    }
}
