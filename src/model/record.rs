//! The catalogue's one record type, and what hangs off it: links, attachments and sources
//! (the person fields are in `person.rs`).
//!
//! Field order here is the field order in `records/<id>.json`. Fields this version does not
//! know (written by a newer Dossier, or by hand) are kept in `extra` and written back.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::date::FuzzyDate;
use super::id::{Extra, RecordId};
use super::label::Label;
use super::person::Person;
use super::sha256::Sha256;
use super::vocab::{
    CollectionMethod, ContentWarning, LinkKind, RecordKind, ReviewState, SourceKind, Verification,
};

/// Where a record's information came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// A name: a channel, outlet, witness, agency or organisation.
    pub name: String,
    /// Where it can be found again, when it is online.
    pub url: String,
    /// How it was collected.
    pub method: Option<CollectionMethod>,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Source {
    /// True when nothing is known of the source.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.url.is_empty() && self.method.is_none()
    }
}

/// A typed link from one record to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// What the link says: victim, witness, documents, part of...
    pub kind: LinkKind,
    /// The record linked to.
    pub target: RecordId,
    /// A word on the link, when the kind is not enough.
    #[serde(default)]
    pub note: String,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a file came from and how it reached the office: its chain of custody before
/// import. Editable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    /// The source: a URL, a channel or account, a witness, an agency.
    pub source: String,
    /// What kind of source it was.
    pub source_kind: Option<SourceKind>,
    /// Who collected it (a person or a team).
    pub collected_by: String,
    /// When it was collected.
    pub collected_at: Option<FuzzyDate>,
    /// How it was collected.
    pub method: Option<CollectionMethod>,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Provenance {
    /// True when nothing of the file's custody is recorded.
    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
            && self.source_kind.is_none()
            && self.collected_by.is_empty()
            && self.collected_at.is_none()
            && self.method.is_none()
    }
}

/// A position on Earth, in decimal degrees (WGS 84, as EXIF gives it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lon: f64,
    /// Altitude in metres, when the camera gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<f64>,
}

impl fmt::Display for GeoPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.6}, {:.6}", self.lat, self.lon)
    }
}

impl FromStr for GeoPoint {
    type Err = String;

    /// Reads "LAT, LON" in decimal degrees, e.g. "39.8177, 46.7528".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "'{s}' is not a position; write latitude, longitude in decimal degrees, e.g. 39.8177, 46.7528"
            )
        };
        let (lat, lon) = s.split_once([',', ';']).ok_or_else(bad)?;
        let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
        let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(format!(
                "'{s}' is off the globe: latitude is -90 to 90, longitude -180 to 180"
            ));
        }
        Ok(GeoPoint {
            lat,
            lon,
            alt: None,
        })
    }
}

/// What the file says about itself, read once on import: picture size, duration, and for
/// photos the EXIF capture time, camera, position and orientation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MediaMetadata {
    /// Picture width in pixels.
    pub width: Option<u32>,
    /// Picture height in pixels.
    pub height: Option<u32>,
    /// Length of a video or a sound, in seconds.
    pub duration_secs: Option<f64>,
    /// EXIF DateTimeOriginal as written by the camera (local time, no zone).
    pub captured_at: Option<String>,
    /// Camera make and model.
    pub camera: Option<String>,
    /// The position the camera recorded.
    pub gps: Option<GeoPoint>,
    /// EXIF orientation, 1 to 8.
    pub orientation: Option<u16>,
    /// The camera body's (or else the lens's) serial number: it ties the photo to one
    /// device, and so to its owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camera_serial: Option<String>,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl MediaMetadata {
    /// True when the file said nothing about itself.
    pub fn is_empty(&self) -> bool {
        *self == MediaMetadata::default()
    }
}

/// A file attached to a record. The bytes live once in `attachments/`, named by SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// SHA-256 of the original bytes; also the stored file's name.
    pub sha256: Sha256,
    /// The file's name when it was imported.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Detected from the content where possible, e.g. `image/jpeg`.
    pub media_type: String,
    /// The attachment's own label; its effective label is the stricter of this and the record's.
    pub label: Label,
    /// Content warnings of the file itself (graphic violence, a minor...).
    #[serde(default)]
    pub warnings: BTreeSet<ContentWarning>,
    /// What the file shows, in words.
    #[serde(default)]
    pub description: String,
    /// Where the file was on the importing computer.
    #[serde(default)]
    pub original_path: String,
    /// When the file was imported.
    pub imported_at: Timestamp,
    /// Who imported it.
    #[serde(default)]
    pub imported_by: String,
    /// For a working copy (redacted, re-encoded): the SHA-256 of the original it was made
    /// from. Originals have none.
    #[serde(default)]
    pub derived_from: Option<Sha256>,
    /// For a redacted copy: how it was made (regions, metadata removed, who, when).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redaction: Option<super::Redaction>,
    /// What the file said about itself on import.
    #[serde(default)]
    pub metadata: MediaMetadata,
    /// Where the file came from before import.
    #[serde(default)]
    pub provenance: Provenance,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Attachment {
    /// True for pictures.
    pub fn is_image(&self) -> bool {
        self.media_type.starts_with("image/")
    }

    /// True when the file is marked as showing graphic violence.
    pub fn is_graphic(&self) -> bool {
        self.warnings.contains(&ContentWarning::GraphicViolence)
    }
}

