//! The one place where Dossier's bytes reach the disk, and where they are read back and
//! hashed: atomic writes (a temp file, fsync, rename, fsync of the folder), appends at a
//! known length, durable renames and removals, plain-file opens that never follow a link
//! or wait on a pipe, and SHA-256.
//!
//! Everything above (the audit log, the store, media, sharing) writes through here and
//! nowhere else, so that encryption at rest can wrap this module. It knows nothing of
//! catalogues: paths and bytes in, I/O errors out, each said in words by [`describe_io`].

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;

pub mod chunks;
pub mod keyring;
pub mod seal;
pub mod signing;
pub mod stat;
pub mod vault;

use crate::model::Sha256;

/// Bytes read at a time when hashing a file.
const CHUNK: usize = 1 << 20;

/// True for names this module uses for temp files; readers must skip them.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// A fresh temp path in `dir`, named after `hint`.
pub fn temp_path(dir: &Path, hint: &str) -> PathBuf {
    dir.join(format!(".{hint}.{}.tmp", uuid::Uuid::now_v7().simple()))
}

/// The folder a path is in: `.` for a bare file name (whose parent is "", not ".").
fn folder_of(path: &Path) -> io::Result<&Path> {
    match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Ok(Path::new(".")),
        Some(p) => Ok(p),
        None => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "no parent folder",
        )),
    }
}

