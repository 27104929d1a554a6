//! The words of [`StoreError`] and [`ReadOnlyReason`], in the chosen language (the
//! message files hold them; the command line's thread says them in English).

use std::fmt;
use std::path::Path;

use super::error::{ReadOnlyReason, StoreError};
use super::layout::FORMAT_VERSION;
use crate::t;

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// "recipient" or "view", the items of a named list, in the chosen language.
fn item_word(what: &str) -> String {
    match what {
        "recipient" => t!("error-item-recipient"),
        "view" => t!("error-item-view"),
        "passphrase" => t!("error-item-passphrase"),
        other => other.to_string(),
    }
}

/// The words of the errors about unlocking an encrypted catalogue.
fn locked_text(e: &StoreError) -> String {
    match e {
        StoreError::Locked(p) => t!("error-locked", path = shown(p)),
        StoreError::WrongSecret {
            path,
            recovery: false,
        } => t!("error-wrong-passphrase", path = shown(path)),
        StoreError::WrongSecret {
            path,
            recovery: true,
        } => t!("error-wrong-recovery-key", path = shown(path)),
        StoreError::ShortPassphrase(n) => t!("error-short-passphrase", count = *n),
        StoreError::LastPassphrase => t!("error-last-passphrase"),
        StoreError::ConversionInterrupted {
            path,
            encrypting: true,
        } => t!("error-encrypting-interrupted", path = shown(path)),
        StoreError::ConversionInterrupted {
            path,
            encrypting: false,
        } => t!("error-decrypting-interrupted", path = shown(path)),
        StoreError::ConvertingFailed { path, reason } => {
            t!(
                "error-converting-failed",
                path = shown(path),
                reason = reason
            )
        }
        StoreError::NotEncrypted(p) => t!("error-not-encrypted", path = shown(p)),
        StoreError::NoSuchPassphrase(label) => t!("error-no-such-passphrase", label = label),
        other => format!("{other:?}"),
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            StoreError::FolderMissing(p) => t!("error-folder-missing", path = shown(p)),
            StoreError::Locked(_)
            | StoreError::WrongSecret { .. }
            | StoreError::ShortPassphrase(_)
            | StoreError::LastPassphrase
            | StoreError::ConversionInterrupted { .. }
            | StoreError::ConvertingFailed { .. }
            | StoreError::NotEncrypted(_)
            | StoreError::NoSuchPassphrase(_) => locked_text(self),
            StoreError::NotACatalogue { path, reason } => {
                t!("error-not-a-catalogue", path = shown(path), reason = reason)
            }
            StoreError::CannotCreate { path, reason } => {
                t!("error-cannot-create", path = shown(path), reason = reason)
            }
            StoreError::ReadOnly(why) => t!("error-read-only", why = why.to_string()),
            StoreError::UnknownRecord(id) => t!("error-unknown-record", id = id),
            StoreError::AmbiguousId { prefix, count } => {
                t!("error-ambiguous-id", prefix = prefix, count = *count)
            }
            StoreError::NotInTrash(id) => t!("error-not-in-trash", id = id.to_string()),
            StoreError::MergeWithItself => t!("error-merge-with-itself"),
            StoreError::DistinctFromItself => t!("error-distinct-from-itself"),
            StoreError::NotAPerson { title, .. } => t!("error-not-a-person", title = title),
            StoreError::ApproveOutsideChange(title) => {
                t!("error-approve-outside-change", title = title)
            }
            StoreError::OwnSubmission(title) => t!("error-own-submission", title = title),
            StoreError::UndoOverOutsideChange(id) => {
                t!("error-undo-over-outside-change", id = id.to_string())
            }
            StoreError::NoOutsideChange(id) => t!("error-no-outside-change", id = id.to_string()),
            StoreError::NoLoggedVersion(id) => t!("error-no-logged-version", id = id.to_string()),
            StoreError::NotTheLoggedVersion {
                file,
                seq,
                found,
                expected,
            } => t!(
                "error-not-the-logged-version",
                file = file,
                seq = seq.to_string(),
                found = found.to_string(),
                expected = expected.to_string()
            ),
            StoreError::NotARecord { file, problem } => {
                t!("error-not-a-record", file = file, problem = problem)
            }
            StoreError::OtherRecord {
                file,
                found,
                wanted,
            } => t!(
                "error-other-record",
                file = file,
                found = found.to_string(),
                wanted = wanted.to_string()
            ),
            StoreError::NoTitle => t!("error-no-title"),
            StoreError::BadRecipient(why) => why.clone(),
            StoreError::UnreadableList(p) => t!("error-unreadable-list", path = shown(p)),
            StoreError::NoName(what) => t!("error-no-name", what = item_word(what)),
            StoreError::NameTaken { what, name } => {
                t!("error-name-taken", what = item_word(what), name = name)
            }
            StoreError::CannotImport { path, reason } => {
                t!("error-cannot-import", path = shown(path), reason = reason)
            }
            StoreError::Audit(e) => e.to_string(),
            StoreError::Io {
                action,
                path,
                source,
            } => crate::durable::could_not(action, path, source),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ReadOnlyReason::Requested => t!("read-only-requested"),
            ReadOnlyReason::NewerFormat { found } => t!(
                "read-only-newer-format",
                found = found.to_string(),
                known = FORMAT_VERSION.to_string()
            ),
            ReadOnlyReason::OpenElsewhere(Some(holder)) => {
                t!("read-only-open-elsewhere-by", holder = holder.to_string())
            }
            ReadOnlyReason::OpenElsewhere(None) => t!("read-only-open-elsewhere"),
            ReadOnlyReason::NotWritable(why) => t!("read-only-not-writable", why = why),
            ReadOnlyReason::Received {
                package_id,
                sent_by,
            } => t!(
                "read-only-received",
                package = package_id,
                sent_by = sent_by
            ),
        };
        f.write_str(&text)
    }
}
