//! The catalogue on disk: what a user relies on when they save, reopen, crash or share a
//! folder between two Dossiers.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dossier::model::*;
use dossier::store::{
    Catalogue, FsOp, META_FILE, OpenOptions, RECORDS_DIR, ReadOnlyReason, StoreError, TRASH_DIR,
};

fn open(path: &Path) -> Catalogue {
    crate::common::open_as(path, "Tester")
}

fn new_catalogue() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat");
    Catalogue::create(&path, "Test catalogue", "Tester").unwrap();
    (dir, path)
}

/// A record with every field set to something other than its default.
pub(crate) fn full_record(target: RecordId) -> Record {
    let mut r = Record::new(RecordKind::Person, "Արամ Գևորգյան", "Ani");
    r.body = "Body text\nwith two lines".into();
    r.date = Some("2020-09-27..2020-11-09?".parse().unwrap());
    r.place = "Ստեփանակերտ".into();
    r.author = "Office of the Human Rights Defender".into();
    r.source = Source {
        name: "Channel «Əsir»".into(),
        url: "https://example.org/x".into(),
        method: Some(CollectionMethod::ReceivedFromOrganisation),
        extra: [("future".to_string(), serde_json::json!([1, 2]))].into(),
    };
    r.language = "hy".into();
    r.tags = vec!["captive".into(), "serviceman".into()];
    r.links = vec![Link {
        kind: LinkKind::AboutPerson,
        target,
        note: "seen in video".into(),
        extra: Default::default(),
    }];
    r.attachments = vec![Attachment {
        sha256: "ab".repeat(32).parse().unwrap(),
        name: "photo.jpg".into(),
        size: 1234,
        media_type: "image/jpeg".into(),
        label: Label::Red,
        warnings: [ContentWarning::GraphicViolence].into(),
        description: "a still".into(),
        original_path: "/media/usb/photo.jpg".into(),
        imported_at: "2024-03-01T10:00:00Z".parse().unwrap(),
        imported_by: "Ani".into(),
        derived_from: Some("cd".repeat(32).parse().unwrap()),
        redaction: None,
        metadata: MediaMetadata {
            width: Some(4000),
            height: Some(3000),
            duration_secs: Some(12.5),
            captured_at: Some("2020:10:04 09:12:00".into()),
            camera: Some("Canon EOS 80D".into()),
            gps: Some(GeoPoint {
                lat: 39.8153,
                lon: 46.7519,
                alt: Some(813.0),
            }),
            orientation: Some(6),
            camera_serial: Some("0042".into()),
            extra: Default::default(),
        },
        provenance: Provenance {
            source: "https://t.me/example/412".into(),
            source_kind: Some(SourceKind::Channel),
            collected_by: "Ani".into(),
            collected_at: Some("2020-11-02".parse().unwrap()),
            method: Some(CollectionMethod::OpenSource),
            extra: Default::default(),
        },
        extra: Default::default(),
    }];
    r.label = Label::AmberStrict;
    r.warnings = [ContentWarning::PersonalData, ContentWarning::Minor].into();
    r.verification = Verification::Disputed;
    r.review = ReviewState::InReview;
    r.private_notes = "the witness's phone number".into();
    r.person = Some(Box::new(Person {
        names: vec![
            PersonName {
                text: "Արամ Գևորգյան".into(),
                lang: "hy".into(),
                primary: true,
                extra: Default::default(),
            },
            PersonName {
                text: "Арам Геворгян".into(),
                lang: "ru".into(),
                primary: false,
                extra: Default::default(),
            },
        ],
        status: Some(PersonStatus::DiedInCustody),
        basis: Some(EvidenceBasis::NotAcknowledged),
        timeline: vec![
            dossier::model::StatusEntry {
                basis: Some(EvidenceBasis::NotAcknowledged),
                date: Some("2020-10~".parse().unwrap()),
                note: "seen in a video".into(),
                ..dossier::model::StatusEntry::new(PersonStatus::Captured)
            },
            dossier::model::StatusEntry {
                basis: Some(EvidenceBasis::NotAcknowledged),
                date: Some("2020-11..2020-12".parse().unwrap()),
                sources: vec![target],
                verification: Verification::BeingVerified,
                ..dossier::model::StatusEntry::new(PersonStatus::DiedInCustody)
            },
        ],
        birth: Some("1987?".parse().unwrap()),
        sex: Some(dossier::model::Sex::Male),
        residence: "Hadrut".into(),
        category: Some(dossier::model::PersonCategory::Serviceman),
        unit: "Unit 1 (sample)".into(),
        rank: "Private".into(),
        identifying: "Scar on the left hand".into(),
        distinct_from: vec![target],
        merged_from: Vec::new(),
        merged_into: None,
        extra: Default::default(),
    }));
    r.coordinates = Some(Box::new("39.5, 46.9".parse().unwrap()));
    r.extra.insert(
        "written_by_a_newer_dossier".into(),
        serde_json::json!({"x": true}),
    );
    r
}

