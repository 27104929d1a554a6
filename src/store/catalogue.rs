//! A catalogue is a folder:
//!
//! ```text
//! dossier.json        format name and version, catalogue id, title, created
//! records/<id>.json   one pretty-printed file per record
//! trash/<id>.json     records moved to the trash (restorable until emptied)
//! attachments/<sha>   original bytes, named by SHA-256, read-only, never modified
//! cache/              thumbnails; may be deleted at any time
//! dossier.lock        held while a Dossier has the catalogue open for writing
//! ```
//!
//! `Catalogue` holds every record in memory. Edits change memory and return a `WriteBatch`
//! of file changes: the CLI applies it at once, the GUI hands it to its writer thread.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::StoreError;
use super::blobs::{ATTACHMENTS_DIR, BlobStore};
use super::fsx::{self, FsOp, WriteBatch};
use super::lock::{self, CatalogueLock, LockHolder, LockOutcome};
use crate::model::{Extra, Record, RecordId, Trashed};

pub const META_FILE: &str = "dossier.json";
pub const RECORDS_DIR: &str = "records";
pub const TRASH_DIR: &str = "trash";
pub const CACHE_DIR: &str = "cache";
pub const FORMAT_NAME: &str = "dossier-catalogue";
/// The newest format this version reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The contents of `dossier.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueMeta {
    pub format: String,
    pub version: u32,
    pub id: Uuid,
    pub title: String,
    pub created: Timestamp,
    #[serde(default)]
    pub created_by: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Why a catalogue opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Opened read-only on purpose (the CLI's read commands, for instance).
    Requested,
    /// Written by a newer Dossier, whose format this version may not fully understand.
    NewerFormat { found: u32 },
    /// Another Dossier has it open for writing.
    OpenElsewhere(Option<LockHolder>),
    /// The folder cannot be written (read-only drive, or no permission).
    NotWritable(String),
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::Requested => write!(f, "it was opened read-only"),
            ReadOnlyReason::NewerFormat { found } => write!(
                f,
                "it was written by a newer Dossier (format version {found}; this Dossier knows version {FORMAT_VERSION}), so it opens read-only to keep that version's data intact. Update Dossier to edit it"
            ),
            ReadOnlyReason::OpenElsewhere(Some(holder)) => write!(
                f,
                "it is open in another Dossier by {holder}. Close it there to edit it here"
            ),
            ReadOnlyReason::OpenElsewhere(None) => write!(
                f,
                "it is open in another Dossier. Close it there to edit it here"
            ),
            ReadOnlyReason::NotWritable(why) => {
                write!(f, "its folder cannot be written ({why})")
            }
        }
    }
}

/// A file that could not be read; it is listed, and never overwritten or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line of the problem in the file, when known.
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

/// How to open a catalogue.
#[derive(Default)]
pub struct OpenOptions<'a> {
    pub read_only: bool,
    /// The name of the person opening it, written into the lock.
    pub user: String,
    /// Called with (files read, files in all) while records load.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

enum Access {
    Writable { _lock: Option<CatalogueLock> },
    ReadOnly(ReadOnlyReason),
}

/// An open catalogue: its metadata, every record, and the problems found opening it.
pub struct Catalogue {
    root: PathBuf,
    meta: CatalogueMeta,
    records: Vec<Record>,
    index: HashMap<RecordId, usize>,
    trash: Vec<Record>,
    problems: Vec<Problem>,
    notices: Vec<String>,
    access: Access,
    generation: u64,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue")
            .field("root", &self.root)
            .field("records", &self.records.len())
            .field("trash", &self.trash.len())
            .field("problems", &self.problems.len())
            .finish()
    }
}

impl Catalogue {
    /// Makes a new, empty catalogue in `root` (which must not exist, or be an empty folder)
    /// and opens it for writing.
    pub fn create(root: &Path, title: &str, user: &str) -> Result<Catalogue, StoreError> {
        let cannot = |reason: String| StoreError::CannotCreate {
            path: root.to_path_buf(),
            reason,
        };
        if root.exists() {
            if !root.is_dir() {
                return Err(cannot("a file with that name exists".into()));
            }
            let mut entries = fs::read_dir(root).map_err(|e| StoreError::io("read", root, e))?;
            if entries.next().is_some() {
                return Err(cannot(
                    "the folder is not empty; choose a new or empty folder".into(),
                ));
            }
        }
        for dir in [RECORDS_DIR, TRASH_DIR, ATTACHMENTS_DIR, CACHE_DIR] {
            let path = root.join(dir);
            fs::create_dir_all(&path).map_err(|e| StoreError::io("create", &path, e))?;
        }
        let meta = CatalogueMeta {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            id: Uuid::now_v7(),
            title: title.trim().to_string(),
            created: Timestamp::now(),
            created_by: user.to_string(),
            extra: Extra::new(),
        };
        let path = root.join(META_FILE);
        fsx::write_atomic(&path, &meta_json(&meta))
            .map_err(|e| StoreError::io("save", &path, e))?;
        Catalogue::open(
            root,
            OpenOptions {
                user: user.to_string(),
                ..OpenOptions::default()
            },
        )
    }

