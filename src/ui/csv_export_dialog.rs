//! Export as CSV, from the app as from `dossier export`: the columns, the most restricted
//! label that may go into the file, then where to write it. For the list shown, or for the
//! records chosen in it.

use eframe::egui::{self, ComboBox, Id, Modal, RichText};

use super::chrome::Chrome;
pub use super::chrome::CsvExportForm;
use super::command::Command;
use super::theme;
use crate::model::Label;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.csv_export else {
        return;
    };
    let what = match &form.ids {
        Some(ids) => t!("csv-export-what-chosen", count = ids.len()),
        None => t!("csv-export-what-list"),
    };
    let mut export = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("csv-export")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(t!("csv-export-title"));
        ui.label(what);
        ui.add_space(6.0);
        ui.label(RichText::new(t!("csv-export-columns")).strong());
        ui.horizontal_wrapped(|ui| {
            for (column, on) in &mut form.columns {
                ui.checkbox(on, column.key()).on_hover_text(column.help());
            }
        });
        ui.label(theme::hint(t!("csv-export-private")));
        ui.add_space(6.0);
        let l = ui.label(t!("csv-export-max-label"));
        ComboBox::from_id_salt("csv-max-label")
            .selected_text(form.max_label.as_str())
            .show_ui(ui, |ui| {
                for label in Label::ALL {
                    ui.selectable_value(&mut form.max_label, label, label.as_str());
                }
            })
            .response
            .labelled_by(l.id);
        ui.label(theme::hint(t!("csv-export-max-label-hint")));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !form.chosen().is_empty();
            export = ui
                .add_enabled(ready, egui::Button::new(t!("csv-export-go")))
                .on_disabled_hover_text(t!("csv-export-no-columns"))
                .clicked();
            cancel = ui.button(t!("csv-export-cancel")).clicked();
        });
    });
    if export {
        c.commands.push(Command::ChooseCsvDestination);
    } else if cancel || modal.should_close() {
        c.dialogs.csv_export = None;
    }
}
