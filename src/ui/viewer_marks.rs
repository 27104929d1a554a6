//! The viewer's redaction tools: regions drawn over the picture to blur or black out, a
//! crop, the copy's label, and Save redacted copy. Regions are kept in the original's
//! pixels whatever the zoom; the copy is made in the background (`media::redact`) and
//! added to the same record, the original never changed.

use eframe::egui::{self, Color32, ComboBox, Pos2, Rect, Response, Stroke, Ui};

use super::{Command, theme};
use crate::model::{Attachment, Label, RecordId, RedactOp, Region};
use crate::t;

/// What a drag over the picture does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Moves the picture.
    Look,
    /// Marks a region to blur.
    Blur,
    /// Marks a region to black out.
    Fill,
    /// Marks the part to keep.
    Crop,
}

/// The redaction being drawn.
pub struct Marks {
    pub tool: Tool,
    pub ops: Vec<RedactOp>,
    /// The copy's label.
    pub label: Label,
    drag_from: Option<Pos2>,
    drag_to: Option<Pos2>,
}

impl Marks {
    /// No marks yet; the copy labelled `label` unless the person chooses otherwise.
    pub fn new(label: Label) -> Marks {
        Marks {
            tool: Tool::Look,
            ops: Vec::new(),
            label,
            drag_from: None,
            drag_to: None,
        }
    }

