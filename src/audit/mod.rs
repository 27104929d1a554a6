//! The chain of custody: `audit.jsonl`, one entry per action on the evidence.
//!
//! Each entry holds the hash of the entry before it and its own hash (SHA-256 over its
//! canonical JSON), so a removed, reordered or altered entry is detectable. Entries are
//! only ever appended. Changes are written ahead: a change's entries reach the disk before
//! the record they describe, and each entry carries the SHA-256 of the record file it
//! produces, so a crash between the two is found (and logged) when the catalogue opens.
//!
//! This layer sits below the store: it knows records only as ids and hashes (and, in
//! `changes`, how to describe what a save changed), writes through `durable`, and has its
//! own error type. Nothing here knows about the GUI. The private notes' values never enter
//! the log: only a salted hash of them does.

mod bursts;
mod chain;
mod changes;
mod devices;
mod entry;
mod error;
mod filter;
mod history;
mod last_append;
mod log;
mod record_index;
mod resume;
mod states;

pub use bursts::{Burst, FieldChange, bursts};
pub use chain::{
    ChainProblem, ParsedLog, check_chain, check_chain_of, parse_log, parse_log_file, parse_log_in,
    read_raw,
};
pub use changes::{STAMPS, content_changed, drafts_for_put, salted_hash};
pub use devices::{DEVICE_LOGS_DIR, DeviceLog, device_log_file, log_files, max_clock};
pub use entry::{AuditDraft, AuditEntry, ChainHead, Change, canonical_json, genesis};
pub use error::AuditError;
pub use filter::LogFilter;
pub use last_append::{LastAppend, Version};
pub use log::{AuditLog, Loaded};
pub use record_index::{IndexKeeper, RecordIndex};
pub use resume::{LogMark, OtherLogMark};
pub use states::{
    RecordState, RecordStates, Tail, outside_after, states_after, states_of, theirs_after,
};

/// The log's file in a catalogue folder.
pub const AUDIT_FILE: &str = "audit.jsonl";

/// The `prev` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The detail on the first entry of an append of several entries: how many it wrote.
pub const BATCH_DETAIL: &str = "batch";

crate::model::vocabulary! {
    /// What an entry records.
    Action, "audit action" {
        CatalogueCreated = "catalogue-created", "Catalogue created";
        Baseline = "baseline", "Entered in the log";
        Created = "created", "Created";
        Edited = "edited", "Edited";
        LabelChanged = "label-changed", "Label changed";
        ReviewChanged = "review-changed", "Review state changed";
        AttachmentImported = "attachment-imported", "Attachment imported";
        AttachmentEdited = "attachment-edited", "Attachment edited";
        AttachmentRemoved = "attachment-removed", "Attachment removed";
        Trashed = "trashed", "Moved to the trash";
        Restored = "restored", "Restored from the trash";
        Deleted = "deleted", "Deleted for good";
        Disclosed = "disclosed", "Disclosed";
        Verified = "verified", "Catalogue verified";
        Relinked = "relinked", "Missing original restored";
        Repaired = "repaired", "Repaired";
        RecipientsChanged = "recipients-changed", "Recipients changed";
        PackageReceived = "package-received", "Package received";
        Merged = "merged", "Merged with a duplicate";
        Exported = "exported", "Exported";
        ChangedOutside = "changed-outside", "Changed outside Dossier";
        OutsideChangeAccepted = "outside-change-accepted", "Outside change accepted for review";
        LoggedVersionRestored = "logged-version-restored", "Logged version restored";
        CatalogueChanged = "catalogue-changed", "Catalogue details changed";
        KeysChanged = "keys-changed", "Passphrases changed";
        Encrypted = "encrypted", "Catalogue encrypted";
        Decrypted = "decrypted", "Catalogue decrypted";
        KeyRotated = "key-rotated", "Catalogue key rotated";
        SyncSetUp = "sync-set-up", "Set up for sync";
        ReceivedBySync = "received-by-sync", "Received from another desktop";
        MergedBySync = "merged-by-sync", "Merged with another desktop's changes";
        ConflictResolved = "conflict-resolved", "Conflict resolved";
        Redacted = "redacted", "Redacted copy made";
    }
}

#[cfg(test)]
mod tests;
