//! The log of one catalogue: its entries in memory and the file they are appended to, the
//! last state each record was logged in, and the views people filter.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;
use serde_json::Value;

use super::chain::{ChainProblem, ParsedLog, parse_log_file};
use super::devices::{DeviceLog, load_others, max_clock};
use super::entry::{AuditDraft, AuditEntry, ChainHead, genesis};
use super::error::AuditError;
use super::filter::LogFilter;
use super::states::RecordStates;
use super::{AUDIT_FILE, Action, BATCH_DETAIL};
use crate::durable;
use crate::durable::vault::Vault;
use crate::model::{RecordId, Sha256};

pub(super) struct State {
    pub(super) path: PathBuf,
    /// The file, relative to the catalogue.
    pub(super) file: String,
    pub(super) vault: Vault,
    /// Every entry once `loaded`; before that (a log resumed from the snapshot's mark,
    /// see `resume.rs`) only those read after the mark and those appended since.
    pub(super) entries: Vec<AuditEntry>,
    /// True when `entries` (and `others`) hold the whole of every log.
    pub(super) loaded: bool,
    /// The last entry's number and hash, whether loaded or not.
    pub(super) head: ChainHead,
    /// Before loading: the last batch mark (entry, size) at or before the snapshot's mark.
    pub(super) last_mark: Option<(u64, u64)>,
    /// When the log began, and when the catalogue was last verified in full.
    pub(super) started: Option<Timestamp>,
    pub(super) last_verified: Option<Timestamp>,
    /// Other desktops' logs in a synced catalogue (read only).
    pub(super) others: Vec<DeviceLog>,
    /// Whether entries carry a Lamport clock (a synced catalogue), and the largest seen.
    pub(super) clocked: bool,
    pub(super) max_clock: u64,
    /// Bytes of the log that are whole entries; anything after is a torn write to remove.
    pub(super) file_len: u64,
}

impl State {
    /// The last batch mark (entry, size): the first entry of an append of several
    /// carries its size (see `append`); before the log is read whole, the snapshot's.
    pub(super) fn last_batch_mark(&self) -> Option<(u64, u64)> {
        let in_memory = self
            .entries
            .iter()
            .rev()
            .find_map(|e| Some((e.seq, e.details.get(BATCH_DETAIL)?.as_u64()?)));
        in_memory.or(if self.loaded { None } else { self.last_mark })
    }
}

/// Sorts entries of several logs newest first: by Lamport clock, then by log file, then
/// by number.
pub(super) fn newest_first<F: AsRef<str>, E: std::borrow::Borrow<AuditEntry>>(
    found: &mut [(F, E)],
) {
    found.sort_by(|(fa, a), (fb, b)| {
        let (a, b) = (a.borrow(), b.borrow());
        (b.clock(), fb.as_ref(), b.seq).cmp(&(a.clock(), fa.as_ref(), a.seq))
    });
}

/// When the last of these entries that logs a full verify was made.
pub(super) fn last_verified_in(entries: &[AuditEntry]) -> Option<Timestamp> {
    entries
        .iter()
        .rev()
        .find(|e| e.action == Action::Verified)
        .map(|e| e.time)
}

/// The log of one catalogue: its entries in memory and the file they are appended to.
/// Cheap to clone (shared); safe to append from the writer thread.
#[derive(Clone)]
pub struct AuditLog {
    pub(super) inner: Arc<Mutex<State>>,
    /// Where each record's entries are on disk, for history (see `history.rs`).
    pub(super) records: Arc<super::record_index::RecordSlot>,
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
    /// Where the chain is broken.
    pub problems: Vec<ChainProblem>,
    /// A last entry cut short by a crash while it was being written (it is not loaded).
    pub torn_tail: Option<usize>,
    /// The log did not exist yet.
    pub new: bool,
}

impl AuditLog {
    /// Reads and checks `audit.jsonl` in the vault's catalogue (each line sealed when it
    /// is encrypted). A last line cut short by a crash is left out (and, when `writable`,
    /// removed from the file so later entries start clean).
    pub fn load(vault: &Vault, writable: bool) -> Result<(AuditLog, Loaded), AuditError> {
        Self::load_file(vault, AUDIT_FILE, false, writable)
    }

