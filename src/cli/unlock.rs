//! Where the command line gets what opens an encrypted catalogue: a recovery key file, a
//! passphrase file (`--passphrase-file` or `DOSSIER_PASSPHRASE_FILE`), or the terminal.
//! Never the command line itself (it shows in the process list and the shell's history),
//! and never a wait for input that cannot come: without a terminal or a file, a command
//! stops at once and names both ways.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::{Cli, CliError};
use crate::durable::keyring::{KdfParams, Secret};
use crate::store::Catalogue;

/// Where secrets come from, for this run of the program.
#[derive(Default)]
struct Sources {
    passphrase_file: Option<PathBuf>,
    recovery_key_file: Option<PathBuf>,
    new_passphrase_file: Option<PathBuf>,
}

thread_local! {
    static SOURCES: RefCell<Sources> = RefCell::default();
}

/// Takes the secret files named on the command line or in the environment.
pub(super) fn remember_sources(cli: &Cli) {
    SOURCES.with(|s| {
        *s.borrow_mut() = Sources {
            passphrase_file: cli.passphrase_file.clone(),
            recovery_key_file: cli.recovery_key_file.clone(),
            new_passphrase_file: cli.new_passphrase_file.clone(),
        }
    });
}

/// What opens the catalogue at `path`: `None` when it is plain (any source given is then
/// ignored) or cannot be read (opening says why).
pub(crate) fn secret_for(path: &Path) -> Result<Option<Secret>, CliError> {
    if !Catalogue::is_encrypted_at(path).unwrap_or(false) {
        return Ok(None);
    }
    let (passphrase_file, recovery_key_file) = SOURCES.with(|s| {
        let s = s.borrow();
        (s.passphrase_file.clone(), s.recovery_key_file.clone())
    });
    if let Some(file) = recovery_key_file {
        return Ok(Some(Secret::Recovery(read_secret_file(&file)?)));
    }
    if let Some(file) = passphrase_file {
        return Ok(Some(Secret::Passphrase(read_secret_file(&file)?)));
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "{} is encrypted. Give its passphrase in a file with --passphrase-file FILE or the DOSSIER_PASSPHRASE_FILE environment variable, or run the command in a terminal to be asked for it.",
            path.display()
        )));
    }
    let typed = prompt(&format!("Passphrase for {}: ", path.display()))?;
    Ok(Some(Secret::Passphrase(typed)))
}

/// The passphrase for a new catalogue at `path`: from the new-passphrase file, the
/// passphrase file, or typed twice on the terminal.
pub(crate) fn new_passphrase(path: &Path) -> Result<Zeroizing<String>, CliError> {
    let file = SOURCES.with(|s| {
        let s = s.borrow();
        s.new_passphrase_file.clone().or(s.passphrase_file.clone())
    });
    if let Some(file) = file {
        return read_secret_file(&file);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "A new catalogue is encrypted with a passphrase. Give it in a file with --passphrase-file FILE or the DOSSIER_PASSPHRASE_FILE environment variable, or run the command in a terminal to be asked for it; or make a plain, unencrypted catalogue with --plain. Nothing was created in {}.",
            path.display()
        )));
    }
    typed_twice(path)
}

/// A further passphrase for the open catalogue at `path` (a colleague's, or a changed
/// one): from the new-passphrase file, or typed twice on the terminal.
pub(crate) fn another_passphrase(path: &Path) -> Result<Zeroizing<String>, CliError> {
    let file = SOURCES.with(|s| s.borrow().new_passphrase_file.clone());
    if let Some(file) = file {
        return read_secret_file(&file);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "Give the new passphrase in a file with --new-passphrase-file FILE or the DOSSIER_NEW_PASSPHRASE_FILE environment variable, or run the command in a terminal to be asked for it. Nothing was changed.".into(),
        ));
    }
    typed_twice(path)
}

fn typed_twice(path: &Path) -> Result<Zeroizing<String>, CliError> {
    eprintln!(
        "Choose a passphrase for {}: a few words only you know. Nobody, Dossier included, can open the catalogue without it or the recovery key.",
        path.display()
    );
    let first = prompt("New passphrase: ")?;
    let again = prompt("The same passphrase again: ")?;
    if *first != *again {
        return Err(CliError::Usage(
            "The two passphrases differ; nothing was changed. Run the command again.".into(),
        ));
    }
    Ok(first)
}

/// How hard new passphrases are made to guess. `DOSSIER_TEST_FAST_KDF=1` makes them
/// weak and fast, for test suites only (and says so).
pub(crate) fn kdf() -> KdfParams {
    if std::env::var("DOSSIER_TEST_FAST_KDF").is_ok_and(|v| v == "1") {
        eprintln!(
            "dossier: DOSSIER_TEST_FAST_KDF is set: this catalogue's passphrase is weakly protected (for tests only)."
        );
        KdfParams::FOR_TESTS
    } else {
        KdfParams::DEFAULT
    }
}

fn prompt(text: &str) -> Result<Zeroizing<String>, CliError> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|e| {
            CliError::Usage(format!(
                "Could not read a passphrase from the terminal: {e}"
            ))
        })
}

/// The first line of a secret file (without its line ending).
fn read_secret_file(file: &Path) -> Result<Zeroizing<String>, CliError> {
    let text = Zeroizing::new(std::fs::read_to_string(file).map_err(|e| {
        CliError::Usage(format!(
            "Could not read the passphrase file {}: {}",
            file.display(),
            crate::durable::describe_io(&e)
        ))
    })?);
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(CliError::Usage(format!(
            "The passphrase file {} is empty: its first line must hold the passphrase.",
            file.display()
        )));
    }
    Ok(Zeroizing::new(line.to_string()))
}
