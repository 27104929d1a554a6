//! One line of an imported list: its cells read, checked and applied to a new or an
//! existing record. An empty cell leaves a field as it was; timeline entries are only
//! ever added.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::str::FromStr;

use super::column::{Column, cell};
use crate::model::{
    EvidenceBasis, FuzzyDate, Label, Person, PersonCategory, PersonName, PersonStatus, Record,
    RecordId, RecordKind, Sex, StatusEntry, UnknownValue, Verification,
};

/// What one line of an import will do.
#[derive(Debug, Clone, PartialEq)]
pub enum LineAction {
    /// A new record.
    Create,
    /// Fields that change, as "field: old → new".
    Update(Vec<String>),
    /// The line matches its record already; nothing to write.
    Unchanged,
}

/// One good line of an import.
#[derive(Debug, Clone)]
pub struct PlannedLine {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// What importing the line does.
    pub action: LineAction,
    /// The record as it will be saved.
    pub record: Record,
}

/// One bad line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line number in the file (the header is line 1).
    pub line: u64,
    /// The column, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong with the line, for a person.
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => f.write_str(&crate::t!(
                "csv-error-at-column",
                line = self.line.to_string(),
                column = c.as_str(),
                message = self.message.as_str()
            )),
            None => f.write_str(&crate::t!(
                "csv-error-at-line",
                line = self.line.to_string(),
                message = self.message.as_str()
            )),
        }
    }
}

/// The non-empty cells of one line, by column.
pub(super) struct Cells {
    pub line: u64,
    pub values: HashMap<Column, String>,
}

impl Cells {
    fn get(&self, column: Column) -> Option<&str> {
        self.values.get(&column).map(String::as_str)
    }

    fn err(&self, column: Column, message: impl Into<String>) -> LineError {
        LineError {
            line: self.line,
            column: Some(column.key().to_string()),
            message: message.into(),
        }
    }

    fn date(&self, column: Column) -> Result<Option<FuzzyDate>, LineError> {
        self.get(column)
            .map(|t| {
                t.parse()
                    .map_err(|e: crate::model::DateError| self.err(column, e.to_string()))
            })
            .transpose()
    }

    fn vocab<T: FromStr<Err = UnknownValue>>(
        &self,
        column: Column,
    ) -> Result<Option<T>, LineError> {
        self.get(column)
            .map(|t| t.parse::<T>().map_err(|e| self.err(column, e.to_string())))
            .transpose()
    }
}

/// What a line says of a person, read and checked before anything is applied.
struct PersonCells {
    status: Option<PersonStatus>,
    basis: Option<EvidenceBasis>,
    status_date: Option<FuzzyDate>,
    birth: Option<FuzzyDate>,
    sex: Option<Sex>,
    category: Option<PersonCategory>,
    names: Option<Vec<PersonName>>,
    timeline: Option<Vec<StatusEntry>>,
}

impl PersonCells {
    fn read(cells: &Cells) -> Result<PersonCells, LineError> {
        let read = PersonCells {
            status: cells.vocab(Column::Status)?,
            basis: cells.vocab(Column::Basis)?,
            status_date: cells.date(Column::StatusDate)?,
            birth: cells.date(Column::Birth)?,
            sex: cells.vocab(Column::Sex)?,
            category: cells.vocab(Column::Category)?,
            names: cells
                .get(Column::Names)
                .map(parse_names)
                .transpose()
                .map_err(|m| cells.err(Column::Names, m))?,
            timeline: cells
                .get(Column::Timeline)
                .map(parse_timeline)
                .transpose()
                .map_err(|m| cells.err(Column::Timeline, m))?,
        };
        if read.basis.is_some() && read.status.is_none() {
            return Err(cells.err(Column::Basis, crate::t!("csv-basis-needs-status")));
        }
        if read.status_date.is_some() && read.status.is_none() {
            return Err(cells.err(Column::StatusDate, crate::t!("csv-date-needs-status")));
        }
        Ok(read)
    }
}

