//! The record editor's fields: the grid of the record's own fields (kind, label, date,
//! place, verification...), warnings, tags, source, text, a person's names and details,
//! and private notes. Dates and coordinates reach the draft only once they parse.

use eframe::egui::{self, ComboBox, RichText, TextEdit, Ui};

use super::editor::Editor;
use super::{theme, widgets, words};
use crate::model::{
    CollectionMethod, ContentWarning, Label, PersonCategory, PersonName, RecordKind, Sex,
    Verification,
};
use crate::t;

/// A row of the fields grid: a label and a single-line text field it names.
fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(value)
                .id_salt(label)
                .hint_text(hint)
                .desired_width(widgets::room(ui)),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// A row of the fields grid: a label and a drop-down of `options`.
fn combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> String,
) {
    combo_row_showing(ui, label, value, options, &name, &name);
}

/// `combo_row`, the closed drop-down showing `shown` of the value (shorter than the
/// options' `name`, so it fits the editor's width without being cut).
fn combo_row_showing<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: &dyn Fn(T) -> String,
    shown: &dyn Fn(T) -> String,
) {
    let l = ui.label(label);
    let mut chose = false;
    let combo = ComboBox::from_id_salt(label)
        .selected_text(shown(*value))
        .width(widgets::room(ui).clamp(120.0, 220.0))
        .truncate()
        .show_ui(ui, |ui| {
            for option in options {
                chose |= ui.selectable_value(value, *option, name(*option)).clicked();
            }
        });
    keyboard_friendly(ui, combo.response.labelled_by(l.id), chose);
    ui.end_row();
}

/// After a choice in a drop-down (by mouse, or Enter on the focused entry), the list
/// closes and the keyboard returns to the drop-down, so Tab goes on from there.
fn keyboard_friendly(ui: &Ui, combo: egui::Response, chose: bool) {
    if chose {
        egui::Popup::close_id(ui.ctx(), combo.id.with("popup"));
        combo.request_focus();
    }
}

/// Like `combo_row`, with a "not set" choice.
fn optional_combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[T],
    name: impl Fn(T) -> String,
) {
    let l = ui.label(label);
    let mut chose = false;
    let combo = ComboBox::from_id_salt(label)
        .selected_text(value.map(&name).unwrap_or_else(|| t!("field-not-set")))
        .width(widgets::room(ui).clamp(120.0, 220.0))
        .truncate()
        .show_ui(ui, |ui| {
            chose |= ui
                .selectable_value(value, None, t!("field-not-set"))
                .clicked();
            for option in options {
                chose |= ui
                    .selectable_value(value, Some(*option), name(*option))
                    .clicked();
            }
        });
    keyboard_friendly(ui, combo.response.labelled_by(l.id), chose);
    ui.end_row();
}

pub(super) fn fields(ui: &mut Ui, editor: &mut Editor) {
    egui::Grid::new("record-fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let r = &mut editor.draft;
            let was_person = r.kind == RecordKind::Person;
            combo_row(
                ui,
                &t!("field-kind"),
                &mut r.kind,
                RecordKind::ALL,
                words::kind,
            );
            if r.kind == RecordKind::Person && !was_person && r.person.is_none() {
                r.person = Some(Box::default());
            }
            // Closed, the label shows whole (AMBER and AMBER+STRICT must never look alike);
            // open, each with what it means.
            combo_row_showing(
                ui,
                &t!("field-label"),
                &mut r.label,
                &Label::ALL,
                &|l| format!("{}  {}", l.as_str(), words::label_short(l)),
                &|l| l.as_str().to_string(),
            );
            date_row(ui, editor);
            let r = &mut editor.draft;
            text_row(
                ui,
                &t!("field-place"),
                &mut r.place,
                &t!("field-place-hint"),
            );
            coordinates_row(ui, editor);
            let r = &mut editor.draft;
            let author = if r.kind == RecordKind::Person {
                t!("field-reported-by")
            } else {
                t!("field-author")
            };
            text_row(ui, &author, &mut r.author, &t!("field-author-hint"));
            text_row(ui, &t!("field-language"), &mut r.language, "hy, ru, az, en");
            combo_row(
                ui,
                &t!("field-verification"),
                &mut r.verification,
                Verification::ALL,
                words::verification,
            );
        });
}

