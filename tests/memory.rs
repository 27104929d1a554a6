//! Import reads a file once, in fixed-size chunks: memory stays flat whatever its size.
//! This file holds one test so that nothing else runs in the process while peak memory is
//! measured. (The 2 GiB figure is in `cargo bench --bench integrity` and BENCHMARKS.md.)

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(target_os = "linux")]

use std::fs::File;

/// The process's peak resident memory so far, in KiB (VmHWM).
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

#[test]
fn importing_a_large_file_keeps_memory_flat() {
    const SIZE: u64 = 512 << 20;
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("long-video.mp4");
    // A sparse file: it reads as zeros without taking the disk space twice.
    File::create(&big).unwrap().set_len(SIZE).unwrap();
    let cat = dossier::store::Catalogue::create(&dir.path().join("cat"), "t", "Ani").unwrap();
    let before = peak_rss_kib();
    let attachment = dossier::media::import_file(
        &cat.blobs(),
        &big,
        "Ani",
        dossier::model::Label::Red,
        &mut |_| {},
    )
    .unwrap()
    .attachment;
    let grew_mib = (peak_rss_kib() - before) / 1024;
    assert_eq!(attachment.size, SIZE);
    assert!(
        grew_mib < 32,
        "importing 512 MiB raised peak memory by {grew_mib} MiB; it must stay flat"
    );
}
