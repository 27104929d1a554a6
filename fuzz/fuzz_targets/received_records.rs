//! A received package's records.json, merged into a catalogue: whatever the bytes, receiving
//! refuses them or adds drafts, never panics, never stores an original the package does not
//! carry, and the catalogue still opens and verifies afterwards.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dossier::model::ReviewState;
use dossier::share::ManifestFile;
use dossier::durable::hash_bytes;
use dossier::store::{Catalogue, OpenOptions};

fuzz_target!(|data: &[u8]| {
    let dir = tempfile_dir();
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("records.json"), data).unwrap();
    let manifest = serde_json::json!({
        "format": "dossier-share-package",
        "version": 1,
        "package_id": "fuzz",
        "recipient": {"name": "R", "kind": "ngo", "max_label": "TLP:RED"},
        "created": "2026-01-01T00:00:00Z",
        "created_by": "fuzz",
        "catalogue_id": "fuzz",
        "highest_label": null,
        "records": 0,
        "files": [ManifestFile {
            path: "records.json".into(),
            sha256: hash_bytes(data),
            size: data.len() as u64,
            derived_from: None,
            removed: Vec::new(),
        }],
    });
    std::fs::write(pkg.join("manifest.json"), manifest.to_string()).unwrap();
    let root = dir.join("cat");
    if !root.exists() {
        drop(Catalogue::create(&root, "Fuzz", "fuzz").unwrap());
    }
    if dossier::share::receive(&pkg, &root, true, "fuzz").is_ok() {
        let cat = Catalogue::open(
            &root,
            OpenOptions {
                read_only: true,
                ..OpenOptions::default()
            },
        )
        .unwrap();
        assert!(cat.records().iter().all(|r| r.review != ReviewState::Approved));
        // The package carried no file: a record naming one must have been refused.
        assert!(cat.records().iter().all(|r| r.attachments.is_empty()));
        let report = dossier::integrity::verify(&root, None, &|_| {}).unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
    }
    let _ = std::fs::remove_dir_all(&dir);
});

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-fuzz-receive-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}
