//! The centre: the record list as a sortable table. Only visible rows are laid out, so it
//! stays smooth with 100,000 records.

use eframe::egui::{self, Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::layout::{self, LayoutPrefs, LayoutSeen, ListColumn};
use super::marks::Marks;
use super::session::Session;
use super::{Command, theme, timeline_editor, words};
use crate::model::{Label, Record, RecordId, ReviewAction};
use crate::search::SortColumn;
use crate::store::Catalogue;
use crate::t;

const ROW_HEIGHT: f32 = 26.0;

/// The list's one place for the keyboard: the chosen row (the first when none is). One
/// id, whichever row holds it, so the keyboard stays on the list as the arrows move the
/// choice; Tab comes to it once and goes on to the editor.
pub fn list_focus_id() -> egui::Id {
    egui::Id::unique("record-list-keyboard")
}

/// The list of the current filter, sorted, with the selection. The label comes first and
/// is never cut; when the shown columns do not fit, the list scrolls sideways.
pub fn show(
    ui: &mut Ui,
    session: &mut Session,
    layout: &mut LayoutPrefs,
    seen: &mut LayoutSeen,
    commands: &mut Vec<Command>,
) {
    let selected = session.selected;
    let scroll = std::mem::take(&mut session.scroll_to_selected);
    let sorting = (session.sort, session.ascending);
    let filtered = !session.filter.is_empty();
    let writable = session.cat.is_writable();
    // Taken out while the list borrows the session; put back below.
    let mut marks = std::mem::take(&mut session.marks);
    let (ids, cat) = session.listing();
    marks.keep_only_if_changed(ids);
    if marks.len() > 1 {
        bulk_bar(ui, &marks, ids, writable, commands);
    }
    let missing = draw_list(
        ui,
        (ids, cat),
        &marks,
        View {
            selected,
            scroll,
            sorting,
            filtered,
        },
        layout,
        seen,
        commands,
    );
    session.marks = marks;
    if !missing.is_empty() {
        // Rows whose records a lazy opening left in the snapshot: in by the next frame.
        session.cat.load_also(&missing);
        ui.ctx().request_repaint();
    }
}

/// What the list shows besides its rows.
#[derive(Clone, Copy)]
struct View {
    selected: Option<RecordId>,
    scroll: bool,
    sorting: (SortColumn, bool),
    filtered: bool,
}

fn draw_list(
    ui: &mut Ui,
    (ids, cat): (&[RecordId], &Catalogue),
    marks: &Marks,
    view: View,
    layout: &mut LayoutPrefs,
    seen: &mut LayoutSeen,
    commands: &mut Vec<Command>,
) -> Vec<RecordId> {
    let View {
        selected,
        scroll,
        sorting,
        filtered,
    } = view;
    if ids.is_empty() {
        empty_state(ui, filtered, cat.live_count() == 0, commands);
        return Vec::new();
    }
    let mut missing = Vec::new();
    let selected_row = selected.and_then(|s| ids.iter().position(|id| *id == s));
    let focus_row = selected_row.unwrap_or(0);
    order_line(ui, sorting, ids.len(), commands);
    ui.style_mut().interaction.selectable_labels = false;
    let columns = layout.shown();
    let badge = layout::badge_width(ui);
    let fits = ui.available_width() >= width_needed(ui, &columns, badge);
    // A new id whenever the shown columns change: remembered widths are per position.
    let hidden: Vec<ListColumn> = layout.hidden.iter().copied().collect();
    let id = (layout.id("record-list"), hidden);
    let mut draw = |ui: &mut Ui| {
        let row_x = ui.available_rect_before_wrap().x_range();
        // The column dividers' ids, as egui_extras makes them: Tab passes over them.
        let state = ui.scope_id().with(egui::IdSalt::new(&id));
        seen.dividers = (0..columns.len())
            .map(|i| state.with("resize_column").with(i))
            .collect();
        let mut table = builder(ui, &id, &columns, badge, fits);
        if scroll && let Some(row) = selected_row {
            table = table.scroll_to_row(row, Some(Align::Center));
        }
        table
            .header(24.0, |mut header| {
                for c in &columns {
                    header.col(|ui| header_cell(ui, *c, sorting, layout, commands));
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, ids.len(), |mut row| {
                    let id = ids[row.index()];
                    let Some(r) = cat.get(&id) else {
                        missing.extend(Some(id).filter(|id| cat.is_deferred(id)));
                        return;
                    };
                    row.set_selected(selected == Some(id) || marks.contains(&id));
                    let keyboard = row.index() == focus_row;
                    let last = columns.len() - 1;
                    for (n, c) in columns.iter().enumerate() {
                        row.col(|ui| {
                            cell(ui, *c, r, seen);
                            // In the last cell, so its outline is drawn over the row.
                            if keyboard && n == last {
                                keyboard_place(ui, row_x, r, selected == Some(id));
                            }
                        });
                    }
                    clicked(&row.response(), id, commands);
                });
            });
    };
    if fits {
        draw(ui);
    } else {
        egui::ScrollArea::horizontal()
            .id_salt((&id, "sideways"))
            .auto_shrink([false, false])
            .show(ui, |ui| draw(ui));
    }
    missing
}

/// What can be done to the chosen records at once.
fn bulk_bar(
    ui: &mut Ui,
    marks: &Marks,
    listing: &[RecordId],
    writable: bool,
    commands: &mut Vec<Command>,
) {
    let ids = || marks.in_order(listing);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t!("bulk-chosen", count = marks.len())).strong());
            ui.add_enabled_ui(writable, |ui| {
                ui.menu_button(t!("bulk-label"), |ui| {
                    for label in Label::ALL {
                        if ui.button(label.as_str()).clicked() {
                            commands.push(Command::SetLabel { ids: ids(), label });
                        }
                    }
                });
                ui.menu_button(t!("bulk-add-tag"), |ui| {
                    let id = egui::Id::unique("bulk-tag");
                    let mut tag: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut tag)
                            .hint_text(t!("bulk-tag-hint"))
                            .desired_width(160.0),
                    );
                    let field = field.accessible_name(t!("bulk-tag-field"));
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button(t!("bulk-add")).clicked() || enter) && !tag.trim().is_empty() {
                        commands.push(Command::AddTag {
                            ids: ids(),
                            tag: tag.trim().into(),
                        });
                        tag.clear();
                        ui.close();
                    }
                    ui.data_mut(|d| d.insert_temp(id, tag));
                });
                if ui.button(t!("bulk-submit")).clicked() {
                    commands.push(Command::Review {
                        ids: ids(),
                        action: ReviewAction::Submit,
                        comment: String::new(),
                    });
                }
                if ui.button(t!("bulk-trash")).clicked() {
                    commands.push(Command::TrashMany(ids()));
                }
            });
            if ui.button(t!("bulk-export")).clicked() {
                commands.push(Command::ExportCsv(Some(ids())));
            }
            if ui
                .button(t!("bulk-clear"))
                .on_hover_text(t!("bulk-clear-hint"))
                .clicked()
            {
                commands.push(Command::Select(None));
            }
        });
    });
}

