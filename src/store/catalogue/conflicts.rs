//! Conflicts a sync left on a record (two desktops changed a field differently): a person
//! picks one side's value or writes a combined one; the choice is logged.

use jiff::Timestamp;
use serde_json::Value;

use super::*;
use crate::audit::{Action, AuditDraft, Change};
use crate::durable::hash_bytes;
use crate::model::{FieldConflict, Record, RecordId, ReviewState};
use crate::store::StoreError;
use crate::store::fsx::WriteBatch;

impl Catalogue {
    /// Live records with conflicts waiting for a person, oldest change first.
    pub fn conflicted(&self) -> Vec<&Record> {
        let mut found: Vec<&Record> = self
            .records
            .iter()
            .filter(|r| !r.conflicts.is_empty())
            .collect();
        found.sort_by_key(|r| r.modified);
        found
    }

    /// Settles the conflict on `field` of record `id` with `value` (one side's, or one
    /// a person combined; `null` drops a list element both sides had changed). Logged as
    /// a resolution and as the edit it makes; an approval does not survive a change.
    pub fn resolve_conflict(
        &mut self,
        id: &RecordId,
        field: &str,
        value: Value,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.load_also(std::slice::from_ref(id));
        self.ensure_writable()?;
        let i = *self
            .index
            .get(id)
            .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
        let old = self.records[i].clone();
        let at = old
            .conflicts
            .iter()
            .position(|c| c.field == field)
            .ok_or_else(|| {
                StoreError::UnknownRecord(format!("{id} (it has no conflict on '{field}')"))
            })?;
        let conflict = old.conflicts[at].clone();
        let mut record = with_value(&old, field, &old.conflicts, value)?;
        // Every pair of values on this field is settled by the one choice.
        record.conflicts.retain(|c| c.field != field);
        record.modified = Timestamp::now();
        record.modified_by = actor.to_string();
        if record.review == ReviewState::Approved && crate::audit::content_changed(&old, &record) {
            record.review = ReviewState::InReview;
            record.submitted_by = actor.to_string();
        }
        let bytes = record.to_json();
        let sha = hash_bytes(&bytes);
        let mut drafts = vec![
            AuditDraft::new(actor, Action::ConflictResolved)
                .record(*id, Some(sha.clone()))
                .change(Change::field(field))
                .note(format!(
                    "chosen between {} and {}",
                    conflict.ours_by, conflict.theirs_by
                )),
        ];
        drafts.extend(crate::audit::drafts_for_put(
            Some(&old),
            &record,
            actor,
            &sha,
        ));
        let path = self.record_path(id, false);
        self.note_file(*id, sha);
        Arc::make_mut(&mut self.records)[i] = record;
        self.generation += 1;
        let mut batch = self.saving_batch(1, drafts, vec![(path, bytes)]);
        batch.summary = crate::t!("done-conflict-resolved", field = field.to_string());
        Ok(batch)
    }
}

/// The record with `field` set to `value`: a top-level field, a field of `person` or
/// `source`, or an element of a list (the sides' elements replaced by the chosen one).
fn with_value(
    record: &Record,
    field: &str,
    conflicts: &[FieldConflict],
    value: Value,
) -> Result<Record, StoreError> {
    let bad = |why: String| StoreError::UnknownRecord(format!("{} ({why})", record.id));
    #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
    let mut v = serde_json::to_value(record).expect("a record serialises");
    let map = v
        .as_object_mut()
        .ok_or_else(|| bad("not an object".into()))?;
    let (top, rest) = match field.split_once('.') {
        Some((top, rest)) => (top, Some(rest)),
        None => (field, None),
    };
    match (map.get_mut(top), rest) {
        (Some(Value::Array(items)), Some(_)) => {
            let sides: Vec<&Value> = conflicts
                .iter()
                .filter(|c| c.field == field)
                .flat_map(|c| [&c.ours, &c.theirs])
                .collect();
            items.retain(|x| !sides.contains(&x));
            if !value.is_null() {
                items.push(value);
            }
        }
        (Some(Value::Object(inner)), Some(key)) => {
            inner.insert(key.to_string(), value);
        }
        _ => {
            map.insert(top.to_string(), value);
        }
    }
    serde_json::from_value(v).map_err(|e| bad(format!("the value does not fit '{field}': {e}")))
}
