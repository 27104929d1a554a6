//! Undoing and redoing a step: the records it touched are brought back through the store's
//! ordinary calls, so every undo is itself a saved, logged change, and nothing is ever
//! deleted (a record the step made goes to the trash). A record changed outside Dossier
//! since is left alone: that change waits for a person, and an undo must not paper over it.

use super::editor::Editor;
use super::session::Session;
use super::undo::{Snap, Step};
use crate::model::RecordId;
use crate::store::{StoreError, WriteBatch};

impl Session {
    /// The records `ids` as they are now.
    pub fn snapshot(&self, ids: &[RecordId]) -> Vec<Snap> {
        let mut seen = std::collections::HashSet::new();
        ids.iter()
            .filter(|id| seen.insert(**id))
            .map(|id| match (self.cat.get(id), self.cat.get_trashed(id)) {
                (Some(r), _) => Snap {
                    id: *id,
                    record: Some(r.clone()),
                    trashed: false,
                },
                (None, Some(r)) => Snap {
                    id: *id,
                    record: Some(r.clone()),
                    trashed: true,
                },
                (None, None) => Snap {
                    id: *id,
                    record: None,
                    trashed: false,
                },
            })
            .collect()
    }

    /// Undoes the last step (saving the open edit first). None when there is nothing to
    /// undo.
    pub fn undo(&mut self, actor: &str) -> Result<Option<WriteBatch>, StoreError> {
        self.undo_or_redo(false, actor)
    }

    /// Does again what the last undo undid.
    pub fn redo(&mut self, actor: &str) -> Result<Option<WriteBatch>, StoreError> {
        self.undo_or_redo(true, actor)
    }

    fn undo_or_redo(&mut self, redo: bool, actor: &str) -> Result<Option<WriteBatch>, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let next = if redo {
            self.undo.pop_redo()
        } else {
            self.undo.pop_undo()
        };
        let Some(step) = next else {
            return Ok((!batch.is_empty()).then_some(batch));
        };
        let ids: Vec<RecordId> = step.states.iter().map(|s| s.id).collect();
        let now = self.snapshot(&ids);
        match self.bring_back(&step.states, actor) {
            Ok(done) => batch.extend(done),
            Err(e) => {
                self.undo.unpop(step, redo);
                return Err(e);
            }
        }
        batch.summary = if redo {
            crate::t!("done-redone", what = step.summary.as_str())
        } else {
            crate::t!("done-undone", what = step.summary.as_str())
        };
        self.undo.done(Step::new(step.summary, now), redo);
        Ok(Some(batch))
    }

    /// Brings each record to the state `states` hold, through the store's own calls.
    fn bring_back(&mut self, states: &[Snap], actor: &str) -> Result<WriteBatch, StoreError> {
        if let Some(s) = states
            .iter()
            .find(|s| self.cat.outside_change(&s.id).is_some())
        {
            return Err(StoreError::UndoOverOutsideChange(s.id));
        }
        let mut batch = WriteBatch::default();
        for s in states {
            let live = self.cat.get(&s.id).is_some();
            let in_trash = !live && self.cat.get_trashed(&s.id).is_some();
            match &s.record {
                // Made by the step: it goes to the trash, never away.
                None => {
                    if live {
                        batch.extend(self.cat.trash_record(&s.id, actor)?);
                    }
                }
                Some(r) => {
                    if in_trash {
                        batch.extend(self.cat.restore_record(&s.id, actor)?);
                    }
                    if self.cat.get(&s.id) != Some(r) {
                        batch.extend(self.cat.put(r.clone(), actor)?);
                    }
                    if s.trashed {
                        batch.extend(self.cat.trash_record(&s.id, actor)?);
                    }
                }
            }
            match self.cat.get(&s.id) {
                Some(r) => {
                    super::live_search::index_mut(&mut self.search, &mut self.index).upsert(r)
                }
                None => {
                    super::live_search::index_mut(&mut self.search, &mut self.index).remove(&s.id)
                }
            }
            if self.selected == Some(s.id) {
                self.editor = self.cat.get(&s.id).cloned().map(Editor::new);
            }
        }
        Ok(batch)
    }
}
