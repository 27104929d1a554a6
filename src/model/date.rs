//! Dates as evidence gives them: an exact day, a month, a year, or a range, any of which
//! may be uncertain.
//!
//! Written as text, close to ISO 8601 and EDTF: `2020-09-27`, `2020-10`, `2020`,
//! `2020-09-27..2020-11-09` (a range; `/` is accepted too), with a trailing `?` for
//! "uncertain" or `~` for "approximately", e.g. `2020-10?` or `2020-09-27..2020-11-09~`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: i16,
    /// The month, 1 to 12, when known.
    pub month: Option<i8>,
    /// The day of the month, when known.
    pub day: Option<i8>,
}

impl PartialDate {
    /// The first day this partial date could mean.
    pub fn earliest(&self) -> Date {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        Date::new(self.year, month, day).unwrap_or(Date::MIN)
    }

    /// The last day this partial date could mean.
    pub fn latest(&self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).unwrap_or(Date::MAX),
            (Some(m), None) => Date::new(self.year, m, 1)
                .map(|d| d.last_of_month())
                .unwrap_or(Date::MAX),
            _ => Date::new(self.year, 12, 31).unwrap_or(Date::MAX),
        }
    }

    fn parse(text: &str, whole: &str) -> Result<Self, DateError> {
        let bad = |problem: DateProblem| DateError::new(whole, problem);
        let parts: Vec<&str> = text.split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(bad(DateProblem::Shape));
        }
        if parts[0].len() != 4 || !parts[0].bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(DateProblem::YearDigits));
        }
        let year: i16 = parts[0]
            .parse()
            .map_err(|_| bad(DateProblem::YearNotNumber))?;
        let number = |p: &str, day: bool| -> Result<i8, DateError> {
            if p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(DateProblem::PartDigits { day }));
            }
            p.parse::<i8>()
                .map_err(|_| bad(DateProblem::PartDigits { day }))
        };
        let month = parts.get(1).map(|p| number(p, false)).transpose()?;
        let day = parts.get(2).map(|p| number(p, true)).transpose()?;
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(bad(DateProblem::MonthRange));
        }
        if let (Some(m), Some(d)) = (month, day)
            && Date::new(year, m, d).is_err()
        {
            return Err(bad(DateProblem::NoSuchDay {
                year,
                month: m,
                day: d,
            }));
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// How sure the source is of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Certainty {
    /// As the source gives it.
    #[default]
    Exact,
    /// `?`: the source is unsure the date is right.
    Uncertain,
    /// `~`: the date is approximately right ("around").
    Approximate,
}

/// A date or date range that may be partial or uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    /// The date, or the start of a range.
    pub start: PartialDate,
    /// The end of a range; `None` for a single date.
    pub end: Option<PartialDate>,
    /// How sure the source is.
    pub certainty: Certainty,
}

impl FuzzyDate {
    /// The first day the date could mean.
    pub fn earliest(&self) -> Date {
        self.start.earliest()
    }

    /// The last day the date could mean.
    pub fn latest(&self) -> Date {
        self.end.unwrap_or(self.start).latest()
    }

    /// Orders dates for sorting a list: by earliest day, then by latest day.
    pub fn sort_cmp(&self, other: &FuzzyDate) -> Ordering {
        self.earliest()
            .cmp(&other.earliest())
            .then(self.latest().cmp(&other.latest()))
    }

    /// A shorter form for narrow columns: a range within one year drops the repeated year
    /// (`2020-09-27..11-09`), within one month the repeated month too (`2020-12-11..13`).
    pub fn compact(&self) -> String {
        let Some(end) = self.end else {
            return self.to_string();
        };
        let s = self.start;
        let end_text = match (s.month, end.month, s.day, end.day) {
            (Some(sm), Some(em), Some(_), Some(ed)) if s.year == end.year && sm == em => {
                format!("{ed:02}")
            }
            (Some(_), Some(em), _, _) if s.year == end.year => match end.day {
                Some(ed) => format!("{em:02}-{ed:02}"),
                None => format!("{em:02}"),
            },
            _ => end.to_string(),
        };
        let mark = match self.certainty {
            Certainty::Exact => "",
            Certainty::Uncertain => "?",
            Certainty::Approximate => "~",
        };
        format!("{s}..{end_text}{mark}")
    }

    /// Whether any day of this date falls inside `from..=to`.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.earliest() <= to && self.latest() >= from
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "..{end}")?;
        }
        match self.certainty {
            Certainty::Exact => Ok(()),
            Certainty::Uncertain => f.write_str("?"),
            Certainty::Approximate => f.write_str("~"),
        }
    }
}

/// A date text that could not be understood, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a date Dossier understands: {why}")]
pub struct DateError {
    /// The text that was given.
    pub text: String,
    /// What is wrong with it, with an example of what works.
    pub why: String,
    /// The same, for saying it in another language.
    pub problem: DateProblem,
}

