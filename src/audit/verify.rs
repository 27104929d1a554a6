//! `verify`: fixity and custody checked end to end. Every record file is parsed and
//! compared with its last logged hash, every original is hashed again, the audit chain is
//! checked entry by entry, and files that are missing, changed or unknown are reported
//! with what was expected and what was found.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use jiff::Timestamp;

use super::{Action, AuditDraft};
use crate::store::{
    ATTACHMENTS_DIR, Catalogue, OpenOptions, RECORDS_DIR, StoreError, TRASH_DIR, fsx, hash_file,
};

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyProblem {
    pub path: PathBuf,
    pub what: String,
    pub expected: String,
    pub found: String,
}

impl std::fmt::Display for VerifyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}\n    expected: {}\n    found:    {}",
            self.path.display(),
            self.what,
            self.expected,
            self.found
        )
    }
}

/// How far a verification is: bytes of originals hashed so far, of all.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerifyProgress {
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// What a verification found, and how much it checked.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    pub started: Timestamp,
    pub seconds: f64,
    pub records: usize,
    pub attachments: usize,
    pub bytes_hashed: u64,
    pub entries: usize,
    /// Originals the records refer to that are not there (also listed in `problems`).
    pub missing_originals: usize,
    pub problems: Vec<VerifyProblem>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Megabytes of originals hashed per second.
    pub fn throughput_mb_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes_hashed as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }

    /// The `verified` entry that records this result in the log.
    pub fn draft(&self, actor: &str) -> AuditDraft {
        let note = if self.is_ok() {
            "no problems found".to_string()
        } else {
            format!("{} problems found", self.problems.len())
        };
        AuditDraft::new(actor, Action::Verified)
            .note(note)
            .detail("records", self.records)
            .detail("attachments", self.attachments)
            .detail("bytes_hashed", self.bytes_hashed)
            .detail("audit_entries", self.entries)
            .detail("problems", self.problems.len())
            .detail("seconds", (self.seconds * 1000.0).round() / 1000.0)
    }
}

fn problem(
    path: PathBuf,
    what: impl Into<String>,
    expected: impl Into<String>,
    found: impl Into<String>,
) -> VerifyProblem {
    VerifyProblem {
        path,
        what: what.into(),
        expected: expected.into(),
        found: found.into(),
    }
}

/// Verifies the catalogue at `root`, reading it afresh from disk (it may be open
/// elsewhere). Calls `progress` as originals are hashed, from worker threads.
pub fn verify(
    root: &Path,
    progress: &(dyn Fn(VerifyProgress) + Sync),
) -> Result<VerifyReport, StoreError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let cat = Catalogue::open(
        root,
        OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        },
    )?;
    let mut problems = Vec::new();
    for p in cat.problems() {
        problems.push(problem(
            p.path.clone(),
            "the record file cannot be read",
            "a readable record",
            match p.line {
                Some(line) => format!("line {line}: {}", p.reason),
                None => p.reason.clone(),
            },
        ));
    }
    let (entries, chain) = super::check_chain(
        &super::read_raw(root)
            .map_err(|e| StoreError::io("read", &root.join(super::AUDIT_FILE), e))?,
    );
    for c in chain {
        problems.push(problem(
            root.join(super::AUDIT_FILE),
            format!("line {}: {}", c.line, c.what),
            c.expected,
            c.found,
        ));
    }
    check_records_against_log(&cat, &mut problems);
    unknown_record_files(root, &mut problems);
    let (attachments, bytes) = check_attachments(&cat, progress, &mut problems);
    let missing_originals = cat.missing_originals().len();
    Ok(VerifyReport {
        started,
        seconds: clock.elapsed().as_secs_f64(),
        records: cat.records().len() + cat.trash().len(),
        attachments,
        bytes_hashed: bytes,
        entries: entries.len(),
        missing_originals,
        problems,
    })
}

