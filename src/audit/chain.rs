//! Reading `audit.jsonl` back and checking its chain: every entry's hash, sequence and
//! link to the one before. Never panics, whatever the bytes (a fuzz target feeds it).

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;

use super::AUDIT_FILE;
use super::entry::{AuditEntry, ChainHead, genesis};
use crate::durable::seal::SealError;
use crate::durable::signing::verify_signature;
use crate::durable::vault::Vault;
use crate::model::Sha256;

/// Something wrong with the log itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainProblem {
    /// The log file, relative to the catalogue (`audit.jsonl`, or a desktop's
    /// `audit/<device>.jsonl` in a synced catalogue).
    pub file: String,
    /// 1-based line in the file.
    pub line: usize,
    /// What was checked (a line, the head file).
    pub what: String,
    /// The hash the chain expected there.
    pub expected: String,
    /// The hash found instead.
    pub found: String,
}

impl std::fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: expected {}, found {}",
            self.file, self.line, self.what, self.expected, self.found
        )
    }
}

/// A log's bytes as read: what parses, what is wrong, and where the whole lines end.
#[derive(Debug, Default)]
pub struct ParsedLog {
    /// The entries that parse, in file order.
    pub entries: Vec<AuditEntry>,
    /// Breaks in the chain and lines that cannot be read.
    pub problems: Vec<ChainProblem>,
    /// The length of the part made of whole lines (a torn last entry is cut back to it).
    pub whole_len: u64,
    /// The line of a last entry cut short (Dossier stopped while writing it).
    pub torn: Option<usize>,
}

/// Reads a plain log's lines and checks the chain.
/// Public for the fuzz target: it must never panic, whatever the bytes.
pub fn parse_log(bytes: &[u8]) -> ParsedLog {
    parse_lines(bytes, &|line| Ok(Cow::Borrowed(line)), &start_of_chain())
}

pub(super) fn start_of_chain() -> ChainHead {
    ChainHead {
        entries: 0,
        hash: genesis(),
    }
}

/// Reads the log's lines through the catalogue's vault (each line sealed in an encrypted
/// catalogue) and checks the chain.
pub fn parse_log_in(bytes: &[u8], vault: &Vault) -> ParsedLog {
    parse_log_file(bytes, vault, AUDIT_FILE)
}

/// Reads one log file's lines (`file` relative to the catalogue: `audit.jsonl` or a
/// desktop's own under `audit/`) through the vault, and checks its chain.
pub fn parse_log_file(bytes: &[u8], vault: &Vault, file: &str) -> ParsedLog {
    parse_log_file_after(bytes, vault, file, &start_of_chain())
}

/// Reads the lines of a log that follow the entry `after` (its number and hash) and
/// checks that their chain goes on from it.
pub fn parse_log_file_after(
    bytes: &[u8],
    vault: &Vault,
    file: &str,
    after: &ChainHead,
) -> ParsedLog {
    let mut entries = Vec::new();
    let mut parsed = scan_log_file_after(bytes, vault, file, after, &mut |e, _, _, _| {
        entries.push(e);
    });
    if let Some(signer) = vault.signer() {
        let found = signature_problems(&entries, &signer.public());
        parsed.problems.extend(found.into_iter().map(|mut p| {
            p.file = file.to_string();
            p
        }));
    }
    parsed.entries = entries;
    parsed
}

/// Receives each entry that parses, where its line starts in the bytes, how long the line
/// is (without its newline), and whether its content hashes to its hash, instead of
/// keeping it.
pub(super) type Sink<'a> = dyn FnMut(AuditEntry, usize, usize, bool) + 'a;

