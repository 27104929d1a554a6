//! The review queue: records waiting for review, the longest-waiting first.

use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::Value;

use crate::audit::{Action, AuditLog};
use crate::model::{Label, RecordId, RecordKind, ReviewState};
use crate::store::Catalogue;

/// A record waiting for review.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    /// The record.
    pub id: RecordId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: RecordKind,
    /// Its label.
    pub label: Label,
    /// When it was last submitted (or, when the log does not say, last changed).
    pub since: Timestamp,
    /// Who submitted it.
    pub submitted_by: String,
}

/// When and by whom each record was last put "in review", from the audit log.
pub fn submissions(log: &AuditLog) -> HashMap<RecordId, (Timestamp, String)> {
    log.with_entries(|entries| {
        let mut out = HashMap::new();
        for e in entries {
            let Some(id) = e.record else { continue };
            if e.action != Action::ReviewChanged {
                continue;
            }
            let to_review = e.changes.iter().any(|c| {
                c.field == "review"
                    && c.to.as_ref() == Some(&Value::String(ReviewState::InReview.key().into()))
            });
            if to_review {
                out.insert(id, (e.time, e.actor.clone()));
            }
        }
        out
    })
}

/// Every live record in review, the longest-waiting first.
pub fn review_queue(cat: &Catalogue) -> Vec<QueueItem> {
    let submitted = submissions(cat.audit());
    let mut items: Vec<QueueItem> = cat
        .records()
        .iter()
        .filter(|r| r.review == ReviewState::InReview)
        .map(|r| {
            let (since, by) = submitted
                .get(&r.id)
                .cloned()
                .unwrap_or_else(|| (r.modified, r.modified_by.clone()));
            QueueItem {
                id: r.id,
                title: r.display_title().to_string(),
                kind: r.kind,
                label: r.label,
                since,
                submitted_by: by,
            }
        })
        .collect();
    items.sort_by(|a, b| a.since.cmp(&b.since).then(a.id.cmp(&b.id)));
    items
}
