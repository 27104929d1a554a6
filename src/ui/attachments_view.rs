//! A record's attachments, as cards with thumbnails. A preview with a graphic-violence
//! warning stays blurred until the person clicks Reveal (for that item, this session); the
//! View menu can hide graphic previews entirely.

use std::collections::HashSet;

use eframe::egui::{self, ComboBox, RichText, Ui, Vec2};

use super::editor::{DetailsState, Editor};
use super::thumbnailer::ThumbKey;
use super::thumbnails::{Thumb, Thumbnails};
use super::{Command, Prefs, theme};
use crate::media::{MediaClass, human_size};
use crate::model::{ContentWarning, Label, RecordId, Sha256};
use crate::store::Catalogue;

const CARD_WIDTH: f32 = 176.0;
const PREVIEW: f32 = 160.0;

/// What the attachment cards only read.
pub struct Env<'a> {
    pub cat: &'a Catalogue,
    pub prefs: &'a Prefs,
    pub editable: bool,
}

pub fn show(
    ui: &mut Ui,
    editor: &mut Editor,
    env: &Env<'_>,
    thumbs: &mut Thumbnails,
    revealed: &mut HashSet<(RecordId, Sha256)>,
    details: &mut Option<DetailsState>,
    commands: &mut Vec<Command>,
) {
    let Env {
        cat,
        prefs,
        editable,
    } = *env;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Attachments").strong());
        if editable && ui.button("Attach files...").clicked() {
            commands.push(Command::ChooseFilesToImport {
                into: Some(editor.draft.id),
            });
        }
    });
    if editor.draft.attachments.is_empty() {
        ui.label(theme::hint(
            "None yet. Attach files, or drop them onto the window.",
        ));
        return;
    }
    let record_id = editor.draft.id;
    let record_label = editor.draft.label;
    let record_graphic = editor.draft.is_graphic();
    let blobs = cat.blobs();
    let cache = cat.cache_dir();
    let cache = cat.is_writable().then_some(cache.as_path());
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (i, a) in editor.draft.attachments.iter_mut().enumerate() {
            let graphic = record_graphic || a.is_graphic();
            let key = (record_id, a.sha256.clone());
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(CARD_WIDTH);
                ui.vertical(|ui| {
                    let original = blobs.path_of(&a.sha256);
                    let shown = revealed.contains(&key);
                    preview(
                        ui,
                        thumbs,
                        &original,
                        cache,
                        &a.sha256,
                        &a.media_type,
                        graphic,
                        shown,
                        prefs,
                    );
                    if graphic && !shown && !prefs.hide_graphic_previews && a.is_image() {
                        if ui
                            .button("Reveal")
                            .on_hover_text("Show this graphic image, for this session only")
                            .accessible_name(format!("Reveal {}", a.name))
                            .clicked()
                        {
                            revealed.insert(key.clone());
                        }
                    } else if graphic && shown && ui.button("Blur again").clicked() {
                        revealed.remove(&key);
                    }
                    ui.add(egui::Label::new(RichText::new(&a.name).strong()).truncate())
                        .on_hover_text(&a.name);
                    ui.label(theme::hint(format!(
                        "{} - {}",
                        a.media_type,
                        human_size(a.size)
                    )));
                    ui.horizontal(|ui| {
                        theme::label_badge(ui, record_label.max(a.label)).on_hover_text(
                            "Effective label: the stricter of the record's and the file's",
                        );
                    });
                    ui.add_enabled_ui(editable, |ui| {
                        ComboBox::from_id_salt(("attachment-label", i))
                            .selected_text(format!("File: {}", a.label.as_str()))
                            .width(CARD_WIDTH - 8.0)
                            .show_ui(ui, |ui| {
                                for l in Label::ALL {
                                    ui.selectable_value(&mut a.label, l, l.as_str());
                                }
                            })
                            .response
                            .accessible_name(format!("Label of {}", a.name));
                        let mut g = a.warnings.contains(&ContentWarning::GraphicViolence);
                        if ui
                            .checkbox(&mut g, "Graphic violence")
                            .accessible_name(format!("{} shows graphic violence", a.name))
                            .changed()
                        {
                            if g {
                                a.warnings.insert(ContentWarning::GraphicViolence);
                            } else {
                                a.warnings.remove(&ContentWarning::GraphicViolence);
                            }
                        }
                    });
                    ui.horizontal(|ui| {
                        if ui
                            .button("Details")
                            .on_hover_text("Import record, embedded metadata and provenance")
                            .accessible_name(format!("Details of {}", a.name))
                            .clicked()
                        {
                            *details = Some(DetailsState {
                                sha256: a.sha256.clone(),
                                collected_at_text: a
                                    .provenance
                                    .collected_at
                                    .map(|d| d.to_string())
                                    .unwrap_or_default(),
                                collected_at_error: None,
                            });
                        }
                        if ui
                            .button("Open")
                            .on_hover_text(
                                "Open with the system's program (the original stays read-only)",
                            )
                            .accessible_name(format!("Open {}", a.name))
                            .clicked()
                        {
                            commands.push(Command::OpenAttachment {
                                sha256: a.sha256.clone(),
                                name: a.name.clone(),
                            });
                        }
                        if editable
                            && ui
                                .button("Remove")
                                .on_hover_text(
                                    "Remove from this record; the original stays in the catalogue",
                                )
                                .accessible_name(format!("Remove {}", a.name))
                                .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                    ui.label(
                        RichText::new(format!("sha256 {}", a.sha256.short(16)))
                            .monospace()
                            .small()
                            .weak(),
                    )
                    .on_hover_text(format!("SHA-256 of the original: {}", a.sha256));
                });
            });
        }
    });
    if let Some(i) = remove {
        editor.draft.attachments.remove(i);
    }
}

#[allow(clippy::too_many_arguments)]
fn preview(
    ui: &mut Ui,
    thumbs: &mut Thumbnails,
    original: &std::path::Path,
    cache: Option<&std::path::Path>,
    sha256: &Sha256,
    media_type: &str,
    graphic: bool,
    revealed: bool,
    prefs: &Prefs,
) {
    let size = Vec2::splat(PREVIEW);
    let class = MediaClass::of(media_type);
    if graphic && prefs.hide_graphic_previews {
        placeholder(ui, size, "Graphic preview hidden\n(View menu)");
        return;
    }
    if class != MediaClass::Photo {
        placeholder(ui, size, class.name());
        return;
    }
    let key = ThumbKey {
        sha256: sha256.clone(),
        obscured: graphic && !revealed,
    };
    match thumbs.get(&key, original, cache) {
        Thumb::Ready(texture) => {
            let sized = egui::load::SizedTexture::from_handle(texture);
            let alt = if key.obscured {
                "Blurred graphic preview"
            } else {
                "Preview"
            };
            ui.add(
                egui::Image::from_texture(sized)
                    .max_size(size)
                    .alt_text(alt),
            );
        }
        Thumb::Loading => {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            ui.put(rect, egui::Spinner::new());
        }
        Thumb::Failed(why) => {
            let response = placeholder(ui, size, "No preview");
            // Screen readers (and tests) get the reason, not only the hover text.
            let spoken = format!("No preview: {why}");
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, spoken.clone()));
            response.on_hover_text(why.to_string());
        }
    }
}

fn placeholder(ui: &mut Ui, size: Vec2, text: &str) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(13.0),
        ui.visuals().weak_text_color(),
    );
    response
}
