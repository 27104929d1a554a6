//! A million records: the app's warm opening (its list, then every record), its peak
//! memory and its searches (issue 20).
//! Results go in BENCHMARKS.md ("A million opens in 4.3 s").
//!
//!     dossier generate /big/c1m --records 1000000 --attachments 0 --plain   # about 5 minutes
//!     DOSSIER_MILLION=/big/c1m cargo bench --bench million
//!
//! Without DOSSIER_MILLION it says how to make the catalogue and stops: a million records
//! take 1.4 GiB of record files (3.9 GiB of disk blocks) and 1.3 GiB of snapshot. Each
//! opening runs in a fresh process (this program again), so that its peak memory is its
//! own; each search runs with the memory of earlier searches cleared, 40 times a term, and
//! the first seven are reported apart (see BENCHMARKS.md for why they differ here).

// Test and bench code may unwrap: a failure there is a failed bench, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "common/gui.rs"]
mod gui_harness;
#[path = "common/reading.rs"]
mod reading;

use dossier::search::{Filter, SortColumn};
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};

const CHILD: &str = "DOSSIER_MILLION_CHILD";
const TERMS: [&str; 4] = ["shelling", "stepanakert", "Мартиросян", "հիվանդանոց"];

/// This process's peak memory in MiB (Linux; 0 elsewhere).
fn peak_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM"));
    let kib = line.and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok());
    kib.unwrap_or(0) / 1024
}

/// This process's minor page faults so far (Linux; 0 elsewhere).
fn faults() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's name in parentheses; minflt is the tenth field.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    after
        .split_whitespace()
        .nth(7)
        .and_then(|f| f.parse().ok())
        .unwrap_or(0)
}

/// This process's CPU time so far, user and system, in seconds (Linux; 0 elsewhere): on
/// a VM whose wall-clock times vary by half from run to run, the steadier measure of work.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let field = |n: usize| -> f64 {
        let ticks = after
            .split_whitespace()
            .nth(n)
            .and_then(|f| f.parse::<f64>().ok());
        ticks.unwrap_or(0.0)
    };
    // utime and stime, the 14th and 15th fields, in clock ticks (100 a second on Linux).
    (field(11) + field(12)) / 100.0
}

/// One opening as the app does it (lazily, the index read beside: the list shows), then
/// the rest of the records read as the app reads them; with `search`, the searches.
fn child(root: &Path, search: bool) {
    dossier::memory::return_freed_memory_promptly();
    let t = Instant::now();
    // Writable, as the app opens it.
    let mut cat = reading::open_as_app(root, false);
    let opened = t.elapsed();
    let index = cat.take_index();
    let listed = t.elapsed();
    let cpu_listed = cpu_secs();
    let peak_listed = peak_mib();
    let swap = reading::read_the_rest(&mut cat);
    let whole = t.elapsed();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "open {:.0} ms, + index (the list) {:.0} ms (CPU {cpu_listed:.2} s), peak {peak_listed} MiB; every record in {:.0} ms (the swap {:.0} ms), peak {} MiB ({} records)",
        ms(opened),
        ms(listed),
        ms(whole),
        swap * 1e3,
        peak_mib(),
        cat.records().len()
    );
    if !search {
        return;
    }
    for term in TERMS {
        let filter = Filter {
            text: term.into(),
            ..Filter::default()
        };
        let before = faults();
        let mut times: Vec<f64> = (0..40)
            .map(|_| {
                index.forget_recent_searches();
                let t = Instant::now();
                std::hint::black_box(index.search_sorted(&filter, SortColumn::Modified, false));
                ms(t.elapsed())
            })
            .collect();
        let faulted = faults() - before;
        let first: Vec<String> = times.drain(..7).map(|t| format!("{t:.0}")).collect();
        times.sort_by(f64::total_cmp);
        println!(
            "search {term}: first 7 {} ms; then median {:.0} ms ({:.0}-{:.0}); {faulted} page faults in the 40",
            first.join(" "),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
    // The searches keep the ranks of the column they sort by (8 MiB at a million).
    println!("peak after the searches {} MiB", peak_mib());
}

/// Where the app's own settings and snapshot key live for these runs (beside the catalogue).
fn app_home(root: &Path) -> PathBuf {
    let name = root.file_name().unwrap().to_string_lossy();
    root.with_file_name(format!("{name}-app-home"))
}

/// The app itself (headless, egui_kittest: frames without drawing pixels) opening the
/// catalogue: how long until its list shows rows, and until every record is in.
fn app_child(root: &Path) {
    dossier::memory::return_freed_memory_promptly();
    let t = Instant::now();
    let mut gui = gui_harness::app(&app_home(root), root.to_path_buf());
    let mut listed = None;
    loop {
        gui.step();
        let app = gui.state_mut().as_mut().unwrap();
        if let Some(s) = app.session.as_mut() {
            if listed.is_none() && !s.search.is_searching() && !s.results().is_empty() {
                listed = Some(t.elapsed());
            }
            if listed.is_some() && s.cat.is_complete() {
                break;
            }
        }
        assert!(
            t.elapsed() < Duration::from_secs(300),
            "the app never opened"
        );
        std::thread::sleep(Duration::from_millis(4));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "the app: its list in {:.0} ms, every record in {:.0} ms, peak {} MiB",
        ms(listed.unwrap()),
        ms(t.elapsed()),
        peak_mib()
    );
}

/// Makes the snapshot that serves every file under `key`, opening until none is left to
/// write (a file changed in the last two seconds never vouches for itself).
fn make_snapshot(root: &Path, key: dossier::store::snapshot::SnapshotKey) {
    std::thread::sleep(Duration::from_millis(2100));
    for _ in 0..3 {
        let options = OpenOptions {
            user: "bench".into(),
            snapshot: true,
            snapshot_key: Some(key.clone()),
            ..OpenOptions::default()
        };
        match Catalogue::open(root, options).unwrap().snapshot_job() {
            Some(job) => job.write().unwrap(),
            None => break,
        }
    }
}

fn main() {
    let Some(root) = std::env::var_os("DOSSIER_MILLION").map(PathBuf::from) else {
        println!("million: set DOSSIER_MILLION to a catalogue made with");
        println!("  dossier generate PATH --records 1000000 --attachments 0 --plain");
        return;
    };
    if let Some(mode) = std::env::var_os(CHILD) {
        if mode == "app" {
            return app_child(&root);
        }
        return child(&root, mode == "search");
    }
    let bytes: u64 = std::fs::read_dir(root.join(RECORDS_DIR))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!("record files: {:.0} MiB", bytes as f64 / 1048576.0);
    make_snapshot(
        &root,
        dossier::store::snapshot::SnapshotKey::from_bytes([1; 32]),
    );
    // The app's, under its own key.
    let paths = dossier::settings::Paths::under(&app_home(&root));
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    let key = dossier::store::snapshot::SnapshotKey::in_folder(&paths.data_dir).unwrap();
    make_snapshot(&root, key);
    let me = std::env::current_exe().unwrap();
    for mode in ["open", "open", "open", "app", "app", "search"] {
        let status = Command::new(&me).env(CHILD, mode).status().unwrap();
        assert!(status.success(), "the {mode} run failed");
    }
}
