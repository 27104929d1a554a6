//! The app's opening of a catalogue its snapshot serves: lazily, its index read beside
//! the listing (the list shows then), and the rest of the records read as the app reads
//! them: decoded on a thread of their own, placed here a slice at a time.

#![allow(dead_code)]

use std::path::Path;

use dossier::store::{Catalogue, OpenOptions};

/// How many records a slice holds, as in `ui::reading`.
const SLICE: usize = 1024;

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

/// Reads every record left in the snapshot, as the app does after its list shows.
pub fn read_the_rest(cat: &mut Catalogue) {
    let Some(completion) = cat.completion() else {
        return;
    };
    let (send, slices) = std::sync::mpsc::sync_channel(2);
    let thread = std::thread::Builder::new()
        .name("reading records".into())
        .spawn(move || completion.run(SLICE, |done| send.send(done).is_ok()))
        .unwrap();
    for done in slices {
        cat.take_completed(done);
    }
    thread.join().unwrap();
    assert!(cat.is_complete());
}
