//! What a sync needs of an open catalogue, taken while it is open for writing, so that a
//! sync can run on a background thread while the app keeps the catalogue (and its lock).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::SyncError;
use crate::audit::{AuditDraft, AuditLog};
use crate::durable::vault::Vault;
use crate::model::Sha256;
use crate::store::{BlobStore, Catalogue, CatalogueFiles, FsOp, WriteBatch};

/// An open catalogue as a sync sees it: its folder, its way to its files, its log, its
/// id and the originals its records name.
#[derive(Debug, Clone)]
pub struct SyncTarget {
    root: PathBuf,
    vault: Vault,
    audit: AuditLog,
    id: String,
    originals: BTreeSet<Sha256>,
    /// Opened without its records (`light.rs`): the lock is held here.
    files_only: Option<Arc<CatalogueFiles>>,
}

impl SyncTarget {
    /// Takes what a sync needs from `cat`, which must be open for writing (its lock is
    /// what keeps another Dossier out while the sync runs: keep it open until the end).
    pub fn of(cat: &Catalogue) -> Result<SyncTarget, SyncError> {
        cat.ensure_writable()?;
        // Opened before it was set up for sync, the catalogue still holds the log it had:
        // this desktop's own is the one to write now.
        let audit = match crate::store::Device::read(cat.root())? {
            Some(d) if d.log != cat.audit().file() => {
                crate::audit::AuditLog::load_device(cat.vault(), &d.log, true)
                    .map_err(crate::store::StoreError::from)?
                    .0
            }
            _ => cat.audit().clone(),
        };
        Ok(SyncTarget {
            root: cat.root().to_path_buf(),
            vault: cat.vault().clone(),
            audit,
            id: cat.meta().id.to_string(),
            originals: cat
                .records()
                .iter()
                .chain(cat.trash())
                .flat_map(|r| r.attachments.iter().map(|a| a.sha256.clone()))
                .collect(),
            files_only: None,
        })
    }

    /// A catalogue opened without its records: the originals a sync sends are those the
    /// records it sends name.
    pub(super) fn files_only(files: Arc<CatalogueFiles>) -> SyncTarget {
        SyncTarget {
            root: files.root().to_path_buf(),
            vault: files.vault().clone(),
            audit: files.audit().clone(),
            id: files.id().to_string(),
            originals: BTreeSet::new(),
            files_only: Some(files),
        }
    }

    /// True when opened without its records.
    pub fn is_files_only(&self) -> bool {
        self.files_only.is_some()
    }

    /// The catalogue's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How its files are read and written.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// This desktop's log (and the others', read).
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    /// The catalogue's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its originals.
    pub fn blobs(&self) -> BlobStore {
        BlobStore::new(&self.vault)
    }

    /// Every original its records named when the sync began (none known when opened
    /// without its records).
    pub fn originals(&self) -> &BTreeSet<Sha256> {
        &self.originals
    }

    /// Those this desktop does not have.
    pub fn missing_originals(&self) -> BTreeSet<Sha256> {
        let blobs = self.blobs();
        self.originals
            .iter()
            .filter(|s| !blobs.contains(s))
            .cloned()
            .collect()
    }

    /// The originals the records at these paths (relative to the catalogue) name, as
    /// the folder now holds them.
    pub fn originals_named(&self, paths: &[String]) -> BTreeSet<Sha256> {
        let mut named = BTreeSet::new();
        for path in paths.iter().filter(|p| record_id(p).is_some()) {
            let Ok(plain) = self.vault.read(&self.root.join(path)) else {
                continue;
            };
            if let Ok(record) = crate::model::Record::from_json(&plain) {
                named.extend(record.attachments.into_iter().map(|a| a.sha256));
            }
        }
        named
    }

    /// A batch that appends `drafts` to this desktop's log.
    pub fn log(&self, drafts: Vec<AuditDraft>) -> WriteBatch {
        let mut batch = WriteBatch::new("sync");
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        batch
    }
}

/// `records/<id>.json` or `trash/<id>.json`: the id.
pub(super) fn record_id(path: &str) -> Option<crate::model::RecordId> {
    let (dir, name) = path.split_once('/')?;
    if dir != crate::store::RECORDS_DIR && dir != crate::store::TRASH_DIR {
        return None;
    }
    name.strip_suffix(".json")?.parse().ok()
}
