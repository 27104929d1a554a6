//! Commands about the catalogue as a whole and its files: open, create, close, import,
//! verify, relink, open an original, preferences, restore a logged version, the office.

use eframe::egui;

use super::Outcome;
use crate::durable::keyring::Secret;
use crate::model::RecordId;
use crate::store::Catalogue;
use crate::ui::app::DossierApp;
use crate::ui::chrome::PathPurpose;
use crate::ui::chrome::UnlockForm;
use crate::ui::command::Command;
use crate::ui::csv_export_dialog::CsvExportForm;
use crate::ui::logged_version::FindVersion;
use crate::ui::tasks;

/// Whether `command` is one of this file's.
pub(super) fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::NewCatalogue { .. }
            | Command::OpenCatalogue(_)
            | Command::CloseCatalogue
            | Command::Unlock
            | Command::Lock
            | Command::ShowPassphrases
            | Command::AddPassphrase
            | Command::RemovePassphrase(_)
            | Command::ChooseCatalogue
            | Command::ChooseFilesToImport { .. }
            | Command::Import { .. }
            | Command::FocusSearch
            | Command::SavePreferences { .. }
            | Command::VerifyCatalogue
            | Command::ChooseRelinkFolder
            | Command::Relink(_)
            | Command::OpenAttachment { .. }
            | Command::RetrySave
            | Command::ChooseLoggedVersion(_)
            | Command::RestoreLoggedVersion { .. }
            | Command::SetOffice(_)
            | Command::ConfirmMerge { .. }
            | Command::ExportCsv(_)
            | Command::SetLanguage(_)
            | Command::ChooseCsvDestination
            | Command::WriteCsv(_)
            | Command::ChooseCsvToImport
            | Command::PlanCsvImport(_)
    )
}

impl DossierApp {
    pub(super) fn run_catalogue(&mut self, command: Command, ctx: &egui::Context) -> Outcome {
        let actor = self.actor();
        match command {
            Command::NewCatalogue { path, title } => self.new_catalogue(path, title, ctx)?,
            Command::OpenCatalogue(path) => self.start_open(path, ctx),
            Command::CloseCatalogue => {
                self.flush();
                self.session = None;
                self.thumbs.clear();
                crate::ui::opened_files::remove_ours();
            }
            Command::Unlock => self.unlock(ctx),
            Command::Lock => self.lock(),
            Command::ShowPassphrases => self.dialogs.passphrases = Some(Default::default()),
            Command::AddPassphrase => self.start_add_passphrase(ctx),
            Command::RemovePassphrase(label) => self.remove_passphrase(&label, &actor)?,
            Command::FocusSearch => self.status.focus_search = true,
            Command::SavePreferences {
                name,
                verify_reminder_days,
                lock_after_minutes,
                two_people,
            } => {
                self.settings.user_name = name.trim().to_string();
                self.settings.verify_reminder_days = verify_reminder_days;
                self.settings.lock_after_minutes = lock_after_minutes;
                if let Err(e) = self.settings.save(&self.paths) {
                    self.status.message = Some(e.to_string());
                }
                if let (Some(on), Some(s)) = (two_people, &mut self.session) {
                    s.cat.set_two_people_approve(on, &actor)?;
                }
                self.dialogs.welcome = None;
                self.dialogs.preferences = None;
            }
            Command::Import { files, into } => self.start_import(ctx, files, into),
            Command::VerifyCatalogue => self.start_verify(ctx),
            Command::Relink(folder) => self.start_relink(folder, &actor, ctx),
            Command::OpenAttachment { sha256, name } => {
                if let Some(s) = &self.session {
                    tasks::open_attachment(
                        s.cat.blobs().path_of(&sha256),
                        s.cat.cache_dir(),
                        name,
                        sha256,
                        s.cat.vault().clone(),
                        self.errors.0.clone(),
                    );
                }
            }
            Command::RetrySave => {
                return Ok(self.session.as_mut().and_then(|s| s.retry_batch(&actor)));
            }
            Command::RestoreLoggedVersion { id, from } => self.find_logged_version(id, from, ctx),
            Command::ConfirmMerge { keep, other } => {
                self.dialogs.confirm_merge = Some((keep, other));
            }
            Command::SetLanguage(language) => {
                crate::i18n::set_language(language);
                self.settings.language = Some(language.code().to_string());
                if let Err(e) = self.settings.save(&self.paths) {
                    self.status.message = Some(e.to_string());
                }
            }
            Command::ExportCsv(ids) => {
                self.dialogs.csv_export = Some(CsvExportForm::new(ids));
            }
            Command::WriteCsv(path) => self.write_csv(path, ctx),
            Command::PlanCsvImport(file) => self.start_csv_plan(file, ctx),
            Command::SetOffice(office) => {
                if let Some(s) = &mut self.session {
                    s.cat.set_details(None, Some(&office), &actor)?;
                }
            }
            other => self.choose(other, ctx),
        }
        Ok(None)
    }

