//! A working day in the app (issue 16): every keystroke kept, a layout that holds at the
//! sizes of the office's screens, and search in any script.

use crate::common::gui::*;
use dossier::ui::search_text;
use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::kittest::NodeT;

/// Sends Ctrl+N (or another shortcut) and text as a fast typist does: `gap` frames between
/// the shortcut and the text (0: the shortcut and the first word arrive in one frame, as
/// they do when the app is busy for a moment). After the first word the characters
/// arrive a frame apart.
fn shortcut_then_type(gui: &mut Gui, key: Key, text: &str, gap: usize) {
    let press = |pressed| Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    };
    let events = &mut gui.input_mut().events;
    events.push(press(true));
    events.push(press(false));
    for _ in 0..gap {
        gui.step();
    }
    let (first, rest) = text.split_at(text.find(' ').unwrap_or(text.len()));
    for ch in first.chars() {
        gui.input_mut().events.push(Event::Text(ch.to_string()));
    }
    gui.step();
    for ch in rest.chars() {
        gui.input_mut().events.push(Event::Text(ch.to_string()));
        gui.step();
    }
    frames(gui);
}

#[test]
fn typing_straight_after_ctrl_n_keeps_every_character() {
    for gap in [0, 1, 2] {
        let setup = Setup::returning_user();
        let cat = setup.sample();
        let mut gui = setup.gui(Some(cat.clone()));
        shortcut_then_type(&mut gui, Key::N, "Report seven", gap);
        gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
        settle(&mut gui);
        let titles: Vec<String> = reopen(&cat)
            .records()
            .iter()
            .map(|r| r.title.clone())
            .collect();
        assert!(
            titles.iter().any(|t| t == "Report seven"),
            "with {gap} frames between Ctrl+N and the text, the saved titles were {:?}",
            titles
                .iter()
                .filter(|t| t.contains("seven"))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn typing_straight_after_ctrl_f_keeps_every_character() {
    for gap in [0, 1, 2] {
        let setup = Setup::returning_user();
        let mut gui = setup.gui(Some(setup.sample()));
        shortcut_then_type(&mut gui, Key::F, "Aram Gev", gap);
        assert_eq!(search_text(app(&mut gui)), "Aram Gev", "gap {gap}");
    }
}

#[test]
fn an_autosave_mid_typing_does_not_move_the_timeline_entry_being_typed() {
    use dossier::model::PersonStatus;
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let id = find_id(&path, "Tigran Hovhannisyan");
    let entries = reopen(&path)
        .get(&id)
        .unwrap()
        .person
        .clone()
        .unwrap()
        .timeline
        .len();
    assert!(
        entries >= 1,
        "the sample person has a dated entry to sort against"
    );
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label("Tigran Hovhannisyan").click();
    settle(&mut gui);
    scroll_and_click(&mut gui, Role::Button, "Add a status entry");
    let field = format!("Entry {}: date", entries + 1);
    gui.get_by_role_and_label(Role::TextInput, &field).focus();
    settle(&mut gui);
    // The first half of a date earlier than every other entry, then a pause long enough
    // for the autosave (which puts the timeline in date order on disk)...
    for ch in "1990-0".chars() {
        gui.event(Event::Text(ch.to_string()));
    }
    gui.run_steps(8);
    settle(&mut gui);
    // ...then the rest, into the field that still has the keyboard.
    for ch in "1-15".chars() {
        gui.event(Event::Text(ch.to_string()));
    }
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);
    let p = reopen(&path).get(&id).unwrap().person.clone().unwrap();
    let dates: Vec<String> = p
        .timeline
        .iter()
        .map(|e| e.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        dates.first().map(String::as_str),
        Some("1990-01-15"),
        "the stored dates were {dates:?}"
    );
    assert_ne!(p.status, None::<PersonStatus>);
}

/// Adds to the catalogue at `path` the record with the widest content an editor may meet
/// (an unbroken title, a long link to a long-titled record, long tags, place and source),
/// and gives the first records the longest label. Returns the wide record's id.
fn add_the_widest_record(path: &std::path::Path) -> dossier::model::RecordId {
    use dossier::model::{Label, Link, LinkKind, Record, RecordKind};
    use dossier::store::{Catalogue, OpenOptions};
    let mut cat = Catalogue::open(
        path,
        OpenOptions {
            user: "Tester".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let long = "Ծառուկյան-Մարտիրոսյան-Hovhannisyan-Петросян-".repeat(6);
    let target = Record::new(RecordKind::Incident, &long, "Tester");
    let target_id = target.id;
    cat.save(target, "Tester").unwrap();
    let mut r = Record::new(RecordKind::Statement, &long, "Tester");
    r.label = Label::AmberStrict;
    r.place = long.clone();
    r.tags = vec![
        long.clone(),
        "a-very-long-tag-without-any-spaces-in-it-at-all".into(),
    ];
    r.source.url = format!("https://example.org/{}", "x".repeat(300));
    r.links.push(Link {
        kind: LinkKind::PartOf,
        target: target_id,
        note: long.clone(),
        extra: Default::default(),
    });
    let id = r.id;
    cat.save(r, "Tester").unwrap();
    let ids: Vec<_> = cat.records().iter().take(6).map(|r| r.id).collect();
    for other in ids {
        let mut r = cat.get(&other).unwrap().clone();
        r.label = Label::AmberStrict;
        cat.save(r, "Tester").unwrap();
    }
    id
}

#[test]
fn at_the_offices_screen_sizes_every_label_shows_whole_and_the_panels_keep_their_room() {
    use dossier::ui::Command;
    use dossier::ui::layout::{EDITOR_WIDTH, LIST_MIN_WIDTH};
    for size in [[1024.0, 700.0], [1280.0, 800.0], [1440.0, 900.0]] {
        let setup = Setup::returning_user();
        let path = setup.sample();
        let wide = add_the_widest_record(&path);
        let mut gui = setup.gui_sized(Some(path), size);
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::Select(Some(wide)), &ctx);
        settle(&mut gui);
        // A few more frames: a panel that grows to fit its content does so over frames.
        for _ in 0..5 {
            gui.step();
        }
        let seen = app(&mut gui).layout_seen.clone();
        assert!(
            seen.badges.len() >= 10,
            "{size:?}: the list shows rows ({} badges)",
            seen.badges.len()
        );
        assert_eq!(
            seen.clipped_badges(),
            vec![],
            "{size:?}: a label is cut off (list {:?})",
            seen.list
        );
        assert!(
            seen.list.width() >= LIST_MIN_WIDTH,
            "{size:?}: the list is {} wide, the editor {}",
            seen.list.width(),
            seen.editor.width()
        );
        assert!(
            seen.editor.width() >= EDITOR_WIDTH.0 && seen.editor.width() <= size[0] * 0.5,
            "{size:?}: the editor is {} wide",
            seen.editor.width()
        );
        assert!(
            seen.editor_content.max.x <= seen.editor.max.x + 0.5,
            "{size:?}: the editor's content is wider than the editor ({:?} in {:?})",
            seen.editor_content,
            seen.editor
        );
    }
}

#[test]
fn columns_can_be_hidden_and_shown_are_remembered_and_reset_brings_them_back() {
    use dossier::ui::layout::ListColumn;
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    let heading = |gui: &Gui, name: &str| gui.query_by_role_and_label(Role::Button, name).is_some();
    assert!(heading(&gui, "Verification"));
    gui.get_by_label("View").click();
    frames(&mut gui);
    gui.get_by_label("Columns").click();
    frames(&mut gui);
    // The label and title cannot be hidden.
    assert!(
        gui.get_by_role_and_label(Role::CheckBox, "Label")
            .accesskit_node()
            .is_disabled(),
        "the label column is always shown"
    );
    gui.get_by_role_and_label(Role::CheckBox, "Verification")
        .click();
    frames(&mut gui);
    gui.key_press(Key::Escape);
    frames(&mut gui);
    assert!(!heading(&gui, "Verification"), "the column is hidden");
    assert!(
        app(&mut gui)
            .prefs
            .layout
            .hidden
            .contains(&ListColumn::Verification)
    );

    // Remembered: the next run shows the list the same way.
    let mut storage = MemoryStorage::default();
    {
        use eframe::App;
        app(&mut gui).save(&mut storage);
    }
    drop(gui);
    let mut gui = setup.gui_with_storage(Some(path), Some(storage));
    assert!(
        !heading(&gui, "Verification"),
        "still hidden after a restart"
    );

    gui.get_by_label("View").click();
    frames(&mut gui);
    gui.get_by_label("Reset layout").click();
    settle(&mut gui);
    assert!(
        heading(&gui, "Verification"),
        "Reset layout shows every column"
    );
    assert!(app(&mut gui).prefs.layout.hidden.is_empty());
}

#[test]
fn a_trashed_records_editor_has_its_own_restore_button() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let id = find_id(&path, "Map of the area near the village");
    // The narrowest office screen, where the trash list's own column may be out of sight.
    let mut gui = setup.gui_sized(Some(path.clone()), [1024.0, 700.0]);
    gui.get_by_label("Map of the area near the village").click();
    settle(&mut gui);
    gui.key_press(Key::Delete);
    settle(&mut gui);
    assert!(reopen(&path).get_trashed(&id).is_some());
    let ctx = gui.ctx.clone();
    app(&mut gui).run(
        dossier::ui::Command::ShowPlace(dossier::ui::Place::Trash),
        &ctx,
    );
    app(&mut gui).run(dossier::ui::Command::Select(Some(id)), &ctx);
    settle(&mut gui);
    gui.get_by_label_contains("In the trash");
    gui.get_by_role_and_label(Role::Button, "Restore from trash")
        .click();
    settle(&mut gui);
    assert!(reopen(&path).get(&id).is_some(), "restored from the editor");
}

#[test]
fn the_person_list_shows_each_status_with_its_date_sorts_by_it_and_returns_to_the_first_order() {
    use dossier::model::RecordKind;
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    gui.get_by_label_contains("Persons (").click();
    settle(&mut gui);
    // Current status, its date and its basis, in the row.
    gui.get_by_label("Returned  2020-12-28");
    gui.get_by_label("Killed  2020-10-04");
    gui.get_by_label("· last changed first");

    gui.get_by_role_and_label(Role::Button, "Status").click();
    settle(&mut gui);
    let dates: Vec<String> = results(&mut gui)
        .iter()
        .filter(|r| r.kind == RecordKind::Person)
        .map(|r| {
            r.event_date()
                .map(|d| d.earliest().to_string())
                .unwrap_or_default()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sorted by the date of the current status");
    assert_eq!(dates.len(), 9);
    assert!(dates.iter().all(|d| !d.is_empty()));

    gui.get_by_role_and_label(Role::Button, "Last changed first")
        .click();
    settle(&mut gui);
    let session = app(&mut gui).session.as_ref().unwrap();
    assert_eq!(session.sort, dossier::search::SortColumn::Modified);
    assert!(!session.ascending);
}

#[test]
fn a_persons_title_is_their_primary_name_and_status_is_set_only_in_the_timeline() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let (path, id, mut gui) = setup.open_on_record("Tigran Hovhannisyan");
    // The status is set in the timeline, nowhere else.
    assert!(
        gui.query_by_role_and_label(Role::ComboBox, "Status")
            .is_none()
    );
    gui.get_by_role_and_label(Role::ComboBox, "Status of entry 1");

    // Typing the title types the primary name...
    gui.get_by_role_and_label(Role::TextInput, "Title").focus();
    frames(&mut gui);
    select_all_and_type(&mut gui, "Tigran Hovhannisyan Jr");
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);
    let r = reopen(&path).get(&id).unwrap().clone();
    assert_eq!(r.title, "Tigran Hovhannisyan Jr");
    assert_eq!(
        r.person.as_ref().unwrap().names[0].text,
        "Tigran Hovhannisyan Jr"
    );
    assert_eq!(r.person.as_ref().unwrap().names.len(), 2);

    // ...and typing the primary name changes the title.
    let name = gui.get_by_role_and_label(Role::TextInput, "Name 1");
    name.focus();
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    gui.get_by_role_and_label(Role::TextInput, "Name 1")
        .type_text("Tigran Hovhannisian");
    frames(&mut gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);
    let r = reopen(&path).get(&id).unwrap().clone();
    assert_eq!(r.title, "Tigran Hovhannisian");
}

/// Presses Escape (a text field gives up the keyboard) and then Ctrl+Z or Ctrl+Shift+Z.
fn undo_key(gui: &mut Gui, redo: bool) {
    gui.key_press(Key::Escape);
    frames(gui);
    let modifiers = if redo {
        Modifiers::COMMAND | Modifiers::SHIFT
    } else {
        Modifiers::COMMAND
    };
    gui.key_press_modifiers(modifiers, Key::Z);
    settle(gui);
}

fn entries(path: &std::path::Path) -> usize {
    reopen(path).audit().len()
}

#[test]
fn undo_and_redo_an_edit_each_a_logged_change() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let title = "Strike on a residential street";
    let (path, id, mut gui) = setup.open_on_record(title);
    gui.get_by_role_and_label(Role::TextInput, "Title").focus();
    frames(&mut gui);
    select_all_and_type(&mut gui, "Strike on Kamo street");
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);
    let title_now = |p: &std::path::Path| reopen(p).get(&id).unwrap().title.clone();
    assert_eq!(title_now(&path), "Strike on Kamo street");
    let logged = entries(&path);

    undo_key(&mut gui, false);
    assert_eq!(title_now(&path), title, "Ctrl+Z brings the title back");
    assert!(entries(&path) > logged, "the undo is itself logged");
    gui.get_by_role_and_label(Role::TextInput, "Title");
    assert_eq!(
        app(&mut gui)
            .session
            .as_ref()
            .unwrap()
            .editor
            .as_ref()
            .unwrap()
            .draft
            .title,
        title,
        "the editor shows what was brought back"
    );

    undo_key(&mut gui, true);
    assert_eq!(
        title_now(&path),
        "Strike on Kamo street",
        "Ctrl+Shift+Z redoes"
    );
}

