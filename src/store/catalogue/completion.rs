//! Finishing a lazy opening off the UI thread: a thread decodes every record left in the
//! snapshot into a list and its index of its own (`Completion::run`), and the catalogue
//! swaps them in at once (`take_completed`), keeping every record asked for or changed
//! meanwhile. Its owner's thread does work only for those few: placing a million records
//! a slice per frame took the app half a minute under Xvfb.

use std::sync::Arc;

use super::listing::read_one_file;
use super::*;
use crate::store::snapshot::Encoded;

/// Every record a lazy opening left in the snapshot, to decode on a thread of its own.
pub struct Completion {
    records: Arc<Encoded>,
    /// Their places in the snapshot and ids (sorted by `run`, off the UI thread).
    places: Vec<(usize, RecordId)>,
}

/// Every record a [`Completion`] decoded, to swap in with [`Catalogue::take_completed`].
pub struct Completed {
    records: Vec<Record>,
    index: IdMap<usize>,
    /// Records whose bytes in the snapshot would not decode: their files are read instead.
    failed: Vec<RecordId>,
}

/// How many records are decoded at a time, on every core; between slices the memory of
/// their bytes goes back, and `run` says how far it is.
const SLICE: usize = 2048;

impl Completion {
    /// How many records there are to decode.
    pub fn total(&self) -> usize {
        self.places.len()
    }

    /// Decodes every record in the snapshot's order (its bytes read front to back and let
    /// go of behind), calling `going_on(done)` after each slice; stops with `None` when it
    /// returns false (no one wants them any more).
    pub fn run(self, mut going_on: impl FnMut(usize) -> bool) -> Option<Completed> {
        let Completion {
            records,
            mut places,
        } = self;
        places.sort_unstable();
        let n = places.len();
        let mut done = Completed {
            records: Vec::with_capacity(n),
            index: IdMap::with_capacity_and_hasher(n, Default::default()),
            failed: Vec::new(),
        };
        for chunk in places.chunks(SLICE) {
            // Boxed: a slice's records inline would be a fresh 1.2 MB mapping of the
            // allocator's each time, zeroed by the kernel before use.
            let parts = crate::parallel::ranges(chunk.len(), 512, |range| {
                chunk[range]
                    .iter()
                    .map(|&(at, id)| records.decode(at, id).ok().map(Box::new))
                    .collect::<Vec<_>>()
            });
            if let (Some(first), Some(last)) = (chunk.first(), chunk.last()) {
                records.forget(first.0, last.0);
            }
            for (&(_, id), record) in chunk.iter().zip(parts.into_iter().flatten()) {
                match record {
                    Some(record) => {
                        done.index.insert(id, done.records.len());
                        done.records.push(*record);
                    }
                    None => done.failed.push(id),
                }
            }
            if !going_on(done.records.len() + done.failed.len()) {
                return None;
            }
        }
        Some(done)
    }
}

impl Catalogue {
    /// Gathers the places of the records left in the snapshot now (20-30 ms at a
    /// million), so that `completion` costs the UI thread nothing: for the thread that
    /// opens. Records asked for after are decoded twice, and the catalogue's copy kept.
    pub fn prepare_completion(&mut self) {
        if let Some(deferred) = self.deferred.as_mut() {
            let places = deferred.places.iter().map(|(id, at, _)| (at, id));
            deferred.gathered = Some(places.collect());
        }
    }

    /// Every record a lazy opening left in the snapshot, to decode off the UI thread and
    /// swap in with `take_completed`; `None` when every record is in.
    pub fn completion(&mut self) -> Option<Completion> {
        let deferred = self.deferred.as_mut()?;
        let places = match deferred.gathered.take() {
            Some(places) => places,
            None => (deferred.places.iter())
                .map(|(id, at, _)| (at, id))
                .collect(),
        };
        Some(Completion {
            records: Arc::clone(&deferred.records),
            places,
        })
    }

    /// Swaps in what a [`Completion`] decoded: its list becomes the records, less those
    /// asked for meanwhile (the catalogue's own copies, perhaps changed since, are kept),
    /// plus every record the catalogue holds now. The work here is for those few. With it
    /// the catalogue is whole and its generation moves on: what was counted or searched
    /// while some were missing is counted again.
    pub fn take_completed(&mut self, done: Completed) {
        let Some(deferred) = self.deferred.take() else {
            return;
        };
        let Completed {
            mut records,
            mut index,
            failed,
        } = done;
        // The records in now were asked for (or made, or changed) meanwhile: theirs win.
        let mine = std::mem::take(Arc::make_mut(&mut self.records));
        let mut drop_at: Vec<usize> = (mine.iter().chain(self.trash.iter()))
            .filter_map(|r| index.remove(&r.id))
            .collect();
        drop_at.sort_unstable_by(|a, b| b.cmp(a));
        for at in drop_at {
            records.swap_remove(at);
            if let Some(moved) = records.get(at) {
                index.insert(moved.id, at);
            }
        }
        for record in mine {
            index.insert(record.id, records.len());
            records.push(record);
        }
        self.records = Arc::new(records);
        self.index = index;
        // Their hashes stay where the opening put them (see `file_hash`); the records
        // read from their files below get their own.
        self.kept_hashes = deferred.places;
        self.focused = false;
        self.generation += 1;
        // Not in the snapshot as they should be: their files, parsed.
        let failed: Vec<RecordId> = (failed.into_iter())
            .filter(|id| !self.index.contains_key(id))
            .collect();
        let mut placing = self.placing(failed.len());
        for id in failed {
            let path = self.record_path(&id, false);
            let result = read_one_file(&self.vault, &path, None);
            self.place_record(&(path, false), result, &mut placing);
        }
        self.placed(placing);
    }
}
