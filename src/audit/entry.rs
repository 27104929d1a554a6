//! One entry of the chain: what happened, by whom, to which record or file, with the hash
//! of the entry before it and its own (over its canonical JSON). Drafts become entries
//! when the log appends them.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Action;
use crate::durable::hash_bytes;
use crate::model::{RecordId, Sha256};

/// One field a change touched. Values are given for short controlled fields (label, review,
/// verification, kind, date); for private notes only a salted hash of the new value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The field that changed, as a path such as `label` or `person.status`.
    pub field: String,
    /// The value before (absent when the field was new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    /// The value after (absent when the field was cleared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
    /// Salted SHA-256 of the new value, as `salt:hash` (private notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salted_sha256: Option<String>,
}

impl Change {
    /// The field that changed, as a path such as `label` or `person.status`.
    pub fn field(name: &str) -> Change {
        Change {
            field: name.to_string(),
            from: None,
            to: None,
            salted_sha256: None,
        }
    }
}

/// An entry as stored: what happened, and its place in the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The entry's number, from 1, with no gaps.
    pub seq: u64,
    /// A Lamport clock across every desktop's log of a synced catalogue: one more than the
    /// largest this desktop had seen when it wrote the entry (absent in a catalogue that
    /// was never synced, where `seq` serves). Orders entries whatever the desktops' clocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<u64>,
    /// When it happened.
    pub time: Timestamp,
    /// Who did it.
    pub actor: String,
    /// What was done.
    pub action: Action,
    /// The record the entry is about, if it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordId>,
    /// SHA-256 of the attachment the action was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Sha256>,
    /// What changed, field by field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// SHA-256 of the record file as this action left it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_sha256: Option<Sha256>,
    /// A word for people on what happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Facts of the action for scripts (counts, file names, the recipient...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, Value>,
    /// The hash of the entry before this one ([`super::GENESIS`] for the first).
    pub prev: Sha256,
    /// SHA-256 of this entry's canonical JSON without this field (nor `sig`).
    pub hash: Sha256,
    /// The catalogue's Ed25519 signature of `hash` (base64), in an encrypted catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
}

impl AuditEntry {
    /// Whether this entry put its record "in review" (submitted it).
    pub fn submits(&self) -> bool {
        self.action == Action::ReviewChanged
            && self.changes.iter().any(|c| {
                c.field == "review"
                    && c.to.as_ref().and_then(Value::as_str)
                        == Some(crate::model::ReviewState::InReview.key())
            })
    }

    /// Where the entry stands across every desktop's log: its Lamport clock, or its
    /// number in a log written before the catalogue was synced.
    pub fn clock(&self) -> u64 {
        self.clock.unwrap_or(self.seq)
    }

    /// The hash this entry should have.
    pub fn compute_hash(&self) -> Sha256 {
        #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
        let mut value = serde_json::to_value(self).expect("an entry always serialises");
        if let Value::Object(map) = &mut value {
            map.remove("hash");
            map.remove("sig");
        }
        hash_bytes(canonical_json(&value).as_bytes())
    }

    /// The line the log holds for this entry (canonical JSON, newline-terminated).
    pub fn to_line(&self) -> String {
        #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
        let value = serde_json::to_value(self).expect("an entry always serialises");
        let mut line = canonical_json(&value);
        line.push('\n');
        line
    }

    /// What changed, in words: `label: TLP:AMBER -> TLP:RED`, `Changed: title, place`,
    /// the file's name for attachment actions, and the note. Empty when there is nothing
    /// beyond the action itself.
    pub fn detail_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(Value::String(name)) = self.details.get("name") {
            parts.push(format!("'{name}'"));
        }
        let (valued, named): (Vec<&Change>, Vec<&Change>) =
            self.changes.iter().partition(|c| c.to.is_some());
        for c in valued {
            parts.push(match (&c.from, &c.to) {
                (Some(f), Some(t)) => format!("{}: {} -> {}", c.field, plain(f), plain(t)),
                (_, Some(t)) => format!("{}: {}", c.field, plain(t)),
                _ => c.field.clone(),
            });
        }
        if !named.is_empty() {
            let fields: Vec<&str> = named.iter().map(|c| c.field.as_str()).collect();
            if self.action == Action::Edited {
                parts.push(fields.join(", "));
            } else {
                parts.push(format!("changed {}", fields.join(", ")));
            }
        }
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        parts.join("; ")
    }

    /// One line for people: `Label changed: label: TLP:AMBER -> TLP:RED`.
    pub fn summary(&self) -> String {
        let detail = self.detail_text();
        if detail.is_empty() {
            self.action.name().to_string()
        } else {
            format!("{}: {detail}", self.action.name())
        }
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}

