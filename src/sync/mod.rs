//! Several desktops, one catalogue: sync through a git repository (a bare one on a USB
//! stick or a share, or over ssh), with every record merged by Dossier.
//!
//! The catalogue's folder is the repository's work tree: its history holds `dossier.json`,
//! `records/`, `trash/`, the logs and the lists, as the files are (sealed in an encrypted
//! catalogue: git carries ciphertext). Originals travel beside it (`originals.rs`). A sync
//! commits this desktop's changes, fetches the other desktops', and for each record both
//! sides changed reads the three versions and merges them field by field (`merge.rs`);
//! what only the other side changed is taken as it is. Every file it changes is logged
//! first in this desktop's own log (`audit/<device>.jsonl`, or `audit.jsonl` on the
//! desktop the catalogue began on), then written through the store, then committed and
//! pushed. A sync stopped at any moment leaves a catalogue that opens, and the next sync
//! finishes the work.

mod apply;
mod error;
mod git;
mod held;
mod layout;
mod light;
mod lineage;
mod originals;
mod persons;
mod run;
mod ssh;
mod stage;
mod target;

pub use error::SyncError;
pub use git::{BRANCH, Engine, Oid, Pushed, SystemGit, TRACKED};
pub use light::sync_files_only;
pub use originals::{REMOTE_ORIGINALS, remote_dir};
pub use run::{clone_catalogue, joined_draft, sync};
pub use ssh::SshRemote;
pub use target::SyncTarget;

use std::path::Path;

use crate::audit::{Action, AuditDraft};
use crate::store::{Catalogue, Device, StoreError};

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Records taken as the other desktops left them.
    pub received: usize,
    /// Records this desktop changed that the remote now has.
    pub sent: usize,
    /// Records both sides changed, merged field by field.
    pub merged: usize,
    /// Fields in conflict this sync found, waiting for a person.
    pub conflicts: usize,
    /// Originals copied from the remote.
    pub originals_in: usize,
    /// Originals copied to the remote.
    pub originals_out: usize,
    /// Originals records name that neither this desktop nor the remote has yet.
    pub originals_missing: std::collections::BTreeSet<crate::model::Sha256>,
    /// The records this sync found in conflict, with the fields.
    pub conflicted: Vec<(crate::model::RecordId, Vec<String>)>,
    /// Things a person should know, a line each.
    pub notices: Vec<String>,
}

/// This desktop's pseudonym in a synced catalogue, on first use: the catalogue's single
/// log is upgraded in place. `audit.jsonl` ends with an entry saying where it goes on
/// (this desktop's own `audit/<device>.jsonl`) and is never appended to again, so a
/// sync never carries it again; the new log begins with an entry naming the old one's
/// head. Each step is one atomic write: a crash between them leaves a catalogue that
/// opens as it was, and the next attempt makes the device afresh.
fn set_up_device(cat: &Catalogue, actor: &str) -> Result<Device, SyncError> {
    if let Some(device) = Device::read(cat.root())? {
        return Ok(device);
    }
    cat.ensure_writable()?;
    let device = Device::joined();
    let closing = AuditDraft::new(actor, Action::SyncSetUp)
        .note(format!(
            "set up for sync: this desktop is {}, and its log goes on in {}",
            device.device, device.log
        ))
        .detail("device", device.device.clone())
        .detail("continued_in", device.log.clone());
    cat.log(vec![closing])?.apply()?;
    let head = cat.audit().head();
    device.write(cat.root())?;
    let (own, _) = crate::audit::AuditLog::load_device(cat.vault(), &device.log, true)
        .map_err(StoreError::from)?;
    let first = AuditDraft::new(actor, Action::SyncSetUp)
        .note(format!(
            "this desktop's log, continuing {} after entry {}",
            crate::audit::AUDIT_FILE,
            head.entries
        ))
        .detail("device", device.device.clone())
        .detail("continues", crate::audit::AUDIT_FILE)
        .detail("after", head.to_string());
    own.append(&[first]).map_err(StoreError::from)?;
    Ok(device)
}

/// The repository of a catalogue set up for sync.
fn repo_of(root: &Path) -> Result<(SystemGit, Device), SyncError> {
    let device = Device::read(root)?
        .filter(|_| root.join(".git").is_dir())
        .ok_or_else(|| SyncError::NotSetUp(root.display().to_string()))?;
    Ok((SystemGit::at(root, &device.device)?, device))
}

/// Adds a remote: a folder (a bare repository; `init` makes an empty one there) or an
/// ssh URL. Sets the catalogue up for sync on first use.
pub fn add_remote(
    cat: &Catalogue,
    name: &str,
    url: &str,
    init: bool,
    actor: &str,
) -> Result<(), SyncError> {
    let program = SystemGit::find()?;
    if name.is_empty()
        || name.starts_with('-')
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(SyncError::Git(format!(
            "'{}' is not a remote name: use letters, digits, '-', '_' or '.'",
            crate::text::one_line(name)
        )));
    }
    if init {
        let dir = remote_dir(url).ok_or_else(|| {
            SyncError::Git("--init makes a folder remote only; make an ssh remote's repository on its server (`git init --bare`)".into())
        })?;
        let repo = dir.parent().unwrap_or(Path::new("."));
        SystemGit::init_bare(&program, repo)?;
    }
    let device = set_up_device(cat, actor)?;
    let git = SystemGit::at(cat.root(), &device.device)?;
    git.init()?;
    git.add_remote(name, url)
}

/// The remotes of a catalogue: name and URL (none when it was never set up for sync).
pub fn remotes(root: &Path) -> Result<Vec<(String, String)>, SyncError> {
    if !root.join(".git").is_dir() {
        return Ok(Vec::new());
    }
    SystemGit::at(root, "d-list")?.remotes()
}

/// Removes a remote (nothing on it is touched).
pub fn remove_remote(root: &Path, name: &str) -> Result<(), SyncError> {
    if !remotes(root)?.iter().any(|(n, _)| n == name) {
        return Err(SyncError::NoSuchRemote(name.to_string()));
    }
    SystemGit::at(root, "d-list")?.remove_remote(name)
}

/// When this desktop last synced with a remote (as written by [`sync`]).
pub fn last_synced(root: &Path, remote: &str) -> Option<jiff::Timestamp> {
    let git = SystemGit::at(root, "d-list").ok()?;
    git.config(&format!("dossier.{remote}.synced"))
        .ok()
        .flatten()?
        .parse()
        .ok()
}
