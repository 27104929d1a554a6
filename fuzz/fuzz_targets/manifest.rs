//! A received package's manifest.json and a catalogue's dossier.json: parsed or refused
//! with a reason, never a panic; every file name in a manifest goes through the path check.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(manifest) = dossier::share::Manifest::from_json(data) {
        for f in &manifest.files {
            let _ = dossier::share::is_safe_relative(&f.path);
        }
    }
    let _ = serde_json::from_slice::<dossier::store::CatalogueMeta>(data);
});
