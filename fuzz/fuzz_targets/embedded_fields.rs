//! Every embedded field of a file, as the details window lists it (EXIF, XMP, IPTC, PNG
//! text, video tags): any bytes after a JPEG, PNG or MP4 opening give fields within the
//! limits or none, never a panic, and every value is on one line.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const KINDS: [(&[u8], &str); 3] = [
    (b"\xFF\xD8", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"", "video/mp4"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (opening, media_type) = KINDS[usize::from(pick) % KINDS.len()];
    let dir = std::env::temp_dir().join(format!("dossier-fuzz-fields-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("file");
    {
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(opening).unwrap();
        f.write_all(rest).unwrap();
    }
    let vault = dossier::durable::vault::Vault::plain(&dir);
    let found = dossier::media::embedded::inspect(
        dossier::durable::vault::Source::stored(&vault, &path),
        media_type,
    );
    assert!(found.fields.len() <= 1_000);
    for f in &found.fields {
        assert!(!f.value.contains('\n') && !f.name.contains('\n'));
    }
});
