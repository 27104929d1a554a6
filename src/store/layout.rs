//! A catalogue is a folder:
//!
//! ```text
//! dossier.json        format name and version, catalogue id, title, office, created
//!                     (encrypted: format, id, the wrapped keys, and the rest sealed)
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

/// The catalogue's details: id, title, office, format version.
pub const META_FILE: &str = "dossier.json";
/// One JSON file per live record, named `<id>.json`.
pub const RECORDS_DIR: &str = "records";
/// Records moved to the trash, as in `records/`.
pub const TRASH_DIR: &str = "trash";
/// Thumbnails and other files that can be made again.
pub const CACHE_DIR: &str = "cache";
/// Where opening sets aside originals that nothing accounts for (see `reconcile`).
pub const RECOVERED_DIR: &str = "recovered";
/// The catalogue's recipients.
pub const RECIPIENTS_FILE: &str = "recipients.json";
/// Saved views (named lists) shown in the app's left panel.
pub const VIEWS_FILE: &str = "views.json";
/// What `format` says in every catalogue's `dossier.json`.
pub const FORMAT_NAME: &str = "dossier-catalogue";
/// The newest format this version reads and writes.
pub const FORMAT_VERSION: u32 = 2;
/// The format of a plain catalogue (Dossier 0.1 reads it).
pub const PLAIN_FORMAT_VERSION: u32 = 1;
/// The format of an encrypted catalogue: `dossier.json` holds only its public part (the
/// format, the id, how it is encrypted and the wrapped keys) and the rest sealed.
pub const ENCRYPTED_FORMAT_VERSION: u32 = 2;
