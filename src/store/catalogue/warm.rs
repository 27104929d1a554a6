//! Reading the record files, or taking each from the snapshot (`store::snapshot`) when the
//! file is provably the one the snapshot read: same stat, and a stat that can vouch for
//! its content (not changed in the clock tick it was read in). A file whose stat differs
//! is read and hashed; when it still hashes to the snapshot's content it is not parsed
//! again. Files the snapshot does not know are read as without one.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::listing::{Listing, ReadRecord, RecordFile, read_one_file, read_record_files};
use super::named_lists::{LoggedRecipients, logged_recipients_after};
use super::*;
use crate::audit::{AuditLog, Loaded, RecordState, Tail};
use crate::durable::stat::FileStat;
use crate::model::Record;
use crate::store::snapshot::{Decoded, Encoded, SnapFile, Snapshot, SnapshotHead};

/// What a snapshot brings to an opening besides the records, when the log went on from
/// its mark (`tail`: the entries appended since).
pub(super) struct Warmth {
    pub states: HashMap<RecordId, RecordState>,
    pub outside: Vec<OutsideChange>,
    attachments: Option<FileStat>,
    pub recipients: LoggedRecipients,
    tail: Tail,
    /// Names the snapshot's index file.
    generation: [u8; 16],
}

/// The generation of the snapshot an opening uses, which names its index file.
pub(super) fn generation_of(warmth: &Result<Warmth, Option<[u8; 16]>>) -> Option<[u8; 16]> {
    match warmth {
        Ok(w) => Some(w.generation),
        Err(generation) => *generation,
    }
}

/// Opens this desktop's log: from the snapshot's mark when the logs still end there,
/// otherwise whole (then the entries after the mark are `None`).
pub(super) fn open_log(
    vault: &Vault,
    snap: Option<&Snapshot>,
    writable: bool,
) -> Result<(AuditLog, Loaded, Option<Tail>), StoreError> {
    let own_log = crate::store::Device::read(vault.root())?.map(|device| device.log);
    let log_file = own_log.as_deref().unwrap_or(crate::audit::AUDIT_FILE);
    let resumed = snap.and_then(|s| AuditLog::resume(vault, log_file, &s.head.log, &s.head.states));
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
    decoded: Option<Decoded>,
    tail: Option<Tail>,
) -> (Option<SnapRecords>, Result<Warmth, Option<[u8; 16]>>) {
    let Some(s) = snap else {
        return (None, Err(None));
    };
    // Without its records decoded, they are decoded as they are needed.
    let (decoded, encoded) = match decoded {
        Some(decoded) => (decoded, None),
        None => (Decoded::default(), Some(s.records)),
    };
    let Some(tail) = tail else {
        let records = SnapRecords {
            files: s.head.files,
            decoded,
            encoded,
        };
        return (Some(records), Err(Some(s.generation)));
    };
    let (files, warmth) = warmth(s.head, s.generation, tail);
    let records = SnapRecords {
        files,
        decoded,
        encoded,
    };
    (Some(records), Ok(warmth))
}

