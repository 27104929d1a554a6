//! The review queue: records waiting for review, the longest-waiting first.

use std::collections::HashMap;

use jiff::Timestamp;

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

/// Every live record in review, the longest-waiting first.
pub fn review_queue(cat: &Catalogue) -> Vec<QueueItem> {
    queue_of(cat, &cat.audit().submissions())
}

/// The same without waiting for the log: `None` while its record index is being made.
pub fn review_queue_now(cat: &Catalogue) -> Option<Vec<QueueItem>> {
    Some(queue_of(cat, &cat.audit().submissions_now()?))
}

/// The same, with each record's last change standing for its submission (while the log
/// cannot be read without waiting).
pub fn review_queue_unlogged(cat: &Catalogue) -> Vec<QueueItem> {
    queue_of(cat, &HashMap::new())
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
