//! The Statistics panel: the figures for the list the left panel chooses (persons by status,
//! evidence basis and category, and a weekly plot of status changes and incidents). Every
//! count is the length of a list: clicking it shows that list.

use eframe::egui::{self, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::command::Place;
use super::session::Session;
use super::timeline_editor::status_color;
use super::words;
use super::{Command, theme};
use crate::model::{EvidenceBasis, PersonCategory, PersonStatus, RecordKind};
use crate::stats::{Figure, Stats};
use crate::t;

/// The figures of the current list; a clicked count shows its list.
pub fn show(ui: &mut Ui, session: &mut Session, commands: &mut Vec<Command>) {
    let stats = session.stats().clone();
    ui.horizontal(|ui| {
        ui.heading(t!("stats-heading"));
        ui.label(theme::hint(t!("stats-for", count = stats.records)));
    });
    let (from, until) = (session.filter.from, session.filter.until);
    if from.is_some() || until.is_some() {
        ui.label(theme::hint(t!(
            "stats-dates",
            from = from.map_or_else(|| t!("stats-the-start"), |d| d.to_string()),
            until = until.map_or_else(|| t!("stats-today"), |d| d.to_string())
        )));
    }
    ui.separator();
    let mut show_list = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                figure(&mut cols[0], &stats, Figure::Status, |ui| {
                    by_status(ui, &stats, &mut show_list)
                });
                figure(&mut cols[1], &stats, Figure::Category, |ui| {
                    by_category(ui, &stats, &mut show_list)
                });
            });
            ui.add_space(8.0);
            figure(ui, &stats, Figure::StatusAndBasis, |ui| {
                by_status_and_basis(ui, &stats, &mut show_list)
            });
            ui.add_space(8.0);
            figure(ui, &stats, Figure::Weeks, |ui| weekly_plot(ui, &stats));
        });
    if let Some(choice) = show_list {
        let f = &mut session.filter;
        f.kinds = [RecordKind::Person].into();
        match choice {
            ListChoice::Status(s) => f.statuses = [s].into(),
            ListChoice::StatusBasis(s, b) => {
                f.statuses = [s].into();
                f.bases = [b].into();
            }
            ListChoice::Category(c) => f.categories = [c].into(),
        }
        commands.push(Command::ShowPlace(Place::Records));
    }
}

/// Persons by current status, each with its colour.
fn by_status(ui: &mut Ui, stats: &Stats, show_list: &mut Option<ListChoice>) {
    egui::Grid::new("stats-status")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for s in PersonStatus::ALL {
                let n = stats.by_status.get(s).copied().unwrap_or(0);
                ui.horizontal(|ui| {
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().rect_filled(r, 2.0, status_color(*s));
                    ui.label(words::status(*s));
                });
                if count_link(ui, n, &words::status(*s)) {
                    *show_list = Some(ListChoice::Status(*s));
                }
                ui.end_row();
            }
            if stats.no_status > 0 {
                ui.label(t!("stats-no-status"));
                ui.label(stats.no_status.to_string());
                ui.end_row();
            }
            ui.label(RichText::new(t!("stats-all-persons")).strong());
            ui.label(RichText::new(stats.persons.to_string()).strong());
            ui.end_row();
        });
}

/// Persons by category (civilian or serviceman).
fn by_category(ui: &mut Ui, stats: &Stats, show_list: &mut Option<ListChoice>) {
    egui::Grid::new("stats-category")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for c in PersonCategory::ALL {
                let n = stats.by_category.get(c).copied().unwrap_or(0);
                ui.label(words::category(*c));
                if count_link(ui, n, &words::category(*c)) {
                    *show_list = Some(ListChoice::Category(*c));
                }
                ui.end_row();
            }
            if stats.no_category > 0 {
                ui.label(t!("stats-not-recorded"));
                ui.label(stats.no_category.to_string());
                ui.end_row();
            }
        });
}

