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

/// Each record's last logged state, by id, hashed with foldhash: an opening reads 100,000
/// of them from the snapshot at 100,000 records (a few milliseconds less than SipHash).
pub type RecordStates = HashMap<RecordId, RecordState, foldhash::fast::RandomState>;

/// Each record's last logged state, `states` moved on by this desktop's own `entries`
/// (oldest first): from nothing, or from a snapshot's states.
pub fn states_after(mut states: RecordStates, entries: &[AuditEntry]) -> RecordStates {
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

/// Each record's last logged state from this desktop's own log (`own`) and every other
/// desktop's (`others`, file by file): this desktop's own entries account for every version
/// it wrote or took; a record they never name takes the other desktops' entry with the
/// largest clock (the first of equals).
pub fn states_of(own: &[AuditEntry], others: &[&[AuditEntry]]) -> RecordStates {
    let mut states = states_after(RecordStates::default(), own);
    let theirs = theirs_after(&states, others.iter().copied().flatten(), u64::MAX);
    states.extend(theirs.unwrap_or_default());
    states
}

/// Other desktops' entries appended since a snapshot's mark (`entries`, in the order the
/// whole logs are read: file by file, oldest first), as the states they give records that
/// this desktop's own log does not account for: the entry with the largest clock, the
/// first of equals, as [`super::AuditLog::record_states`] takes them. `None` when `states`
/// (the snapshot's) cannot say: an entry with a clock no larger than `max_clock` (the
/// largest at the mark) about a record another desktop's older entry already speaks for,
/// whose clock the snapshot does not keep; only the whole logs decide that one.
pub fn theirs_after<'a>(
    states: &RecordStates,
    entries: impl IntoIterator<Item = &'a AuditEntry>,
    max_clock: u64,
) -> Option<Vec<(RecordId, RecordState)>> {
    let mut fresh: HashMap<RecordId, (u64, RecordState)> = HashMap::new();
    for e in entries {
        let Some(id) = e.record else { continue };
        match states.get(&id) {
            Some(s) if s.own => continue,
            Some(_) if e.clock() <= max_clock => return None,
            _ => {}
        }
        if fresh.get(&id).is_some_and(|(c, _)| *c >= e.clock()) {
            continue;
        }
        let state = RecordState {
            seq: e.seq,
            action: e.action,
            sha256: e.record_sha256.clone(),
            outside: None,
            own: false,
        };
        fresh.insert(id, (e.clock(), state));
    }
    Some(fresh.into_iter().map(|(id, (_, s))| (id, s)).collect())
}

/// What a log resumed from a snapshot's mark brings: this desktop's entries appended since
/// (`own`), and the states other desktops' appended entries give (`theirs`, from
/// [`theirs_after`]; a sync brought them).
#[derive(Debug, Clone, Default)]
pub struct Tail {
    /// This desktop's entries after the mark, oldest first.
    pub own: Vec<AuditEntry>,
    /// Records' states from other desktops' entries after the mark.
    pub theirs: Vec<(RecordId, RecordState)>,
    /// How many entries other desktops appended.
    pub theirs_len: usize,
}

impl Tail {
    /// How many entries were appended to any log since the mark.
    pub fn len(&self) -> usize {
        self.own.len() + self.theirs_len
    }

    /// How many entries were appended since the mark, and the records they name.
    pub fn touched(&self) -> (usize, Vec<RecordId>) {
        let own = self.own.iter().filter_map(|e| e.record);
        let theirs = self.theirs.iter().map(|(id, _)| *id);
        (self.len(), own.chain(theirs).collect())
    }

    /// True when no log went on from the mark.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The snapshot's `states` moved on by this tail: other desktops' first, then this
    /// desktop's own, which account for every version it wrote or took.
    pub fn states_after(&self, mut states: RecordStates) -> RecordStates {
        states.extend(self.theirs.iter().cloned());
        states_after(states, &self.own)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::audit::entry::genesis;

    /// An entry of a desktop's log about record `record` (of four), at `clock`, leaving
    /// the version `version`.
    fn entry(seq: u64, clock: u64, record: u8, version: u8, action: Action) -> AuditEntry {
        AuditEntry {
            seq,
            clock: Some(clock),
            time: jiff::Timestamp::UNIX_EPOCH,
            actor: "A".into(),
            action,
            record: Some(RecordId(uuid::Uuid::from_u128(u128::from(record % 4) + 1))),
            attachment: None,
            changes: Vec::new(),
            record_sha256: Some(Sha256::from_digest(&[version; 32])),
            note: String::new(),
            details: Default::default(),
            prev: genesis(),
            hash: genesis(),
            sig: None,
        }
    }

    /// A log of (clock, record, version, changed outside) made into entries.
    fn log(raw: &[(u64, u8, u8, bool)]) -> Vec<AuditEntry> {
        raw.iter()
            .enumerate()
            .map(|(i, &(c, r, v, out))| {
                let action = if out {
                    Action::ChangedOutside
                } else {
                    Action::Edited
                };
                entry(i as u64 + 1, c, r, v, action)
            })
            .collect()
    }

    fn raw_log() -> impl Strategy<Value = Vec<(u64, u8, u8, bool)>> {
        prop::collection::vec((1u64..12, 0u8..6, 0u8..3, prop::bool::weighted(0.2)), 0..10)
    }

    proptest! {
        /// The states a snapshot's mark and the entries appended since give, when they can
        /// say, are the states of the whole logs.
        #[test]
        fn states_from_a_mark_are_the_whole_logs_states(
            own in raw_log(),
            first in raw_log(),
            second in raw_log(),
            cuts in (0usize..12, 0usize..12, 0usize..12),
        ) {
            let (own, first, second) = (log(&own), log(&first), log(&second));
            let cut = |v: &Vec<AuditEntry>, at: usize| at.min(v.len());
            let (o, f, s) = (cut(&own, cuts.0), cut(&first, cuts.1), cut(&second, cuts.2));
            let whole = states_of(&own, &[&first, &second]);
            let at_mark = states_of(&own[..o], &[&first[..f], &second[..s]]);
            let max_clock = own[..o]
                .iter()
                .chain(&first[..f])
                .chain(&second[..s])
                .map(AuditEntry::clock)
                .max()
                .unwrap_or(0);
            let appended: Vec<&AuditEntry> = first[f..].iter().chain(&second[s..]).collect();
            if let Some(theirs) = theirs_after(&at_mark, appended.iter().copied(), max_clock) {
                let tail = Tail { own: own[o..].to_vec(), theirs, theirs_len: appended.len() };
                prop_assert_eq!(tail.states_after(at_mark), whole);
            }
        }
    }
}
