//! The left panel: record kinds with counts, facets that filter the list, and the trash.

use std::collections::{BTreeMap, BTreeSet};

use eframe::egui::{self, RichText, Ui};

use super::command::Place;
use super::session::Session;
use super::words;
use super::{Command, theme};
use crate::model::{
    ContentWarning, EvidenceBasis, Label, PersonCategory, PersonStatus, RecordKind, ReviewState,
    Verification,
};
use crate::search::Facets;
use crate::t;

/// Up to this many records, possible duplicates are counted as the catalogue changes.
const AUTO_DUPLICATES_UP_TO: usize = 20_000;

/// The panel: places, saved views, then the facets of the current list.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(4.0);
        kinds(ui, session, commands);
        places(ui, session, commands);
        ui.separator();
        views(ui, session, commands);
        ui.separator();
        let facets = session.facets().clone();
        person_facets(ui, session, &facets);
        date_range(ui, session);
        record_facets(ui, session, &facets);
        if !session.filter.is_empty() && ui.button(t!("facets-clear")).clicked() {
            session.filter = Default::default();
            session.range = Default::default();
        }
    });
}

/// The review queue, statistics, possible duplicates and the trash.
fn places(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    // Counted over every record: not until the last is read.
    let text = match session.cat.is_complete() {
        true => t!("facets-review-queue", count = session.queue_items().len()),
        false => t!("facets-review-queue-reading"),
    };
    let queue = ui.selectable_label(session.place == Place::ReviewQueue, text);
    if queue.clicked() {
        commands.push(Command::ShowPlace(Place::ReviewQueue));
    }
    if ui
        .selectable_label(session.place == Place::Statistics, t!("facets-statistics"))
        .on_hover_text(t!("facets-statistics-hint"))
        .clicked()
    {
        commands.push(Command::ShowPlace(Place::Statistics));
    }
    // Small catalogues keep their count of duplicates up to date; large ones look for
    // duplicates when the view is opened (it takes seconds at 100,000 records).
    let large = session.cat.live_count() > AUTO_DUPLICATES_UP_TO;
    if !large && session.cat.is_complete() {
        session.find_duplicates(ui.ctx());
    }
    let dups = session.duplicates().map(|(pairs, _)| pairs.len());
    if large || dups.is_some_and(|n| n > 0) || session.place == Place::Duplicates {
        let text = match dups {
            Some(n) => t!("facets-duplicates-count", count = n),
            None => t!("facets-duplicates"),
        };
        if ui
            .selectable_label(session.place == Place::Duplicates, text)
            .clicked()
        {
            commands.push(Command::ShowPlace(Place::Duplicates));
        }
    }
    let conflicts = session.cat.conflicted().len();
    if conflicts > 0 || session.place == Place::Conflicts {
        let text =
            RichText::new(t!("facets-conflicts", count = conflicts)).color(theme::warn_color(ui));
        if ui
            .selectable_label(session.place == Place::Conflicts, text)
            .clicked()
        {
            commands.push(Command::ShowPlace(Place::Conflicts));
        }
    }
    let in_trash = session.cat.trash().len();
    let trash = ui.selectable_label(
        session.place == Place::Trash,
        t!("facets-trash", count = in_trash),
    );
    if trash.clicked() {
        commands.push(Command::ShowPlace(Place::Trash));
    }
}

/// Status, evidence basis and category, when the list has persons (or one is chosen).
fn person_facets(ui: &mut Ui, session: &mut Session, facets: &Facets) {
    let has_persons = facets.kinds.contains_key(&RecordKind::Person);
    let f = &mut session.filter;
    if !(has_persons || !f.statuses.is_empty() || !f.bases.is_empty() || !f.categories.is_empty()) {
        return;
    }
    facet(
        ui,
        ("status", t!("facet-status")),
        PersonStatus::ALL,
        &facets.statuses,
        &mut f.statuses,
        |s| words::status(*s),
        None,
    );
    facet(
        ui,
        ("basis", t!("facet-basis")),
        EvidenceBasis::ALL,
        &facets.bases,
        &mut f.bases,
        |b| words::basis(*b),
        None,
    );
    facet(
        ui,
        ("category", t!("facet-category")),
        PersonCategory::ALL,
        &facets.categories,
        &mut f.categories,
        |c| words::category(*c),
        None,
    );
}

