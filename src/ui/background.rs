//! The background work going on, polled once per frame: each finished task is handed to
//! its `finish_` step (in `jobs.rs`), and the chrome is told what is busy.

use std::time::Duration;

use eframe::egui;

use super::app::DossierApp;
use super::chrome::Busy;
use super::task::Task;

/// How long closing the app, or a test, waits for one piece of work.
const WAIT: Duration = Duration::from_secs(120);

impl DossierApp {
    /// Takes in what background work finished.
    pub(super) fn poll_tasks(&mut self, ctx: &egui::Context) {
        for done in self.writer.poll() {
            self.take_write_result(done);
        }
        self.poll_outside_changes(ctx);
        self.poll_redaction();
        let work = &mut self.work;
        if let Some(result) = work.opening.as_ref().and_then(|(_, t)| t.poll()) {
            let path = work.opening.take().map(|(p, _)| p).unwrap_or_default();
            self.finish_open(path, result);
        }
        if let Some(result) = self.work.wrapping.as_ref().and_then(Task::poll) {
            self.work.wrapping = None;
            self.finish_add_passphrase(result);
        }
        if let Some(result) = self.work.creating.as_ref().and_then(|(_, t)| t.poll()) {
            let path = self
                .work
                .creating
                .take()
                .map(|(p, _)| p)
                .unwrap_or_default();
            self.finish_create(path, result);
        }
        if let Some(outcome) = self.work.importing.as_ref().and_then(|i| i.task.poll()) {
            self.work.importing = None;
            self.finish_import(outcome);
            if let Some((files, into)) = self.work.import_queue.pop_front() {
                self.start_import(ctx, files, into);
            }
        }
        if let Some(result) = self.work.verifying.as_ref().and_then(Task::poll) {
            self.work.verifying = None;
            self.finish_verify(result);
        }
        if let Some(result) = self.work.syncing.as_ref().and_then(Task::poll) {
            self.work.syncing = None;
            self.finish_sync(result, ctx);
        }
        if let Some(result) = self.work.relinking.as_ref().and_then(Task::poll) {
            self.work.relinking = None;
            self.finish_relink(result);
        }
        if let Some(result) = self
            .work
            .finding_version
            .as_ref()
            .and_then(|f| f.task.poll())
            && let Some(f) = self.work.finding_version.take()
        {
            self.finish_find_version(f.record, result);
        }
        if let Some(result) = self.work.sharing.as_ref().and_then(Task::poll) {
            self.work.sharing = None;
            self.finish_share(result);
        }
        if let Some(result) = self.work.receiving.as_ref().and_then(|(_, t)| t.poll())
            && let Some((target, _)) = self.work.receiving.take()
        {
            self.finish_receive(target, result);
        }
        if let Some(result) = self.work.csv_plan.as_ref().and_then(|p| p.task.poll())
            && let Some(p) = self.work.csv_plan.take()
        {
            self.finish_csv_plan(p, result);
        }
        if let Some(result) = self.work.csv_export.as_ref().and_then(|(_, t)| t.poll())
            && let Some((root, _)) = self.work.csv_export.take()
        {
            self.finish_csv_export(&root, result);
        }
        while let Ok(e) = self.errors.1.try_recv() {
            self.status.message = Some(e);
        }
    }

