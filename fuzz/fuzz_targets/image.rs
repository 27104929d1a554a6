//! Image decoding for thumbnails, by content whatever the name: a thumbnail or an error,
//! never a panic, an abort or an allocation beyond the limits (libFuzzer's -rss_limit_mb).
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("dossier-fuzz-image-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("picture");
    {
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(data).unwrap();
    }
    let _ = dossier::media::thumbs::make_thumbnail(dossier::durable::vault::Source::plain(&path));
});
