//! What the other desktops changed, decided file by file and record by record, then
//! written: logged first in this desktop's own log, then the files, through the store.
//!
//! A record only they changed is taken as its file is (byte for byte, so that every
//! desktop ends with the same files); a record both changed is merged (`merge.rs`) and
//! written anew. A record is never deleted by a sync: one deleted on one side and kept
//! or edited on the other stays. Their record files are untrusted: each is opened and
//! read as a record (with its own id) before anything is taken from it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use super::git::{Engine, SystemGit};
use super::lineage;
use super::target::{SyncTarget, record_id};
use super::{SyncError, SyncSummary};
use crate::audit::{Action, AuditDraft, AuditEntry, DEVICE_LOGS_DIR, max_clock, parse_log_file};
use crate::durable::hash_bytes;
use crate::durable::vault::Vault;
use crate::model::{Record, RecordId, Sha256};
use crate::store::merge_record;
use crate::store::{Device, FsOp, RECORDS_DIR, TRASH_DIR, WriteBatch};

/// One version of a record in one commit: where it was and its file's bytes.
#[derive(Debug, Clone, PartialEq)]
struct Version {
    in_trash: bool,
    raw: Vec<u8>,
}

/// What to do with one record.
#[derive(Debug)]
enum RecordChange {
    /// Take their file as it is.
    Take {
        id: RecordId,
        theirs: Version,
        plain_sha: Sha256,
    },
    /// Write the merged record.
    Merge {
        id: RecordId,
        record: Box<Record>,
        conflicts: Vec<String>,
        /// The SHA-256 of their version's plain file (logged: `lineage.rs`).
        theirs_sha: Sha256,
    },
}

/// Everything a sync brings in.
#[derive(Debug, Default)]
pub(super) struct Incoming {
    records: Vec<RecordChange>,
    /// Other files taken as they are (other desktops' logs, lists), relative paths.
    files: Vec<(String, Vec<u8>)>,
    /// Every record their side changed, taken or not (a sync cut short and run again
    /// finds what it took already in place: what follows from it is still to settle).
    pub changed: Vec<RecordId>,
    /// Originals the incoming records name.
    pub attachments: BTreeSet<Sha256>,
    notices: Vec<String>,
}

impl Incoming {
    /// The paths writing it changes (besides this desktop's log): every record's two
    /// places, and the other files taken.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = record_paths(&self.changed);
        paths.extend(self.files.iter().map(|(p, _)| p.clone()));
        paths
    }
}

/// Both places of each record, relative to the catalogue.
pub(super) fn record_paths(ids: &[RecordId]) -> Vec<String> {
    ids.iter()
        .flat_map(|id| [path_of(id, false), path_of(id, true)])
        .collect()
}

/// Reads what changed on their side since `base` and decides what to take and merge.
pub(super) fn incoming(
    git: &SystemGit,
    cat: &SyncTarget,
    device: &Device,
    base: Option<&str>,
    ours: Option<&str>,
    theirs: &str,
) -> Result<Incoming, SyncError> {
    let theirs_changed = git.changed_paths(base, theirs)?;
    let ours_changed: HashSet<String> = match ours {
        Some(o) => git.changed_paths(base, o)?.into_iter().collect(),
        None => HashSet::new(),
    };
    let mut found = Incoming::default();
    let mut ids = BTreeSet::new();
    let mut others = Vec::new();
    for path in theirs_changed {
        match record_id(&path) {
            Some(id) => {
                ids.insert(id);
            }
            None => {
                let both = ours_changed.contains(&path) || path == device.log;
                others.push((path, both));
            }
        }
    }
    let mut wanted: Vec<(String, String)> = Vec::new();
    for (path, both) in &others {
        wanted.push((theirs.to_string(), path.clone()));
        if let (true, Some(o)) = (both, ours) {
            wanted.push((o.to_string(), path.clone()));
        }
    }
    let mut read = git.read_files(&wanted)?.into_iter();
    for (path, both) in others {
        let t = read.next().flatten();
        let o = match (both, ours) {
            (true, Some(_)) => read.next().flatten(),
            _ => None,
        };
        settle_file(path, both, o, t, &mut found)?;
    }
    let ids: Vec<RecordId> = ids.into_iter().collect();
    found.changed.clone_from(&ids);
    let mut versions = read_versions(git, &ids, [base, ours, Some(theirs)])?;
    if let Some(b) = base {
        better_bases(git, cat, b, theirs, &ids, &mut versions)?;
    }
    for (id, [b, o, t]) in ids.into_iter().zip(versions) {
        decide(cat.vault(), id, b, o, t, &mut found);
    }
    Ok(found)
}

