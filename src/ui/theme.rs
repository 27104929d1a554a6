//! Fonts and the visual vocabulary shared by every panel: TLP badges, warning colours.

use eframe::egui::{
    self, Color32, FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily, Margin,
    Response, RichText, Ui,
};

use crate::model::{Label, Verification};
use crate::t;

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

/// Small grey explanatory text (readable: see `install_style`).
pub fn hint(text: impl Into<String>) -> RichText {
    RichText::new(text).small().weak()
}

/// Light, dark, or as the system is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn name(self) -> String {
        match self {
            ThemeChoice::System => t!("theme-system"),
            ThemeChoice::Light => t!("theme-light"),
            ThemeChoice::Dark => t!("theme-dark"),
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The text sizes offered, as zoom factors.
pub fn text_sizes() -> [(f32, String); 4] {
    [
        (0.9, t!("size-small")),
        (1.0, t!("size-normal")),
        (1.15, t!("size-large")),
        (1.3, t!("size-larger")),
    ]
}

/// Helper text large enough to read (egui's small text is 9 points) and grey enough to
/// tell apart, yet above 4.5:1 contrast on its background, in both themes.
pub fn install_style(ctx: &egui::Context) {
    for (theme, weak) in [
        (egui::Theme::Dark, Color32::from_gray(170)),
        (egui::Theme::Light, Color32::from_gray(85)),
    ] {
        ctx.style_mut_of(theme, |style| {
            style.text_styles.insert(
                egui::TextStyle::Small,
                egui::FontId::new(11.5, FontFamily::Proportional),
            );
            style.visuals.weak_text_color = Some(weak);
            // egui draws the widget that has the keyboard in its "active" style: a
            // two-point outline in the accent colour makes that focus ring plain to see.
            let accent = style.visuals.selection.stroke.color;
            style.visuals.widgets.active.bg_stroke = egui::Stroke::new(2.0, accent);
        });
    }
}

/// Applies the chosen theme and text size (each frame; nothing happens when unchanged).
pub fn apply(ctx: &egui::Context, theme: ThemeChoice, zoom: Option<f32>) {
    if ctx.options(|o| o.theme_preference) != theme.preference() {
        ctx.set_theme(theme.preference());
    }
    if let Some(zoom) = zoom
        && (ctx.zoom_factor() - zoom).abs() > f32::EPSILON
    {
        ctx.set_zoom_factor(zoom);
    }
}
