//! Thumbnails of image attachments, and obscured versions for graphic content.
//!
//! Made on background threads by the GUI; cached as PNG in `cache/thumbs/` (which may be
//! deleted at any time). Decoding has limits, so a hostile or broken image gives an error,
//! never a panic or an exhausted memory.

use std::fs;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbaImage, imageops::FilterType};

use crate::durable::vault::{Source, Vault};
use crate::model::Sha256;

/// The longest side of a thumbnail, in pixels.
pub const THUMB_SIZE: u32 = 256;

/// Largest image dimensions and decode memory accepted: a 100-megapixel photograph fits;
/// a small file declaring a gigantic picture (a decompression bomb) is refused before
/// anything is allocated.
const MAX_SIDE: u32 = 40_000;
const MAX_ALLOC: u64 = 512 << 20;
/// The largest picture file read whole to make a thumbnail.
const MAX_FILE: u64 = 1 << 30;

/// Why a thumbnail could not be made.
#[derive(Debug, thiserror::Error)]
#[error("Cannot preview {}: {reason}", path.display())]
pub struct ThumbnailError {
    /// The file the thumbnail was for.
    pub path: PathBuf,
    /// What went wrong, for a person.
    pub reason: String,
}

/// Where the cached thumbnail of an original is kept: named by its SHA-256, or in an
/// encrypted catalogue by the keyed name its original is stored under.
pub fn cache_path(cache_dir: &Path, sha256: &Sha256, size: u32, vault: Option<&Vault>) -> PathBuf {
    let name = vault.map_or_else(|| sha256.as_str().to_string(), |v| v.stored_name(sha256));
    cache_dir.join("thumbs").join(format!("{name}-{size}.png"))
}

/// The thumbnail of the image `original`, from the cache when it is there. When
/// `cache_dir` is given, a new thumbnail is saved there (sealed like the original when it
/// is an encrypted catalogue's; failures to save are ignored: the cache is only a
/// convenience).
pub fn thumbnail(
    original: Source<'_>,
    sha256: &Sha256,
    cache_dir: Option<&Path>,
) -> Result<RgbaImage, ThumbnailError> {
    let vault = original.vault();
    let cached = cache_dir.map(|dir| cache_path(dir, sha256, THUMB_SIZE, vault));
    if let Some(cached) = &cached {
        let bytes = match vault {
            Some(v) => v.read(cached),
            None => fs::read(cached),
        };
        if let Ok(img) = bytes
            .map_err(|_| ())
            .and_then(|b| decode_bytes(&b, cached).map_err(|_| ()))
        {
            return Ok(img.to_rgba8());
        }
    }
    let thumb = picture_thumbnail(original)?;
    if let Some(cached) = &cached {
        let mut png = Vec::new();
        let encoded = DynamicImage::ImageRgba8(thumb.clone())
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png);
        if encoded.is_ok()
            && let Some(parent) = cached.parent()
            && fs::create_dir_all(parent).is_ok()
        {
            let _ = match vault {
                Some(v) => v.write_atomic(cached, png),
                None => crate::durable::write_atomic(cached, &png),
            };
        }
    }
    Ok(thumb)
}

/// The thumbnail of the picture itself, made afresh (no cache): what a package may carry.
/// Decoders are written to refuse bad input with an error; should one panic on a file made
/// to break it, that file gets "no preview" and the caller lives on.
pub fn picture_thumbnail(original: Source<'_>) -> Result<RgbaImage, ThumbnailError> {
    std::panic::catch_unwind(|| make_thumbnail(original)).unwrap_or_else(|_| {
        Err(ThumbnailError {
            path: original.path.to_path_buf(),
            reason: "the image is damaged: the decoder failed on it".into(),
        })
    })
}

/// Makes the thumbnail of an image from its pixels, turned the right way up: a JPEG is
/// decoded at the smallest scale (1/2, 1/4 or 1/8) that still covers the size; other
/// formats are decoded in full, within the limits.
///
/// A camera's embedded EXIF preview is never used: it is a separate picture that editors
/// often leave behind, so a photo whose pixels were blacked out can still carry the
/// unredacted scene there (see [`embedded_preview`] for telling whether one is present).
pub fn make_thumbnail(original: Source<'_>) -> Result<RgbaImage, ThumbnailError> {
    thumbnail_sized(original, THUMB_SIZE)
}

