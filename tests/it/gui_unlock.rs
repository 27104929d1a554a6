//! An encrypted catalogue in the app: the unlock screen asks for the passphrase, a wrong
//! one is said plainly, the right one opens it, and File > Lock (Ctrl+L) forgets it again.

use crate::common::gui::*;
use dossier::durable::keyring::KdfParams;
use dossier::store::Catalogue;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

const PASSPHRASE: &str = "two rivers meet at dawn";

#[test]
fn the_app_unlocks_an_encrypted_catalogue_and_locks_it_again() {
    let setup = Setup::returning_user();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sealed");
    let (cat, _) = Catalogue::create_encrypted(
        &path,
        "Sealed cases",
        "Tester",
        PASSPHRASE,
        KdfParams::FOR_TESTS,
    )
    .unwrap();
    drop(cat);
    let mut gui = setup.gui(Some(path.clone()));
    settle(&mut gui);
    assert!(
        app(&mut gui).session.is_none(),
        "nothing opens without the passphrase"
    );
    assert!(
        app(&mut gui).dialogs.unlock.is_some(),
        "the unlock screen is shown"
    );

    // A wrong passphrase: said plainly, and the screen stays.
    gui.get_by_label("Passphrase").click();
    frames(&mut gui);
    gui.get_by_label("Passphrase")
        .type_text("two rivers meet at dusk");
    frames(&mut gui);
    gui.get_by_label("Unlock").click();
    settle(&mut gui);
    assert!(app(&mut gui).session.is_none());
    let form = app(&mut gui).dialogs.unlock.as_ref().expect("asked again");
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("That passphrase does not open"), "{error}");

    // The right one opens it.
    gui.get_by_label("Passphrase").click();
    frames(&mut gui);
    gui.get_by_label("Passphrase").type_text(PASSPHRASE);
    frames(&mut gui);
    gui.key_press(Key::Enter);
    settle(&mut gui);
    let session = app(&mut gui)
        .session
        .as_ref()
        .expect("the catalogue opened");
    assert_eq!(session.cat.title(), "Sealed cases");
    assert!(app(&mut gui).dialogs.unlock.is_none());

    // Ctrl+L locks it: the catalogue (and its keys) are dropped, the screen is back.
    gui.key_press_modifiers(Modifiers::COMMAND, Key::L);
    settle(&mut gui);
    assert!(app(&mut gui).session.is_none(), "locked");
    let form = app(&mut gui)
        .dialogs
        .unlock
        .as_ref()
        .expect("the unlock screen");
    assert_eq!(form.path, path);
    assert!(form.secret.is_empty(), "nothing typed before is kept");
}