/// How the list is ordered, and the way back to the first order (last changed first).
fn order_line(
    ui: &mut Ui,
    (sort, ascending): (SortColumn, bool),
    count: usize,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(theme::hint(t!("list-count", count = count)));
        if sort == SortColumn::Modified && !ascending {
            ui.label(theme::hint(t!("list-last-changed-first")));
            return;
        }
        let by = ListColumn::ALL
            .into_iter()
            .find(|c| c.sort() == sort)
            .map_or_else(|| t!("list-default-order"), |c| c.name());
        let way = if ascending {
            t!("list-ascending")
        } else {
            t!("list-descending")
        };
        ui.label(theme::hint(t!("list-sorted-by", column = by, way = way)));
        if ui
            .small_button(t!("list-default-order"))
            .on_hover_text(t!("list-default-order-hint"))
            .clicked()
        {
            commands.push(Command::DefaultOrder);
        }
    });
}

/// The width `columns` need side by side at their first widths (the title at its least).
fn width_needed(ui: &Ui, columns: &[ListColumn], badge: f32) -> f32 {
    let spacing = ui.spacing().item_spacing.x;
    columns
        .iter()
        .map(|c| match c {
            ListColumn::Label => badge,
            ListColumn::Title => c.widths().1,
            _ => c.widths().0,
        } + spacing)
        .sum()
}

/// The table with its columns: the label measured, the title taking what is left when
/// everything fits.
fn builder<'a>(
    ui: &'a mut Ui,
    id: &(impl std::hash::Hash + std::fmt::Debug),
    columns: &[ListColumn],
    badge: f32,
    fits: bool,
) -> TableBuilder<'a> {
    let mut table = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(true)
        // Cells take clicks, not the keyboard: the row's one place does (`keyboard_place`).
        .sense(egui::Sense::CLICK)
        .cell_layout(egui::Layout::left_to_right(Align::Center));
    for c in columns {
        let (first, least) = c.widths();
        table = table.column(match c {
            ListColumn::Label => Column::exact(badge).resizable(false),
            ListColumn::Title if fits => Column::remainder().at_least(least).clip(true),
            _ => Column::initial(first).at_least(least).clip(true),
        });
    }
    table
}

