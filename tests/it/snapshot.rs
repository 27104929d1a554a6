//! The snapshot in `cache/` (issue 20): opening from it gives exactly what reading every
//! file gives, whatever was changed in and out of Dossier since, and a snapshot that is
//! damaged, cut short, of another version or another catalogue is said and not used.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier::model::binary::{Binary, Reader, Writer};
use dossier::model::*;
use dossier::search::{Filter, SortColumn};
use dossier::store::snapshot::{self, SnapshotKey};
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};

/// A racy margin for tests: longer than any file system's clock tick here (a few
/// milliseconds), so a stat it trusts is safe, yet short enough to wait out ([`settle`]).
pub(crate) const QUICK: Option<i128> = Some(30_000_000);

/// Waits out [`QUICK`]: files written before now can vouch for themselves after it.
pub(crate) fn settle() {
    std::thread::sleep(Duration::from_millis(40));
}

pub(crate) fn key() -> SnapshotKey {
    SnapshotKey::from_bytes([7; 32])
}

/// Opens with the snapshot; `margin` shortens the racy margin (tests that edit files many
/// times a second); `None` keeps the real one.
pub(crate) fn open_warm(path: &Path, read_only: bool, margin: Option<i128>) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: "Tester".into(),
            read_only,
            snapshot: true,
            snapshot_key: Some(key()),
            racy_margin_ns: margin,
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// Opens with the snapshot for record `id` alone (and what it links to), writable.
pub(crate) fn open_only(path: &Path, id: RecordId, margin: Option<i128>) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: "Tester".into(),
            snapshot: true,
            snapshot_key: Some(key()),
            racy_margin_ns: margin,
            only: Some(vec![id]),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// Opens read-only with the snapshot, its records left in it until asked for.
pub(crate) fn open_lazy(path: &Path, margin: Option<i128>) -> Catalogue {
    open_lazy_as(path, margin, true)
}

/// Opens with the snapshot (as "Tester" when writable), its records left in it until
/// asked for.
pub(crate) fn open_lazy_as(path: &Path, margin: Option<i128>, read_only: bool) -> Catalogue {
    Catalogue::open(
        path,
        OpenOptions {
            user: "Tester".into(),
            read_only,
            snapshot: true,
            snapshot_key: Some(key()),
            racy_margin_ns: margin,
            lazy: true,
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

pub(crate) fn open_cold(path: &Path) -> Catalogue {
    crate::common::open_read_only(path)
}

/// Opens with the snapshot and writes the one it leaves; gives back how many files it read.
pub(crate) fn refresh(path: &Path, margin: Option<i128>) -> Option<usize> {
    let mut cat = open_warm(path, true, margin);
    let job = cat.snapshot_job()?;
    let reread = job.reread;
    job.write().unwrap();
    Some(reread)
}

/// What a person sees of a catalogue: records, trash, held-back changes, problems, a
/// search's results, and every record's history.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seen {
    records: Vec<Record>,
    trash: Vec<Record>,
    outside: Vec<RecordId>,
    problems: usize,
    found: Vec<RecordId>,
    /// Each record's entries in the logs, newest first (read from the disk through the
    /// record index when the catalogue does not hold its logs whole).
    history: Vec<Vec<dossier::audit::AuditEntry>>,
    /// When and by whom each record was last put in review.
    submitted: Vec<(RecordId, (jiff::Timestamp, String))>,
}

pub(crate) fn seen(cat: &mut Catalogue) -> Seen {
    let mut records = cat.records().to_vec();
    records.sort_by_key(|r| r.id);
    let mut trash = cat.trash().to_vec();
    trash.sort_by_key(|r| r.id);
    let mut outside: Vec<RecordId> = cat.outside_changes().iter().map(|c| c.record).collect();
    outside.sort();
    let history = records
        .iter()
        .chain(&trash)
        .map(|r| cat.audit().for_record(&r.id))
        .collect();
    let mut submitted: Vec<_> = cat.audit().submissions().into_iter().collect();
    submitted.sort();
    let index = cat.take_index();
    let filter = Filter {
        text: "report".into(),
        ..Filter::default()
    };
    let found = index.search_sorted(&filter, SortColumn::Date, true).ids;
    Seen {
        records,
        trash,
        outside,
        problems: cat.problems().len(),
        found,
        history,
        submitted,
    }
}

pub(crate) fn catalogue_of(n: usize) -> (tempfile::TempDir, PathBuf, Vec<RecordId>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat");
    let mut cat = Catalogue::create(&path, "Snapshot", "Tester").unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let mut r = Record::new(
            RecordKind::Report,
            format!("Report {i:03} on shelling"),
            "Ani",
        );
        r.body = format!("Body of report {i}");
        ids.push(cat.save(r, "Ani").unwrap());
    }
    (dir, path, ids)
}

/// A catalogue of `n` records and its snapshot, which serves them all (stats trusted after
/// [`QUICK`]).
pub(crate) fn snapshotted(n: usize) -> (tempfile::TempDir, PathBuf, Vec<RecordId>) {
    let (dir, path, ids) = catalogue_of(n);
    settle();
    refresh(&path, QUICK);
    (dir, path, ids)
}

pub(crate) fn file_of(path: &Path, id: &RecordId) -> PathBuf {
    path.join(RECORDS_DIR).join(format!("{id}.json"))
}

/// Edits a record file in place, keeping its size and its modification time: what a sync
/// tool or an editor can do within one tick of the file system's clock.
pub(crate) fn edit_in_place(file: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let modified = fs::metadata(file).unwrap().modified().unwrap();
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from} not in {}", file.display());
    let f = fs::OpenOptions::new().write(true).open(file).unwrap();
    use std::io::{Seek, SeekFrom, Write};
    let at = text.find(from).unwrap() as u64;
    let mut f = f;
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(to.as_bytes()).unwrap();
    f.set_modified(modified).unwrap();
}

