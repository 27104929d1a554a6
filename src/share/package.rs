//! Making a share package: a folder or a `.zip` holding `manifest.json`, `records.json`,
//! the attachments' original bytes, `persons.csv` and a self-contained `index.html`.
//!
//! The package is written under a temporary name next to its destination and renamed into
//! place only when every file is written and the disclosure is logged: there is never a
//! half-written package under the chosen name, and never a package the log does not know.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use jiff::Timestamp;
use sha2::Digest;

use super::error::ShareError;
use super::job::{PackageFile, PackageJob, check_record_files};
use super::manifest::{
    INDEX_FILE, MANIFEST_FILE, Manifest, ManifestFile, PACKAGE_FORMAT, PACKAGE_VERSION,
    PERSONS_FILE, RECORDS_FILE,
};
use super::sent::{SentCopy, disclosures, records_as_sent};
use crate::durable::digest;
use crate::model::{Label, Sha256};

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageSummary {
    /// The package's id (also in its manifest and the sharing log).
    pub package_id: String,
    /// Where the package was written.
    pub path: PathBuf,
    /// Records in the package.
    pub records: usize,
    /// Files in the package.
    pub files: usize,
    /// The package's size in bytes.
    pub bytes: u64,
    /// The most restricted label of any record in it.
    pub highest_label: Option<Label>,
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
    let zip = is_zip_path(out);
    if job.protect.is_some() && !zip {
        return Err(ShareError::NotAPackage {
            path: out.to_path_buf(),
            reason: "an encrypted package is a single .zip file: name one ending in .zip".into(),
        });
    }
    // A package to be encrypted is made first where the system keeps temp files, never
    // in the clear on the drive it goes to.
    let staging = match job.protect {
        Some(_) => std::env::temp_dir(),
        None => parent.clone(),
    };
    let tmp = staging.join(format!(".{name}.{}.partial", uuid::Uuid::now_v7().simple()));
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
        match &job.protect {
            Some(passphrase) => {
                let sealed =
                    parent.join(format!(".{name}.{}.sealed", uuid::Uuid::now_v7().simple()));
                let done =
                    super::protect::seal_package(&tmp, &sealed, &passphrase.0).and_then(|()| {
                        fs::rename(&sealed, out).map_err(|e| ShareError::io("name", out, e))
                    });
                let _ = fs::remove_file(&tmp);
                if done.is_err() {
                    let _ = fs::remove_file(&sealed);
                }
                done?;
            }
            None => fs::rename(&tmp, out).map_err(|e| ShareError::io("name", out, e))?,
        }
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

/// Writes the package's files into `sink`, in order: the files (originals, or copies
/// without their embedded metadata), then `records.json`, `persons.csv` and `index.html`
/// made from the records as sent, then the manifest listing every file.
fn write_into(
    job: &PackageJob,
    sink: Sink,
    tmp: &Path,
    progress: &(dyn Fn(u64, u64) + Sync),
    cancel: &AtomicBool,
) -> Result<(PackageSummary, HashMap<Sha256, SentCopy>), ShareError> {
    check_record_files(job)?;
    let mut w = Writer {
        sink,
        tmp,
        cancel,
        progress,
        done: 0,
        total: job.total_bytes(),
        listed: Vec::new(),
    };
    progress(0, w.total);
    let mut sent = HashMap::new();
    for f in &job.files {
        if let Some(copy) = w.file(f)? {
            sent.insert(f.sha256.clone(), copy);
        }
    }
    w.reports(job, &sent)?;
    let bytes = w.total;
    let files = w.manifest(job)?;
    let summary = PackageSummary {
        package_id: job.package_id.clone(),
        path: tmp.to_path_buf(),
        records: job.records.len(),
        files: files + 1,
        bytes,
        highest_label: job.highest_label,
    };
    Ok((summary, sent))
}

/// The package being written: where, how far, and what is in it so far.
struct Writer<'a> {
    sink: Sink,
    tmp: &'a Path,
    cancel: &'a AtomicBool,
    progress: &'a (dyn Fn(u64, u64) + Sync),
    done: u64,
    total: u64,
    listed: Vec<ManifestFile>,
}