/// The record line `cells` makes (a new one, or a copy of the one its id names, changed),
/// and what saving it would do.
pub(super) fn plan_line(
    cells: &Cells,
    by_id: &HashMap<RecordId, &Record>,
    in_trash: &BTreeSet<RecordId>,
    actor: &str,
) -> Result<(Record, LineAction), LineError> {
    let (old, mut record) = start_record(cells, by_id, in_trash, actor)?;
    apply_fields(cells, &mut record)?;
    let person = PersonCells::read(cells)?;
    match record.person.as_mut() {
        None => {
            if let Some(c) = Column::ALL
                .iter()
                .find(|c| c.is_person_only() && cells.values.contains_key(c))
            {
                return Err(cells.err(
                    *c,
                    crate::t!(
                        "csv-only-persons",
                        kind = crate::words::kind(record.kind).to_lowercase()
                    ),
                ));
            }
        }
        Some(p) => {
            apply_person(cells, person, p);
            if p.names.is_empty() && record.title.trim().is_empty() {
                return Err(LineError {
                    line: cells.line,
                    column: None,
                    message: crate::t!("csv-person-needs-name"),
                });
            }
        }
    }
    if record.person.is_none() && record.title.trim().is_empty() {
        return Err(cells.err(Column::Title, crate::t!("csv-record-needs-title")));
    }
    let action = match old {
        None => LineAction::Create,
        Some(old) => action_for(old, &record),
    };
    Ok((record, action))
}

/// The existing record the line's id names (refused when it is in the trash, or of
/// another kind), else a new record of the line's kind (a person when none is given).
fn start_record<'a>(
    cells: &Cells,
    by_id: &HashMap<RecordId, &'a Record>,
    in_trash: &BTreeSet<RecordId>,
    actor: &str,
) -> Result<(Option<&'a Record>, Record), LineError> {
    let kind: Option<RecordKind> = cells.vocab(Column::Kind)?;
    let id = cells
        .get(Column::Id)
        .map(|t| {
            t.parse::<RecordId>()
                .map_err(|_| cells.err(Column::Id, crate::t!("csv-not-an-id", text = t)))
        })
        .transpose()?;
    if let Some(id) = id
        && in_trash.contains(&id)
    {
        return Err(cells.err(Column::Id, crate::t!("csv-in-trash", id = id.to_string())));
    }
    let old = id.and_then(|id| by_id.get(&id).copied());
    let record = match old {
        Some(old) => {
            if let Some(k) = kind
                && k != old.kind
            {
                return Err(cells.err(
                    Column::Kind,
                    format!("{} is a {}, not a {}", old.id, old.kind.key(), k.key()),
                ));
            }
            old.clone()
        }
        None => {
            let mut r = Record::new(kind.unwrap_or(RecordKind::Person), "", actor);
            if let Some(id) = id {
                r.id = id;
            }
            r
        }
    };
    Ok((old, record))
}

/// The fields every record has: label, title, date, place, tags (added), verification.
fn apply_fields(cells: &Cells, record: &mut Record) -> Result<(), LineError> {
    if let Some(label) = cells.get(Column::Label) {
        record.label = label
            .parse::<Label>()
            .map_err(|e| cells.err(Column::Label, e.to_string()))?;
    }
    if let Some(t) = cells.get(Column::Title) {
        record.title = t.to_string();
    }
    if let Some(d) = cells.date(Column::Date)? {
        record.date = Some(d);
    }
    if let Some(t) = cells.get(Column::Place) {
        record.place = t.to_string();
    }
    if let Some(t) = cells.get(Column::Tags) {
        for tag in t.split(';').map(str::trim).filter(|t| !t.is_empty()) {
            if !record.tags.iter().any(|x| x.eq_ignore_ascii_case(tag)) {
                record.tags.push(tag.to_string());
            }
        }
    }
    if let Some(v) = cells.vocab::<Verification>(Column::Verification)? {
        record.verification = v;
    }
    Ok(())
}

/// A person's fields: names merged, timeline entries added, details replaced when given.
fn apply_person(cells: &Cells, read: PersonCells, p: &mut Person) {
    match read.names {
        Some(names) => merge_names(p, names),
        None => {
            if let Some(name) = cells.get(Column::Name)
                && !p.names.iter().any(|n| n.text.trim() == name)
            {
                let primary = p.names.iter().all(|n| !n.primary);
                p.names.push(PersonName {
                    text: name.to_string(),
                    primary,
                    ..PersonName::default()
                });
            }
        }
    }
    for entry in read.timeline.unwrap_or_default() {
        add_if_new(p, entry);
    }
    if let Some(s) = read.status {
        let differs = p.current().is_none_or(|c| {
            c.status != s
                || (read.basis.is_some() && c.basis != read.basis)
                || (read.status_date.is_some() && c.date != read.status_date)
        });
        if differs {
            add_if_new(
                p,
                StatusEntry {
                    basis: read.basis,
                    date: read.status_date,
                    note: "imported from a CSV list".into(),
                    ..StatusEntry::new(s)
                },
            );
        }
    }
    if read.birth.is_some() {
        p.birth = read.birth;
    }
    if read.sex.is_some() {
        p.sex = read.sex;
    }
    if read.category.is_some() {
        p.category = read.category;
    }
    for (c, field) in [
        (Column::Residence, &mut p.residence),
        (Column::Unit, &mut p.unit),
        (Column::Rank, &mut p.rank),
        (Column::Identifying, &mut p.identifying),
    ] {
        if let Some(t) = cells.get(c) {
            *field = t.to_string();
        }
    }
}

