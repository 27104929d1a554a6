//! Thumbnails of image attachments, and obscured versions for graphic content.
//!
//! Made on background threads by the GUI; cached as PNG in `cache/thumbs/` (which may be
//! deleted at any time). Decoding has limits, so a hostile or broken image gives an error,
//! never a panic or an exhausted memory.

use std::fs;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbaImage, imageops::FilterType};

use crate::store::fsx;

/// The longest side of a thumbnail, in pixels.
pub const THUMB_SIZE: u32 = 256;

/// Largest image dimensions and decode memory accepted.
const MAX_SIDE: u32 = 40_000;
const MAX_ALLOC: u64 = 1 << 30;

#[derive(Debug, thiserror::Error)]
#[error("Cannot preview {}: {reason}", path.display())]
pub struct ThumbnailError {
    pub path: PathBuf,
    pub reason: String,
}

/// Where the cached thumbnail of an original is kept.
pub fn cache_path(cache_dir: &Path, sha256: &str, size: u32) -> PathBuf {
    cache_dir
        .join("thumbs")
        .join(format!("{sha256}-{size}.png"))
}

/// The thumbnail of the image at `original`, from the cache when it is there. When
/// `cache_dir` is given, a new thumbnail is saved there (failures to save are ignored: the
/// cache is only a convenience).
pub fn thumbnail(
    original: &Path,
    sha256: &str,
    cache_dir: Option<&Path>,
) -> Result<RgbaImage, ThumbnailError> {
    if let Some(dir) = cache_dir {
        let cached = cache_path(dir, sha256, THUMB_SIZE);
        if let Ok(img) = image::open(&cached) {
            return Ok(img.to_rgba8());
        }
    }
    let img = decode_limited(original)?;
    let thumb = img.thumbnail(THUMB_SIZE, THUMB_SIZE).to_rgba8();
    if let Some(dir) = cache_dir {
        let cached = cache_path(dir, sha256, THUMB_SIZE);
        let mut png = Vec::new();
        let encoded = DynamicImage::ImageRgba8(thumb.clone())
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png);
        if encoded.is_ok()
            && let Some(parent) = cached.parent()
            && fs::create_dir_all(parent).is_ok()
        {
            let _ = fsx::write_atomic(&cached, &png);
        }
    }
    Ok(thumb)
}

/// Decodes an image with size limits, turned the right way up (EXIF orientation).
pub fn decode_limited(path: &Path) -> Result<DynamicImage, ThumbnailError> {
    let fail = |reason: String| ThumbnailError {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = ImageReader::open(path)
        .map_err(|e| fail(crate::store::describe_io(&e)))?
        .with_guessed_format()
        .map_err(|e| fail(crate::store::describe_io(&e)))?;
    if reader.format().is_none() {
        return Err(fail("it is not an image format Dossier can show".into()));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| fail(format!("the image is damaged or unsupported ({e})")))?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| fail(format!("the image is damaged or unsupported ({e})")))?;
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
        let thumb = thumbnail(&original, "abc", Some(&cache)).unwrap();
        assert_eq!(thumb.dimensions(), (256, 128));
        assert!(cache_path(&cache, "abc", THUMB_SIZE).is_file());
    }

    #[test]
    fn a_broken_image_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.jpg");
        fs::write(&bad, b"\xff\xd8\xff\xe0 this is not really a jpeg").unwrap();
        let err = thumbnail(&bad, "bad", None).unwrap_err();
        assert!(err.to_string().contains("bad.jpg"), "{err}");
        let empty = dir.path().join("empty.png");
        fs::write(&empty, b"").unwrap();
        assert!(thumbnail(&empty, "empty", None).is_err());
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
