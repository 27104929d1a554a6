//! Originals of an encrypted catalogue opened with another program (a photo viewer, a
//! video player) must be plain for it to read them: they are written to a private folder
//! outside the catalogue, in memory where the system has one (`$XDG_RUNTIME_DIR` or
//! `/dev/shm` on Linux), readable by this user only, and removed on lock, on close, on
//! exit, and on the next start if the app died. A plain catalogue's originals are opened
//! where they are (see `tasks::open_attachment`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::durable::vault::{Source, Vault};

const PREFIX: &str = "dossier-opened-";

/// Where the private folders go: memory-backed when there is such a place.
fn base() -> PathBuf {
    #[cfg(unix)]
    {
        let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
        if let Some(dir) = runtime.filter(|d| d.is_dir()) {
            return dir;
        }
        if Path::new("/dev/shm").is_dir() {
            return PathBuf::from("/dev/shm");
        }
    }
    std::env::temp_dir()
}

/// This run's private folder.
fn ours() -> PathBuf {
    base().join(format!("{PREFIX}{}", std::process::id()))
}

/// A new folder only this user may read.
fn private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Writes the plain bytes of `original` (sealed under `vault`) as `name` in a fresh
/// private folder, for another program to open; returns the file.
pub fn decrypt_for_opening(vault: &Vault, original: &Path, name: &str) -> io::Result<PathBuf> {
    let mut nonce = [0u8; 8];
    crate::durable::seal::random_bytes(&mut nonce).map_err(crate::durable::vault::sealed_error)?;
    let folder = ours().join(nonce.iter().map(|b| format!("{b:02x}")).collect::<String>());
    private_dir(&folder)?;
    let file = folder.join(crate::text::safe_file_name(name));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(&file)?;
    io::copy(&mut Source::stored(vault, original).open()?, &mut out)?;
    Ok(file)
}

/// Removes what this run opened (on lock, close and exit).
pub fn remove_ours() {
    let _ = fs::remove_dir_all(ours());
}

/// Removes what a run that died left behind: folders of processes no longer running (on
/// Linux, by their process id; elsewhere every folder but this run's).
pub fn remove_left_behind() {
    let Ok(entries) = fs::read_dir(base()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(PREFIX) else {
            continue;
        };
        let ours = pid == std::process::id().to_string();
        let running = cfg!(target_os = "linux") && Path::new("/proc").join(pid).exists();
        if !ours && !running {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_left_behind_folder_is_removed_and_ours_is_private() {
        let dead = base().join(format!("{PREFIX}4000000000"));
        private_dir(&dead.join("x")).unwrap();
        remove_left_behind();
        assert!(!dead.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            private_dir(&ours()).unwrap();
            let mode = fs::metadata(ours()).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
            remove_ours();
            assert!(!ours().exists());
        }
    }
}
