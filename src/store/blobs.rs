//! Original attachment bytes, stored once each in `attachments/`, named by their SHA-256
//! (in an encrypted catalogue: by a keyed hash of it, and sealed in chunks).
//!
//! A file is read once: copied and hashed in the same pass, in fixed-size chunks (memory
//! stays flat for any size), fsynced, renamed to its hash and made read-only. Stored files
//! are never modified. Safe to use from background threads: it holds only a folder path
//! and the catalogue's vault.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::StoreError;
use crate::durable::vault::{Original, Sink, Vault};
use crate::durable::{self, CopyError, open_regular_file};
use crate::model::Sha256;

/// The folder, inside a catalogue, that holds the original files.
pub const ATTACHMENTS_DIR: &str = "attachments";

/// How many of a file's first bytes are kept to detect its type.
pub const HEAD_LEN: usize = 8192;

/// What importing one file produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    /// The file's SHA-256 (also its name in `attachments/`).
    pub sha256: Sha256,
    /// Its size in bytes.
    pub size: u64,
    /// True when identical bytes were already stored; nothing new was written.
    pub already_stored: bool,
    /// The file's first bytes, for detecting its type from content.
    pub head: Vec<u8>,
}

/// The `attachments/` folder of one catalogue.
#[derive(Debug, Clone)]
pub struct BlobStore {
    dir: PathBuf,
    vault: Vault,
}

impl BlobStore {
    /// The store of the catalogue whose files `vault` reads and writes.
    pub fn new(vault: &Vault) -> Self {
        BlobStore {
            dir: vault.root().join(ATTACHMENTS_DIR),
            vault: vault.clone(),
        }
    }

    /// The store of the plain catalogue at `catalogue_root`.
    pub fn plain(catalogue_root: &Path) -> Self {
        BlobStore::new(&Vault::plain(catalogue_root))
    }

    /// Where the original with this hash is (or would be) stored.
    pub fn path_of(&self, sha256: &Sha256) -> PathBuf {
        self.dir.join(self.vault.stored_name(sha256))
    }

