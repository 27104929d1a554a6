//! What a snapshot holds, in the binary form of `model::binary`: the log's mark, each
//! record's last logged state, the outside changes not yet settled, every record file's
//! stat and hash, every record, and the search index. Records are read back on every core
//! (a table of their lengths comes first).

use uuid::Uuid;

use crate::audit::{
    Action, ChainHead, LastAppend, LogMark, OtherLogMark, RecordState, RecordStates, Version,
};
use crate::durable::stat::FileStat;
use crate::memory::FileBytes;
use crate::model::binary::{Binary, Malformed, Reader, Writer, binary_struct, binary_vocab};
use crate::model::{Record, RecordId, Sha256};
use crate::search::SearchIndex;

use super::settled::Settled;

/// One record file as the snapshot knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapFile {
    /// The record in it (also its name).
    pub id: RecordId,
    /// In `trash/` rather than `records/`.
    pub in_trash: bool,
    /// Its stat when it was read, when that can vouch for its content (see
    /// `FileStat::vouches`); `None` makes the next opening hash it.
    pub stat: Option<FileStat>,
    /// The SHA-256 of its plain bytes.
    pub sha256: Sha256,
}

/// An outside change logged and not yet settled (the store's `OutsideChange`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideMark {
    /// The record that changed.
    pub record: RecordId,
    /// The entry that logged it.
    pub logged_at: Option<u64>,
    /// The SHA-256 of the file as it was found.
    pub found: Sha256,
    /// The last version logged before it (entry, SHA-256).
    pub previous: Option<(u64, Sha256)>,
}

/// What a snapshot holds besides the records and the index.
#[derive(Debug, Clone)]
pub struct SnapshotHead {
    /// The catalogue's id: a snapshot of another catalogue is never used.
    pub catalogue: Uuid,
    /// Where the logs stood.
    pub log: LogMark,
    /// The stat of `attachments/` when nothing in it was unaccounted for.
    pub attachments: Option<FileStat>,
    /// Each record's last logged state.
    pub states: RecordStates,
    /// Outside changes logged and not yet settled.
    pub outside: Vec<OutsideMark>,
    /// Every record file that was read whole, in the order of the records.
    pub files: Vec<SnapFile>,
    /// What the log last recorded of each recipient (lower-case name, kind, clearance).
    pub recipients: Vec<(String, String, String)>,
    /// What the last append to this desktop's log wrote of each record, and the version
    /// before, when it names few enough records to keep.
    pub last_append: Option<LastAppend>,
}

/// A catalogue as the snapshot keeps it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The log's mark, states, outside changes and files.
    pub head: SnapshotHead,
    /// The records in those files, in their order, still in their binary form.
    pub records: Encoded,
    /// Names the index file written with it (see `snapshot::read_index`).
    pub generation: [u8; 16],
    /// What its files and states say of each other.
    pub settled: Settled,
}

/// A snapshot's records, not yet decoded: all at once on every core for an opening that
/// takes them all, or one at a time for one that needs a few.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    bytes: FileBytes,
    /// Where each record lies in `bytes`, in the order of the snapshot's files.
    spans: Vec<std::ops::Range<usize>>,
}

impl Encoded {
    /// Every record, decoded on every core; each must be whole and the one `files` names
    /// at its place. The records are decoded from the end, a round of pieces at a time,
    /// and the bytes of each round are let go of once it is decoded: the bytes and the
    /// decoded records are never both whole (at 100,000 records, 70 MiB less at the
    /// opening's peak), and no byte is copied. Copying the bytes into pieces first took
    /// 0.3-0.45 s of a million-record opening.
    pub fn decode_all(self, files: &[SnapFile]) -> Result<Decoded, Malformed> {
        self.decode_in_rounds(files, ROUND)
    }

    /// [`Encoded::decode_all`], `round` pieces at a time.
    fn decode_in_rounds(self, files: &[SnapFile], round: usize) -> Result<Decoded, Malformed> {
        let Encoded { mut bytes, spans } = self;
        let n = spans.len();
        let mut pieces: Vec<Vec<Option<Record>>> = Vec::new();
        pieces.resize_with(n.div_ceil(PIECE), Vec::new);
        let mut end = pieces.len();
        while end > 0 {
            let start = end.saturating_sub(round.max(1));
            let these = Encoded {
                bytes: std::mem::take(&mut bytes),
                spans: Vec::new(),
            };
            let decode = |p: usize| -> Result<Vec<Option<Record>>, Malformed> {
                (p * PIECE..((p + 1) * PIECE).min(n))
                    .map(|i| {
                        let id = files.get(i).ok_or(Malformed(0))?.id;
                        these.decode_span(&spans[i], id).map(Some)
                    })
                    .collect()
            };
            let parts = crate::parallel::ranges(end - start, 2, |range| {
                range
                    .map(|p| decode(start + p))
                    .collect::<Result<Vec<_>, _>>()
            });
            let mut p = start;
            for part in parts {
                for piece in part? {
                    pieces[p] = piece;
                    p += 1;
                }
            }
            bytes = these.bytes;
            // The rounds before this one lie before its first record, as the snapshot
            // writes them (one that did not would be cut off here, and found malformed).
            let base = spans.get(start * PIECE).map_or(0, |s| s.start);
            bytes.truncate(base);
            end = start;
        }
        let left = pieces.iter().map(Vec::len).collect();
        Ok(Decoded { pieces, left })
    }

