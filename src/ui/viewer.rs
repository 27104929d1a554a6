//! The viewer: one attachment of a record at full size, with zoom and pan, the record's
//! other files one key away, and the redaction tools (`viewer_marks.rs`).
//!
//! The picture is decoded on its own thread and shown at most `SHOW_SIDE` pixels on its
//! longest side (a 50-megapixel photo becomes an 8-megapixel texture: one picture's
//! worth of memory, never a stalled frame); marks are kept in the original's pixels.
//! Graphic items stay blurred until revealed, as on their cards.

use eframe::egui::{self, Key, Pos2, Rect, RichText, Sense, TextureHandle, Ui, Vec2};

use super::session::Session;
use super::task::{Task, TaskError};
use super::viewer_faces::FaceHelper;
use super::viewer_marks::{Marks, Tool};
use super::{Command, theme};
use crate::durable::vault::{Source, Vault};
use crate::media::{MediaClass, human_size, thumbs};
use crate::model::{Attachment, RecordId, Sha256};
use crate::t;

/// The longest side of the picture as shown (a texture of at most 64 MB).
pub const SHOW_SIDE: u32 = 4096;
const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 16.0;

/// A picture decoded for showing: its pixels (reduced), the original's size, and for a
/// PDF its page count.
pub struct Decoded {
    pub image: egui::ColorImage,
    pub full: [u32; 2],
    pub pages: Option<usize>,
}

/// The longest side of a PDF page as shown.
const PAGE_SIDE: u32 = 1600;

struct Picture {
    texture: TextureHandle,
    full: [u32; 2],
}

/// The viewer's state: which file, how it is shown, and the redaction being drawn.
pub struct Viewer {
    pub record: RecordId,
    pub sha256: Sha256,
    picture: Option<Picture>,
    blurred: Option<TextureHandle>,
    loading: Option<Task<Decoded>>,
    failed: Option<String>,
    /// None: fit the picture to the window.
    zoom: Option<f32>,
    pan: Vec2,
    pub marks: Marks,
    /// The PDF page shown (from 0), and how many there are once known.
    pub page: usize,
    pub pages: Option<usize>,
    /// Set when Previous record or Next record found no more records that way.
    pub end_of_list: Option<isize>,
    /// Faces suggested for blurring.
    pub faces: FaceHelper,
}

impl Viewer {
    /// Opens the viewer on one attachment of a record.
    pub fn new(record: RecordId, sha256: Sha256, copy_label: crate::model::Label) -> Viewer {
        Viewer {
            record,
            sha256,
            picture: None,
            blurred: None,
            loading: None,
            failed: None,
            zoom: None,
            pan: Vec2::ZERO,
            marks: Marks::new(copy_label),
            page: 0,
            pages: None,
            end_of_list: None,
            faces: FaceHelper::default(),
        }
    }

    /// Shows another page of a PDF (`step` pages on, or back when negative).
    fn turn(&mut self, step: isize) {
        let Some(pages) = self.pages else { return };
        let page = (self.page as isize + step).clamp(0, pages as isize - 1) as usize;
        if page != self.page {
            self.page = page;
            self.picture = None;
            self.loading = None;
            self.failed = None;
        }
    }

    /// True once the picture is decoded and shown.
    pub fn is_loaded(&self) -> bool {
        self.picture.is_some()
    }

    /// The original's size in pixels, once decoded.
    pub fn full_size(&self) -> Option<[u32; 2]> {
        self.picture.as_ref().map(|p| p.full)
    }

    fn go_to(&mut self, sha256: Sha256) {
        let label = self.marks.label;
        *self = Viewer::new(self.record, sha256, label);
    }

