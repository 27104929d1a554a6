//! Which records and attachments a recipient may receive, and why everything else is held
//! back. The preview people see before they export, and the list the package is made from.

use std::collections::HashSet;
use std::fmt;

use crate::model::{Label, Recipient, Record, RecordId, RecordKind, ReviewState};
use crate::store::Catalogue;

/// Why something stays in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoldReason {
    /// Only approved records leave the catalogue.
    NotApproved(ReviewState),
    /// The (effective) label is above what the recipient may receive.
    AboveClearance {
        /// The record's effective label.
        label: Label,
        /// The most restricted label the recipient may receive.
        max: Label,
    },
    /// The original file is not in `attachments/` (run Verify, or Locate missing originals).
    OriginalMissing,
    /// Private notes never leave the catalogue.
    Private,
    /// The record's file was changed outside Dossier and no one has accepted the change.
    ChangedOutside,
    /// Two desktops changed the same fields differently and no one has chosen yet.
    InConflict(Vec<String>),
    /// The recipient's entry breaks the rules or was changed outside Dossier: it receives
    /// nothing until someone saves it again in Dossier.
    RecipientRefused(String),
    /// The package goes without embedded metadata, and Dossier cannot remove it from this
    /// kind of file (the media type).
    MetadataNotRemovable(String),
    /// The original's label is above clearance, and a redacted copy of it within
    /// clearance goes instead.
    RedactedCopyGoes {
        /// The original's effective label.
        label: Label,
        /// The copy's name.
        copy: String,
    },
}

impl fmt::Display for HoldReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HoldReason::NotApproved(state) => write!(f, "not approved ({})", state.name()),
            HoldReason::AboveClearance { label, max } => write!(
                f,
                "label above clearance ({} is above {})",
                label.as_str(),
                max.as_str()
            ),
            HoldReason::OriginalMissing => write!(f, "the original file is missing"),
            HoldReason::Private => write!(f, "private: never shared"),
            HoldReason::ChangedOutside => write!(
                f,
                "changed outside Dossier: accept the change for review, or restore the logged version"
            ),
            HoldReason::InConflict(fields) => write!(
                f,
                "in conflict between two desktops ({}): choose a value first",
                fields.join(", ")
            ),
            HoldReason::RecipientRefused(why) => {
                write!(f, "the recipient may receive nothing: {why}")
            }
            HoldReason::MetadataNotRemovable(kind) => write!(
                f,
                "its embedded metadata cannot be removed ({kind}), and this package goes without it; keep metadata deliberately to send it"
            ),
            HoldReason::RedactedCopyGoes { label, copy } => write!(
                f,
                "its redacted copy {copy} goes instead (original held back: {})",
                label.as_str()
            ),
        }
    }
}

impl HoldReason {
    /// A short name for grouping: "not approved", "label above clearance", ...
    pub fn short(&self) -> &'static str {
        match self {
            HoldReason::NotApproved(_) => "not approved",
            HoldReason::AboveClearance { .. } => "label above clearance",
            HoldReason::OriginalMissing => "original missing",
            HoldReason::Private => "private",
            HoldReason::ChangedOutside => "changed outside Dossier",
            HoldReason::InConflict(_) => "in conflict",
            HoldReason::RecipientRefused(_) => "recipient refused",
            HoldReason::MetadataNotRemovable(_) => "metadata cannot be removed",
            HoldReason::RedactedCopyGoes { .. } => "redacted copy goes instead",
        }
    }
}

/// A record that goes into the package, with what of it stays behind.
#[derive(Debug, Clone, PartialEq)]
pub struct IncludedRecord {
    /// The record.
    pub id: RecordId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: RecordKind,
    /// Its label.
    pub label: Label,
    /// Indexes into the record's attachments of those that go in.
    pub attachments: Vec<usize>,
    /// Attachments held back, with the reason.
    pub held_attachments: Vec<(usize, HoldReason)>,
    /// The record has private notes, which stay behind.
    pub private_notes_held: bool,
    /// Links to records that are held back (dropped from the package without a trace).
    pub links_dropped: usize,
    /// What the files that go in carry, and which go stripped.
    pub metadata: Vec<super::metadata::MetadataOut>,
}