    /// The record at place `at`, decoded; it must fill its place exactly and be `id`.
    pub fn decode(&self, at: usize, id: RecordId) -> Result<Record, Malformed> {
        self.decode_span(self.spans.get(at).ok_or(Malformed(0))?, id)
    }

    /// Gives back the memory of the bytes of the records at places `from` to `to`
    /// (inclusive), which stay readable (see `FileBytes::forget`): for records decoded
    /// front to back while others may still be asked for.
    pub fn forget(&self, from: usize, to: usize) {
        if let (Some(first), Some(last)) = (self.spans.get(from), self.spans.get(to)) {
            self.bytes.forget(first.start..last.end);
        }
    }

    /// The record in `span` of the bytes, decoded; it must fill it exactly and be `id`.
    fn decode_span(
        &self,
        span: &std::ops::Range<usize>,
        id: RecordId,
    ) -> Result<Record, Malformed> {
        let bytes = self.bytes.get(span.clone()).ok_or(Malformed(span.start))?;
        let mut r = Reader::new(bytes);
        let record = Record::take(&mut r)?;
        match r.is_done() && record.id == id {
            true => Ok(record),
            false => Err(Malformed(span.start)),
        }
    }
}

/// How many decoded records a piece of `Decoded` holds.
const PIECE: usize = 1024;

/// How many pieces are decoded before their bytes are let go of (about 45 MB at a million
/// records).
const ROUND: usize = 64;

/// A snapshot's records, decoded, in pieces of 1,024 that are freed as soon as every
/// record in them has been taken: the catalogue's own list of records grows while this
/// one shrinks, rather than both being whole at once.
#[derive(Debug, Default)]
pub struct Decoded {
    pieces: Vec<Vec<Option<Record>>>,
    /// How many records each piece still holds.
    left: Vec<usize>,
}

impl Decoded {
    /// The record at place `at`, once.
    pub fn take(&mut self, at: usize) -> Option<Record> {
        let (p, i) = (at / PIECE, at % PIECE);
        let record = self.pieces.get_mut(p)?.get_mut(i)?.take()?;
        self.left[p] -= 1;
        if self.left[p] == 0 {
            self.pieces[p] = Vec::new();
        }
        Some(record)
    }

    /// How many places it has (taken or not).
    pub fn len(&self) -> usize {
        self.pieces.iter().map(Vec::len).sum()
    }

    /// True when it has no place.
    pub fn is_empty(&self) -> bool {
        self.pieces.iter().all(Vec::is_empty)
    }
}

binary_vocab!(Action);

impl Binary for Vec<u8> {
    fn put(&self, w: &mut Writer) {
        w.blob(self);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        r.blob().map(<[u8]>::to_vec)
    }
}

binary_struct! {
    FileStat { size, modified_ns, changed_ns, inode }
    SnapFile { id, in_trash, stat, sha256 }
    ChainHead { entries, hash }
    OtherLogMark { file, len, last_line }
    LogMark { own, head, clocked, max_clock, last_mark, started, last_verified, others }
    RecordState { seq, action, sha256, outside, own }
    OutsideMark { record, logged_at, found, previous }
}

/// The last append as a snapshot holds it: its start, then each record's versions, by id.
type LastAppendForm = Option<(u64, Vec<(RecordId, Vec<Version>)>)>;

fn put_last_append(last: Option<&LastAppend>, w: &mut Writer) {
    let form: LastAppendForm = last.map(|l| {
        let mut versions: Vec<_> = l.versions.iter().map(|(id, v)| (*id, v.clone())).collect();
        versions.sort_by_key(|(id, _)| *id);
        (l.start, versions)
    });
    form.put(w);
}