/// The preview of an attachment of `media_type` whose longest side is at most `size`
/// (`dossier preview`): a picture's thumbnail, made afresh and never obscured. Other kinds
/// of file have none yet, and say so.
pub fn preview(
    original: Source<'_>,
    media_type: &str,
    size: u32,
) -> Result<RgbaImage, ThumbnailError> {
    if media_type == "application/pdf" {
        return in_worker(original, super::worker::Kind::Pdf, size);
    }
    if super::MediaClass::of(media_type) == super::MediaClass::Audio {
        return in_worker(original, super::worker::Kind::Audio, size);
    }
    if super::MediaClass::of(media_type) == super::MediaClass::Video {
        return video_poster(original, size);
    }
    if super::MediaClass::of(media_type) != super::MediaClass::Photo {
        return Err(ThumbnailError {
            path: original.path.to_path_buf(),
            reason: format!(
                "Dossier makes no preview of {} files yet",
                crate::text::one_line(media_type)
            ),
        });
    }
    std::panic::catch_unwind(|| thumbnail_sized(original, size)).unwrap_or_else(|_| {
        Err(ThumbnailError {
            path: original.path.to_path_buf(),
            reason: "the image is damaged: the decoder failed on it".into(),
        })
    })
}

/// A PDF's first page or a recording's waveform, made in the preview worker (`worker.rs`).
fn in_worker(
    original: Source<'_>,
    kind: super::worker::Kind,
    size: u32,
) -> Result<RgbaImage, ThumbnailError> {
    let fail = |reason: String| ThumbnailError {
        path: original.path.to_path_buf(),
        reason,
    };
    let bytes = original
        .read_all(MAX_FILE)
        .map_err(|e| fail(crate::durable::describe_io(&e)))?;
    super::worker::render(kind, &bytes, size).map_err(fail)
}

/// A video's poster frame (`video.rs`). `ffmpeg` reads a file: an encrypted catalogue's
/// video is decrypted into memory for it, never to disk (`video::with_plain_path`).
fn video_poster(original: Source<'_>, size: u32) -> Result<RgbaImage, ThumbnailError> {
    let fail = |reason: String| ThumbnailError {
        path: original.path.to_path_buf(),
        reason,
    };
    super::video::with_plain_path(original, |path| super::video::poster_frame(path, size))
        .map_err(fail)
}

/// [`make_thumbnail`] with the longest side at most `size`.
fn thumbnail_sized(original: Source<'_>, size: u32) -> Result<RgbaImage, ThumbnailError> {
    let fail = |reason: String| ThumbnailError {
        path: original.path.to_path_buf(),
        reason,
    };
    // A video is never read whole: `ffmpeg` reads what it needs of the file.
    let mut head = [0u8; 16];
    let got = original
        .open()
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    if super::video::looks_like_video(&head[..got]) {
        return video_poster(original, size);
    }
    let bytes = original
        .read_all(MAX_FILE)
        .map_err(|e| fail(crate::durable::describe_io(&e)))?;
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(jpeg_reduced(&bytes, size).map_err(&fail)?.to_rgba8());
    }
    if bytes.starts_with(b"%PDF-") {
        return super::worker::render(super::worker::Kind::Pdf, &bytes, size).map_err(fail);
    }
    if super::audio::looks_like_audio(&bytes) {
        return super::worker::render(super::worker::Kind::Audio, &bytes, size).map_err(fail);
    }
    Ok(decode_bytes(&bytes, original.path)?
        .thumbnail(size, size)
        .to_rgba8())
}

/// A JPEG decoded at the smallest scale (1/2, 1/4 or 1/8) that still covers `size` on its
/// longest side, reduced to fit `size`, turned the right way up.
fn jpeg_reduced(bytes: &[u8], size: u32) -> Result<DynamicImage, String> {
    jpeg_size(bytes)?;
    let img = decode_jpeg_scaled(bytes, size)?;
    let mut img = DynamicImage::ImageRgb8(img).thumbnail(size, size);
    if let Some(orientation) = jpeg_orientation(bytes) {
        img.apply_orientation(orientation);
    }
    Ok(img)
}

/// The orientation a JPEG's EXIF gives, if any.
fn jpeg_orientation(bytes: &[u8]) -> Option<image::metadata::Orientation> {
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()?;
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u8::try_from(v).ok())
        .and_then(image::metadata::Orientation::from_exif)
}

