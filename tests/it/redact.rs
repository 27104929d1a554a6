//! Redacted copies (issue 19): regions blurred beyond recovery or filled, a crop, metadata
//! left out; the copy is a new attachment on the same record naming its original, the
//! original untouched, the making logged; `dossier redact` and `dossier preview`.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::audit::Action;
use dossier::media::redact::{RedactError, redact};
use dossier::model::{Attachment, Label, Record, RecordId, RecordKind, RedactOp, Region};
use dossier::store::Catalogue;
use image::{RgbImage, RgbaImage};

use crate::common::{self, CameraExif, Cli, open_as};

/// A picture with fine detail everywhere (a pseudo-random texture), so a region's blocks
/// differ from one another and from any flat colour.
pub(crate) fn textured(w: u32, h: u32) -> RgbImage {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    RgbImage::from_fn(w, h, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let b = state.to_le_bytes();
        image::Rgb([b[0], b[1], b[2]])
    })
}

const SERIAL_CAMERA: &str = "Canary Camera SN-40771";

/// A textured `w` x `h` JPEG whose EXIF names the canary camera and a position, with
/// this EXIF orientation.
fn exif_jpeg(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    common::jpeg_with_exif(
        &textured(w, h),
        &CameraExif {
            captured: "2024:03:12 09:30:00",
            make: SERIAL_CAMERA,
            model: "Model 7",
            lat: 39.8,
            lon: 46.75,
            orientation,
        },
    )
}

