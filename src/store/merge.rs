//! Three versions of one record (the last both desktops had, this desktop's, the other's)
//! made into one, field by field, by these rules:
//!
//! - a field changed on one side only takes that side's value;
//! - the same field changed differently on both is a conflict: the record keeps this
//!   desktop's value and both values, with who last changed each side, in `conflicts`;
//! - the label: the stricter of the two, always;
//! - tags, links, attachments, content warnings, a person's names, timeline and
//!   relations merge as sets (what either side added is kept; what one side removed and
//!   the other left alone goes);
//! - an approval survives only if both sides hold it over the same content;
//! - in the trash on one side and edited on the other: the record stays out of the trash,
//!   unless it is a person merged into another (it stays merged).

use serde_json::{Map, Value};

use crate::audit::{STAMPS, content_changed};
use crate::model::{FieldConflict, Record, ReviewState};

/// What merging one record gave.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The record as it now is.
    pub record: Record,
    /// Fields in conflict this merge found (also in `record.conflicts`).
    pub new_conflicts: Vec<String>,
    /// Things a person should know, a line each.
    pub notices: Vec<String>,
}

/// Review fields: decided after the content is merged. The bookkeeping fields
/// (`audit::STAMPS`) are set apart too: the later side's stamps are taken.
const REVIEW: &[&str] = &["review", "review_comment", "submitted_by"];

