//! The chain of custody: `audit.jsonl`, one entry per action on the evidence.
//!
//! Each entry holds the hash of the entry before it and its own hash (SHA-256 over its
//! canonical JSON), so a removed, reordered or altered entry is detectable. Entries are
//! only ever appended. Changes are written ahead: a change's entries reach the disk before
//! the record they describe, and each entry carries the SHA-256 of the record file it
//! produces, so a crash between the two is found (and logged) when the catalogue opens.
//!
//! Nothing here knows about the GUI. The private notes' values never enter the log: only
//! a salted hash of them does.

mod changes;
mod relink;
mod verify;

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{RecordId, Sha256};
use crate::store::{StoreError, fsx, hash_bytes};

pub use changes::{content_changed, drafts_for_put, salted_hash};
pub use relink::{RelinkReport, relink};
pub use verify::{VerifyProblem, VerifyProgress, VerifyReport, verify};

pub const AUDIT_FILE: &str = "audit.jsonl";

/// The `prev` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The detail on the first entry of an append of several entries: how many it wrote.
pub const BATCH_DETAIL: &str = "batch";

/// How far a chain goes: its number of entries and the hash of its last entry. Given out
/// with every package and every verification, so that a log rewritten later is caught:
/// the rewritten log no longer has this hash at this entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub entries: u64,
    pub hash: Sha256,
}

impl std::fmt::Display for ChainHead {
    /// `ENTRIES:HASH`, the form `dossier verify --against` takes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.entries, self.hash)
    }
}

impl std::str::FromStr for ChainHead {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "'{}' is not a chain head; it is written ENTRIES:SHA256, as verify and packages print it",
                s.escape_debug()
            )
        };
        let (n, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        Ok(ChainHead {
            entries: n.trim().parse().map_err(|_| bad())?,
            hash: Sha256::parse(hash.trim()).map_err(|_| bad())?,
        })
    }
}

/// [`GENESIS`] as a hash.
pub fn genesis() -> Sha256 {
    Sha256::from_digest(&[0; 32])
}

crate::model::vocabulary! {
    /// What an entry records.
    Action, "audit action" {
        CatalogueCreated = "catalogue-created", "Catalogue created";
        Baseline = "baseline", "Entered in the log";
        Created = "created", "Created";
        Edited = "edited", "Edited";
        LabelChanged = "label-changed", "Label changed";
        ReviewChanged = "review-changed", "Review state changed";
        AttachmentImported = "attachment-imported", "Attachment imported";
        AttachmentEdited = "attachment-edited", "Attachment edited";
        AttachmentRemoved = "attachment-removed", "Attachment removed";
        Trashed = "trashed", "Moved to the trash";
        Restored = "restored", "Restored from the trash";
        Deleted = "deleted", "Deleted for good";
        Disclosed = "disclosed", "Disclosed";
        Verified = "verified", "Catalogue verified";
        Relinked = "relinked", "Missing original restored";
        Repaired = "repaired", "Repaired";
        RecipientsChanged = "recipients-changed", "Recipients changed";
        PackageReceived = "package-received", "Package received";
        Merged = "merged", "Merged with a duplicate";
        Exported = "exported", "Exported";
        ChangedOutside = "changed-outside", "Changed outside Dossier";
        OutsideChangeAccepted = "outside-change-accepted", "Outside change accepted for review";
        LoggedVersionRestored = "logged-version-restored", "Logged version restored";
        CatalogueChanged = "catalogue-changed", "Catalogue details changed";
    }
}

/// One field a change touched. Values are given for short controlled fields (label, review,
/// verification, kind, date); for private notes only a salted hash of the new value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
    /// Salted SHA-256 of the new value, as `salt:hash` (private notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salted_sha256: Option<String>,
}

impl Change {
    pub fn field(name: &str) -> Change {
        Change {
            field: name.to_string(),
            from: None,
            to: None,
            salted_sha256: None,
        }
    }
}

/// An entry as stored: what happened, and its place in the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub time: Timestamp,
    pub actor: String,
    pub action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordId>,
    /// SHA-256 of the attachment the action was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Sha256>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// SHA-256 of the record file as this action left it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_sha256: Option<Sha256>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, Value>,
    /// The hash of the entry before this one ([`GENESIS`] for the first).
    pub prev: Sha256,
    /// SHA-256 of this entry's canonical JSON without this field.
    pub hash: Sha256,
}

