//! The records as a package holds them: a whitelist of fields. Anything not named here
//! (private notes, reviewer comments, staff names, original paths on the office's
//! computers, fields unknown to this version) never reaches a package.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::{
    Attachment, CollectionMethod, ContentWarning, EvidenceBasis, Extra, FuzzyDate, GeoPoint, Label,
    Link, LinkKind, MediaMetadata, Person, PersonCategory, PersonName, PersonStatus, Provenance,
    Record, RecordId, RecordKind, ReviewState, Sex, Sha256, Source, SourceKind, StatusEntry,
    Verification,
};

/// A record as written into a package: only what may leave the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageRecord {
    /// The record's id in the sending catalogue.
    pub id: RecordId,
    /// Report, statement, media, person or incident.
    pub kind: RecordKind,
    /// The title.
    pub title: String,
    /// Description, summary or full text.
    #[serde(default)]
    pub body: String,
    /// When it happened or was issued.
    #[serde(default)]
    pub date: Option<FuzzyDate>,
    /// Where it happened.
    #[serde(default)]
    pub place: String,
    /// The author or issuing body.
    #[serde(default)]
    pub author: String,
    /// Where the information came from.
    #[serde(default)]
    pub source: PackageSource,
    /// The language of the content.
    #[serde(default)]
    pub language: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links to other records in the same package (links to records left out are dropped).
    #[serde(default)]
    pub links: Vec<PackageLink>,
    /// The files that go with it.
    #[serde(default)]
    pub attachments: Vec<PackageAttachment>,
    /// The TLP label.
    pub label: Label,
    /// Content warnings.
    #[serde(default)]
    pub warnings: BTreeSet<ContentWarning>,
    /// How well the record is verified.
    pub verification: Verification,
    /// The person fields that may be shared, for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PackagePerson>,
    /// When the record was made.
    pub created: Timestamp,
    /// When it last changed.
    pub modified: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageSource {
    /// A name: a channel, outlet, witness, agency or organisation.
    #[serde(default)]
    pub name: String,
    /// Where it can be found again.
    #[serde(default)]
    pub url: String,
    /// How it was collected.
    #[serde(default)]
    pub method: Option<CollectionMethod>,
}

/// A link to another record in the same package (links to anything else are dropped).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageLink {
    /// What the link says.
    pub kind: LinkKind,
    /// The record linked to (in this package).
    pub target: RecordId,
    /// That record's title, so the link reads without opening it.
    pub target_title: String,
    /// A word on the link.
    #[serde(default)]
    pub note: String,
}

/// An attached file as written into a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageAttachment {
    /// SHA-256 of the bytes in the package.
    pub sha256: Sha256,
    /// The file's name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// The file's type, e.g. `image/jpeg`.
    pub media_type: String,
    /// The effective label: the stricter of the attachment's and its record's.
    pub label: Label,
    /// Content warnings of the file.
    #[serde(default)]
    pub warnings: BTreeSet<ContentWarning>,
    /// What the file shows, in words.
    #[serde(default)]
    pub description: String,
    /// Where the bytes are inside the package.
    pub path: String,
    /// When the sender imported the file.
    pub imported_at: Timestamp,
    /// The original a working copy was made from, when that original is in the package too.
    #[serde(default)]
    pub derived_from: Option<Sha256>,
    /// What the file says about itself (left empty when its metadata was removed).
    #[serde(default)]
    pub metadata: PackageMetadata,
    /// Where the file came from before import.
    #[serde(default)]
    pub provenance: PackageProvenance,
    /// For a copy sent without its embedded metadata: what it leaves out (its original's
    /// SHA-256 is `derived_from`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_metadata: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageMetadata {
    /// Picture width in pixels.
    pub width: Option<u32>,
    /// Picture height in pixels.
    pub height: Option<u32>,
    /// Length in seconds.
    pub duration_secs: Option<f64>,
    /// Capture time, as the camera wrote it.
    pub captured_at: Option<String>,
    /// Camera make and model.
    pub camera: Option<String>,
    /// The position the camera recorded.
    pub gps: Option<GeoPoint>,
    /// EXIF orientation, 1 to 8.
    pub orientation: Option<u16>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageProvenance {
    /// The source: a URL, a channel, a witness, an agency.
    #[serde(default)]
    pub source: String,
    /// What kind of source it was.
    #[serde(default)]
    pub source_kind: Option<SourceKind>,
    /// When it was collected.
    #[serde(default)]
    pub collected_at: Option<FuzzyDate>,
    /// How it was collected.
    #[serde(default)]
    pub method: Option<CollectionMethod>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageName {
    /// The name as written.
    pub text: String,
    /// A language or script tag (`hy`, `hy-Latn`, `ru`).
    #[serde(default)]
    pub lang: String,
    /// The name the person is listed under.
    #[serde(default)]
    pub primary: bool,
}

/// A person as a recipient needs them to identify a captive or a missing person: names,
/// birth, sex, civilian or serviceman (unit, rank), and how their status changed. Their
/// residence, identifying marks and private notes stay in the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PackagePerson {
    /// Every name, in every script.
    #[serde(default)]
    pub names: Vec<PackageName>,
    /// The current status.
    #[serde(default)]
    pub status: Option<PersonStatus>,
    /// What the current status rests on, for captivity.
    #[serde(default)]
    pub basis: Option<EvidenceBasis>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<FuzzyDate>,
    /// Sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Civilian or serviceman.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<PersonCategory>,
    /// For a serviceman: the unit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// For a serviceman: the rank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rank: String,
    /// How the status changed, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<PackageStatusEntry>,
}

