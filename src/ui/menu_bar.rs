//! The menu bar: File, Edit, View, Help.

use eframe::egui::{self, Button, Ui};

use super::chrome::{Chrome, PrefsForm};
use super::command::{Command, Place};
use crate::i18n::{self, Language};
use crate::model::RecordKind;
use crate::t;

pub fn show(ui: &mut Ui, c: &mut Chrome) {
    egui::MenuBar::new().ui(ui, |ui| {
        file_menu(ui, c);
        edit_menu(ui, c);
        view_menu(ui, c);
        sharing_menu(ui, c);
        help_menu(ui, c);
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

fn file_menu(ui: &mut Ui, c: &mut Chrome) {
    let open = c.session.is_some();
    let writable = c.session.as_ref().is_some_and(|s| s.cat.is_writable());
    let focus = std::mem::take(&mut c.status.focus_menu);
    let file = ui.menu_button(t!("menu-file"), |ui| {
        if item(ui, &t!("menu-new-catalogue"), "", true) {
            c.dialogs.new_catalogue = Some(Default::default());
        }
        if item(ui, &t!("menu-open"), "Ctrl+O", true) {
            c.commands.push(Command::ChooseCatalogue);
        }
        ui.menu_button(t!("menu-open-recent"), |ui| {
            if c.prefs.recent.is_empty() {
                ui.label(t!("menu-no-recent"));
            }
            for path in c.prefs.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    c.commands.push(Command::OpenCatalogue(path));
                }
            }
        });
        ui.separator();
        if item(ui, &t!("menu-import"), "", writable) {
            c.commands.push(Command::ChooseFilesToImport { into: None });
        }
        if item(ui, &t!("menu-import-csv"), "", writable) {
            c.commands.push(Command::ChooseCsvToImport);
        }
        if item(ui, &t!("menu-export-csv"), "", open) {
            c.commands.push(Command::ExportCsv(None));
        }
        ui.separator();
        if item(ui, &t!("menu-verify"), "", open && !c.busy.verifying) {
            c.commands.push(Command::VerifyCatalogue);
        }
        if item(ui, &t!("menu-relink"), "", writable && !c.busy.relinking) {
            c.commands.push(Command::ChooseRelinkFolder);
        }
        if item(ui, &t!("menu-sync"), "", writable) {
            c.commands.push(Command::ShowSync);
        }
        ui.separator();
        let encrypted = c.session.as_ref().is_some_and(|s| s.cat.is_encrypted());
        if item(ui, &t!("menu-passphrases"), "", encrypted && writable) {
            c.commands.push(Command::ShowPassphrases);
        }
        if item(ui, &t!("menu-lock"), "Ctrl+L", encrypted) {
            c.commands.push(Command::Lock);
        }
        if item(ui, &t!("menu-close"), "", open) {
            c.commands.push(Command::CloseCatalogue);
        }
        if item(ui, &t!("menu-quit"), "", true) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    });
    if focus {
        file.response.request_focus();
    }
}

fn edit_menu(ui: &mut Ui, c: &mut Chrome) {
    let writable = c.session.as_ref().is_some_and(|s| s.cat.is_writable());
    let selected = c
        .session
        .as_ref()
        .is_some_and(|s| s.selected.is_some() && s.place == Place::Records);
    let undo = c
        .session
        .as_ref()
        .and_then(|s| s.undo.next_undo())
        .map(str::to_string);
    let redo = c
        .session
        .as_ref()
        .and_then(|s| s.undo.next_redo())
        .map(str::to_string);
    ui.menu_button(t!("menu-edit"), |ui| {
        let undo_text = undo
            .as_ref()
            .map_or(t!("menu-undo"), |u| t!("menu-undo-what", what = u));
        if item(ui, &undo_text, "Ctrl+Z", writable && undo.is_some()) {
            c.commands.push(Command::Undo);
        }
        let redo_text = redo
            .as_ref()
            .map_or(t!("menu-redo"), |r| t!("menu-redo-what", what = r));
        if item(ui, &redo_text, "Ctrl+Shift+Z", writable && redo.is_some()) {
            c.commands.push(Command::Redo);
        }
        ui.separator();
        ui.add_enabled_ui(writable, |ui| {
            ui.menu_button(t!("menu-new-record"), |ui| {
                for kind in RecordKind::ALL {
                    if ui.button(super::words::kind(*kind)).clicked() {
                        c.commands.push(Command::NewRecord(*kind));
                    }
                }
            });
        });
        if item(ui, &t!("menu-save-now"), "Ctrl+S", writable) {
            c.commands.push(Command::SaveNow);
        }
        if item(
            ui,
            &t!("menu-move-to-trash"),
            "Delete",
            writable && selected,
        ) {
            c.commands.push(Command::TrashSelected);
        }
        ui.separator();
        if item(ui, &t!("menu-preferences"), "", true) {
            c.dialogs.preferences = Some(PrefsForm {
                name: c.settings.user_name.clone(),
                reminder_days: c.settings.verify_reminder_days.to_string(),
                lock_minutes: c.settings.lock_after_minutes.to_string(),
                two_people: c
                    .session
                    .as_ref()
                    .filter(|s| s.cat.is_writable())
                    .map(|s| s.cat.meta().two_people_approve),
            });
        }
    });
}

fn view_menu(ui: &mut Ui, c: &mut Chrome) {
    let problems = c.session.as_ref().map_or(0, |s| s.cat.problems().len());
    ui.menu_button(t!("menu-view"), |ui| {
        if item(ui, &t!("menu-records"), "", c.session.is_some()) {
            c.commands.push(Command::ShowPlace(Place::Records));
        }
        if item(ui, &t!("menu-trash"), "", c.session.is_some()) {
            c.commands.push(Command::ShowPlace(Place::Trash));
        }
        if item(
            ui,
            &t!("menu-problems", count = problems),
            "",
            c.session.is_some(),
        ) {
            c.dialogs.problems = true;
        }
        if item(ui, &t!("menu-audit-log"), "", c.session.is_some()) {
            c.dialogs.audit_log = true;
        }
        ui.separator();
        if item(ui, &t!("menu-search"), "Ctrl+F", c.session.is_some()) {
            c.commands.push(Command::FocusSearch);
        }
        if item(ui, &t!("menu-clear-filters"), "", c.session.is_some())
            && let Some(s) = &mut c.session
        {
            s.filter = Default::default();
        }
        ui.separator();
        ui.menu_button(t!("menu-columns"), |ui| {
            super::record_table::column_chooser(ui, &mut c.prefs.layout);
        });
        if item(ui, &t!("menu-reset-layout"), "", true) {
            // Panels and columns go back to their first sizes, every column shows.
            c.prefs.layout.reset();
        }
        ui.menu_button(t!("menu-language"), |ui| {
            for language in Language::ALL {
                let chosen = i18n::language() == language;
                if ui.radio(chosen, language.native_name()).clicked() && !chosen {
                    c.commands.push(Command::SetLanguage(language));
                }
            }
        });
        ui.separator();
        ui.checkbox(&mut c.prefs.hide_graphic_previews, t!("menu-hide-graphic"));
    });
}

fn sharing_menu(ui: &mut Ui, c: &mut Chrome) {
    let open = c.session.is_some();
    let waiting = c.session.as_mut().map_or(0, |s| s.queue_items().len());
    ui.menu_button(t!("menu-sharing"), |ui| {
        if item(ui, &t!("menu-review-queue", count = waiting), "", open) {
            c.commands.push(Command::ShowPlace(Place::ReviewQueue));
        }
        ui.separator();
        if item(ui, &t!("menu-share"), "Ctrl+E", open) {
            c.commands.push(Command::OpenShareWizard);
        }
        if item(ui, &t!("menu-recipients"), "", open) {
            c.commands.push(Command::ShowRecipients);
        }
        if item(ui, &t!("menu-sharing-log"), "", open) {
            c.commands.push(Command::ShowSharingLog);
        }
        ui.separator();
        if item(ui, &t!("menu-receive"), "", !c.busy.receiving) {
            c.commands.push(Command::ChoosePackageToReceive);
        }
    });
}

fn help_menu(ui: &mut Ui, c: &mut Chrome) {
    ui.menu_button(t!("menu-help"), |ui| {
        if item(ui, &t!("menu-guide"), "", true) {
            c.dialogs.guide = true;
        }
        if item(ui, &t!("menu-shortcuts"), "", true) {
            c.dialogs.shortcuts = true;
        }
        if item(ui, &t!("menu-about"), "", true) {
            c.dialogs.about = true;
        }
    });
}
