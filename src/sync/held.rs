//! A record another desktop holds back as changed outside Dossier stays held back here
//! when a sync brings it: the other desktop's log says the version was not written by
//! Dossier, and no one there has accepted it for review or restored the logged version.
//! Taking it as vouched would let a hand-edited file (an approval or a lower label typed
//! into it) be shared from this desktop. Here it is logged as changed outside, as if it
//! had been found on opening, and a person settles it here as there.

use std::collections::{HashMap, HashSet};

use super::target::SyncTarget;
use crate::audit::{AuditDraft, AuditEntry, outside_after};
use crate::model::{RecordId, Sha256};
use crate::store::OutsideChange;

/// The records whose latest entry in these logs (by clock) leaves them held back as
/// changed outside Dossier in that log.
pub(super) fn held_elsewhere(logs: &[Vec<AuditEntry>]) -> HashSet<RecordId> {
    let mut latest: HashMap<RecordId, (u64, bool)> = HashMap::new();
    for entries in logs {
        let mut state: HashMap<RecordId, (u64, Option<u64>)> = HashMap::new();
        for e in entries {
            let Some(id) = e.record else { continue };
            let before = state.get(&id).and_then(|(_, outside)| *outside);
            state.insert(id, (e.clock(), outside_after(e, before)));
        }
        for (id, (clock, outside)) in state {
            let held = outside.is_some();
            if latest.get(&id).is_none_or(|(c, _)| *c < clock) {
                latest.insert(id, (clock, held));
            }
        }
    }
    latest
        .into_iter()
        .filter(|(_, (_, held))| *held)
        .map(|(id, _)| id)
        .collect()
}

/// The entry that logs a version arriving held back: changed outside Dossier, with this
/// desktop's last logged version as the one a restore brings back.
pub(super) fn held_draft(cat: &SyncTarget, id: RecordId, sha: Sha256, actor: &str) -> AuditDraft {
    let previous = cat
        .audit()
        .own_for_record(&id)
        .into_iter()
        .find_map(|e| Some((e.seq, e.record_sha256?)));
    let file = format!("{}/{id}.json", crate::store::RECORDS_DIR);
    OutsideChange {
        record: id,
        logged_at: None,
        found: sha,
        previous,
    }
    .draft(actor, &file)
    .note(format!(
        "{file} came from another desktop that holds it back as changed outside Dossier: held back here too, until someone accepts the change for review or restores the logged version"
    ))
    .detail("held_on_another_desktop", "yes")
}
