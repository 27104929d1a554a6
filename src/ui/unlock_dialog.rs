//! The unlock screen of an encrypted catalogue: its passphrase (or the printed recovery
//! key) typed in a field that shows dots. Shown when an encrypted catalogue is opened, and
//! again after File > Lock. A wrong passphrase is said plainly, and nothing more.

use eframe::egui::{self, Id, Key, Modal, RichText, TextEdit};

use super::chrome::Chrome;
use super::command::Command;
use super::theme;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    let Some(form) = &mut c.dialogs.unlock else {
        return;
    };
    let mut unlock = false;
    let mut cancel = false;
    let modal = Modal::new(Id::unique("unlock-catalogue")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(t!("unlock-heading"));
        ui.label(theme::hint(form.path.display().to_string()));
        ui.add_space(6.0);
        let label = match form.recovery {
            true => t!("unlock-recovery-key"),
            false => t!("unlock-passphrase"),
        };
        let l = ui.label(label);
        let field = ui
            .add(
                TextEdit::singleline(&mut *form.secret)
                    .password(!form.recovery)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        if !form.focused {
            field.request_focus();
            form.focused = true;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.checkbox(&mut form.recovery, t!("unlock-use-recovery"));
        if let Some(error) = &form.error {
            ui.add_space(4.0);
            ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !form.secret.is_empty();
            unlock = ui
                .add_enabled(ready, egui::Button::new(t!("unlock-button")))
                .clicked()
                || (entered && ready);
            cancel = ui.button(t!("dialog-cancel")).clicked();
        });
    });
    if unlock {
        c.commands.push(Command::Unlock);
    } else if cancel || modal.should_close() {
        c.dialogs.unlock = None;
    }
}