    /// Waits for every background task and takes in its results (tests only). Does not
    /// commit the draft being typed: that is the autosave's job.
    pub fn wait_for_background(&mut self) {
        if let Some((path, task)) = self.work.opening.take()
            && let Some(result) = task.wait(WAIT)
        {
            self.finish_open(path, result);
        }
        if let Some((path, task)) = self.work.creating.take()
            && let Some(result) = task.wait(WAIT)
        {
            self.finish_create(path, result);
        }
        if let Some(result) = self.work.wrapping.take().and_then(|t| t.wait(WAIT)) {
            self.finish_add_passphrase(result);
        }
        while let Some(import) = self.work.importing.take() {
            if let Some(outcome) = import.task.wait(WAIT) {
                self.finish_import(outcome);
            }
            if let Some((files, into)) = self.work.import_queue.pop_front() {
                let ctx = self.ctx.clone();
                self.start_import(&ctx, files, into);
            }
        }
        if let Some(result) = self.work.verifying.take().and_then(|t| t.wait(WAIT)) {
            self.finish_verify(result);
        }
        if let Some(session) = &mut self.session {
            session.wait_for_records(WAIT);
            session.search.wait(WAIT);
            session.cat.audit().wait_for_record_index(WAIT);
        }
        if let Some(result) = self.work.syncing.take().and_then(|t| t.wait(WAIT)) {
            let ctx = self.ctx.clone();
            self.finish_sync(result, &ctx);
        }
        if let Some(result) = self.work.relinking.take().and_then(|t| t.wait(WAIT)) {
            self.finish_relink(result);
        }
        if let Some(f) = self.work.finding_version.take()
            && let Some(result) = f.task.wait(WAIT)
        {
            self.finish_find_version(f.record, result);
        }
        if let Some(result) = self.work.sharing.take().and_then(|t| t.wait(WAIT)) {
            self.finish_share(result);
        }
        if let Some((target, task)) = self.work.receiving.take()
            && let Some(result) = task.wait(WAIT)
        {
            self.finish_receive(target, result);
        }
        if let Some(p) = self.work.csv_plan.take()
            && let Some(result) = p.task.wait(WAIT)
        {
            self.finish_csv_plan(p, result);
        }
        if let Some((root, task)) = self.work.csv_export.take()
            && let Some(result) = task.wait(WAIT)
        {
            self.finish_csv_export(&root, result);
        }
        if let Some(result) = self.work.redacting.take().and_then(|t| t.wait(WAIT)) {
            self.finish_redaction(result);
        }
        if let Some(v) = &mut self.windows.viewer {
            v.wait(&self.ctx, WAIT);
            v.faces.wait(WAIT);
        }
        self.thumbs.wait_idle(&self.ctx.clone());
        if let Some(session) = &mut self.session {
            session.wait_for_duplicates(WAIT);
        }
        self.wait_for_writes();
    }

    /// What the chrome shows of the background work this frame.
    pub(super) fn busy(&self) -> Busy {
        Busy {
            progress: self.progress(),
            verifying: self.work.verifying.is_some(),
            relinking: self.work.relinking.is_some(),
            receiving: self.work.receiving.is_some(),
            pending_writes: self.writer.pending(),
            overdue: self.verification_overdue(),
        }
    }

    /// Whether background work is going on, and how far it is, for the status bar.
    fn progress(&self) -> Option<(String, Option<f32>)> {
        let work = &self.work;
        if let Some(i) = &work.importing {
            let done = i.task.progress.items();
            let text = crate::t!(
                "busy-importing",
                done = (done + 1).min(i.files),
                count = i.files
            );
            return Some((text, i.task.progress.fraction()));
        }
        if work.creating.is_some() {
            return Some((crate::t!("task-creating"), None));
        }
        let running = [
            work.opening.as_ref().map(|(_, t)| &t.progress),
            work.verifying.as_ref().map(|t| &t.progress),
            work.sharing.as_ref().map(|t| &t.progress),
            work.syncing.as_ref().map(|t| &t.progress),
        ];
        let names = [
            crate::t!("busy-opening"),
            crate::t!("busy-verifying"),
            crate::t!("task-sharing"),
            crate::t!("task-syncing"),
        ];
        if let Some((name, p)) = names
            .into_iter()
            .zip(running)
            .find_map(|(n, p)| Some((n, p?)))
        {
            return Some((name, p.fraction()));
        }
        let reading = self.session.as_ref().and_then(|s| s.reading_progress());
        if let Some((done, total)) = reading {
            let text = crate::t!("busy-reading-records", done = done, total = total);
            return Some((text, Some(done as f32 / total.max(1) as f32)));
        }
        if work.receiving.is_some() {
            return Some((crate::t!("task-receiving"), None));
        }
        if work.finding_version.is_some() {
            return Some((crate::t!("task-finding-version"), None));
        }
        if work.csv_plan.is_some() {
            return Some((crate::t!("task-reading-list"), None));
        }
        if work.csv_export.is_some() {
            return Some((crate::t!("task-writing-list"), None));
        }
        if let Some(t) = &work.relinking {
            let seen = t.progress.items();
            return Some((crate::t!("busy-relinking", count = seen), None));
        }
        let previews = self.thumbs.busy();
        (previews > 0).then(|| (crate::t!("busy-previews", count = previews), None))
    }

    /// Days since the catalogue was last verified (or since its log began, if never), when
    /// that is more than the reminder allows.
    fn verification_overdue(&self) -> Option<(i64, bool)> {
        let s = self.session.as_ref()?;
        if self.work.verifying.is_some() {
            return None;
        }
        let last = s.cat.audit().last_verified();
        let since = last.or_else(|| s.cat.audit().started())?;
        let days = (jiff::Timestamp::now().as_second() - since.as_second()) / 86_400;
        (days >= i64::from(self.settings.verify_reminder_days)).then_some((days, last.is_some()))
    }
}