/// A file other than a record that their side changed: taken as it is, unless this side
/// changed it too. A log both sides have is the same chain, one side further along (a sync
/// cut short, then run again): the longer is kept. Logs that differ otherwise were
/// written by two copies of one desktop.
fn settle_file(
    path: String,
    both: bool,
    ours: Option<Vec<u8>>,
    theirs: Option<Vec<u8>>,
    found: &mut Incoming,
) -> Result<(), SyncError> {
    // Deleted on their side: a sync never deletes.
    let Some(t) = theirs else { return Ok(()) };
    if !both {
        found.files.push((path, t));
        return Ok(());
    }
    let o = ours.unwrap_or_default();
    if o == t || (is_log(&path) && o.starts_with(&t)) {
        return Ok(());
    }
    if is_log(&path) {
        if t.starts_with(&o) {
            found.files.push((path, t));
            return Ok(());
        }
        return Err(SyncError::SharedLog { file: path });
    }
    found.notices.push(format!(
        "{path} was changed on both desktops: this desktop's version is kept"
    ));
    Ok(())
}

fn is_log(path: &str) -> bool {
    path == crate::audit::AUDIT_FILE || path.starts_with(&format!("{DEVICE_LOGS_DIR}/"))
}

fn path_of(id: &RecordId, in_trash: bool) -> String {
    let dir = if in_trash { TRASH_DIR } else { RECORDS_DIR };
    format!("{dir}/{id}.json")
}

/// Each record's version in each of the three commits, read in one pass.
fn read_versions(
    git: &SystemGit,
    ids: &[RecordId],
    commits: [Option<&str>; 3],
) -> Result<Vec<[Option<Version>; 3]>, SyncError> {
    let mut wanted = Vec::new();
    for id in ids {
        for commit in commits.iter().flatten() {
            for in_trash in [false, true] {
                wanted.push((commit.to_string(), path_of(id, in_trash)));
            }
        }
    }
    let mut read = git.read_files(&wanted)?.into_iter();
    let mut out = Vec::with_capacity(ids.len());
    for _ in ids {
        let mut three: [Option<Version>; 3] = [None, None, None];
        for (slot, commit) in three.iter_mut().zip(commits) {
            if commit.is_none() {
                continue;
            }
            let live = read.next().flatten();
            let trashed = read.next().flatten();
            *slot = match (live, trashed) {
                (Some(raw), _) => Some(Version {
                    in_trash: false,
                    raw,
                }),
                (None, Some(raw)) => Some(Version {
                    in_trash: true,
                    raw,
                }),
                (None, None) => None,
            };
        }
        out.push(three);
    }
    Ok(out)
}

/// Past this many records changed on both sides, the merge base is used as it is.
const LINEAGE_AT_MOST: usize = 200;