    /// The name each of `shas` is stored under, to find them in the folder.
    pub fn names<'a>(
        &self,
        shas: impl IntoIterator<Item = &'a Sha256>,
    ) -> std::collections::HashMap<String, Sha256> {
        shas.into_iter()
            .map(|sha| (self.vault.stored_name(sha), sha.clone()))
            .collect()
    }

    /// The SHA-256 of the plain bytes of the stored file at `path` (opened through the
    /// vault, never through a link).
    pub fn hash_stored(&self, path: &Path) -> io::Result<Sha256> {
        let file = open_regular_file(path)?
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "it is not a plain file"))?;
        self.vault.original_reader(file)?.hash_to_end()
    }

    /// The catalogue's way to its files.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Whether originals are sealed (the catalogue is encrypted).
    pub fn is_sealed(&self) -> bool {
        self.vault.is_sealed()
    }

    /// True when the original is stored as a plain file (a link in its place is not an
    /// original: it is never followed).
    pub fn contains(&self, sha256: &Sha256) -> bool {
        fs::symlink_metadata(self.path_of(sha256)).is_ok_and(|m| m.is_file())
    }

    /// Opens a stored original for reading its plain bytes (authenticated chunk by chunk
    /// when sealed), never following a link put in its place.
    pub fn open(&self, sha256: &Sha256) -> io::Result<Original> {
        let path = self.path_of(sha256);
        let file = open_regular_file(&path)?.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} is not a plain file (a link or a folder in place of an original)",
                    path.display()
                ),
            )
        })?;
        self.vault.original_reader(file)
    }

    /// A stored original's plain bytes, whole (for files known to be small).
    pub fn read(&self, sha256: &Sha256) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open(sha256)?.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// The folder the originals are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A new temp file in the store's folder, for bytes that become an original once they
    /// are checked (see [`BlobStore::adopt`]): written sealed when the catalogue is
    /// encrypted; [`Sink::finish`] ends and fsyncs it. Opening removes any left behind.
    pub fn create_temp(&self, hint: &str) -> Result<(PathBuf, Box<dyn Sink>), StoreError> {
        let (tmp, file) = durable::create_temp(&self.dir, hint)
            .map_err(|e| StoreError::io("create", &self.dir, e))?;
        match self.vault.original_writer(file) {
            Ok(sink) => Ok((tmp, sink)),
            Err(e) => {
                durable::discard(&tmp);
                Err(StoreError::io("create", &tmp, e))
            }
        }
    }

    /// Makes the temp file `tmp` (from [`BlobStore::create_temp`]) the original `sha256`.
    /// The caller must have written and fsynced exactly the bytes it hashed to `sha256`
    /// as they went in. Returns whether identical bytes were already stored.
    pub fn adopt(&self, tmp: &Path, sha256: &Sha256) -> Result<bool, StoreError> {
        if self.contains(sha256) {
            durable::discard(tmp);
            return Ok(true);
        }
        let target = self.path_of(sha256);
        durable::place_read_only(tmp, &target).map_err(|e| StoreError::io("store", &target, e))?;
        Ok(false)
    }

    /// Copies `source` into the store while hashing it; reports bytes done to `progress`.
    ///
    /// Symbolic links are refused (never followed), as are folders and special files.
    pub fn ingest(
        &self,
        source: &Path,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Ingested, StoreError> {
        let refuse = |reason: &str| StoreError::CannotImport {
            path: source.to_path_buf(),
            reason: reason.to_string(),
        };
        let meta = fs::symlink_metadata(source).map_err(|e| StoreError::io("read", source, e))?;
        if meta.file_type().is_symlink() {
            return Err(refuse(
                "it is a symbolic link, and Dossier never follows links when importing; import the file it points to instead",
            ));
        }
        if meta.is_dir() {
            return Err(refuse("it is a folder; choose the files inside it"));
        }
        if !meta.is_file() {
            return Err(refuse("it is not a regular file"));
        }
        let mut input = open_regular_file(source)
            .map_err(|e| StoreError::io("read", source, e))?
            .ok_or_else(|| {
                refuse("it changed into something other than a regular file while being imported")
            })?;
        self.ingest_reader(&mut input, source, progress)
    }

    /// Copies what `input` reads (bytes made from `source`, named in errors: a redacted or
    /// stripped copy) into the store while hashing it.
    pub fn ingest_reader(
        &self,
        input: &mut dyn Read,
        source: &Path,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Ingested, StoreError> {
        let (tmp, output) = self.create_temp("incoming")?;
        let (sha256, size, head) = match copy_and_hash(input, source, &tmp, output, progress) {
            Ok(done) => done,
            Err(e) => {
                durable::discard(&tmp);
                return Err(e);
            }
        };
        let already_stored = self.adopt(&tmp, &sha256)?;
        Ok(Ingested {
            sha256,
            size,
            already_stored,
            head,
        })
    }
}

/// Copies `input` (read from `source`) into `output` (the temp file `tmp`) while hashing
/// it, with errors that name the file that failed.
fn copy_and_hash(
    input: &mut dyn Read,
    source: &Path,
    tmp: &Path,
    output: Box<dyn Sink>,
    progress: &mut dyn FnMut(u64),
) -> Result<(Sha256, u64, Vec<u8>), StoreError> {
    durable::copy_hashed(input, output, HEAD_LEN, progress).map_err(|e| match e {
        CopyError::Read(e) => StoreError::io("read", source, e),
        CopyError::Write(e) => StoreError::io("write", tmp, e),
        CopyError::Hasher => StoreError::CannotImport {
            path: source.to_path_buf(),
            reason: "hashing it failed unexpectedly".into(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingest_stores_once_read_only_and_named_by_hash() {
        let cat = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let a = src.path().join("a.txt");
        fs::write(&a, b"abc").unwrap();
        let store = BlobStore::plain(cat.path());
        let first = store.ingest(&a, &mut |_| {}).unwrap();
        assert!(!first.already_stored);
        assert_eq!(first.size, 3);
        let stored = store.path_of(&first.sha256);
        assert_eq!(fs::read(&stored).unwrap(), b"abc");
        assert!(fs::metadata(&stored).unwrap().permissions().readonly());
        let b = src.path().join("copy of a.txt");
        fs::write(&b, b"abc").unwrap();
        let second = store.ingest(&b, &mut |_| {}).unwrap();
        assert!(second.already_stored);
        assert_eq!(second.sha256, first.sha256);
        assert_eq!(
            fs::read_dir(cat.path().join(ATTACHMENTS_DIR))
                .unwrap()
                .count(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn ingest_refuses_a_symbolic_link() {
        let cat = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let target = src.path().join("secret");
        fs::write(&target, b"x").unwrap();
        let link = src.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = BlobStore::plain(cat.path())
            .ingest(&link, &mut |_| {})
            .unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }

    /// A drive pulled out mid-import: reads succeed, then fail.
    struct Unplugged(usize);

    impl Read for Unplugged {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::other("Input/output error"));
            }
            self.0 -= 1;
            let n = buf.len().min(4096);
            buf[..n].fill(7);
            Ok(n)
        }
    }

    #[test]
    fn a_source_failing_mid_import_names_the_file_and_leaves_nothing_behind() {
        let cat = tempfile::tempdir().unwrap();
        let (tmp, output) = BlobStore::plain(cat.path())
            .create_temp("incoming")
            .unwrap();
        let source = Path::new("/media/usb/video.mp4");
        let err = copy_and_hash(&mut Unplugged(5), source, &tmp, output, &mut |_| {}).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("/media/usb/video.mp4"), "{text}");
        assert!(text.contains("Input/output error"), "{text}");
        // ingest removes its temp file on every error; copy_and_hash leaves it to it.
        let _ = fs::remove_file(&tmp);
    }

    #[cfg(unix)]
    #[test]
    fn ingest_refuses_a_pipe_without_waiting_for_it() {
        let cat = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let fifo = src.path().join("looks-like-a.jpg");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        #[allow(unsafe_code)]
        let made = unsafe { libc::mkfifo(c.as_ptr(), 0o600) };
        assert_eq!(made, 0);
        let err = BlobStore::plain(cat.path())
            .ingest(&fifo, &mut |_| {})
            .unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(err.to_string().contains("looks-like-a.jpg"), "{err}");
    }
}
