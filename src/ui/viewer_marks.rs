//! The viewer's redaction tools: regions drawn over the picture to blur or black out, a
//! crop, the copy's label, and Save redacted copy. Regions are kept in the original's
//! pixels whatever the zoom; the copy is made in the background (`media::redact`) and
//! added to the same record, the original never changed.

use eframe::egui::{self, Color32, ComboBox, Pos2, Rect, Response, Stroke, Ui};

use super::{Command, theme};
use crate::model::{Area, Attachment, Label, RecordId, RedactOp, Region};
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

/// How a region to blur or black out is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A rectangle, from corner to corner.
    Rectangle,
    /// Freehand: the outline drawn around the area.
    Freehand,
}

/// The most points kept of an outline drawn by hand.
const MAX_DRAWN_POINTS: usize = 2_000;

/// The redaction being drawn.
pub struct Marks {
    pub tool: Tool,
    pub shape: Shape,
    pub ops: Vec<RedactOp>,
    /// The copy's label.
    pub label: Label,
    drag_from: Option<Pos2>,
    drag_to: Option<Pos2>,
    /// The outline being drawn, in the original's pixels.
    path: Vec<Pos2>,
}

impl Marks {
    /// No marks yet; the copy labelled `label` unless the person chooses otherwise.
    pub fn new(label: Label) -> Marks {
        Marks {
            tool: Tool::Look,
            shape: Shape::Rectangle,
            ops: Vec::new(),
            label,
            drag_from: None,
            drag_to: None,
            path: Vec::new(),
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
                ui.add_enabled_ui(matches!(self.tool, Tool::Blur | Tool::Fill), |ui| {
                    ui.selectable_value(
                        &mut self.shape,
                        Shape::Rectangle,
                        t!("viewer-shape-rectangle"),
                    )
                    .on_hover_text(t!("viewer-shape-rectangle-hint"));
                    ui.selectable_value(
                        &mut self.shape,
                        Shape::Freehand,
                        t!("viewer-shape-freehand"),
                    )
                    .on_hover_text(t!("viewer-shape-freehand-hint"));
                });
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
        let freehand = self.shape == Shape::Freehand && self.tool != Tool::Crop;
        if response.drag_started() {
            // Where the button went down, not where the drag was first noticed.
            let origin = response.ctx.input(|i| i.pointer.press_origin());
            self.drag_from = origin.map(&to_image).or(at);
            self.drag_to = at;
            self.path = self.drag_from.into_iter().collect();
        } else if response.dragged() {
            self.drag_to = at.or(self.drag_to);
        }
        if freehand && let Some(p) = self.drag_to {
            self.follow(p);
        }
        if !response.drag_stopped() {
            return;
        }
        if freehand {
            self.drag_from = None;
            self.drag_to = None;
            let drawn = std::mem::take(&mut self.path);
            if let Some(area) = area_of(&drawn, full) {
                self.ops.push(match self.tool {
                    Tool::Fill => RedactOp::FillArea { area },
                    _ => RedactOp::BlurArea { area },
                });
            }
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

    /// Adds a point to the outline being drawn when the pointer has moved a pixel or more;
    /// a long outline is thinned (every other point) to stay under the limit.
    fn follow(&mut self, p: Pos2) {
        if self.path.last().is_some_and(|last| last.distance(p) < 1.0) {
            return;
        }
        self.path.push(p);
        if self.path.len() >= MAX_DRAWN_POINTS {
            self.path = self.path.iter().step_by(2).copied().collect();
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
                RedactOp::BlurArea { area } => {
                    paint_area(painter, area, &to_screen, Color32::from_gray(128));
                    painter.add(egui::Shape::closed_line(
                        screen_points(area, &to_screen),
                        outline,
                    ));
                }
                RedactOp::FillArea { area } => {
                    paint_area(painter, area, &to_screen, Color32::BLACK);
                }
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
        if self.path.len() > 1 {
            let drawn: Vec<Pos2> = self.path.iter().map(|p| to_screen(*p)).collect();
            painter.add(egui::Shape::line(drawn, outline));
        } else if let (Some(a), Some(b)) = (self.drag_from, self.drag_to) {
            painter.rect_stroke(
                Rect::from_two_pos(to_screen(a), to_screen(b)),
                0.0,
                outline,
                egui::StrokeKind::Inside,
            );
        }
    }
}

/// The outline's points on the screen.
fn screen_points(area: &Area, to_screen: impl Fn(Pos2) -> Pos2) -> Vec<Pos2> {
    area.points
        .iter()
        .map(|p| to_screen(Pos2::new(p[0] as f32, p[1] as f32)))
        .collect()
}

/// Fills a freehand area (which may be concave) on the screen, as bands of spans between
/// the outline's crossings: at most 200 bands over the area's height.
fn paint_area(
    painter: &egui::Painter,
    area: &Area,
    to_screen: impl Fn(Pos2) -> Pos2,
    colour: Color32,
) {
    let b = area.bounds();
    let step = (b.h as f32 / 200.0).max(1.0);
    // One mesh of plain rectangles: no anti-aliased edges to pile up between thin bands.
    let mut mesh = egui::Mesh::default();
    let mut y = b.y as f32;
    while y < (b.y + b.h) as f32 {
        for pair in area.crossings(f64::from(y + step / 2.0)).chunks_exact(2) {
            let span = Rect::from_two_pos(
                to_screen(Pos2::new(pair[0] as f32, y)),
                to_screen(Pos2::new(pair[1] as f32, y + step)),
            );
            if span.is_finite() {
                mesh.add_colored_rect(span, colour);
            }
        }
        y += step;
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// The freehand area a drawn outline surrounds, within the picture; `None` when it has
/// under three distinct points or surrounds under two pixels across.
fn area_of(drawn: &[Pos2], full: [u32; 2]) -> Option<Area> {
    let clamp = |v: f32, max: u32| v.round().clamp(0.0, max as f32) as u32;
    let mut points: Vec<[u32; 2]> = drawn
        .iter()
        .map(|p| [clamp(p.x, full[0]), clamp(p.y, full[1])])
        .collect();
    points.dedup();
    let area = Area { points };
    let b = area.bounds();
    (area.points.len() >= 3 && b.w >= 2 && b.h >= 2).then_some(area)
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

    #[test]
    fn a_drawn_outline_becomes_an_area_within_the_picture() {
        let drawn = [
            (-5.0, 2.0),
            (30.0, 2.0),
            (30.0, 2.2),
            (45.0, 50.0),
            (10.0, 30.0),
        ]
        .map(|(x, y)| Pos2::new(x, y));
        let a = area_of(&drawn, [40, 40]).unwrap();
        assert_eq!(a.points, vec![[0, 2], [30, 2], [40, 40], [10, 30]]);
        let line = [(1.0, 1.0), (20.0, 1.0), (30.0, 1.0)].map(|(x, y)| Pos2::new(x, y));
        assert!(area_of(&line, [40, 40]).is_none());
    }
}