impl AuditEntry {
    /// The hash this entry should have.
    pub fn compute_hash(&self) -> Sha256 {
        let mut value = serde_json::to_value(self).expect("an entry always serialises");
        if let Value::Object(map) = &mut value {
            map.remove("hash");
        }
        hash_bytes(canonical_json(&value).as_bytes())
    }

    /// The line the log holds for this entry (canonical JSON, newline-terminated).
    pub fn to_line(&self) -> String {
        let value = serde_json::to_value(self).expect("an entry always serialises");
        let mut line = canonical_json(&value);
        line.push('\n');
        line
    }

    /// What changed, in words: `label: TLP:AMBER -> TLP:RED`, `Changed: title, place`,
    /// the file's name for attachment actions, and the note. Empty when there is nothing
    /// beyond the action itself.
    pub fn detail_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(Value::String(name)) = self.details.get("name") {
            parts.push(format!("'{name}'"));
        }
        let (valued, named): (Vec<&Change>, Vec<&Change>) =
            self.changes.iter().partition(|c| c.to.is_some());
        for c in valued {
            parts.push(match (&c.from, &c.to) {
                (Some(f), Some(t)) => format!("{}: {} -> {}", c.field, plain(f), plain(t)),
                (_, Some(t)) => format!("{}: {}", c.field, plain(t)),
                _ => c.field.clone(),
            });
        }
        if !named.is_empty() {
            let fields: Vec<&str> = named.iter().map(|c| c.field.as_str()).collect();
            if self.action == Action::Edited {
                parts.push(fields.join(", "));
            } else {
                parts.push(format!("changed {}", fields.join(", ")));
            }
        }
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        parts.join("; ")
    }

    /// One line for people: `Label changed: label: TLP:AMBER -> TLP:RED`.
    pub fn summary(&self) -> String {
        let detail = self.detail_text();
        if detail.is_empty() {
            self.action.name().to_string()
        } else {
            format!("{}: {detail}", self.action.name())
        }
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}

/// JSON with object keys sorted at every level and no spaces: the same entry always gives
/// the same bytes, whatever order a serializer would choose.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).expect("a string serialises"));
                out.push(':');
                write_canonical(&map[key.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// An entry before it has a place in the chain: what happened, by whom, when.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditDraft {
    pub time: Timestamp,
    pub actor: String,
    pub action: Action,
    pub record: Option<RecordId>,
    pub attachment: Option<Sha256>,
    pub changes: Vec<Change>,
    pub record_sha256: Option<Sha256>,
    pub note: String,
    pub details: BTreeMap<String, Value>,
}

impl AuditDraft {
    pub fn new(actor: &str, action: Action) -> Self {
        AuditDraft {
            time: Timestamp::now(),
            actor: actor.to_string(),
            action,
            record: None,
            attachment: None,
            changes: Vec::new(),
            record_sha256: None,
            note: String::new(),
            details: BTreeMap::new(),
        }
    }

    pub fn record(mut self, id: RecordId, sha256: Option<Sha256>) -> Self {
        self.record = Some(id);
        self.record_sha256 = sha256;
        self
    }

    pub fn attachment(mut self, sha256: &Sha256) -> Self {
        self.attachment = Some(sha256.clone());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    pub fn detail(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_string(), value.into());
        self
    }

    pub fn change(mut self, change: Change) -> Self {
        self.changes.push(change);
        self
    }
}

/// Which entries a log view shows. Empty fields match everything; dates are UTC days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    /// A part of the actor's name, any case.
    pub actor: String,
    pub action: Option<Action>,
    pub since: Option<jiff::civil::Date>,
    pub until: Option<jiff::civil::Date>,
}

impl LogFilter {
    pub fn matches(&self, e: &AuditEntry) -> bool {
        let day = e.time.to_zoned(jiff::tz::TimeZone::UTC).date();
        (self.actor.trim().is_empty()
            || e.actor
                .to_lowercase()
                .contains(&self.actor.trim().to_lowercase()))
            && self.action.is_none_or(|a| a == e.action)
            && self.since.is_none_or(|d| day >= d)
            && self.until.is_none_or(|d| day <= d)
    }
}

/// Something wrong with the log itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainProblem {
    /// 1-based line in `audit.jsonl`.
    pub line: usize,
    pub what: String,
    pub expected: String,
    pub found: String,
}

impl std::fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{AUDIT_FILE}:{}: {}: expected {}, found {}",
            self.line, self.what, self.expected, self.found
        )
    }
}