fn check_records_against_log(cat: &Catalogue, problems: &mut Vec<VerifyProblem>) {
    let states = cat.audit().record_states();
    let mut seen = HashSet::new();
    for r in cat.records().iter().chain(cat.trash()) {
        seen.insert(r.id);
        let dir = if r.trashed.is_some() {
            TRASH_DIR
        } else {
            RECORDS_DIR
        };
        let path = cat.root().join(dir).join(format!("{}.json", r.id));
        let found = cat.file_hash(&r.id).cloned().unwrap_or_default();
        match states.get(&r.id) {
            None => problems.push(problem(
                path,
                "the record is not in the audit log (added outside Dossier, or its entries were removed)",
                "an entry for this record in audit.jsonl",
                "none",
            )),
            Some(state) if state.sha256.as_deref() != Some(found.as_str()) => problems.push(problem(
                path,
                "the record differs from its last logged version (changed outside Dossier)",
                format!(
                    "sha256 {} (entry {})",
                    state.sha256.as_deref().unwrap_or("none"),
                    state.seq
                ),
                format!("sha256 {found}"),
            )),
            Some(_) => {}
        }
    }
    let quarantined = cat.quarantined_ids();
    for (id, state) in &states {
        if seen.contains(id) || state.leaves_no_file() || quarantined.contains(id) {
            continue;
        }
        problems.push(problem(
            cat.root().join(RECORDS_DIR).join(format!("{id}.json")),
            "the record file is missing",
            format!("the record as of entry {}", state.seq),
            "no file in records/ or trash/",
        ));
    }
}

fn unknown_record_files(root: &Path, problems: &mut Vec<VerifyProblem>) {
    for dir in [RECORDS_DIR, TRASH_DIR] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if fsx::is_temp_name(&name) {
                continue;
            }
            let is_record = name
                .strip_suffix(".json")
                .is_some_and(|stem| stem.parse::<crate::model::RecordId>().is_ok());
            if !is_record {
                problems.push(problem(
                    entry.path(),
                    "an unknown file among the records",
                    "only <id>.json record files",
                    format!("'{name}'"),
                ));
            }
        }
    }
}

fn is_sha256_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Hashes every file in `attachments/` (on all cores) and checks it against its name,
/// the records that refer to it, and the log.
fn check_attachments(
    cat: &Catalogue,
    progress: &(dyn Fn(VerifyProgress) + Sync),
    problems: &mut Vec<VerifyProblem>,
) -> (usize, u64) {
    let dir = cat.root().join(ATTACHMENTS_DIR);
    // Which record refers to each original, for messages.
    let mut referenced: BTreeMap<String, (String, crate::model::RecordId)> = BTreeMap::new();
    for r in cat.records().iter().chain(cat.trash()) {
        for a in &r.attachments {
            referenced
                .entry(a.sha256.clone())
                .or_insert_with(|| (a.name.clone(), r.id));
        }
    }
    let known = cat.audit().known_attachments();
    let mut files: Vec<(PathBuf, String, u64)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if fsx::is_temp_name(&name) {
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if !is_sha256_name(&name) {
                problems.push(problem(
                    entry.path(),
                    "an unknown file among the originals",
                    "files named by their SHA-256",
                    format!("'{name}'"),
                ));
                continue;
            }
            if !referenced.contains_key(&name) && !known.contains(&name) {
                problems.push(problem(
                    entry.path(),
                    "an original that no record refers to and the log never saw imported",
                    "an original imported through Dossier",
                    "a file of unknown origin",
                ));
            }
            files.push((entry.path(), name, size));
        }
    }
    let present: HashSet<&str> = files.iter().map(|(_, n, _)| n.as_str()).collect();
    for (sha, (name, record)) in &referenced {
        if !present.contains(sha.as_str()) {
            problems.push(problem(
                dir.join(sha),
                format!("the original of '{name}' (record {record}) is missing"),
                format!("a file with sha256 {sha}"),
                "no file",
            ));
        }
    }
    let total: u64 = files.iter().map(|(_, _, s)| s).sum();
    let done = AtomicU64::new(0);
    let found = Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, name, size)) = files.get(i) else {
                        break;
                    };
                    let result = hash_file(path);
                    let bytes = done.fetch_add(*size, Ordering::Relaxed) + size;
                    progress(VerifyProgress {
                        bytes_done: bytes,
                        bytes_total: total,
                    });
                    let issue = match result {
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
                            crate::store::describe_io(&e),
                        )),
                    };
                    if let Some(p) = issue
                        && let Ok(mut f) = found.lock()
                    {
                        f.push(p);
                    }
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap_or_default();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    problems.extend(found);
    (files.len(), total)
}
