//! The review queue: records waiting for review, the longest-waiting first.

use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::Value;

use crate::audit::{Action, AuditEntry, AuditLog};
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

/// Whether this entry put its record "in review".
fn is_submission(e: &AuditEntry) -> bool {
    e.action == Action::ReviewChanged
        && e.changes.iter().any(|c| {
            c.field == "review"
                && c.to.as_ref() == Some(&Value::String(ReviewState::InReview.key().into()))
        })
}

/// When and by whom each of these records was last put "in review", by any desktop, from
/// its history in the audit log (read from the disk when the log is not held whole).
pub fn submissions(log: &AuditLog, ids: &[RecordId]) -> HashMap<RecordId, (Timestamp, String)> {
    submitted(ids, |id| Some(log.for_record(id))).unwrap_or_default()
}

/// The same without waiting: `None` while the log's record index is being made
/// (`AuditLog::history_now`).
pub fn submissions_now(
    log: &AuditLog,
    ids: &[RecordId],
) -> Option<HashMap<RecordId, (Timestamp, String)>> {
    submitted(ids, |id| log.history_now(id))
}

fn submitted(
    ids: &[RecordId],
    history: impl Fn(&RecordId) -> Option<Vec<AuditEntry>>,
) -> Option<HashMap<RecordId, (Timestamp, String)>> {
    let mut out = HashMap::new();
    for id in ids {
        // Newest first: the last submission.
        if let Some(e) = history(id)?.into_iter().find(is_submission) {
            out.insert(*id, (e.time, e.actor));
        }
    }
    Some(out)
}

/// Every live record in review, the longest-waiting first.
pub fn review_queue(cat: &Catalogue) -> Vec<QueueItem> {
    let submitted = submissions(cat.audit(), &in_review(cat));
    queue_of(cat, &submitted)
}

/// The same without waiting for the log: `None` while its record index is being made.
pub fn review_queue_now(cat: &Catalogue) -> Option<Vec<QueueItem>> {
    let submitted = submissions_now(cat.audit(), &in_review(cat))?;
    Some(queue_of(cat, &submitted))
}

/// The same, with each record's last change standing for its submission (while the log
/// cannot be read without waiting).
pub fn review_queue_unlogged(cat: &Catalogue) -> Vec<QueueItem> {
    queue_of(cat, &HashMap::new())
}

fn in_review(cat: &Catalogue) -> Vec<RecordId> {
    cat.records()
        .iter()
        .filter(|r| r.review == ReviewState::InReview)
        .map(|r| r.id)
        .collect()
}

fn queue_of(cat: &Catalogue, submitted: &HashMap<RecordId, (Timestamp, String)>) -> Vec<QueueItem> {
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
