//! Help > Getting started: what a record, a label, review and a package are, in the
//! interface's language.

use eframe::egui::{self, RichText};

use super::chrome::Chrome;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    let mut open = c.dialogs.guide;
    egui::Window::new(t!("guide-title"))
        .id(egui::Id::unique("guide"))
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(460.0)
                .show(ui, |ui| {
                    for (heading, text) in [
                        (t!("guide-record-heading"), t!("guide-record")),
                        (t!("guide-label-heading"), t!("guide-label")),
                        (t!("guide-review-heading"), t!("guide-review")),
                        (t!("guide-package-heading"), t!("guide-package")),
                    ] {
                        ui.label(RichText::new(heading).strong());
                        ui.add(egui::Label::new(text).wrap());
                        ui.add_space(8.0);
                    }
                });
            let close = ui.button(t!("guide-close"));
            if super::new_window::takes_keyboard(ui.ctx(), super::command::WindowKind::Guide) {
                close.request_focus();
            }
            if close.clicked() {
                c.dialogs.guide = false;
            }
        });
    c.dialogs.guide &= open;
}
