//! What a save changed, as audit entries: created, label changed, review state changed,
//! attachments imported, edited or removed, and other fields edited.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Action, AuditDraft, Change};
use crate::durable::hash_bytes;
use crate::model::{Attachment, Record, Sha256};

/// Fields whose old and new values go into the log: short values, so that a record's
/// history can say what each edit changed from and to. Long text (body, notes) is named
/// only; private notes only by a salted hash.
const VALUED: &[&str] = &[
    "kind",
    "verification",
    "date",
    "language",
    "title",
    "place",
    "author",
    "tags",
];

/// Fields that are bookkeeping, not content (who made or last changed a record and when,
/// the trash mark, who put it in review).
pub const STAMPS: &[&str] = &[
    "modified",
    "modified_by",
    "created",
    "created_by",
    "trashed",
    // Who put it in review: set with the review change it goes with.
    "submitted_by",
];

/// The entries for saving `new` over `old` (`None` for a new record). Every entry carries
/// `record_sha256`, the hash of the file the save writes. Empty when nothing but the
/// stamps changed: then nothing needs writing.
pub fn drafts_for_put(
    old: Option<&Record>,
    new: &Record,
    actor: &str,
    record_sha256: &Sha256,
) -> Vec<AuditDraft> {
    let sha = Some(record_sha256.clone());
    let draft = |action| AuditDraft::new(actor, action).record(new.id, sha.clone());
    let mut drafts = Vec::new();
    let Some(old) = old else {
        let mut created = draft(Action::Created)
            .change(valued("kind", &new.kind))
            .change(valued("label", &new.label));
        if !new.private_notes.is_empty() {
            created = created.change(private_notes_change(&new.private_notes));
        }
        drafts.push(created);
        for a in &new.attachments {
            drafts.push(imported(draft(Action::AttachmentImported), a));
        }
        return drafts;
    };
    if old.label != new.label {
        drafts.push(draft(Action::LabelChanged).change(Change {
            from: Some(json(&old.label)),
            ..valued("label", &new.label)
        }));
    }
    if old.review != new.review {
        drafts.push(draft(Action::ReviewChanged).change(Change {
            from: Some(json(&old.review)),
            ..valued("review", &new.review)
        }));
    }
    attachment_drafts(old, new, &draft, &mut drafts);
    let edited = field_changes(old, new);
    if !edited.is_empty() {
        let mut e = draft(Action::Edited);
        e.changes = edited;
        drafts.push(e);
    }
    drafts
}

