//! Fonts and the visual vocabulary shared by every panel: TLP badges, warning colours.

use eframe::egui::{
    self, Color32, FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily, Margin,
    Response, RichText, Ui,
};

use crate::model::{Label, Verification};

/// Bundled fonts (SIL Open Font License; see assets/fonts/OFL.txt), loaded from the binary
/// so they work without system fonts. egui's own font covers Latin and Cyrillic but not
/// Armenian, nor letters such as the Azerbaijani ə.
const FALLBACK_FONTS: [(&str, &[u8]); 2] = [
    (
        "NotoSansArmenian-Regular",
        include_bytes!("../../assets/fonts/NotoSansArmenian-Regular.ttf"),
    ),
    (
        "NotoSans-Regular",
        include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    ),
];

/// Adds the bundled fonts as fallbacks. Call before any text is laid out: in the app's
/// creation and in every test harness.
pub fn install_fonts(ctx: &egui::Context) {
    for (name, bytes) in FALLBACK_FONTS {
        ctx.add_font(FontInsert::new(
            name,
            FontData::from_static(bytes),
            vec![
                InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: FontFamily::Monospace,
                    priority: FontPriority::Lowest,
                },
            ],
        ));
    }
}

pub fn tlp_color(label: Label) -> Color32 {
    let [r, g, b] = label.rgb();
    Color32::from_rgb(r, g, b)
}

/// The label as TLP 2.0 shows it: its name in colour on black. Hovering says what it means.
/// The size of a label badge's text (the list keeps room for the widest at this size).
pub const BADGE_TEXT_SIZE: f32 = 12.5;

pub fn label_badge(ui: &mut Ui, label: Label) -> Response {
    egui::Frame::new()
        .fill(Color32::BLACK)
        .corner_radius(3)
        .inner_margin(Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(label.as_str())
                    .color(tlp_color(label))
                    .strong()
                    .size(BADGE_TEXT_SIZE),
            )
        })
        .response
        .on_hover_text(super::words::label_means(label))
}

/// A colour for a verification status: settled ones calm, open ones noticeable.
pub fn verification_color(ui: &Ui, v: Verification) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match (v, dark) {
        (Verification::Verified, true) => Color32::from_rgb(120, 200, 120),
        (Verification::Verified, false) => Color32::from_rgb(30, 120, 30),
        (Verification::Disputed, true) => Color32::from_rgb(240, 120, 100),
        (Verification::Disputed, false) => Color32::from_rgb(170, 40, 20),
        _ => ui.visuals().text_color(),
    }
}

/// The colour of warnings and of errors the person must see.
pub fn warn_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// Small grey explanatory text.
pub fn hint(text: impl Into<String>) -> RichText {
    RichText::new(text).small().weak()
}