#[test]
fn a_command_about_one_record_reads_its_file_and_its_links_alone() {
    let (_dir, path, ids) = catalogue_of(30);
    {
        let mut cat = crate::common::open_as(&path, "Tester");
        let mut r = cat.get(&ids[3]).cloned().unwrap();
        r.links.push(Link {
            kind: LinkKind::PartOf,
            target: ids[4],
            note: String::new(),
            extra: Default::default(),
        });
        cat.save(r, "Tester").unwrap();
    }
    settle();
    refresh(&path, QUICK);
    // Record 3 and record 9 are edited in place, same size and time, outside Dossier.
    edit_in_place(
        &file_of(&path, &ids[3]),
        "Body of report 3",
        "Body of rep0rt 3",
    );
    edit_in_place(
        &file_of(&path, &ids[9]),
        "Body of report 9",
        "Body of rep0rt 9",
    );
    let mut one = open_only(&path, ids[3], QUICK);
    assert!(one.is_focused());
    let mut held: Vec<RecordId> = one.records().iter().map(|r| r.id).collect();
    held.sort();
    let mut expected = vec![ids[3], ids[4]];
    expected.sort();
    assert_eq!(
        held, expected,
        "the record and the one it links to, nothing else"
    );
    assert_eq!(one.get(&ids[3]).unwrap().body, "Body of rep0rt 3");
    // Its outside change is found and logged as a whole opening would.
    let outside: Vec<RecordId> = one.outside_changes().iter().map(|c| c.record).collect();
    assert_eq!(outside, vec![ids[3]]);
    let logged = |cat: &Catalogue, id: &RecordId| {
        cat.audit()
            .for_record(id)
            .iter()
            .filter(|e| e.action == dossier::audit::Action::ChangedOutside)
            .count()
    };
    assert_eq!(logged(&one, &ids[3]), 1);
    assert!(one.snapshot_job().is_none(), "no snapshot of a few records");
    drop(one);
    // Record 9 was not looked at: the next whole opening finds and logs it, and record 3
    // is not logged again.
    let whole = crate::common::open_as(&path, "Tester");
    assert!(!whole.is_focused());
    assert_eq!(whole.records().len(), 30);
    assert_eq!(logged(&whole, &ids[9]), 1);
    assert_eq!(logged(&whole, &ids[3]), 1);
}

