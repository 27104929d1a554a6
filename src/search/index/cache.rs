//! The records the last few searched texts matched, so that typing one more letter
//! searches only what the shorter text found.

use std::sync::{Arc, Mutex};

use super::query::term_key;

/// The records the last few texts matched (before facets), newest first. Emptied whenever
/// the index changes.
#[derive(Debug, Default)]
pub(super) struct TextCache(Mutex<Vec<Matched>>);

/// The sorted terms of a text, the records (slots) whose text has them all, and which of
/// those (sorted) were found only through the Latin keys of their names.
#[derive(Debug)]
struct Matched {
    terms: Vec<String>,
    slots: Arc<Vec<u32>>,
    loose: Arc<Vec<u32>>,
}

/// What the cache knows of a text.
pub(super) enum Lookup {
    /// The same text: these records match it, the `loose` ones only through name keys.
    Same {
        slots: Arc<Vec<u32>>,
        loose: Arc<Vec<u32>>,
    },
    /// A shorter text: only these records can match; they still need checking.
    Narrower(Arc<Vec<u32>>),
}

impl Clone for TextCache {
    fn clone(&self) -> Self {
        TextCache::default()
    }
}

/// Whether every record that matches the term `new` also matches `old`: a record matches
/// a term when its text holds the term or its name keys hold the term's key.
fn narrows(old: &str, new: &str) -> bool {
    if !new.contains(old) {
        return false;
    }
    let new_key = term_key(new);
    let old_key = term_key(old);
    match (new_key, old_key) {
        (None, _) => true,
        (Some(n), Some(o)) => n.contains(o.as_str()),
        (Some(_), None) => false,
    }
}

impl TextCache {
    const KEEP: usize = 8;

    /// Records to search for `terms`: those of the same text, or the fewest of a text
    /// each of whose terms every record matching one of `terms` also matches.
    pub(super) fn lookup(&self, terms: &[String]) -> Option<Lookup> {
        if terms.is_empty() {
            return None;
        }
        let entries = self.0.lock().ok()?;
        if let Some(m) = entries.iter().find(|m| m.terms == terms) {
            return Some(Lookup::Same {
                slots: m.slots.clone(),
                loose: m.loose.clone(),
            });
        }
        entries
            .iter()
            .filter(|m| m.terms.iter().all(|o| terms.iter().any(|t| narrows(o, t))))
            .min_by_key(|m| m.slots.len())
            .map(|m| Lookup::Narrower(m.slots.clone()))
    }

    pub(super) fn store(&self, terms: Vec<String>, slots: Vec<u32>, loose: Arc<Vec<u32>>) {
        if let Ok(mut entries) = self.0.lock() {
            entries.retain(|m| m.terms != terms);
            let slots = Arc::new(slots);
            entries.insert(
                0,
                Matched {
                    terms,
                    slots,
                    loose,
                },
            );
            entries.truncate(Self::KEEP);
        }
    }

    /// Forgets every entry, through a shared reference (for measuring).
    pub(super) fn forget(&self) {
        if let Ok(mut entries) = self.0.lock() {
            entries.clear();
        }
    }

    pub(super) fn clear(&mut self) {
        match self.0.get_mut() {
            Ok(entries) => entries.clear(),
            Err(poisoned) => poisoned.into_inner().clear(),
        }
    }
}
