//! Possible duplicate persons, side by side, with Merge (keeps both histories, logged) and
//! "Not the same person" (never suggested again).

use eframe::egui::{self, RichText, Ui};

use super::{Command, theme};
use crate::model::Record;
use crate::t;
use crate::ui::session::Session;

/// How many pairs the view shows at once.
const SHOWN: usize = 200;

/// The pairs found, the most alike first, each with its decisions.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    session.find_duplicates(ui.ctx());
    let writable = session.cat.is_writable();
    ui.heading(t!("dups-heading"));
    ui.label(theme::hint(t!("dups-hint")));
    ui.separator();
    let finding = session.finding_duplicates();
    let Some((pairs, current)) = session.duplicates() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(t!("dups-looking"));
        });
        return;
    };
    let total = pairs.len();
    // The most alike first; a long list is shown in part (each pair is a large card).
    let pairs: Vec<_> = pairs.iter().take(SHOWN).cloned().collect();
    if !current && finding {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(theme::hint(t!("dups-looking-again")));
        });
    }
    if pairs.is_empty() {
        ui.label(t!("dups-none"));
        return;
    }
    if total > SHOWN {
        ui.label(theme::hint(t!("dups-shown", shown = SHOWN, total = total)));
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
    let n = i + 1;
    for (keep, other, left) in [(a, b, true), (b, a, false)] {
        let (hint, name) = if left {
            (t!("dups-keep-left"), t!("dups-merge-pair-left", n = n))
        } else {
            (t!("dups-keep-right"), t!("dups-merge-pair-right", n = n))
        };
        if ui
            .button(t!("dups-merge-into", name = keep.display_title()))
            .on_hover_text(hint)
            .accessible_name(name)
            .clicked()
        {
            commands.push(Command::ConfirmMerge {
                keep: keep.id,
                other: other.id,
            });
        }
    }
    if ui
        .button(t!("dups-not-same"))
        .accessible_name(t!("dups-pair-distinct", n = n))
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
        facts.push(t!("dups-born", date = b.to_string()));
    }
    if let Some(c) = p.category {
        facts.push(super::words::category(c).to_lowercase());
    }
    if !p.unit.is_empty() {
        facts.push(p.unit.clone());
    }
    if let Some(s) = p.status {
        facts.push(super::words::status(s).to_lowercase());
    }
    facts.push(t!("dups-entries", count = p.timeline.len()));
    ui.label(theme::hint(facts.join(", ")));
}
