//! Sorting a search's records by a column, with the keys the index already holds (on
//! two cores for large lists). A large list is put in order from the column's ranks
//! (every record's place in that column's order, made by the first large sort by it):
//! at a million records, comparing the 146,000 records of one search took 10 ms.

use std::cmp::Ordering;
use std::sync::{Arc, Mutex, PoisonError};

use jiff::civil::Date;

use super::{Doc, PARALLEL_FROM, SearchIndex, workers};
use crate::model::RecordKind;
use crate::search::SortColumn;

/// From this many records a sort takes their order from the column's ranks.
const RANKED_FROM: usize = 16_384;

/// At most one record in this many may have changed since the ranks were made; beyond
/// that they are made again.
const CHANGED_AT_MOST: usize = 32;

/// Every record's place in one column's order (ascending, ties by id).
#[derive(Debug)]
struct Ranks {
    column: SortColumn,
    /// The place of each slot there was when they were made.
    rank: Vec<u32>,
    /// The slot at each place.
    slot_at: Vec<u32>,
}

/// The ranks of the column last sorted by, and the slots changed since they were made
/// (whose places they no longer know). Emptied by a clone, like the text cache.
#[derive(Debug, Default)]
pub(super) struct RankCache(Mutex<(Option<Arc<Ranks>>, Vec<u32>)>);

impl Clone for RankCache {
    fn clone(&self) -> Self {
        RankCache::default()
    }
}

impl RankCache {
    /// Notes that the record at `slot` changed: the ranks no longer place it, and are
    /// dropped once too many records changed (of `docs`).
    pub(super) fn changed(&mut self, slot: usize, docs: usize) {
        let (ranks, changed) = self.0.get_mut().unwrap_or_else(PoisonError::into_inner);
        if ranks.is_some() {
            changed.push(slot as u32);
            if changed.len() * CHANGED_AT_MOST > docs {
                *ranks = None;
                changed.clear();
            }
        }
    }
}

impl SearchIndex {
    /// Orders `slots` by `column`, ties broken by id so the order never wobbles.
    pub(super) fn sort_slots(&self, slots: &mut Vec<u32>, column: SortColumn, ascending: bool) {
        match slots.len() >= RANKED_FROM {
            true => self.sort_ranked(slots, column, ascending),
            false => self.sort_compared(slots, column, ascending),
        }
    }

    /// Orders `slots` by their places in the column's ranks (made now when there are
    /// none): marked in a bit per place, read back in order. Slots changed since the
    /// ranks were made are compared, and merged in.
    pub(super) fn sort_ranked(&self, slots: &mut Vec<u32>, column: SortColumn, ascending: bool) {
        let (ranks, mut changed) = self.ranks_of(column);
        changed.sort_unstable();
        let mut marks = vec![0u64; ranks.rank.len().div_ceil(64)];
        let mut others = Vec::new();
        for &slot in slots.iter() {
            match ranks.rank.get(slot as usize) {
                Some(&r) if changed.binary_search(&slot).is_err() => {
                    marks[r as usize / 64] |= 1 << (r % 64);
                }
                _ => others.push(slot),
            }
        }
        let mut placed = Vec::with_capacity(slots.len() - others.len());
        let mut take = |word: usize, bit: u32| placed.push(ranks.slot_at[word * 64 + bit as usize]);
        if ascending {
            for (word, &bits) in marks.iter().enumerate() {
                let mut bits = bits;
                while bits != 0 {
                    take(word, bits.trailing_zeros());
                    bits &= bits - 1;
                }
            }
        } else {
            for (word, &bits) in marks.iter().enumerate().rev() {
                let mut bits = bits;
                while bits != 0 {
                    let bit = 63 - bits.leading_zeros();
                    take(word, bit);
                    bits &= !(1 << bit);
                }
            }
        }
        if others.is_empty() {
            *slots = placed;
            return;
        }
        self.sort_compared(&mut others, column, ascending);
        let (row, order) = (|s| self.row(s, column), self.order(column, ascending));
        let less = |a: &u32, b: &u32| order(&row(*a), &row(*b)) == Ordering::Less;
        merge(slots, (&placed, &others), less, |s| *s);
    }

    /// The ranks of `column` and the slots changed since they were made: those kept, or
    /// made now from every record (ascending).
    fn ranks_of(&self, column: SortColumn) -> (Arc<Ranks>, Vec<u32>) {
        {
            let cache = self.ranks.0.lock().unwrap_or_else(PoisonError::into_inner);
            if let (Some(ranks), changed) = &*cache
                && ranks.column == column
            {
                return (ranks.clone(), changed.clone());
            }
        }
        let mut slot_at: Vec<u32> = (0..self.docs.len() as u32).collect();
        self.sort_compared(&mut slot_at, column, true);
        let mut rank = vec![0u32; slot_at.len()];
        for (place, &slot) in slot_at.iter().enumerate() {
            rank[slot as usize] = place as u32;
        }
        let ranks = Arc::new(Ranks {
            column,
            rank,
            slot_at,
        });
        let mut cache = self.ranks.0.lock().unwrap_or_else(PoisonError::into_inner);
        *cache = (Some(ranks.clone()), Vec::new());
        (ranks, Vec::new())
    }

