//! The arguments of `dossier passphrase`, `dossier remote` and `dossier conflicts` (apart
//! from `args.rs`, which is long enough).

use std::path::PathBuf;

use clap::{Args, Subcommand};

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

/// `dossier conflicts PATH [ID FIELD (--ours | --theirs | --value V)]`.
#[derive(Debug, Args)]
pub struct ConflictArgs {
    pub path: PathBuf,
    /// The record (a full id or a unique beginning); without it, every conflict is listed.
    pub id: Option<String>,
    /// The field in conflict, as listed (e.g. `title`, `person.status`).
    pub field: Option<String>,
    /// Keep this desktop's value.
    #[arg(long, conflicts_with_all = ["theirs", "value"])]
    pub ours: bool,
    /// Take the other desktop's value.
    #[arg(long, conflicts_with = "value")]
    pub theirs: bool,
    /// Use this value instead (text for a text field; JSON for others).
    #[arg(long)]
    pub value: Option<String>,
}
