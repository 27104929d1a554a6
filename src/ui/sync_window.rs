//! File > Sync...: where this catalogue syncs (a folder such as a USB stick), when it last
//! did, and Sync now. While a sync runs, a modal says so: nothing is edited meanwhile.

use eframe::egui::{self, Id, Modal, RichText};

use super::command::Command;
use crate::t;

/// The remotes as read when the window opened (reading them runs git).
#[derive(Debug, Clone, Default)]
pub struct SyncWindow {
    /// Name, URL, and when this desktop last synced with it.
    pub remotes: Vec<(String, String, Option<jiff::Timestamp>)>,
    /// Why they could not be read (git missing, say).
    pub problem: Option<String>,
}

impl SyncWindow {
    /// Reads the catalogue's remotes.
    pub fn read(root: &std::path::Path) -> SyncWindow {
        match crate::sync::remotes(root) {
            Ok(list) => SyncWindow {
                remotes: list
                    .into_iter()
                    .map(|(n, u)| {
                        let when = crate::sync::last_synced(root, &n);
                        (n, u, when)
                    })
                    .collect(),
                problem: None,
            },
            Err(e) => SyncWindow {
                remotes: Vec::new(),
                problem: Some(e.to_string()),
            },
        }
    }
}

/// The window; `open` goes false when it is closed.
pub fn show(
    ctx: &egui::Context,
    window: &mut Option<SyncWindow>,
    syncing: bool,
    commands: &mut Vec<Command>,
) {
    let Some(state) = window else { return };
    let mut open = true;
    egui::Window::new(t!("sync-heading"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label(t!("sync-explain"));
            ui.add_space(6.0);
            if let Some(p) = &state.problem {
                ui.colored_label(super::theme::warn_color(ui), crate::text::one_line(p));
            }
            if state.remotes.is_empty() {
                ui.label(RichText::new(t!("sync-none")).italics());
            }
            for (name, url, when) in &state.remotes {
                let when = when.map_or_else(
                    || t!("sync-never"),
                    |w| {
                        t!(
                            "sync-last",
                            when = w.strftime("%Y-%m-%d %H:%M UTC").to_string()
                        )
                    },
                );
                ui.label(format!(
                    "{}  {}  ({when})",
                    crate::text::one_line(name),
                    crate::text::one_line(url)
                ));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !state.remotes.is_empty() && !syncing,
                        egui::Button::new(t!("sync-now")),
                    )
                    .clicked()
                {
                    commands.push(Command::SyncNow);
                }
                if ui.button(t!("sync-add-folder")).clicked() {
                    commands.push(Command::ChooseSyncFolder);
                }
            });
        });
    if !open {
        *window = None;
    }
}

/// While a sync runs: a modal with its progress, so nothing is edited underneath it.
pub fn syncing_modal(ctx: &egui::Context, fraction: Option<f32>) {
    Modal::new(Id::unique("syncing")).show(ctx, |ui| {
        ui.heading(t!("task-syncing"));
        ui.add(egui::ProgressBar::new(fraction.unwrap_or(0.0)).animate(true));
        ui.label(t!("sync-wait"));
    });
}
