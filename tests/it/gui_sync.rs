//! Sync in the app (issue 18): the Conflicts view with its count, a conflict settled by a
//! click (and logged), and File > Sync with the remote, when it last synced, and Sync now.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::{NodeT, Queryable};

use crate::common::gui::{Setup, app, frames, reopen, settle};
use crate::common::{open_as, sync_as};
use dossier::model::{Record, RecordId, RecordKind};
use dossier::store::Catalogue;
use dossier::sync::{SyncTarget, add_remote, clone_catalogue, joined_draft, sync};

fn retitle(path: &Path, who: &str, id: RecordId, title: &str) {
    let mut cat = open_as(path, who);
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
    open_as(&b, "Tester")
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
    let before = gui
        .query_by_label_contains("Synced 20")
        .map(|n| n.accesskit_node().label().unwrap_or_default());
    gui.get_by_label("Sync now").click();
    settle(&mut gui);
    // The status bar says when this desktop last synced, and it moved on.
    let after = gui
        .get_by_label_contains("Synced 20")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert!(
        before.as_ref().is_some_and(|b| *b <= after),
        "{before:?} then {after}"
    );
    let said = app(&mut gui).message().unwrap_or_default().to_string();
    assert!(said.starts_with("Synced: 1 received, "), "{said}");
    // The catalogue was opened again with what came: Ana's newer title, still in conflict.
    let cat = reopen(&b);
    let r = cat.get(&id).unwrap();
    let sides: Vec<String> = r
        .conflicts
        .iter()
        .flat_map(|c| [c.ours.to_string(), c.theirs.to_string()])
        .collect();
    assert!(sides.iter().any(|s| s.contains("12 May")), "{sides:?}");
    gui.get_by_label("Conflicts (1)");
}

/// Sets a record file's title and place on disk, as a file-sync tool would.
fn change_on_disk(root: &Path, id: RecordId, title: &str, place: &str) {
    let file = root.join("records").join(format!("{id}.json"));
    let mut r = Record::from_json(&std::fs::read(&file).unwrap()).unwrap();
    r.title = title.into();
    r.place = place.into();
    r.modified_by = "Syncthing user".into();
    std::fs::write(&file, r.to_json()).unwrap();
}

/// Runs frames until the app has noticed a change on disk and opened the catalogue again.
fn until_reopened(gui: &mut crate::common::gui::Gui, generation_before: &str) {
    for _ in 0..40 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        frames(gui);
        let now = app(gui).message().unwrap_or_default().to_string();
        if now != generation_before && app(gui).session.is_some() {
            settle(gui);
            return;
        }
    }
    panic!(
        "the app did not notice the change on disk: {:?}",
        app(gui).message()
    );
}

#[test]
fn a_record_changed_on_disk_while_open_is_reloaded_and_logged() {
    let setup = Setup::returning_user();
    let (_, b, id) = desktops_in_conflict(&setup);
    let mut gui = setup.gui(Some(b.clone()));
    let before = app(&mut gui).message().unwrap_or_default().to_string();
    change_on_disk(&b, id, "Retitled by a file-sync tool", "Stepanakert");
    until_reopened(&mut gui, &before);
    let session = app(&mut gui).session.as_ref().unwrap();
    assert_eq!(session.cat.get(&id).unwrap().place, "Stepanakert");
    assert!(
        session.cat.outside_change(&id).is_some(),
        "logged as changed outside"
    );
}

#[test]
fn an_edit_in_progress_is_merged_with_a_change_on_disk_never_written_over_it() {
    let setup = Setup::returning_user();
    let (_, b, id) = desktops_in_conflict(&setup);
    let mut gui = setup.gui(Some(b.clone()));
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(dossier::ui::Command::Select(Some(id)), &ctx);
    }
    settle(&mut gui);
    let author = gui.get_by_role_and_label(
        eframe::egui::accesskit::Role::TextInput,
        "Author or issuing body",
    );
    author.focus();
    author.type_text("Human Rights Defender's Office");
    frames(&mut gui);
    let before = app(&mut gui).message().unwrap_or_default().to_string();
    change_on_disk(&b, id, "Retitled on disk", "Stepanakert");
    until_reopened(&mut gui, &before);
    settle(&mut gui);
    let cat = reopen(&b);
    let r = cat.get(&id).unwrap();
    assert_eq!(
        r.author, "Human Rights Defender's Office",
        "the edit is kept"
    );
    // The change on disk is kept too: merged in, or (when the save that met it could not
    // know the version the edit began from) waiting as a conflict beside the edit.
    let kept = r.place == "Stepanakert"
        || r.conflicts
            .iter()
            .any(|c| c.field == "place" && c.theirs == "Stepanakert");
    assert!(kept, "place {:?}, conflicts {:?}", r.place, r.conflicts);
}
