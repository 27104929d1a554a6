//! A record's attachments, as cards with thumbnails. A preview with a graphic-violence
//! warning stays blurred until the person clicks Reveal (for that item, this session); the
//! View menu can hide graphic previews entirely.

use std::collections::HashSet;
use std::path::Path;

use eframe::egui::{self, ComboBox, RichText, Ui, Vec2};

use super::editor::{DetailsState, Editor};
use super::thumbnailer::ThumbKey;
use super::thumbnails::{Thumb, Thumbnails};
use super::{Command, Prefs, theme};
use crate::media::{MediaClass, human_size};
use crate::model::{Attachment, ContentWarning, Label, RecordId, Sha256};
use crate::store::Catalogue;
use crate::t;

const CARD_WIDTH: f32 = 176.0;
/// What a card's frame adds to its width: the group frame's margins and stroke on both
/// sides.
const CARD_FRAME: f32 = 14.0;
const PREVIEW: f32 = 160.0;

/// What the attachment cards only read.
pub struct Env<'a> {
    pub cat: &'a Catalogue,
    pub prefs: &'a Prefs,
    pub editable: bool,
}

/// The attachments of the record being edited, one card each.
pub fn show(
    ui: &mut Ui,
    editor: &mut Editor,
    env: &Env<'_>,
    thumbs: &mut Thumbnails,
    revealed: &mut HashSet<(RecordId, Sha256)>,
    details: &mut Option<DetailsState>,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(t!("attach-heading")).strong());
        if env.editable && ui.button(t!("attach-files")).clicked() {
            commands.push(Command::ChooseFilesToImport {
                into: Some(editor.draft.id),
            });
        }
    });
    if editor.draft.attachments.is_empty() {
        ui.label(theme::hint(t!("attach-none")));
        return;
    }
    let cache = env.cat.cache_dir();
    let mut cards = Cards {
        env,
        cache: env.cat.is_writable().then_some(cache.as_path()),
        thumbs,
        revealed,
        details,
        commands,
        record: editor.draft.id,
        record_label: editor.draft.label,
        record_graphic: editor.draft.is_graphic(),
    };
    let mut remove = None;
    // Rows of as many cards as fit: egui cannot wrap a frame it has not drawn yet, so a
    // single wrapped row would run past the editor's right edge.
    let per_card = CARD_WIDTH + CARD_FRAME + ui.spacing().item_spacing.x;
    let per_row = ((ui.available_width() + ui.spacing().item_spacing.x) / per_card)
        .floor()
        .max(1.0) as usize;
    let mut cards_left = editor.draft.attachments.iter_mut().enumerate().peekable();
    while cards_left.peek().is_some() {
        ui.horizontal(|ui| {
            for (i, a) in cards_left.by_ref().take(per_row) {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(CARD_WIDTH);
                    ui.vertical(|ui| {
                        if cards.card(ui, i, a) {
                            remove = Some(i);
                        }
                    });
                });
            }
        });
    }
    if let Some(i) = remove {
        editor.draft.attachments.remove(i);
    }
}

/// What drawing the cards of one record needs.
struct Cards<'a> {
    env: &'a Env<'a>,
    /// Where thumbnails are kept (None for a read-only catalogue: nothing is written).
    cache: Option<&'a Path>,
    thumbs: &'a mut Thumbnails,
    revealed: &'a mut HashSet<(RecordId, Sha256)>,
    details: &'a mut Option<DetailsState>,
    commands: &'a mut Vec<Command>,
    record: RecordId,
    record_label: Label,
    record_graphic: bool,
}

