//! Fault tests: a full disk, permission denied, the catalogue folder removed while open, an
//! attachment vanishing during import, read-only media. Each must give a clear error that
//! names the file and lose nothing already saved.
//!
//! A full disk and read-only media are real: small tmpfs mounts made by the test, which
//! needs root (as CI runs). Without root those two tests say so and fall back to what an
//! ordinary user can do (file modes); permission denied runs the CLI as `nobody` under
//! root, since root itself is never denied.

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::model::{Record, RecordKind};
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};

#[allow(unsafe_code)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        if !is_root() {
            return None;
        }
        fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    /// Remounts read-only. The kernel refuses ("mount point is busy") while any process
    /// holds a file on it open for writing, and a child another test is starting holds a
    /// copy of this process's open files until it runs its program: under CI's load that
    /// moment was once long enough to refuse. So it is tried again, for up to a second.
    fn remount_read_only(&self) {
        let remount = || {
            Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(&self.0)
                .status()
                .unwrap()
                .success()
        };
        let ok = (0..20).any(|_| {
            remount() || {
                std::thread::sleep(std::time::Duration::from_millis(50));
                false
            }
        });
        assert!(ok, "{} could not be remounted read-only", self.0.display());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn open(root: &Path) -> Catalogue {
    Catalogue::open(
        root,
        OpenOptions {
            user: "Ani".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{} did not open: {e}", root.display()))
}

fn dossier(args: &[&str], home: &Path) -> Output {
    dossier_cmd(args, home).output().unwrap()
}

fn dossier_cmd(args: &[&str], home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.args(args)
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_USER", "Ani");
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_temp_files(root: &Path) -> bool {
    [RECORDS_DIR, "attachments", "trash", ""].iter().all(|sub| {
        fs::read_dir(root.join(sub))
            .map(|rd| {
                rd.flatten()
                    .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .unwrap_or(true)
    })
}

/// Checks that every record in `saved` is there with its title and the chain verifies.
fn assert_intact(root: &Path, saved: &[(dossier::model::RecordId, String)]) {
    let cat = open(root);
    for (id, title) in saved {
        let r = cat
            .get(id)
            .unwrap_or_else(|| panic!("saved record '{title}' is gone"));
        assert_eq!(&r.title, title);
    }
    assert!(cat.problems().is_empty(), "{:?}", cat.problems());
    drop(cat);
    let report = dossier::integrity::verify(root, None, &|_| {}).unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems);
}

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("usb"), "1m") else {
        eprintln!("SKIPPED: a full disk needs a tmpfs mount, which needs root");
        return;
    };
    // Other files on the drive, which the user deletes later to make room.
    let other_files = disk.0.join("holiday-video.mp4");
    fs::write(&other_files, vec![0u8; 256 * 1024]).unwrap();
    let root = disk.0.join("cat");
    let mut cat = Catalogue::create(&root, "Small drive", "Ani").unwrap();
    let mut saved = Vec::new();
    let mut error = None;
    for i in 0..200 {
        let mut r = Record::new(RecordKind::Statement, format!("Statement {i}"), "Ani");
        r.body = "Testimony. ".repeat(2_000); // about 22 KB a record
        let title = r.title.clone();
        match cat.save(r, "Ani") {
            Ok(id) => saved.push((id, title)),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let error = error.expect("a 1 MiB drive fills up");
    assert!(error.is_disk_full(), "{error}");
    let text = error.to_string();
    assert!(text.contains("the disk is full"), "{text}");
    assert!(
        text.contains(root.to_str().unwrap()),
        "names the file: {text}"
    );
    assert!(saved.len() > 5, "some records fitted before it filled");
    drop(cat);
    assert!(no_temp_files(&root), "a failed save leaves no temp file");

    // Still full: the catalogue opens, everything saved is there, the chain verifies.
    assert_intact(&root, &saved);

    // An import on the full disk: a clear error naming the file, nothing half-stored.
    let big = dir.path().join("video.mp4");
    fs::write(&big, vec![1u8; 2 * 1024 * 1024]).unwrap();
    let out = dossier(
        &["import", root.to_str().unwrap(), big.to_str().unwrap()],
        dir.path(),
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("the disk is full"), "{err}");
    assert!(no_temp_files(&root));
    assert_intact(&root, &saved);

    // With room again, saving works again.
    fs::remove_file(&other_files).unwrap();
    let mut cat = open(&root);
    let id = cat
        .save(
            Record::new(RecordKind::Report, "After the cleanup", "Ani"),
            "Ani",
        )
        .unwrap();
    saved.push((id, "After the cleanup".into()));
    drop(cat);
    assert_intact(&root, &saved);
}

#[test]
fn a_catalogue_needing_a_repair_opens_on_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("usb"), "1m") else {
        eprintln!("SKIPPED: a full disk needs a tmpfs mount, which needs root");
        return;
    };
    let root = disk.0.join("cat");
    let mut cat = Catalogue::create(&root, "Small drive", "Ani").unwrap();
    let id = cat
        .save(Record::new(RecordKind::Report, "Saved", "Ani"), "Ani")
        .unwrap();
    // Save until the log's last 4 KiB page is nearly full, so that the repair entry
    // needs a page the full drive does not have.
    let log = root.join("audit.jsonl");
    for i in 0..200 {
        if fs::metadata(&log).unwrap().len() % 4096 > 3900 {
            break;
        }
        let mut r = Record::new(RecordKind::Report, format!("Filler {i}"), "Ani");
        r.body = "x".repeat(i % 97);
        cat.save(r, "Ani").unwrap();
    }
    assert!(fs::metadata(&log).unwrap().len() % 4096 > 3900);
    drop(cat);
    // The power went off while an entry was being written; then the drive filled up.
    let mut bytes = fs::read(&log).unwrap();
    bytes.extend_from_slice(br#"{"action":"edited","ac"#);
    fs::write(&log, &bytes).unwrap();
    let filler = disk.0.join("filler");
    let _ = fs::write(&filler, vec![0u8; 2 * 1024 * 1024]);

    let cat = open(&root);
    assert_eq!(cat.get(&id).unwrap().title, "Saved");
    assert!(
        cat.notices()
            .iter()
            .any(|n| n.contains("could not be written to the audit log")),
        "{:?}",
        cat.notices()
    );
    drop(cat);
    fs::remove_file(&filler).unwrap();
    drop(open(&root)); // with room, the repair is logged
    assert_intact(&root, &[(id, "Saved".into())]);
}

#[test]
fn permission_denied_gives_a_clear_error_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let mut cat = Catalogue::create(&root, "Someone else's", "Ani").unwrap();
    let id = cat
        .save(Record::new(RecordKind::Report, "Kept", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    let records = root.join(RECORDS_DIR);
    let rid = id.to_string();
    let args = ["set", root.to_str().unwrap(), &rid, "--title", "Changed"];
    let out = if is_root() {
        // Root is never denied: run the command as `nobody`, who may write the folder
        // and the log but not the records.
        for p in [dir.path(), &root] {
            fs::set_permissions(p, fs::Permissions::from_mode(0o777)).unwrap();
        }
        for f in ["audit.jsonl", "dossier.lock", "dossier.json"] {
            let p = root.join(f);
            if p.exists() {
                fs::set_permissions(&p, fs::Permissions::from_mode(0o666)).unwrap();
            }
        }
        fs::set_permissions(&records, fs::Permissions::from_mode(0o755)).unwrap();
        // A copy of the binary where `nobody` may run it, whatever the checkout's modes.
        let exe = dir.path().join("dossier");
        fs::copy(env!("CARGO_BIN_EXE_dossier"), &exe).unwrap();
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
        let mut c = Command::new(&exe);
        c.args(args)
            .env("DOSSIER_CONFIG_DIR", dir.path().join("config"))
            .env("DOSSIER_DATA_DIR", dir.path().join("data"))
            .env("DOSSIER_USER", "Ani");
        std::os::unix::process::CommandExt::uid(&mut c, 65534);
        c.output().unwrap()
    } else {
        fs::set_permissions(&records, fs::Permissions::from_mode(0o555)).unwrap();
        dossier(&args, dir.path())
    };
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("permission denied"), "{err}");
    assert!(
        err.contains(records.to_str().unwrap()),
        "names the file: {err}"
    );
    fs::set_permissions(&records, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(no_temp_files(&root));
    assert_intact(&root, &[(id, "Kept".into())]);
}

#[test]
fn a_catalogue_folder_removed_while_open_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let mut cat = Catalogue::create(&root, "On a USB drive", "Ani").unwrap();
    let id = cat
        .save(Record::new(RecordKind::Report, "First", "Ani"), "Ani")
        .unwrap();
    // The drive is pulled out (the folder goes) while the catalogue is open.
    fs::rename(&root, dir.path().join("elsewhere")).unwrap();
    let mut r = cat.get(&id).unwrap().clone();
    r.title = "Edited after the drive was pulled".into();
    let err = cat.save(r, "Ani").unwrap_err().to_string();
    assert!(err.contains(root.to_str().unwrap()), "{err}");
    assert!(err.contains("unplugged"), "{err}");
    assert!(!root.exists(), "nothing is recreated at the old place");
    fs::rename(dir.path().join("elsewhere"), &root).unwrap();
    drop(cat);
    assert_intact(&root, &[(id, "First".into())]);
}

#[test]
fn a_file_that_vanishes_before_import_is_named_and_the_others_are_imported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    drop(Catalogue::create(&root, "Imports", "Ani").unwrap());
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let c = dir.path().join("c.txt");
    for (p, text) in [(&a, "a"), (&b, "b"), (&c, "c")] {
        fs::write(p, text).unwrap();
    }
    fs::remove_file(&b).unwrap(); // chosen, then gone (a drive pulled, a sync client)
    let out = dossier(
        &[
            "import",
            root.to_str().unwrap(),
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            c.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(!out.status.success(), "one file failed: exit 1");
    let err = stderr(&out);
    assert!(err.contains(b.to_str().unwrap()), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    let cat = open(&root);
    let mut titles: Vec<_> = cat.records().iter().map(|r| r.title.clone()).collect();
    titles.sort();
    assert_eq!(titles, ["a.txt", "c.txt"]);
    drop(cat);
    assert_intact(&root, &[]);
}

#[test]
fn a_catalogue_on_read_only_media_opens_read_only_and_refuses_edits_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Tmpfs::mount(&dir.path().join("dvd"), "4m");
    let base = disk
        .as_ref()
        .map_or(dir.path().to_path_buf(), |d| d.0.clone());
    let root = base.join("cat");
    let mut cat = Catalogue::create(&root, "Burned to a disc", "Ani").unwrap();
    let id = cat
        .save(Record::new(RecordKind::Report, "On the disc", "Ani"), "Ani")
        .unwrap();
    drop(cat);
    match &disk {
        Some(d) => d.remount_read_only(),
        None => {
            eprintln!("no root: read-only by file modes instead of a read-only mount");
            chmod_tree(&root, false);
        }
    }
    let cat = open(&root);
    let reason = cat.read_only_reason().expect("opens read-only").to_string();
    assert!(reason.contains("read-only"), "{reason}");
    assert_eq!(cat.get(&id).unwrap().title, "On the disc");
    drop(cat);
    let rid = id.to_string();
    let out = dossier(
        &["set", root.to_str().unwrap(), &rid, "--title", "Changed"],
        dir.path(),
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("read-only"), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    let report = dossier::integrity::verify(&root, None, &|_| {}).unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems);
    if disk.is_none() {
        chmod_tree(&root, true);
    }
}

#[test]
fn importing_from_read_only_media_works() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("camera"), "1m") else {
        eprintln!("SKIPPED: a read-only source drive needs a tmpfs mount, which needs root");
        return;
    };
    fs::write(disk.0.join("IMG_0001.JPG"), b"not really a jpeg").unwrap();
    disk.remount_read_only();
    let root = dir.path().join("cat");
    drop(Catalogue::create(&root, "Imports", "Ani").unwrap());
    let src = disk.0.join("IMG_0001.JPG");
    let out = dossier(
        &["import", root.to_str().unwrap(), src.to_str().unwrap()],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let cat = open(&root);
    assert_eq!(cat.records().len(), 1);
    assert_eq!(cat.records()[0].attachments[0].size, 17);
}

fn chmod_tree(root: &Path, writable: bool) {
    for entry in walk(root) {
        let meta = fs::metadata(&entry).unwrap();
        let mode = match (meta.is_dir(), writable) {
            (true, true) => 0o755,
            (true, false) => 0o555,
            (false, true) => 0o644,
            (false, false) => 0o444,
        };
        fs::set_permissions(&entry, fs::Permissions::from_mode(mode)).unwrap();
    }
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.to_path_buf()];
    if root.is_dir() {
        for e in fs::read_dir(root).unwrap().flatten() {
            out.extend(walk(&e.path()));
        }
    }
    out
}