/// A picture for the screen (the viewer): at most `side` pixels on its longest side,
/// turned the right way up, and the whole picture's size as shown (after its
/// orientation). A large JPEG is decoded at a reduced scale: a 50-megapixel photo costs a
/// fraction of its full decode.
pub fn for_screen(
    bytes: &[u8],
    path: &Path,
    side: u32,
) -> Result<(RgbaImage, [u32; 2]), ThumbnailError> {
    let fail = |reason: String| ThumbnailError {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (w, h) = jpeg_size(bytes).map_err(&fail)?;
        if w.max(h) > side {
            use image::metadata::Orientation::{
                Rotate90, Rotate90FlipH, Rotate270, Rotate270FlipH,
            };
            let turned = matches!(
                jpeg_orientation(bytes),
                Some(Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
            );
            let full = if turned { [h, w] } else { [w, h] };
            return Ok((jpeg_reduced(bytes, side).map_err(fail)?.to_rgba8(), full));
        }
    }
    let img = decode_bytes(bytes, path)?;
    let full = [img.width(), img.height()];
    let img = match full[0].max(full[1]) > side {
        true => img.resize(side, side, FilterType::Triangle),
        false => img,
    };
    Ok((img.to_rgba8(), full))
}

/// A JPEG's width and height from its header, refusing sizes beyond the limits.
fn jpeg_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder
        .read_info()
        .map_err(|e| format!("the image is damaged or unsupported ({e})"))?;
    let info = decoder
        .info()
        .ok_or_else(|| "the image is damaged: it has no size".to_string())?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "the image says it is {w} x {h} pixels, beyond what Dossier decodes"
        ));
    }
    Ok((w, h))
}

/// The preview picture a camera or editor stored in a JPEG's EXIF data, decoded small, when
/// there is one. It is not the photo: it may show what the photo's pixels no longer do.
pub fn embedded_preview(bytes: &[u8]) -> Option<image::RgbImage> {
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()?;
    let field = |tag| {
        exif.get_field(tag, exif::In::THUMBNAIL)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|v| usize::try_from(v).ok())
    };
    let start = field(exif::Tag::JPEGInterchangeFormat)?;
    let len = field(exif::Tag::JPEGInterchangeFormatLength)?;
    let data = exif.buf().get(start..start.checked_add(len)?)?;
    decode_jpeg_scaled(data, THUMB_SIZE).ok()
}

/// Decodes a JPEG at the smallest of its built-in reduced scales whose longest side is
/// still at least `size`.
fn decode_jpeg_scaled(bytes: &[u8], size: u32) -> Result<image::RgbImage, String> {
    let damaged = |e: jpeg_decoder::Error| format!("the image is damaged or unsupported ({e})");
    let (w, h) = jpeg_size(bytes)?;
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    // The decoder picks the smallest scale that covers what is asked in both directions;
    // asking for the thumbnail's share of each side keeps the longest side >= size.
    let longest = w.max(h);
    let want = |side: u32| {
        (u64::from(side) * u64::from(size))
            .div_ceil(u64::from(longest))
            .max(1)
    };
    let (sw, sh) = decoder
        .scale(want(w) as u16, want(h) as u16)
        .map_err(damaged)?;
    let pixels = decoder.decode().map_err(damaged)?;
    let info = decoder
        .info()
        .ok_or_else(|| "the image is damaged: it has no size".to_string())?;
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    let count = (sw as usize) * (sh as usize);
    let rgb: Vec<u8> = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => pixels,
        jpeg_decoder::PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        jpeg_decoder::PixelFormat::L16 => pixels
            .chunks_exact(2)
            .flat_map(|l| [l[0], l[0], l[0]])
            .collect(),
        jpeg_decoder::PixelFormat::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                // Adobe's inverted CMYK, as cameras and scanners write it.
                let k = u16::from(p[3]);
                [p[0], p[1], p[2]].map(|c| (u16::from(c) * k / 255) as u8)
            })
            .collect(),
    };
    if rgb.len() < count * 3 {
        return Err("the image is damaged: it ends early".into());
    }
    image::RgbImage::from_raw(sw, sh, rgb)
        .ok_or_else(|| "the image is damaged: its pixels do not fit its size".into())
}

