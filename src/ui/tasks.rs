//! Background work the app starts and polls once per frame: writing edits, opening a
//! catalogue, importing files, making thumbnails. Each worker wakes the UI with
//! `request_repaint` when it has news; the UI thread never waits on disk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::media::{self, thumbs};
use crate::model::{Attachment, Label, RecordId, Sha256};
use crate::search::SearchIndex;
use crate::store::{BlobStore, Catalogue, OpenOptions, WriteBatch};

// ---------------------------------------------------------------------------------------
// Writer

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
    pub result: Result<(), String>,
}

/// Applies write batches one after another on its own thread, in the order given.
pub struct Writer {
    tx: Option<Sender<WriteJob>>,
    rx: Receiver<WriteDone>,
    pending: usize,
    thread: Option<thread::JoinHandle<()>>,
}

impl Writer {
    pub fn spawn(ctx: egui::Context) -> Writer {
        let (job_tx, job_rx) = channel::<WriteJob>();
        let (done_tx, done_rx) = channel();
        let thread = thread::Builder::new()
            .name("dossier-writer".into())
            .spawn(move || {
                for job in job_rx {
                    let result = job.batch.apply().map_err(|e| e.to_string());
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
            })
            .expect("the writer thread starts");
        Writer {
            tx: Some(job_tx),
            rx: done_rx,
            pending: 0,
            thread: Some(thread),
        }
    }

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

// ---------------------------------------------------------------------------------------
// Opening a catalogue

/// Counts shown while a catalogue opens.
#[derive(Default)]
pub struct Progress {
    pub done: AtomicU64,
    pub total: AtomicU64,
}

impl Progress {
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.done.load(Ordering::Relaxed) as f32 / total as f32)
    }
}

pub type Opened = Result<(Catalogue, SearchIndex), String>;

/// Opens a catalogue and builds its search index on a background thread.
pub struct OpenTask {
    pub path: PathBuf,
    pub progress: Arc<Progress>,
    rx: Receiver<Opened>,
}

impl OpenTask {
    pub fn spawn(path: PathBuf, user: String, ctx: egui::Context) -> OpenTask {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (p, path2) = (progress.clone(), path.clone());
        thread::spawn(move || {
            let report = |done: usize, total: usize| {
                p.done.store(done as u64, Ordering::Relaxed);
                p.total.store(total as u64, Ordering::Relaxed);
                ctx.request_repaint();
            };
            let result = Catalogue::open(
                &path2,
                OpenOptions {
                    user,
                    progress: Some(&report),
                    ..OpenOptions::default()
                },
            )
            .map(|cat| {
                let index = SearchIndex::build(cat.records());
                (cat, index)
            })
            .map_err(|e| e.to_string());
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        OpenTask { path, progress, rx }
    }

    pub fn poll(&self) -> Option<Opened> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(format!(
                "Opening {} stopped unexpectedly.",
                self.path.display()
            ))),
        }
    }

    /// Blocks until the catalogue is open (tests only).
    pub fn wait(&self, timeout: Duration) -> Option<Opened> {
        self.rx.recv_timeout(timeout).ok()
    }
}

// ---------------------------------------------------------------------------------------
// Importing files

/// One file of an import: where it was, and the attachment made (and whether its bytes
/// were already stored) or why not.
pub type ImportedFile = (PathBuf, Result<(Attachment, bool), String>);

/// What became of each file of an import.
pub struct ImportOutcome {
    /// The record the files go into; `None` makes a media record per file.
    pub into: Option<RecordId>,
    pub label: Label,
    pub results: Vec<ImportedFile>,
}

/// Copies and hashes files into the catalogue on a background thread, reporting bytes.
pub struct ImportTask {
    pub progress: Arc<Progress>,
    pub files: usize,
    pub files_done: Arc<AtomicUsize>,
    rx: Receiver<ImportOutcome>,
}