    /// Opens the catalogue at `root`. Files that cannot be read are listed in `problems()`;
    /// everything else opens. It opens read-only, saying why, when it is open elsewhere, was
    /// written by a newer Dossier, or cannot be written.
    pub fn open(root: &Path, options: OpenOptions<'_>) -> Result<Catalogue, StoreError> {
        let meta = read_meta(root)?;
        let mut notices = Vec::new();
        let access = if options.read_only {
            Access::ReadOnly(ReadOnlyReason::Requested)
        } else if meta.version > FORMAT_VERSION {
            Access::ReadOnly(ReadOnlyReason::NewerFormat {
                found: meta.version,
            })
        } else {
            match lock::try_lock(root, &options.user) {
                Ok(LockOutcome::Acquired(lock)) => Access::Writable { _lock: Some(lock) },
                Ok(LockOutcome::HeldElsewhere(holder)) => {
                    Access::ReadOnly(ReadOnlyReason::OpenElsewhere(holder))
                }
                Ok(LockOutcome::Unsupported) => {
                    notices.push(
                        "This drive cannot lock files: do not open this catalogue in two Dossiers at once."
                            .to_string(),
                    );
                    Access::Writable { _lock: None }
                }
                Err(e) => Access::ReadOnly(ReadOnlyReason::NotWritable(super::describe_io(&e))),
            }
        };
        let mut cat = Catalogue {
            root: root.to_path_buf(),
            meta,
            records: Vec::new(),
            index: HashMap::new(),
            trash: Vec::new(),
            problems: Vec::new(),
            notices,
            access,
            generation: 0,
        };
        if let Access::ReadOnly(reason) = &cat.access
            && *reason != ReadOnlyReason::Requested
        {
            cat.notices.push(format!("Read-only: {reason}."));
        }
        cat.load_records(options.progress)?;
        Ok(cat)
    }

    fn load_records(
        &mut self,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    ) -> Result<(), StoreError> {
        let writable = self.is_writable();
        let live = list_record_files(&self.root.join(RECORDS_DIR), writable)?;
        let trashed = list_record_files(&self.root.join(TRASH_DIR), writable)?;
        let total = live.len() + trashed.len();
        let mut done = 0;
        let mut moves = Vec::new();
        for (path, in_trash) in live
            .into_iter()
            .map(|p| (p, false))
            .chain(trashed.into_iter().map(|p| (p, true)))
        {
            done += 1;
            if let Some(report) = progress
                && (done % 256 == 0 || done == total)
            {
                report(done, total);
            }
            let record = match read_record_file(&path) {
                Ok(record) => record,
                Err(problem) => {
                    self.problems.push(problem);
                    continue;
                }
            };
            if self.index.contains_key(&record.id) || self.trash.iter().any(|r| r.id == record.id) {
                self.problems.push(Problem {
                    path,
                    line: None,
                    reason: format!(
                        "another file holds a record with the same id {}; this copy was not opened",
                        record.id
                    ),
                });
                continue;
            }
            // Where a record belongs is decided by its `trashed` field; a file left in the
            // other folder by an interrupted move is finished below.
            let belongs_in_trash = record.trashed.is_some();
            if belongs_in_trash != in_trash {
                moves.push((path, self.record_path(&record.id, belongs_in_trash)));
            }
            if belongs_in_trash {
                self.trash.push(record);
            } else {
                self.index.insert(record.id, self.records.len());
                self.records.push(record);
            }
        }
        if writable {
            for (from, to) in moves {
                // Finishing an interrupted move is a courtesy: if it fails, memory is right
                // and the next save of the record puts it in place.
                let _ = fsx::rename_durable(&from, &to);
            }
        }
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn meta(&self) -> &CatalogueMeta {
        &self.meta
    }

    pub fn title(&self) -> &str {
        &self.meta.title
    }

    /// Live records (not in the trash), in no particular order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn trash(&self) -> &[Record] {
        &self.trash
    }

    pub fn get(&self, id: &RecordId) -> Option<&Record> {
        self.index.get(id).map(|&i| &self.records[i])
    }

    pub fn get_trashed(&self, id: &RecordId) -> Option<&Record> {
        self.trash.iter().find(|r| r.id == *id)
    }