    /// The sort row of `slot`: its key for `column`, and its id.
    fn row(&self, slot: u32, column: SortColumn) -> SortRow {
        let d = &self.docs[slot as usize];
        SortRow {
            key: sort_key(self, d, column),
            id: d.id.0.as_u128(),
            slot,
        }
    }

    /// How two sort rows order by `column`: by key, then (titles) by the whole title,
    /// then by id.
    fn order(
        &self,
        column: SortColumn,
        ascending: bool,
    ) -> impl Fn(&SortRow, &SortRow) -> Ordering + Sync + '_ {
        move |a: &SortRow, b: &SortRow| {
            let mut ord = a.key.cmp(&b.key);
            if ord == Ordering::Equal && column == SortColumn::Title {
                let docs = &self.docs;
                ord = self
                    .title_of(&docs[a.slot as usize])
                    .cmp(self.title_of(&docs[b.slot as usize]));
            }
            let ord = ord.then(a.id.cmp(&b.id));
            if ascending { ord } else { ord.reverse() }
        }
    }

    /// Orders `slots` by comparing their rows.
    pub(super) fn sort_compared(&self, slots: &mut Vec<u32>, column: SortColumn, ascending: bool) {
        // Each slot with its sort key and id in one small row, so comparing two rows
        // rarely leaves them; titles that share their first 16 bytes compare in full.
        let mut rows: Vec<SortRow> = slots.iter().map(|&slot| self.row(slot, column)).collect();
        let cmp = self.order(column, ascending);
        if rows.len() < PARALLEL_FROM || workers() < 2 {
            rows.sort_unstable_by(&cmp);
        } else {
            // Each half sorted on its own core, then merged.
            let mid = rows.len() / 2;
            let (left, right) = rows.split_at_mut(mid);
            std::thread::scope(|s| {
                s.spawn(|| left.sort_unstable_by(&cmp));
                right.sort_unstable_by(&cmp);
            });
            let less = |a: &SortRow, b: &SortRow| cmp(a, b) == Ordering::Less;
            merge(slots, rows.split_at(mid), less, |r| r.slot);
            return;
        }
        slots.clear();
        slots.extend(rows.iter().map(|r| r.slot));
    }
}

/// Puts into `out` (emptied first) the slots of two lists each already in order, merged
/// in order: an item of `right` goes first only when it is `less` than `left`'s.
fn merge<T>(
    out: &mut Vec<u32>,
    (left, right): (&[T], &[T]),
    less: impl Fn(&T, &T) -> bool,
    slot: impl Fn(&T) -> u32,
) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if less(&right[j], &left[i]) {
            out.push(slot(&right[j]));
            j += 1;
        } else {
            out.push(slot(&left[i]));
            i += 1;
        }
    }
    out.extend(left[i..].iter().chain(&right[j..]).map(slot));
}

struct SortRow {
    key: u128,
    id: u128,
    slot: u32,
}

/// A number that orders records as `column` does.
fn sort_key(index: &SearchIndex, d: &Doc, column: SortColumn) -> u128 {
    match column {
        SortColumn::Kind => d.kind as u128,
        SortColumn::Label => d.label as u128,
        SortColumn::Verification => d.verification as u128,
        SortColumn::Attachments => d.attachments as u128,
        SortColumn::Modified => (d.modified.as_nanosecond() as u128) ^ (1 << 127),
        // Dated records first, by earliest then latest day.
        SortColumn::Date => date_key(d.date),
        SortColumn::StatusDate if d.kind == RecordKind::Person => date_key(d.event),
        SortColumn::StatusDate => u128::MAX,
        SortColumn::Title => {
            let mut prefix = [0u8; 16];
            let title = index.title_of(d);
            let n = title.len().min(16);
            prefix[..n].copy_from_slice(&title[..n]);
            u128::from_be_bytes(prefix)
        }
    }
}

/// A number that orders days as the dates do, dated first (earliest day, then latest).
fn date_key(date: Option<(Date, Date)>) -> u128 {
    match date {
        Some((earliest, latest)) => {
            // Year, month and day packed so that the number orders as the date does.
            let day = |date: Date| {
                let year = (i32::from(date.year()) + 10_000) as u128;
                year << 9 | (date.month() as u128) << 5 | date.day() as u128
            };
            (day(earliest) << 64) | day(latest)
        }
        None => u128::MAX,
    }
}
