//! The generated photographs: a few street scenes drawn once at the requested size, each
//! written again with its own EXIF (camera, time, GPS position, an embedded preview) so
//! every file has different bytes.

use std::io::Cursor;

use exif::{Field, In, Rational, Tag, Value};
use image::{RgbImage, imageops::FilterType};

use crate::model::Record;
use crate::store::StoreError;

/// Distinct pictures drawn; each photograph is one of them with its own EXIF, so every
/// file has different bytes (and hash) without drawing thousands of pictures.
const PICTURES: usize = 12;
/// Side of the preview embedded in the EXIF, as phones write it.
pub const EXIF_PREVIEW: (u32, u32) = (512, 384);

/// A few distinct pictures at the requested size, drawn once.
pub(super) fn draw_pictures(rng: &mut fastrand::Rng, width: u32, wanted: usize) -> Vec<Picture> {
    let width = width.clamp(64, 12_000);
    let height = width * 3 / 4;
    (0..PICTURES.min(wanted))
        .map(|k| {
            let seed = rng.u32(..);
            let img = street_scene(width, height, seed);
            let preview =
                image::imageops::resize(&img, EXIF_PREVIEW.0, EXIF_PREVIEW.1, FilterType::Triangle);
            Picture {
                jpeg: encode_jpeg(&img, 85),
                preview: encode_jpeg(&preview, 80),
                width,
                height,
                portrait: k % 4 == 3,
            }
        })
        .collect()
}

pub(super) struct Picture {
    /// The whole picture, JPEG without metadata.
    jpeg: Vec<u8>,
    /// A 512x384 JPEG of it, for the EXIF preview.
    preview: Vec<u8>,
    width: u32,
    height: u32,
    /// Taken with the phone upright: EXIF orientation 6.
    portrait: bool,
}

/// The picture as a JPEG of the given quality.
fn encode_jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    // Encoding into memory cannot fail for an RGB image of a valid size.
    let _ = img.write_with_encoder(encoder);
    out
}

/// A cheap, well-mixed hash of a pixel's place, for grain and blocks.
fn hash32(x: u32, y: u32, seed: u32) -> u32 {
    let mut h = x.wrapping_mul(374_761_393)
        ^ y.wrapping_mul(668_265_263)
        ^ seed.wrapping_mul(2_246_822_519);
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    h ^ (h >> 16)
}

/// A street under a hazy sky with buildings and rubble: smooth areas, edges and grain, so
/// it compresses about as a photograph does.
fn street_scene(w: u32, h: u32, seed: u32) -> RgbImage {
    let horizon = h * 55 / 100;
    let block_w = (w / 9).max(1);
    RgbImage::from_fn(w, h, |x, y| {
        let grain = (hash32(x, y, seed) % 9) as i32 - 4;
        let coarse = (hash32(x / 16, y / 16, seed ^ 7) % 21) as i32 - 10;
        let shade = |c: [i32; 3], d: i32| image::Rgb(c.map(|v| (v + d).clamp(0, 255) as u8));
        if y < horizon {
            let t = y as i32 * 70 / horizon.max(1) as i32;
            let smoke = (x as i32 * 50 / w as i32) * (seed as i32 & 1);
            let block = x / block_w;
            let top = horizon - (hash32(block, 0, seed) % (horizon / 2).max(1)) - horizon / 8;
            if y > top {
                let (bx, by) = (x % block_w, y - top);
                let cell = (block_w / 8).max(4);
                let window = bx % cell > cell / 4
                    && bx % cell < cell * 3 / 4
                    && by % (cell * 3 / 2) > cell / 3
                    && by % (cell * 3 / 2) < cell;
                if window {
                    shade([60, 70, 85], grain + coarse / 2)
                } else {
                    shade([176, 160, 138], grain + coarse)
                }
            } else {
                shade([150 + t, 170 + t * 6 / 7, 200 + t / 2], grain / 2 - smoke)
            }
        } else {
            let rubble = hash32(x / 12, y / 12, seed ^ 3).is_multiple_of(5);
            if rubble {
                shade([120, 110, 100], grain * 2 + coarse)
            } else {
                shade([92, 90, 88], grain + coarse / 2)
            }
        }
    })
}

