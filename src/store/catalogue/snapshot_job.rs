//! The snapshot an opening leaves to write (`store::snapshot`): what it holds besides the
//! records, taken right after they load, and the job that writes it off the way of people;
//! and the search index an opening brings from the snapshot.

use std::collections::HashMap;
use std::sync::Arc;

use super::*;
use crate::audit::RecordStates;
use crate::durable::stat::FileStat;
use crate::model::Record;
use crate::search::{Filter, SearchIndex, SearchResult, SortColumn};
use crate::store::snapshot::{SnapFile, SnapshotHead, read_any_index, read_index};

impl Catalogue {
    /// What the next snapshot holds besides the records: taken right after the records
    /// load (before opening logs or writes anything), when memory is exactly the files.
    pub(super) fn snapshot_head(
        &self,
        states: &RecordStates,
        recipients: &super::named_lists::LoggedRecipients,
        (read_from, last_append): (i128, Option<crate::audit::LastAppend>),
    ) -> Option<SnapshotHead> {
        let log = self.audit.mark()?;
        let attachments = FileStat::at(&self.root.join(crate::store::ATTACHMENTS_DIR))
            .ok()
            .filter(|s| s.vouches(read_from));
        let files = self
            .records
            .iter()
            .map(|r| (r, false))
            .chain(self.trash.iter().map(|r| (r, true)))
            .map(|(r, in_trash)| SnapFile {
                id: r.id,
                in_trash,
                stat: self.file_stats.get(&r.id).copied(),
                sha256: self
                    .file_hashes
                    .get(&r.id)
                    .cloned()
                    .unwrap_or_else(crate::audit::genesis),
            })
            .collect();
        Some(SnapshotHead {
            catalogue: self.meta.id,
            log,
            attachments,
            states: states.clone(),
            outside: self
                .outside
                .values()
                .map(|c| crate::store::snapshot::OutsideMark {
                    record: c.record,
                    logged_at: c.logged_at,
                    found: c.found.clone(),
                    previous: c.previous.clone(),
                })
                .collect(),
            files,
            recipients: recipients
                .iter()
                .map(|(name, (kind, max))| (name.clone(), kind.clone(), max.clone()))
                .collect(),
            last_append,
        })
    }
}

/// A snapshot to write: what the catalogue was right after its records loaded. Writing
/// it takes a while at 100,000 records (the index is built again from those records, then
/// the whole is encoded and signed or sealed), so it is done off the way of people.
pub struct SnapshotJob {
    vault: Vault,
    key: Option<crate::store::snapshot::SnapshotKey>,
    head: SnapshotHead,
    records: Arc<Vec<Record>>,
    trash: Arc<Vec<Record>>,
    /// Records opening changed after they loaded, as they loaded (as their files are).
    loaded_as: HashMap<RecordId, Record>,
    /// How many record files opening read (instead of taking them from a snapshot).
    pub reread: usize,
    /// True when opening read the whole log: there was no snapshot, or its mark could not
    /// serve (another desktop's log changed in a way only the whole logs settle), so each
    /// opening would read it whole again until a new snapshot is written.
    pub log_read_whole: bool,
}

impl std::fmt::Debug for SnapshotJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SnapshotJob({} files)", self.head.files.len())
    }
}

impl SnapshotJob {
    /// Writes the snapshot (with a search index of its records) into `cache/`.
    pub fn write(self) -> std::io::Result<()> {
        let as_loaded = |list: &Arc<Vec<Record>>| match self.loaded_as.is_empty() {
            true => list.clone(),
            false => Arc::new(
                list.iter()
                    .map(|r| self.loaded_as.get(&r.id).unwrap_or(r).clone())
                    .collect(),
            ),
        };
        let (records, trash) = (as_loaded(&self.records), as_loaded(&self.trash));
        let index = crate::search::SearchIndex::build(records.iter());
        crate::store::snapshot::write(
            &self.vault,
            self.key.as_ref(),
            &self.head,
            &[&records, &trash],
            &index,
        )
    }
}

