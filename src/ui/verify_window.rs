//! The results of "Verify catalogue" and of "Locate missing originals": every problem with
//! its file, what was expected and what was found.

use eframe::egui::{self, RichText};

use super::chrome::Chrome;
use super::command::{Command, WindowKind};
use super::theme;
use crate::media::human_size;
use crate::t;

pub fn show(ctx: &egui::Context, c: &mut Chrome) {
    verification(ctx, c);
    relink(ctx, c);
}

fn verification(ctx: &egui::Context, c: &mut Chrome) {
    let Some(report) = &c.status.verify_report else {
        return;
    };
    let mut open = true;
    let mut locate = false;
    let missing = report.missing_originals > 0;
    egui::Window::new(t!("verify-title"))
        .id(egui::Id::unique("verify-report"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_width(680.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let speed = if report.bytes_hashed >= 100_000_000 {
                format!(" ({:.0} MB/s)", report.throughput_mb_s())
            } else {
                String::new()
            };
            ui.label(t!(
                "verify-checked",
                records = report.records,
                originals = report.attachments,
                size = human_size(report.bytes_hashed),
                entries = report.entries,
                seconds = format!("{:.1}", report.seconds),
                speed = speed
            ));
            if report.is_ok() {
                ui.label(
                    RichText::new(t!("verify-ok")).color(theme::verification_color(
                        ui,
                        crate::model::Verification::Verified,
                    )),
                );
                return;
            }
            ui.label(
                RichText::new(t!("verify-problems", count = report.problems.len()))
                    .color(theme::error_color(ui))
                    .strong(),
            );
            egui::ScrollArea::vertical()
                .max_height(380.0)
                .show(ui, |ui| {
                    for p in &report.problems {
                        ui.add_space(4.0);
                        ui.label(RichText::new(p.path.display().to_string()).monospace());
                        ui.label(RichText::new(&p.what).color(theme::warn_color(ui)));
                        ui.label(theme::hint(t!("verify-expected", what = &p.expected)));
                        ui.label(theme::hint(t!("verify-found", what = &p.found)));
                    }
                });
            ui.horizontal(|ui| {
                let copy = ui.button(t!("verify-copy"));
                if super::new_window::takes_keyboard(ui.ctx(), WindowKind::VerifyReport) {
                    copy.request_focus();
                }
                if copy.clicked() {
                    let text: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
                    ui.ctx().copy_text(text.join("\n"));
                }
                if missing && ui.button(t!("verify-locate")).clicked() {
                    locate = true;
                }
            });
        });
    if locate {
        c.commands.push(Command::ChooseRelinkFolder);
    }
    if !open {
        c.status.verify_report = None;
    }
}

fn relink(ctx: &egui::Context, c: &mut Chrome) {
    let Some(report) = &c.status.relink_report else {
        return;
    };
    let mut open = true;
    egui::Window::new(t!("relink-title"))
        .id(egui::Id::unique("relink-report"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_width(620.0)
        .collapsible(false)
        .show(ctx, |ui| {
            if report.files_seen == 0
                && report.restored.is_empty()
                && report.still_missing.is_empty()
            {
                ui.label(t!("relink-none"));
                return;
            }
            ui.label(t!(
                "relink-summary",
                seen = report.files_seen,
                restored = report.restored.len(),
                missing = report.still_missing.len()
            ));
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (sha, from) in &report.restored {
                        ui.label(t!(
                            "relink-restored",
                            sha = sha.short(16),
                            from = from.display().to_string()
                        ));
                    }
                    for (file, why) in &report.refused {
                        ui.label(
                            RichText::new(t!(
                                "relink-refused",
                                file = file.display().to_string(),
                                why = why.to_string()
                            ))
                            .color(theme::warn_color(ui)),
                        );
                    }
                    for (sha, name) in &report.still_missing {
                        ui.label(
                            RichText::new(t!(
                                "relink-still-missing",
                                name = name.to_string(),
                                sha = sha.short(16)
                            ))
                            .color(theme::error_color(ui)),
                        );
                    }
                });
            ui.label(theme::hint(t!("relink-logged")));
        });
    if !open {
        c.status.relink_report = None;
    }
}