#[test]
fn delete_asks_nothing_and_the_status_bar_offers_undo() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let (path, id, mut gui) = setup.open_on_record("Map of the area near the village");
    gui.key_press(Key::Delete);
    settle(&mut gui);
    assert!(
        reopen(&path).get_trashed(&id).is_some(),
        "no question asked"
    );
    gui.get_by_label_contains("to the trash");
    gui.get_by_role_and_label(Role::Button, "Undo").click();
    settle(&mut gui);
    assert!(reopen(&path).get(&id).is_some(), "back from the trash");
}

#[test]
fn undo_brings_back_a_label_a_review_step_a_new_record_and_a_merge() {
    use dossier::model::{Label, ReviewState};
    use dossier::ui::Command;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let strike = find_id(&path, "Strike on a residential street");
    let keep = find_id(&path, "Արամ Գևորգյան");
    let other = find_id(&path, "Aram Gevorgyan");
    let before = reopen(&path);
    let (label, review) = {
        let r = before.get(&strike).unwrap();
        (r.label, r.review)
    };
    let kept_before = before.get(&keep).unwrap().clone();
    let linking: Vec<_> = before
        .records()
        .iter()
        .filter(|r| r.links.iter().any(|l| l.target == other))
        .map(|r| r.id)
        .collect();
    drop(before);
    let mut gui = setup.gui(Some(path.clone()));
    let ctx = gui.ctx.clone();
    let run = |gui: &mut Gui, c: Command| {
        app(gui).run(c, &ctx);
        settle(gui);
    };

    run(
        &mut gui,
        Command::SetLabel {
            ids: vec![strike],
            label: Label::Red,
        },
    );
    assert_eq!(reopen(&path).get(&strike).unwrap().label, Label::Red);
    run(&mut gui, Command::Undo);
    let r = reopen(&path).get(&strike).unwrap().clone();
    assert_eq!(
        (r.label, r.review),
        (label, review),
        "label and review as they were"
    );

    run(
        &mut gui,
        Command::Review {
            ids: vec![strike],
            action: dossier::model::ReviewAction::RequestChanges,
            comment: "Add the source".into(),
        },
    );
    assert_eq!(
        reopen(&path).get(&strike).unwrap().review,
        ReviewState::ChangesRequested
    );
    run(&mut gui, Command::Undo);
    assert_eq!(reopen(&path).get(&strike).unwrap().review, review);

    let count = reopen(&path).records().len();
    run(
        &mut gui,
        Command::NewRecord(dossier::model::RecordKind::Report),
    );
    assert_eq!(reopen(&path).records().len(), count + 1);
    run(&mut gui, Command::Undo);
    let after = reopen(&path);
    assert_eq!(
        after.records().len(),
        count,
        "the new record went to the trash"
    );
    drop(after);

    run(&mut gui, Command::MergePersons { keep, other });
    assert!(reopen(&path).get(&other).is_none());
    run(&mut gui, Command::Undo);
    let after = reopen(&path);
    let back = after.get(&other).expect("the merged person is back");
    assert_eq!(back.person.as_ref().unwrap().merged_into, None);
    let kept = after.get(&keep).unwrap();
    assert_eq!(
        kept.person.as_ref().unwrap().names,
        kept_before.person.as_ref().unwrap().names
    );
    for id in &linking {
        assert!(
            after
                .get(id)
                .unwrap()
                .links
                .iter()
                .any(|l| l.target == other),
            "links point at the merged person again"
        );
    }
}

