//! `verify`: fixity and custody checked end to end. Every record file is parsed and
//! compared with its last logged hash, every original is hashed again, the audit chain is
//! checked entry by entry, and files that are missing, changed or unknown are reported
//! with what was expected and what was found.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;

use super::problem::{VerifyProblem, VerifyProgress, problem};
use crate::audit::{self, Action, AuditDraft, AuditLog, ChainHead};
use crate::durable::keyring::Secret;
use crate::durable::vault::Vault;
use crate::durable::{hash_bytes, is_temp_name};
use crate::model::{RecordId, Sha256};
use crate::store::{Catalogue, OpenOptions, RECORDS_DIR, StoreError, TRASH_DIR};

/// What a verification found, and how much it checked.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    /// When the verification began.
    pub started: Timestamp,
    /// How long it took.
    pub seconds: f64,
    /// Record files checked.
    pub records: usize,
    /// Originals hashed.
    pub attachments: usize,
    /// Bytes of originals hashed.
    pub bytes_hashed: u64,
    /// Audit entries checked.
    pub entries: usize,
    /// Originals the records refer to that are not there (also listed in `problems`).
    pub missing_originals: usize,
    /// Everything found wrong, with what was expected and found.
    pub problems: Vec<VerifyProblem>,
    /// How far the chain went when it was checked (entries, hash of the last).
    pub head: ChainHead,
}

impl VerifyReport {
    /// True when nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Checks that the log verified here extends `earlier`, a chain head given out before
    /// (with a package, or by an earlier verify): the entry it names must still be there
    /// with the same hash. A log rewritten since (entries altered and re-chained, removed)
    /// fails, and the failure is added to the problems.
    pub fn check_against(&mut self, vault: &Vault, earlier: &ChainHead) {
        let root = vault.root();
        let own = crate::store::Device::log_of(root);
        let log = root.join(&own);
        let at = |file: &str, bytes: &[u8]| {
            let (entries, _) = audit::check_chain_of(bytes, vault, file);
            entries
                .into_iter()
                .find(|e| e.seq == earlier.entries)
                .map(|e| e.hash)
        };
        let found = match std::fs::read(&log) {
            // A head given out before the catalogue synced is in `audit.jsonl`, which
            // this desktop's own log continues.
            Ok(bytes) => match at(&own, &bytes) {
                Some(hash) if hash == earlier.hash => Some(hash),
                mine if own != audit::AUDIT_FILE => std::fs::read(root.join(audit::AUDIT_FILE))
                    .ok()
                    .and_then(|legacy| at(audit::AUDIT_FILE, &legacy))
                    .filter(|h| *h == earlier.hash)
                    .or(mine),
                mine => mine,
            },
            Err(e) => {
                self.problems.push(problem(
                    log,
                    "the audit log cannot be read to compare it with the chain head",
                    format!("entry {} with hash {}", earlier.entries, earlier.hash),
                    crate::durable::describe_io(&e),
                ));
                return;
            }
        };
        match found {
            Some(hash) if hash == earlier.hash => {}
            Some(hash) => self.problems.push(problem(
                log,
                format!(
                    "the audit log does not extend the chain head given out earlier: entry {} was rewritten",
                    earlier.entries
                ),
                format!("entry {} with hash {}", earlier.entries, earlier.hash),
                format!("entry {} with hash {hash}", earlier.entries),
            )),
            None => self.problems.push(problem(
                log,
                format!(
                    "the audit log does not extend the chain head given out earlier: it has no entry {}",
                    earlier.entries
                ),
                format!("entry {} with hash {}", earlier.entries, earlier.hash),
                format!("{} entries", self.head.entries),
            )),
        }
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
            .detail("chain_head", self.head.to_string())
    }
}