/// When and by whom a record was moved to the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trashed {
    /// When the record was moved to the trash.
    pub at: Timestamp,
    /// Who moved it.
    pub by: String,
}

/// A report, statement, media item, person or incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The record's id; also its file name, `records/<id>.json`.
    pub id: RecordId,
    /// Report, statement, media, person or incident.
    pub kind: RecordKind,
    /// The title (for a person, usually the primary name).
    pub title: String,
    /// Description, summary or full text.
    #[serde(default)]
    pub body: String,
    /// When it happened or was issued, possibly partial or uncertain.
    #[serde(default)]
    pub date: Option<FuzzyDate>,
    /// Where it happened.
    #[serde(default)]
    pub place: String,
    /// Where the place is, when known (incidents, mostly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Box<GeoPoint>>,
    /// The author or issuing body.
    #[serde(default)]
    pub author: String,
    /// Where the information came from.
    #[serde(default)]
    pub source: Source,
    /// The language of the record's content, e.g. `hy`, `ru`, `en`, `az`.
    #[serde(default)]
    pub language: String,
    /// Free tags, for lists and searches.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links to other records.
    #[serde(default)]
    pub links: Vec<Link>,
    /// The files attached, stored once each by their SHA-256.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The TLP label: who the record may be shared with.
    #[serde(default = "default_label")]
    pub label: Label,
    /// Content warnings (graphic violence, personal data, a minor...).
    #[serde(default)]
    pub warnings: BTreeSet<ContentWarning>,
    /// How well the record is verified.
    #[serde(default = "default_verification")]
    pub verification: Verification,
    /// Where the record is in review; only approved records can be shared.
    #[serde(default = "default_review")]
    pub review: ReviewState,
    /// The reviewer's last comment (on approval or a request for changes). Never shared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub review_comment: String,
    /// Who put the record into review, or last changed it while it was there: when the
    /// catalogue asks for two people, the one person who may not approve it. Set by the
    /// store; a file changed outside Dossier gets the name of whoever accepts the change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub submitted_by: String,
    /// Never leaves the catalogue: not in exports, packages or logs.
    #[serde(default)]
    pub private_notes: String,
    /// The person fields, for a person record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Box<Person>>,
    /// When and by whom it was moved to the trash, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trashed: Option<Box<Trashed>>,
    /// Fields two desktops changed differently before a sync: both values are kept here
    /// until a person picks or combines them; until then the record is not shared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FieldConflict>,
    /// When the record was made.
    pub created: Timestamp,
    /// Who made it.
    #[serde(default)]
    pub created_by: String,
    /// When it last changed.
    pub modified: Timestamp,
    /// Who last changed it.
    #[serde(default)]
    pub modified_by: String,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_label() -> Label {
    Label::DEFAULT_FOR_NEW
}

fn default_verification() -> Verification {
    Verification::Unverified
}

fn default_review() -> ReviewState {
    ReviewState::Draft
}

/// One field two desktops changed differently, as a sync found it: the record holds this
/// desktop's value until a person chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    /// The field, as a path such as `title`, `person.status` or `attachments.<sha256>`.
    pub field: String,
    /// The value on the desktop that merged (the one the record now holds).
    pub ours: serde_json::Value,
    /// Who last changed the record there.
    #[serde(default)]
    pub ours_by: String,
    /// The other desktop's value.
    pub theirs: serde_json::Value,
    /// Who last changed the record there.
    #[serde(default)]
    pub theirs_by: String,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Why a record file could not be read, with where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// 1-based line; 0 when the file ends early or is empty.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The field, as a path such as `links[0].kind`, when the problem is in one.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub reason: String,
}

impl fmt::Display for ParseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.field {
            write!(f, "field '{field}': ")?;
        }
        write!(f, "{}", self.reason)
    }
}

impl Record {
    /// A new record with safe defaults: label AMBER, unverified, draft.
    pub fn new(kind: RecordKind, title: impl Into<String>, actor: &str) -> Self {
        let now = Timestamp::now();
        Record {
            id: RecordId::new(),
            kind,
            title: title.into(),
            body: String::new(),
            date: None,
            place: String::new(),
            coordinates: None,
            author: String::new(),
            source: Source::default(),
            language: String::new(),
            tags: Vec::new(),
            links: Vec::new(),
            attachments: Vec::new(),
            label: Label::DEFAULT_FOR_NEW,
            warnings: BTreeSet::new(),
            verification: Verification::Unverified,
            review: ReviewState::Draft,
            review_comment: String::new(),
            submitted_by: String::new(),
            private_notes: String::new(),
            person: (kind == RecordKind::Person).then(Box::default),
            trashed: None,
            conflicts: Vec::new(),
            created: now,
            created_by: actor.to_string(),
            modified: now,
            modified_by: actor.to_string(),
            extra: Extra::new(),
        }
    }