/// Merges `ours` and `theirs` given `base`, the version both came from (`None` when the
/// record was made on both sides independently, which ids make almost impossible).
pub fn merge_record(base: Option<&Record>, ours: &Record, theirs: &Record) -> Merged {
    let (b, o, t) = (base.map(to_value), to_value(ours), to_value(theirs));
    let empty = Map::new();
    let b_map = b.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let (o_map, t_map) = (obj(&o), obj(&t));
    let mut conflicts = Vec::new();
    let mut out = Map::new();
    let mut keys: Vec<&String> = o_map.keys().chain(t_map.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        if STAMPS.contains(&key.as_str())
            || REVIEW.contains(&key.as_str())
            || key == "conflicts"
            || key == "label"
        {
            continue;
        }
        let merged = merge_value(
            key,
            b_map.get(key),
            o_map.get(key),
            t_map.get(key),
            &mut conflicts,
        );
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    let later = if theirs.modified > ours.modified {
        t_map
    } else {
        o_map
    };
    for key in ["modified", "modified_by"] {
        if let Some(v) = later.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    for key in ["created", "created_by"] {
        if let Some(v) = o_map.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    out.insert(
        "label".into(),
        serde_json::json!(ours.label.max(theirs.label)),
    );
    let mut notices = Vec::new();
    let mut record = from_value(Value::Object(out), ours);
    record.trashed = match (&ours.trashed, &theirs.trashed) {
        (Some(o), Some(_)) => Some(o.clone()),
        (None, None) => None,
        // A duplicate merged into another person on one side stays in the trash: what
        // the other side added to it is carried to that person (`sync::persons`).
        (o, t) if merged_away(&record) => o.clone().or_else(|| t.clone()),
        _ => {
            notices.push(format!(
                "'{}' was moved to the trash on one desktop and edited on the other: it stays out of the trash",
                crate::text::one_line(record.display_title())
            ));
            None
        }
    };
    record.conflicts = merge_conflicts(base, ours, theirs, &conflicts);
    merge_review(ours, theirs, &mut record, &mut notices);
    Merged {
        new_conflicts: conflicts.iter().map(|c| c.field.clone()).collect(),
        record,
        notices,
    }
}

/// A person merged into another.
fn merged_away(r: &Record) -> bool {
    r.person.as_ref().is_some_and(|p| p.merged_into.is_some())
}

fn to_value(r: &Record) -> Value {
    #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
    serde_json::to_value(r).expect("a record serialises")
}

fn obj(v: &Value) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    v.as_object().unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// Reads the merged value back as a record; should the merged fields not make one (they
/// always do: each came from a record), this desktop's version is kept whole.
fn from_value(v: Value, ours: &Record) -> Record {
    serde_json::from_value(v).unwrap_or_else(|_| ours.clone())
}

/// Arrays that merge as sets, with what names an element in each.
fn set_key(path: &str) -> Option<fn(&Value) -> String> {
    fn whole(v: &Value) -> String {
        crate::audit::canonical_json(v)
    }
    fn by_sha(v: &Value) -> String {
        v.get("sha256").map_or_else(|| whole(v), whole)
    }
    fn by_target(v: &Value) -> String {
        format!(
            "{}|{}",
            v.get("kind").map(whole).unwrap_or_default(),
            v.get("target").map(whole).unwrap_or_default()
        )
    }
    match path {
        "attachments" => Some(by_sha),
        "links" => Some(by_target),
        "tags"
        | "warnings"
        | "person.names"
        | "person.timeline"
        | "person.distinct_from"
        | "person.merged_from" => Some(whole),
        _ => None,
    }
}

/// One field (at `path`) of base, ours and theirs made into one; `None` when it is
/// absent from the result.
fn merge_value(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    if ours == theirs {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if theirs == base {
        return ours.cloned();
    }
    match (ours, theirs) {
        (Some(Value::Object(o)), Some(Value::Object(t)))
            if path == "person" || path == "source" =>
        {
            let empty = Map::new();
            let b = base.and_then(Value::as_object).unwrap_or(&empty);
            let mut keys: Vec<&String> = o.keys().chain(t.keys()).collect();
            keys.sort();
            keys.dedup();
            let mut out = Map::new();
            for k in keys {
                let sub = format!("{path}.{k}");
                if let Some(v) = merge_value(&sub, b.get(k), o.get(k), t.get(k), conflicts) {
                    out.insert(k.clone(), v);
                }
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(o)), Some(Value::Array(t))) if set_key(path).is_some() => {
            let key = set_key(path)?;
            let b = base.and_then(Value::as_array).cloned().unwrap_or_default();
            Some(Value::Array(merge_set(path, &b, o, t, key, conflicts)))
        }
        _ => {
            conflicts.push(FieldConflict {
                field: path.to_string(),
                ours: ours.cloned().unwrap_or(Value::Null),
                ours_by: String::new(),
                theirs: theirs.cloned().unwrap_or(Value::Null),
                theirs_by: String::new(),
                extra: Default::default(),
            });
            ours.cloned()
        }
    }
}

/// A three-way merge of sets: kept where both have it, added where either added it,
/// gone where one removed it and the other left it alone. Elements with the same key
/// but different values merge as fields do (an attachment described on both sides).
fn merge_set(
    path: &str,
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    key: fn(&Value) -> String,
    conflicts: &mut Vec<FieldConflict>,
) -> Vec<Value> {
    let find = |list: &[Value], k: &str| list.iter().find(|v| key(v) == k).cloned();
    let mut order: Vec<String> = Vec::new();
    for v in ours.iter().chain(theirs) {
        let k = key(v);
        if !order.contains(&k) {
            order.push(k);
        }
    }
    let mut out = Vec::new();
    for k in order {
        let (b, o, t) = (find(base, &k), find(ours, &k), find(theirs, &k));
        let element = format!("{path}.{}", short_key(&k));
        if let Some(v) = merge_value(&element, b.as_ref(), o.as_ref(), t.as_ref(), conflicts) {
            out.push(v);
        }
    }
    out
}

fn short_key(k: &str) -> String {
    let k = k.trim_matches('"');
    k.chars().take(64).collect()
}

/// The record's conflicts: those either side still had (one side resolving an old one
/// resolves it), and the new ones, with who last changed each side.
fn merge_conflicts(
    base: Option<&Record>,
    ours: &Record,
    theirs: &Record,
    found: &[FieldConflict],
) -> Vec<FieldConflict> {
    // One conflict is one pair of values on one field: a field may hold several (three
    // desktops, or a conflict met again before it was settled), none dropped.
    let same = |a: &FieldConflict, b: &FieldConflict| {
        a.field == b.field && a.ours == b.ours && a.theirs == b.theirs
    };
    let has = |list: &[FieldConflict], c: &FieldConflict| list.iter().any(|x| same(x, c));
    let in_base = |c: &FieldConflict| base.is_some_and(|b| has(&b.conflicts, c));
    let mut out: Vec<FieldConflict> = Vec::new();
    for c in ours.conflicts.iter().chain(&theirs.conflicts) {
        // Settled on one side since both had it: settled.
        let settled = in_base(c) && (!has(&ours.conflicts, c) || !has(&theirs.conflicts, c));
        if !settled && !has(&out, c) {
            out.push(c.clone());
        }
    }
    for c in found {
        let c = FieldConflict {
            ours_by: ours.modified_by.clone(),
            theirs_by: theirs.modified_by.clone(),
            ..c.clone()
        };
        if !has(&out, &c) {
            out.push(c);
        }
    }
    out
}

/// The review state after a merge: an approval stays only when both sides hold it over
/// the same content as the merged record's; otherwise the record goes back to review.
fn merge_review(ours: &Record, theirs: &Record, record: &mut Record, notices: &mut Vec<String>) {
    let same = ours.review == theirs.review
        && ours.review_comment == theirs.review_comment
        && ours.submitted_by == theirs.submitted_by;
    let pick = if same || theirs.modified <= ours.modified {
        ours
    } else {
        theirs
    };
    record.review = pick.review;
    record.review_comment = pick.review_comment.clone();
    record.submitted_by = pick.submitted_by.clone();
    let approved_by_both = ours.review == ReviewState::Approved
        && theirs.review == ReviewState::Approved
        && !content_changed(ours, record)
        && !content_changed(theirs, record)
        && record.conflicts.is_empty();
    let any_approved =
        ours.review == ReviewState::Approved || theirs.review == ReviewState::Approved;
    if any_approved && !approved_by_both {
        record.review = ReviewState::InReview;
        record.review_comment = "approval withdrawn: merged with another desktop's changes".into();
        notices.push(format!(
            "'{}': its approval was withdrawn, as the two desktops' versions differed",
            crate::text::one_line(record.display_title())
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Label, RecordKind};

    fn base() -> Record {
        let mut r = Record::new(RecordKind::Report, "Base", "Ana");
        r.tags = vec!["shared".into()];
        r
    }

    fn edited(from: &Record, by: &str, edit: impl FnOnce(&mut Record)) -> Record {
        let mut r = from.clone();
        edit(&mut r);
        r.modified_by = by.into();
        r.modified = jiff::Timestamp::now();
        r
    }

    #[test]
    fn fields_changed_on_one_side_merge_and_the_same_field_is_a_conflict() {
        let b = base();
        let ours = edited(&b, "Ana", |r| {
            r.title = "Ours".into();
            r.place = "Shushi".into();
        });
        let theirs = edited(&b, "Ben", |r| {
            r.title = "Theirs".into();
            r.author = "HRD".into();
        });
        let m = merge_record(Some(&b), &ours, &theirs);
        assert_eq!(
            (m.record.place.as_str(), m.record.author.as_str()),
            ("Shushi", "HRD")
        );
        assert_eq!(m.record.title, "Ours");
        assert_eq!(m.new_conflicts, vec!["title".to_string()]);
        let c = &m.record.conflicts[0];
        assert_eq!(
            (c.ours.as_str(), c.theirs.as_str()),
            (Some("Ours"), Some("Theirs"))
        );
        assert_eq!((c.ours_by.as_str(), c.theirs_by.as_str()), ("Ana", "Ben"));
    }

    #[test]
    fn the_stricter_label_wins_and_sets_merge_three_ways() {
        let b = base();
        let ours = edited(&b, "Ana", |r| {
            r.label = Label::Green;
            r.tags = vec!["ours".into()]; // removed "shared", added "ours"
        });
        let theirs = edited(&b, "Ben", |r| {
            r.label = Label::Red;
            r.tags.push("theirs".into());
        });
        let m = merge_record(Some(&b), &ours, &theirs);
        assert_eq!(m.record.label, Label::Red);
        assert_eq!(
            m.record.tags,
            vec!["ours".to_string(), "theirs".to_string()]
        );
        assert!(m.record.conflicts.is_empty(), "{:?}", m.record.conflicts);
    }

    #[test]
    fn an_approval_stays_only_when_both_sides_approved_the_same_content() {
        let mut b = base();
        b.review = ReviewState::Approved;
        let ours = edited(&b, "Ana", |r| r.place = "Shushi".into());
        let theirs = edited(&b, "Ben", |r| r.author = "HRD".into());
        let m = merge_record(Some(&b), &ours, &theirs);
        assert_eq!(m.record.review, ReviewState::InReview, "content changed");
        assert!(
            m.notices
                .iter()
                .any(|n| n.contains("approval was withdrawn"))
        );
        let same = edited(&b, "Ben", |r| r.tags.push("x".into()));
        let m = merge_record(Some(&b), &same, &same.clone());
        assert_eq!(m.record.review, ReviewState::Approved, "both hold the same");
    }

    #[test]
    fn an_edit_keeps_a_record_out_of_the_trash() {
        let b = base();
        let trashed = edited(&b, "Ana", |r| {
            r.trashed = Some(Box::new(crate::model::Trashed {
                at: jiff::Timestamp::now(),
                by: "Ana".into(),
            }))
        });
        let kept = edited(&b, "Ben", |r| r.body = "new testimony".into());
        let m = merge_record(Some(&b), &trashed, &kept);
        assert!(m.record.trashed.is_none());
        assert_eq!(m.record.body, "new testimony");
        assert!(m.notices[0].contains("stays out of the trash"));
    }

    #[test]
    fn a_person_merged_away_on_one_side_stays_in_the_trash_when_edited_on_the_other() {
        let b = Record::new(RecordKind::Person, "A. Petrosyan", "Ana");
        let merged = edited(&b, "Ana", |r| {
            r.person.as_mut().unwrap().merged_into = Some(crate::model::RecordId::new());
            r.trashed = Some(Box::new(crate::model::Trashed {
                at: jiff::Timestamp::now(),
                by: "Ana".into(),
            }))
        });
        let kept = edited(&b, "Ben", |r| r.place = "Goris".into());
        let m = merge_record(Some(&b), &kept, &merged);
        assert!(m.record.trashed.is_some(), "it stays merged");
        assert_eq!(
            m.record.place, "Goris",
            "the edit is kept on it (and carried on)"
        );
        assert!(m.notices.is_empty(), "{:?}", m.notices);
    }
}
