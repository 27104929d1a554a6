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
mod git;
mod originals;
mod run;
mod target;

pub use git::{BRANCH, Engine, Oid, Pushed, SystemGit, TRACKED};
pub use originals::{REMOTE_ORIGINALS, remote_dir};
pub use run::{clone_catalogue, joined_draft, sync};
pub use target::SyncTarget;

use std::path::{Path, PathBuf};

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
    /// Originals copied from the remote and to it.
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

/// Why a sync could not be done.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// `git` is not on this computer.
    #[error(
        "sync needs git, which is not installed on this computer. Install it (Debian or Ubuntu: `sudo apt install git`; Windows: `winget install Git.Git`, or https://git-scm.com/download/win) and try again; everything else in Dossier works without it"
    )]
    NoGit,
    /// Git refused or failed; its own words.
    #[error("git failed: {0}")]
    Git(String),
    /// The catalogue has not been set up for sync.
    #[error(
        "{0} is not set up for sync yet: add a remote first (`dossier remote {0} add NAME URL`)"
    )]
    NotSetUp(String),
    /// No remote of that name.
    #[error("there is no remote called '{0}' (see `dossier remote PATH list`)")]
    NoSuchRemote(String),
    /// The remote holds another catalogue.
    #[error(
        "the remote '{remote}' holds another catalogue (id {theirs}, this one is {ours}): two unrelated catalogues never sync"
    )]
    Unrelated {
        /// The remote's name.
        remote: String,
        /// Its catalogue's id.
        theirs: String,
        /// This one's.
        ours: String,
    },
    /// Another copy writes this desktop's log: the folder was copied, not cloned.
    #[error(
        "{file} was written on another desktop too: this folder was copied rather than cloned. Make each desktop's copy with `dossier clone URL PATH`"
    )]
    SharedLog {
        /// The log file.
        file: String,
    },
    /// An original from the remote is not what its name says.
    #[error("{}: {reason}; it was not taken", path.display())]
    BadOriginal {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{}", crate::durable::could_not("use", path, source))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The catalogue refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    fn io(path: &Path, source: std::io::Error) -> SyncError {
        SyncError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// This desktop's pseudonym in a synced catalogue, making it a desktop of one (the
/// catalogue began here: it goes on writing `audit.jsonl`) on first use. Logged.
fn set_up_device(cat: &Catalogue, actor: &str) -> Result<Device, SyncError> {
    if let Some(device) = Device::read(cat.root())? {
        return Ok(device);
    }
    cat.ensure_writable()?;
    let device = Device::first();
    // Logged before the file exists: a crash between leaves an entry and no device,
    // and the next attempt makes one.
    let draft = AuditDraft::new(actor, Action::SyncSetUp)
        .note(format!(
            "this desktop is {} in synced copies",
            device.device
        ))
        .detail("device", device.device.clone());
    cat.log(vec![draft])?.apply()?;
    device.write(cat.root())?;
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