/// The row's place for the keyboard, across the whole row: named by the record's title
/// for screen readers, outlined while it has the keyboard, and the arrows left to the
/// list (they move the choice) instead of moving the keyboard to another widget.
fn keyboard_place(ui: &mut Ui, row_x: egui::Rangef, r: &Record, chosen: bool) {
    let rect = egui::Rect::from_x_y_ranges(row_x, ui.max_rect().y_range());
    let id = list_focus_id();
    let response = ui.interact(rect, id, egui::Sense::FOCUSABLE);
    // Named apart from the title's own label: "List: <title>".
    let title = t!("list-keyboard-name", title = r.display_title());
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::ListItem, true, chosen, &title));
    if response.has_focus() {
        let arrows = egui::EventFilter {
            vertical_arrows: true,
            ..Default::default()
        };
        ui.memory_mut(|m| m.set_focus_lock_filter(id, arrows));
        let clip = egui::Rect::from_x_y_ranges(row_x, ui.clip_rect().y_range());
        let stroke = ui.visuals().widgets.active.bg_stroke;
        ui.ctx()
            .layer_painter(ui.layer_id())
            .with_clip_rect(clip)
            .rect_stroke(rect.shrink(1.0), 2.0, stroke, egui::StrokeKind::Inside);
    }
}

/// A click on a row: alone, with Ctrl (join or leave the choice) or with Shift (a range).
fn clicked(response: &egui::Response, id: RecordId, commands: &mut Vec<Command>) {
    if !response.clicked() {
        return;
    }
    let m = response.ctx.input(|i| i.modifiers);
    commands.push(if m.command {
        Command::ToggleMark(id)
    } else if m.shift {
        Command::MarkRange(id)
    } else {
        Command::Select(Some(id))
    });
}

/// A column's heading: click to sort by it, right-click to choose the columns.
fn header_cell(
    ui: &mut Ui,
    c: ListColumn,
    (sort, ascending): (SortColumn, bool),
    layout: &mut LayoutPrefs,
    commands: &mut Vec<Command>,
) {
    let arrow = match (sort == c.sort(), ascending) {
        (true, true) => " ^",
        (true, false) => " v",
        _ => "",
    };
    let text = RichText::new(format!("{}{arrow}", c.name())).strong();
    let response = ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_text(t!("list-sort-hint", column = c.name()));
    if response.clicked() {
        commands.push(Command::SortBy(c.sort()));
    }
    response.context_menu(|ui| column_chooser(ui, layout));
}

/// A checkbox for each column that may be hidden (View > Columns, or right-click a heading).
pub fn column_chooser(ui: &mut Ui, layout: &mut LayoutPrefs) {
    for c in ListColumn::ALL {
        let mut shown = !layout.hidden.contains(&c);
        let response = ui.add_enabled(c.hideable(), egui::Checkbox::new(&mut shown, c.name()));
        let response = response.on_disabled_hover_text(t!("list-always-shown"));
        if response.changed() {
            if shown {
                layout.hidden.remove(&c);
            } else {
                layout.hidden.insert(c);
            }
        }
    }
}

/// One cell of a record's row.
fn cell(ui: &mut Ui, c: ListColumn, r: &Record, seen: &mut LayoutSeen) {
    match c {
        ListColumn::Label => {
            let badge = theme::label_badge(ui, r.label);
            seen.badges.push((r.id, badge.rect, ui.clip_rect()));
        }
        ListColumn::Kind => {
            ui.label(words::kind(r.kind));
        }
        ListColumn::Title => {
            let mut title = RichText::new(r.display_title());
            if r.title.trim().is_empty() && r.person.is_none() {
                title = title.italics().weak();
            }
            ui.label(title);
            if r.is_graphic() {
                ui.label(
                    RichText::new(t!("list-graphic"))
                        .small()
                        .color(theme::warn_color(ui)),
                )
                .on_hover_text(t!("list-graphic-hint"));
            }
        }
        ListColumn::Status => status_cell(ui, r),
        ListColumn::Date => {
            if let Some(d) = r.date {
                ui.label(d.compact()).on_hover_text(d.to_string());
            }
        }
        ListColumn::Verification => {
            ui.label(
                RichText::new(words::verification(r.verification))
                    .color(theme::verification_color(ui, r.verification)),
            );
        }
        ListColumn::Files => {
            if !r.attachments.is_empty() {
                ui.label(r.attachments.len().to_string());
            }
        }
    }
}

/// A person's current status (coloured as in the timeline), its date and evidence basis.
fn status_cell(ui: &mut Ui, r: &Record) {
    let Some(p) = &r.person else {
        return;
    };
    let (status, date, basis) = match p.current() {
        Some(e) => (Some(e.status), e.date, e.basis),
        None => (p.status, None, p.basis),
    };
    let Some(status) = status else {
        return;
    };
    let mut text = words::status(status);
    if let Some(d) = date {
        text.push_str(&format!("  {}", d.compact()));
    }
    ui.label(RichText::new(text).color(timeline_editor::status_color(status)));
    if let Some(b) = basis {
        ui.label(theme::hint(words::basis(b)))
            .on_hover_text(t!("list-basis-hint", basis = words::basis(b)));
    }
}

fn empty_state(ui: &mut Ui, filtered: bool, catalogue_empty: bool, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        if catalogue_empty {
            ui.heading(t!("list-empty-heading"));
            ui.label(t!("list-empty-text"));
        } else if filtered {
            ui.heading(t!("list-no-match-heading"));
            ui.label(t!("list-no-match-text"));
        }
        let _ = commands;
    });
}
