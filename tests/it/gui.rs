//! The desktop app, driven through egui_kittest as a person would: find widgets by their
//! label, click, type, then check what the catalogue on disk holds. No display or GPU.

use std::path::{Path, PathBuf};

use crate::common;

use crate::common::gui::*;
use dossier::model::{Label, RecordId, RecordKind};
use dossier::settings::Settings;
use dossier::store::{Catalogue, OpenOptions};
use dossier::ui::Place;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_first_run_asks_for_a_name_and_opens_a_copy_of_the_sample() {
    let setup = Setup::first_run();
    let mut gui = setup.gui(None);
    gui.get_by_label("Welcome to Dossier");
    gui.get_by_role_and_label(Role::TextInput, "Your name")
        .type_text("Anahit Petrosyan");
    frames(&mut gui);
    gui.get_by_label("Continue").click();
    settle(&mut gui);

    assert!(gui.query_by_label("Welcome to Dossier").is_none());
    assert_eq!(Settings::load(&setup.paths).user_name, "Anahit Petrosyan");
    let copy = setup.paths.sample_copy();
    assert!(
        copy.join("dossier.json").is_file(),
        "the sample was copied to the data folder"
    );
    let session = app(&mut gui).session.as_ref().expect("a catalogue is open");
    assert_eq!(session.cat.root(), copy);
    assert!(session.cat.is_writable());
    // Armenian text from the sample is on screen (and rendered: a missing glyph would panic).
    gui.get_by_label("Report 1: Strikes on civilian areas, 27 September - 9 November 2020");
    assert!(gui.query_by_label_contains("Արամ Գևորգյան").is_some());
}

#[test]
fn creating_a_record_saves_it_with_the_users_name() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    let before = reopen(&cat).records().len();

    gui.key_press_modifiers(Modifiers::COMMAND, Key::N);
    frames(&mut gui);
    let title = gui.get_by_role_and_label(Role::TextInput, "Title");
    assert!(
        title.is_focused(),
        "a new record's title takes the keyboard"
    );
    title.type_text("Report 7: Testimony of returned prisoners");
    frames(&mut gui);
    assert_eq!(dossier::ui::status_text(app(&mut gui)), "Editing...");
    let typed = |cat: &Path| {
        reopen(cat)
            .records()
            .iter()
            .any(|r| r.title == "Report 7: Testimony of returned prisoners")
    };
    assert!(!typed(&cat), "not saved while typing");
    // Edits save by themselves after a pause: step the clock past it.
    gui.run_steps(8);
    settle(&mut gui);
    assert!(typed(&cat), "saved by itself after the pause");

    assert_eq!(dossier::ui::status_text(app(&mut gui)), "Saved");
    let on_disk = reopen(&cat);
    assert_eq!(on_disk.records().len(), before + 1);
    let r = on_disk
        .records()
        .iter()
        .find(|r| r.title == "Report 7: Testimony of returned prisoners")
        .expect("the new record is on disk");
    assert_eq!(r.kind, RecordKind::Report);
    assert_eq!(
        r.label,
        Label::Amber,
        "new records are AMBER, never silently CLEAR"
    );
    assert_eq!(r.created_by, "Tester");
}

#[test]
fn editing_a_title_and_label_saves_them() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let id = find_id(&cat, "Strike on a residential street");
    let mut gui = setup.gui(Some(cat.clone()));

    gui.get_by_label("Strike on a residential street").click();
    settle(&mut gui);
    assert_eq!(app(&mut gui).session.as_ref().unwrap().selected, Some(id));
    gui.get_by_role_and_label(Role::TextInput, "Title").focus();
    frames(&mut gui);
    select_all_and_type(&mut gui, "Strike on Vazgen Sargsyan street");

    label_red_and_save(&mut gui);

    let r = reopen(&cat).get(&id).cloned().unwrap();
    assert_eq!(r.title, "Strike on Vazgen Sargsyan street");
    assert_eq!(r.label, Label::Red);
    assert_eq!(r.modified_by, "Tester");
    // The list shows the new title.
    gui.get_by_label("Strike on Vazgen Sargsyan street");
}