/// What the last logged action left a record as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordState {
    pub seq: u64,
    pub action: Action,
    pub sha256: Option<Sha256>,
    /// The entry that logged a change made outside Dossier which no one has yet accepted
    /// for review or undone (by restoring the logged version).
    pub outside: Option<u64>,
}

impl RecordState {
    /// True when the record's last logged action leaves no record file: it was deleted
    /// for good, or its creation was found never written and that was logged.
    pub fn leaves_no_file(&self) -> bool {
        self.action == Action::Deleted || (self.action == Action::Repaired && self.sha256.is_none())
    }
}

struct State {
    path: PathBuf,
    entries: Vec<AuditEntry>,
    /// Bytes of the log that are whole entries; anything after is a torn write to remove.
    file_len: u64,
}

/// The log of one catalogue: its entries in memory and the file they are appended to.
/// Cheap to clone (shared); safe to append from the writer thread.
#[derive(Clone)]
pub struct AuditLog {
    inner: Arc<Mutex<State>>,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditLog({} entries)", self.len())
    }
}

impl PartialEq for AuditLog {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

/// What loading the log found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub problems: Vec<ChainProblem>,
    /// A last entry cut short by a crash while it was being written (it is not loaded).
    pub torn_tail: Option<usize>,
    /// The log did not exist yet.
    pub new: bool,
}

