//! Where each record's entries lie in the log files, so that a record's history is read
//! from the disk when it is shown instead of every log being held in memory (about 100 MiB
//! at 100,000 records). One pass over every log builds it: each line is parsed and its
//! chain checked as when the log is read whole, and only the entry's record, place and
//! hash are kept. A line read back must still be the entry the pass saw (same record, same
//! hash, and content that hashes to it as it did), or the index is not used and is built
//! again.
//!
//! The index covers this desktop's log up to the entry it had when it was built: entries
//! appended since are in memory (see `log.rs`). Other desktops' logs change only by sync:
//! when one has a length other than the one indexed, or a log came or went, the index is
//! out of date.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::chain::{scan_log_file_after, start_of_chain};
use super::devices::log_files;
use super::entry::{AuditEntry, ChainHead, genesis};
use super::error::AuditError;
use crate::durable::vault::Vault;
use crate::model::RecordId;
use crate::model::Sha256;
use crate::model::binary::{Binary, Malformed, Reader, Writer};

/// The record index of one open log, and whether it is being built.
#[derive(Debug, Default)]
pub(super) struct RecordSlot {
    pub(super) index: Mutex<Option<Arc<RecordIndex>>>,
    pub(super) building: AtomicBool,
    /// Why the last build failed, when it did.
    pub(super) failed: Mutex<Option<String>>,
    /// The last history read back: the record, the log's head and its files' stamp then,
    /// the index it came through, and the entries (newest first). The history panel asks
    /// every frame.
    pub(super) last: Mutex<Option<LastRead>>,
    /// Where the index is kept between openings, when it is.
    pub(super) keeper: Mutex<Option<Arc<dyn IndexKeeper>>>,
    /// True once a kept index was found behind a log changed in place: the next one is
    /// made by reading the logs, and kept instead.
    pub(super) kept_is_stale: AtomicBool,
}

/// Where a log's record index is kept between openings (the store keeps it beside the
/// snapshot in `cache/`, as authentic as the snapshot): an opening that needs it takes
/// the kept one, caught up with the entries appended since, instead of reading every log.
pub trait IndexKeeper: Send + Sync + std::fmt::Debug {
    /// The index an earlier opening kept, when one is there, whole and authentic.
    fn load(&self) -> Option<RecordIndex>;
    /// Keeps `index` for the next opening.
    fn keep(&self, index: &RecordIndex);
}

/// A history read back, and what it is good for.
pub(super) type LastRead = (RecordId, u64, Stamp, Arc<RecordIndex>, Vec<AuditEntry>);
pub(super) type Stamp = Vec<(u64, Option<std::time::SystemTime>)>;

/// How much of a log the index reads at a time: the whole of a large log is never held.
const PIECE: u64 = 8 << 20;

/// Reads log `name` a piece at a time from `from` (a place where a line starts, and the
/// chain's head there), whole lines only, and gives each entry to `sink` with where its
/// line starts in the file, its length and whether its content hashes to its hash. Gives
/// back the length of the file's whole lines, the chain's head at their end, and whether
/// the chain ran unbroken from `from` (a missing file has no lines).
fn scan_in_pieces(
    vault: &Vault,
    name: &str,
    piece: u64,
    from: (u64, ChainHead),
    sink: &mut dyn FnMut(AuditEntry, u64, usize, bool),
) -> Result<Scanned, AuditError> {
    let path = vault.root().join(name);
    let (mut base, mut head) = from;
    let mut unbroken = true;
    let mut f = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((0, head, unbroken)),
        Err(e) => return Err(AuditError::io("read", &path, e)),
    };
    f.seek(SeekFrom::Start(base))
        .map_err(|e| AuditError::io("read", &path, e))?;
    let mut buf = Vec::new();
    loop {
        let n = (&mut f)
            .take(piece)
            .read_to_end(&mut buf)
            .map_err(|e| AuditError::io("read", &path, e))?;
        let at_end = (n as u64) < piece;
        let cut = match at_end {
            true => buf.len(),
            false => memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1),
        };
        let mut next = head.clone();
        let parsed =
            scan_log_file_after(&buf[..cut], vault, name, &head, &mut |e, at, len, sound| {
                next = ChainHead {
                    entries: e.seq,
                    hash: e.hash.clone(),
                };
                sink(e, base + at as u64, len, sound);
            });
        head = next;
        unbroken &= parsed.problems.is_empty();
        if at_end {
            return Ok((base + parsed.whole_len, head, unbroken));
        }
        buf.drain(..cut);
        base += cut as u64;
    }
}

