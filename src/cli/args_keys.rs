//! The arguments of `dossier passphrase` (apart from `args.rs`, which is long enough).

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
