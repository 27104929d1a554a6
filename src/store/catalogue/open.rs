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

use super::listing::Listing;
use super::sealing::{self, Encryption, MetaFile, read_meta};
use super::*;
use crate::audit::{Action, AuditDraft};

use crate::durable::keyring::{KdfParams, RecoveryKey, Secret};
use crate::durable::seal::CatalogueKey;
use crate::durable::vault::Vault;
use crate::model::Extra;
use crate::store::blobs::ATTACHMENTS_DIR;
use crate::store::layout::*;
use crate::store::lock::{self, LockOutcome};
use crate::store::snapshot::{self, Snapshot, SnapshotKey, Unused};
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
    /// Open from the snapshot in `cache/` where the files allow it, and keep what the
    /// next one needs (see `store::snapshot`); a plain catalogue's needs `snapshot_key`.
    pub snapshot: bool,
    /// The key that signs plain catalogues' snapshots on this computer.
    pub snapshot_key: Option<SnapshotKey>,
    /// How long before it was read a file must have last changed for the next snapshot
    /// to trust its stat (`None`: `durable::stat::RACY_MARGIN_NS`, two seconds). Tests
    /// that edit files many times a second shorten it; nothing else should.
    pub racy_margin_ns: Option<i128>,
    /// Open only these records (and the records they link to), when the snapshot and the
    /// log allow it: their files are checked and what opening finds is logged for them
    /// alone, and nothing else is read. For a command about one record (`show`, `set`):
    /// everything that lists or counts records sees only them (see
    /// `Catalogue::is_focused`). Without a usable snapshot the whole catalogue opens.
    pub only: Option<Vec<RecordId>>,
    /// Leave the records that the snapshot serves undecoded until `load_also` asks for
    /// them (a list that shows a few of 100,000): `records()` then holds only those asked
    /// for and those opening had to look at (see `Catalogue::is_focused`). Only when no
    /// new snapshot is to be made; otherwise every record is decoded as usual.
    pub lazy: bool,
    /// Read the snapshot's search index on a thread of its own from the start of a lazy
    /// opening, for [`Catalogue::take_index`]: the app's list at a million records shows
    /// 0.3 s sooner, `dossier list --query` at 100,000 5% sooner. Only with `lazy`, and
    /// let go of if the records are decoded after all (a new snapshot to make): held
    /// beside every record decoded, it would raise the peak to 2.3x the record files.
    pub index_ahead: bool,
    /// With `index_ahead`: the search (filter, sort column, ascending) to make on the
    /// index's thread as soon as the index is read, while the records are still being
    /// placed: given back by [`Catalogue::take_index_and_search`] when the index needed
    /// no change (the app's first list: 0.35 s at a million records).
    pub search_ahead: Option<(crate::search::Filter, crate::search::SortColumn, bool)>,
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
        let holder = encryption.as_ref().map_or(options.user.as_str(), |_| "");
        let access = access(root, &meta, &options, holder, &mut notices);
        let writable = matches!(access, Access::Writable { .. });
        let read_from = read_from(&options);
        let index_ahead = index_ahead(&vault, &options);
        let (snap, decoded, listing) =
            snapshot_and_listing(root, &vault, &options, meta.id, listing, &mut notices);
        let (audit, loaded, tail) = super::warm::open_log(&vault, snap.as_ref(), writable)?;
        let mut cat = Catalogue {
            root: root.to_path_buf(),
            meta,
            vault,
            encryption,
            key,
            records: Arc::default(),
            index: IdMap::default(),
            trash: Arc::default(),
            problems: Vec::new(),
            notices,
            access,
            generation: 0,
            audit,
            audit_problems: Vec::new(),
            file_hashes: IdMap::default(),
            file_stats: IdMap::default(),
            snapshot_key: options.snapshot_key.clone(),
            snapshot_index: None,
            snapshot_parts: None,
            loaded_as: None,
            quarantined: HashSet::new(),
            recipients: Vec::new(),
            recipients_unreadable: false,
            views: Vec::new(),
            views_unreadable: false,
            outside: HashMap::new(),
            opening_report: Vec::new(),
            recipient_problems: HashMap::new(),
            focused: false,
            deferred: None,
            kept_hashes: Default::default(),
            index_ahead,
        };
        cat.say_why_read_only();
        cat.keep_history_beside_snapshot(options.snapshot);
        let (snap, tail, decoded) = match (&options.only, snap, tail) {
            (Some(only), Some(snap), Some(tail)) => {
                cat.open_focused(&options, only, snap, tail, read_from)?;
                return Ok(cat);
            }
            // Left encoded only when the log went on from its mark.
            (_, Some(s), None) if decoded.is_none() => {
                let (snap, decoded) = decode_snapshot(s, &mut cat.notices);
                (snap, None, decoded)
            }
            (_, snap, tail) => (snap, tail, decoded),
        };
        let (snap_records, warmth) = super::warm::split(snap, decoded, tail);
        let files = cat.load_records(listing, options.progress, snap_records, read_from)?;
        cat.finish_opening(&options, loaded, warmth, files, read_from);
        Ok(cat)
    }
}

