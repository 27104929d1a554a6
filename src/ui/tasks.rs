//! The background work the app starts, each a [`Task`] on its own named thread: opening a
//! catalogue, importing files, verifying, looking for missing originals, writing a
//! package, receiving one, and opening an original with the system's program. Each
//! reports progress and wakes the UI; the UI thread never waits on disk.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::Sender;

use eframe::egui;

use super::chrome::ReceiveTarget;
use super::folder_watch::FolderWatch;
use super::session::Session;
use super::task::{Task, TaskError};
use crate::audit::AuditLog;
use crate::integrity::{RelinkReport, VerifyReport};
use crate::media;
use crate::model::{Label, RecordId, Sha256};
use crate::search::SearchIndex;
use crate::share::{PackageJob, PackageSummary, ReceiveSummary};
use crate::store::{BlobStore, Catalogue, OpenOptions, StoreError};
use crate::t;

/// An open catalogue, as the open task hands it to the UI.
pub struct Opened {
    pub cat: Catalogue,
    /// Its search index.
    pub index: SearchIndex,
    /// When it last synced (if it syncs).
    pub synced: Option<jiff::Timestamp>,
    /// The watch on its record folders, started before its files were looked at (`None`
    /// when the system cannot watch them).
    pub watch: Option<FolderWatch>,
    /// What the list first shows (the default filter and sort), when found while the
    /// catalogue opened.
    pub first: Option<crate::search::SearchResult>,
}

/// Opens a catalogue (from its snapshot in `cache/` where the files allow) with its search
/// index, reporting record files read; then writes the snapshot opening left, on a thread
/// of its own, so the next opening is quick. `data_dir` keeps the key that signs plain
/// catalogues' snapshots.
pub fn open(
    path: PathBuf,
    user: String,
    secret: Option<crate::durable::keyring::Secret>,
    data_dir: PathBuf,
    ctx: &egui::Context,
) -> Task<Opened> {
    let for_watch = ctx.clone();
    Task::spawn(t!("task-opening"), "open", ctx, move |r| {
        // The watch starts before the files are looked at, so that a change made while
        // the catalogue opens is seen too; adding it takes the system 0.14 s at a million
        // files (it marks each), here on a thread of its own rather than the UI's.
        let watching = start_watch(&path, for_watch);
        let report = |done: usize, total: usize| r.report(done as u64, total as u64);
        let mut cat = Catalogue::open(
            &path,
            OpenOptions {
                user,
                progress: Some(&report),
                secret,
                snapshot: true,
                snapshot_key: crate::store::snapshot::SnapshotKey::in_folder(&data_dir).ok(),
                // The list shows from the index; the records the snapshot serves are
                // decoded as drawn, and the rest off the UI thread (`ui::reading`).
                lazy: true,
                // Nothing else is held in memory yet: read beside the listing, and the
                // list's first search made there as soon as it is read.
                index_ahead: true,
                search_ahead: Some(Session::first_search()),
                ..OpenOptions::default()
            },
        )?;
        let (index, first) = cat.take_index_and_search();
        // What the reading thread starts from, gathered here rather than on the UI thread.
        cat.prepare_completion();
        if let Some(job) = cat.snapshot_job() {
            // Only the next opening's speed depends on it: a failure is not said.
            let _ = std::thread::Builder::new()
                .name("snapshot".into())
                .spawn(move || job.write());
        }
        // The log is not held whole (about 100 MiB at 100,000 records): a record's history
        // is read from the disk through an index of where its entries are, made now, off
        // the UI thread, so that it is there when the History tab is shown.
        cat.audit().keep_tail_only();
        cat.audit().build_record_index_in_background();
        // Two small git commands, and only for a catalogue that syncs.
        let synced = crate::sync::remotes(&path)
            .ok()
            .and_then(|r| r.into_iter().next())
            .and_then(|(name, _)| crate::sync::last_synced(&path, &name));
        let watch = watching.and_then(|w| w.join().ok()).flatten();
        Ok(Opened {
            cat,
            index,
            synced,
            watch,
            first,
        })
    })
}

/// Starts watching the record folders under `root` on a thread of its own.
fn start_watch(
    root: &std::path::Path,
    ctx: egui::Context,
) -> Option<std::thread::JoinHandle<Option<FolderWatch>>> {
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || FolderWatch::start(&root, &ctx))
        .ok()
}

/// A new encrypted catalogue, open with its index and watch, and its recovery key (to
/// show once).
pub type Created = (Opened, zeroize::Zeroizing<String>);

