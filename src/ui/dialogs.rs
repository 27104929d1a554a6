//! Small dialogs: the first-run welcome (the user's name), a new catalogue, a typed path
//! when no native file dialog is available, confirmations, About and keyboard shortcuts.

use std::path::PathBuf;

use eframe::egui::{self, Id, Modal, RichText, TextEdit};

use super::{Command, DossierApp, theme};
use crate::model::RecordId;

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    Import {
        into: Option<RecordId>,
    },
    Relink,
    /// Where to write a share package (a new `.zip` file or folder).
    SharePackage,
    /// A package (zip or folder) received from another office.
    Receive,
    /// A file or folder holding the logged version of a record changed outside Dossier.
    LoggedVersion(RecordId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedPath {
    pub purpose: PathPurpose,
    pub text: String,
}

/// The preferences being edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrefsForm {
    pub name: String,
    pub reminder_days: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCatalogueForm {
    pub title: String,
    pub folder: String,
}

/// Which dialogs are open, with their text buffers.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// First run: the name being typed.
    pub welcome: Option<String>,
    /// The welcome field has been given the keyboard once. Asking every frame would keep
    /// the X11 input-method path busy and starve the window of input.
    welcome_focused: bool,
    pub preferences: Option<PrefsForm>,
    /// The catalogue-wide audit log window.
    pub audit_log: bool,
    pub new_catalogue: Option<NewCatalogueForm>,
    pub typed_path: Option<TypedPath>,
    pub problems: bool,
    pub confirm_empty_trash: bool,
    pub about: bool,
    pub shortcuts: bool,
    pub unsaved_on_close: bool,
}

impl Dialogs {
    /// True while a dialog that takes the keyboard is open.
    pub fn any_modal(&self) -> bool {
        self.welcome.is_some()
            || self.preferences.is_some()
            || self.new_catalogue.is_some()
            || self.confirm_empty_trash
            || self.unsaved_on_close
    }

    /// The native dialog gave nothing: it was cancelled, or none could be shown (no
    /// portal and no zenity). Offer a field to type the path, which the person may close.
    pub fn offer_typed_path(&mut self, purpose: PathPurpose) {
        self.typed_path = Some(TypedPath {
            purpose,
            text: String::new(),
        });
    }
}

pub fn show(ctx: &egui::Context, app: &mut DossierApp) {
    welcome(ctx, app);
    preferences(ctx, app);
    new_catalogue(ctx, app);
    typed_path(ctx, app);
    confirm_empty_trash(ctx, app);
    unsaved_on_close(ctx, app);
    about(ctx, app);
    shortcuts(ctx, app);
}

/// A labelled single-line field; the label names the field for screen readers and tests.
fn field(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

fn welcome(ctx: &egui::Context, app: &mut DossierApp) {
    let Some(name) = &mut app.dialogs.welcome else {
        return;
    };
    let focus_now = !std::mem::replace(&mut app.dialogs.welcome_focused, true);
    let mut done = false;
    Modal::new(Id::unique("welcome")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading("Welcome to Dossier");
        ui.add_space(6.0);
        ui.label(
            "Dossier keeps evidence safe and offline, and records who changed what. \
             Type your name as colleagues should see it on your changes.",
        );
        ui.add_space(6.0);
        let response = field(ui, "Your name", name, "e.g. Anahit Petrosyan");
        if focus_now {
            response.request_focus();
        }
        ui.add_space(6.0);
        ui.label(theme::hint(
            "A copy of the sample catalogue opens so you can look around; it is yours to change.",
        ));
        ui.add_space(6.0);
        let ready = !name.trim().is_empty();
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .add_enabled(ready, egui::Button::new("Continue"))
            .clicked()
            || (ready && enter)
        {
            done = true;
        }
    });
    if done {
        app.commands.push(Command::SavePreferences {
            name: name.clone(),
            verify_reminder_days: app.settings.verify_reminder_days,
        });
    }
}

fn preferences(ctx: &egui::Context, app: &mut DossierApp) {
    let Some(form) = &mut app.dialogs.preferences else {
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
    let modal = Modal::new(Id::unique("preferences")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Preferences");
        ui.add_space(4.0);
        field(ui, "Your name", &mut form.name, "Your name");
        ui.label(theme::hint(
            "Recorded with every change you make from now on.",
        ));
        ui.add_space(6.0);
        field(
            ui,
            "Remind me to verify after (days)",
            &mut form.reminder_days,
            "30",
        );
        if days.is_none() {
            ui.label(
                RichText::new("A whole number of days, 1 or more.")
                    .small()
                    .color(theme::error_color(ui)),
            );
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !form.name.trim().is_empty() && days.is_some();
            save = ui.add_enabled(ready, egui::Button::new("Save")).clicked();
            cancel = ui.button("Cancel").clicked();
        });
    });
    if save && let Some(days) = days {
        app.commands.push(Command::SavePreferences {
            name: form.name.clone(),
            verify_reminder_days: days,
        });
    } else if cancel || modal.should_close() {
        app.dialogs.preferences = None;
    }
}

fn new_catalogue(ctx: &egui::Context, app: &mut DossierApp) {
    let Some(form) = &mut app.dialogs.new_catalogue else {
        return;
    };
    let mut create = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("new-catalogue")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("New catalogue");
        ui.add_space(4.0);
        field(
            ui,
            "Title",
            &mut form.title,
            "e.g. Captives 2020: case files",
        );
        ui.add_space(4.0);
        field(ui, "Folder", &mut form.folder, "a new or empty folder");
        if ui.button("Choose a folder...").clicked()
            && let Some(parent) = rfd::FileDialog::new()
                .set_title("Where should the new catalogue go?")
                .pick_folder()
        {
            let name = folder_name(&form.title);
            form.folder = parent.join(name).to_string_lossy().into_owned();
        }
        ui.label(theme::hint(
            "Dossier makes the folder if it does not exist. Keep it on an encrypted drive.",
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !form.title.trim().is_empty() && !form.folder.trim().is_empty();
            create = ui.add_enabled(ready, egui::Button::new("Create")).clicked();
            cancel = ui.button("Cancel").clicked();
        });
    });
    if create {
        app.commands.push(Command::NewCatalogue {
            path: PathBuf::from(form.folder.trim()),
            title: form.title.trim().to_string(),
        });
    } else if cancel || modal.should_close() {
        app.dialogs.new_catalogue = None;
    }
}

