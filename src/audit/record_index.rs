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

use super::chain::scan_log_file_after;
use super::devices::log_files;
use super::entry::{AuditEntry, ChainHead, genesis};
use super::error::AuditError;
use crate::durable::vault::Vault;
use crate::model::RecordId;

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
}

/// A history read back, and what it is good for.
pub(super) type LastRead = (RecordId, u64, Stamp, Arc<RecordIndex>, Vec<AuditEntry>);
pub(super) type Stamp = Vec<(u64, Option<std::time::SystemTime>)>;

/// How much of a log the index reads at a time: the whole of a large log is never held.
const PIECE: u64 = 8 << 20;

/// Reads log `name` a piece at a time, whole lines only, and gives each entry to `sink`
/// with where its line starts in the file, its length and whether its content hashes to
/// its hash. Gives back the length of the file's whole lines (a missing file has none).
fn scan_in_pieces(
    vault: &Vault,
    name: &str,
    piece: u64,
    sink: &mut dyn FnMut(AuditEntry, u64, usize, bool),
) -> Result<u64, AuditError> {
    let path = vault.root().join(name);
    let mut f = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(AuditError::io("read", &path, e)),
    };
    let (mut buf, mut base) = (Vec::new(), 0u64);
    let mut head = ChainHead {
        entries: 0,
        hash: genesis(),
    };
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
        if at_end {
            return Ok(base + parsed.whole_len);
        }
        buf.drain(..cut);
        base += cut as u64;
    }
}

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
            located: Vec::new(),
            submitted: HashMap::new(),
        };
        for (n, name) in names.into_iter().enumerate() {
            let file = u16::try_from(n).unwrap_or(u16::MAX);
            let mut last = 0;
            let len = scan_in_pieces(vault, &name, PIECE, &mut |e, at, len, sound| {
                last = e.seq;
                if let Some(record) = e.record.filter(|_| e.submits()) {
                    Submission::of(&e, &name).keep_last(record, &mut index.submitted);
                }
                if let (Some(record), Ok(len)) = (e.record, u32::try_from(len)) {
                    index.located.push(Located {
                        record,
                        file,
                        at,
                        len,
                        sound,
                        hash: e.hash.digest(),
                    });
                }
            })?;
            if n == 0 {
                index.own_entries = last;
            }
            index.files.push(Covered { file: name, len });
        }
        index
            .located
            .sort_unstable_by_key(|l| (l.record, l.file, l.at));
        Ok(index)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, AuditDraft, AuditLog};
    use crate::durable::hash_bytes;

    /// What a scan in pieces of `piece` bytes gives: each entry's number, place, length
    /// and soundness, and the length of the whole lines.
    fn scan(vault: &Vault, piece: u64) -> (Vec<(u64, u64, usize, bool)>, u64) {
        let mut seen = Vec::new();
        let len = scan_in_pieces(vault, "audit.jsonl", piece, &mut |e, at, len, sound| {
            seen.push((e.seq, at, len, sound));
        })
        .unwrap();
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
}
