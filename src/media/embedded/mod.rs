//! What a file carries beyond what it shows, and copies of it without that.
//!
//! A photograph's EXIF can give the GPS position of a witness's home, the serial number of
//! the camera that took it, and the moment it was taken; XMP and IPTC can name the people
//! who handled it; an embedded preview can show the scene before it was redacted. Videos
//! carry the same in their container (a position in `©xyz`, the camera, creation times).
//!
//! [`inspect`] says what a file carries, reading only its headers. [`stripped`] makes a
//! copy without it: JPEG, PNG and WebP photographs (the picture's bytes untouched; a
//! JPEG keeps its orientation), MP4 and QuickTime videos (metadata boxes turned into
//! `free` boxes of the same size, creation times zeroed, so every offset stays valid).
//! Anything else cannot be stripped here, and the share plan says so.
//!
//! Nothing here trusts the file: lengths are checked against the file, reads are bounded,
//! and a file that does not parse is "cannot be stripped", never a panic.

mod fields;
mod jpeg;
mod mp4;
mod riff_png;

use std::collections::BTreeSet;
use std::io::{self, Read};

pub use fields::Field;

use crate::durable::vault::Source;

use serde::{Deserialize, Serialize};

/// The largest photograph stripped in memory.
const MAX_IMAGE: u64 = 512 << 20;

/// A kind of embedded metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Embedded {
    /// A position on Earth (EXIF GPS, a video's `©xyz`).
    GpsPosition,
    /// A camera or lens serial number.
    CameraSerial,
    /// The camera's make and model.
    Camera,
    /// When the picture or video was taken or made.
    CaptureTime,
    /// Names of people: the artist, author or creator, the IPTC by-line.
    Names,
    /// XMP: an editor's record that can hold names, places, history and software.
    Xmp,
    /// IPTC (Photoshop) fields: captions, by-lines, places.
    Iptc,
    /// A preview picture or extra images stored beside the main one, which can show what
    /// the main picture no longer does.
    Preview,
    /// A comment or description written into the file.
    Comment,
    /// Other EXIF fields (software, settings, maker notes).
    OtherExif,
    /// A video's user data and metadata boxes (titles, software, locations, devices).
    ContainerTags,
}

impl Embedded {
    /// In words, for the share plan and the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Embedded::GpsPosition => "GPS position",
            Embedded::CameraSerial => "camera serial number",
            Embedded::Camera => "camera make and model",
            Embedded::CaptureTime => "capture time",
            Embedded::Names => "names of people (author, artist, by-line)",
            Embedded::Xmp => "XMP data",
            Embedded::Iptc => "IPTC data",
            Embedded::Preview => "embedded preview or extra images",
            Embedded::Comment => "comments",
            Embedded::OtherExif => "other EXIF fields",
            Embedded::ContainerTags => "video metadata (user data boxes)",
        }
    }
}

/// The formats this module reads and strips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A JPEG (EXIF, XMP and IPTC segments).
    Jpeg,
    /// A PNG (eXIf, tEXt, iTXt and zTXt chunks).
    Png,
    /// A WebP (EXIF and XMP chunks).
    Webp,
    /// An MP4 or MOV (the udta and meta boxes).
    Mp4,
    /// Plain text and the like: nothing is embedded to strip.
    Plain,
    /// Anything else (PDF, office documents, MP3, GIF...): it may carry metadata that
    /// Dossier can neither list nor remove.
    Other,
}

impl Format {
    /// The format of a file of this media type, as stored in the catalogue.
    pub fn of(media_type: &str) -> Format {
        match media_type {
            "image/jpeg" => Format::Jpeg,
            "image/png" => Format::Png,
            "image/webp" => Format::Webp,
            "video/mp4" | "video/quicktime" | "video/x-m4v" | "audio/mp4" | "audio/m4a"
            | "audio/x-m4a" => Format::Mp4,
            "text/plain" | "text/csv" | "application/json" => Format::Plain,
            _ => Format::Other,
        }
    }

    /// Whether [`stripped`] can make a copy of such a file without its metadata.
    pub fn can_strip(self) -> bool {
        matches!(
            self,
            Format::Jpeg | Format::Png | Format::Webp | Format::Mp4 | Format::Plain
        )
    }
}

