//! Fuzz-style property tests for the record and manifest loaders, run by every `cargo test`
//! (the coverage-guided fuzz targets under `fuzz/` go much further, on demand). Whatever the
//! bytes: no panic; a record that is refused says why (and which field, when one is at
//! fault); a record that is read saves and reads back the same, unknown fields included;
//! opening a catalogue quarantines a broken file and opens the rest.

use std::fs;

use proptest::prelude::*;
use serde_json::Value;

use dossier::model::Record;
use dossier::share::Manifest;

const RECORD: &str =
    include_str!("../../assets/sample/records/01a20632-0992-760c-8803-1066611325af.json");

/// A real package's manifest, made by `dossier share` from the sample catalogue.
fn manifest_seed() -> Vec<u8> {
    include_bytes!("../../fuzz/corpus/manifest/manifest2.json").to_vec()
}

/// Byte-level damage: flips, insertions, deletions at chosen places.
#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Flip(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Insert(i, b)),
        any::<usize>().prop_map(Damage::Delete),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &[Damage]) {
    for d in damage {
        let len = bytes.len().max(1);
        match *d {
            Damage::Flip(i, b) if !bytes.is_empty() => bytes[i % len] ^= b | 1,
            Damage::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Damage::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % len);
            }
            Damage::Truncate(i) => bytes.truncate(i % len),
            _ => {}
        }
    }
}

/// A JSON value of any shape, to put where a field's value belongs.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn round_trips(record: &Record) {
    let saved = record.to_json();
    let again = Record::from_json(&saved).expect("what was read saves and reads back");
    assert_eq!(
        serde_json::to_value(record).unwrap(),
        serde_json::to_value(&again).unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_are_a_record_or_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match Record::from_json(&bytes) {
            Ok(r) => round_trips(&r),
            Err(p) => prop_assert!(!p.reason.is_empty()),
        }
    }

    #[test]
    fn a_damaged_record_file_is_a_record_or_a_reason(d in prop::collection::vec(damage(), 1..6)) {
        let mut bytes = RECORD.as_bytes().to_vec();
        apply(&mut bytes, &d);
        match Record::from_json(&bytes) {
            Ok(r) => round_trips(&r),
            Err(p) => prop_assert!(!p.to_string().is_empty()),
        }
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named(field_index in any::<prop::sample::Index>(), value in any_json()) {
        let mut v: Value = serde_json::from_str(RECORD).unwrap();
        let obj = v.as_object_mut().unwrap();
        let keys: Vec<String> = obj.keys().cloned().collect();
        let key = field_index.get(&keys).clone();
        obj.insert(key.clone(), value);
        let bytes = serde_json::to_vec_pretty(&v).unwrap();
        match Record::from_json(&bytes) {
            Ok(r) => round_trips(&r),
            Err(p) => {
                let field = p.field.clone().unwrap_or_default();
                prop_assert!(
                    field.starts_with(key.as_str()),
                    "{key} is at fault but the problem says {p}"
                );
            }
        }
    }

    #[test]
    fn unknown_fields_anywhere_are_kept(name in "x_[a-z]{1,10}", value in any_json()) {
        let mut v: Value = serde_json::from_str(RECORD).unwrap();
        v.as_object_mut().unwrap().insert(name.clone(), value.clone());
        if let Some(source) = v.get_mut("source").and_then(Value::as_object_mut) {
            source.insert(name.clone(), value.clone());
        }
        let record = Record::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
        let saved: Value = serde_json::from_slice(&record.to_json()).unwrap();
        prop_assert_eq!(&saved[&name], &value);
        prop_assert_eq!(&saved["source"][&name], &value);
    }

    #[test]
    fn any_manifest_bytes_are_a_manifest_or_a_reason(d in prop::collection::vec(damage(), 0..6)) {
        let mut bytes = manifest_seed();
        apply(&mut bytes, &d);
        match Manifest::from_json(&bytes) {
            Ok(m) => {
                for f in &m.files {
                    let _ = dossier::share::is_safe_relative(&f.path);
                }
            }
            Err(reason) => prop_assert!(reason.contains("manifest")),
        }
    }
}

