//! Opening a log from the catalogue's snapshot without reading it whole: the snapshot
//! keeps a mark (how long each log file was, its last line, the head of the chain), and
//! opening checks that every log still ends the same way at that length, then reads and
//! checks only what was appended after it. The rest is read the first time something asks
//! for old entries (history, the log view, verify). Other desktops' logs that a sync made
//! longer are read the same way, from their last line at the mark; their new entries move
//! the states of records this desktop's own log does not account for (`states::theirs_after`).
//!
//! A log that is shorter, ends otherwise at the mark, has a line after it that does not
//! go on from the chain's head, or was cut short, is not resumed: the caller reads it
//! whole, as without a snapshot, which says what is wrong. So are the logs when a log
//! came or went (a desktop joined), or when another desktop's new entry is no later by
//! its clock than the mark and speaks of a record another desktop's older entry did
//! (the snapshot does not keep that entry's clock, which decides between them).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;

use super::AUDIT_FILE;
use super::chain::{ParsedLog, parse_log_file_after};
use super::devices::log_files;
use super::entry::{AuditEntry, ChainHead};
use super::log::{AuditLog, State, last_verified_in};
use super::states::{RecordStates, Tail, theirs_after};
use crate::durable::vault::Vault;

/// Where one log file stood when the snapshot was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherLogMark {
    /// The file, relative to the catalogue.
    pub file: String,
    /// Its length in bytes.
    pub len: u64,
    /// Its last line (with the newline), or nothing when it was empty.
    pub last_line: Vec<u8>,
}

/// Where this desktop's log (and every other desktop's) stood when the snapshot was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogMark {
    /// This desktop's own log: its file, length and last line.
    pub own: OtherLogMark,
    /// The head of its chain there.
    pub head: ChainHead,
    /// Whether its entries carry a Lamport clock, and the largest clock in any log.
    pub clocked: bool,
    /// The largest clock in any log.
    pub max_clock: u64,
    /// The last batch mark (entry, size) up to the head.
    pub last_mark: Option<(u64, u64)>,
    /// When the log began, and when the catalogue was last verified in full.
    pub started: Option<Timestamp>,
    /// When the catalogue was last verified in full.
    pub last_verified: Option<Timestamp>,
    /// Every other log file, sorted by name.
    pub others: Vec<OtherLogMark>,
}

/// The log's last line (with its newline) within its first `len` bytes.
fn last_line(bytes: &[u8]) -> Vec<u8> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let start = memchr::memrchr(b'\n', body).map_or(0, |i| i + 1);
    bytes[start..].to_vec()
}

/// The bytes of `file` from `mark`'s last line on, when it still ends so at `mark.len`.
fn read_after(vault: &Vault, mark: &OtherLogMark) -> Option<Vec<u8>> {
    let path = vault.root().join(&mark.file);
    let mut f = File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let from = mark.len.checked_sub(mark.last_line.len() as u64)?;
    if len < mark.len {
        return None;
    }
    f.seek(SeekFrom::Start(from)).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(len - from).ok()?);
    f.read_to_end(&mut bytes).ok()?;
    let rest = bytes.strip_prefix(mark.last_line.as_slice())?;
    Some(rest.to_vec())
}

impl AuditLog {
    /// The mark a snapshot keeps of this log, or `None` while it has problems (a snapshot
    /// is then not made: the next opening reads the log whole and says what is wrong).
    pub fn mark(&self) -> Option<LogMark> {
        let state = self.state();
        let own = mark_of(&state.vault, &state.file)?;
        if own.len != state.file_len {
            return None;
        }
        let files = log_files(state.vault.root()).ok()?;
        let mut others = Vec::new();
        for file in files.iter().filter(|f| **f != state.file) {
            others.push(mark_of(&state.vault, file)?);
        }
        let last_mark = state.last_batch_mark();
        Some(LogMark {
            own,
            head: state.head.clone(),
            clocked: state.clocked,
            max_clock: state.max_clock,
            last_mark,
            started: state.started,
            last_verified: state.last_verified,
            others,
        })
    }