/// What a file carries, as far as its headers tell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspection {
    /// The kinds of embedded metadata found.
    pub found: BTreeSet<Embedded>,
    /// The values, where short and telling: `GPS 39.815300, 46.751900`, `camera serial
    /// 0123456`.
    pub details: Vec<String>,
    /// Every field found (EXIF, XMP, IPTC, PNG text, video tags), for the details window.
    pub fields: Vec<Field>,
}

/// What `src` (of `media_type`) carries. A file that cannot be read says nothing; the
/// plan then relies on [`Format::can_strip`].
pub fn inspect(src: Source<'_>, media_type: &str) -> Inspection {
    let read = || -> io::Result<Inspection> {
        let mut file = src.open()?;
        Ok(match Format::of(media_type) {
            Format::Jpeg => jpeg::inspect(&mut file)?,
            Format::Png => riff_png::inspect_png(&mut file)?,
            Format::Webp => riff_png::inspect_webp(&mut file)?,
            Format::Mp4 => mp4::inspect(&mut file)?,
            Format::Plain | Format::Other => Inspection::default(),
        })
    };
    // Parsers meet files made to break them: a panic is "nothing could be read".
    std::panic::catch_unwind(read)
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// Why a copy without metadata could not be made.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct StripError {
    /// Why, in words.
    pub reason: String,
}

fn strip_error(reason: impl Into<String>) -> StripError {
    StripError {
        reason: reason.into(),
    }
}

/// A copy of `path` without its embedded metadata, as a reader of its bytes, with what
/// was removed and the copy's size.
pub struct Stripped {
    /// The copy's bytes.
    pub reader: Box<dyn Read + Send>,
    /// The kinds of metadata removed.
    pub removed: BTreeSet<Embedded>,
    /// The copy's size.
    pub size: u64,
}

/// Makes the copy of `src` (of `media_type`) without its embedded metadata.
pub fn stripped(src: Source<'_>, media_type: &str) -> Result<Stripped, StripError> {
    let format = Format::of(media_type);
    let fail = |e: io::Error| strip_error(crate::durable::describe_io(&e));
    match format {
        Format::Jpeg | Format::Png | Format::Webp => {
            let mut bytes = Vec::new();
            src.open()
                .map_err(fail)?
                .take(MAX_IMAGE + 1)
                .read_to_end(&mut bytes)
                .map_err(fail)?;
            if bytes.len() as u64 > MAX_IMAGE {
                return Err(strip_error(
                    "the picture is too large to be copied without its metadata",
                ));
            }
            let run = || match format {
                Format::Jpeg => jpeg::strip(&bytes),
                Format::Png => riff_png::strip_png(&bytes),
                _ => riff_png::strip_webp(&bytes),
            };
            let (out, removed) = std::panic::catch_unwind(run)
                .map_err(|_| strip_error("the picture is damaged: it could not be read"))??;
            Ok(Stripped {
                size: out.len() as u64,
                reader: Box::new(io::Cursor::new(out)),
                removed,
            })
        }
        Format::Mp4 => {
            let mut file = src.open().map_err(fail)?;
            let size = file.plain_len().map_err(fail)?;
            let patches = std::panic::catch_unwind(move || mp4::patches(&mut file, size))
                .map_err(|_| strip_error("the video is damaged: it could not be read"))??;
            let removed = patches.removed.clone();
            let file = src.open().map_err(fail)?;
            Ok(Stripped {
                reader: Box::new(mp4::Patched::new(file, patches.patches)),
                removed,
                size,
            })
        }
        Format::Plain => {
            let mut file = src.open().map_err(fail)?;
            let size = file.plain_len().map_err(fail)?;
            Ok(Stripped {
                reader: Box::new(file),
                removed: BTreeSet::new(),
                size,
            })
        }
        Format::Other => Err(strip_error(
            "Dossier cannot remove embedded metadata from this kind of file",
        )),
    }
}

/// What a stripped copy would be, read once: the SHA-256 of the original's bytes as read,
/// the copy's SHA-256 and size, and what the copy leaves out.
pub struct Digests {
    /// SHA-256 of the original.
    pub original: crate::model::Sha256,
    /// SHA-256 of the copy.
    pub copy: crate::model::Sha256,
    /// The copy's size.
    pub size: u64,
    /// The kinds of metadata removed.
    pub removed: BTreeSet<Embedded>,
}

