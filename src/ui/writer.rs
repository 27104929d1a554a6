//! The writer: one named thread that applies write batches in the order given, so edits
//! land on disk in the order they were made and the UI never waits for a disk.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::model::RecordId;
use crate::store::{StoreError, WriteBatch};

struct WriteJob {
    batch: WriteBatch,
    records: Vec<RecordId>,
}

/// The result of one batch of writes.
#[derive(Debug)]
pub struct WriteDone {
    pub summary: String,
    /// The records the batch wrote; after an error, memory is ahead of disk for these.
    pub records: Vec<RecordId>,
    pub result: Result<(), StoreError>,
}

/// Applies write batches one after another on its own thread, in the order given.
pub struct Writer {
    tx: Option<Sender<WriteJob>>,
    rx: Receiver<WriteDone>,
    pending: usize,
    thread: Option<thread::JoinHandle<()>>,
}

impl Writer {
    /// Starts the writer thread. Without it nothing could be saved, so the app cannot
    /// start: the error says why.
    pub fn spawn(ctx: egui::Context) -> std::io::Result<Writer> {
        let (job_tx, job_rx) = channel::<WriteJob>();
        let (done_tx, done_rx) = channel();
        let thread = thread::Builder::new()
            .name("dossier-writer".into())
            .spawn(move || {
                for job in job_rx {
                    let result = job.batch.apply();
                    let done = WriteDone {
                        summary: job.batch.summary,
                        records: job.records,
                        result,
                    };
                    if done_tx.send(done).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            })?;
        Ok(Writer {
            tx: Some(job_tx),
            rx: done_rx,
            pending: 0,
            thread: Some(thread),
        })
    }

    /// Queues a batch (an empty one is dropped); `records` are the records it writes.
    pub fn submit(&mut self, batch: WriteBatch, records: Vec<RecordId>) {
        if batch.is_empty() {
            return;
        }
        if let Some(tx) = &self.tx
            && tx.send(WriteJob { batch, records }).is_ok()
        {
            self.pending += 1;
        }
    }

    /// Batches still being written.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// What finished since the last call.
    pub fn poll(&mut self) -> Vec<WriteDone> {
        let mut done = Vec::new();
        while let Ok(d) = self.rx.try_recv() {
            self.pending = self.pending.saturating_sub(1);
            done.push(d);
        }
        done
    }

    /// Waits (up to `timeout`) until every submitted batch is written. For closing the app
    /// and for tests; never called while the app is in use.
    pub fn wait_idle(&mut self, timeout: Duration) -> Vec<WriteDone> {
        let deadline = Instant::now() + timeout;
        let mut done = Vec::new();
        while self.pending > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(d) => {
                    self.pending -= 1;
                    done.push(d);
                }
                Err(_) => break,
            }
        }
        done
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Closing the channel lets the thread finish what it has, then end.
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
