//! Helpers for the GUI tests: the app in an egui_kittest harness, with its own folders.

use std::path::{Path, PathBuf};

use dossier::model::{Record, RecordId};
use dossier::settings::{Paths, Settings};
use dossier::store::Catalogue;
use dossier::ui::{AppConfig, DossierApp};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

pub type Gui = Harness<'static, Option<DossierApp>>;

pub struct Setup {
    pub dir: tempfile::TempDir,
    pub paths: Paths,
}

impl Setup {
    /// A user who has run Dossier before (their name is known).
    pub fn returning_user() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        Settings {
            user_name: "Tester".into(),
            language: Some("en".into()),
            ..Settings::default()
        }
        .save(&paths)
        .unwrap();
        Setup { dir, paths }
    }

    /// A first run: no name yet (the interface in English, whatever this machine's
    /// language, so the tests read the same everywhere).
    pub fn first_run() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        Settings {
            language: Some("en".into()),
            ..Settings::default()
        }
        .save(&paths)
        .unwrap();
        Setup { dir, paths }
    }

    /// A returning user who chose `language` (`hy`, `ru`, `en`).
    pub fn speaking(language: &str) -> Setup {
        let setup = Setup::returning_user();
        Settings {
            user_name: "Tester".into(),
            language: Some(language.into()),
            ..Settings::default()
        }
        .save(&setup.paths)
        .unwrap();
        setup
    }

    /// A copy of the sample catalogue to work on.
    pub fn sample(&self) -> PathBuf {
        let path = self.dir.path().join("sample");
        dossier::sample::install_sample(&path).unwrap();
        path
    }

    pub fn gui(&self, open: Option<PathBuf>) -> Gui {
        self.gui_with_storage(open, None)
    }

    /// The app on a copy of the sample, with the record titled `title` clicked open in
    /// the editor: the catalogue's path, the record's id, and the app.
    pub fn open_on_record(&self, title: &str) -> (PathBuf, RecordId, Gui) {
        let path = self.sample();
        let id = find_id(&path, title);
        let mut gui = self.gui(Some(path.clone()));
        gui.get_by_label(title).click();
        settle(&mut gui);
        (path, id, gui)
    }

    /// The app in a window of `size` points.
    pub fn gui_sized(&self, open: Option<PathBuf>, size: [f32; 2]) -> Gui {
        self.gui_full(open, None, size)
    }

    /// The app as eframe starts it, with what eframe stored from an earlier run.
    pub fn gui_with_storage(&self, open: Option<PathBuf>, storage: Option<MemoryStorage>) -> Gui {
        self.gui_full(open, storage, [1400.0, 900.0])
    }

    fn gui_full(
        &self,
        open: Option<PathBuf>,
        storage: Option<MemoryStorage>,
        size: [f32; 2],
    ) -> Gui {
        let config = AppConfig {
            paths: self.paths.clone(),
            open,
        };
        let mut gui = Harness::builder()
            .with_size(size)
            .with_context_setup(dossier::ui::theme::install_fonts)
            .build_ui_state(
                move |ui, state: &mut Option<DossierApp>| {
                    state
                        .get_or_insert_with(|| {
                            let stored = storage.as_ref().map(|s| s as &dyn eframe::Storage);
                            DossierApp::new(ui.ctx(), config.clone(), stored)
                        })
                        .show(ui);
                },
                None,
            );
        settle(&mut gui);
        gui
    }
}

pub fn app(gui: &mut Gui) -> &mut DossierApp {
    gui.state_mut().as_mut().expect("the app was created")
}

/// Lets background work (opening, writing, thumbnails) finish and redraws until the
/// window is still (spinners turn while previews load).
/// Runs frames until the app is quiet, or for a few frames if it is not. Unlike
/// `Harness::run` it does not fail when a background save finishing mid-way asks for one
/// more frame: that timing is the machine's, not the app's. Tests that need the saves
/// done call `settle`.
pub fn frames(gui: &mut Gui) {
    let _ = gui.run_ok();
}

pub fn settle(gui: &mut Gui) {
    for _ in 0..10 {
        let quiet = gui.run_ok().is_some();
        app(gui).wait_for_background();
        if quiet && gui.run_ok().is_some() {
            return;
        }
    }
    panic!("the app kept repainting");
}

/// Sets the open record's label to TLP:RED in the editor and saves it (Ctrl+S).
pub fn label_red_and_save(gui: &mut Gui) {
    gui.get_by_role_and_label(Role::ComboBox, "Label").click();
    settle(gui);
    gui.get_by_label("TLP:RED  named people only").click();
    settle(gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(gui);
}

pub fn reopen(path: &Path) -> Catalogue {
    super::open_read_only(path)
}

pub fn find_id(path: &Path, title: &str) -> RecordId {
    reopen(path)
        .records()
        .iter()
        .find(|r| r.title == title)
        .map(|r| r.id)
        .unwrap_or_else(|| panic!("no record titled {title}"))
}

/// Scrolls a widget into view, as a person would, then clicks it.
pub fn scroll_and_click(gui: &mut Gui, role: Role, label: &str) {
    gui.get_by_role_and_label(role, label).scroll_to_me();
    settle(gui);
    gui.get_by_role_and_label(role, label).click();
    settle(gui);
}

pub fn select_all_and_type(gui: &mut Gui, text: &str) {
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    frames(gui);
    gui.get_by_role_and_label(Role::TextInput, "Title")
        .type_text(text);
    frames(gui);
}

pub fn results(gui: &mut Gui) -> Vec<Record> {
    let session = app(gui).session.as_mut().unwrap();
    let (ids, cat) = session.listing();
    ids.iter().map(|id| cat.get(id).unwrap().clone()).collect()
}

/// eframe's storage, in memory.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}
