//! The app's opening of a catalogue its snapshot serves: lazily, its index read beside
//! the listing (the list shows then), and the rest of the records read as the app reads
//! them: decoded on a thread of their own, and swapped in at once.

#![allow(dead_code)]

use std::path::Path;

use dossier::store::{Catalogue, OpenOptions};

/// Opens `root` as the app does, with the benches' snapshot key.
pub fn open_as_app(root: &Path, read_only: bool) -> Catalogue {
    let options = OpenOptions {
        user: "bench".into(),
        read_only,
        snapshot: true,
        snapshot_key: Some(dossier::store::snapshot::SnapshotKey::from_bytes([1; 32])),
        lazy: true,
        index_ahead: true,
        ..OpenOptions::default()
    };
    Catalogue::open(root, options).unwrap()
}

/// Reads every record left in the snapshot, as the app does after its list shows:
/// decoded on a thread of their own, then swapped in. Returns how long the swap held this
/// thread (the app's UI thread), in seconds.
pub fn read_the_rest(cat: &mut Catalogue) -> f64 {
    let Some(completion) = cat.completion() else {
        return 0.0;
    };
    let thread = std::thread::Builder::new()
        .name("reading records".into())
        .spawn(move || completion.run(|_| true))
        .unwrap();
    let completed = thread.join().unwrap().unwrap();
    let t = std::time::Instant::now();
    cat.take_completed(completed);
    let held = t.elapsed().as_secs_f64();
    assert!(cat.is_complete());
    held
}