/// A catalogue holding one report with a 320 x 240 photo carrying EXIF (camera, GPS).
pub(crate) fn catalogue_with_photo(dir: &Path) -> (PathBuf, RecordId, Attachment, Vec<u8>) {
    let root = dir.join("cat");
    let mut cat = Catalogue::create(&root, "Office", "Ana").unwrap();
    let jpeg = exif_jpeg(320, 240, 1);
    let file = dir.join("photo1.jpg");
    fs::write(&file, &jpeg).unwrap();
    let att = dossier::media::import_file(&cat.blobs(), &file, "Ana", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    let mut r = Record::new(RecordKind::Media, "Shelled school, east wing", "Ana");
    r.attachments.push(att.clone());
    let id = cat.save(r, "Ana").unwrap();
    (root, id, att, jpeg)
}

fn region(x: u32, y: u32, w: u32, h: u32) -> Region {
    Region { x, y, w, h }
}

pub(crate) fn stored(cat: &Catalogue, sha: &dossier::model::Sha256) -> Vec<u8> {
    cat.blobs().read(sha).unwrap()
}

pub(crate) fn variance(img: &RgbaImage, r: Region) -> f64 {
    let px: Vec<f64> = (r.y..r.y + r.h)
        .flat_map(|y| (r.x..r.x + r.w).map(move |x| (x, y)))
        .flat_map(|(x, y)| img.get_pixel(x, y).0[..3].to_vec())
        .map(f64::from)
        .collect();
    let mean = px.iter().sum::<f64>() / px.len() as f64;
    px.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / px.len() as f64
}

fn block(img: &RgbaImage, x: u32, y: u32) -> Vec<[u8; 4]> {
    (y..y + 8)
        .flat_map(|yy| (x..x + 8).map(move |xx| (xx, yy)))
        .map(|(xx, yy)| img.get_pixel(xx, yy).0)
        .collect()
}

#[test]
fn a_blurred_region_cannot_be_recovered_and_the_rest_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (root, id, original, jpeg) = catalogue_with_photo(dir.path());
    let mut cat = open_as(&root, "Ben");
    let (face, plate) = (region(100, 60, 120, 100), region(10, 180, 60, 40));
    let ops = [
        RedactOp::Blur { region: face },
        RedactOp::Fill { region: plate },
    ];
    let (sha, batch) = redact(&mut cat, &id, &original.sha256, &ops, Label::Green, "Ben").unwrap();
    batch.apply().unwrap();

    let before = image::load_from_memory(&jpeg).unwrap().to_rgba8();
    let copy_bytes = stored(&cat, &sha);
    assert!(copy_bytes.starts_with(b"\x89PNG"), "a lossless copy");
    let after = image::load_from_memory(&copy_bytes).unwrap().to_rgba8();
    assert_eq!(after.dimensions(), before.dimensions());
    // Inside the blurred region: the detail is gone, and no 8x8 block survives.
    assert!(
        variance(&after, face) < variance(&before, face) / 20.0,
        "{} vs {}",
        variance(&after, face),
        variance(&before, face)
    );
    for by in (face.y..face.y + face.h - 8).step_by(4) {
        for bx in (face.x..face.x + face.w - 8).step_by(4) {
            assert_ne!(
                block(&after, bx, by),
                block(&before, bx, by),
                "block at {bx},{by}"
            );
        }
    }
    // The filled region is black; everything outside both regions is the original's.
    let inside = |r: Region, x: u32, y: u32| x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
    for (x, y, p) in after.enumerate_pixels() {
        if inside(plate, x, y) {
            assert_eq!(p.0, [0, 0, 0, 255], "{x},{y}");
        } else if !inside(face, x, y) {
            assert_eq!(
                p,
                before.get_pixel(x, y),
                "{x},{y} changed outside the regions"
            );
        }
    }
    // The copy carries no EXIF (no camera, no position); the original is untouched.
    assert!(memchr::memmem::find(&copy_bytes, SERIAL_CAMERA.as_bytes()).is_none());
    assert!(
        exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(&copy_bytes))
            .is_err()
    );
    assert_eq!(stored(&cat, &original.sha256), jpeg);
    assert_eq!(dossier::durable::hash_bytes(&jpeg), original.sha256);

    // On the same record: the copy names its original, how it was made, its own label.
    let cat = open_as(&root, "Checker");
    let r = cat.get(&id).unwrap();
    assert_eq!(r.attachments.len(), 2);
    let copy = r.attachments.iter().find(|a| a.sha256 == sha).unwrap();
    assert_eq!(copy.derived_from.as_ref(), Some(&original.sha256));
    assert_eq!(copy.label, Label::Green);
    assert_eq!(copy.media_type, "image/png");
    assert!(!copy.name.contains("photo1"), "{}", copy.name);
    assert!(copy.metadata.gps.is_none());
    let how = copy.redaction.as_ref().unwrap();
    assert_eq!(how.made_by, "Ben");
    assert_eq!(how.operations[..2], ops);
    assert!(how.operations.contains(&RedactOp::StripMetadata));
    // Logged with both hashes.
    let entry = cat
        .audit()
        .for_record(&id)
        .into_iter()
        .find(|e| e.action == Action::Redacted)
        .expect("the redaction is logged");
    assert_eq!(entry.attachment.as_ref(), Some(&sha));
    assert_eq!(
        entry.details.get("derived_from").and_then(|v| v.as_str()),
        Some(original.sha256.as_str())
    );
    assert!(entry.note.contains("blur 100,60,120,100"), "{}", entry.note);
}

#[test]
fn a_crop_keeps_only_its_region_and_metadata_alone_keeps_the_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let (root, id, original, jpeg) = catalogue_with_photo(dir.path());
    let mut cat = open_as(&root, "Ben");
    let crop = region(40, 30, 200, 150);
    let (sha, batch) = redact(
        &mut cat,
        &id,
        &original.sha256,
        &[RedactOp::Crop { region: crop }],
        Label::Amber,
        "Ben",
    )
    .unwrap();
    batch.apply().unwrap();
    let before = image::load_from_memory(&jpeg).unwrap().to_rgba8();
    let after = image::load_from_memory(&stored(&cat, &sha))
        .unwrap()
        .to_rgba8();
    assert_eq!(after.dimensions(), (200, 150));
    for (x, y, p) in after.enumerate_pixels() {
        assert_eq!(p, before.get_pixel(x + 40, y + 30));
    }

    let (stripped, batch) = redact(
        &mut cat,
        &id,
        &original.sha256,
        &[RedactOp::StripMetadata],
        Label::Green,
        "Ben",
    )
    .unwrap();
    batch.apply().unwrap();
    let bytes = stored(&cat, &stripped);
    assert!(bytes.starts_with(&[0xFF, 0xD8]), "still a JPEG");
    assert!(memchr::memmem::find(&bytes, SERIAL_CAMERA.as_bytes()).is_none());
    assert_eq!(
        image::load_from_memory(&bytes).unwrap().to_rgba8(),
        before,
        "the same pixels"
    );
    let r = open_as(&root, "Checker").get(&id).cloned().unwrap();
    assert_eq!(r.attachments.len(), 3);
}