/// For each record both sides changed since `base`, the version of theirs that this
/// desktop's own log says its version was taken or merged from, when the other side's
/// history since `base` holds it (`lineage.rs`): that version becomes the record's base.
fn better_bases(
    git: &SystemGit,
    cat: &SyncTarget,
    base: &str,
    theirs: &str,
    ids: &[RecordId],
    versions: &mut [[Option<Version>; 3]],
) -> Result<(), SyncError> {
    let mut wanted = HashMap::new();
    cat.audit().with_entries(|entries| {
        for (id, [b, o, t]) in ids.iter().zip(versions.iter()) {
            let (Some(o), Some(t)) = (o, t) else { continue };
            if o == t || b.as_ref() == Some(o) || b.as_ref() == Some(t) {
                continue;
            }
            let Ok((_, sha)) = open_version(cat.vault(), id, o) else {
                continue;
            };
            if let Some(from) = lineage::taken_from(entries, id, &sha) {
                wanted.insert(*id, from);
            }
        }
    });
    if wanted.is_empty() || wanted.len() > LINEAGE_AT_MOST {
        return Ok(());
    }
    let picked: Vec<RecordId> = wanted.keys().copied().collect();
    let commits = git.commits_touching(base, theirs, &record_paths(&picked))?;
    let mut pairs = Vec::new();
    for commit in &commits {
        for id in &picked {
            for in_trash in [false, true] {
                pairs.push((commit.clone(), path_of(id, in_trash)));
            }
        }
    }
    let mut read = git.read_files(&pairs)?.into_iter();
    let mut found: HashMap<RecordId, Vec<(Sha256, Version)>> = HashMap::new();
    for _ in &commits {
        for id in &picked {
            let (live, trashed) = (read.next().flatten(), read.next().flatten());
            let version = match (live, trashed) {
                (Some(raw), _) => Version {
                    in_trash: false,
                    raw,
                },
                (None, Some(raw)) => Version {
                    in_trash: true,
                    raw,
                },
                (None, None) => continue,
            };
            if let Ok((_, sha)) = open_version(cat.vault(), id, &version) {
                found.entry(*id).or_default().push((sha, version));
            }
        }
    }
    let better = lineage::pick(&wanted, &found);
    for (id, three) in ids.iter().zip(versions.iter_mut()) {
        if let Some(v) = better.get(id) {
            three[0] = Some(v.clone());
        }
    }
    Ok(())
}

/// Opens and reads one version as a record, checking it is the record its name says.
/// The record and the SHA-256 of its plain file (what the logs name).
fn open_version(vault: &Vault, id: &RecordId, v: &Version) -> Result<(Record, Sha256), String> {
    let path = vault.root().join(path_of(id, v.in_trash));
    let plain = vault.open_slice(&path, &v.raw).map_err(|e| e.to_string())?;
    let record = Record::from_json(&plain).map_err(|e| e.to_string())?;
    if record.id != *id {
        return Err(format!("it holds record {}, not {id}", record.id));
    }
    Ok((record, hash_bytes(&plain)))
}

/// Decides one record: take theirs, merge, or keep ours.
fn decide(
    vault: &Vault,
    id: RecordId,
    base: Option<Version>,
    ours: Option<Version>,
    theirs: Option<Version>,
    found: &mut Incoming,
) {
    let Some(t) = theirs else { return }; // deleted there: never deleted by a sync
    if ours.as_ref() == Some(&t) || base.as_ref() == Some(&t) {
        return;
    }
    let (their_record, plain_sha) = match open_version(vault, &id, &t) {
        Ok(read) => read,
        Err(why) => {
            found.notices.push(format!(
                "{} from the other desktop cannot be read ({}): this desktop's version is kept",
                path_of(&id, t.in_trash),
                crate::text::one_line(&why)
            ));
            return;
        }
    };
    found
        .attachments
        .extend(their_record.attachments.iter().map(|a| a.sha256.clone()));
    let ours_record = match &ours {
        Some(o) if base.as_ref() != Some(o) => open_version(vault, &id, o).ok().map(|(r, _)| r),
        _ => None,
    };
    let Some(ours_record) = ours_record else {
        found.records.push(RecordChange::Take {
            id,
            theirs: t,
            plain_sha,
        });
        return;
    };
    let base_record = base
        .as_ref()
        .and_then(|b| open_version(vault, &id, b).ok())
        .map(|(r, _)| r);
    let merged = merge_record(base_record.as_ref(), &ours_record, &their_record);
    found.notices.extend(merged.notices);
    found.records.push(RecordChange::Merge {
        id,
        record: Box::new(merged.record),
        conflicts: merged.new_conflicts,
        theirs_sha: plain_sha,
    });
}

