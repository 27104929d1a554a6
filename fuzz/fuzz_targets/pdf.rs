//! A PDF's first page as the preview worker renders it (`hayro`): any bytes give a picture
//! of at most the asked size or an error, never a panic. (In the app this runs in the
//! worker process, with time and memory limits, as a second line of defence.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(data);
    if let Ok(img) = dossier::media::pdf::first_page(&bytes, 64) {
        assert!(img.width() <= 64 && img.height() <= 64);
    }
});
