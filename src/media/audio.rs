//! A recording's waveform: the loudest sample of each slice of time, drawn as bars, for its
//! card and `dossier preview` (symphonia decodes WAV, MP3, Ogg Vorbis, FLAC and AAC in
//! MP4/M4A; in the preview worker, like PDFs).

use image::{Rgba, RgbaImage};

/// Draws the waveform of the recording `bytes`, `width` pixels wide and a quarter as high.
pub fn waveform(bytes: Vec<u8>, width: u32) -> Result<RgbaImage, String> {
    let peaks = peaks(bytes)?;
    if peaks.is_empty() {
        return Err("the recording has no sound in it".into());
    }
    let width = width.clamp(16, 4096);
    let height = (width / 4).max(8);
    let mut img = RgbaImage::from_pixel(width, height, Rgba([250, 250, 250, 255]));
    let middle = height as f32 / 2.0;
    for x in 0..width {
        let from = peaks.len() * x as usize / width as usize;
        let to = (peaks.len() * (x as usize + 1) / width as usize).max(from + 1);
        let peak = peaks[from..to.min(peaks.len())]
            .iter()
            .fold(0.0f32, |a, &b| a.max(b))
            .clamp(0.0, 1.0);
        let half = (peak * (middle - 1.0)).max(0.5);
        let (top, bottom) = (
            (middle - half) as u32,
            ((middle + half) as u32).min(height - 1),
        );
        for y in top..=bottom {
            img.put_pixel(x, y, Rgba([40, 90, 160, 255]));
        }
    }
    Ok(img)
}

/// The loudest sample (0 to 1) of each block of 1,024 samples, all channels together.
fn peaks(bytes: Vec<u8>) -> Result<Vec<f32>, String> {
    use symphonia::core::codecs::audio::AudioDecoderOptions;
    use symphonia::core::errors::Error;
    use symphonia::core::formats::probe::Hint;
    use symphonia::core::formats::{FormatOptions, TrackType};
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;

    let stream = MediaSourceStream::new(Box::new(std::io::Cursor::new(bytes)), Default::default());
    let mut format = symphonia::default::get_probe()
        .probe(
            &Hint::new(),
            stream,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|e| format!("it is not a recording Dossier can read ({e})"))?;
    let track = format
        .default_track(TrackType::Audio)
        .ok_or("the file has no sound track")?;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or("the sound track does not say how it is encoded")?;
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(params, &AudioDecoderOptions::default())
        .map_err(|e| format!("Dossier cannot decode this sound ({e})"))?;
    let id = track.id;
    let (mut peaks, mut samples, mut block) = (Vec::new(), Vec::<f32>::new(), (0.0f32, 0usize));
    loop {
        let packet = match format.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(Error::DecodeError(_)) => continue,
            Err(_) => break,
        };
        if packet.track_id != id {
            continue;
        }
        let Ok(buf) = decoder.decode(&packet) else {
            continue;
        };
        samples.resize(buf.samples_interleaved(), 0.0);
        buf.copy_to_slice_interleaved(&mut samples);
        for s in &samples {
            block.0 = block.0.max(s.abs());
            block.1 += 1;
            if block.1 == 1024 {
                peaks.push(block.0);
                block = (0.0, 0);
            }
        }
    }
    if block.1 > 0 {
        peaks.push(block.0);
    }
    Ok(peaks)
}

/// Whether `bytes` begin as a recording Dossier decodes (WAV, MP3, Ogg, FLAC, AAC in M4A).
pub fn looks_like_audio(bytes: &[u8]) -> bool {
    (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WAVE"))
        || (bytes.get(4..8) == Some(b"ftyp") && matches!(bytes.get(8..12), Some(b"M4A " | b"M4B ")))
        || bytes.starts_with(b"ID3")
        || bytes.starts_with(b"OggS")
        || bytes.starts_with(b"fLaC")
        || (bytes.len() > 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0)
}