/// One step of a person's status timeline, as a package holds it: its sources only when
/// they go to the same recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageStatusEntry {
    /// The status from this entry's date.
    pub status: PersonStatus,
    /// What it rests on, for captivity.
    #[serde(default)]
    pub basis: Option<EvidenceBasis>,
    /// When the status began.
    #[serde(default)]
    pub date: Option<FuzzyDate>,
    /// Records in this package the entry rests on.
    #[serde(default)]
    pub sources: Vec<RecordId>,
    /// How well the entry is verified.
    pub verification: Verification,
    /// What the entry rests on, in words.
    #[serde(default)]
    pub note: String,
}

/// The person fields a package carries, for the share plan to say so.
pub const PERSON_FIELDS_SHARED: &[&str] = &[
    "names",
    "current status and evidence basis",
    "date of birth",
    "sex",
    "civilian or serviceman, with unit and rank",
    "status timeline (dates, statuses, evidence basis, verification, notes, and the sources that go in the same package)",
];

/// The person fields that never leave the catalogue.
pub const PERSON_FIELDS_KEPT: &[&str] = &[
    "place of residence",
    "identifying marks",
    "private notes",
    "timeline sources that stay behind",
];

impl PackageName {
    /// The name with its language or script, as lists show it: `Aram Petrosyan [hy-Latn]`.
    pub fn tagged(&self) -> String {
        if self.lang.is_empty() {
            self.text.clone()
        } else {
            format!("{} [{}]", self.text, self.lang)
        }
    }
}

impl PackagePerson {
    fn from_person(p: &Person, included: &HashSet<RecordId>) -> PackagePerson {
        PackagePerson {
            names: p
                .names
                .iter()
                .map(|n| PackageName {
                    text: n.text.clone(),
                    lang: n.lang.clone(),
                    primary: n.primary,
                })
                .collect(),
            status: p.status,
            basis: p.basis,
            birth: p.birth,
            sex: p.sex,
            category: p.category,
            unit: p.unit.clone(),
            rank: p.rank.clone(),
            timeline: p
                .timeline
                .iter()
                .map(|e| PackageStatusEntry::from_entry(e, included))
                .collect(),
        }
    }

    /// The date of the current status (the timeline's last entry).
    pub fn status_date(&self) -> Option<FuzzyDate> {
        self.timeline.last().and_then(|e| e.date)
    }
}

impl PackageStatusEntry {
    fn from_entry(e: &StatusEntry, included: &HashSet<RecordId>) -> PackageStatusEntry {
        PackageStatusEntry {
            status: e.status,
            basis: e.basis,
            date: e.date,
            sources: e
                .sources
                .iter()
                .filter(|s| included.contains(s))
                .copied()
                .collect(),
            verification: e.verification,
            note: e.note.clone(),
        }
    }
}

/// Where an attachment's bytes go inside a package.
pub fn attachment_path(a: &Attachment) -> String {
    format!(
        "attachments/{}/{}",
        a.sha256,
        crate::text::safe_file_name(&a.name)
    )
}

impl PackageRecord {
    /// The record as it goes to a recipient: only `attachments` (indexes) go in, and only
    /// links whose target is in `included` (with that target's title).
    pub fn from_record(
        record: &Record,
        attachments: &[usize],
        included: &HashSet<RecordId>,
        titles: &HashMap<RecordId, String>,
    ) -> PackageRecord {
        let shared: Vec<&Attachment> = attachments
            .iter()
            .filter_map(|&i| record.attachments.get(i))
            .collect();
        let shared_hashes: HashSet<&Sha256> = shared.iter().map(|a| &a.sha256).collect();
        PackageRecord {
            id: record.id,
            kind: record.kind,
            title: record.title.clone(),
            body: record.body.clone(),
            date: record.date,
            place: record.place.clone(),
            author: record.author.clone(),
            source: PackageSource {
                name: record.source.name.clone(),
                url: record.source.url.clone(),
                method: record.source.method,
            },
            language: record.language.clone(),
            tags: record.tags.clone(),
            links: record
                .links
                .iter()
                .filter(|l| included.contains(&l.target))
                .map(|l| PackageLink {
                    kind: l.kind,
                    target: l.target,
                    target_title: titles.get(&l.target).cloned().unwrap_or_default(),
                    note: l.note.clone(),
                })
                .collect(),
            attachments: shared
                .iter()
                .map(|a| PackageAttachment {
                    sha256: a.sha256.clone(),
                    name: a.name.clone(),
                    size: a.size,
                    media_type: a.media_type.clone(),
                    label: record.effective_label(a),
                    warnings: a.warnings.clone(),
                    description: a.description.clone(),
                    path: attachment_path(a),
                    imported_at: a.imported_at,
                    derived_from: a.derived_from.clone().filter(|h| shared_hashes.contains(h)),
                    metadata: metadata(&a.metadata),
                    provenance: PackageProvenance {
                        source: a.provenance.source.clone(),
                        source_kind: a.provenance.source_kind,
                        collected_at: a.provenance.collected_at,
                        method: a.provenance.method,
                    },
                    removed_metadata: Vec::new(),
                })
                .collect(),
            label: record.label,
            warnings: record.warnings.clone(),
            verification: record.verification,
            person: record
                .person
                .as_ref()
                .map(|p| PackagePerson::from_person(p, included)),
            created: record.created,
            modified: record.modified,
        }
    }

