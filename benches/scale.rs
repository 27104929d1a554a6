//! Scale: a generated catalogue of 100,000 records with 1,000 12-megapixel photographs,
//! each benchmark against its baseline in the same run. Results go in BENCHMARKS.md.
//!
//!     cargo bench --bench scale                 # everything (about 25 minutes)
//!     cargo bench --bench scale -- search       # one group
//!
//! Needs `rg` and `vipsthumbnail` on PATH (Debian: `apt-get install ripgrep libvips-tools`).
//! The catalogues are generated once into `target/bench-scale/` (about 2 GB, 3 minutes) and
//! reused; set DOSSIER_BENCH_DIR to put them elsewhere, delete the folder to start afresh.

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[path = "common/gui.rs"]
mod gui_harness;
#[path = "common/reading.rs"]
mod reading;

use criterion::{BenchmarkId, Criterion, Throughput};
use dossier::generate::{GenerateOptions, generate};
use dossier::model::{Label, PersonStatus, RecordKind};
use dossier::search::{Filter, SearchIndex, SortColumn};
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};

const RECORDS: usize = 100_000;
const PHOTOS: usize = 1_000;
/// Set in the child process that measures peak memory.
const PEAK_RSS_CHILD: &str = "DOSSIER_BENCH_PEAK_RSS_OF";

fn bench_dir() -> PathBuf {
    std::env::var_os("DOSSIER_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-scale"))
}

/// A generated catalogue, made the first time and kept (a marker file says it is whole).
fn catalogue(name: &str, records: usize, attachments: usize) -> PathBuf {
    let root = bench_dir().join(name);
    let done = bench_dir().join(format!("{name}.complete"));
    if done.exists() {
        return root;
    }
    if root.exists() {
        remove_all(&root);
    }
    eprintln!("Generating {name} ({records} records, {attachments} photographs) once...");
    let options = GenerateOptions {
        records,
        attachments,
        seed: 1,
        ..GenerateOptions::default()
    };
    generate(&root, &options, &mut |_, _, _| {}).unwrap();
    std::fs::write(&done, b"").unwrap();
    root
}

/// Originals are read-only; make them writable so the folder can go.
fn remove_all(root: &Path) {
    let _ = Command::new("chmod")
        .arg("-R")
        .arg("u+w")
        .arg(root)
        .status();
    let _ = std::fs::remove_dir_all(root);
}

