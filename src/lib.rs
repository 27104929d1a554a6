//! Dossier: an offline desktop catalogue for sensitive human-rights evidence.
//!
//! The core (`model`, `store`, `audit`, `media`, `search`, `share`, `settings`, `cli`) never touches egui;
//! `ui` is the desktop app on top of it and talks to the core through plain method calls.
//! ARCHITECTURE.md draws the layers.
//!
//! Every public item of the core carries a `///` (the `missing_docs` lint). Two layers are
//! exempt on purpose: `cli`, whose arguments are documented by their `--help` text (a doc
//! comment on a clap field would replace that text), and `ui`, the app's panels, which are
//! used by the binary and its tests, not as a library.

pub mod audit;
#[allow(missing_docs)]
pub mod cli;
pub mod durable;
pub mod generate;
pub mod i18n;
pub mod integrity;
pub mod lists;
pub mod media;
pub mod memory;
pub mod model;
pub mod parallel;
pub mod sample;
pub mod search;
pub mod settings;
pub mod share;
pub mod stats;
pub mod store;
pub mod sync;
pub mod text;
#[cfg(feature = "gui")]
#[allow(missing_docs)]
pub mod ui;
pub mod words;
