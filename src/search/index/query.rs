//! A filter turned into bit masks once per search, each record's failed facets as bits,
//! and the facet counts gathered as arrays.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use memchr::memmem::Finder;

use super::Doc;
use crate::model::{
    ContentWarning, EvidenceBasis, Label, PersonCategory, PersonStatus, RecordKind, ReviewState,
    Verification,
};
use crate::search::{Facets, Filter};

/// Which facet a record fails, one bit each.
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
pub(super) struct Query<'a> {
    /// Each term as typed, and its Latin key when it has one (for the names' keys).
    terms: Vec<(Finder<'a>, Option<Finder<'a>>)>,
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
    pub(super) fn new(filter: &Filter, tag_ids: &HashMap<String, u32>) -> Query<'a> {
        let mut terms: Vec<String> = filter.terms();
        // The longest term first: it is the likeliest to rule a record out.
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        Query {
            terms: terms
                .iter()
                .map(|t| {
                    let key = term_key(t).map(|k| Finder::new(k.as_bytes()).into_owned());
                    (Finder::new(t.as_bytes()).into_owned(), key)
                })
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

    /// Whether a record's text (as written, and its names' keys) has every term: None
    /// when not, Some(true) when every term is in the text as written, Some(false) when
    /// some term is found only through the keys (another script or spelling).
    pub(super) fn text_match(&self, (text, keys): (&[u8], &[u8])) -> Option<bool> {
        let mut exact = true;
        for (term, key) in &self.terms {
            if term.find(text).is_some() {
                continue;
            }
            match key {
                Some(key) if key.find(keys).is_some() => exact = false,
                _ => return None,
            }
        }
        Some(exact)
    }

    /// Which facets a record fails, as bits.
    pub(super) fn failed(&self, d: &Doc) -> u16 {
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

/// A search term's Latin key, as names are keyed: None when it has fewer than
/// [`MIN_KEY`] letters. A shorter key matches most names: "zzz" folds to "z", and listed
/// every record with a "z" in a name's key (26,257 of the generated 100,000, Berdzor's
/// among them) as another spelling of it.
pub(super) fn term_key(term: &str) -> Option<String> {
    let key = crate::search::duplicates::name_key(term);
    (key.len() >= MIN_KEY).then_some(key)
}

/// The fewest letters a term's key needs to find names spelled otherwise.
const MIN_KEY: usize = 3;

/// Facet counts as arrays indexed by each value's position.
pub(super) struct Counts {
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
    pub(super) fn new(tags: usize) -> Counts {
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
    pub(super) fn add(&mut self, d: &Doc, failed: u16) {
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

    pub(super) fn merge(&mut self, other: &Counts) {
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

    pub(super) fn into_facets(self, tag_names: &[String]) -> Facets {
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
