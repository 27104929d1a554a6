//! JPEG: metadata lives in the segments before the picture (APP1 EXIF and XMP, APP13
//! IPTC, other APPn, COM), and sometimes in extra images appended after it (MPF). The copy
//! keeps what decoding needs (the JFIF header without its thumbnail, ICC colour profiles,
//! the Adobe segment, tables and frame headers, the picture's data up to its end) and adds
//! back only the orientation, so the picture still shows the right way up.

use std::collections::BTreeSet;
use std::io::{self, Read, Seek, SeekFrom};

use super::{Embedded, Inspection, StripError, exif_kinds, strip_error, xmp_kinds};

const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXT_ID: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

/// Reads the segments before the picture's data, looking at what they hold.
pub(super) fn inspect(file: &mut (impl Read + Seek)) -> io::Result<Inspection> {
    let mut out = Inspection::default();
    let mut two = [0u8; 2];
    file.read_exact(&mut two)?;
    if two != [0xFF, 0xD8] {
        return Ok(out);
    }
    loop {
        let Some(marker) = next_marker(file)? else {
            return Ok(out);
        };
        if is_standalone(marker) {
            continue;
        }
        let mut len = [0u8; 2];
        file.read_exact(&mut len)?;
        let len = u16::from_be_bytes(len);
        if len < 2 {
            return Ok(out);
        }
        let body_len = u64::from(len - 2);
        if marker == 0xDA {
            // The picture's data follows: metadata comes before it.
            return Ok(out);
        }
        if is_metadata(marker) {
            let mut body = vec![0u8; body_len as usize];
            file.read_exact(&mut body)?;
            look_at(marker, &body, &mut out);
        } else {
            file.seek(SeekFrom::Current(body_len as i64))?;
        }
    }
}

/// The next marker byte after any fill bytes; `None` at the end of the file.
fn next_marker(file: &mut impl Read) -> io::Result<Option<u8>> {
    let mut b = [0u8; 1];
    // A marker is 0xFF then a code; any number of 0xFF may pad it. Anything else between
    // segments is not a well-formed header.
    if file.read(&mut b)? == 0 || b[0] != 0xFF {
        return Ok(None);
    }
    loop {
        if file.read(&mut b)? == 0 {
            return Ok(None);
        }
        if b[0] != 0xFF {
            return Ok(Some(b[0]));
        }
    }
}

fn is_standalone(marker: u8) -> bool {
    matches!(marker, 0x01 | 0xD0..=0xD7 | 0xD8 | 0xD9)
}

/// APPn and COM segments: where metadata lives.
fn is_metadata(marker: u8) -> bool {
    matches!(marker, 0xE0..=0xEF | 0xFE)
}

/// Whether a metadata segment is kept in a stripped copy (what decoding needs).
fn kept(marker: u8, body: &[u8]) -> bool {
    match marker {
        // ICC colour profile.
        0xE2 => body.starts_with(b"ICC_PROFILE\0"),
        // Adobe: the colour transform of CMYK and YCCK pictures.
        0xEE => body.starts_with(b"Adobe"),
        _ => false,
    }
}

fn look_at(marker: u8, body: &[u8], out: &mut Inspection) {
    match marker {
        0xE0 if body.starts_with(b"JFIF\0") => {
            // A JFIF header may carry a thumbnail (its size in bytes 12 and 13).
            if body.get(12).is_some_and(|&w| w > 0) && body.get(13).is_some_and(|&h| h > 0) {
                out.found.insert(Embedded::Preview);
            }
        }
        // JFXX and other APP0 extensions hold thumbnails.
        0xE0 => {
            out.found.insert(Embedded::Preview);
        }
        0xE1 if body.starts_with(b"Exif\0\0") => exif_kinds(&body[6..], out),
        0xE1 if body.starts_with(XMP_ID) => xmp_kinds(&body[XMP_ID.len()..], out),
        0xE1 if body.starts_with(XMP_EXT_ID) => xmp_kinds(&body[XMP_EXT_ID.len()..], out),
        0xED => {
            out.found.insert(Embedded::Iptc);
            super::fields::iptc(body, &mut out.fields);
            // IPTC's by-line (2:80) names the photographer.
            if body.windows(3).any(|w| w == [0x1C, 0x02, 0x50]) {
                out.found.insert(Embedded::Names);
            }
        }
        0xFE => {
            out.found.insert(Embedded::Comment);
            super::fields::push(
                &mut out.fields,
                "JPEG",
                "Comment",
                &String::from_utf8_lossy(body),
            );
        }
        m if kept(m, body) => {}
        // MPF (extra images), FlashPix (previews), maker segments...
        0xE2 => {
            out.found.insert(Embedded::Preview);
        }
        _ => {
            out.found.insert(Embedded::OtherExif);
        }
    }
}

