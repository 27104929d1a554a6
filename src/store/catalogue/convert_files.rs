//! The files of a conversion (see `convert.rs`), each rewritten from the `from` form to
//! the `to` form unless it is in the `to` form already: records, the trash, recipients,
//! views, originals (in `attachments/` and `recovered/`, under the name the `to` form
//! gives them) and the log.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::convert::Conversion;
use crate::audit::{AUDIT_FILE, AuditLog};
use crate::durable::seal::is_sealed;
use crate::durable::vault::{Original, Sink, Vault, sealed_error};
use crate::durable::{self, is_temp_name};
use crate::model::{Record, Sha256};
use crate::store::StoreError;
use crate::store::blobs::ATTACHMENTS_DIR;
use crate::store::layout::*;

impl Conversion {
    /// Records, the trash, recipients and views, each rewritten. Returns the originals
    /// the records refer to.
    pub(super) fn small_files(
        &self,
        progress: &mut dyn FnMut(&str, usize, usize),
    ) -> Result<HashSet<Sha256>, StoreError> {
        let mut files = Vec::new();
        for dir in [RECORDS_DIR, TRASH_DIR] {
            let json = |p: &PathBuf| p.extension().is_some_and(|e| e == "json");
            files.extend(list(&self.root.join(dir)).into_iter().filter(json));
        }
        for name in [RECIPIENTS_FILE, VIEWS_FILE] {
            let path = self.root.join(name);
            if path.is_file() {
                files.push(path);
            }
        }
        let mut shas = HashSet::new();
        for (i, path) in files.iter().enumerate() {
            progress("Records", i, files.len());
            let plain = self.rewrite_small(path)?;
            if let Ok(record) = Record::from_json(&plain) {
                shas.extend(record.attachments.into_iter().map(|a| a.sha256));
            }
        }
        progress("Records", files.len(), files.len());
        Ok(shas)
    }

    /// Rewrites one small file in the `to` form (unless it is already); its plain bytes.
    fn rewrite_small(&self, path: &Path) -> Result<Vec<u8>, StoreError> {
        let failed = |e| StoreError::io("convert", path, e);
        let bytes = fs::read(path).map_err(failed)?;
        if let Some(plain) = in_form(&self.to, path, &bytes) {
            return Ok(plain);
        }
        let plain = self.from.open(path, bytes).map_err(failed)?;
        self.to
            .write_atomic(path, plain.clone())
            .map_err(|e| StoreError::io("save", path, e))?;
        Ok(plain)
    }

    /// The originals the log knows, read in whichever form the log is in.
    pub(super) fn logged_originals(&self) -> HashSet<Sha256> {
        [&self.from, &self.to]
            .into_iter()
            .filter_map(|v| AuditLog::load(v, false).ok())
            .map(|(log, _)| log.known_attachments())
            .max_by_key(HashSet::len)
            .unwrap_or_default()
    }

    /// Originals in `attachments/` and `recovered/`, each in the `to` form under the
    /// `to` name; the old file is removed only once the new one is in place.
    pub(super) fn originals(
        &self,
        shas: &HashSet<Sha256>,
        progress: &mut dyn FnMut(&str, usize, usize),
    ) -> Result<(), StoreError> {
        let from_names: std::collections::HashMap<String, &Sha256> =
            shas.iter().map(|s| (self.from.stored_name(s), s)).collect();
        let to_names: HashSet<String> = shas.iter().map(|s| self.to.stored_name(s)).collect();
        for dir in [ATTACHMENTS_DIR, RECOVERED_DIR] {
            let dir = self.root.join(dir);
            let files = list(&dir);
            for (i, path) in files.iter().enumerate() {
                progress("Originals", i, files.len());
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                if to_names.contains(&name) {
                    continue;
                }
                match from_names.get(&name) {
                    Some(sha) => self.move_known(&dir, path, sha)?,
                    None => self.move_unknown(&dir, path)?,
                }
            }
            progress("Originals", files.len(), files.len());
        }
        Ok(())
    }

    /// A known original: copied to its `to` name (its bytes checked against its hash
    /// before it is put in place), then the old file removed.
    fn move_known(&self, dir: &Path, from: &Path, sha: &Sha256) -> Result<(), StoreError> {
        let to = dir.join(self.to.stored_name(sha));
        if !to.exists() {
            let tmp = self.copy(from, dir)?;
            if tmp.1 != *sha {
                durable::discard(&tmp.0);
                return Err(changed(from, sha, &tmp.1));
            }
            place(&tmp.0, &to)?;
        }
        durable::remove_durable(from).map_err(|e| StoreError::io("delete", from, e))
    }

    /// An original nothing knows (set aside in `recovered/`, or left by an import that
    /// never finished): converted when it is in the `from` form, named by its hash.
    fn move_unknown(&self, dir: &Path, from: &Path) -> Result<(), StoreError> {
        let sealed = starts_sealed(from);
        if sealed && self.to.is_sealed() && opens_with(&self.to, from) {
            return Ok(());
        }
        if sealed != self.from.is_sealed() {
            // Neither form: not a file this conversion can read; left as it is.
            return Ok(());
        }
        // One that does not open (another catalogue's, damaged) is left as it is.
        let Ok((tmp, sha)) = self.copy(from, dir) else {
            return Ok(());
        };
        let to = dir.join(self.to.stored_name(&sha));
        match to.exists() {
            true => durable::discard(&tmp),
            false => place(&tmp, &to)?,
        }
        durable::remove_durable(from).map_err(|e| StoreError::io("delete", from, e))
    }

