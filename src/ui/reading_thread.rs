//! The app's end of the thread that decodes the records a lazy opening left in the
//! snapshot (see `reading.rs`).

/// The records being decoded off the UI thread, a slice at a time.
pub struct Reading {
    pub(super) slices: std::sync::mpsc::Receiver<crate::store::Completed>,
}