/// Verifies the catalogue at `root`, reading it afresh from disk (it may be open
/// elsewhere); `secret` opens it when it is encrypted. Calls `progress` as originals are
/// hashed, from worker threads.
pub fn verify(
    root: &Path,
    secret: Option<Secret>,
    progress: &(dyn Fn(VerifyProgress) + Sync),
) -> Result<VerifyReport, StoreError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let cat = Catalogue::open(
        root,
        OpenOptions {
            read_only: true,
            secret,
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
    let own = cat.audit().file();
    let mut entries = Vec::new();
    let mut files = audit::log_files(root).map_err(|e| StoreError::io("read", root, e))?;
    if !files.contains(&own) {
        files.push(own.clone());
    }
    for file in files {
        let path = root.join(&file);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(StoreError::io("read", &path, e)),
        };
        let (found, chain) = audit::check_chain_of(&bytes, cat.vault(), &file);
        if file == own {
            entries = found;
        }
        for c in chain {
            problems.push(problem(
                path.clone(),
                format!("line {}: {}", c.line, c.what),
                c.expected,
                c.found,
            ));
        }
    }
    check_records_against_log(&cat, &mut problems);
    check_outside_changes(&cat, &mut problems);
    unknown_record_files(root, &mut problems);
    let (attachments, bytes) = super::originals::check_attachments(&cat, progress, &mut problems);
    let missing_originals = cat.missing_originals().len();
    let head = entries.last().map_or_else(
        || ChainHead {
            entries: 0,
            hash: audit::genesis(),
        },
        |e| ChainHead {
            entries: e.seq,
            hash: e.hash.clone(),
        },
    );
    Ok(VerifyReport {
        head,
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

/// How long verify keeps looking at a record that disagrees with the log before calling
/// it a problem: a save in progress elsewhere (the log is written first, then the file)
/// settles within milliseconds; a change made outside Dossier does not.
const SETTLE_WAITS_MS: [u64; 9] = [0, 10, 20, 40, 80, 160, 320, 640, 1280];

/// A log entry younger than this may belong to a save whose file is still being written.
const IN_FLIGHT: std::time::Duration = std::time::Duration::from_secs(3);

fn check_records_against_log(cat: &Catalogue, problems: &mut Vec<VerifyProblem>) {
    let states = cat.audit().record_states();
    let mut seen = HashSet::new();
    let mut suspects: Vec<(RecordId, PathBuf)> = Vec::new();
    for r in cat.records().iter().chain(cat.trash()) {
        seen.insert(r.id);
        let dir = if r.trashed.is_some() {
            TRASH_DIR
        } else {
            RECORDS_DIR
        };
        let path = cat.root().join(dir).join(format!("{}.json", r.id));
        let found = cat.file_hash(&r.id);
        let logged = states.get(&r.id).and_then(|s| s.sha256.as_ref());
        if found.is_none() || found != logged {
            suspects.push((r.id, path));
        }
    }
    let quarantined = cat.quarantined_ids();
    for (id, state) in &states {
        if seen.contains(id) || state.leaves_no_file() || quarantined.contains(id) {
            continue;
        }
        suspects.push((*id, cat.root().join(RECORDS_DIR).join(format!("{id}.json"))));
    }
    let began = cat.audit().head().entries;
    for (id, path, found, state) in settle(cat.vault(), suspects, began) {
        if found.is_none()
            && let Some((seq, Some(_))) = state
        {
            problems.push(problem(
                path,
                "the record file is missing",
                format!("the record as of entry {seq}"),
                "no file in records/ or trash/",
            ));
            continue;
        }
        problems.push(match state {
            None => problem(
                path,
                "the record is not in the audit log (added outside Dossier, or its entries were removed)",
                "an entry for this record in audit.jsonl",
                "none",
            ),
            Some((seq, logged)) => problem(
                path,
                format!("record {id} differs from its last logged version (changed outside Dossier)"),
                format!(
                    "sha256 {} (entry {seq})",
                    logged.as_ref().map_or("none".to_string(), Sha256::to_string)
                ),
                format!(
                    "sha256 {}",
                    found.as_ref().map_or("unreadable".to_string(), Sha256::to_string)
                ),
            ),
        });
    }
}

/// A record that still disagrees with the log after saves in progress had time to land:
/// (id, file, its SHA-256 now, the log's last state of it (entry, SHA-256)).
type Unsettled = (
    RecordId,
    PathBuf,
    Option<Sha256>,
    Option<(u64, Option<Sha256>)>,
);

/// Looks again at records that disagreed with the log (whose last entry was `began` when
/// verify started), and returns those that still disagree once saves in progress had time
/// to land. Each file is read before the log: a file a save wrote is then always in the
/// log read after it, and it is as the log says unless later saves, which began after
/// verify did, are still landing.
fn settle(vault: &Vault, mut suspects: Vec<(RecordId, PathBuf)>, began: u64) -> Vec<Unsettled> {
    let root = vault.root();
    let mut last = Vec::new();
    // The log as last read, with its length: read again only when it grew.
    let mut log: Option<(u64, AuditLog)> = None;
    let mut before: Option<Vec<Option<Sha256>>> = None;
    for wait in SETTLE_WAITS_MS {
        if suspects.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(wait));
        let found: Vec<Option<Sha256>> = suspects
            .iter()
            .map(|(_, path)| {
                // A record may have moved between records/ and trash/ meanwhile.
                vault
                    .read(path)
                    .or_else(|_| vault.read(&other_folder(root, path)))
                    .ok()
                    .map(|b| hash_bytes(&b))
            })
            .collect();
        let len =
            std::fs::metadata(root.join(crate::store::Device::log_of(root))).map_or(0, |m| m.len());
        let grew = log.as_ref().is_none_or(|(l, _)| *l != len);
        if !grew && before.as_ref() == Some(&found) && !in_flight(log.as_ref(), &suspects) {
            // Nothing is landing: what disagrees now will go on disagreeing.
            break;
        }
        if grew {
            match crate::store::Device::load_logs(vault) {
                Ok(fresh) => log = Some((len, fresh)),
                Err(_) => break,
            }
        }
        let Some((_, current)) = &log else { break };
        let states = current.record_states();
        last.clear();
        let mut answers = found.iter();
        suspects.retain(|(id, path)| {
            let found = answers.next().cloned().flatten();
            let state = states.get(id).map(|s| (s.seq, s.sha256.clone()));
            let agrees = match (&found, &state) {
                (Some(file), Some((_, logged))) => {
                    logged.as_ref() == Some(file) || landing(current, id, file, began)
                }
                _ => false,
            };
            if !agrees {
                last.push((*id, path.clone(), found, state));
            }
            !agrees
        });
        before = Some(last.iter().map(|(_, _, found, _)| found.clone()).collect());
    }
    last
}

/// True when one of the records was logged a moment ago: its file may still be on its way.
fn in_flight(log: Option<&(u64, AuditLog)>, suspects: &[(RecordId, PathBuf)]) -> bool {
    let Some((_, log)) = log else { return true };
    let now = jiff::Timestamp::now();
    suspects.iter().any(|(id, _)| {
        log.own_for_record(id)
            .first()
            .is_some_and(|e| now.duration_since(e.time).unsigned_abs().lt(&IN_FLIGHT))
    })
}

/// True when `file` is a version of record `id` the log has, and every entry for it after
/// that one was written after verify began (`began`): saves still landing.
fn landing(log: &AuditLog, id: &RecordId, file: &Sha256, began: u64) -> bool {
    let entries = log.own_for_record(id);
    let Some(at) = entries
        .iter()
        .find(|e| e.record_sha256.as_ref() == Some(file))
    else {
        return false;
    };
    entries
        .iter()
        .filter(|e| e.seq > at.seq)
        .all(|e| e.seq > began)
}

fn other_folder(root: &Path, path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default();
    if path.parent().is_some_and(|p| p.ends_with(TRASH_DIR)) {
        root.join(RECORDS_DIR).join(name)
    } else {
        root.join(TRASH_DIR).join(name)
    }
}

/// Changes made outside Dossier that were logged but that no one has accepted for review
/// or undone: reported every time, until a person decides.
fn check_outside_changes(cat: &Catalogue, problems: &mut Vec<VerifyProblem>) {
    for change in cat.outside_changes() {
        let Some(seq) = change.logged_at else {
            // Not logged yet: the comparison with the log above reports it.
            continue;
        };
        let in_trash = cat.get(&change.record).is_none();
        let dir = if in_trash { TRASH_DIR } else { RECORDS_DIR };
        problems.push(problem(
            cat.root().join(dir).join(format!("{}.json", change.record)),
            format!(
                "record {} was changed outside Dossier (logged at entry {seq}) and no one has decided about it",
                change.record
            ),
            "the change accepted for review, or the logged version restored (dossier resolve)",
            match &change.previous {
                Some((prev, _)) => format!(
                    "sha256 {} instead of the version logged at entry {prev}",
                    change.found
                ),
                None => format!("sha256 {}, a record the log never had", change.found),
            },
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
            if is_temp_name(&name) {
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
