//! The search index: what a search needs of every record, laid out to be scanned fast.
//!
//! A search at 100,000 records must answer within a frame or two, so the index keeps, per
//! record, the facet values as small numbers and sort keys, and the lower-case searchable
//! text of all records in one buffer. A search scans that buffer and those rows on every
//! core (no per-record allocation, no lookups by id), counts facets into fixed arrays, and
//! sorts with keys it already holds.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{Facets, Filter, SearchResult, SortColumn};
use crate::model::{
    ContentWarning, EvidenceBasis, Label, PersonCategory, PersonStatus, Record, RecordId,
    RecordKind, ReviewState, Verification,
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
    /// and where in it.
    chunk: u32,
    text: Range<usize>,
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
    /// The lower-case shown title, for sorting by title.
    title: Box<str>,
}

/// The lower-case searchable text, facet values and sort keys of every record.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    slots: HashMap<RecordId, usize>,
    /// The lower-case text of all records, in a few large buffers: one per core that built
    /// the index (joining them would briefly need twice the memory), and one for records
    /// added or changed since.
    text: Vec<Vec<u8>>,
    /// The buffer changed records are written to, once there is one.
    tail: Option<usize>,
    /// Bytes of `text` no live record points at any more (replaced or removed).
    dead_text: usize,
    tag_names: Vec<String>,
    tag_ids: HashMap<String, u32>,
    text_cache: TextCache,
}

/// The records the last few texts matched (before facets), newest first. Emptied whenever
/// the index changes.
#[derive(Debug, Default)]
struct TextCache(std::sync::Mutex<Vec<Matched>>);

/// The sorted terms of a text and the records (slots) whose text has them all.
type Matched = (Vec<String>, std::sync::Arc<Vec<u32>>);

impl Clone for TextCache {
    fn clone(&self) -> Self {
        TextCache::default()
    }
}

impl TextCache {
    const KEEP: usize = 8;

    /// Records to search for `terms`: those of the same text (true: they match already),
    /// or the fewest of a text each of whose terms lies inside one of `terms` (false:
    /// they still need checking).
    fn lookup(&self, terms: &[String]) -> Option<(std::sync::Arc<Vec<u32>>, bool)> {
        if terms.is_empty() {
            return None;
        }
        let entries = self.0.lock().ok()?;
        if let Some((_, slots)) = entries.iter().find(|(t, _)| t == terms) {
            return Some((slots.clone(), true));
        }
        entries
            .iter()
            .filter(|(old, _)| {
                old.iter()
                    .all(|o| terms.iter().any(|t| t.contains(o.as_str())))
            })
            .min_by_key(|(_, slots)| slots.len())
            .map(|(_, slots)| (slots.clone(), false))
    }

    fn store(&self, terms: Vec<String>, slots: Vec<u32>) {
        if let Ok(mut entries) = self.0.lock() {
            entries.retain(|(t, _)| *t != terms);
            entries.insert(0, (terms, std::sync::Arc::new(slots)));
            entries.truncate(Self::KEEP);
        }
    }

