//! The log: chaining, reloading, filtering, canonical JSON, torn tails.

use std::fs;
use std::path::Path;

use super::*;
use crate::durable::hash_bytes;
use crate::durable::vault::Vault;
use crate::model::RecordId;

fn log_in(dir: &Path) -> AuditLog {
    AuditLog::load(&Vault::plain(dir), true).unwrap().0
}

#[test]
fn entries_chain_and_reload_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let log = log_in(dir.path());
    log.append(&[AuditDraft::new("Ani", Action::CatalogueCreated)])
        .unwrap();
    let id = RecordId::new();
    log.append(&[
        AuditDraft::new("Ani", Action::Created).record(id, Some(hash_bytes(b"a"))),
        AuditDraft::new("Ani", Action::LabelChanged).record(id, Some(hash_bytes(b"b"))),
    ])
    .unwrap();
    let (again, loaded) = AuditLog::load(&Vault::plain(dir.path()), true).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(again.len(), 3);
    again.with_entries(|e| {
        assert_eq!(e[0].prev, GENESIS);
        assert_eq!(e[1].prev, e[0].hash);
        assert_eq!(e[2].seq, 3);
    });
    assert_eq!(again.for_record(&id)[0].action, Action::LabelChanged);
}

#[test]
fn the_log_filter_matches_actor_part_action_and_days() {
    let dir = tempfile::tempdir().unwrap();
    let log = log_in(dir.path());
    let mut old = AuditDraft::new("Anahit Petrosyan", Action::Created);
    old.time = "2024-03-01T23:30:00Z".parse().unwrap();
    let mut new = AuditDraft::new("Ben", Action::Trashed);
    new.time = "2024-03-05T08:00:00Z".parse().unwrap();
    log.append(&[old, new]).unwrap();
    let count = |f: LogFilter| log.filtered(&f).len();
    assert_eq!(count(LogFilter::default()), 2);
    assert_eq!(
        count(LogFilter {
            actor: "petro".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(LogFilter {
            action: Some(Action::Trashed),
            ..Default::default()
        }),
        1
    );
    let day = |s: &str| Some(s.parse().unwrap());
    assert_eq!(
        count(LogFilter {
            since: day("2024-03-02"),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(LogFilter {
            until: day("2024-03-01"),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(LogFilter {
            since: day("2024-03-06"),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        log.filtered(&LogFilter::default())[0].actor,
        "Ben",
        "newest first"
    );
}

#[test]
fn canonical_json_sorts_keys_at_every_level() {
    let v = serde_json::json!({"b": 1, "a": {"z": [1, {"y": 2, "x": 3}], "c": "é"}});
    assert_eq!(
        canonical_json(&v),
        r#"{"a":{"c":"é","z":[1,{"x":3,"y":2}]},"b":1}"#
    );
}

#[test]
fn a_torn_last_line_is_cut_off_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let log = log_in(dir.path());
    log.append(&[AuditDraft::new("Ani", Action::CatalogueCreated)])
        .unwrap();
    let path = dir.path().join(AUDIT_FILE);
    let whole = fs::read(&path).unwrap();
    let mut torn = whole.clone();
    torn.extend_from_slice(b"{\"seq\":2,\"act");
    fs::write(&path, &torn).unwrap();
    let (log, loaded) = AuditLog::load(&Vault::plain(dir.path()), true).unwrap();
    assert_eq!(loaded.torn_tail, Some(2));
    assert_eq!(fs::read(&path).unwrap(), whole);
    log.append(&[AuditDraft::new("Ani", Action::Verified)])
        .unwrap();
    let (_, again) = AuditLog::load(&Vault::plain(dir.path()), true).unwrap();
    assert!(again.problems.is_empty() && again.torn_tail.is_none());
}
