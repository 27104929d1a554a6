//! Redacted copies of pictures: regions made unrecognisable (pixelated into coarse blocks,
//! then blurred) or filled with black, a crop, and embedded metadata left out. The copy is
//! a new attachment on the same record, naming its original (`derived_from`) and how it
//! was made (`redaction`), with its own label; the original is never changed. The making
//! is logged, with both hashes.
//!
//! A copy with changed pixels is written as PNG (lossless: outside the regions every pixel
//! is the original's), which carries no embedded metadata. A copy that only leaves out the
//! metadata keeps the original's format and pixels (`embedded::stripped`).

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, Rgba, RgbaImage};
use jiff::Timestamp;

use super::embedded::{self, Format};
use super::thumbs::decode_bytes;
use crate::audit::{Action, AuditDraft};
use crate::durable::vault::Source;
use crate::model::{Area, Attachment, Extra, Label, RecordId, RedactOp, Redaction, Region, Sha256};
use crate::store::{BlobStore, Catalogue, FsOp, StoreError, WriteBatch};

/// The largest picture file read whole to be redacted.
const MAX_FILE: u64 = 1 << 30;

/// Why a redacted copy could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RedactError {
    /// The record or the original is not in the catalogue.
    #[error("{0}")]
    NotFound(String),
    /// The steps asked cannot be done on this file.
    #[error("Cannot redact {name}: {reason}")]
    Refused {
        /// The original's name.
        name: String,
        /// Why, for a person.
        reason: String,
    },
    /// Saving failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies the pixel steps to a picture: blurs and fills in their order, then the crop.
/// Regions are clipped to the picture; one wholly outside it is refused.
pub fn apply(img: &DynamicImage, ops: &[RedactOp]) -> Result<RgbaImage, String> {
    let mut out = img.to_rgba8();
    let (w, h) = out.dimensions();
    let mut crop = None;
    for op in ops {
        match op {
            RedactOp::Blur { region } => obscure(&mut out, clip(*region, w, h)?),
            RedactOp::Fill { region } => fill(&mut out, clip(*region, w, h)?),
            RedactOp::BlurArea { area } => within(&mut out, area, obscure)?,
            RedactOp::FillArea { area } => within(&mut out, area, fill)?,
            RedactOp::Crop { region } => crop = Some(clip(*region, w, h)?),
            RedactOp::StripMetadata => {}
        }
    }
    if let Some(r) = crop {
        out = image::imageops::crop_imm(&out, r.x, r.y, r.w, r.h).to_image();
    }
    Ok(out)
}

/// Applies `step` to the rectangle around a freehand area, then keeps its result only for
/// the pixels inside the area (those whose centre the outline surrounds); the rest of the
/// picture is unchanged.
fn within(
    img: &mut RgbaImage,
    area: &Area,
    step: fn(&mut RgbaImage, Region),
) -> Result<(), String> {
    let (w, h) = img.dimensions();
    let b = clip(area.bounds(), w, h).map_err(|_| {
        format!("the freehand area ({area}) is outside the picture, which is {w} x {h} pixels")
    })?;
    let mut part = image::imageops::crop_imm(img, b.x, b.y, b.w, b.h).to_image();
    step(
        &mut part,
        Region {
            x: 0,
            y: 0,
            w: b.w,
            h: b.h,
        },
    );
    for y in b.y..b.y + b.h {
        let cuts = area.crossings(f64::from(y) + 0.5);
        for pair in cuts.chunks_exact(2) {
            // Pixels whose centre lies between the two crossings.
            let from = (pair[0] - 0.5).ceil().max(f64::from(b.x)) as u32;
            let to = (pair[1] - 0.5).ceil().min(f64::from(b.x + b.w)) as u32;
            for x in from..to.max(from) {
                img.put_pixel(x, y, *part.get_pixel(x - b.x, y - b.y));
            }
        }
    }
    Ok(())
}

/// The part of `r` inside a `w` x `h` picture.
fn clip(r: Region, w: u32, h: u32) -> Result<Region, String> {
    let (x1, y1) = (
        r.x.saturating_add(r.w).min(w),
        r.y.saturating_add(r.h).min(h),
    );
    if r.x >= w || r.y >= h || x1 <= r.x || y1 <= r.y {
        return Err(format!(
            "the region {r} is outside the picture, which is {w} x {h} pixels"
        ));
    }
    Ok(Region {
        x: r.x,
        y: r.y,
        w: x1 - r.x,
        h: y1 - r.y,
    })
}

/// The side of the blocks a region is pixelated into: coarse enough that a face of the
/// region's size becomes a few blocks across.
fn block_side(r: Region) -> u32 {
    (r.w.min(r.h) / 5).max(16)
}

/// Pixelates the region into blocks of one colour (each block's mean), then blurs it with
/// a box of a block's size, so block edges give nothing back either. Not reversible: each
/// block keeps only its mean.
fn obscure(img: &mut RgbaImage, r: Region) {
    let side = block_side(r);
    let mut y = r.y;
    while y < r.y + r.h {
        let bh = side.min(r.y + r.h - y);
        let mut x = r.x;
        while x < r.x + r.w {
            let bw = side.min(r.x + r.w - x);
            let block = Region { x, y, w: bw, h: bh };
            let mean = mean_of(img, block);
            paint(img, block, mean);
            x += bw;
        }
        y += bh;
    }
    box_blur(img, r, side / 2);
}