#[test]
fn searching_narrows_the_list_in_any_script() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    let all = results(&mut gui).len();

    gui.get_by_role_and_label(Role::TextInput, "Search").focus();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("Ստեփանակերտ");
    frames(&mut gui);
    let found = results(&mut gui);
    assert!(
        !found.is_empty() && found.iter().all(|r| r.place.contains("Stepanakert")),
        "the Armenian spelling finds the places written in Latin letters"
    );

    // A name typed in Russian finds it written in Armenian and in Latin letters, the
    // spelling as typed first.
    for (typed, expected) in [
        ("тигран", vec!["Tigran Hovhannisyan"]),
        ("арам", vec!["Արամ Գևորգյան", "Aram Gevorgyan"]),
        ("Aram", vec!["Aram Gevorgyan", "Արամ Գևորգյան"]),
    ] {
        gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
        gui.get_by_role_and_label(Role::TextInput, "Search")
            .type_text(typed);
        frames(&mut gui);
        let mut titles: Vec<String> = results(&mut gui).into_iter().map(|r| r.title).collect();
        if typed == "арам" {
            titles.sort();
        }
        let mut expected: Vec<String> = expected.into_iter().map(String::from).collect();
        if typed == "арам" {
            expected.sort();
        }
        assert_eq!(titles, expected, "'{typed}'");
    }

    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    gui.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("stepanakert");
    frames(&mut gui);
    let found = results(&mut gui);
    assert!(!found.is_empty() && found.len() < all);
    assert!(
        found
            .iter()
            .all(|r| r.place.contains("Stepanakert") || r.body.contains("Stepanakert"))
    );
    assert!(
        gui.query_by_label("Report 2: Treatment of prisoners of war and captured civilians")
            .is_none()
    );
    gui.get_by_label("Strike on a residential street");
}

#[test]
fn ctrl_f_puts_the_cursor_in_the_search_box() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    gui.key_press_modifiers(Modifiers::COMMAND, Key::F);
    frames(&mut gui);
    assert!(
        gui.get_by_role_and_label(Role::TextInput, "Search")
            .is_focused()
    );
}

#[test]
fn facets_filter_the_list() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    let all = results(&mut gui).len();

    gui.get_by_role_and_label(Role::CheckBox, "TLP:RED").click();
    settle(&mut gui);
    let red = results(&mut gui);
    assert!(!red.is_empty() && red.len() < all);
    assert!(red.iter().all(|r| r.label == Label::Red));

    gui.get_by_label_contains("Persons (").click();
    settle(&mut gui);
    let red_persons = results(&mut gui);
    assert!(!red_persons.is_empty());
    assert!(
        red_persons
            .iter()
            .all(|r| r.label == Label::Red && r.kind == RecordKind::Person)
    );
    assert!(red_persons.len() < red.len());
}

#[test]
fn a_graphic_preview_stays_blurred_until_revealed() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    let graphic = reopen(&cat)
        .records()
        .iter()
        .find(|r| r.is_graphic() && r.attachments.iter().any(|a| a.is_image()))
        .cloned()
        .unwrap();
    let sha = graphic.attachments[0].sha256.clone();

    gui.get_by_label(&graphic.title).click();
    settle(&mut gui);
    assert!(
        app(&mut gui).thumbnail_loaded(&sha, true),
        "the blurred preview is shown"
    );
    assert!(
        !app(&mut gui).thumbnail_loaded(&sha, false),
        "the sharp image is not even loaded"
    );
    gui.get_by_label("Blurred graphic preview");

    scroll_and_click(&mut gui, Role::Button, "Reveal video-still-0412.jpg");
    assert!(app(&mut gui).thumbnail_loaded(&sha, false));
    let session = app(&mut gui).session.as_ref().unwrap();
    assert!(session.revealed.contains(&(graphic.id, sha.clone())));
    assert!(gui.query_by_label("Reveal video-still-0412.jpg").is_none());
    gui.get_by_label("Preview");
    gui.get_by_label("Blur again");
}

#[test]
fn hiding_graphic_previews_shows_none_at_all() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    app(&mut gui).prefs.hide_graphic_previews = true;
    let graphic = reopen(&cat)
        .records()
        .iter()
        .find(|r| r.is_graphic() && !r.attachments.is_empty())
        .cloned()
        .unwrap();
    gui.get_by_label(&graphic.title).click();
    settle(&mut gui);
    assert!(gui.query_by_label_contains("Reveal").is_none());
    assert!(!app(&mut gui).thumbnail_loaded(&graphic.attachments[0].sha256, true));
    assert!(!app(&mut gui).thumbnail_loaded(&graphic.attachments[0].sha256, false));
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let id = find_id(&cat, "Map of the area near the village");
    let mut gui = setup.gui(Some(cat.clone()));

    gui.get_by_label("Map of the area near the village").click();
    settle(&mut gui);
    gui.key_press(Key::Delete);
    settle(&mut gui);
    assert!(reopen(&cat).get(&id).is_none());
    assert!(reopen(&cat).get_trashed(&id).is_some());
    assert!(
        gui.query_by_label("Map of the area near the village")
            .is_none()
    );

    gui.get_by_label("Trash (2)").click();
    settle(&mut gui);
    assert_eq!(app(&mut gui).session.as_ref().unwrap().place, Place::Trash);
    gui.get_by_label("Map of the area near the village");
    // The trash lists the most recently trashed first: the map.
    let restore = gui.get_all_by_label("Restore").next().unwrap();
    restore.click();
    settle(&mut gui);
    let after = reopen(&cat);
    assert!(
        after.get(&id).is_some(),
        "the map is back among the records ({:?}; trash: {:?})",
        app(&mut gui).message(),
        after
            .trash()
            .iter()
            .map(|r| r.title.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        after.trash().len(),
        1,
        "the sample's own trashed record stays in the trash"
    );
}

