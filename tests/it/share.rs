//! Restricted sharing: the review workflow, recipients, what a package holds and what it
//! must never hold, checking a package, and receiving one. Everything runs on real
//! catalogues and real packages (folders and zips) on disk.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use dossier::audit::Action;
use dossier::model::{
    Attachment, Label, Link, LinkKind, Recipient, RecipientKind, Record, RecordId, RecordKind,
    ReviewAction, ReviewState,
};
use dossier::share::{self, HoldReason, Manifest, ShareError};
use dossier::store::{Catalogue, ReadOnlyReason};

fn open(path: &Path) -> Catalogue {
    common::open_as(path, "Ani")
}

fn attach(cat: &Catalogue, dir: &Path, name: &str, bytes: &[u8], label: Label) -> Attachment {
    let file = dir.join(name);
    fs::write(&file, bytes).unwrap();
    dossier::media::import_file(&cat.blobs(), &file, "Ani", label, &mut |_| {})
        .unwrap()
        .attachment
}

fn record(kind: RecordKind, title: &str, label: Label, review: ReviewState) -> Record {
    let mut r = Record::new(kind, title, "Ani");
    r.label = label;
    r.review = review;
    r
}

fn icrc() -> Recipient {
    Recipient::new(
        "ICRC",
        RecipientKind::InternationalOrganisation,
        Label::Amber,
    )
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    memchr::memmem::find(haystack, needle.as_bytes()).is_some()
}

fn make(cat: &Catalogue, recipient: &Recipient, out: &Path) -> share::PackageSummary {
    let plan = share::plan(cat, recipient, None);
    let job = share::prepare(cat, &plan, "Ani").unwrap();
    share::write_package(&job, out, &|_, _| {}, &AtomicBool::new(false)).unwrap()
}

// ---------------------------------------------------------------- review workflow

#[test]
fn approval_is_logged_with_the_reviewer_and_comment() {
    let dir = tempfile::tempdir().unwrap();
    let mut cat = Catalogue::create(&dir.path().join("c"), "C", "Ani").unwrap();
    let id = cat
        .save(
            record(RecordKind::Report, "R", Label::Amber, ReviewState::Draft),
            "Ani",
        )
        .unwrap();
    cat.review(&[id], ReviewAction::Submit, "", "Ani")
        .unwrap()
        .apply()
        .unwrap();
    cat.review(
        &[id],
        ReviewAction::Approve,
        "Matches the source video",
        "Gohar",
    )
    .unwrap()
    .apply()
    .unwrap();
    assert_eq!(cat.get(&id).unwrap().review, ReviewState::Approved);
    let entries = cat.audit().for_record(&id);
    let approval = entries
        .iter()
        .find(|e| e.action == Action::ReviewChanged && e.actor == "Gohar")
        .expect("the approval is logged under the reviewer's name");
    assert_eq!(approval.note, "Matches the source video");
    assert!(
        approval
            .changes
            .iter()
            .any(|c| c.to == Some(serde_json::json!("approved")))
    );
    // And it survives reopening.
    drop(cat);
    let cat = open(&dir.path().join("c"));
    assert_eq!(cat.get(&id).unwrap().review, ReviewState::Approved);
    assert_eq!(
        cat.get(&id).unwrap().review_comment,
        "Matches the source video"
    );
}

#[test]
fn editing_an_approved_record_returns_it_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut cat = Catalogue::create(&dir.path().join("c"), "C", "Ani").unwrap();
    let id = cat
        .save(
            record(RecordKind::Report, "R", Label::Amber, ReviewState::Approved),
            "Ani",
        )
        .unwrap();
    // Private notes never leave the catalogue: changing them keeps the approval.
    let mut r = cat.get(&id).unwrap().clone();
    r.private_notes = "call the witness back".into();
    cat.save(r, "Ani").unwrap();
    assert_eq!(cat.get(&id).unwrap().review, ReviewState::Approved);
    // The content: back to review, and the log says why.
    let mut r = cat.get(&id).unwrap().clone();
    r.body = "A new paragraph".into();
    cat.save(r, "Ani").unwrap();
    assert_eq!(cat.get(&id).unwrap().review, ReviewState::InReview);
    let log = cat.audit().for_record(&id);
    assert!(
        log.iter()
            .any(|e| e.action == Action::ReviewChanged && e.note.contains("approval withdrawn"))
    );
    // The label, in bulk.
    cat.review(&[id], ReviewAction::Approve, "", "Gohar")
        .unwrap()
        .apply()
        .unwrap();
    cat.set_label(&[id], Label::Green, "Ani")
        .unwrap()
        .apply()
        .unwrap();
    assert_eq!(cat.get(&id).unwrap().review, ReviewState::InReview);
    assert_eq!(cat.get(&id).unwrap().label, Label::Green);
}

