//! `persons.csv`: the persons of a package as a list a mediator can open in a
//! spreadsheet, one row per person, with cells a spreadsheet will not run as formulas.

use super::record::{PackageRecord, PackageStatusEntry};
use crate::model::RecordKind;
use crate::text::csv_cell;

/// A timeline in one cell: `2020-10-20 captured (acknowledged) [verified]: note`, `; `
/// between entries.
fn timeline_text(timeline: &[PackageStatusEntry]) -> String {
    timeline
        .iter()
        .map(|e| {
            let mut s = e.date.map(|d| format!("{d} ")).unwrap_or_default();
            s.push_str(e.status.name());
            if let Some(b) = e.basis {
                s.push_str(&format!(" ({})", b.name()));
            }
            s.push_str(&format!(" [{}]", e.verification.name()));
            if !e.note.trim().is_empty() {
                s.push_str(&format!(": {}", e.note.trim()));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The persons in the package as a list for mediators: one row per person.
pub(super) fn persons_csv(records: &[PackageRecord]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "name",
        "other names",
        "status",
        "evidence basis",
        "date",
        "place",
        "verification",
        "label",
        "birth",
        "sex",
        "category",
        "unit",
        "rank",
        "timeline",
    ]);
    for r in records.iter().filter(|r| r.kind == RecordKind::Person) {
        let person = r.person.clone().unwrap_or_default();
        let others: Vec<String> = person
            .names
            .iter()
            .filter(|n| n.text != r.display_title())
            .map(|n| n.tagged())
            .collect();
        let _ = w.write_record([
            r.id.to_string(),
            csv_cell(r.display_title()),
            csv_cell(&others.join("; ")),
            person
                .status
                .map(|s| s.name().to_string())
                .unwrap_or_default(),
            person
                .basis
                .map(|b| b.name().to_string())
                .unwrap_or_default(),
            // The date of the current status (when they were captured, went missing,
            // returned), else the record's own date.
            person
                .status_date()
                .or(r.date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            csv_cell(&r.place),
            r.verification.name().to_string(),
            r.label.as_str().to_string(),
            person.birth.map(|d| d.to_string()).unwrap_or_default(),
            person.sex.map(|s| s.name().to_string()).unwrap_or_default(),
            person
                .category
                .map(|c| c.name().to_string())
                .unwrap_or_default(),
            csv_cell(&person.unit),
            csv_cell(&person.rank),
            csv_cell(&timeline_text(&person.timeline)),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::text::csv_cell;

    #[test]
    fn spreadsheet_formulas_in_names_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Արամ Գևորգյան"), "Արամ Գևորգյան");
    }
}
