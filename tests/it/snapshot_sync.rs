//! The snapshot of a synced catalogue (issue 20 with issue 18): a sync that brings other
//! desktops' changes does not make every later opening read every log whole. Opening
//! resumes this desktop's log from the snapshot's mark, reads what other desktops' logs
//! gained since, and reads again only the record files the sync changed; what it shows is
//! exactly what a cold opening shows. When the other logs changed in a way only the whole
//! logs settle (a desktop joined, or an entry older than the mark's clock about a record
//! another desktop spoke for), it reads them whole and says a new snapshot is worth writing.
//! An encrypted catalogue's snapshot serves its unchanged files the same way.

use std::path::Path;

use dossier::durable::keyring::{KdfParams, Secret};
use dossier::model::{Record, RecordId, RecordKind};
use dossier::store::{Catalogue, OpenOptions};

use crate::common::{desk_user, office_of_reports, open_as, set_title, sync_as};
use crate::snapshot::{QUICK, open_cold, open_warm, refresh, seen, settle};

/// Opening `path` with its snapshot shows what opening it cold shows; gives back the
/// snapshot job the warm opening left (how many files it read, whether it read the whole
/// log).
fn assert_warm_is_cold(path: &Path) -> Option<(usize, bool)> {
    let mut warm = open_warm(path, true, QUICK);
    let job = warm.snapshot_job().map(|j| (j.reread, j.log_read_whole));
    if job.is_none_or(|(_, whole)| !whole) {
        assert!(
            !warm.audit().is_whole(),
            "opening left the old entries on disk"
        );
    }
    let mut cold = open_cold(path);
    assert_eq!(seen(&mut warm), seen(&mut cold), "warm and cold differ");
    assert!(
        warm.outside_changes().is_empty(),
        "nothing was changed outside"
    );
    job
}

#[test]
fn a_sync_that_brings_changes_is_read_from_the_mark_not_from_the_whole_logs() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office_of_reports(dir.path(), 2);
    settle();
    refresh(&d[1], QUICK).expect("the first opening writes a snapshot");
    settle();
    assert_eq!(assert_warm_is_cold(&d[1]), None, "the snapshot serves all");

    // Ana changes two records and moves a third to the trash; Ben's desktop receives them.
    set_title(&d[0], "Ana", &ids[3], "Report on the shelling");
    set_title(&d[0], "Ana", &ids[5], "Report 5, revised");
    {
        let mut cat = open_as(&d[0], "Ana");
        cat.trash_record(&ids[7], "Ana").unwrap().apply().unwrap();
    }
    sync_as(&d[0], "Ana");
    let got = sync_as(&d[1], "Ben");
    assert!(got.received >= 3, "{got:?}");
    settle();

    let (reread, whole) = assert_warm_is_cold(&d[1]).expect("a sync leaves a snapshot to make");
    assert!(
        !whole,
        "the logs were resumed from the mark, not read whole"
    );
    assert!(
        reread <= 3,
        "only the files the sync changed are read: {reread}"
    );
    let cat = open_warm(&d[1], true, QUICK);
    assert_eq!(cat.get(&ids[3]).unwrap().title, "Report on the shelling");
    assert!(cat.get_trashed(&ids[7]).is_some(), "the trash came too");

    // Ben's own edit after the sync goes on from both.
    set_title(&d[1], "Ben", &ids[5], "Report 5, checked");
    settle();
    let (_, whole) = assert_warm_is_cold(&d[1]).expect("an edit leaves a snapshot to make");
    assert!(!whole);
}

