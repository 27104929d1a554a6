//! An encrypted catalogue in the app: the unlock screen asks for the passphrase, a wrong
//! one is said plainly, the right one opens it, and File > Lock (Ctrl+L) forgets it again.

use crate::common::gui::*;
use dossier::durable::keyring::KdfParams;
use dossier::store::Catalogue;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

const PASSPHRASE: &str = "two rivers meet at dawn";

/// A new encrypted catalogue in `dir`, open in the app with its passphrase.
fn sealed_and_open(setup: &Setup, dir: &std::path::Path) -> (std::path::PathBuf, Gui) {
    let path = dir.join("sealed");
    drop(
        Catalogue::create_encrypted(&path, "Sealed", "Tester", PASSPHRASE, KdfParams::FOR_TESTS)
            .unwrap(),
    );
    let mut gui = setup.gui(None);
    settle(&mut gui);
    let secret = dossier::durable::keyring::Secret::passphrase(PASSPHRASE);
    let ctx = gui.ctx.clone();
    app(&mut gui).start_open_with(path.clone(), Some(secret), &ctx);
    settle(&mut gui);
    (path, gui)
}

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

#[test]
fn file_new_makes_an_encrypted_catalogue_and_shows_its_recovery_key_once() {
    let setup = Setup::returning_user();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new one");
    let mut gui = setup.gui(None);
    settle(&mut gui);
    {
        let dialogs = &mut app(&mut gui).dialogs;
        let mut form = dossier::ui::NewCatalogueForm {
            title: "Field office".into(),
            folder: path.to_string_lossy().into_owned(),
            ..Default::default()
        };
        form.passphrase = "short".to_string().into();
        dialogs.new_catalogue = Some(form);
    }
    frames(&mut gui);
    // Too short, then two that differ: Create stays off.
    assert!(gui.get_by_label("Create").accesskit_node().is_disabled());
    if let Some(form) = app(&mut gui).dialogs.new_catalogue.as_mut() {
        form.passphrase = PASSPHRASE.to_string().into();
        form.again = "two rivers meet at dusk".to_string().into();
    }
    frames(&mut gui);
    assert!(gui.get_by_label("Create").accesskit_node().is_disabled());
    if let Some(form) = app(&mut gui).dialogs.new_catalogue.as_mut() {
        form.again = PASSPHRASE.to_string().into();
    }
    frames(&mut gui);
    gui.get_by_label("Create").click();
    settle(&mut gui);
    let session = app(&mut gui).session.as_ref().expect("made and opened");
    assert!(session.cat.is_encrypted());
    assert!(Catalogue::is_encrypted_at(&path).unwrap());
    // The recovery key is shown, and stays until the person says it is written down.
    let (words, _) = app(&mut gui).dialogs.recovery_key.clone().expect("shown");
    assert_eq!(words.len(), 64, "{}", words.as_str());
    assert!(gui.get_by_label("Done").accesskit_node().is_disabled());
    gui.get_by_label("I have printed it or written it down")
        .click();
    frames(&mut gui);
    gui.get_by_label("Done").click();
    frames(&mut gui);
    assert!(app(&mut gui).dialogs.recovery_key.is_none());
    // It opens with the passphrase, and with the key as shown.
    drop(gui);
    let secret = dossier::durable::keyring::Secret::Recovery(words);
    let opened = Catalogue::open(
        &path,
        dossier::store::OpenOptions {
            read_only: true,
            secret: Some(secret),
            ..Default::default()
        },
    );
    assert_eq!(opened.unwrap().title(), "Field office");
}

#[test]
fn an_idle_encrypted_catalogue_locks_itself_and_a_plain_one_does_not() {
    let setup = Setup::returning_user();
    let dir = tempfile::tempdir().unwrap();
    let (_, mut gui) = sealed_and_open(&setup, dir.path());
    assert!(app(&mut gui).session.is_some());
    // Fourteen idle minutes: still open (the default is 15).
    let minutes = |m: u64| std::time::Instant::now() - std::time::Duration::from_secs(m * 60);
    app(&mut gui).last_activity = minutes(14);
    frames(&mut gui);
    assert!(app(&mut gui).session.is_some(), "not yet");
    app(&mut gui).last_activity = minutes(16);
    frames(&mut gui);
    assert!(
        app(&mut gui).session.is_none(),
        "locked after 15 idle minutes"
    );
    assert!(app(&mut gui).dialogs.unlock.is_some());
    // The sample is plain: nothing to lock.
    let mut gui = setup.gui(Some(setup.sample()));
    settle(&mut gui);
    app(&mut gui).last_activity = minutes(600);
    frames(&mut gui);
    assert!(app(&mut gui).session.is_some());
}

#[test]
fn file_passphrases_adds_a_colleague_and_removes_one_but_never_the_last() {
    let setup = Setup::returning_user();
    let dir = tempfile::tempdir().unwrap();
    let (path, mut gui) = sealed_and_open(&setup, dir.path());
    let ctx = gui.ctx.clone();
    app(&mut gui).run(dossier::ui::Command::ShowPassphrases, &ctx);
    frames(&mut gui);
    // The only passphrase cannot be removed.
    assert!(gui.get_by_label("Remove").accesskit_node().is_disabled());
    if let Some(form) = app(&mut gui).dialogs.passphrases.as_mut() {
        form.label = "G.H.".into();
        form.passphrase = "a colleague's own words".to_string().into();
        form.again = "a colleague's own words".to_string().into();
    }
    frames(&mut gui);
    gui.get_by_label("Add").click();
    settle(&mut gui);
    let keys = app(&mut gui).session.as_ref().unwrap().cat.keys();
    assert!(keys.iter().any(|k| k.label == "G.H."), "{keys:?}");
    // The colleague's passphrase opens the catalogue.
    let opened = Catalogue::open(
        &path,
        dossier::store::OpenOptions {
            read_only: true,
            secret: Some(dossier::durable::keyring::Secret::passphrase(
                "a colleague's own words",
            )),
            ..Default::default()
        },
    );
    assert!(opened.is_ok());
    drop(opened);
    // The same label again changes that passphrase: the old one no longer opens it.
    if let Some(form) = app(&mut gui).dialogs.passphrases.as_mut() {
        form.label = "G.H.".into();
        form.passphrase = "new words for G.H. here".to_string().into();
        form.again = "new words for G.H. here".to_string().into();
    }
    frames(&mut gui);
    gui.get_by_label("Change").click();
    settle(&mut gui);
    let opens = |words: &str| {
        Catalogue::open(
            &path,
            dossier::store::OpenOptions {
                read_only: true,
                secret: Some(dossier::durable::keyring::Secret::passphrase(words)),
                ..Default::default()
            },
        )
        .is_ok()
    };
    assert!(opens("new words for G.H. here"));
    assert!(!opens("a colleague's own words"));
    // Two now: the first can go; it is logged.
    let removes: Vec<_> = gui.query_all_by_label("Remove").collect();
    assert_eq!(removes.len(), 2);
    removes[0].click();
    settle(&mut gui);
    let cat = &app(&mut gui).session.as_ref().unwrap().cat;
    assert_eq!(
        cat.keys().iter().filter(|k| k.kind == "passphrase").count(),
        1
    );
    let changes = cat.audit().with_entries(|e| {
        e.iter()
            .filter(|e| e.action == dossier::audit::Action::KeysChanged)
            .count()
    });
    assert_eq!(changes, 3, "added, changed and removed, each logged");
}
