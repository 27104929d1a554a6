//! Finding records: free text plus facets (kind, label, warning, verification, review, tag),
//! facet counts, and sorting.
//!
//! Text matching is case-insensitive substring search over a prepared lower-case text per
//! record, so Armenian, Cyrillic and Latin all match as people type them. Every term must
//! match. Within a facet the chosen values are alternatives (any of them); facets combine
//! (all of them).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{
    ContentWarning, EvidenceBasis, Label, PersonCategory, PersonStatus, Record, RecordId,
    RecordKind, ReviewState, Verification,
};

pub mod duplicates;
mod index;

pub use index::SearchIndex;

/// What the person is looking for. Saved views store it as JSON (empty parts left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Words to find, in any script.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Only these kinds (none: all).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<RecordKind>,
    /// Only these labels (none: all).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub labels: BTreeSet<Label>,
    /// Only records with one of these content warnings (none: all).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub warnings: BTreeSet<ContentWarning>,
    /// Only these verification states (none: all).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub verification: BTreeSet<Verification>,
    /// Only these review states (none: all).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub review: BTreeSet<ReviewState>,
    /// Only records with one of these tags (none: all).
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
    /// Whether the filter lets every record through.
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
    /// The name shown in the left panel and given on the command line.
    pub name: String,
    /// The list it shows.
    pub filter: Filter,
}

/// The records a list shows for `filter`, oldest first: the one definition of a list that
/// `dossier list`, CSV export, statistics and saved views all use.
pub fn list<'a>(records: &'a [Record], filter: &Filter) -> Vec<&'a Record> {
    let index = SearchIndex::build(records);
    let by_id: HashMap<RecordId, &Record> = records.iter().map(|r| (r.id, r)).collect();
    list_in(&index, |id| by_id.get(id).copied(), filter)
}

/// The same list, from an index already at hand (the snapshot's) and a way to find each
/// record by id.
pub fn list_in<'a>(
    index: &SearchIndex,
    get: impl Fn(&RecordId) -> Option<&'a Record>,
    filter: &Filter,
) -> Vec<&'a Record> {
    list_ids(index, filter).iter().filter_map(get).collect()
}

/// The ids of that list, in its order.
pub fn list_ids(index: &SearchIndex, filter: &Filter) -> Vec<RecordId> {
    index.search_sorted(filter, SortColumn::Date, true).ids
}

/// How many matching records have each facet value. A facet's counts ignore that facet's own
/// choice, so they say what choosing another value would give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Records per kind.
    pub kinds: BTreeMap<RecordKind, usize>,
    /// Records per label.
    pub labels: BTreeMap<Label, usize>,
    /// Records per content warning.
    pub warnings: BTreeMap<ContentWarning, usize>,
    /// Records per verification status.
    pub verification: BTreeMap<Verification, usize>,
    /// Records per review state.
    pub review: BTreeMap<ReviewState, usize>,
    /// Records per tag.
    pub tags: BTreeMap<String, usize>,
    /// Persons per current status.
    pub statuses: BTreeMap<PersonStatus, usize>,
    /// Persons per evidence basis.
    pub bases: BTreeMap<EvidenceBasis, usize>,
    /// Persons per category.
    pub categories: BTreeMap<PersonCategory, usize>,
}

/// The records that match, in the order asked for, and the facet counts.
#[derive(Debug, Clone, Default)]
pub struct SearchResult {
    /// The matching records, in the order asked for: those whose text matches as typed,
    /// then those found only through another spelling of their names.
    pub ids: Vec<RecordId>,
    /// How many of `ids` (the last ones) were found only through another spelling.
    pub other_spellings: usize,
    /// How many matches each facet value has.
    pub facets: Facets,
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
    /// By kind.
    Kind,
    /// By title.
    Title,
    /// By date (records without one last).
    Date,
    /// By label, least restricted first.
    Label,
    /// By verification state.
    Verification,
    /// By the number of attached files.
    Attachments,
    /// By when the record was last changed.
    #[default]
    Modified,
    /// By the date of a person's current status (records that are not persons last).
    StatusDate,
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
            index
                .search(&Filter {
                    text: text.into(),
                    ..Filter::default()
                })
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
        let result = index.search(&filter);
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
        let index = SearchIndex::build(&records);
        let sorted = |ascending| {
            index
                .search_sorted(&Filter::default(), SortColumn::Title, ascending)
                .ids
        };
        assert_eq!(sorted(true), vec![records[1].id, records[0].id]);
        assert_eq!(sorted(false), vec![records[0].id, records[1].id]);
    }
}
