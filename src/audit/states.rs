//! What the log says each record was last left as: its last entry, and whether a change
//! made outside Dossier is still waiting for a decision.

use std::collections::HashMap;

use super::Action;
use super::entry::AuditEntry;
use crate::model::{RecordId, Sha256};

/// What the last logged action left a record as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordState {
    /// The entry that last wrote the record.
    pub seq: u64,
    /// What that entry did.
    pub action: Action,
    /// The record file's hash as that entry wrote it.
    pub sha256: Option<Sha256>,
    /// The entry that logged a change made outside Dossier which no one has yet accepted
    /// for review or undone (by restoring the logged version).
    pub outside: Option<u64>,
    /// True when the entry is in this desktop's own log (always, in a catalogue never
    /// synced); `seq` is then a place in that log. Otherwise it is another desktop's.
    pub own: bool,
}

impl RecordState {
    /// True when the record's last logged action leaves no record file: it was deleted
    /// for good, or its creation was found never written and that was logged.
    pub fn leaves_no_file(&self) -> bool {
        self.action == Action::Deleted || (self.action == Action::Repaired && self.sha256.is_none())
    }
}

/// The entry (its sequence number) that leaves a record changed outside Dossier and not
/// yet settled after `e`, given the one before it (`before`): `e` itself when it logs an
/// outside change; none once it is accepted, restored or the record deleted.
pub fn outside_after(e: &AuditEntry, before: Option<u64>) -> Option<u64> {
    match e.action {
        Action::ChangedOutside => Some(e.seq),
        Action::OutsideChangeAccepted | Action::LoggedVersionRestored | Action::Deleted => None,
        _ => before,
    }
}

/// Each record's last logged state, `states` moved on by this desktop's own `entries`
/// (oldest first): from nothing, or from a snapshot's states.
pub fn states_after(
    mut states: HashMap<RecordId, RecordState>,
    entries: &[AuditEntry],
) -> HashMap<RecordId, RecordState> {
    for e in entries {
        if let Some(id) = e.record {
            let outside = outside_after(e, states.get(&id).and_then(|s| s.outside));
            let (seq, action, sha256) = (e.seq, e.action, e.record_sha256.clone());
            let own = true;
            states.insert(
                id,
                RecordState {
                    seq,
                    action,
                    sha256,
                    outside,
                    own,
                },
            );
        }
    }
    states
}
