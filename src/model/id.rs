//! A record's id, and the bag of fields this version does not know: the two things every
//! other model type refers to, so they sit below them all.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Fields a newer Dossier (or a person) wrote that this version does not know.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// A record's stable id: a UUIDv7, so ids sort by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

impl RecordId {
    /// A new id, ordered after every id made before it.
    pub fn new() -> Self {
        RecordId(Uuid::now_v7())
    }

    /// The first eight characters, enough to tell records apart in a list.
    pub fn short(&self) -> String {
        self.0.simple().to_string()[..8].to_string()
    }
}

impl Default for RecordId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.hyphenated())
    }
}

impl FromStr for RecordId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(RecordId)
    }
}