/// The place's position as typed ("39.8177, 46.7528"); it reaches the record when it parses.
fn coordinates_row(ui: &mut Ui, editor: &mut Editor) {
    let l = ui.label(t!("field-coordinates"));
    ui.vertical(|ui| {
        let r = ui
            .add(
                TextEdit::singleline(&mut editor.coords_text)
                    .hint_text(t!("field-coordinates-hint"))
                    .desired_width(widgets::room(ui)),
            )
            .labelled_by(l.id);
        if r.changed() {
            let typed = editor.coords_text.trim();
            if typed.is_empty() {
                editor.draft.coordinates = None;
                editor.coords_error = None;
            } else {
                match typed.parse::<crate::model::GeoPoint>() {
                    Ok(point) => {
                        editor.draft.coordinates = Some(Box::new(point));
                        editor.coords_error = None;
                    }
                    Err(e) => editor.coords_error = Some(e),
                }
            }
        }
        if let Some(e) = &editor.coords_error {
            ui.label(
                RichText::new(t!("field-not-saved", why = e))
                    .small()
                    .color(theme::error_color(ui)),
            );
        }
    });
    ui.end_row();
}

/// The date as typed; it reaches the record only when it parses.
fn date_row(ui: &mut Ui, editor: &mut Editor) {
    let l = ui.label(t!("field-date"));
    widgets::fuzzy_date_field(
        ui,
        l.id,
        &mut editor.date_text,
        &mut editor.date_error,
        &mut editor.draft.date,
        "2020-09-27, 2020-09, or 2020-09-27..2020-11-09",
    );
    ui.end_row();
}

pub(super) fn warnings(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    ui.label(RichText::new(t!("field-warnings")).strong());
    ui.horizontal_wrapped(|ui| {
        for w in ContentWarning::ALL {
            let mut on = editor.draft.warnings.contains(w);
            if ui.checkbox(&mut on, words::warning(*w)).changed() {
                if on {
                    editor.draft.warnings.insert(*w);
                } else {
                    editor.draft.warnings.remove(w);
                }
            }
        }
    });
}

pub(super) fn tags(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    ui.label(RichText::new(t!("field-tags")).strong());
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        // Each tag a label and its remove button, so the row wraps between them (a framed
        // group would not), and a long tag shortened (whole on hover): a tag must not
        // widen the editor.
        for (i, tag) in editor.draft.tags.iter().enumerate() {
            let shown = widgets::shortened(tag, 32);
            let chip =
                RichText::new(format!(" {shown} ")).background_color(ui.visuals().faint_bg_color);
            let label = ui.label(chip);
            if shown != *tag {
                label.on_hover_text(tag);
            }
            if ui
                .small_button("x")
                .on_hover_text(t!("field-remove-tag-hint", tag = tag))
                .accessible_name(t!("field-remove-tag", tag = tag))
                .clicked()
            {
                remove = Some(i);
            }
            ui.add_space(6.0);
        }
    });
    if let Some(i) = remove {
        editor.draft.tags.remove(i);
    }
    ui.horizontal(|ui| {
        let r = ui
            .add(
                TextEdit::singleline(&mut editor.new_tag)
                    .hint_text(t!("field-new-tag"))
                    .desired_width(180.0),
            )
            .accessible_name(t!("field-new-tag"));
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(t!("field-add-tag")).clicked() || enter) && !editor.new_tag.trim().is_empty()
        {
            let tag = editor.new_tag.trim().to_string();
            if !editor
                .draft
                .tags
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&tag))
            {
                editor.draft.tags.push(tag);
            }
            editor.new_tag.clear();
            if enter {
                r.request_focus();
            }
        }
    });
}

