//! Small dialogs: the first-run welcome (the user's name), a new catalogue, a typed path
//! when no native file dialog is available, confirmations, About and keyboard shortcuts.

use std::path::PathBuf;

use eframe::egui::{self, Id, Modal, RichText, TextEdit};

use super::chrome::{Chrome, PathPurpose};
use super::command::Command;
use super::theme;
use crate::i18n::{self, Language};
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    welcome(ctx, c);
    preferences(ctx, c);
    typed_path(ctx, c);
    confirm_empty_trash(ctx, c);
    confirm_merge(ctx, c);
    super::csv_export_dialog::show(ctx, c);
    super::csv_import_dialog::show(ctx, c);
    unsaved_on_close(ctx, c);
    super::unlock_dialog::show(ctx, c);
    about(ctx, c);
    shortcuts(ctx, c);
    super::guide_window::show(ctx, c);
}

/// A labelled single-line field; the label names the field for screen readers and tests.
pub(super) fn field(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    hint: &str,
) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

/// The interface's language, one button per language (each named in itself); the choice
/// takes effect at once and is remembered.
fn language_choice(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(t!("welcome-language"));
        for language in Language::ALL {
            let chosen = i18n::language() == language;
            if ui
                .selectable_label(chosen, language.native_name())
                .clicked()
                && !chosen
            {
                commands.push(Command::SetLanguage(language));
            }
        }
    });
}

/// Theme and text size: applied at once (they are this computer's, not the catalogue's).
fn looks(ui: &mut egui::Ui, prefs: &mut super::chrome::Prefs) {
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("prefs-theme"));
        for choice in theme::ThemeChoice::ALL {
            ui.radio_value(&mut prefs.theme, choice, choice.name());
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("prefs-text-size"));
        let now = prefs.text_zoom.unwrap_or(1.0);
        for (zoom, name) in theme::text_sizes() {
            if ui.radio((now - zoom).abs() < 0.01, name).clicked() {
                prefs.text_zoom = Some(zoom);
            }
        }
    });
    ui.label(theme::hint(t!("prefs-looks-hint")));
}

fn welcome(ctx: &egui::Context, c: &mut Chrome) {
    let Some(name) = &mut c.dialogs.welcome else {
        return;
    };
    let focus_now = !std::mem::replace(&mut c.dialogs.welcome_focused, true);
    let mut done = false;
    Modal::new(Id::unique("welcome")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading(t!("welcome-heading"));
        ui.add_space(4.0);
        language_choice(ui, c.commands);
        ui.add_space(6.0);
        ui.label(t!("welcome-text"));
        ui.add_space(6.0);
        let response = field(ui, &t!("welcome-name"), name, &t!("welcome-name-hint"));
        if focus_now {
            response.request_focus();
        }
        ui.add_space(6.0);
        ui.label(theme::hint(t!("welcome-sample")));
        ui.add_space(6.0);
        let ready = !name.trim().is_empty();
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .add_enabled(ready, egui::Button::new(t!("welcome-continue")))
            .clicked()
            || (ready && enter)
        {
            done = true;
        }
    });
    if done {
        c.commands.push(Command::SavePreferences {
            name: name.clone(),
            verify_reminder_days: c.settings.verify_reminder_days,
            lock_after_minutes: c.settings.lock_after_minutes,
            two_people: None,
        });
    }
}

