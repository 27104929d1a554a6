//! The catalogue's one record type, and what hangs off it: links, attachments, sources and
//! the person fields.
//!
//! Field order here is the field order in `records/<id>.json`. Fields this version does not
//! know (written by a newer Dossier, or by hand) are kept in `extra` and written back.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::date::FuzzyDate;
use super::label::Label;
use super::sha256::Sha256;
use super::vocab::{
    CollectionMethod, ContentWarning, EvidenceBasis, LinkKind, PersonCategory, PersonStatus,
    RecordKind, ReviewState, Sex, SourceKind, Verification,
};

/// Fields a newer Dossier (or a person) wrote that this version does not know.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// A record's stable id: a UUIDv7, so ids sort by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

impl RecordId {
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

/// Where a record's information came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// A name: a channel, outlet, witness, agency or organisation.
    pub name: String,
    pub url: String,
    pub method: Option<CollectionMethod>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Source {
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.url.is_empty() && self.method.is_none()
    }
}

/// A typed link from one record to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub target: RecordId,
    #[serde(default)]
    pub note: String,
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
    pub source_kind: Option<SourceKind>,
    pub collected_by: String,
    pub collected_at: Option<FuzzyDate>,
    pub method: Option<CollectionMethod>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Provenance {
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
    pub lat: f64,
    pub lon: f64,
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
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_secs: Option<f64>,
    /// EXIF DateTimeOriginal as written by the camera (local time, no zone).
    pub captured_at: Option<String>,
    /// Camera make and model.
    pub camera: Option<String>,
    pub gps: Option<GeoPoint>,
    /// EXIF orientation, 1 to 8.
    pub orientation: Option<u16>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MediaMetadata {
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
    pub size: u64,
    /// Detected from the content where possible, e.g. `image/jpeg`.
    pub media_type: String,
    /// The attachment's own label; its effective label is the stricter of this and the record's.
    pub label: Label,
    #[serde(default)]
    pub warnings: BTreeSet<ContentWarning>,
    #[serde(default)]
    pub description: String,
    /// Where the file was on the importing computer.
    #[serde(default)]
    pub original_path: String,
    pub imported_at: Timestamp,
    #[serde(default)]
    pub imported_by: String,
    /// For a working copy (redacted, re-encoded): the SHA-256 of the original it was made
    /// from. Originals have none.
    #[serde(default)]
    pub derived_from: Option<Sha256>,
    #[serde(default)]
    pub metadata: MediaMetadata,
    #[serde(default)]
    pub provenance: Provenance,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.media_type.starts_with("image/")
    }

    pub fn is_graphic(&self) -> bool {
        self.warnings.contains(&ContentWarning::GraphicViolence)
    }
}

/// One of a person's names, in one script or language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonName {
    pub text: String,
    /// A language or script tag: `hy` (Armenian), `hy-Latn` (transliteration), `ru`, `en`, `az`.
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub primary: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One step of a person's status timeline: what their status was from a date, what it
/// rests on, which records show it, and how well it is verified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusEntry {
    pub status: PersonStatus,
    /// For captivity: what the status rests on.
    #[serde(default)]
    pub basis: Option<EvidenceBasis>,
    #[serde(default)]
    pub date: Option<FuzzyDate>,
    /// The records (reports, statements, media) the entry rests on.
    #[serde(default)]
    pub sources: Vec<RecordId>,
    #[serde(default = "default_verification")]
    pub verification: Verification,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl StatusEntry {
    pub fn new(status: PersonStatus) -> Self {
        StatusEntry {
            status,
            basis: None,
            date: None,
            sources: Vec::new(),
            verification: Verification::Unverified,
            note: String::new(),
            extra: Extra::new(),
        }
    }
}

