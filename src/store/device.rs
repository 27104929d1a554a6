//! `device.json`: which desktop this copy of a synced catalogue is, and the log it writes.
//! It stays on this desktop (sync never carries it): a desktop that joins by cloning gets
//! its own. Without it, the catalogue is one desktop's and writes `audit.jsonl`.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::audit::{AUDIT_FILE, AuditLog, device_log_file};
use crate::durable;
use crate::durable::vault::Vault;

/// The file, in the catalogue's folder.
pub const DEVICE_FILE: &str = "device.json";

/// This desktop in a synced catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// A pseudonym, `d-` and 8 hex digits: it names this desktop's log and its commits,
    /// and nothing about the person or the computer.
    pub device: String,
    /// The log this desktop appends to, relative to the catalogue: `audit/<device>.jsonl`
    /// (`audit.jsonl`, the catalogue's log from before it synced, is read and never
    /// appended to again; a device file naming it is still read).
    pub log: String,
}

impl Device {
    /// A new pseudonym for a desktop.
    pub fn new_id() -> String {
        format!("d-{:08x}", fastrand::u32(..))
    }

    /// A desktop of a synced catalogue: it writes its own `audit/<device>.jsonl`.
    pub fn joined() -> Device {
        let device = Device::new_id();
        Device {
            log: device_log_file(&device),
            device,
        }
    }

    /// Reads `device.json`; `None` when there is none (a catalogue never synced). A file
    /// changed by hand is checked: the pseudonym is letters, digits and dashes, and the
    /// log is `audit.jsonl` or this desktop's own under `audit/`.
    pub fn read(root: &Path) -> Result<Option<Device>, StoreError> {
        let path = root.join(DEVICE_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io("read", &path, e)),
        };
        let bad = |why: String| {
            StoreError::io(
                "read",
                &path,
                io::Error::new(io::ErrorKind::InvalidData, why),
            )
        };
        let device: Device = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
        let name_ok = (3..=40).contains(&device.device.len())
            && device
                .device
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !name_ok {
            return Err(bad(format!(
                "'{}' is not a desktop's pseudonym (letters, digits and dashes)",
                crate::text::one_line(&device.device)
            )));
        }
        if device.log != AUDIT_FILE && device.log != device_log_file(&device.device) {
            return Err(bad(format!(
                "the log '{}' is neither {AUDIT_FILE} nor {}",
                crate::text::one_line(&device.log),
                device_log_file(&device.device)
            )));
        }
        Ok(Some(device))
    }

    /// This desktop's log file in the catalogue at `root`: `audit.jsonl`, or its own in
    /// a synced catalogue it joined (also when `device.json` cannot be read: opening
    /// says why).
    pub fn log_of(root: &Path) -> String {
        match Device::read(root) {
            Ok(Some(device)) => device.log,
            _ => AUDIT_FILE.to_string(),
        }
    }

    /// The catalogue's logs as opening reads them (this desktop's, and in a synced
    /// catalogue the others'), read only.
    pub fn load_logs(vault: &Vault) -> Result<AuditLog, crate::audit::AuditError> {
        let own = Device::log_of(vault.root());
        let loaded = match own == AUDIT_FILE {
            true => AuditLog::load(vault, false),
            false => AuditLog::load_device(vault, &own, false),
        };
        loaded.map(|(log, _)| log)
    }

    /// Writes `device.json` (atomically, durably).
    pub fn write(&self, root: &Path) -> Result<(), StoreError> {
        let path = root.join(DEVICE_FILE);
        #[allow(clippy::expect_used)] // plain strings: serialising cannot fail
        let mut bytes = serde_json::to_vec_pretty(self).expect("a device serialises");
        bytes.push(b'\n');
        durable::write_atomic(&path, &bytes).map_err(|e| StoreError::io("save", &path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_file_round_trips_and_a_bad_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Device::read(dir.path()).unwrap(), None);
        let d = Device::joined();
        assert!(d.log.starts_with("audit/d-") && d.log.ends_with(".jsonl"));
        d.write(dir.path()).unwrap();
        assert_eq!(Device::read(dir.path()).unwrap(), Some(d.clone()));
        for bad in [
            r#"{"device":"d-1","log":"../../etc/passwd"}"#,
            r#"{"device":"../x","log":"audit/../x.jsonl"}"#,
            r#"{"device":"d-12345678","log":"audit/d-other.jsonl"}"#,
            "not json",
        ] {
            std::fs::write(dir.path().join(DEVICE_FILE), bad).unwrap();
            let err = Device::read(dir.path()).unwrap_err().to_string();
            assert!(err.contains(DEVICE_FILE), "{err}");
        }
    }
}
