//! Receiving a package from another office: checked against its manifest, then either
//! opened as a separate, read-only catalogue, or merged into one with the labels it came
//! with. Received records start as drafts: they go out again only after review.
//!
//! Everything in a package is someone else's claim, so each file is read exactly once,
//! checked, and only the bytes checked are used: `records.json` is parsed as it streams
//! through its hash, and an attachment is accepted only when its bytes are in the package
//! and hash to what the manifest and the record say. Receiving is bounded: the number of
//! records, the size of `records.json`, and the free space on the catalogue's disk are
//! checked before anything is stored.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::de::{Deserializer, SeqAccess, Visitor};
use zeroize::Zeroizing;

use super::error::ShareError;
use super::manifest::{MANIFEST_FILE, Manifest, ManifestFile, RECORDS_FILE};
use super::read::{MAX_UNPACKED, PackageReader};
use super::record::PackageRecord;
use crate::durable::keyring::{KdfParams, RecoveryKey, Secret};
use crate::model::{Label, Sha256};
use crate::store::{Catalogue, OpenOptions, Received};

/// The most records one package may bring. Each becomes a file written and flushed on its
/// own, and all are held in memory while they are checked: a package made to exhaust
/// either is refused before anything is stored.
pub const MAX_RECORDS: usize = 50_000;

/// The most `records.json` may hold.
pub const MAX_RECORDS_JSON: u64 = 256 << 20;

/// Room left free on the catalogue's disk after receiving, on top of what it stores.
const DISK_MARGIN: u64 = 64 << 20;

/// What receiving did.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiveSummary {
    /// The catalogue the package was received into.
    pub catalogue: PathBuf,
    /// The package's id.
    pub package_id: String,
    /// Records added (as drafts in review).
    pub added: usize,
    /// Records whose id the catalogue already had (left as they were).
    pub already_present: usize,
    /// Attached files added.
    pub attachments: usize,
    /// Received attachments whose bytes the catalogue already held under a stricter label:
    /// they keep that label.
    pub kept_stricter_label: usize,
}

/// Where a package is received.
pub enum ReceiveInto {
    /// A new folder, which becomes a read-only catalogue of the package: encrypted under
    /// the passphrase (with the key derivation's cost), or plain when there is none.
    New(PathBuf, Option<(Zeroizing<String>, KdfParams)>),
    /// An existing catalogue the records are added to, opened with its secret when it is
    /// encrypted.
    Merge(PathBuf, Option<Secret>),
}

impl fmt::Debug for ReceiveInto {
    /// The folder and whether it is encrypted; never the passphrase.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiveInto::New(dest, seal) => {
                write!(f, "New({}, encrypted: {})", dest.display(), seal.is_some())
            }
            ReceiveInto::Merge(dest, _) => write!(f, "Merge({})", dest.display()),
        }
    }
}

impl ReceiveInto {
    /// The catalogue's folder.
    pub fn folder(&self) -> &Path {
        match self {
            ReceiveInto::New(dest, _) | ReceiveInto::Merge(dest, _) => dest,
        }
    }
}

/// Receives `package` into `dest`, plain: a new folder, which becomes a read-only
/// catalogue of the package, or (with `merge`) an existing plain catalogue the records are
/// added to. [`receive_into`] receives into encrypted catalogues too.
pub fn receive(
    package: &Path,
    dest: &Path,
    merge: bool,
    actor: &str,
) -> Result<ReceiveSummary, ShareError> {
    let into = match merge {
        true => ReceiveInto::Merge(dest.to_path_buf(), None),
        false => ReceiveInto::New(dest.to_path_buf(), None),
    };
    receive_into(package, into, actor).map(|(summary, _)| summary)
}

/// Receives `package` as `into` says; a new encrypted catalogue comes back with its
/// recovery key (to be shown once). The package is checked before anything is made: a
/// package that fails leaves no new folder behind.
pub fn receive_into(
    package: &Path,
    into: ReceiveInto,
    actor: &str,
) -> Result<(ReceiveSummary, Option<RecoveryKey>), ShareError> {
    let mut reader = PackageReader::open(package, MAX_UNPACKED)?;
    let manifest = reader.manifest()?;
    let listed = check_listing(package, &reader, &manifest)?;
    let records = read_records(package, &mut reader, &listed)?;
    let wanted = attachments_wanted(package, &records, &listed)?;
    let dest = into.folder().to_path_buf();
    let merge = matches!(into, ReceiveInto::Merge(..));
    let (mut cat, recovery) = destination(into, &manifest, actor)?;
    let result = store_and_add(
        package,
        &mut reader,
        &mut cat,
        &manifest,
        &listed,
        records,
        &wanted,
        merge,
        actor,
    );
    match result {
        Ok(summary) => Ok((
            ReceiveSummary {
                catalogue: dest,
                ..summary
            },
            recovery,
        )),
        Err(e) => {
            if !merge {
                // The folder was made for this package a moment ago: nothing else is in it.
                drop(cat);
                let _ = fs::remove_dir_all(&dest);
            }
            Err(e)
        }
    }
}

