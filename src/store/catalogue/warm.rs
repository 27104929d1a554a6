//! Reading the record files, or taking each from the snapshot (`store::snapshot`) when the
//! file is provably the one the snapshot read: same stat, and a stat that can vouch for
//! its content (not changed in the clock tick it was read in). A file whose stat differs
//! is read and hashed; when it still hashes to the snapshot's content it is not parsed
//! again. Files the snapshot does not know are read as without one.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::listing::{Listing, ReadRecord, RecordFile, read_record_files};
use super::named_lists::{LoggedRecipients, logged_recipients_after};
use super::*;
use crate::audit::{AuditEntry, AuditLog, Loaded, RecordState, states_after};
use crate::durable::stat::FileStat;
use crate::model::Record;
use crate::store::snapshot::{SnapFile, Snapshot, SnapshotHead};

/// What a snapshot brings to an opening besides the records, when the log went on from
/// its mark (`tail`: the entries appended since).
pub(super) struct Warmth {
    states: HashMap<RecordId, RecordState>,
    outside: Vec<OutsideChange>,
    attachments: Option<FileStat>,
    recipients: LoggedRecipients,
    tail: Vec<AuditEntry>,
    /// Names the snapshot's index file.
    generation: [u8; 16],
}

/// Opens this desktop's log: from the snapshot's mark when the logs still end there,
/// otherwise whole (then the entries after the mark are `None`).
pub(super) fn open_log(
    vault: &Vault,
    snap: Option<&Snapshot>,
    writable: bool,
) -> Result<(AuditLog, Loaded, Option<Vec<AuditEntry>>), StoreError> {
    let own_log = crate::store::Device::read(vault.root())?.map(|device| device.log);
    let log_file = own_log.as_deref().unwrap_or(crate::audit::AUDIT_FILE);
    let resumed = snap.and_then(|s| AuditLog::resume(vault, log_file, &s.head.log));
    if let Some((log, tail)) = resumed {
        return Ok((log, Loaded::default(), Some(tail)));
    }
    let (log, loaded) = match &own_log {
        Some(own) => AuditLog::load_device(vault, own, writable)?,
        None => AuditLog::load(vault, writable)?,
    };
    Ok((log, loaded, None))
}

/// The snapshot's records for `load_records`, and the rest of what it knows when the log
/// went on from its mark (else the generation of its index only).
pub(super) fn split(
    snap: Option<Snapshot>,
    tail: Option<Vec<AuditEntry>>,
) -> (Option<SnapRecords>, Result<Warmth, Option<[u8; 16]>>) {
    let Some(s) = snap else {
        return (None, Err(None));
    };
    let records = Some((s.head.files, s.records));
    let Some(tail) = tail else {
        return (records, Err(Some(s.generation)));
    };
    let outside = s
        .head
        .outside
        .into_iter()
        .map(|m| OutsideChange {
            record: m.record,
            logged_at: m.logged_at,
            found: m.found,
            previous: m.previous,
        })
        .collect();
    let recipients = s
        .head
        .recipients
        .into_iter()
        .map(|(name, kind, max)| (name, (kind, max)))
        .collect();
    let warmth = Warmth {
        states: states_after(s.head.states, &tail),
        recipients: logged_recipients_after(recipients, &tail),
        outside,
        attachments: s.head.attachments,
        tail,
        generation: s.generation,
    };
    (records, Ok(warmth))
}

/// Where each listed file's record comes from.
enum Slot {
    /// The snapshot's record at this place, unchanged.
    Taken(usize),
    /// Read from the file; the snapshot's place when it knows the file.
    Read(Option<usize>),
}

/// What loading the records found, besides the records.
pub(super) struct LoadedFiles {
    /// A sync tool's conflict copies, to be taken in.
    pub copies: Vec<PathBuf>,
    /// Records not taken from the snapshot as it held them (read again, or gone).
    pub changed: HashSet<RecordId>,
    /// How many files were read (every file, without a snapshot).
    pub reread: usize,
}

