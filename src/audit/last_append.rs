//! What the last append to this desktop's log wrote of each record, and the version
//! before it: all that telling a save cut short from a change made outside Dossier needs
//! (see the store's `repair.rs`). Opening works it out from the entries it reads (the
//! whole log, or those after a snapshot's mark and the states the snapshot holds) and
//! keeps it in the next snapshot, so that no command reads the whole log for it.

use std::collections::{HashMap, HashSet};

use super::entry::AuditEntry;
use crate::model::{RecordId, Sha256};

/// The most records a last append may name for it to be kept (an import of thousands of
/// files in one save is not: a change outside to one of them reads the log instead).
pub const MOST_RECORDS: usize = 4096;

/// A version of a record that this desktop's log wrote: its entry and the hash it logged.
pub type Version = (u64, Option<Sha256>);

/// The versions of each record that the last append to this desktop's log wrote, and
/// the last one before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastAppend {
    /// The first entry of the last append.
    pub start: u64,
    /// For each record the last append names: its versions in it, newest first, then its
    /// last version before it, when it has one.
    pub versions: HashMap<RecordId, Vec<Version>>,
}

impl LastAppend {
    /// Works it out from this desktop's `entries` (oldest first): every entry from some
    /// point before `start` on. A record's last version before that point, when the
    /// entries hold none, is `older`'s (a snapshot's states). `None` when the last append
    /// names more than [`MOST_RECORDS`] records.
    pub fn of(
        start: u64,
        entries: &[AuditEntry],
        older: impl Fn(&RecordId) -> Option<Version>,
    ) -> Option<LastAppend> {
        let mut versions: HashMap<RecordId, Vec<Version>> = HashMap::new();
        let split = entries.partition_point(|e| e.seq < start);
        for e in entries[split..].iter().rev() {
            if let Some(id) = e.record {
                versions
                    .entry(id)
                    .or_default()
                    .push((e.seq, e.record_sha256.clone()));
                if versions.len() > MOST_RECORDS {
                    return None;
                }
            }
        }
        let mut missing: HashSet<RecordId> = versions.keys().copied().collect();
        for e in entries[..split].iter().rev() {
            if missing.is_empty() {
                break;
            }
            if let Some(id) = e.record
                && missing.remove(&id)
                && let Some(v) = versions.get_mut(&id)
            {
                v.push((e.seq, e.record_sha256.clone()));
            }
        }
        for id in missing {
            if let (Some(before), Some(v)) = (older(&id), versions.get_mut(&id)) {
                v.push(before);
            }
        }
        Some(LastAppend { start, versions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, genesis};

    /// Entries 1, 2, ... each writing a version of the record at its place.
    fn entries(records: &[RecordId]) -> Vec<AuditEntry> {
        records
            .iter()
            .enumerate()
            .map(|(i, id)| AuditEntry {
                seq: i as u64 + 1,
                clock: None,
                time: jiff::Timestamp::UNIX_EPOCH,
                actor: "A".into(),
                action: Action::Edited,
                record: Some(*id),
                attachment: None,
                changes: Vec::new(),
                record_sha256: Some(Sha256::from_digest(&[i as u8; 32])),
                note: String::new(),
                details: Default::default(),
                prev: genesis(),
                hash: genesis(),
                sig: None,
            })
            .collect()
    }

    #[test]
    fn each_record_of_the_last_append_has_its_versions_in_it_then_the_one_before() {
        let (a, b, c) = (RecordId::new(), RecordId::new(), RecordId::new());
        // Entries 1-3 before, 4-6 the last append.
        let log = entries(&[a, b, a, b, a, c]);
        let last = LastAppend::of(4, &log, |_| None).unwrap();
        let seqs = |id: &RecordId| -> Vec<u64> { last.versions[id].iter().map(|v| v.0).collect() };
        assert_eq!(seqs(&a), [5, 3]);
        assert_eq!(seqs(&b), [4, 2]);
        assert_eq!(seqs(&c), [6]);
        assert_eq!(last.versions[&a][0].1, log[4].record_sha256);
        // From entries after a mark (3): the version before comes from the snapshot.
        let snap = |id: &RecordId| (*id == a).then(|| (3, log[2].record_sha256.clone()));
        let last = LastAppend::of(5, &log[3..], snap).unwrap();
        assert_eq!(
            last.versions[&a],
            vec![
                (5, log[4].record_sha256.clone()),
                (3, log[2].record_sha256.clone())
            ]
        );
        assert_eq!(last.versions[&c].len(), 1);
        assert!(!last.versions.contains_key(&b));
    }

    #[test]
    fn a_last_append_of_too_many_records_is_not_kept() {
        let ids: Vec<RecordId> = (0..=MOST_RECORDS).map(|_| RecordId::new()).collect();
        let log = entries(&ids);
        assert!(LastAppend::of(1, &log, |_| None).is_none());
        assert!(LastAppend::of(2, &log, |_| None).is_some());
    }
}
