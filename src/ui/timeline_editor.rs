//! A person's status timeline in the editor: a small chart of how the status changed, and a
//! table whose entries (date, status, evidence basis, verification, sources, note) can be
//! edited, added and removed. The latest entry is the current status.

use eframe::egui::{self, Color32, ComboBox, RichText, Sense, TextEdit, Ui};
use jiff::civil::Date;

use super::editor::Editor;
use super::{Command, theme, widgets, words};
use crate::model::{
    EvidenceBasis, Person, PersonStatus, RecordId, RecordKind, StatusEntry, Verification,
};
use crate::store::Catalogue;
use crate::t;

/// A colour for each status, the same in the chart and the statistics.
pub fn status_color(s: PersonStatus) -> Color32 {
    match s {
        PersonStatus::Missing => Color32::from_rgb(0xb0, 0x8d, 0x2b),
        PersonStatus::Captured => Color32::from_rgb(0xc0, 0x50, 0x30),
        PersonStatus::Returned => Color32::from_rgb(0x3c, 0x9a, 0x5f),
        PersonStatus::DiedInCustody => Color32::from_rgb(0x9b, 0x59, 0xa5),
        PersonStatus::Killed => Color32::from_rgb(0x8c, 0x8c, 0x8c),
        PersonStatus::Injured => Color32::from_rgb(0xd0, 0x80, 0x30),
        PersonStatus::FoundAlive => Color32::from_rgb(0x30, 0x80, 0xc0),
        PersonStatus::RemainsIdentified => Color32::from_rgb(0x80, 0x80, 0xa0),
    }
}

/// The timeline of the person being edited: now, the chart, each entry, and a way to add one.
pub fn show(ui: &mut Ui, editor: &mut Editor, cat: &Catalogue, commands: &mut Vec<Command>) {
    let me = editor.draft.id;
    // Records that may be a source: those this person links to, and those linking here.
    let mut candidates: Vec<RecordId> = editor.draft.links.iter().map(|l| l.target).collect();
    candidates.extend(
        cat.records()
            .iter()
            .filter(|r| r.kind != RecordKind::Person && r.links.iter().any(|l| l.target == me))
            .map(|r| r.id),
    );
    candidates.dedup();
    let Editor {
        draft,
        timeline_dates,
        ..
    } = editor;
    let p = draft.person.get_or_insert_with(Box::default);
    timeline_dates.sync(&p.timeline);

    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let mut in_order = p.clone();
        in_order.sort_timeline();
        now(ui, &in_order)
    });
    if !p.timeline.is_empty() {
        chart(ui, &p.timeline);
    }
    let mut remove = None;
    for (i, e) in p.timeline.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let (text, error) = &mut timeline_dates.texts[i];
            let sources = Sources {
                candidates: &candidates,
                cat,
            };
            entry(ui, i, e, (text, error), &sources, commands);
            if ui
                .small_button(t!("timeline-remove-entry"))
                .accessible_name(t!("timeline-remove-entry-n", n = i + 1))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        p.timeline.remove(i);
    }
    untimed_status(ui, p);
    if ui
        .button(t!("timeline-add"))
        .on_hover_text(t!("timeline-add-hint"))
        .clicked()
    {
        let mut entry = StatusEntry::new(p.status.unwrap_or(PersonStatus::Missing));
        entry.basis = p.basis;
        p.timeline.push(entry);
    }
    ui.label(theme::hint(t!("timeline-hint")));
    // The entries stay in the order shown while editing; the status is the latest by date.
    let mut in_order = p.clone();
    in_order.sort_timeline();
    p.status = in_order.status;
    p.basis = in_order.basis;
}

/// A status recorded before timelines (or by a script) goes into the timeline, the one
/// place a status is set.
fn untimed_status(ui: &mut Ui, p: &mut Person) {
    if p.timeline.is_empty()
        && let Some(status) = p.status
    {
        ui.label(theme::hint(t!(
            "timeline-untimed",
            status = words::status(status).to_lowercase()
        )));
        if ui.button(t!("timeline-put-in")).clicked() {
            let mut entry = StatusEntry::new(status);
            entry.basis = p.basis;
            p.timeline.push(entry);
        }
    }
}

