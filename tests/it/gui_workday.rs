//! A working day in the app (issue 16): every keystroke kept, a layout that holds at the
//! sizes of the office's screens, and search in any script.

use crate::common::gui::*;
use dossier::ui::search_text;
use eframe::egui::{Event, Key, Modifiers};

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
