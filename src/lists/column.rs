//! The columns of a list, and one record's cell in each.

use super::ListError;
use crate::model::{FuzzyDate, PersonName, Record, StatusEntry, Verification, vocabulary};

vocabulary! {
    /// A column of a list: its key (in the header line and on the command line) and what
    /// it holds.
    Column, "list column" {
        Id = "id", "The record's id (an import updates the record with this id)";
        Kind = "kind", "report, statement, media, person, incident";
        Label = "label", "TLP label";
        Title = "title", "Title";
        Name = "name", "A person's primary name";
        Names = "names", "Every name, with language; * marks the primary";
        Status = "status", "Current status";
        Basis = "basis", "Evidence basis of the current status";
        StatusDate = "status_date", "Date of the current status";
        Timeline = "timeline", "Every status entry";
        Birth = "birth", "Date of birth";
        Sex = "sex", "female, male";
        Category = "category", "civilian, serviceman";
        Residence = "residence", "Place of residence";
        Unit = "unit", "Military unit";
        Rank = "rank", "Rank";
        Identifying = "identifying", "Identifying notes";
        Date = "date", "The record's date";
        Place = "place", "Place";
        Tags = "tags", "Tags, separated by ;";
        Verification = "verification", "Verification status";
    }
}

impl Column {
    /// What the column holds, for `dossier columns` and the header help.
    pub fn help(self) -> &'static str {
        self.name()
    }

    /// True for the columns only persons have.
    pub fn is_person_only(self) -> bool {
        matches!(
            self,
            Column::Name
                | Column::Names
                | Column::Status
                | Column::Basis
                | Column::StatusDate
                | Column::Timeline
                | Column::Birth
                | Column::Sex
                | Column::Category
                | Column::Residence
                | Column::Unit
                | Column::Rank
                | Column::Identifying
        )
    }

    /// The column a header cell names (`Status date`, `status-date` and `status_date`
    /// alike). Only keys count here, not the descriptions.
    pub fn from_header(text: &str) -> Option<Column> {
        let wanted = text.trim().to_lowercase().replace(['-', ' '], "_");
        Column::ALL.iter().copied().find(|c| c.key() == wanted)
    }

    /// Every key, for messages.
    pub fn keys() -> String {
        Column::ALL
            .iter()
            .map(|c| c.key())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The columns exported when none are chosen: all of them but `name` (which `names` holds).
pub fn default_columns() -> Vec<Column> {
    Column::ALL
        .iter()
        .copied()
        .filter(|c| *c != Column::Name)
        .collect()
}

/// The columns chosen by name, each once, in the order given; an unknown name is an error
/// that lists the known ones.
pub fn check_columns(columns: &[String]) -> Result<Vec<Column>, ListError> {
    let mut out = Vec::new();
    for c in columns.iter().filter(|c| !c.trim().is_empty()) {
        let Some(column) = Column::from_header(c) else {
            return Err(ListError::UnknownColumn(c.trim().to_string()));
        };
        if !out.contains(&column) {
            out.push(column);
        }
    }
    if out.is_empty() {
        return Err(ListError::NoColumns);
    }
    Ok(out)
}

/// One cell of a record, as text (not yet neutralised for spreadsheets).
pub fn cell(r: &Record, column: Column) -> String {
    let p = r.person.as_ref();
    let date = |d: Option<FuzzyDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let key = |k: Option<&'static str>| k.unwrap_or_default().to_string();
    match column {
        Column::Id => r.id.to_string(),
        Column::Kind => r.kind.key().to_string(),
        Column::Label => r.label.as_str().to_string(),
        Column::Title => r.title.clone(),
        Column::Name => p
            .and_then(|p| p.primary_name())
            .map(|n| n.text.clone())
            .unwrap_or_default(),
        Column::Names => p.map(|p| names_cell(&p.names)).unwrap_or_default(),
        Column::Status => key(p.and_then(|p| p.status).map(|s| s.key())),
        Column::Basis => key(p.and_then(|p| p.basis).map(|b| b.key())),
        Column::StatusDate => date(p.and_then(|p| p.current()).and_then(|e| e.date)),
        Column::Timeline => p.map(|p| timeline_cell(&p.timeline)).unwrap_or_default(),
        Column::Birth => date(p.and_then(|p| p.birth)),
        Column::Sex => key(p.and_then(|p| p.sex).map(|s| s.key())),
        Column::Category => key(p.and_then(|p| p.category).map(|c| c.key())),
        Column::Residence => p.map(|p| p.residence.clone()).unwrap_or_default(),
        Column::Unit => p.map(|p| p.unit.clone()).unwrap_or_default(),
        Column::Rank => p.map(|p| p.rank.clone()).unwrap_or_default(),
        Column::Identifying => p.map(|p| p.identifying.clone()).unwrap_or_default(),
        Column::Date => date(r.date),
        Column::Place => r.place.clone(),
        Column::Tags => r.tags.join("; "),
        Column::Verification => r.verification.key().to_string(),
    }
}

/// Every name in one cell: `Արամ Պետրոսյան (hy)*; Aram Petrosyan (hy-Latn)`.
pub(super) fn names_cell(names: &[PersonName]) -> String {
    names
        .iter()
        .map(|n| {
            let mut t = n.text.trim().to_string();
            if !n.lang.is_empty() {
                t.push_str(&format!(" ({})", n.lang));
            }
            if n.primary {
                t.push('*');
            }
            t
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The timeline in one cell: `2020-10-05 missing; 2020-10-20 captured (acknowledged)`.
pub(super) fn timeline_cell(timeline: &[StatusEntry]) -> String {
    timeline
        .iter()
        .map(|e| {
            let mut t = match e.date {
                Some(d) => d.to_string(),
                None => "undated".into(),
            };
            t.push(' ');
            t.push_str(e.status.key());
            if let Some(b) = e.basis {
                t.push_str(&format!(" ({})", b.key()));
            }
            if e.verification != Verification::Unverified {
                t.push_str(&format!(" [{}]", e.verification.key()));
            }
            t
        })
        .collect::<Vec<_>>()
        .join("; ")
}
