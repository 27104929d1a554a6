//! The app's end of the thread that decodes the records a lazy opening left in the
//! snapshot (see `reading.rs`).

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

/// The records being decoded off the UI thread.
pub struct Reading {
    /// Every record, decoded, once the thread is done.
    pub(super) result: std::sync::mpsc::Receiver<crate::store::Completed>,
    /// How many the thread has decoded so far (it stops when this is dropped).
    pub(super) done: Arc<AtomicUsize>,
    /// How many records were in when it started, and how many there are in all.
    pub(super) base: usize,
    pub(super) total: usize,
}
