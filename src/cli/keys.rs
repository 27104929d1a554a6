//! The command line's commands on an encrypted catalogue's keys: `passphrase` (list, add,
//! change, remove), `encrypt` and `decrypt`.

use std::io::Write;
use std::path::Path;

use super::args::Command;
use super::args_keys::PassphraseAction;
use super::{CliError, open_for_reading, open_for_writing, unlock};

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Passphrase { path, action } => passphrase(path, action, actor, out),
        Command::Encrypt { path } => super::converting::encrypt(path, actor, out),
        Command::Decrypt { path } => super::converting::decrypt(path, actor, out),
        Command::RotateKey { path } => super::converting::rotate_key(path, actor, out),
        other => unreachable!("{other:?} is not a command on keys"),
    }
}

fn passphrase(
    path: &Path,
    action: &PassphraseAction,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if let PassphraseAction::List = action {
        let cat = open_for_reading(path)?;
        if !cat.is_encrypted() {
            return Err(crate::store::StoreError::NotEncrypted(path.to_path_buf()).into());
        }
        for key in cat.keys() {
            match key.kind.as_str() {
                "recovery" => writeln!(out, "recovery key")?,
                _ => writeln!(out, "passphrase  {}", crate::text::one_line(&key.label))?,
            }
        }
        return Ok(());
    }
    let mut cat = open_for_writing(path, actor)?;
    if !cat.is_encrypted() {
        return Err(crate::store::StoreError::NotEncrypted(path.to_path_buf()).into());
    }
    let said = match action {
        PassphraseAction::Add { label } => {
            let new = unlock::another_passphrase(path)?;
            cat.add_passphrase(label, &new, unlock::kdf(), actor)?;
            format!("Added the passphrase '{label}'.")
        }
        PassphraseAction::Change { label } => {
            let new = unlock::another_passphrase(path)?;
            cat.change_passphrase(label, &new, unlock::kdf(), actor)?;
            format!("Changed the passphrase '{label}'.")
        }
        PassphraseAction::Remove { label } => {
            cat.remove_passphrase(label, actor)?;
            format!(
                "Removed the passphrase '{label}'. Whoever knew it may have kept the catalogue's key: to shut them out, run `dossier rotate-key`."
            )
        }
        PassphraseAction::List => unreachable!("handled above"),
    };
    writeln!(out, "{}", crate::text::one_line(&said))?;
    Ok(())
}