    /// Files that could not be read when the catalogue opened.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Things the person should know about this catalogue (read-only, no locking...).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn is_writable(&self) -> bool {
        matches!(self.access, Access::Writable { .. })
    }

    pub fn read_only_reason(&self) -> Option<&ReadOnlyReason> {
        match &self.access {
            Access::ReadOnly(reason) => Some(reason),
            Access::Writable { .. } => None,
        }
    }

    /// Changes each time a record is added, changed, trashed or restored.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The original attachment bytes, for importing and reading.
    pub fn blobs(&self) -> BlobStore {
        BlobStore::new(&self.root)
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(CACHE_DIR)
    }

    fn ensure_writable(&self) -> Result<(), StoreError> {
        match &self.access {
            Access::Writable { .. } => Ok(()),
            Access::ReadOnly(reason) => Err(StoreError::ReadOnly(reason.clone())),
        }
    }

    fn record_path(&self, id: &RecordId, in_trash: bool) -> PathBuf {
        let dir = if in_trash { TRASH_DIR } else { RECORDS_DIR };
        self.root.join(dir).join(format!("{id}.json"))
    }

    /// Finds a live record by its full id or a unique beginning of it (as `git` does).
    pub fn resolve(&self, text: &str) -> Result<RecordId, StoreError> {
        if let Ok(id) = text.parse::<RecordId>()
            && self.index.contains_key(&id)
        {
            return Ok(id);
        }
        let wanted = text.trim().to_ascii_lowercase().replace('-', "");
        if wanted.len() < 4 {
            return Err(StoreError::UnknownRecord(text.to_string()));
        }
        let matches: Vec<RecordId> = self
            .records
            .iter()
            .map(|r| r.id)
            .filter(|id| id.0.simple().to_string().starts_with(&wanted))
            .collect();
        match matches.len() {
            1 => Ok(matches[0]),
            0 => Err(StoreError::UnknownRecord(text.to_string())),
            count => Err(StoreError::AmbiguousId {
                prefix: text.to_string(),
                count,
            }),
        }
    }

    /// Adds a new record or replaces the one with the same id, stamping who changed it and
    /// when. Memory changes now; the returned batch writes the file.
    pub fn put(&mut self, mut record: Record, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        if self.get_trashed(&record.id).is_some() {
            return Err(StoreError::UnknownRecord(format!(
                "{} (it is in the trash; restore it first)",
                record.id
            )));
        }
        normalise(&mut record);
        record.modified = Timestamp::now();
        record.modified_by = actor.to_string();
        record.trashed = None;
        let existing = self.index.get(&record.id).copied();
        if let Some(i) = existing {
            // Who created a record, and when, never changes.
            record.created = self.records[i].created;
            record.created_by = self.records[i].created_by.clone();
        }
        let mut batch = WriteBatch::new(format!("Saved '{}'", record.display_title()));
        batch.push(FsOp::Write {
            path: self.record_path(&record.id, false),
            bytes: record.to_json(),
        });
        match existing {
            Some(i) => self.records[i] = record,
            None => {
                self.index.insert(record.id, self.records.len());
                self.records.push(record);
            }
        }
        self.generation += 1;
        Ok(batch)
    }

    /// Adds or replaces a record and writes it at once (for the CLI and tests).
    pub fn save(&mut self, record: Record, actor: &str) -> Result<RecordId, StoreError> {
        let id = record.id;
        self.put(record, actor)?.apply()?;
        Ok(id)
    }

    /// A batch that makes the files of record `id` match memory again: used to retry after
    /// a failed write. The record goes where its `trashed` field says, and any copy in the
    /// other folder is removed.
    pub fn rewrite(&self, id: &RecordId) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let (record, in_trash) = match (self.get(id), self.get_trashed(id)) {
            (Some(r), _) => (r, false),
            (None, Some(r)) => (r, true),
            (None, None) => return Err(StoreError::UnknownRecord(id.to_string())),
        };
        let mut batch = WriteBatch::new(format!("Saved '{}'", record.display_title()));
        batch.push(FsOp::Write {
            path: self.record_path(id, in_trash),
            bytes: record.to_json(),
        });
        batch.push(FsOp::Remove {
            path: self.record_path(id, !in_trash),
        });
        Ok(batch)
    }

    /// Moves a record to the trash. Links to it from other records are kept, so a restore
    /// brings everything back.
    pub fn trash_record(&mut self, id: &RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let i = *self
            .index
            .get(id)
            .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
        let mut record = self.remove_live(i);
        record.trashed = Some(Trashed {
            at: Timestamp::now(),
            by: actor.to_string(),
        });
        let mut batch = WriteBatch::new(format!("Moved '{}' to the trash", record.display_title()));
        let from = self.record_path(id, false);
        // First mark it trashed where it is, then move it: a crash between the two leaves a
        // file whose `trashed` field says where it belongs.
        batch.push(FsOp::Write {
            path: from.clone(),
            bytes: record.to_json(),
        });
        batch.push(FsOp::Rename {
            from,
            to: self.record_path(id, true),
        });
        self.trash.push(record);
        self.generation += 1;
        Ok(batch)
    }

    /// Brings a record back from the trash.
    pub fn restore_record(&mut self, id: &RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let pos = self
            .trash
            .iter()
            .position(|r| r.id == *id)
            .ok_or(StoreError::NotInTrash(*id))?;
        let mut record = self.trash.remove(pos);
        record.trashed = None;
        record.modified = Timestamp::now();
        record.modified_by = actor.to_string();
        let mut batch = WriteBatch::new(format!("Restored '{}'", record.display_title()));
        let from = self.record_path(id, true);
        batch.push(FsOp::Write {
            path: from.clone(),
            bytes: record.to_json(),
        });
        batch.push(FsOp::Rename {
            from,
            to: self.record_path(id, false),
        });
        self.index.insert(record.id, self.records.len());
        self.records.push(record);
        self.generation += 1;
        Ok(batch)
    }

    /// Deletes every record in the trash for good. Attachment originals stay in
    /// `attachments/`: they may be evidence another record or a package still refers to.
    pub fn empty_trash(&mut self) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        let mut batch =
            WriteBatch::new(format!("Emptied the trash ({} records)", self.trash.len()));
        for record in self.trash.drain(..) {
            batch.push(FsOp::Remove {
                path: self
                    .root
                    .join(TRASH_DIR)
                    .join(format!("{}.json", record.id)),
            });
        }
        self.generation += 1;
        Ok(batch)
    }

    fn remove_live(&mut self, i: usize) -> Record {
        let record = self.records.swap_remove(i);
        self.index.remove(&record.id);
        if let Some(moved) = self.records.get(i) {
            self.index.insert(moved.id, i);
        }
        record
    }
}