#[test]
fn steps_that_cannot_be_done_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (root, id, original, _) = catalogue_with_photo(dir.path());
    let mut cat = open_as(&root, "Ben");
    let outside = [RedactOp::Blur {
        region: region(400, 10, 20, 20),
    }];
    let e = redact(
        &mut cat,
        &id,
        &original.sha256,
        &outside,
        Label::Green,
        "Ben",
    )
    .unwrap_err();
    assert!(matches!(e, RedactError::Refused { .. }), "{e}");
    assert!(e.to_string().contains("photo1.jpg"), "{e}");
    assert!(e.to_string().contains("320 x 240"), "{e}");
    // A text file has no pixels to blur.
    let note = dir.path().join("statement.txt");
    fs::write(&note, "a statement").unwrap();
    let att = dossier::media::import_file(&cat.blobs(), &note, "Ana", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    let mut r = cat.get(&id).cloned().unwrap();
    r.attachments.push(att.clone());
    cat.put(r, "Ana").unwrap().apply().unwrap();
    let e = redact(&mut cat, &id, &att.sha256, &outside, Label::Green, "Ben").unwrap_err();
    assert!(e.to_string().contains("only pictures"), "{e}");
    // Nothing was added.
    assert_eq!(
        open_as(&root, "Checker")
            .get(&id)
            .unwrap()
            .attachments
            .len(),
        2
    );
}

#[test]
fn the_command_line_makes_a_copy_and_writes_a_preview() {
    let cli = Cli::new();
    let (root, id, original, _) = catalogue_with_photo(cli.dir.path());
    let root = root.to_str().unwrap();
    let (said, _) = cli.ok(&[
        "redact",
        root,
        &original.sha256.as_str()[..12],
        "--blur",
        "100,60,120,100",
        "--fill",
        "10,180,60,40",
        "--label",
        "TLP:GREEN",
    ]);
    let sha = said.trim();
    assert_eq!(sha.len(), 64, "{said}");
    let copy = open_as(Path::new(root), "Checker")
        .get(&id)
        .unwrap()
        .attachments[1]
        .clone();
    assert_eq!(copy.sha256.as_str(), sha);
    assert_eq!(copy.label, Label::Green);
    // Naming the record (which then opens alone, when a snapshot allows it).
    let record = id.to_string();
    let short = &original.sha256.as_str()[..12];
    let args = [
        "redact",
        root,
        short,
        "--record",
        &record,
        "--strip-metadata",
    ];
    cli.ok(&[&args[..], &["--label", "TLP:GREEN"]].concat());
    let record = open_as(Path::new(root), "Checker")
        .get(&id)
        .cloned()
        .unwrap();
    assert_eq!(record.attachments.len(), 3);

    let out = cli.path("thumb.png");
    cli.ok(&[
        "preview",
        root,
        original.sha256.as_str(),
        "--out",
        out.to_str().unwrap(),
        "--size",
        "64",
    ]);
    let thumb = image::open(&out).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (64, 48));

    let bad = cli.run(&[
        "redact",
        root,
        sha,
        "--blur",
        "1,2,3",
        "--label",
        "TLP:GREEN",
    ]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(err.contains("'1,2,3' is not a region"), "{err}");
    let (_, err) = cli.fails(&[
        "redact",
        root,
        "deadbeef00",
        "--strip-metadata",
        "--label",
        "TLP:GREEN",
    ]);
    assert!(err.contains("no attachment deadbeef00"), "{err}");
}

