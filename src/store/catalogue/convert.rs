//! `dossier encrypt`, `decrypt` and `rotate-key`: a catalogue's files rewritten in place
//! from one form to another (plain to sealed, sealed to plain, sealed under the old key
//! to sealed under a new one), safe to stop at any moment and resumable.
//!
//! First `dossier.json` takes its target form, marked as converting (the catalogue then
//! opens only to finish the conversion). Then each file is rewritten on its own, each
//! write atomic, so a file is always whole in its old form or its new one, and which one
//! can be told from it (`convert_files.rs`). The log is rewritten in one atomic write, the
//! conversion logged, and last the mark is taken off. Running the command again after a
//! crash picks up where it stopped. Old bytes may still lie in the drive's free space: the
//! README says so.

use std::path::Path;

use super::meta::{CatalogueMeta, meta_json};
use super::sealing::{self, Encryption, MetaFile, PublicMeta, read_meta};
use crate::audit::{Action, AuditDraft, AuditLog};
use crate::durable;
use crate::durable::keyring::{KdfParams, RecoveryKey, Secret, WrappedKey};
use crate::durable::signing::LogSigner;
use crate::durable::vault::Vault;
use crate::store::StoreError;
use crate::store::layout::*;
use crate::store::lock::{self, CatalogueLock, LockOutcome};

/// Which way a conversion goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Way {
    Encrypting,
    Decrypting,
    Rekeying,
}

impl Way {
    fn mark(self) -> &'static str {
        match self {
            Way::Encrypting => "encrypting",
            Way::Decrypting => "decrypting",
            Way::Rekeying => "rekeying",
        }
    }
}

/// A catalogue being converted: files are read in the `from` form and written in the `to`
/// form; the lock is held all along.
pub(super) struct Conversion {
    pub root: std::path::PathBuf,
    pub way: Way,
    pub from: Vault,
    pub to: Vault,
    meta: CatalogueMeta,
    /// The wraps `dossier.json` ends with (the target key's; the source key's when
    /// decrypting, until the end).
    encryption: Encryption,
    /// The old key's wraps, while rotating.
    previous: Option<Vec<WrappedKey>>,
    _lock: Option<CatalogueLock>,
}

/// Shows a new recovery key, once: called before any file is rewritten, so that a run
/// stopped half-way has shown it (it is stored nowhere).
pub type ShowRecoveryKey<'a> = &'a mut dyn FnMut(&RecoveryKey);

/// Encrypts the plain catalogue at `root` under the passphrase `secret` holds (or finishes
/// an interrupted encryption, opened with `secret`), showing the new recovery key through
/// `show` (not when an interrupted run is finished: it was shown then).
pub fn encrypt(
    root: &Path,
    secret: &Secret,
    kdf: KdfParams,
    actor: &str,
    show: ShowRecoveryKey<'_>,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<(), StoreError> {
    refuse_synced(root)?;
    let lock = take_lock(root)?;
    let conversion = match read_meta(root)? {
        MetaFile::Plain(meta) => {
            let mut meta = *meta;
            let id = meta.id.to_string();
            let (key, encryption, recovery) =
                sealing::new_key(&id, "passphrase-1", passphrase(secret)?, kdf)?;
            meta.version = ENCRYPTED_FORMAT_VERSION;
            let signing = sealing::new_signing_key()?;
            let signer = LogSigner::from_stored(&signing);
            meta.log_signing_key = Some(signing);
            let mut to = Vault::sealed(root, key.keys(&id));
            if let Some(signer) = signer {
                to = to.with_signer(signer);
            }
            let conversion = Conversion {
                root: root.to_path_buf(),
                way: Way::Encrypting,
                from: Vault::plain(root),
                to,
                meta,
                encryption,
                previous: None,
                _lock: lock,
            };
            conversion.write_meta(true)?;
            show(&recovery);
            conversion
        }
        MetaFile::Encrypted(public) => resume(root, public, Way::Encrypting, secret, lock)?,
    };
    conversion.run(actor, progress)
}

