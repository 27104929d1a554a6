//! What embedded metadata (GPS positions, camera serial numbers, capture times, names in
//! XMP and IPTC) each file of a package would carry, and whether it goes stripped.
//!
//! For the public and for TLP:CLEAR and TLP:GREEN recipients, files go as copies without
//! their embedded metadata by default (a file whose metadata cannot be removed is held
//! back); for others they go as they are, and the plan lists what they carry. A reviewer
//! may choose otherwise for a package, deliberately: the choice is logged with the
//! disclosure. A stripped copy names its original's SHA-256 (`derived_from`) in the
//! manifest and in `records.json`.

use std::collections::BTreeSet;

use crate::media::embedded::{self, Embedded, Format};
use crate::model::{Label, Recipient, RecipientKind, Record};
use crate::store::BlobStore;

/// What one file that goes in carries, and whether it goes stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataOut {
    /// Index into the record's attachments.
    pub attachment: usize,
    /// What its headers show it carries.
    pub found: BTreeSet<Embedded>,
    /// Telling values (`camera serial 0042`), for the reviewer.
    pub details: Vec<String>,
    /// It goes as a copy without its embedded metadata.
    pub stripped: bool,
    /// Dossier cannot read this kind of file's metadata: it may carry some.
    pub unknown: bool,
}

impl MetadataOut {
    /// One line for people: `GPS position, camera serial number (camera serial 0042):
    /// removed`.
    pub fn describe(&self) -> String {
        if self.unknown {
            return "may carry embedded metadata that Dossier cannot read or remove; it goes as it is".into();
        }
        let what = embedded::names(&self.found);
        let values = if self.details.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.details.join("; "))
        };
        if self.stripped {
            if self.found.is_empty() {
                "goes as a copy without embedded metadata".into()
            } else {
                format!("{what}{values}: removed (a stripped copy goes)")
            }
        } else {
            format!("{what}{values}: goes out with the file")
        }
    }
}

/// Whether files for `recipient` go without their embedded metadata unless a reviewer
/// decides otherwise: the public, and TLP:CLEAR and TLP:GREEN recipients.
pub fn strips_by_default(recipient: &Recipient) -> bool {
    recipient.kind == RecipientKind::Public || recipient.max_label <= Label::Green
}

/// What planning found about the files of one record that may go in.
#[derive(Debug, Default)]
pub(super) struct FilesPlan {
    /// Indexes of the files that go in.
    pub going: Vec<usize>,
    /// Files held back because their metadata cannot be removed (with their media type).
    pub not_removable: Vec<(usize, String)>,
    /// What the files that go in carry, and which go stripped.
    pub metadata: Vec<MetadataOut>,
}

/// Looks at each of `candidates` (indexes into the record's files, all within clearance):
/// notes what it carries and whether it is stripped; with `strip`, a file whose metadata
/// cannot be removed is held back instead.
pub(super) fn plan_files(
    blobs: &BlobStore,
    record: &Record,
    candidates: &[usize],
    strip: bool,
) -> FilesPlan {
    let mut out = FilesPlan::default();
    for &i in candidates {
        let Some(a) = record.attachments.get(i) else {
            continue;
        };
        let format = Format::of(&a.media_type);
        if strip && !format.can_strip() {
            out.not_removable.push((i, a.media_type.clone()));
            continue;
        }
        out.going.push(i);
        let seen = embedded::inspect(
            crate::durable::vault::Source::stored(blobs.vault(), &blobs.path_of(&a.sha256)),
            &a.media_type,
        );
        let unknown = format == Format::Other;
        let stripped = strip && format != Format::Plain;
        if seen.found.is_empty() && !unknown && !stripped {
            continue;
        }
        out.metadata.push(MetadataOut {
            attachment: i,
            found: seen.found,
            details: seen.details,
            stripped,
            unknown,
        });
    }
    out
}