    /// Starts decoding the current file, once.
    fn load(&mut self, ctx: &egui::Context, a: &Attachment, source: (std::path::PathBuf, Vault)) {
        if self.picture.is_some() || self.loading.is_some() || self.failed.is_some() {
            return;
        }
        let (path, vault) = source;
        if a.media_type == "application/pdf" {
            let page = self.page;
            self.loading = Some(Task::spawn(
                t!("viewer-loading"),
                "viewer",
                ctx,
                move |_| pdf_page(&path, &vault, page).map_err(TaskError::Nothing),
            ));
            return;
        }
        if MediaClass::of(&a.media_type) == MediaClass::Video {
            let duration = a.metadata.duration_secs.unwrap_or(0.0);
            self.loading = Some(Task::spawn(
                t!("viewer-loading"),
                "viewer",
                ctx,
                move |_| video_strip(&path, &vault, duration).map_err(TaskError::Nothing),
            ));
            return;
        }
        if MediaClass::of(&a.media_type) != MediaClass::Photo {
            self.failed = Some(t!("viewer-not-picture", kind = a.media_type.clone()));
            return;
        }
        self.loading = Some(Task::spawn(
            t!("viewer-loading"),
            "viewer",
            ctx,
            move |_| decode(&path, &vault).map_err(TaskError::Nothing),
        ));
    }

    /// Waits up to `timeout` for the picture being decoded (for tests), and takes it in.
    pub fn wait(&mut self, ctx: &egui::Context, timeout: std::time::Duration) {
        if let Some(done) = self.loading.as_ref().and_then(|t| t.wait(timeout)) {
            self.loading = None;
            self.take(ctx, done);
        }
    }

    /// Takes in the decoded picture.
    fn poll(&mut self, ctx: &egui::Context) {
        let Some(done) = self.loading.as_ref().and_then(Task::poll) else {
            return;
        };
        self.loading = None;
        self.take(ctx, done);
    }

    fn take(&mut self, ctx: &egui::Context, done: Result<Decoded, TaskError>) {
        match done {
            Ok(d) => {
                let small = thumbs::obscure(&color_to_rgba(&d.image));
                let blurred = egui::ColorImage::from_rgba_unmultiplied(
                    [small.width() as usize, small.height() as usize],
                    small.as_raw(),
                );
                self.blurred =
                    Some(ctx.load_texture("viewer-blurred", blurred, Default::default()));
                self.picture = Some(Picture {
                    texture: ctx.load_texture("viewer", d.image, Default::default()),
                    full: d.full,
                });
                self.pages = d.pages.or(self.pages);
            }
            Err(e) => self.failed = Some(e.to_string()),
        }
    }
}

/// Decodes the original within the limits, turned the right way up, reduced to at most
/// [`SHOW_SIDE`] on its longest side.
pub fn decode(path: &std::path::Path, vault: &Vault) -> Result<Decoded, String> {
    let bytes = Source::stored(vault, path)
        .read_all(1 << 30)
        .map_err(|e| crate::durable::describe_io(&e))?;
    let (rgba, full) = std::panic::catch_unwind(|| thumbs::for_screen(&bytes, path, SHOW_SIDE))
        .map_err(|_| t!("viewer-damaged"))?
        .map_err(|e| e.reason)?;
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(Decoded {
        image: egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()),
        full,
        pages: None,
    })
}

/// A strip of frames across a video (`media::video::strip`); an encrypted catalogue's
/// video is decrypted into memory for it.
fn video_strip(path: &std::path::Path, vault: &Vault, duration: f64) -> Result<Decoded, String> {
    let img = crate::media::video::with_plain_path(Source::stored(vault, path), |plain| {
        crate::media::video::strip(plain, duration, 320)
    })?;
    let size = [img.width() as usize, img.height() as usize];
    Ok(Decoded {
        image: egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()),
        full: [img.width(), img.height()],
        pages: None,
    })
}