/// Trims what people type, so files stay clean and search finds what it should.
fn normalise(record: &mut Record) {
    let mut seen = std::collections::HashSet::new();
    record.tags = record
        .tags
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && seen.insert(t.to_lowercase()))
        .collect();
}

fn meta_json(meta: &CatalogueMeta) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(meta).expect("metadata always serialises");
    bytes.push(b'\n');
    bytes
}

fn read_meta(root: &Path) -> Result<CatalogueMeta, StoreError> {
    match fs::metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::FolderMissing(root.to_path_buf()));
        }
        Err(e) => return Err(StoreError::io("open", root, e)),
        Ok(m) if !m.is_dir() => {
            return Err(StoreError::NotACatalogue {
                path: root.to_path_buf(),
                reason: "it is a file, not a folder".into(),
            });
        }
        Ok(_) => {}
    }
    let path = root.join(META_FILE);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::NotACatalogue {
                path: root.to_path_buf(),
                reason: format!("it has no {META_FILE}"),
            });
        }
        Err(e) => return Err(StoreError::io("read", &path, e)),
    };
    let meta: CatalogueMeta =
        serde_json::from_slice(&bytes).map_err(|e| StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!("{META_FILE} cannot be read: {e}"),
        })?;
    if meta.format != FORMAT_NAME {
        return Err(StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!(
                "{META_FILE} says its format is '{}', not '{FORMAT_NAME}'",
                meta.format
            ),
        });
    }
    Ok(meta)
}

/// The `.json` files of a records folder, sorted; leftover temp files are skipped (and
/// removed when the catalogue is ours to write).
fn list_record_files(dir: &Path, writable: bool) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io("read", dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io("read", dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if fsx::is_temp_name(&name) {
            if writable {
                let _ = fs::remove_file(entry.path());
            }
            continue;
        }
        if name.starts_with('.') || !name.ends_with(".json") {
            continue;
        }
        files.push(entry.path());
    }
    files.sort();
    Ok(files)
}

fn read_record_file(path: &Path) -> Result<Record, Problem> {
    let bytes = fs::read(path).map_err(|e| Problem {
        path: path.to_path_buf(),
        line: None,
        reason: format!("cannot be read: {}", super::describe_io(&e)),
    })?;
    let record = Record::from_json(&bytes).map_err(|p| Problem {
        path: path.to_path_buf(),
        line: (p.line > 0).then_some(p.line),
        reason: p.to_string(),
    })?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != record.id.to_string() {
        return Err(Problem {
            path: path.to_path_buf(),
            line: None,
            reason: format!(
                "the file is named {stem}.json but the record inside has id {}",
                record.id
            ),
        });
    }
    Ok(record)
}