/// Makes a new encrypted catalogue under `passphrase` and opens it.
pub fn create_encrypted(
    path: PathBuf,
    title: String,
    user: String,
    passphrase: zeroize::Zeroizing<String>,
    ctx: &egui::Context,
) -> Task<Created> {
    let for_watch = ctx.clone();
    Task::spawn(t!("task-creating"), "create", ctx, move |_| {
        let kdf = crate::durable::keyring::KdfParams::DEFAULT;
        let (cat, recovery) = Catalogue::create_encrypted(&path, &title, &user, &passphrase, kdf)?;
        let index = SearchIndex::build(cat.records());
        let opened = Opened {
            cat,
            index,
            synced: None,
            watch: FolderWatch::start(&path, &for_watch),
            first: None,
        };
        Ok((opened, zeroize::Zeroizing::new(recovery.to_words())))
    })
}

/// One file of an import: where it was, and the attachment made (and whether its bytes
/// were already stored) or why not.
pub type ImportedFile = (PathBuf, Result<media::Imported, StoreError>);

/// What became of each file of an import.
pub struct ImportOutcome {
    /// The record the files go into; `None` makes a media record per file.
    pub into: Option<RecordId>,
    pub label: Label,
    pub results: Vec<ImportedFile>,
}

/// Files being imported: the task, and how many files it has.
pub struct Import {
    pub task: Task<ImportOutcome>,
    pub files: usize,
}