/// A record that stays behind, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldRecord {
    /// The record.
    pub id: RecordId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: RecordKind,
    /// Its label.
    pub label: Label,
    /// Why it is held back.
    pub reason: HoldReason,
}

/// What a package for one recipient would hold.
#[derive(Debug, Clone, PartialEq)]
pub struct SharePlan {
    /// Who the package is for.
    pub recipient: Recipient,
    /// The records that go, with what of each is held back.
    pub included: Vec<IncludedRecord>,
    /// The records held back, with the reason.
    pub held: Vec<HeldRecord>,
    /// Files go as copies without their embedded metadata.
    pub strip_metadata: bool,
    /// A reviewer chose otherwise than the recipient's default (logged with the package).
    pub metadata_choice_deliberate: bool,
}

/// Choices a reviewer makes for one package.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// `Some(true)` keeps embedded metadata, `Some(false)` removes it; `None` does what the
    /// recipient's default is (see [`super::metadata::strips_by_default`]).
    pub keep_metadata: Option<bool>,
}

impl SharePlan {
    /// The records that will be shared.
    pub fn included_ids(&self) -> HashSet<RecordId> {
        self.included.iter().map(|r| r.id).collect()
    }

    /// The attachments that go in, counted once per record.
    pub fn attachment_count(&self) -> usize {
        self.included.iter().map(|r| r.attachments.len()).sum()
    }

    /// Whether persons go in: the plan then says which of their fields go
    /// ([`crate::share::PERSON_FIELDS_SHARED`]) and which stay.
    pub fn includes_persons(&self) -> bool {
        self.included.iter().any(|r| r.kind == RecordKind::Person)
    }

    /// How many attached files stay in the catalogue.
    pub fn held_attachment_count(&self) -> usize {
        self.included.iter().map(|r| r.held_attachments.len()).sum()
    }

    /// The most restricted label of anything that goes in.
    pub fn highest_label(&self, cat: &Catalogue) -> Option<Label> {
        self.included
            .iter()
            .filter_map(|inc| {
                let record = cat.get(&inc.id)?;
                let attachments = inc
                    .attachments
                    .iter()
                    .filter_map(|&i| record.attachments.get(i))
                    .map(|a| record.effective_label(a));
                Some(attachments.fold(record.label, Label::max))
            })
            .max()
    }
}

/// Why `recipient` may receive nothing, if it may not: it breaks the rules (a public
/// recipient above TLP:CLEAR), or the catalogue found its entry changed outside Dossier.
pub fn recipient_refusal(cat: &Catalogue, recipient: &Recipient) -> Option<String> {
    if let Err(rule) = recipient.check() {
        return Some(rule);
    }
    if let Some(why) = cat.recipient_problem(&recipient.name) {
        return Some(why.to_string());
    }
    match cat.recipient(&recipient.name) {
        Some(current)
            if current.kind == recipient.kind && current.max_label == recipient.max_label =>
        {
            None
        }
        Some(_) => Some(format!(
            "'{}' in the catalogue is not the recipient this package was planned for; plan it again",
            recipient.name.trim()
        )),
        // A recipient given directly (not one of the catalogue's): the rules above are all
        // there is to check.
        None => None,
    }
}

/// Decides, for every live record in `scope` (all records when `None`), whether it may go
/// to `recipient`: only approved records whose label the recipient may receive go in;
/// their attachments go in when their effective label is within clearance too.
pub fn plan(cat: &Catalogue, recipient: &Recipient, scope: Option<&[RecordId]>) -> SharePlan {
    plan_with(cat, recipient, scope, PlanOptions::default())
}