/// Clicks the row titled `title` with `modifiers` held.
fn click_with(gui: &mut Gui, title: &str, modifiers: Modifiers) {
    use egui_kittest::kittest::Queryable;
    gui.get_by_label(title).click_modifiers(modifiers);
    settle(gui);
}

fn marked(gui: &mut Gui) -> usize {
    app(gui).session.as_ref().unwrap().marks.len()
}

#[test]
fn many_records_are_chosen_with_ctrl_shift_and_ctrl_a_and_labelled_tagged_submitted_and_trashed_at_once()
 {
    use dossier::model::{Label, ReviewState};
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label_contains("Reports (").click();
    settle(&mut gui);
    let reports: Vec<String> = results(&mut gui).into_iter().map(|r| r.title).collect();
    assert_eq!(reports.len(), 6);

    click_with(&mut gui, &reports[0], Modifiers::NONE);
    click_with(&mut gui, &reports[2], Modifiers::COMMAND);
    assert_eq!(marked(&mut gui), 2, "Ctrl+click adds to the open record");
    gui.get_by_label("2 chosen");
    click_with(&mut gui, &reports[4], Modifiers::SHIFT);
    assert_eq!(
        marked(&mut gui),
        3,
        "Shift+click: from the last clicked (row 3) to row 5"
    );
    gui.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    settle(&mut gui);
    assert_eq!(marked(&mut gui), 4, "Shift+Down grows the range");
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    settle(&mut gui);
    assert_eq!(marked(&mut gui), 6, "Ctrl+A: the whole list");

    // Bulk label, from the bar.
    gui.get_by_label("Label...").click();
    frames(&mut gui);
    gui.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "TLP:RED")
        .click();
    settle(&mut gui);
    let cat = reopen(&path);
    let in_reports = |cat: &dossier::store::Catalogue| -> Vec<dossier::model::Record> {
        cat.records()
            .iter()
            .filter(|r| reports.contains(&r.title))
            .cloned()
            .collect()
    };
    assert!(in_reports(&cat).iter().all(|r| r.label == Label::Red));
    drop(cat);

    // Bulk tag and submit.
    let ctx = gui.ctx.clone();
    let ids: Vec<_> = app(&mut gui).session.as_mut().unwrap().chosen();
    assert_eq!(ids.len(), 6);
    app(&mut gui).run(
        dossier::ui::Command::AddTag {
            ids: ids.clone(),
            tag: "report".into(),
        },
        &ctx,
    );
    gui.get_by_label("Submit for review").click();
    settle(&mut gui);
    let cat = reopen(&path);
    assert!(
        in_reports(&cat)
            .iter()
            .all(|r| r.tags.iter().any(|t| t == "report"))
    );
    assert!(
        in_reports(&cat)
            .iter()
            .all(|r| r.review == ReviewState::InReview || r.review == ReviewState::Approved)
    );
    drop(cat);

    // Delete trashes them all, asking nothing; one Undo brings them all back.
    gui.key_press(Key::Delete);
    settle(&mut gui);
    assert!(
        in_reports(&reopen(&path)).is_empty(),
        "all six in the trash"
    );
    gui.get_by_label("Moved 6 records to the trash");
    gui.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "Undo")
        .click();
    settle(&mut gui);
    assert_eq!(
        in_reports(&reopen(&path)).len(),
        6,
        "one Undo brings all six back"
    );
}