/// Turns the encrypted catalogue at `root` back into plain files (or finishes an
/// interrupted decryption), opened with `secret`.
pub fn decrypt(
    root: &Path,
    secret: &Secret,
    actor: &str,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<(), StoreError> {
    refuse_synced(root)?;
    let lock = take_lock(root)?;
    let MetaFile::Encrypted(public) = read_meta(root)? else {
        return Err(StoreError::NotEncrypted(root.to_path_buf()));
    };
    let conversion = match public.converting() {
        None => {
            let u = sealing::unlock(root, public, Some(secret))?;
            let conversion = Conversion {
                root: root.to_path_buf(),
                way: Way::Decrypting,
                from: u.vault,
                to: Vault::plain(root),
                meta: u.meta,
                encryption: u.encryption,
                previous: None,
                _lock: lock,
            };
            conversion.write_meta(true)?;
            conversion
        }
        Some(_) => resume(root, public, Way::Decrypting, secret, lock)?,
    };
    conversion.run(actor, progress)
}

/// Seals every file of the encrypted catalogue at `root` again under a new key (or
/// finishes an interrupted rotation). The new key is wrapped only by the passphrase
/// `secret` holds (under the label it had) and a new recovery key: everyone else's
/// passphrase, and any key someone kept, stop opening the catalogue; colleagues are
/// added again afterwards. The new recovery key goes to `show` (not when finishing).
pub fn rotate_key(
    root: &Path,
    secret: &Secret,
    kdf: KdfParams,
    actor: &str,
    show: ShowRecoveryKey<'_>,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<(), StoreError> {
    refuse_synced(root)?;
    let lock = take_lock(root)?;
    let MetaFile::Encrypted(public) = read_meta(root)? else {
        return Err(StoreError::NotEncrypted(root.to_path_buf()));
    };
    if public.converting().is_some() {
        let conversion = resume(root, public, Way::Rekeying, secret, lock)?;
        return conversion.run(actor, progress);
    }
    let passphrase = passphrase(secret)?;
    let id = public.id().to_string();
    let label = public_label(&public, passphrase, &id).ok_or(StoreError::WrongSecret {
        path: root.to_path_buf(),
        recovery: false,
    })?;
    let old = sealing::unlock(root, public, Some(secret))?;
    let (key, encryption, recovery) = sealing::new_key(&id, &label, passphrase, kdf)?;
    // The log goes on being signed with the same key: its signatures stay valid.
    let mut to = Vault::sealed(root, key.keys(&id));
    if let Some(signer) = old
        .meta
        .log_signing_key
        .as_deref()
        .and_then(LogSigner::from_stored)
    {
        to = to.with_signer(signer);
    }
    let conversion = Conversion {
        root: root.to_path_buf(),
        way: Way::Rekeying,
        from: old.vault,
        to,
        meta: old.meta,
        encryption,
        previous: Some(old.encryption.keys),
        _lock: lock,
    };
    conversion.write_meta(true)?;
    show(&recovery);
    conversion.run(actor, progress)
}

/// The passphrase a secret holds (a recovery key cannot start a conversion: a new key
/// needs a passphrase to be wrapped by).
fn passphrase(secret: &Secret) -> Result<&str, StoreError> {
    match secret {
        Secret::Passphrase(p) if p.chars().count() >= super::MIN_PASSPHRASE => Ok(p.as_str()),
        _ => Err(StoreError::ShortPassphrase(super::MIN_PASSPHRASE)),
    }
}

/// The label of the passphrase wrap `passphrase` opens.
fn public_label(public: &PublicMeta, passphrase: &str, id: &str) -> Option<String> {
    sealing::wraps(public)
        .iter()
        .filter(|w| w.kind == "passphrase")
        .find(|w| {
            crate::durable::keyring::unwrap_with_passphrase(std::slice::from_ref(w), id, passphrase)
                .is_some()
        })
        .map(|w| w.label.clone())
}

fn take_lock(root: &Path) -> Result<Option<CatalogueLock>, StoreError> {
    match lock::try_lock(root, "").map_err(|e| StoreError::io("lock", root, e))? {
        LockOutcome::Acquired(lock) => Ok(Some(lock)),
        LockOutcome::Unsupported => Ok(None),
        LockOutcome::HeldElsewhere(holder) => Err(StoreError::ReadOnly(
            crate::store::ReadOnlyReason::OpenElsewhere(holder),
        )),
    }
}

/// Picks up an interrupted conversion of this `way`.
fn resume(
    root: &Path,
    public: PublicMeta,
    way: Way,
    secret: &Secret,
    lock: Option<CatalogueLock>,
) -> Result<Conversion, StoreError> {
    let interrupted = |mark: Option<&str>| match mark {
        None => StoreError::ConvertingFailed {
            path: root.to_path_buf(),
            reason: "it is encrypted already".into(),
        },
        Some(m) => StoreError::ConversionInterrupted {
            path: root.to_path_buf(),
            encrypting: m == "encrypting",
        },
    };
    if public.converting() != Some(way.mark()) {
        return Err(interrupted(public.converting()));
    }
    let previous = public.previous().map(<[WrappedKey]>::to_vec);
    let id = public.id().to_string();
    let u = sealing::unlock(root, public, Some(secret))?;
    let (from, to) = match way {
        Way::Encrypting => (Vault::plain(root), u.vault),
        Way::Decrypting => (u.vault, Vault::plain(root)),
        Way::Rekeying => {
            let old = previous
                .as_deref()
                .and_then(|p| secret.unwrap_key(p, &id))
                .ok_or(StoreError::WrongSecret {
                    path: root.to_path_buf(),
                    recovery: false,
                })?;
            (Vault::sealed(root, old.keys(&id)), u.vault)
        }
    };
    Ok(Conversion {
        root: root.to_path_buf(),
        way,
        from,
        to,
        meta: u.meta,
        encryption: u.encryption,
        previous,
        _lock: lock,
    })
}

impl Conversion {
    /// `dossier.json` in its encrypted form, marked as converting (or not).
    fn write_meta(&self, marked: bool) -> Result<(), StoreError> {
        let path = self.root.join(META_FILE);
        let sealed = match self.way {
            Way::Decrypting => &self.from,
            _ => &self.to,
        };
        let mark = marked.then(|| (self.way.mark(), self.previous.as_deref()));
        sealing::meta_file_bytes_marked(&self.meta, sealed, Some(&self.encryption), mark)
            .and_then(|bytes| durable::write_atomic(&path, &bytes))
            .map_err(|e| StoreError::io("save", &path, e))
    }

    fn run(
        &self,
        actor: &str,
        progress: &mut dyn FnMut(&str, usize, usize),
    ) -> Result<(), StoreError> {
        // A snapshot holds every record as it was sealed (or not) before: it goes first,
        // and again at the end in case a reading command wrote one meanwhile.
        crate::store::snapshot::remove_all(&self.root);
        let mut shas = self.small_files(progress)?;
        shas.extend(self.logged_originals());
        self.originals(&shas, progress)?;
        for stale in ["thumbs", "open"] {
            let _ = std::fs::remove_dir_all(self.root.join(CACHE_DIR).join(stale));
        }
        crate::store::snapshot::remove_all(&self.root);
        self.log()?;
        self.finish(actor)
    }

    /// Logs the conversion (once, even when resumed) and takes `dossier.json` to its
    /// final form.
    fn finish(&self, actor: &str) -> Result<(), StoreError> {
        let (action, note) = match self.way {
            Way::Encrypting => (
                Action::Encrypted,
                "every file sealed under a new catalogue key",
            ),
            Way::Decrypting => (Action::Decrypted, "every file written back as plain files"),
            Way::Rekeying => (
                Action::KeyRotated,
                "every file sealed again under a new key; other passphrases and the old recovery key no longer open it",
            ),
        };
        let (log, _) = AuditLog::load(&self.to, true)?;
        let done = log.with_entries(|e| e.last().is_some_and(|e| e.action == action));
        if !done {
            log.append(&[AuditDraft::new(actor, action).note(note)])?;
        }
        match self.way {
            Way::Decrypting => {
                let path = self.root.join(META_FILE);
                let mut meta = self.meta.clone();
                meta.version = PLAIN_FORMAT_VERSION;
                // A plain dossier.json never holds a key.
                meta.log_signing_key = None;
                durable::write_atomic(&path, &meta_json(&meta))
                    .map_err(|e| StoreError::io("save", &path, e))
            }
            _ => self.write_meta(false),
        }
    }
}

/// A synced catalogue is not converted: every desktop's log and copy would have to change
/// together, and the others would be left unable to read what this one sends.
fn refuse_synced(root: &Path) -> Result<(), StoreError> {
    match crate::store::Device::read(root)? {
        None => Ok(()),
        Some(_) => Err(StoreError::ConvertingFailed {
            path: root.to_path_buf(),
            reason: crate::t!("error-convert-synced"),
        }),
    }
}
