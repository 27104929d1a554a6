//! The bottom bar: where the catalogue is, how many records, whether edits are saved, and
//! the progress of background work.

use eframe::egui::{self, RichText, Ui};

use super::chrome::{Chrome, SaveStatus};
use super::command::Command;
use super::session::Session;
use super::theme;
use crate::t;

/// What the status bar says about saving; tests read it too.
pub fn save_text(pending_writes: usize, save: &SaveStatus, session: Option<&Session>) -> String {
    if pending_writes > 0 {
        return t!("status-saving");
    }
    if let Some(e) = &save.error {
        return t!("status-not-saved", error = e);
    }
    let dirty = session
        .and_then(|s| s.editor.as_ref())
        .is_some_and(|e| e.changed_at.is_some());
    if dirty {
        return t!("status-editing");
    }
    t!("status-saved")
}

/// How many records the list shows of all, and a spinner while a search runs off the frame.
fn record_count(ui: &mut Ui, session: &mut super::session::Session) {
    let total = session.cat.live_count();
    let shown = session.results().len();
    if shown == total {
        ui.label(t!("status-records", count = total));
    } else {
        ui.label(t!("status-shown", shown = shown, total = total));
    }
    if session.search.is_searching() {
        ui.spinner().on_hover_text(t!("task-search"));
    }
}

pub fn show(ui: &mut Ui, c: &mut Chrome) {
    ui.horizontal(|ui| {
        let Some(session) = &mut c.session else {
            ui.label(t!("status-no-catalogue"));
            return;
        };
        let path = session.cat.root().display().to_string();
        ui.label(RichText::new(&path).monospace().small())
            .on_hover_text(t!("status-folder-hint"));
        ui.separator();
        record_count(ui, session);
        if !session.cat.is_writable() {
            ui.separator();
            ui.label(RichText::new(t!("status-read-only")).color(theme::warn_color(ui)));
        }
        let problems = session.cat.problems().len();
        if problems > 0 {
            ui.separator();
            let text = RichText::new(t!("status-unreadable", count = problems))
                .color(theme::warn_color(ui));
            if ui.link(text).clicked() {
                c.dialogs.problems = true;
            }
        }
        ui.separator();
        let saving = save_text(c.busy.pending_writes, &c.status.save, Some(session));
        if c.status.save.error.is_some() {
            ui.label(RichText::new(&saving).color(theme::error_color(ui)));
            if ui.button(t!("status-retry")).clicked() {
                c.commands.push(Command::RetrySave);
            }
        } else {
            let r = ui.label(&saving);
            if let Some(last) = &c.status.save.last {
                r.on_hover_text(last);
            }
        }
        if let Some(when) = c.status.last_synced {
            ui.separator();
            let when = when.strftime("%Y-%m-%d %H:%M UTC").to_string();
            ui.label(t!("status-synced", when = when))
                .on_hover_text(t!("status-synced-hint"));
        }
        // The last change, with the way back (Delete asks nothing: this is its answer).
        if let Some(last) = session.undo.next_undo()
            && session.cat.is_writable()
        {
            ui.separator();
            ui.label(theme::hint(crate::text::one_line(last)));
            if ui
                .small_button(t!("status-undo"))
                .on_hover_text(t!("status-undo-hint"))
                .clicked()
            {
                c.commands.push(Command::Undo);
            }
        }
        if let Some((what, fraction)) = &c.busy.progress {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                match fraction {
                    Some(f) => ui.add(
                        egui::ProgressBar::new(*f)
                            .desired_width(160.0)
                            .show_percentage(),
                    ),
                    None => ui.spinner(),
                };
                ui.label(what);
            });
        }
    });
}
