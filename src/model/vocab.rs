//! Closed vocabularies (kinds, warnings, statuses...): each value has one key, used in the
//! JSON files and on the command line alike, and one name shown to people.

/// A value was not one of a vocabulary's keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{given}' is not a {what}; use one of: {allowed}")]
pub struct UnknownValue {
    /// Which vocabulary (label, kind, ...).
    pub what: &'static str,
    /// The text that was given.
    pub given: String,
    /// The values it could have been, for the error message.
    pub allowed: String,
}

/// Declares a closed vocabulary: an enum whose values have a key (files and command line)
/// and a name (shown to people), with parsing that accepts either.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal, $display:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = $display] #[serde(rename = $key)] $variant, )+
        }

        impl $name {
            /// Every value, in the order people see them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The key used in files and on the command line.
            pub fn key(self) -> &'static str {
                match self { $( $name::$variant => $key ),+ }
            }

            /// The name shown to people.
            pub fn name(self) -> &'static str {
                match self { $( $name::$variant => $display ),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::model::UnknownValue;

            /// Accepts the key or the shown name, in any case, with `-`, `_` or spaces.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let norm = |t: &str| t.trim().to_lowercase().replace(['_', ' '], "-");
                let wanted = norm(s);
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| norm(v.key()) == wanted || norm(v.name()) == wanted)
                    .ok_or_else(|| $crate::model::UnknownValue {
                        what: $what,
                        given: s.to_string(),
                        allowed: $name::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// What a record describes.
    RecordKind, "record kind" {
        Report = "report", "Report";
        Statement = "statement", "Statement";
        Media = "media", "Media";
        Person = "person", "Person";
        Incident = "incident", "Incident";
    }
}

vocabulary! {
    /// Why a person should be warned before looking at an item.
    ContentWarning, "content warning" {
        GraphicViolence = "graphic-violence", "Graphic violence";
        IdentifiableVictim = "identifiable-victim", "Identifiable victim";
        Minor = "minor", "Minor";
        PersonalData = "personal-data", "Personal data";
    }
}

vocabulary! {
    /// How far the content of a record has been checked.
    Verification, "verification status" {
        Unverified = "unverified", "Unverified";
        BeingVerified = "being-verified", "Being verified";
        Verified = "verified", "Verified";
        Disputed = "disputed", "Disputed";
    }
}

vocabulary! {
    /// Where a record stands in review for sharing.
    ReviewState, "review state" {
        Draft = "draft", "Draft";
        InReview = "in-review", "In review";
        Approved = "approved", "Approved";
        ChangesRequested = "changes-requested", "Changes requested";
    }
}

vocabulary! {
    /// How one record relates to another.
    LinkKind, "link kind" {
        Mentions = "mentions", "mentions";
        Documents = "documents", "documents";
        IssuedBy = "issued-by", "issued by";
        AboutPerson = "about-person", "about person";
        AppealsTo = "appeals-to", "appeals to";
        PartOf = "part-of", "part of";
        RelatedTo = "related-to", "related to";
        /// From an incident to a person it harmed.
        Victim = "victim", "victim";
        /// From an incident to a person who saw it.
        Witness = "witness", "witness";
        /// From an incident to a person a source names as a perpetrator.
        Perpetrator = "perpetrator", "perpetrator (named in a source)";
    }
}

vocabulary! {
    /// How a source reached the office.
    CollectionMethod, "collection method" {
        OpenSource = "open-source", "Open source";
        Submitted = "submitted", "Submitted";
        FieldCapture = "field-capture", "Field capture";
        ReceivedFromOrganisation = "received-from-organisation", "Received from an organisation";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// What kind of source a file came from.
    SourceKind, "source kind" {
        Url = "url", "Web address";
        Channel = "channel", "Channel or account";
        Witness = "witness", "Witness";
        Agency = "agency", "Agency or organisation";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// What is known of a person's fate (HURIDOCS victim status and whereabouts).
    PersonStatus, "person status" {
        Missing = "missing", "Missing";
        Captured = "captured", "Captured";
        Returned = "returned", "Returned";
        DiedInCustody = "died-in-custody", "Died in custody";
        Killed = "killed", "Killed";
        Injured = "injured", "Injured";
        FoundAlive = "found-alive", "Found alive";
        RemainsIdentified = "remains-identified", "Remains identified";
    }
}

vocabulary! {
    /// A person's sex, as the sources give it.
    Sex, "sex" {
        Female = "female", "Female";
        Male = "male", "Male";
    }
}

vocabulary! {
    /// Whether a person was a civilian or a serviceman (the lists count them apart).
    PersonCategory, "person category" {
        Civilian = "civilian", "Civilian";
        Serviceman = "serviceman", "Serviceman";
    }
}

vocabulary! {
    /// The evidence behind a captivity status.
    EvidenceBasis, "evidence basis" {
        Acknowledged = "acknowledged", "Acknowledged by the detaining state";
        NotAcknowledged = "not-acknowledged", "Held (hard evidence), not acknowledged";
        Indirect = "indirect", "Indirect information only";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_names_both_parse() {
        assert_eq!("died-in-custody".parse(), Ok(PersonStatus::DiedInCustody));
        assert_eq!("Died in custody".parse(), Ok(PersonStatus::DiedInCustody));
        assert_eq!("BEING_VERIFIED".parse(), Ok(Verification::BeingVerified));
        assert_eq!("issued by".parse(), Ok(LinkKind::IssuedBy));
    }

    #[test]
    fn an_unknown_value_lists_the_allowed_ones() {
        let err = "photo".parse::<RecordKind>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'photo' is not a record kind; use one of: report, statement, media, person, incident"
        );
    }
}
