//! A record saved and then changed outside Dossier, opened from the snapshot: telling a
//! save cut short from an outside change needs the record's versions around the log's
//! last append, which the snapshot and the entries since its mark give. No command reads
//! the whole log for it (that took half a second at 100,000 records, on every read-only
//! command until the change was logged), and the answer is the one reading it gives.

use std::fs;
use std::path::Path;

use dossier::model::RecordId;
use dossier::store::Catalogue;

use crate::snapshot::{QUICK, edit_in_place, file_of, open_warm, refresh, settle, snapshotted};

/// Saves record `id` with a new title (same length as "Report 00N on shelling") through a
/// warm, writable opening that writes no snapshot.
fn save_title(path: &Path, id: RecordId, title: &str) {
    let mut cat = open_warm(path, false, QUICK);
    let mut r = cat.get(&id).cloned().unwrap();
    r.title = title.into();
    cat.save(r, "Tester").unwrap();
}

/// What an opening found of record `id`: its title, and the outside change held (the
/// version found, and the one a restore brings back).
fn found(cat: &Catalogue, id: RecordId) -> (String, Option<(dossier::model::Sha256, Option<u64>)>) {
    let change = cat.outside_changes().into_iter().find(|c| c.record == id);
    let title = cat.get(&id).unwrap().title.clone();
    (
        title,
        change.map(|c| (c.found.clone(), c.previous.as_ref().map(|p| p.0))),
    )
}

/// Opens warm and read-only, checks that it did not read the whole log, and that it finds
/// what a cold opening finds.
fn warm_as_cold(
    path: &Path,
    id: RecordId,
) -> (String, Option<(dossier::model::Sha256, Option<u64>)>) {
    let warm = open_warm(path, true, QUICK);
    assert!(
        !warm.audit().is_whole(),
        "the warm opening read the whole log"
    );
    let seen = found(&warm, id);
    assert_eq!(seen, found(&crate::snapshot::open_cold(path), id));
    seen
}

#[test]
fn a_record_saved_after_the_snapshot_then_changed_outside_is_held_back_without_the_whole_log() {
    let (_dir, path, ids) = snapshotted(5);
    save_title(&path, ids[2], "Saved 002 on shelling");
    edit_in_place(&file_of(&path, &ids[2]), "Saved 002", "Edited 02");
    let (title, change) = warm_as_cold(&path, ids[2]);
    assert_eq!(title, "Edited 02 on shelling");
    let (_, previous) = change.expect("held back as changed outside");
    assert!(
        previous.is_some(),
        "a restore brings back the saved version"
    );
}

#[test]
fn a_record_saved_before_the_snapshot_then_changed_outside_is_held_back_without_the_whole_log() {
    let (_dir, path, ids) = snapshotted(5);
    save_title(&path, ids[2], "Saved 002 on shelling");
    settle();
    refresh(&path, QUICK).unwrap();
    edit_in_place(&file_of(&path, &ids[2]), "Saved 002", "Edited 02");
    let (title, change) = warm_as_cold(&path, ids[2]);
    assert_eq!(title, "Edited 02 on shelling");
    assert!(change.is_some(), "held back as changed outside");
}

#[test]
fn a_save_cut_short_is_told_from_an_outside_change_before_and_after_a_snapshot() {
    let (_dir, path, ids) = snapshotted(5);
    let file = file_of(&path, &ids[3]);
    let before = fs::read(&file).unwrap();
    save_title(&path, ids[3], "Saved 003 on shelling");
    // The save's entry reached the log and its file did not: the file is as before.
    fs::write(&file, &before).unwrap();
    let (title, change) = warm_as_cold(&path, ids[3]);
    assert_eq!(title, "Report 003 on shelling");
    assert_eq!(change, None, "a save cut short is no outside change");
    // The same after a snapshot that took the log past the save.
    settle();
    refresh(&path, QUICK).unwrap();
    let (_, change) = warm_as_cold(&path, ids[3]);
    assert_eq!(change, None, "still a save cut short");
}

#[test]
fn a_record_made_after_the_snapshot_then_changed_outside_is_held_back_without_the_whole_log() {
    let (_dir, path, _) = snapshotted(3);
    let id = {
        let mut cat = open_warm(&path, false, QUICK);
        let r = dossier::model::Record::new(
            dossier::model::RecordKind::Report,
            "Report 900 on shelling",
            "Ani",
        );
        cat.save(r, "Ani").unwrap()
    };
    edit_in_place(&file_of(&path, &id), "Report 900", "Report 901");
    let (title, change) = warm_as_cold(&path, id);
    assert_eq!(title, "Report 901 on shelling");
    let (_, previous) = change.expect("held back as changed outside");
    assert!(previous.is_some());
}
