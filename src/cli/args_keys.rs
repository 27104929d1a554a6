//! The arguments of `dossier passphrase` and `dossier remote` (apart from `args.rs`, which
//! is long enough).

use clap::Subcommand;

/// What `dossier passphrase` does.
#[derive(Debug, Subcommand)]
pub enum PassphraseAction {
    /// List the ways in: each passphrase's label, and the recovery key.
    List,
    /// Add a passphrase for a colleague. The label is readable by anyone with the folder:
    /// an initial or a role, not a name.
    Add { label: String },
    /// Change the passphrase with this label.
    Change { label: String },
    /// Remove the passphrase with this label. Nothing is re-encrypted: whoever knew it may
    /// have kept the key.
    Remove { label: String },
}

/// What `dossier remote` does.
#[derive(Debug, Subcommand)]
pub enum RemoteAction {
    /// Add a remote: a folder holding a bare repository (a USB stick, a mounted share) or
    /// an ssh URL. The first remote sets the catalogue up for sync.
    Add {
        name: String,
        url: String,
        /// Make an empty repository in the folder first.
        #[arg(long)]
        init: bool,
    },
    /// List the remotes, and when this desktop last synced with each.
    List,
    /// Remove a remote (nothing on it is touched).
    Remove { name: String },
}