#[test]
fn every_field_survives_saving_and_reopening() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let other = cat
        .save(Record::new(RecordKind::Report, "Report", "Ani"), "Ani")
        .unwrap();
    let record = full_record(other);
    let id = cat.save(record.clone(), "Ani").unwrap();
    let saved = cat.get(&id).unwrap().clone();
    drop(cat);

    let cat = open(&path);
    let reopened = cat.get(&id).expect("the record is there after reopening");
    assert_eq!(*reopened, saved);
    // Everything the person set is what they set (only the modification stamp moved).
    let mut expected = record;
    expected.modified = reopened.modified;
    // The store names who put it in review (the one person who may not approve it).
    expected.submitted_by = "Ani".into();
    assert_eq!(*reopened, expected);
    assert!(cat.problems().is_empty());
}

#[test]
fn record_files_are_pretty_json_with_a_stable_field_order() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "R", "Ani"), "Ani")
        .unwrap();
    let text = fs::read_to_string(path.join(RECORDS_DIR).join(format!("{id}.json"))).unwrap();
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(&keys[..4], ["id", "kind", "title", "body"]);
    assert_eq!(keys.last(), Some(&"modified_by"));
    assert!(text.ends_with("}\n"));
    // Saving the same record again writes the same field order.
    let r = cat.get(&id).unwrap().clone();
    cat.save(r, "Ani").unwrap();
    let again = fs::read_to_string(path.join(RECORDS_DIR).join(format!("{id}.json"))).unwrap();
    assert_eq!(text.lines().count(), again.lines().count());
}

#[test]
fn a_leftover_temp_file_from_a_crash_is_ignored() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "Kept", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    // What a crash in the middle of an atomic write leaves behind: a half-written temp file.
    let temp = path
        .join(RECORDS_DIR)
        .join(format!(".{id}.json.0190a8c41c2b70008000000000000001.tmp"));
    fs::write(&temp, b"{\"id\": \"half writ").unwrap();
    fs::create_dir_all(path.join(TRASH_DIR)).unwrap();
    let in_trash = path
        .join(TRASH_DIR)
        .join(format!(".{id}.json.0190a8c41c2b70008000000000000002.tmp"));
    fs::write(&in_trash, b"{\"id\": \"half").unwrap();

    let cat = open(&path);
    assert_eq!(cat.records().len(), 1);
    assert_eq!(cat.get(&id).unwrap().title, "Kept");
    assert!(cat.problems().is_empty(), "{:?}", cat.problems());
    for leftover in [&temp, &in_trash] {
        assert!(
            !leftover.exists(),
            "the leftover {} is cleaned up when the catalogue is writable",
            leftover.display()
        );
    }
}

#[test]
fn a_corrupt_record_is_quarantined_and_everything_else_opens() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let good = cat
        .save(Record::new(RecordKind::Report, "Good", "Ani"), "Ani")
        .unwrap();
    let bad = cat
        .save(Record::new(RecordKind::Report, "Bad", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    let bad_path = path.join(RECORDS_DIR).join(format!("{bad}.json"));
    let text = fs::read_to_string(&bad_path).unwrap();
    let broken = text.replacen("\"kind\": \"report\",", "\"kind\": \"report\"", 1);
    fs::write(&bad_path, &broken).unwrap();

    let mut cat = open(&path);
    assert!(cat.get(&good).is_some());
    assert!(cat.get(&bad).is_none());
    let problems = cat.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, bad_path);
    assert_eq!(problems[0].line, Some(4), "{}", problems[0]);
    assert!(
        problems[0].reason.contains("expected"),
        "{}",
        problems[0].reason
    );
    // Working on the rest never touches the quarantined file.
    let mut r = cat.get(&good).unwrap().clone();
    r.title = "Still good".into();
    cat.save(r, "Ani").unwrap();
    cat.save(Record::new(RecordKind::Report, "New", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    assert_eq!(fs::read_to_string(&bad_path).unwrap(), broken);
}

#[test]
fn a_wrong_type_is_quarantined_with_the_field_named() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "x", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    let file = path.join(RECORDS_DIR).join(format!("{id}.json"));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("\"tags\": []", "\"tags\": \"captive\"")).unwrap();
    let cat = open(&path);
    let p = &cat.problems()[0];
    assert!(p.reason.contains("field 'tags'"), "{p}");
}

