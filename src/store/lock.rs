//! The catalogue lock: one Dossier writes a catalogue at a time.
//!
//! `dossier.lock` is locked with the operating system's file lock for as long as a catalogue
//! is open for writing; the lock goes away by itself when the process ends, even after a
//! crash. The file's text names who holds it, so a second Dossier can say who has it open.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The lock file in a catalogue's folder; it says who holds the catalogue.
pub const LOCK_FILE: &str = "dossier.lock";

/// Who holds a catalogue open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    /// Who opened it.
    pub user: String,
    /// The process that holds it.
    pub pid: u32,
    /// The computer it is open on.
    #[serde(default)]
    pub host: String,
    /// Since when.
    pub since: Timestamp,
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let since = self.since.strftime("%Y-%m-%d %H:%M UTC");
        if self.host.is_empty() {
            write!(f, "{} (process {}, since {since})", self.user, self.pid)
        } else {
            write!(
                f,
                "{} on {} (process {}, since {since})",
                self.user, self.host, self.pid
            )
        }
    }
}

/// A held lock; dropping it releases the catalogue.
#[derive(Debug)]
pub struct CatalogueLock {
    _file: File,
}

/// What trying to lock a catalogue found.
pub enum LockOutcome {
    /// The lock is this process's until it is dropped.
    Acquired(CatalogueLock),
    /// Another process holds the lock; who, when the lock file says so.
    HeldElsewhere(Option<LockHolder>),
    /// The drive cannot lock files (some network shares).
    Unsupported,
}

/// Tries to lock the catalogue at `root` for `user`, without waiting for another process.
///
/// When the lock seems held by this very process, it may only be that a child process
/// this one just started still shares the lock file (between its fork and its exec, for a
/// moment): that is looked at again a few times before it counts as held.
pub fn try_lock(root: &Path, user: &str) -> std::io::Result<LockOutcome> {
    for _ in 0..SELF_RETRIES {
        match try_lock_once(root, user)? {
            LockOutcome::HeldElsewhere(Some(h)) if h.pid == std::process::id() => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            outcome => return Ok(outcome),
        }
    }
    try_lock_once(root, user)
}

/// How many times a lock held by this process is looked at again.
const SELF_RETRIES: usize = 20;

fn try_lock_once(root: &Path, user: &str) -> std::io::Result<LockOutcome> {
    let path = root.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {
            let holder = LockHolder {
                user: user.to_string(),
                pid: std::process::id(),
                host: hostname(),
                since: Timestamp::now(),
            };
            // The holder's name is a courtesy for others; the lock itself is what matters.
            let text = serde_json::to_string(&holder).unwrap_or_default();
            let _ = file.set_len(0);
            let _ = file.seek(SeekFrom::Start(0));
            let _ = file.write_all(text.as_bytes());
            Ok(LockOutcome::Acquired(CatalogueLock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Ok(LockOutcome::HeldElsewhere(serde_json::from_str(&text).ok()))
        }
        Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            Ok(LockOutcome::Unsupported)
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .unwrap_or_default()
}
