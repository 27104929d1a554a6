//! The `dossier` command line, run as a user's script runs it: the real binary, real files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common;

use dossier::model::{Label, RecordKind};
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};

/// The shared runner, with this file's shorthands: `ok` gives stdout, `fails` stderr.
struct Env {
    cli: common::Cli,
}

impl Env {
    fn new() -> Env {
        Env {
            cli: common::Cli::new(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.cli.path(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cli.run(args)
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        self.cli.ok(args).0
    }

    /// Runs and expects exit code 1; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let (out, err) = self.cli.fails(args);
        assert!(out.is_empty() || !err.is_empty());
        err
    }

    fn catalogue(&self) -> String {
        let cat = self.path("cat");
        if !cat.exists() {
            self.ok(&[
                "new",
                cat.to_str().unwrap(),
                "--title",
                "Case files",
                "--plain",
            ]);
        }
        cat.to_string_lossy().into_owned()
    }
}

fn open(path: &str) -> Catalogue {
    common::open_read_only(Path::new(path))
}

#[test]
fn new_add_show_and_list_work_end_to_end() {
    let env = Env::new();
    let cat = env.catalogue();
    let id = env
        .ok(&[
            "add",
            &cat,
            "--kind",
            "report",
            "--title",
            "Report 1: strikes",
            "--label",
            "red",
            "--date",
            "2020-09-27..2020-11-09",
            "--place",
            "Stepanakert",
            "--tag",
            "strikes",
            "--warning",
            "graphic-violence",
        ])
        .trim()
        .to_string();
    let record = open(&cat)
        .get(&id.parse().unwrap())
        .cloned()
        .expect("the printed id exists");
    assert_eq!(record.title, "Report 1: strikes");
    assert_eq!(record.label, Label::Red);
    assert_eq!(record.date.unwrap().to_string(), "2020-09-27..2020-11-09");
    assert_eq!(record.created_by, "Script User");
    assert!(record.is_graphic());

    let shown = env.ok(&["show", &cat, &id]);
    assert!(shown.contains("TLP:RED"), "{shown}");
    assert!(shown.contains("Stepanakert"), "{shown}");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &cat, &id[..13], "--json"])).unwrap();
    assert_eq!(json["id"], id);
    assert_eq!(json["label"], "TLP:RED");

    env.ok(&["add", &cat, "--kind", "person", "--title", "Արամ Գևորգյան"]);
    env.ok(&[
        "add",
        &cat,
        "--kind",
        "statement",
        "--title",
        "Заявление",
        "--label",
        "clear",
    ]);
    let all = env.ok(&["list", &cat]);
    assert_eq!(all.lines().count(), 3, "{all}");
    let persons = env.ok(&["list", &cat, "--kind", "person"]);
    assert_eq!(persons.lines().count(), 1);
    assert!(persons.contains("Արամ Գևորգյան"));
    let red = env.ok(&["list", &cat, "--label", "red", "--json"]);
    let red: Vec<serde_json::Value> = serde_json::from_str(&red).unwrap();
    assert_eq!(red.len(), 1);
    assert_eq!(red[0]["id"], id);
    let found = env.ok(&["list", &cat, "--query", "ЗАЯВЛЕНИЕ"]);
    assert_eq!(found.lines().count(), 1, "{found}");
}

#[test]
fn a_new_record_defaults_to_amber_never_clear() {
    let env = Env::new();
    let cat = env.catalogue();
    let id = env.ok(&["add", &cat, "--kind", "incident", "--title", "x"]);
    let r = open(&cat)
        .get(&id.trim().parse().unwrap())
        .cloned()
        .unwrap();
    assert_eq!(r.label, Label::Amber);
}

