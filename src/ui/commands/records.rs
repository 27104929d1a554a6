//! Commands about the records in view: new, select, move, save, trash and restore, review
//! and labels, places and sorting, saved views, duplicates and outside changes.

use super::Outcome;
use crate::search::SortColumn;
use crate::store::WriteBatch;
use crate::ui::app::DossierApp;
use crate::ui::command::Command;

impl DossierApp {
    /// Commands about the open catalogue's records (nothing happens without one).
    pub(super) fn run_records(&mut self, command: Command) -> Outcome {
        let actor = self.actor();
        let actor = actor.as_str();
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
            Command::Select(id) => with(s.select(id, actor)?, selected),
            Command::MoveSelection(delta) => with(s.move_selection(delta, actor)?, selected),
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