#[test]
fn page_down_home_and_end_move_through_the_list() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    let list: Vec<_> = results(&mut gui).into_iter().map(|r| r.id).collect();
    let open = |gui: &mut Gui| app(gui).session.as_ref().unwrap().selected;
    gui.key_press(Key::End);
    settle(&mut gui);
    assert_eq!(open(&mut gui), list.last().copied());
    gui.key_press(Key::Home);
    settle(&mut gui);
    assert_eq!(open(&mut gui), list.first().copied());
    gui.key_press(Key::PageDown);
    settle(&mut gui);
    assert_eq!(open(&mut gui), Some(list[20.min(list.len() - 1)]));
}

#[test]
fn a_list_made_for_a_catalogue_closed_meanwhile_is_not_written_into_another() {
    use dossier::ui::Command;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    let ctx = gui.ctx.clone();
    let before = reopen(&path).audit().len();
    app(&mut gui).run(Command::ExportCsv(None), &ctx);
    let out = setup.dir.path().join("late.csv");
    app(&mut gui).run(Command::WriteCsv(out.clone()), &ctx);
    app(&mut gui).run(Command::CloseCatalogue, &ctx);
    settle(&mut gui);
    assert!(
        !out.exists(),
        "nothing written for a catalogue no longer open"
    );
    assert_eq!(reopen(&path).audit().len(), before, "and nothing logged");
    {
        use egui_kittest::kittest::Queryable;
        gui.get_by_label_contains("its catalogue was closed first");
    }
}

