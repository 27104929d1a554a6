//! The centre: the record list as a sortable table. Only visible rows are laid out, so it
//! stays smooth with 100,000 records.

use eframe::egui::{self, Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::session::Session;
use super::{Command, theme};
use crate::model::Record;
use crate::search::SortColumn;

const ROW_HEIGHT: f32 = 26.0;

/// The list of the current filter, sorted, with the selection.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    let selected = session.selected;
    let scroll = std::mem::take(&mut session.scroll_to_selected);
    let (sort, ascending) = (session.sort, session.ascending);
    let filtered = !session.filter.is_empty();
    let (ids, cat) = session.listing();
    if ids.is_empty() {
        empty_state(ui, filtered, cat.records().is_empty(), commands);
        return;
    }
    let selected_row = selected.and_then(|s| ids.iter().position(|id| *id == s));
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(72.0).at_least(50.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::initial(108.0).at_least(70.0).clip(true))
        // Never narrower than the longest badge: a label must not be cut off.
        .column(Column::initial(134.0).at_least(134.0))
        .column(Column::initial(96.0).at_least(60.0).clip(true))
        .column(Column::initial(40.0).at_least(30.0));
    if scroll && let Some(row) = selected_row {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    table
        .header(24.0, |mut header| {
            for (title, column) in [
                ("Kind", SortColumn::Kind),
                ("Title", SortColumn::Title),
                ("Date", SortColumn::Date),
                ("Label", SortColumn::Label),
                ("Verification", SortColumn::Verification),
                ("Files", SortColumn::Attachments),
            ] {
                header.col(|ui| {
                    let arrow = match (sort == column, ascending) {
                        (true, true) => " ^",
                        (true, false) => " v",
                        _ => "",
                    };
                    let text = RichText::new(format!("{title}{arrow}")).strong();
                    if ui
                        .add(egui::Button::new(text).frame(false))
                        .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                        .clicked()
                    {
                        commands.push(Command::SortBy(column));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, ids.len(), |mut row| {
                let id = ids[row.index()];
                let Some(r) = cat.get(&id) else {
                    return;
                };
                row.set_selected(selected == Some(id));
                cells(&mut row, r);
                if row.response().clicked() {
                    commands.push(Command::Select(Some(id)));
                }
            });
        });
}

/// One record's cells: kind, title (marked when graphic), date, label, verification and
/// how many files.
fn cells(row: &mut egui_extras::TableRow, r: &Record) {
    row.col(|ui| {
        ui.label(r.kind.name());
    });
    row.col(|ui| {
        let mut title = RichText::new(r.display_title());
        if r.title.trim().is_empty() && r.person.is_none() {
            title = title.italics().weak();
        }
        ui.label(title);
        if r.is_graphic() {
            ui.label(
                RichText::new("graphic")
                    .small()
                    .color(theme::warn_color(ui)),
            )
            .on_hover_text("Marked: graphic violence");
        }
    });
    row.col(|ui| {
        if let Some(d) = r.date {
            ui.label(d.compact()).on_hover_text(d.to_string());
        }
    });
    row.col(|ui| {
        theme::label_badge(ui, r.label);
    });
    row.col(|ui| {
        ui.label(
            RichText::new(r.verification.name())
                .color(theme::verification_color(ui, r.verification)),
        );
    });
    row.col(|ui| {
        if !r.attachments.is_empty() {
            ui.label(r.attachments.len().to_string());
        }
    });
}

fn empty_state(ui: &mut Ui, filtered: bool, catalogue_empty: bool, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        if catalogue_empty {
            ui.heading("This catalogue has no records yet");
            ui.label(
                "Make one with New record (Ctrl+N), or drop files onto the window to import them.",
            );
        } else if filtered {
            ui.heading("No records match");
            ui.label("Change the search or the filters on the left.");
        }
        let _ = commands;
    });
}
