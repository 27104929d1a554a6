//! The catalogue's words (kinds, statuses, review states...) in the chosen language.
//! The core names them in English for files, logs and the command line; the app and the
//! package report (`index.html`) show them through these.

use crate::model::{
    CollectionMethod, ContentWarning, DateProblem, EvidenceBasis, Label, LinkKind, PersonCategory,
    PersonStatus, RecipientKind, RecordKind, ReviewState, Sex, SourceKind, Verification,
};
use crate::t;

/// A record kind ("Report").
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

/// A content warning.
pub fn warning(w: ContentWarning) -> String {
    match w {
        ContentWarning::GraphicViolence => t!("warning-graphic-violence"),
        ContentWarning::IdentifiableVictim => t!("warning-identifiable-victim"),
        ContentWarning::Minor => t!("warning-minor"),
        ContentWarning::PersonalData => t!("warning-personal-data"),
    }
}

/// A verification status.
pub fn verification(v: Verification) -> String {
    match v {
        Verification::Unverified => t!("verification-unverified"),
        Verification::BeingVerified => t!("verification-being-verified"),
        Verification::Verified => t!("verification-verified"),
        Verification::Disputed => t!("verification-disputed"),
    }
}

/// A review state.
pub fn review(r: ReviewState) -> String {
    match r {
        ReviewState::Draft => t!("review-draft"),
        ReviewState::InReview => t!("review-in-review"),
        ReviewState::Approved => t!("review-approved"),
        ReviewState::ChangesRequested => t!("review-changes-requested"),
    }
}

/// A person's status.
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

/// The evidence basis of a status.
pub fn basis(b: EvidenceBasis) -> String {
    match b {
        EvidenceBasis::Acknowledged => t!("basis-acknowledged"),
        EvidenceBasis::NotAcknowledged => t!("basis-not-acknowledged"),
        EvidenceBasis::Indirect => t!("basis-indirect"),
    }
}

/// A person's sex.
pub fn sex(s: Sex) -> String {
    match s {
        Sex::Female => t!("sex-female"),
        Sex::Male => t!("sex-male"),
    }
}

/// Civilian or serviceman.
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

/// How a source was collected.
pub fn method(m: CollectionMethod) -> String {
    match m {
        CollectionMethod::OpenSource => t!("method-open-source"),
        CollectionMethod::Submitted => t!("method-submitted"),
        CollectionMethod::FieldCapture => t!("method-field-capture"),
        CollectionMethod::ReceivedFromOrganisation => t!("method-received-from-organisation"),
        CollectionMethod::Other => t!("method-other"),
    }
}

/// The kind of a source.
pub fn source_kind(k: SourceKind) -> String {
    match k {
        SourceKind::Url => t!("source-url"),
        SourceKind::Channel => t!("source-channel"),
        SourceKind::Witness => t!("source-witness"),
        SourceKind::Agency => t!("source-agency"),
        SourceKind::Other => t!("source-other"),
    }
}

/// How one record relates to another ("mentions", "victim").
pub fn link_kind(k: LinkKind) -> String {
    match k {
        LinkKind::Mentions => t!("link-mentions"),
        LinkKind::Documents => t!("link-documents"),
        LinkKind::IssuedBy => t!("link-issued-by"),
        LinkKind::AboutPerson => t!("link-about-person"),
        LinkKind::AppealsTo => t!("link-appeals-to"),
        LinkKind::PartOf => t!("link-part-of"),
        LinkKind::RelatedTo => t!("link-related-to"),
        LinkKind::Victim => t!("link-victim"),
        LinkKind::Witness => t!("link-witness"),
        LinkKind::Perpetrator => t!("link-perpetrator"),
    }
}

/// The kind of a recipient ("Mediator").
pub fn recipient_kind(k: RecipientKind) -> String {
    match k {
        RecipientKind::GovernmentAgency => t!("recipient-kind-government"),
        RecipientKind::InternationalOrganisation => t!("recipient-kind-international"),
        RecipientKind::Ngo => t!("recipient-kind-ngo"),
        RecipientKind::Mediator => t!("recipient-kind-mediator"),
        RecipientKind::Public => t!("recipient-kind-public"),
    }
}

/// What is wrong with a typed date, with an example of what works.
pub fn date_problem(p: DateProblem) -> String {
    match p {
        DateProblem::Empty => t!("date-empty"),
        DateProblem::Shape => t!("date-shape"),
        DateProblem::YearDigits => t!("date-year-digits"),
        DateProblem::YearNotNumber => t!("date-year-not-number"),
        DateProblem::PartDigits { day: false } => t!("date-month-digits"),
        DateProblem::PartDigits { day: true } => t!("date-day-digits"),
        DateProblem::MonthRange => t!("date-month-range"),
        DateProblem::NoSuchDay { year, month, day } => t!(
            "date-no-such-day",
            month = format!("{year}-{month:02}"),
            day = day.to_string()
        ),
        DateProblem::RangeBackwards => t!("date-range-backwards"),
    }
}