fn open(root: &Path) -> Catalogue {
    Catalogue::open(
        root,
        OpenOptions {
            user: "bench".into(),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// The snapshot's key for these benchmarks (a plain catalogue's snapshot is signed).
fn snapshot_key() -> dossier::store::snapshot::SnapshotKey {
    dossier::store::snapshot::SnapshotKey::from_bytes([1; 32])
}

/// Opens from the snapshot, as the app and every command do.
fn open_warm(root: &Path, read_only: bool) -> Catalogue {
    Catalogue::open(
        root,
        OpenOptions {
            user: "bench".into(),
            read_only,
            snapshot: true,
            snapshot_key: Some(snapshot_key()),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// Makes sure the snapshot serves every file: opened (and written) until nothing is left
/// to write.
fn warm_up(root: &Path) {
    // A file changed less than two seconds before it is read never vouches for itself.
    std::thread::sleep(Duration::from_millis(2100));
    for _ in 0..3 {
        let mut cat = open_warm(root, false);
        match cat.snapshot_job() {
            Some(job) => job.write().unwrap(),
            None => return,
        }
    }
}

fn record_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(RECORDS_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The baseline: read every record file and parse it into a serde_json::Value.
fn read_as_values(files: &[PathBuf]) -> Vec<serde_json::Value> {
    files
        .iter()
        .map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap())
        .collect()
}

/// The same on every core.
fn read_as_values_parallel(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let half = files.len() / 2;
    let (a, b) = files.split_at(half);
    std::thread::scope(|s| {
        let left = s.spawn(|| read_as_values(a));
        let mut right = read_as_values(b);
        let mut all = left.join().unwrap();
        all.append(&mut right);
        all
    })
}

fn bench_open(c: &mut Criterion, root: &Path) {
    let files = record_files(root);
    let mut g = c.benchmark_group("open 100k");
    g.sample_size(10).measurement_time(Duration::from_secs(40));
    g.bench_function("dossier: open + index", |b| {
        b.iter(|| {
            let cat = open(root);
            let index = SearchIndex::build(cat.records());
            black_box((cat.records().len(), index.len()))
        })
    });
    warm_up(root);
    // The app keeps what it opened: freeing it (50-80 ms at 100k) is not timed.
    g.bench_function("dossier: open warm (snapshot) + index", |b| {
        b.iter_with_large_drop(|| {
            let mut cat = open_warm(root, false);
            let index = cat.take_index();
            assert!(
                cat.snapshot_job().is_none(),
                "the snapshot served everything"
            );
            (cat, index)
        })
    });
    // The app's opening: its list shows once the index is in; the rest of the records
    // are read after, off its UI thread.
    g.bench_function("dossier: open warm as the app, to its list", |b| {
        b.iter_with_large_drop(|| {
            let mut cat = reading::open_as_app(root, false);
            let index = cat.take_index();
            assert!(!cat.is_complete(), "the records were left in the snapshot");
            (cat, index)
        })
    });
    g.bench_function("dossier: open warm as the app, to every record read", |b| {
        b.iter_with_large_drop(|| {
            let mut cat = reading::open_as_app(root, false);
            let index = cat.take_index();
            reading::read_the_rest(&mut cat);
            (cat, index)
        })
    });
    // One record file changed outside since the snapshot (read-only, so that the change is
    // not logged and the next iteration finds it the same way).
    let changed = &files[files.len() / 2];
    let text = std::fs::read_to_string(changed).unwrap();
    std::fs::write(changed, text.replacen("\"title\": \"", "\"title\": \"X", 1)).unwrap();
    g.bench_function("dossier: open warm after one outside change + index", |b| {
        b.iter_with_large_drop(|| {
            let mut cat = open_warm(root, true);
            let index = cat.take_index();
            (cat, index)
        })
    });
    g.bench_function(
        "dossier: open warm as the app after one outside change, to its list",
        |b| {
            b.iter_with_large_drop(|| {
                let mut cat = reading::open_as_app(root, true);
                let index = cat.take_index();
                (cat, index)
            })
        },
    );
    std::fs::write(changed, &text).unwrap();
    warm_up(root);
    g.bench_function("baseline: read + serde_json::Value", |b| {
        b.iter(|| black_box(read_as_values(&files).len()))
    });
    g.bench_function("baseline on 2 cores", |b| {
        b.iter(|| black_box(read_as_values_parallel(&files).len()))
    });
    g.finish();
}

/// How many record files ripgrep finds the term in (case-insensitive, literal).
fn rg_hits(root: &Path, term: &str) -> usize {
    let out = Command::new("rg")
        .args(["-i", "-l", "-F", "--no-messages", "--", term])
        .arg(root.join(RECORDS_DIR))
        .output()
        .expect("ripgrep (rg) is installed");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

fn bench_search(c: &mut Criterion, root: &Path) {
    let cat = open(root);
    let index = SearchIndex::build(cat.records());
    let mut g = c.benchmark_group("search 100k");
    g.sample_size(20);
    // A place, a surname in Russian, an Armenian word ("hospital"), a word in English text.
    for term in ["stepanakert", "Мартиросян", "հիվանդանոց", "shelling"] {
        let filter = Filter {
            text: term.into(),
            ..Filter::default()
        };
        // rg finds the term as written; Dossier also finds names in other scripts, and
        // counts those apart.
        let found = index.search(&filter);
        let ours = found.ids.len() - found.other_spellings;
        let theirs = rg_hits(root, term);
        assert_eq!(
            ours, theirs,
            "'{term}': Dossier and rg must find the same records as written"
        );
        println!(
            "'{term}': {ours} as written, {} in other spellings",
            found.other_spellings
        );
        assert!(ours > 0, "'{term}' finds nothing");
        g.bench_with_input(BenchmarkId::new("dossier", term), &filter, |b, f| {
            b.iter(|| {
                // Each search as if it were the first: nothing remembered from the last.
                index.forget_recent_searches();
                black_box(
                    index
                        .search_sorted(f, SortColumn::Modified, false)
                        .ids
                        .len(),
                )
            })
        });
        g.bench_with_input(BenchmarkId::new("rg", term), &term, |b, t| {
            b.iter(|| black_box(rg_hits(root, t)))
        });
    }
    // Terms with facets: what a researcher's saved lists look like.
    let facets = [
        (
            "persons captured, RED",
            Filter {
                text: "".into(),
                kinds: [RecordKind::Person].into(),
                statuses: [PersonStatus::Captured].into(),
                labels: [Label::Red].into(),
                ..Filter::default()
            },
        ),
        (
            "shelling + statements + AMBER",
            Filter {
                text: "shelling".into(),
                kinds: [RecordKind::Statement].into(),
                labels: [Label::Amber].into(),
                ..Filter::default()
            },
        ),
    ];
    for (name, filter) in &facets {
        assert!(!index.search(filter).ids.is_empty(), "{name} finds nothing");
        g.bench_with_input(BenchmarkId::new("dossier facets", name), filter, |b, f| {
            b.iter(|| {
                // Each search as if it were the first: nothing remembered from the last.
                index.forget_recent_searches();
                black_box(
                    index
                        .search_sorted(f, SortColumn::Modified, false)
                        .ids
                        .len(),
                )
            })
        });
    }
    g.finish();
}

fn bench_save(c: &mut Criterion) {
    let mut g = c.benchmark_group("save one edited record");
    g.sample_size(50);
    for (name, records) in [("1k", 1_000), ("100k", RECORDS)] {
        // Saves grow the log, and opening reads all of it: the edits go to a catalogue of
        // their own, so the one `open 100k` measures stays as it was generated.
        let root = if records == RECORDS {
            catalogue("catalogue-100k-edits", RECORDS, 0)
        } else {
            catalogue("catalogue-1k", records, 0)
        };
        let mut cat = open(&root);
        let mut index = SearchIndex::build(cat.records());
        let mut record = cat
            .records()
            .iter()
            .find(|r| r.kind == RecordKind::Statement)
            .unwrap()
            .clone();
        let title = record.title.clone();
        let mut n = 0u64;
        g.bench_function(name, |b| {
            b.iter(|| {
                // What the app does on save: write the record (file, fsync, audit entry)
                // and update the search index.
                n += 1;
                record.title = format!("{title} ({n})");
                cat.save(record.clone(), "bench").unwrap();
                index.upsert(cat.get(&record.id).unwrap());
            })
        });
        record.title = title;
        cat.save(record, "bench").unwrap();
    }
    g.finish();
    bench_bulk_label(c);
}

/// A bulk label change of 5,000 records (the bar's Label menu): one log append for all,
/// every file written and fsynced, the index updated.
fn bench_bulk_label(c: &mut Criterion) {
    let root = catalogue("catalogue-100k-edits", RECORDS, 0);
    let mut cat = open(&root);
    let mut index = SearchIndex::build(cat.records());
    let ids: Vec<_> = cat
        .records()
        .iter()
        .filter(|r| r.review != dossier::model::ReviewState::Approved)
        .take(5_000)
        .map(|r| r.id)
        .collect();
    let mut g = c.benchmark_group("bulk label 5,000 records");
    g.sample_size(10);
    let mut red = false;
    g.bench_function("100k", |b| {
        b.iter(|| {
            red = !red;
            let label = if red { Label::Red } else { Label::Amber };
            cat.set_label(&ids, label, "bench")
                .unwrap()
                .apply()
                .unwrap();
            for id in &ids {
                index.upsert(cat.get(id).unwrap());
            }
        })
    });
    g.finish();
}

/// The photographs of the catalogue, and the same files without their EXIF (no preview).
fn photos(root: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let cat = Catalogue::open(
        root,
        OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let blobs = cat.blobs();
    let mut with_exif: Vec<PathBuf> = cat
        .records()
        .iter()
        .flat_map(|r| &r.attachments)
        .map(|a| blobs.path_of(&a.sha256))
        .collect();
    with_exif.sort();
    with_exif.dedup();
    let plain_dir = bench_dir().join("photos-without-exif");
    std::fs::create_dir_all(&plain_dir).unwrap();
    let plain = with_exif
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let out = plain_dir.join(format!("photo-{i:04}.jpg"));
            if !out.exists() {
                std::fs::write(&out, strip_exif(&std::fs::read(p).unwrap())).unwrap();
            }
            out
        })
        .collect();
    (with_exif, plain)
}

/// A JPEG without its APP1 (EXIF) segments.
fn strip_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA {
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if jpeg[at + 1] != 0xE1 {
            out.extend_from_slice(&jpeg[at..at + 2 + len]);
        }
        at += 2 + len;
    }
    out.extend_from_slice(&jpeg[at..]);
    out
}

/// Dossier's thumbnails of every file, on every core, each written as a PNG.
fn dossier_thumbnails(files: &[PathBuf], out: &Path) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    let thumb = dossier::media::thumbs::make_thumbnail(
                        dossier::durable::vault::Source::plain(f),
                    )
                    .unwrap();
                    thumb.save(out.join(format!("{i}.png"))).unwrap();
                }
            });
        }
    });
}