/// Renders page `page` of a PDF in the preview worker.
fn pdf_page(path: &std::path::Path, vault: &Vault, page: usize) -> Result<Decoded, String> {
    let bytes = Source::stored(vault, path)
        .read_all(1 << 30)
        .map_err(|e| crate::durable::describe_io(&e))?;
    let (img, pages) = crate::media::worker::render_page(&bytes, page, PAGE_SIDE)?;
    let size = [img.width() as usize, img.height() as usize];
    Ok(Decoded {
        image: egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()),
        full: [img.width(), img.height()],
        pages: Some(pages),
    })
}

fn color_to_rgba(img: &egui::ColorImage) -> image::RgbaImage {
    let [w, h] = img.size;
    let raw: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    image::RgbaImage::from_raw(w as u32, h as u32, raw).unwrap_or_default()
}

/// Whether the viewer shows this kind of file (pictures, PDFs, videos).
pub fn can_view(a: &Attachment) -> bool {
    a.is_image()
        || a.media_type == "application/pdf"
        || MediaClass::of(&a.media_type) == MediaClass::Video
}

/// The next record in the list (`step` 1) or the previous one (-1) after `from` that has
/// a file the viewer shows, with that file; `None` at the list's end.
fn record_beside(session: &mut Session, from: RecordId, step: isize) -> Option<(RecordId, Sha256)> {
    let (ids, cat) = session.listing();
    let at = ids.iter().position(|id| *id == from)?;
    let mut i = at as isize + step;
    while let Some(id) = usize::try_from(i).ok().and_then(|i| ids.get(i)) {
        if let Some(a) = cat
            .get(id)
            .and_then(|r| r.attachments.iter().find(|a| can_view(a)))
        {
            return Some((*id, a.sha256.clone()));
        }
        i += step;
    }
    None
}

/// Shows the viewer window while it is open.
pub fn show(
    ctx: &egui::Context,
    viewer: &mut Option<Viewer>,
    session: &mut Session,
    commands: &mut Vec<Command>,
) {
    let Some(v) = viewer else { return };
    let Some(record) = session.cat.get(&v.record).cloned() else {
        *viewer = None;
        return;
    };
    let files: Vec<&Attachment> = record.attachments.iter().collect();
    let Some(at) = files.iter().position(|a| a.sha256 == v.sha256) else {
        *viewer = None;
        return;
    };
    let a = files[at];
    let blobs = session.cat.blobs();
    v.load(
        ctx,
        a,
        (blobs.path_of(&a.sha256), session.cat.vault().clone()),
    );
    v.poll(ctx);
    v.faces.poll();
    let graphic = record.is_graphic() || a.is_graphic();
    let key = (v.record, a.sha256.clone());
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(t!("viewer-title", name = &a.name))
        .id(egui::Id::unique("viewer"))
        .open(&mut open)
        .default_size(screen.size() * 0.85)
        .default_pos(screen.center())
        .pivot(egui::Align2::CENTER_CENTER)
        .collapsible(false)
        .show(ctx, |ui| {
            let revealed = !graphic || session.revealed.contains(&key);
            let mut go = None;
            let mut go_record = None;
            top_bar(ui, v, (at, files.len()), a, &mut go);
            record_bar(ui, v.end_of_list, &mut go_record);
            if graphic {
                reveal_bar(ui, &mut session.revealed, key.clone());
            }
            let editable = session.cat.is_writable() && a.is_image();
            if v.pages.is_some_and(|n| n > 1) {
                page_bar(ui, v);
            }
            let drawable = editable && revealed && v.is_loaded();
            v.marks.tools(ui, drawable, v.record, a, commands);
            if v.faces.bar(ui, drawable, &mut v.marks) {
                let vault = session.cat.vault().clone();
                v.faces.start(ctx, blobs.path_of(&a.sha256), vault);
            }
            ui.separator();
            picture(ui, v, revealed);
            keys(ui, v, &mut go, &mut go_record);
            if let Some(step) = go_record {
                match record_beside(session, v.record, step) {
                    Some((id, sha)) => {
                        *v = Viewer::new(id, sha, v.marks.label);
                        commands.push(Command::Select(Some(id)));
                    }
                    None => v.end_of_list = Some(step),
                }
            } else if let Some(step) = go {
                let next = (at as isize + step).rem_euclid(files.len() as isize) as usize;
                let sha = files[next].sha256.clone();
                v.go_to(sha);
            }
        });
    if !open {
        *viewer = None;
    }
}

