//! The log's record index kept beside the snapshot (issue 20): in a new opening, a record's
//! history and the review queue read only the log entries appended since it was kept,
//! not every log (`dossier history` at 100,000 records: 0.53 s to 0.09 s). What they show
//! is what reading the whole log shows; a kept index that is damaged, another
//! catalogue's, or behind a log changed in place is not used, and is made again.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::audit::AuditEntry;
use dossier::model::{RecordId, ReviewAction};
use dossier::store::Catalogue;

use crate::common::{open_as, set_title};
use crate::snapshot::{QUICK, catalogue_of, open_cold, open_warm, refresh, settle};

/// What a person sees of the log: every record's history, and the review queue (each
/// record with when and by whom it was submitted).
type Seen = (Vec<Vec<AuditEntry>>, Vec<(RecordId, String)>);

fn seen(cat: &Catalogue, ids: &[RecordId]) -> Seen {
    let histories = ids.iter().map(|id| cat.audit().for_record(id)).collect();
    let queue = dossier::share::review_queue(cat)
        .into_iter()
        .map(|i| (i.id, format!("{} {}", i.since, i.submitted_by)))
        .collect();
    (histories, queue)
}

/// The kept index's file in `cache/`.
fn kept_file(path: &Path) -> Option<PathBuf> {
    let dir = path.join(dossier::store::layout::CACHE_DIR);
    let found = fs::read_dir(dir).ok()?.flatten().map(|e| e.path());
    found
        .filter(|p| p.extension().is_some_and(|e| e == "history"))
        .last()
}

/// Puts `ids` in review as `who`.
fn submit(path: &Path, ids: &[RecordId], who: &str) {
    let mut cat = open_as(path, who);
    cat.review(ids, ReviewAction::Submit, "", who)
        .unwrap()
        .apply()
        .unwrap();
}

/// Opens warm and read-only, reads what a person sees, and says whether the kept index
/// served it.
fn warm(path: &Path, ids: &[RecordId]) -> (bool, Seen) {
    let cat = open_warm(path, true, QUICK);
    assert!(!cat.audit().is_whole(), "the log was read whole");
    let seen = seen(&cat, ids);
    (cat.audit().record_index_kept(), seen)
}

#[test]
fn a_kept_record_index_serves_the_next_opening_caught_up_with_what_was_logged_since() {
    let (_dir, path, ids) = catalogue_of(8);
    for (i, id) in ids.iter().enumerate() {
        set_title(&path, "Ani", id, &format!("Report {i}, checked"));
    }
    submit(&path, &ids[1..3], "Ani");
    settle();
    refresh(&path, QUICK);
    let cold = || seen(&open_cold(&path), &ids);
    let expected = cold();
    assert_eq!(expected.0[1].len(), 3, "{:?}", expected.0[1]);
    assert_eq!(expected.1.len(), 2);

    assert_eq!(
        warm(&path, &ids),
        (false, expected.clone()),
        "made, then kept"
    );
    assert!(kept_file(&path).is_some());
    assert_eq!(warm(&path, &ids), (true, expected), "the kept one serves");

    // Logged since it was kept: read from where it ended.
    set_title(&path, "Ben", &ids[3], "Report 3, again");
    submit(&path, &ids[4..5], "Ben");
    let expected = cold();
    assert_eq!(expected.0[3].len(), 3);
    assert_eq!(expected.1.len(), 3);
    assert_eq!(warm(&path, &ids), (true, expected.clone()));
    // Also once the snapshot's log mark is past them (memory then holds none of them).
    settle();
    refresh(&path, QUICK);
    assert_eq!(warm(&path, &ids), (true, expected.clone()));

    // Damaged: not used, made again and kept.
    let file = kept_file(&path).unwrap();
    let mut bytes = fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    fs::write(&file, &bytes).unwrap();
    assert_eq!(warm(&path, &ids), (false, expected.clone()));
    assert_eq!(warm(&path, &ids), (true, expected.clone()));

    // Another catalogue's, signed with the same key on this computer: not used.
    let (_other_dir, other, other_ids) = catalogue_of(3);
    set_title(&other, "Ani", &other_ids[0], "Other");
    settle();
    refresh(&other, QUICK);
    warm(&other, &other_ids);
    fs::copy(kept_file(&other).unwrap(), &file).unwrap();
    assert_eq!(warm(&path, &ids), (false, expected));
}

#[test]
fn a_log_changed_in_place_behind_the_kept_index_is_read_again() {
    let (_dir, path, ids) = catalogue_of(4);
    for (i, id) in ids.iter().enumerate() {
        set_title(&path, "Ani", id, &format!("Report {i}, checked"));
    }
    settle();
    refresh(&path, QUICK);
    warm(&path, &ids);
    assert!(warm(&path, &ids).0, "kept");
    // An entry's text changed in place, its length kept: the kept index no longer
    // describes the log, and what is shown is what the log now holds.
    let log = path.join(dossier::audit::AUDIT_FILE);
    let text = fs::read_to_string(&log).unwrap();
    fs::write(&log, text.replace("Report 1, checked", "Report 1, chEcked")).unwrap();
    let expected = seen(&open_cold(&path), &ids);
    assert!(format!("{:?}", expected.0[1]).contains("chEcked"));
    let cat = open_warm(&path, true, QUICK);
    assert_eq!(seen(&cat, &ids), expected);
    assert_eq!(seen(&cat, &ids), expected, "asked again, once made anew");
    assert!(
        !cat.audit().record_index_kept(),
        "made anew, not the kept one"
    );
}
