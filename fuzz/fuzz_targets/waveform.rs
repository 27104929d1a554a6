//! A recording's waveform as the preview worker draws it (symphonia: WAV, MP3, Ogg Vorbis,
//! FLAC, AAC in MP4): any bytes give a picture of the asked width or a reason, never a
//! panic. The first byte picks a container's opening so the fuzzer reaches each decoder.
//! (In the app this runs in the worker process, with time and memory limits.)
#![no_main]

use libfuzzer_sys::fuzz_target;

const OPENINGS: [&[u8]; 6] = [
    b"RIFF\x24\x08\x00\x00WAVEfmt ",
    b"ID3\x03\x00\x00\x00\x00\x00\x00",
    b"\xFF\xFB\x90\x64",
    b"OggS\x00\x02",
    b"fLaC\x00\x00\x00\x22",
    b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = OPENINGS[usize::from(pick) % OPENINGS.len()].to_vec();
    bytes.extend_from_slice(rest);
    if let Ok(img) = dossier::media::audio::waveform(bytes, 128) {
        assert_eq!(img.width(), 128);
    }
});
