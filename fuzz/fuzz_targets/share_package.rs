//! A received share package (.zip): checking it against its manifest reports problems or
//! refuses it, never panics, and never writes outside its own place.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("dossier-fuzz-share-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("package.zip");
    {
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(data).unwrap();
    }
    let _ = dossier::share::verify_package(&path);
});
