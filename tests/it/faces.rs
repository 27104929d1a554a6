//! Face suggestions (issue 19): frontal faces in a real photograph are offered as regions
//! in the original's pixels; a picture with no faces gets none.

use dossier::media::faces::suggest;
use dossier::model::Region;

/// Part of the 1927 Solvay conference photograph (public domain; `tests/data/SOURCES.md`).
const ROW: &[u8] = include_bytes!("../data/solvay-row.jpg");

fn centre_in(r: &Region, (x, y): (u32, u32)) -> bool {
    x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h
}

#[test]
fn faces_in_a_photograph_are_suggested_in_the_originals_pixels() {
    let img = image::load_from_memory(ROW).unwrap();
    let found = suggest(&img, [620, 200]).unwrap();
    assert!(found.len() >= 5, "{found:?}");
    // The faces of Einstein and Lorentz in this crop, by hand.
    for face in [(335, 90), (130, 95)] {
        assert!(
            found.iter().any(|r| centre_in(r, face)),
            "{face:?} in {found:?}"
        );
    }
    // The same picture at a quarter of the original's size: the regions are given in the
    // original's pixels (four times larger).
    let small = img.resize(310, 100, image::imageops::FilterType::Triangle);
    let scaled = suggest(&small, [1240, 400]).unwrap();
    assert!(
        scaled.iter().any(|r| centre_in(r, (335 * 2, 90 * 2))),
        "{scaled:?}"
    );
    // No faces in a flat picture or a tiny one.
    let flat = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        400,
        300,
        image::Rgb([128, 128, 128]),
    ));
    assert!(suggest(&flat, [400, 300]).unwrap().is_empty());
    let tiny = image::DynamicImage::ImageRgb8(image::RgbImage::new(8, 8));
    assert!(suggest(&tiny, [8, 8]).unwrap().is_empty());
}