/// The heading: the current status and its basis.
fn now(ui: &mut Ui, p: &Person) {
    ui.label(RichText::new(t!("timeline-heading")).strong());
    match p.current() {
        Some(c) => {
            ui.label(t!("timeline-now"));
            ui.label(
                RichText::new(words::status(c.status))
                    .strong()
                    .color(status_color(c.status)),
            );
            if let Some(b) = c.basis {
                ui.label(theme::hint(words::basis(b)));
            }
        }
        None => {
            ui.label(theme::hint(t!("timeline-none")));
        }
    }
}

/// The records an entry may name as its sources.
struct Sources<'a> {
    candidates: &'a [RecordId],
    cat: &'a Catalogue,
}

/// One entry's fields: date (as typed), status, basis, verification, sources and note.
fn entry(
    ui: &mut Ui,
    i: usize,
    e: &mut StatusEntry,
    (text, error): (&mut String, &mut Option<String>),
    candidates: &Sources,
    commands: &mut Vec<Command>,
) {
    let n = i + 1;
    egui::Grid::new(("timeline-entry", i))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let l = ui.label(t!("timeline-entry-date", n = n));
            widgets::fuzzy_date_field(
                ui,
                l.id,
                text,
                error,
                &mut e.date,
                "2020-10-20, 2020-10, or 2020?",
            );
            ui.end_row();
            let status_id = ("timeline-status", i);
            combo(
                ui,
                status_id,
                &t!("timeline-status"),
                n,
                &mut e.status,
                PersonStatus::ALL,
                words::status,
            );
            let mut basis = e.basis;
            let bases: Vec<Option<EvidenceBasis>> = std::iter::once(None)
                .chain(EvidenceBasis::ALL.iter().copied().map(Some))
                .collect();
            combo(
                ui,
                ("timeline-basis", i),
                &t!("timeline-basis"),
                n,
                &mut basis,
                &bases,
                |b| b.map_or_else(|| t!("field-not-set"), words::basis),
            );
            e.basis = basis;
            let verification_id = ("timeline-verification", i);
            combo(
                ui,
                verification_id,
                &t!("timeline-verification"),
                n,
                &mut e.verification,
                Verification::ALL,
                words::verification,
            );
            ui.label(t!("timeline-sources"));
            sources(ui, e, candidates.candidates, candidates.cat, commands, n);
            ui.end_row();
            let l = ui.label(t!("timeline-note"));
            ui.add(
                TextEdit::singleline(&mut e.note)
                    .hint_text(t!("timeline-note-hint"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id)
            .accessible_name(t!("timeline-note-of-entry", n = n));
            ui.end_row();
        });
}

/// A grid row: a label and a drop-down of `options`, named "<label> of entry <n>".
fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    n: usize,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> String,
) {
    let l = ui.label(label);
    ComboBox::from_id_salt(id)
        .selected_text(name(*value))
        .width(200.0)
        .show_ui(ui, |ui| {
            for option in options {
                ui.selectable_value(value, *option, name(*option));
            }
        })
        .response
        .labelled_by(l.id)
        .accessible_name(t!("timeline-of-entry", what = label, n = n));
    ui.end_row();
}

