//! Evidence integrity and chain of custody: the audit log, verify, relink, and what import
//! records. Each test damages a real catalogue on disk the way a crash, a careless hand or
//! an attacker would, and checks that Dossier notices and says where.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use dossier::audit::{AUDIT_FILE, Action, AuditEntry};
use dossier::model::{Label, Record, RecordId, RecordKind};
use dossier::store::{Catalogue, FsOp, RECORDS_DIR};

fn open(path: &Path, user: &str) -> Catalogue {
    common::open_as(path, user)
}

fn read_only(path: &Path) -> Catalogue {
    common::open_read_only(path)
}

/// A catalogue with one report holding one imported file, made by Ani.
struct Fixture {
    dir: tempfile::TempDir,
    root: PathBuf,
    id: RecordId,
    sha: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let mut cat = Catalogue::create(&root, "Case files", "Ani").unwrap();
    let file = dir.path().join("statement.txt");
    fs::write(&file, "Statement of a returned prisoner").unwrap();
    let attachment =
        dossier::media::import_file(&cat.blobs(), &file, "Ani", Label::Amber, &mut |_| {})
            .unwrap()
            .attachment;
    let sha = attachment.sha256.to_string();
    let mut r = Record::new(RecordKind::Report, "Report 1", "Ani");
    r.attachments.push(attachment);
    let id = cat.save(r, "Ani").unwrap();
    Fixture { dir, root, id, sha }
}

fn entries(root: &Path) -> Vec<AuditEntry> {
    read_only(root).audit().with_entries(|e| e.to_vec())
}

fn problems(root: &Path) -> Vec<dossier::integrity::VerifyProblem> {
    dossier::integrity::verify(root, None, &|_| {})
        .unwrap()
        .problems
}

fn flip_byte(path: &Path, at: usize) {
    let mut perms = fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(path, perms).unwrap();
    let mut bytes = fs::read(path).unwrap();
    bytes[at] ^= 0x01;
    fs::write(path, bytes).unwrap();
}

#[test]
fn every_change_is_logged_in_order_by_its_author() {
    let f = fixture();
    let mut cat = open(&f.root, "Ben");
    let mut r = cat.get(&f.id).unwrap().clone();
    r.label = Label::Red;
    r.title = "Report 1 (revised)".into();
    cat.save(r, "Ben").unwrap();
    cat.trash_record(&f.id, "Ben").unwrap().apply().unwrap();
    cat.restore_record(&f.id, "Ani").unwrap().apply().unwrap();
    drop(cat);

    let log = entries(&f.root);
    let actions: Vec<(Action, &str)> = log.iter().map(|e| (e.action, e.actor.as_str())).collect();
    assert_eq!(
        actions,
        [
            (Action::CatalogueCreated, "Ani"),
            (Action::Created, "Ani"),
            (Action::AttachmentImported, "Ani"),
            (Action::LabelChanged, "Ben"),
            (Action::Edited, "Ben"),
            (Action::Trashed, "Ben"),
            (Action::Restored, "Ani"),
        ]
    );
    assert_eq!(
        log[2].attachment.as_ref().map(|s| s.as_str()),
        Some(f.sha.as_str())
    );
    assert_eq!(log[3].changes[0].from, Some(serde_json::json!("TLP:AMBER")));
    assert_eq!(log[3].changes[0].to, Some(serde_json::json!("TLP:RED")));
    assert_eq!(log[4].changes[0].field, "title");
    // The last entry names the exact bytes of the record file.
    let file = fs::read(f.root.join(RECORDS_DIR).join(format!("{}.json", f.id))).unwrap();
    assert_eq!(
        log[6].record_sha256,
        Some(dossier::durable::hash_bytes(&file))
    );
    assert!(problems(&f.root).is_empty());
}