/// Reads `src` once through [`stripped`], hashing both the original bytes and the copy.
pub fn digests(src: Source<'_>, media_type: &str) -> Result<Digests, StripError> {
    use sha2::Digest;
    let fail = |e: io::Error| strip_error(crate::durable::describe_io(&e));
    let s = stripped(src, media_type)?;
    let mut raw = sha2::Sha256::new();
    let mut file = src.open().map_err(fail)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(fail)?;
        if n == 0 {
            break;
        }
        raw.update(&buf[..n]);
    }
    let mut copy = sha2::Sha256::new();
    let mut reader = s.reader;
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buf).map_err(fail)?;
        if n == 0 {
            break;
        }
        copy.update(&buf[..n]);
        size += n as u64;
    }
    Ok(Digests {
        original: crate::durable::digest(raw),
        copy: crate::durable::digest(copy),
        size,
        removed: s.removed,
    })
}

/// What EXIF (a TIFF structure) holds: the kinds found, and telling values.
fn exif_kinds(tiff: &[u8], into: &mut Inspection) {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        // Present but unreadable: it may hold anything.
        into.found.insert(Embedded::OtherExif);
        return;
    };
    fields::exif(&exif, &mut into.fields);
    let text = |tag| super::metadata::exif_text(&exif, tag);
    let mut any = false;
    for f in exif.fields() {
        any = true;
        let kind = match f.tag {
            t if t.context() == exif::Context::Gps => Some(Embedded::GpsPosition),
            exif::Tag::BodySerialNumber | exif::Tag::LensSerialNumber => {
                Some(Embedded::CameraSerial)
            }
            exif::Tag::Make | exif::Tag::Model | exif::Tag::LensMake | exif::Tag::LensModel => {
                Some(Embedded::Camera)
            }
            exif::Tag::DateTime | exif::Tag::DateTimeOriginal | exif::Tag::DateTimeDigitized => {
                Some(Embedded::CaptureTime)
            }
            exif::Tag::Artist | exif::Tag::Copyright => Some(Embedded::Names),
            exif::Tag::UserComment | exif::Tag::ImageDescription => Some(Embedded::Comment),
            exif::Tag::JPEGInterchangeFormat => Some(Embedded::Preview),
            exif::Tag::Orientation
            | exif::Tag::XResolution
            | exif::Tag::YResolution
            | exif::Tag::ResolutionUnit
            | exif::Tag::ExifVersion
            | exif::Tag::PixelXDimension
            | exif::Tag::PixelYDimension => None,
            _ => Some(Embedded::OtherExif),
        };
        if let Some(k) = kind {
            into.found.insert(k);
        }
    }
    if !any {
        return;
    }
    if let Some(serial) = text(exif::Tag::BodySerialNumber) {
        into.details.push(format!("camera serial {serial}"));
    }
    let camera: Vec<String> = [text(exif::Tag::Make), text(exif::Tag::Model)]
        .into_iter()
        .flatten()
        .collect();
    if !camera.is_empty() {
        into.details.push(format!("camera {}", camera.join(" ")));
    }
    if let Some(t) = text(exif::Tag::DateTimeOriginal).or_else(|| text(exif::Tag::DateTime)) {
        into.details.push(format!("taken {t}"));
    }
    if let Some(who) = text(exif::Tag::Artist) {
        into.details.push(format!("artist {who}"));
    }
    if let Some(at) = super::metadata::gps_of(&exif) {
        into.details.insert(0, format!("GPS {at}"));
    }
}

/// What an XMP packet holds: always [`Embedded::Xmp`], and names when it has a creator.
fn xmp_kinds(xmp: &[u8], into: &mut Inspection) {
    into.found.insert(Embedded::Xmp);
    fields::xmp(xmp, &mut into.fields);
    let text = String::from_utf8_lossy(xmp);
    for tag in [
        "dc:creator",
        "photoshop:AuthorsPosition",
        "xmpRights:Owner",
        "Iptc4xmpCore:",
    ] {
        if text.contains(tag) {
            into.found.insert(Embedded::Names);
        }
    }
    for tag in ["exif:GPSLatitude", "exif:GPSLongitude"] {
        if text.contains(tag) {
            into.found.insert(Embedded::GpsPosition);
        }
    }
    if text.contains("aux:SerialNumber") || text.contains("exifEX:BodySerialNumber") {
        into.found.insert(Embedded::CameraSerial);
    }
}

/// The names of what was found, joined for people.
pub fn names(kinds: &BTreeSet<Embedded>) -> String {
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
