//! Starting background work, and taking in what it finished: the catalogue opened, the
//! files imported (turned into records by the one import rule), the verification logged,
//! the package written or received, the originals found, the logged version restored.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::app::DossierApp;
use super::chrome::SaveStatus;
use super::chrome::UnlockForm;
use super::command::Place;
use super::logged_version::Found;
use super::session::Session;
use super::task::{Task, TaskError};
use super::tasks::{self, Created, ImportOutcome, Opened, Received};
use crate::durable::keyring::Secret;
use crate::integrity::{RelinkReport, VerifyReport};
use crate::media;
use crate::model::{Label, RecordId};
use crate::share::PackageSummary;
use crate::store::{StoreError, WriteBatch};

/// How many recent catalogues the File menu lists.
const MAX_RECENT: usize = 10;

impl DossierApp {
    pub(super) fn finish_open(&mut self, path: PathBuf, result: Result<Opened, TaskError>) {
        match result {
            Ok(Opened {
                cat,
                index,
                synced,
                watch,
                first,
            }) => {
                self.status.last_synced = synced;
                self.remember_recent(&path);
                if !cat.problems().is_empty()
                    || !cat.outside_changes().is_empty()
                    || !cat.opening_report().is_empty()
                {
                    self.dialogs.problems = true;
                }
                self.thumbs.clear();
                self.windows = Default::default();
                let ctx = self.ctx.clone();
                self.watch = watch;
                let mut session = Session::new(cat, index);
                if let Some(found) = first {
                    session.show_first(found);
                }
                session.start_reading(&ctx);
                session.search.set_context(ctx);
                self.session = Some(session);
                self.status.save = SaveStatus::default();
                self.merge_stale_edit();
            }
            // An encrypted catalogue asks for its passphrase; a wrong one asks again.
            Err(TaskError::Store(StoreError::Locked(_))) => {
                self.dialogs.unlock = Some(UnlockForm::new(path, None));
            }
            Err(TaskError::Store(e @ StoreError::WrongSecret { .. })) => {
                self.dialogs.unlock = Some(UnlockForm::new(path, Some(e.to_string())));
            }
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }

    /// Takes in a new encrypted catalogue: open, with its recovery key shown once.
    pub(super) fn finish_create(&mut self, path: PathBuf, result: Result<Created, TaskError>) {
        match result {
            Ok((opened, words)) => {
                self.finish_open(path, Ok(opened));
                self.dialogs.recovery_key = Some((words, false));
            }
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }

    /// Starts wrapping the catalogue key for the passphrase typed in the passphrases
    /// dialog (Argon2id runs off the UI thread).
    pub(super) fn start_add_passphrase(&mut self, ctx: &egui::Context) {
        let (Some(form), Some(s)) = (&mut self.dialogs.passphrases, &self.session) else {
            return;
        };
        if self.work.wrapping.is_some() {
            return;
        }
        let kdf = crate::durable::keyring::KdfParams::DEFAULT;
        match s
            .cat
            .passphrase_wrapper(&form.label, form.passphrase.clone(), kdf)
        {
            Ok(wrap) => {
                form.working = true;
                form.error = None;
                let task = Task::spawn(
                    crate::t!("task-wrapping"),
                    "wrap-passphrase",
                    ctx,
                    move |_| Ok(wrap()?),
                );
                self.work.wrapping = Some(task);
            }
            Err(e) => form.error = Some(e.to_string()),
        }
    }

    /// Adds the wrapped passphrase to the catalogue (logged), or says why not.
    pub(super) fn finish_add_passphrase(
        &mut self,
        result: Result<crate::durable::keyring::WrappedKey, TaskError>,
    ) {
        let actor = self.actor();
        let added = match (result, &mut self.session) {
            (Ok(wrap), Some(s)) => {
                // A label already there is that person's passphrase, changed.
                let known = s.cat.keys().iter().any(|k| k.label == wrap.label);
                let done = match known {
                    true => s.cat.replace_wrapped(wrap, &actor),
                    false => s.cat.add_wrapped(wrap, &actor),
                };
                done.map_err(|e| e.to_string())
            }
            (Ok(_), None) => Err(crate::t!("error-import-needs-catalogue")),
            (Err(e), _) => Err(e.to_string()),
        };
        if let Some(form) = &mut self.dialogs.passphrases {
            match added {
                Ok(()) => *form = Default::default(),
                Err(e) => {
                    form.working = false;
                    form.error = Some(e);
                }
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Starts copying files into the catalogue (queued behind an import already running).
    pub(super) fn start_import(
        &mut self,
        ctx: &egui::Context,
        files: Vec<PathBuf>,
        into: Option<RecordId>,
    ) {
        let Some(session) = &self.session else {
            self.status.message = Some(crate::t!("error-import-needs-catalogue"));
            return;
        };
        if let Some(reason) = session.cat.read_only_reason() {
            self.status.message = Some(StoreError::ReadOnly(reason.clone()).to_string());
            return;
        }
        if self.work.importing.is_some() {
            self.work.import_queue.push_back((files, into));
            return;
        }
        let label = into
            .and_then(|id| session.cat.get(&id))
            .map(|r| r.label)
            .unwrap_or(Label::DEFAULT_FOR_NEW);
        let blobs = session.cat.blobs();
        self.work.importing = Some(tasks::import(blobs, files, into, label, self.actor(), ctx));
    }

    /// Creates the records (or attachments) for files that were copied in.
    pub(super) fn finish_import(&mut self, outcome: Result<ImportOutcome, TaskError>) {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e) => {
                self.status.message = Some(e.to_string());
                return;
            }
        };
        let actor = self.actor();
        let Some(session) = &mut self.session else {
            return;
        };
        let mut imported = Imported::default();
        let (into, label) = (outcome.into, outcome.label);
        for (path, result) in outcome.results {
            match result {
                Ok(media::Imported {
                    attachment,
                    already_stored: was_stored,
                }) => {
                    imported.count += 1;
                    imported.already += usize::from(was_stored);
                    imported.take(session, &path, attachment, (into, label), &actor);
                }
                Err(e) => imported.failures.push(e.to_string()),
            }
        }
        let batch = imported.finish(session, into, &actor);
        self.writer.submit(batch, imported.touched);
        if !imported.failures.is_empty() {
            self.status.message = Some(imported.failures.join("\n"));
        }
    }

    /// Shows a verification's result and records it in the log.
    pub(super) fn finish_verify(&mut self, result: Result<VerifyReport, TaskError>) {
        let report = match result {
            Ok(report) => report,
            Err(e) => {
                self.status.message = Some(crate::t!("error-verify-stopped", why = e.to_string()));
                return;
            }
        };
        let actor = self.actor();
        if let Some(s) = &self.session
            && s.cat.is_writable()
        {
            match s.cat.log(vec![report.draft(&actor)]) {
                Ok(mut batch) => {
                    batch.summary = crate::t!("done-logged-verification");
                    self.writer.submit(batch, Vec::new());
                }
                Err(e) => self.status.message = Some(e.to_string()),
            }
        }
        self.status.verify_report = Some(report);
    }

    /// Starts writing the wizard's package to `out` in the background.
    pub(super) fn start_share(&mut self, out: PathBuf, ctx: &egui::Context) {
        if self.work.sharing.is_some() {
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
        w.passphrase = None;
        let prepared = crate::share::prepare(&s.cat, &plan, &actor).and_then(|mut job| {
            if w.zip && w.encrypt {
                let passphrase = crate::share::new_package_passphrase()?;
                job.protect = Some(crate::share::PackagePassphrase(passphrase.clone()));
                w.passphrase = Some(passphrase);
            }
            Ok(job)
        });
        match prepared {
            Ok(job) => self.work.sharing = Some(tasks::share(job, out, ctx)),
            Err(e) => w.result = Some(Err(e.to_string())),
        }
    }

    pub(super) fn finish_share(&mut self, result: Result<PackageSummary, TaskError>) {
        let result = result.map_err(|e| e.to_string());
        if let Ok(summary) = &result {
            let recipient = self.share_wizard.as_ref().and_then(|w| w.recipient.clone());
            self.status.save.last = Some(crate::t!(
                "done-shared",
                count = summary.records,
                recipient = recipient.unwrap_or_default()
            ));
        }
        match &mut self.share_wizard {
            Some(w) => w.result = Some(result),
            None => {
                if let Err(e) = result {
                    self.status.message = Some(e);
                }
            }
        }
    }

    /// Opens the catalogue a package was received into (with the passphrase just chosen
    /// for it, and its recovery key shown once), or asks again for a wrong passphrase.
    pub(super) fn finish_receive(
        &mut self,
        target: super::chrome::ReceiveTarget,
        result: Result<Received, TaskError>,
    ) {
        match result {
            Ok((summary, words)) => {
                self.status.message = Some(crate::t!(
                    "done-received",
                    package = summary.package_id.as_str(),
                    count = summary.added,
                    files = summary.attachments,
                    folder = summary.catalogue.display().to_string()
                ));
                let secret = target.passphrase.map(Secret::Passphrase);
                let ctx = self.ctx.clone();
                self.start_open_with(summary.catalogue, secret, &ctx);
                if let Some(words) = words {
                    self.dialogs.recovery_key = Some((words, false));
                }
            }
            // A wrong passphrase asks again, saying so.
            Err(TaskError::Share(e @ crate::share::ShareError::WrongPackagePassphrase(_))) => {
                let crate::share::ShareError::WrongPackagePassphrase(package) = &e else {
                    return;
                };
                self.dialogs.package_passphrase = Some(super::chrome::PackagePassphraseForm {
                    package: package.clone(),
                    target,
                    error: Some(e.to_string()),
                    ..Default::default()
                });
            }
            Err(e) => {
                self.status.message = Some(crate::t!("error-not-received", why = e.to_string()))
            }
        }
    }

    /// Starts looking in `folder` for the originals that are missing.
    pub(super) fn start_relink(&mut self, folder: PathBuf, actor: &str, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        if let Some(reason) = s.cat.read_only_reason() {
            self.status.message = Some(StoreError::ReadOnly(reason.clone()).to_string());
            return;
        }
        if self.work.relinking.is_some() {
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
        self.status.relink_report = None;
        self.work.relinking = Some(tasks::relink(
            s.cat.blobs(),
            s.cat.audit().clone(),
            referenced,
            folder,
            actor.to_string(),
            ctx,
        ));
    }

    pub(super) fn finish_relink(&mut self, result: Result<RelinkReport, TaskError>) {
        match result {
            Ok(report) => {
                // Previews that failed for want of their original may now work.
                self.thumbs.clear();
                self.status.relink_report = Some(report);
            }
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }

    /// Restores a record's logged version once the search for it found a copy.
    pub(super) fn finish_find_version(&mut self, id: RecordId, found: Result<Found, TaskError>) {
        let actor = self.actor();
        let Some(s) = &mut self.session else { return };
        let restored = found.and_then(|(file, bytes)| {
            Ok(s.restore_logged(&id, &bytes, &file.display().to_string(), &actor)?)
        });
        match restored {
            Ok(batch) => self.writer.submit(batch, vec![id]),
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }

    /// Starts the verification of the open catalogue, unless one is running.
    pub(super) fn start_verify(&mut self, ctx: &egui::Context) {
        let open = self
            .session
            .as_ref()
            .map(|s| (s.cat.root().to_path_buf(), s.cat.secret_to_reopen()));
        if self.work.verifying.is_none()
            && let Some((root, secret)) = open
        {
            // Verify what is on disk: let pending edits land first.
            self.flush();
            self.status.verify_report = None;
            self.work.verifying = Some(tasks::verify(root, secret, ctx));
        }
    }

    /// Starts opening the catalogue at `path`, leaving (and unlocking) the open one.
    pub(super) fn start_open(&mut self, path: PathBuf, ctx: &egui::Context) {
        self.start_open_with(path, None, ctx);
    }

    /// Starts opening the catalogue at `path` with what unlocks it (when encrypted).
    pub fn start_open_with(
        &mut self,
        path: PathBuf,
        secret: Option<crate::durable::keyring::Secret>,
        ctx: &egui::Context,
    ) {
        self.flush();
        self.session = None;
        let data_dir = self.paths.data_dir.clone();
        let task: Task<Opened> = tasks::open(path.clone(), self.actor(), secret, data_dir, ctx);
        self.work.opening = Some((path, task));
    }
}

/// The records an import made or changed so far, and what went wrong.
#[derive(Default)]
struct Imported {
    batch: WriteBatch,
    touched: Vec<RecordId>,
    last: Option<RecordId>,
    count: usize,
    already: usize,
    failures: Vec<String>,
}

impl Imported {
    /// Puts one imported file where it belongs: into the draft of the record being edited
    /// (so the editor and the import never overwrite each other), else into its record or
    /// a new media record, by the one import rule.
    fn take(
        &mut self,
        session: &mut Session,
        path: &Path,
        attachment: crate::model::Attachment,
        (into, label): (Option<RecordId>, Label),
        actor: &str,
    ) {
        if let Some(editor) = session.editor.as_mut().filter(|e| Some(e.draft.id) == into) {
            editor.draft.attach(attachment);
            return;
        }
        let record = match session
            .cat
            .record_for_import(into, attachment, label, actor)
        {
            Ok(record) => record,
            Err(_) => {
                let gone = crate::t!(
                    "error-import-record-gone",
                    path = path.display().to_string()
                );
                self.failures.push(gone);
                return;
            }
        };
        let id = record.id;
        match session.cat.put(record, actor) {
            Ok(b) => {
                self.batch.extend(b);
                self.touched.push(id);
                if let Some(r) = session.cat.get(&id) {
                    super::live_search::index_mut(&mut session.search, &mut session.index)
                        .upsert(r);
                }
                self.last = Some(id);
            }
            Err(e) => self.failures.push(e.to_string()),
        }
    }

    /// Commits the edited draft (files into a record) or shows the last new record, and
    /// gives the batch to write with a summary for the status bar.
    fn finish(&mut self, session: &mut Session, into: Option<RecordId>, actor: &str) -> WriteBatch {
        let mut batch = std::mem::take(&mut self.batch);
        if into.is_some() {
            match session.commit(actor) {
                Ok(Some(b)) => {
                    batch.extend(b);
                    self.touched.extend(into);
                }
                Ok(None) => {}
                Err(e) => self.failures.push(e.to_string()),
            }
        } else if let Some(id) = self.last {
            session.place = Place::Records;
            if let Ok(Some(b)) = session.select(Some(id), actor) {
                batch.extend(b);
            }
            session.scroll_to_selected = true;
        }
        let (count, already) = (self.count, self.already);
        batch.summary = if already > 0 {
            crate::t!("done-imported-some-known", count = count, already = already)
        } else {
            crate::t!("done-imported", count = count)
        };
        batch
    }
}