/// The records a snapshot brings: what it knows of each file, and the record in it.
pub(super) type SnapRecords = (Vec<SnapFile>, Vec<Option<Record>>);

impl Catalogue {
    /// What opening does once the records are loaded: recipients and views checked
    /// against the log, the outside changes it holds, the next snapshot's state taken,
    /// every file compared with the log (`reconcile`), the sync tool's conflict copies.
    pub(super) fn finish_opening(
        &mut self,
        options: &OpenOptions<'_>,
        loaded: Loaded,
        warmth: Result<Warmth, Option<[u8; 16]>>,
        files: LoadedFiles,
        read_from: i128,
    ) {
        let writable = self.is_writable();
        let (states, outside, attachments, recipients, tail_len, generation) = match warmth {
            Ok(w) => (
                w.states,
                w.outside,
                w.attachments,
                w.recipients,
                Some(w.tail.len()),
                Some(w.generation),
            ),
            Err(generation) => {
                let (states, recipients) = (self.audit.record_states(), self.logged_recipients());
                (states, Vec::new(), None, recipients, None, generation)
            }
        };
        self.load_recipients(&recipients);
        self.load_views();
        if !loaded.problems.is_empty() {
            self.notices.push(format!(
                "The audit log has {} problem{}: entries were altered, removed or reordered. Verify the catalogue to see them.",
                loaded.problems.len(),
                if loaded.problems.len() == 1 { "" } else { "s" }
            ));
        }
        self.load_logged_outside_changes(&states, &outside);
        // A snapshot is made again unless this one served every file and the log as it was.
        let served = tail_len == Some(0) && files.reread == 0;
        if options.snapshot && loaded.problems.is_empty() && !served {
            self.snapshot_parts = self
                .snapshot_head(&states, &recipients, read_from)
                .map(|head| (head, self.records.clone(), self.trash.clone(), files.reread));
        }
        let folder = self.root.join(crate::store::ATTACHMENTS_DIR);
        let attachments_unchanged =
            attachments.is_some_and(|a| FileStat::at(&folder).is_ok_and(|n| n == a));
        let reconciled = self.reconcile(
            &options.user,
            &loaded,
            writable,
            states,
            attachments_unchanged,
        );
        if let Err(e) = reconciled {
            // A full disk must not lock people out of what they saved: open, and log the
            // repairs the next time there is room.
            self.notices.push(format!(
                "What was found on opening could not be written to the audit log ({e}); it will be logged the next time the catalogue opens."
            ));
        }
        self.snapshot_index = generation.map(|generation| {
            let mut changed = files.changed;
            changed.extend(self.outside.keys().copied());
            (generation, changed)
        });
        self.take_conflict_copies_or_say(&options.user, &files.copies);
        self.audit_problems = loaded.problems;
    }