/// What reading a log gave: the length of its whole lines, the chain's head at their
/// end, and whether the chain ran unbroken.
type Scanned = (u64, ChainHead, bool);

/// One entry about a record: which log, where its line is, and its hash.
#[derive(Debug, Clone)]
struct Located {
    record: RecordId,
    /// Index into `RecordIndex::files`.
    file: u16,
    at: u64,
    len: u32,
    /// The entry's hash (its 32 bytes, not the 64 of its text).
    hash: [u8; 32],
    /// Whether its content hashed to `hash` when the index read it.
    sound: bool,
}

/// A log file as the index read it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Covered {
    /// Relative to the catalogue.
    file: String,
    /// Bytes of whole lines read.
    len: u64,
}

/// Where each record's entries are in every log the catalogue reads.
#[derive(Debug)]
pub struct RecordIndex {
    /// This desktop's own log first, then the others (a synced catalogue's), by name.
    files: Vec<Covered>,
    /// The number of the last entry of this desktop's log that the index covers.
    pub(super) own_entries: u64,
    /// The hash of that entry: where a later reading of the log goes on from.
    own_hash: Sha256,
    /// True when it was kept from an earlier opening rather than made by this one.
    pub(super) kept: bool,
    /// Sorted by record, then file and place.
    located: Vec<Located>,
    /// Each record's last submission for review, by any desktop.
    pub(super) submitted: HashMap<RecordId, Submission>,
}

/// When and by whom a record was last put in review, and where that entry stands across
/// the logs (its clock, log file and number: the largest is the last).
#[derive(Debug, Clone)]
pub struct Submission {
    /// When.
    pub time: jiff::Timestamp,
    /// By whom.
    pub actor: String,
    pub(super) order: (u64, String, u64),
}

impl Submission {
    /// The submission `e` makes, found in log `file`.
    pub(super) fn of(e: &AuditEntry, file: &str) -> Submission {
        Submission {
            time: e.time,
            actor: e.actor.clone(),
            order: (e.clock(), file.to_string(), e.seq),
        }
    }

    /// Keeps in `into` the later of its record's submission there and this one.
    pub(super) fn keep_last(self, record: RecordId, into: &mut HashMap<RecordId, Submission>) {
        match into.get(&record) {
            Some(had) if had.order >= self.order => {}
            _ => {
                into.insert(record, self);
            }
        }
    }
}

impl RecordIndex {
    /// Reads every log the catalogue reads (`own`, and when `clocked` every other desktop's)
    /// and notes where each record's entries are.
    pub fn build(vault: &Vault, own: &str, clocked: bool) -> Result<RecordIndex, AuditError> {
        let root = vault.root();
        let mut names = vec![own.to_string()];
        if clocked {
            let all = log_files(root).map_err(|e| AuditError::io("read", root, e))?;
            names.extend(all.into_iter().filter(|f| f != own));
        }
        let mut index = RecordIndex {
            files: Vec::with_capacity(names.len()),
            own_entries: 0,
            own_hash: genesis(),
            kept: false,
            located: Vec::new(),
            submitted: HashMap::new(),
        };
        for (n, name) in names.into_iter().enumerate() {
            let file = u16::try_from(n).unwrap_or(u16::MAX);
            let (len, head, _) = index.scan(vault, (file, &name), (0, start_of_chain()))?;
            if n == 0 {
                (index.own_entries, index.own_hash) = (head.entries, head.hash);
            }
            index.files.push(Covered { file: name, len });
        }
        index
            .located
            .sort_unstable_by_key(|l| (l.record, l.file, l.at));
        Ok(index)
    }

