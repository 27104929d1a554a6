//! Original attachment bytes, stored once each in `attachments/`, named by their SHA-256.
//!
//! A file is read once: copied and hashed in the same pass, in fixed-size chunks (memory
//! stays flat for any size), fsynced, renamed to its hash and made read-only. Stored files
//! are never modified. Safe to use from background threads: it holds only a folder path.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;

use super::StoreError;
use crate::durable::{self, digest, make_read_only, open_regular_file, temp_path};
use crate::model::Sha256;

pub const ATTACHMENTS_DIR: &str = "attachments";

/// Bytes read at a time when importing.
const CHUNK: usize = 1 << 20;

/// How many of a file's first bytes are kept to detect its type.
pub const HEAD_LEN: usize = 8192;

/// What importing one file produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    pub sha256: Sha256,
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
}

impl BlobStore {
    pub fn new(catalogue_root: &Path) -> Self {
        BlobStore {
            dir: catalogue_root.join(ATTACHMENTS_DIR),
        }
    }

    /// Where the original with this hash is (or would be) stored.
    pub fn path_of(&self, sha256: &Sha256) -> PathBuf {
        self.dir.join(sha256.as_str())
    }

    /// True when the original is stored as a plain file (a link in its place is not an
    /// original: it is never followed).
    pub fn contains(&self, sha256: &Sha256) -> bool {
        fs::symlink_metadata(self.path_of(sha256)).is_ok_and(|m| m.is_file())
    }

    /// Opens a stored original for reading, never following a link put in its place.
    pub fn open(&self, sha256: &Sha256) -> io::Result<File> {
        let path = self.path_of(sha256);
        open_regular_file(&path)?.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} is not a plain file (a link or a folder in place of an original)",
                    path.display()
                ),
            )
        })
    }

    /// The folder the originals are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A new temp file in the store's folder, for bytes that become an original once they
    /// are checked (see [`BlobStore::adopt`]). Opening removes any left behind.
    pub fn create_temp(&self, hint: &str) -> Result<(PathBuf, File), StoreError> {
        fs::create_dir_all(&self.dir).map_err(|e| StoreError::io("create", &self.dir, e))?;
        let tmp = temp_path(&self.dir, hint);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| StoreError::io("create", &tmp, e))?;
        Ok((tmp, file))
    }

    /// Makes the temp file `tmp` (from [`BlobStore::create_temp`]) the original `sha256`.
    /// The caller must have written and fsynced exactly the bytes it hashed to `sha256`
    /// as they went in. Returns whether identical bytes were already stored.
    pub fn adopt(&self, tmp: &Path, sha256: &Sha256) -> Result<bool, StoreError> {
        let target = self.path_of(sha256);
        if self.contains(sha256) {
            let _ = fs::remove_file(tmp);
            return Ok(true);
        }
        let finish = (|| {
            fs::rename(tmp, &target)?;
            make_read_only(&target)?;
            durable::sync_dir(&self.dir)
        })();
        if let Err(e) = finish {
            let _ = fs::remove_file(tmp);
            return Err(StoreError::io("store", &target, e));
        }
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
        fs::create_dir_all(&self.dir).map_err(|e| StoreError::io("create", &self.dir, e))?;

        let mut input = open_regular_file(source)
            .map_err(|e| StoreError::io("read", source, e))?
            .ok_or_else(|| {
                refuse("it changed into something other than a regular file while being imported")
            })?;
        let tmp = temp_path(&self.dir, "incoming");
        let result = copy_and_hash(&mut input, source, &tmp, progress);
        let (sha256, size, head) = match result {
            Ok(done) => done,
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
        };
        let target = self.path_of(&sha256);
        if target.exists() {
            let _ = fs::remove_file(&tmp);
            return Ok(Ingested {
                sha256,
                size,
                already_stored: true,
                head,
            });
        }
        let finish = (|| {
            fs::rename(&tmp, &target)?;
            make_read_only(&target)?;
            durable::sync_dir(&self.dir)
        })();
        if let Err(e) = finish {
            let _ = fs::remove_file(&tmp);
            return Err(StoreError::io("store", &target, e));
        }
        Ok(Ingested {
            sha256,
            size,
            already_stored: false,
            head,
        })
    }
}

/// Copies `input` to `tmp` while hashing it: this thread reads and writes, a second one
/// hashes the same chunks, so hashing costs no extra time on top of the disk. At most a
/// few chunks are in flight: memory stays flat for any file size.
fn copy_and_hash(
    input: &mut dyn Read,
    source: &Path,
    tmp: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<(Sha256, u64, Vec<u8>), StoreError> {
    let mut output = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .map_err(|e| StoreError::io("write", tmp, e))?;
    let (to_hasher, chunks) = std::sync::mpsc::sync_channel::<std::sync::Arc<[u8]>>(4);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut hasher = sha2::Sha256::new();
            for chunk in chunks {
                hasher.update(&chunk);
            }
            digest(hasher)
        });
        let copied = (|| {
            let mut buf = vec![0u8; CHUNK];
            let mut head = Vec::new();
            let mut size = 0u64;
            loop {
                let n = match input.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(StoreError::io("read", source, e)),
                };
                let chunk: std::sync::Arc<[u8]> = std::sync::Arc::from(&buf[..n]);
                if head.len() < HEAD_LEN {
                    let take = (HEAD_LEN - head.len()).min(n);
                    head.extend_from_slice(&chunk[..take]);
                }
                // The hasher only stops early if it panicked; the join below reports it.
                let _ = to_hasher.send(chunk.clone());
                output
                    .write_all(&chunk)
                    .map_err(|e| StoreError::io("write", tmp, e))?;
                size += n as u64;
                progress(size);
            }
            output
                .sync_all()
                .map_err(|e| StoreError::io("write", tmp, e))?;
            Ok((size, head))
        })();
        drop(to_hasher);
        let sha = hasher.join().map_err(|_| StoreError::CannotImport {
            path: source.to_path_buf(),
            reason: "hashing it failed unexpectedly".into(),
        })?;
        let (size, head) = copied?;
        Ok((sha, size, head))
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
        let store = BlobStore::new(cat.path());
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
        let err = BlobStore::new(cat.path())
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
        let tmp = temp_path(cat.path(), "incoming");
        let source = Path::new("/media/usb/video.mp4");
        let err = copy_and_hash(&mut Unplugged(5), source, &tmp, &mut |_| {}).unwrap_err();
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
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = BlobStore::new(cat.path())
            .ingest(&fifo, &mut |_| {})
            .unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(err.to_string().contains("looks-like-a.jpg"), "{err}");
    }
}