#[test]
fn bulk_review_of_thousands_writes_one_log_append_and_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    let mut cat = Catalogue::create(&root, "C", "Ani").unwrap();
    let records: Vec<Record> = (0..2000)
        .map(|i| {
            record(
                RecordKind::Statement,
                &format!("S{i}"),
                Label::Green,
                ReviewState::InReview,
            )
        })
        .collect();
    let ids: Vec<RecordId> = records.iter().map(|r| r.id).collect();
    cat.put_many(records, "Ani").unwrap().apply().unwrap();
    let before = cat.audit().len();
    let batch = cat
        .review(&ids, ReviewAction::Approve, "bulk", "Gohar")
        .unwrap();
    assert_eq!(batch.summary, "Approved 2000 records");
    batch.apply().unwrap();
    assert_eq!(cat.audit().len(), before + 2000);
    drop(cat);
    let cat = open(&root);
    assert!(
        cat.records()
            .iter()
            .all(|r| r.review == ReviewState::Approved)
    );
    assert!(cat.problems().is_empty());
    assert!(cat.audit_problems().is_empty());
}

#[test]
fn the_queue_lists_records_in_review_longest_waiting_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut cat = Catalogue::create(&dir.path().join("c"), "C", "Ani").unwrap();
    let a = cat
        .save(
            record(
                RecordKind::Report,
                "First",
                Label::Amber,
                ReviewState::Draft,
            ),
            "Ani",
        )
        .unwrap();
    let b = cat
        .save(
            record(
                RecordKind::Report,
                "Second",
                Label::Amber,
                ReviewState::Draft,
            ),
            "Ani",
        )
        .unwrap();
    let c = cat
        .save(
            record(
                RecordKind::Report,
                "Not submitted",
                Label::Amber,
                ReviewState::Draft,
            ),
            "Ani",
        )
        .unwrap();
    cat.review(&[b], ReviewAction::Submit, "", "Ani")
        .unwrap()
        .apply()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    cat.review(&[a], ReviewAction::Submit, "", "Lilit")
        .unwrap()
        .apply()
        .unwrap();
    let q = share::review_queue(&cat);
    let ids: Vec<RecordId> = q.iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![b, a]);
    assert!(!ids.contains(&c));
    assert_eq!(q[1].submitted_by, "Lilit");
}

// ---------------------------------------------------------------- recipients

#[test]
fn recipients_are_saved_checked_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    let mut cat = Catalogue::create(&root, "C", "Ani").unwrap();
    let public = Recipient::new("Public", RecipientKind::Public, Label::Amber);
    let err = cat.set_recipients(vec![public], "Ani").unwrap_err();
    assert!(err.to_string().contains("TLP:CLEAR"), "{err}");
    cat.set_recipients(vec![icrc()], "Ani")
        .unwrap()
        .apply()
        .unwrap();
    let dup = cat.set_recipients(vec![icrc(), icrc()], "Ani").unwrap_err();
    assert!(dup.to_string().contains("already"), "{dup}");
    drop(cat);
    let cat = open(&root);
    assert_eq!(cat.recipients(), &[icrc()]);
    assert!(cat.recipient("icrc").is_some());
    assert!(
        cat.audit()
            .filtered(&Default::default())
            .iter()
            .any(|e| e.action == Action::RecipientsChanged && e.note.contains("ICRC"))
    );
}

#[test]
fn an_unreadable_recipients_file_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    drop(Catalogue::create(&root, "C", "Ani").unwrap());
    fs::write(
        root.join("recipients.json"),
        "{\"recipients\": [{\"name\": 1}]}",
    )
    .unwrap();
    let mut cat = open(&root);
    assert!(
        cat.problems()
            .iter()
            .any(|p| p.path.ends_with("recipients.json") && p.reason.contains("name")),
        "{:?}",
        cat.problems()
    );
    assert!(cat.set_recipients(vec![icrc()], "Ani").is_err());
    assert_eq!(
        fs::read_to_string(root.join("recipients.json")).unwrap(),
        "{\"recipients\": [{\"name\": 1}]}"
    );
}