    /// Reads a synced catalogue's logs: this desktop's own, `own` (relative to the
    /// catalogue), which it appends to with a Lamport clock, and every other desktop's,
    /// read only, for history and verify.
    pub fn load_device(
        vault: &Vault,
        own: &str,
        writable: bool,
    ) -> Result<(AuditLog, Loaded), AuditError> {
        Self::load_file(vault, own, true, writable)
    }

    /// Reads this desktop's own log and the other desktops' for a sync: not the log frozen
    /// when sync was set up (`audit.jsonl`), which every entry of this desktop's follows.
    /// Nothing is repaired (a last line cut short stays, and is in `Loaded`): the caller
    /// opens the whole catalogue then, which repairs and says so.
    pub fn load_device_for_sync(
        vault: &Vault,
        own: &str,
    ) -> Result<(AuditLog, Loaded), AuditError> {
        let (log, loaded) = Self::load_file(vault, own, false, false)?;
        let others = super::devices::load_logs_except(vault, &[own, AUDIT_FILE])?;
        let mut state = log.state();
        state.clocked = true;
        state.max_clock = max_clock(
            state
                .entries
                .iter()
                .chain(others.iter().flat_map(|o| &o.entries)),
        );
        state.others = others;
        drop(state);
        Ok((log, loaded))
    }