/// One photograph: a drawn picture with its own EXIF (unique description and time, the
/// record's position, and the preview), so its bytes differ from every other.
pub(super) fn photograph(
    rng: &mut fastrand::Rng,
    picture: &Picture,
    n: usize,
    record: &Record,
) -> Result<Vec<u8>, StoreError> {
    let mut fields = camera_fields(rng, picture, n, record);
    if let Some(at) = record.coordinates.as_deref().copied() {
        fields.extend(gps_fields(at.lat, at.lon));
    }
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    writer.set_jpeg(&picture.preview, In::THUMBNAIL);
    let mut tiff = Cursor::new(Vec::new());
    writer
        .write(&mut tiff, false)
        .map_err(|e| StoreError::CannotCreate {
            path: format!("IMG_{:05}.jpg", n + 1).into(),
            reason: format!("its EXIF could not be written: {e}"),
        })?;
    Ok(with_exif(&picture.jpeg, &tiff.into_inner()))
}

/// What a phone writes of itself and the moment: make, model, description, times,
/// orientation and size.
fn camera_fields(
    rng: &mut fastrand::Rng,
    picture: &Picture,
    n: usize,
    record: &Record,
) -> Vec<Field> {
    let ascii = |tag: Tag, text: String| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.into_bytes()]),
    };
    let day = record
        .date
        .map(|d| d.earliest())
        .unwrap_or(jiff::civil::date(2020, 10, 1));
    let time = format!(
        "{:04}:{:02}:{:02} {:02}:{:02}:{:02}",
        day.year(),
        day.month(),
        day.day(),
        rng.u8(6..21),
        rng.u8(..60),
        rng.u8(..60)
    );
    let primary = |tag: Tag, value: Value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    vec![
        ascii(Tag::Make, "Samsung".into()),
        ascii(Tag::Model, "Galaxy A52 (generated)".into()),
        ascii(
            Tag::ImageDescription,
            format!("Generated photograph {} for {}", n + 1, record.id),
        ),
        ascii(Tag::DateTimeOriginal, time.clone()),
        ascii(Tag::DateTime, time),
        primary(
            Tag::Orientation,
            Value::Short(vec![if picture.portrait { 6 } else { 1 }]),
        ),
        primary(Tag::PixelXDimension, Value::Long(vec![picture.width])),
        primary(Tag::PixelYDimension, Value::Long(vec![picture.height])),
    ]
}

/// The GPS position, in degrees, minutes and seconds as EXIF writes it.
fn gps_fields(lat: f64, lon: f64) -> Vec<Field> {
    let dms = |v: f64| {
        let v = v.abs();
        let deg = v.trunc();
        let min = ((v - deg) * 60.0).trunc();
        let sec = ((v - deg) * 60.0 - min) * 60.0;
        Value::Rational(vec![
            Rational::from((deg as u32, 1)),
            Rational::from((min as u32, 1)),
            Rational::from(((sec * 100.0) as u32, 100)),
        ])
    };
    let gps = |tag: Tag, value: Value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    vec![
        gps(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])),
        gps(Tag::GPSLatitude, dms(lat)),
        gps(Tag::GPSLongitudeRef, Value::Ascii(vec![b"E".to_vec()])),
        gps(Tag::GPSLongitude, dms(lon)),
    ]
}

/// The JPEG with an APP1 "Exif" segment holding `tiff` right after its start marker.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let body = jpeg.get(2..).unwrap_or_default();
    let len = (tiff.len() + 8) as u16;
    let mut out = Vec::with_capacity(jpeg.len() + tiff.len() + 10);
    out.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
    out.extend_from_slice(body);
    out
}