/// [`plan`], with a reviewer's choices.
pub fn plan_with(
    cat: &Catalogue,
    recipient: &Recipient,
    scope: Option<&[RecordId]>,
    options: PlanOptions,
) -> SharePlan {
    let by_default = super::metadata::strips_by_default(recipient);
    let strip = options.keep_metadata.map_or(by_default, |keep| !keep);
    let candidates: Vec<&Record> = match scope {
        Some(ids) => {
            let mut seen = HashSet::new();
            ids.iter()
                .filter(|id| seen.insert(**id))
                .filter_map(|id| cat.get(id))
                .collect()
        }
        None => cat.records().iter().collect(),
    };
    let mut included = Vec::new();
    let mut held = Vec::new();
    // The recipient as planned for, checked again here: the rules, and the catalogue's own
    // verdict on its entry in recipients.json.
    let refused = recipient_refusal(cat, recipient);
    for record in candidates {
        match hold_reason(cat, record, recipient, refused.as_deref()) {
            Some(reason) => held.push(HeldRecord {
                id: record.id,
                title: record.display_title().to_string(),
                kind: record.kind,
                label: record.label,
                reason,
            }),
            None => included.push(include(cat, record, recipient, strip)),
        }
    }
    let ids: HashSet<RecordId> = included.iter().map(|r| r.id).collect();
    for inc in &mut included {
        if let Some(record) = cat.get(&inc.id) {
            inc.links_dropped = record
                .links
                .iter()
                .filter(|l| !ids.contains(&l.target))
                .count();
        }
    }
    let key = |title: &str| title.to_lowercase();
    included.sort_by(|a, b| key(&a.title).cmp(&key(&b.title)).then(a.id.cmp(&b.id)));
    held.sort_by(|a, b| key(&a.title).cmp(&key(&b.title)).then(a.id.cmp(&b.id)));
    SharePlan {
        recipient: recipient.clone(),
        included,
        held,
        strip_metadata: strip,
        metadata_choice_deliberate: strip != by_default,
    }
}

/// Why `record` stays behind, if it does: the recipient refused, a change made outside
/// Dossier waiting for a decision, not approved, or a label above clearance.
fn hold_reason(
    cat: &Catalogue,
    record: &Record,
    recipient: &Recipient,
    refused: Option<&str>,
) -> Option<HoldReason> {
    if let Some(why) = refused {
        Some(HoldReason::RecipientRefused(why.to_string()))
    } else if cat.outside_change(&record.id).is_some() {
        Some(HoldReason::ChangedOutside)
    } else if !record.conflicts.is_empty() {
        Some(HoldReason::InConflict(
            record.conflicts.iter().map(|c| c.field.clone()).collect(),
        ))
    } else if record.review != ReviewState::Approved {
        Some(HoldReason::NotApproved(record.review))
    } else if !recipient.may_receive(record.label) {
        Some(HoldReason::AboveClearance {
            label: record.label,
            max: recipient.max_label,
        })
    } else {
        None
    }
}

/// A record that goes in, with which of its files go and why the others stay.
fn include(cat: &Catalogue, record: &Record, recipient: &Recipient, strip: bool) -> IncludedRecord {
    let blobs = cat.blobs();
    let mut inc = IncludedRecord {
        id: record.id,
        title: record.display_title().to_string(),
        kind: record.kind,
        label: record.label,
        attachments: Vec::new(),
        held_attachments: Vec::new(),
        private_notes_held: !record.private_notes.trim().is_empty(),
        links_dropped: 0,
        metadata: Vec::new(),
    };
    let mut candidates = Vec::new();
    for (i, a) in record.attachments.iter().enumerate() {
        let label = record.effective_label(a);
        if !recipient.may_receive(label) {
            let reason = HoldReason::AboveClearance {
                label,
                max: recipient.max_label,
            };
            inc.held_attachments.push((i, reason));
        } else if !blobs.contains(&a.sha256) {
            inc.held_attachments.push((i, HoldReason::OriginalMissing));
        } else {
            candidates.push(i);
        }
    }
    let files = super::metadata::plan_files(&blobs, record, &candidates, strip);
    inc.attachments = files.going;
    inc.metadata = files.metadata;
    for (i, kind) in files.not_removable {
        inc.held_attachments
            .push((i, HoldReason::MetadataNotRemovable(kind)));
    }
    name_copies_going_instead(record, &mut inc);
    inc
}

/// An original held back above clearance whose redacted copy goes says so.
fn name_copies_going_instead(record: &Record, inc: &mut IncludedRecord) {
    for (i, reason) in &mut inc.held_attachments {
        let HoldReason::AboveClearance { label, .. } = reason else {
            continue;
        };
        let Some(original) = record.attachments.get(*i) else {
            continue;
        };
        let copy = inc
            .attachments
            .iter()
            .filter_map(|&j| record.attachments.get(j))
            .find(|a| a.derived_from.as_ref() == Some(&original.sha256));
        if let Some(copy) = copy {
            *reason = HoldReason::RedactedCopyGoes {
                label: *label,
                copy: copy.name.clone(),
            };
        }
    }
}
