//! Commands that make new records (`dossier add`, `dossier import`) open only the records
//! the new ones link to or go into, from the snapshot, and `dossier status` only the
//! person and its sources: nothing else of the catalogue is needed, and opening all of it
//! took 0.97 s at 100,000 records (0.07 s now). Commands about the catalogue itself
//! (`recipients list`, `log`) read no record; `catalogue`, `views list` and `queue` check
//! every file but decode only what they show.

use std::fs;

use dossier::store::RECORDS_DIR;

/// A new plain catalogue `cat` made with the command line, and the ids of the reports
/// `titles` added to it.
fn with_reports(cli: &crate::common::Cli, titles: &[&str]) -> (std::path::PathBuf, Vec<String>) {
    let path = cli.path("cat");
    let p = path.to_str().unwrap();
    cli.ok(&["new", p, "--title", "T", "--plain"]);
    let add = |title: &str| cli.ok(&["add", p, "--kind", "report", "--title", title]).0;
    let ids = titles.iter().map(|t| add(t).trim().to_string()).collect();
    (path, ids)
}

#[test]
fn add_and_import_open_only_the_records_they_name_and_the_next_opening_finds_the_rest() {
    let cli = crate::common::Cli::new();
    let titles = ["Shelling of the school", "Shelling of the hospital"];
    let (path, ids) = with_reports(&cli, &titles);
    let p = path.to_str().unwrap();
    let (a, b) = (ids[0].as_str(), ids[1].as_str());
    cli.ok(&["list", p]);
    // Record A is changed outside Dossier: an opening of the whole catalogue would find it.
    let file = path.join(RECORDS_DIR).join(format!("{a}.json"));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("the school", "the School")).unwrap();

    let link = format!("part-of:{b}");
    let args = [
        "add", p, "--kind", "report", "--title", "Witness", "--link", &link,
    ];
    let (c, err) = cli.ok(&args);
    assert!(!err.contains(a), "add looked at every record: {err}");
    let photo = cli.path("photo.bin");
    fs::write(&photo, b"not really a photo").unwrap();
    let photo = photo.to_str().unwrap();
    let (imported, err) = cli.ok(&["import", p, photo, "--record", b]);
    assert!(!err.contains(a), "import looked at every record: {err}");
    assert!(imported.starts_with(b), "{imported}");
    let (imported, err) = cli.ok(&["import", p, photo]);
    assert!(!err.contains(a), "{err}");
    let d = imported.split('\t').next().unwrap();

    let person = cli
        .ok(&["add", p, "--kind", "person", "--title", "Anahit"])
        .0;
    let person = person.trim();
    let args = [
        "status",
        p,
        person,
        "--status",
        "returned",
        "--date",
        "2024-05-01",
    ];
    let (_, err) = cli.ok(&[&args[..], &["--source", b]].concat());
    assert!(!err.contains(a), "status looked at every record: {err}");
    let (shown, _) = cli.ok(&["show", p, person]);
    assert!(shown.contains("Returned"), "{shown}");

    let (shown, _) = cli.ok(&["show", p, c.trim()]);
    assert!(shown.contains(b), "the link is saved: {shown}");
    let (shown, _) = cli.ok(&["show", p, b]);
    assert!(shown.contains("photo.bin"), "attached to B: {shown}");
    let (listed, _) = cli.ok(&["list", p]);
    assert!(listed.contains(c.trim()) && listed.contains(d), "{listed}");
    // The change to A waits for the next opening of the whole catalogue.
    let (out, err) = cli.fails(&["check", p]);
    assert!(out.contains(a) || err.contains(a), "{out}{err}");
}

/// `recipients list` and `log` need nothing of the records, so they read none; `catalogue`,
/// `views list` and `queue` check every file (their counts and the queue depend on them)
/// but decode only the records they show, from the snapshot, as `list` does.
#[test]
fn commands_about_the_catalogue_itself_read_only_what_they_show() {
    let cli = crate::common::Cli::new();
    let titles = [
        "Shelling of the school",
        "Shelling of the hospital",
        "Water supply cut",
    ];
    let (path, ids) = with_reports(&cli, &titles);
    let p = path.to_str().unwrap();
    let (a, b, c) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
    cli.ok(&["review", "--submit", p, b]);
    let args = [
        "recipients",
        p,
        "add",
        "Ombudsman",
        "--kind",
        "government-agency",
        "--max-label",
        "amber",
    ];
    cli.ok(&args);
    cli.ok(&["views", p, "add", "Shelling", "--query", "shelling"]);
    // Once the files are older than the racy margin, the snapshot `list` leaves serves
    // them all: the records then stay in it until a command asks for them.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    cli.ok(&["list", p]);
    let counts_and_queue = || {
        let (out, _) = cli.ok(&["catalogue", p]);
        assert!(out.contains("Records:     3 (0 in the trash)"), "{out}");
        let (out, _) = cli.ok(&["views", p, "list"]);
        assert!(out.contains("     2  Shelling"), "{out}");
        let (out, _) = cli.ok(&["queue", p]);
        assert!(
            out.contains(b) && !out.contains(a) && !out.contains(c),
            "{out}"
        );
        assert!(out.contains("Shelling of the hospital"), "{out}");
    };
    counts_and_queue();

    // Record A is changed outside Dossier: whatever checks the files says so.
    let file = path.join(RECORDS_DIR).join(format!("{a}.json"));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("the school", "the School")).unwrap();
    let (out, err) = cli.ok(&["recipients", p, "list"]);
    assert!(out.contains("Ombudsman"), "{out}");
    assert!(!err.contains("changed outside"), "read the records: {err}");
    let (out, err) = cli.ok(&["log", p]);
    assert!(out.contains("Ombudsman") && out.contains(&b[..8]), "{out}");
    assert!(!err.contains("changed outside"), "read the records: {err}");
    let (_, err) = cli.ok(&["catalogue", p]);
    assert!(
        err.contains("changed outside"),
        "every file is checked: {err}"
    );
    counts_and_queue();
}