/// Copies and hashes files into the catalogue, reporting bytes and files done.
pub fn import(
    blobs: BlobStore,
    files: Vec<PathBuf>,
    into: Option<RecordId>,
    label: Label,
    actor: String,
    ctx: &egui::Context,
) -> Import {
    let count = files.len();
    let task = Task::spawn(t!("task-importing"), "import", ctx, move |r| {
        let total: u64 = files
            .iter()
            .filter_map(|f| std::fs::symlink_metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let total = total.max(1);
        let mut before = 0u64;
        let mut results = Vec::new();
        for file in files {
            let mut report = |bytes: u64| r.report(before + bytes, total);
            let result = media::import_file(&blobs, &file, &actor, label, &mut report);
            if let Ok(imported) = &result {
                before += imported.attachment.size;
            }
            r.item_done();
            results.push((file, result));
        }
        Ok(ImportOutcome {
            into,
            label,
            results,
        })
    });
    Import { task, files: count }
}

/// Syncs the open catalogue with its first remote; the steps are counted as progress.
pub fn sync(
    target: crate::sync::SyncTarget,
    actor: String,
    ctx: &egui::Context,
) -> Task<crate::sync::SyncSummary> {
    Task::spawn(t!("task-syncing"), "sync", ctx, move |r| {
        let mut step = 0;
        Ok(crate::sync::sync(&target, None, &actor, &mut |_| {
            step += 1;
            r.report(step.min(5), 6);
        })?)
    })
}

/// Verifies a catalogue, reporting bytes hashed.
pub fn verify(
    root: PathBuf,
    secret: Option<crate::durable::keyring::Secret>,
    ctx: &egui::Context,
) -> Task<VerifyReport> {
    Task::spawn(t!("task-verifying"), "verify", ctx, move |r| {
        Ok(crate::integrity::verify(&root, secret, &|v| {
            r.report(v.bytes_done, v.bytes_total.max(1))
        })?)
    })
}

/// Searches `folder` for the missing ones among `referenced` originals, counting files
/// looked at; each restore is logged as it happens.
pub fn relink(
    blobs: BlobStore,
    log: AuditLog,
    referenced: BTreeMap<Sha256, (String, u64)>,
    folder: PathBuf,
    actor: String,
    ctx: &egui::Context,
) -> Task<RelinkReport> {
    Task::spawn(t!("task-relinking"), "relink", ctx, move |r| {
        // Which originals are missing is itself a look at the disk: done here.
        let missing: BTreeMap<_, _> = referenced
            .into_iter()
            .filter(|(sha, _)| !blobs.contains(sha))
            .collect();
        let seen = |n: usize| {
            r.progress
                .items
                .store(n, std::sync::atomic::Ordering::Relaxed);
            r.repaint_soon();
        };
        Ok(crate::integrity::relink(
            &blobs, &log, &missing, &folder, &actor, &seen,
        )?)
    })
}

/// Writes a share package, reporting bytes copied; [`Task::cancel`] stops it with
/// nothing written.
pub fn share(job: PackageJob, out: PathBuf, ctx: &egui::Context) -> Task<PackageSummary> {
    Task::spawn(t!("task-sharing"), "share", ctx, move |r| {
        Ok(crate::share::write_package(
            &job,
            &out,
            &|done, total| r.report(done, total.max(1)),
            r.cancel_flag(),
        )?)
    })
}

/// What receiving did, and the new catalogue's recovery key when it is encrypted.
pub type Received = (ReceiveSummary, Option<zeroize::Zeroizing<String>>);

/// Receives a package into a new read-only catalogue where `target` says.
pub fn receive(
    package: PathBuf,
    passphrase: Option<zeroize::Zeroizing<String>>,
    target: ReceiveTarget,
    actor: String,
    ctx: &egui::Context,
) -> Task<Received> {
    Task::spawn(t!("task-receiving"), "receive", ctx, move |_| {
        // An encrypted package is opened into a private temp file first (removed after).
        let inner = match &passphrase {
            Some(p) => Some(crate::share::unprotect(&package, p)?),
            None => None,
        };
        let path = inner.as_ref().map_or(package.as_path(), |i| i.path());
        let kdf = crate::durable::keyring::KdfParams::DEFAULT;
        let seal = target.passphrase.map(|p| (p, kdf));
        let into = crate::share::ReceiveInto::New(target.folder, seal);
        let (summary, recovery) = crate::share::receive_into(path, into, &actor)?;
        let words = recovery.map(|r| zeroize::Zeroizing::new(r.to_words()));
        Ok((summary, words))
    })
}

/// Opens an original with the program the system uses for its type, through a link named
/// like the original (so the program knows the type) in `cache/open/`. The original itself
/// stays read-only. Runs on its own thread; errors come back on `errors`.
pub fn open_attachment(
    original: PathBuf,
    cache_dir: PathBuf,
    name: String,
    sha256: Sha256,
    vault: crate::durable::vault::Vault,
    errors: Sender<String>,
) {
    let report = errors.clone();
    let started = std::thread::Builder::new()
        .name("dossier-open-original".into())
        .spawn(move || {
            if let Err(e) = open_with_system(&original, &cache_dir, &name, &sha256, &vault) {
                let _ = errors.send(e);
            }
        });
    if let Err(e) = started {
        let _ = report.send(t!("error-open-file", why = e.to_string()));
    }
}

fn open_with_system(
    original: &std::path::Path,
    cache_dir: &std::path::Path,
    name: &str,
    sha256: &Sha256,
    vault: &crate::durable::vault::Vault,
) -> Result<(), String> {
    if !original.is_file() {
        return Err(t!(
            "error-original-missing",
            name = name,
            path = original.display().to_string()
        ));
    }
    if vault.is_sealed() {
        // Another program needs the plain bytes: a private copy outside the catalogue.
        let copy = super::opened_files::decrypt_for_opening(vault, original, name)
            .map_err(|e| crate::durable::describe_io(&e))?;
        return open::that_detached(&copy).map_err(|_| {
            t!(
                "error-no-program",
                name = name,
                path = original.display().to_string()
            )
        });
    }
    let dir = cache_dir.join("open").join(sha256.as_str());
    std::fs::create_dir_all(&dir).map_err(|e| crate::durable::describe_io(&e))?;
    let link = dir.join(crate::text::safe_file_name(name));
    if !link.exists() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(original, &link).map_err(|e| crate::durable::describe_io(&e))?;
        #[cfg(not(unix))]
        std::fs::copy(original, &link).map_err(|e| crate::durable::describe_io(&e))?;
    }
    open::that_detached(&link).map_err(|_| {
        t!(
            "error-no-program",
            name = name,
            path = original.display().to_string()
        )
    })
}

/// A redacted copy made and stored, to be added to its record.
pub struct Redacted {
    pub record: RecordId,
    pub source: crate::model::Attachment,
    pub copy: crate::model::Attachment,
}

/// Makes a redacted copy of `source` (an attachment of `record`) with `ops`, labelled
/// `label`, and stores it; the UI then logs it and adds it to the record.
pub fn redact(
    blobs: BlobStore,
    (record, source, ops, label): (
        RecordId,
        crate::model::Attachment,
        Vec<crate::model::RedactOp>,
        Label,
    ),
    actor: String,
    ctx: &egui::Context,
) -> Task<Redacted> {
    Task::spawn(t!("task-redacting"), "redact", ctx, move |_| {
        let copy = media::redact::redacted_copy(&blobs, &source, &ops, label, &actor)
            .map_err(|e| TaskError::Nothing(e.to_string()))?;
        Ok(Redacted {
            record,
            source,
            copy,
        })
    })
}
