//! The desktop app: panels over the core.
//!
//! Each frame the panels draw and only *record* what the person asked for, as `Command`s;
//! after the panels, the app applies them. Disk work (opening, writing, importing,
//! thumbnails) runs in background tasks polled once per frame. One file per panel or
//! dialog; panels get the session and a list of commands (or, for the chrome, a small
//! [`chrome::Chrome`] context), never the app itself.

mod app;
mod attachment_details;
mod attachments_view;
mod audit_log_window;
mod background;
mod chrome;
mod command;
mod commands;
mod conflicts_view;
mod csv_export_dialog;
mod csv_import_dialog;
mod dialogs;
mod duplicates_view;
mod editor;
mod facets_panel;
mod folder_watch;
mod frame;
mod guide_window;
mod history_view;
mod jobs;
pub mod layout;
mod list_tasks;
pub mod live_search;
mod log_words;
mod logged_version;
pub mod marks;
mod memo;
mod menu_bar;
mod new_catalogue_dialog;
mod new_window;
mod opened_files;
mod package_passphrase_dialog;
mod passphrases_dialog;
mod problems_window;
mod reading;
mod reading_thread;
mod recipients_window;
mod record_editor;
mod record_fields;
mod record_links;
mod record_table;
mod review_queue;
mod saving;
mod selection;
pub mod session;
mod session_views;
pub mod share_wizard;
pub mod sharing_log;
mod stats_panel;
mod status_bar;
mod sync_window;
pub mod task;
pub mod tasks;
pub mod theme;
mod thumbnailer;
mod thumbnails;
pub mod timeline_editor;
mod toolbar;
mod trash_view;
mod typeahead;
pub mod undo;
mod undoing;
mod unlock_dialog;
mod verify_window;
pub mod viewer;
pub mod viewer_faces;
mod viewer_marks;
mod watcher;
mod widgets;
pub mod window_order;
pub mod words;
mod work;
mod writer;

use std::path::PathBuf;

use eframe::egui;

pub use app::{AppConfig, DossierApp};
pub use chrome::{Dialogs, NewCatalogueForm, PathPurpose, Prefs, SaveStatus};
pub use command::{Command, Place};
pub use editor::Editor;

use crate::settings::Paths;

/// What the status bar says about saving ("Saving...", "Saved", "Not saved: ..."); tests
/// read it.
pub fn status_text(app: &DossierApp) -> String {
    app.status_text()
}

/// What the search box holds (empty with no catalogue open).
pub fn search_text(app: &DossierApp) -> String {
    app.session
        .as_ref()
        .map(|s| s.filter.text.clone())
        .unwrap_or_default()
}

/// Starts the desktop app. Without a display it says so instead of failing obscurely.
pub fn run(open: Option<PathBuf>) -> Result<(), String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(crate::t!("error-no-display"));
    }
    let config = AppConfig {
        paths: Paths::from_env(),
        open,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dossier")
            .with_app_id("dossier")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Dossier",
        options,
        Box::new(move |cc| {
            let app = DossierApp::try_new(&cc.egui_ctx, config, cc.storage)?;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| crate::t!("error-no-window", why = e.to_string()))
}
