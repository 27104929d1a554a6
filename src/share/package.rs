//! Making a share package: a folder or a `.zip` holding `manifest.json`, `records.json`,
//! the attachments' original bytes, `persons.csv` and a self-contained `index.html`.
//!
//! The package is written under a temporary name next to its destination and renamed into
//! place only when every file is written and the disclosure is logged: there is never a
//! half-written package under the chosen name, and never a package the log does not know.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use jiff::Timestamp;
use sha2::Digest;

use super::error::ShareError;
use super::manifest::{
    INDEX_FILE, MANIFEST_FILE, Manifest, ManifestFile, ManifestRecipient, PACKAGE_FORMAT,
    PACKAGE_VERSION, PERSONS_FILE, RECORDS_FILE,
};
use super::plan::SharePlan;
use super::record::{PackageRecord, attachment_path};
use super::sent::{SentCopy, disclosures, records_as_sent};
use crate::audit::{Action, AuditDraft};
use crate::durable::digest;
use crate::model::{Label, Sha256};
use crate::store::Catalogue;

/// One original that goes into a package.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageFile {
    /// Where the original is in the catalogue.
    pub source: PathBuf,
    pub sha256: Sha256,
    pub size: u64,
    /// Where it goes in the package.
    pub path: String,
    pub media_type: String,
    /// It goes as a copy without its embedded metadata.
    pub strip: bool,
}

/// Everything needed to write a package, taken from the catalogue at once so the writing
/// can run on another thread.
#[derive(Debug, Clone)]
pub struct PackageJob {
    pub package_id: String,
    pub recipient: ManifestRecipient,
    pub catalogue_id: String,
    pub actor: String,
    /// Who the package says it comes from: the office's name, or the actor's when the
    /// recipient is set to be told who made it.
    pub sender: String,
    /// The catalogue's audit chain head when the package was prepared: the manifest and
    /// the report carry it, and the disclosure entries keep it.
    pub chain_head: crate::audit::ChainHead,
    pub records: Vec<PackageRecord>,
    pub files: Vec<PackageFile>,
    pub cache_dir: PathBuf,
    pub highest_label: Option<Label>,
    /// Each record file that goes in, with the SHA-256 it had when the package was
    /// planned: checked again as the package is written, so that a file changed on disk
    /// since (outside Dossier) stops the package instead of going out unreviewed.
    record_files: Vec<(PathBuf, Sha256)>,
    /// The "disclosed" entries, one per record, appended when the package is complete
    /// (naming the bytes that actually went).
    pub(super) disclosures: Vec<AuditDraft>,
    log: crate::audit::AuditLog,
}