/// What is wrong with a date, as [`DateError::why`] says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing was written.
    Empty,
    /// Not a day, month or year written as the examples are.
    Shape,
    /// The year does not have four digits.
    YearDigits,
    /// The year is not a number.
    YearNotNumber,
    /// The month (or, when `day`, the day) is not one or two digits.
    PartDigits {
        /// The day rather than the month.
        day: bool,
    },
    /// The month is not 1 to 12.
    MonthRange,
    /// That month has no such day.
    NoSuchDay {
        /// The year.
        year: i16,
        /// The month.
        month: i8,
        /// The day it does not have.
        day: i8,
    },
    /// The range ends before it starts.
    RangeBackwards,
}

impl DateError {
    fn new(text: &str, problem: DateProblem) -> DateError {
        let why = match problem {
            DateProblem::Empty => "it is empty".to_string(),
            DateProblem::Shape => {
                "write a day as 2020-09-27, a month as 2020-09, a year as 2020".to_string()
            }
            DateProblem::YearDigits => "the year must have four digits".to_string(),
            DateProblem::YearNotNumber => "the year is not a number".to_string(),
            DateProblem::PartDigits { day } => format!(
                "the {} must be one or two digits",
                if day { "day" } else { "month" }
            ),
            DateProblem::MonthRange => "the month must be 1 to 12".to_string(),
            DateProblem::NoSuchDay { year, month, day } => {
                format!("{year}-{month:02} has no day {day}")
            }
            DateProblem::RangeBackwards => "the range ends before it starts".to_string(),
        };
        DateError {
            text: text.to_string(),
            why,
            problem,
        }
    }
}

impl FromStr for FuzzyDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let whole = s.trim();
        let (body, certainty) = if let Some(rest) = whole.strip_suffix('?') {
            (rest, Certainty::Uncertain)
        } else if let Some(rest) = whole.strip_suffix('~') {
            (rest, Certainty::Approximate)
        } else if let Some(rest) = whole.strip_prefix('~') {
            (rest, Certainty::Approximate)
        } else {
            (whole, Certainty::Exact)
        };
        let body = body.trim();
        if body.is_empty() {
            return Err(DateError::new(s, DateProblem::Empty));
        }
        let (start_text, end_text) = match body.split_once("..").or_else(|| body.split_once('/')) {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (body, None),
        };
        let start = PartialDate::parse(start_text, whole)?;
        let end = end_text.map(|t| PartialDate::parse(t, whole)).transpose()?;
        if let Some(end) = end
            && end.latest() < start.earliest()
        {
            return Err(DateError::new(whole, DateProblem::RangeBackwards));
        }
        Ok(FuzzyDate {
            start,
            end,
            certainty,
        })
    }
}

impl Serialize for FuzzyDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FuzzyDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> FuzzyDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_form_round_trips_through_text() {
        for text in [
            "2020-09-27",
            "2020-09",
            "2020",
            "2020-09-27..2020-11-09",
            "2020-10?",
            "2020-09-27..2020-11-09~",
        ] {
            assert_eq!(d(text).to_string(), text);
        }
        assert_eq!(
            d("2020-09-27/2020-11-09").to_string(),
            "2020-09-27..2020-11-09"
        );
        assert_eq!(d("~2020").to_string(), "2020~");
    }

    #[test]
    fn compact_ranges_drop_what_repeats() {
        assert_eq!(d("2020-09-27..2020-11-09").compact(), "2020-09-27..11-09");
        assert_eq!(d("2020-12-11..2020-12-13").compact(), "2020-12-11..13");
        assert_eq!(d("2020-10..2020-12?").compact(), "2020-10..12?");
        assert_eq!(d("2019-12..2020-02").compact(), "2019-12..2020-02");
        assert_eq!(d("2020-10-04").compact(), "2020-10-04");
    }

    #[test]
    fn a_month_spans_its_days() {
        let date = d("2020-02");
        assert_eq!(date.earliest().to_string(), "2020-02-01");
        assert_eq!(date.latest().to_string(), "2020-02-29");
    }

    #[test]
    fn bad_dates_say_why() {
        let err = "2020-02-30".parse::<FuzzyDate>().unwrap_err();
        assert!(err.to_string().contains("has no day 30"), "{err}");
        assert!("2020-13".parse::<FuzzyDate>().is_err());
        assert!("20".parse::<FuzzyDate>().is_err());
        assert!("2020-11-09..2020-09-27".parse::<FuzzyDate>().is_err());
        assert!("yesterday".parse::<FuzzyDate>().is_err());
        assert!("".parse::<FuzzyDate>().is_err());
    }

    #[test]
    fn sorting_uses_the_earliest_day() {
        assert_eq!(d("2020").sort_cmp(&d("2020-01-02")), Ordering::Less);
        assert_eq!(d("2020-10").sort_cmp(&d("2020-09-30")), Ordering::Greater);
    }
}
