//! Import a list (CSV), as `dossier import-csv` does: every line planned and shown first
//! (create, update with the fields that change, no change, or the error and why), and
//! nothing imported while a line is wrong unless the person chooses to import only the
//! good lines. The import is one batch: one log append, one Undo step.

use eframe::egui::{self, Id, Modal, RichText};

use super::chrome::Chrome;
pub use super::chrome::CsvImportForm;
use super::command::Command;
use super::theme;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.csv_import else {
        return;
    };
    let plan = &form.plan;
    let errors = plan.errors.len();
    let mut import = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("csv-import")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(t!("csv-import-title"));
        ui.label(theme::hint(t!(
            "csv-import-file",
            file = form.file.display().to_string()
        )));
        ui.add_space(4.0);
        ui.label(
            RichText::new(t!(
                "csv-import-summary",
                create = plan.creates(),
                update = plan.updates(),
                same = plan.unchanged(),
                errors = errors
            ))
            .strong(),
        );
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (line, error) in plan.describe_marked() {
                    let text = crate::text::one_line(&line).into_owned();
                    if error {
                        ui.label(RichText::new(text).color(theme::error_color(ui)));
                    } else {
                        ui.label(text);
                    }
                }
            });
        if errors > 0 {
            ui.label(RichText::new(t!("csv-import-blocked")).color(theme::warn_color(ui)));
            ui.checkbox(&mut form.skip_errors, t!("csv-import-skip"));
        }
        let something = !plan.records_to_save().is_empty();
        ui.horizontal(|ui| {
            let ready = something && (errors == 0 || form.skip_errors);
            import = ui
                .add_enabled(ready, egui::Button::new(t!("csv-import-go")))
                .on_disabled_hover_text(t!("csv-import-nothing"))
                .clicked();
            cancel = ui.button(t!("csv-export-cancel")).clicked();
        });
    });
    if import {
        c.commands.push(Command::ImportPlannedCsv);
    } else if cancel || modal.should_close() {
        c.dialogs.csv_import = None;
    }
}
