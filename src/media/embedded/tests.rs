use std::collections::BTreeSet;
use std::io::Read;

use exif::{Field, In, Rational, Tag, Value};

use super::*;
use crate::durable::vault::Source;

fn jpeg_of(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(img)
        .unwrap();
    out
}

fn picture() -> image::RgbImage {
    image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    })
}

/// EXIF as a camera writes it: position, camera and its serial, time, artist, an
/// orientation, and a preview picture.
fn camera_exif(preview: &[u8]) -> Vec<u8> {
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let r = |n: u32| Rational { num: n, denom: 1 };
    let fields = [
        (Tag::Make, ascii("Canon")),
        (Tag::Model, ascii("EOS 80D")),
        (Tag::BodySerialNumber, ascii("SERIAL0042")),
        (Tag::DateTimeOriginal, ascii("2020:10:04 09:12:30")),
        (Tag::Artist, ascii("Witness Name")),
        (Tag::Orientation, Value::Short(vec![6])),
        (Tag::GPSLatitudeRef, ascii("N")),
        (Tag::GPSLatitude, Value::Rational(vec![r(39), r(48), r(55)])),
        (Tag::GPSLongitudeRef, ascii("E")),
        (Tag::GPSLongitude, Value::Rational(vec![r(46), r(45), r(7)])),
    ];
    let fields: Vec<Field> = fields
        .into_iter()
        .map(|(tag, value)| Field {
            tag,
            ifd_num: In::PRIMARY,
            value,
        })
        .collect();
    let mut w = exif::experimental::Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    w.set_jpeg(preview, In::THUMBNAIL);
    let mut tiff = std::io::Cursor::new(Vec::new());
    w.write(&mut tiff, false).unwrap();
    tiff.into_inner()
}

fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(body);
    s
}

/// A JPEG carrying every kind of metadata, and an extra image after its end.
fn loaded_jpeg() -> Vec<u8> {
    let plain = jpeg_of(&picture());
    let preview = jpeg_of(&image::RgbImage::from_pixel(
        16,
        12,
        image::Rgb([250, 0, 0]),
    ));
    let mut out = vec![0xFF, 0xD8];
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&camera_exif(&preview));
    out.extend(segment(0xE1, &exif));
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(b"<x:xmpmeta><dc:creator>Investigator Name</dc:creator></x:xmpmeta>");
    out.extend(segment(0xE1, &xmp));
    let mut iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x10".to_vec();
    iptc.extend_from_slice(&[0x1C, 0x02, 0x50, 0x00, 0x09]);
    iptc.extend_from_slice(b"Byline Nm");
    out.extend(segment(0xED, &iptc));
    out.extend(segment(0xFE, b"a comment naming Village Name"));
    out.extend_from_slice(&plain[2..]);
    // An extra image after the end, as multi-picture JPEGs carry.
    out.extend_from_slice(&preview);
    out
}

fn read_all(s: Stripped) -> Vec<u8> {
    let mut out = Vec::new();
    let mut r = s.reader;
    r.read_to_end(&mut out).unwrap();
    assert_eq!(out.len() as u64, s.size);
    out
}

fn write_temp(bytes: &[u8], name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    memchr::memmem::find(haystack, needle.as_bytes()).is_some()
}

#[test]
fn a_photos_position_serial_names_and_preview_are_found_and_removed() {
    let original = loaded_jpeg();
    let (_d, path) = write_temp(&original, "photo");
    let found = inspect(Source::plain(&path), "image/jpeg");
    for kind in [
        Embedded::GpsPosition,
        Embedded::CameraSerial,
        Embedded::Camera,
        Embedded::CaptureTime,
        Embedded::Names,
        Embedded::Xmp,
        Embedded::Iptc,
        Embedded::Preview,
        Embedded::Comment,
    ] {
        assert!(found.found.contains(&kind), "{kind:?} not found: {found:?}");
    }
    assert!(found.details.iter().any(|d| d.contains("SERIAL0042")));

    let copy = read_all(stripped(Source::plain(&path), "image/jpeg").unwrap());
    for secret in [
        "SERIAL0042",
        "Canon",
        "2020:10:04",
        "Witness Name",
        "Investigator Name",
        "Byline Nm",
        "Village Name",
    ] {
        assert!(!contains(&copy, secret), "{secret} is still in the copy");
    }
    let (_d2, copy_path) = write_temp(&copy, "copy");
    assert_eq!(
        inspect(Source::plain(&copy_path), "image/jpeg").found,
        BTreeSet::new()
    );
    // The picture is the same picture, and still turned the right way.
    let a = image::load_from_memory(&original).unwrap().to_rgb8();
    let b = image::load_from_memory(&copy).unwrap().to_rgb8();
    assert_eq!(a, b, "the pixels are untouched");
    assert_eq!(jpeg::inspect_orientation(&copy), Some(6));
    // The extra image after the end is gone: the copy ends with the picture.
    assert!(copy.ends_with(&[0xFF, 0xD9]));
    assert!(copy.len() < original.len());
}

