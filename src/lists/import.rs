//! Importing a list: every line read and planned (create, update, unchanged, or an error)
//! before anything is saved, with repeats in the file and persons already in the
//! catalogue caught.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::ListError;
use super::column::Column;
use super::line::{Cells, LineAction, LineError, PlannedLine, plan_line};
use crate::model::{FuzzyDate, Record, RecordId};
use crate::search::duplicates::name_key;

/// The preview of an import: what every line will do, and every error.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    /// The lines that can be imported, in file order.
    pub lines: Vec<PlannedLine>,
    /// The lines that cannot, each with its line number and reason.
    pub errors: Vec<LineError>,
}

impl ImportPlan {
    /// How many lines make a new record.
    pub fn creates(&self) -> usize {
        self.count(|a| matches!(a, LineAction::Create))
    }

    /// How many lines change a record.
    pub fn updates(&self) -> usize {
        self.count(|a| matches!(a, LineAction::Update(_)))
    }

    /// How many lines name a record and change nothing.
    pub fn unchanged(&self) -> usize {
        self.count(|a| matches!(a, LineAction::Unchanged))
    }

    fn count(&self, f: impl Fn(&LineAction) -> bool) -> usize {
        self.lines.iter().filter(|l| f(&l.action)).count()
    }

    /// The records to save: created and updated ones.
    pub fn records_to_save(&self) -> Vec<Record> {
        self.lines
            .iter()
            .filter(|l| !matches!(l.action, LineAction::Unchanged))
            .map(|l| l.record.clone())
            .collect()
    }

    /// The preview as text, line by line, errors among them in file order.
    pub fn describe(&self) -> Vec<String> {
        self.describe_marked().into_iter().map(|(t, _)| t).collect()
    }

    /// [`describe`](Self::describe), each line marked true when it is an error.
    pub fn describe_marked(&self) -> Vec<(String, bool)> {
        let mut out: Vec<(u64, String, bool)> = Vec::new();
        for l in &self.lines {
            let name = l.record.display_title();
            let (line, short) = (l.line, l.record.id.short());
            let text = match &l.action {
                LineAction::Create => crate::t!(
                    "csv-line-create",
                    line = line.to_string(),
                    kind = crate::words::kind(l.record.kind).to_lowercase(),
                    name = name
                ),
                LineAction::Update(changes) => crate::t!(
                    "csv-line-update",
                    line = line.to_string(),
                    name = name,
                    id = short,
                    changes = changes.join("; ")
                ),
                LineAction::Unchanged => crate::t!(
                    "csv-line-same",
                    line = line.to_string(),
                    name = name,
                    id = short
                ),
            };
            out.push((l.line, text, false));
        }
        for e in &self.errors {
            out.push((
                e.line,
                crate::t!("csv-line-error", error = e.to_string()),
                true,
            ));
        }
        out.sort_by_key(|(line, ..)| *line);
        out.into_iter().map(|(_, t, error)| (t, error)).collect()
    }
}

/// Reads a CSV list and works out, line by line, what importing it into a catalogue holding
/// `existing` (live records) and `trashed` would do. Changes nothing.
pub fn plan_import(
    bytes: &[u8],
    file: &Path,
    existing: &[Record],
    trashed: &[Record],
    actor: &str,
) -> Result<ImportPlan, ListError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ListError::NotUtf8 {
        file: file.to_path_buf(),
        byte: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ListError::Header {
            file: file.to_path_buf(),
            reason: e.to_string(),
        })?
        .iter()
        .map(str::to_string)
        .collect();
    let mut plan = ImportPlan::default();
    let columns = read_header(&headers, &mut plan.errors);
    if !plan.errors.is_empty() {
        return Ok(plan);
    }
    let mut lines = Planner::new(existing, trashed, actor);
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                plan.errors.push(LineError {
                    line: e.position().map(|p| p.line()).unwrap_or(0),
                    column: None,
                    message: crate::t!("csv-not-valid", why = e.to_string()),
                });
                continue;
            }
        };
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if row.len() != columns.len() {
            plan.errors.push(LineError {
                line,
                column: None,
                message: crate::t!(
                    "csv-cell-count",
                    cells = row.len().to_string(),
                    columns = columns.len().to_string()
                ),
            });
            continue;
        }
        let values = columns
            .iter()
            .copied()
            .zip(row.iter().map(uncell))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        match lines.plan(&Cells { line, values }) {
            Ok(planned) => plan.lines.push(planned),
            Err(e) => plan.errors.push(e),
        }
    }
    Ok(plan)
}