#[test]
fn concurrent_edits_and_a_new_desktop_are_settled_by_the_whole_logs() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office_of_reports(dir.path(), 3);
    for desk in &d {
        sync_as(desk, &desk_user(0));
    }
    // Ben edits record 4 and makes a snapshot; Ana and Cem edit it and others meanwhile.
    set_title(&d[1], "Ben", &ids[4], "Report 4 by Ben");
    settle();
    refresh(&d[1], QUICK).expect("a snapshot");
    set_title(&d[0], "Ana", &ids[6], "Report 6 by Ana");
    set_title(&d[2], "Cem", &ids[6], "Report 6 by Cem");
    set_title(&d[2], "Cem", &ids[8], "Report 8 by Cem");
    sync_as(&d[0], "Ana");
    sync_as(&d[2], "Cem");
    sync_as(&d[1], "Ben");
    settle();
    // Whichever way the opening reads the logs, it shows what a cold one does.
    assert!(assert_warm_is_cold(&d[1]).is_some());
    refresh(&d[1], QUICK);
    settle();

    // A desktop that joins adds a log the mark does not know: the logs are read whole, and
    // the next snapshot is worth writing even though few record files changed.
    let url = dir.path().join("usb.git").display().to_string();
    let fourth = dir.path().join("d3");
    let device = dossier::sync::clone_catalogue(&url, &fourth).unwrap();
    {
        let cat = open_as(&fourth, "Dan");
        cat.log(vec![dossier::sync::joined_draft("Dan", &device)])
            .unwrap()
            .apply()
            .unwrap();
    }
    sync_as(&fourth, "Dan");
    sync_as(&d[1], "Ben");
    settle();
    let (_, whole) = assert_warm_is_cold(&d[1]).expect("a new log leaves a snapshot to make");
    assert!(whole, "a log the mark does not know is read whole");
    refresh(&d[1], QUICK);
    settle();
    assert_eq!(
        assert_warm_is_cold(&d[1]),
        None,
        "the new snapshot serves all"
    );
}

/// How the tests open an encrypted catalogue with its snapshot: read-only, unlocked with
/// [`PASSPHRASE`], its records left in the snapshot when `lazy`.
pub(crate) fn sealed_options(lazy: bool) -> OpenOptions<'static> {
    OpenOptions {
        user: "Tester".into(),
        read_only: true,
        secret: Some(Secret::passphrase(PASSPHRASE)),
        snapshot: true,
        racy_margin_ns: QUICK,
        lazy,
        index_ahead: lazy,
        ..OpenOptions::default()
    }
}

/// Opens the encrypted catalogue at `path` with its snapshot: what it left to write.
fn open_sealed(path: &Path) -> (Catalogue, Option<(usize, bool)>) {
    let mut cat = Catalogue::open(path, sealed_options(false)).unwrap();
    let job = cat.snapshot_job().map(|j| {
        let said = (j.reread, j.log_read_whole);
        j.write().unwrap();
        said
    });
    (cat, job)
}

pub(crate) const PASSPHRASE: &str = "correct horse battery staple";

#[test]
fn an_encrypted_catalogue_is_served_by_its_snapshot_too() {
    // Its files are read while the key is derived; their stats are kept all the same, so
    // the next opening takes unchanged files from the snapshot instead of reading them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sealed");
    let (mut cat, _) =
        Catalogue::create_encrypted(&path, "Sealed", "Tester", PASSPHRASE, KdfParams::FOR_TESTS)
            .unwrap();
    let ids: Vec<RecordId> = (0..12)
        .map(|i| {
            let r = Record::new(RecordKind::Report, format!("Report {i}"), "Tester");
            cat.save(r, "Tester").unwrap()
        })
        .collect();
    drop(cat);
    settle();
    let (_, first) = open_sealed(&path);
    assert_eq!(
        first.map(|j| j.0),
        Some(12),
        "the first opening reads every file"
    );
    settle();
    let (cat, second) = open_sealed(&path);
    assert_eq!(second, None, "the snapshot serves every file");
    assert_eq!(cat.records().len(), 12);
    assert!(!cat.audit().is_whole());
    drop(cat);
    let file = crate::snapshot::file_of(&path, &ids[2]);
    let mut cat = Catalogue::open(
        &path,
        OpenOptions {
            user: "Tester".into(),
            secret: Some(Secret::passphrase(PASSPHRASE)),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let mut r = cat.get(&ids[2]).cloned().unwrap();
    r.title = "Report 2, changed".into();
    cat.put(r, "Tester").unwrap().apply().unwrap();
    drop(cat);
    assert!(file.exists());
    settle();
    let (cat, third) = open_sealed(&path);
    assert_eq!(third.map(|j| j.0), Some(1), "only the changed file is read");
    assert_eq!(cat.get(&ids[2]).unwrap().title, "Report 2, changed");

    // The log's record index is kept sealed beside the snapshot, and serves the next
    // opening's history.
    let history = cat.audit().for_record(&ids[2]);
    assert_eq!(history.len(), 2);
    assert!(!cat.audit().record_index_kept());
    drop(cat);
    let kept = path.join("cache").join("snapshot.history");
    let bytes = std::fs::read(&kept).unwrap();
    assert!(
        !bytes.windows(8).any(|w| w == b"audit.js"),
        "the kept index is sealed"
    );
    let (cat, _) = open_sealed(&path);
    assert_eq!(cat.audit().for_record(&ids[2]), history);
    assert!(cat.audit().record_index_kept());
}
