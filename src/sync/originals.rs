//! Originals travel beside the repository, never in it: git keeps whole objects in memory
//! and packs large files badly. On a folder remote (a bare repository on a USB stick or a
//! share) they are kept in `<remote>/dossier-originals/`, under the name the catalogue
//! stores them by, copied as they are (sealed in an encrypted catalogue) with flat memory,
//! and checked by hash at both ends (over ssh: `ssh.rs`). Only missing ones travel;
//! nothing is ever deleted.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::SyncError;
use crate::durable;
use crate::model::Sha256;
use crate::store::BlobStore;

/// The folder beside a remote's repository that holds its originals.
pub const REMOTE_ORIGINALS: &str = "dossier-originals";

/// Where a remote keeps originals, when it is a folder; `None` for an ssh remote.
pub fn remote_dir(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("file://").unwrap_or(url);
    let ssh = url.starts_with("ssh://")
        || (!path.starts_with('/') && !path.starts_with('.') && {
            let before_colon = path.split(':').next().unwrap_or_default();
            path.contains(':') && before_colon.len() > 1 && !before_colon.contains(['/', '\\'])
        });
    (!ssh).then(|| PathBuf::from(path).join(REMOTE_ORIGINALS))
}

/// Copies to the remote each original in `wanted` that it lacks; returns how many.
pub fn send(
    blobs: &BlobStore,
    wanted: &BTreeSet<Sha256>,
    remote: &Path,
) -> Result<usize, SyncError> {
    fs::create_dir_all(remote).map_err(|e| SyncError::io(remote, e))?;
    let mut sent = 0;
    for sha in wanted {
        let local = blobs.path_of(sha);
        let name = local
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let target = remote.join(&name);
        if target.is_file() || !local.is_file() {
            continue;
        }
        copy_checked(blobs, sha, &local, &target)?;
        sent += 1;
    }
    Ok(sent)
}

/// Copies from the remote each original in `wanted` that this desktop lacks; returns how
/// many came, and those the remote does not have either.
pub fn receive(
    blobs: &BlobStore,
    wanted: &BTreeSet<Sha256>,
    remote: &Path,
) -> Result<(usize, Vec<Sha256>), SyncError> {
    let mut came = 0;
    let mut absent = Vec::new();
    fs::create_dir_all(blobs.dir()).map_err(|e| SyncError::io(blobs.dir(), e))?;
    for sha in wanted {
        if blobs.contains(sha) {
            continue;
        }
        let local = blobs.path_of(sha);
        let name = local
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let source = remote.join(&name);
        if !source.is_file() {
            absent.push(sha.clone());
            continue;
        }
        copy_checked(blobs, sha, &source, &local)?;
        came += 1;
    }
    Ok((came, absent))
}

/// Copies `from` to a temp file beside `to` (flat memory), fsyncs it, checks that it
/// holds the original `sha`, and only then puts it in place, read-only.
fn copy_checked(blobs: &BlobStore, sha: &Sha256, from: &Path, to: &Path) -> Result<(), SyncError> {
    let mut input = fs::File::open(from).map_err(|e| SyncError::io(from, e))?;
    place_checked(blobs, sha, &mut input, from, to)
}

/// Copies what `input` gives (read from `from`, as errors name it) to a temp file beside
/// `to` (flat memory), fsyncs it, checks that it holds the original `sha`, and only then
/// puts it in place, read-only.
pub(super) fn place_checked(
    blobs: &BlobStore,
    sha: &Sha256,
    input: &mut dyn io::Read,
    from: &Path,
    to: &Path,
) -> Result<(), SyncError> {
    let dir = to.parent().unwrap_or(Path::new("."));
    let (tmp, mut out) =
        durable::create_temp(dir, "original").map_err(|e| SyncError::io(dir, e))?;
    let copied = (|| -> io::Result<()> {
        io::copy(input, &mut out)?;
        out.sync_all()
    })();
    drop(out);
    if let Err(e) = copied {
        durable::discard(&tmp);
        return Err(SyncError::io(from, e));
    }
    match blobs.hash_stored(&tmp) {
        Ok(found) if &found == sha => {}
        Ok(found) => {
            durable::discard(&tmp);
            return Err(SyncError::BadOriginal {
                path: from.to_path_buf(),
                reason: format!("its content hashes to {found}, not {sha}"),
            });
        }
        Err(e) => {
            durable::discard(&tmp);
            return Err(SyncError::BadOriginal {
                path: from.to_path_buf(),
                reason: durable::describe_io(&e),
            });
        }
    }
    durable::place_read_only(&tmp, to).map_err(|e| SyncError::io(to, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_and_ssh_remotes_are_told_apart() {
        assert!(remote_dir("/media/usb/office.git").is_some());
        assert!(remote_dir("./office.git").is_some());
        assert!(remote_dir("file:///media/usb/office.git").is_some());
        assert!(remote_dir("C:\\Users\\a\\office.git").is_some());
        assert!(remote_dir("ssh://host/srv/office.git").is_none());
        assert!(remote_dir("user@host:srv/office.git").is_none());
    }
}
