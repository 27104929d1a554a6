//! Catalogue-wide checks, above the store: `verify` (fixity and custody end to end: every
//! original hashed again, every record file against its last logged hash, the audit chain
//! entry by entry, against a chain head given out earlier), `relink` (missing originals
//! put back from a folder, by hash) and `check` (every file readable, every original
//! present, every link resolving).
//!
//! They open catalogues and read the log as the store and the audit layer let them; they
//! write only through those layers (the log entries of a verification or a restore).

mod check;
mod originals;
mod problem;
mod relink;
mod verify;

pub use check::check_catalogue;
pub use problem::{VerifyProblem, VerifyProgress};
pub use relink::{RelinkReport, relink};
pub use verify::{VerifyReport, verify};
