//! Trust boundaries: everything that enters from outside the app's own write path (a
//! record file changed by a sync tool, a colleague or a script; a received package; a
//! hand-edited recipients.json; the bytes inside a photo) is checked where it is used,
//! never keeps an approval, and is printed inert. Real catalogues, real files, the real
//! binary.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use dossier::audit::{self, Action, AuditEntry};
use dossier::model::{Label, Recipient, RecipientKind, Record, RecordId, RecordKind, ReviewState};
use dossier::share::{self, HoldReason, ShareError};
use dossier::store::{Catalogue, RECORDS_DIR};

use crate::common::{open_as as open, open_read_only as read_only};

fn entries(root: &Path) -> Vec<AuditEntry> {
    let (log, _) =
        audit::AuditLog::load(&dossier::durable::vault::Vault::plain(root), false).unwrap();
    log.with_entries(|e| e.to_vec())
}

fn public() -> Recipient {
    Recipient::new("Public", RecipientKind::Public, Label::Clear)
}

/// A catalogue holding one approved record with the given label, and a public recipient.
struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
    id: RecordId,
}

fn world(label: Label) -> World {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let mut cat = Catalogue::create(&root, "Case files", "Ani").unwrap();
    let mut r = Record::new(RecordKind::Report, "Names of captives", "Ani");
    r.label = label;
    r.review = ReviewState::Approved;
    let id = cat.save(r, "Ani").unwrap();
    cat.set_recipients(vec![public()], "Ani")
        .unwrap()
        .apply()
        .unwrap();
    World {
        _dir: dir,
        root,
        id,
    }
}

fn record_file(root: &Path, id: &RecordId) -> PathBuf {
    root.join(RECORDS_DIR).join(format!("{id}.json"))
}

/// Edits a record file the way a person or a script would: text in, text out.
fn edit_outside(root: &Path, id: &RecordId, from: &str, to: &str) {
    let path = record_file(root, id);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{text}");
    fs::write(&path, text.replace(from, to)).unwrap();
}

fn verify_problems(root: &Path) -> Vec<String> {
    dossier::integrity::verify(root, None, &|_| {})
        .unwrap()
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path.display(), p.what))
        .collect()
}

// ------------------------------------------------ 1. an outside change keeps no approval

#[test]
fn an_approved_red_record_relabelled_clear_outside_dossier_is_never_shared() {
    let w = world(Label::Red);
    edit_outside(&w.root, &w.id, "TLP:RED", "TLP:CLEAR");

    let cat = open(&w.root, "Ben");
    let r = cat.get(&w.id).unwrap();
    assert_eq!(r.label, Label::Clear, "the file is adopted as found");
    assert_eq!(r.review, ReviewState::InReview, "but its approval is gone");
    assert!(r.review_comment.contains("changed outside Dossier"));
    assert!(cat.outside_change(&w.id).is_some());
    assert!(
        cat.opening_report()
            .iter()
            .any(|l| l.contains("changed outside Dossier")),
        "{:?}",
        cat.opening_report()
    );
    let plan = share::plan(&cat, &public(), None);
    assert!(plan.included.is_empty());
    assert_eq!(plan.held[0].reason, HoldReason::ChangedOutside);
    drop(cat);

    let log = entries(&w.root);
    let actions: Vec<Action> = log.iter().rev().take(2).map(|e| e.action).collect();
    assert_eq!(actions, [Action::ReviewChanged, Action::ChangedOutside]);

    // verify reports, and never launders: the second run reports the same.
    for _ in 0..2 {
        let found = verify_problems(&w.root);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("changed outside Dossier"), "{found:?}");
    }
}

#[test]
fn the_command_line_refuses_to_share_an_outside_change_and_says_so() {
    let cli = common::Cli::new();
    let cat = cli.path("cat");
    let cat_s = cat.to_str().unwrap();
    cli.ok(&["new", cat_s, "--title", "T", "--plain"]);
    let (id, _) = cli.ok(&[
        "add", cat_s, "--kind", "report", "--title", "R", "--label", "red",
    ]);
    let id = id.trim().to_string();
    // Two people for every approval: a colleague approves what this user submitted.
    let approve = || {
        cli.ok(&[
            "review",
            cat_s,
            &id,
            "--approve",
            "--user",
            "Second Reviewer",
        ])
    };
    cli.ok(&["review", cat_s, &id, "--submit"]);
    approve();
    cli.ok(&[
        "recipients",
        cat_s,
        "add",
        "Public",
        "--kind",
        "public",
        "--max-label",
        "clear",
    ]);
    let rid: RecordId = id.parse().unwrap();
    edit_outside(&cat, &rid, "TLP:RED", "TLP:CLEAR");

    // A read-only command notices it, says so on stderr, and logs nothing.
    let before = entries(&cat).len();
    let (out, err) = cli.ok(&["list", cat_s]);
    assert!(out.contains(&id[..8]) || out.contains('R'), "{out}");
    assert!(err.contains("changed outside Dossier"), "{err}");
    assert_eq!(entries(&cat).len(), before);

    let pkg = cli.path("pkg.zip");
    let (_, err) = cli.fails(&[
        "share",
        cat_s,
        "--recipient",
        "Public",
        "--out",
        pkg.to_str().unwrap(),
    ]);
    assert!(err.contains("changed outside Dossier"), "{err}");
    assert!(err.contains("Nothing may go to Public"), "{err}");
    assert!(!pkg.exists());

    // Both verifications report it; neither launders it.
    for _ in 0..2 {
        let (out, err) = cli.fails(&["verify", cat_s]);
        assert!(err.contains("changed outside Dossier"), "{out}{err}");
    }
    // `check` lists it, with what to do.
    let (_, err) = cli.fails(&["check", cat_s]);
    assert!(err.contains("accepts the change for review"), "{err}");

    // A reviewer cannot approve it over the open change.
    let (_, err) = cli.fails(&["review", cat_s, &id, "--approve"]);
    assert!(err.contains("changed outside Dossier"), "{err}");

    // Accepting it sends it to review; it is shared only once approved again.
    let (out, _) = cli.ok(&["resolve", cat_s, &id, "--accept"]);
    assert!(out.contains("Accepted 1 outside change"), "{out}");
    cli.ok(&["verify", cat_s]);
    cli.fails(&[
        "share",
        cat_s,
        "--recipient",
        "Public",
        "--out",
        pkg.to_str().unwrap(),
    ]);
    approve();
    cli.ok(&[
        "share",
        cat_s,
        "--recipient",
        "Public",
        "--out",
        pkg.to_str().unwrap(),
    ]);
    let log = entries(&cat);
    assert!(
        log.iter()
            .any(|e| e.action == Action::OutsideChangeAccepted && e.actor == "Script User")
    );
}

