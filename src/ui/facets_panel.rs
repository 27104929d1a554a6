//! The left panel: record kinds with counts, facets that filter the list, and the trash.

use std::collections::{BTreeMap, BTreeSet};

use eframe::egui::{self, RichText, Ui};

use super::session::{Place, Session};
use super::{Command, theme};
use crate::model::{ContentWarning, Label, RecordKind, ReviewState, Verification};

pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(4.0);
        kinds(ui, session, commands);
        let waiting = session.queue_items().len();
        let queue = ui.selectable_label(
            session.place == Place::ReviewQueue,
            format!("Review queue ({waiting})"),
        );
        if queue.clicked() {
            commands.push(Command::ShowPlace(Place::ReviewQueue));
        }
        ui.separator();
        let facets = session.facets().clone();
        let f = &mut session.filter;
        facet(
            ui,
            "Label",
            Label::ALL.as_slice(),
            &facets.labels,
            &mut f.labels,
            |l| l.as_str().to_string(),
            Some(|ui: &mut Ui, l: &Label| {
                theme::label_badge(ui, *l);
            }),
        );
        facet(
            ui,
            "Content warning",
            ContentWarning::ALL,
            &facets.warnings,
            &mut f.warnings,
            |w| w.name().to_string(),
            None,
        );
        facet(
            ui,
            "Verification",
            Verification::ALL,
            &facets.verification,
            &mut f.verification,
            |v| v.name().to_string(),
            None,
        );
        facet(
            ui,
            "Review",
            ReviewState::ALL,
            &facets.review,
            &mut f.review,
            |r| r.name().to_string(),
            None,
        );
        let tags: Vec<String> = facets.tags.keys().cloned().collect();
        if !tags.is_empty() {
            facet(
                ui,
                "Tags",
                &tags,
                &facets.tags,
                &mut f.tags,
                |t| t.clone(),
                None,
            );
        }
        if !session.filter.is_empty() && ui.button("Clear filters").clicked() {
            session.filter = Default::default();
        }
        ui.separator();
        let in_trash = session.cat.trash().len();
        let trash =
            ui.selectable_label(session.place == Place::Trash, format!("Trash ({in_trash})"));
        if trash.clicked() {
            commands.push(Command::ShowPlace(Place::Trash));
        }
    });
}

fn kinds(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    let counts = session.facets().kinds.clone();
    let total: usize = counts.values().sum();
    let all_selected = session.filter.kinds.is_empty() && session.place == Place::Records;
    if ui
        .selectable_label(
            all_selected,
            RichText::new(format!("All records ({total})")).strong(),
        )
        .clicked()
    {
        session.filter.kinds.clear();
        if session.place != Place::Records {
            commands.push(Command::ShowPlace(Place::Records));
        }
    }
    for kind in RecordKind::ALL {
        let n = counts.get(kind).copied().unwrap_or(0);
        let selected = session.place == Place::Records
            && session.filter.kinds.len() == 1
            && session.filter.kinds.contains(kind);
        let text = format!("{} ({n})", plural(*kind));
        if ui.selectable_label(selected, text).clicked() {
            session.filter.kinds = [*kind].into();
            if session.place != Place::Records {
                commands.push(Command::ShowPlace(Place::Records));
            }
        }
    }
}

pub fn plural(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Report => "Reports",
        RecordKind::Statement => "Statements",
        RecordKind::Media => "Media",
        RecordKind::Person => "Persons",
        RecordKind::Incident => "Incidents",
    }
}

type Badge<T> = Option<fn(&mut Ui, &T)>;

/// One facet: a checkbox per value, with how many records have it. Values with a badge
/// (the TLP labels) show it beside an unlabelled box named for screen readers.
fn facet<T: Ord + Clone>(
    ui: &mut Ui,
    title: &str,
    values: &[T],
    counts: &BTreeMap<T, usize>,
    chosen: &mut BTreeSet<T>,
    name: impl Fn(&T) -> String,
    badge: Badge<T>,
) {
    let header = if chosen.is_empty() {
        RichText::new(title)
    } else {
        RichText::new(format!("{title} ({})", chosen.len())).strong()
    };
    egui::CollapsingHeader::new(header)
        .id_salt(title)
        .default_open(title != "Tags")
        .show(ui, |ui| {
            for value in values {
                let n = counts.get(value).copied().unwrap_or(0);
                let mut on = chosen.contains(value);
                ui.horizontal(|ui| {
                    let check = match badge {
                        Some(draw) => {
                            let check = ui.checkbox(&mut on, "").accessible_name(name(value));
                            draw(ui, value);
                            check
                        }
                        None => ui.checkbox(&mut on, name(value)),
                    };
                    ui.label(theme::hint(n.to_string()));
                    if check.changed() {
                        if on {
                            chosen.insert(value.clone());
                        } else {
                            chosen.remove(value);
                        }
                    }
                });
            }
        });
}
