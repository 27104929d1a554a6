//! The keyboard across the window (issue 16, item 8): the list takes the keyboard as one
//! place and its arrows move the choice, and Tab goes through the window in the order it
//! is seen: menu and toolbar, filters, list, editor, status bar.

use crate::common::gui::*;
use eframe::egui::{Key, Modifiers, Rect};
use egui_kittest::kittest::{NodeT, Queryable};

/// The widget with the keyboard: its name and where it is.
fn focused(gui: &Gui) -> Option<(String, Rect)> {
    let node = gui
        .query_all(egui_kittest::kittest::by().predicate(|n| n.is_focused()))
        .next()?;
    let b = node.accesskit_node().bounding_box()?;
    let rect = Rect::from_min_max(
        [b.x0 as f32, b.y0 as f32].into(),
        [b.x1 as f32, b.y1 as f32].into(),
    );
    Some((node.accesskit_node().label().unwrap_or_default(), rect))
}

fn tab(gui: &mut Gui, shift: bool) {
    let m = if shift {
        Modifiers::SHIFT
    } else {
        Modifiers::NONE
    };
    gui.key_press_modifiers(m, Key::Tab);
    frames(gui);
}

#[test]
fn the_list_takes_the_keyboard_once_and_its_arrows_move_the_choice() {
    let setup = Setup::returning_user();
    let title = "Strike on a residential street";
    let (_, id, mut gui) = setup.open_on_record(title);
    gui.key_press(Key::Escape);
    frames(&mut gui);
    let mut reached = None;
    for _ in 0..300 {
        tab(&mut gui, false);
        if let Some((name, _)) = focused(&gui)
            && name.starts_with("List: ")
        {
            reached = Some(name);
            break;
        }
    }
    assert_eq!(reached.as_deref(), Some(&*format!("List: {title}")));
    let listing: Vec<_> = results(&mut gui)
        .iter()
        .map(|r| (r.id, r.title.clone()))
        .collect();
    let at = listing.iter().position(|(i, _)| *i == id).unwrap();
    gui.key_press(Key::ArrowDown);
    frames(&mut gui);
    let (next_id, next_title) = &listing[at + 1];
    assert_eq!(
        app(&mut gui).session.as_ref().unwrap().selected,
        Some(*next_id)
    );
    assert_eq!(
        focused(&gui).map(|(name, _)| name),
        Some(format!("List: {next_title}")),
        "the keyboard stays on the list, on the new choice"
    );
    // One Tab leaves the list for the editor (not the next row).
    tab(&mut gui, false);
    let editor = app(&mut gui).layout_seen.editor;
    let (name, rect) = focused(&gui).expect("something has the keyboard");
    assert!(
        editor.contains(rect.center()),
        "{name} at {rect:?} is not in the editor"
    );
    // And Shift+Tab comes back to it.
    tab(&mut gui, true);

    assert_eq!(
        focused(&gui).map(|(name, _)| name),
        Some(format!("List: {next_title}"))
    );
}

#[test]
fn tab_goes_through_the_window_in_the_order_it_is_seen() {
    use dossier::ui::Command;
    let setup = Setup::returning_user();
    let (_, id, mut gui) = setup.open_on_record("Strike on a residential street");
    // A change, so the status bar offers Undo.
    let ctx = gui.ctx.clone();
    let tag = Command::AddTag {
        ids: vec![id],
        tag: "checked".into(),
    };
    app(&mut gui).run(tag, &ctx);
    settle(&mut gui);
    gui.key_press(Key::Escape);
    frames(&mut gui);
    let editor = app(&mut gui).layout_seen.editor;
    let mut names: Vec<(String, Rect)> = Vec::new();
    for _ in 0..400 {
        tab(&mut gui, false);
        let Some((name, rect)) = focused(&gui) else {
            continue;
        };
        if names.first().is_some_and(|(first, _)| *first == name) {
            break;
        }
        names.push((name, rect));
    }
    let at = |what: &dyn Fn(&(String, Rect)) -> bool, called: &str| {
        names
            .iter()
            .position(what)
            .unwrap_or_else(|| panic!("Tab never reached {called}: {names:?}"))
    };
    let menu = at(&|(n, _)| n == "File", "the File menu");
    let toolbar = at(&|(n, _)| n == "New record", "the toolbar");
    let filters = at(&|(n, _)| n.starts_with("All records"), "the filters");
    let list = at(&|(n, _)| n.starts_with("List: "), "the list");
    let fields = at(
        &|(n, r)| n == "Title" && editor.contains(r.center()),
        "the editor's title",
    );
    let status = at(&|(n, _)| n == "Undo", "the status bar's Undo");
    assert_eq!(menu, 0, "the menu comes first");
    assert!(
        menu < toolbar && toolbar < filters && filters < list && list < fields && fields < status,
        "menu {menu}, toolbar {toolbar}, filters {filters}, list {list}, editor {fields}, \
         status bar {status}"
    );
    assert_eq!(
        status,
        names.len() - 1,
        "the status bar comes last, then the menu again"
    );
    // The list's column dividers are for the mouse: Tab passes over them.
    let unnamed: Vec<_> = names.iter().filter(|(n, _)| n.is_empty()).collect();
    assert!(
        unnamed.is_empty(),
        "Tab stopped on unnamed widgets: {unnamed:?}"
    );
}
