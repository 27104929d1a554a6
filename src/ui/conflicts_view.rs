//! The centre when Conflicts is chosen: fields two desktops changed differently before a
//! sync. For each, both values with who last changed each side: keep this desktop's,
//! take the other's, or write a combined one. Each choice is logged; a record leaves
//! the list (and may be shared again) when its last conflict is settled.

use eframe::egui::{self, RichText, ScrollArea, TextEdit, Ui};
use serde_json::Value;

use super::session::Session;
use super::{Command, theme};
use crate::model::{FieldConflict, Record};
use crate::t;

/// The records in conflict, each with its fields.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading(t!("conflicts-heading"));
        ui.label(theme::hint(t!("conflicts-hint")));
    });
    ui.separator();
    let writable = session.cat.is_writable();
    let records: Vec<Record> = session.cat.conflicted().into_iter().cloned().collect();
    if records.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.label(t!("conflicts-none"));
        });
        return;
    }
    ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            for r in &records {
                ui.add_space(6.0);
                if ui
                    .link(RichText::new(crate::text::one_line(r.display_title())).strong())
                    .clicked()
                {
                    commands.push(Command::ShowPlace(super::command::Place::Records));
                    commands.push(Command::Select(Some(r.id)));
                }
                for c in &r.conflicts {
                    conflict(ui, r, c, writable, commands);
                }
                ui.separator();
            }
        });
}

/// A value as a person reads it: text as it is, anything else as compact JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => crate::text::one_line(s).into_owned(),
        Value::Null => t!("conflicts-nothing"),
        other => crate::text::one_line(&other.to_string()).into_owned(),
    }
}

fn conflict(
    ui: &mut Ui,
    r: &Record,
    c: &FieldConflict,
    writable: bool,
    commands: &mut Vec<Command>,
) {
    let choose = |value: Value| Command::ResolveConflict {
        id: r.id,
        field: c.field.clone(),
        value,
    };
    egui::Grid::new(("conflict", r.id, &c.field))
        .num_columns(3)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new(crate::text::one_line(&c.field)).monospace());
            ui.end_row();
            ui.label(t!(
                "conflicts-ours",
                by = crate::text::one_line(&c.ours_by).into_owned()
            ));
            ui.label(shown(&c.ours));
            if ui
                .add_enabled(writable, egui::Button::new(t!("conflicts-keep")))
                .clicked()
            {
                commands.push(choose(c.ours.clone()));
            }
            ui.end_row();
            ui.label(t!(
                "conflicts-theirs",
                by = crate::text::one_line(&c.theirs_by).into_owned()
            ));
            ui.label(shown(&c.theirs));
            if ui
                .add_enabled(writable, egui::Button::new(t!("conflicts-take")))
                .clicked()
            {
                commands.push(choose(c.theirs.clone()));
            }
            ui.end_row();
            if let (Some(o), Some(t)) = (c.ours.as_str(), c.theirs.as_str()) {
                let id = ui.scope_id().with(("combined", r.id, &c.field));
                let mut text: String = ui
                    .data_mut(|d| d.get_temp(id))
                    .unwrap_or_else(|| format!("{o} / {t}"));
                let label = ui.label(t!("conflicts-combined"));
                ui.add(TextEdit::singleline(&mut text).desired_width(360.0))
                    .labelled_by(label.id);
                if ui
                    .add_enabled(writable, egui::Button::new(t!("conflicts-use")))
                    .clicked()
                {
                    commands.push(choose(Value::String(text.clone())));
                }
                ui.data_mut(|d| d.insert_temp(id, text));
                ui.end_row();
            }
        });
}
