//! The steps Undo and Redo can bring back (Ctrl+Z, Ctrl+Shift+Z): edits, new records,
//! trash and restore, labels, review steps and merges. Each step remembers the records it
//! touched as they were; `undoing.rs` brings them back.

use std::time::{Duration, Instant};

use crate::model::{Record, RecordId};

/// Consecutive saves of one record within this long are one step (typing with pauses).
const BURST: Duration = Duration::from_secs(60);

/// How many steps are kept.
const KEEP: usize = 200;

/// A record as a step found it: its content (None: it did not exist) and whether it was
/// in the trash.
#[derive(Debug, Clone)]
pub struct Snap {
    pub id: RecordId,
    pub record: Option<Record>,
    pub trashed: bool,
}

/// One change that can be undone: what it was, and the records as they were.
#[derive(Debug, Clone)]
pub struct Step {
    pub summary: String,
    pub states: Vec<Snap>,
    /// When a step of saves of one record began growing (for grouping saves).
    grows: Option<(RecordId, Instant)>,
}

impl Step {
    /// A step that Undo or Redo made: never grown by later saves.
    pub fn new(summary: String, states: Vec<Snap>) -> Step {
        Step {
            summary,
            states,
            grows: None,
        }
    }
}

/// The steps to undo and redo.
#[derive(Debug, Default)]
pub struct UndoHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl UndoHistory {
    /// The step Undo would undo, taken off the list.
    pub fn pop_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn pop_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// Puts back a step that could not be undone or redone (it failed).
    pub fn unpop(&mut self, step: Step, redo: bool) {
        if redo {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
    }

    /// Remembers what an undo (`redo` false) or a redo undid, for the other list.
    pub fn done(&mut self, step: Step, redo: bool) {
        if redo {
            self.undo.push(step);
        } else {
            self.redo.push(step);
        }
    }

    /// What Undo would undo, for the menu.
    pub fn next_undo(&self) -> Option<&str> {
        self.undo.last().map(|s| s.summary.as_str())
    }

    pub fn next_redo(&self) -> Option<&str> {
        self.redo.last().map(|s| s.summary.as_str())
    }

    /// Remembers a step, from the records as they were before it. A new change forgets
    /// what could be redone.
    pub fn push(&mut self, summary: String, before: Vec<Snap>) {
        self.redo.clear();
        self.undo.push(Step {
            summary,
            states: before,
            grows: None,
        });
        if self.undo.len() > KEEP {
            self.undo.remove(0);
        }
    }

    /// Remembers a save of one record: joined to the last step when that was a save of the
    /// same record a moment ago.
    pub fn push_save(&mut self, summary: String, before: Snap) {
        let now = Instant::now();
        if let Some(last) = self.undo.last_mut()
            && let Some((id, since)) = last.grows
            && id == before.id
            && now.duration_since(since) < BURST
        {
            last.summary = summary;
            self.redo.clear();
            return;
        }
        let id = before.id;
        self.push(summary, vec![before]);
        if let Some(last) = self.undo.last_mut() {
            last.grows = Some((id, now));
        }
    }
}
