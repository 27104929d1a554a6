//! Making and opening a catalogue: the lock (or why it opens read-only), the log, every
//! record file read, parsed and hashed on every core, then what opening finds compared
//! with the log (`repair.rs`).

use std::collections::{HashMap, HashSet};
use std::fs;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use jiff::Timestamp;
use uuid::Uuid;

use super::listing::{Listing, read_record_files};
use super::sealing::{self, Encryption, MetaFile, read_meta};
use super::*;
use crate::audit::{Action, AuditDraft, AuditLog};

use crate::durable::keyring::{KdfParams, RecoveryKey, Secret};
use crate::durable::seal::CatalogueKey;
use crate::durable::vault::Vault;
use crate::model::{Extra, RecordId};
use crate::store::blobs::ATTACHMENTS_DIR;
use crate::store::layout::*;
use crate::store::lock::{self, LockOutcome};
use crate::store::{ReadOnlyReason, StoreError};

/// How to open a catalogue.
#[derive(Default)]
pub struct OpenOptions<'a> {
    /// Open without writing anything (no lock, no repairs saved).
    pub read_only: bool,
    /// The name of the person opening it, written into the lock.
    pub user: String,
    /// Called with (files read, files in all) while records load.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// What opens an encrypted catalogue (a plain one needs nothing, and ignores it).
    pub secret: Option<Secret>,
}

/// The fewest characters a new passphrase may have.
pub const MIN_PASSPHRASE: usize = 8;

impl Catalogue {
    /// Makes a new, empty, plain catalogue in `root` (which must not exist, or be an empty
    /// folder) and opens it for writing. Whoever reads the folder reads everything in it:
    /// new catalogues are encrypted unless a plain one is asked for (a public archive).
    pub fn create(root: &Path, title: &str, user: &str) -> Result<Catalogue, StoreError> {
        Catalogue::create_with(root, title, user, Uuid::now_v7(), None)
    }

    /// Makes a new, empty, encrypted catalogue in `root`, its key wrapped by `passphrase`
    /// (for `user`) and by a new recovery key, and opens it for writing. The recovery key
    /// is given back to be shown once and printed: it is stored nowhere else.
    pub fn create_encrypted(
        root: &Path,
        title: &str,
        user: &str,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<(Catalogue, RecoveryKey), StoreError> {
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(StoreError::ShortPassphrase(MIN_PASSPHRASE));
        }
        let id = Uuid::now_v7();
        // The wrap's label is public: it names no one (whose it is stays inside the log).
        let (key, encryption, recovery) =
            sealing::new_key(&id.to_string(), "passphrase-1", passphrase, kdf)?;
        let cat = Catalogue::create_with(root, title, user, id, Some((key, encryption)))?;
        Ok((cat, recovery))
    }

    fn create_with(
        root: &Path,
        title: &str,
        user: &str,
        id: Uuid,
        sealed: Option<(CatalogueKey, Encryption)>,
    ) -> Result<Catalogue, StoreError> {
        make_folders(root)?;
        let meta = CatalogueMeta {
            format: FORMAT_NAME.into(),
            version: match sealed {
                Some(_) => ENCRYPTED_FORMAT_VERSION,
                None => PLAIN_FORMAT_VERSION,
            },
            id,
            title: title.trim().to_string(),
            created: Timestamp::now(),
            created_by: user.to_string(),
            office: String::new(),
            received: None,
            two_people_approve: true,
            log_signing_key: match sealed {
                Some(_) => Some(sealing::new_signing_key()?),
                None => None,
            },
            extra: Extra::new(),
        };
        let (vault, encryption, secret) = match sealed {
            None => (Vault::plain(root), None, None),
            Some((key, encryption)) => (
                Vault::sealed(root, key.keys(&id.to_string())),
                Some(encryption),
                Some(Secret::Key(key)),
            ),
        };
        let path = root.join(META_FILE);
        sealing::meta_file_bytes(&meta, &vault, encryption.as_ref())
            .and_then(|bytes| crate::durable::write_atomic(&path, &bytes))
            .map_err(|e| StoreError::io("save", &path, e))?;
        let encrypted = secret.is_some();
        let cat = Catalogue::open(
            root,
            OpenOptions {
                user: user.to_string(),
                secret,
                ..OpenOptions::default()
            },
        )?;
        let mut created = AuditDraft::new(user, Action::CatalogueCreated)
            .note(format!("'{}'", meta.title))
            .detail("catalogue", meta.id.to_string());
        if encrypted {
            created = created.detail("encrypted", "yes");
        }
        cat.audit.append(&[created])?;
        Ok(cat)
    }