/// The fields a person record has on top of every record's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub names: Vec<PersonName>,
    /// The current status: the latest entry of the timeline (kept in step on save), or set
    /// directly for a person without a timeline.
    pub status: Option<PersonStatus>,
    /// For captivity: what the current status rests on.
    pub basis: Option<EvidenceBasis>,
    /// How the person's status changed, oldest first (see [`Person::add_status`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<StatusEntry>,
    /// Date of birth; may be partial (a year) or uncertain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth: Option<FuzzyDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Place of residence.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub residence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<PersonCategory>,
    /// For a serviceman: the unit and rank.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rank: String,
    /// What identifies the person: marks, clothing, documents found.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub identifying: String,
    /// Persons someone checked and found to be other people: never suggested as duplicates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub distinct_from: Vec<RecordId>,
    /// Duplicate records merged into this one (they stay in the trash with their history).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<RecordId>,
    /// For a duplicate merged away: the record it was merged into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<RecordId>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Person {
    /// The name marked primary, or the first.
    pub fn primary_name(&self) -> Option<&PersonName> {
        self.names
            .iter()
            .find(|n| n.primary)
            .or_else(|| self.names.first())
    }

    /// The current status entry: the timeline's last.
    pub fn current(&self) -> Option<&StatusEntry> {
        self.timeline.last()
    }

    /// Adds a timeline entry in date order: after every entry dated on or before it. An
    /// undated entry goes last (it is the newest information). Keeps `status` and `basis`
    /// in step with the current entry.
    pub fn add_status(&mut self, entry: StatusEntry) {
        let at = match &entry.date {
            None => self.timeline.len(),
            Some(d) => self
                .timeline
                .iter()
                .position(|e| {
                    e.date
                        .as_ref()
                        .is_none_or(|x| x.sort_cmp(d) == std::cmp::Ordering::Greater)
                })
                .unwrap_or(self.timeline.len()),
        };
        self.timeline.insert(at, entry);
        self.sync_current();
    }

    /// Puts the timeline in date order (undated entries last, as the newest information;
    /// entries of the same date keep their order) and syncs the current status.
    pub fn sort_timeline(&mut self) {
        self.timeline.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.sort_cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        self.sync_current();
    }

    /// Sets `status` and `basis` from the timeline's current entry (when there is one).
    pub fn sync_current(&mut self) {
        if let Some(current) = self.timeline.last() {
            self.status = Some(current.status);
            self.basis = current.basis;
        }
    }
}

/// When and by whom a record was moved to the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trashed {
    pub at: Timestamp,
    pub by: String,
}

/// A report, statement, media item, person or incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: RecordId,
    pub kind: RecordKind,
    pub title: String,
    /// Description, summary or full text.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub date: Option<FuzzyDate>,
    #[serde(default)]
    pub place: String,
    /// Where the place is, when known (incidents, mostly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<GeoPoint>,
    /// The author or issuing body.
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub source: Source,
    /// The language of the record's content, e.g. `hy`, `ru`, `en`, `az`.
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default = "default_label")]
    pub label: Label,
    #[serde(default)]
    pub warnings: BTreeSet<ContentWarning>,
    #[serde(default = "default_verification")]
    pub verification: Verification,
    #[serde(default = "default_review")]
    pub review: ReviewState,
    /// The reviewer's last comment (on approval or a request for changes). Never shared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub review_comment: String,
    /// Never leaves the catalogue: not in exports, packages or logs.
    #[serde(default)]
    pub private_notes: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Box<Person>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trashed: Option<Trashed>,
    pub created: Timestamp,
    #[serde(default)]
    pub created_by: String,
    pub modified: Timestamp,
    #[serde(default)]
    pub modified_by: String,
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

/// Why a record file could not be read, with where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// 1-based line; 0 when the file ends early or is empty.
    pub line: usize,
    pub column: usize,
    /// The field, as a path such as `links[0].kind`, when the problem is in one.
    pub field: Option<String>,
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
            private_notes: String::new(),
            person: (kind == RecordKind::Person).then(Box::default),
            trashed: None,
            created: now,
            created_by: actor.to_string(),
            modified: now,
            modified_by: actor.to_string(),
            extra: Extra::new(),
        }
    }

    /// The record as its file holds it: pretty JSON, stable field order, final newline.
    pub fn to_json(&self) -> Vec<u8> {
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
    fn the_current_status_is_the_latest_dated_entry() {
        let mut p = Person::default();
        let entry = |s, d: &str| StatusEntry {
            date: Some(d.parse().unwrap()),
            ..StatusEntry::new(s)
        };
        p.add_status(entry(PersonStatus::Missing, "2020-10-05"));
        p.add_status(entry(PersonStatus::Returned, "2020-12-28"));
        // Learned later, but about an earlier day: it goes in its place.
        p.add_status(StatusEntry {
            basis: Some(EvidenceBasis::Acknowledged),
            ..entry(PersonStatus::Captured, "2020-10-20")
        });
        let order: Vec<_> = p.timeline.iter().map(|e| e.status).collect();
        assert_eq!(
            order,
            [
                PersonStatus::Missing,
                PersonStatus::Captured,
                PersonStatus::Returned
            ]
        );
        assert_eq!(p.current().unwrap().status, PersonStatus::Returned);
        assert_eq!(p.status, Some(PersonStatus::Returned));
        assert_eq!(p.basis, None);
        // An undated entry is the newest information.
        p.add_status(StatusEntry::new(PersonStatus::Injured));
        assert_eq!(p.status, Some(PersonStatus::Injured));
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
