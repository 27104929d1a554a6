//! The menu bar: File, Edit, View, Help.

use eframe::egui::{self, Button, Ui};

use super::session::Place;
use super::{Command, DossierApp};
use crate::model::RecordKind;

pub fn show(ui: &mut Ui, app: &mut DossierApp) {
    egui::MenuBar::new().ui(ui, |ui| {
        file_menu(ui, app);
        edit_menu(ui, app);
        view_menu(ui, app);
        sharing_menu(ui, app);
        help_menu(ui, app);
    });
}

fn item(ui: &mut Ui, text: &str, shortcut: &str, enabled: bool) -> bool {
    let button = if shortcut.is_empty() {
        // An empty shortcut text would still add a space to the item's accessible name.
        Button::new(text)
    } else {
        Button::new(text).shortcut_text(shortcut)
    };
    ui.add_enabled(enabled, button).clicked()
}

fn file_menu(ui: &mut Ui, app: &mut DossierApp) {
    let open = app.session.is_some();
    let writable = app.session.as_ref().is_some_and(|s| s.cat.is_writable());
    ui.menu_button("File", |ui| {
        if item(ui, "New catalogue...", "", true) {
            app.dialogs.new_catalogue = Some(Default::default());
        }
        if item(ui, "Open...", "Ctrl+O", true) {
            app.commands.push(Command::ChooseCatalogue);
        }
        ui.menu_button("Open recent", |ui| {
            if app.prefs.recent.is_empty() {
                ui.label("No recent catalogues");
            }
            for path in app.prefs.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    app.commands.push(Command::OpenCatalogue(path));
                }
            }
        });
        ui.separator();
        if item(ui, "Import files...", "", writable) {
            app.commands
                .push(Command::ChooseFilesToImport { into: None });
        }
        ui.separator();
        if item(ui, "Verify catalogue", "", open && app.verifying.is_none()) {
            app.commands.push(Command::VerifyCatalogue);
        }
        if item(
            ui,
            "Locate missing originals...",
            "",
            writable && app.relinking.is_none(),
        ) {
            app.commands.push(Command::ChooseRelinkFolder);
        }
        ui.separator();
        if item(ui, "Close catalogue", "", open) {
            app.commands.push(Command::CloseCatalogue);
        }
        if item(ui, "Quit", "", true) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    });
}

fn edit_menu(ui: &mut Ui, app: &mut DossierApp) {
    let writable = app.session.as_ref().is_some_and(|s| s.cat.is_writable());
    let selected = app
        .session
        .as_ref()
        .is_some_and(|s| s.selected.is_some() && s.place == Place::Records);
    ui.menu_button("Edit", |ui| {
        ui.add_enabled_ui(writable, |ui| {
            ui.menu_button("New record", |ui| {
                for kind in RecordKind::ALL {
                    if ui.button(kind.name()).clicked() {
                        app.commands.push(Command::NewRecord(*kind));
                    }
                }
            });
        });
        if item(ui, "Save now", "Ctrl+S", writable) {
            app.commands.push(Command::SaveNow);
        }
        if item(ui, "Move to trash", "Delete", writable && selected) {
            app.commands.push(Command::TrashSelected);
        }
        ui.separator();
        if item(ui, "Preferences...", "", true) {
            app.dialogs.preferences = Some(super::dialogs::PrefsForm {
                name: app.settings.user_name.clone(),
                reminder_days: app.settings.verify_reminder_days.to_string(),
            });
        }
    });
}

fn view_menu(ui: &mut Ui, app: &mut DossierApp) {
    let problems = app.session.as_ref().map_or(0, |s| s.cat.problems().len());
    ui.menu_button("View", |ui| {
        if item(ui, "Records", "", app.session.is_some()) {
            app.commands.push(Command::ShowPlace(Place::Records));
        }
        if item(ui, "Trash", "", app.session.is_some()) {
            app.commands.push(Command::ShowPlace(Place::Trash));
        }
        if item(
            ui,
            &format!("Problems ({problems})"),
            "",
            app.session.is_some(),
        ) {
            app.dialogs.problems = true;
        }
        if item(ui, "Audit log", "", app.session.is_some()) {
            app.dialogs.audit_log = true;
        }
        ui.separator();
        if item(ui, "Search", "Ctrl+F", app.session.is_some()) {
            app.commands.push(Command::FocusSearch);
        }
        if item(ui, "Clear filters", "", app.session.is_some())
            && let Some(s) = &mut app.session
        {
            s.filter = Default::default();
        }
        ui.separator();
        ui.checkbox(
            &mut app.prefs.hide_graphic_previews,
            "Hide graphic previews entirely",
        );
    });
}

fn sharing_menu(ui: &mut Ui, app: &mut DossierApp) {
    let open = app.session.is_some();
    let waiting = app.session.as_mut().map_or(0, |s| s.queue_items().len());
    ui.menu_button("Sharing", |ui| {
        if item(ui, &format!("Review queue ({waiting})"), "", open) {
            app.commands.push(Command::ShowPlace(Place::ReviewQueue));
        }
        ui.separator();
        if item(ui, "Share with a recipient...", "Ctrl+E", open) {
            app.commands.push(Command::OpenShareWizard);
        }
        if item(ui, "Recipients...", "", open) {
            app.commands.push(Command::ShowRecipients);
        }
        if item(ui, "Sharing log", "", open) {
            app.commands.push(Command::ShowSharingLog);
        }
        ui.separator();
        if item(ui, "Receive a package...", "", app.receiving.is_none()) {
            app.commands.push(Command::ChoosePackageToReceive);
        }
    });
}

fn help_menu(ui: &mut Ui, app: &mut DossierApp) {
    ui.menu_button("Help", |ui| {
        if item(ui, "Keyboard shortcuts", "", true) {
            app.dialogs.shortcuts = true;
        }
        if item(ui, "About Dossier", "", true) {
            app.dialogs.about = true;
        }
    });
}
