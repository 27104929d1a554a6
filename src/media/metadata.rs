//! What a file says about itself, read once at import: image size and EXIF (capture time,
//! camera, GPS position, orientation) with kamadak-exif; duration and picture size of
//! MP4/MOV/M4A with the mp4 crate; duration of MP3, Ogg, FLAC and WAV with symphonia.
//!
//! Only headers are read, never whole files. Metadata is a help, not a requirement: a file
//! whose metadata cannot be read (or a parser that fails on hostile input) gives empty
//! metadata, and the import goes on.

use std::io::BufReader;

use crate::durable::vault::{Original, Source};

use crate::model::{GeoPoint, MediaMetadata};

/// Reads what it can of `path`'s embedded metadata, given its detected media type.
pub fn read_metadata(src: Source<'_>, media_type: &str) -> MediaMetadata {
    let read = || {
        let mut m = MediaMetadata::default();
        if media_type.starts_with("image/") {
            image_metadata(src, &mut m);
        } else if matches!(
            media_type,
            "video/mp4"
                | "video/quicktime"
                | "audio/mp4"
                | "audio/m4a"
                | "audio/x-m4a"
                | "video/x-m4v"
        ) {
            mp4_metadata(src, &mut m);
        } else if media_type.starts_with("audio/") {
            audio_metadata(src, &mut m);
        }
        m
    };
    // Third-party parsers meet files made to break them; a panic must not stop the import.
    std::panic::catch_unwind(read).unwrap_or_default()
}

fn image_metadata(src: Source<'_>, m: &mut MediaMetadata) {
    // Stored originals have no extension: tell the format from the content.
    let dimensions = src
        .open()
        .and_then(|f| image::ImageReader::new(BufReader::new(f)).with_guessed_format())
        .ok()
        .and_then(|r| r.into_dimensions().ok());
    if let Some((w, h)) = dimensions {
        m.width = Some(w);
        m.height = Some(h);
    }
    let Ok(file) = src.open() else { return };
    let Ok(exif) = exif::Reader::new().read_from_container(&mut BufReader::new(file)) else {
        return;
    };
    let text = |tag| exif_text(&exif, tag);
    m.captured_at = text(exif::Tag::DateTimeOriginal).or_else(|| text(exif::Tag::DateTime));
    let camera: Vec<String> = [text(exif::Tag::Make), text(exif::Tag::Model)]
        .into_iter()
        .flatten()
        .collect();
    if !camera.is_empty() {
        m.camera = Some(camera.join(" "));
    }
    m.orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u16::try_from(v).ok())
        .filter(|v| (1..=8).contains(v));
    m.gps = gps_of(&exif);
    m.camera_serial =
        text(exif::Tag::BodySerialNumber).or_else(|| text(exif::Tag::LensSerialNumber));
}