impl PackageJob {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageSummary {
    pub package_id: String,
    pub path: PathBuf,
    pub records: usize,
    pub files: usize,
    pub bytes: u64,
    pub highest_label: Option<Label>,
}

/// Takes what a package needs from the catalogue. Refuses when the catalogue is read-only:
/// a disclosure must be logged.
pub fn prepare(cat: &Catalogue, plan: &SharePlan, actor: &str) -> Result<PackageJob, ShareError> {
    if let Some(why) = super::plan::recipient_refusal(cat, &plan.recipient) {
        return Err(ShareError::RecipientRefused(why));
    }
    let package_id = uuid::Uuid::now_v7().hyphenated().to_string();
    let chain_head = cat.audit().head();
    let sender = if plan.recipient.name_sender {
        actor.to_string()
    } else {
        cat.office_name().to_string()
    };
    let included = plan.included_ids();
    let titles: HashMap<_, _> = plan
        .included
        .iter()
        .map(|r| (r.id, r.title.clone()))
        .collect();
    let blobs = cat.blobs();
    let mut records = Vec::new();
    let mut files: BTreeMap<String, PackageFile> = BTreeMap::new();
    let mut drafts = Vec::new();
    let mut record_files = Vec::new();
    for inc in &plan.included {
        let Some(record) = cat.get(&inc.id) else {
            continue;
        };
        let Some(sha) = cat.file_hash(&record.id) else {
            continue;
        };
        record_files.push((
            cat.root()
                .join(crate::store::RECORDS_DIR)
                .join(format!("{}.json", record.id)),
            sha.clone(),
        ));
        let pr = PackageRecord::from_record(record, &inc.attachments, &included, &titles);
        for &i in &inc.attachments {
            let a = &record.attachments[i];
            let strip = inc.metadata.iter().any(|m| m.attachment == i && m.stripped);
            files
                .entry(attachment_path(a))
                .or_insert_with(|| PackageFile {
                    source: blobs.path_of(&a.sha256),
                    sha256: a.sha256.clone(),
                    size: a.size,
                    path: attachment_path(a),
                    media_type: a.media_type.clone(),
                    strip,
                });
        }
        let mut note = format!(
            "disclosed to {} in package {package_id}",
            plan.recipient.name
        );
        if plan.metadata_choice_deliberate {
            note.push_str(if plan.strip_metadata {
                "; embedded metadata removed, by the reviewer's choice"
            } else {
                "; embedded metadata kept, deliberately, by the reviewer's choice"
            });
        }
        drafts.push(
            AuditDraft::new(actor, Action::Disclosed)
                .record(record.id, cat.file_hash(&record.id).cloned())
                .note(note)
                .detail(
                    "metadata",
                    if plan.strip_metadata {
                        "removed"
                    } else {
                        "kept"
                    },
                )
                .detail("recipient", plan.recipient.name.clone())
                .detail("package", package_id.clone())
                .detail("chain_head", chain_head.to_string())
                .detail("sent_as", sender.clone())
                .detail(
                    "attachments",
                    pr.attachments
                        .iter()
                        .map(|a| a.sha256.to_string())
                        .collect::<Vec<_>>(),
                ),
        );
        records.push(pr);
    }
    cat.ensure_writable()?;
    Ok(PackageJob {
        package_id,
        recipient: ManifestRecipient {
            name: plan.recipient.name.clone(),
            kind: plan.recipient.kind,
            max_label: plan.recipient.max_label,
        },
        catalogue_id: cat.meta().id.hyphenated().to_string(),
        actor: actor.to_string(),
        sender,
        chain_head,
        highest_label: plan.highest_label(cat),
        records,
        files: files.into_values().collect(),
        cache_dir: cat.cache_dir(),
        record_files,
        disclosures: drafts,
        log: cat.audit().clone(),
    })
}

/// Where the bytes go: a folder, or a zip file.
enum Sink {
    Dir(PathBuf),
    Zip(Box<zip::ZipWriter<BufWriter<File>>>),
}

/// Passes bytes through while hashing and counting them.
struct Hashing<W> {
    inner: W,
    hasher: sha2::Sha256,
    count: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Sink {
    /// Writes one file, returning its SHA-256 and size as written.
    fn add(
        &mut self,
        name: &str,
        input: &mut dyn Read,
        compress: bool,
        on_bytes: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(Sha256, u64), io::Error> {
        fn pump(
            input: &mut dyn Read,
            out: &mut dyn Write,
            on_bytes: &mut dyn FnMut(u64) -> bool,
        ) -> io::Result<()> {
            let mut buf = vec![0u8; 256 * 1024];
            loop {
                let n = match input.read(&mut buf) {
                    Ok(0) => return Ok(()),
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                out.write_all(&buf[..n])?;
                if !on_bytes(n as u64) {
                    return Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled"));
                }
            }
        }
        match self {
            Sink::Dir(root) => {
                let path = root.join(name);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                let file = File::options().write(true).create_new(true).open(&path)?;
                let mut w = Hashing {
                    inner: BufWriter::new(file),
                    hasher: sha2::Sha256::new(),
                    count: 0,
                };
                pump(input, &mut w, on_bytes)?;
                let file = w.inner.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                Ok((digest(w.hasher), w.count))
            }
            Sink::Zip(zip) => {
                let method = if compress {
                    zip::CompressionMethod::Deflated
                } else {
                    zip::CompressionMethod::Stored
                };
                // Zip times have no zone: the package's UTC time, as its manifest gives it.
                let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC);
                let time = zip::DateTime::from_date_and_time(
                    now.year() as u16,
                    now.month() as u8,
                    now.day() as u8,
                    now.hour() as u8,
                    now.minute() as u8,
                    now.second() as u8,
                )
                .unwrap_or_default();
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(method)
                    .last_modified_time(time)
                    .large_file(true)
                    .unix_permissions(0o644);
                zip.start_file(name, options).map_err(io::Error::other)?;
                let mut w = Hashing {
                    inner: &mut **zip,
                    hasher: sha2::Sha256::new(),
                    count: 0,
                };
                pump(input, &mut w, on_bytes)?;
                Ok((digest(w.hasher), w.count))
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Dir(root) => {
                let mut dirs = vec![root.clone()];
                while let Some(dir) = dirs.pop() {
                    for entry in fs::read_dir(&dir)? {
                        let entry = entry?;
                        if entry.file_type()?.is_dir() {
                            dirs.push(entry.path());
                        }
                    }
                    crate::durable::sync_dir(&dir)?;
                }
                Ok(())
            }
            Sink::Zip(zip) => {
                let out = zip.finish().map_err(io::Error::other)?;
                let file = out.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()
            }
        }
    }
}

/// True when `out` names a zip file (by its extension); otherwise the package is a folder.
pub fn is_zip_path(out: &Path) -> bool {
    out.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Writes the package to `out` (a new folder, or a new file ending in `.zip`), reporting
/// (bytes done, bytes in all) to `progress`. Stops, removing what it wrote, when `cancel`
/// is set. Logs one "disclosed" entry per record before the package gets its name.
pub fn write_package(
    job: &PackageJob,
    out: &Path,
    progress: &(dyn Fn(u64, u64) + Sync),
    cancel: &AtomicBool,
) -> Result<PackageSummary, ShareError> {
    if out.exists() {
        return Err(ShareError::Exists(out.to_path_buf()));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| ShareError::io("create", &parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "package".into());
    let tmp = parent.join(format!(".{name}.{}.partial", uuid::Uuid::now_v7().simple()));
    let zip = is_zip_path(out);
    let sink = if zip {
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| ShareError::io("create", &tmp, e))?;
        Sink::Zip(Box::new(zip::ZipWriter::new(BufWriter::new(file))))
    } else {
        fs::create_dir(&tmp).map_err(|e| ShareError::io("create", &tmp, e))?;
        Sink::Dir(tmp.clone())
    };
    let result = write_into(job, sink, &tmp, progress, cancel).and_then(|(summary, sent)| {
        job.log.append(&disclosures(job, &sent))?;
        fs::rename(&tmp, out).map_err(|e| ShareError::io("name", out, e))?;
        let _ = crate::durable::sync_dir(&parent);
        Ok(PackageSummary {
            path: out.to_path_buf(),
            ..summary
        })
    });
    if result.is_err() {
        if zip {
            let _ = fs::remove_file(&tmp);
        } else {
            let _ = fs::remove_dir_all(&tmp);
        }
    }
    result
}

fn write_into(
    job: &PackageJob,
    mut sink: Sink,
    tmp: &Path,
    progress: &(dyn Fn(u64, u64) + Sync),
    cancel: &AtomicBool,
) -> Result<(PackageSummary, HashMap<Sha256, SentCopy>), ShareError> {
    check_record_files(job)?;
    let total = job.total_bytes();
    let mut done = 0u64;
    let mut listed = Vec::new();
    let failed = |e: io::Error, path: &str| {
        if cancel.load(Ordering::Relaxed) {
            ShareError::Cancelled
        } else {
            ShareError::io("write", &tmp.join(path), e)
        }
    };
    progress(0, total);
    let mut sent = HashMap::new();
    for f in &job.files {
        let changed = |found: Sha256| ShareError::OriginalChanged {
            name: f.path.rsplit('/').next().unwrap_or_default().to_string(),
            path: f.source.clone(),
            expected: f.sha256.clone(),
            found,
        };
        let mut on_bytes = |n: u64| {
            done += n;
            progress(done, total);
            !cancel.load(Ordering::Relaxed)
        };
        let copy = if f.strip {
            let d = crate::media::embedded::digests(&f.source, &f.media_type).map_err(|e| {
                ShareError::CannotStrip {
                    name: f.path.rsplit('/').next().unwrap_or_default().to_string(),
                    reason: e.reason,
                }
            })?;
            if d.original != f.sha256 {
                return Err(changed(d.original));
            }
            (d.copy != f.sha256).then(|| SentCopy {
                path: format!(
                    "attachments/{}/{}",
                    d.copy,
                    f.path.rsplit('/').next().unwrap_or("file")
                ),
                sha256: d.copy,
                size: d.size,
                removed: d.removed.iter().map(|k| k.name().to_string()).collect(),
            })
        } else {
            None
        };
        let Some(copy) = copy else {
            let mut input =
                File::open(&f.source).map_err(|e| ShareError::io("read", &f.source, e))?;
            let (sha, size) = sink
                .add(&f.path, &mut input, false, &mut on_bytes)
                .map_err(|e| failed(e, &f.path))?;
            if sha != f.sha256 {
                return Err(changed(sha));
            }
            listed.push(ManifestFile {
                path: f.path.clone(),
                sha256: sha,
                size,
                derived_from: None,
                removed: Vec::new(),
            });
            continue;
        };
        let stripped = crate::media::embedded::stripped(&f.source, &f.media_type).map_err(|e| {
            ShareError::CannotStrip {
                name: f.path.clone(),
                reason: e.reason,
            }
        })?;
        let mut input = stripped.reader;
        let (sha, size) = sink
            .add(&copy.path, &mut input, false, &mut on_bytes)
            .map_err(|e| failed(e, &copy.path))?;
        if sha != copy.sha256 {
            // The original changed between reading it twice.
            return Err(changed(sha));
        }
        listed.push(ManifestFile {
            path: copy.path.clone(),
            sha256: sha,
            size,
            derived_from: Some(f.sha256.clone()),
            removed: copy.removed.clone(),
        });
        sent.insert(f.sha256.clone(), copy);
    }
    let records = records_as_sent(job, &sent);
    let mut records_json =
        serde_json::to_vec_pretty(&records).expect("package records always serialise");
    records_json.push(b'\n');
    let mut thumbs = super::html::thumbnails(job, cancel);
    if cancel.load(Ordering::Relaxed) {
        return Err(ShareError::Cancelled);
    }
    // A stripped copy's pixels are its original's: its preview is the same picture.
    for (original, copy) in &sent {
        if let Some(uri) = thumbs.remove(original) {
            thumbs.insert(copy.sha256.clone(), uri);
        }
    }
    let index = super::html::render(job, &records, &thumbs);
    let persons = super::persons_csv::persons_csv(&records);
    for (name, bytes) in [
        (RECORDS_FILE, records_json),
        (PERSONS_FILE, persons),
        (INDEX_FILE, index.into_bytes()),
    ] {
        let (sha, size) = sink
            .add(name, &mut bytes.as_slice(), true, &mut |_| true)
            .map_err(|e| failed(e, name))?;
        listed.push(ManifestFile {
            path: name.to_string(),
            sha256: sha,
            size,
            derived_from: None,
            removed: Vec::new(),
        });
    }
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        format: PACKAGE_FORMAT.into(),
        version: PACKAGE_VERSION,
        package_id: job.package_id.clone(),
        recipient: job.recipient.clone(),
        created: Timestamp::now(),
        created_by: job.sender.clone(),
        catalogue_id: job.catalogue_id.clone(),
        highest_label: job.highest_label,
        records: job.records.len(),
        files: listed,
        chain_head: Some(job.chain_head.clone()),
    };
    let mut manifest_json = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
    manifest_json.push(b'\n');
    sink.add(
        MANIFEST_FILE,
        &mut manifest_json.as_slice(),
        true,
        &mut |_| true,
    )
    .map_err(|e| failed(e, MANIFEST_FILE))?;
    sink.finish()
        .map_err(|e| ShareError::io("finish", tmp, e))?;
    let summary = PackageSummary {
        package_id: job.package_id.clone(),
        path: tmp.to_path_buf(),
        records: job.records.len(),
        files: manifest.files.len() + 1,
        bytes: total,
        highest_label: job.highest_label,
    };
    Ok((summary, sent))
}

/// Every record file that goes in must still be what the plan saw: a file changed on disk
/// since (by a sync tool, a person, a script) has not been reviewed in that form.
fn check_record_files(job: &PackageJob) -> Result<(), ShareError> {
    for (path, expected) in &job.record_files {
        let bytes = fs::read(path).map_err(|e| ShareError::io("read", path, e))?;
        let found = crate::durable::hash_bytes(&bytes);
        if found != *expected {
            return Err(ShareError::RecordChangedOnDisk {
                path: path.clone(),
                expected: expected.clone(),
                found,
            });
        }
    }
    Ok(())
}
