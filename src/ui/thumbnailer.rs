//! The thumbnail makers: a few named threads that turn originals into previews, newest
//! request first (what is on screen now).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::durable::vault::{Source, Vault};
use crate::media::thumbs;
use crate::model::Sha256;

/// Which picture: an original's thumbnail, plain or obscured.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThumbKey {
    pub sha256: Sha256,
    pub obscured: bool,
}

struct ThumbJob {
    key: ThumbKey,
    original: PathBuf,
    /// The catalogue's vault (the original is sealed when it is encrypted).
    vault: Option<Vault>,
    cache_dir: Option<PathBuf>,
}

/// One thumbnail made, or why it could not be.
pub struct ThumbDone {
    pub key: ThumbKey,
    pub result: Result<egui::ColorImage, String>,
}

struct Queue {
    jobs: Mutex<Vec<ThumbJob>>,
    ready: Condvar,
    stop: AtomicBool,
}

/// Up to four threads that make thumbnails, newest request first (what is on screen now).
pub struct Thumbnailer {
    queue: Arc<Queue>,
    /// For answering at once when no thread could start.
    tx: Sender<ThumbDone>,
    rx: Receiver<ThumbDone>,
    in_flight: HashSet<ThumbKey>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Thumbnailer {
    /// Starts the thumbnail threads.
    pub fn spawn(ctx: egui::Context) -> Thumbnailer {
        let queue = Arc::new(Queue {
            jobs: Mutex::new(Vec::new()),
            ready: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let (tx, rx) = channel();
        let workers = thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
        // A thread that cannot start leaves the others to do the work; with none, previews
        // say why they are missing.
        let threads: Vec<_> = (0..workers)
            .filter_map(|i| {
                let (queue, tx, ctx) = (queue.clone(), tx.clone(), ctx.clone());
                thread::Builder::new()
                    .name(format!("dossier-thumbs-{i}"))
                    .spawn(move || thumb_worker(&queue, &tx, &ctx))
                    .ok()
            })
            .collect();
        Thumbnailer {
            queue,
            tx,
            rx,
            in_flight: HashSet::new(),
            threads,
        }
    }

    /// Asks for a thumbnail unless it is already being made.
    pub fn request(&mut self, key: ThumbKey, original: Source<'_>, cache_dir: Option<&Path>) {
        if !self.in_flight.insert(key.clone()) {
            return;
        }
        if self.threads.is_empty() {
            let _ = self.tx.send(ThumbDone {
                key,
                result: Err(crate::t!("preview-no-thread")),
            });
            return;
        }
        let job = ThumbJob {
            key,
            original: original.path.to_path_buf(),
            vault: original.vault().cloned(),
            cache_dir: cache_dir.map(Path::to_path_buf),
        };
        if let Ok(mut jobs) = self.queue.jobs.lock() {
            jobs.push(job);
        }
        self.queue.ready.notify_one();
    }

    /// The thumbnails made since the last call.
    pub fn poll(&mut self) -> Vec<ThumbDone> {
        let mut done = Vec::new();
        while let Ok(d) = self.rx.try_recv() {
            self.in_flight.remove(&d.key);
            done.push(d);
        }
        done
    }

    /// Thumbnails asked for and not made yet.
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
        let original = match &job.vault {
            Some(vault) => Source::stored(vault, &job.original),
            None => Source::plain(&job.original),
        };
        let result = thumbs::thumbnail(original, &job.key.sha256, job.cache_dir.as_deref())
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
            .map_err(|e| crate::t!("preview-cannot", why = e.reason));
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
