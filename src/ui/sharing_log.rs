//! The sharing log (Sharing > Sharing log): what went to whom and when, from the audit
//! log's "disclosed" entries, by package or by record, filtered by recipient.

use std::collections::BTreeMap;

use crate::t;
use eframe::egui::{self, ComboBox, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::memo::Memo;
use crate::audit::{Action, AuditEntry};
use crate::model::RecordId;
use crate::store::Catalogue;

/// One disclosure: a record in a package.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    pub time: jiff::Timestamp,
    pub actor: String,
    pub recipient: String,
    pub package: String,
    pub record: Option<RecordId>,
}

#[derive(Debug, Default)]
pub struct SharingLogView {
    pub open: bool,
    pub recipient: Option<String>,
    pub by_record: bool,
    /// Every disclosure, for the log's length.
    disclosures: Memo<usize, Vec<Disclosure>>,
}

fn disclosure(e: &AuditEntry) -> Option<Disclosure> {
    (e.action == Action::Disclosed).then(|| Disclosure {
        time: e.time,
        actor: e.actor.clone(),
        recipient: e
            .details
            .get("recipient")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        package: e
            .details
            .get("package")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        record: e.record,
    })
}

impl SharingLogView {
    /// Lets go of the disclosures read from the log (the window is closed).
    pub fn forget(&mut self) {
        self.disclosures = Memo::default();
    }

    /// Every disclosure, newest first.
    pub fn disclosures(&mut self, log: &crate::audit::AuditLog) -> &[Disclosure] {
        self.disclosures.get(log.len(), |_| {
            let mut all: Vec<Disclosure> =
                log.with_entries(|entries| entries.iter().filter_map(disclosure).collect());
            all.reverse();
            all
        })
    }
}

/// The window, while it is open.
pub fn show(
    ctx: &egui::Context,
    cat: &Catalogue,
    view: &mut SharingLogView,
    commands: &mut Vec<Command>,
) {
    if !view.open {
        return;
    }
    let mut open = true;
    let all = view.disclosures(cat.audit()).to_vec();
    egui::Window::new(t!("sharing-title"))
        .id(egui::Id::unique("sharing-log"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([780.0, 460.0])
        .show(ctx, |ui| {
            choices(ui, view, &all);
            ui.separator();
            let shown: Vec<&Disclosure> = all
                .iter()
                .filter(|d| view.recipient.as_ref().is_none_or(|r| *r == d.recipient))
                .collect();
            if shown.is_empty() {
                ui.label(t!("sharing-nothing"));
            } else if view.by_record {
                by_record(ui, cat, &shown, commands);
            } else {
                by_package(ui, cat, &shown, commands);
            }
        });
    if !open {
        view.open = false;
    }
}

/// Which recipient, and by package or by record.
fn choices(ui: &mut Ui, view: &mut SharingLogView, all: &[Disclosure]) {
    let mut names: Vec<String> = all.iter().map(|d| d.recipient.clone()).collect();
    names.sort();
    names.dedup();
    ui.horizontal(|ui| {
        let l = ui.label(t!("sharing-recipient"));
        let chooser = ComboBox::from_id_salt("sharing-log-recipient")
            .selected_text(view.recipient.clone().unwrap_or_else(|| t!("sharing-all")))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.recipient, None, t!("sharing-all"));
                for n in &names {
                    ui.selectable_value(&mut view.recipient, Some(n.clone()), n);
                }
            })
            .response
            .labelled_by(l.id);
        if super::new_window::takes_keyboard(ui.ctx(), super::command::WindowKind::SharingLog) {
            chooser.request_focus();
        }
        ui.separator();
        ui.radio_value(&mut view.by_record, false, t!("sharing-by-package"));
        ui.radio_value(&mut view.by_record, true, t!("sharing-by-record"));
    });
}

/// A record's title as the log shows it (it may be in the trash, or gone).
fn title(cat: &Catalogue, id: Option<RecordId>) -> String {
    id.and_then(|id| cat.get(&id).or_else(|| cat.get_trashed(&id)))
        .map(|r| r.display_title().to_string())
        .unwrap_or_else(|| t!("sharing-deleted"))
}

/// A link to the record (selects it when clicked).
fn record_link(ui: &mut Ui, cat: &Catalogue, d: &Disclosure, commands: &mut Vec<Command>) {
    if ui.link(title(cat, d.record)).clicked()
        && let Some(id) = d.record
    {
        commands.push(Command::Select(Some(id)));
    }
}

/// One row per record sent: record, recipient, when, package.
fn by_record(ui: &mut Ui, cat: &Catalogue, shown: &[&Disclosure], commands: &mut Vec<Command>) {
    TableBuilder::new(ui)
        .id_salt("sharing-by-record")
        .striped(true)
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::exact(200.0).clip(true))
        .column(Column::exact(130.0))
        .column(Column::exact(110.0))
        .header(22.0, |mut h| {
            for t in [
                t!("sharing-record"),
                t!("sharing-recipient"),
                t!("sharing-when"),
                t!("sharing-package"),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(t).strong());
                });
            }
        })
        .body(|body| {
            body.rows(24.0, shown.len(), |mut row| {
                let d = shown[row.index()];
                row.col(|ui| record_link(ui, cat, d, commands));
                row.col(|ui| {
                    ui.label(&d.recipient);
                });
                row.col(|ui| {
                    ui.label(d.time.strftime("%Y-%m-%d %H:%M").to_string());
                });
                row.col(|ui| {
                    ui.label(&d.package[..d.package.len().min(13)])
                        .on_hover_text(&d.package);
                });
            });
        });
}

/// One entry per package, newest first, opening to its records.
fn by_package(ui: &mut Ui, cat: &Catalogue, shown: &[&Disclosure], commands: &mut Vec<Command>) {
    let mut packages: BTreeMap<&str, Vec<&Disclosure>> = BTreeMap::new();
    for d in shown {
        packages.entry(d.package.as_str()).or_default().push(d);
    }
    let mut packages: Vec<_> = packages.into_iter().collect();
    packages.sort_by_key(|(_, ds)| std::cmp::Reverse(ds[0].time));
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (package, ds) in packages {
            let first = ds[0];
            egui::CollapsingHeader::new(t!(
                "sharing-package-line",
                when = first.time.strftime("%Y-%m-%d %H:%M").to_string(),
                recipient = &first.recipient,
                count = ds.len(),
                who = &first.actor
            ))
            .id_salt(package)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(t!("sharing-package-id", id = package))
                        .small()
                        .weak(),
                );
                for d in ds {
                    record_link(ui, cat, d, commands);
                }
            });
        }
    });
}