#[test]
fn the_manifest_seed_is_a_valid_manifest() {
    // Keeps the property above honest: undamaged, the seed parses.
    Manifest::from_json(&manifest_seed()).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_catalogue_with_a_damaged_record_file_opens_and_names_it(d in prop::collection::vec(damage(), 1..4)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cat");
        let mut cat = dossier::store::Catalogue::create(&root, "Damaged", "Ani").unwrap();
        let good = cat
            .save(Record::new(dossier::model::RecordKind::Report, "Intact", "Ani"), "Ani")
            .unwrap();
        let victim = cat
            .save(Record::new(dossier::model::RecordKind::Report, "Victim", "Ani"), "Ani")
            .unwrap();
        drop(cat);
        let path = root.join("records").join(format!("{victim}.json"));
        let mut bytes = fs::read(&path).unwrap();
        apply(&mut bytes, &d);
        fs::write(&path, &bytes).unwrap();
        let cat = dossier::store::Catalogue::open(&root, Default::default()).unwrap();
        prop_assert!(cat.get(&good).is_some(), "the rest opens");
        if cat.get(&victim).is_none() {
            prop_assert!(
                cat.problems().iter().any(|p| p.path == path),
                "the broken file is named: {:?}",
                cat.problems()
            );
        }
    }
}

/// A real package's records (from the sample, files left out), as the seed of the
/// received-records fuzz target.
fn received_seed() -> Vec<u8> {
    include_bytes!("../../fuzz/corpus/received_records/sample-persons.json").to_vec()
}

/// Receives `records_json` as the records of a folder package whose manifest vouches for
/// exactly those bytes, merged into a fresh catalogue; checks what must hold whatever the
/// bytes: no panic; refused, or only drafts added, and the catalogue still verifies.
fn receive_records(records_json: &[u8]) -> Result<usize, TestCaseError> {
    use dossier::durable::hash_bytes;
    use dossier::model::ReviewState;
    use dossier::store::{Catalogue, OpenOptions};
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    fs::create_dir(&pkg).unwrap();
    fs::write(pkg.join("records.json"), records_json).unwrap();
    let manifest = serde_json::json!({
        "format": "dossier-share-package", "version": 1, "package_id": "p",
        "recipient": {"name": "R", "kind": "ngo", "max_label": "TLP:RED"},
        "created": "2026-01-01T00:00:00Z", "created_by": "x", "catalogue_id": "c",
        "highest_label": null, "records": 0,
        "files": [{"path": "records.json", "sha256": hash_bytes(records_json), "size": records_json.len()}],
    });
    fs::write(pkg.join("manifest.json"), manifest.to_string()).unwrap();
    let root = dir.path().join("cat");
    drop(Catalogue::create(&root, "Ours", "Lena").unwrap());
    let mut added = 0;
    if let Ok(summary) = dossier::share::receive(&pkg, &root, true, "Lena") {
        added = summary.added;
        let cat = Catalogue::open(
            &root,
            OpenOptions {
                read_only: true,
                ..OpenOptions::default()
            },
        )
        .unwrap();
        prop_assert!(cat.records().iter().all(|r| r.review == ReviewState::Draft));
        prop_assert!(cat.records().iter().all(|r| r.attachments.is_empty()));
        let report = dossier::integrity::verify(&root, None, &|_| {}).unwrap();
        prop_assert!(report.is_ok(), "{:?}", report.problems);
    }
    Ok(added)
}

#[test]
fn the_received_records_seed_is_received_as_drafts() {
    assert_eq!(receive_records(&received_seed()).unwrap(), 10);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn received_records_json_of_any_bytes_is_refused_or_lands_as_drafts(
        damage in prop::collection::vec(damage(), 1..6),
    ) {
        let mut bytes = received_seed();
        apply(&mut bytes, &damage);
        receive_records(&bytes)?;
    }
}
