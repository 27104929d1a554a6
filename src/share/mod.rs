//! Restricted sharing: which records a recipient may receive, the package made for them,
//! checking a package, and receiving one from another office.
//!
//! A label holds everywhere: only approved records whose label the recipient may receive
//! go in; attachments go in by their effective label; private notes, reviewer comments,
//! staff names and the audit log never do; links to anything held back are dropped without
//! a trace. Nothing here knows about the GUI.

mod error;
mod error_text;
mod html;
mod job;
mod manifest;
mod metadata;
mod package;
mod persons_csv;
mod plan;
mod protect;
mod queue;
mod read;
mod receive;
mod record;
mod sent;

pub use error::ShareError;
pub use html::esc;
pub use job::{PackageFile, PackageJob, prepare};
pub use manifest::{
    INDEX_FILE, MANIFEST_FILE, Manifest, ManifestFile, ManifestRecipient, PACKAGE_FORMAT,
    PERSONS_FILE, RECORDS_FILE, is_safe_relative,
};
pub use metadata::{MetadataOut, strips_by_default};
pub use package::{PackageSummary, is_zip_path, write_package};
pub use plan::{
    HeldRecord, HoldReason, IncludedRecord, PlanOptions, SharePlan, plan, plan_with,
    recipient_refusal,
};
pub use protect::{
    MIN_PACKAGE_PASSPHRASE, PackagePassphrase, Unprotected, is_protected, new_package_passphrase,
    read_package_passphrase, unprotect,
};
pub use queue::{QueueItem, review_queue, review_queue_now, review_queue_unlogged};
pub use read::{MAX_UNPACKED, PackageReader, PackageReport, verify_package};
pub use receive::{
    MAX_RECORDS, MAX_RECORDS_JSON, ReceiveInto, ReceiveSummary, receive, receive_into,
};
pub use record::{
    PERSON_FIELDS_KEPT, PERSON_FIELDS_SHARED, PackageAttachment, PackagePerson, PackageRecord,
    PackageStatusEntry,
};