/// An EXIF field of the main image as text people read (quotes and blanks trimmed), when
/// it has any.
pub fn exif_text(exif: &exif::Exif, tag: exif::Tag) -> Option<String> {
    exif.get_field(tag, exif::In::PRIMARY)
        .map(|f| {
            f.display_value()
                .to_string()
                .trim_matches('"')
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
}

/// The position EXIF gives, in decimal degrees, when it is on the globe.
pub fn gps_of(exif: &exif::Exif) -> Option<GeoPoint> {
    let text = |tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .map(|f| f.display_value().to_string())
    };
    let coord = |tag, reference, negative: &str| -> Option<f64> {
        let field = exif.get_field(tag, exif::In::PRIMARY)?;
        let exif::Value::Rational(parts) = &field.value else {
            return None;
        };
        let deg = parts.first()?.to_f64();
        let min = parts.get(1).map_or(0.0, |r| r.to_f64());
        let sec = parts.get(2).map_or(0.0, |r| r.to_f64());
        let value = deg + min / 60.0 + sec / 3600.0;
        let negative = text(reference).is_some_and(|r| r.trim_matches('"').starts_with(negative));
        value
            .is_finite()
            .then_some(if negative { -value } else { value })
    };
    let lat = coord(exif::Tag::GPSLatitude, exif::Tag::GPSLatitudeRef, "S")?;
    let lon = coord(exif::Tag::GPSLongitude, exif::Tag::GPSLongitudeRef, "W")?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    let alt = exif
        .get_field(exif::Tag::GPSAltitude, exif::In::PRIMARY)
        .and_then(|f| match &f.value {
            exif::Value::Rational(r) => r.first().map(|r| r.to_f64()),
            _ => None,
        })
        .filter(|a| a.is_finite());
    Some(GeoPoint { lat, lon, alt })
}

fn mp4_metadata(src: Source<'_>, m: &mut MediaMetadata) {
    let Ok(mut file) = src.open() else { return };
    let Ok(size) = file.plain_len() else {
        return;
    };
    let Ok(reader) = mp4::Mp4Reader::read_header(BufReader::new(file), size) else {
        return;
    };
    let secs = reader.duration().as_secs_f64();
    if secs > 0.0 && secs.is_finite() {
        m.duration_secs = Some(secs);
    }
    for track in reader.tracks().values() {
        if matches!(track.track_type(), Ok(mp4::TrackType::Video)) {
            m.width = Some(u32::from(track.width()));
            m.height = Some(u32::from(track.height()));
            break;
        }
    }
}

fn audio_metadata(src: Source<'_>, m: &mut MediaMetadata) {
    use symphonia::core::formats::probe::Hint;
    use symphonia::core::formats::{FormatOptions, TrackType};
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;

    let Ok(file) = src.open() else { return };
    let source: Box<dyn symphonia::core::io::MediaSource> = match file {
        Original::Plain(file) => Box::new(file),
        Original::Sealed(r) => Box::new(symphonia::core::io::ReadOnlySource::new(r)),
    };
    let stream = MediaSourceStream::new(source, Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = src.path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let Ok(reader) = symphonia::default::get_probe().probe(
        &hint,
        stream,
        FormatOptions::default(),
        MetadataOptions::default(),
    ) else {
        return;
    };
    let track = reader
        .default_track(TrackType::Audio)
        .or_else(|| reader.tracks().first());
    let secs = track.and_then(|t| {
        let base = t.time_base?;
        base.calc_duration(t.duration?).map(|d| d.as_secs_f64())
    });
    m.duration_secs = secs.filter(|s| *s > 0.0 && s.is_finite());
}

/// A duration as people read it: `0:42`, `12:03`, `1:02:03`.
pub fn human_duration(secs: f64) -> String {
    let total = secs.round() as u64;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(42.4), "0:42");
        assert_eq!(human_duration(723.0), "12:03");
        assert_eq!(human_duration(3723.0), "1:02:03");
    }

    #[test]
    fn a_wav_file_has_its_duration_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tone.wav");
        // 2 seconds of 8 kHz mono 16-bit silence.
        let samples = 16_000u32;
        let mut wav = Vec::new();
        wav.extend_from_slice(b"RIFF");
        wav.extend_from_slice(&(36 + samples * 2).to_le_bytes());
        wav.extend_from_slice(b"WAVEfmt ");
        wav.extend_from_slice(&16u32.to_le_bytes());
        wav.extend_from_slice(&1u16.to_le_bytes()); // PCM
        wav.extend_from_slice(&1u16.to_le_bytes()); // mono
        wav.extend_from_slice(&8000u32.to_le_bytes());
        wav.extend_from_slice(&16000u32.to_le_bytes());
        wav.extend_from_slice(&2u16.to_le_bytes());
        wav.extend_from_slice(&16u16.to_le_bytes());
        wav.extend_from_slice(b"data");
        wav.extend_from_slice(&(samples * 2).to_le_bytes());
        wav.resize(wav.len() + samples as usize * 2, 0);
        std::fs::write(&path, &wav).unwrap();
        let m = read_metadata(Source::plain(&path), "audio/x-wav");
        let secs = m.duration_secs.expect("a duration");
        assert!((secs - 2.0).abs() < 0.01, "{secs}");
    }

    #[test]
    fn garbage_gives_empty_metadata_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.mp4");
        std::fs::write(
            &path,
            b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2mp41\xff\xff\xff\xffmoov",
        )
        .unwrap();
        assert!(read_metadata(Source::plain(&path), "video/mp4").is_empty());
        assert!(read_metadata(Source::plain(&path), "image/jpeg").is_empty());
        assert!(read_metadata(Source::plain(&path), "audio/mpeg").is_empty());
    }
}
