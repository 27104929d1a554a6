//! View > Problems: what opening found and repaired, records changed outside Dossier that
//! wait for a decision (accept the change for review, or restore the logged version from
//! a copy), and files that could not be read (listed, never changed).

use eframe::egui::{self, RichText, Ui};

use super::session::Session;
use super::{Command, theme};
use crate::store::OutsideChange;
use crate::t;

pub fn show(ctx: &egui::Context, session: &Session, open: &mut bool, commands: &mut Vec<Command>) {
    egui::Window::new(t!("problems-title"))
        .id(egui::Id::unique("problems"))
        .open(open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_width(680.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let cat = &session.cat;
            let nothing = cat.problems().is_empty()
                && cat.outside_changes().is_empty()
                && cat.opening_report().is_empty();
            if nothing {
                ui.label(t!("problems-none"));
                return;
            }
            egui::ScrollArea::vertical()
                .max_height(460.0)
                .show(ui, |ui| {
                    outside_changes(ui, session, commands);
                    found_on_opening(ui, session);
                    unreadable(ui, session);
                });
            let copy = ui.button(t!("problems-copy"));
            if super::new_window::takes_keyboard(ui.ctx(), super::command::WindowKind::Problems) {
                copy.request_focus();
            }
            if copy.clicked() {
                ui.ctx().copy_text(as_text(session));
            }
        });
}

fn outside_changes(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    let changes = session.cat.outside_changes();
    if changes.is_empty() {
        return;
    }
    ui.label(RichText::new(t!("problems-outside", count = changes.len())).strong());
    ui.label(theme::hint(t!("problems-outside-hint")));
    let writable = session.cat.is_writable();
    for change in &changes {
        change_row(ui, session, change, writable, commands);
    }
    if changes.len() > 1
        && ui
            .add_enabled(writable, egui::Button::new(t!("problems-accept-all")))
            .clicked()
    {
        commands.push(Command::AcceptOutsideChanges(
            changes.iter().map(|c| c.record).collect(),
        ));
    }
    ui.add_space(8.0);
}

fn change_row(
    ui: &mut Ui,
    session: &Session,
    change: &OutsideChange,
    writable: bool,
    commands: &mut Vec<Command>,
) {
    let cat = &session.cat;
    let record = cat
        .get(&change.record)
        .or_else(|| cat.get_trashed(&change.record));
    let unreadable = t!("problems-unreadable-record");
    let title = record.map_or(unreadable.as_str(), |r| r.display_title());
    ui.horizontal_wrapped(|ui| {
        if let Some(r) = record {
            theme::label_badge(ui, r.label);
        }
        if ui.link(title).clicked() {
            commands.push(Command::Select(Some(change.record)));
        }
    });
    let dir = if cat.get(&change.record).is_some() {
        crate::store::RECORDS_DIR
    } else {
        crate::store::TRASH_DIR
    };
    ui.label(
        RichText::new(change.describe(&format!("{dir}/{}.json", change.record)))
            .color(theme::warn_color(ui)),
    );
    ui.horizontal(|ui| {
        if ui
            .add_enabled(writable, egui::Button::new(t!("outside-accept")))
            .on_hover_text(t!("problems-accept-hint"))
            .clicked()
        {
            commands.push(Command::AcceptOutsideChanges(vec![change.record]));
        }
        let can_restore = writable && change.previous.is_some();
        if ui
            .add_enabled(can_restore, egui::Button::new(t!("outside-restore")))
            .on_hover_text(t!("problems-restore-hint"))
            .on_disabled_hover_text(t!("outside-no-version"))
            .clicked()
        {
            commands.push(Command::ChooseLoggedVersion(change.record));
        }
    });
    ui.add_space(4.0);
}

fn found_on_opening(ui: &mut Ui, session: &Session) {
    let report = session.cat.opening_report();
    if report.is_empty() {
        return;
    }
    ui.label(RichText::new(t!("problems-opening")).strong());
    for line in report {
        ui.label(theme::hint(line));
    }
    ui.add_space(8.0);
}

fn unreadable(ui: &mut Ui, session: &Session) {
    let problems = session.cat.problems();
    if problems.is_empty() {
        return;
    }
    ui.label(RichText::new(t!("problems-unreadable")).strong());
    ui.label(theme::hint(t!("problems-unreadable-hint")));
    for p in problems {
        ui.label(RichText::new(p.path.display().to_string()).monospace());
        let at = p
            .line
            .map(|l| t!("problems-line", line = l))
            .unwrap_or_default();
        ui.label(RichText::new(format!("{at}{}", p.reason)).color(theme::warn_color(ui)));
        ui.add_space(4.0);
    }
}

fn as_text(session: &Session) -> String {
    let cat = &session.cat;
    let mut lines: Vec<String> = Vec::new();
    for c in cat.outside_changes() {
        lines.push(c.describe(&format!("{}.json", c.record)));
    }
    lines.extend(cat.opening_report().iter().cloned());
    lines.extend(cat.problems().iter().map(|p| p.to_string()));
    lines.join("\n")
}
