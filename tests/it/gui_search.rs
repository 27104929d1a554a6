//! The list's search off the frame (issue 20: "the UI thread never waits"): in a big
//! catalogue a keystroke starts the search on a thread of its own and the list shows its
//! results a frame or two later; what acts on the listed records (a package, an export)
//! takes exactly what the filter finds. Here the sample catalogue is made to search off
//! the frame as a big one would.

use dossier::search::SortColumn;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::common::gui::{Setup, app, frames, results, settle};

#[test]
fn typing_in_a_big_catalogue_searches_off_the_frame_and_the_list_catches_up() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    settle(&mut gui);
    let all = results(&mut gui).len();
    app(&mut gui)
        .session
        .as_mut()
        .unwrap()
        .search
        .on_frame_below = 0;

    gui.get_by_role_and_label(Role::TextInput, "Search").focus();
    frames(&mut gui);
    for word in ["prisoners", "stepan", "Ստեփանակերտ", "stepanakert"] {
        gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
        // One letter at a time, a frame each: searches overlap and the last one wins.
        for c in word.chars() {
            gui.get_by_role_and_label(Role::TextInput, "Search")
                .type_text(&c.to_string());
            gui.step();
        }
        settle(&mut gui);
        let session = app(&mut gui).session.as_mut().unwrap();
        assert_eq!(session.filter.text, word);
        assert!(!session.search.is_searching());
        let want = session
            .index
            .search_sorted(&session.filter, session.sort, session.ascending)
            .ids;
        let (shown, _) = session.listing();
        assert_eq!(shown, want.as_slice(), "the list shows what '{word}' finds");
        assert!(!want.is_empty() && want.len() < all, "'{word}'");
    }
    let session = app(&mut gui).session.as_mut().unwrap();
    assert!(
        session.search.started_off_frame >= 4,
        "searched off the frame"
    );
    gui.get_by_label("Strike on a residential street");
}

#[test]
fn what_acts_on_the_listed_records_takes_exactly_what_the_filter_finds() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    settle(&mut gui);
    let session = app(&mut gui).session.as_mut().unwrap();
    session.search.set_context(eframe::egui::Context::default());
    session.search.on_frame_below = 0;
    let before = session.results().to_vec();
    // The filter changes and nothing waits: what is listed may still be the old results,
    // what acts on them is the new.
    session.filter.text = "prisoners".into();
    session.sort = SortColumn::Title;
    let want = session
        .index
        .search_sorted(&session.filter, session.sort, session.ascending)
        .ids;
    assert!(!want.is_empty() && want.len() < before.len());
    assert_eq!(session.results_now(), want.as_slice());
    assert_eq!(
        session.results(),
        want.as_slice(),
        "and the list takes them"
    );
    assert!(!session.search.is_searching());

    // An edit while a search runs waits for it rather than copy the index to change it.
    session.filter.text = "stepanakert".into();
    let _ = session.results();
    assert!(session.search.is_searching());
    let before = std::sync::Arc::as_ptr(&session.index);
    session
        .new_record(dossier::model::RecordKind::Report, "Tester")
        .unwrap()
        .apply()
        .unwrap();
    assert_eq!(std::sync::Arc::as_ptr(&session.index), before, "not copied");
    assert_eq!(session.index.len(), session.cat.records().len());
}
