//! Sync as a property (issue 18): two or three desktops and one bare repository on disk,
//! random edits on each (titles, places, labels, tags, reviews, the trash, new records,
//! originals, persons' timelines and merges), syncs in random order, then sync to quiescence. Then: every desktop holds
//! the same files byte for byte; every edit is there, or was overwritten by a desktop
//! that had seen it, or waits in a visible conflict; no label is lower than any set;
//! every tag added is there; verify is clean everywhere; every title set is in the
//! history; and every desktop opened with its snapshot (made before each sync, so the
//! sync's changes are read from its mark) shows what it shows opened cold. The real `git`. `DOSSIER_SYNC_CASES=1000 cargo test --release --test it
//! sync_prop` runs a thousand cases; `cargo test` runs a few dozen.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;

use dossier::model::{
    Label, PersonStatus, Record, RecordId, RecordKind, ReviewAction, StatusEntry,
};

use crate::common::{open_as, sync_as, synced_desktops, synced_files};

#[derive(Debug, Clone)]
enum Op {
    Title(usize, usize),
    Place(usize, usize),
    RaiseLabel(usize, usize),
    Tag(usize, usize),
    Submit(usize, usize),
    Approve(usize, usize),
    Trash(usize, usize),
    Restore(usize, usize),
    Create(usize),
    Attach(usize, usize),
    /// A timeline entry added to a person.
    Timeline(usize, usize),
    /// The second person merged into the first.
    MergePersons(usize, usize, usize),
    Sync(usize),
}

fn op(desktops: usize) -> impl Strategy<Value = Op> {
    let d = 0..desktops;
    let r = 0..4usize;
    prop_oneof![
        3 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Title(d, r)),
        2 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Place(d, r)),
        1 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::RaiseLabel(d, r)),
        2 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Tag(d, r)),
        1 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Submit(d, r)),
        1 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Approve(d, r)),
        1 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Trash(d, r)),
        1 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Restore(d, r)),
        1 => d.clone().prop_map(Op::Create),
        1 => (d.clone(), r.clone()).prop_map(|(d, r)| Op::Attach(d, r)),
        2 => (d.clone(), r.clone()).prop_map(|(d, p)| Op::Timeline(d, p)),
        2 => (d.clone(), r.clone(), r).prop_map(|(d, p, q)| Op::MergePersons(d, p, q)),
        4 => d.prop_map(Op::Sync),
    ]
}

