//! Saving: the draft commits once typing pauses, the writer's results update the status
//! bar, and the window does not close while something could not be saved.

use std::time::Duration;

use eframe::egui;

use super::app::DossierApp;
use super::command::Command;
use super::editor::SAVE_DELAY;
use super::writer::WriteDone;

impl DossierApp {
    /// Saves the draft once typing has paused.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
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
    pub(super) fn handle_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        self.flush();
        let failed = self.session.as_ref().is_some_and(|s| !s.unsaved.is_empty());
        if failed && !self.status.close_anyway {
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
                Err(e) => self.status.save.error = Some(e.to_string()),
            }
        }
        self.wait_for_writes();
    }

    /// Waits until every submitted write has landed, and takes in the results.
    pub(super) fn wait_for_writes(&mut self) {
        for done in self.writer.wait_idle(Duration::from_secs(30)) {
            self.take_write_result(done);
        }
    }

    pub(super) fn take_write_result(&mut self, done: WriteDone) {
        match done.result {
            Ok(()) => {
                self.status.save.last = Some(done.summary);
                if let Some(s) = &mut self.session {
                    for id in &done.records {
                        s.unsaved.remove(id);
                    }
                    if s.unsaved.is_empty() {
                        self.status.save.error = None;
                    }
                }
            }
            Err(e) => {
                self.status.save.error = Some(e.to_string());
                if let Some(s) = &mut self.session {
                    s.unsaved.extend(done.records);
                }
            }
        }
    }
}
