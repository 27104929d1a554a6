//! The kill harness: `dossier` CLI edits and imports run in a loop and are killed with
//! SIGKILL at random moments. After each kill the catalogue must open, every edit the CLI
//! reported as saved must be there intact, and the audit chain must verify (a repair made
//! on opening is logged, and then the chain verifies).
//!
//! `cargo test` runs 50 kills. On demand, many more:
//!
//!     DOSSIER_KILLS=1000 cargo test --release --test kill -- --nocapture
//!
//! `DOSSIER_KILL_SEED=N` replays one sequence (the seed is printed on failure).
//!
//! A second test kills `dossier encrypt`, `rotate-key` and `decrypt` (6 kills by default;
//! `DOSSIER_CONVERSION_KILLS=N` for more).

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

#[path = "support/kill_env.rs"]
mod kill_env;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dossier::durable::keyring::Secret;
use dossier::store::{Catalogue, OpenOptions};

/// The passphrase of the harness's encrypted catalogues (plain ones ignore it).
const PASSPHRASE: &str = "kill harness passphrase";

/// xorshift64*: enough randomness for choosing moments, and replayable from a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What the harness knows of one record: what must be there, what may be there.
#[derive(Debug, Default)]
struct Expected {
    /// Titles the record may have: the last one reported saved, plus every title whose
    /// `set` was killed after it (the kill may have come after the write).
    titles: BTreeSet<String>,
    /// Attachments reported saved, by SHA-256.
    attachments: BTreeSet<String>,
}

struct Harness {
    dir: PathBuf,
    cat: PathBuf,
    rng: Rng,
    records: BTreeMap<String, Expected>,
    counter: u64,
    /// Runtimes of commands that finished, to aim kills inside a command's lifetime.
    runtimes: Vec<Duration>,
    kills: usize,
    acknowledged: usize,
    catalogues: usize,
}

enum Outcome {
    /// The command finished and reported success; its stdout.
    Saved(String),
    /// The command was killed before it finished.
    Killed,
}

impl Harness {
    fn new(dir: &Path, seed: u64) -> Harness {
        let mut h = Harness {
            dir: dir.to_path_buf(),
            cat: PathBuf::new(),
            rng: Rng(seed | 1),
            records: BTreeMap::new(),
            counter: 0,
            runtimes: Vec::new(),
            kills: 0,
            acknowledged: 0,
            catalogues: 0,
        };
        fs::write(dir.join("passphrase"), format!("{PASSPHRASE}\n")).unwrap();
        h.new_catalogue();
        h
    }

    /// Starts on a fresh catalogue, so that a long run does not re-hash an ever larger one.
    fn new_catalogue(&mut self) {
        self.catalogues += 1;
        self.cat = self.dir.join(format!("cat{}", self.catalogues));
        self.records.clear();
        // Every other catalogue is plain: the first (the only one of a short run) is
        // encrypted.
        let mut args = vec!["new", path_str(&self.cat), "--title", "Kill harness"];
        if self.catalogues.is_multiple_of(2) {
            args.push("--plain");
        }
        let out = self.command(&args).output().unwrap();
        assert!(out.status.success(), "dossier new failed: {out:?}");
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args)
            .env("DOSSIER_CONFIG_DIR", self.dir.join("config"))
            .env("DOSSIER_DATA_DIR", self.dir.join("data"))
            .env("DOSSIER_USER", "Harness")
            .env("DOSSIER_PASSPHRASE_FILE", self.dir.join("passphrase"))
            .env("DOSSIER_TEST_FAST_KDF", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    fn unique(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("{what} {} ({})", self.counter, self.rng.next() % 10_000)
    }

    /// Runs one command and, with probability `kill_chance` in 100, kills it with SIGKILL
    /// at a random moment within the time such commands take.
    fn run(&mut self, args: &[String], kill_chance: u64) -> Outcome {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let mut child = self.command(&args).spawn().unwrap();
        let kill = self.rng.below(100) < kill_chance;
        if kill {
            let typical = median(&self.runtimes).unwrap_or(Duration::from_millis(20));
            let at = Duration::from_micros(self.rng.below(typical.as_micros() as u64 + 1));
            std::thread::sleep(at);
            if child.try_wait().unwrap().is_none() {
                sigkill(&mut child);
                let status = child.wait().unwrap();
                if status.success() {
                    // It finished between the check and the kill: treat as saved below.
                } else {
                    self.kills += 1;
                    return Outcome::Killed;
                }
            }
        }
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "dossier {args:?} failed without being killed: {status}\n{stderr}"
        );
        self.runtimes.push(started.elapsed());
        self.acknowledged += 1;
        Outcome::Saved(stdout)
    }

