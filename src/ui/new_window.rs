//! The window that has just opened takes the keyboard: it is noted when it opens, and its
//! first control asks for the keyboard on the frame it first shows.

use eframe::egui;

use super::command::WindowKind;

/// Where the window that has just opened is noted, for it to take the keyboard.
const NEW_WINDOW: &str = "dossier-new-window";

/// Notes that window `w` has just opened.
pub fn opened(ctx: &egui::Context, w: WindowKind) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(NEW_WINDOW), w));
}

/// Whether window `w` has just opened: its first control should then take the keyboard
/// (true once).
pub fn takes_keyboard(ctx: &egui::Context, w: WindowKind) -> bool {
    let id = egui::Id::unique(NEW_WINDOW);
    let new = ctx.data(|d| d.get_temp::<WindowKind>(id)) == Some(w);
    if new {
        ctx.data_mut(|d| d.remove::<WindowKind>(id));
    }
    new
}
