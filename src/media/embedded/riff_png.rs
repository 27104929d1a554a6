//! PNG and WebP: both are a list of chunks, each with its type and length, so a copy
//! without metadata keeps the chunks a picture needs and leaves out the rest (PNG text,
//! `eXIf` and `tIME`; WebP `EXIF` and `XMP `, with the VP8X flags that announce them).

use std::collections::BTreeSet;
use std::io::{self, Read, Seek, SeekFrom};

use super::{Embedded, Inspection, StripError, exif_kinds, strip_error, xmp_kinds};

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// The largest metadata chunk read when inspecting.
const MAX_CHUNK_READ: u32 = 16 << 20;

/// PNG chunks a picture needs: everything else is metadata or unknown, and left out.
const PNG_KEPT: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"bKGD", b"pHYs", b"hIST", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi",
];

/// WebP chunks a picture needs.
const WEBP_KEPT: &[&[u8; 4]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ANIM", b"ANMF", b"ALPH", b"ICCP",
];

/// What a PNG chunk of type `kind` holding `data` tells.
fn look_at_png(kind: &[u8; 4], data: &[u8], out: &mut Inspection) {
    match kind {
        b"eXIf" => exif_kinds(data, out),
        b"tIME" => {
            out.found.insert(Embedded::CaptureTime);
            if let [y0, y1, mo, d, h, mi, se] = data[..] {
                let year = u16::from_be_bytes([y0, y1]);
                let when = format!("{year:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{se:02}");
                super::fields::push(&mut out.fields, "PNG", "tIME", &when);
            }
        }
        b"tEXt" | b"zTXt" | b"iTXt" => {
            let keyword = data.split(|&b| b == 0).next().unwrap_or_default();
            if keyword != b"XML:com.adobe.xmp" {
                super::fields::png_text(kind, data, &mut out.fields);
            }
            match keyword {
                b"XML:com.adobe.xmp" => xmp_kinds(data, out),
                b"Author" | b"Copyright" => {
                    out.found.insert(Embedded::Names);
                }
                b"Creation Time" => {
                    out.found.insert(Embedded::CaptureTime);
                }
                b"Raw profile type exif" | b"Raw profile type APP1" => {
                    out.found.insert(Embedded::OtherExif);
                }
                b"Raw profile type iptc" => {
                    out.found.insert(Embedded::Iptc);
                }
                _ => {
                    out.found.insert(Embedded::Comment);
                }
            }
        }
        k if PNG_KEPT.contains(&k) => {}
        _ => {
            out.found.insert(Embedded::OtherExif);
        }
    }
}

pub(super) fn inspect_png(file: &mut (impl Read + Seek)) -> io::Result<Inspection> {
    let mut out = Inspection::default();
    let mut sig = [0u8; 8];
    file.read_exact(&mut sig)?;
    if &sig != PNG_SIGNATURE {
        return Ok(out);
    }
    loop {
        let mut head = [0u8; 8];
        if file.read_exact(&mut head).is_err() {
            return Ok(out);
        }
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        if &kind == b"IEND" {
            return Ok(out);
        }
        if PNG_KEPT.contains(&&kind) || len > MAX_CHUNK_READ {
            if !PNG_KEPT.contains(&&kind) {
                out.found.insert(Embedded::OtherExif);
            }
            file.seek(SeekFrom::Current(i64::from(len) + 4))?;
            continue;
        }
        let mut data = vec![0u8; len as usize];
        file.read_exact(&mut data)?;
        file.seek(SeekFrom::Current(4))?;
        look_at_png(&kind, &data, &mut out);
    }
}

pub(super) fn strip_png(bytes: &[u8]) -> Result<(Vec<u8>, BTreeSet<Embedded>), StripError> {
    let damaged = || strip_error("the picture is damaged: its chunks do not fit the file");
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(strip_error("this is not a PNG picture"));
    }
    let mut found = Inspection::default();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut at = 8usize;
    loop {
        let head = bytes.get(at..at + 8).ok_or_else(damaged)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        let end = at
            .checked_add(12)
            .and_then(|x| x.checked_add(len))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(damaged)?;
        if PNG_KEPT.contains(&&kind) {
            out.extend_from_slice(&bytes[at..end]);
        } else {
            look_at_png(&kind, &bytes[at + 8..end - 4], &mut found);
        }
        if &kind == b"IEND" {
            // Anything after the end is not part of the picture.
            if end < bytes.len() {
                found.found.insert(Embedded::Preview);
            }
            return Ok((out, found.found));
        }
        at = end;
    }
}

/// What a WebP chunk tells.
fn look_at_webp(kind: &[u8; 4], data: &[u8], out: &mut Inspection) {
    match kind {
        b"EXIF" => exif_kinds(data.strip_prefix(b"Exif\0\0").unwrap_or(data), out),
        b"XMP " => xmp_kinds(data, out),
        k if WEBP_KEPT.contains(&k) => {}
        _ => {
            out.found.insert(Embedded::OtherExif);
        }
    }
}

pub(super) fn inspect_webp(file: &mut (impl Read + Seek)) -> io::Result<Inspection> {
    let mut out = Inspection::default();
    let mut head = [0u8; 12];
    file.read_exact(&mut head)?;
    if &head[..4] != b"RIFF" || &head[8..] != b"WEBP" {
        return Ok(out);
    }
    loop {
        let mut chunk = [0u8; 8];
        if file.read_exact(&mut chunk).is_err() {
            return Ok(out);
        }
        let kind: [u8; 4] = [chunk[0], chunk[1], chunk[2], chunk[3]];
        let len = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
        let padded = i64::from(len) + i64::from(len & 1);
        if WEBP_KEPT.contains(&&kind) || len > MAX_CHUNK_READ {
            if !WEBP_KEPT.contains(&&kind) {
                out.found.insert(Embedded::OtherExif);
            }
            file.seek(SeekFrom::Current(padded))?;
            continue;
        }
        let mut data = vec![0u8; len as usize];
        file.read_exact(&mut data)?;
        file.seek(SeekFrom::Current(padded - i64::from(len)))?;
        look_at_webp(&kind, &data, &mut out);
    }
}

pub(super) fn strip_webp(bytes: &[u8]) -> Result<(Vec<u8>, BTreeSet<Embedded>), StripError> {
    let damaged = || strip_error("the picture is damaged: its chunks do not fit the file");
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err(strip_error("this is not a WebP picture"));
    }
    let riff_end = (u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize)
        .saturating_add(8)
        .min(bytes.len());
    let mut found = Inspection::default();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut at = 12usize;
    while at + 8 <= riff_end {
        let kind: [u8; 4] = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let len = u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]])
            as usize;
        let data_end = at
            .checked_add(8)
            .and_then(|x| x.checked_add(len))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(damaged)?;
        let end = (data_end + (len & 1)).min(bytes.len());
        if WEBP_KEPT.contains(&&kind) {
            let start = out.len();
            out.extend_from_slice(&bytes[at..end]);
            if &kind == b"VP8X" && len >= 1 {
                // The flags no longer announce EXIF (0x08) or XMP (0x04).
                out[start + 8] &= !0x0C;
            }
        } else {
            look_at_webp(&kind, &bytes[at + 8..data_end], &mut found);
        }
        at = end;
    }
    if riff_end < bytes.len() {
        found.found.insert(Embedded::Preview);
    }
    let riff_size = u32::try_from(out.len() - 8).map_err(|_| damaged())?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Ok((out, found.found))
}
