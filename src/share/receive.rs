//! Receiving a package from another office: verified against its manifest first, then
//! either opened as a separate, read-only catalogue, or merged into one with the labels
//! it came with. Received records start as drafts: they go out again only after review.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::error::ShareError;
use super::manifest::RECORDS_FILE;
use super::read::{MAX_UNPACKED, PackageReader, verify_package};
use super::record::PackageRecord;
use crate::model::{
    Attachment, Extra, Link, MediaMetadata, Person, PersonName, Provenance, Record, ReviewState,
    Source,
};
use crate::store::{Catalogue, OpenOptions, Received, fsx};

/// What receiving did.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiveSummary {
    pub catalogue: PathBuf,
    pub package_id: String,
    pub added: usize,
    /// Records whose id the catalogue already had (left as they were).
    pub already_present: usize,
    pub attachments: usize,
}

/// Receives `package` into `dest`: a new folder, which becomes a read-only catalogue of the
/// package, or (with `merge`) an existing catalogue the records are added to.
pub fn receive(
    package: &Path,
    dest: &Path,
    merge: bool,
    actor: &str,
) -> Result<ReceiveSummary, ShareError> {
    let report = verify_package(package)?;
    if !report.is_ok() {
        return Err(ShareError::FailsVerification {
            path: package.to_path_buf(),
            problems: report.problems,
        });
    }
    let manifest = report.manifest;
    let mut reader = PackageReader::open(package, MAX_UNPACKED)?;
    let bytes = reader.read_text_file(RECORDS_FILE)?;
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    let records: Vec<PackageRecord> =
        serde_path_to_error::deserialize(&mut de).map_err(|e| ShareError::NotAPackage {
            path: package.to_path_buf(),
            reason: format!(
                "its records.json cannot be read (at '{}': {})",
                e.path(),
                e.inner()
            ),
        })?;
    let mut cat = if merge {
        Catalogue::open(
            dest,
            OpenOptions {
                user: actor.to_string(),
                ..OpenOptions::default()
            },
        )?
    } else {
        Catalogue::create(
            dest,
            &format!(
                "Received from {} for {}",
                manifest.created_by, manifest.recipient.name
            ),
            actor,
        )?
    };
    if !cat.is_writable() {
        // Opening explains why; saving says so in words.
        cat.ensure_writable()?;
    }
    let blobs = cat.blobs();
    let staging = cat
        .cache_dir()
        .join(format!(".receive-{}", uuid::Uuid::now_v7().simple()));
    let mut new_records = Vec::new();
    let mut already_present = 0;
    let mut attachments = 0;
    let mut stored = HashSet::new();
    let result = (|| -> Result<(), ShareError> {
        for pr in records {
            if cat.get(&pr.id).is_some() || cat.get_trashed(&pr.id).is_some() {
                already_present += 1;
                continue;
            }
            for a in &pr.attachments {
                attachments += 1;
                if stored.contains(&a.sha256) || blobs.contains(&a.sha256) {
                    continue;
                }
                fs::create_dir_all(&staging).map_err(|e| ShareError::io("create", &staging, e))?;
                let tmp = fsx::temp_path(&staging, "received");
                let file = File::options()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
                    .map_err(|e| ShareError::io("create", &tmp, e))?;
                let mut w = BufWriter::new(file);
                let copied = reader.copy_to(&a.path, a.size.saturating_add(1), &mut w)?;
                drop(w);
                let fail = |reason: String| ShareError::NotAPackage {
                    path: package.to_path_buf(),
                    reason,
                };
                match copied {
                    None => {
                        return Err(fail(format!(
                            "records.json names {} but it is not in the package",
                            a.path
                        )));
                    }
                    Some((sha, _)) if sha != a.sha256 => {
                        return Err(fail(format!(
                            "{} has SHA-256 {sha}, but records.json says {}",
                            a.path, a.sha256
                        )));
                    }
                    Some(_) => {}
                }
                let ingested = blobs.ingest(&tmp, &mut |_| {});
                let _ = fs::remove_file(&tmp);
                ingested?;
                stored.insert(a.sha256.clone());
            }
            new_records.push(to_record(pr, &manifest.package_id, actor));
        }
        Ok(())
    })();
    let _ = fs::remove_dir_all(&staging);
    result?;
    let added = new_records.len();
    cat.put_many(new_records, actor)?.apply()?;
    if !merge {
        cat.mark_received(
            Received {
                package_id: manifest.package_id.clone(),
                catalogue_id: manifest.catalogue_id.clone(),
                recipient: manifest.recipient.name.clone(),
                sent_by: manifest.created_by.clone(),
                sent_at: manifest.created,
                received_at: Timestamp::now(),
                received_by: actor.to_string(),
                extra: Extra::new(),
            },
            actor,
        )?;
    }
    Ok(ReceiveSummary {
        catalogue: dest.to_path_buf(),
        package_id: manifest.package_id,
        added,
        already_present,
        attachments,
    })
}

fn to_record(pr: PackageRecord, package_id: &str, actor: &str) -> Record {
    let mut r = Record::new(pr.kind, pr.title.clone(), actor);
    r.id = pr.id;
    r.body = pr.body;
    r.date = pr.date;
    r.place = pr.place;
    r.author = pr.author;
    r.source = Source {
        name: pr.source.name,
        url: pr.source.url,
        method: pr.source.method,
        extra: Extra::new(),
    };
    r.language = pr.language;
    r.tags = pr.tags;
    r.links = pr
        .links
        .into_iter()
        .map(|l| Link {
            kind: l.kind,
            target: l.target,
            note: l.note,
            extra: Extra::new(),
        })
        .collect();
    r.attachments = pr
        .attachments
        .into_iter()
        .map(|a| Attachment {
            sha256: a.sha256,
            name: a.name,
            size: a.size,
            media_type: a.media_type,
            label: a.label,
            warnings: a.warnings,
            description: a.description,
            original_path: format!("package {package_id}: {}", a.path),
            imported_at: Timestamp::now(),
            imported_by: actor.to_string(),
            derived_from: a.derived_from,
            metadata: MediaMetadata {
                width: a.metadata.width,
                height: a.metadata.height,
                duration_secs: a.metadata.duration_secs,
                captured_at: a.metadata.captured_at,
                camera: a.metadata.camera,
                gps: a.metadata.gps,
                orientation: a.metadata.orientation,
                extra: Extra::new(),
            },
            provenance: Provenance {
                source: a.provenance.source,
                source_kind: a.provenance.source_kind,
                collected_by: String::new(),
                collected_at: a.provenance.collected_at,
                method: a.provenance.method,
                extra: Extra::new(),
            },
            extra: Extra::new(),
        })
        .collect();
    r.label = pr.label;
    r.warnings = pr.warnings;
    r.verification = pr.verification;
    r.review = ReviewState::Draft;
    r.person = pr.person.map(|p| {
        Box::new(Person {
            names: p
                .names
                .into_iter()
                .map(|n| PersonName {
                    text: n.text,
                    lang: n.lang,
                    primary: n.primary,
                    extra: Extra::new(),
                })
                .collect(),
            status: p.status,
            basis: p.basis,
            timeline: Vec::new(),
            extra: Extra::new(),
            ..Person::default()
        })
    });
    r.created = pr.created;
    r
}
