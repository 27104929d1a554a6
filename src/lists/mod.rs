//! Lists as CSV: export any list with chosen columns, and import a list (persons, mostly)
//! with a line-by-line preview that creates nothing while any line is wrong.
//!
//! The columns are named by key (`id`, `names`, `status`, ...). The formats of the cells
//! are the command line's: vocabulary keys (`captured`, `not-acknowledged`), dates as
//! `2020-09-27`, `2020-10`, `2020-09-27..2020-11-09?`. Two cells hold several values:
//!
//! - `names`: `Արամ Պետրոսյան (hy)*; Aram Petrosyan (hy-Latn)`: `;` between names, the
//!   language in brackets, `*` on the primary name.
//! - `timeline`: `2020-10-05 missing; 2020-10-20 captured (acknowledged) [verified]`: one
//!   entry per `;`, date (or `undated`), status key, basis key in brackets, verification in
//!   square brackets when it is not "unverified".
//!
//! An import adds and corrects, never erases: an empty cell leaves the field as it was, and
//! timeline entries are only ever added.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use crate::model::{
    EvidenceBasis, FuzzyDate, Label, PersonCategory, PersonName, PersonStatus, Record, RecordId,
    RecordKind, Sex, StatusEntry, Verification,
};
use crate::search::duplicates::name_key;
use crate::share::csv_cell;

/// Every column a list can have, in the default order.
pub const COLUMNS: &[(&str, &str)] = &[
    (
        "id",
        "The record's id (an import updates the record with this id)",
    ),
    ("kind", "report, statement, media, person, incident"),
    ("label", "TLP label"),
    ("title", "Title"),
    ("name", "A person's primary name"),
    ("names", "Every name, with language; * marks the primary"),
    ("status", "Current status"),
    ("basis", "Evidence basis of the current status"),
    ("status_date", "Date of the current status"),
    ("timeline", "Every status entry"),
    ("birth", "Date of birth"),
    ("sex", "female, male"),
    ("category", "civilian, serviceman"),
    ("residence", "Place of residence"),
    ("unit", "Military unit"),
    ("rank", "Rank"),
    ("identifying", "Identifying notes"),
    ("date", "The record's date"),
    ("place", "Place"),
    ("tags", "Tags, separated by ;"),
    ("verification", "Verification status"),
];

/// The columns exported when none are chosen: all of them but `name` (which `names` holds).
pub fn default_columns() -> Vec<String> {
    COLUMNS
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| k != "name")
        .collect()
}

