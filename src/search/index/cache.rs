//! The records the last few searched texts matched, so that typing one more letter
//! searches only what the shorter text found.

/// The records the last few texts matched (before facets), newest first. Emptied whenever
/// the index changes.
#[derive(Debug, Default)]
pub(super) struct TextCache(std::sync::Mutex<Vec<Matched>>);

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
    pub(super) fn lookup(&self, terms: &[String]) -> Option<(std::sync::Arc<Vec<u32>>, bool)> {
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

    pub(super) fn store(&self, terms: Vec<String>, slots: Vec<u32>) {
        if let Ok(mut entries) = self.0.lock() {
            entries.retain(|(t, _)| *t != terms);
            entries.insert(0, (terms, std::sync::Arc::new(slots)));
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