#[test]
fn a_record_file_copied_in_as_approved_is_held_until_a_reviewer_approves_it() {
    let w = world(Label::Amber);
    // A file made outside Dossier, claiming approval and a public label.
    let mut forged = Record::new(RecordKind::Statement, "Forged", "Mallory");
    forged.label = Label::Clear;
    forged.review = ReviewState::Approved;
    fs::write(record_file(&w.root, &forged.id), forged.to_json()).unwrap();

    let cat = open(&w.root, "Ben");
    let r = cat.get(&forged.id).expect("adopted, not hidden");
    assert_eq!(r.review, ReviewState::InReview);
    let change = cat.outside_change(&forged.id).unwrap();
    assert!(change.previous.is_none(), "the log never had it");
    assert!(share::plan(&cat, &public(), None).included.is_empty());
    drop(cat);
    let log = entries(&w.root);
    assert!(
        log.iter()
            .any(|e| e.action == Action::ChangedOutside && e.record == Some(forged.id))
    );
    // Restoring is impossible (there is no logged version); accepting works.
    let mut cat = open(&w.root, "Ben");
    let err = cat
        .restore_logged_version(&forged.id, &forged.to_json(), "x", "Ben")
        .unwrap_err();
    assert!(err.to_string().contains("no logged version"), "{err}");
    cat.accept_outside_changes(&[forged.id], "Ben")
        .unwrap()
        .apply()
        .unwrap();
    assert!(share::plan(&cat, &public(), None).included.is_empty());
    cat.review(
        &[forged.id],
        dossier::model::ReviewAction::Approve,
        "",
        "Gohar",
    )
    .unwrap()
    .apply()
    .unwrap();
    let plan = share::plan(&cat, &public(), None);
    assert_eq!(plan.included.len(), 1, "now a reviewer has approved it");
}

#[test]
fn a_read_only_opening_holds_an_outside_change_back_without_logging_it() {
    let w = world(Label::Clear);
    edit_outside(
        &w.root,
        &w.id,
        "Names of captives",
        "Names of captives (edited)",
    );
    let before = entries(&w.root).len();
    let cat = read_only(&w.root);
    assert_eq!(cat.get(&w.id).unwrap().review, ReviewState::InReview);
    let change = cat.outside_change(&w.id).unwrap();
    assert!(change.logged_at.is_none());
    let plan = share::plan(&cat, &public(), None);
    assert!(plan.included.is_empty(), "held back even read-only");
    drop(cat);
    assert_eq!(entries(&w.root).len(), before, "nothing logged read-only");
    let found = verify_problems(&w.root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("differs from its last logged version"));
}

#[test]
fn restoring_the_logged_version_from_a_backup_undoes_the_outside_change() {
    let w = world(Label::Red);
    let backup = w.root.parent().unwrap().join("backup");
    fs::create_dir_all(backup.join("deep")).unwrap();
    fs::copy(
        record_file(&w.root, &w.id),
        backup.join("deep").join(format!("{}.json", w.id)),
    )
    .unwrap();
    // A decoy with the right name but other bytes is passed over.
    fs::write(backup.join(format!("{}.json", w.id)), b"{}").unwrap();
    edit_outside(&w.root, &w.id, "TLP:RED", "TLP:CLEAR");
    drop(open(&w.root, "Ben"));

    let cli = common::Cli::new();
    let root = w.root.to_str().unwrap();
    let wrong = cli.path("empty");
    fs::create_dir(&wrong).unwrap();
    let (_, err) = cli.fails(&[
        "resolve",
        root,
        &w.id.to_string(),
        "--restore",
        wrong.to_str().unwrap(),
    ]);
    assert!(err.contains("No copy of record"), "{err}");
    let (out, _) = cli.ok(&[
        "resolve",
        root,
        &w.id.to_string(),
        "--restore",
        backup.to_str().unwrap(),
    ]);
    assert!(out.contains("Restored record"), "{out}");
    let cat = open(&w.root, "Ben");
    let r = cat.get(&w.id).unwrap();
    assert_eq!(r.label, Label::Red, "the logged version is back");
    assert_eq!(r.review, ReviewState::Approved, "exactly as it was logged");
    assert!(cat.outside_change(&w.id).is_none());
    assert!(share::plan(&cat, &public(), None).included.is_empty());
    drop(cat);
    assert!(verify_problems(&w.root).is_empty());
    let last = entries(&w.root).pop().unwrap();
    assert_eq!(last.action, Action::LoggedVersionRestored);
}