#[test]
fn the_chosen_records_export_as_csv_without_those_above_the_label_limit() {
    use dossier::ui::Command;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    let ctx = gui.ctx.clone();
    let all: Vec<_> = results(&mut gui).into_iter().take(5).collect();
    let ids: Vec<_> = all.iter().map(|r| r.id).collect();
    app(&mut gui).run(Command::ExportCsv(Some(ids)), &ctx);
    settle(&mut gui);
    {
        use egui_kittest::kittest::Queryable;
        gui.get_by_label("Export as CSV");
    }
    let out = setup.dir.path().join("chosen.csv");
    app(&mut gui).run(Command::WriteCsv(out.clone()), &ctx);
    // The list's text is made on a task, not in the frame that asked for it.
    assert!(
        app(&mut gui).exporting_csv(),
        "the export runs in the background"
    );
    settle(&mut gui);
    assert!(!app(&mut gui).exporting_csv());
    let text = std::fs::read_to_string(&out).unwrap();
    let allowed = all
        .iter()
        .filter(|r| r.label <= dossier::model::Label::Amber)
        .count();
    assert_eq!(text.lines().count(), allowed + 1, "{text}");
    let logged = reopen(&path)
        .audit()
        .with_entries(|e| e.last().cloned())
        .unwrap();
    assert_eq!(logged.action, dossier::audit::Action::Exported);
}

