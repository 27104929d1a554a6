//! How one catalogue's files are read and written: plain, or sealed under its keys.
//!
//! The store, the log and media hold a [`Vault`] and read and write the catalogue's files
//! through it, so an encrypted catalogue and a plain one take the same paths through the
//! code. A sealed vault seals before the atomic write (a temp file only ever holds
//! ciphertext) and opens after the read, binding each file's place in the catalogue in.
//! Dropping the last clone forgets the keys (they are wiped from memory).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;

use super::chunks::{OpeningReader, SealingWriter};
use super::seal::{FileKeys, SealError};
use super::signing::LogSigner;
use crate::model::Sha256;

/// The associated data every original is sealed with (besides the catalogue's id): its
/// folder. An original's name is known only once it is hashed, after it was written, so
/// the name itself is checked by hashing (see `stored_name`).
pub const ORIGINALS_PLACE: &str = "attachments/";

/// A catalogue's way to its files: plain (no keys), or sealed.
#[derive(Clone, Default)]
pub struct Vault {
    root: PathBuf,
    keys: Option<Arc<FileKeys>>,
    /// Signs each entry appended to the log (an encrypted catalogue's).
    signer: Option<Arc<LogSigner>>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.is_sealed() { "sealed" } else { "plain" };
        write!(f, "Vault({kind}, {})", self.root.display())
    }
}

impl PartialEq for Vault {
    fn eq(&self, other: &Self) -> bool {
        self.root == other.root
            && match (&self.keys, &other.keys) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

/// An [`io::Error`] that carries why a sealed file did not open; [`super::describe_io`]
/// says it in words.
pub fn sealed_error(e: SealError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl Vault {
    /// The files of the plain catalogue at `root`.
    pub fn plain(root: &Path) -> Vault {
        Vault {
            root: root.to_path_buf(),
            keys: None,
            signer: None,
        }
    }

    /// The files of the encrypted catalogue at `root`, under `keys`.
    pub fn sealed(root: &Path, keys: FileKeys) -> Vault {
        Vault {
            root: root.to_path_buf(),
            keys: Some(Arc::new(keys)),
            signer: None,
        }
    }

    /// The same vault, signing the log's entries with `signer`.
    pub fn with_signer(mut self, signer: LogSigner) -> Vault {
        self.signer = Some(Arc::new(signer));
        self
    }

    /// What signs the log's entries, when the catalogue's are signed.
    pub fn signer(&self) -> Option<&LogSigner> {
        self.signer.as_deref()
    }

    /// Whether files are sealed.
    pub fn is_sealed(&self) -> bool {
        self.keys.is_some()
    }

    /// The catalogue's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` as it is bound into its sealed file: relative to the catalogue, `/`
    /// between parts on every system. A record is bound to its name, not its folder, so
    /// moving it to the trash and back needs no new seal.
    pub fn place(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        match parts.as_slice() {
            [dir, name] if dir == "records" || dir == "trash" => format!("record/{name}"),
            _ => parts.join("/"),
        }
    }

    /// `plain` as it is written to `path`: sealed, or as it is.
    pub fn seal(&self, path: &Path, plain: Vec<u8>) -> io::Result<Vec<u8>> {
        match &self.keys {
            None => Ok(plain),
            Some(keys) => keys.seal(&self.place(path), &plain).map_err(sealed_error),
        }
    }

    /// The plain bytes of `bytes`, read from `path`.
    pub fn open(&self, path: &Path, bytes: Vec<u8>) -> io::Result<Vec<u8>> {
        match &self.keys {
            None => Ok(bytes),
            Some(keys) => keys.open(&self.place(path), &bytes).map_err(sealed_error),
        }
    }

    /// The plain bytes of `bytes`, read from `path` (a copy when the catalogue is plain).
    pub fn open_slice(&self, path: &Path, bytes: &[u8]) -> io::Result<Vec<u8>> {
        match &self.keys {
            None => Ok(bytes.to_vec()),
            Some(keys) => keys.open(&self.place(path), bytes).map_err(sealed_error),
        }
    }

    /// Reads `path` and gives its plain bytes.
    pub fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.open(path, std::fs::read(path)?)
    }

    /// Reads `path` and gives its plain bytes and the stat of what was read.
    pub fn read_stat(&self, path: &Path) -> io::Result<(Vec<u8>, super::stat::FileStat)> {
        let (bytes, stat) = super::stat::read_with_stat(path)?;
        Ok((self.open(path, bytes)?, stat))
    }

    /// Writes `plain` to `path` atomically, sealed first when the catalogue is encrypted.
    pub fn write_atomic(&self, path: &Path, plain: Vec<u8>) -> io::Result<()> {
        super::write_atomic(path, &self.seal(path, plain)?)
    }

    /// One line of an appended log, as it is written: sealed and in base64 (a log line
    /// must hold no newline), or as it is. `line` ends without its newline.
    pub fn seal_line(&self, path: &Path, line: &str) -> io::Result<String> {
        match &self.keys {
            None => Ok(line.to_string()),
            Some(keys) => {
                let sealed = keys
                    .seal(&self.place(path), line.as_bytes())
                    .map_err(sealed_error)?;
                Ok(B64.encode(sealed))
            }
        }
    }

    /// The plain text of one line of an appended log (without its newline).
    pub fn open_line<'a>(
        &self,
        path: &Path,
        line: &'a [u8],
    ) -> Result<std::borrow::Cow<'a, [u8]>, SealError> {
        match &self.keys {
            None => Ok(std::borrow::Cow::Borrowed(line)),
            Some(keys) => {
                let sealed = B64.decode(line).map_err(|_| SealError::Tampered)?;
                Ok(std::borrow::Cow::Owned(
                    keys.open(&self.place(path), &sealed)?,
                ))
            }
        }
    }