/// What the snapshot's `head` brings to an opening whose log went on from its mark with
/// `tail`; its files are given back.
pub(super) fn warmth(
    head: SnapshotHead,
    generation: [u8; 16],
    tail: Tail,
) -> (Vec<SnapFile>, Warmth) {
    let outside = head
        .outside
        .into_iter()
        .map(|m| OutsideChange {
            record: m.record,
            logged_at: m.logged_at,
            found: m.found,
            previous: m.previous,
        })
        .collect();
    let recipients = head
        .recipients
        .into_iter()
        .map(|(name, kind, max)| (name, (kind, max)))
        .collect();
    let warmth = Warmth {
        states: tail.states_after(head.states),
        recipients: logged_recipients_after(recipients, &tail.own),
        outside,
        attachments: head.attachments,
        tail,
        generation,
    };
    (head.files, warmth)
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

/// The records a snapshot brings: what it knows of each file, and the record in it,
/// decoded, or still encoded for an opening that decodes only those asked for
/// (`OpenOptions::lazy`).
#[derive(Default)]
pub(super) struct SnapRecords {
    files: Vec<SnapFile>,
    decoded: Decoded,
    encoded: Option<Encoded>,
}

/// The snapshot's records as opening takes them: decoded already, or decoded when taken.
struct Source {
    decoded: Decoded,
    encoded: Option<Encoded>,
}

impl Source {
    /// The records as this opening takes them: left encoded (`true`) only when no new
    /// snapshot is to be made of them all and no conflict copy is to be taken in.
    fn new(
        decoded: Decoded,
        encoded: Option<Encoded>,
        files: &[SnapFile],
        slots: &[Slot],
        copies: bool,
    ) -> (Source, bool) {
        let reread = slots.iter().filter(|s| matches!(s, Slot::Read(_))).count();
        let defer = encoded.is_some()
            && !copies
            && !crate::store::snapshot::worth_writing(reread, slots.len());
        let mut source = Source { decoded, encoded };
        if !defer && let Some(e) = source.encoded.take() {
            source.decoded = e.decode_all(files).unwrap_or_default();
        }
        (source, defer)
    }

    /// The record of the snapshot's file at `at` (record `id`), once.
    fn take(&mut self, at: usize, id: RecordId) -> Option<Record> {
        let decoded = self.decoded.take(at);
        decoded.or_else(|| self.encoded.as_ref()?.decode(at, id).ok())
    }
}

/// A record file read again: where, the snapshot's place and record for it, and since
/// when a stat vouches.
struct Read<'a> {
    path: &'a std::path::Path,
    known: Option<(usize, RecordId)>,
    read_from: i128,
}