    /// Notes the entries of log `name` (the index's `file`) from `from` on.
    fn scan(
        &mut self,
        vault: &Vault,
        (file, name): (u16, &str),
        from: (u64, ChainHead),
    ) -> Result<Scanned, AuditError> {
        scan_in_pieces(vault, name, PIECE, from, &mut |e, at, len, sound| {
            if let Some(record) = e.record.filter(|_| e.submits()) {
                Submission::of(&e, name).keep_last(record, &mut self.submitted);
            }
            if let (Some(record), Ok(len)) = (e.record, u32::try_from(len)) {
                self.located.push(Located {
                    record,
                    file,
                    at,
                    len,
                    sound,
                    hash: e.hash.digest(),
                });
            }
        })
    }

    /// The index kept from an earlier opening, with the entries this desktop's log gained
    /// since noted (read from where it ended then); `None` when they do not go on from
    /// the entry it ended with (the log was changed otherwise: it is read whole again).
    pub fn caught_up(mut self, vault: &Vault) -> Result<Option<RecordIndex>, AuditError> {
        let Some(own) = self.files.first().cloned() else {
            return Ok(Some(self));
        };
        let now = fs::metadata(vault.root().join(&own.file)).map_or(0, |m| m.len());
        if now <= own.len {
            return Ok(Some(self));
        }
        let had = self.located.len();
        let head = ChainHead {
            entries: self.own_entries,
            hash: self.own_hash.clone(),
        };
        let (len, head, unbroken) = self.scan(vault, (0, &own.file), (own.len, head))?;
        if !unbroken {
            return Ok(None);
        }
        (self.own_entries, self.own_hash) = (head.entries, head.hash);
        self.files[0].len = len;
        if self.located.len() > had {
            self.located
                .sort_unstable_by_key(|l| (l.record, l.file, l.at));
        }
        Ok(Some(self))
    }

    /// Each log file's length and modification time now, in the index's order, then any
    /// log file the index does not know: what a history read back is good for.
    pub fn stamp(&self, vault: &Vault, clocked: bool) -> Vec<(u64, Option<SystemTime>)> {
        let root = vault.root();
        let of = |file: &str| {
            fs::metadata(root.join(file)).map_or((0, None), |m| (m.len(), m.modified().ok()))
        };
        let mut stamp: Vec<_> = self.files.iter().map(|c| of(&c.file)).collect();
        if clocked && let Ok(all) = log_files(root) {
            let known = |f: &String| self.files.iter().any(|c| c.file == *f);
            stamp.extend(all.iter().filter(|f| !known(f)).map(|f| of(f)));
        }
        stamp
    }

    /// True while the other desktops' logs are as the index read them (the same files, the
    /// same lengths) and this desktop's is no shorter, given their `stamp`.
    pub fn is_current(&self, stamp: &[(u64, Option<SystemTime>)]) -> bool {
        stamp.len() == self.files.len()
            && stamp
                .first()
                .zip(self.files.first())
                .is_some_and(|(s, c)| s.0 >= c.len)
            && stamp
                .iter()
                .zip(&self.files)
                .skip(1)
                .all(|(s, c)| s.0 == c.len)
    }

    /// The number of the last entry of this desktop's log that the index covers.
    pub fn own_entries(&self) -> u64 {
        self.own_entries
    }

    /// How many entries about records the index locates.
    pub fn len(&self) -> usize {
        self.located.len()
    }

    /// True when it locates none.
    pub fn is_empty(&self) -> bool {
        self.located.is_empty()
    }