/// Previous, next, where in the record, zoom buttons, and what the file is.
fn top_bar(
    ui: &mut Ui,
    v: &mut Viewer,
    (at, of): (usize, usize),
    a: &Attachment,
    go: &mut Option<isize>,
) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(of > 1, egui::Button::new(t!("viewer-previous")))
            .on_hover_text(t!("viewer-previous-hint"))
            .clicked()
        {
            *go = Some(-1);
        }
        if ui
            .add_enabled(of > 1, egui::Button::new(t!("viewer-next")))
            .on_hover_text(t!("viewer-next-hint"))
            .clicked()
        {
            *go = Some(1);
        }
        ui.label(t!("viewer-position", at = at + 1, of = of));
        ui.separator();
        if ui.button(t!("viewer-fit")).on_hover_text("0").clicked() {
            v.zoom = None;
            v.pan = Vec2::ZERO;
        }
        if ui.button("100%").on_hover_text("1").clicked() {
            v.zoom = Some(1.0);
        }
        if ui.button("+").on_hover_text(t!("viewer-zoom-in")).clicked() {
            zoom_by(v, 1.25);
        }
        if ui
            .button("-")
            .on_hover_text(t!("viewer-zoom-out"))
            .clicked()
        {
            zoom_by(v, 0.8);
        }
        ui.separator();
        let size = v
            .full_size()
            .map(|[w, h]| format!("{w} x {h} px, "))
            .unwrap_or_default();
        ui.label(theme::hint(format!(
            "{size}{}, {}",
            a.media_type,
            human_size(a.size)
        )));
    });
}

/// Previous record and Next record in the list (Up and Down), skipping records with no
/// file to view; says so at either end of the list.
fn record_bar(ui: &mut Ui, end: Option<isize>, go: &mut Option<isize>) {
    ui.horizontal(|ui| {
        if ui
            .button(t!("viewer-previous-record"))
            .on_hover_text(t!("viewer-previous-record-hint"))
            .clicked()
        {
            *go = Some(-1);
        }
        if ui
            .button(t!("viewer-next-record"))
            .on_hover_text(t!("viewer-next-record-hint"))
            .clicked()
        {
            *go = Some(1);
        }
        match end {
            Some(-1) => ui.label(theme::hint(t!("viewer-first-record"))),
            Some(_) => ui.label(theme::hint(t!("viewer-last-record"))),
            None => ui.label(theme::hint(t!("viewer-records-hint"))),
        };
    });
}

/// A PDF's pages: previous, next, which (Page Up and Page Down too).
fn page_bar(ui: &mut Ui, v: &mut Viewer) {
    let pages = v.pages.unwrap_or(1);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(v.page > 0, egui::Button::new(t!("viewer-page-previous")))
            .on_hover_text("Page Up")
            .clicked()
        {
            v.turn(-1);
        }
        if ui
            .add_enabled(
                v.page + 1 < pages,
                egui::Button::new(t!("viewer-page-next")),
            )
            .on_hover_text("Page Down")
            .clicked()
        {
            v.turn(1);
        }
        ui.label(t!("viewer-page", at = v.page + 1, of = pages));
    });
    let (up, down) = ui.input(|i| (i.key_pressed(Key::PageUp), i.key_pressed(Key::PageDown)));
    if up {
        v.turn(-1);
    }
    if down {
        v.turn(1);
    }
}

