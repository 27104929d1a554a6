//! A lazy opening finished off the UI thread (issue 20: the app's list at a million
//! records in 3 s): the records left in the snapshot are decoded on a thread of their own
//! and placed a slice at a time; the catalogue they make is the one a whole opening
//! makes, whatever was asked for or changed meanwhile.

use dossier::audit::Action;
use dossier::model::Label;
use dossier::store::{Catalogue, OpenOptions};

use crate::snapshot::{QUICK, key, open_cold, open_lazy, seen, snapshotted};

/// Opens writable with the snapshot, its records left in it until asked for.
fn open_lazy_writable(path: &std::path::Path) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: "Tester".into(),
            snapshot: true,
            snapshot_key: Some(key()),
            racy_margin_ns: QUICK,
            lazy: true,
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// Runs `cat`'s completion on a thread of its own, `slice` records at a time, placing
/// each slice here; `meanwhile` runs between slices (records asked for as a list draws).
fn complete(cat: &mut Catalogue, slice: usize, mut meanwhile: impl FnMut(&mut Catalogue)) {
    let completion = cat.completion().expect("records left in the snapshot");
    let (send, slices) = std::sync::mpsc::sync_channel(1);
    let thread = std::thread::Builder::new()
        .name("completion".into())
        .spawn(move || completion.run(slice, |done| send.send(done).is_ok()))
        .unwrap();
    for done in slices {
        assert!(!done.is_empty() && done.len() <= slice);
        cat.take_completed(done);
        meanwhile(cat);
    }
    thread.join().unwrap();
}

#[test]
fn a_lazy_opening_completed_a_slice_at_a_time_is_the_whole_catalogue() {
    let (_dir, path, ids) = snapshotted(300);
    let cold = seen(&mut open_cold(&path));

    let mut lazy = open_lazy(&path, QUICK);
    assert!(!lazy.is_complete());
    assert_eq!(lazy.live_count(), ids.len());
    assert!(
        lazy.records().len() < ids.len(),
        "records were left in the snapshot"
    );
    // Rows a list drew before the completion began.
    lazy.load_also(&ids[..5]);
    let total = lazy.completion().unwrap().total();
    assert_eq!(total, lazy.left_in_snapshot());
    let generation = lazy.generation();
    let mut asked = ids[100..300].chunks(40);
    complete(&mut lazy, 37, |cat| {
        // More rows drawn while the slices come in: each is placed once.
        if let Some(rows) = asked.next() {
            cat.load_also(rows);
        }
        assert_eq!(cat.live_count(), 300);
    });
    assert!(lazy.is_complete());
    assert!(!lazy.is_focused(), "whole once the last is in");
    assert_eq!(lazy.left_in_snapshot(), 0);
    assert!(lazy.generation() > generation, "counted again once whole");
    assert!(lazy.problems().is_empty(), "{:?}", lazy.problems());
    assert_eq!(seen(&mut lazy), cold);
}

#[test]
fn a_record_left_in_the_snapshot_is_edited_in_place_not_made_again() {
    let (_dir, path, ids) = snapshotted(60);
    let mut cat = open_lazy_writable(&path);
    let target = ids[42];
    assert!(cat.is_deferred(&target), "left in the snapshot");
    // A bulk label (Set label on the chosen records) reaches it.
    let batch = cat.set_label(&[target], Label::Red, "Tester").unwrap();
    batch.apply().unwrap();
    assert_eq!(cat.get(&target).unwrap().label, Label::Red);
    // A save of a whole record still left in the snapshot (as a merge with a change
    // made outside saves one) replaces it, never adds a second one.
    let other = ids[43];
    assert!(cat.is_deferred(&other));
    let mut edited = open_cold(&path).get(&other).unwrap().clone();
    edited.body = "Edited while the rest were read".into();
    cat.put(edited, "Tester").unwrap().apply().unwrap();
    assert_eq!(cat.live_count(), 60);
    assert!(
        cat.resolve(&ids[7].to_string()).is_ok(),
        "left ones resolve too"
    );
    complete(&mut cat, 16, |_| {});
    assert_eq!(cat.records().len(), 60);
    assert!(cat.problems().is_empty(), "{:?}", cat.problems());
    for id in [target, other] {
        let ours = cat.records().iter().filter(|r| r.id == id).count();
        assert_eq!(ours, 1, "one record {id}");
        let history = cat.audit().for_record(&id);
        let created = history.iter().filter(|e| e.action == Action::Created);
        assert_eq!(
            created.count(),
            1,
            "made once, when the catalogue was filled"
        );
    }
    assert_eq!(
        cat.get(&other).unwrap().body,
        "Edited while the rest were read"
    );
    drop(cat);
    let again = open_cold(&path);
    assert_eq!(again.records().len(), 60);
    assert_eq!(again.get(&target).unwrap().label, Label::Red);
    assert_eq!(
        again.get(&other).unwrap().body,
        "Edited while the rest were read"
    );
}

#[test]
fn a_completion_no_one_waits_for_stops() {
    let (_dir, path, _) = snapshotted(80);
    let lazy = open_lazy(&path, QUICK);
    let completion = lazy.completion().unwrap();
    let mut slices = 0;
    completion.run(10, |_| {
        slices += 1;
        false
    });
    assert_eq!(slices, 1, "stopped after the first slice no one took");
}
