//! The app's state: the open catalogue's session, what the chrome shows, the windows that
//! keep state, and the background workers. What it does is split by concern: drawing a
//! frame (`frame.rs`), carrying out commands (`commands/`), background work (`background.rs`,
//! `jobs.rs`) and saving (`saving.rs`).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;

use super::audit_log_window::LogView;
use super::chrome::{Busy, Chrome, Dialogs, Prefs, Status};
use super::command::Command;
use super::layout::LayoutSeen;
use super::recipients_window::RecipientForm;
use super::session::Session;
use super::share_wizard::ShareWizard;
use super::sharing_log::SharingLogView;
use super::thumbnailer::ThumbKey;
use super::thumbnails::Thumbnails;
use super::work::Background;
use super::writer::Writer;
use super::{status_bar, theme};
use crate::model::Sha256;
use crate::settings::{Paths, Settings};

/// Where eframe keeps [`Prefs`].
pub(super) const PREFS_KEY: &str = "dossier-prefs";

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub paths: Paths,
    /// A catalogue to open now (from `dossier open PATH`); else the last one, else the sample.
    pub open: Option<PathBuf>,
}

/// The windows that keep their own state while open. They start afresh for each catalogue.
#[derive(Default)]
pub(super) struct Windows {
    pub audit_log: LogView,
    pub sharing_log: SharingLogView,
    pub recipients: Option<RecipientForm>,
    /// File > Sync...: the remotes as last read (reading them runs git).
    pub sync: Option<super::sync_window::SyncWindow>,
    /// The viewer, when open on an attachment.
    pub viewer: Option<super::viewer::Viewer>,
}

/// The desktop app.
pub struct DossierApp {
    pub paths: Paths,
    pub settings: Settings,
    pub prefs: Prefs,
    /// The open catalogue, with what the person is looking at.
    pub session: Option<Session>,
    pub share_wizard: Option<ShareWizard>,
    pub dialogs: Dialogs,
    /// What the panels asked for this frame, carried out after them.
    pub commands: Vec<Command>,
    /// Where the panels and the list's labels were drawn last frame (for the tests).
    pub layout_seen: LayoutSeen,
    /// The status bar's content height last frame: its panel is sized by it, as the
    /// content is drawn after the list (see `frame.rs`).
    pub(super) status_height: f32,
    /// Whether the last Tab went backwards (Shift+Tab).
    pub(super) tab_back: bool,
    /// The windows open, in the order they opened (Escape closes the last).
    pub(super) window_order: Vec<super::command::WindowKind>,
    pub(super) status: Status,
    pub(super) work: Background,
    pub(super) windows: Windows,
    pub(super) writer: Writer,
    pub(super) thumbs: Thumbnails,
    /// Errors from threads that have no task of their own (opening an original).
    pub(super) errors: (Sender<String>, Receiver<String>),
    pub(super) ctx: egui::Context,
    /// The watch on the open catalogue's record folders (changes made outside the app).
    pub(super) watch: Option<super::folder_watch::FolderWatch>,
    /// An edit in progress when the catalogue changed underneath it: the record as it was
    /// and as edited, merged with the new version once the catalogue has opened again.
    pub(super) stale_edit: Option<(Option<crate::model::Record>, crate::model::Record)>,
    /// The last key press or pointer movement (the idle lock counts from it).
    pub last_activity: std::time::Instant,
}

impl DossierApp {
    /// Makes the app; `storage` is eframe's (None in tests).
    ///
    /// # Panics
    /// When the writer thread cannot start: nothing could be saved, so the app does not
    /// open (`run` reports it before the window appears).
    pub fn new(
        ctx: &egui::Context,
        config: AppConfig,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        // Originals a run that died had opened with other programs.
        super::opened_files::remove_left_behind();
        match Self::try_new(ctx, config, storage) {
            Ok(app) => app,
            Err(e) => panic!("Dossier cannot start its writer thread: {e}"),
        }
    }

