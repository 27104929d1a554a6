//! The share wizard (Sharing > Share with a recipient...): choose the recipient and what to
//! consider, see what goes in and what is held back with the reason for each, then export a
//! `.zip` or a folder in the background with a progress bar.

use eframe::egui::{self, Align, ComboBox, RichText, Ui};

use super::command::WindowKind;
use super::memo::Memo;
use super::session::Session;
use super::task::Task;
use super::words;
use super::{Command, theme};
use crate::media::human_size;
use crate::model::RecordId;
use crate::search::Filter;
use crate::share::{self, PackageSummary, SharePlan};
use crate::t;

/// Which records the package is made from (before the rules hold some back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// The records the list shows (the current search and filters).
    Listed,
    Selected,
}

type PlanKey = (u64, String, Scope, Filter, Option<RecordId>, Option<bool>);

pub struct ShareWizard {
    pub recipient: Option<String>,
    pub scope: Scope,
    pub zip: bool,
    /// The zip goes encrypted (AES-256, under a passphrase Dossier makes).
    pub encrypt: bool,
    /// The passphrase of the package being written or last written, shown until the
    /// wizard closes (wiped from memory then).
    pub passphrase: Option<zeroize::Zeroizing<String>>,
    /// The reviewer's choice about embedded metadata for this package (`None`: the
    /// recipient's default).
    pub keep_metadata: Option<bool>,
    /// The last export's outcome, shown until the next.
    pub result: Option<Result<PackageSummary, String>>,
    plan: Memo<PlanKey, SharePlan>,
}

impl Default for ShareWizard {
    fn default() -> Self {
        ShareWizard {
            recipient: None,
            scope: Scope::All,
            zip: true,
            encrypt: true,
            passphrase: None,
            keep_metadata: None,
            result: None,
            plan: Memo::default(),
        }
    }
}

impl ShareWizard {
    /// The plan for the current choices (recomputed only when they or the catalogue change).
    pub fn plan(&mut self, session: &mut Session) -> Option<&SharePlan> {
        let name = self.recipient.clone()?;
        let recipient = session.cat.recipient(&name)?.clone();
        let key: PlanKey = (
            session.cat.generation(),
            name,
            self.scope,
            session.filter.clone(),
            session.selected,
            self.keep_metadata,
        );
        let plan = self
            .plan
            .get(key, |(_, _, scope, _, selected, keep_metadata)| {
                let ids: Option<Vec<RecordId>> = match scope {
                    Scope::All => None,
                    Scope::Listed => Some(session.results_now().to_vec()),
                    Scope::Selected => Some(selected.iter().copied().collect()),
                };
                let options = share::PlanOptions {
                    keep_metadata: *keep_metadata,
                };
                share::plan_with(&session.cat, &recipient, ids.as_deref(), options)
            });
        Some(plan)
    }
}

