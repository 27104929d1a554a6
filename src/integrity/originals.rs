//! The originals in `attachments/`: each named by its SHA-256, each hashed again (on all
//! cores) and checked against its name, the records that refer to it, and the log.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use super::problem::{VerifyProblem, VerifyProgress, problem};
use crate::durable::is_temp_name;
use crate::model::{RecordId, Sha256, is_sha256_text};
use crate::store::{BlobStore, Catalogue};

/// One original found in `attachments/`: where it is, the hash its name claims, its size.
type Original = (PathBuf, Sha256, u64);

/// Hashes every file in `attachments/` (on all cores) and checks it against its name,
/// the records that refer to it, and the log.
pub(super) fn check_attachments(
    cat: &Catalogue,
    progress: &(dyn Fn(VerifyProgress) + Sync),
    problems: &mut Vec<VerifyProblem>,
) -> (usize, u64) {
    let blobs = cat.blobs();
    let referenced = referenced_originals(cat);
    let known = cat.audit().known_attachments();
    let (files, unknown) = list_originals(&blobs, &referenced, &known, problems);
    report_unknown(cat, unknown, known, problems);
    report_missing(&blobs, &referenced, &files, problems);
    let total: u64 = files.iter().map(|(_, _, s)| s).sum();
    problems.extend(hash_originals(&blobs, &files, total, progress));
    (files.len(), total)
}

/// Which record refers to each original (the first one found), for messages.
fn referenced_originals(cat: &Catalogue) -> BTreeMap<Sha256, (String, RecordId)> {
    let mut referenced = BTreeMap::new();
    for r in cat.records().iter().chain(cat.trash()) {
        for a in &r.attachments {
            referenced
                .entry(a.sha256.clone())
                .or_insert_with(|| (a.name.clone(), r.id));
        }
    }
    referenced
}

/// The originals in the store's folder named by a SHA-256 (in an encrypted catalogue: by
/// the keyed hash of one a record or the log knows), and the paths that neither a record
/// nor the log knows. Anything else in the folder is reported as a problem.
fn list_originals(
    blobs: &BlobStore,
    referenced: &BTreeMap<Sha256, (String, RecordId)>,
    known: &HashSet<Sha256>,
    problems: &mut Vec<VerifyProblem>,
) -> (Vec<Original>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut unknown = Vec::new();
    let names = blobs.names(referenced.keys().chain(known));
    let Ok(entries) = std::fs::read_dir(blobs.dir()) else {
        return (files, unknown);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temp_name(&name) {
            continue;
        }
        let sha = match names.get(&name) {
            Some(sha) => Some(sha.clone()),
            None if blobs.is_sealed() && is_sha256_text(&name) => {
                // A keyed name nobody knows: its bytes cannot be checked against it.
                unknown.push(entry.path());
                continue;
            }
            None => is_sha256_text(&name)
                .then(|| Sha256::parse(&name).ok())
                .flatten(),
        };
        let Some(sha) = sha else {
            problems.push(problem(
                entry.path(),
                "an unknown file among the originals",
                "files named by their SHA-256",
                format!("'{}'", name.escape_debug()),
            ));
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            problems.push(problem(
                entry.path(),
                "an original that is not a plain file (a link, or a folder, in its place)",
                "the original's bytes in a plain file",
                "a symbolic link or another kind of entry, which Dossier never follows",
            ));
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        if !referenced.contains_key(&sha) && !known.contains(&sha) {
            unknown.push(entry.path());
        }
        files.push((entry.path(), sha, size));
    }
    (files, unknown)
}

/// Reports the originals of unknown origin, after giving an import in progress elsewhere
/// (which copies the original first and logs it next) a moment to log it.
fn report_unknown(
    cat: &Catalogue,
    unknown: Vec<PathBuf>,
    mut known: HashSet<Sha256>,
    problems: &mut Vec<VerifyProblem>,
) {
    if unknown.is_empty() {
        return;
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    if let Ok(log) = crate::store::Device::load_logs(cat.vault()) {
        known = log.known_attachments();
    }
    let names = cat.blobs().names(&known);
    for path in unknown {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if names.contains_key(name.as_ref()) {
            continue;
        }
        problems.push(problem(
            path.clone(),
            "an original that no record refers to and the log never saw imported",
            "an original imported through Dossier",
            "a file of unknown origin",
        ));
    }
}

/// Reports each original a record refers to that is not in the folder.
fn report_missing(
    blobs: &BlobStore,
    referenced: &BTreeMap<Sha256, (String, RecordId)>,
    files: &[Original],
    problems: &mut Vec<VerifyProblem>,
) {
    let present: HashSet<&Sha256> = files.iter().map(|(_, n, _)| n).collect();
    for (sha, (name, record)) in referenced {
        if !present.contains(sha) {
            problems.push(problem(
                blobs.path_of(sha),
                format!("the original of '{name}' (record {record}) is missing"),
                format!("a file with sha256 {sha}"),
                "no file",
            ));
        }
    }
}

/// Hashes the originals on all cores; the problems come back sorted by path.
fn hash_originals(
    blobs: &BlobStore,
    files: &[Original],
    total: u64,
    progress: &(dyn Fn(VerifyProgress) + Sync),
) -> Vec<VerifyProblem> {
    let done = AtomicU64::new(0);
    let hashed = crate::parallel::pieces(
        files,
        1,
        |(path, name, size)| {
            let result = blobs.hash_stored(path);
            let bytes = done.fetch_add(*size, Ordering::Relaxed) + size;
            progress(VerifyProgress {
                bytes_done: bytes,
                bytes_total: total,
            });
            match result {
                Ok(actual) if actual == *name => None,
                Ok(actual) => Some(problem(
                    path.clone(),
                    "the original has changed",
                    format!("sha256 {name}"),
                    format!("sha256 {actual}"),
                )),
                Err(e) => Some(problem(
                    path.clone(),
                    "the original cannot be read",
                    "readable bytes",
                    crate::durable::describe_io(&e),
                )),
            }
        },
        &|_| {},
    );
    let mut found: Vec<VerifyProblem> = hashed.into_iter().flatten().flatten().collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}