    fn clear(&mut self) {
        match self.0.get_mut() {
            Ok(entries) => entries.clear(),
            Err(poisoned) => poisoned.into_inner().clear(),
        }
    }
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
                haystack(r, &mut text);
                ranges.push(start..text.len());
            }
            (text, ranges)
        });
        let mut index = SearchIndex {
            docs: Vec::with_capacity(records.len()),
            slots: HashMap::with_capacity(records.len()),
            ..SearchIndex::default()
        };
        let mut records = records.into_iter();
        for (text, ranges) in texts {
            let chunk = index.text.len() as u32;
            index.text.push(text);
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
                self.text.push(Vec::new());
                self.tail = Some(self.text.len() - 1);
                self.text.len() - 1
            }
        };
        let start = self.text[tail].len();
        haystack(record, &mut self.text[tail]);
        let mut chunk = tail as u32;
        let mut range = start..self.text[tail].len();
        match self.slots.get(&record.id) {
            Some(&slot) => {
                let old = &self.docs[slot];
                let (old_chunk, old_range) = (old.chunk as usize, old.text.clone());
                if range.len() <= old_range.len() {
                    // Fits where the old text was: write it there and drop the new copy.
                    let new: Vec<u8> = self.text[tail].drain(start..).collect();
                    self.text[old_chunk][old_range.start..old_range.start + new.len()]
                        .copy_from_slice(&new);
                    self.dead_text += old_range.len() - new.len();
                    chunk = old_chunk as u32;
                    range = old_range.start..old_range.start + new.len();
                } else {
                    self.dead_text += old_range.len();
                }
                self.docs[slot] = self.doc(record, chunk, range);
            }
            None => {
                let doc = self.doc(record, chunk, range);
                self.slots.insert(record.id, self.docs.len());
                self.docs.push(doc);
            }
        }
        self.compact_if_wasteful();
    }

    pub fn remove(&mut self, id: &RecordId) {
        self.text_cache.clear();
        if let Some(slot) = self.slots.remove(id) {
            let doc = &mut self.docs[slot];
            doc.live = false;
            self.dead_text += doc.text.len();
            doc.text = 0..0;
            doc.tags = Box::new([]);
            doc.title = "".into();
        }
        self.compact_if_wasteful();
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Forgets what recent searches matched, so the next search scans all text (for
    /// measuring a search as if it were the first).
    pub fn forget_recent_searches(&self) {
        if let Ok(mut entries) = self.text_cache.0.lock() {
            entries.clear();
        }
    }

    /// The bytes of searchable text held (live and not yet reclaimed).
    pub fn text_bytes(&self) -> usize {
        self.text.iter().map(Vec::len).sum()
    }

    /// The records that match `filter`, in the order they were indexed, and the facet
    /// counts.
    pub fn search(&self, filter: &Filter) -> SearchResult {
        let (slots, counts) = self.matching(filter);
        SearchResult {
            ids: slots.iter().map(|&s| self.docs[s as usize].id).collect(),
            facets: counts.into_facets(&self.tag_names),
        }
    }

    /// As [`SearchIndex::search`], with the records sorted by `column` (ties by id).
    pub fn search_sorted(
        &self,
        filter: &Filter,
        column: SortColumn,
        ascending: bool,
    ) -> SearchResult {
        let (mut slots, counts) = self.matching(filter);
        self.sort_slots(&mut slots, column, ascending);
        SearchResult {
            ids: slots.iter().map(|&s| self.docs[s as usize].id).collect(),
            facets: counts.into_facets(&self.tag_names),
        }
    }

    fn doc(&mut self, r: &Record, chunk: u32, text: Range<usize>) -> Doc {
        let mut warnings = 0u32;
        for w in &r.warnings {
            warnings |= 1 << (*w as u32);
        }
        let mut tags: Vec<u32> = r.tags.iter().map(|t| self.tag_id(t)).collect();
        tags.sort_unstable();
        tags.dedup();
        let person = r.person.as_ref();
        let span = |d: &crate::model::FuzzyDate| (d.earliest(), d.latest());
        Doc {
            id: r.id,
            live: true,
            chunk,
            text,
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
            title: r.display_title().to_lowercase().into(),
        }
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
        self.text = vec![text];
        self.tail = Some(0);
        self.dead_text = 0;
    }

    /// The slots that match and the facet counts, scanning on every core.
    fn matching(&self, filter: &Filter) -> (Vec<u32>, Counts) {
        let query = Query::new(filter, &self.tag_ids);
        let mut terms = filter.terms();
        terms.sort();
        terms.dedup();
        // Typing narrows a search ("she", "shel", "shelling"): only the records the shorter
        // text matched can match the longer; a text searched a moment ago is not searched
        // again (Backspace). Either way most of the text is not scanned again.
        let (candidates, text_known) = match self.text_cache.lookup(&terms) {
            Some((slots, exact)) => (Some(slots), exact),
            None => (None, terms.is_empty()),
        };
        let len = candidates.as_ref().map_or(self.docs.len(), |c| c.len());
        let parts = in_parallel_ranges(len, |range| {
            let mut slots = Vec::new();
            let mut texted = Vec::new();
            let mut counts = Counts::new(self.tag_names.len());
            for i in range {
                let slot = match &candidates {
                    Some(c) => c[i] as usize,
                    None => i,
                };
                let doc = &self.docs[slot];
                if doc.live
                    && (text_known
                        || query.text_matches(&self.text[doc.chunk as usize][doc.text.clone()]))
                {
                    texted.push(slot as u32);
                    let failed = query.failed(doc);
                    if failed == 0 {
                        slots.push(slot as u32);
                    }
                    counts.add(doc, failed);
                }
            }
            (slots, texted, counts)
        });
        let mut all_slots = Vec::with_capacity(parts.iter().map(|(s, _, _)| s.len()).sum());
        let mut all_texted = Vec::new();
        let mut total = Counts::new(self.tag_names.len());
        for (slots, texted, counts) in parts {
            all_slots.extend_from_slice(&slots);
            if !terms.is_empty() {
                all_texted.extend_from_slice(&texted);
            }
            total.merge(&counts);
        }
        if !terms.is_empty() {
            self.text_cache.store(terms, all_texted);
        }
        (all_slots, total)
    }

    fn sort_slots(&self, slots: &mut Vec<u32>, column: SortColumn, ascending: bool) {
        let docs = &self.docs;
        // Each slot with its sort key and id in one small row, so comparing two rows
        // rarely leaves them; titles that share their first 16 bytes compare in full.
        let mut rows: Vec<SortRow> = slots
            .iter()
            .map(|&slot| {
                let d = &docs[slot as usize];
                SortRow {
                    key: sort_key(d, column),
                    id: d.id.0.as_u128(),
                    slot,
                }
            })
            .collect();
        let cmp = |a: &SortRow, b: &SortRow| -> Ordering {
            let mut ord = a.key.cmp(&b.key);
            if ord == Ordering::Equal && column == SortColumn::Title {
                ord = docs[a.slot as usize]
                    .title
                    .cmp(&docs[b.slot as usize].title);
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
fn sort_key(d: &Doc, column: SortColumn) -> u128 {
    match column {
        SortColumn::Kind => d.kind as u128,
        SortColumn::Label => d.label as u128,
        SortColumn::Verification => d.verification as u128,
        SortColumn::Attachments => d.attachments as u128,
        SortColumn::Modified => (d.modified.as_nanosecond() as u128) ^ (1 << 127),
        // Dated records first, by earliest then latest day.
        SortColumn::Date => match d.date {
            Some((earliest, latest)) => {
                // Year, month and day packed so that the number orders as the date does.
                let day = |date: Date| {
                    let year = (i32::from(date.year()) + 10_000) as u128;
                    year << 9 | (date.month() as u128) << 5 | date.day() as u128
                };
                (day(earliest) << 64) | day(latest)
            }
            None => u128::MAX,
        },
        SortColumn::Title => {
            let mut prefix = [0u8; 16];
            let n = d.title.len().min(16);
            prefix[..n].copy_from_slice(&d.title.as_bytes()[..n]);
            u128::from_be_bytes(prefix)
        }
    }
}

/// Everything a search can find a record by, lower-cased, appended to `out`.
fn haystack(r: &Record, out: &mut Vec<u8>) {
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
}

const KIND: u16 = 1;
const LABEL: u16 = 2;
const WARNING: u16 = 4;
const VERIFICATION: u16 = 8;
const REVIEW: u16 = 16;
const TAG: u16 = 32;
const STATUS: u16 = 64;
const BASIS: u16 = 128;
const CATEGORY: u16 = 256;
const DATE: u16 = 512;

/// A filter turned into bit masks and finders, once per search.
struct Query<'a> {
    terms: Vec<memchr::memmem::Finder<'a>>,
    kinds: u32,
    labels: u32,
    warnings: u32,
    verification: u32,
    review: u32,
    statuses: u32,
    bases: u32,
    categories: u32,
    /// Which tag ids pass; None when no tag is chosen.
    tags: Option<Vec<bool>>,
    range: Option<(Option<Date>, Option<Date>)>,
}

fn mask<T: Copy + Into<u32>>(values: impl IntoIterator<Item = T>) -> u32 {
    values.into_iter().fold(0, |m, v| m | 1 << v.into())
}

impl<'a> Query<'a> {
    fn new(filter: &Filter, tag_ids: &HashMap<String, u32>) -> Query<'a> {
        let mut terms: Vec<String> = filter.terms();
        // The longest term first: it is the likeliest to rule a record out.
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        Query {
            terms: terms
                .iter()
                .map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
                .collect(),
            kinds: mask(filter.kinds.iter().map(|v| *v as u32)),
            labels: mask(filter.labels.iter().map(|v| *v as u32)),
            warnings: mask(filter.warnings.iter().map(|v| *v as u32)),
            verification: mask(filter.verification.iter().map(|v| *v as u32)),
            review: mask(filter.review.iter().map(|v| *v as u32)),
            statuses: mask(filter.statuses.iter().map(|v| *v as u32)),
            bases: mask(filter.bases.iter().map(|v| *v as u32)),
            categories: mask(filter.categories.iter().map(|v| *v as u32)),
            tags: (!filter.tags.is_empty()).then(|| {
                let mut pass = vec![false; tag_ids.len()];
                for t in &filter.tags {
                    if let Some(&id) = tag_ids.get(t) {
                        pass[id as usize] = true;
                    }
                }
                pass
            }),
            range: (filter.from.is_some() || filter.until.is_some())
                .then_some((filter.from, filter.until)),
        }
    }

    fn text_matches(&self, text: &[u8]) -> bool {
        self.terms.iter().all(|t| t.find(text).is_some())
    }

    /// Which facets a record fails, as bits.
    fn failed(&self, d: &Doc) -> u16 {
        let one = |m: u32, v: u32| m != 0 && m & (1 << v) == 0;
        let maybe = |m: u32, v: Option<u32>| m != 0 && v.is_none_or(|v| m & (1 << v) == 0);
        let mut failed = 0;
        if one(self.kinds, d.kind as u32) {
            failed |= KIND;
        }
        if one(self.labels, d.label as u32) {
            failed |= LABEL;
        }
        if self.warnings != 0 && self.warnings & d.warnings == 0 {
            failed |= WARNING;
        }
        if one(self.verification, d.verification as u32) {
            failed |= VERIFICATION;
        }
        if one(self.review, d.review as u32) {
            failed |= REVIEW;
        }
        if let Some(pass) = &self.tags
            && !d.tags.iter().any(|t| pass[*t as usize])
        {
            failed |= TAG;
        }
        if maybe(self.statuses, d.status.map(|v| v as u32)) {
            failed |= STATUS;
        }
        if maybe(self.bases, d.basis.map(|v| v as u32)) {
            failed |= BASIS;
        }
        if maybe(self.categories, d.category.map(|v| v as u32)) {
            failed |= CATEGORY;
        }
        if let Some((from, until)) = self.range {
            let inside = d.event.is_some_and(|(earliest, latest)| {
                from.is_none_or(|from| latest >= from) && until.is_none_or(|u| earliest <= u)
            });
            if !inside {
                failed |= DATE;
            }
        }
        failed
    }
}

/// Facet counts as arrays indexed by each value's position.
struct Counts {
    kinds: [usize; 32],
    labels: [usize; 32],
    warnings: [usize; 32],
    verification: [usize; 32],
    review: [usize; 32],
    statuses: [usize; 32],
    bases: [usize; 32],
    categories: [usize; 32],
    tags: Vec<usize>,
}

impl Counts {
    fn new(tags: usize) -> Counts {
        Counts {
            kinds: [0; 32],
            labels: [0; 32],
            warnings: [0; 32],
            verification: [0; 32],
            review: [0; 32],
            statuses: [0; 32],
            bases: [0; 32],
            categories: [0; 32],
            tags: vec![0; tags],
        }
    }

    /// Counts a record that passed the text towards each facet whose other facets it passes.
    fn add(&mut self, d: &Doc, failed: u16) {
        let counts = |facet: u16| failed == 0 || failed == facet;
        if counts(KIND) {
            self.kinds[d.kind as usize] += 1;
        }
        if counts(LABEL) {
            self.labels[d.label as usize] += 1;
        }
        if counts(WARNING) {
            let mut bits = d.warnings;
            while bits != 0 {
                self.warnings[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        if counts(VERIFICATION) {
            self.verification[d.verification as usize] += 1;
        }
        if counts(REVIEW) {
            self.review[d.review as usize] += 1;
        }
        if counts(TAG) {
            for t in &d.tags {
                self.tags[*t as usize] += 1;
            }
        }
        if counts(STATUS)
            && let Some(s) = d.status
        {
            self.statuses[s as usize] += 1;
        }
        if counts(BASIS)
            && let Some(b) = d.basis
        {
            self.bases[b as usize] += 1;
        }
        if counts(CATEGORY)
            && let Some(c) = d.category
        {
            self.categories[c as usize] += 1;
        }
    }

    fn merge(&mut self, other: &Counts) {
        let add = |a: &mut [usize], b: &[usize]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.kinds, &other.kinds);
        add(&mut self.labels, &other.labels);
        add(&mut self.warnings, &other.warnings);
        add(&mut self.verification, &other.verification);
        add(&mut self.review, &other.review);
        add(&mut self.statuses, &other.statuses);
        add(&mut self.bases, &other.bases);
        add(&mut self.categories, &other.categories);
        add(&mut self.tags, &other.tags);
    }

    fn into_facets(self, tag_names: &[String]) -> Facets {
        fn map<T: Copy + Ord>(
            all: &[T],
            counts: &[usize],
            pos: impl Fn(T) -> usize,
        ) -> BTreeMap<T, usize> {
            all.iter()
                .filter(|v| counts[pos(**v)] > 0)
                .map(|v| (*v, counts[pos(*v)]))
                .collect()
        }
        Facets {
            kinds: map(RecordKind::ALL, &self.kinds, |v| v as usize),
            labels: map(&Label::ALL, &self.labels, |v| v as usize),
            warnings: map(ContentWarning::ALL, &self.warnings, |v| v as usize),
            verification: map(Verification::ALL, &self.verification, |v| v as usize),
            review: map(ReviewState::ALL, &self.review, |v| v as usize),
            statuses: map(PersonStatus::ALL, &self.statuses, |v| v as usize),
            bases: map(EvidenceBasis::ALL, &self.bases, |v| v as usize),
            categories: map(PersonCategory::ALL, &self.categories, |v| v as usize),
            tags: self
                .tags
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (tag_names[i].clone(), *n))
                .collect(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: RecordKind, title: &str) -> Record {
        Record::new(kind, title, "t")
    }

    #[test]
    fn replaced_and_removed_records_are_found_by_their_new_text_only() {
        let mut a = rec(RecordKind::Report, "a long first title about a hospital");
        let b = rec(RecordKind::Report, "school");
        let mut index = SearchIndex::build([&a, &b]);
        let find = |index: &SearchIndex, text: &str| {
            index
                .search(&Filter {
                    text: text.into(),
                    ..Filter::default()
                })
                .ids
        };
        a.title = "short: clinic".into();
        index.upsert(&a);
        assert!(find(&index, "hospital").is_empty());
        assert_eq!(find(&index, "clinic"), vec![a.id]);
        a.title = "a much longer title than before: a field clinic near the river".into();
        index.upsert(&a);
        assert_eq!(find(&index, "river"), vec![a.id]);
        index.remove(&b.id);
        assert!(find(&index, "school").is_empty());
        assert_eq!(index.len(), 1);
    }

    #[test]
    fn a_persons_unit_residence_marks_and_timeline_notes_are_searchable() {
        let mut r = rec(RecordKind::Person, "");
        let mut p = crate::model::Person {
            unit: "Military unit 12345".into(),
            residence: "Martuni".into(),
            identifying: "Tattoo of an eagle on the left arm".into(),
            ..Default::default()
        };
        let mut entry = crate::model::StatusEntry::new(PersonStatus::Captured);
        entry.note = "Seen in a video from Hadrut".into();
        p.timeline.push(entry);
        r.person = Some(Box::new(p));
        let index = SearchIndex::build([&r]);
        for text in ["12345", "martuni", "EAGLE", "hadrut"] {
            let found = index.search(&Filter {
                text: text.into(),
                ..Filter::default()
            });
            assert_eq!(found.ids, vec![r.id], "'{text}'");
        }
    }

    #[test]
    fn narrowing_and_repeated_searches_find_what_a_first_search_finds() {
        let titles = [
            "hospital shelled",
            "field hospital",
            "hospice",
            "school",
            "clinic near the hospital",
        ];
        let records: Vec<Record> = titles.iter().map(|t| rec(RecordKind::Report, t)).collect();
        let index = SearchIndex::build(&records);
        let fresh = |text: &str| {
            let index = SearchIndex::build(&records);
            index.search(&text_filter(text)).ids
        };
        for text in [
            "hos",
            "hosp",
            "hospital",
            "hospital clinic",
            "hos",
            "hospice",
            "x",
        ] {
            assert_eq!(
                index.search(&text_filter(text)).ids,
                fresh(text),
                "'{text}'"
            );
        }
        assert_eq!(index.search(&text_filter("hospital")).ids.len(), 3);
    }

    fn text_filter(text: &str) -> Filter {
        Filter {
            text: text.into(),
            ..Filter::default()
        }
    }

    #[test]
    fn a_large_index_searches_and_sorts_in_parts_like_a_small_one() {
        let records: Vec<Record> = (0..PARALLEL_FROM * 2 + 7)
            .map(|i| {
                let mut r = rec(RecordKind::Report, &format!("record {i:05}"));
                r.label = if i % 3 == 0 { Label::Red } else { Label::Green };
                r
            })
            .collect();
        let index = SearchIndex::build(&records);
        let filter = Filter {
            labels: [Label::Red].into(),
            ..Filter::default()
        };
        let found = index.search_sorted(&filter, SortColumn::Title, false);
        let mut expected: Vec<&Record> = records.iter().filter(|r| r.label == Label::Red).collect();
        expected.reverse();
        assert_eq!(found.ids, expected.iter().map(|r| r.id).collect::<Vec<_>>());
        assert_eq!(
            found.facets.labels[&Label::Green],
            records.len() - expected.len()
        );
        assert_eq!(index.search(&Filter::default()).ids.len(), records.len());
    }
}
