//! The background work in flight: at most one of each kind at a time (imports queue up).
//! The app polls it once per frame (`background.rs`).

use std::collections::VecDeque;
use std::path::PathBuf;

use super::chrome::ReceiveTarget;
use super::logged_version::FindVersion;
use super::task::Task;
use super::tasks::{Created, Import, Opened, Received};
use crate::integrity::{RelinkReport, VerifyReport};
use crate::lists::{Column, CsvExport, ImportPlan};
use crate::model::{Label, RecordId};
use crate::share::PackageSummary;

/// Every kind of background work, at most one of each at a time (imports queue up).
#[derive(Default)]
pub(super) struct Background {
    /// The catalogue being opened, and the task opening it.
    pub opening: Option<(PathBuf, Task<Opened>)>,
    /// A new encrypted catalogue being made, and the task making it.
    pub creating: Option<(PathBuf, Task<Created>)>,
    /// A colleague's passphrase being wrapped (Argon2id takes a moment).
    pub wrapping: Option<Task<crate::durable::keyring::WrappedKey>>,
    pub importing: Option<Import>,
    /// Imports asked for while another runs: files, and the record they go into.
    pub import_queue: VecDeque<(Vec<PathBuf>, Option<RecordId>)>,
    pub verifying: Option<Task<VerifyReport>>,
    pub relinking: Option<Task<RelinkReport>>,
    pub finding_version: Option<FindVersion>,
    pub sharing: Option<Task<PackageSummary>>,
    /// Where a package is being received, and the task receiving it.
    pub receiving: Option<(ReceiveTarget, Task<Received>)>,
    pub csv_plan: Option<PlanningCsv>,
    /// A sync with another desktop's copy, through a remote.
    pub syncing: Option<Task<crate::sync::SyncSummary>>,
    /// The catalogue it was made from, and the task making it.
    pub csv_export: Option<(PathBuf, Task<CsvExport>)>,
    /// A redacted copy being made in the viewer.
    pub redacting: Option<Task<super::tasks::Redacted>>,
}

/// A list being read and planned, the file it comes from and the catalogue it is for.
pub struct PlanningCsv {
    pub root: PathBuf,
    pub file: PathBuf,
    pub task: Task<ImportPlan>,
}

/// What an export is asked to write.
pub struct ExportOrder {
    pub ids: Vec<RecordId>,
    pub columns: Vec<Column>,
    pub max_label: Label,
    pub out: PathBuf,
}