/// vipsthumbnail over the same files at the same size: two processes, one per core
/// (measured faster here than one process with its own thread pool).
fn vips_thumbnails(files: &[PathBuf], out: &Path) {
    let half = files.len().div_ceil(2);
    let pattern = format!("{}/%s.jpg", out.display());
    let children: Vec<_> = files
        .chunks(half)
        .map(|part| {
            Command::new("vipsthumbnail")
                .args(["-s", "256", "-o", &pattern])
                .args(part)
                .spawn()
                .expect("vipsthumbnail (libvips-tools) is installed")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
}

fn bench_thumbnails(c: &mut Criterion, root: &Path) {
    let (with_exif, plain) = photos(root);
    assert_eq!(with_exif.len(), PHOTOS);
    let out = bench_dir().join("thumbs-out");
    std::fs::create_dir_all(&out).unwrap();
    let mut g = c.benchmark_group("thumbnails 1000 x 12 MP");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(60))
        .throughput(Throughput::Elements(PHOTOS as u64));
    for (name, files) in [
        ("with EXIF preview", &with_exif),
        ("no EXIF preview", &plain),
    ] {
        g.bench_with_input(BenchmarkId::new("dossier", name), files, |b, f| {
            b.iter(|| dossier_thumbnails(f, &out))
        });
        g.bench_with_input(BenchmarkId::new("vipsthumbnail", name), files, |b, f| {
            b.iter(|| vips_thumbnails(f, &out))
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&out);
}

/// One frame of the app, headless, on the 100k catalogue: the list filtered, a photograph
/// record selected with its thumbnail showing.
fn bench_gui_frame(c: &mut Criterion, root: &Path) {
    use dossier::ui::DossierApp;
    use eframe::egui::Key;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    let home = tempfile::tempdir().unwrap();
    let mut gui = gui_harness::app(home.path(), root.to_path_buf());
    let settle = gui_harness::settle;
    settle(&mut gui);
    gui.get_by_label("Search").click();
    gui.step();
    gui.get_by_label("Search").type_text("shelling");
    settle(&mut gui);
    // Select the first photograph record the filter lists: its thumbnail shows.
    let app = gui.state_mut().as_mut().unwrap();
    let session = app.session.as_mut().unwrap();
    let (ids, cat) = session.listing();
    let listed = ids.len();
    let photo = *ids
        .iter()
        .find(|id| {
            cat.get(id)
                .is_some_and(|r| !r.attachments.is_empty() && r.warnings.is_empty())
        })
        .expect("a listed record with a photograph");
    let ctx = gui.ctx.clone();
    gui.state_mut()
        .as_mut()
        .unwrap()
        .run(dossier::ui::Command::Select(Some(photo)), &ctx);
    settle(&mut gui);
    assert!(listed > 1000, "the filter lists {listed} records");
    assert!(
        gui.query_by_label("Preview").is_some(),
        "the thumbnail is showing"
    );

    let mut g = c.benchmark_group("gui frame 100k");
    g.sample_size(50);
    g.bench_function("filtered list + thumbnail", |b| b.iter(|| gui.step()));
    // A keystroke in the search box (one more letter, then Backspace): the frame that
    // runs the new search and sorts its results.
    let mut longer = false;
    let mut keystroke = |gui: &mut Harness<'_, Option<DossierApp>>, forget: bool| {
        if forget && let Some(s) = gui.state().as_ref().and_then(|a| a.session.as_ref()) {
            s.index.forget_recent_searches();
        }
        if longer {
            gui.key_press(Key::Backspace);
        } else {
            gui.get_by_label("Search").type_text("s");
        }
        longer = !longer;
        gui.step();
    };
    g.bench_function("frame with a keystroke", |b| {
        b.iter(|| keystroke(&mut gui, false))
    });
    // The same with nothing remembered from earlier searches: every keystroke scans all
    // the text, as the first search after an edit does.
    g.bench_function("frame with a keystroke, full scan", |b| {
        b.iter(|| keystroke(&mut gui, true))
    });
    // A big catalogue searches off the frame (results a frame or more later): the time
    // from the keystroke until the list shows what it finds, with the frames between.
    let searching = |gui: &Harness<'_, Option<DossierApp>>| {
        gui.state()
            .as_ref()
            .and_then(|a| a.session.as_ref())
            .is_some_and(|s| s.search.is_searching())
    };
    g.bench_function("keystroke, full scan, until its results are listed", |b| {
        b.iter(|| {
            keystroke(&mut gui, true);
            while searching(&gui) {
                std::thread::sleep(std::time::Duration::from_micros(200));
                gui.step();
            }
        })
    });
    // The same frame with the search on it, as before it moved off (for comparison).
    let on_frame = |gui: &mut Harness<'_, Option<DossierApp>>, below: usize| {
        let app = gui.state_mut().as_mut().unwrap();
        app.session.as_mut().unwrap().search.on_frame_below = below;
    };
    on_frame(&mut gui, usize::MAX);
    g.bench_function(
        "frame with a keystroke, full scan, searched on the frame",
        |b| b.iter(|| keystroke(&mut gui, true)),
    );
    on_frame(&mut gui, dossier::ui::live_search::ON_FRAME_BELOW);
    // Back to "shelling" if the last keystroke left "shellings" (which finds nothing).
    let typed = |gui: &Harness<'_, Option<DossierApp>>| {
        let session = gui.state().as_ref().and_then(|a| a.session.as_ref());
        session.map(|s| s.filter.text.clone()).unwrap_or_default()
    };
    if typed(&gui) != "shelling" {
        gui.key_press(Key::Backspace);
    }
    settle(&mut gui);
    assert_eq!(typed(&gui), "shelling");
    // 5,000 rows chosen at once (Ctrl+click, Shift+click): the frame that draws the list
    // with its chosen rows and the bulk bar.
    let ctx = gui.ctx.clone();
    gui.state_mut()
        .as_mut()
        .unwrap()
        .run(dossier::ui::Command::MarkAll, &ctx);
    settle(&mut gui);
    let chosen = gui
        .state()
        .as_ref()
        .unwrap()
        .session
        .as_ref()
        .unwrap()
        .marks
        .len();
    assert!(chosen > 1000, "{chosen} rows chosen");
    g.bench_function(format!("frame with {chosen} rows chosen"), |b| {
        b.iter(|| gui.step())
    });
    g.finish();
}

