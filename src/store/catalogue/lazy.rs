//! The records a lazy opening (`OpenOptions::lazy`) left in the snapshot: decoded when
//! asked for (`load_also`, for the rows a list draws), or all of them off the UI thread
//! (`completion`), handed back a slice at a time (`take_completed`) so that placing them
//! never holds a frame up. Until the last is in, `records()` holds only some of them, and
//! whatever reads every record must wait for `is_complete`.

use std::sync::Arc;

use super::listing::{ReadRecord, read_one_file};
use super::*;
use crate::audit::RecordStates;
use crate::store::snapshot::Encoded;

/// Every record a lazy opening left in the snapshot, to decode on a thread of its own.
pub struct Completion {
    records: Arc<Encoded>,
    /// Their places in the snapshot and ids (sorted by `run`, off the UI thread).
    places: Vec<(usize, RecordId)>,
}

/// How many places a part of a completion's holds (96 KiB).
const PART: usize = 4096;

/// A slice of the records a [`Completion`] decoded, for [`Catalogue::take_completed`]:
/// each id with its record, or `None` where the snapshot's bytes would not decode (its
/// file is read instead). Each record is boxed: a slice of 2,048 records inline would be
/// 1.2 MB, each a fresh mapping of the allocator's (above its 128 KiB threshold), zeroed
/// by the kernel and copied twice; that was a third of the reading's time at a million.
pub struct Completed(Vec<(RecordId, Option<Box<Record>>)>);

impl Completed {
    /// How many records the slice holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for a slice of none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Completion {
    /// How many records there are to decode.
    pub fn total(&self) -> usize {
        self.places.len()
    }

    /// Decodes every record, `slice` at a time on every core, handing each slice to
    /// `hand` as it is done; stops when `hand` returns false (no one wants the rest).
    pub fn run(self, slice: usize, mut hand: impl FnMut(Completed) -> bool) {
        let Completion { records, places } = self;
        // In the snapshot's order: their bytes are read front to back, and let go of
        // behind. In parts small enough for the allocator to reuse as each is done (a
        // million places are 24 MB).
        let parts: Vec<Vec<(usize, RecordId)>> = {
            let mut places = places;
            places.sort_unstable();
            places.chunks(PART).map(<[_]>::to_vec).collect()
        };
        let records = &records;
        for part in parts {
            for chunk in part.chunks(slice.max(1)) {
                if !hand(decode_slice(records, chunk)) {
                    return;
                }
            }
        }
    }
}

/// The records at `chunk`'s places, decoded on every core; their bytes' memory is given
/// back once they are (they stay readable).
fn decode_slice(records: &Encoded, chunk: &[(usize, RecordId)]) -> Completed {
    let parts = crate::parallel::ranges(chunk.len(), 512, |range| {
        chunk[range]
            .iter()
            .map(|&(at, id)| (id, records.decode(at, id).ok().map(Box::new)))
            .collect::<Vec<_>>()
    });
    if let (Some(first), Some(last)) = (chunk.first(), chunk.last()) {
        records.forget(first.0, last.0);
    }
    Completed(parts.into_iter().flatten().collect())
}

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

    /// Every record a lazy opening left in the snapshot, to decode off the UI thread and
    /// hand back with `take_completed`; `None` when every record is in.
    pub fn completion(&self) -> Option<Completion> {
        let deferred = self.deferred.as_ref()?;
        let places = deferred.places.iter().map(|(id, (at, _))| (*at, *id));
        Some(Completion {
            records: Arc::clone(&deferred.records),
            places: places.collect(),
        })
    }

    /// Places a slice a [`Completion`] decoded: each record still left in the snapshot
    /// joins the records (one asked for meanwhile is in already, and kept as it is now).
    /// The catalogue's generation moves on once, with the last: what was counted or
    /// searched while some were missing is counted again.
    pub fn take_completed(&mut self, done: Completed) {
        let Some(deferred) = self.deferred.as_mut() else {
            return;
        };
        let found: Vec<_> = done
            .0
            .into_iter()
            .filter_map(|(id, record)| {
                let (_, sha) = deferred.places.remove(&id)?;
                Some((id, sha, record))
            })
            .collect();
        // What is placed leaves the map: its memory goes back as it empties (at a
        // million, 60 MB that the opening's peak would otherwise hold to the end).
        if deferred.places.len() < deferred.places.capacity() / 4 {
            deferred.places.shrink_to_fit();
        }
        let count = found.len();
        self.place_decoded(
            count,
            found
                .into_iter()
                .map(|(id, sha, r)| (id, sha, r.map(|r| *r))),
        );
    }

    /// Decodes every record still left in the snapshot, here and now (a few seconds at a
    /// million records): for a completion that stopped short.
    pub fn load_all(&mut self) {
        let ids: Vec<RecordId> = match &self.deferred {
            Some(d) => d.places.keys().copied().collect(),
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
        self.deferred
            .as_ref()
            .is_some_and(|d| d.places.contains_key(id))
    }

    /// Decodes, before opening compares files with the log, every deferred record whose
    /// file is not the last logged version or that waits for a decision: the ones that
    /// comparison may log, withdraw an approval from, or show.
    pub(super) fn load_unsettled(&mut self, states: &RecordStates) {
        let Some(deferred) = &self.deferred else {
            return;
        };
        let unsettled: Vec<RecordId> = deferred
            .places
            .iter()
            .filter(|(id, (_, sha))| {
                states
                    .get(id)
                    .is_none_or(|s| s.outside.is_some() || s.sha256.as_ref() != Some(sha))
            })
            .map(|(id, _)| *id)
            .collect();
        self.load_also(&unsettled);
    }
}
