//! A PDF's first page as a picture, with the pure-Rust `hayro` (fonts it needs are
//! built in; nothing from the system). Hostile PDFs are rendered only inside the preview
//! worker (`worker.rs`), a separate process with time and memory limits, so a file made to
//! break the parser costs a preview, never the app.

use image::RgbaImage;

/// The largest side of a rendered page, whatever `size` asks.
const MAX_SIDE: u32 = 4096;

/// Renders the first page of the PDF `bytes` so that its longest side is `size` pixels.
pub fn first_page(bytes: &[u8], size: u32) -> Result<RgbaImage, String> {
    page(bytes, 0, size).map(|(img, _)| img)
}

/// Renders page `index` (from 0) of the PDF `bytes`, its longest side `size` pixels; and
/// how many pages the PDF has.
pub fn page(bytes: &[u8], index: usize, size: u32) -> Result<(RgbaImage, usize), String> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

    if !bytes.starts_with(b"%PDF-") {
        return Err("it is not a PDF (it does not begin with %PDF-)".into());
    }
    let pdf = Pdf::new(bytes.to_vec())
        .map_err(|e| format!("the PDF is damaged or unsupported ({e:?})"))?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err("the PDF has no pages".into());
    }
    let count = pages.len();
    let page = pages
        .get(index)
        .ok_or_else(|| format!("the PDF has {count} pages, not {}", index + 1))?;
    let (w, h) = page.render_dimensions();
    if !(w.is_finite() && h.is_finite()) || w < 1.0 || h < 1.0 {
        return Err(format!("the first page has no size ({w} x {h})"));
    }
    let scale = size.clamp(16, MAX_SIDE) as f32 / w.max(h);
    let cache = RenderCache::new();
    let settings = PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: WHITE,
    };
    let pixmap = render(
        page,
        &cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &settings,
    );
    let png = pixmap
        .into_png()
        .map_err(|e| format!("the page could not be written ({e:?})"))?;
    let img = image::load_from_memory(&png)
        .map(|i| i.to_rgba8())
        .map_err(|e| format!("the page could not be read back ({e})"))?;
    Ok((img, count))
}