/// The JPEG without its metadata: see the module's text. Returns the bytes and what was
/// removed.
pub(super) fn strip(bytes: &[u8]) -> Result<(Vec<u8>, BTreeSet<Embedded>), StripError> {
    let damaged = || strip_error("the picture is damaged: its segments do not fit the file");
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(strip_error("this is not a JPEG picture"));
    }
    let mut found = Inspection::default();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation = None;
    let mut jfif_written = false;
    let mut at = 2usize;
    loop {
        // Skip fill bytes to the marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if bytes.get(at) != Some(&0xFF) {
            return Err(damaged());
        }
        let marker = *bytes.get(at + 1).ok_or_else(damaged)?;
        if is_standalone(marker) {
            if marker == 0xD9 {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Ok((out, found.found));
            }
            out.extend_from_slice(&[0xFF, marker]);
            at += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2).ok_or_else(damaged)?,
            *bytes.get(at + 3).ok_or_else(damaged)?,
        ]));
        let end = at.checked_add(2 + len).ok_or_else(damaged)?;
        if len < 2 || end > bytes.len() {
            return Err(damaged());
        }
        let body = &bytes[at + 4..end];
        if marker == 0xDA {
            // The scan: copy it, and the data after it, up to the picture's end. Anything
            // appended after that end (extra images) is left out.
            let data_end = picture_end(bytes, end).ok_or_else(damaged)?;
            if let Some(o) = orientation.filter(|&o| o != 1) {
                insert_after_header(&mut out, &orientation_exif(o));
            }
            out.extend_from_slice(&bytes[at..data_end]);
            if data_end < bytes.len() {
                found.found.insert(Embedded::Preview);
            }
            return Ok((out, found.found));
        }
        if is_metadata(marker) {
            if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
                orientation = orientation.or_else(|| exif_orientation(&body[6..]));
            }
            if marker == 0xE0 && body.starts_with(b"JFIF\0") && body.len() >= 12 && !jfif_written {
                // The header, with no thumbnail.
                let mut jfif = body[..12].to_vec();
                jfif.extend_from_slice(&[0, 0]);
                push_segment(&mut out, 0xE0, &jfif);
                jfif_written = true;
                if body.len() > 14 {
                    found.found.insert(Embedded::Preview);
                }
                at = end;
                continue;
            }
            if kept(marker, body) {
                out.extend_from_slice(&bytes[at..end]);
            } else {
                look_at(marker, body, &mut found);
            }
        } else {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
}

/// Where the picture's data that starts at `from` ends (just after its EOI marker): in
/// the entropy-coded data a 0xFF is always followed by 0x00 or a restart marker, so the
/// first other marker found is the end of the picture, or of a further scan.
fn picture_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + memchr::memchr(0xFF, bytes.get(at..)?)?;
        let next = *bytes.get(i + 1)?;
        match next {
            0x00 | 0xD0..=0xD7 | 0xFF => at = i + 1,
            0xD9 => return Some(i + 2),
            _ => {
                // Another segment (a progressive JPEG's next scan and its tables): step
                // over it and go on.
                if is_standalone(next) {
                    at = i + 2;
                    continue;
                }
                let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
                at = i.checked_add(2 + len)?;
            }
        }
    }
}

fn push_segment(out: &mut Vec<u8>, marker: u8, body: &[u8]) {
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
}

/// Puts a segment right after SOI and any JFIF header already written.
fn insert_after_header(out: &mut Vec<u8>, segment: &[u8]) {
    let mut at = 2;
    if out.get(2..4) == Some(&[0xFF, 0xE0]) {
        let len = usize::from(u16::from_be_bytes([out[4], out[5]]));
        at = 4 + len;
    }
    out.splice(at..at, segment.iter().copied());
}

/// The orientation (1 to 8) an EXIF block gives, if any.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let exif = exif::Reader::new().read_raw(tiff.to_vec()).ok()?;
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u16::try_from(v).ok())
        .filter(|v| (1..=8).contains(v))
}

/// An APP1 segment with EXIF holding the orientation and nothing else.
fn orientation_exif(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut body = b"Exif\0\0".to_vec();
    body.extend_from_slice(&tiff);
    let mut seg = Vec::new();
    push_segment(&mut seg, 0xE1, &body);
    seg
}

/// The orientation a JPEG's EXIF gives (for tests).
#[cfg(test)]
pub(super) fn inspect_orientation(bytes: &[u8]) -> Option<u16> {
    let at = memchr::memmem::find(bytes, b"Exif\0\0")?;
    exif_orientation(&bytes[at + 6..])
}