/// Adds the names not there yet; when the file marks a primary name, it wins and any
/// other primary mark goes.
fn merge_names(p: &mut Person, names: Vec<PersonName>) {
    let has_primary = names.iter().any(|n| n.primary);
    for n in names {
        match p
            .names
            .iter_mut()
            .find(|x| x.text.trim() == n.text && (x.lang == n.lang || n.lang.is_empty()))
        {
            Some(x) => {
                if has_primary {
                    x.primary = n.primary;
                }
            }
            None => p.names.push(n),
        }
    }
    if has_primary {
        let mut first = true;
        for n in p.names.iter_mut().filter(|n| n.primary) {
            n.primary = first;
            first = false;
        }
    }
}

/// What changes between `old` and `record`, column by column ("field: old → new").
fn action_for(old: &Record, record: &Record) -> LineAction {
    let show = |t: String| {
        if t.is_empty() {
            crate::t!("log-empty")
        } else {
            t
        }
    };
    let changes: Vec<String> = Column::ALL
        .iter()
        .copied()
        .filter(|c| *c != Column::Name)
        .filter_map(|c| {
            let (a, b) = (cell(old, c), cell(record, c));
            (a != b).then(|| format!("{}: {} → {}", c.key(), show(a), show(b)))
        })
        .collect();
    if changes.is_empty() {
        LineAction::Unchanged
    } else {
        LineAction::Update(changes)
    }
}

/// Adds a timeline entry unless one with the same status, basis and date is there.
fn add_if_new(p: &mut Person, entry: StatusEntry) {
    let known = p
        .timeline
        .iter()
        .any(|e| e.status == entry.status && e.basis == entry.basis && e.date == entry.date);
    if !known {
        p.add_status(entry);
    }
}

/// The `names` cell read back: `;` between names, the language in brackets, `*` on the
/// primary one.
pub(super) fn parse_names(text: &str) -> Result<Vec<PersonName>, String> {
    let mut names = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (part, primary) = match part.strip_suffix('*') {
            Some(rest) => (rest.trim_end(), true),
            None => (part, false),
        };
        let (text, lang) = match part.strip_suffix(')').and_then(|p| p.rsplit_once('(')) {
            Some((text, lang)) if !lang.contains(' ') => (text.trim(), lang.trim()),
            _ => (part, ""),
        };
        if text.is_empty() {
            return Err(crate::t!("csv-no-name-before-language", part = part));
        }
        names.push(PersonName {
            text: text.to_string(),
            lang: lang.to_string(),
            primary,
            ..PersonName::default()
        });
    }
    if names.iter().filter(|n| n.primary).count() > 1 {
        return Err(crate::t!("csv-two-primary"));
    }
    Ok(names)
}

/// The `timeline` cell read back: one entry per `;`, date (or `undated`), status, basis
/// in brackets, verification in square brackets.
pub(super) fn parse_timeline(text: &str) -> Result<Vec<StatusEntry>, String> {
    let mut entries = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let in_part =
            |e: &dyn std::fmt::Display| crate::t!("csv-in-part", part = part, why = e.to_string());
        let mut rest = part;
        let mut verification = Verification::Unverified;
        if let Some(r) = rest.strip_suffix(']')
            && let Some((before, v)) = r.rsplit_once('[')
        {
            verification = v.parse().map_err(|e: UnknownValue| in_part(&e))?;
            rest = before.trim_end();
        }
        let mut basis = None;
        if let Some(r) = rest.strip_suffix(')')
            && let Some((before, b)) = r.rsplit_once('(')
        {
            basis = Some(b.parse::<EvidenceBasis>().map_err(|e| in_part(&e))?);
            rest = before.trim_end();
        }
        let Some((date, status)) = rest.split_once(char::is_whitespace) else {
            return Err(crate::t!("csv-date-and-status", part = part));
        };
        let date = match date {
            "undated" => None,
            d => Some(d.parse::<FuzzyDate>().map_err(|e| in_part(&e))?),
        };
        let status = status
            .trim()
            .parse::<PersonStatus>()
            .map_err(|e| in_part(&e))?;
        entries.push(StatusEntry {
            basis,
            date,
            verification,
            ..StatusEntry::new(status)
        });
    }
    Ok(entries)
}
