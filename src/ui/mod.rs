//! The desktop app: panels over the core.
//!
//! Each frame the panels draw and only *record* what the person asked for, as `Command`s;
//! after the panels, the app applies them. Disk work (opening, writing, importing,
//! thumbnails) runs in `tasks` and is polled once per frame. One file per panel or dialog.

mod attachment_details;
mod attachments_view;
mod audit_log_window;
mod dialogs;
mod duplicates_view;
mod facets_panel;
mod history_view;
mod logged_version;
mod menu_bar;
mod problems_window;
mod recipients_window;
mod record_editor;
mod record_table;
mod review_queue;
pub mod session;
pub mod share_wizard;
pub mod sharing_log;
mod stats_panel;
mod status_bar;
pub mod tasks;
pub mod theme;
mod thumbnails;
pub mod timeline_editor;
mod toolbar;
mod trash_view;
mod verify_window;
mod widgets;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use crate::model::{Label, Recipient, RecordId, RecordKind, ReviewAction, Sha256};
use crate::search::SortColumn;
use crate::settings::{Paths, Settings};
use crate::store::{Catalogue, StoreError, WriteBatch};
pub use dialogs::Dialogs;
use session::{Place, SAVE_DELAY, Session};
use share_wizard::ShareWizard;
pub use status_bar::save_text as status_text;
use tasks::{ImportTask, OpenTask, ReceiveTask, RelinkTask, ShareTask, VerifyTask, Writer};
use thumbnails::Thumbnails;

/// Something the person asked for during a frame, applied after the panels are drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    NewCatalogue {
        path: PathBuf,
        title: String,
    },
    OpenCatalogue(PathBuf),
    CloseCatalogue,
    /// Show the native folder dialog, then open what was chosen.
    ChooseCatalogue,
    /// Show the native file dialog, then import what was chosen.
    ChooseFilesToImport {
        into: Option<RecordId>,
    },
    Import {
        files: Vec<PathBuf>,
        into: Option<RecordId>,
    },
    NewRecord(RecordKind),
    Select(Option<RecordId>),
    MoveSelection(isize),
    SaveNow,
    TrashSelected,
    Restore(RecordId),
    EmptyTrash,
    RetrySave,
    SavePreferences {
        name: String,
        verify_reminder_days: u32,
    },
    /// Verify the open catalogue in the background.
    VerifyCatalogue,
    /// Show the native folder dialog, then look there for missing originals.
    ChooseRelinkFolder,
    Relink(PathBuf),
    OpenAttachment {
        sha256: Sha256,
        name: String,
    },
    ShowPlace(Place),
    SortBy(SortColumn),
    FocusSearch,
    /// Submit, approve or request changes to records, with the reviewer's comment.
    Review {
        ids: Vec<RecordId>,
        action: ReviewAction,
        comment: String,
    },
    SetLabel {
        ids: Vec<RecordId>,
        label: Label,
    },
    ShowRecipients,
    SaveRecipients(Vec<Recipient>),
    OpenShareWizard,
    /// Show the native save dialog, then write the wizard's package there.
    ChooseShareDestination,
    StartShare(PathBuf),
    CancelShare,
    ShowSharingLog,
    /// Show the native file dialog, then receive the chosen package.
    ChoosePackageToReceive,
    Receive(PathBuf),
    /// Save the current filter as a named view.
    SaveView(String),
    RemoveView(String),
    /// Merge the duplicate person `other` into `keep`.
    MergePersons {
        keep: RecordId,
        other: RecordId,
    },
    MarkDistinct {
        a: RecordId,
        b: RecordId,
    },
    /// Accept changes made outside Dossier for review.
    AcceptOutsideChanges(Vec<RecordId>),
    /// Show the native folder dialog, then look there for the record's logged version.
    ChooseLoggedVersion(RecordId),
    /// Look in this file or folder for the record's logged version, and restore it.
    RestoreLoggedVersion {
        id: RecordId,
        from: PathBuf,
    },
    /// Set the office packages are sent in the name of.
    SetOffice(String),
}

/// What the app remembers between runs (in eframe's storage). The catalogue itself never
/// goes there.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    /// Never show graphic previews, not even blurred.
    pub hide_graphic_previews: bool,
}

const PREFS_KEY: &str = "dossier-prefs";
const MAX_RECENT: usize = 10;

/// What the status bar says about saving.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveStatus {
    pub last: Option<String>,
    pub error: Option<String>,
}

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub paths: Paths,
    /// A catalogue to open now (from `dossier open PATH`); else the last one, else the sample.
    pub open: Option<PathBuf>,
}