#[test]
fn private_notes_never_reach_the_log_in_clear() {
    let f = fixture();
    let mut cat = open(&f.root, "Ani");
    let mut r = cat.get(&f.id).unwrap().clone();
    r.private_notes = "Witness lives at 12 Tumanyan street, phone 091-555-7788".into();
    cat.save(r, "Ani").unwrap();
    let mut p = Record::new(RecordKind::Person, "P", "Ani");
    p.private_notes = "Source: cousin in Goris".into();
    cat.save(p, "Ani").unwrap();
    drop(cat);
    let log = fs::read_to_string(f.root.join(AUDIT_FILE)).unwrap();
    for secret in ["Tumanyan", "555-7788", "Goris"] {
        assert!(!log.contains(secret), "'{secret}' is in the log");
    }
    let edited = entries(&f.root)
        .into_iter()
        .find(|e| e.action == Action::Edited)
        .unwrap();
    assert_eq!(edited.changes[0].field, "private_notes");
    assert!(edited.changes[0].salted_sha256.is_some());
}

#[test]
fn a_crash_between_the_log_and_the_record_is_found_and_logged_on_open() {
    let f = fixture();
    let mut cat = open(&f.root, "Ani");
    let mut r = cat.get(&f.id).unwrap().clone();
    r.title = "Changed, but the power went off".into();
    let batch = cat.put(r, "Ani").unwrap();
    // First the check that the file is still the one read, then the log, then the file.
    let audit = batch
        .ops
        .iter()
        .position(|op| matches!(op, FsOp::Audit { .. }))
        .unwrap();
    assert!(
        !batch.ops[..audit]
            .iter()
            .any(|op| matches!(op, FsOp::Write { .. }))
    );
    for op in &batch.ops[..=audit] {
        op.apply().unwrap(); // the entry reaches the disk, the record never does
    }
    drop(cat);

    let before = dossier::integrity::verify(&f.root, None, &|_| {}).unwrap();
    assert_eq!(before.problems.len(), 1, "{:?}", before.problems);
    assert!(
        before.problems[0]
            .what
            .contains("differs from its last logged version")
    );

    let cat = open(&f.root, "Ben");
    assert_eq!(
        cat.get(&f.id).unwrap().title,
        "Report 1",
        "the old version is intact"
    );
    let last = entries(&f.root).pop().unwrap();
    assert_eq!(last.action, Action::Repaired);
    assert_eq!(last.actor, "Ben");
    assert!(
        last.note.contains("did not reach the disk"),
        "{}",
        last.note
    );
    drop(cat);
    assert!(problems(&f.root).is_empty(), "the repair closes the gap");
}

#[test]
fn a_creation_logged_but_never_written_is_closed_by_a_logged_repair() {
    let f = fixture();
    let mut cat = open(&f.root, "Ani");
    let r = Record::new(
        RecordKind::Statement,
        "Written when the power went off",
        "Ani",
    );
    let new_id = r.id;
    let batch = cat.put(r, "Ani").unwrap();
    batch.ops[0].apply().unwrap(); // the entry reaches the disk, the record file never does
    drop(cat);
    assert!(
        problems(&f.root)
            .iter()
            .any(|p| p.what.contains("the record file is missing")),
        "before opening, verify sees the gap"
    );

    let cat = open(&f.root, "Ben");
    assert!(cat.get(&new_id).is_none());
    assert!(cat.get(&f.id).is_some(), "the saved record is intact");
    let last = entries(&f.root).pop().unwrap();
    assert_eq!(last.action, Action::Repaired);
    assert_eq!(last.record, Some(new_id));
    assert!(last.note.contains("never written"), "{}", last.note);
    drop(cat);
    assert!(problems(&f.root).is_empty(), "the repair closes the gap");
}