fn preferences(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.preferences else {
        return;
    };
    let mut save = false;
    let mut cancel = false;
    let days = form
        .reminder_days
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d >= 1);
    let minutes = form
        .lock_minutes
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=24 * 60).contains(m));
    let modal = Modal::new(Id::unique("preferences")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(t!("prefs-heading"));
        ui.add_space(4.0);
        field(ui, &t!("welcome-name"), &mut form.name, &t!("welcome-name"));
        ui.label(theme::hint(t!("prefs-name-hint")));
        ui.add_space(6.0);
        language_choice(ui, c.commands);
        ui.add_space(6.0);
        field(ui, &t!("prefs-remind"), &mut form.reminder_days, "30");
        if days.is_none() {
            ui.label(
                RichText::new(t!("prefs-remind-error"))
                    .small()
                    .color(theme::error_color(ui)),
            );
        }
        ui.add_space(6.0);
        field(ui, &t!("prefs-lock"), &mut form.lock_minutes, "15");
        ui.label(theme::hint(t!("prefs-lock-hint")));
        if minutes.is_none() {
            ui.label(
                RichText::new(t!("prefs-lock-error"))
                    .small()
                    .color(theme::error_color(ui)),
            );
        }
        ui.add_space(6.0);
        looks(ui, c.prefs);
        if let Some(two) = &mut form.two_people {
            ui.add_space(6.0);
            ui.label(RichText::new(t!("prefs-this-catalogue")).strong());
            ui.checkbox(two, t!("prefs-two-people"));
            ui.label(theme::hint(t!("prefs-two-people-hint")));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !form.name.trim().is_empty() && days.is_some() && minutes.is_some();
            save = ui
                .add_enabled(ready, egui::Button::new(t!("prefs-save")))
                .clicked();
            cancel = ui.button(t!("prefs-cancel")).clicked();
        });
    });
    if save && let (Some(days), Some(minutes)) = (days, minutes) {
        c.commands.push(Command::SavePreferences {
            name: form.name.clone(),
            verify_reminder_days: days,
            lock_after_minutes: minutes,
            two_people: form.two_people,
        });
    } else if cancel || modal.should_close() {
        c.dialogs.preferences = None;
    }
}

fn typed_path(ctx: &egui::Context, c: &mut Chrome) {
    let Some(typed) = &mut c.dialogs.typed_path else {
        return;
    };
    let mut open = true;
    let mut go = false;
    let title = match typed.purpose {
        PathPurpose::Open => t!("path-open"),
        PathPurpose::Import { .. } => t!("path-import"),
        PathPurpose::Relink => t!("path-relink"),
        PathPurpose::SharePackage => t!("path-package"),
        PathPurpose::Receive => t!("path-receive"),
        PathPurpose::LoggedVersion(_) => t!("path-logged"),
        PathPurpose::ExportCsv => t!("path-export-csv"),
        PathPurpose::ImportCsv => t!("path-import-csv"),
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label(t!("path-nothing-chosen"));
            let r = field(
                ui,
                &t!("path-field"),
                &mut typed.text,
                "/home/you/Catalogues/Case files",
            );
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            go = ui.button(t!("path-go")).clicked() || enter;
        });
    if go && !typed.text.trim().is_empty() {
        let path = PathBuf::from(typed.text.trim());
        c.commands.push(match typed.purpose {
            PathPurpose::Open => Command::OpenCatalogue(path),
            PathPurpose::Import { into } => Command::Import {
                files: vec![path],
                into,
            },
            PathPurpose::Relink => Command::Relink(path),
            PathPurpose::SharePackage => Command::StartShare(path),
            PathPurpose::Receive => Command::Receive(path),
            PathPurpose::LoggedVersion(id) => Command::RestoreLoggedVersion { id, from: path },
            PathPurpose::ExportCsv => Command::WriteCsv(path),
            PathPurpose::ImportCsv => Command::PlanCsvImport(path),
        });
        open = false;
    }
    if !open {
        c.dialogs.typed_path = None;
    }
}

/// Merging two persons: which one is kept, what happens to the other, and that it can be
/// undone.
fn confirm_merge(ctx: &egui::Context, c: &mut Chrome) {
    let Some((keep, other)) = c.dialogs.confirm_merge else {
        return;
    };
    let title = |id| {
        c.session
            .as_ref()
            .and_then(|s| s.cat.get(&id))
            .map_or_else(|| "(gone)".to_string(), |r| r.display_title().to_string())
    };
    let (kept, gone) = (title(keep), title(other));
    let mut merge = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("confirm-merge")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(t!("merge-heading"));
        ui.label(t!("merge-text", kept = &kept, gone = &gone));
        ui.label(theme::hint(t!("merge-undo-hint")));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            merge = ui.button(t!("merge-go", kept = &kept)).clicked();
            cancel = ui.button(t!("dialog-cancel")).clicked();
        });
    });
    if merge {
        c.commands.push(Command::MergePersons { keep, other });
        c.dialogs.confirm_merge = None;
    } else if cancel || modal.should_close() {
        c.dialogs.confirm_merge = None;
    }
}