    /// The title as people see it (a person's primary name when there is no title).
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            if let Some(p) = &self.person
                && let Some(n) = p.names.iter().find(|n| n.primary).or(p.names.first())
            {
                return &n.text;
            }
            return "(untitled)";
        }
        &self.title
    }
}

/// A received record as this catalogue keeps it: a draft (it goes out again only after a
/// review here), created by `actor`, its files named as the package had them.
impl PackageRecord {
    /// The received record as a new draft in this catalogue.
    pub fn into_record(self, package_id: &str, actor: &str) -> Record {
        let pr = self;
        let mut r = Record::new(pr.kind, pr.title.clone(), actor);
        r.id = pr.id;
        r.body = pr.body;
        r.date = pr.date;
        r.place = pr.place;
        r.author = pr.author;
        r.source = Source {
            name: pr.source.name,
            url: pr.source.url,
            method: pr.source.method,
            extra: Extra::new(),
        };
        r.language = pr.language;
        r.tags = pr.tags;
        r.links = pr
            .links
            .into_iter()
            .map(|l| Link {
                kind: l.kind,
                target: l.target,
                note: l.note,
                extra: Extra::new(),
            })
            .collect();
        r.attachments = pr
            .attachments
            .into_iter()
            .map(|a| a.into_attachment(package_id, actor))
            .collect();
        r.label = pr.label;
        r.warnings = pr.warnings;
        r.verification = pr.verification;
        r.review = ReviewState::Draft;
        r.person = pr.person.map(|p| Box::new(p.into_person()));
        r.created = pr.created;
        r
    }
}

impl PackageAttachment {
    /// The file as a received record holds it: imported now, by `actor`, from the package.
    pub fn into_attachment(self, package_id: &str, actor: &str) -> Attachment {
        let a = self;
        Attachment {
            sha256: a.sha256,
            name: a.name,
            size: a.size,
            media_type: a.media_type,
            label: a.label,
            warnings: a.warnings,
            description: a.description,
            original_path: format!("package {package_id}: {}", a.path),
            imported_at: Timestamp::now(),
            imported_by: actor.to_string(),
            derived_from: a.derived_from,
            redaction: None,
            metadata: MediaMetadata {
                width: a.metadata.width,
                height: a.metadata.height,
                duration_secs: a.metadata.duration_secs,
                captured_at: a.metadata.captured_at,
                camera: a.metadata.camera,
                gps: a.metadata.gps,
                orientation: a.metadata.orientation,
                camera_serial: None,
                extra: Extra::new(),
            },
            provenance: Provenance {
                source: a.provenance.source,
                source_kind: a.provenance.source_kind,
                collected_by: String::new(),
                collected_at: a.provenance.collected_at,
                method: a.provenance.method,
                extra: Extra::new(),
            },
            extra: Extra::new(),
        }
    }
}

impl PackagePerson {
    /// The person as a received record holds them.
    pub fn into_person(self) -> Person {
        let p = self;
        Person {
            names: p
                .names
                .into_iter()
                .map(|n| PersonName {
                    text: n.text,
                    lang: n.lang,
                    primary: n.primary,
                    extra: Extra::new(),
                })
                .collect(),
            status: p.status,
            basis: p.basis,
            birth: p.birth,
            sex: p.sex,
            category: p.category,
            unit: p.unit,
            rank: p.rank,
            timeline: p
                .timeline
                .into_iter()
                .map(|e| StatusEntry {
                    status: e.status,
                    basis: e.basis,
                    date: e.date,
                    sources: e.sources,
                    verification: e.verification,
                    note: e.note,
                    extra: Extra::new(),
                })
                .collect(),
            extra: Extra::new(),
            ..Person::default()
        }
    }
}

fn metadata(m: &MediaMetadata) -> PackageMetadata {
    PackageMetadata {
        width: m.width,
        height: m.height,
        duration_secs: m.duration_secs,
        captured_at: m.captured_at.clone(),
        camera: m.camera.clone(),
        gps: m.gps,
        orientation: m.orientation,
    }
}