#[test]
fn arrow_keys_move_through_the_list() {
    let setup = Setup::returning_user();
    let mut gui = setup.gui(Some(setup.sample()));
    gui.key_press(Key::ArrowDown);
    settle(&mut gui);
    let first = app(&mut gui)
        .session
        .as_ref()
        .unwrap()
        .selected
        .expect("down selects the first row");
    gui.key_press(Key::ArrowDown);
    settle(&mut gui);
    let second = app(&mut gui).session.as_ref().unwrap().selected.unwrap();
    assert_ne!(first, second);
    let ids: Vec<RecordId> = results(&mut gui).iter().map(|r| r.id).collect();
    assert_eq!(ids[0], first);
    assert_eq!(ids[1], second);
    gui.key_press(Key::ArrowUp);
    settle(&mut gui);
    assert_eq!(
        app(&mut gui).session.as_ref().unwrap().selected,
        Some(first)
    );
}

#[test]
fn following_a_link_selects_its_target() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let target = find_id(&cat, "Strike on a residential street");
    let mut gui = setup.gui(Some(cat));
    gui.get_by_label("Photo: damaged houses after the strike")
        .click();
    settle(&mut gui);
    // The link in the editor (the list also shows the title, as a plain label).
    scroll_and_click(&mut gui, Role::Link, "Strike on a residential street");
    assert_eq!(
        app(&mut gui).session.as_ref().unwrap().selected,
        Some(target)
    );
}

#[test]
fn a_catalogue_open_elsewhere_opens_read_only_with_a_notice() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let _other = Catalogue::open(
        &cat,
        OpenOptions {
            user: "Ani on the office desktop".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let mut gui = setup.gui(Some(cat.clone()));
    assert!(
        gui.query_by_label_contains("open in another Dossier by Ani on the office desktop")
            .is_some()
    );
    gui.get_by_label("Read-only");
    gui.get_by_label("Strike on a residential street").click();
    settle(&mut gui);
    let title = gui.get_by_role_and_label(Role::TextInput, "Title");
    assert!(
        title.accesskit_node().is_disabled(),
        "fields cannot be edited"
    );
}

#[test]
fn unreadable_record_files_are_listed_in_the_problems_window() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let broken = cat
        .join("records")
        .join(format!("{}.json", RecordId::new()));
    std::fs::write(&broken, b"{\"id\": ").unwrap();
    let gui = setup.gui(Some(cat));
    gui.get_by_label("Problems");
    assert!(gui.query_by_label(&broken.display().to_string()).is_some());
    gui.get_by_label("1 file could not be read");
}

#[test]
fn importing_a_file_makes_a_media_record_with_a_thumbnail() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    let photo = setup.dir.path().join("new-photo.png");
    image::RgbImage::from_pixel(640, 480, image::Rgb([200, 120, 40]))
        .save(&photo)
        .unwrap();

    app(&mut gui).commands.push(dossier::ui::Command::Import {
        files: vec![photo.clone()],
        into: None,
    });
    settle(&mut gui);
    settle(&mut gui);

    let on_disk = reopen(&cat);
    let r = on_disk
        .records()
        .iter()
        .find(|r| r.title == "new-photo.png")
        .expect("a media record named after the file");
    assert_eq!(r.kind, RecordKind::Media);
    assert_eq!(r.attachments[0].media_type, "image/png");
    assert_eq!(r.created_by, "Tester");
    let sha = &r.attachments[0].sha256;
    assert_eq!(*sha, dossier::durable::hash_file(&photo).unwrap());
    assert_eq!(app(&mut gui).session.as_ref().unwrap().selected, Some(r.id));
    assert!(app(&mut gui).thumbnail_loaded(sha, false));
}

