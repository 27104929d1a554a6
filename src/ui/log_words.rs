//! A log entry's details in the interface's language: the fields it names and the values
//! it kept. The log itself keeps the core's English field names (`title`, `person.status`)
//! and notes; the app says them through these.

use serde_json::Value;

use crate::audit::{Action, AuditEntry, Change};
use crate::{t, words};

/// A field as the log names it (`title`, `person`, `private_notes`...), in words.
pub fn field(name: &str) -> String {
    match name {
        "title" => t!("column-title"),
        "kind" => t!("field-kind"),
        "label" => t!("field-label"),
        "place" => t!("field-place"),
        "author" => t!("field-author"),
        "language" => t!("field-language"),
        "verification" => t!("field-verification"),
        "coordinates" => t!("field-coordinates"),
        "date" => t!("field-date"),
        "warnings" => t!("field-warnings"),
        "tags" => t!("field-tags"),
        "source" => t!("field-source"),
        "body" => t!("field-description"),
        "person" => t!("field-person"),
        "private_notes" => t!("field-private"),
        "review" | "review_comment" => t!("facet-review"),
        "links" => t!("links-heading"),
        "attachments" => t!("attach-heading"),
        other => other.to_string(),
    }
}

/// A value the log kept, on one line: text in quotes, nothing as "(empty)".
pub fn value(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => t!("log-empty"),
        Some(Value::String(s)) if s.is_empty() => t!("log-empty"),
        Some(Value::String(s)) => format!("'{}'", crate::text::one_line(s)),
        Some(v) => crate::text::one_line(&v.to_string()).into_owned(),
    }
}

/// A value as one log entry names it: a kind, review state or verification in words,
/// other text as it is (labels, short fields).
fn plain(field_name: &str, value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) if !s.is_empty() => {
            vocabulary_word(field_name, s).unwrap_or_else(|| crate::text::one_line(s).into_owned())
        }
        other => self::value(other),
    }
}

/// The word for a vocabulary value the log keeps by its key (`in-review`, `incident`).
fn vocabulary_word(field_name: &str, key: &str) -> Option<String> {
    use crate::model::{RecordKind, ReviewState, Verification};
    match field_name {
        "kind" => key.parse::<RecordKind>().ok().map(words::kind),
        "review" => key.parse::<ReviewState>().ok().map(words::review),
        "verification" => key.parse::<Verification>().ok().map(words::verification),
        _ => None,
    }
}

/// One field from what it was to what it became, or only named when the log keeps no
/// copy (long text, private notes).
pub fn change(field_name: &str, values: Option<(Option<&Value>, Option<&Value>)>) -> String {
    match values {
        Some((from, to)) => {
            let shown = |v: Option<&Value>| match v {
                Some(Value::String(key)) => vocabulary_word(field_name, key),
                _ => None,
            };
            t!(
                "log-field-change",
                field = field(field_name),
                from = shown(from).unwrap_or_else(|| value(from)),
                to = shown(to).unwrap_or_else(|| value(to))
            )
        }
        None => t!("log-field-named", field = field(field_name)),
    }
}

/// What [`AuditEntry::detail_text`] says, in the interface's language (the note, which
/// is the log's own text, as it was written).
pub fn detail(e: &AuditEntry) -> String {
    let mut parts = Vec::new();
    if let Some(Value::String(name)) = e.details.get("name") {
        parts.push(format!("'{name}'"));
    }
    let (valued, named): (Vec<&Change>, Vec<&Change>) =
        e.changes.iter().partition(|c| c.to.is_some());
    for c in valued {
        parts.push(match &c.from {
            Some(from) => t!(
                "log-field-change",
                field = field(&c.field),
                from = plain(&c.field, Some(from)),
                to = plain(&c.field, c.to.as_ref())
            ),
            None => t!(
                "log-field-set",
                field = field(&c.field),
                to = plain(&c.field, c.to.as_ref())
            ),
        });
    }
    if !named.is_empty() {
        let fields: Vec<String> = named.iter().map(|c| field(&c.field)).collect();
        let fields = fields.join(", ");
        parts.push(if e.action == Action::Edited {
            fields
        } else {
            t!("log-changed-fields", fields = fields)
        });
    }
    if !e.note.is_empty() {
        parts.push(e.note.clone());
    }
    parts.join("; ")
}

/// "2020-10-04 14:02 UTC by Anna".
pub fn when_and_who(e: &AuditEntry) -> String {
    t!(
        "log-when-who",
        when = e.time.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        who = e.actor.as_str()
    )
}
