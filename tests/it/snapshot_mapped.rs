//! The snapshot and its index are mapped, not read into memory, when no one else may
//! write them; otherwise read as before. Either way an opening sees the same catalogue.
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::snapshot::{QUICK, open_cold, open_lazy, open_warm, seen, snapshotted};

/// The snapshot files in the catalogue's `cache/` this process has mapped now.
fn mapped_now(path: &Path) -> Vec<PathBuf> {
    let cache = path.join("cache").canonicalize().unwrap();
    let maps = fs::read_to_string("/proc/self/maps").unwrap();
    let mut found: Vec<PathBuf> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .map(PathBuf::from)
        .filter(|p| p.starts_with(&cache))
        .collect();
    found.sort();
    found.dedup();
    found
}

fn snapshot_files(path: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(path.join("cache"))
        .unwrap()
        .map(|e| e.unwrap().path().canonicalize().unwrap())
        .filter(|p| p.extension().is_some_and(|x| x == "bin" || x == "index"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_snapshot_is_mapped_only_when_no_one_else_may_write_it() {
    let (_dir, path, ids) = snapshotted(40);
    let files = snapshot_files(&path);
    assert_eq!(files.len(), 2, "{files:?}");
    // Whatever the umask: only their owner may write them.
    for file in &files {
        fs::set_permissions(file, fs::Permissions::from_mode(0o644)).unwrap();
    }
    let cold = seen(&mut open_cold(&path));

    // A lazy opening keeps the records in the snapshot, and the search its text in the
    // index: both files stay mapped while they are used.
    let mut lazy = open_lazy(&path, QUICK);
    let index = lazy.take_index();
    assert_eq!(mapped_now(&path), files);
    lazy.load_also(&ids);
    assert_eq!(lazy.records().len(), ids.len());
    drop((lazy, index));
    assert!(mapped_now(&path).is_empty(), "let go of with the catalogue");
    assert_eq!(seen(&mut open_warm(&path, true, QUICK)), cold);

    // Writable by the group: read, not mapped, and the opening is the same.
    for file in &files {
        fs::set_permissions(file, fs::Permissions::from_mode(0o664)).unwrap();
    }
    let mut lazy = open_lazy(&path, QUICK);
    let index = lazy.take_index();
    assert!(mapped_now(&path).is_empty(), "{:?}", mapped_now(&path));
    assert!(lazy.notices().is_empty(), "{:?}", lazy.notices());
    drop((lazy, index));
    assert_eq!(seen(&mut open_warm(&path, true, QUICK)), cold);
}
