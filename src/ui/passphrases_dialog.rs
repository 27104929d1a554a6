//! File > Passphrases... (an encrypted catalogue): who may open it. A colleague's
//! passphrase is added under a label (readable by anyone with the folder: an initial or a
//! role, not a name), typed twice; one is removed with a click, never the last. Each
//! change is logged. The key derivation runs in the background.

use eframe::egui::{self, Id, Modal, RichText, TextEdit};

use super::chrome::Chrome;
use super::command::Command;
use super::theme;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.passphrases else {
        return;
    };
    let Some(session) = &c.session else {
        c.dialogs.passphrases = None;
        return;
    };
    let keys = session.cat.keys();
    let passphrases = keys.iter().filter(|k| k.kind == "passphrase").count();
    let mut close = false;
    let modal = Modal::new(Id::unique("passphrases")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(t!("passphrases-heading"));
        ui.label(theme::hint(t!("passphrases-hint")));
        ui.add_space(6.0);
        key_list(ui, &keys, passphrases, c.commands);
        ui.separator();
        ui.label(RichText::new(t!("passphrases-add-heading")).strong());
        ui.label(theme::hint(t!("passphrases-change-hint")));
        let field = |ui: &mut egui::Ui, label: String, text: &mut String, secret: bool| {
            let l = ui.label(label);
            ui.add(
                TextEdit::singleline(text)
                    .password(secret)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        };
        field(ui, t!("passphrases-label"), &mut form.label, false);
        field(ui, t!("newcat-passphrase"), &mut form.passphrase, true);
        field(ui, t!("newcat-passphrase-again"), &mut form.again, true);
        let problem = form.problem();
        if let Some(p) = problem.as_ref().filter(|_| !form.passphrase.is_empty()) {
            ui.label(theme::hint(p.clone()));
        }
        if let Some(e) = &form.error {
            ui.label(RichText::new(e).color(theme::error_color(ui)));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = problem.is_none() && !form.working;
            // A label already there changes that passphrase.
            let changes = keys.iter().any(|k| k.label == form.label.trim());
            let text = match changes {
                true => t!("passphrases-change"),
                false => t!("passphrases-add"),
            };
            if ui.add_enabled(ready, egui::Button::new(text)).clicked() {
                c.commands.push(Command::AddPassphrase);
            }
            if form.working {
                ui.spinner();
            }
            close = ui.button(t!("dialog-close")).clicked();
        });
    });
    if close || modal.should_close() {
        c.dialogs.passphrases = None;
    }
}

/// The ways in, each passphrase with its Remove button (off for the last one).
fn key_list(
    ui: &mut egui::Ui,
    keys: &[crate::store::KeyEntry],
    passphrases: usize,
    commands: &mut Vec<Command>,
) {
    egui::Grid::new("passphrase-list")
        .num_columns(2)
        .show(ui, |ui| {
            for key in keys {
                match key.kind.as_str() {
                    "recovery" => {
                        ui.label(t!("passphrases-recovery"));
                        ui.label("");
                    }
                    _ => {
                        ui.label(RichText::new(&key.label).strong());
                        let remove = ui
                            .add_enabled(
                                passphrases > 1,
                                egui::Button::new(t!("passphrases-remove")),
                            )
                            .on_disabled_hover_text(t!("error-last-passphrase"));
                        if remove.clicked() {
                            commands.push(Command::RemovePassphrase(key.label.clone()));
                        }
                    }
                }
                ui.end_row();
            }
        });
}
