//! Reading a package someone sent: checking it against its manifest (`share-verify`), and
//! the safe reading that receiving needs. A zip entry that could land outside the package
//! (`../`, an absolute path, a drive, a link) is refused before anything is unpacked, and
//! the total unpacked size is bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::durable::digest;
use crate::model::Sha256;

use super::error::ShareError;
use super::manifest::{MANIFEST_FILE, Manifest, is_safe_relative};

/// The most a package may unpack to (all its files together).
pub const MAX_UNPACKED: u64 = 64 << 30;
/// The most `manifest.json` may hold.
pub const MAX_TEXT: u64 = 64 << 20;

/// The outcome of checking a package against its manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageReport {
    /// The package's manifest as read.
    pub manifest: Manifest,
    /// Each problem: the file, what was expected, what was found.
    pub problems: Vec<String>,
    /// Files whose hashes were checked.
    pub files_checked: usize,
    /// Bytes read to check them.
    pub bytes_checked: u64,
}

impl PackageReport {
    /// Whether every check passed.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

enum Kind {
    Dir,
    Zip(Box<zip::ZipArchive<BufReader<File>>>),
}

/// A package folder or zip, opened for reading.
pub struct PackageReader {
    path: PathBuf,
    kind: Kind,
    /// Every file in the package (paths with `/`), with its size.
    files: BTreeMap<String, u64>,
}

impl PackageReader {
    /// Opens a package, refusing zips with unsafe entries or that unpack to more than
    /// `max_unpacked` bytes.
    pub fn open(path: &Path, max_unpacked: u64) -> Result<PackageReader, ShareError> {
        let meta = fs::metadata(path).map_err(|e| ShareError::io("open", path, e))?;
        if meta.is_dir() {
            let mut files = BTreeMap::new();
            walk(path, path, &mut files)?;
            return Ok(PackageReader {
                path: path.to_path_buf(),
                kind: Kind::Dir,
                files,
            });
        }
        let file = File::open(path).map_err(|e| ShareError::io("open", path, e))?;
        let mut archive =
            zip::ZipArchive::new(BufReader::new(file)).map_err(|e| ShareError::NotAPackage {
                path: path.to_path_buf(),
                reason: format!("it is neither a folder nor a readable zip file ({e})"),
            })?;
        let unsafe_entry = |entry: String, reason: &str| ShareError::Unsafe {
            path: path.to_path_buf(),
            entry,
            reason: reason.to_string(),
        };
        if archive.has_duplicate_names() {
            // The zip's index keeps one entry per name; a second one under the same name
            // could be what another tool unpacks instead of what was checked.
            return Err(ShareError::Unsafe {
                path: path.to_path_buf(),
                entry: "(several)".into(),
                reason: "appears twice: the zip holds two entries with the same name".into(),
            });
        }
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|e| ShareError::NotAPackage {
                    path: path.to_path_buf(),
                    reason: format!("entry {i} cannot be read ({e})"),
                })?;
            let raw = String::from_utf8_lossy(entry.name_raw()).into_owned();
            let name = match std::str::from_utf8(entry.name_raw()) {
                Ok(n) => n.to_string(),
                Err(_) => return Err(unsafe_entry(raw, "has a name that is not UTF-8")),
            };
            if entry.is_symlink() {
                return Err(unsafe_entry(name, "is a symbolic link"));
            }
            let is_dir = entry.is_dir();
            let plain = name.strip_suffix('/').unwrap_or(&name);
            if !is_safe_relative(plain) {
                return Err(unsafe_entry(
                    name.clone(),
                    "would be unpacked outside the package (it has '..', '\\', a drive or an absolute path)",
                ));
            }
            if is_dir {
                continue;
            }
            total = total.saturating_add(entry.size());
            if total > max_unpacked {
                return Err(unsafe_entry(
                    name,
                    &format!(
                        "takes the package over {} unpacked, the most Dossier accepts",
                        crate::media::human_size(max_unpacked)
                    ),
                ));
            }
            if files.insert(plain.to_string(), entry.size()).is_some() {
                return Err(unsafe_entry(name, "appears twice"));
            }
        }
        Ok(PackageReader {
            path: path.to_path_buf(),
            kind: Kind::Zip(Box::new(archive)),
            files,
        })
    }

    /// The package's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every file in the package, with its size.
    pub fn files(&self) -> &BTreeMap<String, u64> {
        &self.files
    }

    /// Streams the file `name` (at most `limit` bytes) into `out`; `None` when it is not
    /// in the package. Returns its SHA-256 and size.
    pub fn copy_to(
        &mut self,
        name: &str,
        limit: u64,
        out: &mut dyn Write,
    ) -> Result<Option<(Sha256, u64)>, ShareError> {
        let path = self.path.join(name);
        self.read_with(name, limit, |input| {
            let mut buf = vec![0u8; 256 * 1024];
            loop {
                let n = match input.read(&mut buf) {
                    Ok(0) => return Ok(()),
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(ShareError::io("read", &path, e)),
                };
                out.write_all(&buf[..n])
                    .map_err(|e| ShareError::io("write", &path, e))?;
            }
        })
        .map(|read| read.map(|((), sha, size)| (sha, size)))
    }

    /// Runs `f` over the bytes of file `name` (at most `limit` of them), hashing them as
    /// `f` reads: each file is read once, and what `f` made of it is returned with the
    /// SHA-256 and size of exactly the bytes it saw (`f` must read to the end for the hash
    /// to cover the file; the caller compares it with the manifest before using the
    /// result). `None` when the package has no such file.
    pub fn read_with<T>(
        &mut self,
        name: &str,
        limit: u64,
        f: impl FnOnce(&mut dyn Read) -> Result<T, ShareError>,
    ) -> Result<Option<(T, Sha256, u64)>, ShareError> {
        if !self.files.contains_key(name) || !is_safe_relative(name) {
            return Ok(None);
        }
        let failed = |e: io::Error| ShareError::io("read", &self.path.join(name), e);
        let (value, hasher, size) = match &mut self.kind {
            Kind::Dir => {
                let path = self.path.join(name);
                let meta = fs::symlink_metadata(&path).map_err(failed)?;
                if !meta.is_file() {
                    return Ok(None);
                }
                let file = File::open(&path).map_err(failed)?;
                let mut input = HashingReader::new(file.take(limit));
                let value = f(&mut input)?;
                (value, input.hasher, input.count)
            }
            Kind::Zip(archive) => {
                let entry = archive.by_name(name).map_err(|e| ShareError::NotAPackage {
                    path: self.path.clone(),
                    reason: format!("entry '{name}' cannot be read ({e})"),
                })?;
                let mut input = HashingReader::new(entry.take(limit));
                let value = f(&mut input)?;
                (value, input.hasher, input.count)
            }
        };
        Ok(Some((value, digest(hasher), size)))
    }

    /// Reads a small file whole (at most [`MAX_TEXT`] bytes).
    pub fn read_text_file(&mut self, name: &str) -> Result<Vec<u8>, ShareError> {
        let mut bytes = Vec::new();
        match self.copy_to(name, MAX_TEXT + 1, &mut bytes)? {
            None => Err(ShareError::NotAPackage {
                path: self.path.clone(),
                reason: format!("it has no {name}"),
            }),
            Some((_, size)) if size > MAX_TEXT => Err(ShareError::NotAPackage {
                path: self.path.clone(),
                reason: format!("its {name} is larger than Dossier accepts"),
            }),
            Some(_) => Ok(bytes),
        }
    }

    /// Reads and checks the package's manifest.
    pub fn manifest(&mut self) -> Result<Manifest, ShareError> {
        let bytes = self.read_text_file(MANIFEST_FILE)?;
        Manifest::from_json(&bytes).map_err(|reason| ShareError::NotAPackage {
            path: self.path.clone(),
            reason,
        })
    }
}

