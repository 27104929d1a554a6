//! The snapshot in `cache/`: the parsed catalogue, its log's mark and its search index in
//! a compact binary form (`model::binary`), so that opening 100,000 records reads one file
//! instead of parsing 100,000.
//!
//! It is never trusted over the files: opening compares every record file's stat with the
//! one the snapshot holds (a file changed in the same clock tick as it was read never
//! vouches for itself, see `durable::stat`), hashes and parses again whatever differs,
//! resumes the log from the mark only when the log still ends there, and reads everything
//! as before when the snapshot is missing, damaged, cut short, from another version or of
//! another catalogue. Its bytes are authenticated: sealed with the catalogue's key in an
//! encrypted catalogue (like every other file), and for a plain one signed with a key kept
//! outside the catalogue, in the user's data folder (`snapshot.key`), so a snapshot put in
//! place by someone else is refused, never believed. Each computer keeps its own, named
//! after its key. Written without fsync through a temp file and a rename: a crash leaves
//! the old one or none.

mod body;
mod settled;

use std::io;
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use uuid::Uuid;

pub use body::{Decoded, Encoded, OutsideMark, SnapFile, Snapshot, SnapshotHead};
pub use settled::Settled;

use crate::durable::vault::Vault;
use crate::memory::FileBytes;
use crate::store::layout::CACHE_DIR;

/// The snapshot's format; a snapshot of another is rebuilt.
pub const SNAPSHOT_VERSION: u32 = 5;

/// The oldest format still read: 4 differs only in not keeping the log's last append, and
/// a million records take a minute and a half to read again from their files.
const OLDEST_READ: u32 = 4;

/// The key file in the user's data folder.
pub const KEY_FILE: &str = "snapshot.key";

const MAGIC: &[u8; 16] = b"DOSSIER-SNAPSHOT";
const PLAIN: u8 = 0;
const SEALED: u8 = 1;
const TAG_LEN: usize = 32;

/// The key that signs plain catalogues' snapshots on this computer, for this user.
#[derive(Clone)]
pub struct SnapshotKey([u8; 32]);

impl std::fmt::Debug for SnapshotKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SnapshotKey(..)")
    }
}

impl SnapshotKey {
    /// A key of these bytes (tests).
    pub fn from_bytes(bytes: [u8; 32]) -> SnapshotKey {
        SnapshotKey(bytes)
    }

    /// The key kept in `dir` (the user's data folder), made the first time.
    pub fn in_folder(dir: &Path) -> io::Result<SnapshotKey> {
        let path = dir.join(KEY_FILE);
        if let Ok(bytes) = std::fs::read(&path)
            && let Ok(key) = <[u8; 32]>::try_from(bytes.as_slice())
        {
            return Ok(SnapshotKey(key));
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| io::Error::other(e.to_string()))?;
        std::fs::create_dir_all(dir)?;
        crate::durable::write_private(&path, &key)?;
        Ok(SnapshotKey(key))
    }

    fn mac(&self) -> Hmac<sha2::Sha256> {
        <Hmac<sha2::Sha256>>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"))
    }

