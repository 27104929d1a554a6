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

mod column;
mod import;
mod line;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use column::{Column, cell, check_columns, default_columns};
pub use import::{ImportPlan, plan_import};
pub use line::{LineAction, LineError, PlannedLine};

use crate::audit::{Action, AuditDraft};
use crate::model::{Label, Record};
use crate::search::Filter;
use crate::store::fsx::FsOp;
use crate::store::{Catalogue, StoreError, WriteBatch};
use crate::text::csv_cell;

/// Why a list could not be read or written.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    NotUtf8 { file: PathBuf, byte: usize },
    Header { file: PathBuf, reason: String },
    Exists(PathBuf),
    UnknownColumn(String),
    NoColumns,
    Store(#[from] StoreError),
}

// What a person reads, in the chosen language.
impl std::fmt::Display for ListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ListError::NotUtf8 { file, byte } => crate::t!(
                "error-csv-not-utf8",
                file = file.display().to_string(),
                byte = byte.to_string()
            ),
            ListError::Header { file, reason } => crate::t!(
                "error-csv-header",
                file = file.display().to_string(),
                reason = reason
            ),
            ListError::Exists(p) => crate::t!("error-csv-exists", path = p.display().to_string()),
            ListError::UnknownColumn(c) => {
                crate::t!("error-unknown-column", column = c, keys = Column::keys())
            }
            ListError::NoColumns => crate::t!("error-no-columns"),
            ListError::Store(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

/// Writes `records` as CSV with `columns`, every cell made safe for spreadsheets.
pub fn write_csv(records: &[&Record], columns: &[Column]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(columns.iter().map(|c| c.key()));
    for r in records {
        let _ = w.write_record(columns.iter().map(|c| csv_cell(&cell(r, *c))));
    }
    w.into_inner().unwrap_or_default()
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// Rows written (the header not counted).
    pub written: usize,
    /// Records of the list left out because their label is above the limit.
    pub held_back: usize,
}

/// Writes the list `filter` gives as CSV to `out` (a new file), leaving out records whose
/// label is above `max_label`. The export is logged (file, count, columns, limit) before the
/// file appears; private notes are never a column.
pub fn export_list(
    cat: &Catalogue,
    filter: &Filter,
    columns: &[Column],
    max_label: Label,
    actor: &str,
    out: &Path,
) -> Result<ExportSummary, ListError> {
    let listed = crate::search::list(cat.records(), filter);
    let (batch, summary) = export_batch(cat, &listed, columns, max_label, actor, out)?;
    batch.apply()?;
    Ok(summary)
}

/// The writes that export `records` as CSV to `out` (a new file), leaving out those whose
/// label is above `max_label`: the log entry first, then the file. The app hands the batch
/// to its writer thread; the command line applies it at once.
pub fn export_batch(
    cat: &Catalogue,
    records: &[&Record],
    columns: &[Column],
    max_label: Label,
    actor: &str,
    out: &Path,
) -> Result<(WriteBatch, ExportSummary), ListError> {
    prepare_export(records, columns, max_label, out)?.batch(cat, actor)
}

/// A CSV export made but not yet written: its bytes and what the log will say. Making it
/// reads only the records, so the app does it on another thread; [`CsvExport::batch`]
/// then turns it into the writes.
#[derive(Debug, Clone)]
pub struct CsvExport {
    /// The file it goes to (new).
    pub out: PathBuf,
    /// The CSV text.
    pub bytes: Vec<u8>,
    /// The records written, in order.
    pub ids: Vec<crate::model::RecordId>,
    /// Records of the list left out for their label.
    pub held_back: usize,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The highest label written.
    pub max_label: Label,
}

/// Makes the CSV of `records` for `out`, leaving out those whose label is above
/// `max_label`. Refuses an existing file and an empty choice of columns.
pub fn prepare_export(
    records: &[&Record],
    columns: &[Column],
    max_label: Label,
    out: &Path,
) -> Result<CsvExport, ListError> {
    if out.exists() {
        return Err(ListError::Exists(out.to_path_buf()));
    }
    if columns.is_empty() {
        return Err(ListError::NoColumns);
    }
    let (keep, held): (Vec<&Record>, Vec<&Record>) =
        records.iter().copied().partition(|r| r.label <= max_label);
    Ok(CsvExport {
        out: out.to_path_buf(),
        bytes: write_csv(&keep, columns),
        ids: keep.iter().map(|r| r.id).collect(),
        held_back: held.len(),
        columns: columns.to_vec(),
        max_label,
    })
}

impl CsvExport {
    /// The log entry (file, count, columns, limit, ids), then the file.
    pub fn batch(
        self,
        cat: &Catalogue,
        actor: &str,
    ) -> Result<(WriteBatch, ExportSummary), ListError> {
        if self.out.exists() {
            return Err(ListError::Exists(self.out));
        }
        let written = self.ids.len();
        let out = self.out.display().to_string();
        let draft = AuditDraft::new(actor, Action::Exported)
            .note(format!(
                "list of {written} records exported as CSV to {out}"
            ))
            .detail("file", out.clone())
            .detail("records", written)
            .detail("held_back", self.held_back)
            .detail("max_label", self.max_label.as_str())
            .detail(
                "columns",
                self.columns.iter().map(|c| c.key()).collect::<Vec<_>>(),
            )
            .detail(
                "ids",
                self.ids.iter().map(|id| id.to_string()).collect::<Vec<_>>(),
            );
        let mut batch = cat.log(vec![draft])?;
        batch.summary = crate::t!("done-exported", count = written, file = out);
        // The list leaves the catalogue in the person's own file, plain by their choice.
        let folder = self.out.parent().unwrap_or(std::path::Path::new("."));
        let vault = crate::durable::vault::Vault::plain(folder);
        batch.push(FsOp::Write {
            path: self.out,
            bytes: self.bytes,
            vault,
        });
        Ok((
            batch,
            ExportSummary {
                written,
                held_back: self.held_back,
            },
        ))
    }
}