    /// Record `id`'s entries, each with its log file, read from the disk; `None` when a
    /// line is no longer the entry the index saw there (a log was changed in place).
    pub fn entries_of(&self, vault: &Vault, id: &RecordId) -> Option<Vec<(String, AuditEntry)>> {
        let from = self.located.partition_point(|l| l.record < *id);
        let to = from + self.located[from..].partition_point(|l| l.record == *id);
        let mut found = Vec::with_capacity(to - from);
        let mut open: Option<(u16, File)> = None;
        for l in &self.located[from..to] {
            let name = &self.files.get(usize::from(l.file))?.file;
            let path = vault.root().join(name);
            if open.as_ref().is_none_or(|(n, _)| *n != l.file) {
                open = Some((l.file, File::open(&path).ok()?));
            }
            let (_, f) = open.as_mut()?;
            let mut line = vec![0; l.len as usize];
            f.seek(SeekFrom::Start(l.at)).ok()?;
            f.read_exact(&mut line).ok()?;
            let text = vault.open_line(&path, &line).ok()?;
            let entry: AuditEntry = serde_json::from_slice(&text).ok()?;
            let same = entry.record == Some(*id) && entry.hash.digest() == l.hash;
            if !same || (entry.compute_hash() == entry.hash) != l.sound {
                return None;
            }
            found.push((name.clone(), entry));
        }
        Some(found)
    }
}

/// The format of a record index kept in `cache/`.
const KEPT_FORMAT: u64 = 1;

impl RecordIndex {
    /// The index as kept in `cache/` for the next opening of catalogue `catalogue`.
    pub fn to_bytes(&self, catalogue: uuid::Uuid) -> Vec<u8> {
        let mut w = Writer::with_capacity(64 + self.located.len() * 56);
        KEPT_FORMAT.put(&mut w);
        w.raw(catalogue.as_bytes());
        w.varint(self.files.len() as u64);
        for c in &self.files {
            c.file.put(&mut w);
            c.len.put(&mut w);
        }
        self.own_entries.put(&mut w);
        self.own_hash.put(&mut w);
        w.varint(self.located.len() as u64);
        for l in &self.located {
            l.record.put(&mut w);
            (l.file, l.at, l.len).put(&mut w);
            w.raw(&l.hash);
            l.sound.put(&mut w);
        }
        w.varint(self.submitted.len() as u64);
        for (record, s) in &self.submitted {
            record.put(&mut w);
            s.time.put(&mut w);
            s.actor.put(&mut w);
            s.order.clone().put(&mut w);
        }
        w.bytes
    }

