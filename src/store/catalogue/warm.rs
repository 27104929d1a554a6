//! Reading the record files, or taking each from the snapshot (`store::snapshot`) when the
//! file is provably the one the snapshot read: same stat, and a stat that can vouch for
//! its content (not changed in the clock tick it was read in). A file whose stat differs
//! is read and hashed; when it still hashes to the snapshot's content it is not parsed
//! again. Files the snapshot does not know are read as without one.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::listing::{Listing, ReadRecord, RecordFile, read_one_file, read_record_files};
use super::named_lists::{LoggedRecipients, logged_recipients_after};
use super::place::Placing;
use super::places::Places;
use super::repair::SnapshotSaw;
use super::*;
use crate::audit::{AuditLog, Loaded, RecordStates, Tail};
use crate::durable::stat::FileStat;
use crate::model::Record;
use crate::store::snapshot::{Decoded, Encoded, Settled, SnapFile, Snapshot, SnapshotHead};

/// What a snapshot brings to an opening besides the records, when the log went on from
/// its mark (`tail`: the entries appended since).
pub(super) struct Warmth {
    pub states: RecordStates,
    pub outside: Vec<OutsideChange>,
    pub attachments: Option<FileStat>,
    pub recipients: LoggedRecipients,
    pub tail: Tail,
    /// Names the snapshot's index file.
    pub generation: [u8; 16],
    /// What the snapshot knew of this desktop's log.
    pub saw: SnapshotSaw,
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
            settled: None,
        };
        return (Some(records), Err(Some(s.generation)));
    };
    let (files, warmth) = warmth(s.head, s.generation, tail);
    let records = SnapRecords {
        files,
        decoded,
        encoded,
        settled: Some(s.settled),
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
    let before = |id: RecordId| {
        let state = head.states.get(&id).filter(|s| s.own);
        (id, state.map(|s| (s.seq, s.sha256.clone())))
    };
    let saw = SnapshotSaw {
        mark: head.log.head.entries,
        before: tail
            .own
            .iter()
            .filter_map(|e| e.record)
            .map(before)
            .collect(),
        carried: head.last_append,
    };
    let warmth = Warmth {
        states: tail.states_after(head.states),
        recipients: logged_recipients_after(recipients, &tail.own),
        outside,
        attachments: head.attachments,
        tail,
        generation,
        saw,
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
    /// With a snapshot whose states the log's new entries moved on: the records left in
    /// it whose files were not the version logged then, and the records logged then with
    /// no file (see `Settled`).
    pub known: Option<(Vec<RecordId>, Vec<RecordId>)>,
}

/// The records a snapshot brings: what it knows of each file, and the record in it,
/// decoded, or still encoded for an opening that decodes only those asked for
/// (`OpenOptions::lazy`).
#[derive(Default)]
pub(super) struct SnapRecords {
    files: Vec<SnapFile>,
    decoded: Decoded,
    encoded: Option<Encoded>,
    /// What the snapshot's files and states said of each other, when the log went on
    /// from its mark (the states then differ only for the records its new entries name).
    settled: Option<Settled>,
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
    file: &'a RecordFile,
    known: Option<(usize, RecordId)>,
    read_from: i128,
}

/// The records a lazy opening left encoded: their places in the snapshot's records and
/// their files' hashes.
pub(super) struct Deferred {
    /// Shared with a thread decoding them all (`Catalogue::completion`).
    pub records: Arc<Encoded>,
    pub places: Places,
    /// Their places and ids gathered ahead, off the UI thread (`prepare_completion`).
    pub gathered: Option<Vec<(usize, RecordId)>>,
}

impl Catalogue {
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
        let mut listing = self.listed(listing)?;
        let SnapRecords {
            files: snap_files,
            decoded,
            encoded,
            settled,
        } = snap.unwrap_or_default();
        let stats = listing.stats.take();
        let slots = classify(&mut listing.files, stats.as_deref(), &snap_files);
        let copies = !listing.conflict_copies.is_empty();
        let (mut source, defer) = Source::new(decoded, encoded, &snap_files, &slots, copies);
        if !defer {
            // Not held beside every record decoded: let go of as soon as it is read.
            self.index_ahead = None;
        }
        // Each snapshot file is used once; those left unused are of records now gone.
        let mut used = vec![false; snap_files.len()];
        let mut use_file =
            |at: usize| (!std::mem::replace(&mut used[at], true)).then(|| &snap_files[at]);
        let mut changed = HashSet::new();
        let (taken, to_read) = split_files(std::mem::take(&mut listing.files), &slots);
        let (mut taken, mut read_files) = (Taken::new(taken), to_read.iter());
        let mut reads = read_record_files(&to_read, &self.vault, progress);
        let mut placing = self.placing(slots.len());
        placing
            .deferred
            .reserve(if defer { slots.len() } else { 0 });
        for slot in &slots {
            match *slot {
                Slot::Taken(at) => {
                    let (Some(file), Some(f)) = (taken.next(), use_file(at)) else {
                        break;
                    };
                    if defer && !file.in_trash {
                        placing.defer(f, at, settled.as_ref());
                        continue;
                    }
                    let result = match source.take(at, f.id) {
                        Some(record) => Ok((Some(record), f.sha256.clone(), f.stat)),
                        // Not in the snapshot as it should be: the file, parsed.
                        None => read_one_file(&self.vault, &file.path(), None),
                    };
                    self.place_record(file, result, &mut placing);
                }
                Slot::Read(at) => {
                    let (Some(file), Some(result)) = (read_files.next(), reads.next()) else {
                        break;
                    };
                    let known = at.and_then(|at| Some((at, use_file(at)?.id)));
                    let read = Read {
                        file,
                        known,
                        read_from,
                    };
                    let result = self.settle_read(result, read, &mut source, &mut changed);
                    self.place_record(file, result, &mut placing);
                }
            }
        }
        drop(reads);
        self.keep_deferred(source.encoded, &mut placing);
        let unsettled = std::mem::take(&mut placing.unsettled);
        let gone = snap_files.iter().zip(&used).filter(|(_, used)| !**used);
        changed.extend(gone.map(|(f, _)| f.id));
        self.placed(placing);
        Ok(LoadedFiles {
            copies: listing.conflict_copies,
            changed,
            reread: to_read.len(),
            known: settled.map(|s| (unsettled, s.unfiled)),
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

    /// Keeps the records a lazy opening left in the snapshot (`records`), until asked for.
    fn keep_deferred(&mut self, records: Option<Encoded>, placing: &mut Placing) {
        let mut places = std::mem::take(&mut placing.deferred);
        places.finish();
        let Some(records) = records.filter(|_| !places.is_empty()) else {
            return;
        };
        self.focused = true;
        self.deferred = Some(Deferred {
            records: Arc::new(records),
            places,
            gathered: None,
        });
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
                None => read_one_file(&self.vault, &read.file.path(), None),
            },
            (Some(record), sha, stat) => {
                changed.insert(record.id);
                Ok((Some(record), sha, vouching(stat)))
            }
        }
    }
}

/// How many listed files make one piece of those the snapshot serves (see `Taken`).
const TAKEN_PIECE: usize = 4096;

/// The listed files whose records the snapshot serves, in pieces, and those to read,
/// each in order.
fn split_files(files: Vec<RecordFile>, slots: &[Slot]) -> (Vec<Vec<RecordFile>>, Vec<RecordFile>) {
    let mut taken: Vec<Vec<RecordFile>> = Vec::new();
    let mut to_read = Vec::new();
    for (file, slot) in files.into_iter().zip(slots) {
        if !matches!(slot, Slot::Taken(_)) {
            to_read.push(file);
            continue;
        }
        match taken.last_mut() {
            Some(piece) if piece.len() < TAKEN_PIECE => piece.push(file),
            _ => {
                let mut piece = Vec::with_capacity(TAKEN_PIECE);
                piece.push(file);
                taken.push(piece);
            }
        }
    }
    (taken, to_read)
}

/// The listed files whose records the snapshot serves, handed out in order. Each piece
/// is freed on a thread of its own once its files are placed: each file's entry holds
/// its name, and at 100,000 files freeing them one by one took about 10 ms of placing.
struct Taken {
    pieces: std::vec::IntoIter<Vec<RecordFile>>,
    current: Vec<RecordFile>,
    at: usize,
    freeing: Option<std::sync::mpsc::Sender<Vec<RecordFile>>>,
}

impl Taken {
    fn new(pieces: Vec<Vec<RecordFile>>) -> Taken {
        // No thread when nothing is served (a cold opening); without one, pieces are freed here.
        let freeing = (!pieces.is_empty()).then(|| {
            let (freeing, freed) = std::sync::mpsc::channel::<Vec<RecordFile>>();
            let thread = std::thread::Builder::new()
                .name("freeing".into())
                .spawn(move || freed.into_iter().for_each(drop));
            thread.ok().map(|_| freeing)
        });
        Taken {
            pieces: pieces.into_iter(),
            current: Vec::new(),
            at: 0,
            freeing: freeing.flatten(),
        }
    }

    fn next(&mut self) -> Option<&RecordFile> {
        while self.at == self.current.len() {
            let placed = std::mem::replace(&mut self.current, self.pieces.next()?);
            self.at = 0;
            if let Some(freeing) = &self.freeing {
                let _ = freeing.send(placed);
            }
        }
        self.at += 1;
        self.current.get(self.at - 1)
    }
}

/// Decides, for each listed file, whether the snapshot's record can be taken as it is
/// (its stat unchanged), and marks the rest with the content the snapshot expects. The
/// files' stats are taken now unless `stats` holds them, taken while the snapshot was read.
fn classify(
    files: &mut [RecordFile],
    stats: Option<&[Option<FileStat>]>,
    snap: &[SnapFile],
) -> Vec<Slot> {
    if snap.is_empty() {
        return files.iter().map(|_| Slot::Read(None)).collect();
    }
    // Most files are where the snapshot has them; the others are looked up by name.
    let by_name = std::sync::OnceLock::new();
    let place_of = |i: usize, f: &RecordFile| {
        let id = f.id?;
        if snap
            .get(i)
            .is_some_and(|s| s.id == id && s.in_trash == f.in_trash)
        {
            return Some(i);
        }
        let by_name: &HashMap<(RecordId, bool), usize> = by_name.get_or_init(|| {
            snap.iter()
                .enumerate()
                .map(|(i, f)| ((f.id, f.in_trash), i))
                .collect()
        });
        by_name.get(&(id, f.in_trash)).copied()
    };
    // The place and the stat of every file the snapshot vouches for, on every core.
    let found: Vec<(Option<usize>, bool)> = crate::parallel::ranges(files.len(), 4096, |range| {
        range
            .map(|i| {
                let place = place_of(i, &files[i]);
                let known = place.and_then(|at| snap[at].stat);
                let same = known.is_some_and(|known| {
                    let ahead = stats.and_then(|s| s.get(i).copied());
                    let now = ahead.unwrap_or_else(|| files[i].stat().ok());
                    now == Some(known)
                });
                (place, same)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    files
        .iter_mut()
        .zip(found)
        .map(|(file, found)| match found {
            (Some(at), true) => Slot::Taken(at),
            (place, _) => {
                file.known = place.map(|at| Box::new(snap[at].sha256.clone()));
                Slot::Read(place)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_the_snapshot_serves_are_handed_out_in_order_across_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join(crate::store::layout::RECORDS_DIR);
        std::fs::create_dir_all(&records).unwrap();
        let mut ids: Vec<RecordId> = (0..7).map(|_| RecordId::new()).collect();
        for id in &ids {
            std::fs::write(records.join(format!("{id}.json")), b"{}").unwrap();
        }
        ids.sort();
        let mut files = Listing::of(dir.path()).unwrap().files.into_iter();
        // Pieces of 2, none, 3, 2 files, and an empty one at the end.
        let pieces: Vec<Vec<RecordFile>> = [2, 0, 3, 2, 0]
            .iter()
            .map(|&n| files.by_ref().take(n).collect())
            .collect();
        let mut taken = Taken::new(pieces);
        let mut handed = Vec::new();
        while let Some(file) = taken.next() {
            handed.push(file.id.unwrap());
        }
        assert_eq!(handed, ids);
        assert!(taken.next().is_none());
    }
}