/// Reads a log's lines as `parse_log_file_after` does, giving each entry to `sink`
/// (`entries` in the result stays empty) and checking the chain, but not the signatures.
pub(super) fn scan_log_file_after(
    bytes: &[u8],
    vault: &Vault,
    file: &str,
    after: &ChainHead,
    sink: &mut Sink<'_>,
) -> ParsedLog {
    let path = vault.root().join(file);
    let mut parsed = match vault.is_sealed() {
        false => scan_lines(bytes, &|line| Ok(Cow::Borrowed(line)), after, sink),
        true => {
            // Opening the lines is most of the work: done on every core first, then the
            // chain is read in order.
            let starts = line_starts(bytes);
            let opened: Vec<Result<Vec<u8>, SealError>> =
                crate::parallel::ranges(starts.len(), 512, |r| {
                    starts[r]
                        .iter()
                        .map(|&(at, end)| {
                            vault.open_line(&path, &bytes[at..end]).map(Cow::into_owned)
                        })
                        .collect::<Vec<_>>()
                })
                .into_iter()
                .flatten()
                .collect();
            let slots = std::cell::RefCell::new(opened.into_iter().map(Some).collect::<Vec<_>>());
            let index: std::collections::HashMap<usize, usize> = starts
                .iter()
                .enumerate()
                .map(|(i, (at, _))| (*at, i))
                .collect();
            let base = bytes.as_ptr() as usize;
            scan_lines(
                bytes,
                &|line| {
                    let at = (line.as_ptr() as usize).wrapping_sub(base);
                    let taken = index.get(&at).and_then(|&i| slots.borrow_mut()[i].take());
                    match taken {
                        Some(result) => result.map(Cow::Owned),
                        None => vault.open_line(&path, line),
                    }
                },
                after,
                sink,
            )
        }
    };
    for p in &mut parsed.problems {
        p.file = file.to_string();
    }
    parsed
}

/// Entries of a signed log whose signature does not match the catalogue's key, or that
/// are not signed though entries before them are (those from before the catalogue was
/// encrypted are not). Lines are given as the entries' numbers.
fn signature_problems(entries: &[AuditEntry], public: &str) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    let mut signed = false;
    for e in entries {
        let line = usize::try_from(e.seq).unwrap_or(usize::MAX);
        match &e.sig {
            Some(sig) if verify_signature(public, e.hash.as_str().as_bytes(), sig) => signed = true,
            Some(_) => problems.push(ChainProblem {
                file: AUDIT_FILE.into(),
                line,
                what: format!("entry {} is not signed by this catalogue's key", e.seq),
                expected: "the catalogue's signature".into(),
                found: "a signature made with another key, or over other content".into(),
            }),
            None if signed => problems.push(ChainProblem {
                file: AUDIT_FILE.into(),
                line,
                what: format!(
                    "entry {} is not signed, though the entries before it are",
                    e.seq
                ),
                expected: "the catalogue's signature".into(),
                found: "none".into(),
            }),
            None => {}
        }
    }
    problems
}

/// Where each line starts and ends (without its newline), as `parse_lines` cuts them.
fn line_starts(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        starts.push((at, end));
        at = end + 1;
    }
    starts
}

/// Opens one line's bytes as the entry's JSON.
type LineOpener<'a> = dyn Fn(&[u8]) -> Result<Cow<'_, [u8]>, SealError> + 'a;

fn parse_lines(bytes: &[u8], open: &LineOpener<'_>, after: &ChainHead) -> ParsedLog {
    let mut entries = Vec::new();
    let mut parsed = scan_lines(bytes, open, after, &mut |e, _, _, _| entries.push(e));
    parsed.entries = entries;
    parsed
}

