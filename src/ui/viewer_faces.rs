//! Face suggestions in the viewer: Suggest faces searches the picture on a task
//! (`media::faces`), the regions found are drawn over it as dashed boxes, and the person
//! blurs them all, blurs them one by one with the Blur tool, or dismisses them. Every
//! time, the viewer says that faces turned away, small or covered are missed.

use std::path::PathBuf;

use eframe::egui::{self, Color32, Pos2, Rect, Stroke, Ui};

use super::task::{Task, TaskError};
use super::theme;
use super::viewer_marks::Marks;
use crate::durable::vault::{Source, Vault};
use crate::media::{faces, thumbs};
use crate::model::{RedactOp, Region};
use crate::t;

/// Faces being looked for, and the ones found, until blurred or dismissed.
#[derive(Default)]
pub struct FaceHelper {
    finding: Option<Task<Vec<Region>>>,
    /// The regions suggested; `Some(empty)` when the search found none.
    pub suggested: Option<Vec<Region>>,
    failed: Option<String>,
}

impl FaceHelper {
    /// Starts looking for faces in the stored picture at `path`.
    pub fn start(&mut self, ctx: &egui::Context, path: PathBuf, vault: Vault) {
        if self.finding.is_some() {
            return;
        }
        self.suggested = None;
        self.failed = None;
        self.finding = Some(Task::spawn(
            t!("viewer-faces-finding"),
            "faces",
            ctx,
            move |_| find(&path, &vault).map_err(TaskError::Nothing),
        ));
    }

    /// Takes in the faces found, once the search is done.
    pub fn poll(&mut self) {
        let Some(done) = self.finding.as_ref().and_then(Task::poll) else {
            return;
        };
        self.take(done);
    }

    /// Waits up to `timeout` for the search (for tests), and takes its result in.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(done) = self.finding.as_ref().and_then(|t| t.wait(timeout)) {
            self.take(done);
        }
    }

    fn take(&mut self, done: Result<Vec<Region>, TaskError>) {
        self.finding = None;
        match done {
            Ok(found) => self.suggested = Some(found),
            Err(e) => self.failed = Some(e.to_string()),
        }
    }

    /// The Suggest faces button, and what came of it: how many, the warning, Blur them
    /// all and Dismiss.
    pub fn bar(&mut self, ui: &mut Ui, enabled: bool, marks: &mut Marks) -> bool {
        let mut start = false;
        ui.horizontal_wrapped(|ui| {
            let busy = self.finding.is_some();
            if ui
                .add_enabled(
                    enabled && !busy,
                    egui::Button::new(t!("viewer-faces-suggest")),
                )
                .on_hover_text(t!("viewer-faces-suggest-hint"))
                .clicked()
            {
                start = true;
            }
            if busy {
                ui.spinner();
                ui.label(theme::hint(t!("viewer-faces-finding")));
            }
            if let Some(why) = &self.failed {
                ui.label(theme::hint(why.as_str()));
            }
            let Some(found) = &self.suggested else {
                return;
            };
            ui.label(t!("viewer-faces-found", count = found.len()));
            if !found.is_empty()
                && ui
                    .add_enabled(enabled, egui::Button::new(t!("viewer-faces-blur-all")))
                    .clicked()
            {
                marks
                    .ops
                    .extend(found.iter().map(|&region| RedactOp::Blur { region }));
                self.suggested = None;
            } else if ui.button(t!("viewer-faces-dismiss")).clicked() {
                self.suggested = None;
            }
        });
        if self.suggested.is_some() {
            ui.label(
                egui::RichText::new(t!("viewer-faces-warning")).color(ui.visuals().warn_fg_color),
            );
        }
        start
    }

    /// Draws the suggested regions as dashed boxes.
    pub fn paint(&self, painter: &egui::Painter, to_screen: impl Fn(Pos2) -> Pos2) {
        let Some(found) = &self.suggested else { return };
        let stroke = Stroke::new(2.0, Color32::from_rgb(80, 220, 255));
        for r in found {
            let rect = Rect::from_two_pos(
                to_screen(Pos2::new(r.x as f32, r.y as f32)),
                to_screen(Pos2::new((r.x + r.w) as f32, (r.y + r.h) as f32)),
            );
            let corners = [
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ];
            painter.extend(egui::Shape::dashed_line(&corners, stroke, 6.0, 4.0));
        }
    }
}

/// Decodes the stored picture reduced for the search and looks for faces, giving regions
/// in the original's pixels. A panic in the decoder or the detector is a reason, not a
/// crash.
fn find(path: &std::path::Path, vault: &Vault) -> Result<Vec<Region>, String> {
    let bytes = Source::stored(vault, path)
        .read_all(1 << 30)
        .map_err(|e| crate::durable::describe_io(&e))?;
    std::panic::catch_unwind(|| {
        let (rgba, full) =
            thumbs::for_screen(&bytes, path, faces::SEARCH_SIDE).map_err(|e| e.reason)?;
        faces::suggest(&image::DynamicImage::ImageRgba8(rgba), full)
    })
    .map_err(|_| t!("viewer-faces-failed"))?
}