    /// The tag of `bytes`: the keyed BLAKE3 hash of each 8 MiB piece (with its place),
    /// computed on every core, then the keyed hash of the length and their tags. BLAKE3
    /// keyed is a MAC as HMAC-SHA-256 is, and here 4.6 times as fast (12.7 against 58 ms
    /// for 70 MiB on one core): the snapshot and its index are checked on every opening.
    fn tag(&self, bytes: &[u8]) -> [u8; TAG_LEN] {
        const PIECE: usize = 8 << 20;
        let pieces = bytes.len().div_ceil(PIECE);
        let tags: Vec<[u8; 32]> = crate::parallel::ranges(pieces, 2, |range| {
            range
                .map(|i| {
                    let mut mac = blake3::Hasher::new_keyed(&self.0);
                    mac.update(&(i as u64).to_le_bytes());
                    mac.update(&bytes[i * PIECE..((i + 1) * PIECE).min(bytes.len())]);
                    *mac.finalize().as_bytes()
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        let mut mac = blake3::Hasher::new_keyed(&self.0);
        mac.update(&(bytes.len() as u64).to_le_bytes());
        for t in &tags {
            mac.update(t);
        }
        *mac.finalize().as_bytes()
    }

    /// True when `tag` is the tag of `bytes` (compared in constant time).
    fn verify(&self, bytes: &[u8], tag: &[u8]) -> bool {
        let mine = self.tag(bytes);
        mine.len() == tag.len() && mine.iter().zip(tag).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
    }

    /// The file name this key's snapshots have: one per computer and user.
    fn file_name(&self) -> String {
        let mut mac = self.mac();
        mac.update(b"dossier snapshot name");
        let tag = mac.finalize().into_bytes();
        let hex: String = tag[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("snapshot-{hex}.bin")
    }
}

/// Whether an opening that read `reread` of `total` record files again should write a
/// new snapshot: when it read a few dozen, or an eighth of the catalogue (a small one is
/// cheap either way, and a few files read again cost less than 100,000 written).
pub fn worth_writing(reread: usize, total: usize) -> bool {
    reread >= 64 || reread * 8 >= total
}

/// Why a snapshot was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unused {
    /// There is none yet (nothing to say).
    Missing,
    /// It is there but cannot be used; it is rebuilt. In words.
    Refused(String),
}

/// Where the snapshot of the catalogue at `vault`'s root is kept: sealed ones under one
/// name, plain ones under their key's; none for a plain catalogue without a key.
pub fn path(vault: &Vault, key: Option<&SnapshotKey>) -> Option<PathBuf> {
    let dir = vault.root().join(CACHE_DIR);
    match (vault.is_sealed(), key) {
        (true, _) => Some(dir.join("snapshot.bin")),
        (false, Some(key)) => Some(dir.join(key.file_name())),
        (false, None) => None,
    }
}

/// Removes every snapshot of the catalogue at `root` (every computer's): when it is
/// encrypted, decrypted or its key changes, what they hold is in the wrong form.
pub fn remove_all(root: &Path) {
    let dir = root.join(CACHE_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with("snapshot")
            && [".bin", ".index", ".history"]
                .iter()
                .any(|e| name.ends_with(e));
        if ours || crate::durable::is_temp_name(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn header(kind: u8, version: u32) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(&version.to_le_bytes());
    h.push(kind);
    h
}

/// Writes the catalogue's snapshot, sealed or signed: `head` and the records of `parts`
/// (in the order `head.files` lists them) in one file, the index in another beside it
/// (read only by what searches), the two tied by a random generation.
pub fn write(
    vault: &Vault,
    key: Option<&SnapshotKey>,
    head: &SnapshotHead,
    parts: &[&[crate::model::Record]],
    index: &crate::search::SearchIndex,
) -> io::Result<()> {
    let Some(path) = path(vault, key) else {
        return Ok(());
    };
    let mut generation = [0u8; 16];
    getrandom::fill(&mut generation).map_err(|e| io::Error::other(e.to_string()))?;
    // The index first: a snapshot never names an index file that is not there yet.
    let index_path = path.with_extension("index");
    let index_bytes = body::encode_index(index, generation);
    let index_bytes = frame(vault, key, &index_path, (index_bytes, SNAPSHOT_VERSION))?;
    crate::durable::write_cache(&index_path, &index_bytes)?;
    let body = body::encode(head, parts, generation);
    let bytes = frame(vault, key, &path, (body, SNAPSHOT_VERSION))?;
    crate::durable::write_cache(&path, &bytes)
}

/// `body` as it is stored at `path`: after the header, sealed, or followed by its tag.
fn frame(
    vault: &Vault,
    key: Option<&SnapshotKey>,
    path: &Path,
    (body, version): (Vec<u8>, u32),
) -> io::Result<Vec<u8>> {
    match (vault.is_sealed(), key) {
        (true, _) => {
            let mut bytes = header(SEALED, version);
            bytes.extend_from_slice(&vault.seal(path, body)?);
            Ok(bytes)
        }
        (false, Some(key)) => {
            let mut bytes = header(PLAIN, version);
            bytes.extend_from_slice(&body);
            let tag = key.tag(&bytes);
            bytes.extend_from_slice(&tag);
            Ok(bytes)
        }
        (false, None) => Err(io::Error::other("a plain catalogue's snapshot needs a key")),
    }
}

/// The search index written with the snapshot of `generation`, when it is there whole,
/// authentic and of that snapshot.
pub fn read_index(
    vault: &Vault,
    key: Option<&SnapshotKey>,
    generation: [u8; 16],
) -> Option<crate::search::SearchIndex> {
    let (found, index) = read_any_index(vault, key)?;
    (found == generation).then_some(index)
}

/// The index file in `cache/`, whole and authentic, with the generation of the snapshot it
/// goes with (for an opening that reads it before it knows which it needs).
pub fn read_any_index(
    vault: &Vault,
    key: Option<&SnapshotKey>,
) -> Option<([u8; 16], crate::search::SearchIndex)> {
    let path = path(vault, key)?.with_extension("index");
    let bytes = FileBytes::read(&path).ok()?;
    let (bytes, body, _) = unframe(vault, key, &path, bytes).ok()?;
    body::decode_index(bytes, body).ok()
}

/// Keeps the log's record index (`RecordIndex::to_bytes`) beside the snapshot, framed as
/// the snapshot is: sealed, or signed with `key`.
pub fn write_history(vault: &Vault, key: Option<&SnapshotKey>, bytes: Vec<u8>) -> io::Result<()> {
    let Some(path) = path(vault, key).map(|p| p.with_extension("history")) else {
        return Ok(());
    };
    let bytes = frame(vault, key, &path, (bytes, SNAPSHOT_VERSION))?;
    crate::durable::write_cache(&path, &bytes)
}

/// The record index kept beside the snapshot, when it is there whole and authentic.
pub fn read_history(vault: &Vault, key: Option<&SnapshotKey>) -> Option<Vec<u8>> {
    let path = path(vault, key)?.with_extension("history");
    let bytes = FileBytes::read(&path).ok()?;
    let (bytes, body, _) = unframe(vault, key, &path, bytes).ok()?;
    Some(bytes[body].to_vec())
}

/// Keeps the log's record index of catalogue `catalogue` beside its snapshot (see
/// `audit::IndexKeeper`): none where no snapshot can be kept (a plain catalogue
/// without a key).
pub fn history_keeper(
    vault: &Vault,
    key: Option<&SnapshotKey>,
    catalogue: Uuid,
) -> Option<std::sync::Arc<dyn crate::audit::IndexKeeper>> {
    path(vault, key)?;
    Some(std::sync::Arc::new(HistoryKeeper {
        vault: vault.clone(),
        key: key.cloned(),
        catalogue,
    }))
}

/// The record index kept in `cache/`, framed as the snapshot is.
struct HistoryKeeper {
    vault: Vault,
    key: Option<SnapshotKey>,
    catalogue: Uuid,
}

impl std::fmt::Debug for HistoryKeeper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HistoryKeeper({})", self.catalogue)
    }
}

impl crate::audit::IndexKeeper for HistoryKeeper {
    fn load(&self) -> Option<crate::audit::RecordIndex> {
        let bytes = read_history(&self.vault, self.key.as_ref())?;
        crate::audit::RecordIndex::from_bytes(&bytes, self.catalogue).ok()
    }

    fn keep(&self, index: &crate::audit::RecordIndex) {
        // A cache: when it cannot be written, the next opening reads the logs again.
        let _ = write_history(
            &self.vault,
            self.key.as_ref(),
            index.to_bytes(self.catalogue),
        );
    }
}

/// Reads the catalogue's snapshot, when there is one it can use: whole, authentic, of this
/// version and of the catalogue `catalogue`.
pub fn read(vault: &Vault, key: Option<&SnapshotKey>, catalogue: Uuid) -> Result<Snapshot, Unused> {
    let Some(path) = path(vault, key) else {
        return Err(Unused::Missing);
    };
    let bytes = match FileBytes::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unused::Missing),
        Err(e) => return Err(Unused::Refused(crate::durable::describe_io(&e))),
    };
    let (bytes, body, version) = unframe(vault, key, &path, bytes)?;
    let snap =
        Snapshot::from_bytes(bytes, body, version).map_err(|e| Unused::Refused(e.to_string()))?;
    if snap.head.catalogue != catalogue {
        return Err(Unused::Refused("it is another catalogue's".into()));
    }
    Ok(snap)
}

/// The body of a snapshot file's `bytes`, checked: its header, then its seal or its tag.
/// Given back with the bytes it lies in (opened, when sealed) and its format.
fn unframe(
    vault: &Vault,
    key: Option<&SnapshotKey>,
    path: &Path,
    bytes: FileBytes,
) -> Result<(FileBytes, std::ops::Range<usize>, u32), Unused> {
    let refused = |why: &str| Unused::Refused(why.to_string());
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| refused("it is not a Dossier snapshot"))?;
    if rest.len() < 5 {
        return Err(refused("it is cut short"));
    }
    let version = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
    if !(OLDEST_READ..=SNAPSHOT_VERSION).contains(&version) {
        return Err(Unused::Refused(format!(
            "it was written by another version of Dossier (snapshot format {version}, this one reads {OLDEST_READ} to {SNAPSHOT_VERSION})"
        )));
    }
    let header_len = MAGIC.len() + 5;
    match (rest[4], vault.is_sealed(), key) {
        (SEALED, true, _) => vault
            .open_slice(path, &bytes[header_len..])
            .map(|plain| {
                let len = plain.len();
                (FileBytes::from(plain), 0..len, version)
            })
            .map_err(|_| {
                refused(
                    "it does not open with this catalogue's key (damaged, or not this catalogue's)",
                )
            }),
        (PLAIN, false, Some(key)) => {
            if bytes.len() < header_len + TAG_LEN {
                return Err(refused("it is cut short"));
            }
            let (signed, tag) = bytes.split_at(bytes.len() - TAG_LEN);
            if !key.verify(signed, tag) {
                return Err(refused(
                    "its signature does not match (damaged, cut short, or not made on this computer)",
                ));
            }
            let end = bytes.len() - TAG_LEN;
            Ok((bytes, header_len..end, version))
        }
        _ => Err(refused("it is sealed differently from the catalogue")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{ChainHead, LastAppend, LogMark, OtherLogMark};

    fn head(catalogue: Uuid) -> SnapshotHead {
        let own = OtherLogMark {
            file: crate::audit::AUDIT_FILE.into(),
            len: 0,
            last_line: Vec::new(),
        };
        let log = LogMark {
            own,
            head: ChainHead {
                entries: 0,
                hash: crate::audit::genesis(),
            },
            clocked: false,
            max_clock: 0,
            last_mark: None,
            started: None,
            last_verified: None,
            others: Vec::new(),
        };
        SnapshotHead {
            catalogue,
            log,
            attachments: None,
            states: Default::default(),
            outside: Vec::new(),
            files: Vec::new(),
            recipients: Vec::new(),
            last_append: Some(LastAppend {
                start: 7,
                versions: Default::default(),
            }),
        }
    }

    #[test]
    fn a_snapshot_of_format_4_is_read_without_its_last_append_and_older_ones_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(CACHE_DIR)).unwrap();
        let vault = Vault::plain(dir.path());
        let key = SnapshotKey::from_bytes([3; 32]);
        let catalogue = Uuid::now_v7();
        let head = head(catalogue);
        let file = path(&vault, Some(&key)).unwrap();
        let write_as = |version: u32| {
            let body = body::encode_as(&head, &[], [0; 16], version);
            let bytes = frame(&vault, Some(&key), &file, (body, version)).unwrap();
            std::fs::write(&file, bytes).unwrap();
        };
        for (version, kept) in [(4, None), (5, head.last_append.clone())] {
            write_as(version);
            let snap = read(&vault, Some(&key), catalogue).unwrap();
            assert_eq!(snap.head.last_append, kept, "format {version}");
        }
        write_as(3);
        match read(&vault, Some(&key), catalogue) {
            Err(Unused::Refused(why)) => assert!(why.contains("another version"), "{why}"),
            other => panic!("format 3 was not refused: {other:?}"),
        }
    }
}