    fn some_record(&mut self) -> Option<String> {
        if self.records.is_empty() {
            return None;
        }
        let i = self.rng.below(self.records.len() as u64) as usize;
        self.records.keys().nth(i).cloned()
    }

    /// A file of random bytes, between 1 KiB and 256 KiB.
    fn random_file(&mut self) -> PathBuf {
        let size = 1024 + self.rng.below(255 * 1024) as usize;
        let mut bytes = Vec::with_capacity(size + 8);
        while bytes.len() < size {
            bytes.extend_from_slice(&self.rng.next().to_le_bytes());
        }
        let path = self.dir.join(format!("input-{}.bin", self.counter));
        self.counter += 1;
        fs::write(&path, &bytes).unwrap();
        path
    }

    /// One random edit or import; `kill_chance` in 100 that it is killed.
    fn step(&mut self, kill_chance: u64) {
        let cat = path_str(&self.cat).to_string();
        let choice = if self.records.is_empty() {
            0
        } else {
            self.rng.below(5)
        };
        match choice {
            0 => {
                let title = self.unique("Report");
                let args = strings(&["add", &cat, "--kind", "report", "--title", &title]);
                if let Outcome::Saved(out) = self.run(&args, kill_chance) {
                    let id = out.trim().to_string();
                    assert_eq!(id.len(), 36, "add printed an id: {out:?}");
                    let e = self.records.entry(id).or_default();
                    e.titles = BTreeSet::from([title]);
                }
            }
            1 => {
                let id = self.some_record().unwrap();
                let title = self.unique("Edited title");
                let args = strings(&["set", &cat, &id, "--title", &title]);
                match self.run(&args, kill_chance) {
                    Outcome::Saved(_) => {
                        self.records.get_mut(&id).unwrap().titles = BTreeSet::from([title]);
                    }
                    Outcome::Killed => {
                        self.records.get_mut(&id).unwrap().titles.insert(title);
                    }
                }
            }
            2 => {
                let id = self.some_record().unwrap();
                let file = self.random_file();
                let args = strings(&["import", &cat, path_str(&file), "--record", &id]);
                if let Outcome::Saved(out) = self.run(&args, kill_chance) {
                    let sha = out.split('\t').nth(1).expect("import prints the SHA-256");
                    let e = self.records.get_mut(&id).unwrap();
                    e.attachments.insert(sha.to_string());
                }
            }
            3 => {
                let file = self.random_file();
                let args = strings(&["import", &cat, path_str(&file)]);
                if let Outcome::Saved(out) = self.run(&args, kill_chance) {
                    let mut parts = out.split('\t');
                    let id = parts.next().unwrap().to_string();
                    let sha = parts.next().expect("import prints the SHA-256").to_string();
                    // A new media record is titled with the file's name.
                    let name = file.file_name().unwrap().to_string_lossy().into_owned();
                    let e = self.records.entry(id).or_default();
                    e.titles = BTreeSet::from([name]);
                    e.attachments.insert(sha);
                }
            }
            _ => {
                let id = self.some_record().unwrap();
                let args = strings(&["review", &cat, &id, "--submit"]);
                // Review state is not tracked here; the write is what is exercised, and
                // the chain and the record hashes are checked after every kill.
                let _ = self.run(&args, kill_chance);
            }
        }
    }

