//! The centre when Trash is chosen: records moved to the trash, to restore or delete for
//! good.

use eframe::egui::{self, Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::chrome::Dialogs;
use super::session::Session;
use super::{Command, theme};
use crate::t;

/// The trash, with Empty trash (after a confirmation).
pub fn show(
    ui: &mut Ui,
    session: &mut Session,
    commands: &mut Vec<Command>,
    dialogs: &mut Dialogs,
) {
    let writable = session.cat.is_writable();
    ui.horizontal(|ui| {
        ui.heading(t!("trash-heading"));
        ui.label(theme::hint(t!("trash-hint")));
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            let any = !session.cat.trash().is_empty();
            if ui
                .add_enabled(writable && any, egui::Button::new(t!("trash-empty-button")))
                .clicked()
            {
                dialogs.confirm_empty_trash = true;
            }
        });
    });
    ui.separator();
    if session.cat.trash().is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.label(t!("trash-is-empty"));
        });
        return;
    }
    table(ui, session, writable, commands);
}

/// The records in the trash, the most recently moved first, each with Restore. Restore and
/// the label come first, so a narrow list never cuts them off.
fn table(ui: &mut Ui, session: &Session, writable: bool, commands: &mut Vec<Command>) {
    let mut trash: Vec<_> = session.cat.trash().iter().collect();
    trash.sort_by_key(|r| std::cmp::Reverse(r.trashed.as_ref().map(|t| t.at)));
    ui.style_mut().interaction.selectable_labels = false;
    let badge = super::layout::badge_width(ui);
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::exact(72.0))
        .column(Column::exact(badge))
        .column(Column::initial(76.0).at_least(50.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::initial(200.0).at_least(80.0).clip(true))
        .header(24.0, |mut h| {
            for title in [
                String::new(),
                t!("column-label"),
                t!("column-kind"),
                t!("column-title"),
                t!("trash-moved"),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(title).strong());
                });
            }
        })
        .body(|body| {
            body.rows(26.0, trash.len(), |mut row| {
                let r = trash[row.index()];
                row.set_selected(session.selected == Some(r.id));
                row.col(|ui| {
                    if ui
                        .add_enabled(writable, egui::Button::new(t!("trash-restore-button")))
                        .clicked()
                    {
                        commands.push(Command::Restore(r.id));
                    }
                });
                row.col(|ui| {
                    theme::label_badge(ui, r.label);
                });
                row.col(|ui| {
                    ui.label(super::words::kind(r.kind));
                });
                row.col(|ui| {
                    ui.label(r.display_title());
                });
                row.col(|ui| {
                    if let Some(t) = &r.trashed {
                        ui.label(format!("{} by {}", t.at.strftime("%Y-%m-%d %H:%M"), t.by));
                    }
                });
                if row.response().clicked() {
                    commands.push(Command::Select(Some(r.id)));
                }
            });
        });
}