impl Writer<'_> {
    fn failed(&self, e: io::Error, path: &str) -> ShareError {
        if self.cancel.load(Ordering::Relaxed) {
            ShareError::Cancelled
        } else {
            ShareError::io("write", &self.tmp.join(path), e)
        }
    }

    /// Adds `input` as `path` (stored, not compressed, with progress), returning its
    /// SHA-256 and size as written.
    fn add(&mut self, path: &str, input: &mut dyn Read) -> Result<(Sha256, u64), ShareError> {
        let (progress, cancel, total) = (self.progress, self.cancel, self.total);
        let done = &mut self.done;
        let mut on_bytes = |n: u64| {
            *done += n;
            progress(*done, total);
            !cancel.load(Ordering::Relaxed)
        };
        let written = self.sink.add(path, input, false, &mut on_bytes);
        written.map_err(|e| self.failed(e, path))
    }

    /// Writes one file: the original, or (when it goes stripped and that changes it) a
    /// copy without its embedded metadata, which is returned. Bytes that are not what the
    /// catalogue logged stop the package.
    fn file(&mut self, f: &PackageFile) -> Result<Option<SentCopy>, ShareError> {
        let name = f.path.rsplit('/').next().unwrap_or("file");
        let changed = |found: Sha256| ShareError::OriginalChanged {
            name: name.to_string(),
            path: f.source.clone(),
            expected: Box::new(f.sha256.clone()),
            found: Box::new(found),
        };
        let cannot = |e: crate::media::embedded::StripError| ShareError::CannotStrip {
            name: name.to_string(),
            reason: e.reason,
        };
        let copy = match f.strip {
            true => {
                let d =
                    crate::media::embedded::digests(f.original(), &f.media_type).map_err(cannot)?;
                if d.original != f.sha256 {
                    return Err(changed(d.original));
                }
                (d.copy != f.sha256).then(|| SentCopy {
                    path: format!("attachments/{}/{name}", d.copy),
                    sha256: d.copy,
                    size: d.size,
                    removed: d.removed.iter().map(|k| k.name().to_string()).collect(),
                })
            }
            false => None,
        };
        let (path, mut input): (&str, Box<dyn Read>) = match &copy {
            None => (
                &f.path,
                Box::new(
                    f.original()
                        .open()
                        .map_err(|e| ShareError::io("read", &f.source, e))?,
                ),
            ),
            Some(c) => (
                &c.path,
                crate::media::embedded::stripped(f.original(), &f.media_type)
                    .map_err(cannot)?
                    .reader,
            ),
        };
        let (sha, size) = self.add(path, &mut input)?;
        let expected = copy.as_ref().map_or(&f.sha256, |c| &c.sha256);
        if sha != *expected {
            // The original changed while it was read (or between two readings).
            return Err(changed(sha));
        }
        self.listed.push(ManifestFile {
            path: path.to_string(),
            sha256: sha,
            size,
            derived_from: match &copy {
                Some(_) => Some(f.sha256.clone()),
                None => f.derived_from.clone(),
            },
            removed: copy.as_ref().map(|c| c.removed.clone()).unwrap_or_default(),
        });
        Ok(copy)
    }

    /// `records.json`, `persons.csv` and `index.html`, made from the records as sent.
    fn reports(
        &mut self,
        job: &PackageJob,
        sent: &HashMap<Sha256, SentCopy>,
    ) -> Result<(), ShareError> {
        let records = records_as_sent(job, sent);
        let mut records_json = serde_json::to_vec_pretty(&records)
            .map_err(|e| ShareError::io("write", self.tmp, io::Error::other(e)))?;
        records_json.push(b'\n');
        let mut thumbs = super::html::thumbnails(job, self.cancel);
        if self.cancel.load(Ordering::Relaxed) {
            return Err(ShareError::Cancelled);
        }
        // A stripped copy's pixels are its original's: its preview is the same picture.
        for (original, copy) in sent {
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
            let (sha, size) = self
                .sink
                .add(name, &mut bytes.as_slice(), true, &mut |_| true)
                .map_err(|e| self.failed(e, name))?;
            self.listed.push(ManifestFile {
                path: name.to_string(),
                sha256: sha,
                size,
                derived_from: None,
                removed: Vec::new(),
            });
        }
        Ok(())
    }

    /// The manifest, last, and the package finished; returns how many files it lists.
    fn manifest(mut self, job: &PackageJob) -> Result<usize, ShareError> {
        self.listed.sort_by(|a, b| a.path.cmp(&b.path));
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
            files: std::mem::take(&mut self.listed),
            chain_head: Some(job.chain_head.clone()),
            signer: None,
            chain_head_signature: None,
        };
        let mut manifest = manifest;
        if let Some(signer) = job.signer() {
            manifest.signer = Some(signer.public());
            manifest.chain_head_signature = Some(signer.sign(manifest.signed_text().as_bytes()));
        }
        let mut json = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| ShareError::io("write", self.tmp, io::Error::other(e)))?;
        json.push(b'\n');
        self.sink
            .add(MANIFEST_FILE, &mut json.as_slice(), true, &mut |_| true)
            .map_err(|e| self.failed(e, MANIFEST_FILE))?;
        let tmp = self.tmp;
        self.sink
            .finish()
            .map_err(|e| ShareError::io("finish", tmp, e))?;
        Ok(manifest.files.len())
    }
}
