//! Sharing restrictions: the FIRST Traffic Light Protocol 2.0 labels.
//!
//! Labels are never translated. They are ordered from least to most restrictive, so
//! `a.max(b)` is the stricter of two labels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A TLP 2.0 label. The order of the variants is the order of strictness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Label {
    /// Public: may be shared without limit.
    #[serde(rename = "TLP:CLEAR")]
    Clear,
    /// The recipient's community.
    #[serde(rename = "TLP:GREEN")]
    Green,
    /// Named organisations and their staff who need to know.
    #[serde(rename = "TLP:AMBER")]
    Amber,
    /// The recipient organisation only.
    #[serde(rename = "TLP:AMBER+STRICT")]
    AmberStrict,
    /// Named people only; never leaves the room.
    #[serde(rename = "TLP:RED")]
    Red,
}

impl Label {
    /// Every label, least restrictive first.
    pub const ALL: [Label; 5] = [
        Label::Clear,
        Label::Green,
        Label::Amber,
        Label::AmberStrict,
        Label::Red,
    ];

    /// The label a new record gets: AMBER, never silently CLEAR.
    pub const DEFAULT_FOR_NEW: Label = Label::Amber;

    /// The label as TLP 2.0 writes it, e.g. `TLP:AMBER+STRICT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Clear => "TLP:CLEAR",
            Label::Green => "TLP:GREEN",
            Label::Amber => "TLP:AMBER",
            Label::AmberStrict => "TLP:AMBER+STRICT",
            Label::Red => "TLP:RED",
        }
    }

    /// The spelling used on the command line: `clear`, `green`, `amber`, `amber-strict`, `red`.
    pub fn cli_name(self) -> &'static str {
        match self {
            Label::Clear => "clear",
            Label::Green => "green",
            Label::Amber => "amber",
            Label::AmberStrict => "amber-strict",
            Label::Red => "red",
        }
    }

    /// The TLP 2.0 text colour (shown on a black background), as RGB.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Label::Red => [0xFF, 0x2B, 0x2B],
            Label::Amber | Label::AmberStrict => [0xFF, 0xC0, 0x00],
            Label::Green => [0x33, 0xFF, 0x00],
            Label::Clear => [0xFF, 0xFF, 0xFF],
        }
    }

    /// What the label means, in one sentence, for tooltips and help.
    pub fn meaning(self) -> &'static str {
        match self {
            Label::Clear => "Public: may be shared without limit.",
            Label::Green => "The recipient's community, not public channels.",
            Label::Amber => "Named organisations and their staff who need to know.",
            Label::AmberStrict => "The recipient organisation only.",
            Label::Red => "Named people only; it never leaves the room.",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the five TLP labels.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a TLP label; use one of: clear, green, amber, amber-strict, red")]
pub struct UnknownLabel(pub String);

impl FromStr for Label {
    type Err = UnknownLabel;

    /// Accepts the command-line names and the TLP spellings, in any case:
    /// `red`, `TLP:RED`, `amber-strict`, `AMBER+STRICT`, `amber_strict`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let t = t.strip_prefix("tlp:").unwrap_or(&t);
        match t.replace(['+', '_', ' '], "-").as_str() {
            "clear" | "white" => Ok(Label::Clear),
            "green" => Ok(Label::Green),
            "amber" => Ok(Label::Amber),
            "amber-strict" => Ok(Label::AmberStrict),
            "red" => Ok(Label::Red),
            _ => Err(UnknownLabel(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_ordered_by_strictness() {
        assert!(Label::Clear < Label::Green);
        assert!(Label::Amber < Label::AmberStrict);
        assert!(Label::AmberStrict < Label::Red);
        assert_eq!(Label::Green.max(Label::Red), Label::Red);
    }

    #[test]
    fn every_spelling_parses() {
        for label in Label::ALL {
            assert_eq!(label.cli_name().parse::<Label>(), Ok(label));
            assert_eq!(label.as_str().parse::<Label>(), Ok(label));
        }
        assert_eq!("amber_strict".parse::<Label>(), Ok(Label::AmberStrict));
        assert!("purple".parse::<Label>().is_err());
    }

    #[test]
    fn json_uses_the_tlp_spelling() {
        let json = serde_json::to_string(&Label::AmberStrict).unwrap();
        assert_eq!(json, "\"TLP:AMBER+STRICT\"");
    }
}