    /// Makes the app, or says why it cannot start.
    pub fn try_new(
        ctx: &egui::Context,
        config: AppConfig,
        storage: Option<&dyn eframe::Storage>,
    ) -> std::io::Result<Self> {
        theme::install_fonts(ctx);
        theme::install_style(ctx);
        let prefs: Prefs = storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let settings = Settings::load(&config.paths);
        // The language chosen in Preferences; until then, the system's.
        let language = settings
            .language
            .as_deref()
            .and_then(crate::i18n::Language::from_code)
            .unwrap_or_else(crate::i18n::Language::of_system);
        crate::i18n::set_language(language);
        let mut app = DossierApp {
            paths: config.paths.clone(),
            settings,
            prefs,
            session: None,
            share_wizard: None,
            dialogs: Dialogs::default(),
            commands: Vec::new(),
            layout_seen: LayoutSeen::default(),
            status_height: 0.0,
            tab_back: false,
            window_order: Vec::new(),
            status: Status::default(),
            work: Background::default(),
            windows: Windows::default(),
            writer: Writer::spawn(ctx.clone())?,
            thumbs: Thumbnails::new(ctx.clone()),
            errors: channel(),
            ctx: ctx.clone(),
            watch: None,
            stale_edit: None,
            last_activity: std::time::Instant::now(),
        };
        if app.settings.user_name.trim().is_empty() {
            app.dialogs.welcome = Some(String::new());
        }
        app.start(config.open);
        Ok(app)
    }

    /// Opens the given catalogue, else the most recent one that still exists, else a copy
    /// of the sample (made on first run in the data folder; `assets/` is never written).
    fn start(&mut self, open: Option<PathBuf>) {
        let target = open.or_else(|| self.prefs.recent.iter().find(|p| p.is_dir()).cloned());
        match target {
            Some(path) => self.commands.push(Command::OpenCatalogue(path)),
            None => self.open_sample(),
        }
    }

    /// Opens a copy of the sample catalogue, making it first if needed.
    pub(super) fn open_sample(&mut self) {
        let dest = self.paths.sample_copy();
        match crate::sample::install_sample(&dest) {
            Ok(_) => self.commands.push(Command::OpenCatalogue(dest)),
            Err(e) => self.status.message = Some(crate::t!("error-sample", why = e.to_string())),
        }
    }

    /// The name written with every change.
    /// The viewer, when it is open (for tests).
    pub fn viewer(&self) -> Option<&super::viewer::Viewer> {
        self.windows.viewer.as_ref()
    }

    pub fn actor(&self) -> String {
        crate::settings::actor_name(None, &self.settings)
    }

    /// The message shown to the person, if any (an error that is not about saving).
    pub fn message(&self) -> Option<&str> {
        self.status.message.as_deref()
    }

    /// What the chrome may use this frame.
    pub(super) fn chrome<'a>(&'a mut self, busy: &'a Busy) -> Chrome<'a> {
        Chrome {
            session: self.session.as_mut(),
            commands: &mut self.commands,
            dialogs: &mut self.dialogs,
            prefs: &mut self.prefs,
            settings: &self.settings,
            status: &mut self.status,
            busy,
        }
    }

    /// Whether a CSV export's text is being made in the background (for tests).
    pub fn exporting_csv(&self) -> bool {
        self.work.csv_export.is_some()
    }

    /// What the audit log window's actor filter holds (for tests).
    pub fn audit_log_actor_filter(&self) -> String {
        self.windows.audit_log.filter.actor.clone()
    }

    /// The recipient the Recipients window is changing, if any (for tests).
    pub fn windows_recipient_editing(&self) -> Option<String> {
        self.windows
            .recipients
            .as_ref()
            .and_then(|f| f.editing.clone())
    }

    /// What the status bar says about saving ("Saving...", "Saved", "Not saved: ...").
    pub fn status_text(&self) -> String {
        status_bar::save_text(
            self.writer.pending(),
            &self.status.save,
            self.session.as_ref(),
        )
    }

    /// Whether a thumbnail of the original `sha256` (blurred, or not) is loaded. Tests use
    /// it to show that a graphic image is never loaded before someone reveals it.
    pub fn thumbnail_loaded(&self, sha256: &Sha256, obscured: bool) -> bool {
        self.thumbs.is_ready(&ThumbKey {
            sha256: sha256.clone(),
            obscured,
        })
    }

    /// Why an original has no preview (a damaged or oversized image), if it failed.
    pub fn thumbnail_failure(&self, sha256: &Sha256) -> Option<&str> {
        self.thumbs.failure(&ThumbKey {
            sha256: sha256.clone(),
            obscured: false,
        })
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
        super::opened_files::remove_ours();
    }
}