impl Catalogue {
    /// The snapshot opening left to write, when the one in `cache/` did not serve every
    /// file and the log as they were (or there was none); taken once.
    pub fn snapshot_job(&mut self) -> Option<SnapshotJob> {
        let (head, records, trash, loaded_as, reread, log_read_whole) =
            self.snapshot_parts.take()?;
        Some(SnapshotJob {
            vault: self.vault.clone(),
            key: self.snapshot_key.clone(),
            head,
            records,
            trash,
            loaded_as,
            reread,
            log_read_whole,
        })
    }

    /// The search index of the live records: the snapshot's, brought up to date with
    /// what opening read and found, or (without one) built now on every core.
    pub fn take_index(&mut self) -> SearchIndex {
        self.take_index_and_search().0
    }

    /// As [`Catalogue::take_index`], with the results of `OpenOptions::search_ahead` when
    /// they were found in the snapshot's index and opening changed nothing in it.
    pub fn take_index_and_search(&mut self) -> (SearchIndex, Option<SearchResult>) {
        let ahead = self.index_ahead.take();
        let from_snapshot = self
            .snapshot_index
            .take()
            .and_then(|(generation, changed)| {
                let key = self.snapshot_key.as_ref();
                let read_ahead = ahead.and_then(|a| a.reading.join().ok().flatten());
                let (mut index, found) = match read_ahead {
                    Some((g, index, found)) if g == generation => (index, found),
                    _ => (read_index(&self.vault, key, generation)?, None),
                };
                let found = found.filter(|_| changed.is_empty());
                for id in &changed {
                    match self.get(id) {
                        Some(r) => index.upsert(r),
                        None => index.remove(id),
                    }
                }
                Some((index, found))
            });
        if let Some(taken) = from_snapshot {
            return taken;
        }
        // Built from the records, so all of them (a lazy opening's too).
        self.load_all();
        (SearchIndex::build(self.records.iter()), None)
    }

    /// Keeps the log's record index beside the snapshot between openings, when `used`:
    /// a record's history and the review queue then read only the log entries appended
    /// since it was kept (`dossier history` at 100,000 records: see BENCHMARKS.md).
    pub(super) fn keep_history_beside_snapshot(&self, used: bool) {
        if used {
            let key = self.snapshot_key.as_ref();
            let keeper = crate::store::snapshot::history_keeper(&self.vault, key, self.meta.id);
            self.audit.keep_record_index_with(keeper);
        }
    }

    /// True when opening found a snapshot whose index `take_index` can read.
    pub fn has_snapshot_index(&self) -> bool {
        self.snapshot_index.is_some()
    }

    /// Takes up a file this catalogue wrote: its hash now, and no stat (a file written
    /// here is hashed again by the next opening, which then learns its stat).
    pub(super) fn note_file(&mut self, id: RecordId, sha: Sha256) {
        self.file_stats.remove(&id);
        self.file_hashes.insert(id, sha);
    }
}

/// What the index's thread gives: the snapshot's generation, its index, and the search
/// asked for, made in it.
type ReadAhead = Option<([u8; 16], SearchIndex, Option<SearchResult>)>;

/// A snapshot's index being read on a thread of its own from the start of an opening,
/// before it is known which snapshot (generation) the opening will use.
#[derive(Debug)]
pub(super) struct IndexAhead {
    reading: std::thread::JoinHandle<ReadAhead>,
}

impl IndexAhead {
    /// Starts reading the index in `cache/` (none when no thread can be started:
    /// `take_index` then reads it).
    pub(super) fn start(
        vault: &Vault,
        key: Option<&crate::store::snapshot::SnapshotKey>,
        search: Option<(Filter, SortColumn, bool)>,
    ) -> Option<IndexAhead> {
        let (vault, key) = (vault.clone(), key.cloned());
        let read = move || {
            let (generation, index) = read_any_index(&vault, key.as_ref())?;
            let found = search.map(|(filter, sort, up)| index.search_sorted(&filter, sort, up));
            Some((generation, index, found))
        };
        let reading = std::thread::Builder::new()
            .name("index".into())
            .spawn(read)
            .ok()?;
        Some(IndexAhead { reading })
    }
}
