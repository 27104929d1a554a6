//! A record's history read from the disk when shown (issue 20): the open app does not hold
//! the audit log whole. A record's entries are read back through an index of where they
//! lie in the log files, checked to be the entries the index saw, with what was appended
//! since taken from memory. What it shows is what reading the whole log shows.

use std::fs;
use std::path::Path;

use dossier::audit::{Action, AuditEntry};
use dossier::model::{RecordId, ReviewState};
use dossier::store::Catalogue;

use crate::common::gui::*;
use crate::common::{open_as, set_title};
use crate::snapshot::{QUICK, catalogue_of, open_cold, open_warm, refresh, settle as tick};
use egui_kittest::kittest::Queryable;

/// Every record's history, as reading the whole log gives it.
fn histories(cat: &Catalogue, ids: &[RecordId]) -> Vec<Vec<AuditEntry>> {
    ids.iter().map(|id| cat.audit().for_record(id)).collect()
}

/// Six reports, each retitled twice, so that each has three entries spread over the log.
fn edited(dir: &Path) -> (std::path::PathBuf, Vec<RecordId>) {
    let (path, ids) = {
        let (d, path, ids) = catalogue_of(6);
        let moved = dir.join("cat");
        fs::rename(&path, &moved).unwrap();
        drop(d);
        (moved, ids)
    };
    for round in 0..2 {
        for (i, id) in ids.iter().enumerate() {
            set_title(&path, "Ani", id, &format!("Report {i}, round {round}"));
        }
    }
    (path, ids)
}

#[test]
fn a_catalogue_that_lets_go_of_its_log_reads_each_history_back_from_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = edited(dir.path());
    let expected = histories(&open_cold(&path), &ids);
    assert!(expected.iter().all(|h| h.len() == 3), "{expected:?}");

    let cat = open_as(&path, "Ben");
    assert!(cat.audit().is_whole(), "a cold opening reads the log whole");
    cat.audit().keep_tail_only();
    assert!(!cat.audit().is_whole());
    assert_eq!(
        cat.audit().history_now(&ids[0]),
        None,
        "nothing is read on the frame before the index is made"
    );
    cat.audit().build_record_index().unwrap();
    assert_eq!(histories(&cat, &ids), expected);
    assert!(!cat.audit().is_whole(), "history left the log on the disk");

    // An edit after letting go: its entry is in memory, the older ones on the disk.
    let mut cat = cat;
    let mut r = cat.get(&ids[2]).cloned().unwrap();
    r.title = "Report 2, checked".into();
    cat.put(r, "Ben").unwrap().apply().unwrap();
    let now = cat
        .audit()
        .history_now(&ids[2])
        .expect("the index still serves");
    assert_eq!(now.len(), 4);
    assert_eq!(
        (now[0].action, now[0].actor.as_str()),
        (Action::Edited, "Ben")
    );
    assert_eq!(now[1..], expected[2][..]);
    assert!(!cat.audit().is_whole());

    // A view of the whole log reads it into memory, and lets go again: the edits the
    // index does not cover stay in memory, not only the last one.
    let mut r = cat.get(&ids[3]).cloned().unwrap();
    r.title = "Report 3, checked".into();
    cat.put(r, "Ben").unwrap().apply().unwrap();
    assert!(cat.audit().len() > 12);
    assert!(cat.audit().is_whole());
    cat.audit().keep_tail_only_if_idle();
    assert!(!cat.audit().is_whole());
    assert_eq!(cat.audit().history_now(&ids[2]), Some(now.clone()));
    assert_eq!(cat.audit().history_now(&ids[3]).unwrap().len(), 4);
    drop(cat);
    assert_eq!(open_cold(&path).audit().for_record(&ids[2]), now);
}

/// Puts record `id` in review, or takes it out (approves it), as `who`.
fn review(cat: &mut Catalogue, id: &RecordId, state: ReviewState, who: &str) {
    let mut r = cat.get(id).cloned().unwrap();
    r.review = state;
    cat.put(r, who).unwrap().apply().unwrap();
}

