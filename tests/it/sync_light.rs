//! A sync without the whole catalogue open (issue 18's target: ten changes in a large
//! catalogue in well under two seconds): used when everything changed since the last sync
//! is this desktop's own logged work, and refused (the whole catalogue opens) otherwise.
//! And a record changed outside Dossier on one desktop stays held back on the other.

use std::fs;
use std::path::Path;

use dossier::audit::{Action, AuditDraft};
use dossier::model::{Record, RecordId, RecordKind, Sha256};
use dossier::store::{Catalogue, OpenOptions};
use dossier::sync::SyncSummary;

use crate::common::{open_as, sync_as, synced_desktops, synced_files};

fn user(d: usize) -> String {
    ["Ana", "Ben"][d].to_string()
}

fn office(dir: &tempfile::TempDir) -> (Vec<std::path::PathBuf>, Vec<RecordId>) {
    synced_desktops(dir.path(), 2, user, |cat| {
        (0..3)
            .map(|i| {
                let r = Record::new(RecordKind::Report, format!("Report {i}"), "Ana");
                cat.save(r, "Ana").unwrap()
            })
            .collect()
    })
}

/// A sync opening only the catalogue's lock, keys and log: `None` when it had to refuse.
fn sync_light(path: &Path, who: &str) -> Option<SyncSummary> {
    let files = Catalogue::open_files_only(
        path,
        OpenOptions {
            user: who.into(),
            ..OpenOptions::default()
        },
    )
    .unwrap()
    .expect("a synced, writable catalogue opens without its records");
    dossier::sync::sync_files_only(files, None, who, &mut |_| {}).unwrap()
}

fn set_title(path: &Path, who: &str, id: &RecordId, title: &str) {
    let mut cat = open_as(path, who);
    let mut r = cat.get(id).cloned().unwrap();
    r.title = title.into();
    cat.put(r, who).unwrap().apply().unwrap();
}

#[test]
fn own_edits_and_their_originals_sync_without_opening_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir);
    set_title(&d[1], "Ben", &ids[0], "Shelling of the school");
    {
        let mut cat = open_as(&d[1], "Ben");
        let file = dir.path().join("photo.bin");
        fs::write(&file, b"a photo's bytes").unwrap();
        let a = dossier::media::import_file(
            &cat.blobs(),
            &file,
            "Ben",
            dossier::model::Label::Green,
            &mut |_| {},
        )
        .unwrap()
        .attachment;
        let mut r = cat.get(&ids[1]).cloned().unwrap();
        r.attachments.push(a);
        cat.put(r, "Ben").unwrap().apply().unwrap();
    }
    let sent = sync_light(&d[1], "Ben").expect("nothing but Ben's own work changed");
    assert_eq!((sent.sent, sent.originals_out), (2, 1), "{sent:?}");
    let got = sync_light(&d[0], "Ana").expect("nothing changed on Ana's desktop");
    assert_eq!((got.received, got.originals_in), (2, 1), "{got:?}");
    // Ben's desktop takes Ana's log of what she received.
    assert!(sync_light(&d[1], "Ben").is_some());
    assert!(synced_files(&d[0]) == synced_files(&d[1]));
    let cat = open_as(&d[0], "Ana");
    assert_eq!(cat.get(&ids[0]).unwrap().title, "Shelling of the school");
    let sha: &Sha256 = &cat.get(&ids[1]).unwrap().attachments[0].sha256;
    assert!(cat.blobs().contains(sha), "the original came");
    drop(cat);
    for path in &d {
        let report = dossier::integrity::verify(path, None, &|_| {}).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}

#[test]
fn a_record_changed_outside_dossier_makes_the_sync_open_the_whole_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir);
    let file = d[1].join("records").join(format!("{}.json", ids[2]));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("Report 2", "Report 2, edited by hand")).unwrap();
    assert!(
        sync_light(&d[1], "Ben").is_none(),
        "a file no log accounts for needs the whole catalogue"
    );
    // The whole opening logs it, and a sync then carries it.
    sync_as(&d[1], "Ben");
    let cat = open_as(&d[1], "Ben");
    let logged = cat
        .audit()
        .for_record(&ids[2])
        .iter()
        .any(|e| e.action == Action::ChangedOutside);
    assert!(logged, "the change made outside is in the history");
    drop(cat);
    assert!(sync_light(&d[0], "Ana").is_some());
    assert!(sync_light(&d[1], "Ben").is_some());
    assert!(synced_files(&d[0]) == synced_files(&d[1]));
}

#[test]
fn a_save_cut_short_makes_the_sync_open_the_whole_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir);
    // The log says a version was written; the file never was (the power went).
    let cat = open_as(&d[0], "Ana");
    let draft = AuditDraft::new("Ana", Action::Edited)
        .record(ids[0], Some(dossier::durable::hash_bytes(b"x")));
    cat.log(vec![draft]).unwrap().apply().unwrap();
    drop(cat);
    assert!(sync_light(&d[0], "Ana").is_none());
    sync_as(&d[0], "Ana");
    let report = dossier::integrity::verify(&d[0], None, &|_| {}).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn a_record_held_back_as_changed_outside_stays_held_back_on_the_other_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir);
    set_title(&d[1], "Ben", &ids[0], "Edited in Dossier");
    let file = d[1].join("records").join(format!("{}.json", ids[2]));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("Report 2", "Report 2, edited by hand")).unwrap();
    sync_as(&d[1], "Ben");
    assert!(open_as(&d[1], "Ben").outside_change(&ids[2]).is_some());
    sync_as(&d[0], "Ana");
    let cat = open_as(&d[0], "Ana");
    assert_eq!(cat.get(&ids[2]).unwrap().title, "Report 2, edited by hand");
    assert!(
        cat.outside_change(&ids[2]).is_some(),
        "what Ben's desktop holds back as changed outside Dossier is held back here too"
    );
    assert!(
        cat.outside_change(&ids[0]).is_none(),
        "an edit made in Dossier is taken as it is"
    );
    let said = cat.audit().for_record(&ids[2]);
    assert!(
        said[0]
            .note
            .contains("came from another desktop that holds it back"),
        "{:?}",
        said[0].note
    );
}