/// Label, content warning, verification, review and tags.
fn record_facets(ui: &mut Ui, session: &mut Session, facets: &Facets) {
    let f = &mut session.filter;
    facet(
        ui,
        ("label", t!("facet-label")),
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
        ("warning", t!("facet-warning")),
        ContentWarning::ALL,
        &facets.warnings,
        &mut f.warnings,
        |w| words::warning(*w),
        None,
    );
    facet(
        ui,
        ("verification", t!("facet-verification")),
        Verification::ALL,
        &facets.verification,
        &mut f.verification,
        |v| words::verification(*v),
        None,
    );
    facet(
        ui,
        ("review", t!("facet-review")),
        ReviewState::ALL,
        &facets.review,
        &mut f.review,
        |r| words::review(*r),
        None,
    );
    let tags: Vec<String> = facets.tags.keys().cloned().collect();
    if !tags.is_empty() {
        facet(
            ui,
            ("tags", t!("facet-tags")),
            &tags,
            &facets.tags,
            &mut f.tags,
            |t| t.clone(),
            None,
        );
    }
}

/// Saved views: click one to show its list; save the current filter as a new one.
fn views(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    ui.label(RichText::new(t!("views-heading")).strong());
    let names: Vec<String> = session.cat.views().iter().map(|v| v.name.clone()).collect();
    if names.is_empty() {
        ui.label(theme::hint(t!("views-empty")));
    }
    for name in names {
        let active = session.place == Place::Records
            && session
                .cat
                .view(&name)
                .is_some_and(|v| v.filter == session.filter);
        let r = ui
            .add(egui::Button::selectable(active, name.as_str()).truncate())
            .on_hover_text(name.as_str());
        if r.clicked() {
            session.apply_view(&name);
            if session.place != Place::Records && session.place != Place::Statistics {
                commands.push(Command::ShowPlace(Place::Records));
            }
        }
        r.context_menu(|ui| view_menu(ui, session, (&name, active), commands));
        rename_view(ui, session, &name, commands);
    }
    if !session.cat.is_writable() {
        return;
    }
    match &mut session.new_view {
        None => {
            if !session.filter.is_empty() && ui.button(t!("views-save-as")).clicked() {
                session.new_view = Some(String::new());
                ui.memory_mut(|m| m.request_focus(egui::Id::unique("new-view-name")));
            }
        }
        Some(name) => {
            let r = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .id(egui::Id::unique("new-view-name"))
                        .hint_text(t!("views-name"))
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(t!("views-name"));
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = !name.trim().is_empty();
            let (save, cancel) = ui
                .horizontal(|ui| {
                    (
                        ui.add_enabled(ok, egui::Button::new(t!("views-save")))
                            .clicked(),
                        ui.button(t!("views-cancel")).clicked(),
                    )
                })
                .inner;
            if (save || enter) && ok {
                commands.push(Command::SaveView(name.trim().to_string()));
                session.new_view = None;
            } else if cancel {
                session.new_view = None;
            }
        }
    }
}

/// A saved view's menu (right-click): update it to the current filters, rename, remove.
fn view_menu(
    ui: &mut Ui,
    session: &mut Session,
    (name, active): (&str, bool),
    commands: &mut Vec<Command>,
) {
    ui.add_enabled_ui(session.cat.is_writable(), |ui| {
        if ui
            .add_enabled(!active, egui::Button::new(t!("views-update")))
            .clicked()
        {
            commands.push(Command::SaveView(name.to_string()));
            ui.close();
        }
        if ui.button(t!("views-rename")).clicked() {
            session.renaming_view = Some((name.to_string(), name.to_string()));
            ui.close();
        }
        if ui.button(t!("views-remove")).clicked() {
            commands.push(Command::RemoveView(name.to_string()));
            ui.close();
        }
    });
}