#[test]
fn import_makes_media_records_and_stores_each_original_once() {
    let env = Env::new();
    let cat = env.catalogue();
    let a = env.path("photo.jpg");
    let b = env.path("same-photo-renamed.jpg");
    fs::write(&a, b"\xff\xd8\xff\xe0not really a jpeg but the same bytes").unwrap();
    fs::copy(&a, &b).unwrap();
    let out = env.ok(&["import", &cat, a.to_str().unwrap(), b.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].contains("already stored"), "{out}");
    let sha = dossier::durable::hash_bytes(&fs::read(&a).unwrap()).to_string();
    assert!(lines[0].contains(&sha));

    let c = open(&cat);
    let media: Vec<_> = c
        .records()
        .iter()
        .filter(|r| r.kind == RecordKind::Media)
        .collect();
    assert_eq!(media.len(), 2);
    assert!(media.iter().all(|r| r.attachments[0].sha256 == sha));
    assert_eq!(media[0].attachments[0].media_type, "image/jpeg");
    assert_eq!(
        fs::read_dir(Path::new(&cat).join("attachments"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn import_with_record_attaches_to_it() {
    let env = Env::new();
    let cat = env.catalogue();
    let id = env.ok(&[
        "add",
        &cat,
        "--kind",
        "report",
        "--title",
        "R",
        "--label",
        "amber-strict",
    ]);
    let id = id.trim();
    let file = env.path("scan.txt");
    fs::write(&file, "page 1").unwrap();
    env.ok(&[
        "import",
        &cat,
        file.to_str().unwrap(),
        "--record",
        &id[..10],
    ]);
    let c = open(&cat);
    let r = c.get(&id.parse().unwrap()).unwrap();
    assert_eq!(r.attachments.len(), 1);
    assert_eq!(r.attachments[0].name, "scan.txt");
    assert_eq!(
        r.attachments[0].label,
        Label::AmberStrict,
        "attachments take the record's label"
    );
    assert_eq!(c.records().len(), 1, "no new media record");
}

#[test]
fn add_with_attach_stores_the_file_before_the_record() {
    let env = Env::new();
    let cat = env.catalogue();
    let file = env.path("statement.txt");
    fs::write(&file, "text").unwrap();
    let id = env.ok(&[
        "add",
        &cat,
        "--kind",
        "statement",
        "--title",
        "S",
        "--attach",
        file.to_str().unwrap(),
    ]);
    let c = open(&cat);
    let r = c.get(&id.trim().parse().unwrap()).unwrap();
    assert!(c.blobs().contains(&r.attachments[0].sha256));
}

#[test]
fn check_passes_a_sound_catalogue_and_lists_problems_otherwise() {
    let env = Env::new();
    let cat = env.catalogue();
    let id = env.ok(&["add", &cat, "--kind", "report", "--title", "R"]);
    let out = env.ok(&["check", &cat]);
    assert!(out.starts_with("OK: 1 records"), "{out}");

    let file = Path::new(&cat)
        .join(RECORDS_DIR)
        .join(format!("{}.json", id.trim()));
    fs::write(&file, b"{ not json").unwrap();
    let err = env.fails(&["check", &cat]);
    assert!(err.contains(file.to_str().unwrap()), "{err}");
    assert!(err.contains("1 problem"), "{err}");
}

#[test]
fn check_notices_a_missing_original() {
    let env = Env::new();
    let cat = env.catalogue();
    let file = env.path("a.txt");
    fs::write(&file, "evidence").unwrap();
    env.ok(&["import", &cat, file.to_str().unwrap()]);
    let sha = dossier::durable::hash_bytes(b"evidence").to_string();
    fs::remove_file(Path::new(&cat).join("attachments").join(&sha)).unwrap();
    let err = env.fails(&["check", &cat]);
    assert!(err.contains("is missing"), "{err}");
    assert!(err.contains(&sha), "{err}");
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    let env = Env::new();
    let cat = env.catalogue();
    let err = env.fails(&[
        "add", &cat, "--kind", "report", "--title", "x", "--label", "purple",
    ]);
    assert!(err.contains("'purple' is not a TLP label"), "{err}");
    let err = env.fails(&[
        "add",
        &cat,
        "--kind",
        "report",
        "--title",
        "x",
        "--date",
        "2020-02-30",
    ]);
    assert!(err.contains("has no day 30"), "{err}");
    let err = env.fails(&["show", &cat, "ffffffffffff"]);
    assert!(err.contains("no record"), "{err}");
    let err = env.fails(&["list", env.path("missing").to_str().unwrap()]);
    assert!(err.contains("does not exist"), "{err}");
    let err = env.fails(&["import", &cat, env.path("nope.jpg").to_str().unwrap()]);
    assert!(err.contains("nope.jpg"), "{err}");
}

#[test]
fn writing_to_a_catalogue_open_elsewhere_is_refused_but_reading_works() {
    let env = Env::new();
    let cat = env.catalogue();
    env.ok(&["add", &cat, "--kind", "report", "--title", "R"]);
    let _held = Catalogue::open(
        Path::new(&cat),
        OpenOptions {
            user: "Anahit in the app".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let err = env.fails(&["add", &cat, "--kind", "report", "--title", "x"]);
    assert!(err.contains("open in another Dossier"), "{err}");
    assert!(err.contains("Anahit in the app"), "{err}");
    assert_eq!(env.ok(&["list", &cat]).lines().count(), 1);
    env.ok(&["check", &cat]);
}

#[test]
fn the_app_without_a_display_says_why_instead_of_crashing() {
    let env = Env::new();
    let err = env.fails(&["open", &env.catalogue()]);
    assert!(err.contains("needs a graphical desktop"), "{err}");
}

#[test]
fn set_review_queue_recipients_share_and_share_verify_work_together() {
    let env = Env::new();
    let cat = env.catalogue();
    let id = env
        .ok(&[
            "add",
            &cat,
            "--kind",
            "report",
            "--title",
            "Report on strikes",
            "--label",
            "green",
        ])
        .trim()
        .to_string();
    let draft = env
        .ok(&[
            "add",
            &cat,
            "--kind",
            "statement",
            "--title",
            "Unreviewed statement",
        ])
        .trim()
        .to_string();
    // set: plain fields, and private notes that never leave.
    let out = env.ok(&[
        "set",
        &cat,
        &id,
        "--place",
        "Stepanakert",
        "--private-notes",
        "call back",
    ]);
    assert!(out.contains("Saved"), "{out}");
    // review: submit, the queue shows it, approve with a comment.
    env.ok(&["review", &cat, &id, "--submit"]);
    let queue = env.ok(&["queue", &cat, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&queue).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["title"], "Report on strikes");
    assert_eq!(rows[0]["submitted_by"], "Script User");
    let out = env.ok(&[
        "review",
        &cat,
        &id,
        "--approve",
        "--comment",
        "Checked",
        "--user",
        "Second Reviewer",
    ]);
    assert!(out.contains("Approved 1 record"), "{out}");
    assert!(env.ok(&["queue", &cat]).contains("Nothing is waiting"));
    // Exactly one step at a time.
    let usage = env.run(&["review", &cat, &id, "--approve", "--submit"]);
    assert_ne!(usage.status.code(), Some(0));
    // recipients
    let err = env.fails(&[
        "recipients",
        &cat,
        "add",
        "Public",
        "--kind",
        "public",
        "--max-label",
        "amber",
    ]);
    assert!(err.contains("TLP:CLEAR"), "{err}");
    env.ok(&[
        "recipients",
        &cat,
        "add",
        "ICRC",
        "--kind",
        "international-organisation",
        "--max-label",
        "amber",
    ]);
    let list = env.ok(&["recipients", &cat, "list"]);
    assert!(
        list.contains("ICRC") && list.contains("TLP:AMBER"),
        "{list}"
    );
    // share: a dry run writes nothing and prints the counts.
    let out_zip = env.path("out/icrc.zip");
    let dry = env.ok(&["share", &cat, "--recipient", "ICRC", "--dry-run"]);
    assert!(dry.contains("included:  1 records"), "{dry}");
    assert!(dry.contains("held back: 1 records"), "{dry}");
    assert!(
        dry.contains("Unreviewed statement: not approved (Draft)"),
        "{dry}"
    );
    assert!(dry.contains("private notes: never shared"), "{dry}");
    assert!(!out_zip.exists());
    let err = env.fails(&["share", &cat, "--recipient", "Nobody", "--dry-run"]);
    assert!(err.contains("no recipient named 'Nobody'"), "{err}");
    let done = env.ok(&[
        "share",
        &cat,
        "--recipient",
        "ICRC",
        "--out",
        out_zip.to_str().unwrap(),
    ]);
    assert!(done.contains("1 records"), "{done}");
    assert!(
        env.ok(&["share-verify", out_zip.to_str().unwrap()])
            .contains("Every file matches")
    );
    // The disclosure is in the record's history.
    let history = env.ok(&["history", &cat, &id]);
    assert!(
        history.contains("disclosed to ICRC in package"),
        "{history}"
    );
    assert!(!env.ok(&["history", &cat, &draft]).contains("disclosed"));
    // Editing the approved record returns it to review.
    let out = env.ok(&["set", &cat, &id, "--label", "amber"]);
    assert!(out.contains("returns it to review"), "{out}");
    // A package never overwrites.
    let err = env.fails(&[
        "share",
        &cat,
        "--recipient",
        "ICRC",
        "--out",
        out_zip.to_str().unwrap(),
    ]);
    assert!(
        err.contains("already exists") || err.contains("Nothing may go"),
        "{err}"
    );
}

#[test]
fn share_verify_fails_on_a_tampered_package_and_receive_refuses_it() {
    let env = Env::new();
    let cat = env.catalogue();
    let file = env.path("photo.txt");
    fs::write(&file, "the photo's bytes").unwrap();
    let id = env
        .ok(&[
            "add",
            &cat,
            "--kind",
            "media",
            "--title",
            "Photo",
            "--label",
            "green",
            "--attach",
            file.to_str().unwrap(),
        ])
        .trim()
        .to_string();
    env.ok(&[
        "review",
        &cat,
        &id,
        "--approve",
        "--user",
        "Second Reviewer",
    ]);
    env.ok(&[
        "recipients",
        &cat,
        "add",
        "OSCE",
        "--kind",
        "international-organisation",
        "--max-label",
        "green",
    ]);
    let pkg = env.path("pkg");
    env.ok(&[
        "share",
        &cat,
        "--recipient",
        "OSCE",
        "--out",
        pkg.to_str().unwrap(),
    ]);
    // Receiving a good package makes a read-only catalogue.
    let received = env.path("received");
    let out = env.ok(&[
        "receive",
        pkg.to_str().unwrap(),
        received.to_str().unwrap(),
        "--plain",
    ]);
    assert!(out.contains("1 records added"), "{out}");
    let shown = env.ok(&["list", received.to_str().unwrap()]);
    assert!(shown.contains("Photo"), "{shown}");
    let err = env.fails(&["set", received.to_str().unwrap(), &id, "--title", "x"]);
    assert!(err.contains("read-only"), "{err}");
    // Tamper with the copy of the photo in the package.
    let attachments = pkg.join("attachments");
    let dir = fs::read_dir(&attachments)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let photo = fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
    fs::write(&photo, "altered bytes!!!!").unwrap();
    let err = env.fails(&["share-verify", pkg.to_str().unwrap()]);
    assert!(err.contains("problem"), "{err}");
    let out = env.run(&["share-verify", pkg.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("changed: expected SHA-256"), "{stdout}");
    let err = env.fails(&[
        "receive",
        pkg.to_str().unwrap(),
        env.path("again").to_str().unwrap(),
        "--plain",
    ]);
    assert!(err.contains("fails verification"), "{err}");
    assert!(!env.path("again").exists());
}

#[test]
fn a_persons_status_timeline_from_the_command_line() {
    let env = Env::new();
    let cat = env.catalogue();
    let report = env
        .ok(&["add", &cat, "--kind", "report", "--title", "Report 2"])
        .trim()
        .to_string();
    let id = env
        .ok(&[
            "add",
            &cat,
            "--kind",
            "person",
            "--title",
            "Aram Gevorgyan",
            "--status",
            "captured",
            "--basis",
            "acknowledged",
            "--status-date",
            "2020-10-20",
        ])
        .trim()
        .to_string();
    let listed = env.ok(&[
        "list",
        &cat,
        "--status",
        "captured",
        "--basis",
        "acknowledged",
    ]);
    assert!(listed.contains("Aram Gevorgyan"), "{listed}");
    // An earlier entry learned later goes in its place; the current status is the latest.
    env.ok(&[
        "status",
        &cat,
        &id,
        "--status",
        "missing",
        "--date",
        "2020-10-05",
    ]);
    let out = env.ok(&[
        "status",
        &cat,
        &id,
        "--status",
        "returned",
        "--date",
        "2020-12-28",
        "--source",
        &report,
    ]);
    assert!(out.contains("current status is now 'Returned'"), "{out}");
    assert!(
        env.ok(&["list", &cat, "--status", "captured"])
            .trim()
            .is_empty()
    );
    assert!(
        env.ok(&["list", &cat, "--status", "returned"])
            .contains("Aram Gevorgyan")
    );
    let c = open(&cat);
    let person = c
        .records()
        .iter()
        .find(|r| r.title == "Aram Gevorgyan")
        .unwrap();
    let p = person.person.as_ref().unwrap();
    let statuses: Vec<&str> = p.timeline.iter().map(|e| e.status.key()).collect();
    assert_eq!(statuses, ["missing", "captured", "returned"]);
    assert_eq!(p.timeline[2].sources.len(), 1);
    assert_eq!(p.timeline[2].sources[0].to_string(), report);
    // Bad values are named; a timeline is only for persons.
    let err = env.fails(&[
        "status",
        &cat,
        &id,
        "--status",
        "kidnapped",
        "--date",
        "2020",
    ]);
    assert!(err.contains("kidnapped"), "{err}");
    let err = env.fails(&[
        "status", &cat, &report, "--status", "missing", "--date", "2020",
    ]);
    assert!(err.contains("not a person"), "{err}");
}

#[test]
fn stats_views_csv_duplicates_and_incidents_from_the_command_line() {
    let env = Env::new();
    let cat = env.catalogue();
    let add = |args: &[&str]| {
        let mut all = vec!["add", &cat, "--kind", "person"];
        all.extend_from_slice(args);
        env.ok(&all).trim().to_string()
    };
    let aram = add(&[
        "--title",
        "Արամ Պետրոսյան",
        "--name",
        "Aram Petrosyan:hy-Latn",
        "--birth",
        "1998",
        "--category",
        "serviceman",
        "--status",
        "captured",
        "--basis",
        "not-acknowledged",
        "--status-date",
        "2020-10-20",
    ]);
    let twin = add(&[
        "--title",
        "Aram Petrossian",
        "--birth",
        "1998-03-14",
        "--status",
        "missing",
        "--status-date",
        "2020-10-05",
    ]);
    add(&[
        "--title",
        "Anna Grigoryan",
        "--category",
        "civilian",
        "--status",
        "killed",
        "--status-date",
        "2020-10-08",
    ]);
    let incident = env
        .ok(&[
            "add",
            &cat,
            "--kind",
            "incident",
            "--title",
            "Shelling of a school",
            "--date",
            "2020-10-08",
            "--place",
            "Martuni",
            "--coordinates",
            "39.7950, 47.1150",
            "--link",
            &format!("victim:{aram}"),
        ])
        .trim()
        .to_string();
    let shown = env.ok(&["show", &cat, &incident, "--json"]);
    assert!(shown.contains("\"lat\": 39.795"), "{shown}");
    assert!(shown.contains("\"kind\": \"victim\""), "{shown}");
    let bad = env.fails(&[
        "add",
        &cat,
        "--kind",
        "incident",
        "--title",
        "x",
        "--coordinates",
        "91,0",
    ]);
    assert!(bad.contains("off the globe"), "{bad}");

    // Every count `stats` prints is the length of the same list.
    let stats: serde_json::Value =
        serde_json::from_str(&env.ok(&["stats", &cat, "--kind", "person", "--json"])).unwrap();
    for (status, n) in stats["by_status"].as_object().unwrap() {
        let listed: Vec<serde_json::Value> = serde_json::from_str(&env.ok(&[
            "list", &cat, "--kind", "person", "--status", status, "--json",
        ]))
        .unwrap();
        assert_eq!(listed.len() as u64, n.as_u64().unwrap(), "{status}");
    }
    assert_eq!(stats["persons"], 3);
    let civilians = env.ok(&[
        "stats",
        &cat,
        "--category",
        "civilian",
        "--from",
        "2020-09-27",
        "--until",
        "2020-11-09",
    ]);
    assert!(civilians.contains("Killed\t1"), "{civilians}");

    // A saved view is a list by name.
    env.ok(&[
        "views",
        &cat,
        "add",
        "Captives: held, not acknowledged",
        "--status",
        "captured",
        "--basis",
        "not-acknowledged",
    ]);
    let views = env.ok(&["views", &cat, "list"]);
    assert!(
        views.contains("1  Captives: held, not acknowledged"),
        "{views}"
    );
    let listed = env.ok(&["list", &cat, "--view", "Captives: held, not acknowledged"]);
    assert!(
        listed.contains(&aram) && !listed.contains(&twin),
        "{listed}"
    );
    let unknown = env.fails(&["list", &cat, "--view", "Nope"]);
    assert!(unknown.contains("Captives: held"), "{unknown}");

    // CSV with chosen columns.
    let out = env.path("captives.csv");
    env.ok(&[
        "export-csv",
        &cat,
        "--out",
        out.to_str().unwrap(),
        "--view",
        "Captives: held, not acknowledged",
        "--columns",
        "id,names,status,basis",
    ]);
    let csv = fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().next(), Some("id,names,status,basis"));
    assert!(csv.contains("Aram Petrosyan (hy-Latn)"), "{csv}");
    assert_eq!(csv.lines().count(), 2);
    let again = env.fails(&["export-csv", &cat, "--out", out.to_str().unwrap()]);
    assert!(again.contains("already exists"), "{again}");
    let dry = env.ok(&["import-csv", &cat, out.to_str().unwrap(), "--dry-run"]);
    assert!(dry.contains("line 2: no change"), "{dry}");

    // The Armenian and the Latin record of Aram are suggested, then merged.
    let dups = env.ok(&["duplicates", &cat]);
    assert!(dups.contains(&aram) && dups.contains(&twin), "{dups}");
    let merged = env.ok(&["merge", &cat, &aram, &twin]);
    assert!(merged.contains("both histories are kept"), "{merged}");
    assert!(
        env.ok(&["duplicates", &cat])
            .contains("No possible duplicates")
    );
    let history = env.ok(&["history", &cat, &twin]);
    assert!(history.contains("Merged"), "{history}");
    let c = open(&cat);
    let id = c.resolve(&aram).unwrap();
    let p = c.get(&id).unwrap().person.as_ref().unwrap();
    assert_eq!(p.timeline.len(), 2);
}

#[test]
fn generate_makes_a_realistic_catalogue_that_opens_and_verifies() {
    let env = Env::new();
    let path = env.path("big");
    let p = path.to_str().unwrap();
    let out = env.ok(&[
        "generate",
        p,
        "--records",
        "300",
        "--attachments",
        "4",
        "--seed",
        "7",
        "--image-width",
        "640",
        "--plain",
    ]);
    assert!(
        out.contains("Generated 300 records and 4 photographs"),
        "{out}"
    );
    let cat = open(p);
    assert_eq!(cat.records().len(), 300);
    assert!(cat.problems().is_empty(), "{:?}", cat.problems());
    let count = |k: RecordKind| cat.records().iter().filter(|r| r.kind == k).count();
    for kind in [
        RecordKind::Person,
        RecordKind::Incident,
        RecordKind::Report,
        RecordKind::Statement,
        RecordKind::Media,
    ] {
        assert!(count(kind) > 0, "no {kind:?} generated");
    }
    // Text in three scripts, labels beyond the default, links and timelines.
    let text: String = cat.records().iter().map(|r| r.display_title()).collect();
    assert!(
        text.chars().any(|c| ('\u{0531}'..='\u{058F}').contains(&c)),
        "no Armenian"
    );
    assert!(
        text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        "no Cyrillic"
    );
    assert!(text.chars().any(|c| c.is_ascii_alphabetic()), "no Latin");
    assert!(cat.records().iter().any(|r| r.label == Label::Red));
    assert!(cat.records().iter().any(|r| !r.warnings.is_empty()));
    assert!(cat.records().iter().any(|r| !r.links.is_empty()));
    assert!(
        cat.records()
            .iter()
            .any(|r| r.person.as_ref().is_some_and(|p| p.timeline.len() > 1))
    );
    // Four JPEGs of the asked width with their own EXIF, stored once each.
    let photos: Vec<_> = cat.records().iter().flat_map(|r| &r.attachments).collect();
    assert_eq!(photos.len(), 4);
    let blob = cat.blobs().path_of(&photos[0].sha256);
    let bytes = fs::read(&blob).unwrap();
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&bytes))
        .unwrap();
    assert!(
        exif.get_field(exif::Tag::Model, exif::In::PRIMARY)
            .is_some()
    );
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (640, 480));
    let hashes: std::collections::HashSet<_> = photos.iter().map(|a| &a.sha256).collect();
    assert_eq!(hashes.len(), 4, "every photograph is a different file");
    // The same seed gives the same catalogue.
    let again = env.path("again");
    env.ok(&[
        "generate",
        again.to_str().unwrap(),
        "--records",
        "300",
        "--attachments",
        "4",
        "--seed",
        "7",
        "--image-width",
        "640",
        "--plain",
    ]);
    let ids = |c: &Catalogue| {
        let mut v: Vec<_> = c.records().iter().map(|r| r.id).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&cat), ids(&open(again.to_str().unwrap())));
    env.ok(&["verify", p]);
    assert!(
        env.fails(&["generate", p, "--records", "5", "--plain"])
            .contains("big")
    );
}

#[test]
fn two_people_for_every_approval_unless_a_single_person_office_turns_it_off() {
    let cli = common::Cli::new();
    let cat = cli.path("cat");
    let cat_s = cat.to_str().unwrap();
    cli.ok(&["new", cat_s, "--title", "T", "--plain"]);
    let add = |title: &str| {
        let (id, _) = cli.ok(&["add", cat_s, "--kind", "report", "--title", title]);
        id.trim().to_string()
    };
    let (mine, drafted, theirs) = (add("Mine"), add("Drafted"), add("Theirs"));
    let (out, _) = cli.ok(&["catalogue", cat_s]);
    assert!(out.contains("Approval:    two people"), "{out}");

    cli.ok(&["review", cat_s, &mine, "--submit"]);
    let (_, err) = cli.fails(&["review", cat_s, &mine, "--approve"]);
    assert!(err.contains("another person must approve it"), "{err}");
    // Approving one's own draft directly skips nobody's eyes either.
    let (_, err) = cli.fails(&["review", cat_s, &drafted, "--approve"]);
    assert!(err.contains("another person must approve it"), "{err}");

    // Bulk: what another person submitted is approved; one's own waits, and it says so.
    cli.ok(&["review", cat_s, &theirs, "--submit", "--user", "Colleague"]);
    let (out, _) = cli.ok(&["review", cat_s, &mine, &theirs, "--approve"]);
    assert!(
        out.contains("Approved 1 record") && out.contains("1 you submitted waits"),
        "{out}"
    );
    let reviews = |id: &str| {
        let c = common::open_read_only(&cat);
        let id = c.resolve(id).unwrap();
        c.get(&id).unwrap().review
    };
    assert_eq!(reviews(&theirs), dossier::model::ReviewState::Approved);
    assert_eq!(reviews(&mine), dossier::model::ReviewState::InReview);

    // A single-person office turns it off, and the log says who did.
    cli.ok(&["catalogue", cat_s, "--two-people", "off"]);
    let (out, _) = cli.ok(&["catalogue", cat_s]);
    assert!(out.contains("one person may submit and approve"), "{out}");
    cli.ok(&["review", cat_s, &mine, "--approve"]);
    assert_eq!(reviews(&mine), dossier::model::ReviewState::Approved);
    let (log, _) = cli.ok(&["log", cat_s]);
    assert!(
        log.contains("two people for every approval: on -> off"),
        "{log}"
    );
}
