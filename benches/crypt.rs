//! The cost of encryption at rest, piece by piece (issue 17): unlocking with a passphrase
//! (Argon2id at the parameters new catalogues use), sealing and opening one record-sized
//! file, and streaming an original through the chunked seal and back. Results go in
//! BENCHMARKS.md.
//!
//!     cargo bench --bench crypt

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};

use criterion::{Criterion, Throughput};
use dossier::durable::chunks::{OpeningReader, SealingWriter};
use dossier::durable::keyring::{KdfParams, unwrap_with_passphrase, wrap_with_passphrase};
use dossier::durable::seal::CatalogueKey;

fn bench_unlock(c: &mut Criterion) {
    let key = CatalogueKey::generate().unwrap();
    let wraps = vec![
        wrap_with_passphrase(&key, "cat", "Anna", "a passphrase", KdfParams::DEFAULT).unwrap(),
    ];
    let mut g = c.benchmark_group("unlock");
    g.sample_size(10);
    g.bench_function("Argon2id 64 MiB, 4 passes", |b| {
        b.iter(|| unwrap_with_passphrase(&wraps, "cat", "a passphrase").unwrap())
    });
    g.finish();
}

fn bench_record(c: &mut Criterion) {
    let keys = CatalogueKey::generate().unwrap().keys("cat");
    let record = vec![b'x'; 600];
    let sealed = keys.seal("records/0190-a.json", &record).unwrap();
    let mut g = c.benchmark_group("a 600-byte record");
    g.bench_function("seal", |b| {
        b.iter(|| keys.seal("records/0190-a.json", &record).unwrap())
    });
    g.bench_function("open", |b| {
        b.iter(|| keys.open("records/0190-a.json", &sealed).unwrap())
    });
    g.finish();
}

fn bench_stream(c: &mut Criterion) {
    let keys = CatalogueKey::generate().unwrap().keys("cat");
    let plain: Vec<u8> = (0..64usize << 20).map(|i| (i * 131 % 251) as u8).collect();
    let mut sealed = Vec::new();
    let mut g = c.benchmark_group("an original of 64 MiB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(plain.len() as u64));
    g.bench_function("seal in chunks", |b| {
        b.iter(|| {
            let mut w = SealingWriter::new(&keys, "attachments/ab/cd", Vec::new()).unwrap();
            for piece in plain.chunks(1 << 20) {
                w.write_all(piece).unwrap();
            }
            sealed = w.finish().unwrap();
        })
    });
    g.bench_function("open in chunks", |b| {
        b.iter(|| {
            let mut r = OpeningReader::new(&keys, "attachments/ab/cd", sealed.as_slice()).unwrap();
            let mut buf = vec![0u8; 1 << 20];
            while r.read(&mut buf).unwrap() > 0 {}
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_unlock(&mut c);
    bench_record(&mut c);
    bench_stream(&mut c);
    c.final_summary();
}
