//! The History tab of the right panel: the selected record's chain of custody, newest
//! first, straight from the audit log. The saves of one editing burst read as one change,
//! each field from what it was to what it became; every entry stays listed inside it.

use eframe::egui::{self, RichText, Ui};

use super::theme;
use crate::audit::{AuditEntry, Burst, bursts};
use crate::model::RecordId;
use crate::store::Catalogue;
use crate::t;

pub fn show(ui: &mut Ui, cat: &Catalogue, id: RecordId) {
    let log = cat.audit();
    let Some(entries) = log.history_now(&id) else {
        // Read from the disk once an index of the log is made, off the UI thread.
        // A log that could not be read is tried again every few seconds, not every frame.
        let again = match log.record_index_problem() {
            Some(why) => {
                ui.label(theme::hint(t!("history-unreadable", why = why)));
                3000
            }
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(theme::hint(t!("history-reading")))
                });
                100
            }
        };
        log.build_record_index_in_background();
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(again));
        return;
    };
    if entries.is_empty() {
        ui.label(theme::hint(t!("history-nothing")));
        return;
    }
    let changes = bursts(&entries);
    ui.label(theme::hint(t!(
        "history-intro",
        count = changes.len(),
        entries = entries.len()
    )));
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for b in &changes {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    if b.entries.len() == 1 {
                        entry(ui, b.newest());
                    } else {
                        burst(ui, b);
                    }
                });
            }
        });
}

/// Several saves in a row: when, by whom, each field before and after, then the entries.
fn burst(ui: &mut Ui, b: &Burst) {
    let (first, last) = (b.oldest(), b.newest());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(super::words::action(crate::audit::Action::Edited)).strong());
        ui.label(theme::hint(t!(
            "history-burst-line",
            from = first.time.strftime("%Y-%m-%d %H:%M").to_string(),
            to = last.time.strftime("%H:%M UTC").to_string(),
            who = last.actor.as_str(),
            count = b.entries.len()
        )));
    });
    for f in &b.fields {
        let values = f
            .values
            .as_ref()
            .map(|(from, to)| (from.as_ref(), to.as_ref()));
        let text = super::log_words::change(&f.field, values);
        ui.add(egui::Label::new(text).wrap());
    }
    egui::CollapsingHeader::new(theme::hint(t!("history-each-save")))
        .id_salt(("burst", last.seq))
        .show(ui, |ui| {
            for e in &b.entries {
                entry(ui, e);
            }
        });
}

/// One log entry: what, when, by whom, the detail, and its place in the chain.
fn entry(ui: &mut Ui, e: &AuditEntry) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(super::words::action(e.action)).strong());
        ui.label(theme::hint(super::log_words::when_and_who(e)));
    });
    let detail = super::log_words::detail(e);
    if !detail.is_empty() {
        ui.add(egui::Label::new(detail).wrap());
    }
    if let Some(sha) = &e.attachment {
        ui.label(theme::hint(t!("history-file-sha", sha = sha.short(16))));
    }
    ui.label(
        RichText::new(t!(
            "history-entry-line",
            seq = e.seq.to_string(),
            hash = e.hash.short(16)
        ))
        .monospace()
        .small()
        .weak(),
    )
    .on_hover_text(t!(
        "history-entry-hashes",
        hash = e.hash.to_string(),
        prev = e.prev.to_string()
    ));
}
