//! The centre when the review queue is chosen: records waiting for review, the
//! longest-waiting first, with bulk actions (approve, request changes, set label) on the
//! ticked ones. Clicking a row opens the record in the editor.

use eframe::egui::{self, Align, RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::session::Session;
use super::{Command, theme};
use crate::model::{Label, RecordId, ReviewAction};
use crate::share::QueueItem;
use crate::t;

/// The queue, its bulk actions and its table.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    let items = session.queue_items().to_vec();
    if !session.cat.audit().history_ready() {
        // "Waiting since" comes from the log once its record index is made.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }
    ui.horizontal(|ui| {
        ui.heading(t!("queue-heading"));
        ui.label(theme::hint(t!("queue-hint")));
    });
    ui.separator();
    if items.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.label(t!("queue-empty"));
            ui.label(theme::hint(t!("queue-empty-hint")));
        });
        return;
    }
    let q = &mut session.queue;
    let ticked: Vec<_> = items
        .iter()
        .map(|i| i.id)
        .filter(|id| q.ticked.contains(id))
        .collect();
    ui.horizontal(|ui| {
        let mut all = !ticked.is_empty() && ticked.len() == items.len();
        if ui
            .checkbox(&mut all, t!("queue-select-all", count = items.len()))
            .changed()
        {
            if all {
                q.ticked = items.iter().map(|i| i.id).collect();
            } else {
                q.ticked.clear();
            }
        }
        ui.label(theme::hint(t!("queue-selected", count = ticked.len())));
    });
    ui.horizontal(|ui| {
        let comment = ui.label(t!("queue-comment"));
        ui.add(
            TextEdit::singleline(&mut q.comment)
                .hint_text(t!("queue-comment-hint"))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(comment.id);
    });
    bulk_actions(ui, session, &ticked, commands);
    ui.add_space(4.0);
    table(ui, session, &items, commands);
}

/// Approve, request changes, accept outside changes and set the label of the ticked
/// records.
fn bulk_actions(
    ui: &mut Ui,
    session: &mut Session,
    ticked: &[RecordId],
    commands: &mut Vec<Command>,
) {
    let writable = session.cat.is_writable();
    let changed_outside: Vec<_> = ticked
        .iter()
        .copied()
        .filter(|id| session.cat.outside_change(id).is_some())
        .collect();
    let q = &mut session.queue;
    let review = |action, comment: &mut String| Command::Review {
        ids: ticked.to_vec(),
        action,
        comment: std::mem::take(comment),
    };
    ui.horizontal_wrapped(|ui| {
        let enabled = writable && !ticked.is_empty();
        if ui
            .add_enabled(
                enabled && changed_outside.is_empty(),
                egui::Button::new(t!("queue-approve")),
            )
            .on_hover_text(t!("queue-approve-hint"))
            .on_disabled_hover_text(t!("queue-outside-first"))
            .clicked()
        {
            commands.push(review(ReviewAction::Approve, &mut q.comment));
        }
        if ui
            .add_enabled(
                enabled && !q.comment.trim().is_empty(),
                egui::Button::new(t!("queue-request")),
            )
            .on_hover_text(t!("queue-request-hint"))
            .on_disabled_hover_text(t!("queue-request-first"))
            .clicked()
        {
            commands.push(review(ReviewAction::RequestChanges, &mut q.comment));
        }
        if !changed_outside.is_empty()
            && ui
                .add_enabled(writable, egui::Button::new(t!("queue-accept-outside")))
                .on_hover_text(t!("queue-accept-outside-hint"))
                .clicked()
        {
            commands.push(Command::AcceptOutsideChanges(changed_outside.clone()));
        }
        ui.add_enabled_ui(enabled, |ui| {
            ui.menu_button(t!("queue-set-label"), |ui| {
                for label in Label::ALL {
                    if ui.button(label.as_str()).clicked() {
                        commands.push(Command::SetLabel {
                            ids: ticked.to_vec(),
                            label,
                        });
                    }
                }
            });
        });
    });
}

/// One row per waiting record, with its tick box; clicking a row opens the record.
fn table(ui: &mut Ui, session: &mut Session, items: &[QueueItem], commands: &mut Vec<Command>) {
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::exact(28.0))
        .column(Column::exact(118.0))
        .column(Column::exact(142.0))
        .column(Column::exact(72.0))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::exact(110.0).clip(true))
        .header(24.0, |mut h| {
            for title in [
                String::new(),
                t!("queue-waiting-since"),
                t!("column-label"),
                t!("column-kind"),
                t!("column-title"),
                t!("queue-submitted-by"),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(title).strong());
                });
            }
        })
        .body(|body| {
            body.rows(26.0, items.len(), |mut row| {
                let item = &items[row.index()];
                row.set_selected(session.selected == Some(item.id));
                row.col(|ui| {
                    let mut on = session.queue.ticked.contains(&item.id);
                    if ui
                        .checkbox(&mut on, "")
                        .accessible_name(t!("queue-select-one", title = &item.title))
                        .changed()
                    {
                        if on {
                            session.queue.ticked.insert(item.id);
                        } else {
                            session.queue.ticked.remove(&item.id);
                        }
                    }
                });
                row.col(|ui| {
                    ui.label(item.since.strftime("%Y-%m-%d %H:%M").to_string());
                });
                row.col(|ui| {
                    theme::label_badge(ui, item.label);
                });
                row.col(|ui| {
                    ui.label(super::words::kind(item.kind));
                });
                row.col(|ui| {
                    if session.cat.outside_change(&item.id).is_some() {
                        ui.label(
                            RichText::new(t!("queue-changed-outside", title = &item.title))
                                .color(theme::warn_color(ui)),
                        )
                        .on_hover_text(t!("queue-accept-first"));
                    } else {
                        ui.label(&item.title);
                    }
                });
                row.col(|ui| {
                    ui.label(&item.submitted_by);
                });
                if row.response().clicked() {
                    commands.push(Command::Select(Some(item.id)));
                }
            });
        });
}