#[test]
fn a_file_whose_name_and_id_disagree_is_not_opened() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "x", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    let copy = path
        .join(RECORDS_DIR)
        .join(format!("{}.json", RecordId::new()));
    fs::copy(path.join(RECORDS_DIR).join(format!("{id}.json")), &copy).unwrap();
    let cat = open(&path);
    assert_eq!(cat.records().len(), 1);
    assert_eq!(cat.problems().len(), 1);
    assert_eq!(cat.problems()[0].path, copy);
}

#[test]
fn a_catalogue_from_a_newer_dossier_opens_read_only() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "x", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    let meta_path = path.join(META_FILE);
    let meta = fs::read_to_string(&meta_path).unwrap();
    fs::write(&meta_path, meta.replace("\"version\": 1", "\"version\": 7")).unwrap();
    let record_file = path.join(RECORDS_DIR).join(format!("{id}.json"));
    let before = fs::read(&record_file).unwrap();

    let mut cat = open(&path);
    assert_eq!(
        cat.read_only_reason(),
        Some(&ReadOnlyReason::NewerFormat { found: 7 })
    );
    assert!(
        cat.notices()[0].contains("newer Dossier"),
        "{:?}",
        cat.notices()
    );
    assert_eq!(cat.records().len(), 1);
    let mut r = cat.get(&id).unwrap().clone();
    r.title = "changed".into();
    let err = cat.put(r, "Ani").unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)));
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&record_file).unwrap(), before);
}

#[test]
fn a_catalogue_open_in_another_dossier_opens_read_only_naming_who() {
    let (_dir, path) = new_catalogue();
    let first = Catalogue::open(
        &path,
        OpenOptions {
            user: "Anahit".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    assert!(first.is_writable());

    let mut second = open(&path);
    assert!(!second.is_writable());
    match second.read_only_reason() {
        Some(ReadOnlyReason::OpenElsewhere(Some(holder))) => {
            assert_eq!(holder.user, "Anahit");
            assert_eq!(holder.pid, std::process::id());
        }
        other => panic!("expected open elsewhere, got {other:?}"),
    }
    assert!(
        second.notices()[0].contains("Anahit"),
        "{:?}",
        second.notices()
    );
    assert!(
        second
            .put(Record::new(RecordKind::Report, "x", "B"), "B")
            .is_err()
    );

    drop(first);
    assert!(
        open(&path).is_writable(),
        "closing the first releases the lock"
    );
}

#[test]
fn trash_and_restore_keep_the_record_whole() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat.save(full_record(RecordId::new()), "Ani").unwrap();
    cat.trash_record(&id, "Ani").unwrap().apply().unwrap();
    assert!(cat.get(&id).is_none());
    assert!(path.join(TRASH_DIR).join(format!("{id}.json")).is_file());
    assert!(!path.join(RECORDS_DIR).join(format!("{id}.json")).exists());
    drop(cat);

    let mut cat = open(&path);
    assert_eq!(cat.trash().len(), 1);
    assert_eq!(cat.trash()[0].trashed.as_ref().unwrap().by, "Ani");
    cat.restore_record(&id, "Ben").unwrap().apply().unwrap();
    drop(cat);
    let cat = open(&path);
    let r = cat.get(&id).expect("restored");
    assert!(r.trashed.is_none());
    assert_eq!(r.title, "Արամ Գևորգյան");
    assert_eq!(r.modified_by, "Ben");
}

#[test]
fn emptying_the_trash_deletes_for_good_but_keeps_originals() {
    let (dir, path) = new_catalogue();
    let mut cat = open(&path);
    let file = dir.path().join("a.txt");
    fs::write(&file, b"evidence").unwrap();
    let a = dossier::media::import_file(&cat.blobs(), &file, "Ani", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    let mut r = Record::new(RecordKind::Media, "m", "Ani");
    r.attachments.push(a.clone());
    let id = cat.save(r, "Ani").unwrap();
    cat.trash_record(&id, "Ani").unwrap().apply().unwrap();
    cat.empty_trash("Ani").unwrap().apply().unwrap();
    drop(cat);
    let cat = open(&path);
    assert!(cat.trash().is_empty() && cat.records().is_empty());
    assert!(cat.blobs().contains(&a.sha256));
}

#[test]
fn a_move_to_the_trash_cut_short_by_a_crash_is_finished_on_open() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "x", "Ani"), "Ani")
        .unwrap();
    // Apply only part of the trash batch: logged and marked trashed, not yet moved.
    let batch = cat.trash_record(&id, "Ani").unwrap();
    assert!(
        matches!(batch.ops[0], FsOp::Audit { .. }),
        "the log is written first"
    );
    batch.ops[0].apply().unwrap();
    batch.ops[1].apply().unwrap();
    drop(cat);
    let cat = open(&path);
    assert!(cat.get(&id).is_none());
    assert_eq!(cat.trash().len(), 1);
    assert!(path.join(TRASH_DIR).join(format!("{id}.json")).is_file());
}

