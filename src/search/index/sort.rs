//! Sorting a search's records by a column, with the keys the index already holds (on
//! two cores for large lists).

use std::cmp::Ordering;

use jiff::civil::Date;

use super::{Doc, PARALLEL_FROM, SearchIndex, workers};
use crate::model::RecordKind;
use crate::search::SortColumn;

impl SearchIndex {
    /// Orders `slots` by `column`, ties broken by id so the order never wobbles.
    pub(super) fn sort_slots(&self, slots: &mut Vec<u32>, column: SortColumn, ascending: bool) {
        let docs = &self.docs;
        // Each slot with its sort key and id in one small row, so comparing two rows
        // rarely leaves them; titles that share their first 16 bytes compare in full.
        let mut rows: Vec<SortRow> = slots
            .iter()
            .map(|&slot| {
                let d = &docs[slot as usize];
                SortRow {
                    key: sort_key(self, d, column),
                    id: d.id.0.as_u128(),
                    slot,
                }
            })
            .collect();
        let cmp = |a: &SortRow, b: &SortRow| -> Ordering {
            let mut ord = a.key.cmp(&b.key);
            if ord == Ordering::Equal && column == SortColumn::Title {
                ord = self
                    .title_of(&docs[a.slot as usize])
                    .cmp(self.title_of(&docs[b.slot as usize]));
            }
            let ord = ord.then(a.id.cmp(&b.id));
            if ascending { ord } else { ord.reverse() }
        };
        if rows.len() < PARALLEL_FROM || workers() < 2 {
            rows.sort_unstable_by(cmp);
        } else {
            // Each half sorted on its own core, then merged.
            let mid = rows.len() / 2;
            let (left, right) = rows.split_at_mut(mid);
            std::thread::scope(|s| {
                s.spawn(|| left.sort_unstable_by(cmp));
                right.sort_unstable_by(cmp);
            });
            let (left, right) = rows.split_at(mid);
            let (mut i, mut j) = (0, 0);
            slots.clear();
            while i < left.len() && j < right.len() {
                if cmp(&right[j], &left[i]) == Ordering::Less {
                    slots.push(right[j].slot);
                    j += 1;
                } else {
                    slots.push(left[i].slot);
                    i += 1;
                }
            }
            slots.extend(left[i..].iter().chain(&right[j..]).map(|r| r.slot));
            return;
        }
        slots.clear();
        slots.extend(rows.iter().map(|r| r.slot));
    }
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