#[test]
fn a_list_decodes_only_the_records_it_shows_and_finds_what_changed() {
    let (_dir, path, ids) = snapshotted(40);
    edit_in_place(
        &file_of(&path, &ids[7]),
        "Body of report 7",
        "Body of zebra  7",
    );
    // As `dossier list` opens, its index read while the files are checked, and without.
    for index_ahead in [true, false] {
        let lazy = Catalogue::open(
            &path,
            OpenOptions {
                read_only: true,
                snapshot: true,
                snapshot_key: Some(key()),
                racy_margin_ns: QUICK,
                lazy: true,
                index_ahead,
                ..OpenOptions::default()
            },
        )
        .unwrap();
        a_list_finds_what_changed(lazy, &path, &ids);
    }
}

fn a_list_finds_what_changed(mut lazy: Catalogue, path: &Path, ids: &[RecordId]) {
    assert!(lazy.is_focused());
    // Only the file that changed was read; the other 39 wait in the snapshot.
    assert_eq!(lazy.records().len(), 1);
    let index = lazy.take_index();
    let found = |text: &str| {
        let filter = Filter {
            text: text.into(),
            ..Filter::default()
        };
        dossier::search::list_ids(&index, &filter)
    };
    assert_eq!(found("zebra"), vec![ids[7]]);
    let hits = found("shelling");
    assert_eq!(hits.len(), 40);
    let shown = &hits[..5];
    lazy.load_also(shown);
    let new = shown.iter().filter(|id| **id != ids[7]).count();
    assert_eq!(lazy.records().len(), 1 + new);
    let cold = open_cold(path);
    for id in shown {
        assert_eq!(lazy.get(id), cold.get(id));
    }
    assert_eq!(lazy.file_hash(&ids[20]), cold.file_hash(&ids[20]));
}

#[test]
fn every_field_of_a_record_reads_back_from_the_binary_form() {
    let full = crate::store::full_record(RecordId::new());
    let mut w = Writer::default();
    full.put(&mut w);
    let mut r = Reader::new(&w.bytes);
    assert_eq!(Record::take(&mut r).unwrap(), full);
    assert!(r.is_done());
    // Cut anywhere, it is refused, never read as something else.
    for cut in (0..w.bytes.len()).step_by(7) {
        let mut r = Reader::new(&w.bytes[..cut]);
        assert!(Record::take(&mut r).is_err(), "cut at {cut}");
    }
}

#[test]
fn a_warm_opening_serves_unchanged_files_and_finds_a_same_second_same_size_edit() {
    let (_dir, path, ids) = catalogue_of(12);
    // The files must be older than the racy margin for their stat to vouch for them.
    std::thread::sleep(Duration::from_millis(2100));
    assert_eq!(
        refresh(&path, None),
        Some(12),
        "the first opening reads every file"
    );
    assert_eq!(
        refresh(&path, None),
        None,
        "then the snapshot serves them all"
    );
    // In place, same size, the modification time put back: the stat's change time (or,
    // where there is none, the racy rule) still gives it away.
    edit_in_place(&file_of(&path, &ids[3]), "Report 003", "Report 993");
    let mut warm = open_warm(&path, true, None);
    assert_eq!(warm.get(&ids[3]).unwrap().title, "Report 993 on shelling");
    assert_eq!(seen(&mut warm), seen(&mut open_cold(&path)));
    let job = warm
        .snapshot_job()
        .expect("a changed file makes a new snapshot");
    assert_eq!(job.reread, 1, "only the changed file is read again");
}

#[test]
fn a_file_changed_in_the_tick_it_was_read_is_hashed_again_next_time() {
    let (_dir, path, ids) = catalogue_of(4);
    // Written a moment ago: no stat of theirs can vouch for them yet.
    refresh(&path, None);
    edit_in_place(&file_of(&path, &ids[1]), "Report 001", "Report 771");
    let cat = open_warm(&path, true, None);
    assert_eq!(cat.get(&ids[1]).unwrap().title, "Report 771 on shelling");
}