fn scan_lines(
    bytes: &[u8],
    open: &LineOpener<'_>,
    after: &ChainHead,
    sink: &mut Sink<'_>,
) -> ParsedLog {
    let mut problems = Vec::new();
    let mut whole_len = 0u64;
    let mut torn = None;
    let mut offset = 0usize;
    let mut line_no = 0usize;
    let mut expected_seq = after.entries + 1;
    let mut expected_prev = after.hash.clone();
    while offset < bytes.len() {
        line_no += 1;
        let start = offset;
        let end = bytes[offset..].iter().position(|&b| b == b'\n');
        let (line, next, complete) = match end {
            Some(i) => (&bytes[offset..offset + i], offset + i + 1, true),
            None => (&bytes[offset..], bytes.len(), false),
        };
        offset = next;
        let raw_len = line.len();
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            if complete {
                whole_len = offset as u64;
            }
            continue;
        }
        let entry = match entry_of(line, open, line_no) {
            Ok(entry) => entry,
            Err(_) if !complete => {
                // The last entry was being written when Dossier stopped.
                torn = Some(line_no);
                break;
            }
            Err(problem) => {
                problems.push(problem);
                whole_len = offset as u64;
                continue;
            }
        };
        let actual = entry.compute_hash();
        let sound = actual == entry.hash;
        problems.extend(link_problems(
            &entry,
            &actual,
            line_no,
            expected_seq,
            &expected_prev,
        ));
        expected_seq = entry.seq + 1;
        expected_prev = entry.hash.clone();
        if complete {
            whole_len = offset as u64;
        }
        sink(entry, start, raw_len, sound);
    }
    ParsedLog {
        entries: Vec::new(),
        problems,
        whole_len,
        torn,
    }
}

/// One line's entry, or why it is not one.
fn entry_of(
    line: &[u8],
    open: &LineOpener<'_>,
    line_no: usize,
) -> Result<AuditEntry, ChainProblem> {
    let sealed = "an audit entry sealed with this catalogue's key";
    let text = open(line).map_err(|e| unreadable(line_no, sealed, e))?;
    serde_json::from_slice(&text).map_err(|e| unreadable(line_no, "a JSON audit entry", e))
}

/// A line that is not an entry.
fn unreadable(line: usize, expected: &str, why: impl std::fmt::Display) -> ChainProblem {
    ChainProblem {
        file: AUDIT_FILE.into(),
        line,
        what: "the entry cannot be read".into(),
        expected: expected.into(),
        found: why.to_string(),
    }
}

/// What is wrong with one entry's place in the chain: its own hash, its number, and the
/// hash it names as the one before it.
fn link_problems(
    entry: &AuditEntry,
    actual: &Sha256,
    line: usize,
    expected_seq: u64,
    expected_prev: &Sha256,
) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    if *actual != entry.hash {
        problems.push(ChainProblem {
            file: AUDIT_FILE.into(),
            line,
            what: format!("entry {} was altered", entry.seq),
            expected: format!("hash {}", entry.hash),
            found: format!("content hashing to {actual}"),
        });
    }
    if entry.seq != expected_seq {
        problems.push(ChainProblem {
            file: AUDIT_FILE.into(),
            line,
            what: "entries are missing or out of order".into(),
            expected: format!("entry {expected_seq}"),
            found: format!("entry {}", entry.seq),
        });
    }
    if entry.prev != *expected_prev {
        problems.push(ChainProblem {
            file: AUDIT_FILE.into(),
            line,
            what: format!("the chain is broken before entry {}", entry.seq),
            expected: format!("prev {expected_prev}"),
            found: format!("prev {}", entry.prev),
        });
    }
    problems
}

/// Opens the log file for reading its raw lines (for `verify`).
pub fn read_raw(root: &Path) -> io::Result<Vec<u8>> {
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
pub fn check_chain(bytes: &[u8], vault: &Vault) -> (Vec<AuditEntry>, Vec<ChainProblem>) {
    check_chain_of(bytes, vault, AUDIT_FILE)
}

/// Checks one log file's bytes end to end (`file` relative to the catalogue).
pub fn check_chain_of(
    bytes: &[u8],
    vault: &Vault,
    file: &str,
) -> (Vec<AuditEntry>, Vec<ChainProblem>) {
    let ParsedLog {
        entries,
        mut problems,
        torn,
        ..
    } = parse_log_file(bytes, vault, file);
    if let Some(line) = torn {
        problems.push(ChainProblem {
            file: file.to_string(),
            line,
            what: "the last entry is incomplete".into(),
            expected: "a whole entry ending in a newline".into(),
            found: "an entry cut short (Dossier stopped while writing it)".into(),
        });
    }
    (entries, problems)
}