pub struct DossierApp {
    pub paths: Paths,
    pub settings: Settings,
    pub prefs: Prefs,
    pub session: Option<Session>,
    pub opening: Option<OpenTask>,
    pub importing: Option<ImportTask>,
    pub verifying: Option<VerifyTask>,
    pub relinking: Option<RelinkTask>,
    pub finding_version: Option<logged_version::FindVersionTask>,
    /// The last verification's result, shown until closed.
    pub verify_report: Option<crate::integrity::VerifyReport>,
    pub relink_report: Option<crate::integrity::RelinkReport>,
    pub share_wizard: Option<ShareWizard>,
    pub sharing: Option<ShareTask>,
    pub receiving: Option<ReceiveTask>,
    pub recipients_form: Option<recipients_window::RecipientForm>,
    import_queue: VecDeque<(Vec<PathBuf>, Option<RecordId>)>,
    pub writer: Writer,
    thumbs: Thumbnails,
    pub save_status: SaveStatus,
    /// A message for the person (an error that is not about saving), shown until dismissed.
    pub message: Option<String>,
    pub dialogs: Dialogs,
    pub commands: Vec<Command>,
    errors_tx: Sender<String>,
    errors_rx: Receiver<String>,
    focus_search: bool,
    /// Closing was put off because changes could not be saved.
    close_anyway: bool,
    ctx: egui::Context,
}

impl DossierApp {
    /// Makes the app; `storage` is eframe's (None in tests).
    pub fn new(
        ctx: &egui::Context,
        config: AppConfig,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        theme::install_fonts(ctx);
        let prefs: Prefs = storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let settings = Settings::load(&config.paths);
        let (errors_tx, errors_rx) = channel();
        let mut app = DossierApp {
            paths: config.paths.clone(),
            settings,
            prefs,
            session: None,
            opening: None,
            importing: None,
            verifying: None,
            relinking: None,
            finding_version: None,
            verify_report: None,
            relink_report: None,
            share_wizard: None,
            sharing: None,
            receiving: None,
            recipients_form: None,
            import_queue: VecDeque::new(),
            writer: Writer::spawn(ctx.clone()),
            thumbs: Thumbnails::new(ctx.clone()),
            save_status: SaveStatus::default(),
            message: None,
            dialogs: Dialogs::default(),
            commands: Vec::new(),
            errors_tx,
            errors_rx,
            focus_search: false,
            close_anyway: false,
            ctx: ctx.clone(),
        };
        if app.settings.user_name.trim().is_empty() {
            app.dialogs.welcome = Some(String::new());
        }
        app.start(config.open);
        app
    }

    /// Opens the given catalogue, else the most recent one that still exists, else a copy
    /// of the sample (made on first run in the data folder; `assets/` is never written).
    fn start(&mut self, open: Option<PathBuf>) {
        let target = open.or_else(|| self.prefs.recent.iter().find(|p| p.is_dir()).cloned());
        match target {
            Some(path) => self.commands.push(Command::OpenCatalogue(path)),
            None => {
                let dest = self.paths.sample_copy();
                match crate::sample::install_sample(&dest) {
                    Ok(_) => self.commands.push(Command::OpenCatalogue(dest)),
                    Err(e) => {
                        self.message = Some(format!("Could not set up the sample catalogue: {e}"))
                    }
                }
            }
        }
    }

    /// The name written with every change.
    pub fn actor(&self) -> String {
        crate::settings::actor_name(None, &self.settings)
    }

