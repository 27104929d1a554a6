//! The record files of a catalogue: listed, read, opened and parsed on every core.
//!
//! An encrypted catalogue is listed, and its first record files read, while the
//! passphrase's key derivation runs (Argon2id keeps one core busy for about 0.3 s and
//! needs nothing from the disk): the other cores do what needs no key. What was read in
//! that window is opened and parsed with the rest once the key is there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::folder::Folder;

use crate::durable::hash_bytes;
use crate::durable::stat::FileStat;
use crate::durable::vault::Vault;
use crate::model::{Record, RecordId, Sha256};
use crate::store::layout::{RECORDS_DIR, TRASH_DIR};
use crate::store::{Problem, StoreError};

/// A record file's bytes and stat, read while the key was being derived.
type ReadAhead = io::Result<(Vec<u8>, FileStat)>;

/// One record file: the id its name gives, whether in the trash folder, its folder and
/// its name (only when it is not `<id>.json` as Dossier writes it), and its bytes when
/// they were read ahead. Its path is made only when it is needed: a warm opening takes
/// most records from the snapshot and never needs it (making 100,000 paths kept the
/// listing thread busier than reading the snapshot).
pub(super) struct RecordFile {
    /// The id in the file's name (`<id>.json`), when it is one.
    pub id: Option<RecordId>,
    pub in_trash: bool,
    /// Its folder, open: its stat is taken through it (one lookup in the folder, not the
    /// whole path again).
    folder: Arc<Folder>,
    /// Its name, when it is not `<id>.json` as Dossier writes it (a rare file).
    odd_name: Option<Box<std::ffi::OsStr>>,
    /// Boxed, as `known` is: few files have either, and every file is moved twice while
    /// opening (at a million files, 200 MB less to copy into fresh pages than with the
    /// bytes inline).
    early: Option<Box<ReadAhead>>,
    /// The hash of the content the snapshot holds for this file: when the file still
    /// hashes to it, it is not parsed again.
    pub known: Option<Box<Sha256>>,
}

/// The record files of both folders (records first, then the trash, each sorted), and
/// the leftover temp files found among them.
pub(super) struct Listing {
    pub files: Vec<RecordFile>,
    temps: Vec<PathBuf>,
    /// Copies of record files a sync tool made when two desktops changed one
    /// (Syncthing's `<id>.sync-conflict-<when>-<device>.json`).
    pub conflict_copies: Vec<PathBuf>,
    /// Each file's stat (`None` where it could not be taken), when taken ahead: while the
    /// snapshot's head is still being read (`stat_all`).
    pub stats: Option<Vec<Option<FileStat>>>,
}

impl RecordFile {
    /// Where the file is.
    pub fn path(&self) -> PathBuf {
        self.folder.path_of(self.id, self.odd_name.as_deref())
    }

    /// The file's stat now (not following a link).
    pub fn stat(&self) -> io::Result<FileStat> {
        self.folder.stat(self.id, self.odd_name.as_deref())
    }
}

impl Listing {
    /// Lists the catalogue at `root`.
    pub fn of(root: &Path) -> Result<Listing, StoreError> {
        let mut files = Vec::new();
        let mut temps = Vec::new();
        let mut conflict_copies = Vec::new();
        for (dir, in_trash) in [(RECORDS_DIR, false), (TRASH_DIR, true)] {
            let path = root.join(dir);
            let names = super::folder::read(&path).map_err(|e| StoreError::io("read", &path, e))?;
            temps.extend(names.temps);
            conflict_copies.extend(names.copies);
            let folder = names.folder;
            files.extend(names.files.into_iter().map(|(id, odd_name)| RecordFile {
                id,
                in_trash,
                folder: folder.clone(),
                odd_name,
                early: None,
                known: None,
            }));
        }
        Ok(Listing {
            files,
            temps,
            conflict_copies,
            stats: None,
        })
    }

    /// Takes every file's stat now, on every core: an opening with a snapshot compares
    /// them with its stats, and at a million files they take more than a second that
    /// would otherwise wait for the snapshot's head to be read.
    pub fn stat_all(&mut self) {
        let files = &self.files;
        let stats = crate::parallel::ranges(files.len(), 4096, |range| {
            range.map(|i| files[i].stat().ok()).collect::<Vec<_>>()
        });
        self.stats = Some(stats.into_iter().flatten().collect());
    }

    /// Lists the catalogue at `root` and reads record files in order until `stop` is
    /// set (the key is ready): their bytes are kept for [`read_record_files`].
    pub fn read_ahead(root: &Path, stop: &AtomicBool) -> Result<Listing, StoreError> {
        let mut listing = Listing::of(root)?;
        for file in &mut listing.files {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            file.early = Some(Box::new(crate::durable::stat::read_with_stat(&file.path())));
        }
        Ok(listing)
    }

    /// Removes the temp files that interrupted saves left (only when the catalogue is
    /// ours to write).
    pub fn remove_temps(&self) {
        for temp in &self.temps {
            let _ = fs::remove_file(temp);
        }
    }
}

/// What reading a record file gave: its record, or `None` when its bytes hash to the
/// content the snapshot holds (`RecordFile::known`); the SHA-256 of its plain bytes; and
/// the stat of what was read.
pub(super) type ReadRecord = Result<(Option<Record>, Sha256, Option<FileStat>), Problem>;