#[test]
fn a_record_file_removed_by_hand_is_not_repaired_away() {
    let f = fixture();
    let mut cat = open(&f.root, "Ani");
    let other = cat
        .save(Record::new(RecordKind::Report, "Later", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    // The first record's file goes; entries for another record follow its own.
    fs::remove_file(f.root.join(RECORDS_DIR).join(format!("{}.json", f.id))).unwrap();
    drop(open(&f.root, "Ben"));
    assert!(
        entries(&f.root)
            .iter()
            .all(|e| e.action != Action::Repaired)
    );
    let found = problems(&f.root);
    assert!(
        found
            .iter()
            .any(|p| p.what.contains("the record file is missing")),
        "{found:#?}"
    );
    assert!(read_only(&f.root).get(&other).is_some());
}

#[test]
fn an_original_copied_but_never_logged_is_set_aside_and_logged_on_opening() {
    let f = fixture();
    // An import copied its file into attachments/ and stopped before logging it.
    let stray = dossier::durable::hash_bytes(b"half-imported").to_string();
    fs::write(f.root.join("attachments").join(&stray), b"half-imported").unwrap();
    // A save cut short left its temp file.
    let temp = f.root.join(RECORDS_DIR).join(".x.json.0191.tmp");
    fs::write(&temp, b"{\"partial").unwrap();
    assert!(
        problems(&f.root)
            .iter()
            .any(|p| p.what.contains("never saw imported"))
    );

    drop(open(&f.root, "Ben"));
    let kept = f.root.join(dossier::store::RECOVERED_DIR).join(&stray);
    assert_eq!(
        fs::read(&kept).unwrap(),
        b"half-imported",
        "moved, not deleted"
    );
    assert!(!f.root.join("attachments").join(&stray).exists());
    assert!(!temp.exists());
    let last = entries(&f.root).pop().unwrap();
    assert_eq!(last.action, Action::Repaired);
    assert!(last.note.contains("recovered/"), "{}", last.note);
    assert!(problems(&f.root).is_empty());
    assert!(
        f.root.join("attachments").join(&f.sha).exists(),
        "the real original stays"
    );
}

#[test]
fn an_entry_cut_short_by_a_crash_is_removed_and_the_repair_logged() {
    let f = fixture();
    let path = f.root.join(AUDIT_FILE);
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"action\":\"edited\",\"actor\":\"Ani\",\"cha");
    fs::write(&path, &bytes).unwrap();
    assert!(
        problems(&f.root)
            .iter()
            .any(|p| p.what.contains("incomplete"))
    );

    drop(open(&f.root, "Ani"));
    let log = entries(&f.root);
    assert_eq!(log.last().unwrap().action, Action::Repaired);
    assert!(log.last().unwrap().note.contains("cut short"));
    assert!(problems(&f.root).is_empty());
}

#[test]
fn verify_names_a_flipped_byte_in_an_original() {
    let f = fixture();
    let original = f.root.join("attachments").join(&f.sha);
    flip_byte(&original, 3);
    let found = problems(&f.root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, original);
    assert_eq!(found[0].what, "the original has changed");
    assert_eq!(found[0].expected, format!("sha256 {}", f.sha));
    assert_ne!(found[0].found, found[0].expected);
}

#[test]
fn verify_names_a_flipped_byte_in_a_record() {
    let f = fixture();
    let file = f.root.join(RECORDS_DIR).join(format!("{}.json", f.id));
    let text = fs::read_to_string(&file).unwrap();
    let at = text.find("Report 1").unwrap() + 2; // 'p' -> 'q': still valid JSON
    flip_byte(&file, at);
    let found = problems(&f.root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, file);
    assert!(
        found[0]
            .what
            .contains("differs from its last logged version")
    );
    assert_eq!(
        found[0].found,
        format!("sha256 {}", dossier::durable::hash_file(&file).unwrap())
    );
}

#[test]
fn verify_names_a_flipped_byte_in_an_audit_entry() {
    let f = fixture();
    let path = f.root.join(AUDIT_FILE);
    let text = fs::read_to_string(&path).unwrap();
    let second_line = text.find('\n').unwrap() + 1;
    let at = second_line + text[second_line..].find("\"Ani\"").unwrap() + 1; // Ani -> @ni
    flip_byte(&path, at);
    let found = problems(&f.root);
    assert!(
        found
            .iter()
            .any(|p| p.path == path && p.what.contains("line 2: entry 2 was altered")),
        "{found:?}"
    );
}

fn rewrite_lines(path: &Path, edit: impl FnOnce(&mut Vec<String>)) {
    let text = fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    edit(&mut lines);
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn verify_notices_a_deleted_audit_line() {
    let f = fixture();
    let path = f.root.join(AUDIT_FILE);
    rewrite_lines(&path, |lines| {
        lines.remove(1);
    });
    let found = problems(&f.root);
    assert!(
        found.iter().any(|p| p
            .what
            .contains("line 2: entries are missing or out of order")
            && p.expected == "entry 2"
            && p.found == "entry 3"),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.what.contains("chain is broken")));
}

#[test]
fn verify_notices_two_swapped_audit_lines() {
    let f = fixture();
    let path = f.root.join(AUDIT_FILE);
    rewrite_lines(&path, |lines| lines.swap(1, 2));
    let found = problems(&f.root);
    assert!(
        found.iter().any(|p| p
            .what
            .contains("line 2: entries are missing or out of order")),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.what.contains("line 3")));
}

