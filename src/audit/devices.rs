//! A synced catalogue's logs: each desktop appends only to its own chain, so that two
//! desktops never write the same file and sync never merges a log. The first desktop
//! goes on with `audit.jsonl`; a desktop that joined later (a clone) writes
//! `audit/<device>.jsonl`. History and verify read every one of them, ordered by the
//! entries' Lamport clocks.

use std::fs;
use std::io;
use std::path::Path;

use super::AUDIT_FILE;
use super::chain::{ChainProblem, ParsedLog, parse_log_file};
use super::entry::AuditEntry;
use super::error::AuditError;
use crate::durable::vault::Vault;

/// The folder of the logs of desktops that joined a synced catalogue.
pub const DEVICE_LOGS_DIR: &str = "audit";

/// A desktop's own log file, relative to the catalogue: `audit/<device>.jsonl`.
pub fn device_log_file(device: &str) -> String {
    format!("{DEVICE_LOGS_DIR}/{device}.jsonl")
}

/// Another desktop's log, as this desktop read it (never written here).
#[derive(Debug, Clone, Default)]
pub struct DeviceLog {
    /// The file, relative to the catalogue.
    pub file: String,
    /// Its entries, in its order.
    pub entries: Vec<AuditEntry>,
    /// Where its chain is broken. A last line cut short is not one: that desktop may be
    /// writing it, and a sync carries whole lines only once committed.
    pub problems: Vec<ChainProblem>,
}

/// Every log file in the catalogue, relative to it: `audit.jsonl` (when it exists) first,
/// then `audit/*.jsonl` sorted by name.
pub fn log_files(root: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    if root.join(AUDIT_FILE).is_file() {
        files.push(AUDIT_FILE.to_string());
    }
    let dir = root.join(DEVICE_LOGS_DIR);
    let mut names: Vec<String> = match fs::read_dir(&dir) {
        Ok(read) => read
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".jsonl") && !n.starts_with('.'))
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    names.sort();
    files.extend(names.into_iter().map(|n| format!("{DEVICE_LOGS_DIR}/{n}")));
    Ok(files)
}

/// Reads every log but `own`, for history and verify.
pub fn load_others(vault: &Vault, own: &str) -> Result<Vec<DeviceLog>, AuditError> {
    load_logs_except(vault, &[own])
}

/// Reads every log but those named in `except`.
pub fn load_logs_except(vault: &Vault, except: &[&str]) -> Result<Vec<DeviceLog>, AuditError> {
    let root = vault.root();
    let files =
        log_files(root).map_err(|e| AuditError::io("read", &root.join(DEVICE_LOGS_DIR), e))?;
    let mut logs = Vec::new();
    for file in files.into_iter().filter(|f| !except.contains(&f.as_str())) {
        let path = root.join(&file);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(AuditError::io("read", &path, e)),
        };
        let ParsedLog {
            entries, problems, ..
        } = parse_log_file(&bytes, vault, &file);
        logs.push(DeviceLog {
            file,
            entries,
            problems,
        });
    }
    Ok(logs)
}

/// The largest clock among these entries (0 for none).
pub fn max_clock<'a>(entries: impl IntoIterator<Item = &'a AuditEntry>) -> u64 {
    entries
        .into_iter()
        .map(AuditEntry::clock)
        .max()
        .unwrap_or(0)
}