#[test]
fn opening_says_clearly_what_is_wrong_with_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let err = Catalogue::open(&missing, OpenOptions::default()).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(err.to_string().contains("nowhere"), "{err}");

    let plain = dir.path().join("plain");
    fs::create_dir(&plain).unwrap();
    let err = Catalogue::open(&plain, OpenOptions::default()).unwrap_err();
    assert!(err.to_string().contains("not a Dossier catalogue"), "{err}");
    assert!(err.to_string().contains("dossier.json"), "{err}");

    fs::write(plain.join("x"), b"x").unwrap();
    let err = Catalogue::create(&plain, "t", "Ani").unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
}

#[test]
fn ids_can_be_given_by_their_beginning() {
    let (_dir, path) = new_catalogue();
    let mut cat = open(&path);
    let id = cat
        .save(Record::new(RecordKind::Report, "x", "Ani"), "Ani")
        .unwrap();
    let simple = id.0.simple().to_string();
    assert_eq!(cat.resolve(&simple[..12]).unwrap(), id);
    assert_eq!(cat.resolve(&id.to_string()).unwrap(), id);
    assert!(cat.resolve("ffffffffffff").is_err());
    assert!(cat.resolve("ab").is_err(), "too short to be safe");
}

#[test]
fn importing_the_same_bytes_twice_stores_them_once() {
    let (dir, path) = new_catalogue();
    let cat = open(&path);
    let a = dir.path().join("a.bin");
    let b = dir.path().join("b.bin");
    fs::write(&a, b"same bytes").unwrap();
    fs::write(&b, b"same bytes").unwrap();
    let first =
        dossier::media::import_file(&cat.blobs(), &a, "Ani", Label::Amber, &mut |_| {}).unwrap();
    let second =
        dossier::media::import_file(&cat.blobs(), &b, "Ani", Label::Amber, &mut |_| {}).unwrap();
    assert!(!first.already_stored && second.already_stored);
    let (first, second) = (first.attachment, second.attachment);
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(first.sha256, dossier::durable::hash_bytes(b"same bytes"));
    assert_eq!(first.size, 10);
    let stored: BTreeSet<_> = fs::read_dir(path.join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(stored.len(), 1);
}

#[test]
fn the_bundled_sample_opens_cleanly_with_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("Sample catalogue");
    assert!(dossier::sample::install_sample(&dest).unwrap());
    assert!(
        !dossier::sample::install_sample(&dest).unwrap(),
        "an existing copy is kept"
    );
    let cat = open(&dest);
    assert!(cat.problems().is_empty(), "{:?}", cat.problems());
    for kind in RecordKind::ALL {
        assert!(
            cat.records().iter().any(|r| r.kind == *kind),
            "no {kind} in the sample"
        );
    }
    assert!(
        cat.records()
            .iter()
            .any(|r| r.is_graphic() && !r.attachments.is_empty())
    );
    assert_eq!(cat.trash().len(), 1);
    assert!(dossier::integrity::check_catalogue(&cat).is_empty());
    // Originals in the copy are read-only, as the import makes them.
    let any = &cat
        .records()
        .iter()
        .find(|r| !r.attachments.is_empty())
        .unwrap()
        .attachments[0];
    assert!(
        fs::metadata(cat.blobs().path_of(&any.sha256))
            .unwrap()
            .permissions()
            .readonly()
    );
}