#[test]
fn history_shows_an_editing_burst_as_one_change_from_before_to_after() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let title = "Strike on a residential street";
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label(title).click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Title").focus();
    frames(&mut gui);
    // Three autosaves while typing.
    for typed in ["Strike on", "Strike on Kamo", "Strike on Kamo street"] {
        select_all_and_type(&mut gui, typed);
        gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
        settle(&mut gui);
    }
    gui.key_press(Key::Escape);
    gui.get_by_label("History").click();
    settle(&mut gui);
    gui.get_by_label_contains("(3 saves)");
    gui.get_by_label("Title: 'Strike on a residential street' -> 'Strike on Kamo street'");
    // Newest first: the burst is above the record's creation.
    let burst = gui.get_by_label_contains("(3 saves)").rect().top();
    let created = gui.get_by_label("Created").rect().top();
    assert!(burst < created);
}

/// Opens every window and menu the app has, so each is drawn at least once.
fn open_every_window(gui: &mut Gui) {
    use dossier::ui::{Command, Place};
    let ctx = gui.ctx.clone();
    let first = results(gui)[0].id;
    let persons: Vec<_> = results(gui)
        .iter()
        .filter(|r| r.person.is_some())
        .map(|r| r.id)
        .take(2)
        .collect();
    for command in [
        Command::Select(Some(first)),
        Command::MarkAll,
        Command::ShowPlace(Place::Trash),
        Command::ShowPlace(Place::ReviewQueue),
        Command::ShowPlace(Place::Statistics),
        Command::ShowPlace(Place::Duplicates),
        Command::ShowPlace(Place::Records),
        Command::ExportCsv(None),
    ] {
        app(gui).run(command, &ctx);
        settle(gui);
    }
    app(gui).dialogs.csv_export = None;
    app(gui).run(
        Command::ConfirmMerge {
            keep: persons[0],
            other: persons[1],
        },
        &ctx,
    );
    settle(gui);
    app(gui).dialogs.confirm_merge = None;
    for open in [
        Command::OpenShareWizard,
        Command::ShowRecipients,
        Command::ShowSharingLog,
    ] {
        app(gui).run(open, &ctx);
        settle(gui);
    }
    // A file's details window, from a record with a file (its button's name is in the
    // window's language).
    let with_file = results(gui)
        .into_iter()
        .find(|r| !r.attachments.is_empty())
        .unwrap();
    app(gui).run(Command::Select(Some(with_file.id)), &ctx);
    settle(gui);
    {
        use egui_kittest::kittest::Queryable;
        let name = dossier::i18n::text(
            "attach-details-of",
            &[(
                "name",
                dossier::i18n::Arg::from(with_file.attachments[0].name.as_str()),
            )],
        );
        gui.get_by_label(&name).click();
        settle(gui);
    }
    let d = &mut app(gui).dialogs;
    d.problems = true;
    d.audit_log = true;
    d.about = true;
    d.shortcuts = true;
    d.guide = true;
    settle(gui);
}

#[test]
fn every_window_draws_in_armenian_russian_and_english_with_no_missing_glyph() {
    use egui_kittest::kittest::Queryable;
    // egui stops on a character no font can draw: drawing every window is the check.
    for (code, file_menu, records) in [
        ("hy", "Ֆայլ", "25 գրառում"),
        ("ru", "Файл", "25 записей"),
        ("en", "File", "25 records"),
    ] {
        let setup = Setup::speaking(code);
        let mut gui = setup.gui_sized(Some(setup.sample()), [1024.0, 700.0]);
        gui.get_by_label(file_menu);
        assert!(
            gui.query_all_by_label(records).count() >= 1,
            "{code}: '{records}'"
        );
        open_every_window(&mut gui);
        gui.get_by_label(file_menu).click();
        settle(&mut gui);
    }
}

