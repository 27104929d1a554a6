//! Dossier: an offline desktop catalogue for sensitive human-rights evidence.
//!
//! The core (`model`, `store`, `audit`, `media`, `search`, `share`, `settings`, `cli`) never touches egui;
//! `ui` is the desktop app on top of it and talks to the core through plain method calls.

pub mod audit;
pub mod cli;
pub mod durable;
pub mod generate;
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
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