#[test]
fn a_record_file_changed_after_planning_stops_the_package() {
    let w = world(Label::Clear);
    let cat = open(&w.root, "Ani");
    let plan = share::plan(&cat, &public(), None);
    assert_eq!(plan.included.len(), 1);
    let job = share::prepare(&cat, &plan, "Ani").unwrap();
    // A sync tool rewrites the file between planning and writing.
    edit_outside(
        &w.root,
        &w.id,
        "Names of captives",
        "Names and addresses of captives",
    );
    let out = w.root.parent().unwrap().join("pkg");
    let err = share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(
        matches!(err, ShareError::RecordChangedOnDisk { .. }),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn verify_while_another_writer_saves_reports_no_false_tampering() {
    let w = world(Label::Amber);
    let root = w.root.clone();
    let id = w.id;
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let root = root.clone();
        std::thread::Builder::new()
            .name("writer".into())
            .spawn(move || {
                let mut cat = open(&root, "Writer");
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let mut r = cat.get(&id).unwrap().clone();
                    n += 1;
                    r.title = format!("Edit {n}");
                    cat.put(r, "Writer").unwrap().apply().unwrap();
                    let extra = Record::new(RecordKind::Report, format!("New {n}"), "Writer");
                    cat.save(extra, "Writer").unwrap();
                }
                n
            })
            .unwrap()
    };
    let mut runs = 0;
    let started = std::time::Instant::now();
    while runs < 30 || started.elapsed() < std::time::Duration::from_millis(500) {
        let found = verify_problems(&root);
        assert!(found.is_empty(), "run {runs}: {found:?}");
        runs += 1;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let saves = writer.join().unwrap();
    assert!(saves > 10, "the writer kept saving ({saves})");
}

// ------------------------------------------------ 2 and 7. a package is its bytes

/// A sending office's catalogue with one approved AMBER record holding a photo, and a
/// folder package of it for an NGO. Returns (sender's world, package folder, photo hash).
fn sent_package() -> (World, PathBuf, dossier::model::Sha256) {
    let w = world(Label::Amber);
    let mut cat = open(&w.root, "Ani");
    let photo = w.root.parent().unwrap().join("photo.jpg");
    fs::write(&photo, b"\xff\xd8\xff\xe0 the bytes of a photo").unwrap();
    let a = dossier::media::import_file(&cat.blobs(), &photo, "Ani", Label::Amber, &mut |_| {})
        .unwrap()
        .attachment;
    let sha = a.sha256.clone();
    let mut r = cat.get(&w.id).unwrap().clone();
    r.attachments.push(a);
    cat.save(r, "Ani").unwrap();
    cat.review(&[w.id], dossier::model::ReviewAction::Approve, "", "Gohar")
        .unwrap()
        .apply()
        .unwrap();
    let ngo = Recipient::new("NGO", RecipientKind::Ngo, Label::Amber);
    let plan = share::plan(&cat, &ngo, None);
    assert_eq!(plan.included.len(), 1);
    let job = share::prepare(&cat, &plan, "Ani").unwrap();
    let out = w.root.parent().unwrap().join("pkg");
    share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    (w, out, sha)
}

/// Rewrites a folder package's manifest to list exactly the files it now holds, as a
/// forger would after changing them.
fn reseal(pkg: &Path, edit_manifest: impl FnOnce(&mut serde_json::Value)) {
    let mut files = Vec::new();
    let mut stack = vec![pkg.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(pkg)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "manifest.json" {
                continue;
            }
            let bytes = fs::read(&p).unwrap();
            files.push(serde_json::json!({
                "path": rel,
                "sha256": dossier::durable::hash_bytes(&bytes),
                "size": bytes.len(),
            }));
        }
    }
    let path = pkg.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    manifest["files"] = serde_json::Value::Array(files);
    edit_manifest(&mut manifest);
    fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
}

fn edit_records_json(pkg: &Path, edit: impl FnOnce(&mut Vec<serde_json::Value>)) {
    let path = pkg.join("records.json");
    let mut records: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut records);
    fs::write(&path, serde_json::to_vec_pretty(&records).unwrap()).unwrap();
}

/// A receiving office's catalogue, empty but for what the test puts in it.
fn receiver() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ours");
    Catalogue::create(&root, "Ours", "Lena").unwrap();
    (dir, root)
}

#[test]
fn a_package_hash_that_is_a_path_is_refused_and_nothing_outside_is_read() {
    let (_w, pkg, _) = sent_package();
    for bad in ["../../x", "/etc/hostname"] {
        edit_records_json(&pkg, |records| {
            records[0]["attachments"][0]["sha256"] = serde_json::json!(bad);
        });
        reseal(&pkg, |_| {});
        let (_d, ours) = receiver();
        let err = share::receive(&pkg, &ours, true, "Lena").unwrap_err();
        assert!(err.to_string().contains("not a SHA-256"), "{err}");
        assert!(open(&ours, "Lena").records().is_empty());
    }
}

#[test]
fn a_package_naming_only_the_hash_of_an_original_we_hold_is_refused() {
    let (_w, pkg, sha) = sent_package();
    // The receiving office holds the same bytes as RED evidence.
    let (dir, ours) = receiver();
    let mut cat = open(&ours, "Lena");
    let secret = dir.path().join("secret.jpg");
    fs::write(&secret, b"\xff\xd8\xff\xe0 the bytes of a photo").unwrap();
    let a = dossier::media::import_file(&cat.blobs(), &secret, "Lena", Label::Red, &mut |_| {})
        .unwrap()
        .attachment;
    assert_eq!(a.sha256, sha);
    let mut held = Record::new(RecordKind::Media, "Held", "Lena");
    held.label = Label::Red;
    held.attachments.push(a);
    cat.save(held, "Lena").unwrap();
    drop(cat);

    // A forged package names the hash but leaves the bytes out.
    let forged = pkg.parent().unwrap().join("forged");
    crate::common::copy_dir(&pkg, &forged);
    fs::remove_dir_all(forged.join("attachments")).unwrap();
    reseal(&forged, |_| {});
    let err = share::receive(&forged, &ours, true, "Lena").unwrap_err();
    assert!(err.to_string().contains("not in the package"), "{err}");

    // With the bytes in it, the record arrives, but the original keeps our RED label.
    let got = share::receive(&pkg, &ours, true, "Lena").unwrap();
    assert_eq!((got.added, got.kept_stricter_label), (1, 1));
    let mut cat = open(&ours, "Lena");
    let received = cat
        .records()
        .iter()
        .find(|r| r.title == "Names of captives")
        .unwrap()
        .clone();
    assert_eq!(received.attachments[0].label, Label::Red);
    cat.review(
        &[received.id],
        dossier::model::ReviewAction::Approve,
        "",
        "Gohar",
    )
    .unwrap()
    .apply()
    .unwrap();
    let ngo = Recipient::new("NGO", RecipientKind::Ngo, Label::Amber);
    let plan = share::plan(&cat, &ngo, None);
    let inc = plan.included.iter().find(|i| i.id == received.id).unwrap();
    assert!(inc.attachments.is_empty(), "the RED original stays");
}

#[test]
fn two_records_with_one_id_or_a_newer_format_are_refused() {
    let (_w, pkg, _) = sent_package();
    edit_records_json(&pkg, |records| {
        let mut twin = records[0].clone();
        twin["title"] = serde_json::json!("An unverified twin");
        records.push(twin);
    });
    reseal(&pkg, |_| {});
    let (_d, ours) = receiver();
    let err = share::receive(&pkg, &ours, true, "Lena").unwrap_err();
    assert!(err.to_string().contains("twice"), "{err}");
    assert!(open(&ours, "Lena").records().is_empty());

    let (_w, pkg, _) = sent_package();
    reseal(&pkg, |m| m["version"] = serde_json::json!(99));
    let err = share::receive(&pkg, &ours, true, "Lena").unwrap_err();
    assert!(err.to_string().contains("newer Dossier"), "{err}");
    let err = share::verify_package(&pkg).unwrap_err();
    assert!(err.to_string().contains("version 99"), "{err}");
}

