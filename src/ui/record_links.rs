//! The record's links in the editor: each link (click to follow), and a search to add one.

use eframe::egui::{ComboBox, RichText, TextEdit, Ui};

use super::command::Command;
use super::editor::Editor;
use super::{theme, widgets, words};
use crate::model::{Link, LinkKind, RecordId};
use crate::search::{Filter, SearchIndex};
use crate::store::Catalogue;
use crate::t;

/// The links, and (when the record can be edited) a way to add one.
pub(super) fn show(
    ui: &mut Ui,
    editor: &mut Editor,
    cat: &Catalogue,
    index: &SearchIndex,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.label(RichText::new(t!("links-heading")).strong());
    if let Some(i) = rows(ui, editor, cat, editable, commands) {
        editor.draft.links.remove(i);
    }
    if editable {
        finder(ui, editor, cat, index);
    }
}

/// One row per link: its kind and target (or why the target cannot be shown). Returns the
/// link whose remove button was pressed.
fn rows(
    ui: &mut Ui,
    editor: &Editor,
    cat: &Catalogue,
    editable: bool,
    commands: &mut Vec<Command>,
) -> Option<usize> {
    let mut remove = None;
    for (i, link) in editor.draft.links.iter().enumerate() {
        // Wrapped, and a long title shortened: a link must not widen the editor.
        ui.horizontal_wrapped(|ui| {
            ui.label(theme::hint(words::link_kind(link.kind)));
            match cat.get(&link.target) {
                Some(target) => {
                    theme::label_badge(ui, target.label);
                    let title = target.display_title();
                    if ui
                        .link(widgets::shortened(title, 40))
                        .on_hover_text(format!("{}: {title}", words::kind(target.kind)))
                        .clicked()
                    {
                        commands.push(Command::Select(Some(link.target)));
                    }
                }
                None if cat.get_trashed(&link.target).is_some() => {
                    ui.label(theme::hint(t!("links-in-trash")));
                }
                None => {
                    ui.label(
                        RichText::new(t!("links-missing", id = link.target.short()))
                            .color(theme::warn_color(ui)),
                    );
                }
            }
            if editable
                && ui
                    .small_button("x")
                    .accessible_name(t!("links-remove", n = i + 1))
                    .clicked()
            {
                remove = Some(i);
            }
        });
    }
    remove
}

/// The kind of a new link, and a search for its target: the first matches, each a button
/// that adds the link.
fn finder(ui: &mut Ui, editor: &mut Editor, cat: &Catalogue, index: &SearchIndex) {
    ui.horizontal(|ui| {
        ComboBox::from_id_salt("new-link-kind")
            .selected_text(words::link_kind(editor.link_kind))
            .show_ui(ui, |ui| {
                for k in LinkKind::ALL {
                    ui.selectable_value(&mut editor.link_kind, *k, words::link_kind(*k));
                }
            })
            .response
            .accessible_name(t!("links-kind"));
        ui.add(
            TextEdit::singleline(&mut editor.link_query)
                .hint_text(t!("links-find"))
                .desired_width(f32::INFINITY),
        )
        .accessible_name(t!("links-find"));
    });
    if editor.link_query.trim().is_empty() {
        return;
    }
    let filter = Filter {
        text: editor.link_query.clone(),
        ..Filter::default()
    };
    let me = editor.draft.id;
    let matches: Vec<RecordId> = index
        .search(&filter)
        .ids
        .into_iter()
        .filter(|id| *id != me)
        .take(8)
        .collect();
    if matches.is_empty() {
        ui.label(theme::hint(t!("links-no-match")));
    }
    for id in matches {
        let Some(target) = cat.get(&id) else { continue };
        let text = format!("{}: {}", words::kind(target.kind), target.display_title());
        let clicked = ui
            .horizontal(|ui| {
                theme::label_badge(ui, target.label);
                ui.button(text).on_hover_text(t!("links-add")).clicked()
            })
            .inner;
        if clicked {
            editor.draft.links.push(Link {
                kind: editor.link_kind,
                target: id,
                note: String::new(),
                extra: Default::default(),
            });
            editor.link_query.clear();
        }
    }
}