fn take_last_append(r: &mut Reader<'_>) -> Result<Option<LastAppend>, Malformed> {
    let form = <LastAppendForm as Binary>::take(r)?;
    Ok(form.map(|(start, versions)| LastAppend {
        start,
        versions: versions.into_iter().collect(),
    }))
}

/// A snapshot's bytes: `head`, then the records of `parts` in order (those `head.files`
/// lists); `generation` names the index file written with it.
pub fn encode(head: &SnapshotHead, parts: &[&[Record]], generation: [u8; 16]) -> Vec<u8> {
    encode_as(head, parts, generation, super::SNAPSHOT_VERSION)
}

/// [`encode`] in the form of snapshot format `version` (4 has no last append).
pub(super) fn encode_as(
    head: &SnapshotHead,
    parts: &[&[Record]],
    generation: [u8; 16],
    version: u32,
) -> Vec<u8> {
    let records: Vec<&Record> = parts.iter().flat_map(|p| p.iter()).collect();
    let mut w = Writer::with_capacity(records.len() * 1200 + (1 << 20));
    w.raw(head.catalogue.as_bytes());
    head.log.put(&mut w);
    head.attachments.put(&mut w);
    let mut states: Vec<(&RecordId, &RecordState)> = head.states.iter().collect();
    states.sort_by_key(|(id, _)| **id);
    w.varint(states.len() as u64);
    for (id, state) in states {
        id.put(&mut w);
        state.put(&mut w);
    }
    head.outside.put(&mut w);
    head.files.put(&mut w);
    head.recipients.put(&mut w);
    if version >= 5 {
        put_last_append(head.last_append.as_ref(), &mut w);
    }
    // Each piece's record lengths first, so that they can be read back on every core.
    let encoded = crate::parallel::ranges(records.len(), 1024, |range| {
        let mut part = Writer::with_capacity(range.len() * 1200);
        let mut lens = Vec::with_capacity(range.len());
        for r in &records[range] {
            let start = part.bytes.len();
            r.put(&mut part);
            lens.push((part.bytes.len() - start) as u64);
        }
        (lens, part)
    });
    w.varint(encoded.len() as u64);
    for (lens, part) in encoded {
        lens.put(&mut w);
        w.raw(&part.bytes);
    }
    w.raw(&generation);
    w.bytes
}

/// The index file's bytes: the generation of the snapshot it goes with, then the index.
pub fn encode_index(index: &SearchIndex, generation: [u8; 16]) -> Vec<u8> {
    let mut w = Writer::with_capacity(index.text_bytes() + index.len() * 64 + 64);
    w.raw(&generation);
    index.freeze(&mut w);
    w.bytes
}

/// Reads the index file whose body is `file[body]`, with the generation of the snapshot it
/// goes with; its text stays in `file` (not copied).
pub fn decode_index(
    file: FileBytes,
    body: std::ops::Range<usize>,
) -> Result<([u8; 16], SearchIndex), Malformed> {
    let from = body.start;
    let mut r = Reader::new(file.get(body).ok_or(Malformed(0))?);
    let generation: [u8; 16] = r.raw(16)?.try_into().map_err(|_| r.malformed())?;
    let thawed = SearchIndex::thaw(&mut r, from)?;
    match r.is_done() {
        true => Ok((generation, thawed.keep_text_in(file))),
        false => Err(r.malformed()),
    }
}

impl Snapshot {
    /// Reads the snapshot of format `version` in `bytes[body]`, checking every length and
    /// place against them; the records are left in their binary form (see
    /// [`Snapshot::decode_all`]).
    pub fn from_bytes(
        bytes: FileBytes,
        body: std::ops::Range<usize>,
        version: u32,
    ) -> Result<Snapshot, Malformed> {
        let start = body.start;
        let mut r = Reader::new(bytes.get(body).ok_or(Malformed(0))?);
        let catalogue = Uuid::from_slice(r.raw(16)?).map_err(|_| r.malformed())?;
        let log = LogMark::take(&mut r)?;
        let attachments = Binary::take(&mut r)?;
        let n = r.count()?;
        let mut listed = Vec::with_capacity(n);
        for _ in 0..n {
            let id = RecordId::take(&mut r)?;
            listed.push((id, RecordState::take(&mut r)?));
        }
        let outside = Binary::take(&mut r)?;
        let files: Vec<SnapFile> = Binary::take(&mut r)?;
        // Written in id order; sorted again only if it were not, since `Settled` needs it.
        if !listed.is_sorted_by_key(|(id, _)| *id) {
            listed.sort_by_key(|(id, _)| *id);
        }
        let settled = Settled::of(&listed, files.iter().map(|f| (f.id, &f.sha256)));
        let mut states = RecordStates::with_capacity_and_hasher(n, Default::default());
        states.extend(listed);
        let recipients = Binary::take(&mut r)?;
        // Format 4 did not keep the last append: the log is read for it when needed.
        let last_append = match version {
            4 => None,
            _ => take_last_append(&mut r)?,
        };
        let parts = r.count()?;
        let mut spans = Vec::with_capacity(files.len());
        for _ in 0..parts {
            let lens = Vec::<u64>::take(&mut r)?;
            for len in lens {
                let len = usize::try_from(len).map_err(|_| r.malformed())?;
                let at = start + r.position();
                r.raw(len)?;
                spans.push(at..at + len);
            }
        }
        if spans.len() != files.len() {
            return Err(r.malformed());
        }
        let mut generation = [0u8; 16];
        generation.copy_from_slice(r.raw(16)?);
        if !r.is_done() {
            return Err(r.malformed());
        }
        Ok(Snapshot {
            head: SnapshotHead {
                catalogue,
                log,
                attachments,
                states,
                outside,
                files,
                recipients,
                last_append,
            },
            records: Encoded { bytes, spans },
            generation,
            settled,
        })
    }

