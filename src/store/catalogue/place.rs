//! Placing what opening read or took from the snapshot: each file's record in the records
//! or the trash (as its `trashed` field says), with its hash and stat, or the reason it
//! could not be.
//!
//! The two lists are taken out of their `Arc`s while they fill (`Catalogue::placing`) and
//! put back once (`Catalogue::placed`): one check that a list is not shared, rather than
//! one for each of 100,000 pushes.

use std::path::PathBuf;
use std::sync::Arc;

use super::listing::{ReadRecord, RecordFile};
use super::*;
use crate::store::snapshot::{Settled, SnapFile};

/// A file whose record is being placed: the id its name gives, its folder, and its
/// path, made only when a problem or a move needs it.
pub(super) trait Located {
    /// The id the file's name gives, when it is one.
    fn id(&self) -> Option<RecordId>;
    /// True for a file in the trash folder.
    fn in_trash(&self) -> bool;
    /// Where the file is.
    fn path(&self) -> PathBuf;
}

impl Located for RecordFile {
    fn id(&self) -> Option<RecordId> {
        self.id
    }
    fn in_trash(&self) -> bool {
        self.in_trash
    }
    fn path(&self) -> PathBuf {
        RecordFile::path(self)
    }
}

/// A file named by its path, and whether it is in the trash folder.
impl Located for (PathBuf, bool) {
    fn id(&self) -> Option<RecordId> {
        self.0.file_stem()?.to_str()?.parse().ok()
    }
    fn in_trash(&self) -> bool {
        self.1
    }
    fn path(&self) -> PathBuf {
        self.0.clone()
    }
}

/// The records and the trash while records are placed in them, the moves between the
/// folders that an interrupted save left, and the ids placed in the trash (or left in
/// the snapshot), against which a second file with the same id is refused.
#[derive(Default)]
pub(super) struct Placing {
    pub records: Vec<Record>,
    pub trash: Vec<Record>,
    moves: Vec<(PathBuf, PathBuf)>,
    pub trashed_ids: IdSet,
    /// The records a lazy opening leaves in the snapshot: their places there and their
    /// files' hashes. Placed, as far as another file with the same id goes.
    pub deferred: super::places::Places,
    /// Those of them whose files were not the version logged when the snapshot was made
    /// (known only when the log went on from the snapshot's mark).
    pub unsettled: Vec<RecordId>,
}

impl Placing {
    /// Leaves the record of the snapshot's file `f`, at `at`, in the snapshot; `settled`
    /// says whether that file was the version logged when the snapshot was made.
    pub fn defer(&mut self, f: &SnapFile, at: usize, settled: Option<&Settled>) {
        self.deferred.push(f.id, at, f.sha256.clone());
        if settled.is_some_and(|s| s.files.get(at) != Some(&true)) {
            self.unsettled.push(f.id);
        }
    }
}

impl Catalogue {
    /// Starts placing records after those already in, with room for `more`.
    pub(super) fn placing(&mut self, more: usize) -> Placing {
        let mut records = std::mem::take(Arc::make_mut(&mut self.records));
        records.reserve(more);
        self.index.reserve(more);
        self.file_hashes.reserve(more);
        self.file_stats.reserve(more);
        Placing {
            records,
            trash: std::mem::take(Arc::make_mut(&mut self.trash)),
            ..Placing::default()
        }
    }

    /// Puts the placed records back, and finishes the moves between `records/` and
    /// `trash/` that a crash interrupted (when the catalogue is ours to write): a
    /// courtesy, since memory is right, and the next save of the record puts it in place.
    pub(super) fn placed(&mut self, placing: Placing) {
        self.records = Arc::new(placing.records);
        self.trash = Arc::new(placing.trash);
        if self.is_writable() {
            for (from, to) in placing.moves {
                let _ = crate::durable::rename_durable(&from, &to);
            }
        }
    }

    /// Puts one file's record in the records or the trash, or lists why it could not be.
    pub(super) fn place_record(
        &mut self,
        file: &impl Located,
        result: ReadRecord,
        placing: &mut Placing,
    ) {
        let (record, sha, stat) = match result {
            Ok((Some(record), sha, stat)) => (record, sha, stat),
            Ok((None, ..)) => unreachable!("a known file's record is the snapshot's"),
            Err(problem) => {
                if let Some(id) = file.id() {
                    self.quarantined.insert(id);
                }
                self.problems.push(problem);
                return;
            }
        };
        let id = &record.id;
        let placed = placing.trashed_ids.contains(id) || placing.deferred.contains(id);
        if self.index.contains_key(id) || placed {
            self.problems.push(Problem {
                path: file.path(),
                line: None,
                reason: format!(
                    "another file holds a record with the same id {}; this copy was not opened",
                    record.id
                ),
            });
            return;
        }
        // Where a record belongs is decided by its `trashed` field; a file left in the
        // other folder by an interrupted move is finished by `placed`.
        let belongs_in_trash = record.trashed.is_some();
        if belongs_in_trash != file.in_trash() {
            let to = self.record_path(&record.id, belongs_in_trash);
            placing.moves.push((file.path(), to));
        } else if let Some(stat) = stat {
            self.file_stats.insert(record.id, stat);
        }
        self.file_hashes.insert(record.id, sha);
        if belongs_in_trash {
            placing.trashed_ids.insert(record.id);
            placing.trash.push(record);
        } else {
            self.index.insert(record.id, placing.records.len());
            placing.records.push(record);
        }
    }
}