/// One run: the desktops' folders, what each has seen of each field, what was set.
struct World {
    _dir: tempfile::TempDir,
    desktops: Vec<PathBuf>,
    ids: Vec<RecordId>,
    persons: Vec<RecordId>,
    /// Each timeline entry added: (person, its note).
    entries: Vec<(RecordId, String)>,
    /// Per desktop, per (record, field): the values it has seen (its own and synced).
    seen: Vec<BTreeMap<(RecordId, &'static str), BTreeSet<String>>>,
    /// The remote's union of everything pushed.
    remote: BTreeMap<(RecordId, &'static str), BTreeSet<String>>,
    /// Each value set: (record, field, value) -> what the desktop had seen when it set it.
    edits: Vec<(RecordId, &'static str, String, BTreeSet<String>)>,
    labels: BTreeMap<RecordId, Label>,
    tags: BTreeMap<RecordId, BTreeSet<String>>,
    counter: usize,
}

fn user(d: usize) -> String {
    ["Ana", "Ben", "Cem"][d].to_string()
}

impl World {
    fn new(n: usize) -> World {
        let dir = tempfile::tempdir().unwrap();
        let (desktops, mut ids) = synced_desktops(dir.path(), n, user, |cat| {
            let kinds = [RecordKind::Report; 4]
                .into_iter()
                .chain([RecordKind::Person; 3]);
            kinds
                .enumerate()
                .map(|(i, kind)| {
                    let r = Record::new(kind, format!("Record {i}"), "Ana");
                    cat.save(r, "Ana").unwrap()
                })
                .collect()
        });
        let persons = ids.split_off(4);
        World {
            _dir: dir,
            desktops,
            ids,
            persons,
            entries: Vec::new(),
            seen: vec![BTreeMap::new(); n],
            remote: BTreeMap::new(),
            edits: Vec::new(),
            labels: BTreeMap::new(),
            tags: BTreeMap::new(),
            counter: 0,
        }
    }

    fn sync(&mut self, d: usize) {
        // A snapshot made just before, so that what the sync brings is read from its mark
        // by the next opening (checked against a cold opening in `check_snapshots`).
        crate::snapshot::refresh(&self.desktops[d], crate::snapshot::QUICK);
        sync_as(&self.desktops[d], &user(d));
        for (k, v) in &self.remote {
            self.seen[d]
                .entry(*k)
                .or_default()
                .extend(v.iter().cloned());
        }
        for (k, v) in &self.seen[d] {
            self.remote.entry(*k).or_default().extend(v.iter().cloned());
        }
    }

    /// Sets a field on desktop `d`, remembering what it had seen.
    fn set(&mut self, d: usize, r: usize, field: &'static str) {
        self.counter += 1;
        let value = format!("{field}-{}-{}", user(d), self.counter);
        let id = self.ids[r % self.ids.len()];
        let mut cat = open_as(&self.desktops[d], &user(d));
        let Some(mut record) = cat.get(&id).cloned() else {
            return;
        };
        match field {
            "title" => record.title = value.clone(),
            _ => record.place = value.clone(),
        }
        cat.put(record, &user(d)).unwrap().apply().unwrap();
        let seen = self.seen[d].entry((id, field)).or_default();
        self.edits.push((id, field, value.clone(), seen.clone()));
        seen.insert(value);
    }

    fn apply(&mut self, op: &Op) {
        let who = |d: usize| user(d);
        match *op {
            Op::Title(d, r) => self.set(d, r, "title"),
            Op::Place(d, r) => self.set(d, r, "place"),
            Op::Sync(d) => self.sync(d),
            Op::Timeline(..) | Op::MergePersons(..) => self.person_op(op),
            Op::RaiseLabel(d, r) => {
                let id = self.ids[r % self.ids.len()];
                let mut cat = open_as(&self.desktops[d], &who(d));
                let Some(now) = cat.get(&id).map(|r| r.label) else {
                    return;
                };
                let up = if now < Label::Red { Label::Red } else { now };
                let raised = if now < Label::AmberStrict {
                    Label::AmberStrict
                } else {
                    up
                };
                cat.set_label(&[id], raised, &who(d))
                    .unwrap()
                    .apply()
                    .unwrap();
                let l = self.labels.entry(id).or_insert(raised);
                *l = (*l).max(raised);
            }
            Op::Tag(d, r) => {
                self.counter += 1;
                let id = self.ids[r % self.ids.len()];
                let tag = format!("tag-{}", self.counter);
                let mut cat = open_as(&self.desktops[d], &who(d));
                if cat.get(&id).is_none() {
                    return;
                }
                cat.add_tag(&[id], &tag, &who(d)).unwrap().apply().unwrap();
                self.tags.entry(id).or_default().insert(tag);
            }
            Op::Submit(d, r) | Op::Approve(d, r) => {
                let id = self.ids[r % self.ids.len()];
                let action = match op {
                    Op::Submit(..) => ReviewAction::Submit,
                    _ => ReviewAction::Approve,
                };
                let mut cat = open_as(&self.desktops[d], &who(d));
                if cat.get(&id).is_some()
                    && let Ok(batch) = cat.review(&[id], action, "", &format!("Reviewer {d}"))
                {
                    batch.apply().unwrap();
                }
            }
            Op::Trash(d, r) => {
                let id = self.ids[r % self.ids.len()];
                let mut cat = open_as(&self.desktops[d], &who(d));
                if cat.get(&id).is_some() {
                    cat.trash_record(&id, &who(d)).unwrap().apply().unwrap();
                }
            }
            Op::Restore(d, r) => {
                let id = self.ids[r % self.ids.len()];
                let mut cat = open_as(&self.desktops[d], &who(d));
                if cat.get_trashed(&id).is_some() {
                    cat.restore_record(&id, &who(d)).unwrap().apply().unwrap();
                }
            }
            Op::Create(d) => {
                self.counter += 1;
                let mut cat = open_as(&self.desktops[d], &who(d));
                let r = Record::new(
                    RecordKind::Statement,
                    format!("New {}", self.counter),
                    &who(d),
                );
                self.ids.push(cat.save(r, &who(d)).unwrap());
            }
            Op::Attach(d, r) => {
                self.counter += 1;
                let id = self.ids[r % self.ids.len()];
                let mut cat = open_as(&self.desktops[d], &who(d));
                let Some(mut record) = cat.get(&id).cloned() else {
                    return;
                };
                let file = self.desktops[d].with_extension(format!("{}.bin", self.counter));
                fs::write(&file, format!("original {}", self.counter)).unwrap();
                let a = dossier::media::import_file(
                    &cat.blobs(),
                    &file,
                    &who(d),
                    record.label,
                    &mut |_| {},
                )
                .unwrap()
                .attachment;
                record.attachments.push(a);
                cat.put(record, &who(d)).unwrap().apply().unwrap();
            }
        }
    }

    /// A person's timeline grows, or two persons are found to be one.
    fn person_op(&mut self, op: &Op) {
        let person = |p: usize| self.persons[p % self.persons.len()];
        match *op {
            Op::Timeline(d, p) => {
                self.counter += 1;
                let (id, note) = (person(p), format!("entry-{}-{}", user(d), self.counter));
                let mut cat = open_as(&self.desktops[d], &user(d));
                let Some(mut record) = cat.get(&id).cloned() else {
                    return;
                };
                let mut entry = StatusEntry::new(PersonStatus::ALL[self.counter % 3]);
                entry.note.clone_from(&note);
                record.person.as_mut().unwrap().add_status(entry);
                cat.put(record, &user(d)).unwrap().apply().unwrap();
                self.entries.push((id, note));
            }
            Op::MergePersons(d, p, q) => {
                let (keep, other) = (person(p), person(q));
                let mut cat = open_as(&self.desktops[d], &user(d));
                if keep != other && cat.get(&keep).is_some() && cat.get(&other).is_some() {
                    cat.merge_persons(&keep, &other, &user(d))
                        .unwrap()
                        .apply()
                        .unwrap();
                }
            }
            _ => {}
        }
    }

    /// Syncs round after round until a whole round changes nothing anywhere.
    fn quiesce(&mut self) {
        for _ in 0..6 {
            let before: Vec<_> = self.desktops.iter().map(|d| synced_files(d)).collect();
            for d in 0..self.desktops.len() {
                self.sync(d);
            }
            let after: Vec<_> = self.desktops.iter().map(|d| synced_files(d)).collect();
            if before == after && after.windows(2).all(|w| w[0] == w[1]) {
                return;
            }
        }
        panic!("the desktops did not settle within six rounds of syncs");
    }
}

fn check(world: &World) {
    let first = synced_files(&world.desktops[0]);
    for d in &world.desktops[1..] {
        assert!(first == synced_files(d), "desktops differ after quiescence");
    }
    let cat = open_as(&world.desktops[0], "Checker");
    let find = |id: &RecordId| cat.get(id).or_else(|| cat.get_trashed(id)).cloned();
    for (id, field, value, _) in &world.edits {
        let superseded = world
            .edits
            .iter()
            .any(|(i, f, v, seen)| i == id && f == field && v != value && seen.contains(value));
        let r = find(id).expect("no record is ever lost");
        let now = if *field == "title" {
            &r.title
        } else {
            &r.place
        };
        let in_conflict = r.conflicts.iter().any(|c| {
            c.field == *field
                && (c.ours.as_str() == Some(value) || c.theirs.as_str() == Some(value))
        });
        assert!(
            superseded || now == value || in_conflict,
            "{field} '{value}' of {id} is lost: it is '{now}', conflicts {:?}",
            r.conflicts
        );
        let logged = cat.audit().for_record(id).iter().any(|e| {
            e.changes
                .iter()
                .any(|c| c.to.as_ref().and_then(|v| v.as_str()) == Some(value))
        });
        assert!(logged, "{field} '{value}' is not in the history");
    }
    for (id, label) in &world.labels {
        let r = find(id).unwrap();
        assert!(r.label >= *label, "{id}: {} is below {}", r.label, label);
    }
    for (id, tags) in &world.tags {
        let r = find(id).unwrap();
        for t in tags {
            assert!(r.tags.contains(t), "{id} lost the tag {t}");
        }
    }
    for r in cat.records().iter().chain(cat.trash()) {
        for a in &r.attachments {
            assert!(
                cat.blobs().contains(&a.sha256),
                "original {} did not travel",
                a.sha256
            );
        }
    }
    check_persons(world, &cat);
    drop(cat);
    for d in &world.desktops {
        let report = dossier::integrity::verify(d, None, &|_| {}).unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            d.display(),
            report.problems
        );
    }
}

/// Every person's merges lead to one live person holding every timeline entry added to
/// any record on the way; what was merged away is in the trash; no merge waits in a
/// conflict.
fn check_persons(world: &World, cat: &dossier::store::Catalogue) {
    let find = |id: &RecordId| cat.get(id).or_else(|| cat.get_trashed(id)).cloned();
    let end = |id: &RecordId| {
        let mut at = find(id).expect("no person is ever lost");
        for _ in 0..world.persons.len() {
            match at.person.as_ref().unwrap().merged_into {
                Some(next) => {
                    assert!(
                        at.trashed.is_some(),
                        "{} is merged but not in the trash",
                        at.id
                    );
                    at = find(&next).expect("a merge leads to a record");
                }
                None => return at,
            }
        }
        panic!("the merges from {id} run in a circle");
    };
    for p in &world.persons {
        let e = end(p);
        assert!(
            cat.get(&e.id).is_some(),
            "{p} leads to {}, not a live person",
            e.id
        );
    }
    for (id, note) in &world.entries {
        let e = end(id);
        let timeline = &e.person.as_ref().unwrap().timeline;
        assert!(
            timeline.iter().any(|t| t.note.contains(note.as_str())),
            "the entry '{note}' added to {id} is not on {} it leads to",
            e.id
        );
    }
    for r in cat.records().iter().chain(cat.trash()) {
        assert!(
            !r.conflicts.iter().any(|c| c.field == "person.merged_into"),
            "{} keeps a merge in conflict",
            r.id
        );
    }
}

/// Every desktop opened with its snapshot shows what it shows opened cold.
fn check_snapshots(world: &World) {
    for d in &world.desktops {
        let mut warm = crate::snapshot::open_warm(d, true, crate::snapshot::QUICK);
        let mut cold = crate::snapshot::open_cold(d);
        assert!(
            crate::snapshot::seen(&mut warm) == crate::snapshot::seen(&mut cold),
            "{} differs opened with its snapshot",
            d.display()
        );
    }
}

fn cases() -> u32 {
    std::env::var("DOSSIER_SYNC_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn desktops_that_sync_to_quiescence_end_identical_with_nothing_lost(
        n in 2usize..=3,
        ops in prop::collection::vec(op(3), 4..18),
    ) {
        let mut world = World::new(n);
        for o in &ops {
            let o = match o.clone() {
                // Keep desktop numbers within this world.
                Op::Sync(d) => Op::Sync(d % n),
                Op::Create(d) => Op::Create(d % n),
                Op::Title(d, r) => Op::Title(d % n, r),
                Op::Place(d, r) => Op::Place(d % n, r),
                Op::RaiseLabel(d, r) => Op::RaiseLabel(d % n, r),
                Op::Tag(d, r) => Op::Tag(d % n, r),
                Op::Submit(d, r) => Op::Submit(d % n, r),
                Op::Approve(d, r) => Op::Approve(d % n, r),
                Op::Trash(d, r) => Op::Trash(d % n, r),
                Op::Restore(d, r) => Op::Restore(d % n, r),
                Op::Attach(d, r) => Op::Attach(d % n, r),
                Op::Timeline(d, p) => Op::Timeline(d % n, p),
                Op::MergePersons(d, p, q) => Op::MergePersons(d % n, p, q),
            };
            world.apply(&o);
        }
        world.quiesce();
        check(&world);
        check_snapshots(&world);
    }
}