    /// An index kept by [`RecordIndex::to_bytes`] for catalogue `catalogue`, whole.
    pub fn from_bytes(bytes: &[u8], catalogue: uuid::Uuid) -> Result<RecordIndex, Malformed> {
        let mut r = Reader::new(bytes);
        if u64::take(&mut r)? != KEPT_FORMAT || r.raw(16)? != catalogue.as_bytes() {
            return Err(r.malformed());
        }
        let mut files = Vec::new();
        for _ in 0..r.count()? {
            let file = String::take(&mut r)?;
            files.push(Covered {
                file,
                len: u64::take(&mut r)?,
            });
        }
        let own_entries = u64::take(&mut r)?;
        let own_hash = Sha256::take(&mut r)?;
        let mut located = Vec::new();
        for _ in 0..r.count()? {
            let record = RecordId::take(&mut r)?;
            let (file, at, len) = <(u16, u64, u32)>::take(&mut r)?;
            let mut hash = [0u8; 32];
            hash.copy_from_slice(r.raw(32)?);
            let sound = bool::take(&mut r)?;
            located.push(Located {
                record,
                file,
                at,
                len,
                hash,
                sound,
            });
        }
        let mut submitted = HashMap::new();
        for _ in 0..r.count()? {
            let record = RecordId::take(&mut r)?;
            let submission = Submission {
                time: Binary::take(&mut r)?,
                actor: Binary::take(&mut r)?,
                order: Binary::take(&mut r)?,
            };
            submitted.insert(record, submission);
        }
        let sorted = located.is_sorted_by_key(|l| (l.record, l.file, l.at));
        if !r.is_done() || !sorted || located.iter().any(|l| usize::from(l.file) >= files.len()) {
            return Err(r.malformed());
        }
        Ok(RecordIndex {
            files,
            own_entries,
            own_hash,
            kept: true,
            located,
            submitted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, AuditDraft, AuditLog};
    use crate::durable::hash_bytes;

    /// What a scan in pieces of `piece` bytes gives: each entry's number, place, length
    /// and soundness, and the length of the whole lines.
    fn scan(vault: &Vault, piece: u64) -> (Vec<(u64, u64, usize, bool)>, u64) {
        let mut seen = Vec::new();
        let sink = &mut |e: AuditEntry, at, len, sound| seen.push((e.seq, at, len, sound));
        let (len, _, unbroken) =
            scan_in_pieces(vault, "audit.jsonl", piece, (0, start_of_chain()), sink).unwrap();
        assert!(unbroken);
        (seen, len)
    }

    #[test]
    fn a_log_read_in_small_pieces_is_read_as_in_one() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::plain(dir.path());
        let (log, _) = AuditLog::load(&vault, true).unwrap();
        for i in 0..40u8 {
            let id = RecordId::new();
            let draft = AuditDraft::new("Ani", Action::Created).record(id, Some(hash_bytes(&[i])));
            log.append(&[draft.note("x".repeat(usize::from(i) * 7))])
                .unwrap();
        }
        // A last line cut short, as a crash leaves it.
        let path = dir.path().join("audit.jsonl");
        let mut bytes = fs::read(&path).unwrap();
        let whole = bytes.len() as u64;
        bytes.extend_from_slice(b"{\"seq\":41,\"act");
        fs::write(&path, &bytes).unwrap();

        let (one, len) = scan(&vault, PIECE);
        assert_eq!((one.len(), len), (40, whole));
        for piece in [1, 50, 333, 1000, whole, whole + 1] {
            assert_eq!(
                scan(&vault, piece),
                (one.clone(), whole),
                "pieces of {piece}"
            );
        }
        // Each place is where the entry's line is.
        for (seq, at, len, sound) in &one {
            let line = &bytes[*at as usize..*at as usize + len];
            let e: AuditEntry = serde_json::from_slice(line).unwrap();
            assert_eq!((e.seq, *sound), (*seq, true));
        }
    }

    #[test]
    fn a_kept_index_reads_back_whole_for_its_catalogue_only() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::plain(dir.path());
        let (log, _) = AuditLog::load(&vault, true).unwrap();
        let ids: Vec<RecordId> = (0..5).map(|_| RecordId::new()).collect();
        for (i, id) in ids.iter().enumerate() {
            let draft =
                AuditDraft::new("Ani", Action::Created).record(*id, Some(hash_bytes(&[i as u8])));
            log.append(&[draft]).unwrap();
            let submit = AuditDraft::new("Ben", Action::ReviewChanged)
                .record(*id, Some(hash_bytes(&[i as u8, 1])))
                .change(crate::audit::Change {
                    to: Some("in-review".into()),
                    ..crate::audit::Change::field("review")
                });
            log.append(&[submit]).unwrap();
        }
        let index = RecordIndex::build(&vault, "audit.jsonl", false).unwrap();
        assert_eq!(
            (index.len(), index.own_entries, index.submitted.len()),
            (10, 10, 5)
        );
        let ours = uuid::Uuid::now_v7();
        let bytes = index.to_bytes(ours);
        let back = RecordIndex::from_bytes(&bytes, ours).unwrap();
        assert!(back.kept && !index.kept);
        assert_eq!(back.files, index.files);
        assert_eq!(
            (back.own_entries, &back.own_hash),
            (index.own_entries, &index.own_hash)
        );
        for id in &ids {
            assert_eq!(back.entries_of(&vault, id).map(|e| e.len()), Some(2));
        }
        assert_eq!(back.submitted.len(), index.submitted.len());
        // Another catalogue's, or cut anywhere: refused.
        assert!(RecordIndex::from_bytes(&bytes, uuid::Uuid::now_v7()).is_err());
        for cut in (0..bytes.len()).step_by(13) {
            assert!(
                RecordIndex::from_bytes(&bytes[..cut], ours).is_err(),
                "cut at {cut}"
            );
        }
    }
}