#[test]
fn a_hostile_image_gets_a_placeholder_and_a_message_and_the_app_carries_on() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    // A valid PNG header declaring 100,000 x 100,000 pixels (a decompression bomb).
    let bomb = common::png_declaring(100_000, 100_000);
    let path = setup.dir.path().join("bomb.png");
    std::fs::write(&path, &bomb).unwrap();

    app(&mut gui).commands.push(dossier::ui::Command::Import {
        files: vec![path.clone()],
        into: None,
    });
    settle(&mut gui);
    settle(&mut gui);
    let sha = dossier::durable::hash_file(&path).unwrap();
    let why = app(&mut gui)
        .thumbnail_failure(&sha)
        .expect("the preview failed")
        .to_string();
    assert!(why.contains("100000 x 100000"), "{why}");
    gui.get_by_label_contains("No preview: Cannot preview");
    // The app carries on: the new record is selected and the next frame runs.
    let selected = app(&mut gui).session.as_ref().unwrap().selected;
    assert!(selected.is_some());
    settle(&mut gui);
}

/// A file dropped onto the window, as the windowing system hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_on_the_window_imports_them() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    let a = setup.dir.path().join("witness-statement.txt");
    let b = setup.dir.path().join("scan-page-2.png");
    std::fs::write(&a, "Statement of a returned prisoner (sample)").unwrap();
    image::RgbImage::from_pixel(300, 400, image::Rgb([240, 240, 230]))
        .save(&b)
        .unwrap();

    gui.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(a.clone())));
    gui.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(b.clone())));
    settle(&mut gui);
    settle(&mut gui);

    let on_disk = reopen(&cat);
    for (path, media_type) in [(&a, "text/plain"), (&b, "image/png")] {
        let name = path.file_name().unwrap().to_str().unwrap();
        let r = on_disk
            .records()
            .iter()
            .find(|r| r.title == name)
            .unwrap_or_else(|| panic!("{name} was imported"));
        assert_eq!(r.attachments[0].media_type, media_type);
        assert_eq!(r.attachments[0].original_path, path.to_string_lossy());
    }
}

#[test]
fn the_last_catalogue_opens_again_on_the_next_run() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut storage = MemoryStorage::default();
    {
        let mut gui = setup.gui(Some(cat.clone()));
        app(&mut gui).prefs.hide_graphic_previews = true;
        eframe::App::save(app(&mut gui), &mut storage);
    }
    // The next run, started without a path, opens the same catalogue with the same prefs.
    let mut gui = setup.gui_with_storage(None, Some(storage));
    let app = app(&mut gui);
    assert!(app.prefs.hide_graphic_previews);
    assert_eq!(app.prefs.recent.first(), Some(&cat.canonicalize().unwrap()));
    assert_eq!(
        app.session.as_ref().unwrap().cat.root(),
        cat.canonicalize().unwrap()
    );
    assert!(
        !setup.paths.sample_copy().exists(),
        "no sample copy was needed"
    );
}

#[test]
fn a_failed_save_keeps_the_edit_says_so_and_saves_on_retry() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let id = find_id(&cat, "Strike on a residential street");
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("Strike on a residential street").click();
    settle(&mut gui);

    // The records folder disappears from under the app (a drive unplugged, a sync tool).
    let records = cat.join("records");
    let moved = cat.join("records-away");
    std::fs::rename(&records, &moved).unwrap();
    std::fs::write(&records, b"not a folder").unwrap();

    gui.get_by_role_and_label(Role::TextInput, "Title").focus();
    frames(&mut gui);
    select_all_and_type(&mut gui, "Strike on Vazgen Sargsyan street");
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);
    let status = dossier::ui::status_text(app(&mut gui));
    assert!(status.starts_with("Not saved: Could not save"), "{status}");
    assert!(
        status.contains("records"),
        "the error names the file: {status}"
    );
    gui.get_by_label("Retry");
    // The edit is still there, on screen and in memory.
    let session = app(&mut gui).session.as_ref().unwrap();
    assert_eq!(
        session.cat.get(&id).unwrap().title,
        "Strike on Vazgen Sargsyan street"
    );
    assert!(session.unsaved.contains(&id));

    // Closing the window now asks first instead of losing the edit.
    gui.input_mut()
        .viewports
        .entry(eframe::egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(eframe::egui::ViewportEvent::Close);
    settle(&mut gui);
    gui.get_by_label("Some changes are not saved");

    // The folder comes back; Try again saves the edit.
    std::fs::remove_file(&records).unwrap();
    std::fs::rename(&moved, &records).unwrap();
    gui.get_by_label("Try again").click();
    settle(&mut gui);
    assert_eq!(dossier::ui::status_text(app(&mut gui)), "Saved");
    assert!(app(&mut gui).session.as_ref().unwrap().unsaved.is_empty());
    assert_eq!(
        reopen(&cat).get(&id).unwrap().title,
        "Strike on Vazgen Sargsyan street"
    );
}