/// The catalogue to receive into: the existing one opened, or a new one made.
fn destination(
    into: ReceiveInto,
    manifest: &Manifest,
    actor: &str,
) -> Result<(Catalogue, Option<RecoveryKey>), ShareError> {
    let title = format!(
        "Received from {} for {}",
        manifest.created_by, manifest.recipient.name
    );
    Ok(match into {
        ReceiveInto::Merge(dest, secret) => {
            let options = OpenOptions {
                user: actor.to_string(),
                secret,
                ..OpenOptions::default()
            };
            (Catalogue::open(&dest, options)?, None)
        }
        ReceiveInto::New(dest, None) => (Catalogue::create(&dest, &title, actor)?, None),
        ReceiveInto::New(dest, Some((passphrase, kdf))) => {
            let (cat, recovery) =
                Catalogue::create_encrypted(&dest, &title, actor, &passphrase, kdf)?;
            (cat, Some(recovery))
        }
    })
}

fn fails(package: &Path, problems: Vec<String>) -> ShareError {
    ShareError::FailsVerification {
        path: package.to_path_buf(),
        problems,
    }
}

/// Every file in the package is listed in the manifest, once, at a safe path, and every
/// listed file is there with the size the manifest gives.
fn check_listing(
    package: &Path,
    reader: &PackageReader,
    manifest: &Manifest,
) -> Result<BTreeMap<String, ManifestFile>, ShareError> {
    let mut problems = Vec::new();
    let mut listed = BTreeMap::new();
    for f in &manifest.files {
        if !super::is_safe_relative(&f.path) {
            problems.push(format!(
                "{}: the manifest names a path outside the package",
                f.path.escape_debug()
            ));
        } else if listed.insert(f.path.clone(), f.clone()).is_some() {
            problems.push(format!("{}: listed twice in the manifest", f.path));
        }
    }
    for (name, size) in reader.files() {
        match listed.get(name) {
            None if name != MANIFEST_FILE => problems.push(format!(
                "{}: not listed in the manifest (added after the package was made?)",
                name.escape_debug()
            )),
            Some(f) if f.size != *size => problems.push(format!(
                "{name}: size differs: the manifest says {} bytes, the package holds {size}",
                f.size
            )),
            _ => {}
        }
    }
    for name in listed.keys() {
        if !reader.files().contains_key(name) {
            problems.push(format!("{name}: missing (the manifest lists it)"));
        }
    }
    if !listed.contains_key(RECORDS_FILE) {
        problems.push(format!("{RECORDS_FILE}: missing"));
    }
    problems.extend(manifest.signature_problem());
    if problems.is_empty() {
        Ok(listed)
    } else {
        Err(fails(package, problems))
    }
}

/// `records.json`, parsed from the bytes as they are hashed, bounded, with every id once.
fn read_records(
    package: &Path,
    reader: &mut PackageReader,
    listed: &BTreeMap<String, ManifestFile>,
) -> Result<Vec<PackageRecord>, ShareError> {
    let expected = &listed[RECORDS_FILE];
    if expected.size > MAX_RECORDS_JSON {
        return Err(ShareError::TooLarge {
            path: package.to_path_buf(),
            what: format!(
                "its {RECORDS_FILE} holds {} bytes; Dossier receives at most {}",
                expected.size,
                crate::media::human_size(MAX_RECORDS_JSON)
            ),
        });
    }
    let not_a_package = |reason: String| ShareError::NotAPackage {
        path: package.to_path_buf(),
        reason,
    };
    let read = reader.read_with(RECORDS_FILE, expected.size.saturating_add(1), |input| {
        let mut de = serde_json::Deserializer::from_reader(BufReader::new(input));
        let records = de
            .deserialize_seq(RecordsVisitor)
            .map_err(|e| not_a_package(format!("its {RECORDS_FILE} cannot be read ({e})")))?;
        de.end()
            .map_err(|e| not_a_package(format!("its {RECORDS_FILE} cannot be read ({e})")))?;
        Ok(records)
    })?;
    let Some((records, sha, size)) = read else {
        return Err(fails(package, vec![format!("{RECORDS_FILE}: missing")]));
    };
    if size != expected.size || sha != expected.sha256 {
        return Err(fails(
            package,
            vec![format!(
                "{RECORDS_FILE}: changed: expected SHA-256 {} ({} bytes), found {sha} ({size} bytes)",
                expected.sha256, expected.size
            )],
        ));
    }
    Ok(records)
}