#[test]
fn a_zip_with_two_entries_of_one_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.zip");
    {
        let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        use std::io::Write;
        zip.start_file("records.jsoN", opts).unwrap();
        zip.write_all(b"[]").unwrap();
        zip.start_file("records.json", opts).unwrap();
        zip.write_all(b"[]").unwrap();
        zip.finish().unwrap();
    }
    // Give both entries the same name, in the local headers and the central directory.
    let mut bytes = fs::read(&path).unwrap();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"records.jsoN") {
        bytes[at + i + 11] = b'n';
        at += i + 12;
    }
    fs::write(&path, &bytes).unwrap();
    let err = share::verify_package(&path).unwrap_err();
    assert!(err.to_string().contains("appears twice"), "{err}");
    let (_d, ours) = receiver();
    assert!(share::receive(&path, &ours, true, "Lena").is_err());
}

#[test]
fn a_records_file_swapped_while_receiving_never_brings_unverified_records() {
    let (_w, pkg, _) = sent_package();
    let good = fs::read(pkg.join("records.json")).unwrap();
    let mut forged: Vec<serde_json::Value> = serde_json::from_slice(&good).unwrap();
    forged[0]["title"] = serde_json::json!("Unverified swap");
    forged[0]["attachments"] = serde_json::json!([]);
    let forged = serde_json::to_vec_pretty(&forged).unwrap();
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let swapper = {
        let (stop, path) = (stop.clone(), pkg.join("records.json"));
        let (good, forged) = (good.clone(), forged.clone());
        std::thread::Builder::new()
            .name("swapper".into())
            .spawn(move || {
                let mut flip = false;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let tmp = path.with_extension("swap");
                    fs::write(&tmp, if flip { &forged } else { &good }).unwrap();
                    fs::rename(&tmp, &path).unwrap();
                    flip = !flip;
                }
                let tmp = path.with_extension("swap");
                let _ = fs::remove_file(tmp);
            })
            .unwrap()
    };
    let mut received = 0;
    for _ in 0..40 {
        let (_d, ours) = receiver();
        if share::receive(&pkg, &ours, true, "Lena").is_ok() {
            received += 1;
            let cat = open(&ours, "Lena");
            assert!(
                cat.records().iter().all(|r| r.title != "Unverified swap"),
                "an unverified records.json was imported"
            );
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    // Whether some receptions succeed depends on timing; none may bring the swap.
    println!("{received} of 40 receptions went through");
}

#[test]
fn a_package_of_too_many_records_is_refused_before_anything_is_stored() {
    let (_w, pkg, _) = sent_package();
    edit_records_json(&pkg, |records| {
        let mut one = records[0].clone();
        one["attachments"] = serde_json::json!([]);
        records.clear();
        for _ in 0..=share::MAX_RECORDS {
            one["id"] = serde_json::json!(RecordId::new());
            records.push(one.clone());
        }
    });
    fs::remove_dir_all(pkg.join("attachments")).unwrap();
    reseal(&pkg, |_| {});
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("new");
    let err = share::receive(&pkg, &dest, false, "Lena").unwrap_err();
    assert!(err.to_string().contains("more than 50000 records"), "{err}");
    assert!(!dest.exists(), "nothing was created");
}

#[cfg(unix)]
#[test]
fn a_package_larger_than_the_free_disk_is_refused_before_unpacking() {
    let (_w, pkg, _) = sent_package();
    // A sparse terabyte: the package says it holds it, and it does.
    let big = pkg.join("attachments").join("huge.bin");
    fs::File::create(&big).unwrap().set_len(1 << 40).unwrap();
    let sha = dossier::durable::hash_bytes(b"not computed: the size alone stops it");
    edit_records_json(&pkg, |records| {
        let mut a = records[0]["attachments"][0].clone();
        a["path"] = serde_json::json!("attachments/huge.bin");
        a["sha256"] = serde_json::json!(sha);
        a["size"] = serde_json::json!(1u64 << 40);
        records[0]["attachments"] = serde_json::json!([a]);
    });
    // The manifest claims the hash without anyone reading a terabyte.
    let mut files = Vec::new();
    for name in ["records.json", "index.html", "persons.csv"] {
        let bytes = fs::read(pkg.join(name)).unwrap();
        files.push(serde_json::json!({"path": name, "sha256": dossier::durable::hash_bytes(&bytes), "size": bytes.len()}));
    }
    for e in fs::read_dir(pkg.join("attachments")).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            fs::remove_dir_all(&p).unwrap();
        }
    }
    files.push(
        serde_json::json!({"path": "attachments/huge.bin", "sha256": sha, "size": 1u64 << 40}),
    );
    let mpath = pkg.join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&fs::read(&mpath).unwrap()).unwrap();
    m["files"] = serde_json::Value::Array(files);
    fs::write(&mpath, serde_json::to_vec(&m).unwrap()).unwrap();
    let (_d, ours) = receiver();
    let started = std::time::Instant::now();
    let err = share::receive(&pkg, &ours, true, "Lena").unwrap_err();
    assert!(matches!(err, ShareError::NoRoom { .. }), "{err}");
    assert!(err.to_string().contains("not enough room"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let leftovers: Vec<_> = fs::read_dir(ours.join("attachments")).unwrap().collect();
    assert!(leftovers.is_empty(), "nothing was unpacked");
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_an_original_fails_verify_and_is_never_shared() {
    let (w, _pkg, sha) = sent_package();
    let stored = w.root.join("attachments").join(sha.as_str());
    let elsewhere = w.root.parent().unwrap().join("elsewhere.jpg");
    fs::copy(&stored, &elsewhere).unwrap();
    let mut perms = fs::metadata(&stored).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&stored, perms).unwrap();
    fs::remove_file(&stored).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &stored).unwrap();
    let found = verify_problems(&w.root);
    assert!(
        found.iter().any(|p| p.contains("not a plain file")),
        "{found:?}"
    );
    let cat = open(&w.root, "Ani");
    let ngo = Recipient::new("NGO", RecipientKind::Ngo, Label::Amber);
    let plan = share::plan(&cat, &ngo, None);
    assert_eq!(
        plan.included[0].held_attachments[0].1,
        HoldReason::OriginalMissing
    );
}