pub fn show(
    ctx: &egui::Context,
    wizard: &mut Option<ShareWizard>,
    session: &mut Session,
    task: Option<&Task<PackageSummary>>,
    commands: &mut Vec<Command>,
) {
    let Some(w) = wizard else { return };
    let mut open = true;
    egui::Window::new(t!("share-title"))
        .id(egui::Id::unique("share-wizard"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([780.0, 600.0])
        .show(ctx, |ui| body(ui, w, session, task, commands));
    if !open && task.is_none() {
        *wizard = None;
    }
}

fn body(
    ui: &mut Ui,
    w: &mut ShareWizard,
    session: &mut Session,
    task: Option<&Task<PackageSummary>>,
    commands: &mut Vec<Command>,
) {
    let recipients = session.cat.recipients().to_vec();
    if recipients.is_empty() {
        ui.label(t!("share-no-recipients"));
        if ui.button(t!("share-recipients")).clicked() {
            commands.push(Command::ShowRecipients);
        }
        return;
    }
    egui::Grid::new("share-choices")
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let l = ui.label(t!("share-recipient"));
            ui.horizontal(|ui| {
                let chooser = ComboBox::from_id_salt("share-recipient")
                    .selected_text(w.recipient.clone().unwrap_or_else(|| t!("share-choose")))
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for r in &recipients {
                            ui.selectable_value(
                                &mut w.recipient,
                                Some(r.name.clone()),
                                format!("{}  ({})", r.name, super::words::recipient_kind(r.kind)),
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if super::new_window::takes_keyboard(ui.ctx(), WindowKind::ShareWizard) {
                    chooser.request_focus();
                }
                if let Some(r) = w.recipient.as_ref().and_then(|n| session.cat.recipient(n)) {
                    ui.label(t!("share-may-receive"));
                    theme::label_badge(ui, r.max_label);
                }
            });
            ui.end_row();
            ui.label(t!("share-consider"));
            ui.horizontal(|ui| {
                ui.radio_value(&mut w.scope, Scope::All, t!("share-every-record"));
                let listed = session.results_now().len();
                ui.radio_value(
                    &mut w.scope,
                    Scope::Listed,
                    t!("share-listed", count = listed),
                )
                .on_hover_text(t!("share-listed-hint"));
                ui.add_enabled_ui(session.selected.is_some(), |ui| {
                    ui.radio_value(&mut w.scope, Scope::Selected, t!("share-selected"));
                });
            });
            ui.end_row();
            if let Some(r) = w.recipient.as_ref().and_then(|n| session.cat.recipient(n)) {
                metadata_row(ui, w, r);
                ui.label(t!("share-sent-as"));
                let sender = if r.name_sender {
                    t!("share-sent-as-you")
                } else {
                    t!("share-sent-as-office", office = session.cat.office_name())
                };
                ui.label(sender);
                ui.end_row();
            }
        });
    ui.separator();
    let Some(plan) = w.plan(session).cloned() else {
        ui.label(theme::hint(t!("share-choose-first")));
        return;
    };
    preview(ui, &plan, session);
    ui.separator();
    export_row(ui, w, &plan, session, task, commands);
}

/// The reviewer's choice about embedded metadata: the recipient's default, or deliberately
/// otherwise (logged with the package).
fn metadata_row(ui: &mut Ui, w: &mut ShareWizard, recipient: &crate::model::Recipient) {
    let by_default = share::strips_by_default(recipient);
    let mut strip = w.keep_metadata.map_or(by_default, |keep| !keep);
    let l = ui.label(t!("share-files"));
    ui.vertical(|ui| {
        ui.checkbox(&mut strip, t!("share-strip")).labelled_by(l.id);
        let hint = match (strip, strip == by_default) {
            (true, true) => t!("share-strip-default"),
            (false, true) => t!("share-keep-default"),
            (true, false) => t!("share-strip-chosen"),
            (false, false) => t!("share-keep-chosen"),
        };
        ui.label(theme::hint(hint));
    });
    ui.end_row();
    w.keep_metadata = (strip != by_default).then_some(!strip);
}

/// What goes in and what is held back, with the reasons, before anything is written.
fn preview(ui: &mut Ui, plan: &SharePlan, session: &Session) {
    ui.horizontal(|ui| {
        let (records, files) = (plan.included.len(), plan.attachment_count());
        ui.label(RichText::new(t!("share-goes-in", records = records, files = files)).strong());
        ui.label("·");
        let (records, files) = (plan.held.len(), plan.held_attachment_count());
        ui.label(t!("share-held", records = records, files = files));
    });
    ui.label(theme::hint(t!("share-rule")));
    if plan.includes_persons() {
        ui.label(theme::hint(t!(
            "share-persons",
            shared = share::PERSON_FIELDS_SHARED.join("; "),
            kept = share::PERSON_FIELDS_KEPT.join("; ")
        )));
    }
    let height = (ui.available_height() - 90.0).max(160.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::CollapsingHeader::new(t!("share-goes-in-list", count = plan.included.len()))
                .id_salt("goes-in")
                .default_open(true)
                .show(ui, |ui| {
                    if plan.included.is_empty() {
                        ui.label(theme::hint(t!("share-nothing")));
                    }
                    for inc in &plan.included {
                        included(ui, inc, session);
                    }
                });
            egui::CollapsingHeader::new(t!("share-held-list", count = plan.held.len()))
                .id_salt("held-back")
                .default_open(true)
                .show(ui, |ui| {
                    for h in &plan.held {
                        ui.horizontal(|ui| {
                            theme::label_badge(ui, h.label);
                            ui.label(&h.title);
                            ui.label(
                                RichText::new(format!("— {}", words::hold_reason(&h.reason)))
                                    .color(theme::warn_color(ui)),
                            );
                        });
                    }
                });
        });
}

/// One record that goes in: its files held back, private notes, dropped links, and the
/// embedded metadata of each file (in the warning colour when it goes out).
fn included(ui: &mut Ui, inc: &share::IncludedRecord, session: &Session) {
    ui.horizontal(|ui| {
        theme::label_badge(ui, inc.label);
        ui.label(&inc.title);
        ui.label(theme::hint(super::words::kind(inc.kind)));
    });
    let record = session.cat.get(&inc.id);
    let file = |i: usize| {
        record
            .and_then(|r| r.attachments.get(i))
            .map(|a| a.name.as_str())
            .map_or_else(|| t!("share-file"), str::to_string)
    };
    let mut notes = Vec::new();
    if !inc.attachments.is_empty() {
        notes.push(t!("share-files-go", count = inc.attachments.len()));
    }
    for (i, reason) in &inc.held_attachments {
        notes.push(t!(
            "share-file-held",
            name = file(*i),
            reason = words::hold_reason(reason)
        ));
    }
    if inc.private_notes_held {
        notes.push(t!("share-private-stay"));
    }
    if inc.links_dropped > 0 {
        notes.push(t!("share-links-dropped", count = inc.links_dropped));
    }
    let metadata: Vec<(String, bool)> = inc
        .metadata
        .iter()
        .map(|m| {
            // What goes out with a file is worth a reviewer's eye.
            let goes = !m.stripped && (!m.found.is_empty() || m.unknown);
            (
                format!("file {}: {}", file(m.attachment), m.describe()),
                goes,
            )
        })
        .collect();
    if notes.is_empty() && metadata.is_empty() {
        return;
    }
    ui.indent(inc.id, |ui| {
        if !notes.is_empty() {
            ui.label(theme::hint(notes.join("; ")));
        }
        for (line, goes) in &metadata {
            if *goes {
                ui.label(RichText::new(line).small().color(theme::warn_color(ui)));
            } else {
                ui.label(theme::hint(line));
            }
        }
    });
}

/// The passphrase of an encrypted package, to give the recipient another way.
fn package_passphrase(ui: &mut Ui, passphrase: &str) {
    ui.label(t!("share-passphrase-explain"));
    ui.horizontal(|ui| {
        ui.label(RichText::new(passphrase).monospace().size(16.0));
        if ui.button(t!("recovery-copy")).clicked() {
            ui.ctx().copy_text(passphrase.to_string());
        }
    });
}

fn export_row(
    ui: &mut Ui,
    w: &mut ShareWizard,
    plan: &SharePlan,
    session: &Session,
    task: Option<&Task<PackageSummary>>,
    commands: &mut Vec<Command>,
) {
    if let Some(task) = task {
        ui.horizontal(|ui| {
            let bar = egui::ProgressBar::new(task.progress.fraction().unwrap_or(0.0))
                .show_percentage()
                .text(t!("share-writing"));
            ui.add_sized([420.0, 18.0], bar);
            if ui.button(t!("share-cancel")).clicked() {
                commands.push(Command::CancelShare);
            }
        });
        return;
    }
    ui.horizontal(|ui| {
        ui.label(t!("share-save-as"));
        ui.radio_value(&mut w.zip, true, t!("share-zip"));
        ui.radio_value(&mut w.zip, false, t!("share-folder"));
        ui.add_enabled(
            w.zip,
            egui::Checkbox::new(&mut w.encrypt, t!("share-encrypt")),
        )
        .on_hover_text(t!("share-encrypt-hint"))
        .on_disabled_hover_text(t!("share-encrypt-zip-only"));
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            let can = session.cat.is_writable() && !plan.included.is_empty();
            let why = if !session.cat.is_writable() {
                t!("share-read-only")
            } else {
                t!("share-nothing-may-go")
            };
            if ui
                .add_enabled(can, egui::Button::new(t!("share-export")))
                .on_disabled_hover_text(why)
                .clicked()
            {
                commands.push(Command::ChooseShareDestination);
            }
        });
    });
    match &w.result {
        Some(Ok(s)) => {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(t!(
                        "share-written",
                        path = s.path.display().to_string(),
                        records = s.records,
                        size = human_size(s.bytes)
                    ))
                    .color(theme::verification_color(
                        ui,
                        crate::model::Verification::Verified,
                    )),
                );
                if ui.button(t!("share-show-folder")).clicked() {
                    let folder = s.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
                    let _ = open::that_detached(folder);
                }
            });
            if let Some(passphrase) = &w.passphrase {
                package_passphrase(ui, passphrase);
            }
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(theme::error_color(ui)));
        }
        None => {}
    }
}
