//! Who packages may be made for, and the highest label each may receive.

use serde::{Deserialize, Serialize};

use super::id::Extra;
use super::label::Label;
use super::vocab::{ReviewState, vocabulary};

vocabulary! {
    /// What kind of body a recipient is.
    RecipientKind, "recipient kind" {
        GovernmentAgency = "government-agency", "Government agency";
        InternationalOrganisation = "international-organisation", "International organisation";
        Ngo = "ngo", "NGO";
        Mediator = "mediator", "Mediator";
        Public = "public", "Public";
    }
}

/// A person or organisation packages may be made for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recipient {
    /// The recipient's name, unique in the catalogue.
    pub name: String,
    /// What kind of recipient it is.
    pub kind: RecipientKind,
    /// The most restricted label this recipient may receive.
    pub max_label: Label,
    /// How to reach the recipient (free text, never shared).
    #[serde(default)]
    pub contact: String,
    /// The office's notes on the recipient (free text, never shared).
    #[serde(default)]
    pub notes: String,
    /// Packages for this recipient name the person who made them; otherwise (the default)
    /// they carry only the office's name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub name_sender: bool,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Recipient {
    /// A recipient with no contact or notes, sent packages in the office's name.
    pub fn new(name: impl Into<String>, kind: RecipientKind, max_label: Label) -> Self {
        Recipient {
            name: name.into(),
            kind,
            max_label,
            contact: String::new(),
            notes: String::new(),
            name_sender: false,
            extra: Extra::new(),
        }
    }

    /// Whether this recipient may receive something labelled `label`.
    pub fn may_receive(&self, label: Label) -> bool {
        label <= self.max_label
    }

    /// Why this recipient cannot be saved as it is, in words.
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("A recipient needs a name.".into());
        }
        if self.kind == RecipientKind::Public && self.max_label != Label::Clear {
            return Err(format!(
                "'{}' is public, so it may only receive TLP:CLEAR, not {}.",
                self.name.trim(),
                self.max_label.as_str()
            ));
        }
        Ok(())
    }
}

/// A step in the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    /// Ask for review: to "in review".
    Submit,
    /// Approve for sharing: to "approved".
    Approve,
    /// Send back: to "changes requested".
    RequestChanges,
}

impl ReviewAction {
    /// The review state the step leads to.
    pub fn target(self) -> ReviewState {
        match self {
            ReviewAction::Submit => ReviewState::InReview,
            ReviewAction::Approve => ReviewState::Approved,
            ReviewAction::RequestChanges => ReviewState::ChangesRequested,
        }
    }

    /// The step in words, as the log and the status bar say it.
    pub fn past_tense(self) -> &'static str {
        match self {
            ReviewAction::Submit => "Submitted",
            ReviewAction::Approve => "Approved",
            ReviewAction::RequestChanges => "Requested changes to",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_may_only_receive_clear() {
        let mut r = Recipient::new("Public", RecipientKind::Public, Label::Green);
        assert!(r.check().unwrap_err().contains("TLP:CLEAR"));
        r.max_label = Label::Clear;
        assert!(r.check().is_ok());
        assert!(r.may_receive(Label::Clear));
        assert!(!r.may_receive(Label::Green));
    }

    #[test]
    fn clearance_includes_every_less_strict_label() {
        let r = Recipient::new(
            "ICRC",
            RecipientKind::InternationalOrganisation,
            Label::Amber,
        );
        assert!(r.may_receive(Label::Green));
        assert!(r.may_receive(Label::Amber));
        assert!(!r.may_receive(Label::AmberStrict));
        assert!(!r.may_receive(Label::Red));
    }
}