/// The mean colour of a region.
fn mean_of(img: &RgbaImage, r: Region) -> Rgba<u8> {
    let mut sum = [0u64; 4];
    for y in r.y..r.y + r.h {
        for x in r.x..r.x + r.w {
            for (s, c) in sum.iter_mut().zip(img.get_pixel(x, y).0) {
                *s += u64::from(c);
            }
        }
    }
    let n = u64::from(r.w) * u64::from(r.h);
    Rgba(sum.map(|s| u8::try_from(s / n.max(1)).unwrap_or(u8::MAX)))
}

fn paint(img: &mut RgbaImage, r: Region, colour: Rgba<u8>) {
    for y in r.y..r.y + r.h {
        for x in r.x..r.x + r.w {
            img.put_pixel(x, y, colour);
        }
    }
}

fn fill(img: &mut RgbaImage, r: Region) {
    paint(img, r, Rgba([0, 0, 0, 255]));
}

/// Blurs the region with a box of `radius` (rows, then columns), reading only pixels
/// inside the region, so nothing outside it changes and nothing of the outside leaks in.
fn box_blur(img: &mut RgbaImage, r: Region, radius: u32) {
    if radius == 0 {
        return;
    }
    let rows: Vec<Vec<Rgba<u8>>> = (r.y..r.y + r.h)
        .map(|y| (r.x..r.x + r.w).map(|x| *img.get_pixel(x, y)).collect())
        .collect();
    let across: Vec<Vec<Rgba<u8>>> = rows.iter().map(|row| blur_line(row, radius)).collect();
    for dx in 0..r.w as usize {
        let column: Vec<Rgba<u8>> = across.iter().map(|row| row[dx]).collect();
        for (dy, p) in blur_line(&column, radius).into_iter().enumerate() {
            img.put_pixel(r.x + dx as u32, r.y + dy as u32, p);
        }
    }
}

/// A line of pixels, each the mean of those within `radius` of it (within the line).
fn blur_line(line: &[Rgba<u8>], radius: u32) -> Vec<Rgba<u8>> {
    let radius = radius as usize;
    let mut prefix = vec![[0u64; 4]; line.len() + 1];
    for (i, p) in line.iter().enumerate() {
        let before = prefix[i];
        for ((sum, was), c) in prefix[i + 1].iter_mut().zip(before).zip(p.0) {
            *sum = was + u64::from(c);
        }
    }
    (0..line.len())
        .map(|i| {
            let (a, b) = (i.saturating_sub(radius), (i + radius + 1).min(line.len()));
            let n = (b - a) as u64;
            let mut out = [0u8; 4];
            for (c, o) in out.iter_mut().enumerate() {
                *o = u8::try_from((prefix[b][c] - prefix[a][c]) / n).unwrap_or(u8::MAX);
            }
            Rgba(out)
        })
        .collect()
}

/// The redacted copy's bytes and media type.
fn make_copy(
    blobs: &BlobStore,
    original: &Attachment,
    ops: &[RedactOp],
) -> Result<(Vec<u8>, String), String> {
    let path = blobs.path_of(&original.sha256);
    let source = Source::stored(blobs.vault(), &path);
    if !ops.iter().any(RedactOp::changes_pixels) {
        let format = Format::of(&original.media_type);
        if !format.can_strip() || format == Format::Plain {
            return Err("Dossier cannot remove embedded metadata from this kind of file".into());
        }
        let mut copy =
            embedded::stripped(source, &original.media_type).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut copy.reader, &mut bytes)
            .map_err(|e| crate::durable::describe_io(&e))?;
        return Ok((bytes, original.media_type.clone()));
    }
    if super::MediaClass::of(&original.media_type) == super::MediaClass::Video {
        // A redacted still: the frame one second in, at the video's size.
        let frame = super::video::with_plain_path(source, super::video::still)?;
        let out = apply(&DynamicImage::ImageRgba8(frame), ops)?;
        let mut png = Vec::new();
        out.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|e| format!("the copy could not be written ({e})"))?;
        return Ok((png, "image/png".into()));
    }
    if super::MediaClass::of(&original.media_type) != super::MediaClass::Photo {
        return Err(
            "only pictures (and stills of videos) can have regions blurred, filled or cropped"
                .into(),
        );
    }
    let bytes = source
        .read_all(MAX_FILE)
        .map_err(|e| crate::durable::describe_io(&e))?;
    let img = decode_bytes(&bytes, Path::new(&original.name)).map_err(|e| e.reason)?;
    let out = apply(&img, ops)?;
    let mut png = Vec::new();
    out.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| format!("the copy could not be written ({e})"))?;
    Ok((png, "image/png".into()))
}

