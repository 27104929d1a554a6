//! A big catalogue opens lazily in the app (issue 20: a million records listed in 3 s):
//! the list shows at once from the snapshot's index, its rows and the chosen record are
//! decoded as they are drawn, and the rest are read off the UI thread. Until the last is
//! in, what needs every record (statistics, a bulk label, a share, an export) waits and
//! says so, then runs on the whole catalogue.

use std::collections::HashMap;

use dossier::model::{Label, RecordId};
use dossier::store::snapshot::SnapshotKey;
use dossier::store::{Catalogue, OpenOptions};
use dossier::ui::session::Session;
use dossier::ui::{Command, Place};
use egui_kittest::kittest::Queryable;

use crate::common::gui::{Setup, app, frames, settle};

/// Opens `path` as the app does, with the app's snapshot key in `data_dir`.
fn open_as_app(path: &std::path::Path, data_dir: &std::path::Path) -> Catalogue {
    open_app_way(path, data_dir, None)
}

/// Opens `path` as the app's opening task does, with `search` made on the index's thread.
fn open_app_way(
    path: &std::path::Path,
    data_dir: &std::path::Path,
    search: Option<(dossier::search::Filter, dossier::search::SortColumn, bool)>,
) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: "Tester".into(),
            snapshot: true,
            snapshot_key: Some(SnapshotKey::in_folder(data_dir).unwrap()),
            lazy: true,
            index_ahead: true,
            search_ahead: search,
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// Waits until the files just written are older than the racy margin (two seconds):
/// the snapshot then trusts their stat, as it does a real catalogue's.
fn age_files(_path: &std::path::Path) {
    std::thread::sleep(std::time::Duration::from_millis(2_100));
}

/// A copy of the sample whose snapshot (under the app's key) serves every file, and each
/// record's label.
fn snapshotted_sample(setup: &Setup) -> (std::path::PathBuf, HashMap<RecordId, Label>) {
    let path = setup.sample();
    age_files(&path);
    let mut first = open_as_app(&path, &setup.paths.data_dir);
    let labels = first.records().iter().map(|r| (r.id, r.label)).collect();
    first
        .snapshot_job()
        .expect("a snapshot to write")
        .write()
        .unwrap();
    (path, labels)
}

#[test]
fn the_list_shows_at_once_and_what_needs_every_record_waits_for_the_last() {
    let setup = Setup::returning_user();
    let (path, labels) = snapshotted_sample(&setup);
    let data_dir = setup.paths.data_dir.clone();
    let all: Vec<RecordId> = labels.keys().copied().collect();
    assert!(labels.values().any(|l| *l != Label::Red));

    // A short window: the list draws some rows, not all the sample's.
    let mut gui = setup.gui_sized(None, [1300.0, 560.0]);
    let cat = open_as_app(&path, &data_dir);
    assert!(!cat.is_complete(), "the records were left in the snapshot");
    // The app's session between opening and the last record read (its reading thread
    // not started yet).
    let mut cat = cat;
    let index = cat.take_index();
    let mut session = Session::new(cat, index);
    session.search.set_context(gui.ctx.clone());
    app(&mut gui).session = Some(session);
    frames(&mut gui);
    frames(&mut gui);

    // The list draws its rows, decoding them as it goes.
    let session = app(&mut gui).session.as_mut().unwrap();
    let first_row = session.results()[0];
    let title = session
        .cat
        .get(&first_row)
        .expect("drawn, so decoded")
        .title
        .clone();
    let left = session.cat.left_in_snapshot();
    assert!(left > 0 && left < all.len(), "{left} of {} left", all.len());
    gui.get_by_label_contains("Reading records:");
    // Counted over every record: not yet.
    gui.get_by_label("Review queue (…)");
    // Choosing a row opens it in the editor.
    gui.get_by_label(&title).click();
    frames(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    assert_eq!(session.selected, Some(first_row));
    assert_eq!(session.editor.as_ref().unwrap().draft.title, title);

    // Statistics and a bulk label count and change every record: they wait.
    let label_all = Command::SetLabel {
        ids: all.clone(),
        label: Label::Red,
    };
    let commands = &mut app(&mut gui).commands;
    commands.push(Command::ShowPlace(Place::Statistics));
    commands.push(label_all.clone());
    frames(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    assert_eq!(session.place, Place::Records, "statistics wait");
    assert_eq!(
        session.held,
        vec![Command::ShowPlace(Place::Statistics), label_all]
    );
    assert!(
        session
            .cat
            .records()
            .iter()
            .all(|r| r.label == labels[&r.id])
    );
    gui.get_by_label_contains("Still reading records");

    // The reading thread (as the app starts it once opened): then the held commands run.
    let ctx = gui.ctx.clone();
    app(&mut gui).session.as_mut().unwrap().start_reading(&ctx);
    settle(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    assert!(session.cat.is_complete());
    assert!(session.held.is_empty());
    assert_eq!(session.cat.records().len(), all.len());
    assert_eq!(session.place, Place::Statistics);
    assert!(session.cat.records().iter().all(|r| r.label == Label::Red));
    assert!(gui.query_by_label_contains("Reading records:").is_none());
    assert!(gui.query_by_label("Review queue (…)").is_none());
    drop(gui);
    let again = crate::common::open_read_only(&path);
    assert_eq!(again.records().len(), all.len());
    assert!(again.records().iter().all(|r| r.label == Label::Red));
}

#[test]
fn the_app_opens_a_snapshotted_catalogue_whole_in_the_end() {
    let setup = Setup::returning_user();
    let (path, labels) = snapshotted_sample(&setup);
    let count = labels.len();
    let mut gui = setup.gui(Some(path.clone()));
    settle(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    assert!(session.cat.is_complete());
    assert_eq!(session.cat.records().len(), count);
    assert_eq!(session.results().len(), count);
}

#[test]
fn the_first_list_is_found_while_opening_and_found_again_after_a_change() {
    let setup = Setup::returning_user();
    let (path, labels) = snapshotted_sample(&setup);
    let data_dir = setup.paths.data_dir.clone();
    let (filter, sort, ascending) = Session::first_search();

    let mut cat = open_app_way(&path, &data_dir, Some(Session::first_search()));
    let (index, first) = cat.take_index_and_search();
    let first = first.expect("found while opening");
    let now = index.search_sorted(&filter, sort, ascending);
    assert_eq!(first.ids, now.ids);
    assert_eq!(first.facets, now.facets);
    assert_eq!(first.ids.len(), labels.len());
    // The session shows it without searching again.
    let mut session = Session::new(cat, index);
    session.show_first(first);
    assert_eq!(session.results(), now.ids.as_slice());
    assert!(!session.search.is_searching());
    assert_eq!(session.search.started_off_frame, 0);
    drop(session);

    // A record changed outside: the index read ahead is brought up to date, and what was
    // found in it before is not given.
    let id = now.ids[now.ids.len() / 2];
    let file = path.join("records").join(format!("{id}.json"));
    let text = std::fs::read_to_string(&file).unwrap();
    let record: dossier::model::Record = serde_json::from_str(&text).unwrap();
    let changed = text.replacen(&record.title, "Zzz changed outside", 1);
    std::fs::write(&file, changed).unwrap();
    let mut cat = open_app_way(&path, &data_dir, Some(Session::first_search()));
    let (index, first) = cat.take_index_and_search();
    assert!(first.is_none(), "found in an index that has changed since");
    let query = dossier::search::Filter {
        text: "Zzz changed".into(),
        ..Default::default()
    };
    assert_eq!(index.search_sorted(&query, sort, ascending).ids, [id]);
}