    /// The name an original with this SHA-256 is stored under: the hash itself in a
    /// plain catalogue, a keyed hash of it in an encrypted one (nobody can test the disk
    /// for a known file).
    pub fn stored_name(&self, sha256: &Sha256) -> String {
        match &self.keys {
            None => sha256.as_str().to_string(),
            Some(keys) => keys.stored_name(sha256.as_str()),
        }
    }

    /// A writer for an original's bytes into `file` (a new temp file): sealed in chunks
    /// when the catalogue is encrypted. [`Sink::finish`] writes the end and fsyncs.
    pub fn original_writer(&self, file: File) -> io::Result<Box<dyn Sink>> {
        match &self.keys {
            None => Ok(Box::new(file)),
            Some(keys) => Ok(Box::new(SealingWriter::new(keys, ORIGINALS_PLACE, file)?)),
        }
    }

    /// Reads a stored original (already opened, never through a link) as its plain
    /// bytes, with seeking.
    pub fn original_reader(&self, file: File) -> io::Result<Original> {
        match &self.keys {
            None => Ok(Original::Plain(file)),
            Some(keys) => Ok(Original::Sealed(Box::new(OpeningReader::new(
                keys,
                ORIGINALS_PLACE,
                file,
            )?))),
        }
    }
}

/// A file to read as its plain bytes: a stored original, opened through its catalogue's
/// vault, or a plain file (one being imported, a test's file). Never through a link.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The file (for messages, and its extension).
    pub path: &'a Path,
    vault: Option<&'a Vault>,
}

impl<'a> Source<'a> {
    /// A plain file.
    pub fn plain(path: &'a Path) -> Source<'a> {
        Source { path, vault: None }
    }

    /// A stored original of the catalogue `vault` reads.
    pub fn stored(vault: &'a Vault, path: &'a Path) -> Source<'a> {
        Source {
            path,
            vault: Some(vault),
        }
    }