#[test]
fn a_package_takes_the_redacted_copy_when_the_original_is_above_clearance() {
    use dossier::model::{Recipient, RecipientKind, ReviewState};
    use dossier::share;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let mut cat = Catalogue::create(&root, "Office", "Ana").unwrap();
    let jpeg = exif_jpeg(160, 120, 1);
    let file = dir.path().join("photo1.jpg");
    fs::write(&file, &jpeg).unwrap();
    let original = dossier::media::import_file(&cat.blobs(), &file, "Ana", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    let ops = [RedactOp::Blur {
        region: region(20, 20, 80, 60),
    }];
    let copy =
        dossier::media::redact::redacted_copy(&cat.blobs(), &original, &ops, Label::Green, "Ana")
            .unwrap();
    let mut r = Record::new(RecordKind::Media, "Shelled school", "Ana");
    r.label = Label::Green;
    r.review = ReviewState::Approved;
    r.attachments = vec![original.clone(), copy.clone()];
    let id = cat.save(r, "Ana").unwrap();
    let mediator = Recipient::new("Mediator", RecipientKind::Ngo, Label::Green);
    cat.set_recipients(vec![mediator.clone()], "Ana")
        .unwrap()
        .apply()
        .unwrap();

    let plan = share::plan(&cat, &mediator, None);
    let inc = plan.included.iter().find(|i| i.id == id).unwrap();
    assert_eq!(inc.attachments, vec![1], "only the copy goes");
    let (held, reason) = &inc.held_attachments[0];
    assert_eq!(*held, 0);
    let said = reason.to_string();
    assert!(
        said.contains(&format!("redacted copy {} goes instead", copy.name))
            && said.contains("original held back: TLP:RED"),
        "{said}"
    );

    let job = share::prepare(&cat, &plan, "Ana").unwrap();
    let out = dir.path().join("pkg");
    share::write_package(
        &job,
        &out,
        &|_, _| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    assert!(share::verify_package(&out).unwrap().is_ok());
    let bytes = common::package_bytes(&out);
    let copy_bytes = cat.blobs().read(&copy.sha256).unwrap();
    assert!(
        memchr::memmem::find(&bytes, &copy_bytes).is_some(),
        "the copy goes"
    );
    for never in [&jpeg[..], b"photo1", SERIAL_CAMERA.as_bytes(), b"39.8"] {
        assert!(
            memchr::memmem::find(&bytes, never).is_none(),
            "{:?} reached the package",
            String::from_utf8_lossy(&never[..never.len().min(20)])
        );
    }
    // The manifest names the derivation: the copy's hash and its original's.
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let listed = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["sha256"] == copy.sha256.as_str())
        .expect("the copy is listed");
    assert_eq!(listed["derived_from"], original.sha256.as_str());
}

#[test]
fn a_large_picture_for_the_screen_is_reduced_and_keeps_its_turned_size() {
    let jpeg = exif_jpeg(4400, 300, 6);
    let (img, full) =
        dossier::media::thumbs::for_screen(&jpeg, Path::new("tall.jpg"), 4096).unwrap();
    assert_eq!(
        full,
        [300, 4400],
        "the size as shown, after the orientation"
    );
    assert!(
        img.height() <= 4096 && img.height() > img.width(),
        "{:?}",
        img.dimensions()
    );
    // Marks drawn on the screen picture are in `full` pixels: a redaction of the same
    // file uses the same turned coordinates.
    let small = exif_jpeg(400, 300, 6);
    let (_, full) = dossier::media::thumbs::for_screen(&small, Path::new("s.jpg"), 4096).unwrap();
    let decoded = dossier::media::thumbs::decode_bytes(&small, Path::new("s.jpg")).unwrap();
    assert_eq!(full, [decoded.width(), decoded.height()]);
    assert_eq!(full, [300, 400]);
}

#[test]
fn a_copy_that_would_be_the_original_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let mut cat = Catalogue::create(&root, "Office", "Ana").unwrap();
    // A PNG with no metadata at all: removing its metadata changes nothing.
    let file = dir.path().join("plain.png");
    textured(40, 30).save(&file).unwrap();
    let att = dossier::media::import_file(&cat.blobs(), &file, "Ana", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    let mut r = Record::new(RecordKind::Media, "Plain picture", "Ana");
    r.attachments.push(att.clone());
    let id = cat.save(r, "Ana").unwrap();
    let e = redact(
        &mut cat,
        &id,
        &att.sha256,
        &[RedactOp::StripMetadata],
        Label::Green,
        "Ana",
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("no embedded metadata to remove"),
        "{e}"
    );
    assert_eq!(cat.get(&id).unwrap().attachments.len(), 1);
}