/// True when `new` differs from `old` in anything an approval covers: every field except
/// the bookkeeping stamps, the review itself and the private notes (which are never shared).
pub fn content_changed(old: &Record, new: &Record) -> bool {
    let strip = |r: &Record| {
        let mut v = json(r);
        if let Value::Object(map) = &mut v {
            for k in STAMPS
                .iter()
                .chain(&["review", "review_comment", "private_notes"])
            {
                map.remove(*k);
            }
        }
        v
    };
    strip(old) != strip(new)
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn valued<T: serde::Serialize>(field: &str, to: &T) -> Change {
    Change {
        to: Some(json(to)),
        ..Change::field(field)
    }
}

/// A salted SHA-256 of a value, as `salt:hash`: it pins what the value was without
/// putting it in the log. (A short value can still be guessed by trying them all, so the
/// log stays inside the catalogue.)
pub fn salted_hash(value: &str) -> String {
    let salt = uuid::Uuid::now_v7().simple().to_string();
    let hash = hash_bytes(format!("{salt}{value}").as_bytes());
    format!("{salt}:{hash}")
}

fn private_notes_change(value: &str) -> Change {
    Change {
        salted_sha256: Some(salted_hash(value)),
        ..Change::field("private_notes")
    }
}

/// Every top-level field that differs, except those logged on their own.
fn field_changes(old: &Record, new: &Record) -> Vec<Change> {
    let (Value::Object(a), Value::Object(b)) = (json(old), json(new)) else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changes = Vec::new();
    for key in keys {
        let k = key.as_str();
        if STAMPS.contains(&k) || matches!(k, "label" | "review" | "review_comment" | "attachments")
        {
            continue;
        }
        let (x, y) = (a.get(k), b.get(k));
        if x == y {
            continue;
        }
        let change = if k == "private_notes" {
            private_notes_change(new.private_notes.as_str())
        } else if VALUED.contains(&k) {
            Change {
                from: x.cloned(),
                to: y.cloned(),
                ..Change::field(k)
            }
        } else {
            Change::field(k)
        };
        changes.push(change);
    }
    changes
}

fn imported(draft: AuditDraft, a: &Attachment) -> AuditDraft {
    draft
        .attachment(&a.sha256)
        .detail("name", a.name.clone())
        .detail("size", a.size)
        .detail("media_type", a.media_type.clone())
        .detail("original_path", a.original_path.clone())
        .detail("label", json(&a.label))
}

fn attachment_drafts(
    old: &Record,
    new: &Record,
    draft: &dyn Fn(Action) -> AuditDraft,
    drafts: &mut Vec<AuditDraft>,
) {
    let before: BTreeMap<&Sha256, &Attachment> =
        old.attachments.iter().map(|a| (&a.sha256, a)).collect();
    let after: BTreeMap<&Sha256, &Attachment> =
        new.attachments.iter().map(|a| (&a.sha256, a)).collect();
    for (sha, a) in &after {
        match before.get(sha) {
            None => drafts.push(imported(draft(Action::AttachmentImported), a)),
            Some(b) if b != a => {
                let mut d = draft(Action::AttachmentEdited).attachment(sha);
                if let (Value::Object(x), Value::Object(y)) = (json(*b), json(*a)) {
                    for (k, v) in &y {
                        if x.get(k) != Some(v) {
                            d = d.change(if k == "label" {
                                Change {
                                    from: x.get(k).cloned(),
                                    to: Some(v.clone()),
                                    ..Change::field("label")
                                }
                            } else {
                                Change::field(k)
                            });
                        }
                    }
                }
                drafts.push(d);
            }
            Some(_) => {}
        }
    }
    for (sha, a) in &before {
        if !after.contains_key(sha) {
            drafts.push(
                draft(Action::AttachmentRemoved)
                    .attachment(sha)
                    .detail("name", a.name.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Label, RecordKind, ReviewState};

    #[test]
    fn a_label_change_is_its_own_entry_with_both_values() {
        let old = Record::new(RecordKind::Report, "R", "Ani");
        let mut new = old.clone();
        new.label = Label::Red;
        new.title = "R2".into();
        new.body = "A long account of what the witness saw.".into();
        new.review = ReviewState::InReview;
        let drafts = drafts_for_put(Some(&old), &new, "Ani", &hash_bytes(b"f"));
        let actions: Vec<Action> = drafts.iter().map(|d| d.action).collect();
        assert_eq!(
            actions,
            [Action::LabelChanged, Action::ReviewChanged, Action::Edited]
        );
        assert_eq!(drafts[0].changes[0].from, Some(json(&Label::Amber)));
        assert_eq!(drafts[0].changes[0].to, Some(json(&Label::Red)));
        let edited = &drafts[2].changes;
        let body = edited.iter().find(|c| c.field == "body").unwrap();
        assert!(body.to.is_none(), "long text is not copied into the log");
        let title = edited.iter().find(|c| c.field == "title").unwrap();
        assert_eq!(
            (title.from.clone(), title.to.clone()),
            (Some(json(&"R")), Some(json(&"R2"))),
            "a short field's history says from what to what"
        );
    }

    #[test]
    fn private_notes_enter_the_log_only_as_a_salted_hash() {
        let old = Record::new(RecordKind::Person, "P", "Ani");
        let mut new = old.clone();
        new.private_notes = "witness phone +374 91 000000".into();
        let drafts = drafts_for_put(Some(&old), &new, "Ani", &hash_bytes(b"f"));
        let text = format!("{drafts:?}");
        assert!(!text.contains("000000"), "{text}");
        let (salt, hash) = drafts[0].changes[0]
            .salted_sha256
            .as_deref()
            .unwrap()
            .split_once(':')
            .unwrap();
        assert_eq!(
            hash,
            hash_bytes(format!("{salt}witness phone +374 91 000000").as_bytes()).as_str()
        );
    }

    #[test]
    fn only_the_stamps_changing_is_no_change() {
        let old = Record::new(RecordKind::Report, "R", "Ani");
        let mut new = old.clone();
        new.modified_by = "Ben".into();
        assert!(drafts_for_put(Some(&old), &new, "Ben", &hash_bytes(b"f")).is_empty());
    }
}