/// The graphic warning, with Reveal or Blur again.
fn reveal_bar(
    ui: &mut Ui,
    revealed: &mut std::collections::HashSet<(RecordId, Sha256)>,
    key: (RecordId, Sha256),
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(t!("viewer-graphic")).color(ui.visuals().warn_fg_color));
        if revealed.contains(&key) {
            if ui.button(t!("attach-blur")).clicked() {
                revealed.remove(&key);
            }
        } else if ui
            .button(t!("attach-reveal"))
            .on_hover_text(t!("attach-reveal-hint"))
            .clicked()
        {
            revealed.insert(key);
        }
    });
}

fn zoom_by(v: &mut Viewer, factor: f32) {
    let now = v.zoom.unwrap_or(1.0);
    v.zoom = Some((now * factor).clamp(MIN_ZOOM, MAX_ZOOM));
}

/// The picture, fitted or zoomed and panned, with the marks drawn over it.
fn picture(ui: &mut Ui, v: &mut Viewer, revealed: bool) {
    let area = ui.available_rect_before_wrap();
    let area = Rect::from_min_size(area.min, area.size().max(Vec2::splat(64.0)));
    let response = ui.allocate_rect(area, Sense::click_and_drag());
    let painter = ui.painter_at(area);
    painter.rect_filled(area, 0.0, ui.visuals().extreme_bg_color);
    let Some(p) = &v.picture else {
        let text = match (&v.failed, &v.loading) {
            (Some(why), _) => t!("viewer-no-picture", why = why.clone()),
            (None, Some(_)) => t!("viewer-loading"),
            (None, None) => String::new(),
        };
        painter.text(
            area.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(15.0),
            ui.visuals().text_color(),
        );
        return;
    };
    let full = Vec2::new(p.full[0] as f32, p.full[1] as f32);
    let fit = (area.width() / full.x).min(area.height() / full.y);
    let scale = v.zoom.unwrap_or(fit);
    if response.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            v.zoom = Some((scale * (1.0 + scroll / 400.0)).clamp(MIN_ZOOM, MAX_ZOOM));
        }
    }
    let shown = Rect::from_center_size(area.center() + v.pan, full * scale);
    let texture = match (revealed, &v.blurred) {
        (false, Some(b)) => b.id(),
        _ => p.texture.id(),
    };
    let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
    painter.image(texture, shown, uv, egui::Color32::WHITE);
    let to_image = |pos: Pos2| ((pos - shown.min) / scale).to_pos2();
    let to_screen = |pos: Pos2| shown.min + pos.to_vec2() * scale;
    if v.marks.tool == Tool::Look {
        if response.dragged() {
            v.pan += response.drag_delta();
        }
    } else if revealed {
        v.marks.drag(&response, to_image, p.full);
    }
    v.marks.paint(&painter, to_screen);
    v.faces.paint(&painter, to_screen);
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, t!("viewer-picture")));
}

/// Left and Right: previous and next file; Up and Down: previous and next record in the
/// list; + and -: zoom; 0: fit; 1: 100%.
fn keys(ui: &mut Ui, v: &mut Viewer, go: &mut Option<isize>, go_record: &mut Option<isize>) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    ui.input(|i| {
        if i.key_pressed(Key::ArrowUp) {
            *go_record = Some(-1);
        }
        if i.key_pressed(Key::ArrowDown) {
            *go_record = Some(1);
        }
        if i.key_pressed(Key::ArrowLeft) {
            *go = Some(-1);
        }
        if i.key_pressed(Key::ArrowRight) {
            *go = Some(1);
        }
    });
    let (plus, minus, fit, one) = ui.input(|i| {
        (
            i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
            i.key_pressed(Key::Minus),
            i.key_pressed(Key::Num0),
            i.key_pressed(Key::Num1),
        )
    });
    if plus {
        zoom_by(v, 1.25);
    }
    if minus {
        zoom_by(v, 0.8);
    }
    if fit {
        v.zoom = None;
        v.pan = Vec2::ZERO;
    }
    if one {
        v.zoom = Some(1.0);
    }
}