    /// The vault of the catalogue the file is stored in (`None`: a plain file).
    pub fn vault(&self) -> Option<&'a Vault> {
        self.vault
    }

    /// Opens the file for reading its plain bytes.
    pub fn open(&self) -> io::Result<Original> {
        let file = super::open_regular_file(self.path)?
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "it is not a plain file"))?;
        match self.vault {
            Some(vault) => vault.original_reader(file),
            None => Ok(Original::Plain(file)),
        }
    }

    /// The file's plain bytes, whole, or an error when there are more than `limit`.
    pub fn read_all(&self, limit: u64) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open()?
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "the file is too large to be read whole",
            ));
        }
        Ok(bytes)
    }
}

/// Where an original's bytes go while it is imported: a file, or a file sealed in chunks.
pub trait Sink: Write {
    /// Writes what is left (a sealed file's last chunk) and fsyncs the file.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

impl Sink for File {
    fn finish(self: Box<Self>) -> io::Result<()> {
        self.sync_all()
    }
}

impl Sink for SealingWriter<File> {
    fn finish(self: Box<Self>) -> io::Result<()> {
        (*self).finish()?.sync_all()
    }
}

/// A stored original, read as its plain bytes.
pub enum Original {
    /// A plain catalogue's file.
    Plain(File),
    /// An encrypted catalogue's file, opened chunk by chunk.
    Sealed(Box<OpeningReader<File>>),
}

impl Original {
    /// The plain size in bytes.
    pub fn plain_len(&mut self) -> io::Result<u64> {
        match self {
            Original::Plain(f) => Ok(f.metadata()?.len()),
            Original::Sealed(r) => r.plain_len(),
        }
    }

    /// The SHA-256 of its plain bytes from here to the end (a sealed one authenticated
    /// chunk by chunk on the way).
    pub fn hash_to_end(&mut self) -> io::Result<Sha256> {
        match self {
            Original::Plain(f) => super::hash_reader(f),
            Original::Sealed(r) => r.hash_to_end(),
        }
    }
}

impl Read for Original {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Original::Plain(f) => f.read(buf),
            Original::Sealed(r) => r.read(buf),
        }
    }
}

impl Seek for Original {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match self {
            Original::Plain(f) => f.seek(to),
            Original::Sealed(r) => r.seek(to),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::seal::CatalogueKey;
    use super::*;

    fn sealed(root: &Path) -> Vault {
        Vault::sealed(root, CatalogueKey::from_bytes([7; 32]).keys("cat"))
    }

    #[test]
    fn records_are_bound_to_their_name_and_other_files_to_their_path() {
        let v = sealed(Path::new("/c"));
        assert_eq!(v.place(Path::new("/c/records/a.json")), "record/a.json");
        assert_eq!(v.place(Path::new("/c/trash/a.json")), "record/a.json");
        assert_eq!(v.place(Path::new("/c/views.json")), "views.json");
        assert_eq!(v.place(Path::new("/c/cache/ab.png")), "cache/ab.png");
        let bytes = v
            .seal(Path::new("/c/records/a.json"), b"{}".to_vec())
            .unwrap();
        assert_eq!(
            v.open(Path::new("/c/trash/a.json"), bytes.clone()).unwrap(),
            b"{}"
        );
        let e = v.open(Path::new("/c/records/b.json"), bytes).unwrap_err();
        assert!(e.to_string().contains("another file name"), "{e}");
    }

    #[test]
    fn log_lines_hold_no_newline_and_open_again() {
        let v = sealed(Path::new("/c"));
        let p = Path::new("/c/audit.jsonl");
        let line = v.seal_line(p, "{\"seq\":1}").unwrap();
        assert!(!line.contains('\n') && !line.contains("seq"));
        assert_eq!(&*v.open_line(p, line.as_bytes()).unwrap(), b"{\"seq\":1}");
        assert!(v.open_line(p, &line.as_bytes()[1..]).is_err());
        let plain = Vault::plain(Path::new("/c"));
        assert_eq!(plain.seal_line(p, "x").unwrap(), "x");
    }
}
