//! A lazy opening whose log went on from the snapshot's mark compares with the log only
//! the records that can differ from it: those the snapshot found unsettled, those the
//! new entries name, and those whose files changed or went. What it finds and logs must
//! be exactly what an opening that reads every file finds and logs.

use std::path::Path;

use dossier::audit::{Action, AuditDraft};
use dossier::model::{RecordId, Sha256};
use dossier::store::{Catalogue, OpenOptions};

use crate::snapshot::{QUICK, edit_in_place, file_of, open_lazy_as, open_warm, refresh, settle};

/// Appends entries to the log, as a save cut short after its entry and before its file.
fn log_only(path: &Path, drafts: Vec<AuditDraft>) {
    let cat = open_warm(path, false, QUICK);
    cat.audit().append(&drafts).unwrap();
}

fn a_sha(n: u8) -> Sha256 {
    Sha256::from_digest(&[n; 32])
}

/// Opens a copy of `path` writable and without the snapshot, and `path` itself lazily
/// from it: both must report the same, and the lazy one must hold `loaded` already.
fn lazy_as_cold(path: &Path, loaded: &[RecordId]) -> Vec<String> {
    let copy = path.with_file_name("copy");
    crate::common::copy_dir(path, &copy);
    let cold = Catalogue::open(
        &copy,
        OpenOptions {
            user: "Tester".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let mut lazy = open_lazy_as(path, QUICK, false);
    assert!(lazy.is_focused(), "the records were left in the snapshot");
    let mut report = lazy.opening_report().to_vec();
    let mut cold_report = cold.opening_report().to_vec();
    report.sort();
    cold_report.sort();
    assert_eq!(report, cold_report);
    let outside = |c: &Catalogue| {
        let mut ids: Vec<RecordId> = c.outside_changes().iter().map(|o| o.record).collect();
        ids.sort();
        ids
    };
    assert_eq!(outside(&lazy), outside(&cold));
    for id in loaded {
        assert!(
            lazy.records().iter().any(|r| r.id == *id),
            "record {id} was not looked at"
        );
    }
    assert!(
        lazy.records().len() < cold.records().len(),
        "only the unsettled records were decoded"
    );
    lazy.load_all();
    let mut records = lazy.records().to_vec();
    let mut cold_records = cold.records().to_vec();
    records.sort_by_key(|r| r.id);
    cold_records.sort_by_key(|r| r.id);
    assert_eq!(records, cold_records);
    report
}

#[test]
fn a_record_unsettled_in_the_snapshot_or_named_by_a_new_entry_is_looked_at() {
    let (_dir, path, ids) = crate::snapshot::snapshotted(6);
    // Changed outside, held back by a writable opening, then snapshotted unsettled.
    edit_in_place(&file_of(&path, &ids[4]), "Report 004", "Report 994");
    drop(open_warm(&path, false, QUICK));
    settle();
    refresh(&path, QUICK).unwrap();
    // A save cut short after the snapshot: logged, its file as before.
    let edited = AuditDraft::new("Tester", Action::Edited).record(ids[2], Some(a_sha(2)));
    log_only(&path, vec![edited]);
    let report = lazy_as_cold(&path, &[ids[2], ids[4]]);
    assert!(
        report.iter().any(|r| r.contains(&ids[2].to_string())),
        "the save cut short is reported: {report:?}"
    );
}

#[test]
fn records_logged_and_never_written_before_or_after_the_snapshot_are_found() {
    let made = |id| AuditDraft::new("Tester", Action::Created).record(id, Some(a_sha(9)));
    for before_the_snapshot in [true, false] {
        let (_dir, path, _) = crate::snapshot::snapshotted(4);
        let ids = [RecordId::new(), RecordId::new()];
        // The snapshot is written by a read-only opening, which logs no repair.
        if before_the_snapshot {
            log_only(&path, ids.iter().map(|id| made(*id)).collect());
            settle();
            refresh(&path, QUICK).unwrap();
        } else {
            log_only(&path, ids.iter().map(|id| made(*id)).collect());
        }
        let report = lazy_as_cold(&path, &[]);
        for id in ids {
            assert!(
                report
                    .iter()
                    .any(|r| r.contains(&format!("{id}.json was never written"))),
                "{id} not reported: {report:?}"
            );
        }
    }
}
