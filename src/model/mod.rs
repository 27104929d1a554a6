//! The catalogue's types: records, labels, dates and vocabularies.
//!
//! Plain data with no I/O and no GUI: the store reads and writes these, the UI and CLI show
//! and edit them.

pub mod binary;
mod date;
mod id;
mod label;
mod merge;
mod person;
mod recipient;
mod record;
mod redaction;
mod sha256;
mod vocab;

pub use date::{Certainty, DateError, DateProblem, FuzzyDate, PartialDate};
pub use id::{Extra, RecordId};
pub use label::{Label, UnknownLabel};
pub use merge::{merge_person, retarget};
pub use person::{Person, PersonName, StatusEntry};
pub use recipient::{Recipient, RecipientKind, ReviewAction};
pub use record::{
    Attachment, FieldConflict, GeoPoint, Link, MediaMetadata, ParseProblem, Provenance, Record,
    Source, Trashed,
};
pub use redaction::{Area, MAX_AREA_POINTS, NotARegion, NotAnArea, RedactOp, Redaction, Region};
pub use sha256::{NotASha256, Sha256, is_sha256_text};
pub(crate) use vocab::vocabulary;
pub use vocab::{
    CollectionMethod, ContentWarning, EvidenceBasis, LinkKind, PersonCategory, PersonStatus,
    RecordKind, ReviewState, Sex, SourceKind, UnknownValue, Verification,
};