impl Catalogue {
    /// Says why the catalogue opened read-only, unless that was asked for.
    fn say_why_read_only(&mut self) {
        if let Access::ReadOnly(reason) = &self.access
            && *reason != ReadOnlyReason::Requested
        {
            self.notices.push(format!("Read-only: {reason}."));
        }
    }

    /// Takes in a sync tool's conflict copies; a failure is said, never fatal: the copies
    /// stay where they are for the next opening.
    pub(super) fn take_conflict_copies_or_say(&mut self, user: &str, copies: &[PathBuf]) {
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

/// Since when a stat taken by an opening starting now vouches for a file's content: files
/// last changed before it (see `durable::stat`).
fn read_from(options: &OpenOptions<'_>) -> i128 {
    let margin = options
        .racy_margin_ns
        .unwrap_or(crate::durable::stat::RACY_MARGIN_NS);
    crate::durable::stat::now_ns() - margin + crate::durable::stat::RACY_MARGIN_NS
}

/// The snapshot's index, read from the very start of a lazy opening that asks for it (it
/// takes as long as the snapshot's head or the listing).
fn index_ahead(vault: &Vault, options: &OpenOptions<'_>) -> Option<snapshot_job::IndexAhead> {
    let ahead = options.index_ahead && options.lazy && options.snapshot;
    ahead
        .then(|| {
            let search = options.search_ahead.clone();
            snapshot_job::IndexAhead::start(vault, options.snapshot_key.as_ref(), search)
        })
        .flatten()
}

/// The snapshot, its records decoded unless only a few may be needed, and the listing of
/// the record folders (made while the snapshot is read and checked, unless made already).
fn snapshot_and_listing(
    root: &Path,
    vault: &Vault,
    options: &OpenOptions<'_>,
    id: Uuid,
    listing: Option<Listing>,
    notices: &mut Vec<String>,
) -> (
    Option<Snapshot>,
    Option<crate::store::snapshot::Decoded>,
    Option<Listing>,
) {
    let ahead = listing.is_none() && options.snapshot && options.only.is_none();
    // The files' stats are taken with the listing when there is a snapshot to compare them
    // with (a cold opening reads every file, with its stat, anyway).
    let key = options.snapshot_key.as_ref();
    let stat_ahead = ahead && snapshot::path(vault, key).is_some_and(|p| p.exists());
    let list = || {
        let mut listing = Listing::of(root)?;
        if stat_ahead {
            listing.stat_all();
        }
        Ok::<_, StoreError>(listing)
    };
    let (snap, listing) = std::thread::scope(|s| {
        let listing_ahead = ahead
            .then(|| {
                std::thread::Builder::new()
                    .name("listing".into())
                    .spawn_scoped(s, list)
                    .ok()
            })
            .flatten();
        let snap = match options.snapshot {
            true => read_snapshot(vault, key, id, notices),
            false => None,
        };
        // A listing that failed is made again where its error is said.
        let listed = listing_ahead.and_then(|h| h.join().ok()?.ok());
        (snap, listed.or(listing))
    });
    let (snap, decoded) = match (snap, options.only.is_some() || options.lazy) {
        (Some(s), false) => decode_snapshot(s, notices),
        (snap, _) => (snap, None),
    };
    (snap, decoded, listing)
}

/// The snapshot with its records decoded, or none (with a note) when they cannot be.
fn decode_snapshot(
    mut snap: Snapshot,
    notices: &mut Vec<String>,
) -> (Option<Snapshot>, Option<crate::store::snapshot::Decoded>) {
    match snap.decode_all() {
        Ok(records) => (Some(snap), Some(records)),
        Err(e) => {
            notices.push(refused_notice(&e.to_string()));
            (None, None)
        }
    }
}

fn refused_notice(why: &str) -> String {
    format!(
        "The snapshot in cache/ that makes opening quick was not used ({why}); everything was read from the record files, and it is made again."
    )
}

/// The catalogue's snapshot, when it can be used; a note for the person when one is there
/// and cannot be (it is made again).
fn read_snapshot(
    vault: &Vault,
    key: Option<&SnapshotKey>,
    id: Uuid,
    notices: &mut Vec<String>,
) -> Option<Snapshot> {
    match snapshot::read(vault, key, id) {
        Ok(snap) => Some(snap),
        Err(Unused::Missing) => None,
        Err(Unused::Refused(why)) => {
            notices.push(refused_notice(&why));
            None
        }
    }
}
