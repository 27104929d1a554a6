//! One shape for every piece of background work the app starts (the shape of
//! `poll_promise`): a named thread does the work and sends one answer; the UI polls for it
//! once per frame and never waits. The work reports progress through a [`Reporter`] that
//! wakes the UI at most every 50 ms, and may be asked to stop.
//!
//! Errors stay typed ([`TaskError`]) so the app can tell a full disk from a damaged
//! package, and a thread that ended without an answer (a bug) is reported, not ignored.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::share::ShareError;
use crate::store::StoreError;

/// How far a task is: bytes (or records) done of all, and items (files) done.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicU64,
    pub total: AtomicU64,
    /// Whole items finished (files imported, files looked at).
    pub items: AtomicUsize,
}

impl Progress {
    /// Done as a fraction of the total, once the total is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.done.load(Ordering::Relaxed) as f32 / total as f32)
    }

    /// Whole items finished so far.
    pub fn items(&self) -> usize {
        self.items.load(Ordering::Relaxed)
    }
}

/// Why a task gave no result.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Share(#[from] ShareError),
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    /// A search or a check that found nothing to work with, in words for the person.
    #[error("{0}")]
    Nothing(String),
    /// The thread could not start (the system is out of threads or memory).
    #[error("{}", crate::t!("task-not-started", task = .task, why = .source.to_string()))]
    NotStarted {
        task: String,
        source: std::io::Error,
    },
    /// The thread ended without an answer: a bug in Dossier, never a normal outcome.
    #[error("{}", crate::t!("task-stopped", task = .task))]
    Stopped { task: String },
}

impl TaskError {
    /// True when the disk had no room: the person can free space and try again.
    pub fn is_disk_full(&self) -> bool {
        match self {
            TaskError::Store(e) => e.is_disk_full(),
            TaskError::Share(ShareError::Store(e)) => e.is_disk_full(),
            _ => false,
        }
    }
}

/// What the work sees: where to report progress, and whether to stop.
pub struct Reporter {
    pub progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    ctx: egui::Context,
    last_repaint: Mutex<Instant>,
}

impl Reporter {
    /// Records `done` of `total` and wakes the UI (at most every 50 ms).
    pub fn report(&self, done: u64, total: u64) {
        self.progress.done.store(done, Ordering::Relaxed);
        self.progress.total.store(total, Ordering::Relaxed);
        self.repaint_soon();
    }

    /// Counts one more whole item done.
    pub fn item_done(&self) {
        self.progress.items.fetch_add(1, Ordering::Relaxed);
        self.repaint_soon();
    }

    /// Wakes the UI unless it was woken in the last 50 ms.
    pub fn repaint_soon(&self) {
        if let Ok(mut last) = self.last_repaint.lock()
            && last.elapsed() > Duration::from_millis(50)
        {
            *last = Instant::now();
            self.ctx.request_repaint();
        }
    }

    /// The flag the person sets by pressing Cancel.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// Work running on its own named thread, with one answer to come.
pub struct Task<T> {
    /// What the work is, in words ("Opening the catalogue"), for messages.
    pub what: String,
    pub progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Result<T, TaskError>>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a thread named `dossier-<name>`; the UI is woken when it is done.
    pub fn spawn(
        what: String,
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&Reporter) -> Result<T, TaskError> + Send + 'static,
    ) -> Task<T> {
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let reporter = Reporter {
            progress: progress.clone(),
            cancel: cancel.clone(),
            ctx: ctx.clone(),
            last_repaint: Mutex::new(Instant::now()),
        };
        // The work speaks the language of the window that started it.
        let language = crate::i18n::language();
        let started = thread::Builder::new()
            .name(format!("dossier-{name}"))
            .spawn(move || {
                crate::i18n::set_language(language);
                let result = work(&reporter);
                let _ = tx.send(result);
                reporter.ctx.request_repaint();
            });
        let rx = match started {
            Ok(_) => rx,
            Err(source) => {
                let (tx, rx) = channel();
                let _ = tx.send(Err(TaskError::NotStarted {
                    task: what.clone(),
                    source,
                }));
                rx
            }
        };
        Task {
            what,
            progress,
            cancel,
            rx,
        }
    }

    /// The answer, once there is one (each answer is given once).
    pub fn poll(&self) -> Option<Result<T, TaskError>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(TaskError::Stopped {
                task: self.what.clone(),
            })),
        }
    }

    /// Waits up to `timeout` for the answer (closing the app, and tests).
    pub fn wait(&self, timeout: Duration) -> Option<Result<T, TaskError>> {
        match self.rx.recv_timeout(timeout) {
            Ok(result) => Some(result),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Some(Err(TaskError::Stopped {
                task: self.what.clone(),
            })),
        }
    }

    /// Asks the work to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_gives_its_answer_once_and_its_progress_on_the_way() {
        let ctx = egui::Context::default();
        let task = Task::spawn("Counting".into(), "test-count", &ctx, |r| {
            for i in 1..=3 {
                r.report(i, 3);
                r.item_done();
            }
            Ok(42)
        });
        assert_eq!(task.wait(Duration::from_secs(10)).unwrap().unwrap(), 42);
        assert_eq!(task.progress.fraction(), Some(1.0));
        assert_eq!(task.progress.items(), 3);
        // The answer was taken: once the thread is gone (it may still be ending when the
        // answer arrives), nothing more comes.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let after = loop {
            match task.poll() {
                None if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1))
                }
                other => break other,
            }
        };
        assert!(
            matches!(&after, Some(Err(TaskError::Stopped { task })) if task == "Counting"),
            "{after:?}"
        );
    }

    #[test]
    fn a_thread_that_dies_without_an_answer_is_reported() {
        let ctx = egui::Context::default();
        let task: Task<()> = Task::spawn("Failing".into(), "test-panic", &ctx, |_| {
            panic!("a bug in the work");
        });
        let result = task.wait(Duration::from_secs(10)).unwrap();
        let message = result.unwrap_err().to_string();
        assert!(
            message.contains("Failing stopped unexpectedly"),
            "{message}"
        );
    }

    #[test]
    fn cancelling_reaches_the_work() {
        let ctx = egui::Context::default();
        let (go_tx, go_rx) = channel::<()>();
        let task = Task::spawn("Waiting".into(), "test-cancel", &ctx, move |r| {
            let _ = go_rx.recv();
            Ok(r.cancel_flag().load(Ordering::Relaxed))
        });
        task.cancel();
        go_tx.send(()).unwrap();
        assert!(task.wait(Duration::from_secs(10)).unwrap().unwrap());
    }
}