impl Cards<'_> {
    /// One attachment's card; true when its Remove button was pressed.
    fn card(&mut self, ui: &mut Ui, i: usize, a: &mut Attachment) -> bool {
        let graphic = self.record_graphic || a.is_graphic();
        let key = (self.record, a.sha256.clone());
        let shown = self.revealed.contains(&key);
        let prefs = self.env.prefs;
        self.preview(ui, a, graphic, shown);
        if graphic && !shown && !prefs.hide_graphic_previews && a.is_image() {
            if ui
                .button(t!("attach-reveal"))
                .on_hover_text(t!("attach-reveal-hint"))
                .accessible_name(t!("attach-reveal-name", name = &a.name))
                .clicked()
            {
                self.revealed.insert(key);
            }
        } else if graphic && shown && ui.button(t!("attach-blur")).clicked() {
            self.revealed.remove(&key);
        }
        ui.add(egui::Label::new(RichText::new(&a.name).strong()).truncate())
            .on_hover_text(&a.name);
        ui.label(theme::hint(format!(
            "{} - {}",
            a.media_type,
            human_size(a.size)
        )));
        ui.horizontal_wrapped(|ui| {
            theme::label_badge(ui, self.record_label.max(a.label))
                .on_hover_text(t!("attach-effective-label"));
            telling_badges(ui, a);
        });
        ui.add_enabled_ui(self.env.editable, |ui| label_and_warning(ui, i, a));
        let remove = ui.horizontal(|ui| self.buttons(ui, a)).inner;
        ui.label(
            RichText::new(format!("sha256 {}", a.sha256.short(16)))
                .monospace()
                .small()
                .weak(),
        )
        .on_hover_text(crate::t!(
            "attachment-sha-hover",
            sha = a.sha256.to_string()
        ));
        remove
    }

    /// Details, Open and (when editable) Remove; true when Remove was pressed.
    fn buttons(&mut self, ui: &mut Ui, a: &Attachment) -> bool {
        if ui
            .button(t!("attach-details"))
            .on_hover_text(t!("attach-details-hint"))
            .accessible_name(t!("attach-details-of", name = &a.name))
            .clicked()
        {
            *self.details = Some(DetailsState {
                sha256: a.sha256.clone(),
                collected_at_text: a
                    .provenance
                    .collected_at
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                collected_at_error: None,
                embedded: {
                    let blobs = self.env.cat.blobs();
                    let path = blobs.path_of(&a.sha256);
                    let src = crate::durable::vault::Source::stored(blobs.vault(), &path);
                    crate::media::embedded::inspect(src, &a.media_type).fields
                },
            });
        }
        if super::viewer::can_view(a)
            && ui
                .button(t!("attach-view"))
                .on_hover_text(t!("attach-view-hint"))
                .accessible_name(t!("attach-view-name", name = &a.name))
                .clicked()
        {
            self.commands.push(Command::ViewAttachment {
                record: self.record,
                sha256: a.sha256.clone(),
            });
        }
        if ui
            .button(t!("attach-open"))
            .on_hover_text(t!("attach-open-hint"))
            .accessible_name(t!("attach-open-name", name = &a.name))
            .clicked()
        {
            self.commands.push(Command::OpenAttachment {
                sha256: a.sha256.clone(),
                name: a.name.clone(),
            });
        }
        self.env.editable
            && ui
                .button(t!("attach-remove"))
                .on_hover_text(t!("attach-remove-hint"))
                .accessible_name(t!("attach-remove-name", name = &a.name))
                .clicked()
    }

    /// The thumbnail: blurred while graphic and not revealed, a placeholder for what is
    /// not a photograph or is hidden.
    fn preview(&mut self, ui: &mut Ui, a: &Attachment, graphic: bool, revealed: bool) {
        let size = Vec2::splat(PREVIEW);
        let class = MediaClass::of(&a.media_type);
        if graphic && self.env.prefs.hide_graphic_previews {
            placeholder(ui, size, &t!("attach-hidden"));
            return;
        }
        let previewed = matches!(
            class,
            MediaClass::Photo | MediaClass::Audio | MediaClass::Video
        ) || a.media_type == "application/pdf";
        if !previewed {
            placeholder(ui, size, &super::words::media_class(class));
            return;
        }
        let key = ThumbKey {
            sha256: a.sha256.clone(),
            obscured: graphic && !revealed,
        };
        let original = self.env.cat.blobs().path_of(&a.sha256);
        let vault = self.env.cat.vault();
        let source = crate::durable::vault::Source::stored(vault, &original);
        match self.thumbs.get(&key, source, self.cache) {
            Thumb::Ready(texture) => {
                let sized = egui::load::SizedTexture::from_handle(texture);
                let alt = if key.obscured {
                    t!("attach-blurred")
                } else {
                    t!("attach-preview")
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
                let response = placeholder(ui, size, &t!("attach-no-preview"));
                // Screen readers (and tests) get the reason, not only the hover text.
                let spoken = t!("attach-no-preview-why", why = why.to_string());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Label, true, spoken.clone())
                });
                response.on_hover_text(why.to_string());
            }
        }
    }
}

/// Warnings for what the file says about where it was made and by which device.
fn telling_badges(ui: &mut Ui, a: &Attachment) {
    let warn = ui.visuals().warn_fg_color;
    if a.metadata.gps.is_some() {
        ui.label(RichText::new(t!("attach-has-gps")).small().color(warn))
            .on_hover_text(t!("attach-has-gps-hint"));
    }
    if a.metadata.camera_serial.is_some() {
        ui.label(RichText::new(t!("attach-has-serial")).small().color(warn))
            .on_hover_text(t!("attach-has-serial-hint"));
    }
}

/// The file's own label, and its graphic-violence warning.
fn label_and_warning(ui: &mut Ui, i: usize, a: &mut Attachment) {
    ComboBox::from_id_salt(("attachment-label", i))
        .selected_text(t!("attach-file-label", label = a.label.as_str()))
        .width(CARD_WIDTH - 8.0)
        .show_ui(ui, |ui| {
            for l in Label::ALL {
                ui.selectable_value(&mut a.label, l, l.as_str());
            }
        })
        .response
        .accessible_name(t!("attach-label-of", name = &a.name));
    let mut g = a.warnings.contains(&ContentWarning::GraphicViolence);
    if ui
        .checkbox(&mut g, t!("attach-graphic"))
        .accessible_name(t!("attach-graphic-name", name = &a.name))
        .changed()
    {
        if g {
            a.warnings.insert(ContentWarning::GraphicViolence);
        } else {
            a.warnings.remove(&ContentWarning::GraphicViolence);
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
