//! The History tab of the right panel: the selected record's chain of custody, newest
//! first, straight from the audit log. The saves of one editing burst read as one change,
//! each field from what it was to what it became; every entry stays listed inside it.

use eframe::egui::{self, RichText, Ui};

use super::theme;
use crate::audit::{AuditEntry, Burst, bursts};
use crate::model::RecordId;
use crate::store::Catalogue;

pub fn show(ui: &mut Ui, cat: &Catalogue, id: RecordId) {
    let entries = cat.audit().for_record(&id);
    if entries.is_empty() {
        ui.label(theme::hint("Nothing is logged for this record yet."));
        return;
    }
    let changes = bursts(&entries);
    ui.label(theme::hint(format!(
        "{} changes ({} entries in the audit log), newest first. Each entry names the SHA-256 of the record file it left.",
        changes.len(),
        entries.len()
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
        ui.label(theme::hint(format!(
            "{} - {} by {} ({} saves)",
            first.time.strftime("%Y-%m-%d %H:%M"),
            last.time.strftime("%H:%M UTC"),
            last.actor,
            b.entries.len()
        )));
    });
    for f in &b.fields {
        let text = match &f.values {
            Some((from, to)) => format!("{}: {} -> {}", f.field, shown(from), shown(to)),
            None => format!("{}: changed (long text; the log keeps no copy)", f.field),
        };
        ui.add(egui::Label::new(text).wrap());
    }
    egui::CollapsingHeader::new(theme::hint("Each save"))
        .id_salt(("burst", last.seq))
        .show(ui, |ui| {
            for e in &b.entries {
                entry(ui, e);
            }
        });
}

fn shown(value: &Option<serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => "(empty)".into(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "(empty)".into(),
        Some(serde_json::Value::String(s)) => format!("'{}'", crate::text::one_line(s)),
        Some(v) => crate::text::one_line(&v.to_string()).into_owned(),
    }
}

/// One log entry: what, when, by whom, the detail, and its place in the chain.
fn entry(ui: &mut Ui, e: &AuditEntry) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(super::words::action(e.action)).strong());
        ui.label(theme::hint(format!(
            "{} by {}",
            e.time.strftime("%Y-%m-%d %H:%M UTC"),
            e.actor
        )));
    });
    let detail = e.detail_text();
    if !detail.is_empty() {
        ui.add(egui::Label::new(detail).wrap());
    }
    if let Some(sha) = &e.attachment {
        ui.label(theme::hint(format!("file sha256 {}", sha.short(16))));
    }
    ui.label(
        RichText::new(format!("entry {}  hash {}", e.seq, e.hash.short(16)))
            .monospace()
            .small()
            .weak(),
    )
    .on_hover_text(format!(
        "This entry's hash: {}\nThe entry before: {}",
        e.hash, e.prev
    ));
}