/// Checks that every chunk of a RIFF file (WebP) fits in the file.
fn check_riff_chunks(bytes: &[u8]) -> Result<(), String> {
    let damaged =
        || "the image is damaged: a part of it claims more bytes than the file has".to_string();
    let u32_at = |at: usize| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    let riff_len = u32_at(4).ok_or_else(damaged)?;
    if riff_len.saturating_add(8) > bytes.len() {
        return Err(damaged());
    }
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let len = u32_at(at + 4).ok_or_else(damaged)?;
        let end = (at + 8).saturating_add(len).saturating_add(len % 2);
        if (at + 8).saturating_add(len) > bytes.len() {
            return Err(damaged());
        }
        at = end;
    }
    Ok(())
}

/// Decodes an image with size limits, turned the right way up (EXIF orientation).
pub fn decode_limited(path: &Path) -> Result<DynamicImage, ThumbnailError> {
    let bytes = Source::plain(path)
        .read_all(MAX_FILE)
        .map_err(|e| ThumbnailError {
            path: path.to_path_buf(),
            reason: crate::durable::describe_io(&e),
        })?;
    decode_bytes(&bytes, path)
}

/// Decodes an image's bytes (read from `path`, named in errors) within the limits.
pub fn decode_bytes(bytes: &[u8], path: &Path) -> Result<DynamicImage, ThumbnailError> {
    let fail = |reason: String| ThumbnailError {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| fail(crate::durable::describe_io(&e)))?;
    if reader.format().is_none() {
        return Err(fail("it is not an image format Dossier can show".into()));
    }
    if reader.format() == Some(image::ImageFormat::WebP) {
        // image-webp allocates a chunk's declared size before reading it (found by
        // fuzzing: an EXIF chunk claiming 3 GB in a 356-byte file); check sizes first.
        check_riff_chunks(bytes).map_err(fail)?;
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let explain = |e: image::ImageError| {
        fail(match e {
            image::ImageError::Limits(_) => {
                let declared = ImageReader::new(std::io::Cursor::new(bytes))
                    .with_guessed_format()
                    .ok()
                    .and_then(|r| r.into_dimensions().ok());
                match declared {
                    Some((w, h)) => format!(
                        "the image says it is {w} x {h} pixels, beyond what Dossier decodes"
                    ),
                    None => "the image is larger than Dossier decodes".into(),
                }
            }
            e => format!("the image is damaged or unsupported ({e})"),
        })
    };
    let mut decoder = reader.into_decoder().map_err(explain)?;
    // Not every decoder holds itself to `max_alloc`: check what the pixels would take.
    if decoder.total_bytes() > MAX_ALLOC {
        let (w, h) = decoder.dimensions();
        return Err(fail(format!(
            "the image says it is {w} x {h} pixels, beyond what Dossier decodes"
        )));
    }
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(explain)?;
    if let Some(orientation) = orientation {
        img.apply_orientation(orientation);
    }
    Ok(img)
}

/// A version of a thumbnail in which nothing can be made out: shrunk to a few pixels and
/// smoothly enlarged again. Shown in place of graphic content until someone reveals it.
pub fn obscure(thumb: &RgbaImage) -> RgbaImage {
    let (w, h) = thumb.dimensions();
    if w == 0 || h == 0 {
        return thumb.clone();
    }
    let tiny = image::imageops::resize(thumb, 6, 6, FilterType::Triangle);
    image::imageops::resize(&tiny, w, h, FilterType::Triangle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thumbnail_fits_the_size_and_is_cached() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("big.png");
        RgbaImage::from_pixel(1200, 600, image::Rgba([10, 200, 30, 255]))
            .save(&original)
            .unwrap();
        let cache = dir.path().join("cache");
        let sha = crate::durable::hash_bytes(b"abc");
        let thumb = thumbnail(Source::plain(&original), &sha, Some(&cache)).unwrap();
        assert_eq!(thumb.dimensions(), (256, 128));
        assert!(cache_path(&cache, &sha, THUMB_SIZE, None).is_file());
    }

    #[test]
    fn a_broken_image_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.jpg");
        fs::write(&bad, b"\xff\xd8\xff\xe0 this is not really a jpeg").unwrap();
        let sha = crate::durable::hash_bytes(b"bad");
        let err = thumbnail(Source::plain(&bad), &sha, None).unwrap_err();
        assert!(err.to_string().contains("bad.jpg"), "{err}");
        let empty = dir.path().join("empty.png");
        fs::write(&empty, b"").unwrap();
        assert!(thumbnail(Source::plain(&empty), &sha, None).is_err());
    }

    fn jpeg(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb(rgb));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    /// A JPEG with EXIF holding an orientation and, when given, a preview.
    fn with_exif(main: &[u8], preview: Option<&[u8]>, orientation: u16) -> Vec<u8> {
        use exif::{Field, In, Tag, Value};
        let mut writer = exif::experimental::Writer::new();
        let field = Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        };
        writer.push_field(&field);
        if let Some(p) = preview {
            writer.set_jpeg(p, In::THUMBNAIL);
        }
        let mut tiff = std::io::Cursor::new(Vec::new());
        writer.write(&mut tiff, false).unwrap();
        crate::generate::with_exif(main, &tiff.into_inner())
    }

    fn is_blue(img: &RgbaImage) -> bool {
        let p = img.get_pixel(img.width() / 2, img.height() / 2);
        p[2] > 200 && p[0] < 60
    }

    fn thumb_of(bytes: &[u8]) -> Result<RgbaImage, ThumbnailError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.jpg");
        fs::write(&path, bytes).unwrap();
        make_thumbnail(Source::plain(&path))
    }

    #[test]
    fn a_thumbnail_shows_the_pictures_pixels_never_its_embedded_preview() {
        // The photo was blacked out in an editor that kept the camera's blue preview.
        let main = jpeg(1600, 1200, [5, 5, 5]);
        let stale = with_exif(&main, Some(&jpeg(320, 240, [20, 20, 230])), 1);
        let thumb = thumb_of(&stale).unwrap();
        assert_eq!(thumb.dimensions(), (256, 192));
        assert!(
            !is_blue(&thumb),
            "the thumbnail came from the stale preview"
        );
        let p = thumb.get_pixel(128, 96);
        assert!(p[0] < 30 && p[1] < 30 && p[2] < 30, "{p:?}");
        // The preview is there to be found (and stripped), just never shown as the photo.
        let preview = embedded_preview(&stale).expect("a preview");
        assert!(is_blue(&image::DynamicImage::ImageRgb8(preview).to_rgba8()));
        assert!(embedded_preview(&main).is_none());
    }

    #[test]
    fn a_jpeg_without_preview_is_decoded_small_and_turned_upright() {
        let plain = thumb_of(&jpeg(2000, 1000, [20, 200, 20])).unwrap();
        assert_eq!(plain.dimensions(), (256, 128));
        // Orientation 6: stored lying on its side, shown turned a quarter clockwise.
        let turned = thumb_of(&with_exif(&jpeg(2000, 1000, [20, 200, 20]), None, 6)).unwrap();
        assert_eq!(turned.dimensions(), (128, 256));
        let turned = thumb_of(&with_exif(
            &jpeg(800, 600, [20, 20, 230]),
            Some(&jpeg(400, 300, [20, 20, 230])),
            6,
        ))
        .unwrap();
        assert_eq!(turned.dimensions(), (192, 256));
    }

    #[test]
    fn truncated_or_giant_jpegs_are_errors_not_panics() {
        let whole = jpeg(640, 480, [1, 2, 3]);
        for cut in [3, 20, whole.len() / 3, whole.len() - 10] {
            // A cut-off file may still show its top part; it must never panic.
            let _ = thumb_of(&whole[..cut]);
        }
        assert!(thumb_of(&whole[..20]).is_err());
        // A header claiming 60000 x 60000 pixels.
        let mut giant = whole.clone();
        let sof = giant.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        giant[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
        let err = thumb_of(&giant).unwrap_err();
        assert!(err.to_string().contains("60000 x 60000"), "{err}");
        assert!(err.to_string().contains("photo.jpg"), "{err}");
    }

    #[test]
    fn obscuring_removes_detail() {
        let mut img = RgbaImage::from_pixel(64, 64, image::Rgba([0, 0, 0, 255]));
        for x in 0..64 {
            img.put_pixel(x, 32, image::Rgba([255, 255, 255, 255]));
        }
        let out = obscure(&img);
        let line = out.get_pixel(10, 32)[0];
        assert!(
            line < 128,
            "a thin bright line should be smeared away, got {line}"
        );
    }
}