// ---------------------------------------------------------------- plans and packages

/// Approved AMBER report with an AMBER photo and a RED photo, linking to an approved RED
/// report and to a draft; a draft GREEN statement; an approved CLEAR person.
struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
    report: RecordId,
    red: RecordId,
    draft: RecordId,
    person: RecordId,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    let mut cat = Catalogue::create(&root, "C", "Ani").unwrap();
    let mut red = record(
        RecordKind::Report,
        "Secret report RED-TITLE",
        Label::Red,
        ReviewState::Approved,
    );
    red.body = "RED-BODY".into();
    let mut draft = record(
        RecordKind::Statement,
        "Draft DRAFT-TITLE",
        Label::Green,
        ReviewState::Draft,
    );
    draft.body = "DRAFT-BODY".into();
    let mut person = record(RecordKind::Person, "", Label::Clear, ReviewState::Approved);
    person.person.as_mut().unwrap().names = vec![
        dossier::model::PersonName {
            text: "Արամ Գևորգյան".into(),
            lang: "hy".into(),
            primary: true,
            extra: Default::default(),
        },
        dossier::model::PersonName {
            text: "Aram Gevorgyan".into(),
            lang: "hy-Latn".into(),
            primary: false,
            extra: Default::default(),
        },
    ];
    person.person.as_mut().unwrap().status = Some(dossier::model::PersonStatus::Captured);
    let mut report = record(
        RecordKind::Report,
        "Report on strikes",
        Label::Amber,
        ReviewState::Approved,
    );
    report.private_notes = "PRIVATE-NOTE".into();
    report.review_comment = "REVIEW-COMMENT".into();
    report.body = "What happened".into();
    report.attachments.push(attach(
        &cat,
        dir.path(),
        "street.txt",
        b"AMBER-PHOTO-BYTES",
        Label::Amber,
    ));
    let mut restricted = attach(
        &cat,
        dir.path(),
        "RED-FILE-NAME.txt",
        b"RED-PHOTO-BYTES",
        Label::Red,
    );
    restricted.description = "RED-ATTACHMENT-DESCRIPTION".into();
    report.attachments.push(restricted);
    for (kind, target) in [
        (LinkKind::Mentions, red.id),
        (LinkKind::RelatedTo, draft.id),
        (LinkKind::AboutPerson, person.id),
    ] {
        report.links.push(Link {
            kind,
            target,
            note: String::new(),
            extra: Default::default(),
        });
    }
    let ids = (report.id, red.id, draft.id, person.id);
    cat.put_many(vec![red, draft, person, report], "Ani")
        .unwrap()
        .apply()
        .unwrap();
    World {
        out: dir.path().join("out"),
        _dir: dir,
        root,
        report: ids.0,
        red: ids.1,
        draft: ids.2,
        person: ids.3,
    }
}

#[test]
fn the_plan_says_what_is_held_back_and_why() {
    let w = world();
    let cat = open(&w.root);
    let plan = share::plan(&cat, &icrc(), None);
    let included: BTreeSet<RecordId> = plan.included.iter().map(|i| i.id).collect();
    assert_eq!(included, BTreeSet::from([w.report, w.person]));
    let reason = |id| {
        plan.held
            .iter()
            .find(|h| h.id == id)
            .unwrap()
            .reason
            .clone()
    };
    assert_eq!(
        reason(w.red),
        HoldReason::AboveClearance {
            label: Label::Red,
            max: Label::Amber
        }
    );
    assert_eq!(reason(w.draft), HoldReason::NotApproved(ReviewState::Draft));
    let report = plan.included.iter().find(|i| i.id == w.report).unwrap();
    assert_eq!(report.attachments, vec![0]);
    assert!(matches!(
        report.held_attachments[..],
        [(1, HoldReason::AboveClearance { .. })]
    ));
    assert!(report.private_notes_held);
    assert_eq!(report.links_dropped, 2);
    assert_eq!(plan.highest_label(&cat), Some(Label::Amber));
    // A selection narrows it.
    let only = share::plan(&cat, &icrc(), Some(&[w.person]));
    assert_eq!(only.included.len(), 1);
    assert!(only.held.is_empty());
}