fn sources(
    ui: &mut Ui,
    e: &mut StatusEntry,
    candidates: &[RecordId],
    cat: &Catalogue,
    commands: &mut Vec<Command>,
    n: usize,
) {
    ui.vertical(|ui| {
        let mut remove = None;
        for (j, id) in e.sources.iter().enumerate() {
            ui.horizontal(|ui| {
                match cat.get(id) {
                    Some(r) => {
                        if ui.link(r.display_title()).clicked() {
                            commands.push(Command::Select(Some(*id)));
                        }
                    }
                    None => {
                        ui.label(theme::hint(t!("timeline-source-not-here", id = id.short())));
                    }
                }
                if ui
                    .small_button("x")
                    .accessible_name(t!("timeline-remove-source", j = j + 1, n = n))
                    .clicked()
                {
                    remove = Some(j);
                }
            });
        }
        if let Some(j) = remove {
            e.sources.remove(j);
        }
        let open: Vec<&RecordId> = candidates
            .iter()
            .filter(|c| !e.sources.contains(c))
            .collect();
        if open.is_empty() {
            if e.sources.is_empty() {
                ui.label(theme::hint(t!("timeline-link-to-cite")));
            }
            return;
        }
        let mut picked = None;
        ComboBox::from_id_salt(("timeline-add-source", n))
            .selected_text(t!("timeline-add-source"))
            .width(200.0)
            .show_ui(ui, |ui| {
                for id in open {
                    if let Some(r) = cat.get(id)
                        && ui
                            .selectable_label(
                                false,
                                format!("{}: {}", words::kind(r.kind), r.display_title()),
                            )
                            .clicked()
                    {
                        picked = Some(*id);
                    }
                }
            })
            .response
            .accessible_name(t!("timeline-add-source-to", n = n));
        if let Some(id) = picked {
            e.sources.push(id);
        }
    });
}

/// A strip from the first dated entry to today, each status in its colour.
fn chart(ui: &mut Ui, timeline: &[StatusEntry]) {
    let dated: Vec<(Date, PersonStatus)> = timeline
        .iter()
        .filter_map(|e| e.date.map(|d| (d.earliest(), e.status)))
        .collect();
    if dated.is_empty() {
        return;
    }
    let start = dated[0].0;
    let last = dated[dated.len() - 1].0;
    // The last status goes on: show it for a quarter of the span (at least a month) past
    // its start, not up to today, which would dwarf everything before it.
    let span = (last - start).get_days().max(0);
    let tail = i64::from((span / 4).max(30));
    let end = last
        .checked_add(jiff::Span::new().days(tail))
        .unwrap_or(last);
    let days = |d: Date| (d - start).get_days() as f32;
    let total = days(end).max(1.0);
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 34.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let bar = egui::Rect::from_min_size(rect.min, egui::vec2(width, 16.0));
    painter.rect_filled(bar, 3.0, ui.visuals().extreme_bg_color);
    let x = |d: Date| bar.left() + days(d) / total * bar.width();
    let mut hovered = None;
    for (i, (d, s)) in dated.iter().enumerate() {
        let next = dated.get(i + 1).map(|(n, _)| *n).unwrap_or(end);
        let until = if i + 1 == dated.len() {
            t!("timeline-chart-now")
        } else {
            next.to_string()
        };
        let seg = egui::Rect::from_min_max(
            egui::pos2(x(*d), bar.top()),
            egui::pos2(x(next).max(x(*d) + 3.0), bar.bottom()),
        );
        painter.rect_filled(seg, 0.0, status_color(*s));
        if let Some(pos) = response.hover_pos()
            && seg.contains(egui::pos2(pos.x, seg.center().y))
        {
            hovered = Some(t!(
                "timeline-chart-span",
                status = words::status(*s),
                from = d.to_string(),
                until = until.clone()
            ));
        }
    }
    let font = egui::FontId::proportional(10.0);
    let color = ui.visuals().weak_text_color();
    painter.text(
        egui::pos2(bar.left(), bar.bottom() + 2.0),
        egui::Align2::LEFT_TOP,
        start.to_string(),
        font.clone(),
        color,
    );
    painter.text(
        egui::pos2(bar.right(), bar.bottom() + 2.0),
        egui::Align2::RIGHT_TOP,
        format!("{last} onwards"),
        font,
        color,
    );
    if let Some(text) = hovered {
        response.on_hover_text(text);
    }
}
