//! A catalogue is a folder:
//!
//! ```text
//! dossier.json        format name and version, catalogue id, title, office, created
//! records/<id>.json   one pretty-printed file per record
//! trash/<id>.json     records moved to the trash (restorable until emptied)
//! attachments/<sha>   original bytes, named by SHA-256, read-only, never modified
//! cache/              thumbnails; may be deleted at any time
//! dossier.lock        held while a Dossier has the catalogue open for writing
//! audit.jsonl         the chain of custody: one hash-chained entry per action
//! recipients.json     who packages may be made for
//! views.json          saved views
//! recovered/          originals that nothing accounted for, set aside on opening
//! ```
//!
//! The names here (and `attachments/`, `dossier.lock`, `audit.jsonl` beside them) are a
//! public interface: people's scripts rely on them.

pub const META_FILE: &str = "dossier.json";
pub const RECORDS_DIR: &str = "records";
pub const TRASH_DIR: &str = "trash";
pub const CACHE_DIR: &str = "cache";
/// Where opening sets aside originals that nothing accounts for (see `reconcile`).
pub const RECOVERED_DIR: &str = "recovered";
pub const RECIPIENTS_FILE: &str = "recipients.json";
/// Saved views (named lists) shown in the app's left panel.
pub const VIEWS_FILE: &str = "views.json";
pub const FORMAT_NAME: &str = "dossier-catalogue";
/// The newest format this version reads and writes.
pub const FORMAT_VERSION: u32 = 1;
