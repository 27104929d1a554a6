//! Images made to break a viewer: decompression bombs, truncated and corrupt JPEG and PNG,
//! an empty file, a file whose extension lies. Each gets a clear error naming the file (the
//! app shows "No preview" with it), never a panic or a long stall; honest images whose
//! extension lies still get their preview.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier::durable::vault::Source;
use dossier::media::thumbs::{THUMB_SIZE, make_thumbnail, thumbnail};

use crate::common::png_declaring;

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_pixel(w, h, image::Rgb([20, 90, 200]))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_pixel(w, h, image::Rgb([200, 90, 20]))
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

struct Files(tempfile::TempDir);

impl Files {
    fn new() -> Files {
        Files(tempfile::tempdir().unwrap())
    }

    fn put(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.path().join(name);
        fs::write(&p, bytes).unwrap();
        p
    }
}

/// The thumbnail must fail with a message naming the file, quickly.
fn refused(path: &Path) -> String {
    let started = Instant::now();
    let err = thumbnail(
        Source::plain(path),
        &dossier::durable::hash_bytes(b"0"),
        None,
    )
    .expect_err("a bad image is an error");
    assert!(
        started.elapsed().as_secs() < 5,
        "{} took {:?}",
        path.display(),
        started.elapsed()
    );
    let text = err.to_string();
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(text.contains(name), "the message names the file: {text}");
    text
}

#[test]
fn a_png_declaring_a_gigantic_picture_is_refused_before_decoding() {
    let f = Files::new();
    let text = refused(&f.put("bomb.png", &png_declaring(100_000, 100_000)));
    assert!(text.contains("100000 x 100000"), "{text}");
    assert!(text.contains("beyond what Dossier decodes"), "{text}");
}

#[test]
fn a_png_within_the_side_limit_but_too_big_to_hold_is_refused() {
    // 20,000 x 20,000 RGB is 1.2 GB of pixels from a file of a few hundred bytes.
    let f = Files::new();
    let text = refused(&f.put("bomb2.png", &png_declaring(20_000, 20_000)));
    assert!(text.contains("20000 x 20000"), "{text}");
}

#[test]
fn a_jpeg_declaring_a_gigantic_picture_is_refused() {
    let mut bytes = jpeg(64, 48);
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    let f = Files::new();
    let text = refused(&f.put("bomb.jpg", &bytes));
    assert!(text.contains("65535 x 65535"), "{text}");
}

#[test]
fn an_empty_file_and_garbage_are_refused() {
    let f = Files::new();
    refused(&f.put("empty.jpg", b""));
    refused(&f.put("empty.png", b""));
    refused(&f.put(
        "notes.jpg",
        b"These are not the pixels you are looking for.",
    ));
    // Magic numbers followed by garbage.
    let mut fake_jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake_jpeg.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    refused(&f.put("fake.jpg", &fake_jpeg));
    let mut fake_png = b"\x89PNG\r\n\x1a\n".to_vec();
    fake_png.extend((0..5000u32).map(|i| (i * 31 % 253) as u8));
    refused(&f.put("fake.png", &fake_png));
}

#[test]
fn truncated_and_corrupt_images_never_panic() {
    let f = Files::new();
    for (name, whole) in [("cut.png", png(300, 200)), ("cut.jpg", jpeg(300, 200))] {
        for cut in [
            1,
            8,
            16,
            33,
            60,
            whole.len() / 4,
            whole.len() / 2,
            whole.len() - 1,
        ] {
            let path = f.put(name, &whole[..cut]);
            // A file cut late may still show its top part; it must never panic.
            let _ = thumbnail(
                Source::plain(&path),
                &dossier::durable::hash_bytes(b"0"),
                None,
            );
        }
        // Every 97th byte flipped.
        let mut corrupt = whole.clone();
        for i in (20..corrupt.len()).step_by(97) {
            corrupt[i] ^= 0x5A;
        }
        let _ = thumbnail(
            Source::plain(&f.put(name, &corrupt)),
            &dossier::durable::hash_bytes(b"0"),
            None,
        );
    }
    assert!(
        thumbnail(
            Source::plain(&f.put("early.png", &png(300, 200)[..40])),
            &dossier::durable::hash_bytes(b"0"),
            None
        )
        .is_err()
    );
}

#[test]
fn an_image_whose_extension_lies_is_shown_by_its_content() {
    let f = Files::new();
    let t = make_thumbnail(Source::plain(&f.put("really-a-png.jpg", &png(512, 256)))).unwrap();
    assert_eq!((t.width(), t.height()), (THUMB_SIZE, THUMB_SIZE / 2));
    let t = make_thumbnail(Source::plain(&f.put("really-a-jpeg.png", &jpeg(256, 512)))).unwrap();
    assert_eq!((t.width(), t.height()), (THUMB_SIZE / 2, THUMB_SIZE));
}

#[test]
fn importing_hostile_images_records_them_without_metadata_and_never_panics() {
    let f = Files::new();
    let root = f.0.path().join("cat");
    let cat = dossier::store::Catalogue::create(&root, "Received", "Ani").unwrap();
    for (name, bytes) in [
        ("bomb.png", png_declaring(100_000, 100_000)),
        ("empty.jpg", Vec::new()),
        ("cut.jpg", jpeg(200, 100)[..50].to_vec()),
    ] {
        let path = f.put(name, &bytes);
        let a = dossier::media::import_file(
            &cat.blobs(),
            &path,
            "Ani",
            dossier::model::Label::Amber,
            &mut |_| {},
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .attachment;
        assert_eq!(a.size, bytes.len() as u64);
    }
}

#[test]
fn a_webp_chunk_claiming_more_than_the_file_is_refused_without_allocating_it() {
    // Found by `cargo fuzz run image`: an EXIF chunk declaring 3 GB in a 356-byte WebP made
    // the decoder allocate 3 GB before reading it.
    let bytes = include_bytes!("../data/fuzz-webp-exif-chunk-3gb.webp");
    let f = Files::new();
    let text = refused(&f.put("found-by-fuzzing.webp", bytes));
    assert!(
        text.contains("claims more bytes than the file has"),
        "{text}"
    );
    // An honest WebP still gets its preview.
    let mut webp = Vec::new();
    image::RgbaImage::from_pixel(300, 150, image::Rgba([9, 9, 9, 255]))
        .write_to(
            &mut std::io::Cursor::new(&mut webp),
            image::ImageFormat::WebP,
        )
        .unwrap();
    let t = make_thumbnail(Source::plain(&f.put("honest.webp", &webp))).unwrap();
    assert_eq!((t.width(), t.height()), (THUMB_SIZE, THUMB_SIZE / 2));
}
