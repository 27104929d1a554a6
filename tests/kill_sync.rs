//! The sync kill harness (issue 18): two desktops of one catalogue and a bare repository
//! in a folder; each edits its own records through the CLI (undisturbed), and `dossier
//! sync` is killed with SIGKILL at random moments (while it commits, fetches, merges,
//! writes, pushes). After each kill the catalogue must open and verify, and the next sync
//! must complete; at the end, after syncing to quiescence, both desktops hold the same
//! files and every title each reported saved.
//!
//! `cargo test` runs 12 kills. On demand:
//!
//!     DOSSIER_SYNC_KILLS=500 cargo test --release --test kill_sync -- --nocapture

// Test code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

#[path = "support/kill_env.rs"]
mod kill_env;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// xorshift64*, replayable from a seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

struct Office {
    dir: PathBuf,
    /// Each desktop's folder, and the records it edits with their last title.
    desktops: Vec<(PathBuf, BTreeMap<String, String>)>,
    rng: Rng,
    counter: usize,
    sync_times: Vec<Duration>,
}

fn dossier(home: &Path, user: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.args(args)
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_USER", user)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    c
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

impl Office {
    fn new(dir: &Path, seed: u64) -> Office {
        let a = dir.join("a");
        let usb = dir.join("usb.git");
        let run = |args: &[&str]| ok(dossier(dir, "Ana", args).output().unwrap(), &args.join(" "));
        run(&["new", a.to_str().unwrap(), "--plain", "--title", "Office"]);
        let mut mine = BTreeMap::new();
        for i in 0..3 {
            let id = run(&[
                "add",
                a.to_str().unwrap(),
                "--kind",
                "report",
                "--title",
                &format!("A{i}"),
            ]);
            mine.insert(id.trim().to_string(), format!("A{i}"));
        }
        run(&[
            "remote",
            a.to_str().unwrap(),
            "add",
            "usb",
            usb.to_str().unwrap(),
            "--init",
        ]);
        run(&["sync", a.to_str().unwrap()]);
        let b = dir.join("b");
        let run_b =
            |args: &[&str]| ok(dossier(dir, "Ben", args).output().unwrap(), &args.join(" "));
        run_b(&["clone", usb.to_str().unwrap(), b.to_str().unwrap()]);
        let mut theirs = BTreeMap::new();
        for i in 0..3 {
            let id = run_b(&[
                "add",
                b.to_str().unwrap(),
                "--kind",
                "report",
                "--title",
                &format!("B{i}"),
            ]);
            theirs.insert(id.trim().to_string(), format!("B{i}"));
        }
        Office {
            dir: dir.to_path_buf(),
            desktops: vec![(a, mine), (b, theirs)],
            rng: Rng(seed | 1),
            counter: 0,
            sync_times: Vec::new(),
        }
    }

    fn user(d: usize) -> &'static str {
        ["Ana", "Ben"][d]
    }

    /// An undisturbed edit of one of the desktop's own records.
    fn edit(&mut self, d: usize) {
        self.counter += 1;
        let (path, mine) = &mut self.desktops[d];
        let pick = self.rng.below(mine.len() as u64) as usize;
        let id = mine.keys().nth(pick).unwrap().clone();
        let title = format!("{}-{}", Office::user(d), self.counter);
        let out = dossier(
            &self.dir,
            Office::user(d),
            &["set", path.to_str().unwrap(), &id, "--title", &title],
        )
        .output()
        .unwrap();
        ok(out, "set");
        mine.insert(id, title);
    }

    /// `dossier sync`, killed at a random moment with probability `kill` in 100.
    /// True when it was killed.
    fn sync(&mut self, d: usize, kill: u64) -> bool {
        let path = self.desktops[d].0.clone();
        let started = Instant::now();
        let mut child = dossier(
            &self.dir,
            Office::user(d),
            &["sync", path.to_str().unwrap()],
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
        if self.rng.below(100) < kill {
            let mut typical = self.sync_times.clone();
            typical.sort();
            let typical = typical
                .get(typical.len() / 2)
                .copied()
                .unwrap_or(Duration::from_millis(200));
            std::thread::sleep(Duration::from_micros(
                self.rng.below(typical.as_micros() as u64 + 1),
            ));
            if child.try_wait().unwrap().is_none() {
                let _ = child.kill();
                if !child.wait().unwrap().success() {
                    return true;
                }
                return false;
            }
        }
        let out = child.wait_with_output().unwrap();
        ok(out, "sync");
        self.sync_times.push(started.elapsed());
        false
    }

    /// After a kill: the catalogue opens (repairs logged) and verifies clean.
    fn check_opens_and_verifies(&self, d: usize) -> Result<(), String> {
        let path = self.desktops[d].0.to_str().unwrap().to_string();
        let out = dossier(&self.dir, Office::user(d), &["verify", &path])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        match out.status.success() && said.contains("OK: no problems found") {
            true => Ok(()),
            false => Err(format!(
                "verify of {path}: {said}{}",
                String::from_utf8_lossy(&out.stderr)
            )),
        }
    }

    /// Syncs both until nothing changes; then both hold the same files and every title.
    fn settle_and_check(&mut self) -> Result<(), String> {
        for _ in 0..4 {
            self.sync(0, 0);
            self.sync(1, 0);
        }
        let files: Vec<_> = self.desktops.iter().map(|(p, _)| tracked(p)).collect();
        if files[0] != files[1] {
            let differ: Vec<_> = files[0]
                .keys()
                .chain(files[1].keys())
                .filter(|k| files[0].get(*k) != files[1].get(*k))
                .collect();
            return Err(format!("the desktops differ in {differ:?}"));
        }
        for (d, (_, mine)) in self.desktops.iter().enumerate() {
            for (path, _) in &self.desktops {
                let shown = ok(
                    dossier(&self.dir, "Checker", &["list", path.to_str().unwrap()])
                        .output()
                        .unwrap(),
                    "list",
                );
                for title in mine.values() {
                    if !shown.contains(title.as_str()) {
                        return Err(format!(
                            "{}'s title {title} is missing on {}",
                            Office::user(d),
                            path.display()
                        ));
                    }
                }
            }
        }
        for d in 0..2 {
            self.check_opens_and_verifies(d)?;
        }
        Ok(())
    }
}

fn tracked(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for dir in ["records", "trash", "audit"] {
        let Ok(read) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in read.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                continue; // a write cut short: never synced, removed on the next opening
            }
            files.insert(
                format!("{dir}/{}", e.file_name().to_string_lossy()),
                fs::read(e.path()).unwrap(),
            );
        }
    }
    for name in ["dossier.json", "audit.jsonl"] {
        if let Ok(bytes) = fs::read(root.join(name)) {
            files.insert(name.into(), bytes);
        }
    }
    files
}

#[test]
fn killing_sync_at_random_moments_loses_nothing() {
    let kills = kill_env::count("DOSSIER_SYNC_KILLS", 12);
    let seed = kill_env::seed();
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path(), seed);
    let started = Instant::now();
    for d in [0, 1, 0, 1] {
        office.edit(d);
        office.sync(d, 0);
    }
    let mut done = 0;
    while done < kills {
        let d = office.rng.below(2) as usize;
        office.edit(d);
        if office.sync(d, 70) {
            done += 1;
            if let Err(why) = office.check_opens_and_verifies(d) {
                let kept = dir.keep();
                panic!(
                    "kept in {}: after kill {done} (seed {seed}): {why}",
                    kept.display()
                );
            }
        }
    }
    if let Err(why) = office.settle_and_check() {
        let kept = dir.keep();
        panic!(
            "kept in {}: at the end (seed {seed}): {why}",
            kept.display()
        );
    }
    println!(
        "sync kill harness: {done} kills, 0 failures, {:.1} s (seed {seed})",
        started.elapsed().as_secs_f64()
    );
}