#[test]
fn the_language_is_chosen_in_preferences_takes_effect_at_once_and_is_remembered() {
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    gui.get_by_label("Edit").click();
    frames(&mut gui);
    gui.get_by_label("Preferences...").click();
    settle(&mut gui);
    gui.get_by_label("Հայերեն").click();
    settle(&mut gui);
    gui.get_by_label("Կարգավորումներ");
    gui.get_by_label("Ֆայլ");
    let saved = dossier::settings::Settings::load(&setup.paths);
    assert_eq!(saved.language.as_deref(), Some("hy"));
}
#[test]
fn a_record_is_created_edited_labelled_and_submitted_with_the_keyboard_alone() {
    use dossier::model::{Label, ReviewState};
    let setup = Setup::returning_user();
    let path = setup.sample();
    let mut gui = setup.gui(Some(path.clone()));
    let key = |gui: &mut Gui, m: Modifiers, k: Key| {
        gui.key_press_modifiers(m, k);
        frames(gui);
    };
    // Ctrl+N, then the title straight away.
    shortcut_then_type(&mut gui, Key::N, "Report eight", 0);
    // Tab to the label (past Submit and Kind), open it, down to TLP:RED, Enter.
    for _ in 0..3 {
        key(&mut gui, Modifiers::NONE, Key::Tab);
    }
    key(&mut gui, Modifiers::NONE, Key::Space);
    for _ in 0..5 {
        key(&mut gui, Modifiers::NONE, Key::ArrowDown);
    }
    key(&mut gui, Modifiers::NONE, Key::Enter);
    // Back to Submit for review (the keyboard stayed on the label's drop-down), Enter.
    key(&mut gui, Modifiers::SHIFT, Key::Tab);
    key(&mut gui, Modifiers::SHIFT, Key::Tab);
    key(&mut gui, Modifiers::NONE, Key::Enter);
    settle(&mut gui);
    let cat = reopen(&path);
    let r = cat
        .records()
        .iter()
        .find(|r| r.title == "Report eight")
        .expect("the record typed with the keyboard");
    assert_eq!(r.label, Label::Red);
    assert_eq!(r.review, ReviewState::InReview);
}

#[test]
fn escape_closes_the_window_on_top_and_f10_reaches_the_menu() {
    use dossier::ui::window_order::WindowKind;
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    app(&mut gui).dialogs.about = true;
    settle(&mut gui);
    app(&mut gui).dialogs.guide = true;
    settle(&mut gui);
    assert_eq!(
        app(&mut gui).open_windows(),
        vec![WindowKind::About, WindowKind::Guide]
    );
    gui.key_press(Key::Escape);
    settle(&mut gui);
    assert_eq!(
        app(&mut gui).open_windows(),
        vec![WindowKind::About],
        "the newest went first"
    );
    gui.key_press(Key::Escape);
    settle(&mut gui);
    assert!(app(&mut gui).open_windows().is_empty());

    gui.key_press(Key::F10);
    frames(&mut gui);
    {
        use egui_kittest::kittest::{NodeT, Queryable};
        let focused: Vec<String> = gui
            .query_all(egui_kittest::kittest::by().predicate(|n| n.is_focused()))
            .filter_map(|n| n.accesskit_node().label())
            .collect();
        assert_eq!(focused, vec!["File".to_string()]);
    }
}

