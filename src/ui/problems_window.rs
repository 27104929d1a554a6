//! Files that could not be read when the catalogue opened. They are listed, never changed.

use eframe::egui::{self, RichText};

use super::session::Session;
use super::theme;

pub fn show(ctx: &egui::Context, session: &Session, open: &mut bool) {
    egui::Window::new("Problems")
        .open(open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_width(620.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let problems = session.cat.problems();
            if problems.is_empty() {
                ui.label("Every file of this catalogue could be read.");
                return;
            }
            ui.label(
                "These files could not be read, so their records are not shown. Dossier left \
                 them exactly as they are: fix them (or restore them from a backup) and open \
                 the catalogue again.",
            );
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for p in problems {
                        ui.label(RichText::new(p.path.display().to_string()).monospace());
                        let at = p.line.map(|l| format!("line {l}: ")).unwrap_or_default();
                        ui.label(
                            RichText::new(format!("{at}{}", p.reason)).color(theme::warn_color(ui)),
                        );
                        ui.add_space(4.0);
                    }
                });
            if ui.button("Copy the list").clicked() {
                let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                ui.ctx().copy_text(text.join("\n"));
            }
        });
}