#[test]
fn an_edit_outside_after_the_snapshot_is_held_back_and_logged_as_without_one() {
    let (_dir, path, ids) = snapshotted(5);
    let margin = QUICK;
    edit_in_place(&file_of(&path, &ids[2]), "Body of", "BODY OF");
    let warm = open_warm(&path, false, margin);
    assert_eq!(warm.outside_changes().len(), 1);
    assert_eq!(warm.outside_changes()[0].record, ids[2]);
    drop(warm);
    let cold = crate::common::open_as(&path, "Tester");
    assert_eq!(cold.outside_changes().len(), 1, "logged once, found again");
    let logged = cold.audit().with_entries(|e| {
        e.iter()
            .filter(|e| e.action == dossier::audit::Action::ChangedOutside)
            .count()
    });
    assert_eq!(
        logged, 1,
        "the warm opening logged it, the cold one did not again"
    );
}

#[test]
fn a_damaged_cut_foreign_or_other_snapshot_is_said_and_not_used() {
    let (_dir, path, _) = snapshotted(6);
    let margin = QUICK;
    let vault = dossier::durable::vault::Vault::plain(&path);
    let file = snapshot::path(&vault, Some(&key())).unwrap();
    let good = fs::read(&file).unwrap();
    let cold = seen(&mut open_cold(&path));
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    let mut other_version = good.clone();
    other_version[16] = other_version[16].wrapping_add(1);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a flipped bit", flipped, "signature does not match"),
        (
            "cut short",
            good[..good.len() / 3].to_vec(),
            "signature does not match",
        ),
        (
            "another version",
            other_version,
            "another version of Dossier",
        ),
        (
            "not a snapshot",
            b"hello".to_vec(),
            "not a Dossier snapshot",
        ),
    ];
    for (what, bytes, said) in cases {
        fs::write(&file, &bytes).unwrap();
        let mut cat = open_warm(&path, false, margin);
        let notice = cat.notices().join(" ");
        assert!(notice.contains(said), "{what}: {notice}");
        assert_eq!(seen(&mut cat), cold, "{what}");
        let job = cat.snapshot_job().expect("made again");
        job.write().unwrap();
        let mut again = open_warm(&path, true, margin);
        assert!(again.notices().is_empty(), "{what}: rebuilt");
        assert_eq!(seen(&mut again), cold, "{what}");
    }
    // Another computer's key: refused, never believed.
    let theirs = SnapshotKey::from_bytes([9; 32]);
    let mut cat = Catalogue::open(
        &path,
        OpenOptions {
            read_only: true,
            snapshot: true,
            snapshot_key: Some(theirs.clone()),
            racy_margin_ns: margin,
            ..OpenOptions::default()
        },
    )
    .unwrap();
    cat.snapshot_job().unwrap().write().unwrap();
    let theirs_file = snapshot::path(&vault, Some(&theirs)).unwrap();
    assert_ne!(theirs_file, file, "each computer keeps its own");
    fs::copy(&theirs_file, &file).unwrap();
    let cat = open_warm(&path, true, margin);
    assert!(cat.notices().join(" ").contains("signature does not match"));
}

#[test]
fn another_catalogues_snapshot_is_not_used() {
    let (_d1, one, _) = snapshotted(3);
    let (_d2, two, _) = catalogue_of(4);
    let margin = QUICK;
    let vault = |p: &Path| dossier::durable::vault::Vault::plain(p);
    let from = snapshot::path(&vault(&one), Some(&key())).unwrap();
    let to = snapshot::path(&vault(&two), Some(&key())).unwrap();
    fs::copy(from, to).unwrap();
    let mut cat = open_warm(&two, true, margin);
    assert!(cat.notices().join(" ").contains("another catalogue"));
    assert_eq!(seen(&mut cat), seen(&mut open_cold(&two)));
}

