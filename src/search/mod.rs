//! Finding records: free text plus facets (kind, label, warning, verification, review, tag),
//! facet counts, and sorting.
//!
//! Text matching is case-insensitive substring search over a prepared lower-case text per
//! record, so Armenian, Cyrillic and Latin all match as people type them. Every term must
//! match. Within a facet the chosen values are alternatives (any of them); facets combine
//! (all of them).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{
    ContentWarning, EvidenceBasis, Label, PersonCategory, PersonStatus, Record, RecordId,
    RecordKind, ReviewState, Verification,
};

pub mod duplicates;

/// What the person is looking for. Saved views store it as JSON (empty parts left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<RecordKind>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub labels: BTreeSet<Label>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub warnings: BTreeSet<ContentWarning>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub verification: BTreeSet<Verification>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub review: BTreeSet<ReviewState>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// Persons whose current status is one of these.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub statuses: BTreeSet<PersonStatus>,
    /// Persons whose current status rests on one of these.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub bases: BTreeSet<EvidenceBasis>,
    /// Persons who are civilians or servicemen.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub categories: BTreeSet<PersonCategory>,
    /// Records whose date (for a person: the date of the current status) may fall on or
    /// after this day. Records without a date are left out when a range is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// ... on or before this day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The lower-case terms of the text, each of which must match.
    pub fn terms(&self) -> Vec<String> {
        self.text
            .split_whitespace()
            .map(|t| t.to_lowercase())
            .collect()
    }

    /// Clears every facet but keeps the text.
    pub fn clear_facets(&mut self) {
        *self = Filter {
            text: std::mem::take(&mut self.text),
            ..Filter::default()
        };
    }
}

/// A named list: a filter people come back to ("Captives: held, not acknowledged").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    pub filter: Filter,
}

/// The records a list shows for `filter`, oldest first: the one definition of a list that
/// `dossier list`, CSV export, statistics and saved views all use.
pub fn list<'a>(records: &'a [Record], filter: &Filter) -> Vec<&'a Record> {
    let index = SearchIndex::build(records);
    let mut ids = search(records, &index, filter).ids;
    let by_id: HashMap<RecordId, &Record> = records.iter().map(|r| (r.id, r)).collect();
    sort(
        &mut ids,
        |id| by_id.get(id).copied(),
        SortColumn::Date,
        true,
    );
    ids.iter().filter_map(|id| by_id.get(id).copied()).collect()
}

/// How many matching records have each facet value. A facet's counts ignore that facet's own
/// choice, so they say what choosing another value would give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub kinds: BTreeMap<RecordKind, usize>,
    pub labels: BTreeMap<Label, usize>,
    pub warnings: BTreeMap<ContentWarning, usize>,
    pub verification: BTreeMap<Verification, usize>,
    pub review: BTreeMap<ReviewState, usize>,
    pub tags: BTreeMap<String, usize>,
    pub statuses: BTreeMap<PersonStatus, usize>,
    pub bases: BTreeMap<EvidenceBasis, usize>,
    pub categories: BTreeMap<PersonCategory, usize>,
}

/// The lower-case searchable text of every record.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: HashMap<RecordId, String>,
}

