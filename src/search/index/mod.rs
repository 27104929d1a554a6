//! The search index: what a search needs of every record, laid out to be scanned fast.
//!
//! A search at 100,000 records must answer within a frame or two, so the index keeps, per
//! record, the facet values as small numbers and sort keys, and the lower-case searchable
//! text of all records in one buffer. A search scans that buffer and those rows on every
//! core (no per-record allocation, no lookups by id), counts facets into fixed arrays, and
//! sorts with keys it already holds.

use std::collections::HashMap;
use std::ops::Range;

use jiff::Timestamp;
use jiff::civil::Date;

mod cache;
mod chunk;
mod frozen;
mod query;
mod sort;
#[cfg(test)]
mod tests;

use super::duplicates::name_key;
use cache::{Lookup, TextCache};
use chunk::Chunk;
use query::{Counts, Query};

use super::{Filter, SearchResult, SortColumn};
use crate::model::{
    EvidenceBasis, Label, PersonCategory, PersonStatus, Record, RecordId, RecordKind, ReviewState,
    Verification,
};

/// Below this many records a search runs on the calling thread: starting threads would cost
/// more than it saves.
const PARALLEL_FROM: usize = 8_192;

/// One record as the index sees it.
#[derive(Debug, Clone)]
struct Doc {
    id: RecordId,
    live: bool,
    /// Where the record's lower-case text lies: which of [`SearchIndex::text`]'s buffers,
    /// and where in it. The text as written comes first, then (from `keys` bytes in) the
    /// Latin keys of its names, so that a name is found in any script.
    chunk: u32,
    text: Range<usize>,
    keys: u32,
    kind: RecordKind,
    label: Label,
    verification: Verification,
    review: ReviewState,
    /// One bit per [`ContentWarning`], by its position.
    warnings: u32,
    status: Option<PersonStatus>,
    basis: Option<EvidenceBasis>,
    category: Option<PersonCategory>,
    /// Indexes into [`SearchIndex::tag_names`].
    tags: Box<[u32]>,
    /// The earliest and latest day of the record's event date (for a person: the date of
    /// the current status), for the date range.
    event: Option<(Date, Date)>,
    /// The record's own date, for sorting by date.
    date: Option<(Date, Date)>,
    modified: Timestamp,
    attachments: u32,
    /// Where the lower-case shown title lies in the record's text (from `text.start`, and
    /// how long), for sorting by title; [`UNTITLED`] when it is not there. Not a copy of
    /// its own: at 100,000 records that saved about 6 MiB.
    title: (u32, u32),
}

/// A [`Doc`]'s title when its text does not hold it: the record has neither a title nor a
/// name, and is shown as "(untitled)".
const UNTITLED: (u32, u32) = (u32::MAX, 0);

/// The lower-case searchable text, facet values and sort keys of every record.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Each record's place in `docs` (foldhash, not SipHash: the index read from a
    /// snapshot fills it with a million ids before the list shows).
    slots: HashMap<RecordId, usize, foldhash::fast::RandomState>,
    /// The lower-case text of all records, in a few large buffers: one per core that built
    /// the index (joining them would briefly need twice the memory), and one for records
    /// added or changed since.
    text: Vec<Chunk>,
    /// The buffer changed records are written to, once there is one.
    tail: Option<usize>,
    /// Bytes of `text` no live record points at any more (replaced or removed).
    dead_text: usize,
    tag_names: Vec<String>,
    tag_ids: HashMap<String, u32>,
    text_cache: TextCache,
    ranks: sort::RankCache,
}