#[test]
fn light_and_dark_themes_and_the_text_size_apply_at_once_with_readable_helper_text() {
    use dossier::ui::theme::ThemeChoice;
    use eframe::egui::{TextStyle, Theme};
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    for (choice, theme) in [
        (ThemeChoice::Light, Theme::Light),
        (ThemeChoice::Dark, Theme::Dark),
    ] {
        app(&mut gui).prefs.theme = choice;
        settle(&mut gui);
        assert_eq!(gui.ctx.theme(), theme);
        let style = gui.ctx.style_of(theme);
        let small = style.text_styles[&TextStyle::Small].size;
        assert!(small >= 11.0, "helper text is {small} points");
        // Helper text stands out from its background (4.5:1 or better).
        let weak = style.visuals.weak_text_color();
        let bg = style.visuals.panel_fill;
        let lum = |c: eframe::egui::Color32| {
            let f = |v: u8| {
                let v = v as f32 / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
        };
        let (a, b) = (lum(weak), lum(bg));
        let contrast = (a.max(b) + 0.05) / (a.min(b) + 0.05);
        assert!(
            contrast >= 4.5,
            "{theme:?}: helper text contrast {contrast:.1}:1"
        );
        // The widget with the keyboard has a visible ring.
        assert!(style.visuals.widgets.active.bg_stroke.width >= 2.0);
    }
    app(&mut gui).prefs.text_zoom = Some(1.3);
    settle(&mut gui);
    assert!((gui.ctx.zoom_factor() - 1.3).abs() < 0.001);
}

#[test]
fn a_list_is_imported_in_the_app_after_a_line_by_line_preview_and_undone_in_one_step() {
    use dossier::ui::Command;
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::{NodeT, Queryable};
    let setup = Setup::returning_user();
    let path = setup.sample();
    let file = setup.dir.path().join("list.csv");
    std::fs::write(
        &file,
        "names,status,basis,status_date,birth\n\
         Anna Grigoryan (hy-Latn)*,missing,,2020-10-05,1985\n\
         Hayk Melkonyan,kiled,,2020-10-06,\n\
         Levon Ghazaryan,captured,not-acknowledged,2020-10-21,1979\n",
    )
    .unwrap();
    let before = reopen(&path).records().len();
    let mut gui = setup.gui(Some(path.clone()));
    let ctx = gui.ctx.clone();
    app(&mut gui).run(Command::PlanCsvImport(file), &ctx);
    // The list is read and planned on a task: the frame that asked shows no plan yet.
    assert!(app(&mut gui).dialogs.csv_import.is_none());
    settle(&mut gui);
    // The preview: what each line does, the wrong line and why; nothing imported yet.
    gui.get_by_label("2 to create, 0 to update, 0 unchanged, 1 with errors");
    gui.get_by_label_contains("line 2: create person 'Anna Grigoryan'");
    gui.get_by_label_contains("'kiled' is not a person status");
    let import = gui.get_by_role_and_label(Role::Button, "Import");
    assert!(
        import.accesskit_node().is_disabled(),
        "a wrong line blocks the import"
    );
    gui.get_by_role_and_label(Role::CheckBox, "Import only the good lines")
        .click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Import").click();
    settle(&mut gui);
    let after = reopen(&path);
    assert_eq!(after.records().len(), before + 2);
    assert!(after.records().iter().any(|r| r.title == "Levon Ghazaryan"));
    drop(after);
    // One Undo takes the whole list back (to the trash).
    app(&mut gui).run(Command::Undo, &ctx);
    settle(&mut gui);
    assert_eq!(reopen(&path).records().len(), before);
}

#[test]
fn recipients_and_saved_views_are_edited_in_the_app() {
    use dossier::model::Label;
    use dossier::ui::Command;
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let count = reopen(&path).recipients().len();
    let mut gui = setup.gui(Some(path.clone()));
    let ctx = gui.ctx.clone();
    // A recipient's clearance and contact, changed in its window.
    app(&mut gui).run(Command::ShowRecipients, &ctx);
    settle(&mut gui);
    // The first "Edit" is the menu; the next ones are the recipients'.
    let edit = gui
        .get_all_by_role_and_label(Role::Button, "Edit")
        .nth(1)
        .unwrap();
    edit.click();
    settle(&mut gui);
    let editing = app(&mut gui).windows_recipient_editing();
    let editing = editing.expect("the form holds a recipient to change");
    gui.get_by_role_and_label(Role::TextInput, "Contact")
        .focus();
    frames(&mut gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    gui.get_by_role_and_label(Role::TextInput, "Contact")
        .type_text("+41 22 000 0000");
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Save changes")
        .click();
    settle(&mut gui);
    let after = reopen(&path);
    let r = after.recipient(&editing).unwrap();
    assert_eq!(r.contact, "+41 22 000 0000");
    assert_eq!(after.recipients().len(), count, "changed, not added");

    // A saved view renamed, and updated to the current filters.
    let view = reopen(&path).views()[0].name.clone();
    app(&mut gui).run(
        Command::RenameView {
            from: view.clone(),
            to: "Renamed view".into(),
        },
        &ctx,
    );
    settle(&mut gui);
    assert!(reopen(&path).view("Renamed view").is_some());
    assert!(reopen(&path).view(&view).is_none());
    app(&mut gui).session.as_mut().unwrap().filter.labels = [Label::Red].into();
    app(&mut gui).run(Command::SaveView("Renamed view".into()), &ctx);
    settle(&mut gui);
    assert_eq!(
        reopen(&path).view("Renamed view").unwrap().filter.labels,
        [Label::Red].into()
    );
}

#[test]
fn the_status_bar_says_what_a_change_did_in_the_chosen_language() {
    use egui_kittest::kittest::Queryable;
    let setup = Setup::speaking("ru");
    let title = "Map of the area near the village";
    let (path, id, mut gui) = setup.open_on_record(title);
    gui.key_press(Key::Delete);
    settle(&mut gui);
    gui.get_by_label(&format!("«{title}» перемещено в корзину"));
    gui.get_by_label("Отменить").click();
    settle(&mut gui);
    assert!(
        reopen(&path).get(&id).is_some(),
        "«Отменить» brought it back"
    );
}

#[test]
fn a_window_that_opens_takes_the_keyboard() {
    use egui_kittest::kittest::{NodeT, Queryable};
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    let focused = |gui: &Gui| -> Vec<String> {
        gui.query_all(egui_kittest::kittest::by().predicate(|n| n.is_focused()))
            .filter_map(|n| n.accesskit_node().label())
            .collect()
    };
    gui.key_press_modifiers(Modifiers::COMMAND, Key::E);
    settle(&mut gui);
    assert_eq!(
        focused(&gui),
        vec!["Recipient".to_string()],
        "the share wizard"
    );
    gui.key_press(Key::Escape);
    settle(&mut gui);
    app(&mut gui).dialogs.audit_log = true;
    settle(&mut gui);
    assert_eq!(focused(&gui), vec!["Actor".to_string()], "the audit log");
    // Typing goes to it at once.
    gui.event(Event::Text("Tes".into()));
    settle(&mut gui);
    assert_eq!(app(&mut gui).audit_log_actor_filter(), "Tes");
}