impl AuditLog {
    /// Reads and checks `audit.jsonl` in `root`. A last line cut short by a crash is left
    /// out (and, when `writable`, removed from the file so later entries start clean).
    pub fn load(root: &Path, writable: bool) -> Result<(AuditLog, Loaded), StoreError> {
        let path = root.join(AUDIT_FILE);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(StoreError::io("read", &path, e)),
        };
        let mut loaded = Loaded {
            new: !path.exists(),
            ..Loaded::default()
        };
        let (entries, problems, whole_len, torn) = parse_log(&bytes);
        loaded.problems = problems;
        loaded.torn_tail = torn;
        if torn.is_some() && writable {
            let file = OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| StoreError::io("repair", &path, e))?;
            file.set_len(whole_len)
                .and_then(|()| file.sync_all())
                .map_err(|e| StoreError::io("repair", &path, e))?;
        }
        let log = AuditLog {
            inner: Arc::new(Mutex::new(State {
                path,
                entries,
                file_len: whole_len,
            })),
        };
        Ok((log, loaded))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a half-made entry in memory (entries
        // are pushed only after the file write), so the data is still sound.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn len(&self) -> usize {
        self.state().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs `f` over every entry, oldest first, without copying them.
    pub fn with_entries<R>(&self, f: impl FnOnce(&[AuditEntry]) -> R) -> R {
        f(&self.state().entries)
    }

    /// A record's entries, newest first.
    pub fn for_record(&self, id: &RecordId) -> Vec<AuditEntry> {
        self.with_entries(|entries| {
            entries
                .iter()
                .rev()
                .filter(|e| e.record.as_ref() == Some(id))
                .cloned()
                .collect()
        })
    }

    /// The entries `filter` lets through, newest first.
    pub fn filtered(&self, filter: &LogFilter) -> Vec<AuditEntry> {
        self.with_entries(|entries| {
            entries
                .iter()
                .rev()
                .filter(|e| filter.matches(e))
                .cloned()
                .collect()
        })
    }

    /// Every actor in the log, sorted.
    pub fn actors(&self) -> Vec<String> {
        self.with_entries(|entries| {
            let set: std::collections::BTreeSet<&str> =
                entries.iter().map(|e| e.actor.as_str()).collect();
            set.into_iter().map(str::to_string).collect()
        })
    }

    /// When the catalogue was last verified in full.
    pub fn last_verified(&self) -> Option<Timestamp> {
        self.with_entries(|entries| {
            entries
                .iter()
                .rev()
                .find(|e| e.action == Action::Verified)
                .map(|e| e.time)
        })
    }

    /// When the log began.
    pub fn started(&self) -> Option<Timestamp> {
        self.with_entries(|entries| entries.first().map(|e| e.time))
    }

    /// For each record, what its last logged action left it as.
    pub fn record_states(&self) -> HashMap<RecordId, RecordState> {
        self.with_entries(|entries| {
            let mut states: HashMap<RecordId, RecordState> = HashMap::new();
            for e in entries {
                if let Some(id) = e.record {
                    let outside = match e.action {
                        Action::ChangedOutside => Some(e.seq),
                        Action::OutsideChangeAccepted
                        | Action::LoggedVersionRestored
                        | Action::Deleted => None,
                        _ => states.get(&id).and_then(|s| s.outside),
                    };
                    states.insert(
                        id,
                        RecordState {
                            seq: e.seq,
                            action: e.action,
                            sha256: e.record_sha256.clone(),
                            outside,
                        },
                    );
                }
            }
            states
        })
    }

    /// The sequence number of the first entry of the last append: the entries one save
    /// (or one opening's repairs) wrote together. A save that Dossier could not finish
    /// leaves its entries there, and only there.
    pub fn last_append_start(&self) -> Option<u64> {
        self.with_entries(|entries| {
            let last = entries.last()?;
            // The first entry of an append of several carries its size (see `append`).
            // Walking back from the end, the first such mark met is the last append's
            // own, or an earlier append's (then the last append was a single entry).
            let marked = entries
                .iter()
                .rev()
                .find_map(|e| Some((e.seq, e.details.get(BATCH_DETAIL)?.as_u64()?)));
            Some(match marked {
                Some((seq, n)) if seq.saturating_add(n) > last.seq => seq,
                _ => last.seq,
            })
        })
    }

    /// The entry with this sequence number.
    pub fn entry(&self, seq: u64) -> Option<AuditEntry> {
        self.with_entries(|entries| {
            let i = entries.partition_point(|e| e.seq < seq);
            entries.get(i).filter(|e| e.seq == seq).cloned()
        })
    }

    /// How far the chain goes: its number of entries and the hash of the last.
    pub fn head(&self) -> ChainHead {
        self.with_entries(|entries| match entries.last() {
            Some(e) => ChainHead {
                entries: e.seq,
                hash: e.hash.clone(),
            },
            None => ChainHead {
                entries: 0,
                hash: genesis(),
            },
        })
    }

    /// Every hash a record has been logged with, oldest first.
    pub fn record_history_hashes(&self, id: &RecordId) -> Vec<(u64, Sha256)> {
        self.with_entries(|entries| {
            entries
                .iter()
                .filter(|e| e.record.as_ref() == Some(id))
                .filter_map(|e| e.record_sha256.clone().map(|h| (e.seq, h)))
                .collect()
        })
    }

    /// Attachment hashes the log has seen imported or restored.
    pub fn known_attachments(&self) -> std::collections::HashSet<Sha256> {
        self.with_entries(|entries| {
            entries
                .iter()
                .filter(|e| {
                    matches!(
                        e.action,
                        Action::AttachmentImported | Action::Relinked | Action::Baseline
                    )
                })
                .filter_map(|e| e.attachment.clone())
                .collect()
        })
    }

    /// Gives the drafts their places in the chain and appends them, durably (fsync),
    /// in one write. On failure nothing is added: a partial write is cut off again.
    pub fn append(&self, drafts: &[AuditDraft]) -> Result<Vec<AuditEntry>, StoreError> {
        if drafts.is_empty() {
            return Ok(Vec::new());
        }
        let mut state = self.state();
        let (mut seq, mut prev) = match state.entries.last() {
            Some(last) => (last.seq + 1, last.hash.clone()),
            None => (1, genesis()),
        };
        let mut made = Vec::with_capacity(drafts.len());
        let mut text = String::new();
        for (i, d) in drafts.iter().enumerate() {
            let mut details = d.details.clone();
            if i == 0 && drafts.len() > 1 {
                // Marks where this append begins, so that opening can tell the entries of
                // a save cut short by a crash from older ones.
                details.insert(BATCH_DETAIL.to_string(), Value::from(drafts.len() as u64));
            }
            let mut entry = AuditEntry {
                seq,
                time: d.time,
                actor: d.actor.clone(),
                action: d.action,
                record: d.record,
                attachment: d.attachment.clone(),
                changes: d.changes.clone(),
                record_sha256: d.record_sha256.clone(),
                note: d.note.clone(),
                details,
                prev: prev.clone(),
                hash: genesis(),
            };
            entry.hash = entry.compute_hash();
            text.push_str(&entry.to_line());
            prev = entry.hash.clone();
            seq += 1;
            made.push(entry);
        }
        let path = state.path.clone();
        let expected_len = state.file_len;
        write_at_end(&path, expected_len, text.as_bytes())
            .map_err(|e| StoreError::io("add to the audit log", &path, e))?;
        state.file_len = expected_len + text.len() as u64;
        state.entries.extend(made.iter().cloned());
        Ok(made)
    }

    /// Appends `draft` unless the record's last logged hash is already `sha256`: used when
    /// a write is retried, so that whatever state the failed attempt left, the log ends up
    /// describing the file exactly once.
    pub fn ensure_logged(&self, draft: &AuditDraft) -> Result<(), StoreError> {
        let Some(id) = draft.record else {
            return self.append(std::slice::from_ref(draft)).map(|_| ());
        };
        let current = self.with_entries(|entries| {
            entries
                .iter()
                .rev()
                .find(|e| e.record == Some(id))
                .map(|e| e.record_sha256.clone())
        });
        if current.flatten() == draft.record_sha256 {
            return Ok(());
        }
        self.append(std::slice::from_ref(draft)).map(|_| ())
    }
}

