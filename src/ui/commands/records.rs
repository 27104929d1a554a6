//! Commands about the records in view: new, select, move, save, trash and restore, review
//! and labels, places and sorting, saved views, duplicates and outside changes.

use super::Outcome;
use super::said::Said;
use crate::model::{Record, RecordId};
use crate::search::SortColumn;
use crate::store::WriteBatch;
use crate::ui::app::DossierApp;
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::undo::Snap;

impl DossierApp {
    /// Commands about the open catalogue's records (nothing happens without one).
    pub(super) fn run_records(&mut self, command: Command) -> Outcome {
        let actor = self.actor();
        let actor = actor.as_str();
        let Some(s) = &mut self.session else {
            return Ok(None);
        };
        let selected: Vec<_> = s.selected.into_iter().collect();
        // A change that can be undone: the open edit is saved first (a step of its own),
        // then the records it touches are remembered as they are.
        let watched = match (&command, &self.dialogs.csv_import) {
            (Command::ImportPlannedCsv, Some(form)) => {
                form.plan.records_to_save().iter().map(|r| r.id).collect()
            }
            _ => watched(s, &command),
        };
        let mut saved = None;
        let before = if watched.is_empty() {
            Vec::new()
        } else {
            saved = s.commit(actor)?;
            s.snapshot(&watched)
        };
        let made = matches!(command, Command::NewRecord(_));
        let said = Said::before(&command, s, actor);
        let mut outcome = self.run_record_command(command, actor)?;
        let Some(s) = &mut self.session else {
            return Ok(outcome);
        };
        if let Some((b, _)) = &mut outcome {
            b.summary = said.text(std::mem::take(&mut b.summary));
        }
        if let Some((b, _)) = &outcome
            && !b.is_empty()
        {
            if made && let Some(id) = s.selected {
                // Undoing a new record puts it in the trash.
                let none = Snap {
                    id,
                    record: None,
                    trashed: false,
                };
                s.undo.push(b.summary.clone(), vec![none]);
            } else if !before.is_empty() {
                s.undo.push(b.summary.clone(), before);
            }
        }
        Ok(match (saved, outcome) {
            (Some(mut first), Some((b, ids))) => {
                first.summary = b.summary.clone();
                first.extend(b);
                Some((first, ids.into_iter().chain(selected).collect()))
            }
            (Some(first), None) => Some((first, selected)),
            (None, outcome) => outcome,
        })
    }

    fn run_record_command(&mut self, command: Command, actor: &str) -> Outcome {
        let Some(s) = &mut self.session else {
            return Ok(None);
        };
        let selected: Vec<_> = s.selected.into_iter().collect();
        let with = |b: Option<WriteBatch>, ids: Vec<_>| b.map(|b| (b, ids));
        Ok(match command {
            Command::NewRecord(kind) => {
                let b = s.new_record(kind, actor)?;
                let ids = s.selected.into_iter().chain(selected).collect();
                Some((b, ids))
            }
            Command::Undo => with(s.undo(actor)?, selected),
            Command::Redo => with(s.redo(actor)?, selected),
            Command::Select(id) => {
                s.marks.reset(id);
                with(s.select(id, actor)?, selected)
            }
            Command::ToggleMark(id) => with(s.toggle_mark(id, actor)?, selected),
            Command::MarkRange(id) => with(s.mark_range(id, actor)?, selected),
            Command::MarkAll => {
                s.mark_all();
                None
            }
            Command::ExtendMarks(delta) => with(s.extend_marks(delta, actor)?, selected),
            Command::MoveSelection(delta) => {
                s.marks.reset(None);
                let b = s.move_selection(delta, actor)?;
                s.marks.reset(s.selected);
                with(b, selected)
            }
            Command::AddTag { ids, tag } => Some((s.tag_many(&ids, &tag, actor)?, ids)),
            Command::TrashMany(ids) => Some((s.trash_many(&ids, actor)?, ids)),
            Command::ImportPlannedCsv => match self.dialogs.csv_import.take() {
                Some(form) => Some(import_planned(s, form, actor)?),
                None => None,
            },
            Command::SaveNow => with(s.commit(actor)?, selected),
            Command::TrashSelected => with(s.trash_selected(actor)?, selected),
            Command::Restore(id) => Some((s.restore(id, actor)?, vec![id])),
            Command::EmptyTrash => Some((s.empty_trash(actor)?, Vec::new())),
            Command::Review {
                ids,
                action,
                comment,
            } => Some((s.review(&ids, action, &comment, actor)?, ids)),
            Command::SetLabel { ids, label } => Some((s.set_label(&ids, label, actor)?, ids)),
            Command::ShowPlace(place) => {
                let b = s.select(None, actor)?;
                s.place = place;
                with(b, selected)
            }
            Command::SaveView(name) => Some((s.save_view(&name)?, Vec::new())),
            Command::RemoveView(name) => Some((s.remove_view(&name)?, Vec::new())),
            Command::RenameView { from, to } => Some((s.rename_view(&from, &to)?, Vec::new())),
            Command::MergePersons { keep, other } => {
                Some((s.merge(keep, other, actor)?, vec![keep, other]))
            }
            Command::MarkDistinct { a, b } => Some((s.mark_distinct(a, b, actor)?, vec![a])),
            Command::AcceptOutsideChanges(ids) => Some((s.accept_outside(&ids, actor)?, ids)),
            Command::DefaultOrder => {
                s.sort = SortColumn::Modified;
                s.ascending = false;
                None
            }
            Command::SortBy(column) => {
                if s.sort == column {
                    s.ascending = !s.ascending;
                } else {
                    s.sort = column;
                    s.ascending = !matches!(column, SortColumn::Modified | SortColumn::Attachments);
                }
                None
            }
            _ => None,
        })
    }
}

/// Saves the records of a planned list import, in one batch.
fn import_planned(
    s: &mut Session,
    form: crate::ui::chrome::CsvImportForm,
    actor: &str,
) -> Result<(WriteBatch, Vec<RecordId>), crate::store::StoreError> {
    let records = form.plan.records_to_save();
    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
    let mut b = s.save_many(records, actor)?;
    b.summary = crate::t!(
        "csv-import-done",
        file = form.file.display().to_string(),
        create = form.plan.creates(),
        update = form.plan.updates()
    );
    Ok((b, ids))
}

/// The records a command changes that Undo can bring back (none: the command is not one
/// that can be undone).
fn watched(s: &Session, command: &Command) -> Vec<RecordId> {
    match command {
        Command::TrashSelected => s.selected.into_iter().collect(),
        Command::Restore(id) => vec![*id],
        Command::Review { ids, .. }
        | Command::SetLabel { ids, .. }
        | Command::AddTag { ids, .. }
        | Command::TrashMany(ids) => ids.clone(),
        Command::MergePersons { keep, other } => {
            // The two persons, and every record whose links or sources the merge points
            // from the one to the other.
            let mut ids = vec![*keep, *other];
            ids.extend(
                s.cat
                    .records()
                    .iter()
                    .filter(|r| mentions(r, *other))
                    .map(|r| r.id),
            );
            ids
        }
        _ => Vec::new(),
    }
}

fn mentions(r: &Record, id: RecordId) -> bool {
    r.links.iter().any(|l| l.target == id)
        || r.person
            .as_ref()
            .is_some_and(|p| p.timeline.iter().any(|e| e.sources.contains(&id)))
}