/// Reads the records one at a time, refusing a second record with the same id and more
/// than [`MAX_RECORDS`], without ever holding more than that.
struct RecordsVisitor;

impl<'de> Visitor<'de> for RecordsVisitor {
    type Value = Vec<PackageRecord>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut records = Vec::new();
        let mut ids = HashSet::new();
        while let Some(record) = seq.next_element::<PackageRecord>()? {
            if records.len() == MAX_RECORDS {
                return Err(A::Error::custom(format!(
                    "it holds more than {MAX_RECORDS} records, the most Dossier receives in one package (each is written to disk on its own, and all are held in memory while they are checked); ask the sender for smaller packages"
                )));
            }
            if !ids.insert(record.id) {
                return Err(A::Error::custom(format!(
                    "it holds record {} twice",
                    record.id
                )));
            }
            records.push(record);
        }
        Ok(records)
    }
}

/// The originals the records name: each must be a file of the package, listed in the
/// manifest with the same SHA-256 and size the record gives.
fn attachments_wanted(
    package: &Path,
    records: &[PackageRecord],
    listed: &BTreeMap<String, ManifestFile>,
) -> Result<BTreeMap<Sha256, String>, ShareError> {
    let mut problems = Vec::new();
    let mut wanted = BTreeMap::new();
    for r in records {
        for a in &r.attachments {
            match listed.get(&a.path) {
                Some(f) if f.sha256 == a.sha256 && f.size == a.size => {
                    wanted.entry(a.sha256.clone()).or_insert(a.path.clone());
                }
                Some(f) => problems.push(format!(
                    "{}: record {} says SHA-256 {} ({} bytes), the manifest {} ({} bytes)",
                    a.path.escape_debug(),
                    r.id,
                    a.sha256,
                    a.size,
                    f.sha256,
                    f.size
                )),
                None => problems.push(format!(
                    "record {} names the file {} (SHA-256 {}), which is not in the package: a package must carry the bytes of every file it names",
                    r.id,
                    a.path.escape_debug(),
                    a.sha256
                )),
            }
        }
    }
    if problems.is_empty() {
        Ok(wanted)
    } else {
        Err(fails(package, problems))
    }
}

/// Reads every other file of the package once: originals the catalogue lacks into temp
/// files in its store, the rest only hashed. Once every file matches the manifest the
/// originals take their places and the records are added.
#[allow(clippy::too_many_arguments)]
fn store_and_add(
    package: &Path,
    reader: &mut PackageReader,
    cat: &mut Catalogue,
    manifest: &Manifest,
    listed: &BTreeMap<String, ManifestFile>,
    records: Vec<PackageRecord>,
    wanted: &BTreeMap<Sha256, String>,
    merge: bool,
    actor: &str,
) -> Result<ReceiveSummary, ShareError> {
    cat.ensure_writable()?;
    let blobs = cat.blobs();
    let to_store: BTreeMap<&String, &Sha256> = wanted
        .iter()
        .filter(|(sha, _)| !blobs.contains(sha))
        .map(|(sha, path)| (path, sha))
        .collect();
    let needed: u64 = to_store
        .keys()
        .map(|p| listed[*p].size)
        .sum::<u64>()
        .saturating_add(listed[RECORDS_FILE].size.saturating_mul(2));
    check_free_space(cat.root(), needed)?;
    let staged = stage_files(package, reader, &blobs, listed, &to_store)?;
    // Stricter labels the catalogue already gives these bytes, before anything is added.
    let held = strictest_labels(cat);
    for (tmp, sha) in &staged {
        blobs.adopt(tmp, sha)?;
    }
    let mut summary = ReceiveSummary {
        catalogue: PathBuf::new(),
        package_id: manifest.package_id.clone(),
        added: 0,
        already_present: 0,
        attachments: 0,
        kept_stricter_label: 0,
    };
    let new_records = drafts(cat, records, &held, manifest, actor, &mut summary);
    summary.added = new_records.len();
    cat.put_many(new_records, actor)?.apply()?;
    if !merge {
        cat.mark_received(received(manifest, actor), actor)?;
    }
    Ok(summary)
}

