//! A sync stopped after writing what it took but before committing it (the moment the
//! sync kill harness found, issue 18): the next sync commits those files as this
//! desktop's own change on its old tip, so git's merge base is too old for them. The
//! other desktop's newer edits must still arrive as edits, not as conflicts with an older
//! version of themselves, and nothing may be lost.

use dossier::model::{Record, RecordId, RecordKind};

use crate::common::{assert_same_synced, git_in, open_as, sync_as, synced_desktops};

fn user(d: usize) -> String {
    ["Ana", "Ben"][d].to_string()
}

fn set_title(path: &std::path::Path, who: &str, id: &RecordId, title: &str) {
    let mut cat = open_as(path, who);
    let mut r = cat.get(id).cloned().unwrap();
    r.title = title.into();
    cat.put(r, who).unwrap().apply().unwrap();
}

/// Ben's sync, as if stopped after it wrote what came but before it committed: the sync
/// runs, then Ben's branch is put back where it was (what a stop before `update-ref`
/// leaves), and the remote forgets Ben's push.
fn sync_stopped_before_commit(ben: &std::path::Path, usb: &std::path::Path) {
    let before = git_in(ben, &["rev-parse", "main"]);
    let remote_before = git_in(usb, &["rev-parse", "main"]);
    sync_as(ben, "Ben");
    git_in(ben, &["update-ref", "refs/heads/main", &before]);
    git_in(usb, &["update-ref", "refs/heads/main", &remote_before]);
}

/// Two desktops of a catalogue holding one report: their folders, its id, the remote.
fn one_report(
    dir: &std::path::Path,
) -> (Vec<std::path::PathBuf>, Vec<RecordId>, std::path::PathBuf) {
    let (d, ids) = synced_desktops(dir, 2, user, |cat| {
        let r = Record::new(RecordKind::Report, "Shelling of the school", "Ana");
        vec![cat.save(r, "Ana").unwrap()]
    });
    (d, ids, dir.join("usb.git"))
}

fn set_body(path: &std::path::Path, who: &str, id: &RecordId, body: &str) {
    let mut cat = open_as(path, who);
    let mut r = cat.get(id).cloned().unwrap();
    r.body = body.into();
    cat.put(r, who).unwrap().apply().unwrap();
}

/// Ben syncs with no conflict, both settle, and both hold Ana's last title and Ben's body.
fn both_edits_kept(d: &[std::path::PathBuf], id: &RecordId) {
    let summary = sync_as(&d[1], "Ben");
    assert_eq!(summary.conflicts, 0, "{summary:?}");
    sync_as(&d[0], "Ana");
    sync_as(&d[1], "Ben");
    for path in d {
        let cat = open_as(path, "Checker");
        let r = cat.get(id).unwrap();
        assert_eq!(r.title, "Shelling of school No. 4, 12 March");
        assert_eq!(r.body, "Three shells hit the east wing.");
        assert!(r.conflicts.is_empty());
    }
    assert_same_synced(d);
}

#[test]
fn their_newer_edit_of_a_record_taken_by_a_cut_sync_arrives_without_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = synced_desktops(dir.path(), 2, user, |cat| {
        ["Shelling of the school", "Detention of two medics"]
            .into_iter()
            .map(|t| {
                cat.save(Record::new(RecordKind::Report, t, "Ana"), "Ana")
                    .unwrap()
            })
            .collect()
    });
    let usb = dir.path().join("usb.git");
    set_title(&d[0], "Ana", &ids[0], "Shelling of school No. 4");
    sync_as(&d[0], "Ana");
    set_title(
        &d[1],
        "Ben",
        &ids[1],
        "Detention of two medics at the checkpoint",
    );
    sync_stopped_before_commit(&d[1], &usb);
    // Ben's disk holds Ana's first edit, logged as received, but not committed.
    assert_eq!(
        open_as(&d[1], "Ben").get(&ids[0]).unwrap().title,
        "Shelling of school No. 4"
    );
    set_title(&d[0], "Ana", &ids[0], "Shelling of school No. 4, 12 March");
    sync_as(&d[0], "Ana");
    let summary = sync_as(&d[1], "Ben");
    assert_eq!(summary.conflicts, 0, "{summary:?}");
    sync_as(&d[0], "Ana");
    sync_as(&d[1], "Ben");
    for path in &d {
        let cat = open_as(path, "Checker");
        assert_eq!(
            cat.get(&ids[0]).unwrap().title,
            "Shelling of school No. 4, 12 March"
        );
        assert_eq!(
            cat.get(&ids[1]).unwrap().title,
            "Detention of two medics at the checkpoint"
        );
        assert!(cat.get(&ids[0]).unwrap().conflicts.is_empty());
    }
    assert_same_synced(&d);
}

#[test]
fn their_edit_of_a_record_merged_by_a_cut_sync_merges_on_the_merged_version() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids, usb) = one_report(dir.path());
    // Both edit the same record, different fields: Ben's sync merges them, then is cut.
    set_title(&d[0], "Ana", &ids[0], "Shelling of school No. 4");
    sync_as(&d[0], "Ana");
    set_body(&d[1], "Ben", &ids[0], "Three shells hit the east wing.");
    sync_stopped_before_commit(&d[1], &usb);
    // Ana changes the title again: against the merged version Ben holds, only she did.
    set_title(&d[0], "Ana", &ids[0], "Shelling of school No. 4, 12 March");
    sync_as(&d[0], "Ana");
    both_edits_kept(&d, &ids[0]);
}

#[test]
fn an_edit_made_here_after_the_cut_sync_merges_with_their_newer_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids, usb) = one_report(dir.path());
    set_title(&d[0], "Ana", &ids[0], "Shelling of school No. 4");
    sync_as(&d[0], "Ana");
    sync_stopped_before_commit(&d[1], &usb);
    // Ben edits the version the cut sync took; Ana edits the title again meanwhile.
    set_body(&d[1], "Ben", &ids[0], "Three shells hit the east wing.");
    set_title(&d[0], "Ana", &ids[0], "Shelling of school No. 4, 12 March");
    sync_as(&d[0], "Ana");
    both_edits_kept(&d, &ids[0]);
}