    /// Reads every record file (those `listing` names, or listed now), or takes it from
    /// `snap`, each into the records or the trash as its `trashed` field says. Files read
    /// at or after `read_from` (nanoseconds) keep their stat for the next snapshot only
    /// when it can vouch for them.
    pub(super) fn load_records(
        &mut self,
        listing: Option<Listing>,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
        snap: Option<SnapRecords>,
        read_from: i128,
    ) -> Result<LoadedFiles, StoreError> {
        let writable = self.is_writable();
        let mut listing = match listing {
            Some(listing) => listing,
            None => Listing::of(&self.root)?,
        };
        if writable {
            listing.remove_temps();
        }
        let (snap_files, mut snap_records) = snap.unwrap_or_default();
        let slots = classify(&mut listing.files, &snap_files);
        // Each snapshot file is taken out once used; those left are of records now gone.
        let mut snap_files: Vec<Option<SnapFile>> = snap_files.into_iter().map(Some).collect();
        let mut changed = HashSet::new();
        let (taken, to_read): (Vec<_>, Vec<_>) = listing
            .files
            .into_iter()
            .zip(&slots)
            .partition(|(_, slot)| matches!(slot, Slot::Taken(_)));
        let to_read: Vec<RecordFile> = to_read.into_iter().map(|(f, _)| f).collect();
        let (mut taken, mut read_files) = (taken.into_iter().map(|(f, _)| f), to_read.iter());
        let mut reads = read_record_files(&to_read, &self.vault, progress);
        let total = slots.len();
        Arc::make_mut(&mut self.records).reserve(total);
        self.index.reserve(total);
        self.file_hashes.reserve(total);
        let mut moves = Vec::new();
        let mut trashed_ids = HashSet::new();
        for slot in &slots {
            let (path, in_trash, result): (PathBuf, bool, ReadRecord) = match *slot {
                Slot::Taken(at) => {
                    let (Some(file), Some(f)) = (taken.next(), snap_files[at].take()) else {
                        break;
                    };
                    let record = snap_records[at].take();
                    (file.path, file.in_trash, Ok((record, f.sha256, f.stat)))
                }
                Slot::Read(at) => {
                    let (Some(file), Some(result)) = (read_files.next(), reads.next()) else {
                        break;
                    };
                    if let Some(at) = at {
                        snap_files[at] = None;
                    }
                    let result = result.map(|(record, sha, stat)| match record {
                        // The same content as the snapshot's: its record, no parsing.
                        None => {
                            let record = at.and_then(|at| snap_records[at].take());
                            (record, sha, stat.filter(|s| s.vouches(read_from)))
                        }
                        Some(record) => {
                            changed.insert(record.id);
                            (Some(record), sha, stat.filter(|s| s.vouches(read_from)))
                        }
                    });
                    (file.path.clone(), file.in_trash, result)
                }
            };
            self.place_record(path, in_trash, result, &mut moves, &mut trashed_ids);
        }
        drop(reads);
        changed.extend(snap_files.into_iter().flatten().map(|f| f.id));
        if writable {
            finish_moves(moves);
        }
        Ok(LoadedFiles {
            copies: listing.conflict_copies,
            changed,
            reread: to_read.len(),
        })
    }

    /// Puts one file's record in the records or the trash, or lists why it could not be.
    fn place_record(
        &mut self,
        path: PathBuf,
        in_trash: bool,
        result: ReadRecord,
        moves: &mut Vec<(PathBuf, PathBuf)>,
        trashed_ids: &mut HashSet<RecordId>,
    ) {
        let (record, sha, stat) = match result {
            Ok((Some(record), sha, stat)) => (record, sha, stat),
            Ok((None, ..)) => unreachable!("a known file's record is the snapshot's"),
            Err(problem) => {
                if let Some(id) = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(|s| s.parse::<RecordId>().ok())
                {
                    self.quarantined.insert(id);
                }
                self.problems.push(problem);
                return;
            }
        };
        if self.index.contains_key(&record.id) || trashed_ids.contains(&record.id) {
            self.problems.push(Problem {
                path,
                line: None,
                reason: format!(
                    "another file holds a record with the same id {}; this copy was not opened",
                    record.id
                ),
            });
            return;
        }
        // Where a record belongs is decided by its `trashed` field; a file left in the
        // other folder by an interrupted move is finished by the caller.
        let belongs_in_trash = record.trashed.is_some();
        if belongs_in_trash != in_trash {
            moves.push((path, self.record_path(&record.id, belongs_in_trash)));
        } else if let Some(stat) = stat {
            self.file_stats.insert(record.id, stat);
        }
        self.file_hashes.insert(record.id, sha);
        if belongs_in_trash {
            trashed_ids.insert(record.id);
            Arc::make_mut(&mut self.trash).push(record);
        } else {
            self.index.insert(record.id, self.records.len());
            Arc::make_mut(&mut self.records).push(record);
        }
    }