impl ImportTask {
    pub fn spawn(
        blobs: BlobStore,
        files: Vec<PathBuf>,
        into: Option<RecordId>,
        label: Label,
        actor: String,
        ctx: egui::Context,
    ) -> ImportTask {
        let progress = Arc::new(Progress::default());
        let files_done = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = channel();
        let count = files.len();
        let (p, fd) = (progress.clone(), files_done.clone());
        thread::spawn(move || {
            let total: u64 = files
                .iter()
                .filter_map(|f| std::fs::symlink_metadata(f).ok())
                .map(|m| m.len())
                .sum();
            p.total.store(total.max(1), Ordering::Relaxed);
            let mut before = 0u64;
            let mut results = Vec::new();
            let mut last_repaint = Instant::now();
            for file in files {
                let mut report = |bytes: u64| {
                    p.done.store(before + bytes, Ordering::Relaxed);
                    if last_repaint.elapsed() > Duration::from_millis(50) {
                        last_repaint = Instant::now();
                        ctx.request_repaint();
                    }
                };
                let result = media::import_file(&blobs, &file, &actor, label, &mut report)
                    .map_err(|e| e.to_string());
                if let Ok((a, _)) = &result {
                    before += a.size;
                }
                fd.fetch_add(1, Ordering::Relaxed);
                results.push((file, result));
            }
            let _ = tx.send(ImportOutcome {
                into,
                label,
                results,
            });
            ctx.request_repaint();
        });
        ImportTask {
            progress,
            files: count,
            files_done,
            rx,
        }
    }

    pub fn poll(&self) -> Option<ImportOutcome> {
        self.rx.try_recv().ok()
    }

    /// Blocks until the import is done (tests only).
    pub fn wait(&self, timeout: Duration) -> Option<ImportOutcome> {
        self.rx.recv_timeout(timeout).ok()
    }
}

// ---------------------------------------------------------------------------------------
// Thumbnails

/// Which picture: an original's thumbnail, plain or obscured.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThumbKey {
    pub sha256: Sha256,
    pub obscured: bool,
}

struct ThumbJob {
    key: ThumbKey,
    original: PathBuf,
    cache_dir: Option<PathBuf>,
}

pub struct ThumbDone {
    pub key: ThumbKey,
    pub result: Result<egui::ColorImage, String>,
}

struct Queue {
    jobs: Mutex<Vec<ThumbJob>>,
    ready: Condvar,
    stop: AtomicBool,
}

