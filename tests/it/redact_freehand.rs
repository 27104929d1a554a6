//! Freehand areas in redacted copies (issue 19): the pixels the outline surrounds are
//! blurred beyond recovery or blacked out, concave shapes included; everything else,
//! the rest of the rectangle around the outline too, keeps the original's pixels.

use std::path::Path;

use dossier::model::{Area, RedactOp, Region};
use image::RgbaImage;

use super::redact::{catalogue_with_photo, stored, variance};
use crate::common::{Cli, open_as};

/// Whether the point (px, py) is inside the outline, by the even-odd rule the redaction
/// uses.
fn contains(area: &Area, px: f64, py: f64) -> bool {
    area.crossings(py)
        .chunks_exact(2)
        .any(|p| px >= p[0] && px < p[1])
}

/// Whether pixel (x, y)'s centre, moved by up to `margin` pixels any way, is inside
/// (`want` true) or outside (`want` false) the outline.
fn clearly(area: &Area, x: u32, y: u32, margin: f64, want: bool) -> bool {
    let (cx, cy) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
    [-margin, 0.0, margin].iter().all(|dx| {
        [-margin, 0.0, margin]
            .iter()
            .all(|dy| contains(area, cx + dx, cy + dy) == want)
    })
}

fn inside(area: &Area, x: u32, y: u32, margin: f64) -> bool {
    clearly(area, x, y, margin, true)
}

fn pixels_where(img: &RgbaImage, keep: impl Fn(u32, u32) -> bool) -> Vec<(u32, u32)> {
    img.enumerate_pixels()
        .filter(|(x, y, _)| keep(*x, *y))
        .map(|(x, y, _)| (x, y))
        .collect()
}

#[test]
fn freehand_areas_are_blurred_or_filled_and_nothing_outside_them_changes() {
    let cli = Cli::new();
    let (root, id, original, jpeg) = catalogue_with_photo(cli.dir.path());
    let triangle = "40,40,200,40,40,200";
    // An L: the bar along the top and the leg down the right; the notch at the lower
    // left (220..260 x 140..220) is outside it.
    let ell = "220,100,300,100,300,220,260,220,260,140,220,140";
    let root_text = root.to_str().unwrap();
    let (said, _) = cli.ok(&[
        "redact",
        root_text,
        original.sha256.as_str(),
        "--blur-area",
        triangle,
        "--fill-area",
        ell,
        "--label",
        "TLP:GREEN",
    ]);
    let (triangle, ell): (Area, Area) = (triangle.parse().unwrap(), ell.parse().unwrap());
    let cat = open_as(Path::new(&root), "Checker");
    let rec = cat.get(&id).unwrap();
    let copy = rec
        .attachments
        .iter()
        .find(|a| a.sha256.as_str() == said.trim())
        .unwrap();
    let steps = &copy.redaction.as_ref().unwrap().operations;
    assert_eq!(
        steps[0],
        RedactOp::BlurArea {
            area: triangle.clone()
        }
    );
    assert_eq!(steps[1], RedactOp::FillArea { area: ell.clone() });
    assert!(steps.contains(&RedactOp::StripMetadata));

    let before = image::load_from_memory(&jpeg).unwrap().to_rgba8();
    let after = image::load_from_memory(&stored(&cat, &copy.sha256))
        .unwrap()
        .to_rgba8();
    // Well inside the triangle the detail is gone.
    let deep = Region {
        x: 50,
        y: 50,
        w: 60,
        h: 60,
    };
    assert!(variance(&after, deep) < variance(&before, deep) / 20.0);
    // Inside the L: black, the concave corner included; in its notch: the original.
    for (x, y) in pixels_where(&after, |x, y| inside(&ell, x, y, 0.0)) {
        assert_eq!(after.get_pixel(x, y).0, [0, 0, 0, 255], "{x},{y} in the L");
    }
    let notch = pixels_where(&after, |x, y| {
        (221..259).contains(&x) && (141..219).contains(&y)
    });
    assert!(notch.len() > 1000);
    for (x, y) in notch {
        assert_eq!(
            after.get_pixel(x, y),
            before.get_pixel(x, y),
            "{x},{y} in the notch"
        );
    }
    // Outside both outlines (a pixel's width from them), every pixel is the original's:
    // the triangle's other half of its bounding rectangle included.
    let outside = pixels_where(&after, |x, y| {
        !inside(&triangle, x, y, 0.0)
            && !inside(&ell, x, y, 0.0)
            && clearly(&triangle, x, y, 1.5, false)
    });
    let in_box = outside
        .iter()
        .filter(|(x, y)| (40..200).contains(x) && (40..200).contains(y))
        .count();
    assert!(
        in_box > 10_000,
        "{in_box} pixels of the triangle's box outside it"
    );
    for (x, y) in outside {
        assert_eq!(after.get_pixel(x, y), before.get_pixel(x, y), "{x},{y}");
    }
    // Inside the triangle, a pixel's width from its edges, nothing is the original's
    // texture: no run of 8 original pixels survives along any row.
    for y in (45..150).step_by(5) {
        let row = pixels_where(&after, |x, yy| yy == y && inside(&triangle, x, yy, 1.5));
        let same = row
            .windows(8)
            .filter(|w| {
                w.iter()
                    .all(|&(x, y)| after.get_pixel(x, y) == before.get_pixel(x, y))
            })
            .count();
        assert_eq!(same, 0, "row {y}");
    }
    let logged = cat
        .audit()
        .for_record(&id)
        .into_iter()
        .find(|e| e.action == dossier::audit::Action::Redacted)
        .unwrap();
    assert!(
        logged
            .note
            .contains("blur a freehand area of 3 points within 40,40,160,160"),
        "{}",
        logged.note
    );
    drop(cat);

    let (_, err) = cli.fails(&[
        "redact",
        root_text,
        original.sha256.as_str(),
        "--fill-area",
        "400,400,500,400,450,500",
        "--label",
        "TLP:GREEN",
    ]);
    assert!(
        err.contains("photo1.jpg") && err.contains("320 x 240"),
        "{err}"
    );
    let (_, err) = cli.fails(&[
        "redact",
        root_text,
        original.sha256.as_str(),
        "--blur-area",
        "1,2,3,4",
        "--label",
        "TLP:GREEN",
    ]);
    assert!(err.contains("'1,2,3,4' is not an outline"), "{err}");
}