    /// Opens the catalogue as the app would, checks every saved edit and the audit chain,
    /// then takes what is on disk as the new starting point.
    fn check(&mut self) -> Result<(), String> {
        // From the snapshot, as the app opens (the snapshot of the last check, if any).
        let mut cat = Catalogue::open(
            &self.cat,
            OpenOptions {
                read_only: false,
                user: "Harness check".into(),
                progress: None,
                secret: Some(Secret::passphrase(PASSPHRASE)),
                snapshot: true,
                snapshot_key: None,
                racy_margin_ns: None,
                only: None,
                lazy: false,
                index_ahead: false,
                search_ahead: None,
            },
        )
        .map_err(|e| format!("the catalogue did not open: {e}"))?;
        if let Some(job) = cat.snapshot_job() {
            job.write()
                .map_err(|e| format!("the snapshot was not written: {e}"))?;
        }
        if let Some(reason) = cat.read_only_reason() {
            return Err(format!("the catalogue opened read-only: {reason}"));
        }
        if !cat.problems().is_empty() {
            let list: Vec<String> = cat.problems().iter().map(|p| p.to_string()).collect();
            return Err(format!("problems on opening: {list:?}"));
        }
        for (id, expected) in &self.records {
            let rid = cat
                .resolve(id)
                .map_err(|e| format!("a saved record {id} is gone: {e}"))?;
            let record = cat.get(&rid).ok_or(format!("record {id} missing"))?;
            if !expected.titles.is_empty() && !expected.titles.contains(&record.title) {
                return Err(format!(
                    "record {id} has title {:?}; expected one of {:?}",
                    record.title, expected.titles
                ));
            }
            for sha in &expected.attachments {
                if !record.attachments.iter().any(|a| a.sha256 == *sha) {
                    return Err(format!("record {id} lost its saved attachment {sha}"));
                }
            }
        }
        // Adopt what is on disk: titles of killed edits that did land, records whose
        // `add` was killed after it had written.
        let mut on_disk = BTreeMap::new();
        for r in cat.records() {
            let e: &mut Expected = on_disk.entry(r.id.to_string()).or_default();
            e.titles.insert(r.title.clone());
            e.attachments = r.attachments.iter().map(|a| a.sha256.to_string()).collect();
        }
        drop(cat);
        let secret = Some(Secret::passphrase(PASSPHRASE));
        let report = dossier::integrity::verify(&self.cat, secret, &|_| {})
            .map_err(|e| format!("verify could not run: {e}"))?;
        if !report.is_ok() {
            let list: Vec<String> = report
                .problems
                .iter()
                .map(|p| {
                    format!(
                        "{}: {} (expected {}, found {})",
                        p.path.display(),
                        p.what,
                        p.expected,
                        p.found
                    )
                })
                .collect();
            return Err(format!("verify found problems: {list:#?}"));
        }
        self.records = on_disk;
        Ok(())
    }
}

fn median(v: &[Duration]) -> Option<Duration> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort();
    Some(s[s.len() / 2])
}

fn sigkill(child: &mut Child) {
    // Child::kill sends SIGKILL on Unix.
    let _ = child.kill();
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

fn strings(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn killing_the_cli_at_random_moments_loses_nothing_it_reported_saved() {
    let kills = kill_env::count("DOSSIER_KILLS", 50);
    let seed = kill_env::seed();
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), seed);
    let started = Instant::now();
    // A few undisturbed commands first, to learn how long they take.
    for _ in 0..6 {
        h.step(0);
    }
    let mut checks = 0;
    while h.kills < kills {
        let before = h.kills;
        h.step(60);
        if h.kills > before {
            if let Err(why) = h.check() {
                // Keep the catalogue for a post-mortem.
                let kept = dir.keep();
                panic!(
                    "kept in {}: after kill {} (seed {seed}, catalogue {}): {why}",
                    kept.display(),
                    h.kills,
                    h.cat.display()
                );
            }
            checks += 1;
            if h.kills.is_multiple_of(100) {
                h.new_catalogue();
                for _ in 0..3 {
                    h.step(0);
                }
            }
        }
    }
    // The commands that finished were all checked at the next kill; check the last ones.
    h.check()
        .unwrap_or_else(|why| panic!("at the end (seed {seed}): {why}"));
    println!(
        "kill harness: {} kills, {} commands reported saved, {} checks, {} catalogues, 0 failures, {:.1} s (seed {seed})",
        h.kills,
        h.acknowledged,
        checks + 1,
        h.catalogues,
        started.elapsed().as_secs_f64()
    );
}