#[test]
fn commands_use_the_snapshot_and_see_each_others_changes() {
    let cli = crate::common::Cli::new();
    let path = cli.path("cat");
    let p = path.to_str().unwrap();
    cli.ok(&["new", p, "--title", "T", "--plain"]);
    let (id, _) = cli.ok(&[
        "add",
        p,
        "--kind",
        "report",
        "--title",
        "Shelling of the school",
    ]);
    let id = id.trim();
    cli.ok(&["list", p]);
    let data = cli.path("data");
    let snaps: Vec<_> = fs::read_dir(path.join("cache"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bin"))
        .collect();
    assert_eq!(snaps.len(), 1, "the list wrote one");
    assert!(
        data.join(snapshot::KEY_FILE).is_file(),
        "its key is outside the catalogue"
    );
    cli.ok(&["set", p, id, "--title", "Shelling of the hospital"]);
    let (shown, _) = cli.ok(&["show", p, id]);
    assert!(shown.contains("Shelling of the hospital"), "{shown}");
    let (found, _) = cli.ok(&["list", p, "--query", "hospital"]);
    assert!(found.contains(id), "{found}");
    let (gone, _) = cli.ok(&["list", p, "--query", "school"]);
    assert!(!gone.contains(id), "{gone}");
    let (log, _) = cli.ok(&["history", p, id]);
    assert!(
        log.contains("Shelling of the hospital"),
        "history is read from the log: {log}"
    );
}

#[test]
fn an_encrypted_catalogues_snapshot_is_sealed() {
    let cli = crate::common::Cli::new();
    let path = cli.path("sealed");
    let pass = cli.path("pass.txt");
    fs::write(&pass, "correct horse battery\n").unwrap();
    let p = path.to_str().unwrap();
    let pf = pass.to_str().unwrap();
    cli.ok(&["new", p, "--title", "Sealed", "--new-passphrase-file", pf]);
    cli.ok(&[
        "add",
        p,
        "--kind",
        "report",
        "--title",
        "Quartermaster Zvartnots",
        "--passphrase-file",
        pf,
    ]);
    cli.ok(&["list", p, "--passphrase-file", pf]);
    let file = path.join("cache").join("snapshot.bin");
    let bytes = fs::read(&file).expect("a sealed snapshot");
    assert!(bytes.len() > 100);
    let needle = b"Zvartnots";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "no plain text in it"
    );
    let (found, _) = cli.ok(&["list", p, "--query", "zvartnots", "--passphrase-file", pf]);
    assert!(found.contains("Quartermaster"), "{found}");
}

/// An approval withdrawn on opening (the file changed outside) changes the record in
/// memory only: the snapshot written after that opening holds the file as it is, and the
/// record reopens withdrawn all the same.
#[test]
fn the_snapshot_after_a_withdrawn_approval_holds_the_file_as_it_is() {
    let (_dir, path, ids) = catalogue_of(3);
    let mut cat = crate::common::open_as(&path, "Ani");
    let mut approved = cat.get(&ids[1]).unwrap().clone();
    approved.review = ReviewState::Approved;
    cat.save(approved, "Ani").unwrap();
    drop(cat);
    settle();
    refresh(&path, QUICK);
    edit_in_place(
        &file_of(&path, &ids[1]),
        "Body of report 1",
        "Body of zebra  1",
    );
    // Read-only: the file is left as it is, the approval withdrawn in memory.
    let mut cat = open_warm(&path, true, QUICK);
    let shown = cat.get(&ids[1]).unwrap().clone();
    assert_eq!(shown.review, ReviewState::InReview);
    let catalogue = cat.meta().id;
    cat.snapshot_job()
        .expect("a file was read again")
        .write()
        .unwrap();
    let vault = dossier::durable::vault::Vault::plain(&path);
    let snap = snapshot::read(&vault, Some(&key()), catalogue).unwrap();
    let at = snap.head.files.iter().position(|f| f.id == ids[1]).unwrap();
    let kept = snap.record(at).unwrap();
    assert_eq!(kept.review, ReviewState::Approved, "as the file says");
    assert_eq!(kept.body, "Body of zebra  1");
    let mut warm = open_warm(&path, true, QUICK);
    assert_eq!(warm.get(&ids[1]), Some(&shown));
    assert_eq!(seen(&mut warm), seen(&mut open_cold(&path)));
}
