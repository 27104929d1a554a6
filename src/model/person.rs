//! A person's own fields on a record: names in several scripts, the status timeline
//! (captive, returned, missing, killed...) and what identifies them.

use serde::{Deserialize, Serialize};

use super::date::FuzzyDate;
use super::id::{Extra, RecordId};
use super::vocab::{EvidenceBasis, PersonCategory, PersonStatus, Sex, Verification};

/// One of a person's names, in one script or language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonName {
    /// The name as written.
    pub text: String,
    /// A language or script tag: `hy` (Armenian), `hy-Latn` (transliteration), `ru`, `en`, `az`.
    #[serde(default)]
    pub lang: String,
    /// The name the person is listed under.
    #[serde(default)]
    pub primary: bool,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One step of a person's status timeline: what their status was from a date, what it
/// rests on, which records show it, and how well it is verified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusEntry {
    /// The status from this entry's date.
    pub status: PersonStatus,
    /// For captivity: what the status rests on.
    #[serde(default)]
    pub basis: Option<EvidenceBasis>,
    /// When the status began (or was learned), possibly partial or uncertain.
    #[serde(default)]
    pub date: Option<FuzzyDate>,
    /// The records (reports, statements, media) the entry rests on.
    #[serde(default)]
    pub sources: Vec<RecordId>,
    /// How well the entry is verified.
    #[serde(default = "unverified")]
    pub verification: Verification,
    /// What the entry rests on, in words.
    #[serde(default)]
    pub note: String,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl StatusEntry {
    /// An entry of `status` with nothing else known.
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
    /// Every name, in every script; one is primary.
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
    /// Sex, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Place of residence.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub residence: String,
    /// Civilian or serviceman.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<PersonCategory>,
    /// For a serviceman: the unit and rank.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// For a serviceman: the rank.
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
    /// Fields this version does not know, kept and written back as they were.
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

    /// Makes the primary name read `text` (adding one when there is none and `text` is
    /// not empty): a person's title is their primary name, one source of truth.
    pub fn set_primary_name(&mut self, text: &str) {
        let at = self
            .names
            .iter()
            .position(|n| n.primary)
            .or(if self.names.is_empty() { None } else { Some(0) });
        match at {
            Some(i) => {
                text.clone_into(&mut self.names[i].text);
            }
            None if !text.trim().is_empty() => self.names.push(PersonName {
                text: text.to_string(),
                primary: true,
                ..PersonName::default()
            }),
            None => {}
        }
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

/// A timeline entry read without a verification state is unverified.
fn unverified() -> Verification {
    Verification::Unverified
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
