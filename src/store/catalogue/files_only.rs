//! A catalogue opened without its records: its lock, its keys and this desktop's log.
//! A sync from the command line needs no more when nothing since the last sync asks for
//! it (`sync::light` decides, and opens the whole catalogue otherwise), so that syncing
//! ten changes does not read a hundred thousand records first.

use super::open::access;
use super::sealing::{self, MetaFile, read_meta};
use super::*;
use crate::store::Device;

/// A catalogue's lock, keys and this desktop's log, without its records. Holding it keeps
/// every other Dossier out, as an open catalogue does.
pub struct CatalogueFiles {
    root: PathBuf,
    id: String,
    vault: Vault,
    audit: AuditLog,
    _lock: Option<CatalogueLock>,
}

impl std::fmt::Debug for CatalogueFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogueFiles")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl CatalogueFiles {
    /// The catalogue's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The catalogue's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How its files are read and written.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// This desktop's log, and the other desktops' (not the log frozen when sync was set
    /// up: this desktop's own entries all come after it).
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }
}

impl Catalogue {
    /// Opens what a sync needs of the synced catalogue at `root`, without reading its
    /// records. `None` when that is not enough: not set up for sync, not writable (open
    /// elsewhere, received, newer), a drive that cannot lock, an encryption under way, or
    /// this desktop's log missing, cut short or with problems. Open it whole then: that says why, and repairs what it can.
    pub fn open_files_only(
        root: &Path,
        options: OpenOptions<'_>,
    ) -> Result<Option<CatalogueFiles>, StoreError> {
        let Some(device) = Device::read(root)? else {
            return Ok(None);
        };
        let (meta, vault) = match read_meta(root)? {
            MetaFile::Plain(meta) => (*meta, Vault::plain(root)),
            MetaFile::Encrypted(public) => {
                if public.converting().is_some() {
                    return Ok(None);
                }
                let u = sealing::unlock(root, public, options.secret.as_ref())?;
                (u.meta, u.vault)
            }
        };
        let holder = match vault.is_sealed() {
            true => "",
            false => options.user.as_str(),
        };
        let mut notices = Vec::new();
        let Access::Writable { _lock } = access(root, &meta, &options, holder, &mut notices) else {
            return Ok(None);
        };
        if !notices.is_empty() {
            return Ok(None);
        }
        let (audit, loaded) = AuditLog::load_device_for_sync(&vault, &device.log)?;
        if !loaded.problems.is_empty() || loaded.torn_tail.is_some() || loaded.new {
            return Ok(None);
        }
        Ok(Some(CatalogueFiles {
            root: root.to_path_buf(),
            id: meta.id.to_string(),
            vault,
            audit,
            _lock,
        }))
    }
}