    /// Whether the catalogue at `root` is encrypted (read from its `dossier.json`).
    pub fn is_encrypted_at(root: &Path) -> Result<bool, StoreError> {
        Ok(matches!(read_meta(root)?, MetaFile::Encrypted(_)))
    }

    /// Opens the catalogue at `root`. Files that cannot be read are listed in `problems()`;
    /// everything else opens. It opens read-only, saying why, when it is open elsewhere, was
    /// written by a newer Dossier, or cannot be written.
    pub fn open(root: &Path, options: OpenOptions<'_>) -> Result<Catalogue, StoreError> {
        let (meta, vault, encryption, key, listing) = match read_meta(root)? {
            MetaFile::Plain(meta) => (*meta, Vault::plain(root), None, None, None),
            MetaFile::Encrypted(public) => {
                if let Some(converting) = public.converting() {
                    return Err(StoreError::ConversionInterrupted {
                        path: root.to_path_buf(),
                        encrypting: converting == "encrypting",
                    });
                }
                let (u, listing) = unlock_reading_ahead(root, public, options.secret.as_ref())?;
                (u.meta, u.vault, Some(u.encryption), Some(u.key), listing)
            }
        };
        let mut notices = Vec::new();
        // The lock file lies in the clear: an encrypted catalogue's names no one.
        let holder = if encryption.is_some() {
            ""
        } else {
            options.user.as_str()
        };
        let access = access(root, &meta, &options, holder, &mut notices);
        let writable = matches!(access, Access::Writable { .. });
        let (audit, loaded) = match crate::store::Device::read(root)? {
            Some(device) => AuditLog::load_device(&vault, &device.log, writable)?,
            None => AuditLog::load(&vault, writable)?,
        };
        let mut cat = Catalogue {
            root: root.to_path_buf(),
            meta,
            vault,
            encryption,
            key,
            records: Arc::default(),
            index: HashMap::new(),
            trash: Arc::default(),
            problems: Vec::new(),
            notices,
            access,
            generation: 0,
            audit,
            audit_problems: Vec::new(),
            file_hashes: HashMap::new(),
            quarantined: HashSet::new(),
            recipients: Vec::new(),
            recipients_unreadable: false,
            views: Vec::new(),
            views_unreadable: false,
            outside: HashMap::new(),
            opening_report: Vec::new(),
            recipient_problems: HashMap::new(),
        };
        if let Access::ReadOnly(reason) = &cat.access
            && *reason != ReadOnlyReason::Requested
        {
            cat.notices.push(format!("Read-only: {reason}."));
        }
        let copies = cat.load_records(listing, options.progress)?;
        cat.load_recipients();
        cat.load_views();
        if !loaded.problems.is_empty() {
            cat.notices.push(format!(
                "The audit log has {} problem{}: entries were altered, removed or reordered. Verify the catalogue to see them.",
                loaded.problems.len(),
                if loaded.problems.len() == 1 { "" } else { "s" }
            ));
        }
        if let Err(e) = cat.reconcile(&options.user, &loaded, writable) {
            // A full disk must not lock people out of what they saved: open, and log the
            // repairs the next time there is room.
            cat.notices.push(format!(
                "What was found on opening could not be written to the audit log ({e}); it will be logged the next time the catalogue opens."
            ));
        }
        cat.take_conflict_copies_or_say(&options.user, &copies);
        cat.audit_problems = loaded.problems;
        Ok(cat)
    }