#[test]
fn a_persons_timeline_shows_the_current_status_from_its_latest_entry() {
    use dossier::model::{EvidenceBasis, PersonStatus, StatusEntry};
    let setup = Setup::returning_user();
    let path = setup.sample();
    let id = find_id(&path, "Tigran Hovhannisyan");
    {
        let mut cat = Catalogue::open(
            &path,
            OpenOptions {
                user: "Tester".into(),
                ..OpenOptions::default()
            },
        )
        .unwrap();
        let mut r = cat.get(&id).unwrap().clone();
        let p = r.person.as_mut().unwrap();
        p.add_status(StatusEntry {
            date: Some("2020-10-08".parse().unwrap()),
            ..StatusEntry::new(PersonStatus::Missing)
        });
        p.add_status(StatusEntry {
            date: Some("2020-11-02".parse().unwrap()),
            basis: Some(EvidenceBasis::NotAcknowledged),
            ..StatusEntry::new(PersonStatus::Captured)
        });
        cat.save(r, "Tester").unwrap();
    }
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label("Tigran Hovhannisyan").click();
    settle(&mut gui);
    gui.get_by_label("now:");
    gui.get_by_label("Captured");
    gui.get_by_role_and_label(Role::ComboBox, "Status of entry 3");
    // The stored current status is the timeline's latest entry.
    let stored_status = |path: &Path| reopen(path).get(&id).unwrap().person.clone().unwrap();
    assert_eq!(stored_status(&path).status, Some(PersonStatus::Captured));

    // Add an entry in the app: returned on 28 December.
    scroll_and_click(&mut gui, Role::Button, "Add a status entry");
    scroll_and_click(&mut gui, Role::ComboBox, "Status of entry 4");
    gui.get_by_label("Returned").click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Entry 4: date")
        .focus();
    // The status change above autosaves a second later; on a busy machine that save may
    // land during these frames, so wait for it rather than expect a still window.
    settle(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Entry 4: date")
        .type_text("2020-12-28");
    settle(&mut gui);
    // And drop the first entry, entered by mistake.
    scroll_and_click(&mut gui, Role::Button, "Remove entry 1");
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(dossier::ui::Command::SaveNow, &ctx);
    }
    settle(&mut gui);
    let p = stored_status(&path);
    let steps: Vec<_> = p.timeline.iter().map(|e| e.status).collect();
    assert_eq!(
        steps,
        [
            PersonStatus::Missing,
            PersonStatus::Captured,
            PersonStatus::Returned
        ]
    );
    assert_eq!(p.status, Some(PersonStatus::Returned));
    assert_eq!(
        p.current().unwrap().date.map(|d| d.to_string()).as_deref(),
        Some("2020-12-28")
    );
}

#[test]
fn the_person_editor_keeps_birth_category_unit_and_identifying_notes() {
    use dossier::model::PersonCategory;
    let setup = Setup::returning_user();
    let path = setup.sample();
    let id = find_id(&path, "Tigran Hovhannisyan");
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label("Tigran Hovhannisyan").click();
    settle(&mut gui);
    scroll_and_click(&mut gui, Role::ComboBox, "Category");
    gui.get_by_label("Serviceman").click();
    settle(&mut gui);
    for (role, field, text) in [
        (Role::TextInput, "Unit", "Unit 1 (sample)"),
        (Role::TextInput, "Date of birth", "1999?"),
        (
            Role::MultilineTextInput,
            "Identifying notes",
            "Tattoo on the right arm",
        ),
    ] {
        gui.get_by_role_and_label(role, field).scroll_to_me();
        frames(&mut gui);
        gui.get_by_role_and_label(role, field).focus();
        frames(&mut gui);
        gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
        frames(&mut gui);
        gui.get_by_role_and_label(role, field).type_text(text);
        frames(&mut gui);
    }
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(dossier::ui::Command::SaveNow, &ctx);
    }
    settle(&mut gui);
    let stored = reopen(&path);
    let p = stored.get(&id).unwrap().person.clone().unwrap();
    assert_eq!(p.category, Some(PersonCategory::Serviceman));
    assert_eq!(p.unit, "Unit 1 (sample)");
    assert_eq!(p.birth.map(|d| d.to_string()).as_deref(), Some("1999?"));
    assert_eq!(p.identifying, "Tattoo on the right arm");
}
