//! Encrypted catalogues against plain ones, side by side in the same run: opening 100,000
//! records (with the passphrase's key derivation at its real cost), importing and verifying
//! 1 GiB of originals, and peak memory while importing a 2 GiB file. Results go in
//! BENCHMARKS.md.
//!
//!     cargo bench --bench encrypted
//!
//! The 100k catalogues are made once and kept in target/bench-scale (DOSSIER_BENCH_DIR);
//! the 1 GiB runs write about 12 GiB to the temp folder and clean up after themselves.

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

use common::{FILE_SIZE, FILES, import_into, make_files, peak_rss_kib, remove};
use criterion::{Criterion, Throughput};
use dossier::durable::keyring::{KdfParams, Secret};
use dossier::generate::{GenerateOptions, generate, generate_encrypted};
use dossier::model::Label;
use dossier::search::SearchIndex;
use dossier::store::{Catalogue, OpenOptions};

const PASSPHRASE: &str = "benchmark passphrase";
const RECORDS: usize = 100_000;

fn bench_dir() -> PathBuf {
    std::env::var_os("DOSSIER_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-scale"))
}

/// The same 100k records (seed 1, no photographs), plain or encrypted, made once.
fn catalogue(encrypted: bool) -> PathBuf {
    let name = if encrypted {
        "records-100k-sealed"
    } else {
        "records-100k-plain"
    };
    let root = bench_dir().join(name);
    let done = bench_dir().join(format!("{name}.complete"));
    if done.exists() {
        return root;
    }
    let _ = std::fs::remove_dir_all(&root);
    eprintln!("Generating {name} once...");
    let options = GenerateOptions {
        records: RECORDS,
        attachments: 0,
        seed: 1,
        ..GenerateOptions::default()
    };
    if encrypted {
        generate_encrypted(
            &root,
            &options,
            PASSPHRASE,
            KdfParams::DEFAULT,
            &mut |_, _, _| {},
        )
        .unwrap();
    } else {
        generate(&root, &options, &mut |_, _, _| {}).unwrap();
    }
    std::fs::write(&done, b"").unwrap();
    root
}

fn open(root: &Path, encrypted: bool) -> Catalogue {
    Catalogue::open(
        root,
        OpenOptions {
            read_only: true,
            secret: encrypted.then(|| Secret::passphrase(PASSPHRASE)),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

fn bench_open(c: &mut Criterion) {
    let plain = catalogue(false);
    let sealed = catalogue(true);
    let mut g = c.benchmark_group("open 100k");
    g.sample_size(10).measurement_time(Duration::from_secs(40));
    for (name, root, encrypted) in [("plain", &plain, false), ("encrypted", &sealed, true)] {
        g.bench_function(format!("{name}: open + index"), |b| {
            b.iter(|| {
                let cat = open(root, encrypted);
                let index = SearchIndex::build(cat.records());
                black_box((cat.records().len(), index.len()))
            })
        });
    }
    g.finish();
}

/// A new catalogue, plain or encrypted (weak key derivation: the import is measured, not
/// the passphrase).
fn create(root: &Path, encrypted: bool) -> Catalogue {
    match encrypted {
        true => {
            Catalogue::create_encrypted(root, "bench", "bench", PASSPHRASE, KdfParams::FOR_TESTS)
                .unwrap()
                .0
        }
        false => Catalogue::create(root, "bench", "bench").unwrap(),
    }
}

/// What importing in the app does: copy (and seal) and hash each file, then its record.
fn import_all(root: &Path, files: &[PathBuf], encrypted: bool) {
    import_into(&mut create(root, encrypted), files);
}

/// Imports one 2 GiB file into an encrypted catalogue and reports how peak memory grew.
fn memory_2gib(work: &Path) {
    let big = work.join("two-gib.mov");
    File::create(&big).unwrap().set_len(2 << 30).unwrap();
    let root = work.join("memory-cat");
    let cat = create(&root, true);
    let before = peak_rss_kib();
    let start = Instant::now();
    dossier::media::import_file(&cat.blobs(), &big, "bench", Label::Amber, &mut |_| {}).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let after = peak_rss_kib();
    println!(
        "memory: importing a 2 GiB file into an encrypted catalogue took {secs:.1} s; peak RSS {} MiB before, {} MiB after (+{} MiB)",
        before / 1024,
        after / 1024,
        (after - before) / 1024
    );
    drop(cat);
    remove(&root);
    let _ = std::fs::remove_file(&big);
}

fn bench_import_verify(c: &mut Criterion, work: &Path) {
    let files = make_files(work);
    let bytes = (FILES * FILE_SIZE) as u64;
    let mut g = c.benchmark_group("import 1 GiB");
    g.throughput(Throughput::Bytes(bytes));
    for (name, encrypted) in [("plain", false), ("encrypted", true)] {
        g.bench_function(name, |b| {
            b.iter_with_large_drop(|| {
                let root = work.join(format!("import-{name}"));
                import_all(&root, &files, encrypted);
                remove(&root);
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("verify 1 GiB");
    g.throughput(Throughput::Bytes(bytes));
    for (name, encrypted) in [("plain", false), ("encrypted", true)] {
        let root = work.join(format!("verify-{name}"));
        import_all(&root, &files, encrypted);
        let secret = || encrypted.then(|| Secret::passphrase(PASSPHRASE));
        g.bench_function(name, |b| {
            b.iter(|| {
                let report = dossier::integrity::verify(&root, secret(), &|_| {}).unwrap();
                assert!(report.is_ok(), "{:?}", report.problems);
            })
        });
        remove(&root);
    }
    g.finish();
}

fn main() {
    let work = tempfile::tempdir().unwrap();
    // First, before criterion allocates anything: memory while importing 2 GiB.
    memory_2gib(work.path());
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();
    bench_import_verify(&mut c, work.path());
    bench_open(&mut c);
    c.final_summary();
}