    /// Reads every record file (those `listing` names, or listed now), each into the
    /// records or the trash as its `trashed` field says.
    pub(super) fn load_records(
        &mut self,
        listing: Option<Listing>,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    ) -> Result<Vec<PathBuf>, StoreError> {
        let writable = self.is_writable();
        let listing = match listing {
            Some(listing) => listing,
            None => Listing::of(&self.root)?,
        };
        if writable {
            listing.remove_temps();
        }
        let files = &listing.files;
        let total = files.len();
        let read = read_record_files(files, &self.vault, progress);
        let mut moves = Vec::new();
        let mut trashed_ids = HashSet::new();
        Arc::make_mut(&mut self.records).reserve(total);
        self.index.reserve(total);
        self.file_hashes.reserve(total);
        for (file, result) in files.iter().zip(read) {
            let (path, in_trash) = (file.path.clone(), file.in_trash);
            let (record, sha) = match result {
                Ok(read) => read,
                Err(problem) => {
                    if let Some(id) = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .and_then(|s| s.parse::<RecordId>().ok())
                    {
                        self.quarantined.insert(id);
                    }
                    self.problems.push(problem);
                    continue;
                }
            };
            if self.index.contains_key(&record.id) || trashed_ids.contains(&record.id) {
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
            self.file_hashes.insert(record.id, sha);
            if belongs_in_trash {
                trashed_ids.insert(record.id);
                Arc::make_mut(&mut self.trash).push(record);
            } else {
                self.index.insert(record.id, self.records.len());
                Arc::make_mut(&mut self.records).push(record);
            }
        }
        if writable {
            for (from, to) in moves {
                // Finishing an interrupted move is a courtesy: if it fails, memory is right
                // and the next save of the record puts it in place.
                let _ = crate::durable::rename_durable(&from, &to);
            }
        }
        Ok(listing.conflict_copies)
    }
}

impl Catalogue {
    /// Takes in a sync tool's conflict copies; a failure is said, never fatal: the copies
    /// stay where they are for the next opening.
    fn take_conflict_copies_or_say(&mut self, user: &str, copies: &[PathBuf]) {
        if let Err(e) = self.take_conflict_copies(user, copies) {
            self.notices.push(format!(
                "A sync tool's conflict copy could not be taken in ({e}); it stays where it is and is tried again the next time the catalogue opens."
            ));
        }
    }
}

/// Unlocks an encrypted catalogue while its record files are listed and read (the key
/// derivation keeps one core busy and needs nothing from the disk). A listing that failed
/// is left to be made again, where its error is said.
fn unlock_reading_ahead(
    root: &Path,
    public: sealing::PublicMeta,
    secret: Option<&Secret>,
) -> Result<(sealing::Unlocked, Option<Listing>), StoreError> {
    let stop = AtomicBool::new(false);
    let (unlocked, listing) = std::thread::scope(|s| {
        let ahead = s.spawn(|| Listing::read_ahead(root, &stop));
        let unlocked = sealing::unlock(root, public, secret);
        stop.store(true, Ordering::Relaxed);
        (unlocked, ahead.join())
    });
    Ok((unlocked?, listing.ok().and_then(Result::ok)))
}

/// Checks that `root` is new or an empty folder, and makes the catalogue's folders in it.
fn make_folders(root: &Path) -> Result<(), StoreError> {
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
    Ok(())
}

/// Whether the catalogue opens for writing (holding its lock) or read-only, and why:
/// asked for, a received package, a newer format, open elsewhere, or not writable.
pub(super) fn access(
    root: &Path,
    meta: &CatalogueMeta,
    options: &OpenOptions<'_>,
    holder: &str,
    notices: &mut Vec<String>,
) -> Access {
    if options.read_only {
        return Access::ReadOnly(ReadOnlyReason::Requested);
    }
    if let Some(received) = &meta.received {
        return Access::ReadOnly(ReadOnlyReason::Received {
            package_id: received.package_id.clone(),
            sent_by: received.sent_by.clone(),
        });
    }
    if meta.version > FORMAT_VERSION {
        return Access::ReadOnly(ReadOnlyReason::NewerFormat {
            found: meta.version,
        });
    }
    match lock::try_lock(root, holder) {
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
        Err(e) => Access::ReadOnly(ReadOnlyReason::NotWritable(crate::durable::describe_io(&e))),
    }
}