    /// Draws one frame. The eframe `App::ui` and the tests both call this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_tasks(&ctx);
        self.keyboard(&ctx);
        self.dropped_files(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| menu_bar::show(ui, self));
        egui::Panel::top("toolbar").show(ui, |ui| toolbar::show(ui, self));
        egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::show(ui, self));
        if let Some(session) = &mut self.session {
            egui::Panel::left("facets")
                .resizable(true)
                .default_size(200.0)
                .min_size(160.0)
                .max_size(320.0)
                .show(ui, |ui| facets_panel::show(ui, session, &mut self.commands));
            egui::Panel::right("editor")
                .resizable(true)
                .default_size(390.0)
                .min_size(300.0)
                .show(ui, |ui| {
                    record_editor::show(
                        ui,
                        session,
                        &mut self.thumbs,
                        &self.prefs,
                        &mut self.commands,
                    )
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.centre(ui));
        dialogs::show(&ctx, self);
        if self.dialogs.problems
            && let Some(session) = &self.session
        {
            problems_window::show(
                &ctx,
                session,
                &mut self.dialogs.problems,
                &mut self.commands,
            );
        }
        verify_window::show(&ctx, self);
        if let Some(session) = &mut self.session {
            audit_log_window::show(
                &ctx,
                session,
                &mut self.dialogs.audit_log,
                &mut self.commands,
            );
            share_wizard::show(
                &ctx,
                &mut self.share_wizard,
                session,
                self.sharing.as_ref(),
                &mut self.commands,
            );
            recipients_window::show(
                &ctx,
                &session.cat,
                &mut self.recipients_form,
                &mut self.commands,
            );
            sharing_log::show(&ctx, session, &mut self.commands);
        }

        self.apply_commands(&ctx);
        self.autosave(&ctx);
        self.thumbs.update(&ctx);
        self.handle_close(&ctx);
    }

    fn centre(&mut self, ui: &mut egui::Ui) {
        if let Some(task) = &self.opening {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading(format!("Opening {}", task.path.display()));
                let fraction = task.progress.fraction().unwrap_or(0.0);
                let bar = egui::ProgressBar::new(fraction).show_percentage();
                ui.add_sized([320.0, 18.0], bar);
                // After the last record file: the log is checked and the index built, which
                // takes a moment at 100,000 records.
                if fraction >= 1.0 {
                    ui.add_space(6.0);
                    ui.horizontal(|ui| {
                        ui.add_space((ui.available_width() - 330.0).max(0.0) / 2.0);
                        ui.spinner();
                        ui.label(theme::hint(
                            "Records read; checking the audit log and building the search index",
                        ));
                    });
                }
            });
            return;
        }
        match &mut self.session {
            Some(session) if session.place == Place::Trash => {
                trash_view::show(ui, session, &mut self.commands, &mut self.dialogs)
            }
            Some(session) if session.place == Place::ReviewQueue => {
                review_queue::show(ui, session, &mut self.commands)
            }
            Some(session) if session.place == Place::Statistics => {
                stats_panel::show(ui, session, &mut self.commands)
            }
            Some(session) if session.place == Place::Duplicates => {
                duplicates_view::show(ui, session, &mut self.commands)
            }
            Some(session) => record_table::show(ui, session, &mut self.commands),
            None => {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() / 3.0);
                    ui.heading("No catalogue is open");
                    ui.label("Open a catalogue folder, or create a new one, from the File menu.");
                    ui.add_space(8.0);
                    if ui.button("Open catalogue...").clicked() {
                        self.commands.push(Command::ChooseCatalogue);
                    }
                    if ui.button("Open the sample catalogue").clicked() {
                        let dest = self.paths.sample_copy();
                        match crate::sample::install_sample(&dest) {
                            Ok(_) => self.commands.push(Command::OpenCatalogue(dest)),
                            Err(e) => self.message = Some(e.to_string()),
                        }
                    }
                });
            }
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let (new, find, open, save, share) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::N)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::S)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::E)),
            )
        });
        if share {
            self.commands.push(Command::OpenShareWizard);
        }
        if new && self.session.is_some() {
            let kind = self
                .session
                .as_ref()
                .and_then(|s| {
                    (s.filter.kinds.len() == 1)
                        .then(|| *s.filter.kinds.iter().next().unwrap_or(&RecordKind::Report))
                })
                .unwrap_or(RecordKind::Report);
            self.commands.push(Command::NewRecord(kind));
        }
        if find {
            self.commands.push(Command::FocusSearch);
        }
        if open {
            self.commands.push(Command::ChooseCatalogue);
        }
        if save {
            self.commands.push(Command::SaveNow);
        }
        // Keys that mean something to a text field belong to it while it has focus.
        if ctx.egui_wants_keyboard_input() || self.dialogs.any_modal() {
            return;
        }
        let (delete, up, down) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::Delete),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
            )
        });
        if delete {
            self.commands.push(Command::TrashSelected);
        }
        if up {
            self.commands.push(Command::MoveSelection(-1));
        }
        if down {
            self.commands.push(Command::MoveSelection(1));
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            let into = None;
            self.commands.push(Command::Import {
                files: dropped,
                into,
            });
        }
    }

    /// Takes in what background work finished.
    fn poll_tasks(&mut self, ctx: &egui::Context) {
        for done in self.writer.poll() {
            self.take_write_result(done);
        }
        if let Some(result) = self.opening.as_ref().and_then(|t| t.poll()) {
            let path = self.opening.take().map(|t| t.path).unwrap_or_default();
            self.finish_open(path, result);
        }
        if let Some(outcome) = self.importing.as_ref().and_then(|t| t.poll()) {
            self.importing = None;
            self.finish_import(outcome);
            if let Some((files, into)) = self.import_queue.pop_front() {
                self.start_import(ctx, files, into);
            }
        }
        if let Some(result) = self.verifying.as_ref().and_then(|t| t.poll()) {
            self.verifying = None;
            self.finish_verify(result);
        }
        if let Some(result) = self.relinking.as_ref().and_then(|t| t.poll()) {
            self.relinking = None;
            self.finish_relink(result);
        }
        if let Some(found) = self.finding_version.as_ref().and_then(|t| t.poll()) {
            let id = self.finding_version.take().map(|t| t.record);
            if let Some(id) = id {
                self.finish_find_version(id, found);
            }
        }
        if let Some(result) = self.sharing.as_ref().and_then(|t| t.poll()) {
            self.sharing = None;
            self.finish_share(result);
        }
        if let Some(result) = self.receiving.as_ref().and_then(|t| t.poll()) {
            self.receiving = None;
            self.finish_receive(result);
        }
        while let Ok(e) = self.errors_rx.try_recv() {
            self.message = Some(e);
        }
    }

    /// Shows a verification's result and records it in the log.
    fn finish_verify(&mut self, result: Result<crate::integrity::VerifyReport, String>) {
        match result {
            Ok(report) => {
                let actor = self.actor();
                if let Some(s) = &self.session
                    && s.cat.is_writable()
                {
                    match s.cat.log(vec![report.draft(&actor)]) {
                        Ok(batch) => {
                            let mut batch = batch;
                            batch.summary = "Logged the verification".into();
                            self.writer.submit(batch, Vec::new());
                        }
                        Err(e) => self.message = Some(e.to_string()),
                    }
                }
                self.verify_report = Some(report);
            }
            Err(e) => self.message = Some(format!("Verification stopped: {e}")),
        }
    }

    fn finish_share(&mut self, result: Result<crate::share::PackageSummary, String>) {
        if let Ok(summary) = &result {
            self.save_status.last = Some(format!(
                "Shared {} records with {}",
                summary.records,
                self.share_wizard
                    .as_ref()
                    .and_then(|w| w.recipient.clone())
                    .unwrap_or_default()
            ));
        }
        match &mut self.share_wizard {
            Some(w) => w.result = Some(result),
            None => {
                if let Err(e) = result {
                    self.message = Some(e);
                }
            }
        }
    }

    fn finish_receive(&mut self, result: Result<crate::share::ReceiveSummary, String>) {
        match result {
            Ok(summary) => {
                self.message = Some(format!(
                    "Received package {}: {} records, {} files. It opens read-only in {}.",
                    summary.package_id,
                    summary.added,
                    summary.attachments,
                    summary.catalogue.display()
                ));
                self.commands
                    .push(Command::OpenCatalogue(summary.catalogue));
            }
            Err(e) => self.message = Some(format!("The package was not received: {e}")),
        }
    }

    /// Starts writing the wizard's package to `out` in the background.
    fn start_share(&mut self, out: PathBuf, ctx: &egui::Context) {
        if self.sharing.is_some() {
            return;
        }
        // The disclosure entries name each record file's hash: let pending edits land.
        self.flush();
        let actor = self.actor();
        let (Some(w), Some(s)) = (&mut self.share_wizard, &mut self.session) else {
            return;
        };
        let out = if w.zip && !crate::share::is_zip_path(&out) {
            let mut name = out.clone().into_os_string();
            name.push(".zip");
            PathBuf::from(name)
        } else if !w.zip && crate::share::is_zip_path(&out) {
            out.with_extension("")
        } else {
            out
        };
        let Some(plan) = w.plan(s).cloned() else {
            return;
        };
        w.result = None;
        match crate::share::prepare(&s.cat, &plan, &actor) {
            Ok(job) => self.sharing = Some(ShareTask::spawn(job, out, ctx.clone())),
            Err(e) => w.result = Some(Err(e.to_string())),
        }
    }

    fn finish_relink(&mut self, result: Result<crate::integrity::RelinkReport, String>) {
        match result {
            Ok(report) => {
                // Previews that failed for want of their original may now work.
                self.thumbs.clear();
                self.relink_report = Some(report);
            }
            Err(e) => self.message = Some(e),
        }
    }

    /// Restores a record's logged version once the search for it found a copy.
    fn finish_find_version(&mut self, id: RecordId, found: logged_version::Found) {
        let actor = self.actor();
        let Some(s) = &mut self.session else { return };
        let restored = found.and_then(|(file, bytes)| {
            s.restore_logged(&id, &bytes, &file.display().to_string(), &actor)
                .map_err(|e| e.to_string())
        });
        match restored {
            Ok(batch) => self.writer.submit(batch, vec![id]),
            Err(e) => self.message = Some(e),
        }
    }

    fn finish_open(&mut self, path: PathBuf, result: tasks::Opened) {
        match result {
            Ok((cat, index)) => {
                self.remember_recent(&path);
                if !cat.problems().is_empty()
                    || !cat.outside_changes().is_empty()
                    || !cat.opening_report().is_empty()
                {
                    self.dialogs.problems = true;
                }
                self.thumbs.clear();
                self.session = Some(Session::new(cat, index));
                self.save_status = SaveStatus::default();
            }
            Err(e) => {
                self.message = Some(e);
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    fn start_import(&mut self, ctx: &egui::Context, files: Vec<PathBuf>, into: Option<RecordId>) {
        let Some(session) = &self.session else {
            self.message = Some("Open a catalogue before importing files.".into());
            return;
        };
        if let Some(reason) = session.cat.read_only_reason() {
            self.message = Some(StoreError::ReadOnly(reason.clone()).to_string());
            return;
        }
        if self.importing.is_some() {
            self.import_queue.push_back((files, into));
            return;
        }
        let label = into
            .and_then(|id| session.cat.get(&id))
            .map(|r| r.label)
            .unwrap_or(crate::model::Label::DEFAULT_FOR_NEW);
        self.importing = Some(ImportTask::spawn(
            session.cat.blobs(),
            files,
            into,
            label,
            self.actor(),
            ctx.clone(),
        ));
    }

    fn start_relink(&mut self, folder: PathBuf, actor: &str, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        if let Some(reason) = s.cat.read_only_reason() {
            self.message = Some(StoreError::ReadOnly(reason.clone()).to_string());
            return;
        }
        if self.relinking.is_some() {
            return;
        }
        let referenced = s
            .cat
            .records()
            .iter()
            .chain(s.cat.trash())
            .flat_map(|r| &r.attachments)
            .map(|a| (a.sha256.clone(), (a.name.clone(), a.size)))
            .collect();
        self.relink_report = None;
        self.relinking = Some(RelinkTask::spawn(
            s.cat.blobs(),
            s.cat.audit().clone(),
            referenced,
            folder,
            actor.to_string(),
            ctx.clone(),
        ));
    }

    /// Days since the catalogue was last verified (or since its log began, if never), when
    /// that is more than the reminder allows.
    pub fn verification_overdue(&self) -> Option<(i64, bool)> {
        let s = self.session.as_ref()?;
        if self.verifying.is_some() {
            return None;
        }
        let last = s.cat.audit().last_verified();
        let since = last.or_else(|| s.cat.audit().started())?;
        let days = (jiff::Timestamp::now().as_second() - since.as_second()) / 86_400;
        (days >= i64::from(self.settings.verify_reminder_days)).then_some((days, last.is_some()))
    }

    /// Creates the records (or attachments) for files that were copied in.
    fn finish_import(&mut self, outcome: tasks::ImportOutcome) {
        let actor = self.actor();
        let Some(session) = &mut self.session else {
            return;
        };
        let mut failures = Vec::new();
        let mut batch = WriteBatch::new("Imported files");
        let mut touched = Vec::new();
        let mut last = None;
        let mut count = 0;
        let mut already = 0;
        // Attachments for an existing record go into its draft if it is being edited, so
        // the editor and the import never overwrite each other.
        for (path, result) in outcome.results {
            let (attachment, was_stored) = match result {
                Ok(done) => done,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            count += 1;
            already += usize::from(was_stored);
            // Attachments for the record being edited go into its draft.
            if let Some(editor) = session
                .editor
                .as_mut()
                .filter(|e| Some(e.draft.id) == outcome.into)
            {
                editor.draft.attach(attachment);
                continue;
            }
            let record =
                match session
                    .cat
                    .record_for_import(outcome.into, attachment, outcome.label, &actor)
                {
                    Ok(record) => record,
                    Err(_) => {
                        failures.push(format!("{}: the record it was for is gone", path.display()));
                        continue;
                    }
                };
            let id = record.id;
            match session.cat.put(record, &actor) {
                Ok(b) => {
                    batch.extend(b);
                    touched.push(id);
                    if let Some(r) = session.cat.get(&id) {
                        session.index.upsert(r);
                    }
                    last = Some(id);
                }
                Err(e) => failures.push(e.to_string()),
            }
        }
        if outcome.into.is_some() {
            match session.commit(&actor) {
                Ok(Some(b)) => {
                    batch.extend(b);
                    touched.extend(outcome.into);
                }
                Ok(None) => {}
                Err(e) => failures.push(e.to_string()),
            }
        } else if let Some(id) = last {
            session.place = Place::Records;
            if let Ok(Some(b)) = session.select(Some(id), &actor) {
                batch.extend(b);
            }
            session.scroll_to_selected = true;
        }
        batch.summary = format!("Imported {count} file{}", if count == 1 { "" } else { "s" });
        if already > 0 {
            batch.summary.push_str(&format!(
                " ({already} already in the catalogue: linked to the stored original, not stored twice)"
            ));
        }
        self.writer.submit(batch, touched);
        if !failures.is_empty() {
            self.message = Some(failures.join("\n"));
        }
    }

    /// Saves the draft once typing has paused.
    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let due = self
            .session
            .as_ref()
            .and_then(|s| s.editor.as_ref())
            .and_then(|e| e.changed_at)
            .map(|t| now - t >= SAVE_DELAY);
        match due {
            Some(true) => self.run(Command::SaveNow, ctx),
            Some(false) => ctx.request_repaint_after(Duration::from_secs_f64(SAVE_DELAY)),
            None => {}
        }
    }

    /// Before the window closes: save the draft and wait for the writer. If something could
    /// not be saved, keep the window open and say so.
    fn handle_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        self.flush();
        let failed = self.session.as_ref().is_some_and(|s| !s.unsaved.is_empty());
        if failed && !self.close_anyway {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.unsaved_on_close = true;
        }
    }

    /// Commits the draft and waits until every write has landed (closing, switching
    /// catalogues).
    pub fn flush(&mut self) {
        let actor = self.actor();
        if let Some(session) = &mut self.session {
            let id = session.editor.as_ref().map(|e| e.draft.id);
            match session.commit(&actor) {
                Ok(Some(batch)) => self.writer.submit(batch, id.into_iter().collect()),
                Ok(None) => {}
                Err(e) => self.save_status.error = Some(e.to_string()),
            }
        }
        self.wait_for_writes();
    }

    /// Waits until every submitted write has landed, and takes in the results.
    fn wait_for_writes(&mut self) {
        for done in self.writer.wait_idle(Duration::from_secs(30)) {
            self.take_write_result(done);
        }
    }

    fn take_write_result(&mut self, done: tasks::WriteDone) {
        match done.result {
            Ok(()) => {
                self.save_status.last = Some(done.summary);
                if let Some(s) = &mut self.session {
                    for id in &done.records {
                        s.unsaved.remove(id);
                    }
                    if s.unsaved.is_empty() {
                        self.save_status.error = None;
                    }
                }
            }
            Err(e) => {
                self.save_status.error = Some(e);
                if let Some(s) = &mut self.session {
                    s.unsaved.extend(done.records);
                }
            }
        }
    }

    /// Waits for every background task and takes in its results (tests only). Does not
    /// commit the draft being typed.
    pub fn wait_for_background(&mut self) {
        if let Some(task) = self.opening.take() {
            let result = task
                .wait(Duration::from_secs(60))
                .unwrap_or_else(|| Err("opening timed out".into()));
            self.finish_open(task.path.clone(), result);
        }
        while let Some(task) = self.importing.take() {
            if let Some(outcome) = task.wait(Duration::from_secs(60)) {
                self.finish_import(outcome);
            }
            if let Some((files, into)) = self.import_queue.pop_front() {
                let ctx = self.ctx.clone();
                self.start_import(&ctx, files, into);
            }
        }
        if let Some(task) = self.verifying.take()
            && let Some(result) = task.wait(Duration::from_secs(120))
        {
            self.finish_verify(result);
        }
        if let Some(task) = self.relinking.take()
            && let Some(result) = task.wait(Duration::from_secs(120))
        {
            self.finish_relink(result);
        }
        if let Some(task) = self.finding_version.take()
            && let Some(found) = task.wait(Duration::from_secs(120))
        {
            self.finish_find_version(task.record, found);
        }
        if let Some(task) = self.sharing.take()
            && let Some(result) = task.wait(Duration::from_secs(120))
        {
            self.finish_share(result);
        }
        if let Some(task) = self.receiving.take()
            && let Some(result) = task.wait(Duration::from_secs(120))
        {
            self.finish_receive(result);
        }
        self.thumbs.wait_idle(&self.ctx.clone());
        if let Some(session) = &mut self.session {
            session.wait_for_duplicates(Duration::from_secs(120));
        }
        // Edits still being typed are not committed here: that is the autosave's job.
        self.wait_for_writes();
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            self.run(command, ctx);
        }
    }

    /// Carries out one command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        let actor = self.actor();
        let result: Result<Option<(WriteBatch, Vec<RecordId>)>, StoreError> = match command {
            Command::NewCatalogue { path, title } => match Catalogue::create(&path, &title, &actor)
            {
                Ok(cat) => {
                    drop(cat); // release the lock; it is reopened in the background
                    self.dialogs.new_catalogue = None;
                    self.run(Command::OpenCatalogue(path), ctx);
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            Command::OpenCatalogue(path) => {
                self.flush();
                self.session = None; // releases the lock of the one being left
                self.opening = Some(OpenTask::spawn(path, actor, ctx.clone()));
                Ok(None)
            }
            Command::CloseCatalogue => {
                self.flush();
                self.session = None;
                self.thumbs.clear();
                Ok(None)
            }
            Command::ChooseCatalogue => {
                match rfd::FileDialog::new()
                    .set_title("Open a Dossier catalogue folder")
                    .pick_folder()
                {
                    Some(path) => self.run(Command::OpenCatalogue(path), ctx),
                    None => self.dialogs.offer_typed_path(dialogs::PathPurpose::Open),
                }
                Ok(None)
            }
            Command::ChooseFilesToImport { into } => {
                match rfd::FileDialog::new()
                    .set_title("Import files into the catalogue")
                    .pick_files()
                {
                    Some(files) => self.run(Command::Import { files, into }, ctx),
                    None => self
                        .dialogs
                        .offer_typed_path(dialogs::PathPurpose::Import { into }),
                }
                Ok(None)
            }
            Command::Import { files, into } => {
                self.start_import(ctx, files, into);
                Ok(None)
            }
            Command::FocusSearch => {
                self.focus_search = true;
                Ok(None)
            }
            Command::SavePreferences {
                name,
                verify_reminder_days,
            } => {
                self.settings.user_name = name.trim().to_string();
                self.settings.verify_reminder_days = verify_reminder_days;
                if let Err(e) = self.settings.save(&self.paths) {
                    self.message = Some(e.to_string());
                }
                self.dialogs.welcome = None;
                self.dialogs.preferences = None;
                Ok(None)
            }
            Command::VerifyCatalogue => {
                let root = self.session.as_ref().map(|s| s.cat.root().to_path_buf());
                if self.verifying.is_none()
                    && let Some(root) = root
                {
                    // Verify what is on disk: let pending edits land first.
                    self.flush();
                    self.verify_report = None;
                    self.verifying = Some(VerifyTask::spawn(root, ctx.clone()));
                }
                Ok(None)
            }
            Command::ChooseRelinkFolder => {
                match rfd::FileDialog::new()
                    .set_title("Where might the missing originals be? (a folder or a drive)")
                    .pick_folder()
                {
                    Some(folder) => self.run(Command::Relink(folder), ctx),
                    None => self.dialogs.offer_typed_path(dialogs::PathPurpose::Relink),
                }
                Ok(None)
            }
            Command::Relink(folder) => {
                self.start_relink(folder, &actor, ctx);
                Ok(None)
            }
            Command::OpenAttachment { sha256, name } => {
                if let Some(s) = &self.session {
                    tasks::open_attachment(
                        s.cat.blobs().path_of(&sha256),
                        s.cat.cache_dir(),
                        name,
                        sha256,
                        self.errors_tx.clone(),
                    );
                }
                Ok(None)
            }
            Command::RetrySave => Ok(self.session.as_mut().and_then(|s| s.retry_batch(&actor))),
            Command::ShowRecipients => {
                self.recipients_form = Some(Default::default());
                Ok(None)
            }
            Command::SaveRecipients(list) => match &mut self.session {
                Some(s) => s
                    .cat
                    .set_recipients(list, &actor)
                    .map(|b| Some((b, Vec::new()))),
                None => Ok(None),
            },
            Command::OpenShareWizard => {
                if self.session.is_some() && self.share_wizard.is_none() {
                    let mut w = ShareWizard::default();
                    if let Some(s) = &self.session
                        && s.cat.recipients().len() == 1
                    {
                        w.recipient = Some(s.cat.recipients()[0].name.clone());
                    }
                    self.share_wizard = Some(w);
                }
                Ok(None)
            }
            Command::ChooseShareDestination => {
                let zip = self.share_wizard.as_ref().is_none_or(|w| w.zip);
                let recipient = self
                    .share_wizard
                    .as_ref()
                    .and_then(|w| w.recipient.clone())
                    .unwrap_or_default();
                let name = format!(
                    "Dossier package for {} {}{}",
                    crate::share::safe_file_name(&recipient),
                    jiff::Zoned::now().date(),
                    if zip { ".zip" } else { "" }
                );
                let mut dialog = rfd::FileDialog::new()
                    .set_title(if zip {
                        "Save the package as a .zip file"
                    } else {
                        "Name the new package folder"
                    })
                    .set_file_name(name);
                if zip {
                    dialog = dialog.add_filter("Zip archive", &["zip"]);
                }
                match dialog.save_file() {
                    Some(path) => self.start_share(path, ctx),
                    None => self
                        .dialogs
                        .offer_typed_path(dialogs::PathPurpose::SharePackage),
                }
                Ok(None)
            }
            Command::StartShare(path) => {
                self.start_share(path, ctx);
                Ok(None)
            }
            Command::CancelShare => {
                if let Some(t) = &self.sharing {
                    t.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                Ok(None)
            }
            Command::ShowSharingLog => {
                if let Some(s) = &mut self.session {
                    s.sharing_log.open = true;
                }
                Ok(None)
            }
            Command::ChoosePackageToReceive => {
                match rfd::FileDialog::new()
                    .set_title("Receive a package from another office (.zip)")
                    .add_filter("Dossier package", &["zip"])
                    .pick_file()
                {
                    Some(path) => self.run(Command::Receive(path), ctx),
                    None => self.dialogs.offer_typed_path(dialogs::PathPurpose::Receive),
                }
                Ok(None)
            }
            Command::ChooseLoggedVersion(id) => {
                match rfd::FileDialog::new()
                    .set_title(
                        "The folder holding a copy of this record (a backup, another desktop)",
                    )
                    .pick_folder()
                {
                    Some(from) => self.run(Command::RestoreLoggedVersion { id, from }, ctx),
                    None => self
                        .dialogs
                        .offer_typed_path(dialogs::PathPurpose::LoggedVersion(id)),
                }
                Ok(None)
            }
            Command::RestoreLoggedVersion { id, from } => {
                let expected = self
                    .session
                    .as_ref()
                    .and_then(|s| s.cat.outside_change(&id))
                    .and_then(|c| c.previous.clone());
                match expected {
                    Some((_, sha)) if self.finding_version.is_none() => {
                        self.finding_version = Some(logged_version::FindVersionTask::spawn(
                            id,
                            sha,
                            from,
                            ctx.clone(),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        self.message = Some(
                            "This record has no logged version to restore: accept it for review instead."
                                .into(),
                        );
                    }
                }
                Ok(None)
            }
            Command::SetOffice(office) => match &mut self.session {
                Some(s) => s
                    .cat
                    .set_details(None, Some(&office), &actor)
                    .map(|()| None),
                None => Ok(None),
            },
            Command::Receive(package) => {
                if self.receiving.is_none() {
                    let stem = package
                        .file_stem()
                        .map(|s| crate::share::safe_file_name(&s.to_string_lossy()))
                        .unwrap_or_else(|| "package".into());
                    let base = self.paths.data_dir.join("received");
                    let mut dest = base.join(&stem);
                    let mut n = 2;
                    while dest.exists() {
                        dest = base.join(format!("{stem} ({n})"));
                        n += 1;
                    }
                    self.receiving = Some(ReceiveTask::spawn(
                        package,
                        dest,
                        actor.clone(),
                        ctx.clone(),
                    ));
                }
                Ok(None)
            }
            other => self.run_on_session(other, &actor),
        };
        match result {
            Ok(Some((batch, ids))) => self.writer.submit(batch, ids),
            Ok(None) => {}
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Commands about the open catalogue's records.
    fn run_on_session(
        &mut self,
        command: Command,
        actor: &str,
    ) -> Result<Option<(WriteBatch, Vec<RecordId>)>, StoreError> {
        let Some(s) = &mut self.session else {
            return Ok(None);
        };
        let selected = s.selected;
        let with = |b: Option<WriteBatch>, ids: Vec<RecordId>| b.map(|b| (b, ids));
        Ok(match command {
            Command::NewRecord(kind) => {
                let b = s.new_record(kind, actor)?;
                let ids = s.selected.into_iter().chain(selected).collect();
                Some((b, ids))
            }
            Command::Select(id) => with(s.select(id, actor)?, selected.into_iter().collect()),
            Command::MoveSelection(delta) => with(
                s.move_selection(delta, actor)?,
                selected.into_iter().collect(),
            ),
            Command::SaveNow => with(s.commit(actor)?, selected.into_iter().collect()),
            Command::TrashSelected => {
                with(s.trash_selected(actor)?, selected.into_iter().collect())
            }
            Command::Restore(id) => Some((s.restore(id, actor)?, vec![id])),
            Command::EmptyTrash => Some((s.empty_trash(actor)?, Vec::new())),
            Command::Review {
                ids,
                action,
                comment,
            } => {
                let b = s.review(&ids, action, &comment, actor)?;
                Some((b, ids))
            }
            Command::SetLabel { ids, label } => {
                let b = s.set_label(&ids, label, actor)?;
                Some((b, ids))
            }
            Command::ShowPlace(place) => {
                let b = s.select(None, actor)?;
                s.place = place;
                with(b, selected.into_iter().collect())
            }
            Command::SaveView(name) => Some((s.save_view(&name)?, Vec::new())),
            Command::RemoveView(name) => Some((s.remove_view(&name)?, Vec::new())),
            Command::MergePersons { keep, other } => {
                Some((s.merge(keep, other, actor)?, vec![keep, other]))
            }
            Command::MarkDistinct { a, b } => Some((s.mark_distinct(a, b, actor)?, vec![a])),
            Command::AcceptOutsideChanges(ids) => {
                let b = s.accept_outside(&ids, actor)?;
                Some((b, ids))
            }
            Command::SortBy(column) => {
                if s.sort == column {
                    s.ascending = !s.ascending;
                } else {
                    s.sort = column;
                    s.ascending = !matches!(column, SortColumn::Modified | SortColumn::Attachments);
                }
                None
            }
            _ => None,
        })
    }

    /// True once (and only once) after Ctrl+F: the search box takes focus.
    pub fn take_focus_search(&mut self) -> bool {
        std::mem::take(&mut self.focus_search)
    }

    /// Whether background work is going on, and how far it is, for the status bar.
    pub fn background_progress(&self) -> Option<(String, Option<f32>)> {
        if let Some(t) = &self.importing {
            let done = t.files_done.load(std::sync::atomic::Ordering::Relaxed);
            return Some((
                format!("Importing file {} of {}", (done + 1).min(t.files), t.files),
                t.progress.fraction(),
            ));
        }
        if let Some(t) = &self.opening {
            return Some(("Opening".into(), t.progress.fraction()));
        }
        if let Some(t) = &self.verifying {
            return Some(("Verifying".into(), t.progress.fraction()));
        }
        if let Some(t) = &self.sharing {
            return Some(("Writing the package".into(), t.progress.fraction()));
        }
        if self.receiving.is_some() {
            return Some(("Receiving a package".into(), None));
        }
        if self.finding_version.is_some() {
            return Some(("Looking for the logged version".into(), None));
        }
        if let Some(t) = &self.relinking {
            let seen = t.files_seen.load(std::sync::atomic::Ordering::Relaxed);
            return Some((format!("Looking for originals: {seen} files"), None));
        }
        if self.thumbs.busy() > 0 {
            return Some((format!("Making {} previews", self.thumbs.busy()), None));
        }
        None
    }

    /// Whether a thumbnail of the original `sha256` (blurred, or not) is loaded. Tests use
    /// it to show that a graphic image is never loaded before someone reveals it.
    pub fn thumbnail_loaded(&self, sha256: &Sha256, obscured: bool) -> bool {
        self.thumbs.is_ready(&tasks::ThumbKey {
            sha256: sha256.clone(),
            obscured,
        })
    }

    /// Why an original has no preview (a damaged or oversized image), if it failed.
    pub fn thumbnail_failure(&self, sha256: &Sha256) -> Option<&str> {
        self.thumbs.failure(&tasks::ThumbKey {
            sha256: sha256.clone(),
            obscured: false,
        })
    }

    fn prefs_save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs_save(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
    }
}

/// Starts the desktop app. Without a display it says so instead of failing obscurely.
pub fn run(open: Option<PathBuf>) -> Result<(), String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(
            "Dossier's window needs a graphical desktop, and none was found (neither DISPLAY nor WAYLAND_DISPLAY is set).\nThe command-line tools work without one: see `dossier --help`."
                .into(),
        );
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
        Box::new(move |cc| Ok(Box::new(DossierApp::new(&cc.egui_ctx, config, cc.storage)))),
    )
    .map_err(|e| format!("Dossier could not open its window: {e}"))
}
