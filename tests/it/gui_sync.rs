//! Sync in the app (issue 18): the Conflicts view with its count, a conflict settled by a
//! click (and logged), and File > Sync with the remote, when it last synced, and Sync now.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;

use crate::common::gui::{Setup, app, frames, reopen, settle};
use dossier::model::{Record, RecordId, RecordKind};
use dossier::store::{Catalogue, OpenOptions};
use dossier::sync::{SyncTarget, add_remote, clone_catalogue, joined_draft, sync};

fn open(path: &Path, who: &str) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: who.into(),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

fn sync_as(path: &Path, who: &str) {
    let cat = open(path, who);
    sync(&SyncTarget::of(&cat).unwrap(), None, who, &mut |_| {}).unwrap();
}

fn retitle(path: &Path, who: &str, id: RecordId, title: &str) {
    let mut cat = open(path, who);
    let mut r = cat.get(&id).unwrap().clone();
    r.title = title.into();
    cat.put(r, who).unwrap().apply().unwrap();
}

/// Two desktops (`a` and `b`) of one catalogue through `usb.git`, with the record's title
/// changed differently on both and `b` synced last: `b` holds the conflict.
fn desktops_in_conflict(setup: &Setup) -> (PathBuf, PathBuf, RecordId) {
    let a = setup.dir.path().join("a");
    let b = setup.dir.path().join("b");
    let url = setup.dir.path().join("usb.git").display().to_string();
    let id = {
        let mut cat = Catalogue::create(&a, "Office", "Ana").unwrap();
        let id = cat
            .save(
                Record::new(RecordKind::Report, "Shelling of the school", "Ana"),
                "Ana",
            )
            .unwrap();
        add_remote(&cat, "usb", &url, true, "Ana").unwrap();
        sync(&SyncTarget::of(&cat).unwrap(), None, "Ana", &mut |_| {}).unwrap();
        id
    };
    let device = clone_catalogue(&url, &b).unwrap();
    open(&b, "Tester")
        .log(vec![joined_draft("Tester", &device)])
        .unwrap()
        .apply()
        .unwrap();
    retitle(&a, "Ana", id, "Shelling of School No. 3");
    retitle(&b, "Tester", id, "Shelling of the school in Shushi");
    sync_as(&a, "Ana");
    sync_as(&b, "Tester");
    (a, b, id)
}

#[test]
fn a_conflict_is_listed_with_both_sides_and_settled_by_a_click() {
    let setup = Setup::returning_user();
    let (_, b, id) = desktops_in_conflict(&setup);
    let mut gui = setup.gui(Some(b.clone()));
    gui.get_by_label("Conflicts (1)").click();
    frames(&mut gui);
    gui.get_by_label("title");
    gui.get_by_label("This desktop (by Tester)");
    gui.get_by_label("The other desktop (by Ana)");
    // This desktop's title: the record's heading and its side of the conflict.
    assert_eq!(
        gui.query_all_by_label("Shelling of the school in Shushi")
            .count(),
        2
    );
    gui.get_by_label("Shelling of School No. 3");
    gui.get_by_label("Take this").click();
    settle(&mut gui);
    gui.get_by_label("No conflicts: every synced change merged.");
    let cat = reopen(&b);
    let r = cat.get(&id).unwrap();
    assert_eq!(r.title, "Shelling of School No. 3");
    assert!(r.conflicts.is_empty());
    let last = &cat.audit().for_record(&id)[..2];
    assert!(
        last.iter()
            .any(|e| e.action == dossier::audit::Action::ConflictResolved),
        "{last:?}"
    );
}

#[test]
fn file_sync_shows_the_remote_and_syncs_now_with_a_summary() {
    let setup = Setup::returning_user();
    let (a, b, id) = desktops_in_conflict(&setup);
    retitle(&a, "Ana", id, "Shelling of School No. 3, 12 May");
    sync_as(&a, "Ana");
    let mut gui = setup.gui(Some(b.clone()));
    let ctx = gui.ctx.clone();
    app(&mut gui).run(dossier::ui::Command::ShowSync, &ctx);
    frames(&mut gui);
    gui.get_by_label("Sync now");
    let listed = gui.query_all_by_label_contains("last synced").count();
    assert_eq!(listed, 1, "the remote and when it last synced");
    gui.get_by_label("Sync now").click();
    settle(&mut gui);
    let said = app(&mut gui).message().unwrap_or_default().to_string();
    assert!(said.starts_with("Synced: 1 received, "), "{said}");
    // The catalogue was opened again with what came: Ana's newer title, still in conflict.
    let cat = reopen(&b);
    let r = cat.get(&id).unwrap();
    let sides = [
        r.conflicts[0].ours.to_string(),
        r.conflicts[0].theirs.to_string(),
    ];
    assert!(sides.iter().any(|s| s.contains("12 May")), "{sides:?}");
    gui.get_by_label("Conflicts (1)");
}
