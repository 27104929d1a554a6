//! Small widgets several panels share: banners and the fuzzy-date field.

use eframe::egui::{self, Color32, Id, RichText, TextEdit, Ui};

use super::theme;
use crate::model::FuzzyDate;

/// A full-width coloured banner with wrapped text and, first (so a long text never pushes it
/// out of sight), an optional button. Returns true when the button was clicked.
pub fn banner(ui: &mut Ui, color: Color32, text: &str, button: Option<&str>) -> bool {
    let mut clicked = false;
    egui::Frame::new()
        .fill(color.gamma_multiply(0.18))
        .inner_margin(6)
        .corner_radius(4)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                if let Some(label) = button {
                    clicked = ui.button(label).clicked();
                }
                ui.add(egui::Label::new(RichText::new(text).color(color)).wrap());
            });
        });
    clicked
}

/// The width from here to the right edge of what is shown. A field in a grid sized by
/// this never makes its column wider than the panel: a grid remembers its columns'
/// widths, so a field that fills "the available width" keeps a column as wide as it
/// once was.
pub fn room(ui: &Ui) -> f32 {
    (ui.clip_rect().right() - ui.cursor().min.x - 2.0).max(60.0)
}

/// A text field for a date as evidence gives it. The value changes only when the text
/// parses (or is emptied); otherwise the reason shows under the field and nothing is saved.
pub fn fuzzy_date_field(
    ui: &mut Ui,
    label: Id,
    text: &mut String,
    error: &mut Option<String>,
    value: &mut Option<FuzzyDate>,
    hint: &str,
) {
    ui.vertical(|ui| {
        let r = ui
            .add(
                TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(room(ui)),
            )
            .labelled_by(label)
            .on_hover_text(crate::t!("date-field-help"));
        if r.changed() {
            let typed = text.trim();
            if typed.is_empty() {
                *value = None;
                *error = None;
            } else {
                match typed.parse::<FuzzyDate>() {
                    Ok(d) => {
                        *value = Some(d);
                        *error = None;
                    }
                    Err(e) => *error = Some(crate::words::date_problem(e.problem)),
                }
            }
        }
        if let Some(e) = error {
            ui.label(
                RichText::new(crate::t!("date-not-saved", why = e.as_str()))
                    .small()
                    .color(theme::error_color(ui)),
            );
        }
    });
}

/// A day typed in a filter field: empty is no limit.
pub fn parse_day(text: &str) -> Result<Option<jiff::civil::Date>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| crate::t!("date-not-a-day", text = t))
}

/// `text` cut to at most `chars` characters, with an ellipsis when cut.
pub fn shortened(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars.saturating_sub(1)) {
        Some((end, _)) if text.chars().count() > chars => format!("{}…", &text[..end]),
        _ => text.to_string(),
    }
}