/// The header's columns; an unknown one, or no column that names a record, is an error
/// on line 1.
fn read_header(headers: &[String], errors: &mut Vec<LineError>) -> Vec<Column> {
    let mut columns = Vec::new();
    for h in headers {
        match Column::from_header(h) {
            Some(c) => columns.push(c),
            None => errors.push(LineError {
                line: 1,
                column: Some(h.trim().to_lowercase().replace(['-', ' '], "_")),
                message: crate::t!("csv-unknown-column", keys = Column::keys()),
            }),
        }
    }
    let names_a_record = [Column::Name, Column::Names, Column::Title, Column::Id];
    if !columns.iter().any(|c| names_a_record.contains(c)) {
        errors.push(LineError {
            line: 1,
            column: None,
            message: crate::t!("csv-needs-name-column"),
        });
    }
    columns
}

/// Plans line after line, remembering what earlier lines made so that a record (or a
/// new person) named twice is caught.
struct Planner<'a> {
    by_id: HashMap<RecordId, &'a Record>,
    in_trash: BTreeSet<RecordId>,
    /// Existing persons by name key, to catch a new line that repeats a known person.
    known: HashMap<String, Vec<&'a Record>>,
    seen_ids: HashMap<RecordId, u64>,
    seen_names: HashMap<String, (u64, Option<FuzzyDate>)>,
    actor: &'a str,
}

impl<'a> Planner<'a> {
    fn new(existing: &'a [Record], trashed: &[Record], actor: &'a str) -> Planner<'a> {
        let mut known: HashMap<String, Vec<&Record>> = HashMap::new();
        for r in existing {
            for n in r.person.iter().flat_map(|p| &p.names) {
                known.entry(sorted_key(&n.text)).or_default().push(r);
            }
        }
        Planner {
            by_id: existing.iter().map(|r| (r.id, r)).collect(),
            in_trash: trashed.iter().map(|r| r.id).collect(),
            known,
            seen_ids: HashMap::new(),
            seen_names: HashMap::new(),
            actor,
        }
    }

    fn plan(&mut self, cells: &Cells) -> Result<PlannedLine, LineError> {
        let line = cells.line;
        let (record, action) = plan_line(cells, &self.by_id, &self.in_trash, self.actor)?;
        if let Some(first) = self.seen_ids.insert(record.id, line) {
            return Err(LineError {
                line,
                column: Some(Column::Id.key().into()),
                message: crate::t!("csv-same-record", first = first.to_string()),
            });
        }
        if action == LineAction::Create
            && let Some(p) = &record.person
        {
            if let Some(message) = self.repeated_person(p) {
                return Err(LineError {
                    line,
                    column: Some(Column::Names.key().into()),
                    message,
                });
            }
            for n in &p.names {
                self.seen_names.insert(sorted_key(&n.text), (line, p.birth));
            }
        }
        Ok(PlannedLine {
            line,
            action,
            record,
        })
    }

    /// Why a new person looks like one an earlier line made, or one the catalogue has
    /// (a name alike and a birth that does not tell them apart).
    fn repeated_person(&self, p: &crate::model::Person) -> Option<String> {
        for n in &p.names {
            let key = sorted_key(&n.text);
            if let Some((first, b)) = self.seen_names.get(&key)
                && births_match(*b, p.birth)
            {
                return Some(crate::t!(
                    "csv-duplicate-line",
                    first = first.to_string(),
                    name = n.text.trim()
                ));
            }
            let other = self.known.get(&key).and_then(|rs| {
                rs.iter()
                    .find(|r| births_match(r.person.as_ref().and_then(|p| p.birth), p.birth))
            });
            if let Some(other) = other {
                return Some(crate::t!(
                    "csv-already-known",
                    name = other.display_title(),
                    id = other.id.to_string()
                ));
            }
        }
        None
    }
}

/// A name's key with its words sorted, so "Petrosyan Aram" repeats "Aram Petrosyan".
fn sorted_key(name: &str) -> String {
    let mut words: Vec<String> = name_key(name)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    words.sort();
    words.join(" ")
}

/// Two births that do not tell two people apart: equal, or either unknown.
fn births_match(a: Option<FuzzyDate>, b: Option<FuzzyDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// A cell as typed: trimmed, with the apostrophe export puts before `=`, `+`, `-`, `@`
/// taken off again.
pub(super) fn uncell(text: &str) -> String {
    let t = text.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => t.to_string(),
    }
}