/// Checks chosen column names, saying which are unknown.
pub fn check_columns(columns: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for c in columns {
        let c = c.trim().to_lowercase().replace(['-', ' '], "_");
        if c.is_empty() {
            continue;
        }
        if !COLUMNS.iter().any(|(k, _)| *k == c) {
            return Err(format!(
                "'{c}' is not a column; use any of: {}",
                COLUMNS
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    if out.is_empty() {
        return Err("choose at least one column".into());
    }
    Ok(out)
}

/// One cell of a record, as text (not yet neutralised for spreadsheets).
pub fn cell(r: &Record, column: &str) -> String {
    let p = r.person.as_ref();
    let date = |d: Option<FuzzyDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match column {
        "id" => r.id.to_string(),
        "kind" => r.kind.key().to_string(),
        "label" => r.label.as_str().to_string(),
        "title" => r.title.clone(),
        "name" => p
            .and_then(|p| p.primary_name())
            .map(|n| n.text.clone())
            .unwrap_or_default(),
        "names" => p.map(|p| names_cell(&p.names)).unwrap_or_default(),
        "status" => p
            .and_then(|p| p.status)
            .map(|s| s.key().to_string())
            .unwrap_or_default(),
        "basis" => p
            .and_then(|p| p.basis)
            .map(|b| b.key().to_string())
            .unwrap_or_default(),
        "status_date" => date(p.and_then(|p| p.current()).and_then(|e| e.date)),
        "timeline" => p.map(|p| timeline_cell(&p.timeline)).unwrap_or_default(),
        "birth" => date(p.and_then(|p| p.birth)),
        "sex" => p
            .and_then(|p| p.sex)
            .map(|s| s.key().to_string())
            .unwrap_or_default(),
        "category" => p
            .and_then(|p| p.category)
            .map(|c| c.key().to_string())
            .unwrap_or_default(),
        "residence" => p.map(|p| p.residence.clone()).unwrap_or_default(),
        "unit" => p.map(|p| p.unit.clone()).unwrap_or_default(),
        "rank" => p.map(|p| p.rank.clone()).unwrap_or_default(),
        "identifying" => p.map(|p| p.identifying.clone()).unwrap_or_default(),
        "date" => date(r.date),
        "place" => r.place.clone(),
        "tags" => r.tags.join("; "),
        "verification" => r.verification.key().to_string(),
        _ => String::new(),
    }
}

fn names_cell(names: &[PersonName]) -> String {
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

fn timeline_cell(timeline: &[StatusEntry]) -> String {
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

/// Writes `records` as CSV with `columns`, every cell made safe for spreadsheets.
pub fn write_csv(records: &[&Record], columns: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(columns);
    for r in records {
        let _ = w.write_record(columns.iter().map(|c| csv_cell(&cell(r, c))));
    }
    w.into_inner().unwrap_or_default()
}

/// What one line of an import will do.
#[derive(Debug, Clone, PartialEq)]
pub enum LineAction {
    Create,
    /// Fields that change, as "field: old → new".
    Update(Vec<String>),
    Unchanged,
}

/// One good line of an import.
#[derive(Debug, Clone)]
pub struct PlannedLine {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub action: LineAction,
    pub record: Record,
}

/// One bad line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    /// The column, when the problem is in one cell.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column '{c}': {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The preview of an import: what every line will do, and every error.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    pub lines: Vec<PlannedLine>,
    pub errors: Vec<LineError>,
}

impl ImportPlan {
    pub fn creates(&self) -> usize {
        self.count(|a| matches!(a, LineAction::Create))
    }

    pub fn updates(&self) -> usize {
        self.count(|a| matches!(a, LineAction::Update(_)))
    }

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
        let mut out: Vec<(u64, String)> = Vec::new();
        for l in &self.lines {
            let name = l.record.display_title();
            let text = match &l.action {
                LineAction::Create => {
                    format!("line {}: create {} '{name}'", l.line, l.record.kind.key())
                }
                LineAction::Update(changes) => format!(
                    "line {}: update '{name}' ({}): {}",
                    l.line,
                    l.record.id.short(),
                    changes.join("; ")
                ),
                LineAction::Unchanged => {
                    format!(
                        "line {}: no change to '{name}' ({})",
                        l.line,
                        l.record.id.short()
                    )
                }
            };
            out.push((l.line, text));
        }
        for e in &self.errors {
            out.push((e.line, format!("error: {e}")));
        }
        out.sort_by_key(|(line, _)| *line);
        out.into_iter().map(|(_, t)| t).collect()
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
) -> Result<ImportPlan, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (byte {}); save it from the spreadsheet as \"CSV UTF-8\"",
            file.display(),
            e.valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: the header line could not be read: {e}", file.display()))?
        .iter()
        .map(|h| h.trim().to_lowercase().replace(['-', ' '], "_"))
        .collect();
    let mut plan = ImportPlan::default();
    for h in &headers {
        if !COLUMNS.iter().any(|(k, _)| k == h) {
            plan.errors.push(LineError {
                line: 1,
                column: Some(h.clone()),
                message: format!(
                    "unknown column; the columns are: {}",
                    COLUMNS
                        .iter()
                        .map(|(k, _)| *k)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    if !headers
        .iter()
        .any(|h| ["name", "names", "title", "id"].contains(&h.as_str()))
    {
        plan.errors.push(LineError {
            line: 1,
            column: None,
            message: "the file needs a 'name', 'names' or 'title' column (or 'id' to update)"
                .into(),
        });
    }
    if !plan.errors.is_empty() {
        return Ok(plan);
    }
    let by_id: HashMap<RecordId, &Record> = existing.iter().map(|r| (r.id, r)).collect();
    let in_trash: BTreeSet<RecordId> = trashed.iter().map(|r| r.id).collect();
    // Existing persons by name key, to catch a new line that repeats a known person.
    let mut known: HashMap<String, Vec<&Record>> = HashMap::new();
    for r in existing {
        if let Some(p) = &r.person {
            for n in &p.names {
                known.entry(sorted_key(&n.text)).or_default().push(r);
            }
        }
    }
    let mut seen_ids: HashMap<RecordId, u64> = HashMap::new();
    let mut seen_names: HashMap<String, (u64, Option<FuzzyDate>)> = HashMap::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                plan.errors.push(LineError {
                    line,
                    column: None,
                    message: format!("not valid CSV: {e}"),
                });
                continue;
            }
        };
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if row.len() != headers.len() {
            plan.errors.push(LineError {
                line,
                column: None,
                message: format!(
                    "{} cells, but the header has {} columns",
                    row.len(),
                    headers.len()
                ),
            });
            continue;
        }
        let cells: HashMap<&str, String> = headers
            .iter()
            .map(String::as_str)
            .zip(row.iter().map(uncell))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        match plan_line(line, &cells, &by_id, &in_trash, actor) {
            Err(e) => plan.errors.push(e),
            Ok((record, action)) => {
                if let Some(first) = seen_ids.insert(record.id, line) {
                    plan.errors.push(LineError {
                        line,
                        column: Some("id".into()),
                        message: format!("the same record as line {first}"),
                    });
                    continue;
                }
                if action == LineAction::Create
                    && let Some(p) = &record.person
                {
                    let birth = p.birth;
                    let mut dup = None;
                    for n in &p.names {
                        let key = sorted_key(&n.text);
                        if let Some((first, b)) = seen_names.get(&key)
                            && births_match(*b, birth)
                        {
                            dup =
                                Some(format!("a duplicate of line {first} ('{}')", n.text.trim()));
                        } else if let Some(other) = known.get(&key).and_then(|rs| {
                            rs.iter().find(|r| {
                                births_match(r.person.as_ref().and_then(|p| p.birth), birth)
                            })
                        }) {
                            dup = Some(format!(
                                "'{}' is already in the catalogue ({}); add the id column to update that person",
                                other.display_title(),
                                other.id
                            ));
                        }
                        if dup.is_some() {
                            break;
                        }
                    }
                    if let Some(message) = dup {
                        plan.errors.push(LineError {
                            line,
                            column: Some("names".into()),
                            message,
                        });
                        continue;
                    }
                    for n in &p.names {
                        seen_names.insert(sorted_key(&n.text), (line, birth));
                    }
                }
                plan.lines.push(PlannedLine {
                    line,
                    action,
                    record,
                });
            }
        }
    }
    Ok(plan)
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
fn uncell(text: &str) -> String {
    let t = text.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => t.to_string(),
    }
}

fn plan_line(
    line: u64,
    cells: &HashMap<&str, String>,
    by_id: &HashMap<RecordId, &Record>,
    in_trash: &BTreeSet<RecordId>,
    actor: &str,
) -> Result<(Record, LineAction), LineError> {
    let err = |column: &str, message: String| LineError {
        line,
        column: Some(column.to_string()),
        message,
    };
    let get = |c: &str| cells.get(c).map(String::as_str);
    let parse_date = |c: &str| -> Result<Option<FuzzyDate>, LineError> {
        get(c)
            .map(|t| t.parse::<FuzzyDate>().map_err(|e| err(c, e.to_string())))
            .transpose()
    };
    fn vocab<T: std::str::FromStr<Err = crate::model::UnknownValue>>(
        cells: &HashMap<&str, String>,
        c: &str,
        line: u64,
    ) -> Result<Option<T>, LineError> {
        cells
            .get(c)
            .map(|t| {
                t.parse::<T>().map_err(|e| LineError {
                    line,
                    column: Some(c.to_string()),
                    message: e.to_string(),
                })
            })
            .transpose()
    }
    let kind: Option<RecordKind> = vocab(cells, "kind", line)?;
    let id = get("id")
        .map(|t| {
            t.parse::<RecordId>()
                .map_err(|_| err("id", format!("'{t}' is not a record id")))
        })
        .transpose()?;
    let old = id.and_then(|id| by_id.get(&id).copied());
    if let Some(id) = id
        && in_trash.contains(&id)
    {
        return Err(err("id", format!("{id} is in the trash; restore it first")));
    }
    let mut record = match old {
        Some(old) => {
            if let Some(k) = kind
                && k != old.kind
            {
                return Err(err(
                    "kind",
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
    if let Some(label) = get("label") {
        record.label = label
            .parse::<Label>()
            .map_err(|e| err("label", e.to_string()))?;
    }
    if let Some(t) = get("title") {
        record.title = t.to_string();
    }
    if let Some(d) = parse_date("date")? {
        record.date = Some(d);
    }
    if let Some(t) = get("place") {
        record.place = t.to_string();
    }
    if let Some(t) = get("tags") {
        for tag in t.split(';').map(str::trim).filter(|t| !t.is_empty()) {
            if !record.tags.iter().any(|x| x.eq_ignore_ascii_case(tag)) {
                record.tags.push(tag.to_string());
            }
        }
    }
    if let Some(v) = vocab::<Verification>(cells, "verification", line)? {
        record.verification = v;
    }
    let status: Option<PersonStatus> = vocab(cells, "status", line)?;
    let basis: Option<EvidenceBasis> = vocab(cells, "basis", line)?;
    let status_date = parse_date("status_date")?;
    let birth = parse_date("birth")?;
    let sex: Option<Sex> = vocab(cells, "sex", line)?;
    let category: Option<PersonCategory> = vocab(cells, "category", line)?;
    let names = get("names")
        .map(parse_names)
        .transpose()
        .map_err(|m| err("names", m))?;
    let timeline = get("timeline")
        .map(parse_timeline)
        .transpose()
        .map_err(|m| err("timeline", m))?;
    if basis.is_some() && status.is_none() {
        return Err(err(
            "basis",
            "a basis needs a status in the same line".into(),
        ));
    }
    if status_date.is_some() && status.is_none() {
        return Err(err(
            "status_date",
            "a status date needs a status in the same line".into(),
        ));
    }
    let person_only = [
        "name",
        "names",
        "status",
        "basis",
        "status_date",
        "timeline",
        "birth",
        "sex",
        "category",
        "residence",
        "unit",
        "rank",
        "identifying",
    ];
    match record.person.as_mut() {
        None => {
            if let Some(c) = person_only.iter().find(|c| cells.contains_key(**c)) {
                return Err(err(
                    c,
                    format!(
                        "only persons have this; this line is a {}",
                        record.kind.key()
                    ),
                ));
            }
        }
        Some(p) => {
            if let Some(names) = names {
                let has_primary = names.iter().any(|n| n.primary);
                for n in names {
                    match p.names.iter_mut().find(|x| {
                        x.text.trim() == n.text && (x.lang == n.lang || n.lang.is_empty())
                    }) {
                        Some(x) => {
                            if has_primary {
                                x.primary = n.primary;
                            }
                        }
                        None => p.names.push(n),
                    }
                }
                if has_primary {
                    // The file's primary name wins; any other primary mark goes.
                    let mut first = true;
                    for n in p.names.iter_mut().filter(|n| n.primary) {
                        n.primary = first;
                        first = false;
                    }
                }
            } else if let Some(name) = get("name")
                && !p.names.iter().any(|n| n.text.trim() == name)
            {
                let primary = p.names.iter().all(|n| !n.primary);
                p.names.push(PersonName {
                    text: name.to_string(),
                    primary,
                    ..PersonName::default()
                });
            }
            for entry in timeline.unwrap_or_default() {
                add_if_new(p, entry);
            }
            if let Some(s) = status {
                let differs = p.current().is_none_or(|c| {
                    c.status != s
                        || (basis.is_some() && c.basis != basis)
                        || (status_date.is_some() && c.date != status_date)
                });
                if differs {
                    add_if_new(
                        p,
                        StatusEntry {
                            basis,
                            date: status_date,
                            note: "imported from a CSV list".into(),
                            ..StatusEntry::new(s)
                        },
                    );
                }
            }
            if birth.is_some() {
                p.birth = birth;
            }
            if sex.is_some() {
                p.sex = sex;
            }
            if category.is_some() {
                p.category = category;
            }
            for (c, field) in [
                ("residence", &mut p.residence),
                ("unit", &mut p.unit),
                ("rank", &mut p.rank),
                ("identifying", &mut p.identifying),
            ] {
                if let Some(t) = get(c) {
                    *field = t.to_string();
                }
            }
            if p.names.is_empty() && record.title.trim().is_empty() {
                return Err(LineError {
                    line,
                    column: None,
                    message: "a person needs a name (the 'name', 'names' or 'title' column)".into(),
                });
            }
        }
    }
    if record.person.is_none() && record.title.trim().is_empty() {
        return Err(err("title", "a record needs a title".into()));
    }
    let action = match old {
        None => LineAction::Create,
        Some(old) => {
            let changes: Vec<String> = COLUMNS
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| *c != "name")
                .filter_map(|c| {
                    let (a, b) = (cell(old, c), cell(&record, c));
                    (a != b).then(|| {
                        let show = |t: &str| {
                            if t.is_empty() {
                                "(empty)".to_string()
                            } else {
                                t.to_string()
                            }
                        };
                        format!("{c}: {} → {}", show(&a), show(&b))
                    })
                })
                .collect();
            if changes.is_empty() {
                LineAction::Unchanged
            } else {
                LineAction::Update(changes)
            }
        }
    };
    Ok((record, action))
}

/// Adds a timeline entry unless one with the same status, basis and date is there.
fn add_if_new(p: &mut crate::model::Person, entry: StatusEntry) {
    let known = p
        .timeline
        .iter()
        .any(|e| e.status == entry.status && e.basis == entry.basis && e.date == entry.date);
    if !known {
        p.add_status(entry);
    }
}

fn parse_names(text: &str) -> Result<Vec<PersonName>, String> {
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
            return Err(format!("'{part}' has no name before the language"));
        }
        names.push(PersonName {
            text: text.to_string(),
            lang: lang.to_string(),
            primary,
            ..PersonName::default()
        });
    }
    if names.iter().filter(|n| n.primary).count() > 1 {
        return Err("more than one name is marked primary (*)".into());
    }
    Ok(names)
}

fn parse_timeline(text: &str) -> Result<Vec<StatusEntry>, String> {
    let mut entries = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let mut rest = part;
        let mut verification = Verification::Unverified;
        if let Some(r) = rest.strip_suffix(']')
            && let Some((before, v)) = r.rsplit_once('[')
        {
            verification = v
                .parse()
                .map_err(|e: crate::model::UnknownValue| format!("in '{part}': {e}"))?;
            rest = before.trim_end();
        }
        let mut basis = None;
        if let Some(r) = rest.strip_suffix(')')
            && let Some((before, b)) = r.rsplit_once('(')
        {
            basis = Some(
                b.parse::<EvidenceBasis>()
                    .map_err(|e| format!("in '{part}': {e}"))?,
            );
            rest = before.trim_end();
        }
        let Some((date, status)) = rest.split_once(char::is_whitespace) else {
            return Err(format!(
                "'{part}' should be a date and a status, e.g. '2020-10-20 captured (acknowledged)'"
            ));
        };
        let date = match date {
            "undated" => None,
            d => Some(
                d.parse::<FuzzyDate>()
                    .map_err(|e| format!("in '{part}': {e}"))?,
            ),
        };
        let status = status
            .trim()
            .parse::<PersonStatus>()
            .map_err(|e| format!("in '{part}': {e}"))?;
        entries.push(StatusEntry {
            basis,
            date,
            verification,
            ..StatusEntry::new(status)
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_timelines_read_back_what_they_wrote() {
        let names = parse_names("Արամ Պետրոսյան (hy)*; Aram Petrosyan (hy-Latn); Арам").unwrap();
        assert_eq!(names.len(), 3);
        assert!(names[0].primary);
        assert_eq!(names[1].lang, "hy-Latn");
        assert_eq!(
            names_cell(&names),
            "Արամ Պետրոսյան (hy)*; Aram Petrosyan (hy-Latn); Арам"
        );
        let t = parse_timeline(
            "2020-10-05 missing; 2020-10-20 captured (acknowledged) [verified]; undated returned",
        )
        .unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].basis, Some(EvidenceBasis::Acknowledged));
        assert_eq!(t[1].verification, Verification::Verified);
        assert_eq!(t[2].date, None);
        assert_eq!(
            timeline_cell(&t),
            "2020-10-05 missing; 2020-10-20 captured (acknowledged) [verified]; undated returned"
        );
        assert!(
            parse_timeline("2020-10-05 kiled")
                .unwrap_err()
                .contains("kiled")
        );
    }

    #[test]
    fn a_cell_that_looks_like_a_formula_survives_the_round_trip() {
        assert_eq!(uncell(&csv_cell("=HYPERLINK(1)")), "=HYPERLINK(1)");
        assert_eq!(uncell("'plain"), "'plain");
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub written: usize,
    /// Records of the list left out because their label is above the limit.
    pub held_back: usize,
}

/// Writes the list `filter` gives as CSV to `out` (a new file), leaving out records whose
/// label is above `max_label`. The export is logged (file, count, columns, limit) before the
/// file appears; private notes are never a column.
pub fn export_list(
    cat: &crate::store::Catalogue,
    filter: &crate::search::Filter,
    columns: &[String],
    max_label: Label,
    actor: &str,
    out: &Path,
) -> Result<ExportSummary, crate::store::StoreError> {
    use crate::audit::{Action, AuditDraft};
    use crate::store::StoreError;
    if out.exists() {
        return Err(StoreError::Invalid(format!(
            "{} already exists; choose a new file name",
            out.display()
        )));
    }
    let columns = check_columns(columns).map_err(StoreError::Invalid)?;
    let listed = crate::search::list(cat.records(), filter);
    let (keep, held): (Vec<&Record>, Vec<&Record>) =
        listed.into_iter().partition(|r| r.label <= max_label);
    let bytes = write_csv(&keep, &columns);
    let draft = AuditDraft::new(actor, Action::Exported)
        .note(format!(
            "list of {} records exported as CSV to {}",
            keep.len(),
            out.display()
        ))
        .detail("file", out.display().to_string())
        .detail("records", keep.len())
        .detail("held_back", held.len())
        .detail("max_label", max_label.as_str())
        .detail("columns", columns.clone())
        .detail(
            "ids",
            keep.iter().map(|r| r.id.to_string()).collect::<Vec<_>>(),
        );
    cat.log(vec![draft])?.apply()?;
    crate::durable::write_atomic(out, &bytes).map_err(|e| StoreError::io("write", out, e))?;
    Ok(ExportSummary {
        written: keep.len(),
        held_back: held.len(),
    })
}
