//! Pictures in the viewer and redacted copies (issue 19): the viewer's first frame (read,
//! decode, turn up, reduce to 4096 px) for a 12- and a 50-megapixel JPEG, a thumbnail as
//! `dossier preview` makes it, and a redacted copy's pixel work. Results go in
//! BENCHMARKS.md.
//!
//!     cargo bench --bench media

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

#[path = "common/gui.rs"]
mod gui_harness;

use criterion::Criterion;
use dossier::durable::vault::{Source, Vault};
use dossier::model::{RedactOp, Region};

/// A photo-like JPEG of `w` x `h` (smooth gradients with fine grain, quality 90).
fn photo(dir: &Path, w: u32, h: u32) -> PathBuf {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state & 15) as u32;
        image::Rgb([
            ((x * 255 / w) + grain) as u8,
            ((y * 255 / h) + grain) as u8,
            (((x + y) * 127 / (w + h)) + grain) as u8,
        ])
    });
    let path = dir.join(format!("photo-{w}x{h}.jpg"));
    let mut out = std::fs::File::create(&path).unwrap();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    path
}

fn bench_viewer(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::plain(dir.path());
    let mut g = c.benchmark_group("viewer first frame");
    g.sample_size(10);
    for (name, w, h) in [("12 MP", 4000, 3000), ("50 MP", 8660, 5774)] {
        let path = photo(dir.path(), w, h);
        g.bench_function(format!("{name} JPEG: decode and reduce"), |b| {
            b.iter(|| dossier::ui::viewer::decode(&path, &vault).unwrap())
        });
        g.bench_function(format!("{name} JPEG: 256 px preview"), |b| {
            b.iter(|| {
                dossier::media::thumbs::preview(Source::plain(&path), "image/jpeg", 256).unwrap()
            })
        });
    }
    g.finish();
}

fn bench_redact(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = photo(dir.path(), 4000, 3000);
    let img = image::open(&path).unwrap();
    let ops = [
        RedactOp::Blur {
            region: Region {
                x: 1500,
                y: 900,
                w: 600,
                h: 700,
            },
        },
        RedactOp::Fill {
            region: Region {
                x: 100,
                y: 2600,
                w: 500,
                h: 200,
            },
        },
    ];
    let mut g = c.benchmark_group("redacted copy of a 12 MP photo");
    g.sample_size(10);
    g.bench_function("blur 600x700 and fill 500x200", |b| {
        b.iter(|| dossier::media::redact::apply(&img, &ops).unwrap())
    });
    let out = dossier::media::redact::apply(&img, &ops).unwrap();
    g.bench_function("write the copy as PNG", |b| {
        b.iter(|| {
            let mut png = Vec::new();
            out.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .unwrap();
            png
        })
    });
    g.finish();
}

/// Face suggestions on a 12 MP photo (decoded, reduced to 1600 px, searched) and on the
/// 620 x 200 group photograph of the tests (seven faces).
fn bench_faces(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = photo(dir.path(), 4000, 3000);
    let big = image::open(&path).unwrap();
    let row = image::load_from_memory(include_bytes!("../tests/data/solvay-row.jpg")).unwrap();
    let mut g = c.benchmark_group("face suggestions");
    g.sample_size(10);
    g.bench_function("12 MP photo (searched at 1600 px)", |b| {
        b.iter(|| dossier::media::faces::suggest(&big, [4000, 3000]).unwrap())
    });
    g.bench_function("620 x 200 group photograph", |b| {
        b.iter(|| dossier::media::faces::suggest(&row, [620, 200]).unwrap())
    });
    let area: dossier::model::Area = "1500,900,2100,900,2300,1400,1800,1700,1400,1300"
        .parse()
        .unwrap();
    let ops = [RedactOp::BlurArea { area }];
    g.bench_function("12 MP photo: blur a freehand area of 900 x 800", |b| {
        b.iter(|| dossier::media::redact::apply(&big, &ops).unwrap())
    });
    g.finish();
}

/// Frames of the app while the viewer pans a 50 MP photo (shown as its 4096 px
/// reduction): each frame moves the pointer 6 points with the button held down.
fn bench_viewer_pan(c: &mut Criterion) {
    use dossier::ui::Command;

    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("cat");
    let (record, sha) = {
        let mut cat = dossier::store::Catalogue::create(&root, "Office", "Bench").unwrap();
        let file = photo(home.path(), 8660, 5774);
        let att = dossier::media::import_file(
            &cat.blobs(),
            &file,
            "Bench",
            dossier::model::Label::Amber,
            &mut |_| {},
        )
        .unwrap()
        .attachment;
        let mut r = dossier::model::Record::new(dossier::model::RecordKind::Media, "Big", "Bench");
        r.attachments.push(att.clone());
        (cat.save(r, "Bench").unwrap(), att.sha256)
    };
    let mut gui = gui_harness::app(home.path(), root);
    let settle = gui_harness::settle;
    settle(&mut gui);
    let ctx = gui.ctx.clone();
    gui.state_mut().as_mut().unwrap().run(
        Command::ViewAttachment {
            record,
            sha256: sha,
        },
        &ctx,
    );
    settle(&mut gui);
    let viewer = gui.state().as_ref().unwrap().viewer().unwrap();
    assert!(viewer.is_loaded(), "the picture is shown");
    let centre = ctx.content_rect().center();
    gui.hover_at(centre);
    gui.step();
    gui.drag_at(centre);
    gui.step();
    let mut at = centre;
    let mut step = eframe::egui::Vec2::new(6.0, 3.0);
    let mut g = c.benchmark_group("viewer");
    g.sample_size(50);
    g.bench_function("frame while panning a 50 MP photo", |b| {
        b.iter(|| {
            if (at - centre).length() > 200.0 {
                step = -step;
            }
            at += step;
            gui.hover_at(at);
            gui.step();
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_viewer(&mut c);
    bench_redact(&mut c);
    bench_faces(&mut c);
    bench_viewer_pan(&mut c);
    c.final_summary();
}