/// Appends `bytes` where the log's whole entries end (cutting off anything a failed
/// write left), then fsyncs. A new log file's folder is fsynced too.
fn write_at_end(path: &Path, expected_len: u64, bytes: &[u8]) -> io::Result<()> {
    let created = !path.exists();
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)?;
    let len = file.metadata()?.len();
    if len != expected_len {
        // A failed earlier write left part of an entry: remove it before appending.
        file.set_len(expected_len)?;
    }
    use std::io::Seek;
    file.seek(io::SeekFrom::Start(expected_len))?;
    let result = file.write_all(bytes).and_then(|()| file.sync_data());
    if let Err(e) = result {
        let _ = file.set_len(expected_len);
        let _ = file.sync_data();
        return Err(e);
    }
    if created && let Some(dir) = path.parent() {
        fsx::sync_dir(dir)?;
    }
    Ok(())
}

/// The first `n` characters of a hash, for display. Hashes come from files on disk, which
/// a hand edit may have shortened: never slice them directly.
pub fn short_hash(hash: &str, n: usize) -> &str {
    // Typed hashes are whole; this remains for text that may not be one.
    hash.get(..n).unwrap_or(hash)
}

/// Reads the log's lines and checks the chain. Returns the entries that parse, the
/// problems, the length of the whole-line part, and the line of a torn last entry.
/// Public for the fuzz target: it must never panic, whatever the bytes.
pub fn parse_log(bytes: &[u8]) -> (Vec<AuditEntry>, Vec<ChainProblem>, u64, Option<usize>) {
    let mut entries: Vec<AuditEntry> = Vec::new();
    let mut problems = Vec::new();
    let mut whole_len = 0u64;
    let mut torn = None;
    let mut offset = 0usize;
    let mut line_no = 0usize;
    let mut expected_seq = 1u64;
    let mut expected_prev = genesis();
    while offset < bytes.len() {
        line_no += 1;
        let end = bytes[offset..].iter().position(|&b| b == b'\n');
        let (line, next, complete) = match end {
            Some(i) => (&bytes[offset..offset + i], offset + i + 1, true),
            None => (&bytes[offset..], bytes.len(), false),
        };
        offset = next;
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            if complete {
                whole_len = offset as u64;
            }
            continue;
        }
        let parsed: Result<AuditEntry, _> = serde_json::from_slice(line);
        let entry = match parsed {
            Ok(entry) => entry,
            Err(_) if !complete => {
                // The last entry was being written when Dossier stopped.
                torn = Some(line_no);
                break;
            }
            Err(e) => {
                problems.push(ChainProblem {
                    line: line_no,
                    what: "the entry cannot be read".into(),
                    expected: "a JSON audit entry".into(),
                    found: e.to_string(),
                });
                whole_len = offset as u64;
                continue;
            }
        };
        let actual = entry.compute_hash();
        if actual != entry.hash {
            problems.push(ChainProblem {
                line: line_no,
                what: format!("entry {} was altered", entry.seq),
                expected: format!("hash {}", entry.hash),
                found: format!("content hashing to {actual}"),
            });
        }
        if entry.seq != expected_seq {
            problems.push(ChainProblem {
                line: line_no,
                what: "entries are missing or out of order".into(),
                expected: format!("entry {expected_seq}"),
                found: format!("entry {}", entry.seq),
            });
        }
        if entry.prev != expected_prev {
            problems.push(ChainProblem {
                line: line_no,
                what: format!("the chain is broken before entry {}", entry.seq),
                expected: format!("prev {expected_prev}"),
                found: format!("prev {}", entry.prev),
            });
        }
        expected_seq = entry.seq + 1;
        expected_prev = entry.hash.clone();
        if complete {
            whole_len = offset as u64;
        }
        entries.push(entry);
    }
    (entries, problems, whole_len, torn)
}

