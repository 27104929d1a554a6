//! The catalogue-wide audit log (View > Audit log): every entry, newest first, filtered by
//! actor, action and date. Clicking a record's title selects it.

use crate::t;
use eframe::egui::{self, Align, ComboBox, RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::memo::Memo;
use super::theme;
use crate::audit::{Action, AuditEntry, LogFilter};
use crate::model::RecordId;
use crate::store::Catalogue;

/// The window's filter and the entries it lets through (recomputed only when the log or
/// the filter changes).
#[derive(Debug, Default)]
pub struct LogView {
    pub filter: LogFilter,
    pub since_text: String,
    pub until_text: String,
    date_error: Option<String>,
    /// The entries for (log length, filter).
    entries: Memo<(usize, LogFilter), Vec<AuditEntry>>,
}

impl LogView {
    /// Lets go of the entries read from the log (the window is closed).
    pub fn forget(&mut self) {
        self.entries = Memo::default();
    }

    fn entries(&mut self, log: &crate::audit::AuditLog) -> &[AuditEntry] {
        self.entries
            .get((log.len(), self.filter.clone()), |(_, f)| log.filtered(f))
    }
}

/// The window, while `open`.
pub fn show(
    ctx: &egui::Context,
    cat: &Catalogue,
    view: &mut LogView,
    open: &mut bool,
    commands: &mut Vec<Command>,
) {
    if !*open {
        return;
    }
    egui::Window::new(t!("log-title"))
        .id(egui::Id::unique("audit-log"))
        .open(open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([820.0, 480.0])
        .show(ctx, |ui| {
            filters(ui, view);
            ui.separator();
            let entries = view.entries(cat.audit());
            let n = entries.len();
            ui.label(theme::hint(t!("log-count", count = n)));
            table(ui, entries, cat, commands);
        });
}

fn filters(ui: &mut Ui, view: &mut LogView) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(t!("log-actor"));
        let actor = ui
            .add(
                TextEdit::singleline(&mut view.filter.actor)
                    .hint_text(t!("log-any"))
                    .desired_width(120.0),
            )
            .labelled_by(l.id);
        if super::new_window::takes_keyboard(ui.ctx(), super::command::WindowKind::AuditLog) {
            actor.request_focus();
        }
        let l = ui.label(t!("log-action"));
        ComboBox::from_id_salt("log-action")
            .selected_text(
                view.filter
                    .action
                    .map_or_else(|| t!("log-any-action"), super::words::action),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.action, None, t!("log-any-action"));
                for a in Action::ALL {
                    ui.selectable_value(
                        &mut view.filter.action,
                        Some(*a),
                        super::words::action(*a),
                    );
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label(t!("log-from"));
        let since = ui
            .add(
                TextEdit::singleline(&mut view.since_text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(96.0),
            )
            .labelled_by(l.id);
        let l = ui.label(t!("log-to"));
        let until = ui
            .add(
                TextEdit::singleline(&mut view.until_text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(96.0),
            )
            .labelled_by(l.id);
        if since.changed() || until.changed() {
            match (
                super::widgets::parse_day(&view.since_text),
                super::widgets::parse_day(&view.until_text),
            ) {
                (Ok(a), Ok(b)) => {
                    view.filter.since = a;
                    view.filter.until = b;
                    view.date_error = None;
                }
                (Err(e), _) | (_, Err(e)) => view.date_error = Some(e),
            }
        }
        if ui.button(t!("log-clear")).clicked() {
            *view = LogView::default();
        }
    });
    if let Some(e) = &view.date_error {
        ui.label(RichText::new(e).small().color(theme::error_color(ui)));
    }
}

fn table(
    ui: &mut Ui,
    entries: &[AuditEntry],
    cat: &crate::store::Catalogue,
    commands: &mut Vec<Command>,
) {
    let title = |id: &RecordId| {
        cat.get(id)
            .or_else(|| cat.get_trashed(id))
            .map(|r| r.display_title().to_string())
    };
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(52.0).at_least(40.0))
        .column(Column::initial(138.0).at_least(100.0))
        .column(Column::initial(130.0).at_least(60.0).clip(true))
        .column(Column::initial(300.0).at_least(120.0).clip(true))
        .column(Column::remainder().at_least(100.0).clip(true))
        .header(22.0, |mut h| {
            for t in [
                t!("log-entry"),
                t!("log-time"),
                t!("log-actor"),
                t!("log-what"),
                t!("log-record"),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(t).strong());
                });
            }
        })
        .body(|body| {
            body.rows(22.0, entries.len(), |mut row| {
                let e = &entries[row.index()];
                row.col(|ui| {
                    ui.label(e.seq.to_string());
                });
                row.col(|ui| {
                    ui.label(e.time.strftime("%Y-%m-%d %H:%M").to_string());
                });
                row.col(|ui| {
                    ui.label(&e.actor);
                });
                row.col(|ui| {
                    let detail = super::log_words::detail(e);
                    let what = match detail.is_empty() {
                        true => super::words::action(e.action),
                        false => format!("{}: {detail}", super::words::action(e.action)),
                    };
                    ui.label(&what).on_hover_text(&what);
                });
                row.col(|ui| {
                    if let Some(id) = e.record {
                        match title(&id) {
                            Some(t) => {
                                if ui.link(t).clicked() {
                                    commands.push(Command::Select(Some(id)));
                                }
                            }
                            None => {
                                ui.label(theme::hint(format!("deleted ({})", id.short())));
                            }
                        }
                    }
                });
            });
        });
}