/// Two threads that make thumbnails, newest request first (what is on screen now).
pub struct Thumbnailer {
    queue: Arc<Queue>,
    rx: Receiver<ThumbDone>,
    in_flight: HashSet<ThumbKey>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Thumbnailer {
    pub fn spawn(ctx: egui::Context) -> Thumbnailer {
        let queue = Arc::new(Queue {
            jobs: Mutex::new(Vec::new()),
            ready: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let (tx, rx) = channel();
        let workers = thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
        let threads = (0..workers)
            .map(|i| {
                let (queue, tx, ctx) = (queue.clone(), tx.clone(), ctx.clone());
                thread::Builder::new()
                    .name(format!("dossier-thumbs-{i}"))
                    .spawn(move || thumb_worker(&queue, &tx, &ctx))
                    .expect("a thumbnail thread starts")
            })
            .collect();
        Thumbnailer {
            queue,
            rx,
            in_flight: HashSet::new(),
            threads,
        }
    }

    /// Asks for a thumbnail unless it is already being made.
    pub fn request(&mut self, key: ThumbKey, original: &Path, cache_dir: Option<&Path>) {
        if !self.in_flight.insert(key.clone()) {
            return;
        }
        let job = ThumbJob {
            key,
            original: original.to_path_buf(),
            cache_dir: cache_dir.map(Path::to_path_buf),
        };
        if let Ok(mut jobs) = self.queue.jobs.lock() {
            jobs.push(job);
        }
        self.queue.ready.notify_one();
    }

    pub fn poll(&mut self) -> Vec<ThumbDone> {
        let mut done = Vec::new();
        while let Ok(d) = self.rx.try_recv() {
            self.in_flight.remove(&d.key);
            done.push(d);
        }
        done
    }

    pub fn busy(&self) -> usize {
        self.in_flight.len()
    }

    /// Forgets queued requests (when another catalogue opens).
    pub fn clear(&mut self) {
        if let Ok(mut jobs) = self.queue.jobs.lock() {
            for job in jobs.drain(..) {
                self.in_flight.remove(&job.key);
            }
        }
    }

    /// Waits (up to `timeout`) for every requested thumbnail (tests only).
    pub fn wait_idle(&mut self, timeout: Duration) -> Vec<ThumbDone> {
        let deadline = Instant::now() + timeout;
        let mut done = Vec::new();
        while !self.in_flight.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(d) => {
                    self.in_flight.remove(&d.key);
                    done.push(d);
                }
                Err(_) => break,
            }
        }
        done
    }
}

impl Drop for Thumbnailer {
    fn drop(&mut self) {
        self.queue.stop.store(true, Ordering::Relaxed);
        self.queue.ready.notify_all();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn thumb_worker(queue: &Queue, tx: &Sender<ThumbDone>, ctx: &egui::Context) {
    loop {
        let job = {
            let Ok(mut jobs) = queue.jobs.lock() else {
                return;
            };
            loop {
                if queue.stop.load(Ordering::Relaxed) {
                    return;
                }
                if let Some(job) = jobs.pop() {
                    break job;
                }
                jobs = match queue.ready.wait(jobs) {
                    Ok(j) => j,
                    Err(_) => return,
                };
            }
        };
        let result = thumbs::thumbnail(&job.original, &job.key.sha256, job.cache_dir.as_deref())
            .map(|img| {
                let img = if job.key.obscured {
                    thumbs::obscure(&img)
                } else {
                    img
                };
                let size = [img.width() as usize, img.height() as usize];
                egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw())
            })
            // The card names the file; its stored path (attachments/<sha256>) means nothing
            // to the person looking at it.
            .map_err(|e| format!("Cannot preview this file: {}", e.reason));
        if tx
            .send(ThumbDone {
                key: job.key,
                result,
            })
            .is_err()
        {
            return;
        }
        ctx.request_repaint();
    }
}

// ---------------------------------------------------------------------------------------
// Opening an attachment with the system's program

/// Opens an original with the program the system uses for its type, through a link named
/// like the original (so the program knows the type) in `cache/open/`. The original itself
/// stays read-only. Runs on its own thread; errors come back on `errors`.
pub fn open_attachment(
    original: PathBuf,
    cache_dir: PathBuf,
    name: String,
    sha256: Sha256,
    errors: Sender<String>,
) {
    thread::spawn(move || {
        let result = (|| -> Result<(), String> {
            if !original.is_file() {
                return Err(format!(
                    "The original of '{name}' is missing: {} does not exist.",
                    original.display()
                ));
            }
            let safe = safe_file_name(&name);
            let dir = cache_dir.join("open").join(sha256.as_str());
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let link = dir.join(safe);
            if !link.exists() {
                #[cfg(unix)]
                std::os::unix::fs::symlink(&original, &link).map_err(|e| e.to_string())?;
                #[cfg(not(unix))]
                std::fs::copy(&original, &link).map_err(|e| e.to_string())?;
            }
            open::that_detached(&link).map_err(|_| {
                format!(
                    "No program on this computer could open '{name}'. The original is {}",
                    original.display()
                )
            })
        })();
        if let Err(e) = result {
            let _ = errors.send(e);
        }
    });
}

/// A name safe to create in a folder: the last path part only, never `..` or empty.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if last.is_empty() || last == "." || last == ".." {
        "attachment".to_string()
    } else {
        last.to_string()
    }
}

// ---------------------------------------------------------------------------------------
// Verifying a catalogue, and looking for missing originals

/// Verifies a catalogue on a background thread, reporting bytes hashed.
pub struct VerifyTask {
    pub progress: Arc<Progress>,
    rx: Receiver<Result<crate::integrity::VerifyReport, String>>,
}

impl VerifyTask {
    pub fn spawn(root: PathBuf, ctx: egui::Context) -> VerifyTask {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let p = progress.clone();
        thread::spawn(move || {
            let last = Mutex::new(Instant::now());
            let report = crate::integrity::verify(&root, &|v| {
                p.done.store(v.bytes_done, Ordering::Relaxed);
                p.total.store(v.bytes_total.max(1), Ordering::Relaxed);
                if let Ok(mut t) = last.lock()
                    && t.elapsed() > Duration::from_millis(50)
                {
                    *t = Instant::now();
                    ctx.request_repaint();
                }
            })
            .map_err(|e| e.to_string());
            let _ = tx.send(report);
            ctx.request_repaint();
        });
        VerifyTask { progress, rx }
    }

    pub fn poll(&self) -> Option<Result<crate::integrity::VerifyReport, String>> {
        self.rx.try_recv().ok()
    }

    /// Blocks until done (tests only).
    pub fn wait(
        &self,
        timeout: Duration,
    ) -> Option<Result<crate::integrity::VerifyReport, String>> {
        self.rx.recv_timeout(timeout).ok()
    }
}