/// The new name of a view being renamed, under it.
fn rename_view(ui: &mut Ui, session: &mut Session, name: &str, commands: &mut Vec<Command>) {
    let Some((from, to)) = &mut session.renaming_view else {
        return;
    };
    if from != name {
        return;
    }
    let r = ui
        .add(egui::TextEdit::singleline(to).desired_width(f32::INFINITY))
        .accessible_name(t!("views-new-name"));
    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let ok = !to.trim().is_empty() && to.trim() != from;
    let (rename, cancel) = ui
        .horizontal(|ui| {
            (
                ui.add_enabled(ok, egui::Button::new(t!("views-rename-save")))
                    .clicked(),
                ui.button(t!("views-cancel")).clicked(),
            )
        })
        .inner;
    if (rename || enter) && ok {
        commands.push(Command::RenameView {
            from: from.clone(),
            to: to.trim().to_string(),
        });
        session.renaming_view = None;
    } else if cancel {
        session.renaming_view = None;
    }
}

/// From and until days (persons by the date of their current status).
fn date_range(ui: &mut Ui, session: &mut Session) {
    let set = session.filter.from.is_some() || session.filter.until.is_some();
    let header = if set {
        RichText::new(t!("facet-dates-set")).strong()
    } else {
        RichText::new(t!("facet-dates"))
    };
    egui::CollapsingHeader::new(header)
        .id_salt("Dates")
        .default_open(set)
        .show(ui, |ui| {
            let range = &mut session.range;
            let mut changed = false;
            egui::Grid::new("date-range").num_columns(2).show(ui, |ui| {
                let l = ui.label(t!("facet-from"));
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut range.from)
                            .hint_text("2020-09-27")
                            .desired_width(100.0),
                    )
                    .labelled_by(l.id)
                    .changed();
                ui.end_row();
                let l = ui.label(t!("facet-until"));
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut range.until)
                            .hint_text("2020-11-09")
                            .desired_width(100.0),
                    )
                    .labelled_by(l.id)
                    .changed();
                ui.end_row();
            });
            if changed {
                match (
                    super::widgets::parse_day(&range.from),
                    super::widgets::parse_day(&range.until),
                ) {
                    (Ok(from), Ok(until)) => {
                        session.filter.from = from;
                        session.filter.until = until;
                        range.error = None;
                    }
                    (Err(e), _) | (_, Err(e)) => range.error = Some(e),
                }
            }
            if let Some(e) = &session.range.error {
                ui.label(RichText::new(e).small().color(theme::error_color(ui)));
            }
            ui.label(theme::hint(t!("facet-dates-persons")));
        });
}

fn kinds(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    let counts = session.facets().kinds.clone();
    let total: usize = counts.values().sum();
    let all_selected = session.filter.kinds.is_empty() && session.place == Place::Records;
    if ui
        .selectable_label(
            all_selected,
            RichText::new(t!("facets-all", count = total)).strong(),
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
        let text = t!("facets-kind-count", kind = words::kinds(*kind), count = n);
        if ui.selectable_label(selected, text).clicked() {
            session.filter.kinds = [*kind].into();
            if session.place != Place::Records {
                commands.push(Command::ShowPlace(Place::Records));
            }
        }
    }
}

/// Facets that start folded, so the label facet stays in view on small screens.
const CLOSED_AT_FIRST: &[&str] = &["tags", "status", "basis", "category"];

type Badge<T> = Option<fn(&mut Ui, &T)>;

/// One facet: a checkbox per value, with how many records have it. Values with a badge
/// (the TLP labels) show it beside an unlabelled box named for screen readers.
fn facet<T: Ord + Clone>(
    ui: &mut Ui,
    (id, title): (&str, String),
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
        .id_salt(id)
        .default_open(!CLOSED_AT_FIRST.contains(&id))
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
