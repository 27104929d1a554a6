//! Choosing records in the list: one (a plain click or an arrow key), or many at once
//! (Ctrl+click, Shift+click, Ctrl+A, Shift+arrows), and what the bulk actions act on.

use super::command::Place;
use super::session::Session;
use crate::model::RecordId;
use crate::store::{StoreError, WriteBatch};

impl Session {
    /// The records a bulk action acts on: the marked ones in list order, else the open one.
    pub fn chosen(&mut self) -> Vec<RecordId> {
        let open = self.selected;
        let (listing, _) = self.listing();
        let listing = listing.to_vec();
        let marked = self.marks.in_order(&listing);
        if marked.is_empty() {
            open.into_iter().collect()
        } else {
            marked
        }
    }

    /// Ctrl+click: `id` joins the choice or leaves it, and opens in the editor.
    pub fn toggle_mark(
        &mut self,
        id: RecordId,
        actor: &str,
    ) -> Result<Option<WriteBatch>, StoreError> {
        let open = self.selected;
        self.marks.toggle(id, open);
        self.select(Some(id), actor)
    }

    /// Shift+click: every record from the last clicked one to `id`.
    pub fn mark_range(
        &mut self,
        id: RecordId,
        actor: &str,
    ) -> Result<Option<WriteBatch>, StoreError> {
        let open = self.selected;
        let listing = self.results().to_vec();
        self.marks.range(&listing, id, open);
        self.select(Some(id), actor)
    }

    /// Shift+arrow: the range grows or shrinks by one row.
    pub fn extend_marks(
        &mut self,
        delta: isize,
        actor: &str,
    ) -> Result<Option<WriteBatch>, StoreError> {
        if self.place != Place::Records {
            return Ok(None);
        }
        let listing = self.results().to_vec();
        let Some(next) = self.neighbour(&listing, delta) else {
            return Ok(None);
        };
        let open = self.selected;
        self.marks.range(&listing, next, open);
        self.scroll_to_selected = true;
        self.select(Some(next), actor)
    }

    /// Ctrl+A in the list: every record it shows.
    pub fn mark_all(&mut self) {
        if self.place == Place::Records {
            let listing = self.results().to_vec();
            self.marks.all(&listing);
        }
    }

    /// The record `delta` rows from the open one in `listing` (the first or last when
    /// none is open).
    pub fn neighbour(&self, listing: &[RecordId], delta: isize) -> Option<RecordId> {
        if listing.is_empty() {
            return None;
        }
        let current = self
            .selected
            .and_then(|s| listing.iter().position(|r| *r == s));
        let last = listing.len() as isize - 1;
        // With none open, Down (or PageDown, End) counts from above the first row, Up
        // from below the last.
        let from = match current {
            Some(i) => i as isize,
            None if delta > 0 => -1,
            None => last + 1,
        };
        let next = from.saturating_add(delta).clamp(0, last) as usize;
        Some(listing[next])
    }

    /// Moves many records to the trash (the open one too, when it is among them).
    pub fn trash_many(&mut self, ids: &[RecordId], actor: &str) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let trashed = self.cat.trash_records(ids, actor)?;
        batch.summary = trashed.summary.clone();
        batch.extend(trashed);
        for id in ids {
            super::live_search::index_mut(&mut self.search, &mut self.index).remove(id);
        }
        if self.selected.is_some_and(|s| ids.contains(&s)) {
            self.selected = None;
            self.editor = None;
        }
        self.marks.reset(None);
        Ok(batch)
    }

    /// Adds a tag to many records.
    pub fn tag_many(
        &mut self,
        ids: &[RecordId],
        tag: &str,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let tagged = self.cat.add_tag(ids, tag, actor)?;
        batch.summary = tagged.summary.clone();
        batch.extend(tagged);
        self.after_bulk(ids);
        Ok(batch)
    }

    /// Saves many records at once (an imported list): one log append for all.
    pub fn save_many(
        &mut self,
        records: Vec<crate::model::Record>,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let ids: Vec<RecordId> = records.iter().map(|r| r.id).collect();
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let saved = self.cat.put_many(records, actor)?;
        batch.summary = saved.summary.clone();
        batch.extend(saved);
        self.after_bulk(&ids);
        Ok(batch)
    }
}
