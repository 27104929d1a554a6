//! CSV lists off the UI thread: an import is read and planned, and an export's text is
//! made, on a task from a snapshot of the records (which costs nothing to take). The UI
//! thread only turns the finished export into its log entry and file, and shows a plan.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use eframe::egui;

use super::app::DossierApp;
use super::csv_import_dialog::CsvImportForm;
use super::task::{Task, TaskError};
use super::work::{ExportOrder, PlanningCsv};
use crate::lists::{CsvExport, ImportPlan};
use crate::model::RecordId;
use crate::t;

impl DossierApp {
    /// Whether the catalogue at `root` is the one open; if not, the list work started
    /// for it is dropped, and the status bar says so.
    fn still_open(&mut self, root: &Path) -> bool {
        let open = self.session.as_ref().is_some_and(|s| s.cat.root() == root);
        if !open {
            self.status.message = Some(t!("csv-catalogue-closed"));
        }
        open
    }
}

fn nothing(e: impl std::fmt::Display) -> TaskError {
    TaskError::Nothing(e.to_string())
}

impl DossierApp {
    /// Starts reading `file` and planning its import into the open catalogue.
    pub(super) fn start_csv_plan(&mut self, file: PathBuf, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        if self.work.csv_plan.is_some() {
            return;
        }
        let (records, trash) = s.cat.snapshot();
        let actor = self.actor();
        let from = file.clone();
        let task = Task::spawn(t!("task-reading-list"), "csv-plan", ctx, move |_| {
            let bytes = std::fs::read(&from)
                .map_err(|e| nothing(crate::store::StoreError::io("read", &from, e)))?;
            crate::lists::plan_import(&bytes, &from, &records, &trash, &actor).map_err(nothing)
        });
        let root = s.cat.root().to_path_buf();
        self.work.csv_plan = Some(PlanningCsv { root, file, task });
    }

    /// Shows the finished plan (or why there is none), if its catalogue is still open.
    pub(super) fn finish_csv_plan(
        &mut self,
        done: PlanningCsv,
        result: Result<ImportPlan, TaskError>,
    ) {
        let PlanningCsv { root, file, .. } = done;
        if !self.still_open(&root) {
            return;
        }
        match result {
            Ok(plan) => {
                self.dialogs.csv_import = Some(CsvImportForm {
                    file,
                    plan,
                    skip_errors: false,
                });
            }
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }

    /// Starts making the text of an export from a snapshot of the records.
    pub(super) fn start_csv_export(&mut self, order: ExportOrder, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        if self.work.csv_export.is_some() {
            return;
        }
        let (records, _) = s.cat.snapshot();
        let task = Task::spawn(t!("task-writing-list"), "csv-export", ctx, move |_| {
            let by_id: HashMap<RecordId, &crate::model::Record> =
                records.iter().map(|r| (r.id, r)).collect();
            let chosen: Vec<&crate::model::Record> = order
                .ids
                .iter()
                .filter_map(|id| by_id.get(id).copied())
                .collect();
            crate::lists::prepare_export(&chosen, &order.columns, order.max_label, &order.out)
                .map_err(nothing)
        });
        self.work.csv_export = Some((s.cat.root().to_path_buf(), task));
    }

    /// Hands the finished export to the writer (the log entry first, then the file) and
    /// says what was left out.
    pub(super) fn finish_csv_export(&mut self, root: &Path, result: Result<CsvExport, TaskError>) {
        if !self.still_open(root) {
            return;
        }
        let actor = self.actor();
        let Some(s) = &self.session else { return };
        let export = match result {
            Ok(export) => export,
            Err(e) => {
                self.status.message = Some(e.to_string());
                return;
            }
        };
        let (file, max_label) = (export.out.display().to_string(), export.max_label);
        match export.batch(&s.cat, &actor) {
            Ok((batch, done)) => {
                if done.held_back > 0 {
                    self.status.message = Some(t!(
                        "csv-export-held-back",
                        written = done.written,
                        file = file,
                        held = done.held_back,
                        label = max_label.as_str()
                    ));
                }
                self.writer.submit(batch, Vec::new());
            }
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }
}
