//! `dossier generate`: a synthetic catalogue with the real mix, for measuring Dossier at the
//! size of an office that has documented a war (100,000 records, 10,000 photographs).
//!
//! Persons with status timelines, incidents with victims and witnesses, reports,
//! statements and media records; titles and text in Armenian, Russian and English; labels
//! and content warnings in the proportions the office's own catalogue has; links between
//! records; and JPEG photographs a few thousand pixels wide with EXIF (camera, time, GPS
//! position and an embedded 512x384 preview, as phones write them).
//!
//! Everything is fictional and follows from the seed: the same seed gives the same
//! records, ids and photographs. Records are saved through the catalogue like any other
//! edit (audit entries first, files fsynced), in batches, and photographs are imported
//! through the same path as `dossier import`.

mod pictures;
mod records;
#[cfg(test)]
mod tests;
mod words;

use std::fs;
use std::path::{Path, PathBuf};

pub use pictures::{EXIF_PREVIEW, with_exif};

use crate::media;
use crate::model::{Record, RecordKind};
use crate::store::{Catalogue, StoreError};
use pictures::{draw_pictures, photograph};
use records::plan_records;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// How many records to make.
    pub records: usize,
    /// How many of them get an attached file.
    pub attachments: usize,
    /// The seed: the same seed gives byte-for-byte the same catalogue.
    pub seed: u64,
    /// Width of the photographs (height is three quarters of it). 4000 gives 12 megapixels.
    pub image_width: u32,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            records: 1000,
            attachments: 100,
            seed: 1,
            image_width: 4000,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Records written.
    pub records: usize,
    /// Attachments written.
    pub attachments: usize,
    /// Bytes of attachments written.
    pub attachment_bytes: u64,
}

/// Records saved per batch (one audit append and one folder sync per batch).
const BATCH: usize = 2000;

const ACTOR: &str = "generator";

/// Makes a new catalogue at `root` (which must not exist or be empty) and fills it.
/// `progress` is called with what is being done and (done, total).
pub fn generate(
    root: &Path,
    options: &GenerateOptions,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Generated, StoreError> {
    let cat = Catalogue::create(root, &title(options), ACTOR)?;
    fill(cat, root, options, progress)
}

/// As [`generate`], encrypted under `passphrase`; gives back the recovery key too.
pub fn generate_encrypted(
    root: &Path,
    options: &GenerateOptions,
    passphrase: &str,
    kdf: crate::durable::keyring::KdfParams,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<(Generated, crate::durable::keyring::RecoveryKey), StoreError> {
    let (cat, recovery) =
        Catalogue::create_encrypted(root, &title(options), ACTOR, passphrase, kdf)?;
    Ok((fill(cat, root, options, progress)?, recovery))
}

fn title(options: &GenerateOptions) -> String {
    format!(
        "Generated: {} records, {} photographs (seed {})",
        options.records, options.attachments, options.seed
    )
}

fn fill(
    mut cat: Catalogue,
    root: &Path,
    options: &GenerateOptions,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Generated, StoreError> {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let records = plan_records(&mut rng, options.records);
    let mut generated = Generated::default();

    // Photographs go to media records first, then to statements, several each when
    // there are more photographs than such records.
    let holders: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RecordKind::Media)
        .chain(
            records
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == RecordKind::Statement),
        )
        .map(|(i, _)| i)
        .collect();
    let mut records = records;
    if options.attachments > 0 && !holders.is_empty() {
        generated = add_photographs(
            &cat,
            root,
            options,
            &mut rng,
            &mut records,
            &holders,
            progress,
        )?;
    }

    let total = records.len();
    let mut done = 0;
    let mut pending = records.into_iter().peekable();
    while pending.peek().is_some() {
        progress("Saving records", done, total);
        let batch: Vec<Record> = pending.by_ref().take(BATCH).collect();
        done += batch.len();
        cat.put_many(batch, ACTOR)?.apply()?;
    }
    progress("Saving records", total, total);
    generated.records = total;
    Ok(generated)
}

/// Where photographs are written before they are imported.
/// Where the photographs wait to be imported: the catalogue's cache, or for an encrypted
/// catalogue the system's temp folder (nothing plain is ever written inside it).
fn scratch_dir(root: &Path, encrypted: bool) -> PathBuf {
    match encrypted {
        true => std::env::temp_dir().join(format!(
            "dossier-generate-{}",
            uuid::Uuid::now_v7().simple()
        )),
        false => root.join("cache").join("generate"),
    }
}

/// Imports `options.attachments` photographs through the same path as `dossier import`,
/// each attached to the next of `holders` in turn; says how many and how large.
fn add_photographs(
    cat: &Catalogue,
    root: &Path,
    options: &GenerateOptions,
    rng: &mut fastrand::Rng,
    records: &mut [Record],
    holders: &[usize],
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Generated, StoreError> {
    let mut generated = Generated::default();
    let scratch = scratch_dir(root, cat.is_encrypted());
    fs::create_dir_all(&scratch).map_err(|e| StoreError::io("create", &scratch, e))?;
    let pictures = draw_pictures(rng, options.image_width, options.attachments);
    let blobs = cat.blobs();
    for n in 0..options.attachments {
        progress("Importing photographs", n, options.attachments);
        let holder = holders[n % holders.len()];
        let picture = &pictures[n % pictures.len()];
        let record = &mut records[holder];
        let name = format!("IMG_{:05}.jpg", n + 1);
        let bytes = photograph(rng, picture, n, record)?;
        let file = scratch.join(&name);
        crate::durable::write_scratch(&file, &bytes)
            .map_err(|e| StoreError::io("write", &file, e))?;
        let imported = media::import_file(&blobs, &file, ACTOR, record.label, &mut |_| {});
        let _ = fs::remove_file(&file);
        let mut attachment = imported?.attachment;
        attachment.original_path = format!("/media/field-phone/DCIM/{name}");
        attachment.description = record.title.clone();
        attachment.warnings = record.warnings.clone();
        generated.attachment_bytes += attachment.size;
        generated.attachments += 1;
        record.attachments.push(attachment);
    }
    let _ = fs::remove_dir_all(&scratch);
    progress(
        "Importing photographs",
        options.attachments,
        options.attachments,
    );
    Ok(generated)
}
