//! An attachment's details: everything recorded when it was imported (name, path, size,
//! type, SHA-256, who and when, embedded metadata) and its provenance, which can be edited.

use super::words;
use crate::t;
use eframe::egui::{self, ComboBox, Grid, RichText, TextEdit, Ui};

use super::editor::{DetailsState, Editor};
use super::{theme, widgets};
use crate::media::{human_size, metadata::human_duration};
use crate::model::{Attachment, CollectionMethod, SourceKind};

pub fn show(
    ctx: &egui::Context,
    editor: &mut Editor,
    details: &mut Option<DetailsState>,
    editable: bool,
) {
    let Some(state) = details else {
        return;
    };
    let Some(a) = editor
        .draft
        .attachments
        .iter_mut()
        .find(|a| a.sha256 == state.sha256)
    else {
        *details = None;
        return;
    };
    let mut open = true;
    egui::Window::new(t!("details-title", name = &a.name))
        .id(egui::Id::unique("attachment-details"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            recorded_on_import(ui, a);
            ui.separator();
            embedded(ui, a);
            every_field(ui, &state.embedded);
            ui.separator();
            ui.add_enabled_ui(editable, |ui| provenance(ui, a, state));
        });
    if !open {
        *details = None;
    }
}

fn row(ui: &mut Ui, name: &str, value: impl Into<String>) {
    ui.label(RichText::new(name).weak());
    ui.add(egui::Label::new(value.into()).wrap());
    ui.end_row();
}

fn recorded_on_import(ui: &mut Ui, a: &Attachment) {
    ui.label(RichText::new(t!("details-import")).strong());
    Grid::new("import-facts")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            row(ui, &t!("details-original-name"), a.name.clone());
            row(ui, &t!("details-imported-from"), a.original_path.clone());
            row(
                ui,
                &t!("details-size"),
                t!("details-bytes", size = human_size(a.size), bytes = a.size),
            );
            row(ui, &t!("details-type"), a.media_type.clone());
            ui.label(RichText::new("SHA-256").weak());
            ui.add(egui::Label::new(RichText::new(a.sha256.as_str()).monospace().small()).wrap())
                .on_hover_text(t!("details-sha-hint"));
            ui.end_row();
            row(
                ui,
                &t!("details-imported"),
                t!(
                    "details-imported-by",
                    when = a.imported_at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                    who = &a.imported_by
                ),
            );
            if let Some(src) = &a.derived_from {
                row(ui, &t!("details-working-copy"), src.to_string());
            }
        });
    ui.label(theme::hint(t!("details-read-only")));
}

fn embedded(ui: &mut Ui, a: &Attachment) {
    ui.label(RichText::new(t!("details-embedded")).strong());
    let m = &a.metadata;
    if m.is_empty() {
        ui.label(theme::hint(t!("details-none")));
        return;
    }
    Grid::new("embedded")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            if let (Some(w), Some(h)) = (m.width, m.height) {
                row(ui, &t!("details-size"), t!("details-pixels", w = w, h = h));
            }
            if let Some(d) = m.duration_secs {
                row(ui, &t!("details-duration"), human_duration(d));
            }
            if let Some(t) = &m.captured_at {
                row(ui, &t!("details-captured"), t.clone());
            }
            if let Some(c) = &m.camera {
                row(ui, &t!("details-camera"), c.clone());
            }
            if let Some(g) = &m.gps {
                let alt = g.alt.map(|a| format!(", {a:.0} m")).unwrap_or_default();
                row(
                    ui,
                    &t!("details-position"),
                    format!("{:.5}, {:.5}{alt}", g.lat, g.lon),
                );
            }
            if let Some(s) = &m.camera_serial {
                row(ui, &t!("details-serial"), s.clone());
            }
            if let Some(o) = m.orientation {
                row(ui, &t!("details-orientation"), format!("EXIF {o}"));
            }
        });
}

/// Every embedded field (EXIF, XMP, IPTC, PNG text, video tags), folded away until
/// asked for.
fn every_field(ui: &mut Ui, fields: &[crate::media::embedded::Field]) {
    if fields.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(t!("details-every-field", count = fields.len()))
        .id_salt("every-exif-field")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .show(ui, |ui| {
                    Grid::new("every-embedded")
                        .num_columns(3)
                        .spacing([10.0, 2.0])
                        .striped(true)
                        .show(ui, |ui| {
                            for f in fields {
                                ui.label(theme::hint(f.group));
                                row(ui, &f.name, f.value.clone());
                            }
                        });
                });
        });
}

fn provenance(ui: &mut Ui, a: &mut Attachment, state: &mut DetailsState) {
    ui.label(RichText::new(t!("details-provenance")).strong());
    let p = &mut a.provenance;
    Grid::new("provenance")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(t!("details-source"));
            ui.add(
                TextEdit::singleline(&mut p.source)
                    .hint_text(t!("details-source-hint"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t!("details-source-kind"));
            ComboBox::from_id_salt("source-kind")
                .selected_text(
                    p.source_kind
                        .map_or_else(|| t!("field-not-set"), words::source_kind),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut p.source_kind, None, t!("field-not-set"));
                    for k in SourceKind::ALL {
                        ui.selectable_value(&mut p.source_kind, Some(*k), words::source_kind(*k));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t!("details-collected-by"));
            ui.add(
                TextEdit::singleline(&mut p.collected_by)
                    .hint_text(t!("details-collected-by-hint"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t!("details-collected-on"));
            widgets::fuzzy_date_field(
                ui,
                l.id,
                &mut state.collected_at_text,
                &mut state.collected_at_error,
                &mut p.collected_at,
                "2020-11-02",
            );
            ui.end_row();
            let l = ui.label(t!("details-how"));
            ComboBox::from_id_salt("collection-method")
                .selected_text(p.method.map_or_else(|| t!("field-not-set"), words::method))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut p.method, None, t!("field-not-set"));
                    for m in CollectionMethod::ALL {
                        ui.selectable_value(&mut p.method, Some(*m), words::method(*m));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
        });
}