/// A folder name from a title: letters, digits, spaces and dashes kept.
fn folder_name(title: &str) -> String {
    let name: String = title
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.trim().is_empty() {
        "New catalogue".into()
    } else {
        name.trim().to_string()
    }
}

fn typed_path(ctx: &egui::Context, app: &mut DossierApp) {
    let Some(typed) = &mut app.dialogs.typed_path else {
        return;
    };
    let mut open = true;
    let mut go = false;
    let title = match typed.purpose {
        PathPurpose::Open => "Open a catalogue by path",
        PathPurpose::Import { .. } => "Import a file by path",
        PathPurpose::Relink => "Look for missing originals in a folder",
        PathPurpose::SharePackage => "Write the package to a path",
        PathPurpose::Receive => "Receive a package by path",
        PathPurpose::LoggedVersion(_) => "Restore the logged version from a copy",
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label(
                "Nothing was chosen. If no file dialog appeared, this desktop may lack \
                 xdg-desktop-portal or zenity; type the path instead.",
            );
            let r = field(
                ui,
                "Path",
                &mut typed.text,
                "/home/you/Catalogues/Case files",
            );
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            go = ui.button("Go").clicked() || enter;
        });
    if go && !typed.text.trim().is_empty() {
        let path = PathBuf::from(typed.text.trim());
        app.commands.push(match typed.purpose {
            PathPurpose::Open => Command::OpenCatalogue(path),
            PathPurpose::Import { into } => Command::Import {
                files: vec![path],
                into,
            },
            PathPurpose::Relink => Command::Relink(path),
            PathPurpose::SharePackage => Command::StartShare(path),
            PathPurpose::Receive => Command::Receive(path),
            PathPurpose::LoggedVersion(id) => Command::RestoreLoggedVersion { id, from: path },
        });
        open = false;
    }
    if !open {
        app.dialogs.typed_path = None;
    }
}

fn confirm_empty_trash(ctx: &egui::Context, app: &mut DossierApp) {
    if !app.dialogs.confirm_empty_trash {
        return;
    }
    let count = app.session.as_ref().map_or(0, |s| s.cat.trash().len());
    let mut empty = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("confirm-empty-trash")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Empty the trash?");
        ui.label(format!(
            "{count} record{} will be deleted for good. This cannot be undone. \
             Their attachment originals stay in the catalogue.",
            if count == 1 { "" } else { "s" }
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            empty = ui
                .button(RichText::new("Delete for good").color(theme::error_color(ui)))
                .clicked();
            cancel = ui.button("Cancel").clicked();
        });
    });
    if empty {
        app.commands.push(Command::EmptyTrash);
        app.dialogs.confirm_empty_trash = false;
    } else if cancel || modal.should_close() {
        app.dialogs.confirm_empty_trash = false;
    }
}

fn unsaved_on_close(ctx: &egui::Context, app: &mut DossierApp) {
    if !app.dialogs.unsaved_on_close {
        return;
    }
    let error = app.save_status.error.clone().unwrap_or_default();
    let (mut retry, mut close, mut keep) = (false, false, false);
    Modal::new(Id::unique("unsaved-on-close")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Some changes are not saved");
        ui.label(RichText::new(&error).color(theme::error_color(ui)));
        ui.label("If you close now, those changes are lost. Everything saved before is safe.");
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            retry = ui.button("Try again").clicked();
            keep = ui.button("Keep Dossier open").clicked();
            close = ui.button("Close without saving").clicked();
        });
    });
    if retry {
        app.commands.push(Command::RetrySave);
        app.dialogs.unsaved_on_close = false;
    }
    if keep {
        app.dialogs.unsaved_on_close = false;
    }
    if close {
        app.dialogs.unsaved_on_close = false;
        app.close_anyway = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn about(ctx: &egui::Context, app: &mut DossierApp) {
    egui::Window::new("About Dossier")
        .open(&mut app.dialogs.about)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Dossier {}", env!("CARGO_PKG_VERSION")));
            ui.label("An offline catalogue for sensitive human-rights evidence.");
            ui.add_space(4.0);
            ui.label("Labels follow the FIRST Traffic Light Protocol 2.0:");
            for label in crate::model::Label::ALL {
                ui.horizontal(|ui| {
                    theme::label_badge(ui, label);
                    ui.label(label.meaning());
                });
            }
            ui.add_space(4.0);
            ui.label(theme::hint(
                "Armenian text uses Noto Sans Armenian (SIL Open Font License).",
            ));
        });
}

fn shortcuts(ctx: &egui::Context, app: &mut DossierApp) {
    egui::Window::new("Keyboard shortcuts")
        .open(&mut app.dialogs.shortcuts)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in [
                        ("Ctrl+N", "New record (of the kind shown)"),
                        ("Ctrl+F", "Search"),
                        ("Ctrl+O", "Open a catalogue"),
                        ("Ctrl+S", "Save now (edits also save by themselves)"),
                        ("Ctrl+E", "Share with a recipient"),
                        ("Up / Down", "Previous / next record in the list"),
                        ("Delete", "Move the selected record to the trash"),
                    ] {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
}
