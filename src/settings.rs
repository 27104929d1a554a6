//! Where Dossier keeps its own files, and who the user is.
//!
//! `settings.json` in the config folder holds the user's name, which is written with every
//! change they make, from the GUI or the CLI. `DOSSIER_CONFIG_DIR` and `DOSSIER_DATA_DIR`
//! override the folders (tests use them so that nothing touches a real home folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Extra;
use crate::store::StoreError;

/// The settings file's name in the settings folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// Dossier's own folders on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Settings (the user's name).
    pub config_dir: PathBuf,
    /// Catalogues Dossier makes itself, such as the copy of the sample.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The folders for this user, honouring `DOSSIER_CONFIG_DIR` and `DOSSIER_DATA_DIR`.
    pub fn from_env() -> Paths {
        let dirs = directories::ProjectDirs::from("org", "Dossier", "Dossier");
        let fallback = || std::env::temp_dir().join("dossier");
        let config_dir = std::env::var_os("DOSSIER_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()))
            .unwrap_or_else(fallback);
        let data_dir = std::env::var_os("DOSSIER_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()))
            .unwrap_or_else(fallback);
        Paths {
            config_dir,
            data_dir,
        }
    }

    /// Both folders under one root (for tests and portable installs).
    pub fn under(root: &Path) -> Paths {
        Paths {
            config_dir: root.join("config"),
            data_dir: root.join("data"),
        }
    }

    /// Where the settings file is.
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join(SETTINGS_FILE)
    }

    /// Where the first run puts its copy of the sample catalogue.
    pub fn sample_copy(&self) -> PathBuf {
        self.data_dir.join("Sample catalogue")
    }
}

/// The user's settings, shared by the GUI and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recorded as the author of every change; asked for on first run.
    pub user_name: String,
    /// Remind the user to verify a catalogue not verified for this many days.
    #[serde(default = "default_reminder_days")]
    pub verify_reminder_days: u32,
    /// An encrypted catalogue locks itself after this many minutes without a key press or
    /// a mouse movement.
    #[serde(default = "default_lock_minutes")]
    pub lock_after_minutes: u32,
    /// The interface's language (`hy`, `ru`, `en`); none yet: the system's, on first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Settings this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Fixity is checked on a schedule: by default, a reminder after 30 days.
pub const DEFAULT_REMINDER_DAYS: u32 = 30;

fn default_reminder_days() -> u32 {
    DEFAULT_REMINDER_DAYS
}

/// An unattended, unlocked catalogue locks itself after 15 minutes by default.
pub const DEFAULT_LOCK_MINUTES: u32 = 15;

fn default_lock_minutes() -> u32 {
    DEFAULT_LOCK_MINUTES
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            user_name: String::new(),
            verify_reminder_days: DEFAULT_REMINDER_DAYS,
            lock_after_minutes: DEFAULT_LOCK_MINUTES,
            language: None,
            extra: Extra::new(),
        }
    }
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (a first run).
    pub fn load(paths: &Paths) -> Settings {
        std::fs::read(paths.settings_file())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings (atomically) to their folder.
    pub fn save(&self, paths: &Paths) -> Result<(), StoreError> {
        std::fs::create_dir_all(&paths.config_dir)
            .map_err(|e| StoreError::io("create", &paths.config_dir, e))?;
        let path = paths.settings_file();
        #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
        let mut bytes = serde_json::to_vec_pretty(self).expect("settings always serialise");
        bytes.push(b'\n');
        crate::durable::write_atomic(&path, &bytes).map_err(|e| StoreError::io("save", &path, e))
    }
}

/// The name to record for a change: the one given, else the settings' name, else the
/// system's user name.
pub fn actor_name(given: Option<&str>, settings: &Settings) -> String {
    given
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| Some(settings.user_name.trim().to_string()).filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}
