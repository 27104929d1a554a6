//! Carrying out commands, after the panels have drawn: each area in its own file (the
//! catalogue and its files, sharing, the records in view).

mod catalogue;
mod records;
mod said;
mod sharing;
mod syncing;
pub(super) mod viewing;

use eframe::egui;

use super::app::DossierApp;
use super::command::Command;
use crate::model::RecordId;
use crate::store::{StoreError, WriteBatch};

/// What a command leaves to write: a batch and the records it writes, or nothing.
type Outcome = Result<Option<(WriteBatch, Vec<RecordId>)>, StoreError>;

impl DossierApp {
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            self.run_or_hold(command, ctx);
        }
    }

    /// Carries out one command; what it writes goes to the writer, what fails is shown.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        let result = if catalogue::handles(&command) {
            self.run_catalogue(command, ctx)
        } else if sharing::handles(&command) {
            self.run_sharing(command, ctx)
        } else if syncing::handles(&command) {
            self.run_syncing(command, ctx)
        } else if viewing::handles(&command) {
            self.run_viewing(command, ctx)
        } else {
            self.run_records(command)
        };
        match result {
            Ok(Some((batch, ids))) => self.writer.submit(batch, ids),
            Ok(None) => {}
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }
}
