//! Face suggestions for redaction: frontal faces found by SeetaFace's detector (the
//! `rustface` crate, its model bundled in `assets/models/`), offered as regions a person
//! confirms before they are blurred. A helper only: faces turned away, small, covered or
//! in poor light are missed, and the viewer says so every time.

use image::{DynamicImage, imageops::FilterType};

use crate::model::Region;

/// SeetaFace's frontal face model (BSD-2-Clause, `assets/models/LICENSE-seetaface.txt`).
const MODEL: &[u8] = include_bytes!("../../assets/models/seeta_fd_frontal_v1.0.bin");

/// The longest side a picture is searched at: larger pictures are reduced first (faces
/// of under about 20 pixels at this size are not found).
pub const SEARCH_SIDE: u32 = 1600;

/// Frontal faces in `img`, as regions of a picture `full` pixels in size (the original,
/// of which `img` may be a reduction), each widened by a fifth on every side so the
/// hair line, ears and chin are covered too; largest first.
pub fn suggest(img: &DynamicImage, full: [u32; 2]) -> Result<Vec<Region>, String> {
    let model = rustface::read_model(MODEL)
        .map_err(|e| format!("the face model could not be read ({e})"))?;
    let mut detector = rustface::create_detector_with_model(model);
    detector.set_min_face_size(20);
    detector.set_score_thresh(2.0);
    detector.set_pyramid_scale_factor(0.8);
    detector.set_slide_window_step(4, 4);
    let searched = if img.width().max(img.height()) > SEARCH_SIDE {
        img.resize(SEARCH_SIDE, SEARCH_SIDE, FilterType::Triangle)
    } else {
        img.clone()
    };
    let gray = searched.to_luma8();
    let (w, h) = gray.dimensions();
    if w < 20 || h < 20 {
        return Ok(Vec::new());
    }
    let faces = detector.detect(&rustface::ImageData::new(gray.as_raw(), w, h));
    let (sx, sy) = (
        f64::from(full[0]) / f64::from(w),
        f64::from(full[1]) / f64::from(h),
    );
    let mut out: Vec<Region> = faces
        .iter()
        .filter_map(|f| {
            let b = f.bbox();
            let (fw, fh) = (f64::from(b.width()), f64::from(b.height()));
            let x0 = ((f64::from(b.x()) - fw / 5.0) * sx).max(0.0);
            let y0 = ((f64::from(b.y()) - fh / 5.0) * sy).max(0.0);
            let x1 = ((f64::from(b.x()) + fw * 1.2) * sx).min(f64::from(full[0]));
            let y1 = ((f64::from(b.y()) + fh * 1.2) * sy).min(f64::from(full[1]));
            (x1 - x0 >= 2.0 && y1 - y0 >= 2.0).then_some(Region {
                x: x0 as u32,
                y: y0 as u32,
                w: (x1 - x0) as u32,
                h: (y1 - y0) as u32,
            })
        })
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(u64::from(r.w) * u64::from(r.h)));
    Ok(out)
}
