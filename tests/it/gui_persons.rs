//! Persons in the app, driven through egui_kittest: the Statistics panel and its counts,
//! saved views in the left panel, and merging a suggested duplicate.

use crate::common::gui::*;
use dossier::audit::Action;
use dossier::model::{PersonStatus, RecordKind};
use dossier::search::{self, Filter};
use dossier::ui::Place;
use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn the_statistics_panel_counts_what_the_list_shows() {
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label("Statistics").click();
    settle(&mut gui);
    assert_eq!(
        app(&mut gui).session.as_ref().unwrap().place,
        Place::Statistics
    );
    gui.get_by_label("Persons by current status");
    gui.get_by_label("Status changes and incidents per week");
    gui.get_by_label("Copy Persons by current status");
    // The figures are those of every list the panel could open.
    let cat = reopen(&path);
    {
        let session = app(&mut gui).session.as_mut().unwrap();
        let stats = session.stats().clone();
        for s in PersonStatus::ALL {
            let listed = search::list(
                cat.records(),
                &Filter {
                    statuses: [*s].into(),
                    ..Filter::default()
                },
            )
            .len();
            assert_eq!(
                stats.by_status.get(s).copied().unwrap_or(0),
                listed,
                "{s:?}"
            );
        }
        assert!(stats.by_status[&PersonStatus::Captured] >= 2);
    }
    // A saved view narrows the figures to its list.
    gui.get_by_label("Captives: held, not acknowledged").click();
    settle(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    assert_eq!(session.place, Place::Statistics, "the panel stays open");
    let persons = session.stats().persons;
    assert_eq!(persons, 1);
    assert_eq!(session.results().len(), persons);
    // Clicking a count shows that list.
    gui.get_by_label("Captured: 1").click();
    settle(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    assert_eq!(session.place, Place::Records);
    assert_eq!(session.results().len(), 1);
}

#[test]
fn the_current_filter_is_saved_as_a_view_in_the_catalogue() {
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label_contains("Persons (").click();
    settle(&mut gui);
    gui.get_by_label("Save as a view...").click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Name of the view")
        .type_text("All persons (test)");
    frames(&mut gui);
    gui.get_by_label("Save view").click();
    settle(&mut gui);
    let cat = reopen(&path);
    let view = cat.view("All persons (test)").expect("the view was saved");
    assert_eq!(view.filter.kinds, [RecordKind::Person].into());
    // It is in the left panel, and choosing it brings its list back.
    gui.get_by_label_contains("All records (").click();
    settle(&mut gui);
    gui.get_by_label("All persons (test)").click();
    settle(&mut gui);
    let n = search::list(cat.records(), &view.filter).len();
    assert_eq!(results(&mut gui).len(), n);
}

#[test]
fn a_suggested_duplicate_is_merged_keeping_both_histories() {
    let setup = Setup::returning_user();
    let path = setup.sample();
    let keep = find_id(&path, "Արամ Գևորգյան");
    let other = find_id(&path, "Aram Gevorgyan");
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label("Possible duplicates (1)").click();
    settle(&mut gui);
    gui.get_by_label_contains("born 1999-05-12 and 1999");
    gui.get_by_label("Merge pair 1 into the left").click();
    settle(&mut gui);
    // It asks first, naming the one kept.
    assert!(
        reopen(&path).get(&other).is_some(),
        "nothing merged before the yes"
    );
    gui.get_by_label_contains("'Արամ Գևորգյան' is kept");
    gui.get_by_label("Merge into 'Արամ Գևորգյան'").click();
    settle(&mut gui);
    let cat = reopen(&path);
    assert!(cat.get(&other).is_none());
    assert_eq!(
        cat.get_trashed(&other)
            .unwrap()
            .person
            .as_ref()
            .unwrap()
            .merged_into,
        Some(keep)
    );
    let p = cat.get(&keep).unwrap().person.clone().unwrap();
    assert!(p.names.iter().any(|n| n.text == "Aram Gevorgyan"));
    assert!(p.merged_from.contains(&other));
    let merged = cat
        .audit()
        .with_entries(|e| e.iter().filter(|e| e.action == Action::Merged).count());
    assert_eq!(merged, 2);
    gui.get_by_label("No possible duplicates.");
}