/// Makes a redacted copy of the attachment `original` of `record` with `ops`, labelled
/// `label`, and adds it to the record: stored, logged (both hashes and the steps), the
/// record saved. Returns the copy's SHA-256 and the batch to apply.
pub fn redact(
    cat: &mut Catalogue,
    record: &RecordId,
    original: &Sha256,
    ops: &[RedactOp],
    label: Label,
    actor: &str,
) -> Result<(Sha256, WriteBatch), RedactError> {
    let mut rec = cat
        .get(record)
        .cloned()
        .ok_or_else(|| RedactError::NotFound(format!("No record {record} in this catalogue")))?;
    let source = rec
        .attachments
        .iter()
        .find(|a| a.sha256 == *original)
        .cloned()
        .ok_or_else(|| {
            RedactError::NotFound(format!("Record {record} has no attachment {original}"))
        })?;
    let copy = redacted_copy(&cat.blobs(), &source, ops, label, actor)?;
    let draft = logged(record, &source, &copy, actor);
    let sha = copy.sha256.clone();
    if !rec.attachments.iter().any(|a| a.sha256 == sha) {
        rec.attachments.push(copy);
    }
    let mut batch = WriteBatch::new(format!("Redacted copy of '{}'", source.name));
    batch.push(FsOp::Audit {
        log: cat.audit().clone(),
        drafts: vec![draft],
    });
    batch.extend(cat.put(rec, actor)?);
    Ok((sha, batch))
}

/// The log entry of a redacted copy `copy` of `source` made on `record`: both hashes,
/// the steps and the copy's label.
pub fn logged(
    record: &RecordId,
    source: &Attachment,
    copy: &Attachment,
    actor: &str,
) -> AuditDraft {
    let steps: Vec<String> = copy
        .redaction
        .iter()
        .flat_map(|r| &r.operations)
        .map(RedactOp::describe)
        .collect();
    let note = format!(
        "redacted copy {} of {} ({}): {}; labelled {}",
        copy.sha256.short(12),
        crate::text::one_line(&source.name),
        source.sha256.short(12),
        steps.join(", "),
        copy.label
    );
    AuditDraft::new(actor, Action::Redacted)
        .record(*record, None)
        .attachment(&copy.sha256)
        .note(note)
        .detail("derived_from", source.sha256.as_str())
}

/// Makes and stores a redacted copy of the attachment `source` with `ops`, labelled
/// `label`: the copy as an attachment, not yet on any record or in the log ([`redact`]
/// does both).
pub fn redacted_copy(
    blobs: &BlobStore,
    source: &Attachment,
    ops: &[RedactOp],
    label: Label,
    actor: &str,
) -> Result<Attachment, RedactError> {
    let refuse = |reason: String| RedactError::Refused {
        name: crate::text::one_line(&source.name).into_owned(),
        reason,
    };
    if ops.is_empty() {
        return Err(refuse(
            "no steps were given: blur, fill, crop or strip metadata".into(),
        ));
    }
    let (bytes, media_type) = make_copy(blobs, source, ops).map_err(refuse)?;
    if crate::durable::hash_bytes(&bytes) == source.sha256 {
        return Err(refuse(
            "it carries no embedded metadata to remove: the copy would be the original itself"
                .into(),
        ));
    }
    let stored = blobs.ingest_reader(
        &mut Cursor::new(&bytes),
        Path::new(&source.name),
        &mut |_| {},
    )?;
    let mut steps = ops.to_vec();
    if !steps.contains(&RedactOp::StripMetadata) {
        // A copy with changed pixels is a new PNG: it carries no embedded metadata.
        steps.push(RedactOp::StripMetadata);
    }
    Ok(copy_attachment(
        blobs,
        source,
        &stored.sha256,
        media_type,
        bytes.len(),
        steps,
        label,
        actor,
    ))
}

/// The copy as an attachment: named by its own hash (the original's name may say too
/// much), with the original's content warnings, and how it was made.
#[allow(clippy::too_many_arguments)]
fn copy_attachment(
    blobs: &BlobStore,
    source: &Attachment,
    sha: &Sha256,
    media_type: String,
    size: usize,
    steps: Vec<RedactOp>,
    label: Label,
    actor: &str,
) -> Attachment {
    let ext = match media_type.as_str() {
        "image/png" => "png",
        _ => Path::new(&source.name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin"),
    };
    let stored = blobs.path_of(sha);
    let metadata =
        super::metadata::read_metadata(Source::stored(blobs.vault(), &stored), &media_type);
    let now = Timestamp::now();
    Attachment {
        sha256: sha.clone(),
        name: format!("redacted-{}.{ext}", sha.short(12)),
        size: size as u64,
        media_type,
        label,
        warnings: source.warnings.clone(),
        description: String::new(),
        original_path: String::new(),
        imported_at: now,
        imported_by: actor.to_string(),
        derived_from: Some(source.sha256.clone()),
        redaction: Some(Redaction {
            operations: steps,
            made_by: actor.to_string(),
            made_at: now,
        }),
        metadata,
        provenance: Default::default(),
        extra: Extra::new(),
    }
}