#[test]
fn a_package_holds_only_what_may_go_and_says_so() {
    let w = world();
    for name in ["pkg", "pkg.zip"] {
        let cat = open(&w.root);
        let out = w.out.join(name);
        let summary = make(&cat, &icrc(), &out);
        assert_eq!(summary.records, 2);
        assert_eq!(summary.highest_label, Some(Label::Amber));
        let bytes = common::package_bytes(&out);
        for secret in [
            "RED-TITLE",
            "RED-BODY",
            "DRAFT-TITLE",
            "DRAFT-BODY",
            "PRIVATE-NOTE",
            "REVIEW-COMMENT",
            "RED-PHOTO-BYTES",
            "RED-FILE-NAME",
            "RED-ATTACHMENT-DESCRIPTION",
            &w.red.to_string(),
            &w.draft.to_string(),
            "audit",
            "original_path",
        ] {
            assert!(!contains(&bytes, secret), "{name} leaks {secret}");
        }
        assert!(contains(&bytes, "AMBER-PHOTO-BYTES"));
        assert!(contains(&bytes, "Aram Gevorgyan"));
        // Every file is in the manifest with its hash.
        let report = share::verify_package(&out).unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        let m: &Manifest = &report.manifest;
        let paths: BTreeSet<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
        for f in ["records.json", "persons.csv", "index.html"] {
            assert!(paths.contains(f), "{f} missing from {paths:?}");
        }
        assert!(
            paths
                .iter()
                .any(|p| p.starts_with("attachments/") && p.ends_with("/street.txt"))
        );
        assert_eq!(m.recipient.name, "ICRC");
        assert_eq!(
            m.created_by, "C",
            "the office (here the title), not the person"
        );
        assert_eq!(m.records, 2);
        // The first page states the highest label; every page has its banner.
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let index_start = html.find("<!DOCTYPE html>").unwrap();
        let index = &html[index_start..];
        let cover_end = index.find("</section>").unwrap();
        assert!(index[..cover_end].contains("The most restricted label in this package is"));
        assert!(index[..cover_end].contains("TLP:AMBER"));
        assert_eq!(index.matches("<section class=\"page").count(), 3);
        assert_eq!(index.matches("<div class=\"banner\">").count(), 3);
        assert!(
            !index.contains("http://")
                && !index.contains("https://")
                && !index.contains("src=\"attachments")
        );
        // The persons list, for mediators.
        let csv_start = html.find("id,name,other names").unwrap();
        assert!(html[csv_start..].contains("Aram Gevorgyan [hy-Latn]"));
        drop(cat);
    }
    // Each package's records got a "disclosed" entry naming the recipient and package.
    let cat = open(&w.root);
    let disclosed: Vec<_> = cat
        .audit()
        .for_record(&w.report)
        .into_iter()
        .filter(|e| e.action == Action::Disclosed)
        .collect();
    assert_eq!(disclosed.len(), 2);
    assert!(disclosed[0].note.contains("disclosed to ICRC in package"));
    assert!(
        cat.audit()
            .for_record(&w.red)
            .iter()
            .all(|e| e.action != Action::Disclosed)
    );
}

#[test]
fn a_package_never_overwrites_and_leaves_nothing_when_it_fails() {
    let w = world();
    let cat = open(&w.root);
    fs::create_dir_all(&w.out).unwrap();
    fs::write(w.out.join("taken.zip"), b"keep me").unwrap();
    let plan = share::plan(&cat, &icrc(), None);
    let job = share::prepare(&cat, &plan, "Ani").unwrap();
    let err = share::write_package(
        &job,
        &w.out.join("taken.zip"),
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(matches!(err, ShareError::Exists(_)), "{err}");
    assert_eq!(fs::read(w.out.join("taken.zip")).unwrap(), b"keep me");
    // A cancelled export leaves no file and logs nothing.
    let before = cat.audit().len();
    let err = share::write_package(
        &job,
        &w.out.join("new.zip"),
        &|_, _| {},
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert!(matches!(err, ShareError::Cancelled), "{err}");
    let names: Vec<_> = fs::read_dir(&w.out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(cat.audit().len(), before);
}

#[test]
fn a_tampered_package_fails_share_verify() {
    let w = world();
    let cat = open(&w.root);
    let out = w.out.join("pkg");
    make(&cat, &icrc(), &out);
    // Change one byte of an attachment.
    let m = share::verify_package(&out).unwrap().manifest;
    let att = m
        .files
        .iter()
        .find(|f| f.path.starts_with("attachments/"))
        .unwrap();
    let path = out.join(&att.path);
    let mut bytes = fs::read(&path).unwrap();
    bytes[0] ^= 1;
    fs::write(&path, bytes).unwrap();
    // Add a file the manifest does not list.
    fs::write(out.join("extra.txt"), b"slipped in").unwrap();
    let report = share::verify_package(&out).unwrap();
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains(&att.path) && p.contains("changed"))
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("extra.txt") && p.contains("not listed"))
    );
    // Remove a listed file.
    fs::remove_file(out.join("persons.csv")).unwrap();
    let report = share::verify_package(&out).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("persons.csv") && p.contains("missing"))
    );
    // And receiving refuses it.
    let err = share::receive(&out, &w.out.join("in"), false, "Lena").unwrap_err();
    assert!(matches!(err, ShareError::FailsVerification { .. }), "{err}");
    assert!(!w.out.join("in").exists());
}