pub(super) fn source(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new(t!("field-source")).strong())
        .id_salt("source")
        .default_open(!editor.draft.source.is_empty())
        .show(ui, |ui| {
            egui::Grid::new("source-fields")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let s = &mut editor.draft.source;
                    text_row(
                        ui,
                        &t!("field-source-name"),
                        &mut s.name,
                        &t!("field-source-name-hint"),
                    );
                    text_row(ui, "URL", &mut s.url, "https://...");
                    optional_combo_row(
                        ui,
                        &t!("field-how-collected"),
                        &mut s.method,
                        CollectionMethod::ALL,
                        words::method,
                    );
                });
        });
}

pub(super) fn body(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    let l = ui.label(RichText::new(t!("field-description")).strong());
    ui.add(
        TextEdit::multiline(&mut editor.draft.body)
            .hint_text(t!("field-description-hint"))
            .desired_rows(5)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
}

pub(super) fn person(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(6.0);
    ui.label(RichText::new(t!("field-person")).strong());
    person_details(ui, editor);
    let p = editor.draft.person.get_or_insert_with(Box::default);
    let mut remove = None;
    let mut make_primary = None;
    egui::Grid::new("person-names")
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for (i, name) in p.names.iter_mut().enumerate() {
                ui.add_sized(
                    [170.0, 20.0],
                    TextEdit::singleline(&mut name.text).hint_text(t!("field-name-hint")),
                )
                .accessible_name(t!("field-name", n = i + 1));
                ui.add_sized(
                    [70.0, 20.0],
                    TextEdit::singleline(&mut name.lang).hint_text("hy, hy-Latn, ru"),
                )
                .accessible_name(t!("field-script-of-name", n = i + 1));
                if ui.radio(name.primary, t!("field-primary")).clicked() {
                    make_primary = Some(i);
                }
                if ui
                    .small_button("x")
                    .accessible_name(t!("field-remove-name", n = i + 1))
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = make_primary {
        for (j, n) in p.names.iter_mut().enumerate() {
            n.primary = i == j;
        }
    }
    if let Some(i) = remove {
        p.names.remove(i);
    }
    // The title is the primary name (one source of truth), whichever field was typed in.
    if let Some(name) = p.primary_name()
        && editor.draft.title != name.text
    {
        editor.draft.title = name.text.clone();
    }
    let p = editor.draft.person.get_or_insert_with(Box::default);
    if ui.button(t!("field-add-name")).clicked() {
        let primary = p.names.is_empty();
        p.names.push(PersonName {
            primary,
            ..Default::default()
        });
    }
}

/// Birth, sex, residence, civilian or serviceman (with unit and rank), identifying notes.
fn person_details(ui: &mut Ui, editor: &mut Editor) {
    let Editor {
        draft,
        birth_text,
        birth_error,
        ..
    } = editor;
    let p = draft.person.get_or_insert_with(Box::default);
    egui::Grid::new("person-details")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(t!("field-birth"));
            widgets::fuzzy_date_field(
                ui,
                l.id,
                birth_text,
                birth_error,
                &mut p.birth,
                "1987-03-14, 1987, or 1987?",
            );
            ui.end_row();
            optional_combo_row(ui, &t!("field-sex"), &mut p.sex, Sex::ALL, words::sex);
            text_row(
                ui,
                &t!("field-residence"),
                &mut p.residence,
                &t!("field-residence-hint"),
            );
            optional_combo_row(
                ui,
                &t!("field-category"),
                &mut p.category,
                PersonCategory::ALL,
                words::category,
            );
            if p.category == Some(PersonCategory::Serviceman) {
                text_row(ui, &t!("field-unit"), &mut p.unit, &t!("field-unit-hint"));
                text_row(ui, &t!("field-rank"), &mut p.rank, &t!("field-rank"));
            }
            let l = ui.label(t!("field-identifying"));
            ui.add(
                TextEdit::multiline(&mut p.identifying)
                    .hint_text(t!("field-identifying-hint"))
                    .desired_rows(2)
                    .desired_width(widgets::room(ui)),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    ui.add_space(4.0);
}

pub(super) fn private_notes(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(6.0);
    let l = ui.label(RichText::new(t!("field-private")).strong());
    ui.label(theme::hint(t!("field-private-hint")));
    ui.add(
        TextEdit::multiline(&mut editor.draft.private_notes)
            .hint_text(t!("field-private-placeholder"))
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
}
