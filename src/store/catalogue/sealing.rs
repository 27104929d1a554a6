//! An encrypted catalogue's `dossier.json`: the public part anyone can read (the format,
//! the catalogue's id, how it is encrypted and the key wrapped for each way in) and the
//! rest of the catalogue's details sealed beside it. Unlocking takes a passphrase or the
//! recovery key and gives the [`Vault`] every other file is read and written through.

use std::fs;
use std::io;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Catalogue;
use super::meta::{CatalogueMeta, meta_json};
use crate::durable::keyring::{KdfParams, RecoveryKey, Secret, WrappedKey};
use crate::durable::keyring::{wrap_with_passphrase, wrap_with_recovery};
use crate::durable::seal::CatalogueKey;
use crate::durable::signing::LogSigner;
use crate::durable::vault::{Vault, sealed_error};
use crate::model::Extra;
use crate::store::StoreError;
use crate::store::layout::{ENCRYPTED_FORMAT_VERSION, FORMAT_NAME, META_FILE};

/// The cipher every file of an encrypted catalogue is sealed with.
pub const CIPHER: &str = "xchacha20poly1305";

/// How a catalogue is encrypted: the public part of its `dossier.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encryption {
    /// The cipher files are sealed with.
    pub cipher: String,
    /// The catalogue key, wrapped for each passphrase and for the recovery key.
    pub keys: Vec<WrappedKey>,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `dossier.json` of an encrypted catalogue, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PublicMeta {
    format: String,
    version: u32,
    id: Uuid,
    encryption: Encryption,
    /// The catalogue's details ([`CatalogueMeta`]), sealed, in base64.
    sealed: String,
    /// Set while `dossier encrypt` or `decrypt` works through the files (`encrypting`,
    /// `decrypting`): the catalogue then opens only to finish that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converting: Option<String>,
    /// While the key is being rotated: the old key's wraps (the files not yet rewritten
    /// are sealed under it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Vec<WrappedKey>>,
}

impl PublicMeta {
    /// What an interrupted conversion was doing, if one was.
    pub(super) fn converting(&self) -> Option<&str> {
        self.converting.as_deref()
    }

    /// The old key's wraps, while the key is being rotated.
    pub(super) fn previous(&self) -> Option<&[WrappedKey]> {
        self.previous.as_deref()
    }

    /// The catalogue's id.
    pub(super) fn id(&self) -> Uuid {
        self.id
    }
}

/// What `dossier.json` holds: a plain catalogue's details, or an encrypted one's public
/// part.
pub(super) enum MetaFile {
    Plain(Box<CatalogueMeta>),
    Encrypted(PublicMeta),
}

impl MetaFile {
    /// Reads `dossier.json`'s bytes; `None` for JSON that is neither kind.
    pub(super) fn parse(bytes: &[u8]) -> Result<MetaFile, serde_json::Error> {
        let value: serde_json::Value = serde_json::from_slice(bytes)?;
        if value.get("encryption").is_some() {
            serde_json::from_value(value).map(MetaFile::Encrypted)
        } else {
            serde_json::from_value(value).map(|m| MetaFile::Plain(Box::new(m)))
        }
    }

    pub(super) fn format(&self) -> &str {
        match self {
            MetaFile::Plain(m) => &m.format,
            MetaFile::Encrypted(p) => &p.format,
        }
    }
}

/// The wraps of an encrypted catalogue's key, as its `dossier.json` gives them.
pub(super) fn wraps(public: &PublicMeta) -> &[WrappedKey] {
    &public.encryption.keys
}

/// An encrypted catalogue, unlocked.
pub(super) struct Unlocked {
    pub meta: CatalogueMeta,
    pub vault: Vault,
    pub encryption: Encryption,
    pub key: CatalogueKey,
}

/// Opens an encrypted catalogue's key with `secret` and its details with the key.
pub(super) fn unlock(
    root: &Path,
    public: PublicMeta,
    secret: Option<&Secret>,
) -> Result<Unlocked, StoreError> {
    let Some(secret) = secret else {
        return Err(StoreError::Locked(root.to_path_buf()));
    };
    let id = public.id.to_string();
    let wrong = || StoreError::WrongSecret {
        path: root.to_path_buf(),
        recovery: matches!(secret, Secret::Recovery(_)),
    };
    let key = secret
        .unwrap_key(&public.encryption.keys, &id)
        .ok_or_else(wrong)?;
    let vault = Vault::sealed(root, key.keys(&id));
    let path = root.join(META_FILE);
    let sealed = B64
        .decode(&public.sealed)
        .map_err(|_| StoreError::io("read", &path, sealed_error(TAMPERED)))?;
    let plain = match vault.open(&path, sealed) {
        Ok(plain) => plain,
        // Only the key handed back by an open catalogue skips the wraps' check.
        Err(_) if matches!(secret, Secret::Key(_)) => return Err(wrong()),
        Err(e) => return Err(StoreError::io("read", &path, e)),
    };
    let meta: CatalogueMeta =
        serde_json::from_slice(&plain).map_err(|e| StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!("{META_FILE} cannot be read: {e}"),
        })?;
    if meta.id != public.id || meta.format != FORMAT_NAME {
        return Err(StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!("the sealed part of {META_FILE} belongs to another catalogue"),
        });
    }
    // The log is signed from the moment the catalogue was encrypted.
    let vault = match meta
        .log_signing_key
        .as_deref()
        .and_then(LogSigner::from_stored)
    {
        Some(signer) => vault.with_signer(signer),
        None => vault,
    };
    Ok(Unlocked {
        meta,
        vault,
        encryption: public.encryption,
        key,
    })
}