/// Each status that has an evidence basis, by basis.
fn by_status_and_basis(ui: &mut Ui, stats: &Stats, show_list: &mut Option<ListChoice>) {
    if stats.by_status_and_basis.is_empty() {
        ui.label(theme::hint(t!("stats-no-basis")));
        return;
    }
    egui::Grid::new("stats-basis")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (s, by) in &stats.by_status_and_basis {
                ui.label(RichText::new(words::status(*s)).strong());
                ui.end_row();
                for b in EvidenceBasis::ALL {
                    let n = by.get(b).copied().unwrap_or(0);
                    ui.label(format!("   {}", words::basis(*b)));
                    if count_link(
                        ui,
                        n,
                        &format!("{}, {}", words::status(*s), words::basis(*b)),
                    ) {
                        *show_list = Some(ListChoice::StatusBasis(*s, *b));
                    }
                    ui.end_row();
                }
            }
        });
}

enum ListChoice {
    Status(PersonStatus),
    StatusBasis(PersonStatus, EvidenceBasis),
    Category(PersonCategory),
}

/// A figure's title in the interface's language.
fn figure_title(which: Figure) -> String {
    match which {
        Figure::Status => t!("figure-status"),
        Figure::StatusAndBasis => t!("figure-status-basis"),
        Figure::Category => t!("figure-category"),
        Figure::Weeks => t!("figure-weeks"),
    }
}

/// A count that opens its list when clicked (plain text when zero).
fn count_link(ui: &mut Ui, n: usize, what: &str) -> bool {
    if n == 0 {
        ui.label(theme::hint("0"));
        return false;
    }
    ui.link(n.to_string())
        .on_hover_text(t!("stats-show", count = n, what = what))
        .accessible_name(format!("{what}: {n}"))
        .clicked()
}

/// A framed figure with its title and a button that copies it as text.
fn figure(ui: &mut Ui, stats: &Stats, which: Figure, body: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(figure_title(which)).strong());
            if ui
                .small_button(t!("stats-copy"))
                .on_hover_text(t!("stats-copy-hint"))
                .accessible_name(t!("stats-copy-name", figure = figure_title(which)))
                .clicked()
            {
                ui.ctx().copy_text(stats.text(which));
            }
        });
        body(ui);
    });
}

/// Status changes per week, stacked by status, and incidents beside them.
fn weekly_plot(ui: &mut Ui, stats: &Stats) {
    if stats.weeks.is_empty() {
        ui.label(theme::hint(t!("stats-no-weeks")));
        return;
    }
    let first = stats.weeks[0].start;
    let week_no = |d: jiff::civil::Date| ((d - first).get_days() / 7) as f64;
    let mut charts: Vec<BarChart> = Vec::new();
    for s in PersonStatus::ALL {
        if !stats.weeks.iter().any(|w| w.changes.contains_key(s)) {
            continue;
        }
        // One bar per week in every chart (zero where nothing happened): egui_plot stacks
        // charts bar by bar, by position in the list.
        let bars: Vec<Bar> = stats
            .weeks
            .iter()
            .map(|w| {
                let n = w.changes.get(s).copied().unwrap_or(0);
                Bar::new(week_no(w.start) - 0.18, n as f64).width(0.34)
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(words::status(*s), bars)
            .color(status_color(*s))
            .stack_on(&refs);
        charts.push(chart);
    }
    let incidents: Vec<Bar> = stats
        .weeks
        .iter()
        .filter(|w| w.incidents > 0)
        .map(|w| Bar::new(week_no(w.start) + 0.18, w.incidents as f64).width(0.34))
        .collect();
    let label_first = first;
    Plot::new("weekly-plot")
        .height(220.0)
        .width(ui.available_width())
        .legend(Legend::default())
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_y(0.0)
        .y_axis_label(t!("stats-per-week"))
        .x_axis_formatter(move |mark, _| {
            let days = (mark.value * 7.0).round() as i64;
            label_first
                .checked_add(jiff::Span::new().days(days))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            for c in charts {
                plot.bar_chart(c);
            }
            if !incidents.is_empty() {
                plot.bar_chart(
                    BarChart::new(t!("stats-incidents"), incidents)
                        .color(egui::Color32::from_gray(140)),
                );
            }
        });
}
