//! Import and verify throughput against `openssl dgst -sha256` over the same files, and
//! peak memory while importing a 2 GiB file. Results go in BENCHMARKS.md.
//!
//!     cargo bench --bench integrity
//!
//! Needs `openssl` on PATH (Debian: `apt-get install openssl`). Writes about 20 GiB in all
//! to the temp folder (set TMPDIR to put it elsewhere); each run cleans up after itself.

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::{FILE_SIZE, FILES, import_into, make_files, peak_rss_kib, remove};
use criterion::{Criterion, Throughput};
use dossier::model::Label;
use dossier::store::Catalogue;

/// What importing in the app does: copy and hash each file, then a media record for it.
fn import_all(root: &Path, files: &[PathBuf]) {
    import_into(
        &mut Catalogue::create(root, "bench", "bench").unwrap(),
        files,
    );
}

/// The disk's own cost: copy each file and fsync it, no hashing.
fn copy_all(dir: &Path, files: &[PathBuf]) {
    std::fs::create_dir_all(dir).unwrap();
    for f in files {
        let target = dir.join(f.file_name().unwrap());
        std::fs::copy(f, &target).unwrap();
        File::open(&target).unwrap().sync_all().unwrap();
    }
}

fn openssl(files: &[PathBuf]) {
    let out = Command::new("openssl")
        .arg("dgst")
        .arg("-sha256")
        .args(files)
        .output()
        .expect("openssl is installed");
    assert!(out.status.success());
}

/// Imports one 2 GiB file and reports how much peak memory grew.
fn memory_2gib(work: &Path) {
    let big = work.join("two-gib.mov");
    let f = File::create(&big).unwrap();
    f.set_len(2 << 30).unwrap();
    let root = work.join("memory-cat");
    let cat = Catalogue::create(&root, "bench", "bench").unwrap();
    let before = peak_rss_kib();
    let start = Instant::now();
    dossier::media::import_file(&cat.blobs(), &big, "bench", Label::Amber, &mut |_| {}).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let after = peak_rss_kib();
    println!(
        "memory: importing a 2 GiB file took {secs:.1} s; peak RSS {} MiB before, {} MiB after (+{} MiB)",
        before / 1024,
        after / 1024,
        (after - before) / 1024
    );
    drop(cat);
    remove(&root);
    let _ = std::fs::remove_file(&big);
}

fn main() {
    let work = tempfile::tempdir().unwrap();
    // First, before criterion allocates anything: memory while importing 2 GiB.
    memory_2gib(work.path());

    let files = make_files(work.path());
    let bytes = (FILES * FILE_SIZE) as u64;
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();

    let mut group = c.benchmark_group("import 1 GiB");
    group.throughput(Throughput::Bytes(bytes));
    let mut n = 0;
    group.bench_function("dossier import (copy + SHA-256 + fsync)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let root = work.path().join(format!("cat-{n}"));
                let start = Instant::now();
                import_all(&root, &files);
                total += start.elapsed();
                remove(&root);
            }
            total
        })
    });
    group.bench_function("copy + fsync, no hashing (the disk's cost)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let dir = work.path().join(format!("copy-{n}"));
                let start = Instant::now();
                copy_all(&dir, &files);
                total += start.elapsed();
                let _ = std::fs::remove_dir_all(&dir);
            }
            total
        })
    });
    group.bench_function("openssl dgst -sha256", |b| b.iter(|| openssl(&files)));
    group.finish();

    let root = work.path().join("verify-cat");
    import_all(&root, &files);
    let mut group = c.benchmark_group("verify 1 GiB");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("dossier verify (all cores)", |b| {
        b.iter(|| {
            let report = dossier::integrity::verify(&root, None, &|_| {}).unwrap();
            assert!(report.is_ok());
        })
    });
    group.bench_function("openssl dgst -sha256", |b| b.iter(|| openssl(&files)));
    group.finish();
    c.final_summary();
    remove(&root);
}