/// Reads every file of the package but `records.json` once, checking it against the
/// manifest: the originals in `to_store` into temp files in the catalogue's store (which
/// are removed again if anything fails), the rest only hashed. Returns the temp files.
fn stage_files(
    package: &Path,
    reader: &mut PackageReader,
    blobs: &crate::store::BlobStore,
    listed: &BTreeMap<String, ManifestFile>,
    to_store: &BTreeMap<&String, &Sha256>,
) -> Result<Vec<(PathBuf, Sha256)>, ShareError> {
    let mut staged: Vec<(PathBuf, Sha256)> = Vec::new();
    let mut problems = Vec::new();
    let mut read_all = || -> Result<(), ShareError> {
        for (name, f) in listed.iter().filter(|(n, _)| n.as_str() != RECORDS_FILE) {
            let limit = f.size.saturating_add(1);
            let read = if to_store.contains_key(name) {
                let (tmp, file) = blobs.create_temp("received")?;
                staged.push((tmp.clone(), f.sha256.clone()));
                let mut w = BufWriter::new(file);
                let read = reader.copy_to(name, limit, &mut w)?;
                let file = w
                    .into_inner()
                    .map_err(|e| ShareError::io("write", &tmp, e.into_error()))?;
                file.finish()
                    .map_err(|e| ShareError::io("write", &tmp, e))?;
                read
            } else {
                reader.copy_to(name, limit, &mut std::io::sink())?
            };
            match read {
                None => problems.push(format!("{name}: missing")),
                Some((sha, size)) if size != f.size || sha != f.sha256 => problems.push(format!(
                    "{name}: changed: expected SHA-256 {} ({} bytes), found {sha} ({size} bytes)",
                    f.sha256, f.size
                )),
                Some(_) => {}
            }
        }
        Ok(())
    };
    let result = read_all().and_then(|()| match problems.is_empty() {
        true => Ok(()),
        false => Err(fails(package, problems)),
    });
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = fs::remove_file(tmp);
        }
        return Err(e);
    }
    Ok(staged)
}

/// The package's records as drafts of this catalogue, leaving out those it already has;
/// bytes it already holds keep the strictest label it gives them, so a received record
/// never carries an original out under a laxer one. Counts go to `summary`.
fn drafts(
    cat: &Catalogue,
    records: Vec<PackageRecord>,
    held: &HashMap<Sha256, Label>,
    manifest: &Manifest,
    actor: &str,
    summary: &mut ReceiveSummary,
) -> Vec<crate::model::Record> {
    let mut new_records = Vec::new();
    for pr in records {
        if cat.get(&pr.id).is_some() || cat.get_trashed(&pr.id).is_some() {
            summary.already_present += 1;
            continue;
        }
        let mut record = pr.into_record(&manifest.package_id, actor);
        for a in &mut record.attachments {
            summary.attachments += 1;
            if let Some(&label) = held.get(&a.sha256)
                && label > record.label.max(a.label)
            {
                a.label = label;
                summary.kept_stricter_label += 1;
            }
        }
        new_records.push(record);
    }
    new_records
}

/// Where a catalogue made from this package came from.
fn received(manifest: &Manifest, actor: &str) -> Received {
    Received {
        package_id: manifest.package_id.clone(),
        catalogue_id: manifest.catalogue_id.clone(),
        recipient: manifest.recipient.name.clone(),
        sent_by: manifest.created_by.clone(),
        sent_at: manifest.created,
        received_at: Timestamp::now(),
        received_by: actor.to_string(),
        chain_head: manifest.chain_head.clone(),
        extra: Default::default(),
    }
}

/// For each original the catalogue holds, the strictest effective label any record (live
/// or in the trash) gives it.
fn strictest_labels(cat: &Catalogue) -> HashMap<Sha256, Label> {
    let mut held: HashMap<Sha256, Label> = HashMap::new();
    for r in cat.records().iter().chain(cat.trash()) {
        for a in &r.attachments {
            let label = r.effective_label(a);
            let entry = held.entry(a.sha256.clone()).or_insert(label);
            *entry = (*entry).max(label);
        }
    }
    held
}

/// Refuses to start when the catalogue's disk has less room than `needed` bytes (plus a
/// margin): a package that would fill the disk is stopped before it writes anything.
fn check_free_space(root: &Path, needed: u64) -> Result<(), ShareError> {
    let Ok(free) = fs4::available_space(root) else {
        // The drive cannot say; writing stops cleanly on a full disk anyway.
        return Ok(());
    };
    let needed = needed.saturating_add(DISK_MARGIN);
    if free < needed {
        return Err(ShareError::NoRoom {
            path: root.to_path_buf(),
            needed,
            free,
        });
    }
    Ok(())
}
