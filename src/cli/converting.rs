//! `dossier encrypt` and `dossier decrypt`: a catalogue converted in place, resumable.

use std::io::Write;
use std::path::Path;

use super::{CliError, unlock};
use crate::durable::keyring::{RecoveryKey, Secret};
use crate::store::{Catalogue, StoreError};

/// Encrypts a plain catalogue (a new passphrase), or finishes an interrupted encryption
/// (the passphrase it was started with).
pub(super) fn encrypt(path: &Path, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let resuming = Catalogue::is_encrypted_at(path)?;
    let secret = match resuming {
        true => unlock::secret_for(path)?.ok_or(StoreError::Locked(path.to_path_buf()))?,
        false => Secret::Passphrase(unlock::new_passphrase(path)?),
    };
    let kdf = unlock::kdf();
    let mut shown = Ok(());
    let mut show = |key: &RecoveryKey| shown = super::records::print_recovery_key(key, out);
    crate::store::encrypt(path, &secret, kdf, actor, &mut show, &mut progress())?;
    shown?;
    writeln!(out, "Encrypted {}.", path.display())?;
    writeln!(
        out,
        "The plain files' old bytes may still lie in the drive's free space until it is overwritten: on a drive that held the catalogue plain, use full-disk encryption too."
    )?;
    Ok(())
}

/// Seals every file again under a new key (or finishes an interrupted rotation).
pub(super) fn rotate_key(path: &Path, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let secret = unlock::secret_for(path)?.ok_or(StoreError::NotEncrypted(path.to_path_buf()))?;
    let kdf = unlock::kdf();
    let mut shown = Ok(());
    let mut show = |key: &RecoveryKey| shown = super::records::print_recovery_key(key, out);
    crate::store::rotate_key(path, &secret, kdf, actor, &mut show, &mut progress())?;
    shown?;
    writeln!(
        out,
        "Sealed {} again under a new key. Only your passphrase opens it now: add your colleagues' again (dossier passphrase PATH add LABEL). The old recovery key no longer opens it.",
        path.display()
    )?;
    Ok(())
}

/// Writes an encrypted catalogue back as plain files (or finishes an interrupted run).
pub(super) fn decrypt(path: &Path, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let secret = unlock::secret_for(path)?.ok_or(StoreError::NotEncrypted(path.to_path_buf()))?;
    crate::store::decrypt(path, &secret, actor, &mut progress())?;
    writeln!(
        out,
        "Decrypted {}: whoever can read the folder now reads everything in it.",
        path.display()
    )?;
    Ok(())
}

/// Says on standard error how far the conversion is, once per tenth.
fn progress() -> impl FnMut(&str, usize, usize) {
    let mut last = String::new();
    move |what, done, total| {
        let line = format!("{what}: {}%", done * 10 / total.max(1) * 10);
        if line != last {
            eprintln!("{line}");
            last = line;
        }
    }
}