/// `dossier encrypt` and `decrypt` killed at random moments: after each kill the
/// catalogue either opens as it was, opens converted, or says the conversion was
/// interrupted; running the command again finishes it, and every record and original is
/// then there, verified, and (encrypted) nothing plain is left in the folder.
#[test]
fn killing_encrypt_and_decrypt_at_random_moments_loses_nothing() {
    let kills = kill_env::count("DOSSIER_CONVERSION_KILLS", 6);
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 0x5eed);
    let cat = h.dir.join("converted");
    let c = path_str(&cat).to_string();
    let ok = |h: &Harness, args: &[&str]| {
        let out = h.command(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    ok(&h, &["new", &c, "--title", "Converted", "--plain"]);
    let mut titles = Vec::new();
    for i in 0..40 {
        let title = format!("PLAINTITLE-{i}");
        ok(&h, &["add", &c, "--kind", "report", "--title", &title]);
        titles.push(title);
    }
    let mut shas = Vec::new();
    for i in 0..3u8 {
        let file = h.dir.join(format!("original-{i}.bin"));
        let bytes: Vec<u8> = (0..3_000_000u32).map(|n| (n as u8) ^ i).collect();
        fs::write(&file, &bytes).unwrap();
        ok(&h, &["import", &c, path_str(&file)]);
        shas.push(dossier::durable::hash_bytes(&bytes).to_string());
    }
    let check = |encrypted: bool| -> Result<(), String> {
        let secret = encrypted.then(|| Secret::passphrase(PASSPHRASE));
        let opened = Catalogue::open(
            &cat,
            OpenOptions {
                read_only: true,
                secret,
                ..OpenOptions::default()
            },
        )
        .map_err(|e| e.to_string())?;
        if opened.is_encrypted() != encrypted || !opened.problems().is_empty() {
            return Err(format!(
                "encrypted {} problems {:?}",
                opened.is_encrypted(),
                opened.problems()
            ));
        }
        let found: BTreeSet<&str> = opened.records().iter().map(|r| r.title.as_str()).collect();
        if titles.iter().any(|t| !found.contains(t.as_str())) {
            return Err(format!("records lost: {found:?}"));
        }
        drop(opened);
        let report = dossier::integrity::verify(
            &cat,
            encrypted.then(|| Secret::passphrase(PASSPHRASE)),
            &|_| {},
        )
        .map_err(|e| e.to_string())?;
        if !report.is_ok() {
            return Err(format!("{:?}", report.problems));
        }
        let mut stack = vec![cat.clone()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else if encrypted {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let bytes = fs::read(e.path()).unwrap();
                    if shas.contains(&name) || bytes.windows(11).any(|w| w == b"PLAINTITLE-") {
                        return Err(format!("{} is plain", e.path().display()));
                    }
                }
            }
        }
        Ok(())
    };
    // Once undisturbed each way, to learn how long a conversion takes.
    let timed = |h: &Harness, cmd: &str| {
        let started = Instant::now();
        ok(h, &[cmd, &c]);
        started.elapsed()
    };
    let typical = timed(&h, "encrypt")
        .max(timed(&h, "rotate-key"))
        .max(timed(&h, "decrypt"));
    check(false).unwrap();
    // Round and round: encrypt, rotate the key, decrypt.
    let steps = [("encrypt", true), ("rotate-key", true), ("decrypt", false)];
    let mut step = 0;
    let mut killed = 0;
    while killed < kills {
        let (cmd, encrypted) = steps[step % steps.len()];
        step += 1;
        let mut child = h.command(&[cmd, &c]).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(
            h.rng.below(typical.as_micros() as u64 + 1),
        ));
        if child.try_wait().unwrap().is_none() {
            sigkill(&mut child);
            let _ = child.wait();
            killed += 1;
            // Whatever the moment, opening never shows half a catalogue.
            let state = Catalogue::open(
                &cat,
                OpenOptions {
                    read_only: true,
                    secret: Some(Secret::passphrase(PASSPHRASE)),
                    ..OpenOptions::default()
                },
            );
            if let Err(e) = &state {
                let text = e.to_string();
                assert!(text.contains("interrupted"), "after a kill: {text}");
            }
            // Running it again finishes it (or says it was done already).
            let out = h.command(&[cmd, &c]).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            // A rotation that had finished before the kill is simply done again.
            assert!(
                out.status.success() || err.contains("already") || err.contains("is not encrypted"),
                "{cmd} again: {err}"
            );
        } else {
            let _ = child.wait();
        }
        if let Err(why) = check(encrypted) {
            let kept = dir.keep();
            panic!(
                "kept in {}: after {killed} kills ({cmd}): {why}",
                kept.display()
            );
        }
    }
    h.kills = killed;
    println!("conversion kill harness: {killed} kills, 0 lost");
}