/// Reads (unless read ahead), opens, parses and hashes record files on every core;
/// results in the order of `files`, handed out a piece at a time and each piece freed
/// once taken (at 100,000 records a second array of them would cost another 80 MB at the
/// peak).
pub(super) fn read_record_files<'a>(
    files: &'a [RecordFile],
    vault: &Vault,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> impl Iterator<Item = ReadRecord> + 'a {
    // Small pieces handed out in turn keep every core busy to the end.
    const PIECE: usize = 256;
    let total = files.len();
    let report = |done: usize| {
        if let Some(report) = progress {
            report(done, total);
        }
    };
    crate::parallel::pieces(
        files,
        PIECE,
        |file| {
            let path = file.path();
            let plain = match file.early.as_deref() {
                Some(Ok((early, stat))) => vault.open_slice(&path, early).map(|b| (b, Some(*stat))),
                Some(Err(e)) => Err(io::Error::new(e.kind(), e.to_string())),
                None => vault.read_stat(&path).map(|(b, stat)| (b, Some(stat))),
            };
            read_record_file(&path, plain, file.known.as_deref())
        },
        &report,
    )
    .into_iter()
    .flatten()
}

/// The one record file at `path`, read now (with its stat) and parsed unless it hashes
/// to `known`: for an opening that reads a few files, or one whose snapshot copy failed.
pub(super) fn read_one_file(vault: &Vault, path: &Path, known: Option<&Sha256>) -> ReadRecord {
    let read = vault
        .read_stat(path)
        .map(|(bytes, stat)| (bytes, Some(stat)));
    read_record_file(path, read, known)
}

/// A record file's record (unless it is the known content), the SHA-256 of its plain
/// bytes, and the stat of what was read.
fn read_record_file(
    path: &Path,
    plain: io::Result<(Vec<u8>, Option<FileStat>)>,
    known: Option<&Sha256>,
) -> ReadRecord {
    let (bytes, stat) = plain.map_err(|e| Problem {
        path: path.to_path_buf(),
        line: None,
        reason: format!("cannot be read: {}", crate::durable::describe_io(&e)),
    })?;
    let sha = hash_bytes(&bytes);
    if known == Some(&sha) {
        return Ok((None, sha, stat));
    }
    let record = Record::from_json(&bytes).map_err(|p| Problem {
        path: path.to_path_buf(),
        line: (p.line > 0).then_some(p.line),
        reason: p.to_string(),
    })?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != record.id.to_string() {
        return Err(Problem {
            path: path.to_path_buf(),
            line: None,
            reason: format!(
                "the file is named {stem}.json but the record inside has id {}",
                record.id
            ),
        });
    }
    Ok((Some(record), sha, stat))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::durable::seal::CatalogueKey;
    use crate::model::RecordKind;

    #[test]
    fn records_read_ahead_or_not_come_back_the_same_and_temps_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let vault = Vault::sealed(root, CatalogueKey::from_bytes([5; 32]).keys("cat"));
        fs::create_dir_all(root.join(RECORDS_DIR)).unwrap();
        fs::create_dir_all(root.join(TRASH_DIR)).unwrap();
        let mut ids = Vec::new();
        for i in 0..5 {
            let r = Record::new(RecordKind::Report, format!("Report {i}"), "Anna");
            let path = root.join(RECORDS_DIR).join(format!("{}.json", r.id));
            vault.write_atomic(&path, r.to_json()).unwrap();
            ids.push(r.id);
        }
        // A file sealed under another name, and a save that never finished.
        let bad = root.join(RECORDS_DIR).join(format!("{}.json", ids[0]));
        fs::copy(
            root.join(RECORDS_DIR).join(format!("{}.json", ids[1])),
            &bad,
        )
        .unwrap();
        fs::write(
            crate::durable::temp_path(&root.join(RECORDS_DIR), "x"),
            b"half",
        )
        .unwrap();
        ids.sort();
        let results = |listing: &Listing| -> Vec<Result<String, String>> {
            read_record_files(&listing.files, &vault, None)
                .map(|r| r.map(|(rec, _, _)| rec.map(|r| r.id.to_string()).unwrap_or_default()))
                .map(|r| r.map_err(|p| p.reason))
                .collect()
        };
        let now = Listing::of(root).unwrap();
        let ahead = Listing::read_ahead(root, &AtomicBool::new(false)).unwrap();
        assert!(ahead.files.iter().all(|f| f.early.is_some()));
        let stopped = Listing::read_ahead(root, &AtomicBool::new(true)).unwrap();
        assert!(stopped.files.iter().all(|f| f.early.is_none()));
        let expected = results(&now);
        assert_eq!(expected.len(), 5);
        assert!(
            expected[0]
                .as_ref()
                .is_err_and(|e| e.contains("cannot be read"))
        );
        assert_eq!(expected[1], Ok(ids[1].to_string()));
        assert_eq!(results(&ahead), expected);
        assert_eq!(results(&stopped), expected);
        // Files read ahead keep their stat, so the next snapshot can vouch for them.
        let stats = |listing: &Listing| -> Vec<Option<FileStat>> {
            read_record_files(&listing.files, &vault, None)
                .map(|r| r.ok().and_then(|(_, _, stat)| stat))
                .collect()
        };
        assert_eq!(stats(&ahead), stats(&now));
        assert!(stats(&ahead)[1..].iter().all(Option::is_some));
        assert_eq!(now.temps.len(), 1);
        now.remove_temps();
        assert!(Listing::of(root).unwrap().temps.is_empty());
    }
}