impl SearchIndex {
    pub fn build<'a>(records: impl IntoIterator<Item = &'a Record>) -> Self {
        SearchIndex {
            docs: records.into_iter().map(|r| (r.id, haystack(r))).collect(),
        }
    }

    pub fn upsert(&mut self, record: &Record) {
        self.docs.insert(record.id, haystack(record));
    }

    pub fn remove(&mut self, id: &RecordId) {
        self.docs.remove(id);
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn matches(&self, id: &RecordId, finders: &[memchr::memmem::Finder<'_>]) -> bool {
        if finders.is_empty() {
            return true;
        }
        match self.docs.get(id) {
            Some(doc) => finders.iter().all(|f| f.find(doc.as_bytes()).is_some()),
            None => false,
        }
    }
}

/// Everything a search can find a record by, lower-cased.
fn haystack(r: &Record) -> String {
    let mut text = String::with_capacity(256);
    let mut add = |s: &str| {
        if !s.is_empty() {
            text.push_str(s);
            text.push('\n');
        }
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
        add(&a.sha256);
    }
    for l in &r.links {
        add(&l.note);
    }
    if let Some(p) = &r.person {
        for n in &p.names {
            add(&n.text);
        }
    }
    add(&r.id.to_string());
    text.to_lowercase()
}

/// The records that match, in catalogue order, and the facet counts.
#[derive(Debug, Clone, Default)]
pub struct SearchResult {
    pub ids: Vec<RecordId>,
    pub facets: Facets,
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

/// Runs `filter` over `records` in one pass, counting facets as it goes.
pub fn search(records: &[Record], index: &SearchIndex, filter: &Filter) -> SearchResult {
    let terms = filter.terms();
    let finders: Vec<_> = terms
        .iter()
        .map(|t| memchr::memmem::Finder::new(t.as_bytes()))
        .collect();
    let mut result = SearchResult::default();
    for r in records {
        if !index.matches(&r.id, &finders) {
            continue;
        }
        let failed = failed_facets(r, filter);
        if failed == 0 {
            result.ids.push(r.id);
        }
        // A record counts towards a facet's values when it passes every other facet.
        let counts = |facet: u16| failed == 0 || failed == facet;
        let f = &mut result.facets;
        if counts(KIND) {
            *f.kinds.entry(r.kind).or_default() += 1;
        }
        if counts(LABEL) {
            *f.labels.entry(r.label).or_default() += 1;
        }
        if counts(WARNING) {
            for w in &r.warnings {
                *f.warnings.entry(*w).or_default() += 1;
            }
        }
        if counts(VERIFICATION) {
            *f.verification.entry(r.verification).or_default() += 1;
        }
        if counts(REVIEW) {
            *f.review.entry(r.review).or_default() += 1;
        }
        if counts(TAG) {
            for t in &r.tags {
                *f.tags.entry(t.clone()).or_default() += 1;
            }
        }
        if let Some(p) = &r.person {
            if counts(STATUS)
                && let Some(s) = p.status
            {
                *f.statuses.entry(s).or_default() += 1;
            }
            if counts(BASIS)
                && let Some(b) = p.basis
            {
                *f.bases.entry(b).or_default() += 1;
            }
            if counts(CATEGORY)
                && let Some(c) = p.category
            {
                *f.categories.entry(c).or_default() += 1;
            }
        }
    }
    result
}

/// Whether one record passes every part of the filter but the text.
pub fn passes_facets(r: &Record, f: &Filter) -> bool {
    failed_facets(r, f) == 0
}

/// Which facets a record fails, as bits.
fn failed_facets(r: &Record, f: &Filter) -> u16 {
    let mut failed: u16 = 0;
    if !f.kinds.is_empty() && !f.kinds.contains(&r.kind) {
        failed |= KIND;
    }
    if !f.labels.is_empty() && !f.labels.contains(&r.label) {
        failed |= LABEL;
    }
    if !f.warnings.is_empty() && !r.warnings.iter().any(|w| f.warnings.contains(w)) {
        failed |= WARNING;
    }
    if !f.verification.is_empty() && !f.verification.contains(&r.verification) {
        failed |= VERIFICATION;
    }
    if !f.review.is_empty() && !f.review.contains(&r.review) {
        failed |= REVIEW;
    }
    if !f.tags.is_empty() && !r.tags.iter().any(|t| f.tags.contains(t)) {
        failed |= TAG;
    }
    let person = r.person.as_ref();
    if !f.statuses.is_empty()
        && !person
            .and_then(|p| p.status)
            .is_some_and(|s| f.statuses.contains(&s))
    {
        failed |= STATUS;
    }
    if !f.bases.is_empty()
        && !person
            .and_then(|p| p.basis)
            .is_some_and(|b| f.bases.contains(&b))
    {
        failed |= BASIS;
    }
    if !f.categories.is_empty()
        && !person
            .and_then(|p| p.category)
            .is_some_and(|c| f.categories.contains(&c))
    {
        failed |= CATEGORY;
    }
    if (f.from.is_some() || f.until.is_some())
        && !in_range(r.event_date().as_ref(), f.from, f.until)
    {
        failed |= DATE;
    }
    failed
}

/// Whether a fuzzy date may fall within the days `from..=until` (either end open). A
/// date the range only partly covers (a month, a range of days) counts: it may fall inside.
pub fn in_range(
    date: Option<&crate::model::FuzzyDate>,
    from: Option<Date>,
    until: Option<Date>,
) -> bool {
    let Some(d) = date else { return false };
    from.is_none_or(|from| d.latest() >= from) && until.is_none_or(|until| d.earliest() <= until)
}

/// A column the record list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SortColumn {
    Kind,
    Title,
    Date,
    Label,
    Verification,
    Attachments,
    #[default]
    Modified,
}

/// Sorts ids by a column; ties keep a stable order by id.
pub fn sort<'a>(
    ids: &mut [RecordId],
    lookup: impl Fn(&RecordId) -> Option<&'a Record>,
    column: SortColumn,
    ascending: bool,
) {
    let cmp = |a: &Record, b: &Record| -> Ordering {
        match column {
            SortColumn::Kind => a.kind.cmp(&b.kind),
            SortColumn::Title => a
                .display_title()
                .to_lowercase()
                .cmp(&b.display_title().to_lowercase()),
            SortColumn::Date => match (&a.date, &b.date) {
                (Some(x), Some(y)) => x.sort_cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            SortColumn::Label => a.label.cmp(&b.label),
            SortColumn::Verification => a.verification.cmp(&b.verification),
            SortColumn::Attachments => a.attachments.len().cmp(&b.attachments.len()),
            SortColumn::Modified => a.modified.cmp(&b.modified),
        }
    };
    if column == SortColumn::Title {
        // Lower-casing once per record, not once per comparison.
        ids.sort_by_cached_key(|id| {
            lookup(id)
                .map(|r| r.display_title().to_lowercase())
                .unwrap_or_default()
        });
        if !ascending {
            ids.reverse();
        }
        return;
    }
    ids.sort_by(|a, b| {
        let ord = match (lookup(a), lookup(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        }
        .then(a.cmp(b));
        if ascending { ord } else { ord.reverse() }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: RecordKind, title: &str, label: Label) -> Record {
        let mut r = Record::new(kind, title, "t");
        r.label = label;
        r
    }

    #[test]
    fn text_matches_any_case_and_script() {
        let a = rec(RecordKind::Report, "Զեկույց Ստեփանակերտ", Label::Red);
        let b = rec(RecordKind::Statement, "Заявление омбудсмена", Label::Amber);
        let records = vec![a.clone(), b.clone()];
        let index = SearchIndex::build(&records);
        let find = |text: &str| {
            search(
                &records,
                &index,
                &Filter {
                    text: text.into(),
                    ..Filter::default()
                },
            )
            .ids
        };
        assert_eq!(find("ստեփանակերտ"), vec![a.id]);
        assert_eq!(find("ЗАЯВЛЕНИЕ"), vec![b.id]);
        assert_eq!(find("заявление ստեփ"), Vec::<RecordId>::new());
        assert_eq!(find("").len(), 2);
    }

    #[test]
    fn facet_counts_ignore_their_own_choice() {
        let records = vec![
            rec(RecordKind::Report, "a", Label::Red),
            rec(RecordKind::Report, "b", Label::Amber),
            rec(RecordKind::Person, "c", Label::Red),
        ];
        let index = SearchIndex::build(&records);
        let filter = Filter {
            labels: [Label::Red].into(),
            kinds: [RecordKind::Report].into(),
            ..Filter::default()
        };
        let result = search(&records, &index, &filter);
        assert_eq!(result.ids, vec![records[0].id]);
        // Among reports: one RED, one AMBER.
        assert_eq!(result.facets.labels[&Label::Red], 1);
        assert_eq!(result.facets.labels[&Label::Amber], 1);
        // Among RED records: one report, one person.
        assert_eq!(result.facets.kinds[&RecordKind::Report], 1);
        assert_eq!(result.facets.kinds[&RecordKind::Person], 1);
    }

    #[test]
    fn sorting_by_title_ignores_case() {
        let records = [
            rec(RecordKind::Report, "beta", Label::Red),
            rec(RecordKind::Report, "Alpha", Label::Red),
        ];
        let mut ids: Vec<_> = records.iter().map(|r| r.id).collect();
        let lookup = |id: &RecordId| records.iter().find(|r| r.id == *id);
        sort(&mut ids, lookup, SortColumn::Title, true);
        assert_eq!(ids, vec![records[1].id, records[0].id]);
        sort(&mut ids, lookup, SortColumn::Title, false);
        assert_eq!(ids, vec![records[0].id, records[1].id]);
    }
}
