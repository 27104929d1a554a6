//! Trust boundaries: everything that enters from outside the app's own write path (a
//! record file changed by a sync tool, a colleague or a script; a received package; a
//! hand-edited recipients.json; the bytes inside a photo) is checked where it is used,
//! never keeps an approval, and is printed inert. Real catalogues, real files, the real
//! binary.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use dossier::audit::{self, Action, AuditEntry};
use dossier::model::{Label, Recipient, RecipientKind, Record, RecordId, RecordKind, ReviewState};
use dossier::share::{self, HoldReason, ShareError};
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};

fn open(path: &Path, user: &str) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: user.into(),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

fn read_only(path: &Path) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

fn entries(root: &Path) -> Vec<AuditEntry> {
    let (log, _) = audit::AuditLog::load(root, false).unwrap();
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
    audit::verify(root, &|_| {})
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
    cli.ok(&["new", cat_s, "--title", "T"]);
    let (id, _) = cli.ok(&[
        "add", cat_s, "--kind", "report", "--title", "R", "--label", "red",
    ]);
    let id = id.trim().to_string();
    cli.ok(&["review", cat_s, &id, "--submit"]);
    cli.ok(&["review", cat_s, &id, "--approve"]);
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
    cli.ok(&["review", cat_s, &id, "--approve"]);
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
        std::thread::spawn(move || {
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