#[test]
fn the_review_queue_says_who_submitted_each_record_without_holding_the_log_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = edited(dir.path());
    {
        let mut cat = open_as(&path, "Ani");
        review(&mut cat, &ids[0], ReviewState::InReview, "Ani");
        review(&mut cat, &ids[1], ReviewState::InReview, "Ani");
        review(&mut cat, &ids[0], ReviewState::Draft, "Ani");
        review(&mut cat, &ids[0], ReviewState::InReview, "Ben");
    }
    let cold = open_cold(&path).audit().submissions();
    assert_eq!(cold.len(), 2, "{cold:?}");
    assert_eq!(cold[&ids[0]].1, "Ben", "the last submission counts");
    assert_eq!(cold[&ids[1]].1, "Ani");

    let mut cat = open_as(&path, "Cem");
    cat.audit().keep_tail_only();
    assert_eq!(cat.audit().submissions_now(), None, "not before the index");
    cat.audit().build_record_index().unwrap();
    assert_eq!(cat.audit().submissions_now(), Some(cold.clone()));
    // A submission made since the index: from memory.
    review(&mut cat, &ids[1], ReviewState::Draft, "Cem");
    review(&mut cat, &ids[1], ReviewState::InReview, "Cem");
    let now = cat.audit().submissions_now().unwrap();
    assert_eq!(now[&ids[1]].1, "Cem");
    assert_eq!(now[&ids[0]], cold[&ids[0]]);
    assert!(!cat.audit().is_whole());
    let queue = dossier::share::review_queue(&cat);
    assert_eq!(queue.len(), 2);
    assert!(
        queue
            .iter()
            .any(|q| q.id == ids[1] && q.submitted_by == "Cem")
    );
    assert!(!cat.audit().is_whole(), "the queue read no whole log");
    drop(cat);
    assert_eq!(open_cold(&path).audit().submissions(), now);
}

#[test]
fn a_warm_opening_reads_history_through_the_index_as_a_cold_one_reads_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = edited(dir.path());
    tick();
    refresh(&path, QUICK).expect("a snapshot to write");
    set_title(&path, "Ani", &ids[4], "Report 4, after the snapshot");
    tick();
    let warm = open_warm(&path, true, QUICK);
    assert!(!warm.audit().is_whole(), "opened from the mark");
    let cold = open_cold(&path);
    assert_eq!(histories(&warm, &ids), histories(&cold, &ids));
    assert_eq!(warm.audit().for_record(&ids[4]).len(), 4);
    assert!(!warm.audit().is_whole());
}

#[test]
fn a_log_changed_in_place_after_the_index_is_read_again_not_shown_stale() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = edited(dir.path());
    let cat = open_as(&path, "Ben");
    cat.audit().keep_tail_only();
    cat.audit().build_record_index().unwrap();
    let before = cat.audit().history_now(&ids[1]).unwrap();
    assert_eq!(before[0].actor, "Ani");

    // Someone edits the log by hand, keeping every line's length: the actor of record
    // 1's last entry becomes "Eve". (In a later clock tick than the reading above: the
    // history last read is kept while the log files' lengths and times stay the same.)
    tick();
    let log = path.join("audit.jsonl");
    let text = fs::read_to_string(&log).unwrap();
    let wanted = format!("\"record\":\"{}\"", ids[1].0);
    let line = text
        .lines()
        .rev()
        .find(|l| l.contains(&wanted))
        .unwrap()
        .to_string();
    let changed = line.replace("\"actor\":\"Ani\"", "\"actor\":\"Eve\"");
    assert_ne!(changed, line);
    fs::write(&log, text.replace(&line, &changed)).unwrap();

    assert_eq!(
        cat.audit().history_now(&ids[1]),
        None,
        "the line is not the entry the index saw"
    );
    let after = cat.audit().for_record(&ids[1]);
    assert_eq!(
        after[0].actor, "Eve",
        "what the file says now, not the old copy"
    );
    assert_eq!(after, open_cold(&path).audit().for_record(&ids[1]));
    let cold = open_cold(&path);
    assert!(
        cold.notices()
            .iter()
            .any(|n| n.contains("audit log has 1 problem")),
        "reading the log whole says it was altered: {:?}",
        cold.notices()
    );
}

#[test]
fn the_open_app_shows_a_records_history_without_holding_the_log_whole() {
    let setup = Setup::returning_user();
    let title = "Strike on a residential street";
    let (path, id, mut gui) = setup.open_on_record(title);
    label_red_and_save(&mut gui);
    gui.get_by_label("History").click();
    settle(&mut gui);

    let expected = reopen(&path).audit().for_record(&id);
    assert_eq!(expected[1].action, Action::LabelChanged);
    gui.get_by_label_contains(&format!("({} entries in the audit log)", expected.len()));
    gui.get_by_label_contains("TLP:AMBER -> TLP:RED");
    gui.get_by_label("Created");
    let log = app(&mut gui).session.as_ref().unwrap().cat.audit().clone();
    assert!(!log.is_whole(), "the app let go of the log after opening");
    assert_eq!(log.history_now(&id), Some(expected.clone()));

    // The audit log window reads the whole log; closed, the log goes back to the disk.
    app(&mut gui).dialogs.audit_log = true;
    settle(&mut gui);
    let all = reopen(&path).audit().len();
    gui.get_by_label(&format!("{all} entries"));
    assert!(log.is_whole(), "the window shows every entry");
    app(&mut gui).dialogs.audit_log = false;
    settle(&mut gui);
    assert!(!log.is_whole(), "closed, the window let go of the log");
    assert_eq!(log.history_now(&id), Some(expected));
    gui.get_by_label_contains("TLP:AMBER -> TLP:RED");
}