#[test]
fn a_person_cannot_be_marked_distinct_from_themselves() {
    let w = world(Label::Amber);
    let mut cat = open(&w.root, "Ani");
    let p = cat
        .save(Record::new(RecordKind::Person, "Aram", "Ani"), "Ani")
        .unwrap();
    let err = cat.mark_distinct(&p, &p, "Ani").unwrap_err();
    assert!(err.to_string().contains("themselves"), "{err}");
}

// ------------------------------------------------ 3. recipients are checked where used

fn write_recipients(root: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = root.join("recipients.json");
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut v);
    fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

#[test]
fn a_public_recipient_edited_to_red_by_hand_receives_nothing() {
    let w = world(Label::Red);
    write_recipients(&w.root, |v| {
        v["recipients"][0]["max_label"] = serde_json::json!("TLP:RED");
    });
    let cat = open(&w.root, "Ani");
    assert!(
        cat.problems()
            .iter()
            .any(|p| p.reason.contains("TLP:CLEAR")),
        "{:?}",
        cat.problems()
    );
    // Even a plan made with the file's word for it holds everything back.
    let as_edited = cat.recipient("Public").unwrap().clone();
    assert_eq!(as_edited.max_label, Label::Red);
    let plan = share::plan(&cat, &as_edited, None);
    assert!(plan.included.is_empty());
    assert!(matches!(
        plan.held[0].reason,
        HoldReason::RecipientRefused(_)
    ));
    assert!(matches!(
        share::prepare(&cat, &plan, "Ani").unwrap_err(),
        ShareError::RecipientRefused(_)
    ));
    drop(cat);
    let cli = common::Cli::new();
    let out = cli.path("pkg");
    let (_, err) = cli.fails(&[
        "share",
        w.root.to_str().unwrap(),
        "--recipient",
        "Public",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("Nothing may go to Public"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_recipient_whose_clearance_was_raised_by_hand_waits_for_a_person() {
    let w = world(Label::Red);
    let mut cat = open(&w.root, "Ani");
    let mut all = cat.recipients().to_vec();
    all.push(Recipient::new("NGO", RecipientKind::Ngo, Label::Amber));
    cat.set_recipients(all, "Ani").unwrap().apply().unwrap();
    drop(cat);
    // Within the rules, but not what anyone logged.
    write_recipients(&w.root, |v| {
        v["recipients"][1]["max_label"] = serde_json::json!("TLP:RED");
    });
    let mut cat = open(&w.root, "Ani");
    let why = cat.recipient_problem("NGO").expect("a problem").to_string();
    assert!(why.contains("changed outside Dossier"), "{why}");
    let ngo = cat.recipient("NGO").unwrap().clone();
    assert!(share::plan(&cat, &ngo, None).included.is_empty());
    // Saving it again in Dossier is a person vouching for it, and it is logged.
    let all = cat.recipients().to_vec();
    cat.set_recipients(all, "Gohar").unwrap().apply().unwrap();
    assert!(cat.recipient_problem("NGO").is_none());
    assert_eq!(share::plan(&cat, &ngo, None).included.len(), 1);
    drop(cat);
    let last = entries(&w.root).pop().unwrap();
    assert_eq!(last.action, Action::RecipientsChanged);
    assert_eq!(last.actor, "Gohar");
    assert!(last.note.contains("confirmed"), "{}", last.note);
    assert!(open(&w.root, "Ani").recipient_problem("NGO").is_none());
}

#[test]
fn a_recipient_of_an_unknown_kind_is_a_problem_and_the_rest_still_load() {
    let w = world(Label::Amber);
    write_recipients(&w.root, |v| {
        let mut bad = v["recipients"][0].clone();
        bad["name"] = serde_json::json!("Mystery");
        bad["kind"] = serde_json::json!("secret-police");
        v["recipients"].as_array_mut().unwrap().push(bad);
    });
    let before = fs::read(w.root.join("recipients.json")).unwrap();
    let mut cat = open(&w.root, "Ani");
    assert!(cat.recipient("Public").is_some());
    assert!(cat.recipient("Mystery").is_none());
    assert!(
        cat.problems()
            .iter()
            .any(|p| p.reason.contains("'Mystery'") && p.reason.contains("kind")),
        "{:?}",
        cat.problems()
    );
    let all = cat.recipients().to_vec();
    assert!(cat.set_recipients(all, "Ani").is_err(), "never overwritten");
    assert_eq!(fs::read(w.root.join("recipients.json")).unwrap(), before);
}

// ------------------------------------------------ 6. printed text from outside is inert

fn no_terminal_controls(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    !text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn share_verify_prints_a_manifests_escape_sequences_inert() {
    let (_w, pkg, _) = sent_package();
    // A forger's manifest: escapes that would erase the line and print a reassurance,
    // and a file changed after the package was made.
    fs::write(
        pkg.join("persons.csv"),
        b"changed after the package was made",
    )
    .unwrap();
    let path = pkg.join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    m["created_by"] = serde_json::json!(
        "x\u{1b}[2K\r\u{1b}[1AEvery file matches the manifest.\n\u{9b}0m\u{202e}"
    );
    fs::write(&path, serde_json::to_vec(&m).unwrap()).unwrap();
    let cli = common::Cli::new();
    let out = cli.run(&["share-verify", pkg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        no_terminal_controls(&out.stdout),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        no_terminal_controls(&out.stderr),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\\u001b[2K"), "{stdout}");
    assert!(
        !stdout.lines().any(|l| l.starts_with("Every file matches")),
        "{stdout}"
    );
    assert!(stdout.contains("persons.csv: size differs"), "{stdout}");
    // --json stays valid JSON, escapes and all.
    let out = cli.run(&["share-verify", pkg.to_str().unwrap(), "--json"]);
    assert!(no_terminal_controls(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["problems"][0].as_str().unwrap().contains("persons.csv"));
}

#[test]
fn titles_and_names_from_record_files_print_inert() {
    let cli = common::Cli::new();
    let cat = cli.path("cat");
    let cat_s = cat.to_str().unwrap();
    cli.ok(&["new", cat_s, "--title", "T", "--plain"]);
    let evil = "Report\u{1b}]0;owned\u{7}\r\u{1b}[2KOK: no problems found.";
    let (id, _) = cli.ok(&["add", cat_s, "--kind", "report", "--title", evil]);
    for args in [
        vec!["list", cat_s],
        vec!["show", cat_s, id.trim()],
        vec!["history", cat_s, id.trim()],
        vec!["list", cat_s, "--json"],
    ] {
        let out = cli.run(&args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            no_terminal_controls(&out.stdout),
            "{args:?}: {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

// ------------------------------------------------ 8. the chain has an anchor

/// Rewrites the log as a short script could: `edit` changes entries, then every hash and
/// link is recomputed so that the chain is whole again.
fn rewrite_history(root: &Path, edit: impl Fn(&mut AuditEntry)) {
    let mut all = entries(root);
    let mut prev = audit::genesis();
    for e in &mut all {
        edit(e);
        e.prev = prev.clone();
        e.hash = e.compute_hash();
        prev = e.hash.clone();
    }
    let text: String = all.iter().map(|e| e.to_line()).collect();
    fs::write(root.join(audit::AUDIT_FILE), text).unwrap();
}

#[test]
fn a_package_and_verify_give_out_the_chain_head_and_a_rewritten_log_fails_against_it() {
    let (w, pkg, _) = sent_package();
    let manifest: share::Manifest =
        serde_json::from_slice(&fs::read(pkg.join("manifest.json")).unwrap()).unwrap();
    let head = manifest
        .chain_head
        .clone()
        .expect("the manifest carries the head");
    let log = entries(&w.root);
    let disclosed = log.iter().find(|e| e.action == Action::Disclosed).unwrap();
    assert_eq!(disclosed.details["chain_head"], head.to_string());
    assert_eq!(log[head.entries as usize - 1].hash, head.hash);
    let html = fs::read_to_string(pkg.join("index.html")).unwrap();
    assert!(html.contains(&head.hash.to_string()));

    let cli = common::Cli::new();
    let root = w.root.to_str().unwrap();
    let (out, _) = cli.ok(&["verify", root, "--against", &head.to_string()]);
    assert!(out.contains("Chain head: "), "{out}");
    assert!(out.contains("The log extends the chain head"), "{out}");
    let printed: audit::ChainHead = out
        .lines()
        .find_map(|l| l.strip_prefix("Chain head: "))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(printed, open(&w.root, "x").audit().head());

    // The record was AMBER; a script rewrites history so that it was always CLEAR.
    rewrite_history(&w.root, |e| {
        for c in &mut e.changes {
            if c.field == "label" {
                c.to = Some(serde_json::json!("TLP:CLEAR"));
            }
        }
    });
    cli.ok(&["verify", root]);
    let (_, err) = cli.fails(&["verify", root, "--against", &head.to_string()]);
    assert!(err.contains("does not extend the chain head"), "{err}");
    let (_, err) = cli.fails(&["verify", root, "--against", &printed.to_string()]);
    assert!(err.contains("was rewritten"), "{err}");
    let (_, err) = cli.fails(&["verify", root, "--against", "12:nothex"]);
    assert!(err.contains("not a chain head"), "{err}");
}

// ------------------------------------------------ 9. who the package says it is from

#[test]
fn a_package_names_the_office_unless_the_recipient_is_to_be_told_who_made_it() {
    let (w, pkg, _) = sent_package();
    let bytes = package_text(&pkg);
    assert!(!bytes.contains("Ani"), "the packager's name went out");
    let m: share::Manifest =
        serde_json::from_slice(&fs::read(pkg.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        m.created_by, "Case files",
        "the title stands in for the office"
    );

    let mut cat = open(&w.root, "Ani");
    cat.set_details(None, Some("Human Rights Defender's Office"), "Ani")
        .unwrap();
    let mut named = Recipient::new("Mediator", RecipientKind::Mediator, Label::Amber);
    named.name_sender = true;
    let ngo = Recipient::new("NGO", RecipientKind::Ngo, Label::Amber);
    cat.set_recipients(vec![public(), named.clone(), ngo.clone()], "Ani")
        .unwrap()
        .apply()
        .unwrap();
    for (recipient, expected) in [
        (ngo, "Human Rights Defender's Office"),
        (named, "Ani Hakobyan"),
    ] {
        let plan = share::plan(&cat, &recipient, None);
        let job = share::prepare(&cat, &plan, "Ani Hakobyan").unwrap();
        let out = w
            .root
            .parent()
            .unwrap()
            .join(format!("for-{}", recipient.name));
        share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)).unwrap();
        let m: share::Manifest =
            serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(m.created_by, expected);
        let text = package_text(&out);
        assert_eq!(text.contains("Ani Hakobyan"), expected == "Ani Hakobyan");
    }
    let log = entries(&w.root);
    assert!(log.iter().any(|e| e.action == Action::CatalogueChanged));
}

fn package_text(pkg: &Path) -> String {
    let mut all = String::new();
    for name in ["manifest.json", "records.json", "index.html", "persons.csv"] {
        all.push_str(&fs::read_to_string(pkg.join(name)).unwrap());
    }
    all
}

// ------------------------------------------------ 10. what must leave, does

#[test]
fn a_person_goes_out_with_birth_service_and_timeline_and_only_shared_sources() {
    let w = world(Label::Amber);
    let mut cat = open(&w.root, "Ani");
    let mut held = Record::new(RecordKind::Statement, "Held statement", "Ani");
    held.label = Label::Red;
    held.review = ReviewState::Approved;
    let held_id = cat.save(held, "Ani").unwrap();
    let mut p = Record::new(RecordKind::Person, "", "Ani");
    p.label = Label::Amber;
    p.review = ReviewState::Approved;
    {
        use dossier::model::{
            EvidenceBasis, PersonCategory, PersonName, PersonStatus, Sex, StatusEntry, Verification,
        };
        let person = p.person.as_mut().unwrap();
        person.names.push(PersonName {
            text: "Արամ Պետրոսյան".into(),
            lang: "hy".into(),
            primary: true,
            extra: Default::default(),
        });
        person.birth = Some("1999-03".parse().unwrap());
        person.sex = Some(Sex::Male);
        person.category = Some(PersonCategory::Serviceman);
        person.unit = "Military unit 12345".into();
        person.rank = "Private".into();
        person.residence = "Secret village".into();
        person.identifying = "Secret scar".into();
        person.add_status(StatusEntry {
            date: Some("2020-10-05".parse().unwrap()),
            ..StatusEntry::new(PersonStatus::Missing)
        });
        person.add_status(StatusEntry {
            basis: Some(EvidenceBasis::NotAcknowledged),
            date: Some("2020-10-20".parse().unwrap()),
            sources: vec![w.id, held_id],
            verification: Verification::Verified,
            note: "Seen in a video of captives".into(),
            ..StatusEntry::new(PersonStatus::Captured)
        });
    }
    let pid = cat.save(p, "Ani").unwrap();
    let mediator = Recipient::new("Mediator", RecipientKind::Mediator, Label::Amber);
    let plan = share::plan(&cat, &mediator, None);
    assert!(plan.includes_persons());
    let job = share::prepare(&cat, &plan, "Ani").unwrap();
    let out = w.root.parent().unwrap().join("pkg");
    share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    let records: Vec<share::PackageRecord> =
        serde_json::from_slice(&fs::read(out.join("records.json")).unwrap()).unwrap();
    let person = records
        .iter()
        .find(|r| r.id == pid)
        .unwrap()
        .person
        .clone()
        .unwrap();
    assert_eq!(person.birth.unwrap().to_string(), "1999-03");
    assert_eq!(person.unit, "Military unit 12345");
    assert_eq!(person.rank, "Private");
    assert_eq!(person.timeline.len(), 2);
    assert_eq!(
        person.timeline[1].sources,
        vec![w.id],
        "the RED source stays behind"
    );
    assert_eq!(person.timeline[1].note, "Seen in a video of captives");
    let text = package_text(&out);
    for secret in ["Secret village", "Secret scar", &held_id.to_string()] {
        assert!(!text.contains(secret), "{secret} went out");
    }
    let csv = fs::read_to_string(out.join("persons.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let row = rows.records().next().unwrap().unwrap();
    let col = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(col("date"), "2020-10-20");
    assert_eq!(col("birth"), "1999-03");
    assert_eq!(col("rank"), "Private");
    assert!(
        col("timeline").contains("2020-10-05 Missing"),
        "{}",
        col("timeline")
    );
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("Status timeline") && html.contains("Military unit 12345"));

    // Received, the person keeps it all.
    let (_d, ours) = receiver();
    share::receive(&out, &ours, true, "Lena").unwrap();
    let got = open(&ours, "Lena");
    let rp = got.get(&pid).unwrap().person.clone().unwrap();
    assert_eq!(rp.timeline.len(), 2);
    assert_eq!(rp.rank, "Private");
    assert_eq!(rp.status, Some(dossier::model::PersonStatus::Captured));
}

// ------------------------------------------------ 4 and 5. what a photo carries

/// A JPEG of a black picture whose camera preview still shows a red scene, with EXIF
/// giving a position, the camera and its serial number, and the time.
fn redacted_photo_with_stale_preview() -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let encode = |img: &image::RgbImage| {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(img)
            .unwrap();
        out
    };
    let black = encode(&image::RgbImage::from_pixel(
        640,
        480,
        image::Rgb([0, 0, 0]),
    ));
    let red = encode(&image::RgbImage::from_pixel(
        320,
        240,
        image::Rgb([230, 20, 20]),
    ));
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let r = |n: u32| Rational { num: n, denom: 1 };
    let mut w = exif::experimental::Writer::new();
    let fields = [
        (Tag::Make, ascii("Canon")),
        (Tag::Model, ascii("EOS 80D")),
        (Tag::BodySerialNumber, ascii("SN-7731904")),
        (Tag::DateTimeOriginal, ascii("2020:10:04 09:12:30")),
        (Tag::GPSLatitudeRef, ascii("N")),
        (Tag::GPSLatitude, Value::Rational(vec![r(39), r(48), r(55)])),
        (Tag::GPSLongitudeRef, ascii("E")),
        (Tag::GPSLongitude, Value::Rational(vec![r(46), r(45), r(7)])),
    ];
    let fields: Vec<Field> = fields
        .into_iter()
        .map(|(tag, value)| Field {
            tag,
            ifd_num: In::PRIMARY,
            value,
        })
        .collect();
    for f in &fields {
        w.push_field(f);
    }
    w.set_jpeg(&red, In::THUMBNAIL);
    let mut tiff = std::io::Cursor::new(Vec::new());
    w.write(&mut tiff, false).unwrap();
    dossier::generate::with_exif(&black, &tiff.into_inner())
}

/// An approved CLEAR record holding the photo (and a PDF), with public and NGO recipients.
fn photo_world() -> (World, RecordId) {
    let w = world(Label::Clear);
    let mut cat = open(&w.root, "Ani");
    let dir = w.root.parent().unwrap();
    let photo = dir.join("scene.jpg");
    fs::write(&photo, redacted_photo_with_stale_preview()).unwrap();
    let pdf = dir.join("report.pdf");
    fs::write(
        &pdf,
        b"%PDF-1.4\n1 0 obj << /Author (Secret Author) >> endobj\n",
    )
    .unwrap();
    let mut r = Record::new(RecordKind::Media, "Scene", "Ani");
    r.label = Label::Clear;
    for f in [&photo, &pdf] {
        let a = dossier::media::import_file(&cat.blobs(), f, "Ani", Label::Clear, &mut |_| {})
            .unwrap()
            .attachment;
        r.attachments.push(a);
    }
    assert!(r.attachments[0].metadata.gps.is_some());
    let id = cat.save(r, "Ani").unwrap();
    cat.review(&[id], dossier::model::ReviewAction::Approve, "", "Gohar")
        .unwrap()
        .apply()
        .unwrap();
    let ngo = Recipient::new("NGO", RecipientKind::Ngo, Label::Amber);
    cat.set_recipients(vec![public(), ngo], "Ani")
        .unwrap()
        .apply()
        .unwrap();
    (w, id)
}

fn package_for(w: &World, recipient: &str, options: share::PlanOptions, out: &str) -> PathBuf {
    let cat = open(&w.root, "Ani");
    let r = cat.recipient(recipient).unwrap().clone();
    let plan = share::plan_with(&cat, &r, None, options);
    let job = share::prepare(&cat, &plan, "Ani").unwrap();
    let path = w.root.parent().unwrap().join(out);
    share::write_package(&job, &path, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    path
}

/// The mean colour of the first thumbnail in a package's index.html.
fn first_thumbnail_colour(pkg: &Path) -> [u8; 3] {
    use base64::Engine;
    let html = fs::read_to_string(pkg.join("index.html")).unwrap();
    let start = html.find("data:image/jpeg;base64,").unwrap() + 23;
    let end = start + html[start..].find('"').unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&html[start..end])
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let n = (img.width() * img.height()) as u64;
    let mut sum = [0u64; 3];
    for p in img.pixels() {
        for c in 0..3 {
            sum[c] += u64::from(p[c]);
        }
    }
    [0, 1, 2].map(|c| (sum[c] / n) as u8)
}

#[test]
fn a_package_thumbnail_is_the_picture_not_its_stale_embedded_preview() {
    let (w, id) = photo_world();
    // Even with the metadata kept (the preview goes with the file), the report's
    // thumbnail shows the picture's own black pixels.
    let pkg = package_for(&w, "NGO", share::PlanOptions::default(), "ngo");
    let colour = first_thumbnail_colour(&pkg);
    assert!(colour.iter().all(|&c| c < 40), "{colour:?}");
    // A planted thumbnail cache is not what goes out either.
    let cat = open(&w.root, "Ani");
    let a = &cat.get(&id).unwrap().attachments[0];
    let cached = dossier::media::thumbs::cache_path(&cat.cache_dir(), &a.sha256, 256, None);
    fs::create_dir_all(cached.parent().unwrap()).unwrap();
    image::RgbImage::from_pixel(256, 192, image::Rgb([230, 20, 20]))
        .save_with_format(&cached, image::ImageFormat::Png)
        .unwrap();
    drop(cat);
    let pkg = package_for(&w, "NGO", share::PlanOptions::default(), "ngo2");
    let colour = first_thumbnail_colour(&pkg);
    assert!(colour.iter().all(|&c| c < 40), "{colour:?}");
}

#[test]
fn a_public_package_carries_photos_without_position_camera_or_time_unless_kept_deliberately() {
    let (w, id) = photo_world();
    let cat = open(&w.root, "Ani");
    let original = cat.get(&id).unwrap().attachments[0].sha256.clone();
    let plan = share::plan(&cat, &public(), None);
    assert!(plan.strip_metadata && !plan.metadata_choice_deliberate);
    let inc = plan.included.iter().find(|i| i.id == id).unwrap();
    let m = inc.metadata.iter().find(|m| m.attachment == 0).unwrap();
    assert!(m.stripped);
    assert!(
        m.found
            .contains(&dossier::media::embedded::Embedded::GpsPosition)
    );
    assert!(
        m.found
            .contains(&dossier::media::embedded::Embedded::CameraSerial)
    );
    assert!(m.describe().contains("removed"), "{}", m.describe());
    // The PDF's metadata cannot be removed: it stays behind, saying why.
    assert!(matches!(
        inc.held_attachments[0].1,
        HoldReason::MetadataNotRemovable(_)
    ));
    drop(cat);

    let pkg = package_for(&w, "Public", share::PlanOptions::default(), "public");
    let text = package_text(&pkg);
    let mut all = text.into_bytes();
    for e in walk_files(&pkg) {
        all.extend(fs::read(e).unwrap());
    }
    for secret in [
        "SN-7731904",
        "Canon",
        "2020:10:04",
        "Secret Author",
        "39.8",
        "\"gps\": {",
    ] {
        assert!(
            memchr::memmem::find(&all, secret.as_bytes()).is_none(),
            "{secret} went to the public"
        );
    }
    let m: share::Manifest =
        serde_json::from_slice(&fs::read(pkg.join("manifest.json")).unwrap()).unwrap();
    let copy = m.files.iter().find(|f| f.derived_from.is_some()).unwrap();
    assert_eq!(copy.derived_from.as_ref(), Some(&original));
    assert!(
        copy.removed.iter().any(|r| r == "GPS position"),
        "{:?}",
        copy.removed
    );
    let sent = pkg.join(&copy.path);
    assert_eq!(dossier::durable::hash_file(&sent).unwrap(), copy.sha256);
    let left = dossier::media::embedded::inspect(
        dossier::durable::vault::Source::plain(&sent),
        "image/jpeg",
    );
    assert!(left.found.is_empty(), "{left:?}");
    let records: Vec<share::PackageRecord> =
        serde_json::from_slice(&fs::read(pkg.join("records.json")).unwrap()).unwrap();
    let a = &records.iter().find(|r| r.id == id).unwrap().attachments[0];
    assert_eq!(a.derived_from.as_ref(), Some(&original));
    assert_eq!(a.sha256, copy.sha256);
    assert!(a.metadata.gps.is_none() && a.metadata.camera.is_none());
    assert!(share::verify_package(&pkg).unwrap().is_ok());
    // The original in the catalogue is untouched.
    let cat = open(&w.root, "Ani");
    assert_eq!(
        dossier::durable::hash_file(&cat.blobs().path_of(&original)).unwrap(),
        original
    );
    drop(cat);

    // Kept deliberately: it goes, and the log says it was a choice.
    let keep = share::PlanOptions {
        keep_metadata: Some(true),
    };
    let pkg = package_for(&w, "Public", keep, "public-kept");
    let m: share::Manifest =
        serde_json::from_slice(&fs::read(pkg.join("manifest.json")).unwrap()).unwrap();
    assert!(m.files.iter().all(|f| f.derived_from.is_none()));
    assert!(m.files.iter().any(|f| f.sha256 == original));
    let last = entries(&w.root).pop().unwrap();
    assert_eq!(last.action, Action::Disclosed);
    assert!(last.note.contains("kept, deliberately"), "{}", last.note);
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_dry_run_says_what_embedded_metadata_goes_and_what_is_removed() {
    let (w, _) = photo_world();
    let cli = common::Cli::new();
    let root = w.root.to_str().unwrap();
    let (out, _) = cli.ok(&["share", root, "--recipient", "Public", "--dry-run"]);
    assert!(
        out.contains("embedded metadata (GPS, camera serial"),
        "{out}"
    );
    assert!(out.contains("GPS position"), "{out}");
    assert!(out.contains("camera serial SN-7731904"), "{out}");
    assert!(out.contains(": removed"), "{out}");
    assert!(
        out.contains("metadata cannot be removed") || out.contains("cannot be removed"),
        "{out}"
    );
    let (out, _) = cli.ok(&["share", root, "--recipient", "NGO", "--dry-run"]);
    assert!(out.contains("goes out with the file"), "{out}");
    let (out, _) = cli.ok(&[
        "share",
        root,
        "--recipient",
        "Public",
        "--dry-run",
        "--keep-metadata",
    ]);
    assert!(out.contains("DELIBERATELY"), "{out}");
}
