//! Persons who are the same person (merged, both histories kept) or who are not (never
//! suggested as duplicates again).

use super::*;
use crate::audit::{Action, AuditDraft};
use crate::model::RecordId;
use crate::store::StoreError;
use crate::store::fsx::{FsOp, WriteBatch};

impl Catalogue {
    /// Merges the duplicate person `other` into `keep`: `keep` gains everything `other`
    /// knew (names, timeline, details, links, attachments), records that pointed at
    /// `other` point at `keep`, and `other` goes to the trash marked as merged, its own
    /// history intact. Both records get a `merged` log entry naming the other.
    pub fn merge_persons(
        &mut self,
        keep: &RecordId,
        other: &RecordId,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        // Every record's links to `other` are moved to `keep`: all of them must be in.
        self.load_all();
        self.ensure_writable()?;
        if keep == other {
            return Err(StoreError::MergeWithItself);
        }
        let kept = self
            .get(keep)
            .cloned()
            .ok_or_else(|| StoreError::UnknownRecord(keep.to_string()))?;
        let gone = self
            .get(other)
            .cloned()
            .ok_or_else(|| StoreError::UnknownRecord(other.to_string()))?;
        for r in [&kept, &gone] {
            if r.person.is_none() {
                return Err(StoreError::NotAPerson {
                    title: r.display_title().to_string(),
                    kind: r.kind.key(),
                });
            }
        }
        let mut merged = kept.clone();
        crate::model::merge_person(&mut merged, &gone);
        let mut changed = vec![merged];
        for r in self.records.iter() {
            if r.id == *keep || r.id == *other {
                continue;
            }
            let mut r = r.clone();
            if crate::model::retarget(&mut r, *other, *keep) {
                changed.push(r);
            }
        }
        let mut marked = gone.clone();
        if let Some(p) = marked.person.as_mut() {
            p.merged_into = Some(*keep);
        }
        changed.push(marked);
        let mut batch = WriteBatch::new(format!(
            "Merged '{}' into '{}'",
            gone.display_title(),
            kept.display_title()
        ));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts: vec![
                AuditDraft::new(actor, Action::Merged)
                    .record(*keep, None)
                    .note(format!(
                        "'{}' ({other}) merged into this record",
                        gone.display_title()
                    ))
                    .detail("merged", other.to_string()),
                AuditDraft::new(actor, Action::Merged)
                    .record(*other, None)
                    .note(format!(
                        "merged into '{}' ({keep}); moved to the trash",
                        kept.display_title()
                    ))
                    .detail("into", keep.to_string()),
            ],
        });
        batch.extend(self.put_many(changed, actor)?);
        batch.extend(self.trash_record(other, actor)?);
        Ok(batch)
    }

    /// Marks two persons as different people, so they are not suggested as duplicates again.
    pub fn mark_distinct(
        &mut self,
        a: &RecordId,
        b: &RecordId,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        if a == b {
            return Err(StoreError::DistinctFromItself);
        }
        if self.get(b).is_none() {
            return Err(StoreError::UnknownRecord(b.to_string()));
        }
        let mut record = self
            .get(a)
            .cloned()
            .ok_or_else(|| StoreError::UnknownRecord(a.to_string()))?;
        let Some(p) = record.person.as_mut() else {
            return Err(StoreError::NotAPerson {
                title: record.display_title().to_string(),
                kind: record.kind.key(),
            });
        };
        if !p.distinct_from.contains(b) {
            p.distinct_from.push(*b);
        }
        self.put(record, actor)
    }
}
