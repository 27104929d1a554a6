//! The words the app adds to the catalogue's (`crate::words`): log actions and the
//! reasons a record is held back from a package.

pub use crate::words::*;

use crate::audit::Action;
use crate::media::MediaClass;
use crate::share::HoldReason;
use crate::t;

/// An audit log action, as the History tab and the audit log window name it.
pub fn action(a: Action) -> String {
    match a {
        Action::CatalogueCreated => t!("action-catalogue-created"),
        Action::Baseline => t!("action-baseline"),
        Action::Created => t!("action-created"),
        Action::Edited => t!("action-edited"),
        Action::LabelChanged => t!("action-label-changed"),
        Action::ReviewChanged => t!("action-review-changed"),
        Action::AttachmentImported => t!("action-attachment-imported"),
        Action::AttachmentEdited => t!("action-attachment-edited"),
        Action::AttachmentRemoved => t!("action-attachment-removed"),
        Action::Trashed => t!("action-trashed"),
        Action::Restored => t!("action-restored"),
        Action::Deleted => t!("action-deleted"),
        Action::Disclosed => t!("action-disclosed"),
        Action::Verified => t!("action-verified"),
        Action::Relinked => t!("action-relinked"),
        Action::Repaired => t!("action-repaired"),
        Action::RecipientsChanged => t!("action-recipients-changed"),
        Action::PackageReceived => t!("action-package-received"),
        Action::Merged => t!("action-merged"),
        Action::Exported => t!("action-exported"),
        Action::ChangedOutside => t!("action-changed-outside"),
        Action::OutsideChangeAccepted => t!("action-outside-change-accepted"),
        Action::LoggedVersionRestored => t!("action-logged-version-restored"),
        Action::CatalogueChanged => t!("action-catalogue-changed"),
        Action::KeysChanged => t!("action-keys-changed"),
        Action::Encrypted => t!("action-encrypted"),
        Action::Decrypted => t!("action-decrypted"),
        Action::KeyRotated => t!("action-key-rotated"),
        Action::SyncSetUp => t!("action-sync-set-up"),
        Action::ReceivedBySync => t!("action-received-by-sync"),
        Action::MergedBySync => t!("action-merged-by-sync"),
        Action::ConflictResolved => t!("action-conflict-resolved"),
        Action::Redacted => t!("action-redacted"),
    }
}

/// Why a package holds a record or a file back.
pub fn hold_reason(r: &HoldReason) -> String {
    match r {
        HoldReason::NotApproved(state) => t!("hold-not-approved", state = review(*state)),
        HoldReason::AboveClearance { label, max } => {
            t!("hold-above", label = label.as_str(), max = max.as_str())
        }
        HoldReason::OriginalMissing => t!("hold-missing"),
        HoldReason::Private => t!("hold-private"),
        HoldReason::ChangedOutside => t!("hold-outside"),
        HoldReason::InConflict(fields) => t!("hold-conflict", fields = fields.join(", ")),
        HoldReason::RecipientRefused(why) => t!("hold-recipient", why = why),
        HoldReason::MetadataNotRemovable(kind) => t!("hold-metadata", kind = kind),
        HoldReason::RedactedCopyGoes { label, copy } => {
            t!("hold-redacted-copy", label = label.as_str(), copy = copy)
        }
    }
}

/// A file's class ("Video") on its placeholder card.
pub fn media_class(c: MediaClass) -> String {
    match c {
        MediaClass::Photo => t!("media-photo"),
        MediaClass::Video => t!("media-video"),
        MediaClass::Audio => t!("media-audio"),
        MediaClass::Document => t!("media-document"),
        MediaClass::Other => t!("media-other"),
    }
}
