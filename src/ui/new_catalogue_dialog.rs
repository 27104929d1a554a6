//! File > New: a catalogue's title and folder, and (unless a plain catalogue is asked
//! for) the passphrase that encrypts it, typed twice. Receiving a package asks the same
//! (but the title, which the package gives) for the catalogue it is received into. Making it runs in the background
//! (the key derivation takes a moment); its recovery key is then shown once.

use std::path::PathBuf;

use eframe::egui::{self, Id, Modal, RichText, TextEdit};

use super::chrome::Chrome;
use super::command::Command;
use super::dialogs::field;
use super::theme;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    new_catalogue(ctx, c);
    recovery_key(ctx, c);
}

/// A field whose text shows as dots, named by its label.
fn secret_field(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let l = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .password(true)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
}

fn passphrase_fields(ui: &mut egui::Ui, form: &mut super::chrome::NewCatalogueForm) {
    ui.checkbox(&mut form.plain, t!("newcat-plain"));
    if form.plain {
        ui.label(theme::hint(t!("newcat-plain-hint")));
        return;
    }
    secret_field(ui, &t!("newcat-passphrase"), &mut form.passphrase);
    secret_field(ui, &t!("newcat-passphrase-again"), &mut form.again);
    ui.label(theme::hint(t!("newcat-passphrase-hint")));
    // Too short is said while typing; "they differ" only once the second is typed.
    let short = form.passphrase.chars().count() < crate::store::MIN_PASSPHRASE;
    if !form.passphrase.is_empty()
        && (short || !form.again.is_empty())
        && let Some(problem) = form.passphrase_problem()
    {
        ui.label(theme::hint(problem));
    }
}

fn new_catalogue(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.new_catalogue else {
        return;
    };
    let mut create = false;
    let mut cancel = false;
    let receiving = form.receiving.is_some();
    let modal = Modal::new(Id::unique("new-catalogue")).show(ctx, |ui| {
        ui.set_width(480.0);
        match &form.receiving {
            // A received package's catalogue is titled after the package.
            Some(package) => {
                ui.heading(t!("receive-heading"));
                ui.label(theme::hint(package.display().to_string()));
                ui.label(t!("receive-explain"));
            }
            None => {
                ui.heading(t!("newcat-heading"));
                ui.add_space(4.0);
                field(
                    ui,
                    &t!("newcat-title"),
                    &mut form.title,
                    &t!("newcat-title-hint"),
                );
            }
        }
        ui.add_space(4.0);
        field(
            ui,
            &t!("newcat-folder"),
            &mut form.folder,
            &t!("newcat-folder-hint"),
        );
        if ui.button(t!("newcat-choose")).clicked()
            && let Some(parent) = rfd::FileDialog::new()
                .set_title(t!("newcat-where"))
                .pick_folder()
        {
            let name = match &form.receiving {
                Some(package) => package_folder_name(package),
                None => folder_name(&form.title),
            };
            form.folder = parent.join(name).to_string_lossy().into_owned();
        }
        ui.label(theme::hint(t!("newcat-hint")));
        ui.add_space(6.0);
        passphrase_fields(ui, form);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = (receiving || !form.title.trim().is_empty())
                && !form.folder.trim().is_empty()
                && form.passphrase_problem().is_none();
            let label = match receiving {
                true => t!("receive-button"),
                false => t!("newcat-create"),
            };
            create = ui.add_enabled(ready, egui::Button::new(label)).clicked();
            cancel = ui.button(t!("dialog-cancel")).clicked();
        });
    });
    if create && receiving {
        c.commands.push(Command::ReceiveNew);
    } else if create {
        c.commands.push(Command::NewCatalogue {
            path: PathBuf::from(form.folder.trim()),
            title: form.title.trim().to_string(),
        });
    } else if cancel || modal.should_close() {
        c.dialogs.new_catalogue = None;
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
        t!("newcat-default-name")
    } else {
        name.trim().to_string()
    }
}

/// A folder name from a package's file name.
fn package_folder_name(package: &std::path::Path) -> String {
    let stem = package.file_stem().unwrap_or_default().to_string_lossy();
    folder_name(&stem)
}

/// The new catalogue's recovery key, shown this once: it cannot be closed until the
/// person says it is written down.
fn recovery_key(ctx: &egui::Context, c: &mut Chrome) {
    let Some((words, written)) = &mut c.dialogs.recovery_key else {
        return;
    };
    let mut close = false;
    Modal::new(Id::unique("recovery-key")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(t!("recovery-heading"));
        ui.label(t!("recovery-explain"));
        ui.add_space(8.0);
        ui.label(RichText::new(words.as_str()).monospace().size(18.0));
        ui.add_space(4.0);
        if ui.button(t!("recovery-copy")).clicked() {
            ui.ctx().copy_text(words.to_string());
        }
        ui.add_space(8.0);
        ui.checkbox(written, t!("recovery-written"));
        close = ui
            .add_enabled(*written, egui::Button::new(t!("recovery-done")))
            .clicked();
    });
    if close {
        c.dialogs.recovery_key = None;
    }
}
