//! Statistics over a list: the figures the office reports in public (how many returned,
//! killed, missing, held), computed from exactly the records a list shows.
//!
//! Every count here is the length of a list: "Captured: 12" means that adding
//! `--status captured` to the same filter lists 12 persons. Tests hold it to that.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{EvidenceBasis, PersonCategory, PersonStatus, Record, RecordKind};
use crate::search::{Filter, in_range};

/// One week's activity: status changes (timeline entries dated in the week, by status) and
/// incidents dated in the week.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Week {
    /// The Monday the week starts on.
    pub start: Date,
    /// Status changes that week, by the status entered.
    pub changes: BTreeMap<PersonStatus, usize>,
    /// Incidents that week.
    pub incidents: usize,
}

/// The figures for one list.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Records in the list.
    pub records: usize,
    /// Records per kind.
    pub by_kind: BTreeMap<RecordKind, usize>,
    /// Persons in the list.
    pub persons: usize,
    /// Persons by current status.
    pub by_status: BTreeMap<PersonStatus, usize>,
    /// Persons with no status yet.
    pub no_status: usize,
    /// Persons by the evidence basis of their current status.
    pub by_basis: BTreeMap<EvidenceBasis, usize>,
    /// Persons by current status, then basis (only those with a basis).
    pub by_status_and_basis: BTreeMap<PersonStatus, BTreeMap<EvidenceBasis, usize>>,
    /// Persons per category.
    pub by_category: BTreeMap<PersonCategory, usize>,
    /// Persons not marked civilian or serviceman.
    pub no_category: usize,
    /// Weeks with at least one status change or incident, oldest first.
    pub weeks: Vec<Week>,
}

/// The figures `Stats::text` can give alone (each can be copied as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Persons by current status.
    Status,
    /// Captives (and other statuses) by evidence basis.
    StatusAndBasis,
    /// Persons by category.
    Category,
    /// Status changes and incidents per week.
    Weeks,
}

impl Figure {
    /// Every figure, in the order shown.
    pub const ALL: [Figure; 4] = [
        Figure::Status,
        Figure::StatusAndBasis,
        Figure::Category,
        Figure::Weeks,
    ];

    /// The figure's title.
    pub fn title(self) -> &'static str {
        match self {
            Figure::Status => "Persons by current status",
            Figure::StatusAndBasis => "Evidence basis of each status",
            Figure::Category => "Civilians and servicemen",
            Figure::Weeks => "Status changes and incidents per week",
        }
    }
}