/// Writes `bytes` to a temp file beside `path`, fsyncs it and renames it over `path`; the
/// folder is not fsynced (see [`write_atomic`] and [`write_many`]).
fn replace(path: &Path, dir: &Path, bytes: &[u8]) -> io::Result<()> {
    let hint = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = temp_path(dir, &hint);
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path` atomically: a crash at any moment leaves the old version or
/// the new one, never a torn file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path)?;
    replace(path, dir, bytes)?;
    sync_dir(dir)
}

/// Writes a short-lived working file (removed again within the same operation): no temp
/// file and no fsync: a crash can leave a stray working file behind, never a damaged
/// catalogue file. It goes through here all the same, so that encryption at rest covers
/// it too.
pub fn write_scratch(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::write(path, bytes)
}

/// Writes a small file only its owner may read (a key kept outside any catalogue), at
/// once through a temp file and a rename.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path)?;
    let tmp = temp_path(dir, "key");
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    });
    if written.is_err() {
        discard(&tmp);
    }
    written
}

/// Replaces a cache file (the snapshot in `cache/`) at once, through a temp file and a
/// rename, without fsync: after a crash it may be old or cut short, and its readers check
/// it whole before trusting any of it.
pub fn write_cache(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path)?;
    let (tmp, mut file) = create_temp(dir, "cache")?;
    let written = file.write_all(bytes).and_then(|()| {
        drop(file);
        fs::rename(&tmp, path)
    });
    if written.is_err() {
        discard(&tmp);
    }
    written
}

/// Writes each file atomically, fsyncing each folder once rather than once per file. On
/// failure, the file that failed and why.
pub fn write_many(files: &[(PathBuf, Vec<u8>)]) -> Result<(), (PathBuf, io::Error)> {
    let mut dirs = std::collections::BTreeSet::new();
    for (path, bytes) in files {
        let dir = folder_of(path).map_err(|e| (path.clone(), e))?;
        replace(path, dir, bytes).map_err(|e| (path.clone(), e))?;
        dirs.insert(dir.to_path_buf());
    }
    for dir in dirs {
        sync_dir(&dir).map_err(|e| (dir.clone(), e))?;
    }
    Ok(())
}

/// Makes a folder's entries (new names, renames) durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Renames durably: both folders are fsynced afterwards.
pub fn rename_durable(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    if let Some(dir) = to.parent() {
        sync_dir(dir)?;
    }
    match (from.parent(), to.parent()) {
        (Some(a), Some(b)) if a != b => sync_dir(a),
        _ => Ok(()),
    }
}

/// Removes a file durably; one that is not there is already removed.
pub fn remove_durable(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => path.parent().map(sync_dir).transpose().map(|_| ()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Appends `bytes` where a file's whole content is known to end (`expected_len`), cutting
/// off anything a failed earlier write left after it, then fsyncs. On failure the file is
/// cut back to `expected_len`. A new file's folder is fsynced too. (The audit log grows
/// this way: one append per change.)
pub fn append_at(path: &Path, expected_len: u64, bytes: &[u8]) -> io::Result<()> {
    let created = !path.exists();
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)?;
    let len = file.metadata()?.len();
    if len != expected_len {
        file.set_len(expected_len)?;
    }
    file.seek(io::SeekFrom::Start(expected_len))?;
    let result = file.write_all(bytes).and_then(|()| file.sync_data());
    if let Err(e) = result {
        let _ = file.set_len(expected_len);
        let _ = file.sync_data();
        return Err(e);
    }
    if created && let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Cuts a file to `len` bytes, durably (a torn last write removed).
pub fn truncate(path: &Path, len: u64) -> io::Result<()> {
    let file = OpenOptions::new().write(true).open(path)?;
    file.set_len(len)?;
    file.sync_all()
}

/// A new, empty temp file in `dir` (made if missing), for bytes that are checked before
/// they are put in place with [`place_read_only`].
pub fn create_temp(dir: &Path, hint: &str) -> io::Result<(PathBuf, File)> {
    fs::create_dir_all(dir)?;
    let tmp = temp_path(dir, hint);
    let file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    Ok((tmp, file))
}

/// What failed while copying a stream into a file.
#[derive(Debug)]
pub enum CopyError {
    /// Reading the source.
    Read(io::Error),
    /// Writing or syncing the copy.
    Write(io::Error),
    /// The hashing thread stopped (a bug, never a property of the bytes).
    Hasher,
}

/// Copies `input` into `output` (a new temp file) while hashing it, and fsyncs it: this
/// thread reads and writes, a second one hashes the same chunks, so hashing costs no
/// extra time on top of the disk. A few buffers go round between the two threads (read
/// into, written, hashed, handed back), so memory stays flat for any size and no chunk
/// costs a fresh allocation (each of which, above the allocator's mmap threshold set in
/// `memory.rs`, was a new mapping faulted in page by page). Returns the hash, the size
/// and the first `head_len` bytes.
pub fn copy_hashed(
    input: &mut dyn Read,
    mut output: Box<dyn vault::Sink>,
    head_len: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<(Sha256, u64, Vec<u8>), CopyError> {
    const BUFFERS: usize = 4;
    let (to_hasher, chunks) = std::sync::mpsc::sync_channel::<(Vec<u8>, usize)>(BUFFERS);
    let (to_reader, free) = std::sync::mpsc::sync_channel::<Vec<u8>>(BUFFERS);
    for _ in 0..BUFFERS {
        // The channel holds them all: this cannot block or fail.
        let _ = to_reader.send(vec![0u8; CHUNK]);
    }
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut hasher = sha2::Sha256::new();
            for (buf, n) in chunks {
                hasher.update(&buf[..n]);
                // The reader may have stopped (an error): the buffer is then dropped.
                let _ = to_reader.send(buf);
            }
            digest(hasher)
        });
        let copied = (|| {
            let mut head = Vec::new();
            let mut size = 0u64;
            loop {
                let mut buf = free.recv().map_err(|_| CopyError::Hasher)?;
                let n = loop {
                    match input.read(&mut buf) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        read => break read.map_err(CopyError::Read)?,
                    }
                };
                if n == 0 {
                    break;
                }
                if head.len() < head_len {
                    let take = (head_len - head.len()).min(n);
                    head.extend_from_slice(&buf[..take]);
                }
                output.write_all(&buf[..n]).map_err(CopyError::Write)?;
                // The hasher only stops early if it panicked; the join below reports it.
                if to_hasher.send((buf, n)).is_err() {
                    return Err(CopyError::Hasher);
                }
                size += n as u64;
                progress(size);
            }
            output.finish().map_err(CopyError::Write)?;
            Ok((size, head))
        })();
        drop(to_hasher);
        let sha = hasher.join().map_err(|_| CopyError::Hasher)?;
        let (size, head) = copied?;
        Ok((sha, size, head))
    })
}

/// Puts the checked temp file `tmp` in place as `target`, read-only, and fsyncs the
/// folder; on failure the temp file is removed.
pub fn place_read_only(tmp: &Path, target: &Path) -> io::Result<()> {
    let placed = (|| {
        fs::rename(tmp, target)?;
        make_read_only(target)?;
        sync_dir(folder_of(target)?)
    })();
    if placed.is_err() {
        discard(tmp);
    }
    placed
}

/// Removes a temp file that will not be used (a failed or redundant write); a failure
/// leaves it for the next opening to clear.
pub fn discard(tmp: &Path) {
    let _ = fs::remove_file(tmp);
}

/// Opens `path` for reading without following a link in its last part and without
/// waiting on a pipe or device that was swapped in after it was checked; `None` when what
/// opened is not a regular file.
pub fn open_regular_file(path: &Path) -> io::Result<Option<File>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    Ok(file.metadata()?.is_file().then_some(file))
}

/// Makes a file read-only (originals never change).
pub fn make_read_only(path: &Path) -> io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    perms.set_readonly(true);
    fs::set_permissions(path, perms)
}

/// SHA-256 of a whole file, streamed. A link is not followed.
pub fn hash_file(path: &Path) -> io::Result<Sha256> {
    let mut file = open_regular_file(path)?
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "it is not a plain file"))?;
    hash_reader(&mut file)
}

/// SHA-256 of everything `input` gives, streamed.
pub fn hash_reader(input: &mut dyn Read) -> io::Result<Sha256> {
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(digest(hasher))
}

/// SHA-256 of bytes in memory.
pub fn hash_bytes(bytes: &[u8]) -> Sha256 {
    let mut hasher = sha2::Sha256::new();
    hasher.update(bytes);
    digest(hasher)
}

/// The finished digest of a hasher.
pub fn digest(hasher: sha2::Sha256) -> Sha256 {
    Sha256::from_digest(&hasher.finalize().into())
}

/// An I/O error in words, with what the person can do about it.
pub fn describe_io(err: &io::Error) -> String {
    use io::ErrorKind::*;
    match err.kind() {
        StorageFull => crate::t!("io-disk-full"),
        PermissionDenied => crate::t!("io-permission-denied"),
        ReadOnlyFilesystem => crate::t!("io-read-only-drive"),
        NotFound => crate::t!("io-not-found"),
        QuotaExceeded => crate::t!("io-quota"),
        _ => err.to_string(),
    }
}

/// "Could not {action} {path}: {why}", in the chosen language: `action` is one of the
/// verbs the store, the log and the packager use ("read", "write", "create"...).
pub fn could_not(action: &str, path: &Path, err: &io::Error) -> String {
    crate::t!(
        "io-could-not",
        action = io_action(action),
        path = path.display().to_string(),
        why = describe_io(err)
    )
}

/// A verb of [`could_not`] in the chosen language (an unknown one as it is).
fn io_action(action: &str) -> String {
    match action {
        "read" => crate::t!("io-action-read"),
        "write" => crate::t!("io-action-write"),
        "save" => crate::t!("io-action-save"),
        "create" => crate::t!("io-action-create"),
        "delete" => crate::t!("io-action-delete"),
        "move" => crate::t!("io-action-move"),
        "open" => crate::t!("io-action-open"),
        "protect" => crate::t!("io-action-protect"),
        "search" => crate::t!("io-action-search"),
        "store" => crate::t!("io-action-store"),
        "repair" => crate::t!("io-action-repair"),
        "finish" => crate::t!("io-action-finish"),
        "name" => crate::t!("io-action-name"),
        "add to the audit log" => crate::t!("io-action-append-log"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_of_abc_is_the_published_one() {
        assert_eq!(
            hash_bytes(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn an_atomic_write_replaces_the_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new contents").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new contents");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_folder() {
        let name = format!("dossier-bare-{}.csv", std::process::id());
        let here = std::env::current_dir().unwrap();
        // Tests share the process's current folder: write relative to it and clean up.
        write_atomic(Path::new(&name), b"a,b").unwrap();
        assert_eq!(fs::read(here.join(&name)).unwrap(), b"a,b");
        fs::remove_file(here.join(&name)).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        // A folder where the file should be renamed to makes the rename fail.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), b"x").unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert!(
            fs::read_dir(dir.path())
                .unwrap()
                .all(|e| !is_temp_name(&e.unwrap().file_name().to_string_lossy()))
        );
    }

    #[test]
    fn an_append_cuts_off_a_torn_tail_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        append_at(&path, 0, b"one\n").unwrap();
        fs::write(&path, b"one\ntwo-torn").unwrap();
        append_at(&path, 4, b"two\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one\ntwo\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_link_is_not_a_regular_file_and_is_not_waited_on() {
        let src = tempfile::tempdir().unwrap();
        let fifo = src.path().join("swapped");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        #[allow(unsafe_code)]
        let made = unsafe { libc::mkfifo(c.as_ptr(), 0o600) };
        assert_eq!(made, 0);
        assert!(open_regular_file(&fifo).unwrap().is_none());
        let link = src.path().join("link");
        std::os::unix::fs::symlink(src.path().join("x"), &link).unwrap();
        fs::write(src.path().join("x"), b"x").unwrap();
        assert!(open_regular_file(&link).is_err(), "links are not followed");
        assert!(hash_file(&link).is_err());
    }
}