fn zip_with(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn a_zip_with_parent_or_absolute_entries_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "../evil.txt",
        "attachments/../../evil.txt",
        "/etc/evil",
        "C:/evil",
        "a\\..\\..\\evil",
    ] {
        let z = dir.path().join("bad.zip");
        zip_with(&z, &[("manifest.json", b"{}"), (bad, b"x")]);
        let err = share::verify_package(&z).unwrap_err();
        assert!(matches!(err, ShareError::Unsafe { .. }), "{bad}: {err}");
        assert!(err.to_string().contains("outside the package"), "{err}");
        let err = share::receive(&z, &dir.path().join("in"), false, "Lena").unwrap_err();
        assert!(matches!(err, ShareError::Unsafe { .. }));
        assert!(!dir.path().join("in").exists());
        assert!(!dir.path().join("evil.txt").exists());
    }
}

#[test]
fn a_manifest_pointing_outside_the_package_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    fs::create_dir(&pkg).unwrap();
    fs::write(dir.path().join("outside.txt"), b"secret").unwrap();
    let manifest = serde_json::json!({
        "format": "dossier-share-package", "version": 1, "package_id": "x",
        "recipient": {"name": "A", "kind": "ngo", "max_label": "TLP:AMBER"},
        "created": "2026-01-01T00:00:00Z", "created_by": "x", "catalogue_id": "y",
        "highest_label": null, "records": 0,
        "files": [{"path": "../outside.txt", "sha256": dossier::durable::hash_bytes(b"secret"), "size": 6}]
    });
    fs::write(pkg.join("manifest.json"), manifest.to_string()).unwrap();
    let report = share::verify_package(&pkg).unwrap();
    assert!(
        report.problems[0].contains("outside the package"),
        "{:?}",
        report.problems
    );
}

#[test]
fn a_received_package_opens_read_only_or_merges_with_labels_kept() {
    let w = world();
    let cat = open(&w.root);
    let out = w.out.join("pkg.zip");
    let summary = make(&cat, &icrc(), &out);
    drop(cat);
    // As a separate catalogue: read-only, saying where it came from.
    let into = w.out.join("received");
    let got = share::receive(&out, &into, false, "Lena").unwrap();
    assert_eq!(got.added, 2);
    assert_eq!(got.package_id, summary.package_id);
    let rec = open(&into);
    assert!(matches!(
        rec.read_only_reason(),
        Some(ReadOnlyReason::Received { .. })
    ));
    let report = rec.get(&w.report).unwrap();
    assert_eq!(report.label, Label::Amber);
    assert_eq!(report.review, ReviewState::Draft);
    assert_eq!(report.attachments.len(), 1);
    assert!(report.private_notes.is_empty());
    assert_eq!(
        report.links.len(),
        1,
        "only the link to the person came along"
    );
    assert!(rec.blobs().contains(&report.attachments[0].sha256));
    assert!(
        dossier::integrity::verify(&into, None, &|_| {})
            .unwrap()
            .problems
            .is_empty()
    );
    drop(rec);
    // Merged into another catalogue; a second merge adds nothing.
    let other = w.out.join("other");
    drop(Catalogue::create(&other, "Other office", "Lena").unwrap());
    let got = share::receive(&out, &other, true, "Lena").unwrap();
    assert_eq!((got.added, got.already_present), (2, 0));
    let got = share::receive(&out, &other, true, "Lena").unwrap();
    assert_eq!((got.added, got.already_present), (0, 2));
    let merged = open(&other);
    assert!(merged.is_writable());
    assert_eq!(merged.get(&w.person).unwrap().label, Label::Clear);
}
