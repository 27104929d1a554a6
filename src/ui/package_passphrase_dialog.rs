//! An encrypted package being received: its passphrase, which the sender gave another
//! way (in person, by phone), typed in a field that shows dots.

use eframe::egui::{self, Id, Key, Modal, RichText, TextEdit};

use super::chrome::Chrome;
use super::command::Command;
use super::theme;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.package_passphrase else {
        return;
    };
    let mut open = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("package-passphrase")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(t!("package-passphrase-heading"));
        ui.label(theme::hint(form.package.display().to_string()));
        ui.label(theme::hint(t!("package-passphrase-hint")));
        ui.add_space(6.0);
        let l = ui.label(t!("unlock-passphrase"));
        let field = ui
            .add(
                TextEdit::singleline(&mut *form.passphrase)
                    .password(true)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if let Some(error) = &form.error {
            ui.label(RichText::new(error).color(theme::error_color(ui)));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !form.passphrase.is_empty();
            open = ui
                .add_enabled(ready, egui::Button::new(t!("package-passphrase-open")))
                .clicked()
                || (entered && ready);
            cancel = ui.button(t!("dialog-cancel")).clicked();
        });
    });
    if open {
        c.commands.push(Command::ReceiveProtected);
    } else if cancel || modal.should_close() {
        c.dialogs.package_passphrase = None;
    }
}
