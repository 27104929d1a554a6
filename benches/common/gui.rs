//! The whole app in a headless window (egui_kittest), for the benches that time frames:
//! the settings of a user named "Bench" under `home`, the catalogue at `open` opened.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use dossier::settings::{Paths, Settings};
use dossier::ui::{AppConfig, DossierApp};
use egui_kittest::Harness;

/// The app, 1400 x 900 points, on the catalogue at `open`.
pub fn app(home: &Path, open: PathBuf) -> Harness<'static, Option<DossierApp>> {
    let paths = Paths::under(home);
    Settings {
        user_name: "Bench".into(),
        ..Settings::default()
    }
    .save(&paths)
    .unwrap();
    let config = AppConfig {
        paths,
        open: Some(open),
    };
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(dossier::ui::theme::install_fonts)
        .build_ui_state(
            move |ui, state: &mut Option<DossierApp>| {
                state
                    .get_or_insert_with(|| DossierApp::new(ui.ctx(), config.clone(), None))
                    .show(ui);
            },
            None::<DossierApp>,
        )
}

/// Twenty frames, waiting for the app's background work after each.
pub fn settle(gui: &mut Harness<'_, Option<DossierApp>>) {
    for _ in 0..20 {
        gui.step();
        if let Some(app) = gui.state_mut().as_mut() {
            app.wait_for_background();
        }
    }
}
