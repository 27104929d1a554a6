//! Person merges on two desktops (issue 18), settled through `merged_into` chains with the
//! real `git`: a duplicate edited after its merge elsewhere, a duplicate merged into two
//! different persons, and two persons merged into each other.

use std::path::PathBuf;

use dossier::model::{Link, LinkKind, PersonStatus, Record, RecordId, RecordKind, StatusEntry};
use dossier::store::Catalogue;

use crate::common::{open_as, sync_as, synced_desktops, synced_files};

fn user(d: usize) -> String {
    ["Ana", "Ben"][d].to_string()
}

/// Two desktops holding the persons named, synced.
fn office(dir: &tempfile::TempDir, names: &[&str]) -> (Vec<PathBuf>, Vec<RecordId>) {
    synced_desktops(dir.path(), 2, user, |cat| {
        names
            .iter()
            .map(|n| {
                cat.save(Record::new(RecordKind::Person, *n, "Ana"), "Ana")
                    .unwrap()
            })
            .collect()
    })
}

fn merge(desktop: &std::path::Path, who: &str, keep: RecordId, other: RecordId) {
    let mut cat = open_as(desktop, who);
    cat.merge_persons(&keep, &other, who)
        .unwrap()
        .apply()
        .unwrap();
}

/// Syncs until both desktops hold the same files; returns every notice the syncs gave.
fn settle(desktops: &[PathBuf]) -> Vec<String> {
    let mut notices = Vec::new();
    for _ in 0..3 {
        for (d, path) in desktops.iter().enumerate() {
            notices.extend(sync_as(path, &user(d)).notices);
        }
    }
    assert!(
        synced_files(&desktops[0]) == synced_files(&desktops[1]),
        "the desktops differ"
    );
    for d in desktops {
        let report = dossier::integrity::verify(d, None, &|_| {}).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
    notices
}

fn find(cat: &Catalogue, id: &RecordId) -> Record {
    cat.get(id)
        .or_else(|| cat.get_trashed(id))
        .cloned()
        .unwrap()
}

fn merged_into(cat: &Catalogue, id: &RecordId) -> Option<RecordId> {
    find(cat, id).person.unwrap().merged_into
}

fn no_merge_in_conflict(cat: &Catalogue) {
    for r in cat.records().iter().chain(cat.trash()) {
        assert!(r.conflicts.is_empty(), "{}: {:?}", r.title, r.conflicts);
    }
}

#[test]
fn what_a_duplicate_gains_after_its_merge_elsewhere_reaches_the_person_it_was_merged_into() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir, &["Armen Petrosyan", "A. Petrosyan"]);
    let (keep, dup) = (ids[0], ids[1]);
    merge(&d[0], "Ana", keep, dup);
    // Meanwhile, on the other desktop: the duplicate gains an entry, and a new statement
    // names it.
    let statement = {
        let mut cat = open_as(&d[1], "Ben");
        let mut r = cat.get(&dup).cloned().unwrap();
        let mut entry = StatusEntry::new(PersonStatus::Returned);
        entry.note = "returned in the exchange of 12 May".into();
        r.person.as_mut().unwrap().add_status(entry);
        cat.put(r, "Ben").unwrap().apply().unwrap();
        let mut s = Record::new(RecordKind::Statement, "Testimony of his brother", "Ben");
        s.links.push(Link {
            kind: LinkKind::Mentions,
            target: dup,
            note: String::new(),
            extra: Default::default(),
        });
        cat.save(s, "Ben").unwrap()
    };
    settle(&d);
    let cat = open_as(&d[0], "Checker");
    assert_eq!(merged_into(&cat, &dup), Some(keep));
    assert!(cat.get(&dup).is_none(), "the duplicate stays in the trash");
    let kept = cat.get(&keep).unwrap().person.clone().unwrap();
    assert!(
        kept.timeline
            .iter()
            .any(|e| e.note.contains("returned in the exchange")),
        "{:?}",
        kept.timeline
    );
    let s = cat.get(&statement).unwrap();
    assert_eq!(
        s.links[0].target, keep,
        "the statement names the person kept"
    );
    let logged = cat.audit().for_record(&keep).iter().any(|e| {
        e.note
            .contains("gained on another desktop after it was merged into this record")
    });
    assert!(logged, "the carried entry is in the history");
    no_merge_in_conflict(&cat);
}

#[test]
fn a_duplicate_merged_into_two_persons_on_two_desktops_makes_them_one() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir, &["Lusine K.", "Lusine Karapetyan", "L. Karapetyan"]);
    merge(&d[0], "Ana", ids[0], ids[2]);
    merge(&d[1], "Ben", ids[1], ids[2]);
    let notices = settle(&d);
    let cat = open_as(&d[0], "Checker");
    let (keep, other) = (ids[0].min(ids[1]), ids[0].max(ids[1]));
    assert_eq!(merged_into(&cat, &ids[2]), Some(keep));
    assert_eq!(merged_into(&cat, &other), Some(keep));
    assert!(cat.get(&other).is_none() && cat.get(&keep).is_some());
    let names: Vec<String> = find(&cat, &keep)
        .person
        .unwrap()
        .names
        .iter()
        .map(|n| n.text.clone())
        .collect();
    for n in ["Lusine K.", "Lusine Karapetyan", "L. Karapetyan"] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
    assert!(
        notices.iter().any(|n| n.contains("are now one person")),
        "{notices:?}"
    );
    no_merge_in_conflict(&cat);
}

#[test]
fn two_persons_merged_into_each_other_on_two_desktops_leave_one() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office(&dir, &["Gor Hakobyan", "Gor H."]);
    merge(&d[0], "Ana", ids[0], ids[1]);
    merge(&d[1], "Ben", ids[1], ids[0]);
    let notices = settle(&d);
    let cat = open_as(&d[0], "Checker");
    let (keep, other) = (ids[0].min(ids[1]), ids[0].max(ids[1]));
    assert_eq!(merged_into(&cat, &keep), None);
    assert_eq!(merged_into(&cat, &other), Some(keep));
    assert!(cat.get(&keep).is_some(), "one of them is out of the trash");
    assert!(cat.get(&other).is_none());
    assert!(
        notices.iter().any(|n| n.contains("merged into each other")),
        "{notices:?}"
    );
    no_merge_in_conflict(&cat);
}