/// JSON with object keys sorted at every level and no spaces: the same entry always gives
/// the same bytes, whatever order a serializer would choose.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                #[allow(clippy::expect_used)] // a string always serialises
                out.push_str(&serde_json::to_string(key).expect("a string serialises"));
                out.push(':');
                write_canonical(&map[key.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// An entry before it has a place in the chain: what happened, by whom, when.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditDraft {
    /// When it happened.
    pub time: Timestamp,
    /// Who did it.
    pub actor: String,
    /// What was done.
    pub action: Action,
    /// The record it concerns.
    pub record: Option<RecordId>,
    /// The original it concerns.
    pub attachment: Option<Sha256>,
    /// What changed, field by field.
    pub changes: Vec<Change>,
    /// The SHA-256 of the record file as written.
    pub record_sha256: Option<Sha256>,
    /// A word for people on what happened.
    pub note: String,
    /// Facts of the action for scripts.
    pub details: BTreeMap<String, Value>,
}

impl AuditDraft {
    /// A draft of `action` by `actor`, now.
    pub fn new(actor: &str, action: Action) -> Self {
        AuditDraft {
            time: Timestamp::now(),
            actor: actor.to_string(),
            action,
            record: None,
            attachment: None,
            changes: Vec::new(),
            record_sha256: None,
            note: String::new(),
            details: BTreeMap::new(),
        }
    }

    /// The record it concerns.
    pub fn record(mut self, id: RecordId, sha256: Option<Sha256>) -> Self {
        self.record = Some(id);
        self.record_sha256 = sha256;
        self
    }

    /// The original it concerns.
    pub fn attachment(mut self, sha256: &Sha256) -> Self {
        self.attachment = Some(sha256.clone());
        self
    }

    /// A word for people on what happened.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    /// Adds a detail (a key and a value) to the entry.
    pub fn detail(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_string(), value.into());
        self
    }

    /// Adds one field change to the entry.
    pub fn change(mut self, change: Change) -> Self {
        self.changes.push(change);
        self
    }
}

/// How far a chain goes: its number of entries and the hash of its last entry. Given out
/// with every package and every verification, so that a log rewritten later is caught:
/// the rewritten log no longer has this hash at this entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    /// How many entries the log had.
    pub entries: u64,
    /// The hash of the last of them.
    pub hash: Sha256,
}

impl ChainHead {
    /// The head of a chain of entries: the last one's number and hash.
    pub fn of(entries: &[AuditEntry]) -> ChainHead {
        match entries.last() {
            Some(e) => ChainHead {
                entries: e.seq,
                hash: e.hash.clone(),
            },
            None => ChainHead {
                entries: 0,
                hash: genesis(),
            },
        }
    }
}

impl std::fmt::Display for ChainHead {
    /// `ENTRIES:HASH`, the form `dossier verify --against` takes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.entries, self.hash)
    }
}

impl std::str::FromStr for ChainHead {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "'{}' is not a chain head; it is written ENTRIES:SHA256, as verify and packages print it",
                s.escape_debug()
            )
        };
        let (n, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        Ok(ChainHead {
            entries: n.trim().parse().map_err(|_| bad())?,
            hash: Sha256::parse(hash.trim()).map_err(|_| bad())?,
        })
    }
}

/// [`super::GENESIS`] as a hash.
pub fn genesis() -> Sha256 {
    Sha256::from_digest(&[0; 32])
}
