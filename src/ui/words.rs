//! The catalogue's words (kinds, statuses, review states...) in the interface's language.
//! The core names them in English for files, logs and the command line; the app shows
//! them through these.

use crate::audit::Action;
use crate::model::{
    CollectionMethod, ContentWarning, EvidenceBasis, Label, PersonCategory, PersonStatus,
    RecordKind, ReviewState, Sex, SourceKind, Verification,
};
use crate::share::HoldReason;
use crate::t;

pub fn kind(k: RecordKind) -> String {
    match k {
        RecordKind::Report => t!("kind-report"),
        RecordKind::Statement => t!("kind-statement"),
        RecordKind::Media => t!("kind-media"),
        RecordKind::Person => t!("kind-person"),
        RecordKind::Incident => t!("kind-incident"),
    }
}

/// A kind as a heading over many ("Reports").
pub fn kinds(k: RecordKind) -> String {
    match k {
        RecordKind::Report => t!("kinds-report"),
        RecordKind::Statement => t!("kinds-statement"),
        RecordKind::Media => t!("kinds-media"),
        RecordKind::Person => t!("kinds-person"),
        RecordKind::Incident => t!("kinds-incident"),
    }
}

pub fn warning(w: ContentWarning) -> String {
    match w {
        ContentWarning::GraphicViolence => t!("warning-graphic-violence"),
        ContentWarning::IdentifiableVictim => t!("warning-identifiable-victim"),
        ContentWarning::Minor => t!("warning-minor"),
        ContentWarning::PersonalData => t!("warning-personal-data"),
    }
}

pub fn verification(v: Verification) -> String {
    match v {
        Verification::Unverified => t!("verification-unverified"),
        Verification::BeingVerified => t!("verification-being-verified"),
        Verification::Verified => t!("verification-verified"),
        Verification::Disputed => t!("verification-disputed"),
    }
}

pub fn review(r: ReviewState) -> String {
    match r {
        ReviewState::Draft => t!("review-draft"),
        ReviewState::InReview => t!("review-in-review"),
        ReviewState::Approved => t!("review-approved"),
        ReviewState::ChangesRequested => t!("review-changes-requested"),
    }
}

pub fn status(s: PersonStatus) -> String {
    match s {
        PersonStatus::Missing => t!("status-missing"),
        PersonStatus::Captured => t!("status-captured"),
        PersonStatus::Returned => t!("status-returned"),
        PersonStatus::DiedInCustody => t!("status-died-in-custody"),
        PersonStatus::Killed => t!("status-killed"),
        PersonStatus::Injured => t!("status-injured"),
        PersonStatus::FoundAlive => t!("status-found-alive"),
        PersonStatus::RemainsIdentified => t!("status-remains-identified"),
    }
}

pub fn basis(b: EvidenceBasis) -> String {
    match b {
        EvidenceBasis::Acknowledged => t!("basis-acknowledged"),
        EvidenceBasis::NotAcknowledged => t!("basis-not-acknowledged"),
        EvidenceBasis::Indirect => t!("basis-indirect"),
    }
}

pub fn sex(s: Sex) -> String {
    match s {
        Sex::Female => t!("sex-female"),
        Sex::Male => t!("sex-male"),
    }
}

pub fn category(c: PersonCategory) -> String {
    match c {
        PersonCategory::Civilian => t!("category-civilian"),
        PersonCategory::Serviceman => t!("category-serviceman"),
    }
}

/// A label's meaning in a few words, beside its name in a drop-down.
pub fn label_short(l: Label) -> String {
    match l {
        Label::Clear => t!("label-meaning-clear"),
        Label::Green => t!("label-meaning-green"),
        Label::Amber => t!("label-meaning-amber"),
        Label::AmberStrict => t!("label-meaning-amber-strict"),
        Label::Red => t!("label-meaning-red"),
    }
}

/// What a label allows, in a sentence (a badge's hover text).
pub fn label_means(l: Label) -> String {
    match l {
        Label::Clear => t!("label-means-clear"),
        Label::Green => t!("label-means-green"),
        Label::Amber => t!("label-means-amber"),
        Label::AmberStrict => t!("label-means-amber-strict"),
        Label::Red => t!("label-means-red"),
    }
}

pub fn method(m: CollectionMethod) -> String {
    match m {
        CollectionMethod::OpenSource => t!("method-open-source"),
        CollectionMethod::Submitted => t!("method-submitted"),
        CollectionMethod::FieldCapture => t!("method-field-capture"),
        CollectionMethod::ReceivedFromOrganisation => t!("method-received-from-organisation"),
        CollectionMethod::Other => t!("method-other"),
    }
}

pub fn source_kind(k: SourceKind) -> String {
    match k {
        SourceKind::Url => t!("source-url"),
        SourceKind::Channel => t!("source-channel"),
        SourceKind::Witness => t!("source-witness"),
        SourceKind::Agency => t!("source-agency"),
        SourceKind::Other => t!("source-other"),
    }
}

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
        HoldReason::RecipientRefused(why) => t!("hold-recipient", why = why),
        HoldReason::MetadataNotRemovable(kind) => t!("hold-metadata", kind = kind),
    }
}