/// Passes bytes through while hashing and counting them.
struct HashingReader<R> {
    inner: R,
    hasher: sha2::Sha256,
    count: u64,
}

impl<R> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: sha2::Sha256::new(),
            count: 0,
        }
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, u64>) -> Result<(), ShareError> {
    let entries = fs::read_dir(dir).map_err(|e| ShareError::io("read", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| ShareError::io("read", dir, e))?;
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).map_err(|e| ShareError::io("read", &path, e))?;
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if meta.file_type().is_symlink() {
            return Err(ShareError::Unsafe {
                path: root.to_path_buf(),
                entry: rel,
                reason: "is a symbolic link, which Dossier never follows".into(),
            });
        }
        if meta.is_dir() {
            walk(root, &path, files)?;
        } else if meta.is_file() {
            files.insert(rel, meta.len());
        }
    }
    Ok(())
}

/// Checks a package against its manifest: every listed file present with the same SHA-256
/// and size, and nothing in the package that the manifest does not list.
pub fn verify_package(path: &Path) -> Result<PackageReport, ShareError> {
    let mut reader = PackageReader::open(path, MAX_UNPACKED)?;
    let manifest = reader.manifest()?;
    let mut problems = Vec::new();
    let mut listed = BTreeSet::new();
    let mut files_checked = 0;
    let mut bytes_checked = 0;
    for f in &manifest.files {
        if !is_safe_relative(&f.path) {
            problems.push(format!(
                "{}: the manifest names a path outside the package; it was not read",
                f.path
            ));
            continue;
        }
        if !listed.insert(f.path.clone()) {
            problems.push(format!("{}: listed twice in the manifest", f.path));
            continue;
        }
        match reader.copy_to(&f.path, f.size.saturating_add(1), &mut io::sink())? {
            None => problems.push(format!(
                "{}: missing (the manifest lists it with SHA-256 {})",
                f.path, f.sha256
            )),
            Some((sha, size)) => {
                files_checked += 1;
                bytes_checked += size;
                if size != f.size {
                    problems.push(format!(
                        "{}: size differs: expected {} bytes, found {}{}",
                        f.path,
                        f.size,
                        size,
                        if size > f.size { " or more" } else { "" }
                    ));
                } else if sha != f.sha256 {
                    problems.push(format!(
                        "{}: changed: expected SHA-256 {}, found {}",
                        f.path, f.sha256, sha
                    ));
                }
            }
        }
    }
    problems.extend(manifest.signature_problem());
    for name in reader.files().keys() {
        if name != MANIFEST_FILE && !listed.contains(name) {
            problems.push(format!(
                "{name}: not listed in the manifest (added after the package was made?)"
            ));
        }
    }
    Ok(PackageReport {
        manifest,
        problems,
        files_checked,
        bytes_checked,
    })
}
