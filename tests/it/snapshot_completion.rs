//! A lazy opening finished off the UI thread (issue 20: the app's list at a million
//! records in 3 s): the records left in the snapshot are decoded on a thread of their own
//! and placed a slice at a time; the catalogue they make is the one a whole opening
//! makes, whatever was asked for or changed meanwhile.

use dossier::audit::Action;
use dossier::model::Label;
use dossier::store::Catalogue;

use crate::snapshot::{
    QUICK, edit_in_place, file_of, open_cold, open_lazy, open_lazy_as, seen, snapshotted,
};

/// Runs `cat`'s completion on a thread of its own; `meanwhile` runs while it does
/// (records asked for and changed as the app's list draws and its editor saves), then
/// what it decoded is swapped in.
fn complete(cat: &mut Catalogue, meanwhile: impl FnOnce(&mut Catalogue)) {
    let completion = cat.completion().expect("records left in the snapshot");
    let total = completion.total();
    let thread = std::thread::Builder::new()
        .name("completion".into())
        .spawn(move || {
            let mut last = 0;
            let done = completion.run(|n| {
                assert!(n > last && n <= total, "counts up to the total");
                last = n;
                true
            });
            assert_eq!(last, total);
            done
        })
        .unwrap();
    meanwhile(cat);
    let done = thread.join().unwrap().expect("run to the end");
    cat.take_completed(done);
}

#[test]
fn a_lazy_opening_completed_off_its_thread_is_the_whole_catalogue() {
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
    complete(&mut lazy, |cat| {
        // Rows drawn while the rest are read: the catalogue's copies are kept.
        cat.load_also(&ids[100..300]);
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
    let mut cat = open_lazy_as(&path, QUICK, false);
    // As the app's opening thread does: what the reading thread starts from is gathered
    // now, so the records changed below are decoded by it too, and must not win.
    cat.prepare_completion();
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
    let third = ids[44];
    complete(&mut cat, |cat| {
        // Changed while the rest are read: the change is kept, not the decoded copy.
        cat.set_label(&[third], Label::Green, "Tester")
            .unwrap()
            .apply()
            .unwrap();
    });
    assert_eq!(cat.get(&third).unwrap().label, Label::Green);
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
    // A record swapped in whole still knows its file's hash: a save over a file changed
    // outside meanwhile is refused, not written over it.
    let untouched = ids[10];
    let file = file_of(&path, &untouched);
    let on_disk = dossier::durable::hash_bytes(&std::fs::read(&file).unwrap());
    assert_eq!(cat.file_hash(&untouched), Some(&on_disk));
    let mut mine = cat.get(&untouched).unwrap().clone();
    mine.body = "Mine".into();
    let batch = cat.put(mine, "Tester").unwrap();
    edit_in_place(&file, "Body of report 10", "Body of REPORT 10");
    assert!(batch.apply().is_err(), "the file changed underneath");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("REPORT 10")
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
    let (_dir, path, _) = snapshotted(5000);
    let mut lazy = open_lazy(&path, QUICK);
    let completion = lazy.completion().unwrap();
    let mut asked = 0;
    let done = completion.run(|_| {
        asked += 1;
        false
    });
    assert!(done.is_none());
    assert_eq!(asked, 1, "stopped after the first slice");
}

#[test]
fn an_encrypted_catalogue_completes_from_its_sealed_snapshot() {
    use crate::snapshot_sync::{PASSPHRASE, sealed_options};
    use dossier::durable::keyring::KdfParams;
    use dossier::model::{Record, RecordKind};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sealed");
    let (mut cat, _) =
        Catalogue::create_encrypted(&path, "Sealed", "Tester", PASSPHRASE, KdfParams::FOR_TESTS)
            .unwrap();
    for i in 0..40 {
        let r = Record::new(RecordKind::Report, format!("Sealed report {i}"), "Tester");
        cat.save(r, "Tester").unwrap();
    }
    drop(cat);
    let open = |lazy: bool| Catalogue::open(&path, sealed_options(lazy)).unwrap();
    crate::snapshot::settle();
    if let Some(job) = open(false).snapshot_job() {
        job.write().unwrap();
    }
    let mut whole = open(false);
    assert!(
        whole.snapshot_job().is_none(),
        "the snapshot serves every file"
    );
    let whole = seen(&mut whole);
    let mut lazy = open(true);
    assert!(!lazy.is_complete(), "left in the sealed snapshot");
    complete(&mut lazy, |_| {});
    assert!(lazy.is_complete());
    assert_eq!(seen(&mut lazy), whole);
}