const TAMPERED: crate::durable::seal::SealError = crate::durable::seal::SealError::Tampered;

/// `dossier.json`'s bytes: the details as they are, or (encrypted) the public part with
/// the details sealed inside.
pub(super) fn meta_file_bytes(
    meta: &CatalogueMeta,
    vault: &Vault,
    encryption: Option<&Encryption>,
) -> io::Result<Vec<u8>> {
    meta_file_bytes_marked(meta, vault, encryption, None)
}

/// A conversion in progress, as `dossier.json` marks it: what it does (`encrypting`,
/// `decrypting`, `rekeying`) and, when rotating, the old key's wraps.
pub(super) type Mark<'a> = Option<(&'a str, Option<&'a [WrappedKey]>)>;

/// [`meta_file_bytes`], marked as in the middle of a conversion when `mark` says so.
pub(super) fn meta_file_bytes_marked(
    meta: &CatalogueMeta,
    vault: &Vault,
    encryption: Option<&Encryption>,
    mark: Mark<'_>,
) -> io::Result<Vec<u8>> {
    let Some(encryption) = encryption else {
        return Ok(meta_json(meta));
    };
    let path = vault.root().join(META_FILE);
    let public = PublicMeta {
        format: FORMAT_NAME.into(),
        version: ENCRYPTED_FORMAT_VERSION,
        id: meta.id,
        encryption: encryption.clone(),
        sealed: B64.encode(vault.seal(&path, meta_json(meta))?),
        converting: mark.map(|(m, _)| m.to_string()),
        previous: mark.and_then(|(_, p)| p.map(<[WrappedKey]>::to_vec)),
    };
    #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
    let mut bytes = serde_json::to_vec_pretty(&public).expect("metadata always serialises");
    bytes.push(b'\n');
    Ok(bytes)
}

/// A new key to sign the log with, in its stored form.
pub(super) fn new_signing_key() -> Result<String, StoreError> {
    LogSigner::generate()
        .map(|s| s.to_stored())
        .map_err(|e| StoreError::io("create", Path::new(META_FILE), sealed_error(e)))
}

/// A new catalogue key and its wraps: `passphrase` for `label`, and a new recovery key
/// (given back to be shown once).
pub(super) fn new_key(
    catalogue_id: &str,
    label: &str,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<(CatalogueKey, Encryption, RecoveryKey), StoreError> {
    let failed = |e| StoreError::io("create", Path::new(META_FILE), sealed_error(e));
    let key = CatalogueKey::generate().map_err(failed)?;
    let recovery = RecoveryKey::generate().map_err(failed)?;
    let keys = vec![
        wrap_with_passphrase(&key, catalogue_id, label, passphrase, kdf).map_err(failed)?,
        wrap_with_recovery(&key, catalogue_id, &recovery).map_err(failed)?,
    ];
    let encryption = Encryption {
        cipher: CIPHER.into(),
        keys,
        extra: Extra::new(),
    };
    Ok((key, encryption, recovery))
}

impl Catalogue {
    /// Writes `dossier.json` with `meta` (its public part and `meta` sealed, when the
    /// catalogue is encrypted).
    pub(super) fn write_meta_file(&self, meta: &CatalogueMeta) -> Result<(), StoreError> {
        let path = self.root.join(META_FILE);
        meta_file_bytes(meta, &self.vault, self.encryption.as_ref())
            .and_then(|bytes| crate::durable::write_atomic(&path, &bytes))
            .map_err(|e| StoreError::io("save", &path, e))
    }
}

pub(super) fn read_meta(root: &Path) -> Result<MetaFile, StoreError> {
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
    let meta = MetaFile::parse(&bytes).map_err(|e| StoreError::NotACatalogue {
        path: root.to_path_buf(),
        reason: format!("{META_FILE} cannot be read: {e}"),
    })?;
    if meta.format() != FORMAT_NAME {
        return Err(StoreError::NotACatalogue {
            path: root.to_path_buf(),
            reason: format!(
                "{META_FILE} says its format is '{}', not '{FORMAT_NAME}'",
                meta.format()
            ),
        });
    }
    Ok(meta)
}
