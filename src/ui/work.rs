//! The background work in flight: at most one of each kind at a time (imports queue up).
//! The app polls it once per frame (`background.rs`).

use std::collections::VecDeque;
use std::path::PathBuf;

use super::logged_version::FindVersion;
use super::task::Task;
use super::tasks::{Import, Opened};
use crate::integrity::{RelinkReport, VerifyReport};
use crate::model::RecordId;
use crate::share::{PackageSummary, ReceiveSummary};

/// Every kind of background work, at most one of each at a time (imports queue up).
#[derive(Default)]
pub(super) struct Background {
    /// The catalogue being opened, and the task opening it.
    pub opening: Option<(PathBuf, Task<Opened>)>,
    pub importing: Option<Import>,
    /// Imports asked for while another runs: files, and the record they go into.
    pub import_queue: VecDeque<(Vec<PathBuf>, Option<RecordId>)>,
    pub verifying: Option<Task<VerifyReport>>,
    pub relinking: Option<Task<RelinkReport>>,
    pub finding_version: Option<FindVersion>,
    pub sharing: Option<Task<PackageSummary>>,
    pub receiving: Option<Task<ReceiveSummary>>,
}