    /// The record as its file holds it: pretty JSON, stable field order, final newline.
    pub fn to_json(&self) -> Vec<u8> {
        #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
        let mut bytes = serde_json::to_vec_pretty(self).expect("a record always serialises");
        bytes.push(b'\n');
        bytes
    }

    /// Reads a record file's bytes, saying where and why when they are not a record.
    pub fn from_json(bytes: &[u8]) -> Result<Record, ParseProblem> {
        // The fast path; only a file that fails is read again to say where and why.
        if let Ok(record) = serde_json::from_slice(bytes) {
            return Ok(record);
        }
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let record: Record = serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            ParseProblem {
                line: inner.line(),
                column: inner.column(),
                field: (path != "." && !path.is_empty()).then_some(path),
                reason: describe_json_error(&inner),
            }
        })?;
        de.end().map_err(|inner| ParseProblem {
            line: inner.line(),
            column: inner.column(),
            field: None,
            reason: describe_json_error(&inner),
        })?;
        Ok(record)
    }

    /// Attaches `attachment` unless the same bytes are already attached; true when added.
    pub fn attach(&mut self, attachment: Attachment) -> bool {
        if self
            .attachments
            .iter()
            .any(|a| a.sha256 == attachment.sha256)
        {
            return false;
        }
        self.attachments.push(attachment);
        true
    }

    /// A Media record for a file imported on its own, titled with the file's name.
    pub fn for_imported_file(attachment: Attachment, label: Label, actor: &str) -> Record {
        let mut record = Record::new(RecordKind::Media, attachment.name.clone(), actor);
        record.label = label;
        record.attachments.push(attachment);
        record
    }

    /// The stricter of the record's label and the attachment's.
    pub fn effective_label(&self, attachment: &Attachment) -> Label {
        self.label.max(attachment.label)
    }

    /// The title as people see it: the person's primary name for persons without a title.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            if let Some(name) = self.person.as_ref().and_then(|p| p.primary_name()) {
                return &name.text;
            }
            return "(untitled)";
        }
        &self.title
    }

    /// True when the record is marked as showing graphic violence.
    pub fn is_graphic(&self) -> bool {
        self.warnings.contains(&ContentWarning::GraphicViolence)
    }

    /// The date lists and statistics use: for a person, the date of the current status
    /// (when they went missing, were killed, returned), else the record's own date.
    pub fn event_date(&self) -> Option<FuzzyDate> {
        self.person
            .as_ref()
            .and_then(|p| p.current())
            .and_then(|e| e.date)
            .or(self.date)
    }
}

/// serde_json's message, without the " at line L column C" it appends (we report those apart).
fn describe_json_error(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(pos) => text[..pos].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_record_is_amber_unverified_and_draft() {
        let r = Record::new(RecordKind::Report, "Report 1", "Ani");
        assert_eq!(r.label, Label::Amber);
        assert_eq!(r.verification, Verification::Unverified);
        assert_eq!(r.review, ReviewState::Draft);
        assert!(r.person.is_none());
        assert!(Record::new(RecordKind::Person, "", "Ani").person.is_some());
    }

    #[test]
    fn a_missing_label_reads_as_amber_never_clear() {
        let json = r#"{"id":"0190a8c4-1c2b-7000-8000-000000000001","kind":"report","title":"x",
            "created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z"}"#;
        let r = Record::from_json(json.as_bytes()).unwrap();
        assert_eq!(r.label, Label::Amber);
    }

    #[test]
    fn a_wrong_type_names_the_field_and_line() {
        let json = "{\n\"id\":\"0190a8c4-1c2b-7000-8000-000000000001\",\n\"kind\":\"report\",\n\"title\":\"x\",\n\"links\":[{\"kind\":\"mentions\",\"target\":42}],\n\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}";
        let problem = Record::from_json(json.as_bytes()).unwrap_err();
        assert_eq!(problem.field.as_deref(), Some("links[0].target"));
        assert_eq!(problem.line, 5);
        assert!(
            problem.reason.contains("invalid type"),
            "{}",
            problem.reason
        );
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let json = r#"{"id":"0190a8c4-1c2b-7000-8000-000000000001","kind":"report","title":"x",
            "created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z",
            "future_field":{"a":1},"source":{"name":"s","future_source_field":true}}"#;
        let r = Record::from_json(json.as_bytes()).unwrap();
        let again = Record::from_json(&r.to_json()).unwrap();
        assert_eq!(again.extra["future_field"], serde_json::json!({"a": 1}));
        assert_eq!(
            again.source.extra["future_source_field"],
            serde_json::json!(true)
        );
    }
}