/// Searches a folder for missing originals on a background thread; each restore is
/// logged as it happens.
pub struct RelinkTask {
    pub files_seen: Arc<AtomicUsize>,
    pub folder: PathBuf,
    rx: Receiver<Result<crate::integrity::RelinkReport, String>>,
}

impl RelinkTask {
    pub fn spawn(
        blobs: BlobStore,
        log: crate::audit::AuditLog,
        referenced: std::collections::BTreeMap<Sha256, (String, u64)>,
        folder: PathBuf,
        actor: String,
        ctx: egui::Context,
    ) -> RelinkTask {
        let files_seen = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = channel();
        let (seen, dir) = (files_seen.clone(), folder.clone());
        thread::spawn(move || {
            // Which originals are missing is itself a look at the disk: done here.
            let missing: std::collections::BTreeMap<_, _> = referenced
                .into_iter()
                .filter(|(sha, _)| !blobs.contains(sha))
                .collect();
            let report = crate::integrity::relink(&blobs, &log, &missing, &dir, &actor, &|n| {
                seen.store(n, Ordering::Relaxed);
                if n % 200 == 0 {
                    ctx.request_repaint();
                }
            })
            .map_err(|e| e.to_string());
            let _ = tx.send(report);
            ctx.request_repaint();
        });
        RelinkTask {
            files_seen,
            folder,
            rx,
        }
    }

    pub fn poll(&self) -> Option<Result<crate::integrity::RelinkReport, String>> {
        self.rx.try_recv().ok()
    }

    /// Blocks until done (tests only).
    pub fn wait(
        &self,
        timeout: Duration,
    ) -> Option<Result<crate::integrity::RelinkReport, String>> {
        self.rx.recv_timeout(timeout).ok()
    }
}

// ---------------------------------------------------------------------------------------
// Making a share package, and receiving one

/// Writes a share package on a background thread, reporting bytes copied; can be cancelled.
pub struct ShareTask {
    pub progress: Arc<Progress>,
    pub cancel: Arc<AtomicBool>,
    rx: Receiver<Result<crate::share::PackageSummary, String>>,
}

impl ShareTask {
    pub fn spawn(job: crate::share::PackageJob, out: PathBuf, ctx: egui::Context) -> ShareTask {
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (p, c) = (progress.clone(), cancel.clone());
        thread::spawn(move || {
            let last = Mutex::new(Instant::now());
            let result = crate::share::write_package(
                &job,
                &out,
                &|done, total| {
                    p.done.store(done, Ordering::Relaxed);
                    p.total.store(total.max(1), Ordering::Relaxed);
                    if let Ok(mut t) = last.lock()
                        && t.elapsed() > Duration::from_millis(50)
                    {
                        *t = Instant::now();
                        ctx.request_repaint();
                    }
                },
                &c,
            )
            .map_err(|e| e.to_string());
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        ShareTask {
            progress,
            cancel,
            rx,
        }
    }

    pub fn poll(&self) -> Option<Result<crate::share::PackageSummary, String>> {
        self.rx.try_recv().ok()
    }

    /// Blocks until done (tests only).
    pub fn wait(&self, timeout: Duration) -> Option<Result<crate::share::PackageSummary, String>> {
        self.rx.recv_timeout(timeout).ok()
    }
}

/// Receives a package into a new read-only catalogue on a background thread.
pub struct ReceiveTask {
    rx: Receiver<Result<crate::share::ReceiveSummary, String>>,
}

impl ReceiveTask {
    pub fn spawn(package: PathBuf, dest: PathBuf, actor: String, ctx: egui::Context) -> Self {
        let (tx, rx) = channel();
        thread::spawn(move || {
            let result =
                crate::share::receive(&package, &dest, false, &actor).map_err(|e| e.to_string());
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        ReceiveTask { rx }
    }

    pub fn poll(&self) -> Option<Result<crate::share::ReceiveSummary, String>> {
        self.rx.try_recv().ok()
    }

    pub fn wait(&self, timeout: Duration) -> Option<Result<crate::share::ReceiveSummary, String>> {
        self.rx.recv_timeout(timeout).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_outside_cannot_escape_the_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name("a\\b.jpg"), "b.jpg");
        assert_eq!(safe_file_name("photo.jpg"), "photo.jpg");
    }
}