impl Stats {
    /// The figures for `records`, which must be the records a list shows (see
    /// [`crate::search::list`]). `filter`'s date range limits the weekly figures to status
    /// changes inside it.
    pub fn compute<'a>(records: impl IntoIterator<Item = &'a Record>, filter: &Filter) -> Stats {
        let mut s = Stats::default();
        let mut weeks: BTreeMap<Date, Week> = BTreeMap::new();
        let ranged = filter.from.is_some() || filter.until.is_some();
        for r in records {
            s.records += 1;
            *s.by_kind.entry(r.kind).or_default() += 1;
            if r.kind == RecordKind::Incident
                && let Some(d) = r.date
            {
                let start = week_start(d.earliest());
                weeks
                    .entry(start)
                    .or_insert_with(|| Week::new(start))
                    .incidents += 1;
            }
            let Some(p) = &r.person else { continue };
            s.persons += 1;
            match p.status {
                Some(st) => *s.by_status.entry(st).or_default() += 1,
                None => s.no_status += 1,
            }
            if let Some(b) = p.basis {
                *s.by_basis.entry(b).or_default() += 1;
                if let Some(st) = p.status {
                    *s.by_status_and_basis
                        .entry(st)
                        .or_default()
                        .entry(b)
                        .or_default() += 1;
                }
            }
            match p.category {
                Some(c) => *s.by_category.entry(c).or_default() += 1,
                None => s.no_category += 1,
            }
            for e in &p.timeline {
                let Some(d) = e.date else { continue };
                if ranged && !in_range(Some(&d), filter.from, filter.until) {
                    continue;
                }
                let start = week_start(d.earliest());
                *weeks
                    .entry(start)
                    .or_insert_with(|| Week::new(start))
                    .changes
                    .entry(e.status)
                    .or_default() += 1;
            }
        }
        s.weeks = weeks.into_values().collect();
        s
    }

    /// One figure as plain text, tab-separated, ready to paste into a report or spreadsheet.
    pub fn text(&self, figure: Figure) -> String {
        let mut t = String::new();
        let _ = writeln!(t, "{}", figure.title());
        match figure {
            Figure::Status => {
                for st in PersonStatus::ALL {
                    let _ = writeln!(
                        t,
                        "{}\t{}",
                        st.name(),
                        self.by_status.get(st).copied().unwrap_or(0)
                    );
                }
                if self.no_status > 0 {
                    let _ = writeln!(t, "No status yet\t{}", self.no_status);
                }
                let _ = writeln!(t, "All persons\t{}", self.persons);
            }
            Figure::StatusAndBasis => {
                let _ = write!(t, "Status");
                for b in EvidenceBasis::ALL {
                    let _ = write!(t, "\t{}", b.name());
                }
                let _ = writeln!(t);
                for (st, by) in &self.by_status_and_basis {
                    let _ = write!(t, "{}", st.name());
                    for b in EvidenceBasis::ALL {
                        let _ = write!(t, "\t{}", by.get(b).copied().unwrap_or(0));
                    }
                    let _ = writeln!(t);
                }
            }
            Figure::Category => {
                for c in PersonCategory::ALL {
                    let _ = writeln!(
                        t,
                        "{}\t{}",
                        c.name(),
                        self.by_category.get(c).copied().unwrap_or(0)
                    );
                }
                if self.no_category > 0 {
                    let _ = writeln!(t, "Not recorded\t{}", self.no_category);
                }
            }
            Figure::Weeks => {
                let _ = writeln!(t, "Week of\tStatus changes\tIncidents");
                for w in &self.weeks {
                    let _ = writeln!(
                        t,
                        "{}\t{}\t{}",
                        w.start,
                        w.changes.values().sum::<usize>(),
                        w.incidents
                    );
                }
            }
        }
        t
    }
}

impl Week {
    fn new(start: Date) -> Self {
        Week {
            start,
            ..Week::default()
        }
    }
}

/// The Monday of the week `d` falls in.
pub fn week_start(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatusEntry;

    #[test]
    fn weeks_start_on_monday() {
        let d: Date = "2020-09-27".parse().unwrap(); // a Sunday
        assert_eq!(week_start(d), "2020-09-21".parse::<Date>().unwrap());
        let m: Date = "2020-09-28".parse().unwrap();
        assert_eq!(week_start(m), m);
    }

    #[test]
    fn counts_and_weeks() {
        let mut a = Record::new(RecordKind::Person, "A", "t");
        let p = a.person.as_mut().unwrap();
        p.category = Some(PersonCategory::Serviceman);
        p.add_status(StatusEntry {
            date: Some("2020-10-05".parse().unwrap()),
            ..StatusEntry::new(PersonStatus::Missing)
        });
        p.add_status(StatusEntry {
            date: Some("2020-10-20".parse().unwrap()),
            basis: Some(EvidenceBasis::NotAcknowledged),
            ..StatusEntry::new(PersonStatus::Captured)
        });
        let b = Record::new(RecordKind::Person, "B", "t");
        let mut inc = Record::new(RecordKind::Incident, "Shelling", "t");
        inc.date = Some("2020-10-06".parse().unwrap());
        let s = Stats::compute([&a, &b, &inc], &Filter::default());
        assert_eq!(s.records, 3);
        assert_eq!(s.persons, 2);
        assert_eq!(s.by_status[&PersonStatus::Captured], 1);
        assert_eq!(s.no_status, 1);
        assert_eq!(
            s.by_status_and_basis[&PersonStatus::Captured][&EvidenceBasis::NotAcknowledged],
            1
        );
        assert_eq!(s.by_category[&PersonCategory::Serviceman], 1);
        assert_eq!(s.no_category, 1);
        assert_eq!(s.weeks.len(), 2);
        assert_eq!(s.weeks[0].incidents, 1);
        assert_eq!(s.weeks[0].changes[&PersonStatus::Missing], 1);
        assert!(s.text(Figure::Status).contains("Captured\t1"));
    }
}