/// Opens the log file for reading its raw lines (for `verify`).
pub(crate) fn read_raw(root: &Path) -> io::Result<Vec<u8>> {
    match File::open(root.join(AUDIT_FILE)) {
        Ok(mut f) => {
            let mut bytes = Vec::new();
            io::Read::read_to_end(&mut f, &mut bytes)?;
            Ok(bytes)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Checks a log's bytes end to end (for `verify`): the problems and the entries read.
pub fn check_chain(bytes: &[u8]) -> (Vec<AuditEntry>, Vec<ChainProblem>) {
    let (entries, mut problems, _, torn) = parse_log(bytes);
    if let Some(line) = torn {
        problems.push(ChainProblem {
            line,
            what: "the last entry is incomplete".into(),
            expected: "a whole entry ending in a newline".into(),
            found: "an entry cut short (Dossier stopped while writing it)".into(),
        });
    }
    (entries, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_or_odd_hash_from_disk_is_shown_not_sliced() {
        assert_eq!(short_hash("0123456789abcdef0123", 16), "0123456789abcdef");
        assert_eq!(short_hash("abc", 16), "abc");
        assert_eq!(short_hash("ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀ", 3), "ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀ");
    }

    fn log_in(dir: &Path) -> AuditLog {
        AuditLog::load(dir, true).unwrap().0
    }

    #[test]
    fn entries_chain_and_reload_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let log = log_in(dir.path());
        log.append(&[AuditDraft::new("Ani", Action::CatalogueCreated)])
            .unwrap();
        let id = RecordId::new();
        log.append(&[
            AuditDraft::new("Ani", Action::Created).record(id, Some(hash_bytes(b"a"))),
            AuditDraft::new("Ani", Action::LabelChanged).record(id, Some(hash_bytes(b"b"))),
        ])
        .unwrap();
        let (again, loaded) = AuditLog::load(dir.path(), true).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(again.len(), 3);
        again.with_entries(|e| {
            assert_eq!(e[0].prev, GENESIS);
            assert_eq!(e[1].prev, e[0].hash);
            assert_eq!(e[2].seq, 3);
        });
        assert_eq!(again.for_record(&id)[0].action, Action::LabelChanged);
    }

    #[test]
    fn the_log_filter_matches_actor_part_action_and_days() {
        let dir = tempfile::tempdir().unwrap();
        let log = log_in(dir.path());
        let mut old = AuditDraft::new("Anahit Petrosyan", Action::Created);
        old.time = "2024-03-01T23:30:00Z".parse().unwrap();
        let mut new = AuditDraft::new("Ben", Action::Trashed);
        new.time = "2024-03-05T08:00:00Z".parse().unwrap();
        log.append(&[old, new]).unwrap();
        let count = |f: LogFilter| log.filtered(&f).len();
        assert_eq!(count(LogFilter::default()), 2);
        assert_eq!(
            count(LogFilter {
                actor: "petro".into(),
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            count(LogFilter {
                action: Some(Action::Trashed),
                ..Default::default()
            }),
            1
        );
        let day = |s: &str| Some(s.parse().unwrap());
        assert_eq!(
            count(LogFilter {
                since: day("2024-03-02"),
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            count(LogFilter {
                until: day("2024-03-01"),
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            count(LogFilter {
                since: day("2024-03-06"),
                ..Default::default()
            }),
            0
        );
        assert_eq!(
            log.filtered(&LogFilter::default())[0].actor,
            "Ben",
            "newest first"
        );
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let v = serde_json::json!({"b": 1, "a": {"z": [1, {"y": 2, "x": 3}], "c": "é"}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":"é","z":[1,{"x":3,"y":2}]},"b":1}"#
        );
    }

    #[test]
    fn a_torn_last_line_is_cut_off_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let log = log_in(dir.path());
        log.append(&[AuditDraft::new("Ani", Action::CatalogueCreated)])
            .unwrap();
        let path = dir.path().join(AUDIT_FILE);
        let whole = fs::read(&path).unwrap();
        let mut torn = whole.clone();
        torn.extend_from_slice(b"{\"seq\":2,\"act");
        fs::write(&path, &torn).unwrap();
        let (log, loaded) = AuditLog::load(dir.path(), true).unwrap();
        assert_eq!(loaded.torn_tail, Some(2));
        assert_eq!(fs::read(&path).unwrap(), whole);
        log.append(&[AuditDraft::new("Ani", Action::Verified)])
            .unwrap();
        let (_, again) = AuditLog::load(dir.path(), true).unwrap();
        assert!(again.problems.is_empty() && again.torn_tail.is_none());
    }
}