/// Peak resident memory of a fresh process that opens the catalogue and builds the index.
fn peak_memory(root: &Path) {
    peak_memory_of(root, "");
    warm_up(root);
    peak_memory_of(root, "warm:");
    peak_memory_of(root, "app:");
}

fn peak_memory_of(root: &Path, how: &str) {
    let mut child = std::ffi::OsString::from(how);
    child.push(root);
    let out = Command::new(std::env::current_exe().unwrap())
        .env(PEAK_RSS_CHILD, child)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let peak_kib: u64 = text.trim().parse().unwrap_or(0);
    let files = record_files(root);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    let on_disk = (bytes as f64) / (1 << 20) as f64;
    let peak = peak_kib as f64 / 1024.0;
    println!(
        "memory: peak RSS after opening {} records {}: {peak:.0} MiB; the records' files hold {on_disk:.0} MiB: {:.2}x (target 2x)",
        files.len(),
        match how {
            "" => "from the files",
            "warm:" => "from the snapshot",
            _ => "as the app, to every record read",
        },
        peak / on_disk
    );
}

fn peak_memory_child(root: &Path) {
    // As the app does first thing in main.
    dossier::memory::return_freed_memory_promptly();
    let text = root.to_string_lossy();
    if let Some(root) = text.strip_prefix("app:") {
        let mut cat = reading::open_as_app(Path::new(root), true);
        let index = cat.take_index();
        reading::read_the_rest(&mut cat);
        black_box((cat.records().len(), index.len()));
    }
    match text.strip_prefix("warm:") {
        _ if text.starts_with("app:") => {}
        Some(root) => {
            let mut cat = open_warm(Path::new(root), true);
            let index = cat.take_index();
            black_box((cat.records().len(), index.len()));
        }
        None => {
            let cat = open(root);
            let index = SearchIndex::build(cat.records());
            black_box((cat.records().len(), index.len()));
        }
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .unwrap()
        .trim()
        .trim_end_matches("kB")
        .trim()
        .to_string();
    println!("{hwm}");
}

fn main() {
    if let Some(root) = std::env::var_os(PEAK_RSS_CHILD) {
        peak_memory_child(Path::new(&root));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let root = catalogue("catalogue-100k", RECORDS, PHOTOS);
    peak_memory(&root);
    bench_open(&mut c, &root);
    bench_search(&mut c, &root);
    bench_save(&mut c);
    bench_thumbnails(&mut c, &root);
    bench_gui_frame(&mut c, &root);
    c.final_summary();
}
