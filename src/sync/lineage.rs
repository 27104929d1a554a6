//! A better base for a record both sides changed, from this desktop's own log.
//!
//! Git's merge base is a commit: right for the folder, too old for a record this desktop
//! already took from the other side after it. That happens when a sync is stopped after
//! writing what it took but before committing it: the next sync commits those files as
//! this desktop's own change on the old tip, so the record looks changed on both sides
//! since the merge base, and a later version from the other side would meet an older one
//! of its own as a conflict (or lose to it). This desktop's log knows better: it says which
//! version from the other side each record it holds was taken or merged from. When the
//! other side's history since the merge base holds that version, it is the record's base.

use std::collections::HashMap;

use crate::audit::{Action, AuditEntry};
use crate::model::{RecordId, Sha256};

/// How far back through a record's entries the walk goes.
const STEPS: usize = 64;

/// The detail of a `merged-by-sync` entry that names the other side's version merged in
/// (the SHA-256 of its plain file).
pub(super) const THEIRS_DETAIL: &str = "theirs";

/// The plain SHA-256 of the newest version from another desktop that this desktop's
/// version `current` of record `id` was taken or merged from, through this desktop's own
/// edits since. `None` when the log does not say (a change found outside Dossier, a record
/// made here, an entry older than this rule).
pub(super) fn taken_from(
    entries: &[AuditEntry],
    id: &RecordId,
    current: &Sha256,
) -> Option<Sha256> {
    let own: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| e.record.as_ref() == Some(id))
        .collect();
    let mut want = current.clone();
    let mut limit = own.len();
    for _ in 0..STEPS {
        // The entry that made this content (a repair only says it stayed as it was).
        let at = own[..limit].iter().rposition(|e| {
            e.action != Action::Repaired && e.record_sha256.as_ref() == Some(&want)
        })?;
        let entry = own[at];
        match entry.action {
            Action::ReceivedBySync => return entry.record_sha256.clone(),
            Action::MergedBySync => {
                let theirs = entry.details.get(THEIRS_DETAIL)?.as_str()?;
                return Sha256::parse(theirs).ok();
            }
            Action::ChangedOutside | Action::Created => return None,
            _ => {}
        }
        // An edit: what it was made on is the version the entry before it left.
        want = own[..at].last()?.record_sha256.clone()?;
        limit = at;
    }
    None
}

/// Among the other side's versions of each record (plain SHA-256 and the version, newest
/// first), the newest one this desktop's version came from.
pub(super) fn pick<V: Clone>(
    wanted: &HashMap<RecordId, Sha256>,
    theirs: &HashMap<RecordId, Vec<(Sha256, V)>>,
) -> HashMap<RecordId, V> {
    wanted
        .iter()
        .filter_map(|(id, sha)| {
            let found = theirs.get(id)?.iter().find(|(s, _)| s == sha)?;
            Some((*id, found.1.clone()))
        })
        .collect()
}
