//! The catalogue on disk: the only code that writes catalogue files; every write is atomic,
//! and every change is logged in the audit chain before it is made.
//!
//! Nothing here knows about the GUI. Reading never changes a file, except to finish a move
//! that a crash interrupted and to remove leftover temp files, and only when the catalogue
//! is open for writing.

mod blobs;
mod catalogue;
mod device;
mod error;
mod error_text;
pub mod fsx;
pub mod layout;
mod lock;
mod merge;
pub mod snapshot;

pub use blobs::{ATTACHMENTS_DIR, BlobStore, HEAD_LEN, Ingested};
pub use catalogue::{
    CIPHER, Catalogue, CatalogueFiles, CatalogueMeta, Completed, Completion, Encryption, KeyEntry,
    MIN_PASSPHRASE, OUTSIDE_REASON, OpenOptions, OutsideChange, Problem, Received, ShowRecoveryKey,
    SnapshotJob, decrypt, encrypt, find_logged_version, rotate_key,
};
pub use device::{DEVICE_FILE, Device};
pub use error::{ReadOnlyReason, StoreError, describe_io};
pub use fsx::{FsOp, WriteBatch};
pub use layout::{
    CACHE_DIR, FORMAT_NAME, FORMAT_VERSION, META_FILE, RECIPIENTS_FILE, RECORDS_DIR, RECOVERED_DIR,
    TRASH_DIR, VIEWS_FILE,
};
pub use lock::{LOCK_FILE, LockHolder};
pub use merge::{Merged, merge_record};
