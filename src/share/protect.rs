//! A package sealed for its recipient: the package's zip inside a zip encrypted with
//! AES-256 (the WinZip AES format, which 7-Zip, WinZip and Dossier open) under a
//! passphrase given out of band. The outer zip holds one entry, `package.zip`, so the
//! names of the files inside are hidden too (a zip's own listing is never encrypted).
//!
//! Why this and not age: age also takes a recipient's public key, but the `age` crate
//! brings about 90 packages of an older generation of the crypto crates, and a recipient
//! would need age installed; an AES zip opens on any office desktop with 7-Zip, and the
//! `zip` crate Dossier already uses writes it with a handful of crates of the same
//! generation as ours. Its key derivation is weak (PBKDF2, 1,000 rounds, fixed by the
//! format), so the passphrase is made by Dossier: 20 random letters and digits (100 bits).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::ShareError;

/// The one entry of a protected package.
pub const INNER: &str = "package.zip";

/// The fewest characters a package passphrase chosen by a person may have.
pub const MIN_PACKAGE_PASSPHRASE: usize = 16;

/// The passphrase a package is encrypted under (never printed by `Debug`).
#[derive(Clone)]
pub struct PackagePassphrase(pub Zeroizing<String>);

impl std::fmt::Debug for PackagePassphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PackagePassphrase(..)")
    }
}

/// A strong passphrase for a package: 20 letters and digits (Crockford base32, 100 bits)
/// in groups of four.
pub fn new_package_passphrase() -> Result<Zeroizing<String>, ShareError> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = Zeroizing::new([0u8; 20]);
    crate::durable::seal::random_bytes(bytes.as_mut()).map_err(|e| {
        ShareError::io(
            "create",
            Path::new(INNER),
            crate::durable::vault::sealed_error(e),
        )
    })?;
    let mut out = Zeroizing::new(String::with_capacity(24));
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[usize::from(b & 31)] as char);
    }
    Ok(out)
}

/// Writes the finished package zip `inner` as the one encrypted entry of a new zip at
/// `out` (fsynced).
pub(super) fn seal_package(inner: &Path, out: &Path, passphrase: &str) -> Result<(), ShareError> {
    let failed = |e: io::Error| ShareError::io("write", out, e);
    let file = File::options()
        .write(true)
        .create_new(true)
        .open(out)
        .map_err(failed)?;
    let mut zip = zip::ZipWriter::new(BufWriter::new(file));
    // Stored: the package inside is compressed already.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true)
        .with_aes_encryption(zip::AesMode::Aes256, passphrase);
    zip.start_file(INNER, options)
        .map_err(|e| failed(io::Error::other(e)))?;
    let mut input =
        BufReader::new(File::open(inner).map_err(|e| ShareError::io("read", inner, e))?);
    io::copy(&mut input, &mut zip).map_err(failed)?;
    let writer = zip.finish().map_err(|e| failed(io::Error::other(e)))?;
    let file = writer.into_inner().map_err(|e| failed(e.into_error()))?;
    file.sync_all().map_err(failed)
}

/// Whether the package at `path` is a protected one: a zip whose only entry is an
/// encrypted `package.zip`.
pub fn is_protected(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return false;
    };
    zip.len() == 1
        && zip
            .by_index_raw(0)
            .is_ok_and(|f| f.name().is_ok_and(|n| n == INNER) && f.encrypted())
}

/// The package inside a protected one, decrypted into a private temp file that is removed
/// when this is dropped.
pub struct Unprotected {
    path: PathBuf,
}

impl Unprotected {
    /// The decrypted package (a zip).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Unprotected {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Decrypts the protected package at `path` with `passphrase`. A wrong passphrase is
/// said plainly.
pub fn unprotect(path: &Path, passphrase: &str) -> Result<Unprotected, ShareError> {
    let not_package = |reason: String| ShareError::NotAPackage {
        path: path.to_path_buf(),
        reason,
    };
    let file = File::open(path).map_err(|e| ShareError::io("read", path, e))?;
    let mut zip =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|e| not_package(e.to_string()))?;
    let mut entry = match zip.by_name_decrypt(INNER, passphrase.as_bytes()) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::InvalidPassword) => {
            return Err(ShareError::WrongPackagePassphrase(path.to_path_buf()));
        }
        Err(e) => return Err(not_package(e.to_string())),
    };
    let (tmp, out) = crate::durable::create_temp(&std::env::temp_dir(), "dossier-package")
        .map_err(|e| ShareError::io("create", &std::env::temp_dir(), e))?;
    let unprotected = Unprotected { path: tmp };
    let mut out = BufWriter::new(out);
    let copied = io::copy(&mut entry, &mut out).and_then(|_| out.flush());
    match copied {
        Ok(()) => Ok(unprotected),
        // The tag at the end did not match: changed, or not the right passphrase.
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Err(not_package(format!(
            "the encrypted package does not open: it was changed or damaged ({e})"
        ))),
        Err(e) => Err(ShareError::io("write", unprotected.path(), e)),
    }
}

/// Reads a package passphrase a person chose (its first line), refusing a short one.
pub fn read_package_passphrase(file: &Path) -> Result<Zeroizing<String>, ShareError> {
    let mut text = Zeroizing::new(String::new());
    File::open(file)
        .and_then(|mut f| f.read_to_string(&mut text))
        .map_err(|e| ShareError::io("read", file, e))?;
    let line = Zeroizing::new(text.lines().next().unwrap_or("").to_string());
    if line.chars().count() < MIN_PACKAGE_PASSPHRASE {
        return Err(ShareError::ShortPackagePassphrase(MIN_PACKAGE_PASSPHRASE));
    }
    Ok(line)
}
