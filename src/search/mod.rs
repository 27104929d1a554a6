//! Finding records: free text plus facets (kind, label, warning, verification, review, tag),
//! facet counts, and sorting.
//!
//! Text matching is case-insensitive substring search over a prepared lower-case text per
//! record, so Armenian, Cyrillic and Latin all match as people type them. Every term must
//! match. Within a facet the chosen values are alternatives (any of them); facets combine
//! (all of them).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{
    ContentWarning, Label, Record, RecordId, RecordKind, ReviewState, Verification,
};

/// What the person is looking for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    pub kinds: BTreeSet<RecordKind>,
    pub labels: BTreeSet<Label>,
    pub warnings: BTreeSet<ContentWarning>,
    pub verification: BTreeSet<Verification>,
    pub review: BTreeSet<ReviewState>,
    pub tags: BTreeSet<String>,
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

const KIND: u8 = 1;
const LABEL: u8 = 2;
const WARNING: u8 = 4;
const VERIFICATION: u8 = 8;
const REVIEW: u8 = 16;
const TAG: u8 = 32;

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
        let counts = |facet: u8| failed == 0 || failed == facet;
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
    }
    result
}

/// Which facets a record fails, as bits.
fn failed_facets(r: &Record, f: &Filter) -> u8 {
    let mut failed = 0;
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
    failed
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