    /// Every record, decoded on every core; each must be whole and the one its file names.
    /// The encoded records are let go of as they are decoded (the snapshot keeps none).
    pub fn decode_all(&mut self) -> Result<Decoded, Malformed> {
        std::mem::take(&mut self.records).decode_all(&self.head.files)
    }

    /// The record of the snapshot's file at `at`, decoded; it must fill its place exactly
    /// and be the one the file names.
    pub fn record(&self, at: usize) -> Result<Record, Malformed> {
        let id = self.head.files.get(at).ok_or(Malformed(0))?.id;
        self.records.decode(at, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordKind;

    #[test]
    fn decoded_records_are_taken_once_and_each_piece_goes_when_emptied() {
        let n = PIECE + 3;
        let (records, files) = reports(n);
        let mut decoded = encoded_again(&records).decode_all(&files).unwrap();
        assert_eq!(decoded.len(), n);
        assert_eq!(decoded.pieces.len(), 2);
        assert_eq!(decoded.take(PIECE + 1).unwrap(), records[PIECE + 1]);
        assert_eq!(decoded.take(PIECE + 1), None, "taken once");
        for (at, r) in records.iter().enumerate().take(PIECE - 1) {
            assert_eq!(decoded.take(at).unwrap().id, r.id);
        }
        assert_eq!(
            decoded.pieces[0].capacity(),
            PIECE,
            "one record still in it"
        );
        assert_eq!(decoded.take(PIECE - 1).unwrap().id, records[PIECE - 1].id);
        assert_eq!(decoded.pieces[0].capacity(), 0, "emptied, it is freed");
        assert_eq!(decoded.take(0), None);
        // A record whose file names another id is refused.
        let mut wrong = files.clone();
        wrong[5].id = crate::model::RecordId::new();
        assert!(encoded_again(&records).decode_all(&wrong).is_err());
        // A place that holds another file's record (here, one from another piece) is
        // refused.
        let mut crossed = encoded_again(&records);
        crossed.spans.swap(1, PIECE + 1);
        assert!(crossed.decode_all(&files).is_err());
    }

    #[test]
    fn records_decoded_in_rounds_from_the_end_are_all_there_in_order() {
        let n = 3 * PIECE + 5;
        let (records, files) = reports(n);
        for round in [1, 2, ROUND] {
            let mut decoded = encoded_again(&records)
                .decode_in_rounds(&files, round)
                .unwrap();
            assert_eq!(decoded.pieces.len(), 4);
            for (at, r) in records.iter().enumerate() {
                assert_eq!(decoded.take(at).as_ref(), Some(r), "round of {round}");
            }
        }
    }

    /// `n` reports, and the snapshot's files for them.
    fn reports(n: usize) -> (Vec<Record>, Vec<SnapFile>) {
        let records: Vec<Record> = (0..n)
            .map(|i| Record::new(RecordKind::Report, format!("Report {i}"), "Ani"))
            .collect();
        let files = records
            .iter()
            .map(|r| SnapFile {
                id: r.id,
                in_trash: false,
                stat: None,
                sha256: crate::durable::hash_bytes(b""),
            })
            .collect();
        (records, files)
    }

    fn encoded_again(records: &[Record]) -> Encoded {
        let mut w = Writer::default();
        let mut spans = Vec::new();
        for r in records {
            let start = w.bytes.len();
            r.put(&mut w);
            spans.push(start..w.bytes.len());
        }
        Encoded {
            bytes: w.bytes.into(),
            spans,
        }
    }
}
