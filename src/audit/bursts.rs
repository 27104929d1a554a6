//! A record's history as people read it: the saves of one editing burst (autosave while
//! typing) shown as one change, with each field's value before the burst and after it. The
//! log keeps every entry; only the view groups them.

use serde_json::Value;

use super::{Action, AuditEntry};

/// Saves by one person this close together (each within this many seconds of the one
/// before) are one burst.
const BURST_GAP_SECONDS: i64 = 10 * 60;

/// One change in a record's history: a single entry, or a burst of edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Burst {
    /// The entries, newest first (one for anything but a burst of edits).
    pub entries: Vec<AuditEntry>,
    /// Each field the burst changed, with its value before the first entry and after the
    /// last (None when the log keeps no value for it: long text).
    pub fields: Vec<FieldChange>,
}

/// A field before and after a burst.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field, as the log names it.
    pub field: String,
    /// The value before the burst and after it, when the log keeps them.
    pub values: Option<(Option<Value>, Option<Value>)>,
}

impl Burst {
    /// The newest entry.
    pub fn newest(&self) -> &AuditEntry {
        &self.entries[0]
    }

    /// The oldest entry.
    pub fn oldest(&self) -> &AuditEntry {
        &self.entries[self.entries.len() - 1]
    }
}

/// Groups `entries` (one record's, newest first) into bursts, newest first.
pub fn bursts(entries: &[AuditEntry]) -> Vec<Burst> {
    let mut out: Vec<Vec<AuditEntry>> = Vec::new();
    for e in entries {
        let joins = out.last().and_then(|b| b.last()).is_some_and(|later| {
            later.action == Action::Edited
                && e.action == Action::Edited
                && later.actor == e.actor
                && later.time.as_second() - e.time.as_second() <= BURST_GAP_SECONDS
        });
        match out.last_mut() {
            Some(burst) if joins => burst.push(e.clone()),
            _ => out.push(vec![e.clone()]),
        }
    }
    out.into_iter()
        .map(|entries| Burst {
            fields: fields(&entries),
            entries,
        })
        .collect()
}

/// The fields a burst (newest first) changed: from the oldest entry's "from" to the
/// newest entry's "to", in the order first changed.
fn fields(entries: &[AuditEntry]) -> Vec<FieldChange> {
    let mut out: Vec<FieldChange> = Vec::new();
    for e in entries.iter().rev() {
        for c in &e.changes {
            let valued = c.from.is_some() || c.to.is_some();
            match out.iter_mut().find(|f| f.field == c.field) {
                Some(f) => match (&mut f.values, valued) {
                    (Some((_, to)), true) => *to = c.to.clone(),
                    (values, _) => *values = None,
                },
                None => out.push(FieldChange {
                    field: c.field.clone(),
                    values: valued.then(|| (c.from.clone(), c.to.clone())),
                }),
            }
        }
    }
    // A field typed and typed back is no change.
    out.retain(|f| !matches!(&f.values, Some((from, to)) if from == to));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Change;
    use crate::model::RecordId;

    fn edit(actor: &str, at: i64, field: &str, from: &str, to: &str) -> AuditEntry {
        AuditEntry {
            seq: 1,
            clock: None,
            time: jiff::Timestamp::from_second(1_700_000_000 + at).unwrap(),
            actor: actor.into(),
            action: Action::Edited,
            record: Some(RecordId::new()),
            attachment: None,
            changes: vec![Change {
                from: Some(Value::from(from)),
                to: Some(Value::from(to)),
                ..Change::field(field)
            }],
            record_sha256: None,
            note: String::new(),
            details: Default::default(),
            prev: crate::audit::genesis(),
            hash: crate::audit::genesis(),
            sig: None,
        }
    }

    #[test]
    fn an_editing_burst_is_one_change_with_before_and_after() {
        // Newest first: three saves while typing a title, a place typed and typed back,
        // then (an hour earlier) another person's edit.
        let entries = vec![
            edit("Ani", 3700, "title", "Report sev", "Report seven"),
            edit("Ani", 3660, "place", "Hadrut", "Shushi"),
            edit("Ani", 3630, "place", "Shushi", "Hadrut"),
            edit("Ani", 3600, "title", "Report", "Report sev"),
            edit("Gohar", 0, "title", "Draft", "Report"),
        ];
        let b = bursts(&entries);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].entries.len(), 4);
        assert_eq!(
            b[0].fields,
            vec![FieldChange {
                field: "title".into(),
                values: Some((Some("Report".into()), Some("Report seven".into()))),
            }]
        );
        assert_eq!(b[1].newest().actor, "Gohar");
    }
}