fn confirm_empty_trash(ctx: &egui::Context, c: &mut Chrome) {
    if !c.dialogs.confirm_empty_trash {
        return;
    }
    let count = c.session.as_ref().map_or(0, |s| s.cat.trash().len());
    let mut empty = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("confirm-empty-trash")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(t!("empty-trash-heading"));
        ui.label(t!("empty-trash-text", count = count));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            empty = ui
                .button(RichText::new(t!("empty-trash-go")).color(theme::error_color(ui)))
                .clicked();
            cancel = ui.button(t!("dialog-cancel")).clicked();
        });
    });
    if empty {
        c.commands.push(Command::EmptyTrash);
        c.dialogs.confirm_empty_trash = false;
    } else if cancel || modal.should_close() {
        c.dialogs.confirm_empty_trash = false;
    }
}

fn unsaved_on_close(ctx: &egui::Context, c: &mut Chrome) {
    if !c.dialogs.unsaved_on_close {
        return;
    }
    let error = c.status.save.error.clone().unwrap_or_default();
    let (mut retry, mut close, mut keep) = (false, false, false);
    Modal::new(Id::unique("unsaved-on-close")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading(t!("unsaved-heading"));
        ui.label(RichText::new(&error).color(theme::error_color(ui)));
        ui.label(t!("unsaved-text"));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            retry = ui.button(t!("unsaved-retry")).clicked();
            keep = ui.button(t!("unsaved-keep")).clicked();
            close = ui.button(t!("unsaved-close")).clicked();
        });
    });
    if retry {
        c.commands.push(Command::RetrySave);
        c.dialogs.unsaved_on_close = false;
    }
    if keep {
        c.dialogs.unsaved_on_close = false;
    }
    if close {
        c.dialogs.unsaved_on_close = false;
        c.status.close_anyway = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn about(ctx: &egui::Context, c: &mut Chrome) {
    egui::Window::new(t!("about-title"))
        .id(Id::unique("about"))
        .open(&mut c.dialogs.about)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Dossier {}", env!("CARGO_PKG_VERSION")));
            ui.label(t!("about-what"));
            ui.add_space(4.0);
            ui.label(t!("about-tlp"));
            for label in crate::model::Label::ALL {
                ui.horizontal(|ui| {
                    theme::label_badge(ui, label);
                    ui.label(super::words::label_means(label));
                });
            }
            ui.add_space(4.0);
            ui.label(theme::hint(t!("about-fonts")));
        });
}

fn shortcuts(ctx: &egui::Context, c: &mut Chrome) {
    egui::Window::new(t!("shortcuts-title"))
        .id(Id::unique("shortcuts"))
        .open(&mut c.dialogs.shortcuts)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in [
                        ("Ctrl+N", t!("shortcut-new")),
                        ("Ctrl+F", t!("shortcut-search")),
                        ("Ctrl+O", t!("shortcut-open")),
                        ("Ctrl+S", t!("shortcut-save")),
                        ("Ctrl+E", t!("shortcut-share")),
                        ("Ctrl+Z / Ctrl+Shift+Z", t!("shortcut-undo")),
                        ("Up / Down", t!("shortcut-move")),
                        ("PageUp / PageDown, Home / End", t!("shortcut-page")),
                        ("Ctrl+click, Shift+click, Ctrl+A", t!("shortcut-choose")),
                        ("Delete", t!("shortcut-delete")),
                        ("Escape", t!("shortcut-escape")),
                        ("F10", t!("shortcut-menu")),
                    ] {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
}
