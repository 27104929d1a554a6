//! The History tab of the right panel: the selected record's chain of custody, newest
//! first, straight from the audit log.

use eframe::egui::{self, RichText, Ui};

use super::theme;
use crate::model::RecordId;
use crate::store::Catalogue;

pub fn show(ui: &mut Ui, cat: &Catalogue, id: RecordId) {
    let entries = cat.audit().for_record(&id);
    if entries.is_empty() {
        ui.label(theme::hint("Nothing is logged for this record yet."));
        return;
    }
    ui.label(theme::hint(format!(
        "{} entries in the audit log, newest first. Each names the SHA-256 of the record file it left.",
        entries.len()
    )));
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for e in &entries {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(e.action.name()).strong());
                        ui.label(theme::hint(format!(
                            "{} by {}",
                            e.time.strftime("%Y-%m-%d %H:%M UTC"),
                            e.actor
                        )));
                    });
                    let detail = e.detail_text();
                    if !detail.is_empty() {
                        ui.add(egui::Label::new(detail).wrap());
                    }
                    if let Some(sha) = &e.attachment {
                        ui.label(theme::hint(format!("file sha256 {}", sha.short(16))));
                    }
                    ui.label(
                        RichText::new(format!("entry {}  hash {}", e.seq, e.hash.short(16)))
                            .monospace()
                            .small()
                            .weak(),
                    )
                    .on_hover_text(format!(
                        "This entry's hash: {}\nThe entry before: {}",
                        e.hash, e.prev
                    ));
                });
            }
        });
}