    /// The commands that show a native file dialog first; when none can be shown (no
    /// portal, no zenity) or it is cancelled, a field to type the path is offered.
    fn choose(&mut self, command: Command, ctx: &egui::Context) {
        let (purpose, chosen) = match command {
            Command::ChooseCatalogue => (
                PathPurpose::Open,
                rfd::FileDialog::new()
                    .set_title(crate::t!("pick-catalogue"))
                    .pick_folder()
                    .map(Command::OpenCatalogue),
            ),
            Command::ChooseFilesToImport { into } => (
                PathPurpose::Import { into },
                rfd::FileDialog::new()
                    .set_title(crate::t!("pick-import-files"))
                    .pick_files()
                    .map(|files| Command::Import { files, into }),
            ),
            Command::ChooseRelinkFolder => (
                PathPurpose::Relink,
                rfd::FileDialog::new()
                    .set_title(crate::t!("pick-relink-folder"))
                    .pick_folder()
                    .map(Command::Relink),
            ),
            Command::ChooseCsvDestination => (
                PathPurpose::ExportCsv,
                rfd::FileDialog::new()
                    .set_title(crate::t!("pick-csv-destination"))
                    .add_filter("CSV", &["csv"])
                    .set_file_name("dossier-list.csv")
                    .save_file()
                    .map(Command::WriteCsv),
            ),
            Command::ChooseCsvToImport => (
                PathPurpose::ImportCsv,
                rfd::FileDialog::new()
                    .set_title(crate::t!("pick-csv-import"))
                    .add_filter("CSV", &["csv"])
                    .pick_file()
                    .map(Command::PlanCsvImport),
            ),
            Command::ChooseLoggedVersion(id) => (
                PathPurpose::LoggedVersion(id),
                rfd::FileDialog::new()
                    .set_title(crate::t!("pick-logged-version"))
                    .pick_folder()
                    .map(|from| Command::RestoreLoggedVersion { id, from }),
            ),
            _ => return,
        };
        match chosen {
            Some(next) => self.run(next, ctx),
            None => self.dialogs.offer_typed_path(purpose),
        }
    }

    /// Starts writing the CSV export that was set up to `path`: its text is made in the
    /// background, then the log entry and the file go through the writer thread.
    fn write_csv(&mut self, path: std::path::PathBuf, ctx: &egui::Context) {
        let (Some(form), Some(s)) = (self.dialogs.csv_export.take(), &mut self.session) else {
            return;
        };
        let ids = match form.ids.clone() {
            Some(ids) => ids,
            None => s.results_now().to_vec(),
        };
        let order = crate::ui::work::ExportOrder {
            ids,
            columns: form.chosen(),
            max_label: form.max_label,
            out: path,
        };
        self.start_csv_export(order, ctx);
    }

    /// Makes the catalogue of the New dialog: a plain one at once (then opened in the
    /// background), an encrypted one in the background (its key derivation takes a
    /// moment), its recovery key shown when done.
    fn new_catalogue(
        &mut self,
        path: std::path::PathBuf,
        title: String,
        ctx: &egui::Context,
    ) -> Result<(), crate::store::StoreError> {
        let Some(form) = self.dialogs.new_catalogue.take() else {
            return Ok(());
        };
        if form.plain {
            drop(Catalogue::create(&path, &title, &self.actor())?);
            self.start_open(path, ctx);
            return Ok(());
        }
        self.flush();
        self.session = None;
        let task = tasks::create_encrypted(path.clone(), title, self.actor(), form.passphrase, ctx);
        self.work.creating = Some((path, task));
        Ok(())
    }

    /// Removes a passphrase from the open catalogue (logged).
    fn remove_passphrase(
        &mut self,
        label: &str,
        actor: &str,
    ) -> Result<(), crate::store::StoreError> {
        match &mut self.session {
            Some(s) => s.cat.remove_passphrase(label, actor),
            None => Ok(()),
        }
    }

    /// Opens the catalogue of the unlock screen with what was typed there (a wrong
    /// passphrase brings the screen back, saying so).
    fn unlock(&mut self, ctx: &egui::Context) {
        if let Some(form) = self.dialogs.unlock.take() {
            let secret = match form.recovery {
                true => Secret::Recovery(form.secret),
                false => Secret::Passphrase(form.secret),
            };
            self.start_open_with(form.path, Some(secret), ctx);
        }
    }

    /// Locks an encrypted catalogue nobody has touched for the minutes the preferences
    /// say (any key or pointer event counts), and wakes the app up in time to do so.
    pub(crate) fn lock_when_idle(&mut self, ctx: &egui::Context) {
        let active = ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving());
        let now = std::time::Instant::now();
        if active {
            self.last_activity = now;
        }
        if !self.session.as_ref().is_some_and(|s| s.cat.is_encrypted()) {
            return;
        }
        let limit =
            std::time::Duration::from_secs(u64::from(self.settings.lock_after_minutes.max(1)) * 60);
        let idle = now.saturating_duration_since(self.last_activity);
        match limit.checked_sub(idle) {
            Some(left) if !left.is_zero() => ctx.request_repaint_after(left),
            _ => self.lock(),
        }
    }

    /// Forgets the open catalogue's keys (the catalogue and everything read from it are
    /// dropped, the keys wiped), removes files opened with other programs, and shows the
    /// unlock screen. A plain catalogue has nothing to lock.
    pub(crate) fn lock(&mut self) {
        let Some(path) = self
            .session
            .as_ref()
            .filter(|s| s.cat.is_encrypted())
            .map(|s| s.cat.root().to_path_buf())
        else {
            return;
        };
        self.flush();
        self.session = None;
        self.thumbs.clear();
        self.windows = Default::default();
        crate::ui::opened_files::remove_ours();
        self.dialogs.unlock = Some(UnlockForm::new(path, None));
    }

    /// Starts looking in `from` for the version of record `id` that the log knows.
    fn find_logged_version(&mut self, id: RecordId, from: std::path::PathBuf, ctx: &egui::Context) {
        let expected = self.session.as_ref().and_then(|s| {
            let previous = s.cat.outside_change(&id)?.previous.clone()?;
            Some((previous, s.cat.vault().clone()))
        });
        match expected {
            Some(((_, sha), vault)) if self.work.finding_version.is_none() => {
                self.work.finding_version = Some(FindVersion::spawn(id, sha, from, vault, ctx));
            }
            Some(_) => {}
            None => {
                self.status.message = Some(crate::t!("error-no-logged-version-here"));
            }
        }
    }
}