/// The records a lazy opening left encoded: their places in the snapshot's records and
/// their files' hashes.
pub(super) struct Deferred {
    pub records: Encoded,
    pub places: HashMap<RecordId, (usize, Sha256)>,
}

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
        let whole = self.deferred.is_none();
        let head = (options.snapshot && loaded.problems.is_empty() && !served && whole)
            .then(|| self.snapshot_head(&states, &recipients, read_from))
            .flatten();
        // The lists are taken for the snapshot only after the comparison with the log: a
        // record changed while they are shared would copy them whole (100 ms at 100,000).
        self.loaded_as = head.as_ref().map(|_| HashMap::new());
        let folder = self.root.join(crate::store::ATTACHMENTS_DIR);
        let attachments_unchanged =
            attachments.is_some_and(|a| FileStat::at(&folder).is_ok_and(|n| n == a));
        self.load_unsettled(&states);
        let reconciled = self.reconcile(
            &options.user,
            &loaded,
            writable,
            states,
            attachments_unchanged,
        );
        let loaded_as = self.loaded_as.take().unwrap_or_default();
        self.snapshot_parts = head.map(|head| {
            let (records, trash) = (self.records.clone(), self.trash.clone());
            (
                head,
                records,
                trash,
                loaded_as,
                files.reread,
                tail_len.is_none(),
            )
        });
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
        let mut listing = self.listed(listing)?;
        let SnapRecords {
            files: snap_files,
            decoded,
            encoded,
        } = snap.unwrap_or_default();
        let slots = classify(&mut listing.files, &snap_files);
        let copies = !listing.conflict_copies.is_empty();
        let (mut source, defer) = Source::new(decoded, encoded, &snap_files, &slots, copies);
        let mut deferred = HashMap::with_capacity(if defer { slots.len() } else { 0 });
        // Each snapshot file is taken out once used; those left are of records now gone.
        let mut snap_files: Vec<Option<SnapFile>> = snap_files.into_iter().map(Some).collect();
        let mut changed = HashSet::new();
        let (taken, to_read) = split_files(std::mem::take(&mut listing.files), &slots);
        let (mut taken, mut read_files) = (taken.into_iter(), to_read.iter());
        let mut reads = read_record_files(&to_read, &self.vault, progress);
        self.reserve(slots.len());
        let mut moves = Vec::new();
        let mut trashed_ids = HashSet::new();
        for slot in &slots {
            let (path, in_trash, result): (PathBuf, bool, ReadRecord) = match *slot {
                Slot::Taken(at) => {
                    let (Some(file), Some(f)) = (taken.next(), snap_files[at].take()) else {
                        break;
                    };
                    if defer && !file.in_trash {
                        deferred.insert(f.id, (at, f.sha256));
                        // Placed, as far as another file with its id goes.
                        trashed_ids.insert(f.id);
                        continue;
                    }
                    let result = match source.take(at, f.id) {
                        Some(record) => Ok((Some(record), f.sha256, f.stat)),
                        // Not in the snapshot as it should be: the file, parsed.
                        None => read_one_file(&self.vault, &file.path, None),
                    };
                    (file.path, file.in_trash, result)
                }
                Slot::Read(at) => {
                    let (Some(file), Some(result)) = (read_files.next(), reads.next()) else {
                        break;
                    };
                    let known = at.and_then(|at| Some((at, snap_files[at].take()?.id)));
                    let read = Read {
                        path: &file.path,
                        known,
                        read_from,
                    };
                    let result = self.settle_read(result, read, &mut source, &mut changed);
                    (file.path.clone(), file.in_trash, result)
                }
            };
            self.place_record(path, in_trash, result, &mut moves, &mut trashed_ids);
        }
        drop(reads);
        if let Some(records) = source.encoded.filter(|_| !deferred.is_empty()) {
            self.keep_deferred(records, deferred);
        }
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

    /// The record folders' listing (made now unless made ahead), without the temp files
    /// interrupted saves left when the catalogue is ours to write.
    fn listed(&self, listing: Option<Listing>) -> Result<Listing, StoreError> {
        let listing = match listing {
            Some(listing) => listing,
            None => Listing::of(&self.root)?,
        };
        if self.is_writable() {
            listing.remove_temps();
        }
        Ok(listing)
    }

    /// Keeps the records a lazy opening left in the snapshot, until asked for.
    fn keep_deferred(&mut self, records: Encoded, places: HashMap<RecordId, (usize, Sha256)>) {
        self.focused = true;
        self.deferred = Some(Deferred { records, places });
    }

    /// Room for `total` records.
    fn reserve(&mut self, total: usize) {
        Arc::make_mut(&mut self.records).reserve(total);
        self.index.reserve(total);
        self.file_hashes.reserve(total);
        self.file_stats.reserve(total);
    }

    /// What reading a file the snapshot may know gave: when it holds the snapshot's
    /// content, the snapshot's record (no parsing); otherwise the record parsed, noted as
    /// changed. Its stat is kept only when it can vouch for the content.
    fn settle_read(
        &self,
        result: ReadRecord,
        read: Read<'_>,
        source: &mut Source,
        changed: &mut HashSet<RecordId>,
    ) -> ReadRecord {
        let vouching = |stat: Option<FileStat>| stat.filter(|s| s.vouches(read.read_from));
        match result? {
            (None, sha, stat) => match read.known.and_then(|(at, id)| source.take(at, id)) {
                Some(record) => Ok((Some(record), sha, vouching(stat))),
                None => read_one_file(&self.vault, read.path, None),
            },
            (Some(record), sha, stat) => {
                changed.insert(record.id);
                Ok((Some(record), sha, vouching(stat)))
            }
        }
    }

    /// Puts one file's record in the records or the trash, or lists why it could not be.
    pub(super) fn place_record(
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
}

/// Finishes the moves between `records/` and `trash/` that a crash interrupted: a
/// courtesy: if one fails, memory is right and the next save of the record puts it in place.
pub(super) fn finish_moves(moves: Vec<(PathBuf, PathBuf)>) {
    for (from, to) in moves {
        let _ = crate::durable::rename_durable(&from, &to);
    }
}

/// The listed files whose records the snapshot serves, and those to read, each in order.
fn split_files(files: Vec<RecordFile>, slots: &[Slot]) -> (Vec<RecordFile>, Vec<RecordFile>) {
    let (taken, to_read): (Vec<_>, Vec<_>) = files
        .into_iter()
        .zip(slots)
        .partition(|(_, slot)| matches!(slot, Slot::Taken(_)));
    let strip = |v: Vec<(RecordFile, &Slot)>| v.into_iter().map(|(f, _)| f).collect();
    (strip(taken), strip(to_read))
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