    /// Opens this desktop's log (`file`) from a snapshot's mark: the entries after it are
    /// read and checked, and given back with the log; `None` when the log cannot be
    /// resumed from the mark (see the module's text), and must be read whole.
    pub fn resume(
        vault: &Vault,
        file: &str,
        mark: &LogMark,
        states: &RecordStates,
    ) -> Option<(AuditLog, Tail)> {
        if mark.own.file != file {
            return None;
        }
        let files = log_files(vault.root()).ok()?;
        let others: Vec<&String> = files.iter().filter(|f| f.as_str() != file).collect();
        if others.len() != mark.others.len()
            || others.iter().zip(&mark.others).any(|(f, m)| **f != m.file)
        {
            return None;
        }
        // Other desktops' logs that a sync made longer: their new entries, read in the
        // order a whole reading takes them.
        let mut appended = Vec::new();
        for other in &mark.others {
            appended.extend(appended_to(vault, other)?);
        }
        let theirs = theirs_after(states, &appended, mark.max_clock)?;
        let rest = read_after(vault, &mark.own)?;
        let ParsedLog {
            entries,
            problems,
            whole_len,
            torn,
        } = parse_log_file_after(&rest, vault, file, &mark.head);
        let unsigned = vault.signer().is_some() && entries.iter().any(|e| e.sig.is_none());
        if !problems.is_empty() || torn.is_some() || unsigned {
            return None;
        }
        let max_clock = entries
            .iter()
            .chain(&appended)
            .map(AuditEntry::clock)
            .fold(mark.max_clock, u64::max);
        let head = match entries.is_empty() {
            true => mark.head.clone(),
            false => ChainHead::of(&entries),
        };
        let state = State {
            path: vault.root().join(file),
            file: file.to_string(),
            vault: vault.clone(),
            entries: entries.clone(),
            loaded: false,
            head,
            last_mark: mark.last_mark,
            started: mark.started.or(entries.first().map(|e| e.time)),
            last_verified: last_verified_in(&entries).or(mark.last_verified),
            others: Vec::new(),
            clocked: mark.clocked,
            max_clock,
            file_len: mark.own.len + whole_len,
        };
        let log = AuditLog {
            records: Arc::default(),
            inner: Arc::new(Mutex::new(state)),
        };
        let tail = Tail {
            own: entries,
            theirs,
            theirs_len: appended.len(),
        };
        Some((log, tail))
    }
}

/// The entries another desktop's log gained after `mark`, checked to go on from its last
/// line there; `None` when they do not, are cut short or unsigned where they should be
/// signed (the whole logs are read then, which says what is wrong).
fn appended_to(vault: &Vault, mark: &OtherLogMark) -> Option<Vec<AuditEntry>> {
    let rest = read_after(vault, mark)?;
    if rest.iter().all(u8::is_ascii_whitespace) {
        return Some(Vec::new());
    }
    let after = head_of_line(vault, mark)?;
    let parsed = parse_log_file_after(&rest, vault, &mark.file, &after);
    let unsigned = vault.signer().is_some() && parsed.entries.iter().any(|e| e.sig.is_none());
    if !parsed.problems.is_empty() || parsed.torn.is_some() || unsigned {
        return None;
    }
    Some(parsed.entries)
}

/// The chain's head at a log's mark: the entry on its last line (which the snapshot holds
/// as it was read then, from a log without problems), or the chain's start for an empty log.
fn head_of_line(vault: &Vault, mark: &OtherLogMark) -> Option<ChainHead> {
    let line = mark
        .last_line
        .strip_suffix(b"\n")
        .unwrap_or(&mark.last_line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Some(ChainHead::of(&[]));
    }
    let path = vault.root().join(&mark.file);
    let opened = vault.open_line(&path, line).ok()?;
    let entry: AuditEntry = serde_json::from_slice(&opened).ok()?;
    Some(ChainHead::of(std::slice::from_ref(&entry)))
}

/// Where `file` stands now: its length and last line (read from its end).
fn mark_of(vault: &Vault, file: &str) -> Option<OtherLogMark> {
    let path = vault.root().join(file);
    let mut f = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && file == AUDIT_FILE => {
            return Some(OtherLogMark {
                file: file.to_string(),
                len: 0,
                last_line: Vec::new(),
            });
        }
        Err(_) => return None,
    };
    let len = f.metadata().ok()?.len();
    let mut window = 64 * 1024u64;
    loop {
        let from = len.saturating_sub(window);
        f.seek(SeekFrom::Start(from)).ok()?;
        let mut bytes = Vec::new();
        (&mut f).take(len - from).read_to_end(&mut bytes).ok()?;
        let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
        if from == 0 || memchr::memrchr(b'\n', body).is_some() {
            return Some(OtherLogMark {
                file: file.to_string(),
                len,
                last_line: last_line(&bytes),
            });
        }
        window *= 4;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_is_found_with_or_without_a_newline() {
        assert_eq!(last_line(b"a\nbb\n"), b"bb\n");
        assert_eq!(last_line(b"a\nbb"), b"bb");
        assert_eq!(last_line(b"only\n"), b"only\n");
        assert_eq!(last_line(b""), b"");
    }
}