/// Logs, then writes, what `incoming` decided; counts it into `summary`.
pub(super) fn write_incoming(
    cat: &SyncTarget,
    found: Incoming,
    actor: &str,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let root = cat.root();
    let raw = Vault::plain(root);
    let logs: Vec<Vec<AuditEntry>> = found
        .files
        .iter()
        .filter(|(p, _)| is_log(p))
        .map(|(p, b)| parse_log_file(b, cat.vault(), p).entries)
        .collect();
    let held = super::held::held_elsewhere(&logs);
    let (drafts, files, removals) = record_writes(cat, found.records, &held, actor, summary);
    // This desktop's entries come after every entry that arrives with them.
    cat.audit().observe_clock(max_clock(logs.iter().flatten()));
    let mut batch = cat.log(drafts);
    batch.extend(files);
    for path in removals.into_iter().filter(|p| p.exists()) {
        batch.push(FsOp::Remove { path });
    }
    // Other desktops' logs last: what they vouch for is on disk by then.
    for (path, bytes) in found.files {
        let path: PathBuf = root.join(&path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
        }
        batch.push(FsOp::Write {
            path,
            bytes,
            vault: raw.clone(),
        });
    }
    batch.apply()?;
    summary.notices.extend(found.notices);
    Ok(())
}

/// The entries and the writes for the records a sync changes: what is taken is written
/// as it came (byte for byte), what is merged is written through the catalogue's vault.
fn record_writes(
    cat: &SyncTarget,
    records: Vec<RecordChange>,
    held: &HashSet<RecordId>,
    actor: &str,
    summary: &mut SyncSummary,
) -> (Vec<AuditDraft>, WriteBatch, Vec<PathBuf>) {
    let root = cat.root();
    let raw = Vault::plain(root);
    let mut drafts = Vec::new();
    let mut files = WriteBatch::new("sync");
    let mut removals = Vec::new();
    for change in records {
        match change {
            RecordChange::Take {
                id,
                theirs,
                plain_sha,
            } => {
                summary.received += 1;
                drafts.push(match held.contains(&id) {
                    true => super::held::held_draft(cat, id, plain_sha, actor),
                    false => AuditDraft::new(actor, Action::ReceivedBySync)
                        .record(id, Some(plain_sha))
                        .note("as another desktop left it"),
                });
                removals.push(root.join(path_of(&id, !theirs.in_trash)));
                files.push(FsOp::Write {
                    path: root.join(path_of(&id, theirs.in_trash)),
                    bytes: theirs.raw,
                    vault: raw.clone(),
                });
            }
            RecordChange::Merge {
                id,
                record,
                conflicts,
                theirs_sha,
            } => {
                summary.merged += 1;
                summary.conflicts += conflicts.len();
                if !conflicts.is_empty() {
                    summary.conflicted.push((id, conflicts.clone()));
                }
                let bytes = record.to_json();
                let mut draft = match held.contains(&id) {
                    true => super::held::held_draft(cat, id, hash_bytes(&bytes), actor),
                    false => AuditDraft::new(actor, Action::MergedBySync)
                        .record(id, Some(hash_bytes(&bytes)))
                        .detail(lineage::THEIRS_DETAIL, theirs_sha.as_str()),
                };
                if !conflicts.is_empty() {
                    if !held.contains(&id) {
                        draft = draft.note(format!("in conflict: {}", conflicts.join(", ")));
                    }
                    draft = draft.detail("conflicts", conflicts.clone());
                }
                drafts.push(draft);
                let in_trash = record.trashed.is_some();
                removals.push(root.join(path_of(&id, !in_trash)));
                files.push(FsOp::Write {
                    path: root.join(path_of(&id, in_trash)),
                    bytes,
                    vault: cat.vault().clone(),
                });
            }
        }
    }
    (drafts, files, removals)
}