#[test]
fn a_plain_jpeg_is_copied_as_it_decodes() {
    let plain = jpeg_of(&picture());
    let (_d, path) = write_temp(&plain, "p");
    assert!(inspect(Source::plain(&path), "image/jpeg").found.is_empty());
    let copy = read_all(stripped(Source::plain(&path), "image/jpeg").unwrap());
    assert_eq!(copy, plain);
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let crc = crc32(&c[4..]);
    c.extend_from_slice(&crc.to_be_bytes());
    c
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_pngs_text_exif_and_time_are_removed() {
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(picture())
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Png,
        )
        .unwrap();
    let iend = plain.len() - 12;
    let mut loaded = plain[..33].to_vec(); // signature and IHDR
    loaded.extend(png_chunk(b"tEXt", b"Author\0Witness Name"));
    loaded.extend(png_chunk(
        b"iTXt",
        b"XML:com.adobe.xmp\0\0\0\0\0<dc:creator>Investigator Name</dc:creator>",
    ));
    loaded.extend(png_chunk(b"eXIf", &camera_exif(&jpeg_of(&picture()))));
    loaded.extend(png_chunk(b"tIME", &[7, 228, 10, 4, 9, 12, 30]));
    loaded.extend_from_slice(&plain[33..iend]);
    loaded.extend_from_slice(&plain[iend..]);
    loaded.extend_from_slice(b"trailing bytes naming Village Name");
    let (_d, path) = write_temp(&loaded, "p.png");
    let found = inspect(Source::plain(&path), "image/png").found;
    for kind in [
        Embedded::Names,
        Embedded::Xmp,
        Embedded::GpsPosition,
        Embedded::CameraSerial,
        Embedded::CaptureTime,
    ] {
        assert!(found.contains(&kind), "{kind:?}: {found:?}");
    }
    let copy = read_all(stripped(Source::plain(&path), "image/png").unwrap());
    for secret in [
        "Witness Name",
        "Investigator Name",
        "SERIAL0042",
        "Village Name",
    ] {
        assert!(!contains(&copy, secret), "{secret}");
    }
    assert_eq!(
        image::load_from_memory(&copy).unwrap().to_rgb8(),
        picture(),
        "the pixels are untouched"
    );
}