#[test]
fn verify_finds_missing_and_unknown_files() {
    let f = fixture();
    let original = f.root.join("attachments").join(&f.sha);
    fs::remove_file(&original).unwrap();
    fs::write(f.root.join("attachments").join("holiday.jpg"), b"x").unwrap();
    let stranger = dossier::durable::hash_bytes(b"planted").to_string();
    fs::write(f.root.join("attachments").join(&stranger), b"planted").unwrap();
    fs::write(f.root.join(RECORDS_DIR).join("notes.txt"), b"x").unwrap();
    let found = problems(&f.root);
    let what: Vec<&str> = found.iter().map(|p| p.what.as_str()).collect();
    assert!(
        what.iter()
            .any(|w| w.contains("the original of 'statement.txt'") && w.contains("is missing")),
        "{what:?}"
    );
    assert!(found.iter().any(|p| p.path.ends_with("holiday.jpg")));
    assert!(
        found
            .iter()
            .any(|p| p.path.ends_with(&stranger) && p.what.contains("never saw imported"))
    );
    assert!(found.iter().any(|p| p.path.ends_with("notes.txt")));
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn relink_restores_by_hash_and_refuses_a_same_named_impostor() {
    let f = fixture();
    let original = f.root.join("attachments").join(&f.sha);
    fs::remove_file(&original).unwrap();
    let backup = f.dir.path().join("usb-drive");
    fs::create_dir_all(backup.join("old/nested")).unwrap();
    fs::write(backup.join("statement.txt"), "Someone else's statement").unwrap();
    fs::write(
        backup.join("old/nested/copy-of-it.bin"),
        "Statement of a returned prisoner",
    )
    .unwrap();

    let cat = open(&f.root, "Ani");
    let missing = cat.missing_originals();
    assert_eq!(missing.len(), 1);
    let report =
        dossier::integrity::relink(&cat.blobs(), cat.audit(), &missing, &backup, "Ani", &|_| {})
            .unwrap();
    assert_eq!(report.restored.len(), 1);
    assert!(report.restored[0].1.ends_with("copy-of-it.bin"));
    assert_eq!(report.refused.len(), 1);
    assert!(report.refused[0].0.ends_with("statement.txt"));
    assert!(
        report.refused[0].1.contains("other contents"),
        "{}",
        report.refused[0].1
    );
    assert!(report.still_missing.is_empty());
    assert_eq!(
        fs::read_to_string(&original).unwrap(),
        "Statement of a returned prisoner"
    );
    assert!(fs::metadata(&original).unwrap().permissions().readonly());
    drop(cat);
    let last = entries(&f.root).pop().unwrap();
    assert_eq!(last.action, Action::Relinked);
    assert_eq!(
        last.attachment.as_ref().map(|s| s.as_str()),
        Some(f.sha.as_str())
    );
    assert!(last.note.contains("copy-of-it.bin"));
    assert!(problems(&f.root).is_empty());
}

#[test]
fn exif_is_read_from_a_real_photo_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("IMG_0412.jpg");
    let img = image::RgbImage::from_pixel(640, 480, image::Rgb([90, 120, 160]));
    let bytes = common::jpeg_with_exif(
        &img,
        &common::CameraExif {
            captured: "2020:10:04 09:12:30",
            make: "Canon",
            model: "EOS 80D",
            lat: 39.8153,
            lon: 46.7519,
            orientation: 6,
        },
    );
    fs::write(&photo, bytes).unwrap();
    let cat = Catalogue::create(&dir.path().join("cat"), "t", "Ani").unwrap();
    let a = dossier::media::import_file(&cat.blobs(), &photo, "Ani", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    assert_eq!(a.media_type, "image/jpeg");
    let m = &a.metadata;
    assert_eq!((m.width, m.height), (Some(640), Some(480)));
    assert_eq!(m.captured_at.as_deref(), Some("2020-10-04 09:12:30"));
    assert_eq!(m.camera.as_deref(), Some("Canon EOS 80D"));
    assert_eq!(m.orientation, Some(6));
    let gps = m.gps.expect("a position");
    assert!(
        (gps.lat - 39.8153).abs() < 1e-4 && (gps.lon - 46.7519).abs() < 1e-4,
        "{gps:?}"
    );
    assert_eq!(a.original_path, photo.to_string_lossy());
    assert_eq!(a.imported_by, "Ani");
}

#[test]
fn a_catalogue_whose_log_is_gone_holds_every_record_as_an_outside_change() {
    // Deleting the log must not launder the records: each is logged as found outside
    // Dossier and waits for a person's decision.
    let f = fixture();
    fs::remove_file(f.root.join(AUDIT_FILE)).unwrap();
    let cat = open(&f.root, "Ani");
    assert!(cat.outside_change(&f.id).is_some());
    drop(cat);
    let log = entries(&f.root);
    assert!(
        log.iter()
            .any(|e| e.action == Action::ChangedOutside && e.record == Some(f.id))
    );
    assert!(
        problems(&f.root)
            .iter()
            .any(|p| p.what.contains("changed outside Dossier")),
        "verify reports it until someone decides"
    );
    let mut cat = open(&f.root, "Ani");
    cat.accept_outside_changes(&[f.id], "Ani")
        .unwrap()
        .apply()
        .unwrap();
    drop(cat);
    assert!(problems(&f.root).is_empty(), "{:?}", problems(&f.root));
}

#[test]
fn a_verification_is_logged_and_dated() {
    let f = fixture();
    let cat = open(&f.root, "Ani");
    assert!(cat.audit().last_verified().is_none());
    let report = dossier::integrity::verify(&f.root, None, &|_| {}).unwrap();
    assert!(report.is_ok());
    assert_eq!((report.records, report.attachments), (1, 1));
    cat.log(vec![report.draft("Ani")]).unwrap().apply().unwrap();
    assert!(cat.audit().last_verified().is_some());
    let last = entries(&f.root).pop().unwrap();
    assert_eq!(last.action, Action::Verified);
    assert_eq!(last.details["problems"], 0);
    assert_eq!(last.details["attachments"], 1);
}

// --- The command line -----------------------------------------------------------------

fn dossier(args: &[&str]) -> std::process::Output {
    common::Cli::new().run(args)
}

#[test]
fn verify_on_the_command_line_exits_1_and_names_the_file() {
    let f = fixture();
    let root = f.root.to_str().unwrap();
    let ok = dossier(&["verify", root]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("OK: no problems found."));

    flip_byte(&f.root.join("attachments").join(&f.sha), 0);
    let bad = dossier(&["verify", root]);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains(&format!("attachments/{}", f.sha)), "{err}");
    assert!(err.contains("expected: sha256"), "{err}");
    let last = entries(&f.root).pop().unwrap();
    assert_eq!(
        last.action,
        Action::Verified,
        "the failed verification is logged too"
    );
    assert_eq!(last.details["problems"], 1);
}

#[test]
fn relink_and_history_on_the_command_line() {
    let f = fixture();
    let root = f.root.to_str().unwrap();
    fs::remove_file(f.root.join("attachments").join(&f.sha)).unwrap();
    let backup = f.dir.path().join("backup");
    fs::create_dir(&backup).unwrap();
    let missing_run = dossier(&["relink", root, backup.to_str().unwrap()]);
    assert_eq!(
        missing_run.status.code(),
        Some(1),
        "still missing is an error"
    );
    assert!(String::from_utf8_lossy(&missing_run.stderr).contains("statement.txt"));
    fs::write(backup.join("s.txt"), "Statement of a returned prisoner").unwrap();
    let out = dossier(&["relink", root, backup.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("restored 1, still missing 0"));

    let history = dossier(&["history", root, &f.id.to_string()]);
    let text = String::from_utf8_lossy(&history.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("Attachment imported"),
        "newest first: {text}"
    );
    assert!(lines[1].contains("Created"), "{text}");
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&dossier(&["history", root, &f.id.to_string(), "--json"]).stdout)
            .unwrap();
    assert_eq!(json.len(), 2);

    let log = dossier(&["log", root, "--action", "relinked"]);
    let text = String::from_utf8_lossy(&log.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("Script User"));
}