    /// The tools, the marks made, the copy's label and Save.
    pub fn tools(
        &mut self,
        ui: &mut Ui,
        enabled: bool,
        record: RecordId,
        a: &Attachment,
        commands: &mut Vec<Command>,
    ) {
        ui.add_enabled_ui(enabled, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(t!("viewer-redact"));
                for (tool, name, hint) in [
                    (
                        Tool::Look,
                        t!("viewer-tool-look"),
                        t!("viewer-tool-look-hint"),
                    ),
                    (
                        Tool::Blur,
                        t!("viewer-tool-blur"),
                        t!("viewer-tool-blur-hint"),
                    ),
                    (
                        Tool::Fill,
                        t!("viewer-tool-fill"),
                        t!("viewer-tool-fill-hint"),
                    ),
                    (
                        Tool::Crop,
                        t!("viewer-tool-crop"),
                        t!("viewer-tool-crop-hint"),
                    ),
                ] {
                    ui.selectable_value(&mut self.tool, tool, name)
                        .on_hover_text(hint);
                }
                ui.separator();
                let marked = self.ops.len();
                ui.label(theme::hint(t!("viewer-marks", count = marked)));
                if ui
                    .add_enabled(marked > 0, egui::Button::new(t!("viewer-undo-mark")))
                    .clicked()
                {
                    self.ops.pop();
                }
            });
            self.save_row(ui, record, a, commands);
        });
    }

    /// The copy's label, Save redacted copy, and Copy without metadata.
    fn save_row(
        &mut self,
        ui: &mut Ui,
        record: RecordId,
        a: &Attachment,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t!("viewer-copy-label"));
            ComboBox::from_id_salt("viewer-copy-label")
                .selected_text(self.label.as_str())
                .show_ui(ui, |ui| {
                    for l in Label::ALL {
                        ui.selectable_value(&mut self.label, l, l.as_str());
                    }
                })
                .response
                .labelled_by(l.id);
            let save = ui
                .add_enabled(
                    !self.ops.is_empty(),
                    egui::Button::new(t!("viewer-save-copy")),
                )
                .on_hover_text(t!("viewer-save-copy-hint"));
            let strip = ui
                .button(t!("viewer-strip-only"))
                .on_hover_text(t!("viewer-strip-only-hint"));
            let ops = match (save.clicked(), strip.clicked()) {
                (true, _) => Some(std::mem::take(&mut self.ops)),
                (_, true) => Some(vec![RedactOp::StripMetadata]),
                _ => None,
            };
            if let Some(ops) = ops {
                commands.push(Command::SaveRedactedCopy {
                    record,
                    sha256: a.sha256.clone(),
                    ops,
                    label: self.label,
                });
                self.tool = Tool::Look;
            }
        });
    }

    /// Follows a drag over the picture with the chosen tool; `to_image` turns a screen
    /// position into the original's pixels, `full` is its size.
    pub fn drag(&mut self, response: &Response, to_image: impl Fn(Pos2) -> Pos2, full: [u32; 2]) {
        let at = response.interact_pointer_pos().map(&to_image);
        if response.drag_started() {
            // Where the button went down, not where the drag was first noticed.
            let origin = response.ctx.input(|i| i.pointer.press_origin());
            self.drag_from = origin.map(&to_image).or(at);
            self.drag_to = at;
        } else if response.dragged() {
            self.drag_to = at.or(self.drag_to);
        }
        if !response.drag_stopped() {
            return;
        }
        let (Some(a), Some(b)) = (self.drag_from.take(), self.drag_to.take()) else {
            return;
        };
        let Some(region) = region_between(a, b, full) else {
            return;
        };
        match self.tool {
            Tool::Blur => self.ops.push(RedactOp::Blur { region }),
            Tool::Fill => self.ops.push(RedactOp::Fill { region }),
            Tool::Crop => {
                self.ops.retain(|o| !matches!(o, RedactOp::Crop { .. }));
                self.ops.push(RedactOp::Crop { region });
            }
            Tool::Look => {}
        }
    }

    /// Draws the marks (and the one being drawn) over the picture.
    pub fn paint(&self, painter: &egui::Painter, to_screen: impl Fn(Pos2) -> Pos2) {
        let rect = |r: &Region| {
            Rect::from_two_pos(
                to_screen(Pos2::new(r.x as f32, r.y as f32)),
                to_screen(Pos2::new((r.x + r.w) as f32, (r.y + r.h) as f32)),
            )
        };
        let outline = Stroke::new(2.0, Color32::from_rgb(255, 200, 0));
        for op in &self.ops {
            match op {
                RedactOp::Blur { region } => {
                    painter.rect_filled(
                        rect(region),
                        0.0,
                        Color32::from_gray(128).gamma_multiply(0.85),
                    );
                    painter.rect_stroke(rect(region), 0.0, outline, egui::StrokeKind::Inside);
                }
                RedactOp::Fill { region } => {
                    painter.rect_filled(rect(region), 0.0, Color32::BLACK);
                }
                RedactOp::Crop { region } => {
                    let blue = Stroke::new(3.0, Color32::from_rgb(80, 200, 255));
                    painter.rect_stroke(rect(region), 0.0, blue, egui::StrokeKind::Outside);
                }
                RedactOp::StripMetadata => {}
            }
        }
        if let (Some(a), Some(b)) = (self.drag_from, self.drag_to) {
            painter.rect_stroke(
                Rect::from_two_pos(to_screen(a), to_screen(b)),
                0.0,
                outline,
                egui::StrokeKind::Inside,
            );
        }
    }
}

/// The region between two corners, within the picture; `None` when it is under two
/// pixels across.
fn region_between(a: Pos2, b: Pos2, full: [u32; 2]) -> Option<Region> {
    let clamp = |v: f32, max: u32| v.round().clamp(0.0, max as f32) as u32;
    let (x0, x1) = (clamp(a.x.min(b.x), full[0]), clamp(a.x.max(b.x), full[0]));
    let (y0, y1) = (clamp(a.y.min(b.y), full[1]), clamp(a.y.max(b.y), full[1]));
    (x1 >= x0 + 2 && y1 >= y0 + 2).then_some(Region {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_becomes_a_region_within_the_picture() {
        let r = region_between(Pos2::new(50.4, 80.0), Pos2::new(-10.0, 20.0), [40, 100]).unwrap();
        assert_eq!((r.x, r.y, r.w, r.h), (0, 20, 40, 60));
        assert!(region_between(Pos2::new(5.0, 5.0), Pos2::new(6.0, 30.0), [40, 40]).is_none());
    }
}
