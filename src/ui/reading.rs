//! A big catalogue opens lazily: its list shows as soon as the snapshot's search index is
//! read, with the records it draws decoded as they are drawn, while a thread of its own
//! decodes the rest into a list that is swapped in at once when done. At a million
//! records the catalogue is ready for its list in about 3 s instead of 5 s.
//!
//! Until the last record is in, what reads every record would read only some: sharing,
//! exporting, bulk edits, statistics, duplicates, verifying, syncing. Such commands are
//! held, the status bar says so, and they run the moment the records are all in. What
//! needs only the records in view (choosing, searching, sorting, editing the chosen
//! record) goes on as ever.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{TryRecvError, sync_channel};
use std::time::{Duration, Instant};

use eframe::egui;

use super::app::DossierApp;
use super::command::{Command, Place};
use super::reading_thread::Reading;
use super::session::Session;
use crate::model::RecordId;

impl Session {
    /// Starts decoding every record the lazy opening left in the snapshot, on a thread
    /// of its own; nothing to do when all are in.
    pub fn start_reading(&mut self, ctx: &egui::Context) {
        let Some(completion) = self.cat.completion() else {
            return;
        };
        let done = Arc::new(AtomicUsize::new(0));
        // The thread stops when the session (and this count) is gone.
        let count = Arc::downgrade(&done);
        let (send, result) = sync_channel(1);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("reading records".into())
            .spawn(move || {
                let completed = completion.run(|n| match count.upgrade() {
                    Some(count) => {
                        count.store(n, Ordering::Relaxed);
                        // The status bar's count, about four times a second.
                        ctx.request_repaint_after(Duration::from_millis(250));
                        true
                    }
                    None => false,
                });
                if let Some(completed) = completed {
                    let _ = send.send(completed);
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                let (base, total) = (self.cat.records().len(), self.cat.live_count());
                self.reading = Some(Reading {
                    result,
                    done,
                    base,
                    total,
                });
            }
            // No thread: read them here, once.
            Err(_) => self.cat.load_all(),
        }
    }

    /// Swaps in the records once the reading thread has decoded them all; true while
    /// records are still left to read.
    pub fn poll_reading(&mut self) -> bool {
        if let Some(reading) = &self.reading {
            match reading.result.try_recv() {
                Ok(completed) => self.cat.take_completed(completed),
                Err(TryRecvError::Empty) if !self.cat.is_complete() => return true,
                // Every record asked for by the list meanwhile: the thread's are not needed.
                Err(TryRecvError::Empty) => {}
                // The thread stopped short (it cannot, short of a panic): the rest here.
                Err(TryRecvError::Disconnected) => self.cat.load_all(),
            }
        }
        if self.cat.is_complete() {
            self.reading = None;
        }
        !self.cat.is_complete()
    }

    /// Brings in record `id` and the records it links to, if a lazy opening left them in
    /// the snapshot: the editor shows its links by their titles.
    pub fn load_with_links(&mut self, id: Option<RecordId>) {
        let Some(id) = id.filter(|_| !self.cat.is_complete()) else {
            return;
        };
        self.cat.load_also(&[id]);
        let links: Vec<RecordId> = match self.cat.get(&id) {
            Some(r) => r.links.iter().map(|l| l.target).collect(),
            None => return,
        };
        self.cat.load_also(&links);
    }

    /// While some records are still being read: how many are in, of how many.
    pub fn reading_progress(&self) -> Option<(usize, usize)> {
        let left = self.cat.left_in_snapshot();
        let total = self.cat.live_count();
        let read = match &self.reading {
            Some(r) => (r.base + r.done.load(Ordering::Relaxed)).min(r.total),
            None => total - left,
        };
        (left > 0).then(|| (read.min(total.saturating_sub(1)), total))
    }

    /// Waits for the reading thread and swaps its records in (up to `timeout`; tests).
    pub fn wait_for_records(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.reading.is_some() && self.poll_reading() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// True for a command that may run while some records are still being read: it needs
/// only the records in view, or none. Every other waits (a new command waits unless
/// added here).
fn runs_while_reading(command: &Command) -> bool {
    use Command as C;
    matches!(
        command,
        C::NewCatalogue { .. }
            | C::OpenCatalogue(_)
            | C::ChooseCatalogue
            | C::CloseCatalogue
            | C::Unlock
            | C::Lock
            | C::Select(_)
            | C::MoveSelection(_)
            | C::SaveNow
            | C::SortBy(_)
            | C::DefaultOrder
            | C::FocusSearch
            | C::OpenAttachment { .. }
            | C::ShowPlace(Place::Records | Place::Trash)
            | C::SetLanguage(_)
    )
}

impl DossierApp {
    /// Swaps in the records read off the UI thread once they are; then runs the commands
    /// that waited for them.
    pub(super) fn poll_reading(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        if session.poll_reading() {
            // The thread wakes the window when it is done, and for its count.
            return;
        }
        let held = std::mem::take(&mut session.held);
        if !held.is_empty() {
            // "Still reading records" is no longer so.
            self.status.message = None;
        }
        for command in held {
            self.run(command, ctx);
        }
    }

    /// Runs `command` now, or holds it until every record is in when it needs them all.
    pub(super) fn run_or_hold(&mut self, command: Command, ctx: &egui::Context) {
        if let Some(session) = &mut self.session
            && let Some((done, total)) = session.reading_progress()
            && !runs_while_reading(&command)
        {
            session.held.push(command);
            self.status.message = Some(crate::t!(
                "reading-records-held",
                done = done,
                total = total
            ));
            return;
        }
        self.run(command, ctx);
    }
}