impl SearchIndex {
    /// Indexes `records`, preparing their text on every core.
    pub fn build<'a>(records: impl IntoIterator<Item = &'a Record>) -> Self {
        let records: Vec<&Record> = records.into_iter().collect();
        let texts = in_parallel(&records, |part| {
            let mut text = Vec::with_capacity(part.len() * 512);
            let mut ranges = Vec::with_capacity(part.len());
            for r in part {
                let start = text.len();
                let keys = haystack(r, &mut text) - start;
                ranges.push((start..text.len(), keys));
            }
            (text, ranges)
        });
        let mut index = SearchIndex {
            docs: Vec::with_capacity(records.len()),
            slots: HashMap::with_capacity_and_hasher(records.len(), Default::default()),
            ..SearchIndex::default()
        };
        let mut records = records.into_iter();
        for (text, ranges) in texts {
            let chunk = index.text.len() as u32;
            index.text.push(Chunk::Own(text));
            for (range, r) in ranges.into_iter().zip(records.by_ref()) {
                if let Some(&slot) = index.slots.get(&r.id) {
                    // The same id twice: the later record wins, as in a map.
                    index.dead_text += index.docs[slot].text.len();
                    index.docs[slot] = index.doc(r, chunk, range);
                } else {
                    let doc = index.doc(r, chunk, range);
                    index.slots.insert(r.id, index.docs.len());
                    index.docs.push(doc);
                }
            }
        }
        index
    }

    /// Adds a record or replaces what the index holds of it.
    pub fn upsert(&mut self, record: &Record) {
        self.text_cache.clear();
        let tail = match self.tail {
            Some(tail) => tail,
            None => {
                self.text.push(Chunk::default());
                self.tail = Some(self.text.len() - 1);
                self.text.len() - 1
            }
        };
        let start = self.text[tail].len();
        let keys = haystack(record, self.text[tail].make_mut()) - start;
        let mut chunk = tail as u32;
        let mut range = start..self.text[tail].len();
        match self.slots.get(&record.id) {
            Some(&slot) => {
                let old = &self.docs[slot];
                let (old_chunk, old_range) = (old.chunk as usize, old.text.clone());
                if range.len() <= old_range.len() {
                    // Fits where the old text was: write it there and drop the new copy.
                    let new: Vec<u8> = self.text[tail].make_mut().drain(start..).collect();
                    self.text[old_chunk].make_mut()[old_range.start..old_range.start + new.len()]
                        .copy_from_slice(&new);
                    self.dead_text += old_range.len() - new.len();
                    chunk = old_chunk as u32;
                    range = old_range.start..old_range.start + new.len();
                } else {
                    self.dead_text += old_range.len();
                }
                self.docs[slot] = self.doc(record, chunk, (range, keys));
                self.ranks.changed(slot, self.docs.len());
            }
            None => {
                let doc = self.doc(record, chunk, (range, keys));
                self.slots.insert(record.id, self.docs.len());
                self.docs.push(doc);
            }
        }
        self.compact_if_wasteful();
    }

    /// Forgets a record (it was deleted or trashed).
    pub fn remove(&mut self, id: &RecordId) {
        self.text_cache.clear();
        if let Some(slot) = self.slots.remove(id) {
            let doc = &mut self.docs[slot];
            doc.live = false;
            self.dead_text += doc.text.len();
            doc.text = 0..0;
            doc.keys = 0;
            doc.tags = Box::new([]);
            doc.title = UNTITLED;
        }
        self.compact_if_wasteful();
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the index holds no record.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Forgets what recent searches matched, so the next search scans all text (for
    /// measuring a search as if it were the first).
    pub fn forget_recent_searches(&self) {
        self.text_cache.forget();
    }

    /// The bytes of searchable text held (live and not yet reclaimed).
    pub fn text_bytes(&self) -> usize {
        self.text.iter().map(|c| c.len()).sum()
    }

    /// The records that match `filter`, in the order they were indexed, and the facet
    /// counts.
    /// Records whose text matches as typed come before those found only through the Latin
    /// keys of their names (another script or spelling).
    pub fn search(&self, filter: &Filter) -> SearchResult {
        let (mut slots, loose, counts) = self.matching(filter);
        let other_spellings = self.exact_first(&mut slots, &loose);
        SearchResult {
            ids: slots.iter().map(|&s| self.docs[s as usize].id).collect(),
            other_spellings,
            facets: counts.into_facets(&self.tag_names),
        }
    }

    /// As [`SearchIndex::search`], with the records sorted by `column` (ties by id), those
    /// that match as typed first.
    pub fn search_sorted(
        &self,
        filter: &Filter,
        column: SortColumn,
        ascending: bool,
    ) -> SearchResult {
        let (mut slots, loose, counts) = self.matching(filter);
        self.sort_slots(&mut slots, column, ascending);
        let other_spellings = self.exact_first(&mut slots, &loose);
        SearchResult {
            ids: slots.iter().map(|&s| self.docs[s as usize].id).collect(),
            other_spellings,
            facets: counts.into_facets(&self.tag_names),
        }
    }

    /// Moves the slots in `loose` (found only through name keys) after the rest, keeping
    /// each group's order; returns how many of `slots` are loose.
    fn exact_first(&self, slots: &mut [u32], loose: &[u32]) -> usize {
        if loose.is_empty() {
            return 0;
        }
        let mut is_loose = vec![false; self.docs.len()];
        for &s in loose {
            is_loose[s as usize] = true;
        }
        slots.sort_by_key(|&s| is_loose[s as usize]);
        slots.iter().filter(|&&s| is_loose[s as usize]).count()
    }

    fn doc(&mut self, r: &Record, chunk: u32, (text, keys): (Range<usize>, usize)) -> Doc {
        let mut warnings = 0u32;
        for w in &r.warnings {
            warnings |= 1 << (*w as u32);
        }
        let mut tags: Vec<u32> = r.tags.iter().map(|t| self.tag_id(t)).collect();
        tags.sort_unstable();
        tags.dedup();
        let person = r.person.as_ref();
        let span = |d: &crate::model::FuzzyDate| (d.earliest(), d.latest());
        let title = title_in(
            &self.text[chunk as usize][text.clone()],
            &r.display_title().to_lowercase(),
        );
        Doc {
            id: r.id,
            live: true,
            chunk,
            text,
            keys: keys.min(u32::MAX as usize) as u32,
            kind: r.kind,
            label: r.label,
            verification: r.verification,
            review: r.review,
            warnings,
            status: person.and_then(|p| p.status),
            basis: person.and_then(|p| p.basis),
            category: person.and_then(|p| p.category),
            tags: tags.into(),
            event: r.event_date().as_ref().map(span),
            date: r.date.as_ref().map(span),
            modified: r.modified,
            attachments: r.attachments.len().min(u32::MAX as usize) as u32,
            title,
        }
    }

    /// The lower-case shown title of `doc`.
    fn title_of(&self, doc: &Doc) -> &[u8] {
        if doc.title == UNTITLED {
            return b"(untitled)";
        }
        let start = doc.text.start + doc.title.0 as usize;
        &self.text[doc.chunk as usize][start..start + doc.title.1 as usize]
    }

    fn tag_id(&mut self, tag: &str) -> u32 {
        if let Some(&id) = self.tag_ids.get(tag) {
            return id;
        }
        let id = self.tag_names.len() as u32;
        self.tag_names.push(tag.to_string());
        self.tag_ids.insert(tag.to_string(), id);
        id
    }

    /// Rewrites the text buffer when more than half of it belongs to no record.
    fn compact_if_wasteful(&mut self) {
        let bytes = self.text_bytes();
        if self.dead_text < 1 << 20 || self.dead_text * 2 < bytes {
            return;
        }
        let mut text = Vec::with_capacity(bytes - self.dead_text);
        for doc in &mut self.docs {
            let start = text.len();
            text.extend_from_slice(&self.text[doc.chunk as usize][doc.text.clone()]);
            doc.chunk = 0;
            doc.text = start..text.len();
        }
        self.text = vec![Chunk::Own(text)];
        self.tail = Some(0);
        self.dead_text = 0;
    }

    /// The slots that match, those of them matched only through name keys (sorted), and
    /// the facet counts, scanning on every core.
    fn matching(&self, filter: &Filter) -> (Vec<u32>, Vec<u32>, Counts) {
        let query = Query::new(filter, &self.tag_ids);
        let mut terms = filter.terms();
        terms.sort();
        terms.dedup();
        // Typing narrows a search ("she", "shel", "shelling"): only the records the shorter
        // text matched can match the longer; a text searched a moment ago is not searched
        // again (Backspace). Either way most of the text is not scanned again.
        let (candidates, known) = match self.text_cache.lookup(&terms) {
            Some(Lookup::Same { slots, loose }) => (Some(slots), Some(loose)),
            Some(Lookup::Narrower(slots)) => (Some(slots), None),
            None if terms.is_empty() => (None, Some(Default::default())),
            None => (None, None),
        };
        let len = candidates.as_ref().map_or(self.docs.len(), |c| c.len());
        let parts = in_parallel_ranges(len, |range| {
            let mut found = Found::new(self.tag_names.len());
            for i in range {
                let slot = match &candidates {
                    Some(c) => c[i] as usize,
                    None => i,
                };
                let doc = &self.docs[slot];
                if !doc.live {
                    continue;
                }
                let exact = match &known {
                    Some(loose) => Some(loose.binary_search(&(slot as u32)).is_err()),
                    None => {
                        let text = &self.text[doc.chunk as usize][doc.text.clone()];
                        query.text_match(text.split_at(doc.keys as usize))
                    }
                };
                let Some(exact) = exact else {
                    continue;
                };
                found.texted.push(slot as u32);
                if !exact {
                    found.loose.push(slot as u32);
                }
                let failed = query.failed(doc);
                if failed == 0 {
                    found.slots.push(slot as u32);
                }
                found.counts.add(doc, failed);
            }
            found
        });
        let mut all = Found::new(self.tag_names.len());
        for part in parts {
            all.slots.extend_from_slice(&part.slots);
            if !terms.is_empty() {
                all.texted.extend_from_slice(&part.texted);
                all.loose.extend_from_slice(&part.loose);
            }
            all.counts.merge(&part.counts);
        }
        // Only the loose matches that pass the facets are ranked; all are remembered.
        all.loose.sort_unstable();
        if !terms.is_empty() {
            self.text_cache
                .store(terms, all.texted, std::sync::Arc::new(all.loose.clone()));
        }
        (all.slots, all.loose, all.counts)
    }
}

/// What one part of a scan found: the slots that pass text and facets, those that pass the
/// text, those matched only through name keys, and the facet counts.
struct Found {
    slots: Vec<u32>,
    texted: Vec<u32>,
    loose: Vec<u32>,
    counts: Counts,
}

impl Found {
    fn new(tags: usize) -> Found {
        Found {
            slots: Vec::new(),
            texted: Vec::new(),
            loose: Vec::new(),
            counts: Counts::new(tags),
        }
    }
}

/// Everything a search can find a record by, lower-cased, appended to `out`; then the
/// Latin keys of its names (as the duplicate finder makes them), so that "гагик" finds
/// "Գագիկ" and "Gagik". Returns where the keys begin in `out`.
fn haystack(r: &Record, out: &mut Vec<u8>) -> usize {
    let mut add = |s: &str| {
        if s.is_empty() {
            return;
        }
        if s.is_ascii() {
            out.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            out.extend_from_slice(s.to_lowercase().as_bytes());
        }
        out.push(b'\n');
    };
    add(&r.title);
    add(&r.body);
    add(&r.place);
    add(&r.author);
    add(&r.source.name);
    add(&r.source.url);
    add(&r.language);
    add(&r.private_notes);
    for tag in &r.tags {
        add(tag);
    }
    if let Some(date) = &r.date {
        add(&date.to_string());
    }
    for a in &r.attachments {
        add(&a.name);
        add(&a.description);
        add(a.sha256.as_str());
    }
    for l in &r.links {
        add(&l.note);
    }
    if let Some(p) = &r.person {
        for n in &p.names {
            add(&n.text);
        }
        add(&p.residence);
        add(&p.unit);
        add(&p.rank);
        add(&p.identifying);
        for entry in &p.timeline {
            add(&entry.note);
        }
    }
    add(&r.id.to_string());
    let keys = out.len();
    let mut key = |s: &str| {
        if !s.is_empty() {
            out.extend_from_slice(name_key(s).as_bytes());
            out.push(b'\n');
        }
    };
    key(&r.title);
    key(&r.place);
    key(&r.author);
    if let Some(p) = &r.person {
        for n in &p.names {
            key(&n.text);
        }
        key(&p.residence);
    }
    keys
}

/// Where `title` lies in a record's `text`: at its start when the record has a title (it
/// is written first), else wherever its name is.
fn title_in(text: &[u8], title: &str) -> (u32, u32) {
    let at = match text.starts_with(title.as_bytes()) {
        true => Some(0),
        false => memchr::memmem::find(text, title.as_bytes()),
    };
    match (at.map(u32::try_from), u32::try_from(title.len())) {
        (Some(Ok(at)), Ok(len)) if at != UNTITLED.0 => (at, len),
        _ => UNTITLED,
    }
}

/// How many threads a scan uses.
fn workers() -> usize {
    crate::parallel::workers()
}

/// Runs `work` over contiguous parts of `0..len` on every core, results in order.
fn in_parallel_ranges<T: Send>(len: usize, work: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    crate::parallel::ranges(len, PARALLEL_FROM, work)
}

/// Runs `work` over contiguous parts of `items` on every core, results in order.
fn in_parallel<I: Sync, T: Send>(items: &[I], work: impl Fn(&[I]) -> T + Sync) -> Vec<T> {
    in_parallel_ranges(items.len(), |range| work(&items[range]))
}
