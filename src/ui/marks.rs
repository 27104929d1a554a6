//! Many records chosen at once in the list (Ctrl+click, Shift+click, Ctrl+A, Shift+arrows),
//! for bulk label, tag, review, trash and export. The record in the editor stays the one
//! clicked last; the marks are the rest of the choice.

use std::collections::HashSet;

use crate::model::RecordId;

/// The records chosen together, and where a Shift range starts.
#[derive(Debug, Default, Clone)]
pub struct Marks {
    ids: HashSet<RecordId>,
    /// The record a Shift+click or Shift+arrow range runs from.
    anchor: Option<RecordId>,
    /// Which listing the marks were last checked against (its place and length).
    listing: (usize, usize),
}

impl Marks {
    /// How many records are chosen (0 or 1: no bulk choice).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: &RecordId) -> bool {
        self.ids.contains(id)
    }

    /// A plain click: nothing marked, the range starts here.
    pub fn reset(&mut self, at: Option<RecordId>) {
        self.ids.clear();
        self.anchor = at;
    }

    /// Ctrl+click: `id` in or out of the choice (the record already open joins it first).
    pub fn toggle(&mut self, id: RecordId, open: Option<RecordId>) {
        if self.ids.is_empty()
            && let Some(open) = open
        {
            self.ids.insert(open);
        }
        if !self.ids.insert(id) {
            self.ids.remove(&id);
        }
        self.anchor = Some(id);
    }

    /// Shift+click or Shift+arrow: every record of `listing` from the anchor to `to`.
    pub fn range(&mut self, listing: &[RecordId], to: RecordId, open: Option<RecordId>) {
        let from = self.anchor.or(open).unwrap_or(to);
        let at = |id: RecordId| listing.iter().position(|r| *r == id);
        let (Some(a), Some(b)) = (at(from), at(to)) else {
            return;
        };
        let (a, b) = (a.min(b), a.max(b));
        self.ids.clear();
        self.ids.extend(listing[a..=b].iter().copied());
        self.anchor = Some(from);
    }

    /// Ctrl+A: the whole list.
    pub fn all(&mut self, listing: &[RecordId]) {
        self.ids.clear();
        self.ids.extend(listing.iter().copied());
    }

    /// The chosen records in the order of `listing` (those no longer listed are dropped).
    pub fn in_order(&self, listing: &[RecordId]) -> Vec<RecordId> {
        if self.ids.is_empty() {
            return Vec::new();
        }
        listing
            .iter()
            .filter(|id| self.ids.contains(id))
            .copied()
            .collect()
    }

    /// Keeps only records still in `listing`, when the listing is not the one last seen
    /// (a search, a sort or a trash); cheap while it is the same.
    pub fn keep_only_if_changed(&mut self, listing: &[RecordId]) {
        let seen = (listing.as_ptr() as usize, listing.len());
        if self.listing != seen {
            self.listing = seen;
            self.keep_only(listing);
        }
    }

    /// Keeps only records still in `listing` (after a search or a trash).
    pub fn keep_only(&mut self, listing: &[RecordId]) {
        if self.ids.is_empty() {
            return;
        }
        let listed: HashSet<&RecordId> = listing.iter().collect();
        self.ids.retain(|id| listed.contains(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_shift_and_all_choose_what_a_person_expects() {
        let list: Vec<RecordId> = (0..10).map(|_| RecordId::new()).collect();
        let mut m = Marks::default();
        m.reset(Some(list[2]));
        m.toggle(list[5], Some(list[2]));
        assert_eq!(m.in_order(&list), vec![list[2], list[5]]);
        m.toggle(list[2], Some(list[5]));
        assert_eq!(m.in_order(&list), vec![list[5]]);
        m.reset(Some(list[3]));
        m.range(&list, list[6], Some(list[3]));
        assert_eq!(m.in_order(&list), list[3..=6].to_vec());
        m.range(&list, list[1], Some(list[6]));
        assert_eq!(m.in_order(&list), list[1..=3].to_vec(), "the anchor stays");
        m.all(&list);
        assert_eq!(m.len(), 10);
        m.keep_only(&list[..4]);
        assert_eq!(m.len(), 4);
    }
}
