//! Dossier's integration tests, in one binary (as ripgrep's are): linking the app once
//! instead of once per file is most of the build time. Each file is a module; helpers
//! shared between them are in `common`. Three stay separate binaries on purpose:
//! `tests/kill.rs` (kills the CLI thousands of times), `tests/faults.rs` (mounts full and
//! read-only file systems) and `tests/memory.rs` (measures the peak memory of its own
//! process, so nothing else may run in it).

// Test and bench code may unwrap: a failure there is a failed test, with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod cli;
mod cli_focus;
mod encryption;
mod faces;
mod gui;
mod gui_cards;
mod gui_integrity;
mod gui_keyboard;
mod gui_persons;
mod gui_reading;
mod gui_search;
mod gui_share;
mod gui_sync;
mod gui_unlock;
mod gui_viewer;
mod gui_workday;
mod history_disk;
mod history_kept;
mod hostile_images;
mod integrity;
mod languages;
mod loaders_prop;
mod make_sample;
mod paths;
mod persons;
mod previews;
mod redact;
mod redact_freehand;
mod sealed_video;
mod share;
mod share_canary;
mod snapshot;
mod snapshot_completion;
mod snapshot_log;
mod snapshot_mapped;
mod snapshot_prop;
mod snapshot_settled;
mod snapshot_sync;
mod store;
mod sync;
mod sync_cut;
mod sync_layout;
mod sync_light;
mod sync_persons;
mod sync_prop;
mod trust;
