//! Commands of the viewer: open it on an attachment, and save a redacted copy (made on a
//! task: decoding a large photo takes a moment; then logged and added to the record, to
//! the editor's draft when the record is being edited, so neither overwrites the other).

use eframe::egui;

use super::Outcome;
use crate::media::redact;
use crate::model::RecordId;
use crate::store::WriteBatch;
use crate::ui::app::DossierApp;
use crate::ui::command::Command;
use crate::ui::task::{Task, TaskError};
use crate::ui::tasks::{self, Redacted};
use crate::ui::viewer::Viewer;

/// Whether `command` is one of this file's.
pub(super) fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::ViewAttachment { .. } | Command::SaveRedactedCopy { .. }
    )
}

impl DossierApp {
    pub(super) fn run_viewing(&mut self, command: Command, ctx: &egui::Context) -> Outcome {
        let Some(session) = &self.session else {
            return Ok(None);
        };
        match command {
            Command::ViewAttachment { record, sha256 } => {
                let label = session
                    .cat
                    .get(&record)
                    .map_or(crate::model::Label::Green, |r| r.label);
                self.windows.viewer = Some(Viewer::new(record, sha256, label));
            }
            Command::SaveRedactedCopy {
                record,
                sha256,
                ops,
                label,
            } => {
                if self.work.redacting.is_some() {
                    return Ok(None);
                }
                let source = session
                    .cat
                    .get(&record)
                    .and_then(|r| r.attachments.iter().find(|a| a.sha256 == sha256))
                    .cloned();
                let Some(source) = source else {
                    return Ok(None);
                };
                let (blobs, actor) = (session.cat.blobs(), self.actor());
                let job = (record, source, ops, label);
                self.work.redacting = Some(tasks::redact(blobs, job, actor, ctx));
            }
            _ => {}
        }
        Ok(None)
    }

    /// Takes in a finished redacted copy: logged, then added to its record.
    pub(in crate::ui) fn poll_redaction(&mut self) {
        let Some(done) = self.work.redacting.as_ref().and_then(Task::poll) else {
            return;
        };
        self.work.redacting = None;
        self.finish_redaction(done);
    }

    /// Adds a finished redacted copy to its record, or says why it could not be made.
    pub(in crate::ui) fn finish_redaction(&mut self, done: Result<Redacted, TaskError>) {
        match done
            .map_err(|e| e.to_string())
            .and_then(|r| self.add_copy(r))
        {
            Ok((batch, ids)) => self.writer.submit(batch, ids),
            Err(why) => self.status.message = Some(why),
        }
    }

    fn add_copy(&mut self, done: Redacted) -> Result<(WriteBatch, Vec<RecordId>), String> {
        let actor = self.actor();
        let Some(session) = &mut self.session else {
            return Err(crate::t!("error-redact-closed"));
        };
        let Redacted {
            record,
            source,
            copy,
        } = done;
        let name = copy.name.clone();
        let entry = redact::logged(&record, &source, &copy, &actor);
        let mut batch = session.cat.log(vec![entry]).map_err(|e| e.to_string())?;
        let editing = session.editor.as_mut().filter(|e| e.draft.id == record);
        if let Some(editor) = editing {
            editor.draft.attach(copy);
            if let Some(b) = session.commit(&actor).map_err(|e| e.to_string())? {
                batch.extend(b);
            }
        } else {
            let mut r = session
                .cat
                .get(&record)
                .cloned()
                .ok_or_else(|| crate::t!("error-redact-closed"))?;
            r.attach(copy);
            batch.extend(session.cat.put(r, &actor).map_err(|e| e.to_string())?);
        }
        if let Some(r) = session.cat.get(&record) {
            crate::ui::live_search::index_mut(&mut session.search, &mut session.index).upsert(r);
        }
        batch.summary = crate::t!("done-redacted", name = name);
        Ok((batch, vec![record]))
    }
}
