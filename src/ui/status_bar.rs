//! The bottom bar: where the catalogue is, how many records, whether edits are saved, and
//! the progress of background work.

use eframe::egui::{self, RichText, Ui};

use super::{Command, DossierApp, theme};

/// What the status bar says about saving; tests read it too.
pub fn save_text(app: &DossierApp) -> String {
    if app.writer.pending() > 0 {
        return "Saving...".into();
    }
    if let Some(e) = &app.save_status.error {
        return format!("Not saved: {e}");
    }
    let dirty = app
        .session
        .as_ref()
        .and_then(|s| s.editor.as_ref())
        .is_some_and(|e| e.changed_at.is_some());
    if dirty {
        return "Editing...".into();
    }
    "Saved".into()
}

pub fn show(ui: &mut Ui, app: &mut DossierApp) {
    ui.horizontal(|ui| {
        let Some(session) = &mut app.session else {
            ui.label("No catalogue open");
            return;
        };
        let path = session.cat.root().display().to_string();
        ui.label(RichText::new(&path).monospace().small())
            .on_hover_text("The catalogue's folder");
        ui.separator();
        let total = session.cat.records().len();
        let shown = session.results().len();
        if shown == total {
            ui.label(format!("{total} records"));
        } else {
            ui.label(format!("{shown} of {total} records shown"));
        }
        if !session.cat.is_writable() {
            ui.separator();
            ui.label(RichText::new("Read-only").color(theme::warn_color(ui)));
        }
        let problems = session.cat.problems().len();
        if problems > 0 {
            ui.separator();
            let text = RichText::new(format!(
                "{problems} file{} could not be read",
                if problems == 1 { "" } else { "s" }
            ))
            .color(theme::warn_color(ui));
            if ui.link(text).clicked() {
                app.dialogs.problems = true;
            }
        }
        ui.separator();
        let saving = save_text(app);
        if app.save_status.error.is_some() {
            ui.label(RichText::new(&saving).color(theme::error_color(ui)));
            if ui.button("Retry").clicked() {
                app.commands.push(Command::RetrySave);
            }
        } else {
            let r = ui.label(&saving);
            if let Some(last) = &app.save_status.last {
                r.on_hover_text(last);
            }
        }
        if let Some((what, fraction)) = app.background_progress() {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                match fraction {
                    Some(f) => ui.add(
                        egui::ProgressBar::new(f)
                            .desired_width(160.0)
                            .show_percentage(),
                    ),
                    None => ui.spinner(),
                };
                ui.label(what);
            });
        }
    });
}
