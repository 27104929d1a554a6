//! Possible duplicate persons, side by side, with Merge (keeps both histories, logged) and
//! "Not the same person" (never suggested again).

use eframe::egui::{self, RichText, Ui};

use super::{Command, theme};
use crate::model::Record;
use crate::ui::session::Session;

/// How many pairs the view shows at once.
const SHOWN: usize = 200;

/// The pairs found, the most alike first, each with its decisions.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    session.find_duplicates(ui.ctx());
    let writable = session.cat.is_writable();
    ui.heading("Possible duplicates");
    ui.label(theme::hint(
        "Persons with the same name in any script (Armenian, Russian, Latin) and the same or a close \
         date of birth. Merging keeps every name, status entry, link and file of both; the duplicate \
         goes to the trash with its history, and the merge is logged.",
    ));
    ui.separator();
    let finding = session.finding_duplicates();
    let Some((pairs, current)) = session.duplicates() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Looking for possible duplicates among the persons...");
        });
        return;
    };
    let total = pairs.len();
    // The most alike first; a long list is shown in part (each pair is a large card).
    let pairs: Vec<_> = pairs.iter().take(SHOWN).cloned().collect();
    if !current && finding {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(theme::hint("The catalogue changed: looking again..."));
        });
    }
    if pairs.is_empty() {
        ui.label("No possible duplicates.");
        return;
    }
    if total > SHOWN {
        ui.label(theme::hint(format!(
            "The {SHOWN} most alike pairs of {total}. Merge or mark them to see the next."
        )));
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, pair) in pairs.iter().enumerate() {
                let (Some(a), Some(b)) = (session.cat.get(&pair.a), session.cat.get(&pair.b))
                else {
                    continue;
                };
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(&pair.reason).strong());
                    ui.columns(2, |cols| {
                        person_card(&mut cols[0], a, commands);
                        person_card(&mut cols[1], b, commands);
                    });
                    ui.add_enabled_ui(writable, |ui| {
                        ui.horizontal(|ui| decide(ui, i, a, b, commands));
                    });
                });
                ui.add_space(4.0);
            }
        });
}

/// Merge one way or the other, or mark the pair as different persons.
fn decide(ui: &mut Ui, i: usize, a: &Record, b: &Record, commands: &mut Vec<Command>) {
    for (keep, other, side) in [(a, b, "left"), (b, a, "right")] {
        let gone = if side == "left" { "right" } else { "left" };
        if ui
            .button(format!("Merge into '{}'", keep.display_title()))
            .on_hover_text(format!(
                "Keep the {side} record; the {gone} one goes to the trash"
            ))
            .accessible_name(format!("Merge pair {} into the {side}", i + 1))
            .clicked()
        {
            commands.push(Command::ConfirmMerge {
                keep: keep.id,
                other: other.id,
            });
        }
    }
    if ui
        .button("Not the same person")
        .accessible_name(format!("Pair {} are different persons", i + 1))
        .clicked()
    {
        commands.push(Command::MarkDistinct { a: a.id, b: b.id });
    }
}

fn person_card(ui: &mut Ui, r: &Record, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        theme::label_badge(ui, r.label);
        if ui.link(r.display_title()).clicked() {
            commands.push(Command::Select(Some(r.id)));
        }
    });
    let Some(p) = &r.person else { return };
    for n in &p.names {
        let lang = if n.lang.is_empty() {
            String::new()
        } else {
            format!(" ({})", n.lang)
        };
        ui.label(format!("{}{lang}", n.text));
    }
    let mut facts = Vec::new();
    if let Some(b) = p.birth {
        facts.push(format!("born {b}"));
    }
    if let Some(c) = p.category {
        facts.push(c.name().to_lowercase());
    }
    if !p.unit.is_empty() {
        facts.push(p.unit.clone());
    }
    if let Some(s) = p.status {
        facts.push(s.name().to_lowercase());
    }
    facts.push(format!("{} status entries", p.timeline.len()));
    ui.label(theme::hint(facts.join(", ")));
}