    fn load_file(
        vault: &Vault,
        file: &str,
        clocked: bool,
        writable: bool,
    ) -> Result<(AuditLog, Loaded), AuditError> {
        let path = vault.root().join(file);
        if clocked && writable && !path.exists() {
            // A desktop's own log begins empty the first time it opens its copy.
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| AuditError::io("create", dir, e))?;
            }
            durable::write_atomic(&path, b"").map_err(|e| AuditError::io("create", &path, e))?;
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(AuditError::io("read", &path, e)),
        };
        let mut loaded = Loaded {
            new: !path.exists(),
            ..Loaded::default()
        };
        let ParsedLog {
            entries,
            problems,
            whole_len,
            torn,
        } = parse_log_file(&bytes, vault, file);
        loaded.problems = problems;
        loaded.torn_tail = torn;
        if torn.is_some() && writable {
            durable::truncate(&path, whole_len).map_err(|e| AuditError::io("repair", &path, e))?;
        }
        let others = match clocked {
            true => load_others(vault, file)?,
            false => Vec::new(),
        };
        let max_clock = max_clock(entries.iter().chain(others.iter().flat_map(|o| &o.entries)));
        let log = AuditLog {
            records: Arc::default(),
            inner: Arc::new(Mutex::new(State {
                path,
                file: file.to_string(),
                vault: vault.clone(),
                head: ChainHead::of(&entries),
                loaded: true,
                last_mark: None,
                started: entries.first().map(|e| e.time),
                last_verified: last_verified_in(&entries),
                entries,
                others,
                clocked,
                max_clock,
                file_len: whole_len,
            })),
        };
        Ok((log, loaded))
    }

    pub(super) fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a half-made entry in memory (entries
        // are pushed only after the file write), so the data is still sound.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The state with every entry of every log in memory: read from the disk the first
    /// time something asks for them (history, the log view, verify), when the catalogue
    /// was opened from its snapshot.
    pub(super) fn full(&self) -> MutexGuard<'_, State> {
        let mut state = self.state();
        if !state.loaded {
            load_rest(&mut state);
        }
        state
    }

    /// True once every entry of every log is in memory: read whole when opened, or since
    /// something asked for old entries. A log resumed from a snapshot's mark is not, until then.
    pub fn is_whole(&self) -> bool {
        self.state().loaded
    }

    /// How many entries the log has.
    pub fn len(&self) -> usize {
        self.full().entries.len()
    }

    /// True when the log has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs `f` over every entry, oldest first, without copying them.
    pub fn with_entries<R>(&self, f: impl FnOnce(&[AuditEntry]) -> R) -> R {
        f(&self.full().entries)
    }

    /// Runs `f` over the entries from number `from` on (and perhaps some before), oldest
    /// first: without reading the whole log when those are all in memory.
    pub fn with_entries_from<R>(&self, from: u64, f: impl FnOnce(&[AuditEntry]) -> R) -> R {
        let state = self.state();
        let covered = state.loaded
            || state.head.entries < from
            || state.entries.first().is_some_and(|e| e.seq <= from);
        if covered {
            return f(&state.entries);
        }
        drop(state);
        self.with_entries(f)
    }

    /// This desktop's log file, relative to the catalogue (`audit.jsonl`, or
    /// `audit/<device>.jsonl` on a desktop that joined a synced catalogue).
    pub fn file(&self) -> String {
        self.state().file.clone()
    }

    /// Other desktops' logs, as read when the catalogue was opened.
    pub fn others(&self) -> Vec<DeviceLog> {
        self.full().others.clone()
    }

    /// The entries `keep` lets through from every desktop's log, newest first (by Lamport
    /// clock, then by log file).
    pub(super) fn across_devices(&self, keep: impl Fn(&AuditEntry) -> bool) -> Vec<AuditEntry> {
        let state = self.full();
        let mut found: Vec<(&str, &AuditEntry)> = state
            .entries
            .iter()
            .filter(|e| keep(e))
            .map(|e| (state.file.as_str(), e))
            .collect();
        for other in &state.others {
            found.extend(
                other
                    .entries
                    .iter()
                    .filter(|e| keep(e))
                    .map(|e| (other.file.as_str(), e)),
            );
        }
        newest_first(&mut found);
        found.into_iter().map(|(_, e)| e.clone()).collect()
    }

    /// The entries `filter` lets through, from every desktop's log, newest first.
    pub fn filtered(&self, filter: &LogFilter) -> Vec<AuditEntry> {
        self.across_devices(|e| filter.matches(e))
    }

    /// Every actor in every desktop's log, sorted.
    pub fn actors(&self) -> Vec<String> {
        let state = self.full();
        let set: std::collections::BTreeSet<&str> = state
            .entries
            .iter()
            .chain(state.others.iter().flat_map(|o| &o.entries))
            .map(|e| e.actor.as_str())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// When the catalogue was last verified in full.
    pub fn last_verified(&self) -> Option<Timestamp> {
        self.state().last_verified
    }

    /// When the log began.
    pub fn started(&self) -> Option<Timestamp> {
        self.state().started
    }

    /// For each record, what its last logged action left it as. This desktop's own log
    /// accounts for every version of a record it wrote or took by sync; a record it never
    /// touched (one it has from a clone) takes the entry latest by the Lamport clock across
    /// the other desktops' logs.
    pub fn record_states(&self) -> RecordStates {
        let state = self.full();
        let others: Vec<&[AuditEntry]> = state.others.iter().map(|o| &o.entries[..]).collect();
        super::states::states_of(&state.entries, &others)
    }

    /// True when another desktop's log names `sha256` as a version of record `id`.
    pub fn vouched_by_others(&self, id: &RecordId, sha256: &Sha256) -> bool {
        // A log without clocks was never synced: there are no other desktops' logs.
        if !self.state().clocked {
            return false;
        }
        self.full()
            .others
            .iter()
            .flat_map(|o| &o.entries)
            .any(|e| e.record.as_ref() == Some(id) && e.record_sha256.as_ref() == Some(sha256))
    }

    /// A record's entries in this desktop's own log, newest first.
    pub fn own_for_record(&self, id: &RecordId) -> Vec<AuditEntry> {
        self.with_entries(|entries| {
            entries
                .iter()
                .rev()
                .filter(|e| e.record.as_ref() == Some(id))
                .cloned()
                .collect()
        })
    }

    /// The sequence number of the first entry of the last append: the entries one save
    /// (or one opening's repairs) wrote together. A save that Dossier could not finish
    /// leaves its entries there, and only there.
    pub fn last_append_start(&self) -> Option<u64> {
        let state = self.state();
        if state.head.entries == 0 {
            return None;
        }
        let last = state.head.entries;
        // The first entry of an append of several carries its size (see `append`).
        // Walking back from the end, the first such mark met is the last append's
        // own, or an earlier append's (then the last append was a single entry).
        Some(match state.last_batch_mark() {
            Some((seq, n)) if seq.saturating_add(n) > last => seq,
            _ => last,
        })
    }

    /// The entry with this sequence number.
    pub fn entry(&self, seq: u64) -> Option<AuditEntry> {
        {
            let state = self.state();
            let i = state.entries.partition_point(|e| e.seq < seq);
            if let Some(e) = state.entries.get(i).filter(|e| e.seq == seq) {
                return Some(e.clone());
            }
            if state.loaded {
                return None;
            }
        }
        self.with_entries(|entries| {
            let i = entries.partition_point(|e| e.seq < seq);
            entries.get(i).filter(|e| e.seq == seq).cloned()
        })
    }

    /// How far the chain goes: its number of entries and the hash of the last.
    pub fn head(&self) -> ChainHead {
        self.state().head.clone()
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

    /// Attachment hashes the logs (every desktop's) have seen imported or restored.
    pub fn known_attachments(&self) -> std::collections::HashSet<Sha256> {
        let state = self.full();
        state
            .entries
            .iter()
            .chain(state.others.iter().flat_map(|o| &o.entries))
            .filter(|e| {
                matches!(
                    e.action,
                    Action::AttachmentImported | Action::Relinked | Action::Baseline
                )
            })
            .filter_map(|e| e.attachment.clone())
            .collect()
    }

    /// Takes note of a clock seen in another desktop's log (arriving by sync), so that
    /// this desktop's next entries come after it.
    pub fn observe_clock(&self, clock: u64) {
        let mut state = self.state();
        state.max_clock = state.max_clock.max(clock);
    }

    /// Gives the drafts their places in the chain and appends them, durably (fsync),
    /// in one write. On failure nothing is added: a partial write is cut off again.
    pub fn append(&self, drafts: &[AuditDraft]) -> Result<Vec<AuditEntry>, AuditError> {
        if drafts.is_empty() {
            return Ok(Vec::new());
        }
        let mut state = self.state();
        let (mut seq, mut prev) = (state.head.entries + 1, state.head.hash.clone());
        let mut made = Vec::with_capacity(drafts.len());
        let mut text = String::new();
        let mut clock = state.max_clock;
        for (i, d) in drafts.iter().enumerate() {
            let mut details = d.details.clone();
            if i == 0 && drafts.len() > 1 {
                // Marks where this append begins, so that opening can tell the entries of
                // a save cut short by a crash from older ones.
                details.insert(BATCH_DETAIL.to_string(), Value::from(drafts.len() as u64));
            }
            clock += 1;
            let mut entry = AuditEntry {
                seq,
                clock: state.clocked.then_some(clock),
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
                sig: None,
            };
            entry.hash = entry.compute_hash();
            entry.sig = state
                .vault
                .signer()
                .map(|s| s.sign(entry.hash.as_str().as_bytes()));
            let line = entry.to_line();
            let sealed = state
                .vault
                .seal_line(&state.path, line.trim_end_matches('\n'))
                .map_err(|e| AuditError::io("add to the audit log", &state.path, e))?;
            text.push_str(&sealed);
            text.push('\n');
            prev = entry.hash.clone();
            seq += 1;
            made.push(entry);
        }
        let path = state.path.clone();
        let expected_len = state.file_len;
        durable::append_at(&path, expected_len, text.as_bytes())
            .map_err(|e| AuditError::io("add to the audit log", &path, e))?;
        state.file_len = expected_len + text.len() as u64;
        state.head = ChainHead::of(&made);
        state.started = state.started.or(made.first().map(|e| e.time));
        state.last_verified = last_verified_in(&made).or(state.last_verified);
        state.entries.extend(made.iter().cloned());
        if state.clocked {
            state.max_clock = clock;
        }
        Ok(made)
    }

    /// Appends `draft` unless the record's last logged hash is already `sha256`: used when
    /// a write is retried, so that whatever state the failed attempt left, the log ends up
    /// describing the file exactly once.
    pub fn ensure_logged(&self, draft: &AuditDraft) -> Result<(), AuditError> {
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

/// Reads every entry of a log resumed from a mark (and the other desktops' logs), the
/// first time they are asked for. A log that cannot be read now keeps what it has; the
/// next request tries again.
pub(super) fn load_rest(state: &mut State) {
    let Ok(bytes) = std::fs::read(&state.path) else {
        return;
    };
    let whole = &bytes[..usize::try_from(state.file_len)
        .unwrap_or(bytes.len())
        .min(bytes.len())];
    let parsed = parse_log_file(whole, &state.vault, &state.file);
    if state.clocked {
        match load_others(&state.vault, &state.file) {
            Ok(others) => state.others = others,
            Err(_) => return,
        }
    }
    state.entries = parsed.entries;
    state.loaded = true;
}