#[test]
fn a_webps_exif_and_xmp_chunks_and_flags_are_removed() {
    let mut lossless = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut lossless)
        .encode(picture().as_raw(), 64, 48, image::ExtendedColorType::Rgb8)
        .unwrap();
    let vp8l = &lossless[12..];
    let chunk = |kind: &[u8; 4], data: &[u8]| {
        let mut c = kind.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let mut vp8x = vec![0x0C, 0, 0, 0];
    vp8x.extend_from_slice(&63u32.to_le_bytes()[..3]);
    vp8x.extend_from_slice(&47u32.to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend_from_slice(vp8l);
    body.extend(chunk(b"EXIF", &camera_exif(&jpeg_of(&picture()))));
    body.extend(chunk(
        b"XMP ",
        b"<dc:creator>Investigator Name</dc:creator>",
    ));
    let mut webp = b"RIFF".to_vec();
    webp.extend_from_slice(&(body.len() as u32).to_le_bytes());
    webp.extend(body);
    let (_d, path) = write_temp(&webp, "p.webp");
    let found = inspect(Source::plain(&path), "image/webp").found;
    assert!(found.contains(&Embedded::GpsPosition) && found.contains(&Embedded::Xmp));
    let copy = read_all(stripped(Source::plain(&path), "image/webp").unwrap());
    assert!(!contains(&copy, "SERIAL0042") && !contains(&copy, "Investigator Name"));
    assert_eq!(copy[20] & 0x0C, 0, "VP8X no longer announces EXIF or XMP");
    assert_eq!(
        u32::from_le_bytes([copy[4], copy[5], copy[6], copy[7]]) as usize,
        copy.len() - 8
    );
    assert_eq!(image::load_from_memory(&copy).unwrap().to_rgb8(), picture());
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(body);
    b
}

/// A phone's video, as far as its metadata goes: times in the headers and a position.
fn phone_video() -> Vec<u8> {
    let mut mvhd = vec![0u8; 100];
    mvhd[4..8].copy_from_slice(&0xDC0F_1234u32.to_be_bytes());
    mvhd[8..12].copy_from_slice(&0xDC0F_1235u32.to_be_bytes());
    let mut tkhd = vec![0u8; 84];
    tkhd[4..8].copy_from_slice(&0xDC0F_1234u32.to_be_bytes());
    let mut mdhd = vec![0u8; 24];
    mdhd[4..8].copy_from_slice(&0xDC0F_1234u32.to_be_bytes());
    let mdia = mp4_box(b"mdia", &mp4_box(b"mdhd", &mdhd));
    let mut trak = mp4_box(b"tkhd", &tkhd);
    trak.extend(mdia);
    let mut udta_body = mp4_box(b"\xA9xyz", b"\0\x0c\0\0+39.8153+046.7519/");
    udta_body.extend(mp4_box(b"\xA9mak", b"\0\x05\0\0Apple"));
    let mut moov = mp4_box(b"mvhd", &mvhd);
    moov.extend(mp4_box(b"trak", &trak));
    moov.extend(mp4_box(b"udta", &udta_body));
    let mut file = mp4_box(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
    file.extend(mp4_box(b"moov", &moov));
    file.extend(mp4_box(b"mdat", b"the video's frames"));
    file
}

#[test]
fn a_videos_position_camera_and_times_are_removed_without_moving_a_byte() {
    let video = phone_video();
    let (_d, path) = write_temp(&video, "v.mp4");
    let found = inspect(Source::plain(&path), "video/mp4").found;
    for kind in [
        Embedded::GpsPosition,
        Embedded::Camera,
        Embedded::CaptureTime,
        Embedded::ContainerTags,
    ] {
        assert!(found.contains(&kind), "{kind:?}: {found:?}");
    }
    let copy = read_all(stripped(Source::plain(&path), "video/mp4").unwrap());
    assert_eq!(copy.len(), video.len(), "no offset moves");
    assert!(!contains(&copy, "+39.8153") && !contains(&copy, "Apple"));
    assert!(contains(&copy, "the video's frames"));
    assert!(memchr::memmem::find(&copy, &0xDC0F_1234u32.to_be_bytes()).is_none());
    let (_d2, copy_path) = write_temp(&copy, "c.mp4");
    assert!(
        inspect(Source::plain(&copy_path), "video/mp4")
            .found
            .is_empty()
    );
}

#[test]
fn hostile_or_unknown_files_are_refused_or_read_as_nothing_never_a_panic() {
    for (bytes, media_type) in [
        (b"\xFF\xD8\xFF\xE1\xFF\xFF short".to_vec(), "image/jpeg"),
        (
            b"\x89PNG\r\n\x1a\n\xFF\xFF\xFF\xFFtEXt".to_vec(),
            "image/png",
        ),
        (
            b"RIFF\xFF\xFF\xFF\xFFWEBPEXIF\xFF\xFF\xFF\xFF".to_vec(),
            "image/webp",
        ),
        (
            b"\0\0\0\x01moov\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF".to_vec(),
            "video/mp4",
        ),
        (Vec::new(), "image/jpeg"),
    ] {
        let (_d, path) = write_temp(&bytes, "x");
        let _ = inspect(Source::plain(&path), media_type);
        assert!(
            stripped(Source::plain(&path), media_type).is_err(),
            "{media_type}"
        );
    }
    let (_d, path) = write_temp(b"%PDF-1.7", "x.pdf");
    assert!(!Format::of("application/pdf").can_strip());
    assert!(stripped(Source::plain(&path), "application/pdf").is_err());
}
