//! What a sync needs of an open catalogue, taken while it is open for writing, so that a
//! sync can run on a background thread while the app keeps the catalogue (and its lock).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::SyncError;
use crate::audit::{AuditDraft, AuditLog};
use crate::durable::vault::Vault;
use crate::model::Sha256;
use crate::store::{BlobStore, Catalogue, FsOp, WriteBatch};

/// An open catalogue as a sync sees it: its folder, its way to its files, its log, its
/// id and the originals its records name.
#[derive(Debug, Clone)]
pub struct SyncTarget {
    root: PathBuf,
    vault: Vault,
    audit: AuditLog,
    id: String,
    originals: BTreeSet<Sha256>,
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
        })
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

    /// Every original its records named when the sync began.
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
