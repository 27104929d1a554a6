//! The snapshot's property test (issue 20): random edits in and out of Dossier, then every
//! way of opening (whole, warm, lazy, for one record) sees the same catalogue.

use std::fs;
use std::path::Path;

use dossier::model::*;
use dossier::store::{Catalogue, OpenOptions};
use proptest::prelude::*;

use super::snapshot::*;

/// One step of the property test.
#[derive(Debug, Clone)]
enum Step {
    /// Dossier edits a record's title.
    Edit(usize, u8),
    /// The same, by a command that opens for that record alone (`dossier set`).
    EditOne(usize, u8),
    /// A person edits a record file in place (same size, same modification time).
    Outside(usize, u8),
    /// A record file is removed outside Dossier.
    Remove(usize),
    /// Dossier moves a record to the trash.
    Trash(usize),
    /// A command opens the catalogue and writes the snapshot it leaves.
    Snapshot,
    /// Time passes (so that stats read after it can vouch for earlier writes).
    Wait,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..8usize, any::<u8>()).prop_map(|(i, c)| Step::Edit(i, c)),
        (0..8usize, any::<u8>()).prop_map(|(i, c)| Step::EditOne(i, c)),
        (0..8usize, any::<u8>()).prop_map(|(i, c)| Step::Outside(i, c)),
        (0..8usize).prop_map(Step::Remove),
        (0..8usize).prop_map(Step::Trash),
        Just(Step::Snapshot),
        Just(Step::Snapshot),
        Just(Step::Wait),
    ]
}

fn apply(path: &Path, ids: &[RecordId], step: &Step, margin: Option<i128>) {
    let letter = |c: u8| char::from(b'a' + c % 26);
    match *step {
        Step::Edit(i, c) => {
            let mut cat = crate::common::open_as(path, "Tester");
            if let Some(mut r) = cat.get(&ids[i]).cloned() {
                r.title = format!("Report {} edited {}", i, letter(c));
                let _ = cat.save(r, "Tester");
            }
        }
        Step::EditOne(i, c) => {
            let mut cat = open_only(path, ids[i], margin);
            if let Some(mut r) = cat.get(&ids[i]).cloned() {
                r.title = format!("Report {} set {}", i, letter(c));
                let _ = cat.save(r, "Tester");
            }
        }
        Step::Outside(i, c) => {
            let file = file_of(path, &ids[i]);
            if let Ok(text) = fs::read_to_string(&file)
                && let Some(at) = text.find("Body of report")
            {
                let to = format!("Body {} report", letter(c));
                let from = &text[at..at + to.len()];
                let from = from.to_string();
                edit_in_place(&file, &from, &to);
            }
        }
        Step::Remove(i) => {
            let _ = fs::remove_file(file_of(path, &ids[i]));
        }
        Step::Trash(i) => {
            let mut cat = crate::common::open_as(path, "Tester");
            if cat.get(&ids[i]).is_some()
                && let Ok(batch) = cat.trash_record(&ids[i], "Tester")
            {
                batch.apply().unwrap();
            }
        }
        Step::Snapshot => {
            refresh(path, margin);
        }
        Step::Wait => settle(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random edits in and out of Dossier, with snapshots made between them: opening with
    /// the snapshot gives the same catalogue and search results as reading every file.
    #[test]
    fn opening_with_the_snapshot_is_opening_without_it(
        steps in proptest::collection::vec(step(), 1..14),
        trust_at_once in any::<bool>(),
    ) {
        // Twenty records, eight of them changed: a lazy opening that reads one or two files
        // again still leaves the rest in the snapshot.
        let (_dir, path, mut ids) = catalogue_of(20);
        // Half the cases trust a stat after 30 ms (so the snapshot serves files), half
        // keep the real margin (so every file written in the test is hashed again).
        let margin = if trust_at_once { QUICK } else { None };
        settle();
        for s in &steps {
            apply(&path, &ids, s, margin);
        }
        let mut warm = open_warm(&path, true, margin);
        let mut cold = open_cold(&path);
        let expected = seen(&mut cold);
        prop_assert_eq!(seen(&mut warm), expected.clone());
        // A list's opening, with every record then asked for.
        let mut lazy = open_lazy(&path, margin);
        lazy.load_also(&ids);
        prop_assert_eq!(seen(&mut lazy), expected);
        // A command about one record sees it as a whole opening does, and holds back the
        // same outside change (read-only here, so that nothing is logged between them).
        ids.truncate(8);
        for id in &ids {
            let one = Catalogue::open(&path, OpenOptions {
                read_only: true,
                snapshot: true,
                snapshot_key: Some(key()),
                racy_margin_ns: margin,
                only: Some(vec![*id]),
                ..OpenOptions::default()
            }).unwrap();
            prop_assert_eq!(one.get(id), cold.get(id));
            prop_assert_eq!(one.get_trashed(id), cold.get_trashed(id));
            let held = |c: &Catalogue| c.outside_changes().iter().any(|o| o.record == *id);
            prop_assert_eq!(held(&one), held(&cold));
        }
    }
}
