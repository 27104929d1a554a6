//! The words of [`ShareError`], in the chosen language (the message files hold them;
//! the command line's thread says them in English).

use std::fmt;
use std::path::Path;

use super::error::ShareError;
use crate::media::human_size;
use crate::t;

fn shown(path: &Path) -> String {
    path.display().to_string()
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ShareError::Store(e) => e.to_string(),
            ShareError::Audit(e) => e.to_string(),
            ShareError::UnknownRecipient(name) => t!("error-unknown-recipient", name = name),
            ShareError::Exists(p) => t!("error-package-exists", path = shown(p)),
            ShareError::Io {
                action,
                path,
                source,
            } => crate::durable::could_not(action, path, source),
            ShareError::OriginalChanged {
                name,
                path,
                expected,
                found,
            } => t!(
                "error-original-changed",
                name = name,
                path = shown(path),
                expected = expected.to_string(),
                found = found.to_string()
            ),
            ShareError::RecordChangedOnDisk {
                path,
                expected,
                found,
            } => t!(
                "error-record-changed-on-disk",
                path = shown(path),
                expected = expected.to_string(),
                found = found.to_string()
            ),
            ShareError::CannotStrip { name, reason } => {
                t!("error-cannot-strip", name = name, reason = reason)
            }
            ShareError::RecipientRefused(why) => t!("error-recipient-refused", why = why),
            ShareError::Cancelled => t!("error-export-cancelled"),
            ShareError::WrongPackagePassphrase(p) => {
                t!("error-wrong-package-passphrase", path = shown(p))
            }
            ShareError::ShortPackagePassphrase(n) => {
                t!("error-short-package-passphrase", count = *n)
            }
            ShareError::NotAPackage { path, reason } => {
                t!("error-not-a-package", path = shown(path), reason = reason)
            }
            ShareError::Unsafe {
                path,
                entry,
                reason,
            } => t!(
                "error-unsafe-entry",
                path = shown(path),
                entry = entry,
                reason = reason
            ),
            ShareError::TooLarge { path, what } => {
                t!("error-package-too-large", path = shown(path), what = what)
            }
            ShareError::NoRoom { path, needed, free } => t!(
                "error-no-room",
                path = shown(path),
                needed = human_size(*needed),
                free = human_size(*free)
            ),
            ShareError::FailsVerification { path, problems } => t!(
                "error-fails-verification",
                path = shown(path),
                problems = problems.join("\n")
            ),
        };
        f.write_str(&text)
    }
}
