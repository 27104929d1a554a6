//! The records a lazy opening (`OpenOptions::lazy`) left in the snapshot: decoded when
//! asked for (`load_also`, for the rows a list draws), or all of them off the UI thread
//! (`completion.rs`). Until the last is in, `records()` holds only some of them, and
//! whatever reads every record must wait for `is_complete`.

use super::listing::{ReadRecord, read_one_file};
use super::*;
use crate::audit::RecordStates;

impl Catalogue {
    /// Decodes the records a lazy opening left in the snapshot among `ids`; the others
    /// are in already, or not in the catalogue.
    pub fn load_also(&mut self, ids: &[RecordId]) {
        let Some(deferred) = self.deferred.as_mut() else {
            return;
        };
        let wanted: Vec<(RecordId, usize, Sha256)> = ids
            .iter()
            .filter_map(|id| deferred.places.remove(id).map(|(at, sha)| (*id, at, sha)))
            .collect();
        let count = wanted.len();
        if count == 0 {
            return;
        }
        // Decoded on every core (a list of all 100,000 asks for them all).
        let records = &deferred.records;
        let decoded = crate::parallel::ranges(wanted.len(), 1024, |range| {
            let part = &wanted[range];
            part.iter()
                .map(|(id, at, _)| records.decode(*at, *id).ok())
                .collect::<Vec<_>>()
        });
        let found = wanted
            .into_iter()
            .zip(decoded.into_iter().flatten())
            .map(|((id, _, sha), record)| (id, sha, record));
        self.place_decoded(count, found);
    }

    /// Decodes every record still left in the snapshot, here and now (a few seconds at a
    /// million records): for a completion that stopped short.
    pub fn load_all(&mut self) {
        let ids: Vec<RecordId> = match &self.deferred {
            Some(d) => d.places.iter().map(|(id, ..)| id).collect(),
            None => return,
        };
        self.load_also(&ids);
    }

    /// True when every record is in `records()`: none is left in the snapshot.
    pub fn is_complete(&self) -> bool {
        self.deferred.is_none()
    }

    /// How many live records are left in the snapshot, not yet in `records()`.
    pub fn left_in_snapshot(&self) -> usize {
        self.deferred.as_ref().map_or(0, |d| d.places.len())
    }

    /// Places records taken out of the deferred ones: each decoded, or its file parsed
    /// where the snapshot's copy would not decode. With the last, the catalogue is whole.
    fn place_decoded(
        &mut self,
        count: usize,
        found: impl Iterator<Item = (RecordId, Sha256, Option<Record>)>,
    ) {
        let left = self.left_in_snapshot();
        if left == 0 {
            self.deferred = None;
            self.focused = false;
            self.generation += 1;
        }
        // Room for all that are still to come, once: the list is not grown again and again.
        let mut placing = self.placing(count + left);
        for (id, sha, record) in found {
            let path = self.record_path(&id, false);
            let result: ReadRecord = match record {
                Some(record) => Ok((Some(record), sha, None)),
                // Not in the snapshot as it should be: the file, parsed.
                None => read_one_file(&self.vault, &path, None),
            };
            self.place_record(&(path, false), result, &mut placing);
        }
        self.placed(placing);
    }

    /// How many live records the catalogue holds, those a lazy opening left in the
    /// snapshot included (a focused opening counts only the records it opened).
    pub fn live_count(&self) -> usize {
        self.records.len() + self.left_in_snapshot()
    }

    /// True when a lazy opening left record `id` in the snapshot.
    pub fn is_deferred(&self, id: &RecordId) -> bool {
        self.deferred.as_ref().is_some_and(|d| d.places.has(id))
    }

    /// Decodes, before opening compares files with the log, every deferred record whose
    /// file is not the last logged version or that waits for a decision: the ones that
    /// comparison may log, withdraw an approval from, or show.
    ///
    /// `candidates`, when given, are the only records that can be such (see
    /// `finish::Candidates`): the others are not looked at (0.3 s at a million records).
    pub(super) fn load_unsettled(
        &mut self,
        states: &RecordStates,
        candidates: Option<&[RecordId]>,
    ) {
        let Some(deferred) = &self.deferred else {
            return;
        };
        let unsettled = |id: &RecordId, sha: &Sha256| {
            states
                .get(id)
                .is_none_or(|s| s.outside.is_some() || s.sha256.as_ref() != Some(sha))
        };
        let places = &deferred.places;
        let ids: Vec<RecordId> = match candidates {
            Some(ids) => (ids.iter())
                .filter(|id| places.get(id).is_some_and(|(_, sha)| unsettled(id, sha)))
                .copied()
                .collect(),
            None => (places.iter())
                .filter(|(id, _, sha)| unsettled(id, sha))
                .map(|(id, ..)| id)
                .collect(),
        };
        self.load_also(&ids);
    }
}