    /// Copies `from` (read in the `from` form) into a new temp file in `dir` (written in
    /// the `to` form); the temp file and the plain bytes' SHA-256.
    fn copy(&self, from: &Path, dir: &Path) -> Result<(PathBuf, Sha256), StoreError> {
        let failed = |e| StoreError::io("convert", from, e);
        let file = durable::open_regular_file(from)
            .map_err(failed)?
            .ok_or_else(|| failed(io::Error::other("it is not a plain file")))?;
        let mut input: Original = self.from.original_reader(file).map_err(failed)?;
        let (tmp, out) = durable::create_temp(dir, "converting").map_err(failed)?;
        let writer: io::Result<Box<dyn Sink>> = self.to.original_writer(out);
        let copied = writer.map_err(failed).and_then(|w| {
            durable::copy_hashed(&mut input, w, 0, &mut |_| {}).map_err(|e| match e {
                durable::CopyError::Read(e) => failed(e),
                durable::CopyError::Write(e) => StoreError::io("write", &tmp, e),
                durable::CopyError::Hasher => failed(io::Error::other("hashing failed")),
            })
        });
        match copied {
            Ok((sha, _, _)) => Ok((tmp, sha)),
            Err(e) => {
                durable::discard(&tmp);
                Err(e)
            }
        }
    }

    /// The log rewritten in the `to` form, in one atomic write.
    pub(super) fn log(&self) -> Result<(), StoreError> {
        let path = self.root.join(AUDIT_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::io("read", &path, e)),
        };
        let failed = |e| StoreError::io("convert", &path, e);
        let mut out = Vec::with_capacity(bytes.len() * 2);
        let mut changed = false;
        // Only whole lines: a torn last one is what opening would cut off anyway.
        for line in bytes
            .split_inclusive(|&b| b == b'\n')
            .filter(|l| l.ends_with(b"\n"))
        {
            let line = &line[..line.len() - 1];
            if self.to.open_line(&path, line).is_ok() && line_in_form(&self.to, line) {
                out.extend_from_slice(line);
            } else {
                changed = true;
                let plain = self
                    .from
                    .open_line(&path, line)
                    .map_err(|e| failed(sealed_error(e)))?;
                let text = match self.to.is_sealed() {
                    true => String::from_utf8_lossy(&plain).into_owned(),
                    false => unsigned(&plain),
                };
                out.extend_from_slice(self.to.seal_line(&path, &text).map_err(failed)?.as_bytes());
            }
            out.push(b'\n');
        }
        if !changed {
            return Ok(());
        }
        durable::write_atomic(&path, &out).map_err(|e| StoreError::io("save", &path, e))
    }
}

/// An entry's line without its signature: a plain log carries none (no key to check them
/// with, and a later encryption signs with a new key). The signature is not part of the
/// entry's hash, so the chain is unchanged.
fn unsigned(line: &[u8]) -> String {
    match serde_json::from_slice::<crate::audit::AuditEntry>(line) {
        Ok(mut entry) if entry.sig.is_some() => {
            entry.sig = None;
            entry.to_line().trim_end().to_string()
        }
        _ => String::from_utf8_lossy(line).into_owned(),
    }
}

/// The plain bytes of a small file already in `vault`'s form, or `None`.
fn in_form(vault: &Vault, path: &Path, bytes: &[u8]) -> Option<Vec<u8>> {
    match (vault.is_sealed(), is_sealed(bytes)) {
        (true, true) => vault.open(path, bytes.to_vec()).ok(),
        (false, false) => Some(bytes.to_vec()),
        _ => None,
    }
}

/// Whether a log line is in `vault`'s form: a plain entry is JSON, a sealed one base64.
fn line_in_form(vault: &Vault, line: &[u8]) -> bool {
    vault.is_sealed() != (line.first() == Some(&b'{'))
}

/// Puts a converted original in place, read-only.
fn place(tmp: &Path, to: &Path) -> Result<(), StoreError> {
    durable::place_read_only(tmp, to).map_err(|e| StoreError::io("store", to, e))
}

/// The files of a folder (temp files left by a crash removed), sorted.
fn list(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temp_name(&name) {
            let _ = fs::remove_file(entry.path());
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            files.push(entry.path());
        }
    }
    files.sort();
    files
}

/// Whether a stored original starts as a file sealed in chunks does.
fn starts_sealed(path: &Path) -> bool {
    let mut head = [0u8; 4];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == crate::durable::chunks::CHUNKED_MAGIC)
}

/// Whether the first chunk of a sealed original opens under `vault`'s key.
fn opens_with(vault: &Vault, path: &Path) -> bool {
    let Ok(Some(file)) = durable::open_regular_file(path) else {
        return false;
    };
    let mut one = [0u8; 1];
    vault
        .original_reader(file)
        .and_then(|mut r| r.read(&mut one))
        .is_ok()
}

fn changed(path: &Path, expected: &Sha256, found: &Sha256) -> StoreError {
    StoreError::ConvertingFailed {
        path: path.to_path_buf(),
        reason: format!(
            "its bytes hash to {found}, not to {expected} as the catalogue says: it changed on disk. Run `dossier verify` and deal with it first; the files not yet converted were left as they are."
        ),
    }
}
