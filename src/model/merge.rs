//! Merging a duplicate person into another: nothing either record knew is dropped.

use super::id::RecordId;
use super::person::Person;
use super::record::Record;

/// Folds `other` (a duplicate of the same person) into `keep`: names, timeline entries,
/// details, links, attachments and tags of both are kept; the stricter label and every
/// warning carry over; text fields that differ are appended, marked with where they came
/// from. Folding the same duplicate in again adds nothing (a sync carries what a
/// duplicate gained after its merge this way). Returns false (and changes nothing) when
/// either is not a person.
pub fn merge_person(keep: &mut Record, other: &Record) -> bool {
    let keep_id = keep.id;
    let keep_title = keep.title.trim().to_string();
    let (Some(kp), Some(op)) = (keep.person.as_mut(), other.person.as_ref()) else {
        return false;
    };
    let from = format!("from '{}' ({})", other.display_title(), other.id.short());
    merge_names(kp, op, other, &keep_title);
    merge_timeline(kp, op, &from);
    merge_details(kp, op, &from);
    for d in &op.distinct_from {
        if !kp.distinct_from.contains(d) && *d != keep_id {
            kp.distinct_from.push(*d);
        }
    }
    for m in std::iter::once(&other.id).chain(&op.merged_from) {
        if !kp.merged_from.contains(m) && *m != keep_id {
            kp.merged_from.push(*m);
        }
    }
    kp.distinct_from.retain(|d| *d != other.id);
    merge_record_fields(keep, other, &from);
    true
}

/// The duplicate's names join the kept ones (never as the primary); a duplicate titled
/// but without names gives its title as a name.
fn merge_names(kp: &mut Person, op: &Person, other: &Record, keep_title: &str) {
    for name in &op.names {
        let known = kp
            .names
            .iter()
            .any(|n| n.text.trim() == name.text.trim() && n.lang == name.lang);
        if !known {
            let mut name = name.clone();
            name.primary = false;
            kp.names.push(name);
        }
    }
    if op.names.is_empty() && !other.title.trim().is_empty() {
        let title = other.title.trim();
        if !kp.names.iter().any(|n| n.text.trim() == title) && keep_title != title {
            kp.names.push(super::PersonName {
                text: title.to_string(),
                ..Default::default()
            });
        }
    }
}

/// The duplicate's timeline entries are added; an entry both have gains the other's
/// sources and note.
fn merge_timeline(kp: &mut Person, op: &Person, from: &str) {
    for entry in &op.timeline {
        match kp
            .timeline
            .iter_mut()
            .find(|e| e.status == entry.status && e.basis == entry.basis && e.date == entry.date)
        {
            Some(same) => {
                for s in &entry.sources {
                    if !same.sources.contains(s) {
                        same.sources.push(*s);
                    }
                }
                if !entry.note.is_empty() && !same.note.contains(&entry.note) {
                    append(&mut same.note, &entry.note, from);
                }
            }
            None => kp.add_status(entry.clone()),
        }
    }
    if kp.timeline.is_empty() && kp.status.is_none() {
        kp.status = op.status;
        kp.basis = op.basis;
    }
}

/// Details the kept person lacks come from the duplicate; text that differs is appended.
fn merge_details(kp: &mut Person, op: &Person, from: &str) {
    if kp.birth.is_none() {
        kp.birth = op.birth;
    }
    if kp.sex.is_none() {
        kp.sex = op.sex;
    }
    if kp.category.is_none() {
        kp.category = op.category;
    }
    for (mine, theirs) in [
        (&mut kp.residence, &op.residence),
        (&mut kp.unit, &op.unit),
        (&mut kp.rank, &op.rank),
        (&mut kp.identifying, &op.identifying),
    ] {
        if mine.trim().is_empty() {
            *mine = theirs.clone();
        } else if !theirs.trim().is_empty() && !mine.contains(theirs.trim()) {
            append(mine, theirs, from);
        }
    }
}

/// The record's own fields: title, body, notes, date, place, author, tags, links,
/// attachments, the stricter label and every warning.
fn merge_record_fields(keep: &mut Record, other: &Record, from: &str) {
    if keep.title.trim().is_empty() {
        keep.title = other.title.clone();
    }
    if !other.body.trim().is_empty() && !keep.body.contains(other.body.trim()) {
        append(&mut keep.body, &other.body, from);
    }
    if !other.private_notes.trim().is_empty()
        && !keep.private_notes.contains(other.private_notes.trim())
    {
        append(&mut keep.private_notes, &other.private_notes, from);
    }
    if keep.date.is_none() {
        keep.date = other.date;
    }
    for (mine, theirs) in [
        (&mut keep.place, &other.place),
        (&mut keep.author, &other.author),
    ] {
        if mine.trim().is_empty() {
            *mine = theirs.clone();
        }
    }
    for t in &other.tags {
        if !keep.tags.iter().any(|k| k.eq_ignore_ascii_case(t)) {
            keep.tags.push(t.clone());
        }
    }
    for l in &other.links {
        let same = |k: &super::Link| k.kind == l.kind && k.target == l.target;
        if l.target != keep.id && !keep.links.iter().any(same) {
            keep.links.push(l.clone());
        }
    }
    for a in &other.attachments {
        keep.attach(a.clone());
    }
    keep.label = keep.label.max(other.label);
    keep.warnings.extend(other.warnings.iter().copied());
}

/// Points links and timeline sources at `to` instead of `from`, dropping links that would
/// then repeat. Returns whether anything changed.
pub fn retarget(record: &mut Record, from: RecordId, to: RecordId) -> bool {
    let mut changed = false;
    for l in record.links.iter_mut().filter(|l| l.target == from) {
        l.target = to;
        changed = true;
    }
    if changed {
        let mut seen = std::collections::HashSet::new();
        record
            .links
            .retain(|l| l.target != record.id && seen.insert((l.kind, l.target)));
    }
    if let Some(p) = record.person.as_mut() {
        for e in &mut p.timeline {
            for s in e.sources.iter_mut().filter(|s| **s == from) {
                *s = to;
                changed = true;
            }
        }
    }
    changed
}

fn append(text: &mut String, more: &str, from: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!("[merged {from}] {}", more.trim()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonStatus, RecordKind, StatusEntry};

    #[test]
    fn folding_the_same_duplicate_in_again_adds_nothing() {
        let mut keep = Record::new(RecordKind::Person, "Armen Petrosyan", "Ana");
        keep.person.as_mut().unwrap().residence = "Goris".into();
        let mut dup = Record::new(RecordKind::Person, "A. Petrosyan", "Ben");
        let p = dup.person.as_mut().unwrap();
        p.residence = "Stepanakert".into();
        let mut entry = StatusEntry::new(PersonStatus::Captured);
        entry.note = "seen in Baku".into();
        p.add_status(entry);
        dup.body = "Testimony".into();
        merge_person(&mut keep, &dup);
        let once = keep.clone();
        assert!(
            once.person
                .as_ref()
                .unwrap()
                .residence
                .contains("Stepanakert")
        );
        merge_person(&mut keep, &dup);
        assert_eq!(keep, once, "a second fold changes nothing");
        assert_eq!(keep.person.unwrap().merged_from, vec![dup.id]);
    }
}
