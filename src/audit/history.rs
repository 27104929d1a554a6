//! A record's history read from the disk when it is shown. A catalogue opened from its
//! snapshot holds only the log's newest entries, and the app lets go of the rest after
//! opening (`keep_tail_only`): a record's older entries are read back through the record
//! index (`record_index.rs`), which one pass over the logs builds off the UI thread.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};

use super::entry::AuditEntry;
use super::error::AuditError;
use super::log::{AuditLog, State, newest_first};
use super::record_index::{IndexKeeper, LastRead, RecordIndex, Submission};
use crate::model::RecordId;
use jiff::Timestamp;

/// How many entries a kept record index may be behind before it is kept again.
const KEEP_AGAIN_AFTER: u64 = 1024;

fn when_and_who(all: HashMap<RecordId, Submission>) -> HashMap<RecordId, (Timestamp, String)> {
    all.into_iter()
        .map(|(id, s)| (id, (s.time, s.actor)))
        .collect()
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing here is left half-made by a panic: each value is replaced whole.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AuditLog {
    /// A record's entries in every desktop's log, newest first: from memory when the
    /// logs are held whole, otherwise read from the disk through the record index, which
    /// is built first when it is missing or out of date (one pass over the logs).
    pub fn for_record(&self, id: &RecordId) -> Vec<AuditEntry> {
        if let Some(found) = self.history_now(id) {
            return found;
        }
        if self.build_record_index().is_ok()
            && let Some(found) = self.history_now(id)
        {
            return found;
        }
        self.across_devices(|e| e.record.as_ref() == Some(id))
    }

    /// A record's entries, newest first, without waiting: `None` while the record index
    /// is missing or out of date (`build_record_index_in_background` makes it).
    pub fn history_now(&self, id: &RecordId) -> Option<Vec<AuditEntry>> {
        let (whole, vault, clocked, head) = {
            let state = self.state();
            (
                state.loaded,
                state.vault.clone(),
                state.clocked,
                state.head.entries,
            )
        };
        if whole {
            return Some(self.across_devices(|e| e.record.as_ref() == Some(id)));
        }
        let index = lock(&self.records.index).clone()?;
        let stamp = index.stamp(&vault, clocked);
        if !index.is_current(&stamp) {
            return None;
        }
        let same = |(i, h, s, x, _): &&LastRead| {
            i == id && *h == head && *s == stamp && Arc::ptr_eq(x, &index)
        };
        if let Some((.., found)) = lock(&self.records.last).as_ref().filter(same) {
            return Some(found.clone());
        }
        let Some(mut found) = index.entries_of(&vault, id) else {
            // A log was changed in place since the index read it: read it again.
            if index.kept {
                self.records.kept_is_stale.store(true, Ordering::SeqCst);
            }
            *lock(&self.records.index) = None;
            return None;
        };
        let state = self.state();
        if state.loaded {
            drop(state);
            return Some(self.across_devices(|e| e.record.as_ref() == Some(id)));
        }
        found.extend(
            state
                .entries
                .iter()
                .filter(|e| e.seq > index.own_entries && e.record.as_ref() == Some(id))
                .map(|e| (state.file.clone(), e.clone())),
        );
        let head = state.head.entries;
        drop(state);
        newest_first(&mut found);
        let found: Vec<AuditEntry> = found.into_iter().map(|(_, e)| e).collect();
        *lock(&self.records.last) = Some((*id, head, stamp, index, found.clone()));
        Some(found)
    }

    /// When and by whom each record was last put in review, by any desktop: from memory
    /// when the logs are held whole, otherwise from the record index (made first when it
    /// is missing or out of date) and the entries appended since.
    pub fn submissions(&self) -> HashMap<RecordId, (Timestamp, String)> {
        if let Some(found) = self.submissions_now() {
            return found;
        }
        if self.build_record_index().is_ok()
            && let Some(found) = self.submissions_now()
        {
            return found;
        }
        self.submissions_whole()
    }

    /// The same without waiting: `None` while the record index is missing or out of date.
    pub fn submissions_now(&self) -> Option<HashMap<RecordId, (Timestamp, String)>> {
        let (whole, vault, clocked) = {
            let state = self.state();
            (state.loaded, state.vault.clone(), state.clocked)
        };
        if whole {
            return Some(self.submissions_whole());
        }
        let index = lock(&self.records.index).clone()?;
        if !index.is_current(&index.stamp(&vault, clocked)) {
            return None;
        }
        let mut all = index.submitted.clone();
        let state = self.state();
        if state.loaded {
            drop(state);
            return Some(self.submissions_whole());
        }
        let since = state.entries.iter().filter(|e| e.seq > index.own_entries);
        for e in since {
            if let Some(record) = e.record.filter(|_| e.submits()) {
                Submission::of(e, &state.file).keep_last(record, &mut all);
            }
        }
        Some(when_and_who(all))
    }

    fn submissions_whole(&self) -> HashMap<RecordId, (Timestamp, String)> {
        let state = self.full();
        let own = std::iter::once((state.file.as_str(), &state.entries[..]));
        let others = state
            .others
            .iter()
            .map(|o| (o.file.as_str(), &o.entries[..]));
        let mut all = HashMap::new();
        for (file, entries) in own.chain(others) {
            for e in entries {
                if let Some(record) = e.record.filter(|_| e.submits()) {
                    Submission::of(e, file).keep_last(record, &mut all);
                }
            }
        }
        when_and_who(all)
    }

    /// True when `history_now` answers without waiting: the logs are held whole, or the
    /// record index is made and up to date.
    pub fn history_ready(&self) -> bool {
        let (whole, vault, clocked) = {
            let state = self.state();
            (state.loaded, state.vault.clone(), state.clocked)
        };
        whole
            || lock(&self.records.index)
                .clone()
                .is_some_and(|i| i.is_current(&i.stamp(&vault, clocked)))
    }

    /// Keeps the record index with `keeper` between openings: the kept one is taken
    /// when it is still good, and one made here is kept.
    pub fn keep_record_index_with(&self, keeper: Option<Arc<dyn IndexKeeper>>) {
        *lock(&self.records.keeper) = keeper;
    }

    /// Reads every log once and notes where each record's entries are, for history; or
    /// takes the index an earlier opening kept, when it is still good, and notes only the
    /// entries appended since.
    pub fn build_record_index(&self) -> Result<(), AuditError> {
        let (vault, file, clocked) = {
            let state = self.state();
            (state.vault.clone(), state.file.clone(), state.clocked)
        };
        let keeper = lock(&self.records.keeper).clone();
        let stale = self.records.kept_is_stale.swap(false, Ordering::SeqCst);
        if let Some(kept) = keeper.as_ref().filter(|_| !stale).and_then(|k| k.load()) {
            let had = kept.own_entries();
            if let Ok(Some(index)) = kept.caught_up(&vault) {
                // Kept again once it had many entries to catch up with.
                if index.own_entries() > had + KEEP_AGAIN_AFTER
                    && let Some(keeper) = &keeper
                {
                    keeper.keep(&index);
                }
                if self.adopt_record_index(index) {
                    return Ok(());
                }
            }
        }
        // Memory may have let go of entries appended while the logs were being read:
        // then they are read again.
        for _ in 0..3 {
            let built = RecordIndex::build(&vault, &file, clocked);
            *lock(&self.records.failed) = built.as_ref().err().map(ToString::to_string);
            let built = built?;
            let state = self.state();
            let first = state
                .entries
                .first()
                .map_or(state.head.entries + 1, |e| e.seq);
            if state.loaded || first <= built.own_entries + 1 {
                drop(state);
                if let Some(keeper) = &keeper {
                    keeper.keep(&built);
                }
                *lock(&self.records.index) = Some(Arc::new(built));
                return Ok(());
            }
        }
        Ok(())
    }

    /// Takes `index` (kept from an earlier opening and caught up) as the record index,
    /// when it is up to date and covers every entry that memory does not hold: true when
    /// taken. Each entry read back through it is still checked against the log.
    pub fn adopt_record_index(&self, index: RecordIndex) -> bool {
        let state = self.state();
        let first = state
            .entries
            .first()
            .map_or(state.head.entries + 1, |e| e.seq);
        let covers = state.loaded || first <= index.own_entries + 1;
        let current = index.is_current(&index.stamp(&state.vault, state.clocked));
        // The index may not run ahead of the log as this opening knows it.
        if !covers || !current || index.own_entries > state.head.entries {
            return false;
        }
        drop(state);
        *lock(&self.records.index) = Some(Arc::new(index));
        true
    }

    /// True when the record index in use was kept from an earlier opening (for tests and
    /// measurements).
    pub fn record_index_kept(&self) -> bool {
        lock(&self.records.index).as_ref().is_some_and(|i| i.kept)
    }

    /// Builds the record index on a thread of its own, unless one is building it.
    pub fn build_record_index_in_background(&self) {
        if self.records.building.swap(true, Ordering::SeqCst) {
            return;
        }
        let log = self.clone();
        let spawned = std::thread::Builder::new()
            .name("log-index".into())
            .spawn(move || {
                let _ = log.build_record_index();
                log.records.building.store(false, Ordering::SeqCst);
            });
        if spawned.is_err() {
            self.records.building.store(false, Ordering::SeqCst);
        }
    }

    /// Waits up to `limit` for a record index being built in the background (the app's
    /// `wait_for_background`, which tests use); true when none is being built.
    pub fn wait_for_record_index(&self, limit: std::time::Duration) -> bool {
        let until = std::time::Instant::now() + limit;
        while self.records.building.load(Ordering::SeqCst) {
            if std::time::Instant::now() >= until {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        true
    }

    /// Why the record index could not be built, when the last try failed.
    pub fn record_index_problem(&self) -> Option<String> {
        lock(&self.records.failed).clone()
    }

    /// Lets go of the entries held in memory but those of the last append (a catalogue
    /// read cold holds every log whole): a record's history is then read from the disk,
    /// and views of the whole log read it again when asked.
    pub fn keep_tail_only(&self) {
        let mut state = self.state();
        self.let_go(&mut state);
    }

    /// The same, unless another thread is using the log right now (then nothing is done:
    /// the UI thread calls this and must not wait).
    pub fn keep_tail_only_if_idle(&self) {
        if let Ok(mut state) = self.inner.try_lock() {
            self.let_go(&mut state);
        }
    }

    fn let_go(&self, state: &mut State) {
        if !state.loaded {
            return;
        }
        let last_mark = state.last_batch_mark();
        let mut keep_from = match last_mark {
            Some((seq, n)) if seq.saturating_add(n) > state.head.entries => seq,
            _ => state.head.entries,
        };
        // Entries the record index does not cover stay in memory.
        if let Some(index) = lock(&self.records.index).as_ref() {
            keep_from = keep_from.min(index.own_entries + 1);
        }
        let from = state.entries.partition_point(|e| e.seq < keep_from);
        state.entries.drain(..from);
        state.entries.shrink_to_fit();
        state.others = Vec::new();
        state.last_mark = last_mark;
        state.loaded = false;
    }
}
