//! Which entries a log view shows.

use super::{Action, AuditEntry};

/// Which entries a log view shows. Empty fields match everything; dates are UTC days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    /// A part of the actor's name, any case.
    pub actor: String,
    /// Only entries of this action.
    pub action: Option<Action>,
    /// Only entries from this day.
    pub since: Option<jiff::civil::Date>,
    /// Only entries up to this day.
    pub until: Option<jiff::civil::Date>,
}

impl LogFilter {
    /// True when `e` passes the filter.
    pub fn matches(&self, e: &AuditEntry) -> bool {
        let day = e.time.to_zoned(jiff::tz::TimeZone::UTC).date();
        (self.actor.trim().is_empty()
            || e.actor
                .to_lowercase()
                .contains(&self.actor.trim().to_lowercase()))
            && self.action.is_none_or(|a| a == e.action)
            && self.since.is_none_or(|d| day >= d)
            && self.until.is_none_or(|d| day <= d)
    }
}