    /// What the next snapshot holds besides the records: taken right after the records
    /// load (before opening logs or writes anything), when memory is exactly the files.
    pub(super) fn snapshot_head(
        &self,
        states: &HashMap<RecordId, RecordState>,
        recipients: &super::named_lists::LoggedRecipients,
        read_from: i128,
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
    /// How many record files opening read (instead of taking them from a snapshot).
    pub reread: usize,
}

impl std::fmt::Debug for SnapshotJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SnapshotJob({} files)", self.head.files.len())
    }
}

impl SnapshotJob {
    /// Writes the snapshot (with a search index of its records) into `cache/`.
    pub fn write(self) -> std::io::Result<()> {
        let index = crate::search::SearchIndex::build(self.records.iter());
        crate::store::snapshot::write(
            &self.vault,
            self.key.as_ref(),
            &self.head,
            &[&self.records, &self.trash],
            &index,
        )
    }
}

impl Catalogue {
    /// The snapshot opening left to write, when the one in `cache/` did not serve every
    /// file and the log as they were (or there was none); taken once.
    pub fn snapshot_job(&mut self) -> Option<SnapshotJob> {
        let (head, records, trash, reread) = self.snapshot_parts.take()?;
        Some(SnapshotJob {
            vault: self.vault.clone(),
            key: self.snapshot_key.clone(),
            head,
            records,
            trash,
            reread,
        })
    }

    /// The search index of the live records: the snapshot's, brought up to date with
    /// what opening read and found, or (without one) built now on every core.
    pub fn take_index(&mut self) -> crate::search::SearchIndex {
        let from_snapshot = self
            .snapshot_index
            .take()
            .and_then(|(generation, changed)| {
                let key = self.snapshot_key.as_ref();
                let mut index = crate::store::snapshot::read_index(&self.vault, key, generation)?;
                for id in &changed {
                    match self.get(id) {
                        Some(r) => index.upsert(r),
                        None => index.remove(id),
                    }
                }
                Some(index)
            });
        from_snapshot.unwrap_or_else(|| crate::search::SearchIndex::build(self.records.iter()))
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

/// Finishes the moves between `records/` and `trash/` that a crash interrupted: a
/// courtesy: if one fails, memory is right and the next save of the record puts it in place.
fn finish_moves(moves: Vec<(PathBuf, PathBuf)>) {
    for (from, to) in moves {
        let _ = crate::durable::rename_durable(&from, &to);
    }
}

/// Decides, for each listed file, whether the snapshot's record can be taken as it is
/// (its stat unchanged), and marks the rest with the content the snapshot expects.
fn classify(files: &mut [RecordFile], snap: &[SnapFile]) -> Vec<Slot> {
    if snap.is_empty() {
        return files.iter().map(|_| Slot::Read(None)).collect();
    }
    let by_name: HashMap<(RecordId, bool), usize> = snap
        .iter()
        .enumerate()
        .map(|(i, f)| ((f.id, f.in_trash), i))
        .collect();
    let places: Vec<Option<usize>> = files
        .iter()
        .map(|f| {
            let id = f.path.file_stem()?.to_str()?.parse::<RecordId>().ok()?;
            by_name.get(&(id, f.in_trash)).copied()
        })
        .collect();
    // The stat of every file the snapshot vouches for, on every core.
    let stats: Vec<Option<FileStat>> = crate::parallel::ranges(files.len(), 4096, |range| {
        range
            .map(|i| {
                let known = places[i].and_then(|at| snap[at].stat)?;
                let now = files[i].entry.metadata().ok().map(|m| FileStat::of(&m));
                now.filter(|s| *s == known)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    files
        .iter_mut()
        .zip(places)
        .zip(stats)
        .map(|((file, place), stat)| match (place, stat) {
            (Some(at), Some(_)) => Slot::Taken(at),
            (place, _) => {
                file.known = place.map(|at| snap[at].sha256.clone());
                Slot::Read(place)
            }
        })
        .collect()
}
